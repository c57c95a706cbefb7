/**
 * The Runner: walks a parsed script, after mvdan/sh's interp. Every command, expansion and
 * builtin is a generator, so a `sleep` anywhere yields its Wait up to the driver and resumes where
 * it was. Everything that touches the world goes through the CommandContext's FileSystem, System
 * and Userland.
 */

import type { AndOr, Assign, CaseItem, Command, CondExpr, List, Pipeline, SimpleCommand } from "./ast";
import { type Builtin, builtinFor, SPECIAL_BUILTINS } from "./builtins";
import { type Resolution, resolveCommand, runExternal } from "./exec";
import { arith, type ExpandHost, expandPattern, expandString, expandWord, literalField } from "./expand";
import {
  type FileSystem,
  type Output,
  type Proc,
  STEP_BUDGET,
  type System,
  THROTTLE_MS,
  type Userland,
  type Wait,
} from "./interface";
import { BufferOutput, CAPTURE_LIMIT, type Fd, type Fds, type FileOutput, Input, OutputOverflow } from "./io";
import { type Dialect, type ScriptSource, ShSyntaxError } from "./parse";
import { matchPattern } from "./pattern";
import { applyRedirs, withRedirs } from "./redirs";
import { scriptLines } from "./scriptcache";
import { IGNORED_BY_DEFAULT, signalName } from "./signals";
import { testFile } from "./test";

/** A generator of the shell: yields Waits, returns T. */
export type Gen<T> = Generator<Wait, T, void>;

/**
 * How deep functions may call each other before the shell gives up (bash's FUNCNEST). Each call
 * nests a dozen generators on the JS stack, which holds about 250 levels; real shells would
 * crash (SIGSEGV) far deeper, so this bound is lower than theirs. A deeper JS recursion still ends
 * cleanly (topLevel turns a RangeError into an error message and status 2).
 */
export const MAX_FUNC_DEPTH = 150;

/** The Wait of a throttled step (shared: Waits are read, never changed). */
const THROTTLE: Wait = Object.freeze({ kind: "throttle" });

/** The message of a function nested too deep, as the dialect words it (after the prefix). */
export function funcNestMessage(dialect: Dialect, name: string): string {
  return dialect === "bash"
    ? `${name}: maximum function nesting level exceeded (${MAX_FUNC_DEPTH})`
    : `${name}: function nesting too deep`;
}

/** `exit`, or a fatal error of a non-interactive shell: unwinds to the top. */
export class ExitError {
  constructor(readonly status: number) {}
}
/** `break n` */
export class BreakError {
  constructor(public n: number) {}
}
/** `continue n` */
export class ContinueError {
  constructor(public n: number) {}
}
/** `return n` */
export class ReturnError {
  constructor(readonly status: number) {}
}
/** An error that ends the current command only (an interactive shell goes back to its prompt). */
export class AbortError {
  constructor(readonly status: number) {}
}

/** A shell variable. */
export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly?: boolean;
}

/**
 * The shell's variables: a Map that counts its changes, so the environment built from it can be
 * reused while it is unchanged. A Var changed in place is reported with touch().
 */
export class VarMap extends Map<string, Var> {
  /** Changes so far. */
  version = 0;
  override set(key: string, value: Var): this {
    this.version++;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.version++;
    return super.delete(key);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
  /** Records that a Var in the map was changed in place. */
  touch(): void {
    this.version++;
  }
}

/** `set -e -u -x -o pipefail -f -C`. */
export interface Options {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
  noclobber: boolean;
  allexport: boolean;
  verbose: boolean;
}

/** The steps one thread of execution took at one instant. */
interface Budget {
  steps: number;
  since: number;
}

/** A background job (`cmd &`), multiplexed by the shell's top-level generator. */
export interface Job {
  id: number;
  pid: number;
  command: string;
  proc: Proc;
  /** Virtual ms at which its current wait ends (Infinity: forever). */
  due: number;
  status?: number;
  owner: Runner;
}

/** What all the runners of one shell process share: the world, jobs, signals. */
export class Process {
  readonly jobs: Job[] = [];
  /** Background jobs started at the instant `since` (bounded by MAX_FORKS_PER_INSTANT). */
  readonly forks = { count: 0, since: Number.NaN };
  nextJobPid: number;
  /** Trapped signals delivered and not yet handled. */
  readonly pending: string[] = [];
  /** An untrapped fatal signal: the shell ends with 128+n. */
  fatal: string | undefined;
  /** The outputs of `<(cmd)`, by their `/dev/fd/N` path. */
  readonly procSubs = new Map<string, string>();
  /** `exec` replaced the shell with a program. */
  execed = false;
  /** Set when something the foreground may wait on changed (a job ended, a signal came). */
  wake = false;
  main!: Runner;
  /** Virtual ms when the shell started (`$SECONDS`). */
  readonly startedMs: number;
  private seed: number;
  constructor(
    readonly fs: FileSystem,
    readonly sys: System,
    readonly userland: Userland,
    readonly dialect: Dialect,
    public argv0: string,
    readonly source: ScriptSource,
    readonly pid: number,
  ) {
    this.nextJobPid = pid + 1;
    this.startedMs = sys.now();
    this.seed = (pid * 1103515245 + sys.now()) >>> 0;
  }

  /** `$RANDOM`: 0..32767 from a generator seeded by the pid and the virtual clock (no Math.random). */
  random(): number {
    this.seed = (this.seed * 1103515245 + 12345) >>> 0;
    return (this.seed >>> 16) & 0x7fff;
  }

  /** Whether the session is interactive (a terminal): errors go back to the prompt. */
  get interactive(): boolean {
    return this.source === "interactive";
  }
}

/** The settings of a new shell. */
export interface RunnerInit {
  fs: FileSystem;
  sys: System;
  userland: Userland;
  dialect: Dialect;
  /** `$0`, and the name errors start with. */
  argv0: string;
  source: ScriptSource;
  env: Record<string, string>;
  cwd: string;
  args?: string[];
  stdin: Input;
  stdout: Output;
  stderr: Output;
  options?: Partial<Options>;
}

/** PATH when the environment has none (dash's and bash's built-in default). */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** One shell's state: variables, functions, options, positional parameters, file descriptors. */
export class Runner implements ExpandHost {
  vars = new VarMap();
  /** bash indexed arrays (sparse); element 0 is also what `$a` reads. */
  arrays = new Map<string, (string | undefined)[]>();
  funcs = new Map<string, Command>();
  aliases = new Map<string, string>();
  positionalArgs: string[];
  opts: Options;
  status = 0;
  lastBgPid: number | undefined;
  cwd: string;
  fds: Fds;
  traps = new Map<string, string>();
  /** The line of the command running, for messages and `$LINENO`. */
  line = 1;
  funcDepth = 0;
  /** >0 while running a file with `.`: `return` ends it. */
  sourceDepth = 0;
  /** Files `exec >file` opened: they stay open until the shell ends. */
  permanentFiles: FileOutput[] = [];
  loopDepth = 0;
  /** >0 while running a condition or a non-last part of an && || list: `set -e` does not apply. */
  noErrexit = 0;
  /** Frames of `local` variables: the values to restore when the function returns. */
  localFrames: Map<string, { v?: Var; arr?: (string | undefined)[] }>[] = [];
  /** The status of the last command substitution (an assignment-only command returns it). */
  subStatus: number | undefined;
  umask = 0o022;
  /** Aliases being expanded (an alias naming itself, `alias ls='ls -l'`, expands once). */
  readonly expandingAliases = new Set<string>();
  budget: Budget;
  /** Whether this runner is a subshell (exit ends only it). */
  readonly subshell: boolean;
  getoptsState = { index: 1, char: 0 };

  constructor(
    readonly proc: Process,
    init: RunnerInit | Runner,
  ) {
    if (init instanceof Runner) {
      for (const [k, v] of init.vars) this.vars.set(k, { ...v });
      for (const [k, v] of init.arrays) this.arrays.set(k, [...v]);
      this.funcs = new Map(init.funcs);
      this.aliases = new Map(init.aliases);
      this.positionalArgs = [...init.positionalArgs];
      this.opts = { ...init.opts };
      this.status = init.status;
      this.lastBgPid = init.lastBgPid;
      this.cwd = init.cwd;
      this.fds = new Map(init.fds);
      this.umask = init.umask;
      for (const [k, v] of init.traps) if (v === "") this.traps.set(k, v);
      this.line = init.line;
      this.funcDepth = init.funcDepth;
      this.noErrexit = init.noErrexit;
      this.budget = init.budget;
      this.subshell = true;
      return;
    }
    for (const [k, v] of Object.entries(init.env)) this.vars.set(k, { value: v, exported: true });
    if (!this.vars.has("IFS")) this.vars.set("IFS", { value: " \t\n", exported: false });
    if (!this.vars.has("PATH")) this.vars.set("PATH", { value: DEFAULT_PATH, exported: true });
    if (init.dialect !== "bash" && !this.vars.has("PS1"))
      this.vars.set("PS1", { value: init.sys.user().uid === 0 ? "# " : "$ ", exported: false });
    this.vars.set("PPID", { value: "0", exported: false });
    if (init.dialect === "bash") {
      const uid = String(init.sys.user().uid);
      this.vars.set("UID", { value: uid, exported: false, readonly: true });
      this.vars.set("EUID", { value: uid, exported: false, readonly: true });
      if (!this.vars.has("HOSTNAME"))
        this.vars.set("HOSTNAME", { value: init.sys.hostname(), exported: false });
    }
    this.vars.set("OPTIND", { value: "1", exported: false });
    this.cwd = init.cwd;
    this.vars.set("PWD", { value: init.cwd, exported: true });
    this.positionalArgs = init.args ?? [];
    this.opts = {
      errexit: false,
      nounset: false,
      xtrace: false,
      pipefail: false,
      noglob: false,
      noclobber: false,
      allexport: false,
      verbose: false,
      ...init.options,
    };
    this.fds = new Map<number, Fd>([
      [0, { input: init.stdin }],
      [1, { output: init.stdout }],
      [2, { output: init.stderr }],
    ]);
    this.budget = { steps: 0, since: init.sys.now() };
    this.subshell = false;
  }

  get dialect(): Dialect {
    return this.proc.dialect;
  }
  get fs(): FileSystem {
    return this.proc.fs;
  }
  get sys(): System {
    return this.proc.sys;
  }
  get nounset(): boolean {
    return this.opts.nounset;
  }
  get noglob(): boolean {
    return this.opts.noglob;
  }

  /** A copy of this shell for `( ... )`, a pipeline stage or `$(...)`. */
  fork(): Runner {
    return new Runner(this.proc, this);
  }

  // ------------------------------------------------------------------ variables

  param(name: string): string | undefined {
    switch (name) {
      case "?":
        return String(this.status);
      case "$":
        return String(this.proc.pid);
      case "!":
        return this.lastBgPid === undefined ? undefined : String(this.lastBgPid);
      case "#":
        return String(this.positionalArgs.length);
      case "-":
        return this.flags();
      case "0":
        return this.proc.argv0;
      case "@":
      case "*":
        return this.positionalArgs.join(" ");
      case "LINENO":
        return String(this.line);
      case "RANDOM":
        if (this.dialect === "dash" || this.vars.has(name)) return this.vars.get(name)?.value;
        return String(this.proc.random());
      case "SECONDS":
        if (this.dialect === "dash" || this.vars.has(name)) return this.vars.get(name)?.value;
        return String(Math.floor((this.sys.now() - this.proc.startedMs) / 1000));
    }
    if (/^[0-9]+$/.test(name)) return this.positionalArgs[Number(name) - 1];
    const sub = /^([A-Za-z_][A-Za-z0-9_]*)\[(-?[0-9]+)\]$/.exec(name);
    if (sub) {
      const arr = this.arrays.get(sub[1] as string);
      const i = Number(sub[2]);
      if (arr) return arr[i < 0 ? arr.length + i : i];
      return i === 0 ? this.vars.get(sub[1] as string)?.value : undefined;
    }
    const arr = this.arrays.get(name);
    if (arr) return arr[0];
    return this.vars.get(name)?.value;
  }

  /** A bash array's set elements in index order (a plain variable is a one-element array). */
  array(name: string): string[] | undefined {
    const arr = this.arrays.get(name);
    return arr ? arr.filter((v): v is string => v !== undefined) : undefined;
  }

  /** `a[i]=v` and `a=(...)`: sets an element, or the whole array. */
  setArray(name: string, index: number | undefined, values: string[], append = false): void {
    if (this.vars.get(name)?.readonly) this.fail(`${name}: readonly variable`, 1);
    let arr = this.arrays.get(name);
    if (!arr) {
      const v = this.vars.get(name)?.value;
      arr = v === undefined ? [] : [v];
    }
    if (index === undefined) arr = append ? [...arr, ...values] : [...values];
    else arr[index < 0 ? arr.length + index : index] = values[0] ?? "";
    this.arrays.set(name, arr);
    const v = this.vars.get(name);
    if (v) {
      v.value = arr[0];
      this.vars.touch();
    } else this.vars.set(name, { value: arr[0], exported: false });
  }

  private flags(): string {
    let f = "";
    if (this.opts.errexit) f += "e";
    if (this.opts.noglob) f += "f";
    if (this.opts.nounset) f += "u";
    if (this.opts.xtrace) f += "x";
    if (this.proc.interactive) f += "i";
    return f;
  }

  positional(): string[] {
    return this.positionalArgs;
  }

  /** Sets a variable; a readonly one fails the command. */
  setVar(name: string, value: string, exported?: boolean): void {
    const arr = this.arrays.get(name);
    if (arr) arr[0] = value;
    const v = this.vars.get(name);
    if (v?.readonly)
      this.fail(
        `${name}: is read only`.replace(
          "is read only",
          this.dialect === "bash" ? "readonly variable" : "is read only",
        ),
        this.dialect === "bash" ? 1 : 2,
      );
    if (v) {
      v.value = value;
      if (exported) v.exported = true;
      this.vars.touch();
    } else this.vars.set(name, { value, exported: exported ?? this.opts.allexport });
  }

  unsetVar(name: string): boolean {
    const sub = /^([A-Za-z_][A-Za-z0-9_]*)\[(-?[0-9]+)\]$/.exec(name);
    if (sub) {
      const arr = this.arrays.get(sub[1] as string);
      if (arr) delete arr[Number(sub[2])];
      return true;
    }
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    this.arrays.delete(name);
    this.vars.delete(name);
    return true;
  }

  /** The environment a program sees: exported variables, then the command's own assignments. */
  environ(extra?: Record<string, string>): Record<string, string> {
    // A copy of the exported variables as last seen, when they have not changed since: copying
    // an object is many times cheaper than building one key by key (`sleep 1` in a loop asks
    // for the environment every time).
    const env: Record<string, string> = { ...this.exportedVars() };
    if (extra) for (const k in extra) env[k] = extra[k] as string;
    return env;
  }

  /** The last environment built, and the variables' version it was built from. */
  private envCache?: { vars: VarMap; version: number; env: Record<string, string> };

  /** The exported variables as an object (shared: callers copy it). */
  private exportedVars(): Record<string, string> {
    const c = this.envCache;
    if (c && c.vars === this.vars && c.version === this.vars.version) return c.env;
    const entries: [string, string][] = [];
    this.vars.forEach((v, k) => {
      if (v.exported && v.value !== undefined) entries.push([k, v.value]);
    });
    const env = Object.fromEntries(entries) as Record<string, string>;
    this.envCache = { vars: this.vars, version: this.vars.version, env };
    return env;
  }

  // ------------------------------------------------------------------ output and errors

  out(text: string): void {
    this.fds.get(1)?.output?.write(text);
  }

  err(text: string): void {
    this.fds.get(2)?.output?.write(text);
  }

  /** The prefix of the shell's own messages: `sh: 1: `, `bash: line 1: `, `sh: cd: line 1: `. */
  prefix(cmd?: string): string {
    const a0 = this.proc.argv0;
    const inter = this.proc.interactive;
    if (this.dialect === "dash") return `${a0}: ${this.line}: ${cmd ? `${cmd}: ` : ""}`;
    if (this.dialect === "ash") {
      let p = `${a0}: `;
      if (cmd && cmd !== a0) p += `${cmd}: `;
      if ((cmd || this.proc.source === "file") && !inter) p += `line ${this.line}: `;
      return p;
    }
    return `${a0}: ${inter ? "" : `line ${this.line}: `}${cmd ? `${cmd}: ` : ""}`;
  }

  /** Prints a message with the shell's prefix. */
  warn(message: string, cmd?: string): void {
    this.err(`${this.prefix(cmd)}${message}\n`);
  }

  /** An expansion or redirection error: prints it and aborts (a non-interactive shell exits). */
  fail(message: string, status = this.dialect === "dash" ? 2 : 1): never {
    this.warn(message);
    if (this.proc.interactive) throw new AbortError(status);
    throw new ExitError(status);
  }

  // ------------------------------------------------------------------ steps and waits

  /** Counts a step; past the budget at one instant, yields a throttle. */
  *step(): Gen<void> {
    if (this.countStep()) yield* this.throttle();
  }

  /**
   * Counts a step without a generator (the hot path: a loop iteration, a command); true when
   * the budget of this instant ran out and the caller must `yield* this.throttle()`.
   */
  countStep(): boolean {
    const budget = this.budget;
    const now = this.sys.now();
    if (now !== budget.since) {
      budget.since = now;
      budget.steps = 0;
    }
    return ++budget.steps > STEP_BUDGET;
  }

  /** Waits out a throttle, then starts a new budget. */
  *throttle(): Gen<void> {
    yield THROTTLE;
    this.budget.steps = 0;
    this.budget.since = this.sys.now();
  }

  // ------------------------------------------------------------------ lists and commands

  /** Runs a list; returns the status of its last command. */
  *runList(list: List): Gen<number> {
    for (const item of list.items) {
      const procMark = this.proc.procSubs.size;
      if (item.background) {
        this.spawnJob(item.cmd);
        this.status = 0;
      } else {
        this.status = yield* this.runAndOr(item.cmd);
      }
      // The `/dev/fd/N` files of `<(...)` last as long as the command that opened them.
      if (this.proc.procSubs.size > procMark)
        for (const k of [...this.proc.procSubs.keys()].slice(procMark)) this.proc.procSubs.delete(k);
      if (this.proc.pending.length) yield* this.runTraps();
    }
    return this.status;
  }

  /** Runs the handlers of trapped signals that arrived. */
  *runTraps(): Gen<void> {
    if (this !== this.proc.main) return;
    while (this.proc.pending.length) {
      const sig = this.proc.pending.shift() as string;
      const action = this.traps.get(sig);
      if (!action) continue;
      const saved = this.status;
      yield* this.evalText(action);
      this.status = saved;
    }
  }

  /** Parses and runs shell text in this shell (eval, traps, `.`). */
  *evalText(text: string, source?: string, startLine?: number): Gen<number> {
    const lp = scriptLines(
      text,
      this.dialect,
      startLine ?? (source === undefined && this.proc.source !== "interactive" ? this.line : 1),
    );
    let status = 0;
    for (;;) {
      let list: List | undefined;
      try {
        list = lp.next();
      } catch (e) {
        if (e instanceof ShSyntaxError) {
          this.err(
            `${e.format(this.proc.argv0, this.proc.source === "interactive" ? "interactive" : source === undefined ? this.proc.source : "file")}\n`,
          );
          if (this.proc.interactive) throw new AbortError(2);
          throw new ExitError(2);
        }
        throw e;
      }
      if (!list) break;
      status = yield* this.runList(list);
    }
    this.status = status;
    return status;
  }

  /** Runs an and-or list; a lone command takes a smaller generator (the common case). */
  private runAndOr(ao: AndOr): Gen<number> {
    if (ao.rest.length === 0 && !ao.first.negate && !ao.first.timed && ao.first.cmds.length === 1)
      return this.runLone(ao.first.cmds[0] as Command);
    return this.runAndOrList(ao);
  }

  /** A command alone in its and-or list: its status, and `set -e`. */
  private *runLone(cmd: Command): Gen<number> {
    const st = yield* this.runCommand(cmd);
    this.status = st;
    if (st !== 0 && this.opts.errexit && this.noErrexit === 0) throw new ExitError(st);
    return st;
  }

  private *runAndOrList(ao: AndOr): Gen<number> {
    const n = ao.rest.length;
    if (n > 0) this.noErrexit++;
    let st: number;
    try {
      st = yield* this.runPipeline(ao.first);
    } finally {
      if (n > 0) this.noErrexit--;
    }
    let last = ao.first;
    let final = n === 0;
    for (let k = 0; k < n; k++) {
      const { op, pipeline } = ao.rest[k] as AndOr["rest"][number];
      this.status = st;
      if (op === "&&" ? st !== 0 : st === 0) continue;
      const isLast = k === n - 1;
      if (!isLast) this.noErrexit++;
      try {
        st = yield* this.runPipeline(pipeline);
      } finally {
        if (!isLast) this.noErrexit--;
      }
      last = pipeline;
      final = isLast;
    }
    this.status = st;
    if (st !== 0 && this.opts.errexit && this.noErrexit === 0 && final && !last.negate)
      throw new ExitError(st);
    return st;
  }

  private *runPipeline(p: Pipeline): Gen<number> {
    if (p.timed) {
      // bash's `time`: the elapsed virtual time; the simulation spends no CPU time.
      const start = this.sys.now();
      const st = yield* this.runPipeline({ ...p, timed: undefined });
      const secs = (this.sys.now() - start) / 1000;
      const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
      this.err(`\nreal\t${fmt(secs)}\nuser\t${fmt(0)}\nsys\t${fmt(0)}\n`);
      return st;
    }
    if (!p.negate && p.cmds.length === 1) return yield* this.runCommand(p.cmds[0] as Command);
    if (p.negate) this.noErrexit++;
    let st: number;
    try {
      if (p.cmds.length === 1) st = yield* this.runCommand(p.cmds[0] as Command);
      else st = yield* this.runStages(p.cmds);
    } finally {
      if (p.negate) this.noErrexit--;
    }
    return p.negate ? (st === 0 ? 1 : 0) : st;
  }

  /** Runs pipeline stages one after another: each stage's output is the next one's whole input. */
  private *runStages(cmds: Command[]): Gen<number> {
    let input = this.fds.get(0);
    let pipefail = 0;
    let st = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      const sub = this.fork();
      const buf = last ? undefined : new BufferOutput(CAPTURE_LIMIT, true);
      if (input) sub.fds.set(0, input);
      else sub.fds.delete(0);
      if (buf) sub.fds.set(1, { output: buf });
      try {
        st = yield* sub.runSubshell(function* () {
          return yield* sub.runCommand(cmds[i] as Command);
        });
      } catch (e) {
        if (!(e instanceof OutputOverflow)) throw e;
        // The reader has all a pipe holds: the writer ends with SIGPIPE.
        st = 128 + 13;
      }
      if (st !== 0) pipefail = st;
      if (buf) input = { input: new Input(buf.text()) };
    }
    return this.opts.pipefail && pipefail !== 0 ? pipefail : st;
  }

  /** Runs fn as a subshell: `exit` ends only it. */
  *runSubshell(fn: () => Gen<number>): Gen<number> {
    try {
      const st = yield* fn();
      return yield* this.exitTrap(st);
    } catch (e) {
      if (e instanceof ExitError) return yield* this.exitTrap(e.status);
      if (e instanceof ReturnError) return e.status;
      if (e instanceof BreakError || e instanceof ContinueError) return this.status;
      throw e;
    }
  }

  /** Runs the EXIT trap, if any; returns the exit status (the trap's `exit n` overrides it). */
  *exitTrap(status: number): Gen<number> {
    const action = this.traps.get("EXIT");
    if (!action) return status;
    this.traps.delete("EXIT");
    this.status = status;
    try {
      yield* this.evalText(action);
    } catch (e) {
      if (e instanceof ExitError) return e.status;
      throw e;
    }
    return status;
  }

  /**
   * Runs one command, with its redirections. Not a generator itself (one less layer for every
   * command): callers run what it returns at once, as `yield* runCommand(cmd)`.
   */
  runCommand(cmd: Command): Gen<number> {
    this.line = cmd.line;
    switch (cmd.kind) {
      case "simple":
        return this.runSimple(cmd);
      case "func":
        this.funcs.set(cmd.name, cmd.body);
        return constant(0);
    }
    return this.runCompoundCommand(cmd);
  }

  private *runCompoundCommand(cmd: Exclude<Command, SimpleCommand | { kind: "func" }>): Gen<number> {
    if (this.countStep()) yield* this.throttle();
    if (!cmd.redirs.length) return yield* this.runCompound(cmd);
    return yield* withRedirs(this, cmd.redirs, () => this.runCompound(cmd));
  }

  private *runCompound(cmd: Exclude<Command, SimpleCommand | { kind: "func" }>): Gen<number> {
    switch (cmd.kind) {
      case "group":
        return yield* this.runList(cmd.body);
      case "subshell": {
        const sub = this.fork();
        return yield* sub.runSubshell(() => sub.runList(cmd.body));
      }
      case "if": {
        for (const c of cmd.clauses) {
          if ((yield* this.condition(c.cond)) === 0) return yield* this.runList(c.body);
        }
        if (cmd.else) return yield* this.runList(cmd.else);
        return 0;
      }
      case "while":
        return yield* this.runLoop(cmd.until, cmd.cond, cmd.body);
      case "for": {
        const items: string[] = [];
        if (cmd.items) for (const w of cmd.items) items.push(...(yield* expandWord(this, w)));
        else items.push(...this.positionalArgs);
        let st = 0;
        this.loopDepth++;
        try {
          for (const it of items) {
            if (this.countStep()) yield* this.throttle();
            this.setVar(cmd.name, it);
            try {
              st = yield* this.runList(cmd.body);
            } catch (e) {
              if (e instanceof BreakError) {
                if (--e.n > 0) throw e;
                break;
              }
              if (e instanceof ContinueError) {
                if (--e.n > 0) throw e;
                continue;
              }
              throw e;
            }
          }
        } finally {
          this.loopDepth--;
        }
        return st;
      }
      case "case": {
        const word = yield* expandString(this, cmd.word);
        for (let i = 0; i < cmd.items.length; i++) {
          const item = cmd.items[i] as (typeof cmd.items)[number];
          for (const p of item.patterns) {
            const pat = yield* expandPattern(this, p);
            if (!matchPattern(pat, word)) continue;
            let st = yield* this.runList(item.body);
            for (let k = i; cmd.items[k]?.fallthrough && k + 1 < cmd.items.length; k++)
              st = yield* this.runList((cmd.items[k + 1] as CaseItem).body);
            return st;
          }
        }
        return 0;
      }
      case "dbracket":
        return (yield* this.cond(cmd.expr)) ? 0 : 1;
      case "arithcmd": {
        const text = yield* expandString(this, cmd.expr);
        return arith(this, text) === "0" ? 1 : 0;
      }
    }
  }

  /** Runs a condition list (if, while): `set -e` does not apply in it. */
  private *condition(list: List): Gen<number> {
    this.noErrexit++;
    try {
      return yield* this.runList(list);
    } finally {
      this.noErrexit--;
    }
  }

  private *runLoop(until: boolean, cond: List, body: List): Gen<number> {
    let st = 0;
    this.loopDepth++;
    try {
      for (;;) {
        if (this.countStep()) yield* this.throttle();
        let c: number;
        try {
          c = yield* this.condition(cond);
        } catch (e) {
          if (e instanceof BreakError) {
            if (--e.n > 0) throw e;
            break;
          }
          if (e instanceof ContinueError) {
            if (--e.n > 0) throw e;
            continue;
          }
          throw e;
        }
        if (until ? c === 0 : c !== 0) break;
        try {
          st = yield* this.runList(body);
        } catch (e) {
          if (e instanceof BreakError) {
            if (--e.n > 0) throw e;
            break;
          }
          if (e instanceof ContinueError) {
            if (--e.n > 0) throw e;
            continue;
          }
          throw e;
        }
      }
    } finally {
      this.loopDepth--;
    }
    this.status = st;
    return st;
  }

  /** `[[ ... ]]` */
  private *cond(e: CondExpr): Gen<boolean> {
    switch (e.kind) {
      case "not":
        return !(yield* this.cond(e.expr));
      case "and":
        return (yield* this.cond(e.left)) && (yield* this.cond(e.right));
      case "or":
        return (yield* this.cond(e.left)) || (yield* this.cond(e.right));
      case "word":
        return (yield* expandString(this, e.arg)) !== "";
      case "unary": {
        const a = yield* expandString(this, e.arg);
        if (e.op === "-z") return a === "";
        if (e.op === "-n") return a !== "";
        if (e.op === "-v") return this.param(a) !== undefined;
        return testFile(this, e.op, a) ?? false;
      }
      case "binary": {
        const l = yield* expandString(this, e.left);
        if (e.op === "==" || e.op === "=" || e.op === "!=") {
          const pat = yield* expandPattern(this, e.right);
          const m = matchPattern(pat, l);
          return e.op === "!=" ? !m : m;
        }
        const r = yield* expandString(this, e.right);
        switch (e.op) {
          case "=~": {
            let re: RegExp;
            try {
              re = new RegExp(r);
            } catch {
              return false;
            }
            const m = re.exec(l);
            this.arrays.set("BASH_REMATCH", m ? [...m].map((g) => g ?? "") : []);
            this.vars.set("BASH_REMATCH", { value: m?.[0], exported: false });
            return m !== null;
          }
          case "<":
            return l < r;
          case ">":
            return l > r;
        }
        const a = Number(arith(this, l));
        const b = Number(arith(this, r));
        switch (e.op) {
          case "-eq":
            return a === b;
          case "-ne":
            return a !== b;
          case "-lt":
            return a < b;
          case "-le":
            return a <= b;
          case "-gt":
            return a > b;
          case "-ge":
            return a >= b;
        }
        return false;
      }
    }
  }

  /** `<(cmd)`: runs cmd now (as a pipe's writer would), and serves its output at `/dev/fd/N`. */
  *procsub(body: List): Gen<string> {
    const sub = this.fork();
    const buf = new BufferOutput(CAPTURE_LIMIT, true);
    sub.fds.set(1, { output: buf });
    try {
      yield* sub.runSubshell(() => sub.runList(body));
    } catch (e) {
      if (!(e instanceof OutputOverflow)) throw e;
    }
    const path = `/dev/fd/${63 - this.proc.procSubs.size}`;
    this.proc.procSubs.set(path, buf.text());
    return path;
  }

  *cmdsub(body: List): Gen<string> {
    const sub = this.fork();
    const buf = new BufferOutput(CAPTURE_LIMIT, true);
    sub.fds.set(1, { output: buf });
    let st: number;
    try {
      st = yield* sub.runSubshell(() => sub.runList(body));
    } catch (e) {
      if (!(e instanceof OutputOverflow)) throw e;
      this.fail(`command substitution: ${e.message}`);
    }
    this.subStatus = st;
    this.status = st;
    return buf.text();
  }

  // ------------------------------------------------------------------ simple commands

  private *runSimple(cmd: SimpleCommand): Gen<number> {
    if (this.countStep()) yield* this.throttle();
    this.subStatus = undefined;
    const argv = this.plainArgv(cmd);
    if (argv === undefined) return yield* this.runSimpleExpanded(cmd);
    // The common case (`echo tick`, `sleep 1`, `true`) without the general path's generators.
    const name = argv[0] as string;
    const fn = this.funcs.get(name);
    if (fn) return yield* this.callFunction(name, fn, argv.slice(1));
    const builtin = builtinFor(this.dialect, name);
    if (builtin) {
      const r = builtin(this, argv);
      return typeof r === "number" ? r : yield* r;
    }
    return yield* runExternal(this, argv, NO_ASSIGNS);
  }

  /**
   * The argv of a simple command that needs no expansion and nothing around it (no assignments,
   * redirections, alias, declaration builtin or xtrace); undefined for any other command, which
   * runSimpleExpanded runs.
   */
  private plainArgv(cmd: SimpleCommand): string[] | undefined {
    const words = cmd.words;
    if (
      words.length === 0 ||
      cmd.assigns.length ||
      cmd.redirs.length ||
      cmd.declArrays ||
      this.aliases.size ||
      this.opts.xtrace
    )
      return undefined;
    const argv: string[] = [];
    for (const w of words) {
      const lit = literalField(this, w);
      if (lit === undefined) return undefined;
      argv.push(lit);
    }
    const name = argv[0] as string;
    if (name === "exec" || DECLARATION_BUILTINS.has(name)) return undefined;
    return argv;
  }

  /** A simple command in general: expansions, assignments, aliases, redirections. */
  private *runSimpleExpanded(cmd: SimpleCommand): Gen<number> {
    const argv: string[] = [];
    const head = cmd.words[0]?.[0];
    const declaration =
      cmd.words[0]?.length === 1 && head?.kind === "lit" && DECLARATION_BUILTINS.has(head.value);
    for (const w of cmd.words) {
      // `local x=$1`, `export PATH=$PATH:$d`: an assignment argument of a declaration builtin is
      // expanded as an assignment is (no field splitting, no globbing).
      const first = w[0];
      if (
        declaration &&
        w !== cmd.words[0] &&
        first?.kind === "lit" &&
        /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.value)
      )
        argv.push(yield* expandString(this, w));
      else {
        const lit = literalField(this, w);
        if (lit !== undefined) argv.push(lit);
        else argv.push(...(yield* expandWord(this, w)));
      }
    }
    const first = cmd.words[0];
    if (this.aliases.size && first?.length === 1 && first[0]?.kind === "lit") {
      const alias = this.aliases.get(first[0].value);
      if (alias !== undefined && !this.expandingAliases.has(first[0].value)) {
        // An alias is text put in place of the command name (read again by the parser).
        const text = `${alias} ${argv.slice(1).map(traceQuote).join(" ")}`;
        this.expandingAliases.add(first[0].value);
        try {
          return yield* withRedirs(this, cmd.redirs, () => this.evalText(text));
        } finally {
          this.expandingAliases.delete(first[0].value);
        }
      }
    }
    const assigns: [string, string, Assign][] = [];
    for (const a of cmd.assigns) {
      if (a.array || a.index) {
        // bash arrays are set at once, whatever the command (bash does so for array assignments).
        const values: string[] = [];
        if (a.array) for (const w of a.array) values.push(...(yield* expandWord(this, w)));
        else values.push(yield* expandString(this, a.value));
        const index = a.index ? Number(arith(this, yield* expandString(this, a.index))) : undefined;
        if (index !== undefined && a.append)
          values[0] = (this.param(`${a.name}[${index}]`) ?? "") + values[0];
        this.setArray(a.name, index, values, a.append);
        continue;
      }
      let v = yield* expandString(this, a.value);
      if (a.append) v = (this.param(a.name) ?? "") + v;
      assigns.push([a.name, v, a]);
    }
    if (this.opts.xtrace) {
      const parts = [...assigns.map(([n, v]) => `${n}=${traceQuote(v)}`), ...argv.map(traceQuote)];
      if (parts.length) this.err(`+ ${parts.join(" ")}\n`);
    }
    if (argv.length === 0) {
      for (const [n, v] of assigns) this.setVar(n, v);
      const st = this.subStatus ?? 0;
      if (cmd.redirs.length) return yield* withRedirs(this, cmd.redirs, () => constant(st));
      return st;
    }
    const name = argv[0] as string;
    if (name === "exec" && argv.length === 1) {
      for (const [n, v] of assigns) this.setVar(n, v);
      return yield* applyRedirs(this, cmd.redirs);
    }
    const fn = this.funcs.get(name);
    const builtin = fn ? undefined : builtinFor(this.dialect, name);
    const special = builtin !== undefined && SPECIAL_BUILTINS.has(name);
    if (cmd.declArrays && builtin) {
      const st = yield* this.runBuiltin(builtin, argv);
      for (const d of cmd.declArrays) {
        const values: string[] = [];
        for (const w of d.array) values.push(...(yield* expandWord(this, w)));
        this.setArray(d.name, undefined, values);
      }
      return st;
    }
    const run = (): Gen<number> => {
      if (special) {
        for (const [n, v] of assigns) this.setVar(n, v);
        return this.runBuiltin(builtin as Builtin, argv);
      }
      if (fn && !assigns.length) return this.callFunction(name, fn, argv.slice(1));
      if (fn || builtin)
        return this.withTempVars(assigns, () =>
          fn ? this.callFunction(name, fn, argv.slice(1)) : this.runBuiltin(builtin as Builtin, argv),
        );
      const env: Record<string, string> = {};
      for (const [n, v] of assigns) env[n] = v;
      return this.runExternal(argv, env);
    };
    if (!cmd.redirs.length) return yield* run();
    return yield* withRedirs(this, cmd.redirs, run);
  }

  private *runBuiltin(b: Builtin, argv: string[]): Gen<number> {
    const r = b(this, argv);
    const st = typeof r === "number" ? r : yield* r;
    return st;
  }

  /** Runs fn with variables set for its duration (`A=1 f`), restoring them after. */
  private *withTempVars(assigns: [string, string, Assign][], fn: () => Gen<number>): Gen<number> {
    if (!assigns.length) return yield* fn();
    const saved = assigns.map(([n]) => [n, this.vars.get(n)] as const);
    for (const [n, v] of assigns) this.vars.set(n, { value: v, exported: true });
    try {
      return yield* fn();
    } finally {
      for (const [n, v] of saved) {
        if (v) this.vars.set(n, v);
        else this.vars.delete(n);
      }
    }
  }

  /** Calls a shell function with its arguments. */
  *callFunction(name: string, body: Command, args: string[]): Gen<number> {
    if (this.funcDepth >= MAX_FUNC_DEPTH) {
      this.warn(funcNestMessage(this.dialect, name));
      throw this.proc.interactive ? new AbortError(2) : new ExitError(2);
    }
    const savedArgs = this.positionalArgs;
    this.positionalArgs = args;
    this.funcDepth++;
    this.localFrames.push(new Map());
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    try {
      return yield* this.runCommand(body);
    } catch (e) {
      if (e instanceof ReturnError) return e.status;
      throw e;
    } finally {
      this.loopDepth = savedLoop;
      const frame = this.localFrames.pop() as Map<string, { v?: Var; arr?: (string | undefined)[] }>;
      for (const [n, { v, arr }] of frame) {
        if (v) this.vars.set(n, v);
        else this.vars.delete(n);
        if (arr) this.arrays.set(n, arr);
        else this.arrays.delete(n);
      }
      this.funcDepth--;
      this.positionalArgs = savedArgs;
    }
  }

  /** `local name[=value]`: saves the outer value, restored when the function returns. */
  makeLocal(name: string, value: string | undefined): boolean {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) {
      const cur = this.vars.get(name);
      const arr = this.arrays.get(name);
      frame.set(name, { v: cur ? { ...cur } : undefined, arr: arr ? [...arr] : undefined });
      // bash's local starts unset; dash's and ash's keeps the value it had.
      this.arrays.delete(name);
      if (this.dialect === "bash") this.vars.set(name, { value: undefined, exported: false });
    }
    if (value !== undefined) this.setVar(name, value);
    else if (!this.vars.has(name)) this.vars.set(name, { value: undefined, exported: false });
    return true;
  }

  // ------------------------------------------------------------------ external commands

  /** What a command name runs: a program, a script file, or why not (status 126/127). */
  resolve(name: string): Resolution {
    return resolveCommand(this, name);
  }

  /** Runs a program found through the userland or a script file (see exec.ts). */
  runExternal(argv: string[], assigns: Record<string, string>, stdinOverride?: string): Gen<number> {
    return runExternal(this, argv, assigns, stdinOverride);
  }

  // ------------------------------------------------------------------ background jobs

  /** Starts `cmd &` as a job; it runs until its first wait right away. */
  private spawnJob(ao: AndOr): void {
    // A fork bomb (`b(){ b | b & }; b`) would start jobs without end at one instant: past a
    // bound, fork fails as it does when a node runs out of PIDs (EAGAIN), and the shell errors out.
    const forks = this.proc.forks;
    const now = this.sys.now();
    if (forks.since !== now) {
      forks.since = now;
      forks.count = 0;
    }
    if (++forks.count > MAX_FORKS_PER_INSTANT) this.fail(forkFailure(this.dialect), 2);
    const sub = this.fork();
    sub.budget = { steps: 0, since: this.sys.now() };
    sub.noErrexit = 0;
    if (!this.proc.interactive) sub.fds.set(0, { input: new Input("") });
    const pid = this.proc.nextJobPid++;
    const proc = (function* () {
      return yield* sub.runSubshell(function* () {
        return yield* sub.runAndOr(ao);
      });
    })();
    const job: Job = { id: this.proc.jobs.length + 1, pid, command: "", proc, due: 0, owner: this };
    this.proc.jobs.push(job);
    this.lastBgPid = pid;
    stepJob(this.proc, job);
  }
}

/** The most background jobs one shell process starts at one virtual instant. */
export const MAX_FORKS_PER_INSTANT = 4096;

/** The shell's message when fork fails with EAGAIN (ash's "can't fork", dash's, bash's). */
function forkFailure(dialect: Dialect): string {
  if (dialect === "bash") return "fork: Resource temporarily unavailable";
  if (dialect === "dash") return "Cannot fork";
  return "can't fork: Resource temporarily unavailable";
}

/** Builtins whose `NAME=value` arguments are expanded as assignments. */
const DECLARATION_BUILTINS = new Set(["export", "readonly", "local", "declare", "typeset"]);

/** No assignments before a command. */
const NO_ASSIGNS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A generator that returns a value at once. */
// biome-ignore lint/correctness/useYield: a constant outcome in a generator's shape
export function* constant(v: number): Gen<number> {
  return v;
}

/** The xtrace form of a word: quoted when it needs it. */
function traceQuote(s: string): string {
  if (s !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** Runs a job until its next wait (or its end). */
export function stepJob(p: Process, job: Job): void {
  if (job.status !== undefined) return;
  let r: IteratorResult<Wait, number>;
  try {
    r = job.proc.next();
  } catch (e) {
    if (e instanceof ExitError) r = { done: true, value: e.status };
    else throw e;
  }
  if (r.done) {
    job.status = r.value;
    p.wake = true;
    return;
  }
  const now = p.sys.now();
  const w = r.value;
  job.due =
    w.kind === "sleep" ? now + w.ms : w.kind === "throttle" ? now + THROTTLE_MS : Number.POSITIVE_INFINITY;
}

/** Delivers a signal to a shell process: a trap, the default action, or nothing (pid 1). */
export function deliverSignal(p: Process, signal: string): void {
  const sig = signalName(signal) ?? signal.toUpperCase();
  if (sig === "KILL") {
    p.fatal = sig;
    p.wake = true;
    return;
  }
  const action = p.execed ? undefined : p.main.traps.get(sig);
  if (action !== undefined) {
    if (action !== "") {
      p.pending.push(sig);
      p.wake = true;
    }
    return;
  }
  if (IGNORED_BY_DEFAULT.has(sig) || sig === "EXIT") return;
  // Linux does not deliver a default-action signal to a PID namespace's init.
  if (p.pid === 1) return;
  p.fatal = sig;
  p.wake = true;
}
