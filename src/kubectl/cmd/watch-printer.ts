/**
 * The printer `kubectl get --watch` keeps for the whole watch (get.go watch(): one printer and one
 * tab writer made before the first object): a table prints its header once, before its first row
 * (tableprinter.go's printedHeaders), and every flush remembers its column widths
 * (liggitt/tabwriter RememberWidths), so a change lines up with the rows before it unless a cell
 * is wider; `--output-watch-events` puts an EVENT column first (`ADDED   `, `MODIFIED`,
 * `DELETED `: formatEventType pads them to eight); `-o yaml` separates objects with `---`
 * (yaml.go's printCount); `-o json` prints watch events on one line each (json.go).
 */
import type { ResourceInfo } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { type Invocation, KubectlError } from "../command";
import { JsonPathError, printJson, printName, printYaml } from "../output";
import { customColumnLines, parseCustomColumns, parseCustomColumnsFile } from "../output/customcolumns";
import { goJson, goJsonString } from "../output/gofmt";
import { customResourceTableHandler } from "../printers/custom";
import { type TableOptions, tableLines } from "../printers/table";
import { TABLE_TABWRITER, tabwrite } from "../printers/tabwriter";
import { formatObjects } from "../render";

/** A watch event's type, as the API server sends it. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** tableprinter.go formattedEventType: the EVENT column's cells, padded to eight. */
export const FORMATTED_EVENT_TYPE: Record<WatchEventType, string> = {
  ADDED: "ADDED   ",
  MODIFIED: "MODIFIED",
  DELETED: "DELETED ",
};

/** What one watch printer prints with, fixed for the whole watch. */
export interface WatchPrintOptions {
  res: ResourceInfo;
  /** The -o value ("" and "wide" are tables). */
  output: string;
  /** --output-watch-events: objects print as watch events (an EVENT column in tables). */
  events: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  showKind: boolean;
  allNamespaces: boolean;
  labelColumns: string[];
}

/** Prints a watch's objects as they come, keeping what kubectl's printer keeps between them. */
export class WatchPrinter {
  private printedHeaders = false;
  private readonly remembered: number[] = [];
  private printCount = 0;
  private readonly columns?: ReturnType<typeof parseCustomColumns>;

  constructor(
    private readonly options: WatchPrintOptions,
    private readonly inv: Invocation,
  ) {
    const name = options.output.split("=")[0] as string;
    if (name === "custom-columns" || name === "custom-columns-file") {
      const eq = options.output.indexOf("=");
      const spec = eq >= 0 ? options.output.slice(eq + 1) : "";
      try {
        this.columns =
          name === "custom-columns"
            ? parseCustomColumns(spec)
            : parseCustomColumnsFile(inv.ctx.readFile?.(spec) ?? "");
      } catch (e) {
        if (e instanceof JsonPathError) throw new KubectlError(e.message);
        throw new KubectlError(`error reading template ${spec}, open ${spec}: no such file or directory`);
      }
    }
  }

  /** Whether -o asks for a table (human-readable printing, one Table per print). */
  get table(): boolean {
    return this.options.output === "" || this.options.output === "wide";
  }

  /**
   * The text of one print: a table of objects (one flush), or each object in the -o format.
   * type is the watch event's, printed only with --output-watch-events; now is when it is printed.
   */
  print(objects: KubeObject[], type: WatchEventType, now: number): string {
    if (objects.length === 0) return "";
    if (this.table) return this.printTable(objects, type, now);
    if (this.columns) return this.printColumns(objects, type);
    return objects.map((o) => this.printOne(o, type)).join("");
  }

  private printTable(objects: KubeObject[], type: WatchEventType, now: number): string {
    const o = this.options;
    const tableOptions: TableOptions = {
      now,
      wide: o.output === "wide",
      noHeaders: o.noHeaders || this.printedHeaders,
      showLabels: o.showLabels,
      labelColumns: o.labelColumns,
      showKind: o.showKind,
      allNamespaces: o.allNamespaces,
      handlers: o.res.custom ? () => customResourceTableHandler(o.res) : undefined,
    };
    let lines = tableLines(objects, tableOptions);
    if (o.events) {
      const header = !tableOptions.noHeaders;
      lines = lines.map((l, i) => `${header && i === 0 ? "EVENT" : FORMATTED_EVENT_TYPE[type]}\t${l}`);
    }
    this.printedHeaders = true;
    return tabwrite(`${lines.join("\n")}\n`, TABLE_TABWRITER, this.remembered);
  }

  private printColumns(objects: KubeObject[], type: WatchEventType): string {
    const data = objects.map((obj) => (this.options.events ? { type, object: obj } : obj));
    const lines = customColumnLines(data, this.columns ?? [], {
      noHeaders: this.options.noHeaders || this.printedHeaders,
    });
    this.printedHeaders = true;
    return tabwrite(`${lines.join("\n")}\n`, TABLE_TABWRITER, this.remembered);
  }

  private printOne(obj: KubeObject, type: WatchEventType): string {
    const { output, events } = this.options;
    const name = output.split("=")[0];
    if (name === "yaml") {
      this.printCount++;
      const sep = this.printCount > 1 ? "---\n" : "";
      return sep + printYaml(events ? { object: obj, type } : obj);
    }
    if (name === "json")
      return events ? `{"type":${goJsonString(type)},"object":${goJson(obj)}}\n` : printJson(obj);
    if (name === "name") return printName(obj);
    // jsonpath and go-template read the event itself: {.type}, {.object.metadata.name}.
    const data = (events ? { type, object: obj } : obj) as KubeObject;
    try {
      return formatObjects([data], output, { list: false }, this.inv);
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(e.message.replace(/\n$/, ""));
      throw e;
    }
  }
}
