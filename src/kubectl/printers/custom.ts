/**
 * The table of a custom resource, as the apiextensions-apiserver's tableconvertor builds it
 * (pkg/registry/customresource/tableconvertor): NAME, then the version's additionalPrinterColumns
 * (those with priority > 0 only with -o wide), or NAME and AGE when it lists none.
 */
import type { ResourceInfo } from "../../engine/api/resources";
import { JsonPath } from "../output/jsonpath";
import type { CellValue } from "./common";
import { translateTimestampSince } from "./duration";
import { GENERIC_HANDLER, type TableHandler } from "./kinds";

/** One additionalPrinterColumns entry. */
interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  format?: string;
}

/** What a cell shows when its JSONPath finds nothing. */
const MISSING = "<none>";

/** One column's cell: the first JSONPath result, a date as an age. */
function columnCell(obj: unknown, col: PrinterColumn, now: number): CellValue {
  let results: unknown[][];
  try {
    results = new JsonPath(`{${col.jsonPath}}`, { allowMissingKeys: true }).findResults(obj as never);
  } catch {
    return MISSING;
  }
  const value = results[0]?.[0];
  if (value === undefined || value === null) return MISSING;
  if (col.type === "date" && typeof value === "string") return translateTimestampSince(value, now);
  if (typeof value === "object") return JSON.stringify(value);
  return value as CellValue;
}

/** The table handler of a custom resource's served version. */
export function customResourceTableHandler(res: ResourceInfo): TableHandler {
  const columns = (res.custom?.definition?.additionalPrinterColumns ?? []) as PrinterColumn[];
  if (columns.length === 0) return GENERIC_HANDLER;
  const shown = (wide: boolean) => columns.filter((c) => wide || !c.priority);
  return {
    columns: ["NAME", ...shown(false).map((c) => c.name.toUpperCase())],
    wideColumns: [],
    nameColumn: 0,
    headers: (wide) => ["NAME", ...shown(wide).map((c) => c.name.toUpperCase())],
    row: (obj, o) => [
      obj.metadata.name ?? "",
      ...shown(Boolean(o.wide)).map((c) => columnCell(obj, c, o.now)),
    ],
  };
}
