/**
 * expr and test/[: coreutils src/expr.c and src/test.c, busybox coreutils/expr.c and test.c.
 * expr exits 1 when the result is null or 0, 2 on a syntax error; test 0/1, 2 on an error.
 */
import type { CommandContext } from "../interface";
import { type Applet, abs, complain, type Flavour } from "./common";
import { statOf } from "./fileinfo";
import { compile, RegexError } from "./regex";

/** An expr error, already worded. */
class ExprError extends Error {}

const isInt = (s: string) => /^[-+]?\d+$/.test(s);

/** Evaluates expr's arguments (POSIX precedence: | & comparisons + - * / % : and the GNU keywords). */
function evalExpr(args: string[], flavour: Flavour): string {
  let i = 0;
  const peek = () => args[i];
  const syntax = (): never => {
    throw new ExprError(
      flavour === "gnu"
        ? i < args.length
          ? `syntax error: unexpected argument '${args[i]}'`
          : i === 0
            ? "missing operand"
            : `syntax error: missing argument after '${args[i - 1]}'`
        : "syntax error",
    );
  };
  const num = (s: string): bigint => {
    if (!isInt(s)) throw new ExprError(flavour === "gnu" ? "non-integer argument" : "non-numeric argument");
    return BigInt(s);
  };
  const truthy = (s: string) => s !== "" && !(isInt(s) && BigInt(s) === 0n);
  const primary = (): string => {
    const t = args[i++];
    if (t === undefined) return syntax();
    if (t === "(") {
      const v = or();
      if (args[i++] !== ")") {
        i--;
        if (flavour === "gnu")
          throw new ExprError(
            i < args.length
              ? `syntax error: expecting ')' after '${args[i - 1]}'`
              : `syntax error: expecting ')' after '${args[i - 1]}'`,
          );
        syntax();
      }
      return v;
    }
    if (t === "length") return String([...primary()].length);
    if (t === "substr") {
      const s = primary();
      const pos = Number(primary());
      const len = Number(primary());
      if (pos < 1 || len < 1) return "";
      return [...s].slice(pos - 1, pos - 1 + len).join("");
    }
    if (t === "index") {
      const s = primary();
      const chars = primary();
      const k = [...s].findIndex((c) => chars.includes(c));
      return String(k + 1);
    }
    if (t === "match") return match(primary(), primary());
    if (t === "+") return args[i++] ?? syntax();
    return t;
  };
  const match = (s: string, pattern: string): string => {
    let re: RegExp;
    try {
      re = compile(pattern, false);
    } catch (e) {
      if (e instanceof RegexError) throw new ExprError(e.message);
      throw e;
    }
    const m = new RegExp(`^(?:${re.source})`).exec(s);
    if (/\\\(/.test(pattern)) return m?.[1] ?? "";
    return String(m ? m[0].length : 0);
  };
  const colon = (): string => {
    let v = primary();
    while (peek() === ":") {
      i++;
      v = match(v, primary());
    }
    return v;
  };
  const mul = (): string => {
    let v = colon();
    while (peek() === "*" || peek() === "/" || peek() === "%") {
      const op = args[i++];
      const b = num(colon());
      const a = num(v);
      if ((op === "/" || op === "%") && b === 0n) throw new ExprError("division by zero");
      v = String(op === "*" ? a * b : op === "/" ? a / b : a % b);
    }
    return v;
  };
  const add = (): string => {
    let v = mul();
    while (peek() === "+" || peek() === "-") {
      const op = args[i++];
      const b = num(mul());
      const a = num(v);
      v = String(op === "+" ? a + b : a - b);
    }
    return v;
  };
  const cmp = (): string => {
    let v = add();
    while (["<", "<=", "=", "==", "!=", ">=", ">"].includes(peek() ?? "")) {
      const op = args[i++] as string;
      const b = add();
      const c = isInt(v) && isInt(b) ? Number(BigInt(v) - BigInt(b)) : v < b ? -1 : v > b ? 1 : 0;
      const r = {
        "<": c < 0,
        "<=": c <= 0,
        "=": c === 0,
        "==": c === 0,
        "!=": c !== 0,
        ">=": c >= 0,
        ">": c > 0,
      }[op];
      v = r ? "1" : "0";
    }
    return v;
  };
  const and = (): string => {
    let v = cmp();
    while (peek() === "&") {
      i++;
      const b = cmp();
      v = truthy(v) && truthy(b) ? v : "0";
    }
    return v;
  };
  const or = (): string => {
    let v = and();
    while (peek() === "|") {
      i++;
      const b = and();
      v = truthy(v) ? v : truthy(b) ? b : "0";
    }
    return v;
  };
  if (!args.length) throw new ExprError(flavour === "gnu" ? "missing operand" : "too few arguments");
  const v = or();
  if (i < args.length) syntax();
  return v;
}

/** `expr EXPRESSION`. */
export const expr: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === "--") args.shift();
  try {
    const v = evalExpr(args, flavour);
    ctx.stdout.write(`${v}\n`);
    return v === "" || (isInt(v) && BigInt(v) === 0n) ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    complain(ctx, e.message);
    if (flavour === "gnu" && e.message === "missing operand")
      ctx.stderr.write("Try 'expr --help' for more information.\n");
    return 2;
  }
};

/** A test error (status 2), already worded. */
class TestError extends Error {}

/** Evaluates test's arguments (POSIX's rules by argument count, then -a/-o/!/parentheses). */
export function evalTest(ctx: CommandContext, args: string[], flavour: Flavour): boolean {
  let i = 0;
  const int = (s: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(s))
      throw new TestError(flavour === "gnu" ? `invalid integer '${s}'` : `${s}: bad number`);
    return Number(s);
  };
  const unary = (op: string, a: string): boolean => {
    const info = op === "-n" || op === "-z" || op === "-t" ? undefined : statOf(ctx.fs, abs(ctx, a));
    switch (op) {
      case "-n":
        return a !== "";
      case "-z":
        return a === "";
      case "-e":
      case "-a":
        return info !== undefined;
      case "-f":
        return info?.type === "file";
      case "-d":
        return info?.type === "dir";
      case "-s":
        return (info?.size ?? 0) > 0;
      case "-r":
      case "-w":
        return info !== undefined;
      case "-x":
        return info !== undefined && (info.mode & 0o111) !== 0;
      case "-h":
      case "-L":
      case "-p":
      case "-S":
      case "-b":
      case "-c":
      case "-t":
        return false;
    }
    throw new TestError(`${op}: unary operator expected`);
  };
  const BINARY = ["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "-nt", "-ot", "-ef"];
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case "=":
      case "==":
        return a === b;
      case "!=":
        return a !== b;
      case "<":
        return a < b;
      case ">":
        return a > b;
      case "-eq":
        return int(a) === int(b);
      case "-ne":
        return int(a) !== int(b);
      case "-lt":
        return int(a) < int(b);
      case "-le":
        return int(a) <= int(b);
      case "-gt":
        return int(a) > int(b);
      case "-ge":
        return int(a) >= int(b);
    }
    return false;
  };
  const isUnary = (s: string | undefined) => s !== undefined && /^-[a-zA-Z]$/.test(s) && !BINARY.includes(s);
  const primary = (): boolean => {
    const t = args[i];
    if (t === undefined) throw new TestError("argument expected");
    if (t === "!") {
      i++;
      return !primary();
    }
    if (t === "(" && args.length - i > 1) {
      i++;
      const v = or();
      if (args[i] !== ")") throw new TestError(flavour === "gnu" ? "')' expected" : "closing paren expected");
      i++;
      return v;
    }
    if (args[i + 1] !== undefined && BINARY.includes(args[i + 1] as string) && args[i + 2] !== undefined) {
      i += 3;
      return binary(t, args[i - 2] as string, args[i - 1] as string);
    }
    if (isUnary(t) && args[i + 1] !== undefined) {
      i += 2;
      return unary(t, args[i - 1] as string);
    }
    if (isUnary(t) && args.length - i === 1) {
      i++;
      return true;
    }
    i++;
    return t !== "";
  };
  const and = (): boolean => {
    let v = primary();
    while (args[i] === "-a") {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (args[i] === "-o") {
      i++;
      v = and() || v;
    }
    return v;
  };
  if (!args.length) return false;
  const v = or();
  if (i < args.length)
    throw new TestError(flavour === "gnu" ? `extra argument '${args[i]}'` : `${args[i]}: unknown operand`);
  return v;
}

/** `test EXPRESSION` and `[ EXPRESSION ]` as programs (/usr/bin/test, /usr/bin/[). */
export const test: Applet = (flavour) => (ctx) => {
  let args = ctx.argv.slice(1);
  const bracket = (ctx.argv[0] ?? "").endsWith("[");
  if (bracket) {
    if (args.at(-1) !== "]") {
      complain(ctx, flavour === "gnu" ? "missing ']'" : "missing ]");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(ctx, args, flavour) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    complain(ctx, e.message);
    return 2;
  }
};
