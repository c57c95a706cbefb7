/**
 * The perl a container runs for `perl -e`, `-E` and `-l`: print and say of lists, my/our
 * scalars, numbers (printed as perl's %.15g), strings with "$var" and "$ENV{X}" interpolation,
 * . x + - * / % ** and comparisons (== eq lt...), length/uc/lc, $ENV{X}, bpi(N) under
 * -Mbignum=bpi (the Kubernetes Job example). Blocks, regexes and modules are beyond it.
 */
import { piDigits } from "../pi";
import {
  callHost,
  endInterpolated,
  evaluate,
  fn,
  type Lang,
  type Node,
  parseExpression,
  statements,
  Unsupported,
  type Value,
} from "./expr";

/** How a perl script runs: -l, -Mbignum=bpi, -E (say). */
export interface PerlOptions {
  l: boolean;
  bpi: boolean;
  sayAllowed: boolean;
  env: Record<string, string>;
  now: () => number;
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  '"': '"',
  $: "$",
  "@": "@",
  e: "\x1b",
  "0": "\0",
};

/** A number as perl prints it (%.15g). */
export function perlNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const p = Number(x.toPrecision(15));
  const a = Math.abs(p);
  if (a !== 0 && (a >= 1e15 || a < 1e-4)) {
    const [m = "", e = "0"] = p.toExponential().split("e");
    return `${m}e${Number(e) < 0 ? "-" : "+"}${String(Math.abs(Number(e))).padStart(2, "0")}`;
  }
  return String(p);
}

const toNum = (v: Value): number => {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "string") return Number(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v)?.[0] ?? 0);
  return v ? 1 : 0;
};

function perlStr(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return perlNumber(v);
  if (v === null || v === false) return "";
  if (v === true) return "1";
  if (Array.isArray(v)) return v.map(perlStr).join("");
  throw new Unsupported("printing a reference");
}

/** Runs a perl script's statements; its output, or Unsupported. */
export function runPerl(script: string, o: PerlOptions): string {
  const vars = new Map<string, Value>();
  const lang: Lang = {
    string: (src, i) => perlString(src, i),
    ops: {
      or: 1,
      "||": 2,
      and: 2,
      "&&": 3,
      "==": 4,
      "!=": 4,
      eq: 4,
      ne: 4,
      "<": 5,
      ">": 5,
      "<=": 5,
      ">=": 5,
      lt: 5,
      gt: 5,
      le: 5,
      ge: 5,
      "+": 6,
      "-": 6,
      ".": 6,
      "*": 7,
      "/": 7,
      "%": 7,
      x: 7,
      unary: 8,
      "**": 9,
    },
    name: (n) => {
      if (n.startsWith("$")) {
        if (n === "$ENV") return { __env: true };
        return vars.get(n) ?? null;
      }
      const builtins: Record<string, Value> = {
        length: fn(([s]) => perlStr(s as Value).length),
        uc: fn(([s]) => perlStr(s as Value).toUpperCase()),
        lc: fn(([s]) => perlStr(s as Value).toLowerCase()),
        int: fn(([s]) => Math.trunc(toNum(s as Value))),
        abs: fn(([s]) => Math.abs(toNum(s as Value))),
        sqrt: fn(([s]) => Math.sqrt(toNum(s as Value))),
        time: fn(() => Math.floor(o.now() / 1000)),
      };
      if (o.bpi) builtins.bpi = fn(([n]) => piDigits(toNum(n as Value)));
      const b = builtins[n];
      if (b === undefined) throw new Unsupported(`bareword ${n}`);
      return b;
    },
    binary: (op, a, b) => perlBinary(op, a, b),
    attr: () => {
      throw new Unsupported("method call");
    },
    index: (v, i) => {
      if (v && typeof v === "object" && !Array.isArray(v) && v.__env) return o.env[perlStr(i)] ?? null;
      throw new Unsupported("hash or array element");
    },
    call: (f, args, kw) => callHost(f, args, kw),
    str: perlStr,
    namedUnary: ["uc", "lc", "length", "int", "abs", "sqrt"],
  };
  let out = "";
  const parsed: { kind: string; name?: string; nodes: Node[] }[] = [];
  for (const { text } of statements(script)) {
    const stmt = text.replace(/;$/, "").trim();
    if (/^use\s+(strict|warnings|utf8|v?5[\d.]*)\b/.test(stmt)) continue;
    if (/^(if|unless|for|foreach|while|sub|package|my\s*\(|BEGIN|END)\b|[{}]\s*$|=~/.test(stmt))
      throw new Unsupported("a block or a regex");
    const decl = /^(?:my|our|local)?\s*(\$[A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/s.exec(stmt);
    if (decl) {
      parsed.push({
        kind: "set",
        name: decl[1] as string,
        nodes: [parseExpression(decl[2] as string, lang)],
      });
      continue;
    }
    const m = /^(print|say)\b\s*(.*)$/s.exec(stmt);
    if (m) {
      if (m[1] === "say" && !o.sayAllowed) throw new Unsupported("say without -E");
      let list = (m[2] as string).trim();
      if (/^\(.*\)$/s.test(list)) list = list.slice(1, -1);
      parsed.push({
        kind: m[1] as string,
        nodes: list ? splitList(list).map((t) => parseExpression(t, lang)) : [],
      });
      continue;
    }
    const exit = /^exit\b\s*(.*)$/.exec(stmt);
    if (exit) {
      parsed.push({ kind: "exit", nodes: exit[1] ? [parseExpression(exit[1], lang)] : [] });
      continue;
    }
    parsed.push({ kind: "expr", nodes: [parseExpression(stmt, lang)] });
  }
  for (const p of parsed) {
    if (p.kind === "set") vars.set(p.name as string, evaluate(p.nodes[0] as Node, lang));
    else if (p.kind === "print" || p.kind === "say") {
      const values = p.nodes.length ? p.nodes.map((n) => perlStr(evaluate(n, lang))) : [""];
      out += values.join("") + (o.l || p.kind === "say" ? "\n" : "");
    } else if (p.kind === "exit") throw new PerlExit(out, p.nodes[0] ? toNum(evaluate(p.nodes[0], lang)) : 0);
    else evaluate(p.nodes[0] as Node, lang);
  }
  return out;
}

/** `exit N` in a perl script: what it printed and its status. */
export class PerlExit extends Error {
  constructor(
    readonly out: string,
    readonly status: number,
  ) {
    super("exit");
  }
}

/** A fatal runtime error: perl prints `MESSAGE at -e line 1.` and exits 255. */
export class PerlDie extends Error {}

/** Splits a list at commas outside quotes and brackets. */
function splitList(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      cur += c;
      if (c === "\\") cur += text[++i] ?? "";
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** A perl string at src[i]: '...' literal, "..." with escapes and $var, ${var}, $ENV{X} interpolation. */
function perlString(src: string, i: number): { node: Node; end: number } | undefined {
  const q = src[i];
  if (q !== '"' && q !== "'") return undefined;
  let j = i + 1;
  const parts: (string | Node)[] = [];
  let text = "";
  while (j < src.length && src[j] !== q) {
    const c = src[j] as string;
    if (c === "\\") {
      const e = src[j + 1] ?? "";
      text += q === "'" ? (e === "'" || e === "\\" ? e : `\\${e}`) : (ESCAPES[e] ?? e);
      j += 2;
      continue;
    }
    if (q === '"' && c === "$") {
      const m = /^\$(?:\{(\w+)\}|(\w+)(\{\w+\})?)/.exec(src.slice(j));
      if (m) {
        if (text) parts.push(text);
        text = "";
        const name: Node = { k: "name", n: `$${m[1] ?? m[2]}` };
        parts.push(m[3] ? { k: "index", a: name, i: { k: "lit", v: m[3].slice(1, -1) } } : name);
        j += m[0].length;
        continue;
      }
    }
    if (q === '"' && c === "@" && /^@\w/.test(src.slice(j))) throw new Unsupported("array interpolation");
    text += c;
    j++;
  }
  return endInterpolated(src, j, parts, text);
}

/** perl's operators: numeric on numbers, . and x on strings, eq/lt on strings. */
function perlBinary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case ".":
      return perlStr(a) + perlStr(b);
    case "x":
      return perlStr(a).repeat(Math.max(0, Math.trunc(toNum(b))));
    case "eq":
      return perlStr(a) === perlStr(b) ? 1 : "";
    case "ne":
      return perlStr(a) !== perlStr(b) ? 1 : "";
    case "lt":
      return perlStr(a) < perlStr(b) ? 1 : "";
    case "gt":
      return perlStr(a) > perlStr(b) ? 1 : "";
    case "le":
      return perlStr(a) <= perlStr(b) ? 1 : "";
    case "ge":
      return perlStr(a) >= perlStr(b) ? 1 : "";
  }
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
      if (y === 0) throw new PerlDie("Illegal division by zero");
      return x / y;
    case "%":
      return ((Math.trunc(x) % Math.trunc(y)) + Math.trunc(y)) % Math.trunc(y);
    case "**":
      return x ** y;
    case "==":
      return x === y ? 1 : "";
    case "!=":
      return x !== y ? 1 : "";
    case "<":
      return x < y ? 1 : "";
    case ">":
      return x > y ? 1 : "";
    case "<=":
      return x <= y ? 1 : "";
    case ">=":
      return x >= y ? 1 : "";
  }
  throw new Unsupported(`operator ${op}`);
}
