/**
 * `test` and `[` (POSIX, with the shells' extensions -nt -ot -ef), evaluated against the shell's
 * FileSystem. Errors are returned as messages; the caller prints them the dialect's way.
 */
import { resolvePath } from "../node/fs";
import type { FileSystem, System } from "./interface";

/** What file tests need. */
export interface TestHost {
  readonly fs: FileSystem;
  readonly sys: System;
  readonly cwd: string;
}

/** test's unary operators that look at a file (or, `-t`, a terminal). */
export const UNARY_FILE: ReadonlySet<string> = new Set([
  "-e",
  "-f",
  "-d",
  "-s",
  "-r",
  "-w",
  "-x",
  "-L",
  "-h",
  "-p",
  "-S",
  "-b",
  "-c",
  "-g",
  "-u",
  "-k",
  "-t",
  "-a",
  "-O",
  "-G",
  "-N",
]);

/** A file test (`-f path`); undefined when op is not a file operator. */
export function testFile(h: TestHost, op: string, arg: string): boolean | undefined {
  if (op === "-t") return false;
  if (!UNARY_FILE.has(op)) return undefined;
  if (arg === "") return false;
  const path = resolvePath(h.cwd, arg);
  const isDev =
    path === "/dev/null" ||
    path === "/dev/zero" ||
    path === "/dev/random" ||
    path === "/dev/urandom" ||
    path === "/dev/tty";
  const isFile = h.fs.isFile(path);
  const isDir = h.fs.isDir(path) || path === "/dev" || path === "/proc" || path === "/";
  const exists = isFile || isDir || isDev;
  const info = h.fs.stat?.(path);
  const mode = info?.mode ?? (isDir ? 0o755 : 0o644);
  const root = h.sys.user().uid === 0;
  switch (op) {
    case "-e":
    case "-a":
      return exists;
    case "-f":
      return isFile;
    case "-d":
      return isDir;
    case "-c":
      return isDev;
    case "-s":
      if (!isFile) return isDir;
      return (info?.size ?? h.fs.read(path).length) > 0;
    case "-r":
      return exists && (root || (mode & 0o444) !== 0);
    case "-w":
      return exists && (root || (mode & 0o222) !== 0);
    case "-x":
      return exists && (isDir || (mode & 0o111) !== 0);
    case "-O":
    case "-G":
      return exists;
    default:
      return false;
  }
}

/** The outcome of `test`: true/false, or a usage error (status 2) with its message. */
export type TestResult = boolean | { error: string };

/** Evaluates test's arguments (without the closing `]`). `num` parses an integer operand or throws. */
export function evalTest(h: TestHost, args: string[], num: (s: string) => bigint): TestResult {
  let i = 0;
  const n = args.length;
  const err = (m: string): never => {
    throw new TestError(m);
  };
  const binops = new Set([
    "=",
    "!=",
    "==",
    "-eq",
    "-ne",
    "-lt",
    "-le",
    "-gt",
    "-ge",
    "-nt",
    "-ot",
    "-ef",
    "<",
    ">",
  ]);
  const binary = (l: string, op: string, r: string): boolean => {
    switch (op) {
      case "=":
      case "==":
        return l === r;
      case "!=":
        return l !== r;
      case "<":
        return l < r;
      case ">":
        return l > r;
      case "-nt":
      case "-ot": {
        const a = h.fs.stat?.(resolvePath(h.cwd, l))?.mtimeMs;
        const b = h.fs.stat?.(resolvePath(h.cwd, r))?.mtimeMs;
        if (a === undefined || b === undefined) return op === "-nt" ? a !== undefined : b !== undefined;
        return op === "-nt" ? a > b : a < b;
      }
      case "-ef":
        return resolvePath(h.cwd, l) === resolvePath(h.cwd, r) && testFile(h, "-e", l) === true;
    }
    const a = num(l);
    const b = num(r);
    switch (op) {
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
      default:
        return a >= b;
    }
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) return err("argument expected");
    if (a === "!") {
      i++;
      return !primary();
    }
    if (a === "(") {
      i++;
      const v = orExpr();
      if (args[i] !== ")") err(`')' expected`);
      i++;
      return v;
    }
    if (i + 2 < n + 1 && binops.has(args[i + 1] ?? "") && i + 2 < n) {
      const v = binary(a, args[i + 1] as string, args[i + 2] as string);
      i += 3;
      return v;
    }
    if (/^-[a-zA-Z]$/.test(a) && i + 1 < n) {
      const arg = args[i + 1] as string;
      i += 2;
      if (a === "-n") return arg !== "";
      if (a === "-z") return arg === "";
      const f = testFile(h, a, arg);
      if (f === undefined) return err(`${a}: unary operator expected`);
      return f;
    }
    i++;
    return a !== "";
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (args[i] === "-a") {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[i] === "-o") {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  try {
    // POSIX's rules by argument count come first (test "$x" = "!" and the like).
    if (n === 0) return false;
    if (n === 1) return args[0] !== "";
    if (n === 2) {
      if (args[0] === "!") return args[1] === "";
      const op = args[0] as string;
      if (op === "-n") return args[1] !== "";
      if (op === "-z") return args[1] === "";
      const f = testFile(h, op, args[1] as string);
      if (f === undefined) return { error: `${op}: unary operator expected` };
      return f;
    }
    if (n === 3) {
      if (binops.has(args[1] as string))
        return binary(args[0] as string, args[1] as string, args[2] as string);
      if (args[1] === "-a" || args[1] === "-o")
        return args[1] === "-a" ? args[0] !== "" && args[2] !== "" : args[0] !== "" || args[2] !== "";
      if (args[0] === "!") return !evalTestBool(h, args.slice(1), num);
      if (args[0] === "(" && args[2] === ")") return args[1] !== "";
    }
    if (n === 4 && args[0] === "!") return !evalTestBool(h, args.slice(1), num);
    const v = orExpr();
    if (i < n) return { error: `${args[i]}: unexpected operator` };
    return v;
  } catch (e) {
    if (e instanceof TestError) return { error: e.message };
    throw e;
  }
}

function evalTestBool(h: TestHost, args: string[], num: (s: string) => bigint): boolean {
  const r = evalTest(h, args, num);
  if (typeof r === "boolean") return r;
  throw new TestError(r.error);
}

/** A usage error inside test. */
export class TestError extends Error {}
