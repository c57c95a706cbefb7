/**
 * Running commands that are not builtins or functions: PATH search through the Userland, script
 * files with their `#!` line, and the CommandContext a program gets (mvdan/sh's ExecHandler).
 */
import { resolvePath } from "../node/fs";
import type {
  CommandContext,
  FaultlessProc,
  FileSystem,
  Output,
  Proc,
  Program,
  StdinPipe,
  System,
  Userland,
  Wait,
} from "./interface";
import {
  AbortError,
  DEFAULT_PATH,
  ExitError,
  type Gen,
  ReturnError,
  type Run,
  type Runner,
  VarMap,
} from "./interp";
import { type Input, NULL_OUTPUT, OutputOverflow } from "./io";
import type { Dialect } from "./parse";
import { BrokenPipe, livePipe, PIPE_WAIT, type PipeInput } from "./pipe";

/** What a command name runs: a program, a script file, or why not (status 126/127). */
export type Resolution =
  | { program: Program; path: string }
  | { script: string; path: string }
  | { error: string; status: number };

/** Finds a command: a path as it is, a name along PATH (the Userland first, then script files). */
export function resolveCommand(sh: Runner, name: string): Resolution {
  const { userland, fs } = sh.proc;
  if (name.includes("/")) {
    const path = resolvePath(sh.cwd, name);
    const base = path.slice(path.lastIndexOf("/") + 1);
    const prog = userland.lookup(base, path);
    if (prog) return { program: prog, path };
    if (fs.isDir(path))
      return { error: sh.dialect === "bash" ? "Is a directory" : "Permission denied", status: 126 };
    if (fs.isFile(path)) {
      if (!executable(sh, path)) return { error: "Permission denied", status: 126 };
      return { script: path, path };
    }
    return { error: sh.dialect === "bash" ? "No such file or directory" : "not found", status: 127 };
  }
  const last = sh.lastCommand;
  if (
    last !== undefined &&
    last.name === name &&
    last.vars === sh.vars &&
    last.version === sh.vars.version &&
    last.epoch === sh.proc.hashEpoch
  )
    return last.found;
  const pathVar = sh.param("PATH") ?? DEFAULT_PATH;
  const hashed = sh.proc.commandHash(pathVar);
  const known = hashed.get(name);
  if (known) {
    remember(sh, name, known);
    return known;
  }
  const plan = searchPlan(userland, pathVar, name);
  if (plan) {
    // The same search as below, with the userland's answers known: only files are looked at.
    const { paths, hit } = plan;
    for (let i = 0; i < paths.length; i++) {
      if (i === hit) {
        // Remembered, as shells hash a command's location (until PATH changes or `hash -r`);
        // not when PATH has a relative directory (what it names moves with `cd`).
        if (!plan.relative) {
          hashed.set(name, plan.found as Resolution);
          remember(sh, name, plan.found as Resolution);
        }
        return plan.found as Resolution;
      }
      const path = paths[i] as string;
      if (fs.isFile(path) && executable(sh, path)) return { script: path, path };
    }
    return { error: sh.dialect === "bash" ? "command not found" : "not found", status: 127 };
  }
  for (const d of pathVar.split(":")) {
    const dir = d === "" ? sh.cwd : d;
    const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
    const prog = userland.lookup(name, path);
    if (prog) return { program: prog, path };
    if (fs.isFile(path) && executable(sh, path)) return { script: path, path };
  }
  return { error: sh.dialect === "bash" ? "command not found" : "not found", status: 127 };
}

/** Remembers name's entry in the hash table as the shell's last command (see Runner.lastCommand). */
function remember(sh: Runner, name: string, found: Resolution): void {
  const last = sh.lastCommand;
  const vars = sh.vars;
  if (last === undefined)
    sh.lastCommand = { name, vars, version: vars.version, epoch: sh.proc.hashEpoch, found };
  else {
    last.name = name;
    last.vars = vars;
    last.version = vars.version;
    last.epoch = sh.proc.hashEpoch;
    last.found = found;
  }
}

/**
 * A PATH search for one name in one userland, worked out once: the paths it looks at in order
 * and which of them the userland has a program at (programs never change; files may, so they
 * are still looked at on each search).
 */
interface SearchPlan {
  paths: string[];
  /** Index in paths of the userland's program, or -1. */
  hit: number;
  /** Whether a directory before the hit is relative (`.`). */
  relative: boolean;
  found?: Resolution;
}

const plans = new WeakMap<Userland, Map<string, Map<string, SearchPlan>>>();

/** The search plan of name along pathVar; undefined when PATH has an empty (current directory) entry. */
function searchPlan(userland: Userland, pathVar: string, name: string): SearchPlan | undefined {
  let byPath = plans.get(userland);
  if (!byPath) {
    byPath = new Map();
    plans.set(userland, byPath);
  }
  let byName = byPath.get(pathVar);
  if (!byName) {
    const dirs = pathVar.split(":");
    if (dirs.includes("") || byPath.size >= 64) return undefined;
    byName = new Map();
    byPath.set(pathVar, byName);
  }
  let plan = byName.get(name);
  if (!plan) {
    if (byName.size >= 1024) return undefined;
    const paths: string[] = [];
    let hit = -1;
    let found: Resolution | undefined;
    for (const dir of pathVar.split(":")) {
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      paths.push(path);
      const prog = userland.lookup(name, path);
      if (prog) {
        hit = paths.length - 1;
        found = { program: prog, path };
        break;
      }
    }
    plan = { paths, hit, found, relative: paths.some((p) => !p.startsWith("/")) };
    byName.set(name, plan);
  }
  return plan;
}

/** Whether a file has an x bit (a file system without stat has none: 0o644). */
function executable(sh: Runner, path: string): boolean {
  const info = sh.fs.stat?.(path);
  const mode = info?.mode ?? 0o644;
  return (mode & 0o111) !== 0;
}

/** Runs a program found through the userland or a script file. */
export function runExternal(
  sh: Runner,
  argv: string[],
  assigns?: Record<string, string>,
  stdinOverride?: string,
): Run {
  const name = argv[0] as string;
  const r = resolveCommand(sh, name);
  if ("error" in r) {
    sh.warn(`${name}: ${r.error}`);
    return r.status;
  }
  // A program takes its input only when it reads ctx.stdin; input known to be empty is just "".
  const input = sh.fds.get(0)?.input;
  if (stdinOverride === undefined) {
    const pipe = livePipe(input);
    if (pipe) return runOnLivePipe(sh, r, argv, sh.environ(assigns), pipe);
  }
  const known = stdinOverride ?? (input ? (input.peekRest() === "" ? "" : undefined) : "");
  const stdin = known ?? takeLater(input as Input);
  if ("script" in r) return runScriptFile(sh, r.script, argv, sh.environ(assigns), stdin);
  return runProgram(sh, r.program, argv, sh.environ(assigns), stdin);
}

/**
 * A command whose standard input is a pipe still being written (`tail -f log | grep x`): a
 * streaming program reads it as it comes; a script waits for the writer to end; any other
 * program starts at once, and if it reads its input before the writer has ended, what it wrote
 * meanwhile is dropped and it starts again once the writer ends (its input is then whole).
 * Programs that never read stdin (`yes | ls`) run at once.
 */
function runOnLivePipe(
  sh: Runner,
  r: { program: Program; path: string } | { script: string; path: string },
  argv: string[],
  env: Readonly<Record<string, string>>,
  pipe: PipeInput,
): Run {
  if ("script" in r)
    return afterWriter(pipe, () => runScriptFile(sh, r.script, argv, env, () => pipe.takeAll()));
  if (r.program.streamsStdin) return runProgram(sh, r.program, argv, env, () => pipe.takeAll(), pipe.pipe);
  const stdout = new HeldOutput(sh.fds.get(1)?.output ?? NULL_OUTPUT);
  const stderr = new HeldOutput(sh.fds.get(2)?.output ?? NULL_OUTPUT);
  let starting = true;
  const stdin = () => {
    if (starting && pipe.live) throw new NeedInput();
    return pipe.takeAll();
  };
  let x: Run;
  try {
    x = runProgram(sh, r.program, argv, env, stdin, undefined, { stdout, stderr });
  } catch (e) {
    if (!(e instanceof NeedInput)) throw e;
    return afterWriter(pipe, () => runProgram(sh, r.program, argv, env, () => pipe.takeAll()));
  } finally {
    starting = false;
  }
  stdout.release();
  stderr.release();
  return x;
}

/** Runs what start returns once the pipe's writer has ended. */
function* afterWriter(pipe: PipeInput, start: () => Run): Gen<number> {
  pipe.pipe.readsAtEnd = true;
  while (pipe.live) yield PIPE_WAIT;
  const x = start();
  return typeof x === "number" ? x : yield* x;
}

/** A program read a pipe still being written while starting: it starts again at the pipe's end. */
class NeedInput extends Error {}

/** An output holding what is written until released (then it passes writes on). */
class HeldOutput implements Output {
  private held: string[] | undefined = [];
  readonly bulk: boolean | undefined;
  constructor(private readonly target: Output) {
    this.bulk = target.bulk;
  }

  write(text: string): void {
    if (this.held) this.held.push(text);
    else this.target.write(text);
  }

  release(): void {
    const held = this.held;
    this.held = undefined;
    for (const t of held ?? []) this.target.write(t);
  }
}

/** Reads all of input when called (a program's stdin, taken only if it reads it). */
function takeLater(input: Input): () => string {
  return () => input.takeAll();
}

/**
 * Runs a program with this shell's file descriptors; stdin is its text, or how to take it when
 * the program reads it. The program starts at the call; the generator returned runs the rest.
 */
export function runProgram(
  sh: Runner,
  program: Program,
  argv: string[],
  env: Readonly<Record<string, string>>,
  stdin: string | (() => string),
  stdinPipe?: StdinPipe,
  outputs?: { stdout: Output; stderr: Output },
): Run {
  const stdout = outputs?.stdout ?? sh.fds.get(1)?.output ?? NULL_OUTPUT;
  const stderr = outputs?.stderr ?? sh.fds.get(2)?.output ?? NULL_OUTPUT;
  const fs = sh.proc.procSubs.size ? procSubFs(sh.fs, sh.proc.procSubs) : sh.fs;
  const sys = nestedSystem(sh);
  const exec = programExec(sh, env, stdout, stderr);
  let ctx: CommandContext;
  if (typeof stdin === "string") {
    // Plain data (an object with a getter is many times slower to make, and `sleep 1` in a
    // loop makes one each time).
    ctx = { argv, env, cwd: sh.cwd, stdin, stdout, stderr, fs, sys, exec, userland: sh.proc.userland };
  } else {
    let stdinText: string | undefined;
    ctx = {
      argv,
      env,
      cwd: sh.cwd,
      get stdin() {
        if (stdinText === undefined) stdinText = stdin();
        return stdinText;
      },
      stdout,
      stderr,
      fs,
      sys,
      exec,
      userland: sh.proc.userland,
    };
    if (stdinPipe) ctx.stdinPipe = stdinPipe;
  }
  let r: number | Proc;
  try {
    r = program(ctx);
  } catch (e) {
    return programFault(sh, argv, e);
  }
  if (typeof r === "number" || (r as Partial<FaultlessProc>).faultless === true) return r;
  return guarded(sh, argv, r);
}

/** ctx.exec for a program run by sh with env and these outputs. */
function programExec(
  sh: Runner,
  env: Readonly<Record<string, string>>,
  stdout: Output,
  stderr: Output,
): CommandContext["exec"] {
  // The last one made, per shell: commands run with the same environment and outputs share it.
  const last = sh.lastExec;
  if (last && last.env === env && last.stdout === stdout && last.stderr === stderr) return last.exec;
  const exec: CommandContext["exec"] = (args, input, childEnv) =>
    execProc(sh, args, childEnv ?? env, input ?? "", stdout, stderr);
  sh.lastExec = { env, stdout, stderr, exec };
  return exec;
}

/** Runs a started program to its end; a fault of the program is its status 126. */
function guarded(sh: Runner, argv: string[], proc: Proc): Gen<number> {
  return new Guarded(sh, argv, proc);
}

/**
 * A program's Proc whose faults become its status 126, as a plain iterator over it (one less
 * generator frame to resume on every wait of every program).
 */
class Guarded implements Proc {
  private ended = false;
  constructor(
    private readonly sh: Runner,
    private readonly argv: string[],
    private readonly proc: Proc,
  ) {}

  next(): IteratorResult<Wait, number> {
    if (this.ended) return { done: true, value: 0 };
    try {
      const r = this.proc.next();
      if (r.done) this.ended = true;
      return r;
    } catch (e) {
      return this.fault(e);
    }
  }

  return(value: number): IteratorResult<Wait, number> {
    if (this.ended) return { done: true, value };
    this.ended = true;
    try {
      return this.proc.return(value);
    } catch (e) {
      return this.fault(e);
    }
  }

  throw(err: unknown): IteratorResult<Wait, number> {
    if (this.ended) throw err;
    try {
      const r = this.proc.throw(err);
      if (r.done) this.ended = true;
      return r;
    } catch (e) {
      return this.fault(e);
    }
  }

  private fault(e: unknown): IteratorResult<Wait, number> {
    this.ended = true;
    return { done: true, value: programFault(this.sh, this.argv, e) };
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** What a program's exception means: the shell's own unwinding goes on, a fault exits 126. */
function programFault(sh: Runner, argv: string[], e: unknown): number {
  if (
    e instanceof ExitError ||
    e instanceof AbortError ||
    e instanceof ReturnError ||
    e instanceof OutputOverflow ||
    e instanceof BrokenPipe ||
    e instanceof NeedInput
  )
    throw e;
  sh.warn(`${argv[0]}: ${e instanceof Error ? e.message : String(e)}`);
  return 126;
}

/** ctx.exec for programs (env, xargs, timeout): runs another program by name. */
export function* execProc(
  sh: Runner,
  args: string[],
  env: Readonly<Record<string, string>>,
  stdin: string,
  stdout: Output,
  stderr: Output,
): Proc {
  const sub = sh.fork();
  sub.fds.set(1, { output: stdout });
  sub.fds.set(2, { output: stderr });
  const saved = new Map(sub.vars);
  sub.vars = new VarMap();
  for (const [k, v] of Object.entries(env)) sub.vars.set(k, { value: v, exported: true });
  if (!sub.vars.has("PATH"))
    sub.vars.set("PATH", saved.get("PATH") ?? { value: DEFAULT_PATH, exported: true });
  const r = runExternal(sub, args, undefined, stdin);
  return typeof r === "number" ? r : yield* r;
}

/** A script file: its `#!` line names the interpreter, else this shell's kind runs it. */
export function* runScriptFile(
  sh: Runner,
  path: string,
  argv: string[],
  env: Record<string, string>,
  stdin: string | (() => string),
): Gen<number> {
  let text: string;
  try {
    text = sh.fs.read(path);
  } catch (e) {
    sh.warn(`${argv[0]}: ${e instanceof Error ? e.message : String(e)}`);
    return 126;
  }
  // The kernel hands the interpreter the file as execve got it: as typed when it has a slash,
  // else where PATH search found it.
  const file = (argv[0] as string).includes("/") ? (argv[0] as string) : path;
  // A binary (an ELF a package manager installed) runs the program it holds.
  const binary = sh.proc.userland.binary?.(text);
  if (binary) {
    const x = runProgram(sh, binary, argv, env, stdin);
    return typeof x === "number" ? x : yield* x;
  }
  if (text.startsWith("#!")) {
    const line = text.slice(2, text.indexOf("\n") < 0 ? undefined : text.indexOf("\n")).trim();
    const [interp, ...rest] = line.split(/\s+/);
    const arg = rest.length ? [rest.join(" ")] : [];
    const r = resolveCommand(sh, interp ?? "");
    if ("error" in r || "script" in r) {
      sh.warn(
        `${argv[0]}: ${sh.dialect === "bash" ? `${interp}: bad interpreter: No such file or directory` : "not found"}`,
      );
      return "status" in r ? r.status : 126;
    }
    const x = runProgram(sh, r.program, [interp as string, ...arg, file, ...argv.slice(1)], env, stdin);
    return typeof x === "number" ? x : yield* x;
  }
  const prog = nestedShell(sh.dialect);
  const x = runProgram(sh, prog, [sh.dialect === "bash" ? "bash" : "sh", file, ...argv.slice(1)], env, stdin);
  return typeof x === "number" ? x : yield* x;
}

/** A file system that also has the `/dev/fd/N` files of process substitutions, for programs. */
function procSubFs(fs: FileSystem, subs: Map<string, string>): FileSystem {
  const view = Object.create(fs) as FileSystem;
  view.read = (p) => subs.get(p) ?? fs.read(p);
  view.isFile = (p) => subs.has(p) || fs.isFile(p);
  view.exists = (p) => subs.has(p) || fs.exists(p);
  return view;
}

/** The System a nested program sees: the same, without the signal hook (signals go to the top). */
function nestedSystem(sh: Runner): System {
  const p = sh.proc;
  if (p.nestedSys) return p.nestedSys;
  const sys = p.sys;
  let n = sys;
  if (sys.onAnySignal) {
    n = Object.create(sys) as System;
    Object.defineProperty(n, "onAnySignal", { value: undefined });
  }
  p.nestedSys = n;
  return n;
}

let nestedShellFactory: ((d: Dialect) => Program) | undefined;

/** Registers how a script without `#!` is run (the shell program; set by shell.ts). */
export function setNestedShell(f: (d: Dialect) => Program): void {
  nestedShellFactory = f;
}

/** The shell program that runs a script file without `#!`. */
function nestedShell(d: Dialect): Program {
  if (!nestedShellFactory) throw new Error("shell program not registered");
  return nestedShellFactory(d);
}
