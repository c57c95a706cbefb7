/**
 * How etcdctl and etcdutl print: zap's JSON lines (etcdctl, client/pkg/logutil's encoder with
 * microsecond UTC stamps), zap's console lines (etcdutl: RFC 3339 stamp, level, caller, message,
 * fields) and olekukonko/tablewriter's tables with every cell right-aligned (printer_table.go
 * calls SetAlignment(ALIGN_RIGHT)).
 */

/** A zap time as etcd 3.5's logger encodes it: `2024-03-06T02:11:54.505542Z`. */
export function zapTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(Math.floor((ms * 1000) % 1000)).padStart(3, "0")}Z`;
}

/** One JSON log line of etcdctl (level, ts, logger, caller, msg, then the fields in order). */
export function zapJson(
  ms: number,
  level: "info" | "warn",
  caller: string,
  msg: string,
  fields: Record<string, unknown> = {},
  logger?: string,
): string {
  const head: Record<string, unknown> = { level, ts: zapTime(ms) };
  if (logger) head.logger = logger;
  return JSON.stringify({ ...head, caller, msg, ...fields });
}

/** One console log line of etcdutl: `2024-03-06T02:20:00Z\tinfo\tCALLER\tMSG\t{"k": "v", ...}`. */
export function zapConsole(
  ms: number,
  caller: string,
  msg: string,
  fields: Record<string, unknown> = {},
): string {
  const stamp = `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const entries = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`);
  return `${stamp}\tinfo\t${caller}\t${msg}${entries.length ? `\t{${entries.join(", ")}}` : ""}`;
}

/** zap's console encoder writes arrays with `, ` between items. */
function spaced(v: unknown): string {
  return Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(", ")}]` : JSON.stringify(v);
}

/** A tablewriter table: headers upper-cased and centred, cells right-aligned, one space of padding. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const titles = header.map((h) => h.toUpperCase());
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const centre = (t: string, w: number) => {
    const left = Math.floor((w - t.length) / 2);
    return `${" ".repeat(left)}${t}${" ".repeat(w - t.length - left)}`;
  };
  const head = `|${titles.map((t, i) => ` ${centre(t, widths[i] as number)} `).join("|")}|`;
  const body = rows.map((r) => `|${widths.map((w, i) => ` ${(r[i] ?? "").padStart(w)} `).join("|")}|`);
  return [line, head, line, ...body, line].map((l) => `${l}\n`).join("");
}
