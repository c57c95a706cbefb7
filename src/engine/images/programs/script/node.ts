/**
 * The node a container runs for `node -e` and `node -p`: console.log/error, const/let/var,
 * numbers (doubles), strings with template literals, process.env, process.exit, require('os')
 * (hostname, platform), Math. Functions, callbacks and other modules (http, fs) are beyond it.
 */
import type { CommandContext } from "../../../sh/interface";
import {
  callHost,
  endInterpolated,
  evaluate,
  fn,
  type Lang,
  type Node,
  parseExpression,
  ScriptError,
  statements,
  truthy,
  Unsupported,
  type Value,
} from "./expr";

/** What a node script printed and how it ended. */
export interface NodeResult {
  out: string;
  err: string;
  status: number;
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "`": "`",
  $: "$",
  "0": "\0",
};

const toNum = (v: Value): number =>
  typeof v === "bigint"
    ? Number(v)
    : typeof v === "number"
      ? v
      : typeof v === "boolean"
        ? Number(v)
        : v === null
          ? Number.NaN
          : Number(v);

/** How console.log prints a value at the top level (strings bare, others as util.inspect). */
export function inspect(v: Value, top = true): string {
  if (typeof v === "string") return top ? v : `'${v.replace(/'/g, "\\'")}'`;
  if (typeof v === "bigint") return String(Number(v));
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "boolean") return String(v);
  if (v === null) return "undefined";
  if (Array.isArray(v)) return v.length ? `[ ${v.map((x) => inspect(x, false)).join(", ")} ]` : "[]";
  throw new Unsupported("printing an object");
}

/** JavaScript's string conversion (template literals, + with a string). */
function jsString(v: Value): string {
  if (Array.isArray(v)) return v.map(jsString).join(",");
  return inspect(v, true);
}

/** Runs a node script (-e) or prints an expression (-p). */
export class NodeRun {
  private readonly vars = new Map<string, Value>();
  private out = "";
  private err = "";
  private readonly globals: Record<string, Value>;

  constructor(ctx: CommandContext) {
    const envObject = { __index: (k: Value) => ctx.env[jsString(k)] ?? null };
    const os = {
      hostname: fn(() => ctx.sys.hostname()),
      platform: fn(() => "linux"),
      type: fn(() => "Linux"),
      EOL: "\n",
    };
    const print = (to: "out" | "err") =>
      fn((args) => {
        const text = `${args.map((a) => inspect(a)).join(" ")}\n`;
        if (to === "out") this.out += text;
        else this.err += text;
        return null;
      });
    this.globals = {
      console: { log: print("out"), info: print("out"), error: print("err"), warn: print("err") },
      process: {
        env: envObject,
        platform: "linux",
        pid: ctx.sys.pid?.() ?? 1,
        version: `v${ctx.env.NODE_VERSION || "23.4.0"}`,
        argv: ["/usr/local/bin/node"],
        cwd: fn(() => ctx.cwd),
        exit: fn(([code = 0]) => {
          throw new ExitSignal(toNum(code as Value) | 0);
        }),
      },
      require: fn(([name]) => {
        if (name === "os" || name === "node:os") return os;
        throw new Unsupported(`require('${jsString(name as Value)}')`);
      }),
      Math: {
        PI: Math.PI,
        E: Math.E,
        floor: fn(([x]) => Math.floor(toNum(x as Value))),
        ceil: fn(([x]) => Math.ceil(toNum(x as Value))),
        round: fn(([x]) => Math.round(toNum(x as Value))),
        sqrt: fn(([x]) => Math.sqrt(toNum(x as Value))),
        abs: fn(([x]) => Math.abs(toNum(x as Value))),
        pow: fn(([x, y]) => toNum(x as Value) ** toNum(y as Value)),
        max: fn((xs) => Math.max(...xs.map(toNum))),
        min: fn((xs) => Math.min(...xs.map(toNum))),
      },
      parseInt: fn(([s]) => Number.parseInt(jsString(s as Value), 10)),
      parseFloat: fn(([s]) => Number.parseFloat(jsString(s as Value))),
      String: fn(([v]) => jsString(v as Value)),
      Number: fn(([v]) => toNum(v as Value)),
      true: true,
      false: false,
      null: null,
      undefined: null,
      NaN: Number.NaN,
      Infinity: Number.POSITIVE_INFINITY,
    };
  }

  private readonly lang: Lang = {
    string: (src, i) => jsStringLiteral(src, i, this.lang),
    ops: {
      "||": 1,
      "&&": 2,
      "==": 4,
      "!=": 4,
      "===": 4,
      "!==": 4,
      "<": 5,
      ">": 5,
      "<=": 5,
      ">=": 5,
      "+": 6,
      "-": 6,
      "*": 7,
      "/": 7,
      "%": 7,
      unary: 8,
      "**": 9,
    },
    name: (n) => {
      if (this.vars.has(n)) return this.vars.get(n) as Value;
      if (n in this.globals) return this.globals[n] as Value;
      throw new ScriptError("ReferenceError", `${n} is not defined`);
    },
    binary: (op, a, b) => jsBinary(op, a, b),
    attr: (v, n) => {
      if (typeof v === "string") {
        if (n === "length") return v.length;
        const m: Record<string, (args: Value[]) => Value> = {
          toUpperCase: () => v.toUpperCase(),
          toLowerCase: () => v.toLowerCase(),
          trim: () => v.trim(),
          repeat: ([k]) => v.repeat(toNum(k as Value)),
        };
        if (m[n]) return fn((args) => (m[n] as (a: Value[]) => Value)(args));
      }
      if (Array.isArray(v) && n === "length") return v.length;
      if (v && typeof v === "object" && !Array.isArray(v)) {
        if (typeof v.__index === "function") return (v.__index as (k: Value) => Value)(n);
        if (n in v) return v[n] as Value;
        return null;
      }
      if (v === null)
        throw new ScriptError("TypeError", `Cannot read properties of undefined (reading '${n}')`);
      throw new Unsupported(`property ${n}`);
    },
    index: (v, i) => this.lang.attr(v, typeof i === "bigint" ? String(i) : jsString(i)),
    call: (f, args, kw) => callHost(f, args, kw),
    str: jsString,
  };

  /** Parses every statement without running it (a SyntaxError comes before any output). */
  check(script: string): void {
    for (const { text } of statements(script)) this.statement(text, false);
  }

  /** Runs the script; a thrown error ends it with node's uncaught-error report. */
  run(script: string, printResult: boolean): NodeResult {
    try {
      let last: Value = null;
      for (const { text } of statements(script)) last = this.statement(text, true);
      if (printResult) this.out += `${inspect(last)}\n`;
      return { out: this.out, err: this.err, status: 0 };
    } catch (e) {
      if (e instanceof ExitSignal) return { out: this.out, err: this.err, status: e.code };
      if (e instanceof ScriptError) {
        const err = `${this.err}[eval]:1\n${script.split("\n")[0]}\n\n${e.kind}: ${e.message}\n\nNode.js ${this.globals.process && (this.globals.process as { version: string }).version}\n`;
        return { out: this.out, err, status: 1 };
      }
      throw e;
    }
  }

  private statement(stmt: string, run: boolean): Value {
    const s = stmt.replace(/;$/, "");
    if (/^(function|if|for|while|class|async|await|try|import|export)\b|=>/.test(s))
      throw new Unsupported("a block");
    const decl = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(.+)$/s.exec(s);
    const assign = decl ?? /^([A-Za-z_$][\w$]*)\s*=(?!=)\s*(.+)$/s.exec(s);
    if (assign) {
      const node = parseExpression(assign[2] as string, this.lang);
      if (run) this.vars.set(assign[1] as string, evaluate(node, this.lang));
      return null;
    }
    const node = parseExpression(s, this.lang);
    return run ? evaluate(node, this.lang) : null;
  }
}

class ExitSignal extends Error {
  constructor(readonly code: number) {
    super("exit");
  }
}

/** A JavaScript string or template literal at src[i]. */
function jsStringLiteral(src: string, i: number, lang: Lang): { node: Node; end: number } | undefined {
  const q = src[i];
  if (q !== '"' && q !== "'" && q !== "`") return undefined;
  const parts: (string | Node)[] = [];
  let text = "";
  let j = i + 1;
  while (j < src.length && src[j] !== q) {
    const c = src[j] as string;
    if (c === "\\") {
      const e = src[j + 1] ?? "";
      text += ESCAPES[e] ?? e;
      j += 2;
      continue;
    }
    if (q === "`" && c === "$" && src[j + 1] === "{") {
      const close = src.indexOf("}", j);
      if (close < 0) throw new Unsupported("template literal");
      if (text) parts.push(text);
      text = "";
      parts.push(parseExpression(src.slice(j + 2, close), lang));
      j = close + 1;
      continue;
    }
    text += c;
    j++;
  }
  return endInterpolated(src, j, parts, text);
}

/** JavaScript's operators on the values here (numbers are doubles). */
function jsBinary(op: string, a: Value, b: Value): Value {
  if (op === "+" && (typeof a === "string" || typeof b === "string" || Array.isArray(a) || Array.isArray(b)))
    return jsString(a) + jsString(b);
  if (op === "===" || op === "==") return looseEqual(a, b);
  if (op === "!==" || op === "!=") return !looseEqual(a, b);
  if (["<", ">", "<=", ">="].includes(op) && typeof a === "string" && typeof b === "string")
    return op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
  const x = toNum(a);
  const y = toNum(b);
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return x / y;
    case "%":
      return x % y;
    case "**":
      return x ** y;
    case "<":
      return x < y;
    case ">":
      return x > y;
    case "<=":
      return x <= y;
    case ">=":
      return x >= y;
  }
  throw new Unsupported(`operator ${op}`);
}

function looseEqual(a: Value, b: Value): boolean {
  const norm = (v: Value) => (typeof v === "bigint" ? Number(v) : v);
  return norm(a) === norm(b) || (truthy(a) === truthy(b) && a === null && b === null);
}
