/**
 * klog's text header, as kubectl's own warnings print it on stderr (k8s.io/klog/v2
 * formatHeader): `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`.
 *
 * @example klogLine("W", now, "helpers.go", 702, "--dry-run is deprecated ...")
 * // "W1206 14:11:02.318004    4400 helpers.go:702] --dry-run is deprecated ...\n"
 */

/** The process id kubectl's log lines carry (the `ps` of a node shows the same one). */
export const KUBECTL_PID = 4400;

const two = (n: number) => String(n).padStart(2, "0");

/** One klog line for severity I, W, E or F at simulated time nowMs (UTC), with its newline. */
export function klogLine(
  severity: "I" | "W" | "E" | "F",
  nowMs: number,
  file: string,
  line: number,
  msg: string,
): string {
  const d = new Date(nowMs);
  const micros = String((nowMs % 1000) * 1000).padStart(6, "0");
  const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
  return `${severity}${stamp} ${String(KUBECTL_PID).padStart(7)} ${file}:${line}] ${msg}\n`;
}
