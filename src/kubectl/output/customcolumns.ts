/**
 * `-o custom-columns=HEADER:.path,...` and `-o custom-columns-file=FILE`, as cli-runtime's
 * CustomColumnsPrinter (customcolumn.go): relaxed paths, `<none>` for nothing found, several
 * values joined with commas, values printed with Go's %v.
 */
import { TABLE_TABWRITER, tabwrite } from "../printers/tabwriter";
import { goFmtV } from "./gofmt";
import { JsonPath, JsonPathError } from "./jsonpath";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

/** One column: its header and its jsonpath template (`{.metadata.name}`). */
export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPathExpression(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] || m[2]}}`;
}

/** Parses `NAME:.metadata.name,STATUS:.status.phase`; throws JsonPathError with kubectl's message. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0)
    throw new JsonPathError("custom-columns format specified but no custom columns given");
  return spec.split(",").map((part) => {
    const i = part.indexOf(":");
    if (i < 0)
      throw new JsonPathError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

/** Parses a custom-columns file: a line of headers, then a line of paths, whitespace separated. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  if (lines.length < 1 || (lines.length === 1 && lines[0] === ""))
    throw new JsonPathError(
      "invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.",
    );
  if (lines.length < 2)
    throw new JsonPathError(
      "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.",
    );
  const headers = (lines[0] as string).split(/\s+/).filter(Boolean);
  const specs = (lines[1] as string).split(/\s+/).filter(Boolean);
  if (headers.length !== specs.length)
    throw new JsonPathError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i] as string) }));
}

/** Prints objects as custom columns (one row each), aligned as kubectl's tables. */
export function printCustomColumns(
  objs: Json[],
  columns: CustomColumn[],
  options: { noHeaders?: boolean } = {},
): string {
  const lines = customColumnLines(objs, columns, options);
  return tabwrite(lines.length ? `${lines.join("\n")}\n` : "", TABLE_TABWRITER);
}

/** The header (unless noHeaders) and one line per object, cells tab separated (not yet aligned). */
export function customColumnLines(
  objs: Json[],
  columns: CustomColumn[],
  options: { noHeaders?: boolean } = {},
): string[] {
  const parsers = columns.map((c) => new JsonPath(c.fieldSpec, { allowMissingKeys: true }));
  const lines: string[] = [];
  if (!options.noHeaders) lines.push(columns.map((c) => c.header).join("\t"));
  for (const obj of objs) {
    const cells = parsers.map((p) => {
      const values = p.findResults(obj);
      const strs: string[] = [];
      if (values.length === 0 || (values[0] as Json[]).length === 0) strs.push("<none>");
      for (const group of values) for (const v of group) strs.push(goFmtV(v));
      return strs.join(",");
    });
    lines.push(cells.join("\t"));
  }
  return lines;
}
