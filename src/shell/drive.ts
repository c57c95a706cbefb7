/**
 * Runs a shell Proc to its end synchronously, on the cluster's clock: a sleep advances the
 * cluster (`sleep 30` at the prompt moves simulated time), a throttled busy loop gets a little
 * time, and a wait that would never end at a terminal without a person (`tail -f`, `sleep
 * infinity`, an endless loop) gets a Ctrl-C, then is killed if it ignores it.
 */
import type { Cluster } from "../engine/cluster";
import { type Output, type Proc, THROTTLE_MS, type Wait } from "../engine/sh/interface";

/** The most simulated time one terminal line may take (seconds): a week. */
export const LINE_MAX_SECONDS = 7 * 24 * 3600;

/** The most waits one terminal line may take (a loop of short sleeps). */
export const LINE_MAX_WAITS = 20_000;

/** Status of a command ended by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Where a line's signal handler lives: the terminal's System records the shell's. */
export interface SignalTarget {
  signal?: (name: string) => void;
}

/** Drives proc to its end; returns its exit status. */
export function driveProc(cluster: Cluster, proc: Proc, target: SignalTarget): number {
  return driveUntil(cluster, proc, target) as number;
}

/**
 * Drives proc on the cluster's clock; with handOverAfter, a proc still running after that many
 * waits (or waiting forever) is handed back as it waits, for a terminal to go on driving it as
 * its clock plays (ForegroundLine).
 */
export function driveUntil(
  cluster: Cluster,
  proc: Proc,
  target: SignalTarget,
  handOverAfter?: number,
): number | { waiting: Wait } {
  const start = cluster.clock.now();
  const deadline = start + LINE_MAX_SECONDS * 1000;
  let waits = 0;
  let interrupted = false;
  let r = proc.next();
  while (!r.done) {
    const w = r.value;
    if (handOverAfter !== undefined && (w.kind === "forever" || waits >= handOverAfter))
      return { waiting: w };
    const ms = w.kind === "sleep" ? Math.max(0, w.ms) : w.kind === "throttle" ? THROTTLE_MS : -1;
    if (ms >= 0 && waits++ < LINE_MAX_WAITS && cluster.clock.now() + ms <= deadline) {
      cluster.advance(ms / 1000);
    } else if (!interrupted && target.signal) {
      interrupted = true;
      target.signal("INT");
    } else {
      try {
        proc.return(EXIT_INTERRUPTED);
      } catch {
        // A cleanup that fails does not stop the interrupt.
      }
      return EXIT_INTERRUPTED;
    }
    r = proc.next();
  }
  return r.value;
}

/** Collects what a line writes: each stream, and both in the order written. */
export class Capture {
  stdout = "";
  stderr = "";
  combined = "";
  readonly out: Output = {
    write: (t) => {
      this.stdout += t;
      this.combined += t;
    },
  };
  readonly err: Output = {
    write: (t) => {
      this.stderr += t;
      this.combined += t;
    },
  };
}

/**
 * Writes a result whose streams were interleaved (`combined`) back out in that order: line by
 * line, each line taken from the stream it begins.
 */
export function writeInterleaved(
  r: { stdout: string; stderr: string; combined?: string },
  out: Output,
  err: Output,
): void {
  if (r.combined === undefined || r.combined === r.stdout + r.stderr) {
    out.write(r.stdout);
    err.write(r.stderr);
    return;
  }
  let o = r.stdout;
  let e = r.stderr;
  const lines = r.combined.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (const line of lines) {
    if (e.startsWith(line)) {
      err.write(line);
      e = e.slice(line.length);
    } else if (o.startsWith(line)) {
      out.write(line);
      o = o.slice(line.length);
    } else break;
  }
  out.write(o);
  err.write(e);
}

/** When a wait that starts at `now` ends (virtual ms). */
function dueOf(w: Wait, now: number): number {
  if (w.kind === "sleep") return now + Math.max(0, w.ms);
  if (w.kind === "throttle") return now + THROTTLE_MS;
  return Number.POSITIVE_INFINITY;
}

/**
 * A line still running at a terminal that streams (`tail -f`, a `while true` loop): resumed as
 * the cluster's clock reaches the end of its wait, until it ends or Ctrl+C.
 */
export class ForegroundLine {
  private due: number;

  constructor(
    private readonly cluster: Cluster,
    private readonly proc: Proc,
    private readonly target: SignalTarget,
    waiting: Wait,
  ) {
    this.due = dueOf(waiting, cluster.clock.now());
  }

  /** Resumes the line as far as the clock has come; its exit status once it ended. */
  poll(): number | undefined {
    for (let steps = 0; this.due <= this.cluster.clock.now() && steps < LINE_MAX_WAITS; steps++) {
      const r = this.proc.next();
      if (r.done) return r.value;
      this.due = dueOf(r.value, this.cluster.clock.now());
    }
    return undefined;
  }

  /** Ctrl+C: the shell takes SIGINT and ends the line (a command that ignores it is killed). */
  interrupt(): number {
    this.target.signal?.("INT");
    for (let steps = 0; steps < LINE_MAX_WAITS; steps++) {
      const r = this.proc.next();
      if (r.done) return r.value;
      if (r.value.kind !== "sleep" || r.value.ms > 0) break;
    }
    try {
      this.proc.return(EXIT_INTERRUPTED);
    } catch {
      // A cleanup that fails does not stop the interrupt.
    }
    return EXIT_INTERRUPTED;
  }
}
