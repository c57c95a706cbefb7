/**
 * Helpers the image programs share: waiting for a stop signal, time stamps in the formats
 * servers print, and HTTP response building.
 */
import type { CommandContext, HttpResponse, System, Wait } from "../../sh/interface";

/** Signals that stop a server (the kubelet sends TERM; Ctrl-C sends INT; nginx honours QUIT). */
export const STOP_SIGNALS = ["TERM", "INT", "QUIT"] as const;

/** Signal numbers as logs print them. */
export { SIGNALS as SIGNAL_NUMBERS } from "../../sh/signals";

/** Records the first stop signal the process gets; `received()` says which (or undefined). */
export function stopWatch(
  sys: System,
  signals: readonly string[] = STOP_SIGNALS,
): { received(): string | undefined } {
  let got: string | undefined;
  for (const s of signals)
    sys.onSignal(s, () => {
      got ??= s;
    });
  return { received: () => got };
}

/** Waits until a stop signal arrives and returns its name (yields `forever` and re-checks). */
export function* untilStopped(watch: { received(): string | undefined }): Generator<Wait, string, void> {
  for (;;) {
    const s = watch.received();
    if (s) return s;
    yield { kind: "forever" };
  }
}

/**
 * Waits until the process is killed: for programs that install no signal handler, which the
 * runtime's default action ends (a Go or C server killed by TERM exits 143).
 */
export function* forever(): Generator<Wait, never, void> {
  for (;;) yield { kind: "forever" };
}

/**
 * The Go runtime's handling of TERM, INT and HUP in a program that did not ask for them
 * (os/signal): it re-raises the signal with its default action, which a container's PID 1
 * ignores, and then exits with status 2 (runtime.dieFromSignal).
 */
export const GO_RUNTIME_SIGNALS = ["TERM", "INT", "HUP"] as const;

/** The status a Go program as PID 1 exits with after a signal it did not handle. */
export const GO_SIGNAL_EXIT = 2;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The parts of a UTC instant. */
export function utc(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    wd: d.getUTCDay(),
  };
}

/** `2024/12/06 14:10:49` (nginx error log, Go's log package). */
export function slashTime(ms: number): string {
  const t = utc(ms);
  return `${t.y}/${pad(t.mo + 1)}/${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`;
}

/** `06/Dec/2024:14:10:49 +0000` (the combined access log format). */
export function clfTime(ms: number): string {
  const t = utc(ms);
  return `${pad(t.d)}/${MONTHS[t.mo]}/${t.y}:${pad(t.h)}:${pad(t.mi)}:${pad(t.s)} +0000`;
}

/** `Fri, 06 Dec 2024 14:10:49 GMT` (HTTP Date and Last-Modified). */
export function httpDate(ms: number): string {
  const t = utc(ms);
  return `${DAYS[t.wd]}, ${pad(t.d)} ${MONTHS[t.mo]} ${t.y} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)} GMT`;
}

/** `2024-12-06T14:10:49.123Z` with microseconds: `2024-12-06T14:10:49.123000Z`. */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}

/** klog's header: `I1206 14:10:49.123000       1 file.go:42] `. */
export function klog(ms: number, where: string, severity = "I"): string {
  const t = utc(ms);
  return `${severity}${pad(t.mo + 1)}${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}.${pad(t.ms, 3)}000       1 ${where}] `;
}

/** redis' log time: `06 Dec 2024 14:10:49.123`. */
export function redisTime(ms: number): string {
  const t = utc(ms);
  return `${pad(t.d)} ${MONTHS[t.mo]} ${t.y} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}.${pad(t.ms, 3)}`;
}

/** Apache's error log time: `Fri Dec 06 14:10:49.123000 2024`. */
export function apacheTime(ms: number): string {
  const t = utc(ms);
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}.${pad(t.ms, 3)}000 ${t.y}`;
}

/** A response with a body and its Content-Length. */
export function respond(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { ...headers, "Content-Length": String(utf8Length(body)) }, body };
}

/** Bytes of a text in UTF-8. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The MIME type servers give a file by its extension (nginx's mime.types, the common part). */
export function mimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const types: Record<string, string> = {
    html: "text/html",
    htm: "text/html",
    css: "text/css",
    txt: "text/plain",
    js: "application/javascript",
    json: "application/json",
    xml: "text/xml",
    png: "image/png",
    jpg: "image/jpeg",
    svg: "image/svg+xml",
  };
  return types[ext] ?? "application/octet-stream";
}

/** Splits a request path into its path and decoded query parameters. */
export function splitQuery(path: string): { path: string; query: Record<string, string> } {
  const q = path.indexOf("?");
  if (q < 0) return { path, query: {} };
  const query: Record<string, string> = {};
  for (const part of path.slice(q + 1).split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    query[k] = decodeURIComponent((eq < 0 ? "" : part.slice(eq + 1)).replace(/\+/g, " "));
  }
  return { path: path.slice(0, q), query };
}

/** Writes lines, each ending in a newline. */
export function writeLines(out: { write(text: string): void }, lines: readonly string[]): void {
  for (const l of lines) out.write(`${l}\n`);
}

/** The value of a Go-style flag (`-text=x`, `--text=x`, `-text x`), or undefined. */
export function goFlag(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const bare = a.replace(/^--?/, "");
    if (a === bare) continue;
    if (bare === name) return args[i + 1];
    if (bare.startsWith(`${name}=`)) return bare.slice(name.length + 1);
  }
  return undefined;
}

/** The pod's own address as its network resolves its host name (127.0.0.1 when unknown). */
export function ownAddress(ctx: CommandContext): string {
  return ctx.sys.network.resolve(ctx.sys.hostname())?.addresses[0] ?? "127.0.0.1";
}

/** Go's time.Duration String() at millisecond precision: 500ms, 1s, 10.5s, 2m3.5s, 1h0m0s. */
export function goDuration(ms: number): string {
  const whole = Math.round(ms);
  if (whole === 0) return "0s";
  if (whole < 1000) return `${whole}ms`;
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = `${(whole % 60_000) / 1000}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}
