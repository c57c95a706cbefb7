/**
 * Reading a container's log as the kubelet serves `kubectl logs` (pkg/kubelet/kuberuntime/logs
 * ReadLogs): the last `tail` lines of the file first, then lines older than `since` skipped,
 * `--timestamps` prefixing RFC3339NanoFixed times, and `--limit-bytes` cutting the output.
 * Both streams go to the one response, in the order they were written.
 */
import type { LogLine } from "./logbuffer";

/** The kubelet's LogOptions (NewLogOptions from v1.PodLogOptions). */
export interface LogOptions {
  /** Lines from the end; -1 or undefined: all. */
  tail?: number;
  /** Bytes at most; undefined: all. */
  limitBytes?: number;
  /** Virtual ms; lines before it are skipped. */
  sinceMs?: number;
  timestamps?: boolean;
}

/** types.RFC3339NanoFixed: 2026-01-01T00:00:05.123000000Z (nine digits, always). */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:05.123Z
  return `${iso.slice(0, 23)}000000Z`;
}

/** The text `kubectl logs` prints for these lines and options. */
export function readLogs(lines: readonly LogLine[], opts: LogOptions = {}): string {
  const tail = opts.tail ?? -1;
  const start = tail >= 0 ? Math.max(0, lines.length - tail) : 0;
  let remain = opts.limitBytes ?? Number.POSITIVE_INFINITY;
  let out = "";
  for (let i = start; i < lines.length && remain > 0; i++) {
    const l = lines[i] as LogLine;
    if (opts.sinceMs !== undefined && l.t < opts.sinceMs) continue;
    let text = `${opts.timestamps ? `${rfc3339NanoFixed(l.t)} ` : ""}${l.text}\n`;
    if (text.length > remain) text = text.slice(0, remain);
    remain -= text.length;
    out += text;
  }
  return out;
}
