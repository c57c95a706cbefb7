/**
 * The shell as a process: the `sh`/`bash`/`ash` program (argument handling like dash's
 * `procargs`), the top-level generator that multiplexes background jobs and takes signals, and a
 * session that keeps its state between terminal lines.
 */

import { applySetFlags } from "./builtins";
import { setNestedShell } from "./exec";
import type {
  AheadProc,
  CommandContext,
  FileSystem,
  Output,
  Proc,
  Program,
  System,
  Userland,
  Wait,
} from "./interface";
import { STEP_BUDGET, THROTTLE_MS } from "./interface";
import {
  AbortError,
  deliverSignal,
  ExitError,
  type Gen,
  type Job,
  type Options,
  Process,
  Runner,
  stepJob,
} from "./interp";
import { Input } from "./io";
import type { Dialect, ScriptSource } from "./parse";
import { SIGNALS } from "./signals";

/** Options for runScript. */
export interface RunScriptOptions {
  /** `$0` and the name messages start with; default `sh` (`bash` for bash). */
  argv0?: string;
  /** The positional parameters. */
  args?: string[];
  /** How errors are prefixed: `-c` (default), a script `file`, or `interactive`. */
  source?: ScriptSource;
  options?: Partial<Options>;
  /** When ctx.userland is absent. */
  userland?: Userland;
}

const NO_USERLAND: Userland = { kind: "none", lookup: () => undefined, names: () => [] };

/** No background jobs due (shared: never changed). */
const NO_JOBS: readonly Job[] = Object.freeze([]);

/** The Wait that ends at virtual time `due` (or the foreground's own throttle). */
function waitUntil(due: number, now: number): Wait {
  return due === Number.POSITIVE_INFINITY
    ? { kind: "forever" }
    : { kind: "sleep", ms: Math.max(0, due - now) };
}

/**
 * The top level of a shell process: runs body, and while it waits, runs the background jobs that
 * are due; ends the body when a fatal signal arrives. Jobs still running when it ends are killed.
 */
export function topLevel(p: Process, body: Gen<number>): Proc {
  return new TopLevel(p, body);
}

/**
 * topLevel as a plain iterator. While the shell has no background jobs (most processes, a
 * container's looping PID 1), each wait of the body goes up as it is and a resume goes straight
 * down to the body: one method call, no generator frame of its own. Once a job, a fatal signal or
 * a wake is around when the body waits, the general generator (topLevelFrom) takes over for good.
 */
class TopLevel implements AheadProc {
  /** The general generator, once it took over. */
  private general?: Proc;
  private started = false;
  private ended = false;
  /** The body's last wait: whether it is a throttle, and when it ends (virtual ms). */
  private throttled = false;
  private fgDue = 0;
  private unregister?: () => void;

  constructor(
    private readonly p: Process,
    private readonly body: Gen<number>,
  ) {}

  next(): IteratorResult<Wait, number> {
    if (this.general) return this.general.next();
    if (this.ended) return { done: true, value: undefined as unknown as number };
    const p = this.p;
    const sys = p.sys;
    if (!this.started) {
      this.started = true;
      this.unregister = sys.onAnySignal?.((s) => deliverSignal(p, s));
      p.instant = sys.now();
      return this.resumeBody();
    }
    for (;;) {
      const now = sys.now();
      p.instant = now;
      if (p.fatal) {
        this.ended = true;
        let status: number;
        try {
          this.body.return(0);
          p.main.status = 128 + (SIGNALS[p.fatal] ?? 0);
          status = p.main.status;
        } catch (e) {
          status = internalFault(p, e);
        }
        endShell(p, this.body, true, this.unregister);
        return { done: true, value: status };
      }
      if (p.wake) {
        p.wake = false;
        return this.resumeBody();
      }
      if (this.throttled || this.fgDue <= now) return this.resumeBody();
      // Resumed before the body's wait ended, for nothing it waits on: the rest of that wait.
      return { done: false, value: waitUntil(this.fgDue, now) };
    }
  }

  /** Runs the body to its next wait, which goes up as it is while there are no jobs. */
  private resumeBody(): IteratorResult<Wait, number> {
    const p = this.p;
    let r: IteratorResult<Wait, number>;
    try {
      r = this.body.next();
    } catch (e) {
      this.ended = true;
      const status = internalFault(p, e);
      endShell(p, this.body, true, this.unregister);
      return { done: true, value: status };
    }
    if (r.done) {
      this.ended = true;
      try {
        endShell(p, this.body, true, this.unregister);
      } catch (e) {
        return { done: true, value: internalFault(p, e) };
      }
      return r;
    }
    if (p.jobs.length === 0 && !p.fatal && !p.wake) {
      const w = r.value;
      this.throttled = w.kind === "throttle";
      this.fgDue =
        w.kind === "sleep"
          ? p.sys.now() + w.ms
          : this.throttled
            ? p.sys.now() + THROTTLE_MS
            : w.kind === "sync"
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY;
      return r;
    }
    this.general = topLevelFrom(p, this.body, r, this.unregister);
    return this.general.next();
  }

  /**
   * Whether the process may run ahead of the cluster's clock (AheadProc): its body is in a sealed
   * loop (sh/sealed.ts) and nothing else is around (no job, signal or wake).
   */
  mayRunAhead(): boolean {
    const p = this.p;
    return (
      this.general === undefined &&
      p.sealed > 0 &&
      p.jobs.length === 0 &&
      p.pending.length === 0 &&
      p.fatal === undefined &&
      !p.wake
    );
  }

  return(value: number): IteratorResult<Wait, number> {
    if (this.general) return this.general.return(value);
    if (!this.ended) {
      this.ended = true;
      // The driver killed the process: the body's own cleanups run too.
      if (this.started) endShell(this.p, this.body, false, this.unregister);
    }
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Wait, number> {
    if (this.general) return this.general.throw(e);
    if (this.ended || !this.started) {
      this.ended = true;
      throw e;
    }
    this.ended = true;
    const status = internalFault(this.p, e);
    endShell(this.p, this.body, false, this.unregister);
    return { done: true, value: status };
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** What an exception out of the body means: a message and status 2, never a stack trace. */
function internalFault(p: Process, e: unknown): number {
  if (e instanceof RangeError) {
    // A recursion deeper than the engine's stack: end cleanly, as a shell that ran out of stack.
    // A string past the engine's largest (a variable doubled in a loop): as a shell whose
    // malloc failed (ash's and dash's `out of memory`).
    const reason = e.message.includes("call stack")
      ? "maximum recursion depth exceeded"
      : e.message.includes("string length")
        ? "out of memory"
        : e.message;
    p.main.err(`${p.main.prefix()}${reason}\n`);
    return 2;
  }
  // A fault of the interpreter or of a program ends this process with a message, never a stack
  // trace in the driver.
  p.main.err(`${p.argv0}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  return 2;
}

/**
 * The processes of interactive sessions (a terminal's bash, `kubectl exec -it`): their background
 * jobs outlive the line that started them, as at a real prompt, until the session exits.
 */
const SESSIONS = new WeakSet<Process>();

/**
 * A shell process ends: its signal hook goes, the body's cleanups run if the driver killed it
 * (finished false), jobs still running are killed (unless a session goes on with them) and
 * `exec`'s files are closed.
 */
function endShell(p: Process, body: Gen<number>, finished: boolean, unregister?: () => void): void {
  unregister?.();
  if (!finished) {
    try {
      body.return(0);
    } catch {
      // Cleanup failing does not stop the kill.
    }
  }
  for (const j of p.jobs) {
    if (j.status !== undefined || SESSIONS.has(p)) continue;
    try {
      j.proc.return(0);
    } catch {
      // A job's cleanup failing does not stop the shell's exit.
    }
  }
  for (const f of p.main.permanentFiles) {
    try {
      f.close();
    } catch {
      // exec's redirections were checked when opened.
    }
  }
}

/**
 * The general top level from the body's result r on: multiplexes background jobs with the body's
 * waits and takes fatal signals.
 */
function* topLevelFrom(
  p: Process,
  body: Gen<number>,
  r: IteratorResult<Wait, number>,
  unregister: (() => void) | undefined,
): Proc {
  const sys = p.sys;
  let finished = false;
  try {
    while (!r.done) {
      const w = r.value;
      let now = sys.now();
      const throttled = w.kind === "throttle";
      const fgDue =
        w.kind === "sleep"
          ? now + w.ms
          : w.kind === "throttle"
            ? now + THROTTLE_MS
            : Number.POSITIVE_INFINITY;
      let first = true;
      let jobSteps = 0;
      for (;;) {
        if (p.fatal) break;
        const due = p.jobs.length ? p.jobs.filter((j) => j.status === undefined && j.due <= now) : NO_JOBS;
        if (due.length) {
          for (const j of due) stepJob(p, j);
          // A job that keeps waiting zero ms (a program's `sleep 0` loop) is throttled like a busy one.
          if (++jobSteps > STEP_BUDGET)
            for (const j of due) if (j.status === undefined && j.due <= now) j.due = now + THROTTLE_MS;
          continue;
        }
        if (p.wake) {
          p.wake = false;
          break;
        }
        if (!first && (throttled || fgDue <= now)) break;
        if (first && p.jobs.length === 0) {
          // No jobs to multiplex: the body's own wait goes up as it is.
          first = false;
          yield w;
          now = sys.now();
          p.instant = now;
          continue;
        }
        first = false;
        let jobDue = Number.POSITIVE_INFINITY;
        for (const j of p.jobs) if (j.status === undefined && j.due < jobDue) jobDue = j.due;
        if (throttled && jobDue >= now + THROTTLE_MS) yield { kind: "throttle" };
        else yield waitUntil(Math.min(fgDue, jobDue), now);
        now = sys.now();
        p.instant = now;
      }
      if (p.fatal) {
        body.return(0);
        finished = true;
        p.main.status = 128 + (SIGNALS[p.fatal] ?? 0);
        return p.main.status;
      }
      r = body.next();
    }
    finished = true;
    return r.value;
  } catch (e) {
    finished = true;
    return internalFault(p, e);
  } finally {
    endShell(p, body, finished, unregister);
  }
}

/** Runs a script's text to its end in a shell (the main body: exit status, EXIT trap). */
function scriptBody(runner: Runner, text: string, startLine = 1): Gen<number> {
  return runner.runMain(text, startLine);
}

function newShell(
  ctx: CommandContext,
  dialect: Dialect,
  userland: Userland,
  argv0: string,
  source: ScriptSource,
  args: string[],
  options?: Partial<Options>,
  stdin: string | (() => string) = () => ctx.stdin,
): Runner {
  const p = new Process(ctx.fs, ctx.sys, userland, dialect, argv0, source, ctx.sys.pid?.() ?? 1);
  const runner = new Runner(p, {
    fs: ctx.fs,
    sys: ctx.sys,
    userland,
    dialect,
    argv0,
    source,
    env: ctx.env,
    cwd: ctx.cwd,
    args,
    stdin: new Input(stdin),
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    options,
  });
  p.main = runner;
  return runner;
}

/** Runs script text in a command context, as `sh -c SCRIPT` would. */
export function runScript(
  src: string,
  ctx: CommandContext,
  dialect: Dialect,
  opts: RunScriptOptions = {},
): Proc {
  const userland = ctx.userland ?? opts.userland ?? NO_USERLAND;
  const runner = newShell(
    ctx,
    dialect,
    userland,
    opts.argv0 ?? defaultName(dialect),
    opts.source ?? "-c",
    opts.args ?? [],
    opts.options,
  );
  return topLevel(runner.proc, scriptBody(runner, src));
}

function defaultName(d: Dialect): string {
  return d === "bash" ? "bash" : "sh";
}

/**
 * The `sh`, `bash` or `ash` program: `-c SCRIPT [NAME [ARGS...]]`, `-e -x -u -o opt`, a script
 * path with arguments, or the script on stdin. With nothing on stdin it exits 0 at once, as a
 * container running a plain `sh` without a TTY does.
 */
export function shellProgram(dialect: Dialect, userland?: Userland): Program {
  return (ctx) => {
    const ul = ctx.userland ?? userland ?? NO_USERLAND;
    const name = ctx.argv[0] ?? defaultName(dialect);
    const args = ctx.argv.slice(1);
    let command = false;
    const flags: string[] = [];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "--" || a === "-") {
        i++;
        break;
      }
      if (dialect === "bash" && a.startsWith("--")) continue;
      if (!/^[-+]/.test(a) || a.length < 2) break;
      let rest = "";
      for (const f of a.slice(1)) {
        if (f === "c") command = true;
        else if (f === "i" || f === "l" || f === "s") continue;
        else rest += f;
      }
      if (rest) {
        flags.push(a[0] + rest);
        if (rest.includes("o")) flags.push(args[++i] ?? "");
      }
    }
    const operands = args.slice(i);
    const err = (text: string, status: number): number => {
      ctx.stderr.write(`${text}\n`);
      return status;
    };
    let text: string;
    let argv0 = name;
    let source: ScriptSource = "-c";
    let positional: string[] = [];
    if (command) {
      if (operands[0] === undefined) {
        if (dialect === "bash") return err(`${name}: -c: option requires an argument`, 2);
        if (dialect === "dash") return err(`${name}: 0: -c requires an argument`, 2);
        return err(`${name}: -c requires an argument`, 2);
      }
      text = operands[0];
      argv0 = operands[1] ?? name;
      positional = operands.slice(2);
    } else if (operands.length) {
      const path = operands[0] as string;
      const full = path.startsWith("/") ? path : `${ctx.cwd === "/" ? "" : ctx.cwd}/${path}`;
      try {
        text = ctx.fs.read(full);
      } catch {
        if (dialect === "bash") return err(`${name}: ${path}: No such file or directory`, 127);
        if (dialect === "dash") return err(`${name}: 0: cannot open ${path}: No such file`, 127);
        return err(`${name}: can't open '${path}': No such file or directory`, 2);
      }
      argv0 = path;
      source = "file";
      positional = operands.slice(1);
    } else {
      text = ctx.stdin;
      if (text.trim() === "") {
        if (!ctx.stdinOpen) return 0;
        // An interactive shell on an open stdin nobody writes to: it waits for a line.
        return (function* (): Proc {
          for (;;) yield { kind: "forever" };
        })();
      }
    }
    // A script read from stdin used it all; otherwise the shell's commands read it as they go.
    const runner = newShell(
      ctx,
      dialect,
      ul,
      argv0,
      source,
      positional,
      undefined,
      command || operands.length ? stdinOf(ctx) : "",
    );
    if (flags.length) {
      const res = applySetFlags(runner, flags, name);
      if (res.status) return res.status;
    }
    return topLevel(runner.proc, scriptBody(runner, text));
  };
}

setNestedShell((d) => shellProgram(d));

/**
 * A shell's input: the context's text when it is plain data (a container's PID 1), or a reader
 * that takes it only when a command reads (a nested shell must leave its parent's input alone).
 */
function stdinOf(ctx: CommandContext): string | (() => string) {
  const own = Object.getOwnPropertyDescriptor(ctx, "stdin");
  return own && !own.get && typeof own.value === "string" ? own.value : () => ctx.stdin;
}

/** What a ShellSession starts with. */
export interface SessionInit {
  dialect: Dialect;
  fs: FileSystem;
  sys: System;
  userland: Userland;
  env: Record<string, string>;
  cwd: string;
  /** The name messages start with (`sh`, `bash`). */
  argv0?: string;
}

/**
 * An interactive shell for the terminal (`kubectl exec -it POD -- sh`, a node's shell): variables,
 * functions, aliases, the working directory and `$?` stay between lines. Background jobs go on
 * after the line that started them (`kubectl port-forward ... &`, then `curl localhost:8080`):
 * they run while a later line waits, a job due since the last line takes its turn as the next
 * line starts, and `exit` ends them.
 */
export class ShellSession {
  private readonly runner: Runner;
  private lineNo = 0;
  /** The status `exit` gave, once the user typed it. */
  exited: number | undefined;

  constructor(init: SessionInit) {
    const ctx = {
      argv: [],
      env: init.env,
      cwd: init.cwd,
      stdin: "",
      stdout: { write() {} },
      stderr: { write() {} },
      fs: init.fs,
      sys: init.sys,
      exec: () => {
        throw new Error("unused");
      },
    } as CommandContext;
    this.runner = newShell(
      ctx,
      init.dialect,
      init.userland,
      init.argv0 ?? defaultName(init.dialect),
      "interactive",
      [],
    );
    SESSIONS.add(this.runner.proc);
  }

  /** The working directory (for the prompt). */
  get cwd(): string {
    return this.runner.cwd;
  }

  /** `$?` */
  get status(): number {
    return this.runner.status;
  }

  /** A variable's value (PS1, HOME...). */
  get(name: string): string | undefined {
    return this.runner.param(name);
  }

  /** Runs one line the user typed; its output goes to stdout and stderr. */
  run(line: string, stdout: Output, stderr: Output, stdin = ""): Proc {
    const r = this.runner;
    r.fds = new Map([
      [0, { input: new Input(stdin) }],
      [1, { output: stdout }],
      [2, { output: stderr }],
    ]);
    this.lineNo++;
    r.line = this.lineNo;
    // A signal that ended the previous line (Ctrl-C) does not end this one.
    r.proc.fatal = undefined;
    r.proc.wake = false;
    r.proc.pending.length = 0;
    // Jobs whose wait ended since the last line go on first.
    const now = r.proc.sys.now();
    for (const j of r.proc.jobs) if (j.status === undefined && j.due <= now) stepJob(r.proc, j);
    const self = this;
    return topLevel(
      r.proc,
      (function* (): Gen<number> {
        try {
          return yield* r.evalText(line, undefined, self.lineNo);
        } catch (e) {
          if (e instanceof AbortError) {
            r.status = e.status;
            return e.status;
          }
          if (e instanceof ExitError) {
            // A shell that exits takes its jobs with it (bash's SIGHUP to its jobs).
            SESSIONS.delete(r.proc);
            const t = r.exitTrap(e.status);
            self.exited = typeof t === "number" ? t : yield* t;
            return self.exited;
          }
          throw e;
        } finally {
          self.lineNo = Math.max(self.lineNo, r.line);
        }
      })(),
    );
  }
}
