/**
 * The Runner: walks a parsed script, after mvdan/sh's interp. Every command, expansion and
 * builtin is a generator, so a `sleep` anywhere yields its Wait up to the driver and resumes where
 * it was. Everything that touches the world goes through the CommandContext's FileSystem, System
 * and Userland.
 */

import type { AndOr, Assign, CaseItem, Command, CondExpr, List, Pipeline, SimpleCommand, Word } from "./ast";
import { type Builtin, builtinFor, SPECIAL_BUILTINS } from "./builtins";
import { type Resolution, resolveCommand, runExternal } from "./exec";
import { arith, type ExpandHost, expandPattern, expandString, expandWord, literalField } from "./expand";
import {
  type CommandContext,
  type FileSystem,
  type Output,
  type Proc,
  STEP_BUDGET,
  SYNC,
  type System,
  THROTTLE_MS,
  type Userland,
  type Wait,
} from "./interface";
import { BufferOutput, CAPTURE_LIMIT, type Fd, type Fds, type FileOutput, Input, OutputOverflow } from "./io";
import { type Dialect, type ScriptSource, ShSyntaxError } from "./parse";
import { matchPattern } from "./pattern";
import { livePipe } from "./pipe";
import { runPipeline } from "./pipeline";
import { applyRedirs, withRedirs } from "./redirs";
import { type ScriptLines, scriptLines } from "./scriptcache";
import { sealedLoop, testsFiles } from "./sealed";
import { IGNORED_BY_DEFAULT, signalName } from "./signals";
import { testFile } from "./test";
import { environOrder } from "./vartab";

/** A generator of the shell: yields Waits, returns T. */
export type Gen<T> = Generator<Wait, T, void>;

/**
 * A command's outcome: its status when it ran to its end at once (no wait on the way, the common
 * case), or a generator that waits before giving it. Callers take a number as it is and run a
 * generator at once (`typeof r === "number" ? r : yield* r`): most commands never build one.
 */
export type Run = number | Gen<number>;

/** An item of a list: an and-or list, in the foreground or the background. */
type ListItem = List["items"][number];
/** A command that is not simple, nor a function definition. */
type CompoundCommand = Exclude<Command, SimpleCommand | { kind: "func" }>;
type IfCommand = Extract<Command, { kind: "if" }>;
type ForCommand = Extract<Command, { kind: "for" }>;

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
  /**
   * Sealed loops (sh/sealed.ts) the main shell is in: while there is one, the process may run
   * ahead of the cluster's clock through its sleeps (topLevel's mayRunAhead).
   */
  sealed = 0;
  main!: Runner;
  /** Virtual ms when the shell started (`$SECONDS`). */
  readonly startedMs: number;
  /**
   * The virtual time at which the shell was last resumed (topLevel sets it; NaN when something
   * else drives it). Time only moves while the shell waits, so between resumes this is now.
   */
  instant = Number.NaN;
  /** The System the programs it runs see (without its signal hook), made when first needed. */
  nestedSys?: System;
  /** Where PATH search found each program (the shell's hash table), for the PATH in hashPath. */
  private readonly hashTable = new Map<string, Resolution>();
  private hashPath: string | undefined;
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

  /**
   * The shell's remembered command locations for this PATH (dash's, ash's and bash's hash table):
   * a program found along PATH is run from there without searching again, until PATH changes or
   * `hash -r` forgets them. Only the image's programs are kept (script files are looked up again).
   */
  commandHash(path: string): Map<string, Resolution> {
    if (path !== this.hashPath) {
      this.hashTable.clear();
      this.hashEpoch++;
      this.hashPath = path;
    }
    return this.hashTable;
  }

  /** `hash -r`: forgets every remembered location. */
  forgetCommands(): void {
    this.hashTable.clear();
    this.hashEpoch++;
  }

  /** Times the hash table was emptied (a Runner's remembered last command is valid within one). */
  hashEpoch = 0;

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
    // busybox ash (ASH_BASH_COMPAT's BASH_SHLVL_VAR) and bash count their nesting in SHLVL.
    if (init.dialect !== "dash") {
      const level = Number.parseInt(this.vars.get("SHLVL")?.value ?? "0", 10);
      this.vars.set("SHLVL", { value: String((Number.isNaN(level) ? 0 : level) + 1), exported: true });
    }
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
    const v = this.vars.get(name);
    // A set variable that is not an array (the common case) needs none of the checks below.
    if (v !== undefined && this.arrays.size === 0) return v.value;
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
    // Setting PATH, even to the same value, forgets the remembered command locations.
    if (name === "PATH") this.proc.forgetCommands();
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
    if (name === "PATH") this.proc.forgetCommands();
    this.arrays.delete(name);
    this.vars.delete(name);
    return true;
  }

  /** The environment a program sees: exported variables, then the command's own assignments. */
  environ(extra?: Record<string, string>): Readonly<Record<string, string>> {
    // The exported variables as last built, while they have not changed (frozen, shared by the
    // commands that run meanwhile: `sleep 1` in a loop asks for the environment every time).
    const exported = this.exportedVars();
    if (!extra) return exported;
    let env: Record<string, string> | undefined;
    for (const k in extra) {
      env ??= { ...exported };
      env[k] = extra[k] as string;
    }
    return env ?? exported;
  }

  /** The last environment built, and the variables (and their version) it was built from. */
  private envCache?: Record<string, string>;
  private envVars?: VarMap;
  private envVersion = -1;

  /** The exported variables as a frozen object. */
  private exportedVars(): Readonly<Record<string, string>> {
    const vars = this.vars;
    if (this.envCache !== undefined && this.envVars === vars && this.envVersion === vars.version)
      return this.envCache;
    const entries: [string, string][] = [];
    vars.forEach((v, k) => {
      if (v.exported && v.value !== undefined) entries.push([k, v.value]);
    });
    const env = Object.freeze(Object.fromEntries(environOrder(this.dialect, entries))) as Record<
      string,
      string
    >;
    this.envCache = env;
    this.envVars = vars;
    this.envVersion = vars.version;
    return env;
  }

  /**
   * The last command name found in the hash table and what it runs, valid while the variables
   * (so PATH) keep their version and the table is not emptied: a loop running the same program
   * finds it without looking PATH up. Kept by resolveCommand (exec.ts).
   */
  lastCommand?: { name: string; vars: VarMap; version: number; epoch: number; found: Resolution };

  /** The ctx.exec last made for a program this shell ran, and what it was made for (exec.ts). */
  lastExec?: {
    env: Readonly<Record<string, string>>;
    stdout: Output;
    stderr: Output;
    exec: CommandContext["exec"];
  };

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
    let now = this.proc.instant;
    if (Number.isNaN(now)) now = this.sys.now();
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

  // ------------------------------------------------------------------ running ahead

  /**
   * Enters a sealed loop (names: its commands, see sealed.ts) when the shell's state lets its
   * code touch nothing else either: the process's main shell, not interactive, no trap, job,
   * alias or function of those names, stdout and stderr where writes ahead of the clock can wait
   * (Output.rewind), no pipe feeding it, and the programs named the userland's pure ones. True
   * when it did: leaveSealed must follow.
   */
  enterSealed(names: ReadonlySet<string> | undefined): boolean {
    const p = this.proc;
    if (names === undefined || this !== p.main || p.interactive || p.execed) return false;
    if (this.traps.size || p.jobs.length || this.aliases.size || p.procSubs.size) return false;
    const fds = this.fds;
    if (!fds.get(1)?.output?.rewind || !fds.get(2)?.output?.rewind || livePipe(fds.get(0)?.input))
      return false;
    for (const name of names) {
      if (this.funcs.has(name)) return false;
      if (builtinFor(this.dialect, name)) continue;
      const r = resolveCommand(this, name);
      if (!("program" in r) || r.program.pure !== true) return false;
    }
    p.sealed++;
    return true;
  }

  /** Leaves a sealed loop: true when the process is then ahead of the clock and must sync. */
  leaveSealed(): boolean {
    const p = this.proc;
    p.sealed--;
    return p.sealed === 0 && this.sys.ahead?.() === true;
  }

  /** Lets the clock catch up first when the process runs ahead (before touching the world). */
  *sync(): Gen<void> {
    if (this.proc.sealed > 0 && this.sys.ahead?.() === true) yield SYNC;
  }

  // ------------------------------------------------------------------ lists and commands

  /**
   * Runs a list; returns the status of its last command (at once, or after waiting). With open,
   * a wait in its last item, when that is a lone command (a loop body's `sleep 1`), comes back
   * as the command's own generator, one generator less to resume on every wait: openTail then
   * says so, and the caller ends the list with endTail once that generator ends.
   */
  runList(list: List, open = false): Run {
    const items = list.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as ListItem;
      const procMark = this.proc.procSubs.size;
      if (item.background) {
        this.spawnJob(item.cmd);
        this.status = 0;
      } else if (isLone(item.cmd)) {
        // A command alone in its and-or list (most are): no and-or layer around it.
        const r = this.runCommand(item.cmd.first.cmds[0] as Command);
        if (typeof r !== "number") {
          if (i < items.length - 1) return this.runListFrom(items, i, procMark, r, true, open);
          if (!open) return this.listTail(r, procMark);
          this.openTail = procMark;
          return r;
        }
        this.loneStatus(r);
      } else {
        const r = this.runAndOrList(item.cmd);
        if (typeof r !== "number") return this.runListFrom(items, i, procMark, r, false, open);
        this.status = r;
      }
      if (this.proc.procSubs.size > procMark) this.dropProcSubs(procMark);
      if (this.proc.pending.length) return this.runListFrom(items, i, procMark, undefined, false, open);
    }
    return this.status;
  }

  /**
   * After runList(list, true) returned a generator: the `/dev/fd` mark of its last item when
   * that generator is the item's own (end the list with endTail), -1 when it runs the list's rest.
   */
  openTail = -1;

  /** Ends a list whose last item's own generator ended with st; true when traps are due. */
  endTail(st: number, procMark: number): boolean {
    this.loneStatus(st);
    if (this.proc.procSubs.size > procMark) this.dropProcSubs(procMark);
    return this.proc.pending.length > 0;
  }

  /** The last item of a list waits (a loop body's `sleep 1`): its end is the list's. */
  private *listTail(pending: Gen<number>, procMark: number): Gen<number> {
    if (this.endTail(yield* pending, procMark)) yield* this.runTraps();
    return this.status;
  }

  /**
   * The rest of a list once an item waits: item i finishes with pending (a lone command's when
   * lone), or, without it, has finished and trapped signals are due; then the items after it run.
   */
  private runListFrom(
    items: ListItem[],
    i: number,
    procMark: number,
    pending: Gen<number> | undefined,
    lone: boolean,
    open: boolean,
  ): Gen<number> {
    if (open) this.openTail = -1;
    return this.listFrom(items, i, procMark, pending, lone);
  }

  private *listFrom(
    items: ListItem[],
    i: number,
    procMark: number,
    pending: Gen<number> | undefined,
    lone: boolean,
  ): Gen<number> {
    if (pending) {
      const st = yield* pending;
      if (lone) this.loneStatus(st);
      else this.status = st;
      if (this.proc.procSubs.size > procMark) this.dropProcSubs(procMark);
    }
    if (this.proc.pending.length) yield* this.runTraps();
    for (i++; i < items.length; i++) {
      const item = items[i] as ListItem;
      const mark = this.proc.procSubs.size;
      if (item.background) {
        this.spawnJob(item.cmd);
        this.status = 0;
      } else {
        const r = this.runAndOr(item.cmd);
        this.status = typeof r === "number" ? r : yield* r;
      }
      if (this.proc.procSubs.size > mark) this.dropProcSubs(mark);
      if (this.proc.pending.length) yield* this.runTraps();
    }
    return this.status;
  }

  /** The `/dev/fd/N` files of `<(...)` last as long as the command that opened them. */
  private dropProcSubs(procMark: number): void {
    for (const k of [...this.proc.procSubs.keys()].slice(procMark)) this.proc.procSubs.delete(k);
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
  evalText(text: string, source?: string, startLine?: number): Gen<number> {
    return this.runText(text, source, startLine, false);
  }

  /**
   * Runs a script's text as the shell's main body: `exit` (or a fatal error) ends it with its
   * status, then the EXIT trap runs (not after `exec`). The same generator as the text's lines,
   * one less for every wait of the script to pass through.
   */
  runMain(text: string, startLine: number): Gen<number> {
    return this.runText(text, undefined, startLine, true);
  }

  private runText(
    text: string,
    source: string | undefined,
    startLine: number | undefined,
    main: boolean,
  ): Gen<number> {
    return new TextFrame(this, text, source, startLine, main);
  }

  /** The lines of a script text, from startLine (or where the shell is), for a TextFrame. */
  textLines(text: string, source: string | undefined, startLine: number | undefined): ScriptLines {
    return scriptLines(
      text,
      this.dialect,
      startLine ?? (source === undefined && this.proc.source !== "interactive" ? this.line : 1),
    );
  }

  /** A syntax error in text run by the shell: its message, then the shell aborts or exits (2). */
  syntaxError(e: ShSyntaxError, source: string | undefined): never {
    this.err(
      `${e.format(this.proc.argv0, this.proc.source === "interactive" ? "interactive" : source === undefined ? this.proc.source : "file")}\n`,
    );
    if (this.proc.interactive) throw new AbortError(2);
    throw new ExitError(2);
  }

  /** Runs an and-or list; a lone command (the common case) runs without a generator of its own. */
  private runAndOr(ao: AndOr): Run {
    if (isLone(ao)) {
      const r = this.runCommand(ao.first.cmds[0] as Command);
      return typeof r === "number" ? this.loneStatus(r) : this.loneRest(r);
    }
    return this.runAndOrList(ao);
  }

  /** A command alone in its and-or list ended: its status, and `set -e`. */
  private loneStatus(st: number): number {
    this.status = st;
    if (st !== 0 && this.opts.errexit && this.noErrexit === 0) throw new ExitError(st);
    return st;
  }

  private *loneRest(pending: Gen<number>): Gen<number> {
    return this.loneStatus(yield* pending);
  }

  private *runAndOrList(ao: AndOr): Generator<Wait, number, void> {
    const n = ao.rest.length;
    if (n > 0) this.noErrexit++;
    let st: number;
    try {
      const r = this.runPipeline(ao.first);
      st = typeof r === "number" ? r : yield* r;
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
        const r = this.runPipeline(pipeline);
        st = typeof r === "number" ? r : yield* r;
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

  private runPipeline(p: Pipeline): Run {
    if (!p.timed && !p.negate && p.cmds.length === 1) return this.runCommand(p.cmds[0] as Command);
    return this.runPipelineGen(p);
  }

  private *runPipelineGen(p: Pipeline): Gen<number> {
    if (p.timed) {
      // bash's `time`: the elapsed virtual time; the simulation spends no CPU time.
      const start = this.sys.now();
      const r = this.runPipeline({ ...p, timed: undefined });
      const st = typeof r === "number" ? r : yield* r;
      const secs = (this.sys.now() - start) / 1000;
      const fmt = (s: number) => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
      this.err(`\nreal\t${fmt(secs)}\nuser\t${fmt(0)}\nsys\t${fmt(0)}\n`);
      return st;
    }
    if (p.negate) this.noErrexit++;
    let st: number;
    try {
      if (p.cmds.length === 1) {
        const r = this.runCommand(p.cmds[0] as Command);
        st = typeof r === "number" ? r : yield* r;
      } else {
        const r = runPipeline(this, p.cmds);
        st = typeof r === "number" ? r : yield* r;
      }
    } finally {
      if (p.negate) this.noErrexit--;
    }
    return p.negate ? (st === 0 ? 1 : 0) : st;
  }

  /** Runs fn as a subshell: `exit` ends only it. */
  runSubshell(fn: () => Run): Run {
    try {
      const r = fn();
      if (typeof r !== "number") return this.subshellRest(r, false);
      const t = this.exitTrap(r);
      return typeof t === "number" ? t : this.subshellRest(t, true);
    } catch (e) {
      return this.subshellEnded(e);
    }
  }

  /** A subshell's body that waits: its exit status, its EXIT trap (unless trapped already). */
  private *subshellRest(pending: Gen<number>, trapped: boolean): Gen<number> {
    try {
      const st = yield* pending;
      if (trapped) return st;
      const t = this.exitTrap(st);
      return typeof t === "number" ? t : yield* t;
    } catch (e) {
      const r = this.subshellEnded(e);
      return typeof r === "number" ? r : yield* r;
    }
  }

  /** What ends a subshell early: `exit` (then its EXIT trap), `return`, a stray break or continue. */
  private subshellEnded(e: unknown): Run {
    if (e instanceof ExitError) return this.exitTrap(e.status);
    if (e instanceof ReturnError) return e.status;
    if (e instanceof BreakError || e instanceof ContinueError) return this.status;
    throw e;
  }

  /** Runs the EXIT trap, if any; returns the exit status (the trap's `exit n` overrides it). */
  exitTrap(status: number): Run {
    const action = this.traps.get("EXIT");
    if (!action) return status;
    return this.runExitTrap(action, status);
  }

  private *runExitTrap(action: string, status: number): Gen<number> {
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

  /** Runs one command, with its redirections: its status at once, or a generator that waits. */
  runCommand(cmd: Command): Run {
    this.line = cmd.line;
    switch (cmd.kind) {
      case "simple":
        return this.countStep() ? this.throttled(cmd) : this.runSimple(cmd);
      case "func":
        this.funcs.set(cmd.name, cmd.body);
        return 0;
    }
    return this.countStep() ? this.throttled(cmd) : this.runCompoundCommand(cmd);
  }

  /** Waits out a throttle, then runs the command. */
  private *throttled(cmd: SimpleCommand | CompoundCommand): Gen<number> {
    yield* this.throttle();
    const r = cmd.kind === "simple" ? this.runSimple(cmd) : this.runCompoundCommand(cmd);
    return typeof r === "number" ? r : yield* r;
  }

  private runCompoundCommand(cmd: CompoundCommand): Run {
    if (!cmd.redirs.length) return this.runCompound(cmd);
    return withRedirs(this, cmd.redirs, () => this.runCompound(cmd));
  }

  private runCompound(cmd: CompoundCommand): Run {
    switch (cmd.kind) {
      case "group":
        return this.runList(cmd.body);
      case "subshell": {
        const sub = this.fork();
        return sub.runSubshell(() => sub.runList(cmd.body));
      }
      case "if":
        return this.runIf(cmd, 0);
      case "while":
        return this.runLoop(cmd.until, cmd.cond, cmd.body);
      case "for":
        return this.runFor(cmd);
      case "case":
        return this.runCase(cmd);
      case "dbracket":
        return this.runDbracket(cmd.expr);
      case "arithcmd":
        return this.runArithCmd(cmd.expr);
    }
  }

  /** `if`: the clauses from `from` on, the else part when no condition holds. */
  private runIf(cmd: IfCommand, from: number): Run {
    for (let k = from; k < cmd.clauses.length; k++) {
      const clause = cmd.clauses[k] as IfCommand["clauses"][number];
      const c = this.condition(clause.cond);
      if (typeof c !== "number") return this.runIfFrom(cmd, k, c);
      if (c === 0) return this.runList(clause.body);
    }
    return cmd.else ? this.runList(cmd.else) : 0;
  }

  private *runIfFrom(cmd: IfCommand, k: number, cond: Gen<number>): Gen<number> {
    const c = yield* cond;
    const r =
      c === 0 ? this.runList((cmd.clauses[k] as IfCommand["clauses"][number]).body) : this.runIf(cmd, k + 1);
    return typeof r === "number" ? r : yield* r;
  }

  private *runCase(cmd: Extract<Command, { kind: "case" }>): Gen<number> {
    const word = yield* expandString(this, cmd.word);
    for (let i = 0; i < cmd.items.length; i++) {
      const item = cmd.items[i] as (typeof cmd.items)[number];
      for (const p of item.patterns) {
        const pat = yield* expandPattern(this, p);
        if (!matchPattern(pat, word)) continue;
        const r = this.runList(item.body);
        let st = typeof r === "number" ? r : yield* r;
        for (let k = i; cmd.items[k]?.fallthrough && k + 1 < cmd.items.length; k++) {
          const f = this.runList((cmd.items[k + 1] as CaseItem).body);
          st = typeof f === "number" ? f : yield* f;
        }
        return st;
      }
    }
    return 0;
  }

  private *runDbracket(expr: CondExpr): Gen<number> {
    return (yield* this.cond(expr)) ? 0 : 1;
  }

  private *runArithCmd(expr: Word): Gen<number> {
    const text = yield* expandString(this, expr);
    return arith(this, text) === "0" ? 1 : 0;
  }

  /** Runs a condition list (if, while): `set -e` does not apply in it. */
  condition(list: List): Run {
    this.noErrexit++;
    let r: Run;
    try {
      r = this.runList(list);
    } catch (e) {
      this.noErrexit--;
      throw e;
    }
    if (typeof r !== "number") return this.conditionRest(r);
    this.noErrexit--;
    return r;
  }

  private *conditionRest(pending: Gen<number>): Gen<number> {
    try {
      return yield* pending;
    } finally {
      this.noErrexit--;
    }
  }

  /**
   * `while`/`until`: runs at once while nothing waits; the first wait hands the loop, where it
   * is, to loopFrom.
   */
  private runLoop(until: boolean, cond: List, body: List): Run {
    let st = 0;
    this.loopDepth++;
    let handedOff = false;
    try {
      for (;;) {
        if (this.countStep()) {
          handedOff = true;
          return this.loopFrom(until, cond, body, st, true);
        }
        let c: Run;
        try {
          c = this.condition(cond);
        } catch (e) {
          if (loopControl(e) === "break") break;
          continue;
        }
        if (typeof c !== "number") {
          handedOff = true;
          return this.loopFrom(until, cond, body, st, false, c);
        }
        if (until ? c === 0 : c !== 0) break;
        let b: Run;
        try {
          b = this.runList(body);
        } catch (e) {
          if (loopControl(e) === "break") break;
          continue;
        }
        if (typeof b !== "number") {
          handedOff = true;
          return this.loopFrom(until, cond, body, st, false, undefined, b);
        }
        st = b;
      }
    } finally {
      if (!handedOff) this.loopDepth--;
    }
    this.status = st;
    return st;
  }

  /**
   * A `while`/`until` loop that waits, from where runLoop left it: a throttle due, its condition
   * waiting (pendingCond), or its body (pendingBody).
   */
  private loopFrom(
    until: boolean,
    cond: List,
    body: List,
    st: number,
    throttle: boolean,
    pendingCond?: Gen<number>,
    pendingBody?: Gen<number>,
  ): Gen<number> {
    return new LoopFrame(this, until, cond, body, st, throttle, pendingCond, pendingBody);
  }

  /** `for NAME in WORDS`: the words expanded, then the body for each; at once while nothing waits. */
  private runFor(cmd: ForCommand): Run {
    const items: string[] = [];
    if (cmd.items) {
      for (let k = 0; k < cmd.items.length; k++) {
        const lit = literalField(this, cmd.items[k] as Word);
        if (lit === undefined) return this.runForExpanding(cmd, items, k);
        items.push(lit);
      }
    } else items.push(...this.positionalArgs);
    return this.runForItems(cmd, items);
  }

  /** A for loop whose words need expanding (a `$(...)` may wait): expands them, then loops. */
  private *runForExpanding(cmd: ForCommand, items: string[], from: number): Gen<number> {
    const words = cmd.items as Word[];
    for (let k = from; k < words.length; k++) items.push(...(yield* expandWord(this, words[k] as Word)));
    const r = this.runForItems(cmd, items);
    return typeof r === "number" ? r : yield* r;
  }

  private runForItems(cmd: ForCommand, items: string[]): Run {
    let st = 0;
    this.loopDepth++;
    let handedOff = false;
    try {
      for (let k = 0; k < items.length; k++) {
        if (this.countStep()) {
          handedOff = true;
          return this.forFrom(cmd, items, k, st, true);
        }
        this.setVar(cmd.name, items[k] as string);
        let b: Run;
        try {
          b = this.runList(cmd.body);
        } catch (e) {
          if (loopControl(e) === "break") break;
          continue;
        }
        if (typeof b !== "number") {
          handedOff = true;
          return this.forFrom(cmd, items, k, st, false, b);
        }
        st = b;
      }
    } finally {
      if (!handedOff) this.loopDepth--;
    }
    return st;
  }

  /** A for loop that waits, from item k: a throttle due before it, or its body waiting (pending). */
  private *forFrom(
    cmd: ForCommand,
    items: string[],
    k: number,
    st: number,
    throttle: boolean,
    pending?: Gen<number>,
  ): Gen<number> {
    // Its words were expanded before it began (as the process then ran): only the body counts.
    let sealed = this.enterSealed(sealedLoop(cmd, { lists: [cmd.body] }));
    try {
      for (; k < items.length; k++) {
        try {
          let b: Run;
          let mark = -1;
          if (pending === undefined) {
            if (throttle || this.countStep()) yield* this.throttle();
            throttle = false;
            this.setVar(cmd.name, items[k] as string);
            b = this.runList(cmd.body, true);
            if (typeof b !== "number") mark = this.openTail;
          } else {
            b = pending;
            pending = undefined;
          }
          if (typeof b === "number") st = b;
          else {
            st = yield* b;
            if (mark >= 0 && this.endTail(st, mark)) yield* this.runTraps();
          }
        } catch (e) {
          if (loopControl(e) === "break") break;
        }
      }
      // Ran ahead of the clock in a sealed loop: the clock catches up before what follows.
      if (sealed) {
        sealed = false;
        if (this.leaveSealed()) yield SYNC;
      }
    } catch (e) {
      if (sealed) {
        sealed = false;
        if (this.leaveSealed()) yield SYNC;
      }
      throw e;
    } finally {
      this.loopDepth--;
      if (sealed) this.proc.sealed--;
    }
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
      const r = sub.runSubshell(() => sub.runList(body));
      if (typeof r !== "number") yield* r;
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
      const r = sub.runSubshell(() => sub.runList(body));
      st = typeof r === "number" ? r : yield* r;
    } catch (e) {
      if (!(e instanceof OutputOverflow)) throw e;
      this.fail(`command substitution: ${e.message}`);
    }
    this.subStatus = st;
    this.status = st;
    return buf.text();
  }

  // ------------------------------------------------------------------ simple commands

  private runSimple(cmd: SimpleCommand): Run {
    this.subStatus = undefined;
    const argv = this.plainArgv(cmd);
    if (argv === undefined) return this.runSimpleExpanded(cmd);
    // The common case (`echo tick`, `sleep 1`, `true`) without the general path's generators.
    const name = argv[0] as string;
    const fn = this.funcs.size ? this.funcs.get(name) : undefined;
    if (fn) return this.callFunction(name, fn, argv.slice(1));
    const builtin = builtinFor(this.dialect, name);
    if (builtin) return builtin(this, argv);
    return runExternal(this, argv);
  }

  /**
   * The argv of a simple command that needs no expansion and nothing around it (no assignments,
   * redirections, alias, declaration builtin or xtrace); undefined for any other command, which
   * runSimpleExpanded runs.
   */
  private plainArgv(cmd: SimpleCommand): string[] | undefined {
    // Worked out by the parser for most such commands: shared, never changed.
    const literal = cmd.literal;
    if (literal !== undefined && this.aliases.size === 0 && !this.opts.xtrace) return literal as string[];
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
    // Sized at once (an array grown by push starts with room for 16).
    const argv = new Array<string>(words.length);
    for (let i = 0; i < words.length; i++) {
      const lit = literalField(this, words[i] as Word);
      if (lit === undefined) return undefined;
      argv[i] = lit;
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
      if (cmd.redirs.length) return yield* withRedirs(this, cmd.redirs, () => st);
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
      const b = builtin(this, argv);
      const st = typeof b === "number" ? b : yield* b;
      for (const d of cmd.declArrays) {
        const values: string[] = [];
        for (const w of d.array) values.push(...(yield* expandWord(this, w)));
        this.setArray(d.name, undefined, values);
      }
      return st;
    }
    // A file test spelled through a variable, in a loop running ahead: the clock catches up first.
    if ((name === "test" || name === "[") && this.proc.sealed > 0 && testsFiles(argv)) yield* this.sync();
    const run = (): Run => {
      if (special) {
        for (const [n, v] of assigns) this.setVar(n, v);
        return (builtin as Builtin)(this, argv);
      }
      if (fn && !assigns.length) return this.callFunction(name, fn, argv.slice(1));
      if (fn || builtin)
        return this.withTempVars(assigns, () =>
          fn ? this.callFunction(name, fn, argv.slice(1)) : (builtin as Builtin)(this, argv),
        );
      const env: Record<string, string> = {};
      for (const [n, v] of assigns) env[n] = v;
      return this.runExternal(argv, env);
    };
    if (!cmd.redirs.length) {
      const r = run();
      return typeof r === "number" ? r : yield* r;
    }
    return yield* withRedirs(this, cmd.redirs, run);
  }

  /** Runs fn with variables set for its duration (`A=1 f`), restoring them after. */
  private *withTempVars(assigns: [string, string, Assign][], fn: () => Run): Gen<number> {
    const saved = assigns.map(([n]) => [n, this.vars.get(n)] as const);
    for (const [n, v] of assigns) this.vars.set(n, { value: v, exported: true });
    try {
      const r = fn();
      return typeof r === "number" ? r : yield* r;
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
      const r = this.runCommand(body);
      return typeof r === "number" ? r : yield* r;
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
  runExternal(argv: string[], assigns: Record<string, string>, stdinOverride?: string): Run {
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
      const r = sub.runSubshell(() => sub.runAndOr(ao));
      return typeof r === "number" ? r : yield* r;
    })();
    const job: Job = { id: this.proc.jobs.length + 1, pid, command: "", proc, due: 0, owner: this };
    this.proc.jobs.push(job);
    this.lastBgPid = pid;
    // An interactive bash says which job it started and its pid (`[1] 4567`) on stderr.
    if (this.proc.interactive && !this.subshell) this.err(`[${job.id}] ${pid}\n`);
    stepJob(this.proc, job);
  }
}

/** What a TextFrame waits on: nothing (it reads its next line), a line, traps, the EXIT trap. */
enum TextWait {
  None,
  Line,
  Traps,
  ExitTrap,
}

/**
 * Shell text run line by line (a script's main body, eval, a trap, `.`) as one resumable frame:
 * the line that waits is a field, so a wait deep in a script's loop goes up and comes back down
 * through a method call rather than a generator frame. As the main body, `exit` (or a fatal
 * error) ends it with its status, then the EXIT trap runs (not after `exec`).
 */
class TextFrame implements Gen<number> {
  private lines?: ScriptLines;
  private waiting = TextWait.None;
  private pending: Gen<number> | Gen<void> | undefined;
  /** The `/dev/fd` mark of the line's last item when pending is that item's own generator, else -1. */
  private mark = -1;
  private status = 0;
  private ended = false;

  constructor(
    private readonly sh: Runner,
    private readonly text: string,
    private readonly source: string | undefined,
    private readonly startLine: number | undefined,
    private readonly main: boolean,
  ) {}

  next(): IteratorResult<Wait, number> {
    if (this.ended) return { done: true, value: undefined as unknown as number };
    for (;;) {
      let r: IteratorResult<Wait, number> | undefined;
      if (this.waiting === TextWait.ExitTrap) {
        // The EXIT trap runs after the body: what it throws goes on up.
        try {
          r = (this.pending as Gen<number>).next();
        } catch (e) {
          this.ended = true;
          throw e;
        }
        if (r.done) this.ended = true;
        return r;
      }
      try {
        r = this.step();
      } catch (e) {
        r = this.caught(e);
      }
      if (r !== undefined) return r;
    }
  }

  /** Goes on: a wait to hand up, the end, or undefined when a line ended and the next one is due. */
  private step(): IteratorResult<Wait, number> | undefined {
    const sh = this.sh;
    switch (this.waiting) {
      case TextWait.Line: {
        const r = (this.pending as Gen<number>).next();
        if (!r.done) return r;
        this.lineEnded(r.value);
        return undefined;
      }
      case TextWait.Traps: {
        const r = (this.pending as Gen<void>).next();
        if (!r.done) return r as IteratorResult<Wait, number>;
        this.pending = undefined;
        this.waiting = TextWait.None;
        return undefined;
      }
    }
    let list: List | undefined;
    try {
      this.lines ??= sh.textLines(this.text, this.source, this.startLine);
      list = this.lines.next();
    } catch (e) {
      if (e instanceof ShSyntaxError) sh.syntaxError(e, this.source);
      throw e;
    }
    if (!list) {
      sh.status = this.status;
      return this.end(this.status);
    }
    const r = sh.runList(list, true);
    if (typeof r === "number") this.status = r;
    else {
      this.mark = sh.openTail;
      this.pending = r;
      this.waiting = TextWait.Line;
    }
    return undefined;
  }

  /** The line that waited ended with st: traps due after its last command run next. */
  private lineEnded(st: number): void {
    const sh = this.sh;
    this.status = st;
    this.pending = undefined;
    this.waiting = TextWait.None;
    if (this.mark >= 0 && sh.endTail(st, this.mark)) {
      this.pending = sh.runTraps();
      this.waiting = TextWait.Traps;
    }
  }

  /** An exception out of the text: the main body ends on `exit` or a fatal error; others go up. */
  private caught(e: unknown): IteratorResult<Wait, number> {
    this.pending = undefined;
    this.waiting = TextWait.None;
    if (!this.main || !(e instanceof ExitError || e instanceof AbortError)) {
      this.ended = true;
      throw e;
    }
    return this.end(e.status) ?? this.next();
  }

  /** The text ended with status: the main body's EXIT trap, if any, runs next. */
  private end(status: number): IteratorResult<Wait, number> | undefined {
    const sh = this.sh;
    if (!this.main || sh.proc.execed) {
      this.ended = true;
      return { done: true, value: status };
    }
    const t = sh.exitTrap(status);
    if (typeof t === "number") {
      this.ended = true;
      return { done: true, value: t };
    }
    this.pending = t;
    this.waiting = TextWait.ExitTrap;
    return undefined;
  }

  return(value: number): IteratorResult<Wait, number> {
    if (this.ended) return { done: true, value };
    this.ended = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.return(undefined as never);
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Wait, number> {
    if (this.ended) throw e;
    const pending = this.pending;
    if (pending === undefined) {
      this.ended = true;
      throw e;
    }
    if (this.waiting === TextWait.ExitTrap) {
      this.ended = true;
      return pending.throw(e) as IteratorResult<Wait, number>;
    }
    let r: IteratorResult<Wait, number>;
    try {
      r = pending.throw(e) as IteratorResult<Wait, number>;
    } catch (err) {
      return this.caught(err);
    }
    if (!r.done) return r;
    if (this.waiting === TextWait.Line) this.lineEnded(r.value);
    else {
      this.pending = undefined;
      this.waiting = TextWait.None;
    }
    return this.next();
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** What a LoopFrame waits on: nothing, its condition, its body, traps after the body, a throttle. */
enum LoopWait {
  None,
  Cond,
  Body,
  Traps,
  Throttle,
}

/** The result a throttled step yields (shared: results are read, never changed). */
const THROTTLE_RESULT: IteratorResult<Wait, number> = Object.freeze({ done: false, value: THROTTLE });

/** The result a loop that ran ahead of the clock yields as it ends (shared, never changed). */
const SYNC_RESULT: IteratorResult<Wait, number> = Object.freeze({ done: false, value: SYNC });

/**
 * A `while`/`until` loop that waits, as one resumable frame: its place (which part waits) and
 * that part's iterator are fields, so resuming it is a method call that hands the waiting part's
 * results up as they are, and an iteration that does not wait runs in the same call, with no
 * generator frame of the loop's own (a container's `while true; do ...; sleep 1; done` resumes
 * thousands of times).
 */
class LoopFrame implements Gen<number> {
  private waiting: LoopWait;
  /** The iterator of the part that waits (the condition's, the body's, the traps'). */
  private pending: Gen<number> | Gen<void> | undefined;
  /** The `/dev/fd` mark of the body's last item when pending is that item's own generator, else -1. */
  private mark = -1;
  private ended = false;
  /** runLoop ran out of budget: the first iteration here waits out a throttle first. */
  private throttleDue = false;
  /** The loop is sealed (sh/sealed.ts): the process may run ahead of the clock while in it. */
  private sealed: boolean;
  /** How the loop ends once the clock has caught up with a process that ran ahead in it. */
  private afterSync?: { result: IteratorResult<Wait, number> } | { error: unknown };

  constructor(
    private readonly sh: Runner,
    private readonly until: boolean,
    private readonly cond: List,
    private readonly body: List,
    private st: number,
    throttle: boolean,
    pendingCond?: Gen<number>,
    pendingBody?: Gen<number>,
  ) {
    if (pendingBody) {
      this.waiting = LoopWait.Body;
      this.pending = pendingBody;
    } else if (pendingCond) {
      this.waiting = LoopWait.Cond;
      this.pending = pendingCond;
    } else {
      this.waiting = LoopWait.None;
      this.throttleDue = throttle;
    }
    this.sealed = sh.enterSealed(sealedLoop(body, { lists: [cond, body] }));
  }

  next(): IteratorResult<Wait, number> {
    const after = this.afterSync;
    if (after !== undefined) {
      this.afterSync = undefined;
      if ("error" in after) throw after.error;
      return after.result;
    }
    if (this.ended) return { done: true, value: undefined as unknown as number };
    for (;;) {
      try {
        const r = this.step();
        if (r !== undefined) return r;
      } catch (e) {
        this.pending = undefined;
        this.waiting = LoopWait.None;
        const c = this.control(e);
        if (c === "break") return this.finish();
        if (c === "sync") return SYNC_RESULT;
      }
    }
  }

  /**
   * What the loop does with an exception: break, continue, or (anything else) end and pass it on,
   * after a sync when the process ran ahead in it.
   */
  private control(e: unknown): "break" | "continue" | "sync" {
    try {
      return loopControl(e);
    } catch (up) {
      this.ended = true;
      this.sh.loopDepth--;
      if (this.leave()) {
        this.afterSync = { error: up };
        return "sync";
      }
      throw up;
    }
  }

  /** Leaves the loop's sealed region: true when the clock must catch up before it goes on. */
  private leave(): boolean {
    if (!this.sealed) return false;
    this.sealed = false;
    return this.sh.leaveSealed();
  }

  /**
   * Goes on from where the loop is: a result to hand up (a wait, or the loop's end), or
   * undefined when an iteration ended and the next one starts.
   */
  private step(): IteratorResult<Wait, number> | undefined {
    const sh = this.sh;
    switch (this.waiting) {
      case LoopWait.Throttle:
        // Resumed after the throttle: a new budget, then the condition.
        sh.budget.steps = 0;
        sh.budget.since = sh.sys.now();
        this.waiting = LoopWait.None;
        break;
      case LoopWait.Cond: {
        const r = (this.pending as Gen<number>).next();
        if (!r.done) return r;
        this.pending = undefined;
        this.waiting = LoopWait.None;
        if (this.until ? r.value === 0 : r.value !== 0) return this.finish();
        return this.runBody();
      }
      case LoopWait.Body: {
        const r = (this.pending as Gen<number>).next();
        if (!r.done) return r;
        this.pending = undefined;
        this.waiting = LoopWait.None;
        this.st = r.value;
        if (this.mark >= 0 && sh.endTail(r.value, this.mark)) {
          this.pending = sh.runTraps();
          this.waiting = LoopWait.Traps;
        }
        return undefined;
      }
      case LoopWait.Traps: {
        const r = (this.pending as Gen<void>).next();
        if (!r.done) return r as IteratorResult<Wait, number>;
        this.pending = undefined;
        this.waiting = LoopWait.None;
        return undefined;
      }
      case LoopWait.None:
        if (this.throttleDue || sh.countStep()) {
          this.throttleDue = false;
          this.waiting = LoopWait.Throttle;
          return THROTTLE_RESULT;
        }
        break;
    }
    // A new iteration: the condition, then the body.
    const c = sh.condition(this.cond);
    if (typeof c !== "number") {
      this.pending = c;
      this.waiting = LoopWait.Cond;
      return undefined;
    }
    if (this.until ? c === 0 : c !== 0) return this.finish();
    return this.runBody();
  }

  /** Runs the body: at once, or it waits (then pending is its iterator). */
  private runBody(): undefined {
    const sh = this.sh;
    const b = sh.runList(this.body, true);
    if (typeof b === "number") {
      this.st = b;
      return undefined;
    }
    this.mark = sh.openTail;
    this.pending = b;
    this.waiting = LoopWait.Body;
    return undefined;
  }

  /** The loop ends: its status. */
  private finish(): IteratorResult<Wait, number> {
    this.ended = true;
    this.pending = undefined;
    this.sh.loopDepth--;
    this.sh.status = this.st;
    const result: IteratorResult<Wait, number> = { done: true, value: this.st };
    if (!this.leave()) return result;
    this.afterSync = { result };
    return SYNC_RESULT;
  }

  return(value: number): IteratorResult<Wait, number> {
    this.afterSync = undefined;
    if (this.ended) return { done: true, value };
    this.ended = true;
    const pending = this.pending;
    this.pending = undefined;
    if (this.sealed) {
      this.sealed = false;
      this.sh.proc.sealed--;
    }
    try {
      pending?.return(undefined as never);
    } finally {
      this.sh.loopDepth--;
    }
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Wait, number> {
    if (this.ended) throw e;
    const pending = this.pending;
    if (pending === undefined) {
      this.return(0);
      throw e;
    }
    try {
      const r = (pending as Gen<number>).throw(e);
      if (!r.done) return r;
    } catch (err) {
      this.pending = undefined;
      this.waiting = LoopWait.None;
      const c = this.control(err);
      if (c === "break") return this.finish();
      if (c === "sync") return SYNC_RESULT;
    }
    this.pending = undefined;
    this.waiting = LoopWait.None;
    return this.next();
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
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

/**
 * What a loop does with an exception from its condition or body: `break`/`continue` aimed at it
 * (the count reaches this loop) says which; one aimed further out, or any other, goes on up.
 */
function loopControl(e: unknown): "break" | "continue" {
  if (e instanceof BreakError) {
    if (--e.n > 0) throw e;
    return "break";
  }
  if (e instanceof ContinueError) {
    if (--e.n > 0) throw e;
    return "continue";
  }
  throw e;
}

/** Whether an and-or list is one command, without `!`, `time`, a pipe or `&&`/`||`. */
function isLone(ao: AndOr): boolean {
  return ao.rest.length === 0 && !ao.first.negate && !ao.first.timed && ao.first.cmds.length === 1;
}

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
export function deliverSignal(p: Process, signal: string): boolean {
  const sig = signalName(signal) ?? signal.toUpperCase();
  if (sig === "KILL") {
    p.fatal = sig;
    p.wake = true;
    return true;
  }
  const action = p.execed ? undefined : p.main.traps.get(sig);
  if (action !== undefined) {
    if (action === "") return false;
    p.pending.push(sig);
    p.wake = true;
    return true;
  }
  if (IGNORED_BY_DEFAULT.has(sig) || sig === "EXIT") return false;
  // Linux does not deliver a default-action signal to a PID namespace's init.
  if (p.pid === 1) return false;
  p.fatal = sig;
  p.wake = true;
  return true;
}
