/**
 * A container's log as the runtime writes it (CRI log format: one entry per line with its time
 * and stream), bounded as the kubelet's containerLogMaxSize (10Mi) rotation bounds it:
 * `kubectl logs` reads the current file, so once it passes the limit the oldest lines go.
 * A line's size is what it takes in the CRI log file (`TIMESTAMP STREAM F TEXT\n`), so a flood of
 * short lines is bounded as on a node. Lines are kept in columns (time, stream, text), not as one
 * object each: a container looping `echo tick` for hours writes millions.
 *
 * A process running ahead of the cluster's clock (kubelet/procrun.ts) writes lines stamped with
 * its own, later, time: readers see only the lines due by the cluster's time (entries(until)),
 * and a process stopped at t takes back what it wrote after t (dropAfter). A line written at the
 * cluster's time meanwhile (another process of the container) goes in its place by time. Rotation
 * counts every line written, so a log at its limit may drop its oldest lines up to a minute early.
 */
import type { Output } from "../sh/interface";

/** kubelet's containerLogMaxSize default. */
export const CONTAINER_LOG_MAX_BYTES = 10 * 1024 * 1024;

/** The runtime splits a line longer than this (containerd's maxContainerLogLineSize, 16 KiB). */
const MAX_LINE = 16 * 1024;

/** One log line. */
export interface LogLine {
  /** Virtual ms when the line was written. */
  t: number;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * The bytes of a CRI log line around its text: `2026-01-01T00:00:01.5Z stdout F ` and the
 * newline. The time is RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano).
 */
export function criLineOverhead(t: number, stream: "stdout" | "stderr"): number {
  let ms = ((t % 1000) + 1000) % 1000;
  let fraction = 0;
  if (ms !== 0) {
    fraction = 4; // ".ddd"
    while (ms % 10 === 0) {
      ms /= 10;
      fraction--;
    }
  }
  // "2006-01-02T15:04:05" (19) + fraction + "Z" + " " + stream + " F " + "\n"
  return 19 + fraction + 1 + 1 + stream.length + 3 + 1;
}

/** The lines of one container instance. */
export class LogBuffer {
  /**
   * Each line's time and stream in one number: t * 2, plus 1 for stderr (times are whole virtual
   * ms, far below 2^52, so this is exact). One column less to touch per line than three.
   */
  private stamps: number[] = [];
  private texts: string[] = [];
  /** Bytes of the kept lines in the CRI file format. */
  private bytes = 0;
  /** Index of the oldest kept line (lines before it were rotated away). */
  private head = 0;
  /** What was written after each stream's last newline. */
  private partialOut = "";
  private partialErr = "";
  /**
   * When each stream's partial line grew, as [t, length after], while it is not empty: what
   * dropAfter keeps of it.
   */
  private partialMarks?: { stdout: number[]; stderr: number[] };

  constructor(private readonly maxBytes = CONTAINER_LOG_MAX_BYTES) {}

  /** Appends text written to a stream at time t; complete lines become entries. */
  write(stream: "stdout" | "stderr", text: string, t: number): void {
    if (!text) return;
    const partial = stream === "stdout" ? this.partialOut : this.partialErr;
    const nl = text.indexOf("\n");
    if (partial === "" && nl === text.length - 1) {
      // One whole line (`echo tick`), the common case; the same as the last one is not cut again.
      const n = this.texts.length;
      const prev = n > this.head ? (this.texts[n - 1] as string) : undefined;
      const same = prev !== undefined && prev.length === nl && text.startsWith(prev);
      this.push(t, stream, same ? (prev as string) : text.slice(0, nl));
      return;
    }
    const buf = partial + text;
    let from = 0;
    let at = partial === "" ? nl : buf.indexOf("\n");
    while (at >= 0) {
      this.push(t, stream, buf.slice(from, at));
      from = at + 1;
      at = buf.indexOf("\n", from);
    }
    let rest = from === 0 ? buf : buf.slice(from);
    // A line longer than the limit is cut, as the runtime splits over-long lines (16 KiB chunks).
    if (rest.length > MAX_LINE) {
      this.push(t, stream, rest);
      rest = "";
    }
    if (stream === "stdout") this.partialOut = rest;
    else this.partialErr = rest;
    this.markPartial(stream, t, rest.length, from === 0);
  }

  /** Notes that a stream's partial line is now `length` long (grown at t, or begun anew). */
  private markPartial(stream: "stdout" | "stderr", t: number, length: number, grown: boolean): void {
    if (length === 0 && this.partialMarks === undefined) return;
    this.partialMarks ??= { stdout: [], stderr: [] };
    const marks = this.partialMarks[stream];
    if (!grown) marks.length = 0;
    if (length > 0) marks.push(t, length);
    else marks.length = 0;
  }

  /**
   * Takes back what was written after virtual time t (a process that ran ahead was stopped at
   * t): the lines stamped later, and what a partial line gained since (a line finished after t
   * goes whole, with the part of it written before).
   */
  dropAfter(t: number): void {
    let n = this.texts.length;
    while (n > this.head && Math.floor((this.stamps[n - 1] as number) / 2) > t) {
      n--;
      this.bytes -= this.lineBytes(n);
    }
    this.texts.length = n;
    this.stamps.length = n;
    const marks = this.partialMarks;
    if (marks === undefined) return;
    this.partialOut = this.partialOut.slice(0, keptLength(marks.stdout, t));
    this.partialErr = this.partialErr.slice(0, keptLength(marks.stderr, t));
    trimMarks(marks.stdout, t);
    trimMarks(marks.stderr, t);
  }

  /** Ends the instance: a last line without its newline is still logged. */
  flush(t: number): void {
    if (this.partialOut) this.push(t, "stdout", this.partialOut);
    if (this.partialErr) this.push(t, "stderr", this.partialErr);
    this.partialOut = "";
    this.partialErr = "";
    this.partialMarks = undefined;
  }

  /** An Output writing to one stream, stamping lines with now(). */
  output(stream: "stdout" | "stderr", now: () => number): Output {
    return new LogOutput(this, stream, now);
  }

  /** How many lines are kept. */
  get size(): number {
    return this.texts.length - this.head;
  }

  /** The kept lines, oldest first; with until, those written by then (virtual ms). */
  entries(until = Number.POSITIVE_INFINITY): LogLine[] {
    const out: LogLine[] = [];
    for (let i = this.head; i < this.texts.length; i++) {
      const stamp = this.stamps[i] as number;
      if (Math.floor(stamp / 2) > until) break;
      out.push({
        t: Math.floor(stamp / 2),
        stream: stamp % 2 ? "stderr" : "stdout",
        text: this.texts[i] as string,
      });
    }
    return out;
  }

  /** What line i takes in the CRI log file. */
  private lineBytes(i: number): number {
    const stamp = this.stamps[i] as number;
    return (
      (this.texts[i] as string).length +
      criLineOverhead(Math.floor(stamp / 2), stamp % 2 ? "stderr" : "stdout")
    );
  }

  /** Puts a line after every kept line of its time or earlier (lines stay in time order). */
  private insert(stamp: number, text: string): void {
    const t = Math.floor(stamp / 2);
    let lo = this.head;
    let hi = this.texts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Math.floor((this.stamps[mid] as number) / 2) <= t) lo = mid + 1;
      else hi = mid;
    }
    this.texts.splice(lo, 0, text);
    this.stamps.splice(lo, 0, stamp);
  }

  private push(t: number, stream: "stdout" | "stderr", text: string): void {
    const n = this.texts.length;
    const stamp = Math.round(t) * 2 + (stream === "stderr" ? 1 : 0);
    if (n > this.head && Math.floor((this.stamps[n - 1] as number) / 2) > Math.round(t)) {
      // Written at the cluster's time beside a process that ran ahead: in its place by time.
      this.insert(stamp, text);
    } else {
      // A line like the one before shares its string (a loop's `echo tick` keeps one "tick").
      const prev = n > this.head ? (this.texts[n - 1] as string) : undefined;
      this.texts.push(prev === text ? prev : text);
      this.stamps.push(stamp);
    }
    this.bytes += text.length + criLineOverhead(t, stream);
    while (this.bytes > this.maxBytes && this.head < this.texts.length) {
      this.bytes -= this.lineBytes(this.head);
      this.head++;
    }
    // Compact now and then so rotated lines are freed.
    if (this.head > 4096 && this.head * 2 > this.texts.length) {
      this.texts = this.texts.slice(this.head);
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }
}

/** The length a partial line had at time t, from its marks ([t, length] pairs, oldest first). */
function keptLength(marks: number[], t: number): number {
  let kept = 0;
  for (let i = 0; i < marks.length && (marks[i] as number) <= t; i += 2) kept = marks[i + 1] as number;
  return kept;
}

/** Drops the marks later than t. */
function trimMarks(marks: number[], t: number): void {
  let n = marks.length;
  while (n > 0 && (marks[n - 2] as number) > t) n -= 2;
  marks.length = n;
}

/** One stream of a LogBuffer as an Output (an object with a method: one step less than a closure). */
class LogOutput implements Output {
  constructor(
    private readonly log: LogBuffer,
    private readonly stream: "stdout" | "stderr",
    private readonly now: () => number,
  ) {}

  write(text: string): void {
    this.log.write(this.stream, text, this.now());
  }

  rewind(t: number): void {
    this.log.dropAfter(t);
  }
}
