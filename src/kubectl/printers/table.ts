/**
 * `kubectl get` tables: the human-readable printer of cli-runtime (tableprinter.go) over the
 * rows of printers.go, with --no-headers, -o wide, --show-labels, -L, --show-kind and -A.
 */
import { resourceForKind } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { cellText, formatLabels, type RowOptions } from "./common";
import { EVENT_HANDLER } from "./events";
import { GENERIC_HANDLER, TABLE_HANDLERS, type TableHandler } from "./kinds";
import { TABLE_TABWRITER, tabwrite } from "./tabwriter";
import { tableCell } from "./terminal";

/** Options of a `kubectl get` table. */
export interface TableOptions {
  /** The instant ages are measured at (ms since epoch). */
  now: number;
  /** -o wide. */
  wide?: boolean;
  /** --no-headers. */
  noHeaders?: boolean;
  /** --show-labels: a LABELS column. */
  showLabels?: boolean;
  /** -L KEY: one column per label key. */
  labelColumns?: string[];
  /**
   * --show-kind, or several types asked for (`pods,nodes`, `all`): names become `pod/x`,
   * `deployment.apps/web`.
   */
  showKind?: boolean;
  /** -A: a NAMESPACE column (never for cluster-scoped kinds). */
  allNamespaces?: boolean;
  /** The handler of kinds the API server describes itself (custom resources), by kind. */
  handlers?: (kind: string) => TableHandler | undefined;
}

/** The table handler kubectl uses for a kind. */
export function tableHandler(kind: string): TableHandler {
  if (kind === "Event") return EVENT_HANDLER;
  return TABLE_HANDLERS[kind] ?? GENERIC_HANDLER;
}

/** `pod`, `deployment.apps`: the lower-case group kind kubectl prefixes names with. */
export function kindPrefix(obj: KubeObject): string {
  const res = resourceForKind(obj.kind);
  const group = res
    ? res.group
    : obj.apiVersion.includes("/")
      ? (obj.apiVersion.split("/")[0] as string)
      : "";
  return (group ? `${obj.kind}.${group}` : obj.kind).toLowerCase();
}

/** The header and row lines of one kind's table, tab separated (not yet aligned). */
export function tableLines(objs: KubeObject[], options: TableOptions): string[] {
  const kind = objs[0]?.kind ?? "";
  const h = options.handlers?.(kind) ?? tableHandler(kind);
  const wide = Boolean(options.wide);
  const o: RowOptions = { now: options.now, wide };
  const namespaced = resourceForKind(kind)?.namespaced ?? Boolean(objs[0]?.metadata.namespace);
  const withNamespace = Boolean(options.allNamespaces) && namespaced;
  const labelColumns = options.labelColumns ?? [];
  const headers = h.headers ? h.headers(wide) : wide ? [...h.columns, ...h.wideColumns] : [...h.columns];
  if (withNamespace) headers.unshift("NAMESPACE");
  for (const l of labelColumns) headers.push((l.split("/").pop() ?? l).toUpperCase());
  if (options.showLabels) headers.push("LABELS");
  const nameColumn = wide && h.wideNameColumn !== undefined ? h.wideNameColumn : h.nameColumn;

  const lines: string[] = [];
  if (!options.noHeaders) lines.push(headers.join("\t"));
  for (const obj of objs) {
    const cells = h.row(obj, o).map(cellText);
    if (options.showKind && nameColumn >= 0 && nameColumn < cells.length)
      cells[nameColumn] = `${kindPrefix(obj)}/${cells[nameColumn]}`;
    if (withNamespace) cells.unshift(obj.metadata.namespace ?? "");
    for (const l of labelColumns) cells.push(obj.metadata.labels?.[l] ?? "");
    if (options.showLabels) cells.push(formatLabels(obj.metadata.labels));
    lines.push(cells.map(tableCell).join("\t"));
  }
  return lines;
}

/**
 * Prints objects as `kubectl get` does. Objects of several kinds give one table per kind (in
 * the order they first appear) separated by a blank line, as `kubectl get pods,nodes`.
 * Prints nothing for no objects: the caller writes noResourcesFound() to stderr.
 *
 * @example printTable(api.list("Pod", {namespace: "default"}), {now: clock.now()})
 */
export function printTable(objs: KubeObject[], options: TableOptions): string {
  const groups: KubeObject[][] = [];
  const byKind = new Map<string, KubeObject[]>();
  for (const obj of objs) {
    let g = byKind.get(obj.kind);
    if (!g) {
      g = [];
      byKind.set(obj.kind, g);
      groups.push(g);
    }
    g.push(obj);
  }
  const out: string[] = [];
  for (const g of groups) {
    if (out.length > 0 && !options.noHeaders) out.push("\n");
    out.push(tabwrite(`${tableLines(g, options).join("\n")}\n`, TABLE_TABWRITER));
  }
  return out.join("");
}

/**
 * What kubectl get writes to stderr when nothing matched: `No resources found in NS namespace.`,
 * or `No resources found` with -A or for cluster-scoped kinds (namespace undefined).
 */
export function noResourcesFound(namespace?: string): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : "No resources found\n";
}
