/**
 * What every applet shares: the flavour of userland it words its messages for, option parsing
 * as getopt does it, and the small I/O helpers (read an operand or stdin, report an error).
 */
import { FsError, resolvePath } from "../../node/fs";
import type { CommandContext, Program } from "../interface";
import { busyboxUsage } from "./busyboxusage";

/** Whose texts an applet prints: busybox 1.36 or GNU (coreutils, grep, sed, gawk, procps). */
export type Flavour = "busybox" | "gnu";

/** An applet: a program for one flavour of userland. */
export type Applet = (flavour: Flavour) => Program;

/** Options as getopt returns them: the values of each letter (or long name) in order. */
export interface Parsed {
  opts: Map<string, string[]>;
  operands: string[];
}

/** Why option parsing failed, already worded as getopt words it (without the program name). */
export class UsageError extends Error {}

/**
 * Parses argv (without argv[0]) as getopt_long does: `spec` lists single-letter options, a `:`
 * after a letter means it takes a value (`-n 5`, `-n5`); `long` maps long names to a letter (or
 * to themselves) with `=` when they take a value (`{ "lines=": "n", help: "help" }`). Options
 * may follow operands (GNU permutation) unless `stopAtOperand`; `--` ends options; a lone `-`
 * is an operand. A number option such as `-5` is kept when `digits` is true (head -5).
 */
export function getopt(
  args: string[],
  spec: string,
  long: Record<string, string> = {},
  opt: { stopAtOperand?: boolean; digits?: boolean } = {},
): Parsed {
  const opts = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (k: string, v: string) => opts.set(k, [...(opts.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const [name, inline] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      let keys = Object.keys(long).filter((k) => k.replace(/=$/, "") === name);
      if (keys.length > 1) keys = keys.filter((k) => k.endsWith("=") === (inline !== undefined));
      const matches = keys.length
        ? keys
        : Object.keys(long).filter((k) => k.replace(/=$/, "").startsWith(name));
      if (matches.length !== 1) {
        if (matches.length > 1) throw new UsageError(`option '--${name}' is ambiguous`);
        throw new UsageError(`unrecognized option '${a}'`);
      }
      const key = matches[0] as string;
      const letter = long[key] as string;
      if (key.endsWith("=")) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`option '--${key.slice(0, -1)}' requires an argument`);
        add(letter, value);
      } else {
        if (inline !== undefined) throw new UsageError(`option '--${key}' doesn't allow an argument`);
        add(letter, "");
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      if (opt.digits && /^-\d+$/.test(a)) {
        add("#", a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const at = spec.indexOf(c);
        if (at < 0 || c === ":") throw new UsageError(`invalid option -- '${c}'`);
        if (spec[at + 1] === ":") {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) throw new UsageError(`option requires an argument -- '${c}'`);
          add(c, value);
          break;
        }
        add(c, "");
      }
      continue;
    }
    operands.push(a);
    if (opt.stopAtOperand) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { opts, operands };
}

/** Whether an option was given. */
export const has = (p: Parsed, k: string): boolean => p.opts.has(k);

/** The last value given for an option. */
export const last = (p: Parsed, k: string): string | undefined => p.opts.get(k)?.at(-1);

/** Writes `prog: message` and a newline to stderr. */
export function complain(ctx: CommandContext, message: string): void {
  ctx.stderr.write(`${programName(ctx)}: ${message}\n`);
}

/** The program's name as error messages show it: the last part of argv[0]. */
export function programName(ctx: CommandContext): string {
  const a = ctx.argv[0] ?? "";
  return a.slice(a.lastIndexOf("/") + 1);
}

/**
 * Reports a usage error as each flavour does: GNU adds `Try 'prog --help' for more information.`,
 * busybox its usage banner's first line. Returns the status to exit with.
 */
export function usage(ctx: CommandContext, flavour: Flavour, e: unknown, status = 1): number {
  if (!(e instanceof UsageError)) throw e;
  complain(ctx, e.message);
  const name = programName(ctx);
  if (flavour === "gnu") ctx.stderr.write(`Try '${name} --help' for more information.\n`);
  else ctx.stderr.write(busyboxUsage(name));
  return status;
}

/** The reason part of a file system error (`No such file or directory`), without the path. */
export function fsReason(e: unknown): string {
  if (!(e instanceof FsError)) throw e;
  const m = e.message;
  const i = m.lastIndexOf(": ");
  return i < 0 ? m : m.slice(i + 2);
}

/** An absolute path for an operand. */
export const abs = (ctx: CommandContext, p: string): string => resolvePath(ctx.cwd, p);

/**
 * The text of an input operand (`-` is stdin), or undefined after reporting why not as each
 * flavour words it: GNU `prog: NAME: reason`, busybox `prog: can't open 'NAME': reason`
 * (libbb fopen_or_warn) and `prog: read error: Is a directory`.
 */
export function readInput(ctx: CommandContext, name: string, flavour: Flavour = "gnu"): string | undefined {
  if (name === "-") return ctx.stdin;
  try {
    return ctx.fs.read(abs(ctx, name));
  } catch (e) {
    const reason = fsReason(e);
    if (flavour === "gnu") complain(ctx, `${name}: ${reason}`);
    else if (reason === "Is a directory") complain(ctx, `read error: ${reason}`);
    else complain(ctx, `can't open '${name}': ${reason}`);
    return undefined;
  }
}

/** Splits text into lines without the empty string after a final newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** Joins lines, each ending with a newline. */
export const joinLines = (lines: string[]): string => lines.map((l) => `${l}\n`).join("");

const NON_ASCII = /[\u0080-\uffff]/;

/** The number of bytes text takes in UTF-8 (what wc -c and ls -l count). */
export function byteLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Runs a body that returns a status, turning file system errors into `prog: reason`, status 1. */
export function guarded(ctx: CommandContext, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof FsError) {
      complain(ctx, e.message);
      return 1;
    }
    throw e;
  }
}

/**
 * Writes a file as a program opening it for writing would: /dev/null discards, /dev/stdout and
 * /dev/stderr go to the streams (a container's /dev is not in its FileSystem). Throws FsError.
 */
export function writeFile(ctx: CommandContext, name: string, text: string, append = false): void {
  const path = abs(ctx, name);
  if (path === "/dev/null") return;
  if (path === "/dev/stdout" || path === "/dev/stderr") {
    (path === "/dev/stdout" ? ctx.stdout : ctx.stderr).write(text);
    return;
  }
  const prior = append && ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
  ctx.fs.write(path, prior + text);
}

/**
 * Whether a command name would run: a program of the userland or an executable file, found as
 * the shell finds it (a path as it is, a bare name along PATH). True when the context does not
 * say its userland (ctx.exec will then report).
 */
export function findCommand(ctx: CommandContext, name: string, pathVar = ctx.env.PATH): boolean {
  const userland = ctx.userland;
  if (!userland) return true;
  const executable = (path: string) =>
    ctx.fs.isFile(path) && ((ctx.fs.stat?.(path)?.mode ?? 0o644) & 0o111) !== 0;
  if (name.includes("/")) {
    const path = abs(ctx, name);
    return userland.lookup(path.slice(path.lastIndexOf("/") + 1), path) !== undefined || executable(path);
  }
  for (const d of (pathVar ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
    const dir = d === "" ? ctx.cwd : d;
    const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
    if (userland.lookup(name, path) || executable(path)) return true;
  }
  return false;
}

/**
 * Reports a command a program could not start (env, timeout, xargs): GNU's wording is given,
 * busybox says `can't execute 'NAME': No such file or directory` (libbb BB_EXECVP_or_die).
 * Returns 127.
 */
export function cannotRun(ctx: CommandContext, flavour: Flavour, name: string, gnu: string): number {
  complain(ctx, flavour === "gnu" ? gnu : `can't execute '${name}': No such file or directory`);
  return 127;
}
