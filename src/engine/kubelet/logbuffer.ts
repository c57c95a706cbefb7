/**
 * A container's log as the runtime writes it (CRI log format: one entry per line with its time
 * and stream), bounded as the kubelet's containerLogMaxSize (10Mi) rotation bounds it:
 * `kubectl logs` reads the current file, so once it passes the limit the oldest lines go.
 */
import type { Output } from "../sh/interface";

/** kubelet's containerLogMaxSize default. */
export const CONTAINER_LOG_MAX_BYTES = 10 * 1024 * 1024;

/** One log line. */
export interface LogLine {
  /** Virtual ms when the line was written. */
  t: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** The lines of one container instance. */
export class LogBuffer {
  readonly lines: LogLine[] = [];
  private bytes = 0;
  private head = 0;
  private readonly partial = { stdout: "", stderr: "" };

  constructor(private readonly maxBytes = CONTAINER_LOG_MAX_BYTES) {}

  /** Appends text written to a stream at time t; complete lines become entries. */
  write(stream: "stdout" | "stderr", text: string, t: number): void {
    if (!text) return;
    let buf = this.partial[stream] + text;
    let nl = buf.indexOf("\n");
    while (nl >= 0) {
      this.push({ t, stream, text: buf.slice(0, nl) });
      buf = buf.slice(nl + 1);
      nl = buf.indexOf("\n");
    }
    // A line longer than the limit is cut, as the runtime splits over-long lines (16 KiB chunks).
    if (buf.length > 16 * 1024) {
      this.push({ t, stream, text: buf });
      buf = "";
    }
    this.partial[stream] = buf;
  }

  /** Ends the instance: a last line without its newline is still logged. */
  flush(t: number): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.partial[stream]) this.push({ t, stream, text: this.partial[stream] });
      this.partial[stream] = "";
    }
  }

  /** An Output writing to one stream, stamping lines with now(). */
  output(stream: "stdout" | "stderr", now: () => number): Output {
    return { write: (text) => this.write(stream, text, now()) };
  }

  /** The kept lines, oldest first. */
  entries(): LogLine[] {
    if (this.head > 0) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
    return this.lines;
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    this.bytes += line.text.length + 1;
    while (this.bytes > this.maxBytes && this.head < this.lines.length) {
      this.bytes -= (this.lines[this.head] as LogLine).text.length + 1;
      this.head++;
    }
    // Compact now and then so dropped lines are freed.
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
  }
}
