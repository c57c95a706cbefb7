/**
 * What helm prints about releases: the status block (cmd/helm/status.go statusPrinter), the
 * tables of `helm list` and `helm history` (gosuri/uitable: cells padded to the column's width,
 * joined by tabs), and Go's time formats (time.ANSIC, Time.String, RFC 3339 in JSON) on a machine
 * whose local zone is UTC.
 */
import { toYaml } from "../../kubectl/output/yaml";
import type { Release } from "./storage";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const two = (n: number) => String(n).padStart(2, "0");

/** Go's time.ANSIC layout: `Mon Jan _2 15:04:05 2006`. */
export function formatAnsic(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The fraction of a second Go prints (up to nanoseconds, trailing zeros dropped), with its dot. */
function fraction(ms: number): string {
  const f = ((ms % 1000) + 1000) % 1000;
  return f === 0 ? "" : `.${String(f).padStart(3, "0").replace(/0+$/, "")}`;
}

/** time.Time's String(): `2006-01-02 15:04:05.999999999 +0000 UTC`. */
export function formatGoTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${fraction(ms)} +0000 UTC`;
}

/** time.Time's MarshalJSON (RFC 3339 with nanoseconds, trailing zeros dropped). */
export function formatRfc3339(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${fraction(ms)}Z`;
}

/** A stored time back in milliseconds (NaN for ""). */
export function parseTime(text: string): number {
  return text ? Date.parse(text) : Number.NaN;
}

/** uitable's rendering: each cell padded to its column's widest, cells joined by a tab. */
export function uitable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...c].length);
    });
  return rows
    .map((r) => r.map((c, i) => c + " ".repeat((widths[i] ?? 0) - [...c].length)).join("\t"))
    .join("\n");
}

/** What the status block shows besides the release. */
export interface StatusOptions {
  /** --debug (and `helm get all`): the values, hooks and manifest. */
  debug?: boolean;
  /** The release's coalesced values, for the debug block's COMPUTED VALUES. */
  computed?: unknown;
  /** `helm get all`: CHART, VERSION and APP_VERSION lines. */
  showMetadata?: boolean;
  showDescription?: boolean;
  hideNotes?: boolean;
}

/** statusPrinter.WriteTable. */
export function statusText(rel: Release, opts: StatusOptions = {}): string {
  let out = `NAME: ${rel.name}\n`;
  const last = parseTime(rel.info.last_deployed);
  if (!Number.isNaN(last)) out += `LAST DEPLOYED: ${formatAnsic(last)}\n`;
  out += `NAMESPACE: ${rel.namespace}\n`;
  out += `STATUS: ${rel.info.status}\n`;
  out += `REVISION: ${rel.version}\n`;
  if (opts.showMetadata) {
    const md = rel.chart?.metadata ?? {};
    out += `CHART: ${md.name ?? ""}\nVERSION: ${md.version ?? ""}\nAPP_VERSION: ${md.appVersion ?? ""}\n`;
  }
  if (opts.showDescription) out += `DESCRIPTION: ${rel.info.description}\n`;
  const tests = (rel.hooks ?? []).filter((h) => h.events.includes("test"));
  if (tests.length === 0) out += "TEST SUITE: None\n";
  else
    for (const h of tests) {
      const started = parseTime(h.last_run.started_at);
      if (Number.isNaN(started)) continue;
      out += `TEST SUITE:     ${h.name}\nLast Started:   ${formatAnsic(started)}\nLast Completed: ${formatAnsic(parseTime(h.last_run.completed_at))}\nPhase:          ${h.last_run.phase}\n`;
    }
  if (opts.debug) {
    const yaml = (v: unknown) => (v === undefined || v === null ? "null\n" : toYaml(v));
    out += `USER-SUPPLIED VALUES:\n${yaml(rel.config)}\nCOMPUTED VALUES:\n${yaml(opts.computed ?? rel.config)}\n`;
  }
  if (rel.info.description.toLowerCase() === "dry run complete" || opts.debug) {
    out += "HOOKS:\n";
    for (const h of rel.hooks ?? []) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    out += `MANIFEST:\n${rel.manifest ?? ""}\n`;
  }
  if (!opts.hideNotes && rel.info.notes) out += `NOTES:\n${rel.info.notes.trim()}\n`;
  return out;
}

/** formatChartname: NAME-VERSION, or MISSING without a chart. */
export function chartLabel(rel: Release): string {
  const md = rel.chart?.metadata;
  return md ? `${md.name}-${md.version}` : "MISSING";
}

/** `helm list`'s table. */
export function listTable(releases: Release[], noHeaders = false): string {
  const rows = noHeaders
    ? []
    : [["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"]];
  for (const r of releases) {
    const t = parseTime(r.info.last_deployed);
    rows.push([
      r.name,
      r.namespace,
      String(r.version),
      Number.isNaN(t) ? "-" : formatGoTime(t),
      r.info.status,
      chartLabel(r),
      r.chart?.metadata?.appVersion ?? "",
    ]);
  }
  return rows.length ? `${uitable(rows)}\n` : "\n";
}

/** `helm history`'s table, newest last. */
export function historyTable(releases: Release[]): string {
  const rows = [["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"]];
  for (const r of releases)
    rows.push([
      String(r.version),
      formatAnsic(parseTime(r.info.last_deployed)),
      r.info.status,
      chartLabel(r),
      r.chart?.metadata?.appVersion ?? "",
      r.info.description,
    ]);
  return `${uitable(rows)}\n`;
}
