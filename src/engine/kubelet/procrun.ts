/**
 * Drives one process (a Proc from the shell subsystem) on the virtual clock: runs it until it
 * waits, sets a timer for a sleep or a throttle, resumes it early on a signal, and reports its
 * exit. A process can also catch up from a past start (a restored cluster's running container):
 * its own clock then runs through its sleeps until it reaches the cluster's time.
 *
 * A process that says nothing it does is seen but its output (AheadProc: a shell looping over
 * echo and sleep) runs ahead of the cluster's clock through its sleeps, up to AHEAD_MS, in one
 * go: its output waits in the log until it is due, and it lands (waits for the clock to reach its
 * own) before anything else. A thousand containers printing every second then cost a wake-up
 * each per minute rather than sixty, with the same lines at the same times. A signal that ends
 * it, or a kill, stops it at the cluster's time and drops what it wrote after that; one it
 * ignores changes nothing, so it is not woken.
 */

import type { Clock, TimerId } from "../clock/clock";
import type { AheadProc, Proc, Wait } from "../sh/interface";
import { THROTTLE_MS } from "../sh/interface";
import { IGNORED_BY_DEFAULT, SIGNALS, signalName } from "../sh/signals";

/** Exit status of a process killed by SIGKILL (128 + 9). */
export const EXIT_SIGKILL = 137;

/** How far (virtual ms) a process may run ahead of the cluster's clock from a wake-up. */
export const AHEAD_MS = 60_000;

/** How a driven process reports back. */
export interface ProcHooks {
  /** The process ended with this status. */
  onExit(code: number): void;
  /** A label for timers (debugging, the clock's queue). */
  label: string;
  /**
   * The process became runnable (true: it spent its step budget and waits out a throttle, as a
   * busy loop does) or stopped being so (it sleeps, waits for a signal, or ended): CPU accounting.
   */
  onBusy?(busy: boolean): void;
  /**
   * The process ran ahead of the cluster's clock and was stopped at virtual time t (a fatal
   * signal, a kill): what it wrote after t must go (Output.rewind).
   */
  onRewind?(t: number): void;
}

/** One process on the virtual clock. */
export class ProcRunner {
  private gen?: Proc;
  private timer?: TimerId;
  /** The last timer that fired, scheduled again for the next wait (Clock.at's reuse). */
  private spent?: TimerId;
  private running = false;
  private wakeRequested = false;
  /**
   * The process's own clock when it is not the cluster's: behind it while catching up, ahead of
   * it while running ahead.
   */
  private lagMs?: number;
  /** While running ahead: how far it may go (AHEAD_MS past the wake-up it started from). */
  private horizon = 0;
  /** A wait the process made while ahead, started once the clock has caught up (landed). */
  private deferred?: Wait;
  /** The exit status of a process that ended ahead of the clock, reported once it caught up. */
  private endedAhead?: number;
  private readonly signalHandlers = new Map<string, () => void>();
  /** A shell's handler for every signal: it decides traps, PID-1 immunity and 128+n itself. */
  private anySignal?: (signal: string) => boolean;
  private readonly closers: (() => void)[] = [];
  /** The exit status once the process ended. */
  exitCode?: number;

  /** The hooks' label, kept here (read at every wait). */
  private readonly label: string;
  /** Whether the process is busy (throttled, runnable) as far as onBusy was last told. */
  private busy = false;

  constructor(
    private readonly clock: Clock,
    private readonly hooks: ProcHooks,
  ) {
    this.label = hooks.label;
  }

  /** The time the process sees: the cluster's, or its own while catching up. */
  now(): number {
    return this.lagMs ?? this.clock.now();
  }

  /** Whether the process runs ahead of the cluster's clock (its now() is later). */
  ahead(): boolean {
    return this.lagMs !== undefined && this.lagMs > this.clock.now();
  }

  /** When a waiting process resumes next (virtual ms); undefined when it waits for a signal. */
  waitingUntil(): number | undefined {
    return this.timer === undefined ? undefined : this.dueMs;
  }

  /** Whether the process still runs. */
  get alive(): boolean {
    return this.gen !== undefined && this.exitCode === undefined;
  }

  /** Starts the process. With fromMs in the past, it first catches up to now (replay). */
  start(make: () => number | Proc, fromMs?: number): void {
    if (fromMs !== undefined && fromMs < this.clock.now()) this.lagMs = fromMs;
    let made: number | Proc;
    try {
      made = make();
    } catch (e) {
      this.gen = emptyProc();
      this.finish(crashStatus(e));
      return;
    }
    if (typeof made === "number") {
      this.gen = emptyProc();
      this.finish(made);
      return;
    }
    this.gen = made;
    this.pump();
  }

  /** Registers (or with undefined removes) what the process does on a signal. */
  onSignal(signal: string, handler: (() => void) | undefined): void {
    const name = normaliseSignal(signal);
    if (handler) this.signalHandlers.set(name, handler);
    else this.signalHandlers.delete(name);
  }

  /** Registers a handler for every signal (a shell's); returns its unregister function. */
  onAnySignal(handler: (signal: string) => boolean): () => void {
    this.anySignal = handler;
    return () => {
      if (this.anySignal === handler) this.anySignal = undefined;
    };
  }

  /** Whether the process has a handler for this signal (a trap, a server's shutdown). */
  handles(signal: string): boolean {
    return this.anySignal !== undefined || this.signalHandlers.has(normaliseSignal(signal));
  }

  /**
   * Delivers a signal. A handled one runs its handler and wakes the process; KILL ends it;
   * an unhandled TERM/INT/HUP ends it unless it is a container's PID 1 (Linux ignores signals
   * with a default action for PID 1). Returns whether the process acted on it.
   */
  signal(signal: string, pid1 = false): boolean {
    if (!this.alive) return false;
    const name = normaliseSignal(signal);
    if (name === "KILL") {
      this.kill(EXIT_SIGKILL);
      return true;
    }
    if (this.anySignal) {
      const acts = this.anySignal(name);
      if (this.ahead()) {
        // Ignored, it changes nothing where the process is; otherwise it acts now, not ahead.
        if (!acts) return true;
        this.land();
      }
      this.wake();
      return true;
    }
    const handler = this.signalHandlers.get(name);
    if (handler) {
      if (this.ahead()) this.land();
      handler();
      this.wake();
      return true;
    }
    if (pid1 || IGNORED_BY_DEFAULT.has(name)) return false;
    this.kill(128 + (SIGNALS[name] ?? 15));
    return true;
  }

  /**
   * Resumes a waiting process now (a signal, a child's exit, data on its input). One running
   * ahead waits only on its own sleeps (or for the clock), which a wake does not end.
   */
  wake(): void {
    if (!this.alive || this.ahead()) return;
    if (this.endedAhead !== undefined) {
      this.finish(this.endedAhead); // it ended ahead and was stopped (land) before its time
      return;
    }
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    // It waited past where it ran ahead to, and the clock has passed that: its time is the clock's.
    this.lagMs = undefined;
    this.clock.cancel(this.timer);
    this.timer = undefined;
    this.pump();
  }

  /** Ends the process at once with this status (SIGKILL, an OOM kill, its sandbox stopping). */
  kill(code = EXIT_SIGKILL): void {
    if (!this.alive) return;
    if (this.ahead()) this.land();
    this.clock.cancel(this.timer);
    this.timer = undefined;
    const gen = this.gen as Proc;
    this.exitCode = code;
    if (!this.running) {
      try {
        gen.return(code);
      } catch {
        // A finally block that throws while being killed changes nothing: the process is gone.
      }
    }
    this.cleanup();
    this.hooks.onExit(code);
  }

  /** Runs something when the process ends (closing its listeners). */
  onCleanup(fn: () => void): void {
    if (this.exitCode !== undefined) fn();
    else this.closers.push(fn);
  }

  private pump(): void {
    const gen = this.gen as Proc;
    this.running = true;
    try {
      for (;;) {
        this.wakeRequested = false;
        let r: IteratorResult<Wait, number>;
        try {
          r = gen.next();
        } catch (e) {
          this.running = false;
          this.finish(crashStatus(e));
          return;
        }
        if (this.exitCode !== undefined) return; // killed while running
        if (r.done) {
          this.running = false;
          this.ended(r.value);
          return;
        }
        if (this.wakeRequested) continue;
        if (!this.waitFor(r.value)) return;
      }
    } finally {
      this.running = false;
    }
  }

  /** Starts a wait: true when it is over at once (the process goes on), false when it waits. */
  private waitFor(wait: Wait): boolean {
    const now = this.clock.now();
    const lag = this.lagMs;
    if (lag !== undefined && lag > now) {
      // Ahead: through a sleep while it may, else it lands first (the wait starts from there).
      if (wait.kind === "sleep") {
        const due = lag + Math.max(0, wait.ms);
        if (due <= this.horizon && this.mayRunAhead()) {
          this.lagMs = due;
          return true;
        }
        this.schedule(due);
        return false;
      }
      if (wait.kind !== "sync") this.deferred = wait;
      this.schedule(lag);
      return false;
    }
    if (wait.kind === "sync") return true;
    const throttled = wait.kind === "throttle";
    if (throttled !== this.busy) this.setBusy(throttled);
    const delay = wait.kind === "sleep" ? Math.max(0, wait.ms) : throttled ? THROTTLE_MS : -1;
    if (delay < 0) {
      // Waits forever: only a signal or a wake resumes it. A catching-up process is live now.
      this.lagMs = undefined;
      return false;
    }
    if (!Number.isFinite(delay)) return false;
    const due = (lag ?? now) + delay;
    if (lag !== undefined && due <= now) {
      this.lagMs = due; // catching up
      return true;
    }
    if (wait.kind === "sleep" && due <= now + AHEAD_MS && this.mayRunAhead()) {
      this.horizon = now + AHEAD_MS;
      this.lagMs = due;
      return true;
    }
    this.lagMs = undefined;
    this.schedule(due);
    return false;
  }

  /** Whether the process says it may run ahead now (AheadProc; other Procs never do). */
  private mayRunAhead(): boolean {
    return (this.gen as Partial<AheadProc>).mayRunAhead?.() === true;
  }

  /** The process ran ahead and must act at the cluster's time: what it wrote since goes. */
  private land(): void {
    const now = this.clock.now();
    this.hooks.onRewind?.(now);
    this.lagMs = undefined;
    this.deferred = undefined;
    this.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** The Proc returned: it ends now, or (ahead of the clock) when the clock reaches its time. */
  private ended(code: number): void {
    if (this.ahead()) {
      this.endedAhead = code;
      this.schedule(this.lagMs as number);
      return;
    }
    this.finish(code);
  }

  private dueMs = 0;

  private schedule(atMs: number): void {
    this.dueMs = Math.round(atMs);
    this.timer = this.clock.at(this.dueMs, this.onTimer, this.label, this.spent);
    this.spent = undefined;
  }

  /** The timer's callback, made once (a process waits thousands of times). */
  private readonly onTimer = (): void => {
    this.spent = this.timer;
    this.timer = undefined;
    if (!this.alive) return;
    // The clock is at the process's time now (it lands, if it was ahead).
    this.lagMs = undefined;
    if (this.endedAhead !== undefined) {
      this.finish(this.endedAhead);
      return;
    }
    const deferred = this.deferred;
    if (deferred !== undefined) {
      this.deferred = undefined;
      if (!this.waitFor(deferred)) return;
    }
    this.pump();
  };

  private finish(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    this.lagMs = undefined;
    this.cleanup();
    this.hooks.onExit(code);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.hooks.onBusy?.(busy);
  }

  private cleanup(): void {
    if (this.busy) this.setBusy(false);
    for (const fn of this.closers.splice(0)) fn();
    this.signalHandlers.clear();
    this.anySignal = undefined;
  }
}

/** A finished process's stand-in generator (a program that returned its status at once). */
function* emptyProc(): Proc {
  yield* [];
  return 0;
}

/** The last error a program threw, kept for tests and debugging (a program that throws is a bug). */
export let lastProgramError: unknown;

/** A program that threw (a bug, or a JS stack overflow in a runaway script) exits 2, as a crashed shell would. */
function crashStatus(e: unknown): number {
  lastProgramError = e;
  return 2;
}

/** `SIGTERM`, `term`, `15` → `TERM`. */
export function normaliseSignal(signal: string): string {
  return signalName(signal) ?? signal.toUpperCase().replace(/^SIG/, "");
}
