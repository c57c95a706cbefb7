/**
 * The python a container runs for `python -c` and small scripts: imports of os, sys, socket,
 * math, time and platform; assignments; print() with sep, end and file; ints (arbitrary size),
 * floats, strings with f-strings, `%` and .format(); os.environ, os.getenv, socket.gethostname();
 * time.sleep on the virtual clock; sys.exit. Blocks (if, for, while, def) and other modules are
 * beyond it: Unsupported. Errors it can word as CPython does: ZeroDivisionError, NameError.
 */
import type { CommandContext } from "../../../sh/interface";
import {
  callHost,
  evaluate,
  fn,
  type Lang,
  type Node,
  parseExpression,
  ScriptError,
  statements,
  Unsupported,
  type Value,
} from "./expr";

/** One step of a script: output, a sleep on the virtual clock, or the end. */
export type Step = { out: string } | { err: string } | { sleepMs: number } | { exit: number };

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
};

/** A python float as repr() prints it (shortest round-trip; exponent from 1e16 and below 1e-4). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [m, e = "0"] = x.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

function repr(v: Value): string {
  if (typeof v === "string")
    return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  return str(v);
}

function str(v: Value): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return pyFloat(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    if ("tuple" in v) return `(${v.map(repr).join(", ")}${v.length === 1 ? "," : ""})`;
    return `[${v.map(repr).join(", ")}]`;
  }
  if (v && typeof v === "object" && "__name" in v) return String(v.__name);
  throw new Unsupported("str of an object");
}

function typeName(v: Value): string {
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (v === null) return "NoneType";
  return Array.isArray(v) ? "list" : "object";
}

const num = (v: Value): number | bigint | undefined =>
  typeof v === "bigint" || typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1n : 0n) : undefined;

/** `%` formatting of one value: %s %d %i %f %.Nf %r %%. */
function percent(fmt: string, arg: Value): string {
  const args = Array.isArray(arg) ? [...arg] : [arg];
  return fmt.replace(/%(\.\d+)?([sdifr%])/g, (_m, prec: string | undefined, c: string) => {
    if (c === "%") return "%";
    const v = args.shift() ?? null;
    if (c === "s") return str(v);
    if (c === "r") return repr(v);
    const n = Number(num(v) ?? Number.NaN);
    if (c === "f") return n.toFixed(prec ? Number(prec.slice(1)) : 6);
    return String(Math.trunc(n));
  });
}

/** A format spec of f-strings and .format(): `.2f`, `d`, `>5`, or none. */
function formatSpec(v: Value, spec: string): string {
  if (!spec) return str(v);
  const m = /^([<>^]?)(\d*)(?:\.(\d+))?([fdsx%]?)$/.exec(spec);
  if (!m) throw new Unsupported(`format spec ${spec}`);
  const [, align, width, prec, type] = m;
  let text =
    type === "f"
      ? Number(num(v)).toFixed(prec ? Number(prec) : 6)
      : type === "%"
        ? `${(Number(num(v)) * 100).toFixed(prec ? Number(prec) : 6)}%`
        : type === "x"
          ? Number(num(v)).toString(16)
          : str(v);
  const w = Number(width || 0);
  const left = align === "<" || (!align && typeof v === "string");
  if (text.length < w)
    text = left
      ? text.padEnd(w)
      : align === "^"
        ? text.padStart((w + text.length) >> 1).padEnd(w)
        : text.padStart(w);
  return text;
}

/** A python module object. */
function module(name: string, members: Record<string, unknown>): { [k: string]: unknown } {
  return { __name: `<module '${name}'>`, ...members };
}

/** Runs a python script in a context; yields its steps. */
export class PythonRun {
  private readonly vars = new Map<string, Value>();
  private readonly modules: Record<string, { [k: string]: unknown }>;
  private out = "";
  private err = "";

  constructor(ctx: CommandContext) {
    const env = ctx.env;
    const environ = {
      __name: "environ",
      __index: (k: Value) => {
        const key = str(k);
        if (!(key in env)) throw new ScriptError("KeyError", repr(key));
        return env[key] as string;
      },
      get: fn(([k, d = null]) => env[str(k as Value)] ?? (d as Value)),
    };
    this.modules = {
      os: module("os", {
        environ,
        getenv: fn(([k, d = null]) => env[str(k as Value)] ?? (d as Value)),
        getcwd: fn(() => ctx.cwd),
        getpid: fn(() => BigInt(ctx.sys.pid?.() ?? 1)),
        name: "posix",
        sep: "/",
      }),
      sys: module("sys", {
        platform: "linux",
        argv: ["-c"],
        maxsize: 9223372036854775807n,
        stdout: { __name: "<stdout>", __stream: "out" },
        stderr: { __name: "<stderr>", __stream: "err" },
      }),
      socket: module("socket", {
        gethostname: fn(() => ctx.sys.hostname()),
        gethostbyname: fn(([h]) => {
          const r = ctx.sys.network.resolve(str(h as Value));
          if (!r) throw new ScriptError("socket.gaierror", "[Errno -2] Name or service not known");
          return r.addresses[0] as string;
        }),
      }),
      math: module("math", {
        pi: Math.PI,
        e: Math.E,
        sqrt: fn(([x]) => Math.sqrt(Number(num(x as Value)))),
        floor: fn(([x]) => BigInt(Math.floor(Number(num(x as Value))))),
        ceil: fn(([x]) => BigInt(Math.ceil(Number(num(x as Value))))),
        pow: fn(([x, y]) => Number(num(x as Value)) ** Number(num(y as Value))),
      }),
      time: module("time", { time: fn(() => ctx.sys.now() / 1000) }),
      platform: module("platform", {
        node: fn(() => ctx.sys.hostname()),
        system: fn(() => "Linux"),
        python_version: fn(() => ctx.env.PYTHON_VERSION || "3.13.1"),
      }),
    };
  }

  private readonly lang: Lang = {
    string: (src, i) => pyString(src, i, this.lang),
    ops: {
      or: 1,
      and: 2,
      not: 3,
      in: 4,
      "==": 4,
      "!=": 4,
      "<": 4,
      ">": 4,
      "<=": 4,
      ">=": 4,
      "+": 6,
      "-": 6,
      "*": 7,
      "/": 7,
      "//": 7,
      "%": 7,
      unary: 8,
      "**": 9,
    },
    name: (n) => {
      if (this.vars.has(n)) return this.vars.get(n) as Value;
      const b = this.builtin(n);
      if (b !== undefined) return b;
      throw new ScriptError("NameError", `name '${n}' is not defined`);
    },
    binary: (op, a, b) => pyBinary(op, a, b),
    attr: (v, n) => {
      if (typeof v === "string") return stringMethod(v, n);
      if (v && typeof v === "object" && !Array.isArray(v) && n in v) return v[n] as Value;
      throw new Unsupported(`attribute ${n}`);
    },
    index: (v, i) => {
      if (v && typeof v === "object" && !Array.isArray(v) && typeof v.__index === "function")
        return (v.__index as (k: Value) => Value)(i);
      if ((typeof v === "string" || Array.isArray(v)) && typeof i === "bigint") {
        const n = Number(i) < 0 ? v.length + Number(i) : Number(i);
        if (n < 0 || n >= v.length)
          throw new ScriptError(
            "IndexError",
            `${typeof v === "string" ? "string" : "list"} index out of range`,
          );
        return v[n] as Value;
      }
      throw new Unsupported("index");
    },
    call: (f, args, kw) => callHost(f, args, kw),
    str,
  };

  private builtin(n: string): Value | undefined {
    const b: Record<string, Value> = {
      True: true,
      False: false,
      None: null,
      print: fn((args, kw) => {
        const sep = kw.sep === undefined ? " " : str(kw.sep);
        const end = kw.end === undefined ? "\n" : str(kw.end);
        const text = args.map(str).join(sep) + end;
        const file = kw.file as { __stream?: string } | undefined;
        if (file?.__stream === "err") this.err += text;
        else this.out += text;
        return null;
      }),
      len: fn(([x]) => {
        if (typeof x === "string" || Array.isArray(x)) return BigInt(x.length);
        throw new ScriptError("TypeError", `object of type '${typeName(x as Value)}' has no len()`);
      }),
      str: fn(([x = ""]) => str(x as Value)),
      repr: fn(([x]) => repr(x as Value)),
      int: fn(([x = 0n]) => {
        const v = x as Value;
        if (typeof v === "string") {
          if (!/^\s*[-+]?\d+\s*$/.test(v))
            throw new ScriptError("ValueError", `invalid literal for int() with base 10: ${repr(v)}`);
          return BigInt(v.trim());
        }
        return typeof v === "number" ? BigInt(Math.trunc(v)) : (num(v) ?? 0n);
      }),
      float: fn(([x = 0]) => Number(typeof x === "string" ? x : num(x as Value))),
      abs: fn(([x]) => {
        const v = num(x as Value);
        return typeof v === "bigint" ? (v < 0n ? -v : v) : Math.abs(Number(v));
      }),
      round: fn(([x, d]) =>
        d === undefined
          ? BigInt(Math.round(Number(num(x as Value))))
          : Number(Number(num(x as Value)).toFixed(Number(d))),
      ),
      max: fn(
        (args) =>
          (Array.isArray(args[0]) ? args[0] : args).reduce((a, b) =>
            pyBinary(">", b as Value, a as Value) ? b : a,
          ) as Value,
      ),
      min: fn(
        (args) =>
          (Array.isArray(args[0]) ? args[0] : args).reduce((a, b) =>
            pyBinary("<", b as Value, a as Value) ? b : a,
          ) as Value,
      ),
      sum: fn(([xs]) => (xs as Value[]).reduce((a: Value, b) => pyBinary("+", a, b as Value), 0n)),
      range: fn(([a, b]) => {
        const [from, to] = b === undefined ? [0, Number(a)] : [Number(a), Number(b)];
        if (to - from > 100_000) throw new Unsupported("a long range");
        return Array.from({ length: Math.max(0, to - from) }, (_x, i) => BigInt(from + i));
      }),
      type: fn(([x]) => ({ __name: `<class '${typeName(x as Value)}'>` })),
    };
    return b[n];
  }

  /** Parses every statement without running it: throws Unsupported before any output, as a SyntaxError would. */
  check(script: string): void {
    for (const { text } of statements(stripComments(script))) this.statement(text, false);
  }

  /**
   * Runs the script: its steps, stdout flushed as python flushes it into a pipe (at exit, or at
   * once when unbuffered: -u, PYTHONUNBUFFERED). file: the traceback's name (`<string>` for -c).
   */
  *run(script: string, unbuffered: boolean, file = "<string>"): Generator<Step, number, void> {
    const self = this;
    const flush = function* (all: boolean): Generator<Step, void, void> {
      if (self.err) yield { err: self.err };
      self.err = "";
      if (self.out && (all || unbuffered)) {
        yield { out: self.out };
        self.out = "";
      }
    };
    let at = 1;
    try {
      for (const { text: stmt, line } of statements(stripComments(script))) {
        at = line;
        const sleep = /^time\.sleep\((.*)\)$/.exec(stmt);
        if (sleep && this.vars.get("time") === this.modules.time) {
          const secs = Number(num(this.eval(sleep[1] as string)));
          yield* flush(false);
          yield { sleepMs: Math.max(0, secs * 1000) };
          continue;
        }
        const exit = /^(?:sys\.exit|exit|quit)\((.*)\)$/.exec(stmt);
        if (exit) {
          const v = exit[1] ? this.eval(exit[1]) : null;
          if (typeof v === "string") this.err += `${v}\n`;
          yield* flush(true);
          return v === null ? 0 : typeof v === "bigint" ? Number(BigInt.asUintN(8, v)) : 1;
        }
        this.statement(stmt, true);
        yield* flush(false);
      }
      yield* flush(true);
      return 0;
    } catch (e) {
      if (e instanceof ScriptError) {
        yield* flush(true);
        yield {
          err: `Traceback (most recent call last):\n  File "${file}", line ${at}, in <module>\n${e.kind}: ${e.message}\n`,
        };
        return 1;
      }
      throw e;
    }
  }

  private eval(src: string): Value {
    return evaluate(parseExpression(src, this.lang), this.lang);
  }

  /** Runs (or, with run false, only parses) one statement. */
  private statement(stmt: string, run: boolean): void {
    if (stmt === "pass") return;
    if (/:$/.test(stmt) || /^(if|for|while|def|class|with|try|lambda|async|return|yield)\b/.test(stmt))
      throw new Unsupported("a block");
    const imp = /^import\s+(.+)$/.exec(stmt);
    if (imp) {
      for (const part of (imp[1] as string).split(",")) {
        const [name = "", alias] = part.trim().split(/\s+as\s+/);
        const m = this.modules[name];
        if (!m) throw new Unsupported(`module ${name}`);
        if (run) this.vars.set(alias ?? name, m);
      }
      return;
    }
    const from = /^from\s+(\w+)\s+import\s+(.+)$/.exec(stmt);
    if (from) {
      const m = this.modules[from[1] as string];
      if (!m) throw new Unsupported(`module ${from[1]}`);
      for (const n of (from[2] as string).split(",").map((x) => x.trim())) {
        if (!(n in m)) throw new Unsupported(`name ${n}`);
        if (run) this.vars.set(n, m[n] as Value);
      }
      return;
    }
    const assign = /^([A-Za-z_]\w*)\s*(\+|-|\*|\/)?=(?!=)\s*(.+)$/s.exec(stmt);
    if (assign) {
      const [, name, op, rhs] = assign as unknown as [string, string, string | undefined, string];
      if (!run) {
        parseExpression(rhs, this.lang);
        return;
      }
      const value = this.eval(rhs);
      this.vars.set(name, op ? pyBinary(op, this.lang.name(name), value) : value);
      return;
    }
    if (!run) {
      const call = /^(?:time\.sleep|sys\.exit|exit|quit)\((.*)\)$/.exec(stmt);
      parseExpression(call ? call[1] || "None" : stmt, this.lang);
      return;
    }
    this.eval(stmt);
  }
}

/** Drops `#` comments outside strings. */
function stripComments(src: string): string {
  return src
    .split("\n")
    .map((line) => {
      let quote = "";
      for (let i = 0; i < line.length; i++) {
        const c = line[i] as string;
        if (quote) {
          if (c === "\\") i++;
          else if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "#") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/** A python string literal at src[i]: prefixes r, b, f; single, double and triple quotes. */
function pyString(src: string, i: number, lang: Lang): { node: Node; end: number } | undefined {
  const m = /^([rRbBfF]{0,2})('''|"""|'|")/.exec(src.slice(i));
  if (!m) return undefined;
  const prefix = (m[1] as string).toLowerCase();
  const quote = m[2] as string;
  let j = i + m[0].length;
  let text = "";
  while (j < src.length && !src.startsWith(quote, j)) {
    const c = src[j] as string;
    if (c === "\\" && !prefix.includes("r")) {
      const e = src[j + 1] ?? "";
      text += ESCAPES[e] ?? `\\${e}`;
      j += 2;
      continue;
    }
    if (quote.length === 1 && c === "\n") throw new Unsupported("unterminated string");
    text += c;
    j++;
  }
  if (j >= src.length) throw new Unsupported("unterminated string");
  const end = j + quote.length;
  if (!prefix.includes("f")) return { node: { k: "lit", v: text }, end };
  const parts: (string | Node)[] = [];
  let lit = "";
  for (let k = 0; k < text.length; k++) {
    const c = text[k] as string;
    if ((c === "{" || c === "}") && text[k + 1] === c) {
      lit += c;
      k++;
    } else if (c === "{") {
      const close = text.indexOf("}", k);
      if (close < 0) throw new Unsupported("f-string");
      const inner = text.slice(k + 1, close);
      const colon = inner.search(/:(?![^[]*\])/);
      const exprText = colon < 0 ? inner : inner.slice(0, colon);
      const spec = colon < 0 ? "" : inner.slice(colon + 1);
      if (lit) parts.push(lit);
      lit = "";
      const node = parseExpression(exprText, lang);
      parts.push(
        spec
          ? { k: "call", f: { k: "lit", v: fn(([v]) => formatSpec(v as Value, spec)) }, args: [node], kw: {} }
          : node,
      );
      k = close;
    } else lit += c;
  }
  if (lit) parts.push(lit);
  return { node: { k: "interp", parts }, end };
}

function stringMethod(s: string, n: string): Value {
  const methods: Record<string, (args: Value[]) => Value> = {
    upper: () => s.toUpperCase(),
    lower: () => s.toLowerCase(),
    strip: () => s.trim(),
    title: () => s.replace(/\b\w/g, (c) => c.toUpperCase()),
    split: ([sep]) =>
      sep === undefined || sep === null ? s.trim().split(/\s+/).filter(Boolean) : s.split(str(sep)),
    replace: ([a, b]) => s.split(str(a as Value)).join(str(b as Value)),
    startswith: ([p]) => s.startsWith(str(p as Value)),
    endswith: ([p]) => s.endsWith(str(p as Value)),
    join: ([xs]) => (xs as Value[]).map(str).join(s),
    format: (args) => {
      let auto = 0;
      return s.replace(/\{(\d*)(?::([^}]*))?\}/g, (_m, idx: string, spec: string | undefined) =>
        formatSpec(args[idx ? Number(idx) : auto++] ?? null, spec ?? ""),
      );
    },
  };
  const m = methods[n];
  if (!m) throw new Unsupported(`str.${n}`);
  return fn((args) => m(args));
}

/** Python's binary operators on ints (bigint), floats, strings, lists and booleans. */
export function pyBinary(op: string, a: Value, b: Value): Value {
  if (op === "==") return pyEqual(a, b);
  if (op === "!=") return !pyEqual(a, b);
  if (op === "in") {
    if (typeof b === "string") return b.includes(str(a));
    if (Array.isArray(b)) return b.some((x) => pyEqual(x, a));
    throw new Unsupported("in");
  }
  if (typeof a === "string" || typeof b === "string" || Array.isArray(a) || Array.isArray(b)) {
    if (op === "+" && typeof a === "string" && typeof b === "string") return a + b;
    if (op === "+" && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    if (op === "*" && typeof a === "string" && typeof b === "bigint") return a.repeat(Math.max(0, Number(b)));
    if (op === "*" && typeof b === "string" && typeof a === "bigint") return b.repeat(Math.max(0, Number(a)));
    if (op === "%" && typeof a === "string") return percent(a, b);
    if (["<", ">", "<=", ">="].includes(op) && typeof a === "string" && typeof b === "string")
      return op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
    throw new ScriptError(
      "TypeError",
      op === "+" && typeof a === "string"
        ? `can only concatenate str (not "${typeName(b)}") to str`
        : `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
    );
  }
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined)
    throw new ScriptError(
      "TypeError",
      `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
    );
  if (typeof x === "bigint" && typeof y === "bigint") {
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        if (y === 0n) throw new ScriptError("ZeroDivisionError", "division by zero");
        return Number(x) / Number(y);
      case "//":
      case "%": {
        if (y === 0n) throw new ScriptError("ZeroDivisionError", "integer division or modulo by zero");
        let q = x / y;
        if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
        return op === "//" ? q : x - q * y;
      }
      case "**":
        if (y < 0n) return Number(x) ** Number(y);
        if (y > 100_000n) throw new Unsupported("a huge power");
        return x ** y;
      default:
        return compare(op, Number(x), Number(y));
    }
  }
  const fx = Number(x);
  const fy = Number(y);
  switch (op) {
    case "+":
      return fx + fy;
    case "-":
      return fx - fy;
    case "*":
      return fx * fy;
    case "/":
      if (fy === 0) throw new ScriptError("ZeroDivisionError", "float division by zero");
      return fx / fy;
    case "//":
      if (fy === 0) throw new ScriptError("ZeroDivisionError", "float floor division by zero");
      return Math.floor(fx / fy);
    case "%":
      if (fy === 0) throw new ScriptError("ZeroDivisionError", "float modulo");
      return fx - Math.floor(fx / fy) * fy;
    case "**":
      return fx ** fy;
    default:
      return compare(op, fx, fy);
  }
}

function compare(op: string, x: number, y: number): boolean {
  if (op === "<") return x < y;
  if (op === ">") return x > y;
  if (op === "<=") return x <= y;
  if (op === ">=") return x >= y;
  throw new Unsupported(`operator ${op}`);
}

function pyEqual(a: Value, b: Value): boolean {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined && typeof a !== "string" && typeof b !== "string")
    return Number(x) === Number(y);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => pyEqual(v, b[i] as Value));
  return a === b;
}
