/**
 * jq 1.6 (Ubuntu 22.04's package), the part people type at a cluster: paths (`.a.b`, `.[0]`,
 * `.[]`, `.a?`), pipes and commas, comparisons, arithmetic, `and`/`or`/`not`, `//`, literals,
 * array and object construction, string interpolation, `if ... then ... else ... end`, and the
 * builtins select, map, map_values, length, keys, has, contains, test, startswith, endswith,
 * to_entries, from_entries, with_entries, add, any, all, first, last, sort, sort_by, group_by,
 * unique, unique_by, min, max, join, split, ascii_downcase, ascii_upcase, tostring, tonumber,
 * type, values, empty, not, error, @base64, @base64d, @text, @json, @csv, @tsv.
 * Options: -r, -j, -c, -n, -s, -e, -S, --arg, --argjson, --tab, --indent N. Output is never
 * coloured (as when it goes to a pipe).
 */
import type { CommandContext } from "../interface";
import { type Applet, getopt, type Parsed, UsageError } from "./common";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

/** A jq error: a compile error (exit 3) or a runtime one (exit 5), worded as jq 1.6 words it. */
class JqError extends Error {
  constructor(
    message: string,
    readonly compile = false,
  ) {
    super(message);
  }
}

/** `break`-free stream of outputs. */
type Stream = Generator<Json, void, void>;

type Node =
  | { k: "identity" }
  | { k: "recurse" }
  | { k: "field"; of: Node; name: string; opt: boolean }
  | { k: "index"; of: Node; index: Node; opt: boolean }
  | { k: "slice"; of: Node; from?: Node; to?: Node; opt: boolean }
  | { k: "iterate"; of: Node; opt: boolean }
  | { k: "literal"; value: Json }
  | { k: "string"; parts: (string | Node)[]; format?: string }
  | { k: "format"; name: string }
  | { k: "array"; of?: Node }
  | { k: "object"; entries: { key: Node | string; value?: Node }[] }
  | { k: "pipe"; left: Node; right: Node }
  | { k: "comma"; left: Node; right: Node }
  | { k: "binop"; op: string; left: Node; right: Node }
  | { k: "and" | "or"; left: Node; right: Node }
  | { k: "alt"; left: Node; right: Node }
  | { k: "neg"; of: Node }
  | { k: "if"; cond: Node; body: Node; elifs: [Node, Node][]; otherwise?: Node }
  | { k: "call"; name: string; args: Node[] }
  | { k: "var"; name: string }
  | { k: "as"; source: Node; name: string; body: Node }
  | { k: "reduce"; source: Node; name: string; init: Node; update: Node }
  | { k: "try"; body: Node; catch?: Node };

// ---- lexer -----------------------------------------------------------------------------------

type Tok =
  | { t: "punct"; v: string }
  | { t: "ident"; v: string }
  | { t: "field"; v: string }
  | { t: "var"; v: string }
  | { t: "num"; v: number }
  | { t: "str"; parts: (string | Tok[])[] }
  | { t: "format"; v: string };

const PUNCT = [
  "|=",
  "+=",
  "-=",
  "//",
  "==",
  "!=",
  "<=",
  ">=",
  "..",
  "?//",
  "|",
  ",",
  ".",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  ":",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "?",
  ";",
];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === '"') {
      const [tok, end] = lexString(src, i);
      toks.push(tok);
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === "." && /[A-Za-z_]/.test(src[i + 1] ?? "")) {
      const m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: "field", v: m[1] as string });
      i += m[0].length;
      continue;
    }
    if (c === "$") {
      const m = /^\$(__loc__|[A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw syntax(src, "INVALID_CHARACTER");
      toks.push({ t: "var", v: m[1] as string });
      i += m[0].length;
      continue;
    }
    if (c === "@") {
      const m = /^@([A-Za-z0-9_]+)/.exec(src.slice(i));
      if (!m) throw syntax(src, "INVALID_CHARACTER");
      toks.push({ t: "format", v: m[1] as string });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i)) as RegExpExecArray;
      toks.push({ t: "ident", v: m[0] });
      i += m[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw syntax(src, "INVALID_CHARACTER");
    toks.push({ t: "punct", v: p });
    i += p.length;
  }
  return toks;
}

/** A string literal with `\(...)` interpolations; returns the token and the index after it. */
function lexString(src: string, start: number): [Tok, number] {
  const parts: (string | Tok[])[] = [];
  let text = "";
  let i = start + 1;
  while (i < src.length && src[i] !== '"') {
    if (src[i] === "\\") {
      const e = src[i + 1];
      if (e === "(") {
        let depth = 1;
        let j = i + 2;
        while (j < src.length && depth > 0) {
          if (src[j] === "(") depth++;
          else if (src[j] === ")") depth--;
          else if (src[j] === '"') j = lexString(src, j)[1] - 1;
          j++;
        }
        if (text) parts.push(text);
        text = "";
        parts.push(lex(src.slice(i + 2, j - 1)));
        i = j;
        continue;
      }
      const map: Record<string, string> = {
        n: "\n",
        t: "\t",
        r: "\r",
        b: "\b",
        f: "\f",
        '"': '"',
        "\\": "\\",
        "/": "/",
      };
      if (e === "u") {
        text += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      text += map[e ?? ""] ?? e ?? "";
      i += 2;
      continue;
    }
    text += src[i];
    i++;
  }
  if (i >= src.length)
    throw syntax(src, "$end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END");
  if (text || parts.length === 0) parts.push(text);
  return [{ t: "str", parts }, i + 1];
}

function syntax(src: string, what: string): JqError {
  return new JqError(
    `jq: error: syntax error, unexpected ${what} (Unix shell quoting issues?) at <top-level>, line 1:\n${src}\njq: 1 compile error`,
    true,
  );
}

// ---- parser ----------------------------------------------------------------------------------

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isPunct(v: string): boolean {
    const t = this.peek();
    return t?.t === "punct" && t.v === v;
  }

  private isIdent(v: string): boolean {
    const t = this.peek();
    return t?.t === "ident" && t.v === v;
  }

  private expect(v: string): void {
    if (!this.isPunct(v) && !this.isIdent(v)) throw this.unexpected();
    this.i++;
  }

  private unexpected(): JqError {
    const t = this.peek();
    if (!t) return syntax(this.src, "$end");
    if (t.t === "ident") return syntax(this.src, `IDENT ${t.v}`);
    if (t.t === "punct") return syntax(this.src, `'${t.v}'`);
    return syntax(this.src, t.t === "num" ? "LITERAL" : t.t.toUpperCase());
  }

  parseProgram(): Node {
    if (!this.peek()) return { k: "identity" };
    const n = this.pipe();
    if (this.peek()) throw this.unexpected();
    return n;
  }

  /** pipe: `term as $x | body`, `a | b`, lowest precedence. */
  pipe(): Node {
    const left = this.comma();
    if (this.isIdent("as")) {
      this.i++;
      const v = this.peek();
      if (v?.t !== "var") throw this.unexpected();
      this.i++;
      this.expect("|");
      return { k: "as", source: left, name: v.v, body: this.pipe() };
    }
    if (this.isPunct("|")) {
      this.i++;
      return { k: "pipe", left, right: this.pipe() };
    }
    return left;
  }

  private comma(): Node {
    let left = this.alt();
    while (this.isPunct(",")) {
      this.i++;
      left = { k: "comma", left, right: this.alt() };
    }
    return left;
  }

  private alt(): Node {
    const left = this.or();
    if (this.isPunct("//")) {
      this.i++;
      return { k: "alt", left, right: this.alt() };
    }
    return left;
  }

  private or(): Node {
    let left = this.and();
    while (this.isIdent("or")) {
      this.i++;
      left = { k: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.compare();
    while (this.isIdent("and")) {
      this.i++;
      left = { k: "and", left, right: this.compare() };
    }
    return left;
  }

  private compare(): Node {
    const left = this.additive();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"])
      if (this.isPunct(op)) {
        this.i++;
        return { k: "binop", op, left, right: this.additive() };
      }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isPunct("+") || this.isPunct("-")) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      left = { k: "binop", op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    while (this.isPunct("*") || this.isPunct("/") || this.isPunct("%")) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      left = { k: "binop", op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isPunct("-")) {
      this.i++;
      return { k: "neg", of: this.postfix() };
    }
    return this.postfix();
  }

  /** A term followed by `.a`, `[i]`, `[]`, `?`. */
  private postfix(): Node {
    let n = this.term();
    for (;;) {
      const t = this.peek();
      if (t?.t === "field") {
        this.i++;
        n = { k: "field", of: n, name: t.v, opt: this.optional() };
      } else if (t?.t === "punct" && t.v === "." && this.toks[this.i + 1]?.t === "str") {
        this.i++;
        const s = this.peek() as Extract<Tok, { t: "str" }>;
        this.i++;
        n = { k: "field", of: n, name: s.parts.join(""), opt: this.optional() };
      } else if (
        t?.t === "punct" &&
        (t.v === "[" ||
          (t.v === "." &&
            this.toks[this.i + 1]?.t === "punct" &&
            (this.toks[this.i + 1] as { v: string }).v === "["))
      ) {
        if (t.v === ".") this.i++;
        n = this.bracket(n);
      } else if (t?.t === "punct" && t.v === "?") {
        this.i++;
        n = { k: "try", body: n };
      } else return n;
    }
  }

  private optional(): boolean {
    if (this.isPunct("?")) {
      this.i++;
      return true;
    }
    return false;
  }

  private bracket(of: Node): Node {
    this.expect("[");
    if (this.isPunct("]")) {
      this.i++;
      return { k: "iterate", of, opt: this.optional() };
    }
    if (this.isPunct(":")) {
      this.i++;
      const to = this.pipe();
      this.expect("]");
      return { k: "slice", of, to, opt: this.optional() };
    }
    const index = this.pipe();
    if (this.isPunct(":")) {
      this.i++;
      const to = this.isPunct("]") ? undefined : this.pipe();
      this.expect("]");
      return { k: "slice", of, from: index, to, opt: this.optional() };
    }
    this.expect("]");
    return { k: "index", of, index, opt: this.optional() };
  }

  private term(): Node {
    const t = this.peek();
    if (!t) throw this.unexpected();
    this.i++;
    switch (t.t) {
      case "num":
        return { k: "literal", value: t.v };
      case "str":
        return this.stringNode(t);
      case "field":
        return { k: "field", of: { k: "identity" }, name: t.v, opt: this.optional() };
      case "var":
        return { k: "var", name: t.v };
      case "format": {
        const s = this.peek();
        if (s?.t === "str") {
          this.i++;
          return { ...(this.stringNode(s) as Extract<Node, { k: "string" }>), format: t.v };
        }
        return { k: "format", name: t.v };
      }
      case "punct":
        return this.punctTerm(t.v);
      case "ident":
        return this.identTerm(t.v);
    }
  }

  private stringNode(t: Extract<Tok, { t: "str" }>): Node {
    return {
      k: "string",
      parts: t.parts.map((p) => (typeof p === "string" ? p : new Parser(p, this.src).parseProgram())),
    };
  }

  private punctTerm(v: string): Node {
    if (v === ".") {
      const next = this.peek();
      if (next?.t === "str") {
        this.i++;
        return { k: "field", of: { k: "identity" }, name: next.parts.join(""), opt: this.optional() };
      }
      return { k: "identity" };
    }
    if (v === "..") return { k: "recurse" };
    if (v === "(") {
      const n = this.pipe();
      this.expect(")");
      return n;
    }
    if (v === "[") {
      if (this.isPunct("]")) {
        this.i++;
        return { k: "array" };
      }
      const of = this.pipe();
      this.expect("]");
      return { k: "array", of };
    }
    if (v === "{") return this.objectTerm();
    this.i--;
    throw this.unexpected();
  }

  private objectTerm(): Node {
    const entries: { key: Node | string; value?: Node }[] = [];
    while (!this.isPunct("}")) {
      const t = this.peek();
      let key: Node | string;
      if (t?.t === "ident") {
        this.i++;
        key = t.v;
      } else if (t?.t === "var") {
        this.i++;
        key = t.v;
        if (!this.isPunct(":")) {
          entries.push({ key: t.v, value: { k: "var", name: t.v } });
          if (this.isPunct(",")) this.i++;
          continue;
        }
      } else if (t?.t === "str") {
        this.i++;
        key = this.stringNode(t);
      } else if (t?.t === "punct" && t.v === "(") {
        this.i++;
        key = this.pipe();
        this.expect(")");
      } else throw this.unexpected();
      let value: Node | undefined;
      if (this.isPunct(":")) {
        this.i++;
        value = this.objectValue();
      }
      entries.push({ key, value });
      if (this.isPunct(",")) this.i++;
      else if (!this.isPunct("}")) throw this.unexpected();
    }
    this.i++;
    return { k: "object", entries };
  }

  /** An object value: a term with postfixes, pipes of them, no commas. */
  private objectValue(): Node {
    let left = this.alt();
    while (this.isPunct("|")) {
      this.i++;
      left = { k: "pipe", left, right: this.alt() };
    }
    return left;
  }

  private identTerm(name: string): Node {
    if (name === "true" || name === "false") return { k: "literal", value: name === "true" };
    if (name === "null") return { k: "literal", value: null };
    if (name === "if") {
      const cond = this.pipe();
      this.expect("then");
      const then = this.pipe();
      const elifs: [Node, Node][] = [];
      let otherwise: Node | undefined;
      for (;;) {
        if (this.isIdent("elif")) {
          this.i++;
          const c = this.pipe();
          this.expect("then");
          elifs.push([c, this.pipe()]);
        } else if (this.isIdent("else")) {
          this.i++;
          otherwise = this.pipe();
        } else break;
      }
      this.expect("end");
      return { k: "if", cond, body: then, elifs, otherwise };
    }
    if (name === "try") {
      const body = this.postfix();
      if (this.isIdent("catch")) {
        this.i++;
        return { k: "try", body, catch: this.postfix() };
      }
      return { k: "try", body };
    }
    if (name === "reduce") {
      const source = this.postfix();
      this.expect("as");
      const v = this.peek();
      if (v?.t !== "var") throw this.unexpected();
      this.i++;
      this.expect("(");
      const init = this.pipe();
      this.expect(";");
      const update = this.pipe();
      this.expect(")");
      return { k: "reduce", source, name: v.v, init, update };
    }
    const args: Node[] = [];
    if (this.isPunct("(")) {
      this.i++;
      args.push(this.pipe());
      while (this.isPunct(";")) {
        this.i++;
        args.push(this.pipe());
      }
      this.expect(")");
    }
    if (!BUILTINS.has(`${name}/${args.length}`))
      throw new JqError(
        `jq: error: ${name}/${args.length} is not defined at <top-level>, line 1:\n${this.src}\njq: 1 compile error`,
        true,
      );
    return { k: "call", name, args };
  }
}

// ---- evaluation ------------------------------------------------------------------------------

function typeOf(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

/** jq's error text for a value: its type and its JSON (cut as jq 1.6 does). */
function described(v: Json): string {
  const text = JSON.stringify(v);
  return `${typeOf(v)} (${text.length > 11 ? `${text.slice(0, 10)}...` : text})`;
}

function compare(a: Json, b: Json): number {
  const order = ["null", "boolean", "number", "string", "array", "object"];
  const ta = order.indexOf(typeOf(a));
  const tb = order.indexOf(typeOf(b));
  if (ta !== tb) return ta - tb;
  if (a === b) return 0;
  if (typeof a === "boolean") return a ? 1 : -1;
  if (typeof a === "number") return a - b;
  if (typeof a === "string") return a < b ? -1 : 1;
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  const c = compare(ka, kb);
  if (c) return c;
  for (const k of ka) {
    const d = compare(a[k], b[k]);
    if (d) return d;
  }
  return 0;
}

const truthy = (v: Json) => v !== null && v !== false;

function contains(a: Json, b: Json): boolean {
  if (typeOf(a) !== typeOf(b))
    throw new JqError(`${described(a)} and ${described(b)} cannot have their containment checked`);
  if (typeof a === "string") return a.includes(b);
  if (Array.isArray(a))
    return b.every((x: Json) => a.some((y: Json) => typeOf(x) === typeOf(y) && contains(y, x)));
  if (a && typeof a === "object") return Object.keys(b).every((k) => k in a && contains(a[k], b[k]));
  return a === b;
}

function arith(op: string, a: Json, b: Json): Json {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (op === "+") {
    if (a === null) return b;
    if (b === null) return a;
    if (ta === "number" && tb === "number") return a + b;
    if (ta === "string" && tb === "string") return a + b;
    if (ta === "array" && tb === "array") return [...a, ...b];
    if (ta === "object" && tb === "object") return { ...a, ...b };
  } else if (op === "-") {
    if (ta === "number" && tb === "number") return a - b;
    if (ta === "array" && tb === "array")
      return a.filter((x: Json) => !b.some((y: Json) => compare(x, y) === 0));
  } else if (op === "*") {
    if (ta === "number" && tb === "number") return a * b;
    if (ta === "string" && tb === "number") return b > 0 ? a.repeat(Math.ceil(b)) : null;
    if (ta === "object" && tb === "object") return { ...a, ...b };
  } else if (op === "/") {
    if (ta === "number" && tb === "number") {
      if (b === 0)
        throw new JqError(
          `${described(a)} and ${described(b)} cannot be divided because the divisor is zero`,
        );
      return a / b;
    }
    if (ta === "string" && tb === "string") return a.split(b);
  } else if (op === "%") {
    if (ta === "number" && tb === "number") return Math.trunc(a) % Math.trunc(b);
  }
  const verb = { "+": "added", "-": "subtracted", "*": "multiplied", "/": "divided", "%": "divided" }[op];
  throw new JqError(`${described(a)} and ${described(b)} cannot be ${verb}`);
}

type Env = Map<string, Json>;

function* evaluate(n: Node, input: Json, env: Env): Stream {
  switch (n.k) {
    case "identity":
      yield input;
      return;
    case "recurse":
      yield* recurse(input);
      return;
    case "literal":
      yield n.value;
      return;
    case "var":
      if (!env.has(n.name)) throw new JqError(`$${n.name} is not defined`);
      yield env.get(n.name);
      return;
    case "field":
      for (const v of evaluate(n.of, input, env)) {
        if (v === null) yield null;
        else if (typeof v === "object" && !Array.isArray(v)) yield n.name in v ? v[n.name] : null;
        else if (!n.opt) throw new JqError(`Cannot index ${typeOf(v)} with string "${n.name}"`);
      }
      return;
    case "index":
      for (const v of evaluate(n.of, input, env))
        for (const i of evaluate(n.index, input, env)) {
          if (v === null) yield null;
          else if (Array.isArray(v) && typeof i === "number") {
            const j = Math.floor(i < 0 ? v.length + i : i);
            yield j >= 0 && j < v.length ? v[j] : null;
          } else if (v && typeof v === "object" && !Array.isArray(v) && typeof i === "string")
            yield i in v ? v[i] : null;
          else if (!n.opt)
            throw new JqError(
              `Cannot index ${typeOf(v)} with ${typeof i === "string" ? `string "${i}"` : typeOf(i)}`,
            );
        }
      return;
    case "slice":
      for (const v of evaluate(n.of, input, env)) {
        if (v === null) {
          yield null;
          continue;
        }
        if (typeof v !== "string" && !Array.isArray(v)) {
          if (n.opt) continue;
          throw new JqError(`Cannot index ${typeOf(v)} with object`);
        }
        const from = n.from ? [...evaluate(n.from, input, env)][0] : 0;
        const to = n.to ? [...evaluate(n.to, input, env)][0] : v.length;
        yield v.slice(from ?? 0, to ?? v.length);
      }
      return;
    case "iterate":
      for (const v of evaluate(n.of, input, env)) {
        if (Array.isArray(v)) yield* v;
        else if (v && typeof v === "object") yield* Object.values(v);
        else if (!n.opt) throw new JqError(`Cannot iterate over ${described(v)}`);
      }
      return;
    case "string": {
      // Each interpolation contributes its outputs (a cartesian product, as jq does).
      const build = function* (i: number, acc: string): Stream {
        if (i === n.parts.length) {
          yield acc;
          return;
        }
        const p = n.parts[i] as string | Node;
        if (typeof p === "string") {
          yield* build(i + 1, acc + p);
          return;
        }
        for (const v of evaluate(p, input, env))
          yield* build(
            i + 1,
            acc + (n.format ? applyFormat(n.format, v) : typeof v === "string" ? v : toJson(v)),
          );
      };
      yield* build(0, "");
      return;
    }
    case "format":
      yield applyFormat(n.name, input);
      return;
    case "array":
      yield n.of ? [...evaluate(n.of, input, env)] : [];
      return;
    case "object":
      yield* objects(n.entries, 0, {}, input, env);
      return;
    case "pipe":
      for (const v of evaluate(n.left, input, env)) yield* evaluate(n.right, v, env);
      return;
    case "comma":
      yield* evaluate(n.left, input, env);
      yield* evaluate(n.right, input, env);
      return;
    case "binop":
      for (const b of evaluate(n.right, input, env))
        for (const a of evaluate(n.left, input, env)) {
          const c = ["==", "!=", "<", "<=", ">", ">="].includes(n.op) ? compare(a, b) : 0;
          switch (n.op) {
            case "==":
              yield c === 0;
              break;
            case "!=":
              yield c !== 0;
              break;
            case "<":
              yield c < 0;
              break;
            case "<=":
              yield c <= 0;
              break;
            case ">":
              yield c > 0;
              break;
            case ">=":
              yield c >= 0;
              break;
            default:
              yield arith(n.op, a, b);
          }
        }
      return;
    case "and":
    case "or":
      for (const a of evaluate(n.left, input, env)) {
        if (n.k === "and" && !truthy(a)) {
          yield false;
          continue;
        }
        if (n.k === "or" && truthy(a)) {
          yield true;
          continue;
        }
        for (const b of evaluate(n.right, input, env)) yield truthy(b);
      }
      return;
    case "alt": {
      let any = false;
      try {
        for (const v of evaluate(n.left, input, env))
          if (truthy(v)) {
            any = true;
            yield v;
          }
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
      }
      if (!any) yield* evaluate(n.right, input, env);
      return;
    }
    case "neg":
      for (const v of evaluate(n.of, input, env)) {
        if (typeof v !== "number") throw new JqError(`${described(v)} cannot be negated`);
        yield -v;
      }
      return;
    case "if":
      for (const c of evaluate(n.cond, input, env)) {
        if (truthy(c)) yield* evaluate(n.body, input, env);
        else if (n.elifs.length)
          yield* evaluate(
            {
              k: "if",
              cond: n.elifs[0]?.[0] as Node,
              body: n.elifs[0]?.[1] as Node,
              elifs: n.elifs.slice(1),
              otherwise: n.otherwise,
            },
            input,
            env,
          );
        else if (n.otherwise) yield* evaluate(n.otherwise, input, env);
        else yield input;
      }
      return;
    case "as":
      for (const v of evaluate(n.source, input, env))
        yield* evaluate(n.body, input, new Map(env).set(n.name, v));
      return;
    case "reduce":
      for (const init of evaluate(n.init, input, env)) {
        let acc = init;
        for (const v of evaluate(n.source, input, env)) {
          const out = [...evaluate(n.update, acc, new Map(env).set(n.name, v))];
          acc = out.length ? out[out.length - 1] : null;
        }
        yield acc;
      }
      return;
    case "try":
      try {
        yield* [...evaluate(n.body, input, env)];
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        if (n.catch) yield* evaluate(n.catch, e.message, env);
      }
      return;
    case "call":
      yield* call(n.name, n.args, input, env);
      return;
  }
}

function* recurse(v: Json): Stream {
  yield v;
  if (Array.isArray(v)) for (const x of v) yield* recurse(x);
  else if (v && typeof v === "object") for (const x of Object.values(v)) yield* recurse(x);
}

function* objects(
  entries: { key: Node | string; value?: Node }[],
  i: number,
  acc: Record<string, Json>,
  input: Json,
  env: Env,
): Stream {
  if (i === entries.length) {
    yield { ...acc };
    return;
  }
  const e = entries[i] as { key: Node | string; value?: Node };
  const keys = typeof e.key === "string" ? [e.key] : [...evaluate(e.key, input, env)];
  for (const key of keys) {
    if (typeof key !== "string") throw new JqError(`Object keys must be strings`);
    const values = e.value
      ? [...evaluate(e.value, input, env)]
      : [...evaluate({ k: "field", of: { k: "identity" }, name: key, opt: false }, input, env)];
    for (const value of values) yield* objects(entries, i + 1, { ...acc, [key]: value }, input, env);
  }
}

/** jq's `tojson` (compact, keys in their order). */
function toJson(v: Json): string {
  return JSON.stringify(v) ?? "null";
}

function applyFormat(name: string, v: Json): string {
  const text = typeof v === "string" ? v : toJson(v);
  switch (name) {
    case "text":
      return text;
    case "json":
      return toJson(v);
    case "base64":
      return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
    case "base64d": {
      const bin = atob(
        text.replace(/=+$/, "").padEnd(Math.ceil(text.replace(/=+$/, "").length / 4) * 4, "="),
      );
      return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    }
    case "csv":
    case "tsv": {
      if (!Array.isArray(v))
        throw new JqError(`${described(v)} cannot be ${name}-formatted, only an array can be`);
      return v
        .map((x: Json) =>
          typeof x === "string"
            ? name === "csv"
              ? `"${x.replace(/"/g, '""')}"`
              : x.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
            : x === null
              ? ""
              : toJson(x),
        )
        .join(name === "csv" ? "," : "\t");
    }
    default:
      throw new JqError(`${name} is not a valid format`);
  }
}

const one = (n: Node, input: Json, env: Env): Json[] => [...evaluate(n, input, env)];

/** name/arity of every builtin. */
const BUILTINS = new Set(
  `select/1 map/1 map_values/1 length/0 utf8bytelength/0 keys/0 keys_unsorted/0 has/1 contains/1 inside/1 test/1 test/2 startswith/1 endswith/1
  to_entries/0 from_entries/0 with_entries/1 add/0 any/0 all/0 any/1 all/1 first/0 last/0 first/1 last/1 sort/0 sort_by/1 group_by/1
  unique/0 unique_by/1 min/0 max/0 min_by/1 max_by/1 join/1 split/1 ascii_downcase/0 ascii_upcase/0 tostring/0 tonumber/0 type/0
  values/0 nulls/0 strings/0 numbers/0 booleans/0 arrays/0 objects/0 iterables/0 scalars/0 empty/0 not/0 error/0 error/1 tojson/0
  fromjson/0 reverse/0 range/1 range/2 floor/0 sqrt/0 recurse/0 recurse/1 paths/0 leaf_paths/0 env/0 input/0 del/1 to_number/0
  ltrimstr/1 rtrimstr/1 ascii/0 implode/0 explode/0 indices/1 index/1 rindex/1 limit/2 isempty/1 flatten/0 flatten/1 splits/1
  sub/2 gsub/2 capture/1 match/1 tostream/0 getpath/1 env/0 halt/0 now/0 infinite/0 nan/0 isnan/0 abs/0 input_line_number/0`
    .split(/\s+/)
    .filter(Boolean),
);

function regexOf(re: Json, flags: Json): RegExp {
  const f = typeof flags === "string" ? flags.replace(/[^gimsx]/g, "").replace("x", "") : "";
  return new RegExp(re, f.includes("g") ? f : f);
}

function* call(name: string, args: Node[], input: Json, env: Env): Stream {
  const arg = (i: number) => one(args[i] as Node, input, env);
  const need = (ok: boolean, msg: string) => {
    if (!ok) throw new JqError(msg);
  };
  switch (name) {
    case "empty":
      return;
    case "not":
      yield !truthy(input);
      return;
    case "select":
      for (const c of arg(0)) if (truthy(c)) yield input;
      return;
    case "map":
      need(
        Array.isArray(input) || (input && typeof input === "object"),
        `Cannot iterate over ${described(input)}`,
      );
      yield (Array.isArray(input) ? input : Object.values(input)).flatMap((x: Json) =>
        one(args[0] as Node, x, env),
      );
      return;
    case "map_values": {
      const out: Json = Array.isArray(input) ? [] : {};
      for (const [k, v] of Object.entries(input ?? {})) {
        const r = one(args[0] as Node, v, env);
        if (r.length) out[k] = r[0];
      }
      yield out;
      return;
    }
    case "length":
      if (input === null) yield 0;
      else if (typeof input === "string") yield [...input].length;
      else if (Array.isArray(input)) yield input.length;
      else if (typeof input === "object") yield Object.keys(input).length;
      else if (typeof input === "number") yield Math.abs(input);
      else throw new JqError(`${described(input)} has no length`);
      return;
    case "utf8bytelength":
      yield new TextEncoder().encode(input).length;
      return;
    case "keys":
    case "keys_unsorted":
      if (Array.isArray(input)) yield input.map((_: Json, i: number) => i);
      else if (input && typeof input === "object")
        yield name === "keys" ? Object.keys(input).sort() : Object.keys(input);
      else throw new JqError(`${described(input)} has no keys`);
      return;
    case "has":
      for (const k of arg(0))
        yield Array.isArray(input) ? k >= 0 && k < input.length : Object.hasOwn(input ?? {}, k);
      return;
    case "contains":
      for (const b of arg(0)) yield contains(input, b);
      return;
    case "inside":
      for (const b of arg(0)) yield contains(b, input);
      return;
    case "test":
      need(typeof input === "string", `${described(input)} cannot be matched, as it is not a string`);
      for (const re of arg(0)) yield regexOf(re, args[1] ? arg(1)[0] : "").test(input);
      return;
    case "startswith":
    case "endswith":
      for (const s of arg(0)) {
        need(typeof input === "string" && typeof s === "string", `${name}() requires string inputs`);
        yield name === "startswith" ? input.startsWith(s) : input.endsWith(s);
      }
      return;
    case "ltrimstr":
    case "rtrimstr":
      for (const s of arg(0))
        yield typeof input === "string" && typeof s === "string"
          ? name === "ltrimstr"
            ? input.startsWith(s)
              ? input.slice(s.length)
              : input
            : input.endsWith(s) && s
              ? input.slice(0, -s.length)
              : input
          : input;
      return;
    case "to_entries":
      yield Object.entries(input ?? {}).map(([key, value]) => ({ key, value }));
      return;
    case "from_entries": {
      const out: Record<string, Json> = {};
      for (const e of input ?? []) {
        const k = e.key ?? e.k ?? e.name ?? e.Name ?? e.Key ?? e.K;
        out[typeof k === "string" ? k : toJson(k)] = "value" in e ? e.value : (e.v ?? e.Value ?? null);
      }
      yield out;
      return;
    }
    case "with_entries": {
      const entries = Object.entries(input ?? {}).map(([key, value]) => ({ key, value }));
      const mapped = entries.flatMap((e) => one(args[0] as Node, e, env));
      yield* call("from_entries", [], mapped, env);
      return;
    }
    case "add":
      yield (input ?? []).length === 0
        ? null
        : (Array.isArray(input) ? input : Object.values(input)).reduce((a: Json, b: Json) =>
            arith("+", a, b),
          );
      return;
    case "any":
    case "all": {
      const items = Array.isArray(input) ? input : Object.values(input ?? {});
      const test = (x: Json) => (args[0] ? one(args[0], x, env).some(truthy) : truthy(x));
      yield name === "any" ? items.some(test) : items.every(test);
      return;
    }
    case "first":
    case "last":
      if (args[0]) {
        const all = arg(0);
        if (all.length) yield name === "first" ? all[0] : all[all.length - 1];
      } else
        yield Array.isArray(input) ? ((name === "first" ? input[0] : input[input.length - 1]) ?? null) : null;
      return;
    case "limit": {
      const [n] = arg(0);
      let count = 0;
      if (n <= 0) return;
      for (const v of evaluate(args[1] as Node, input, env)) {
        yield v;
        if (++count >= n) return;
      }
      return;
    }
    case "sort":
      need(Array.isArray(input), `${described(input)} cannot be sorted, as it is not an array`);
      yield [...input].sort(compare);
      return;
    case "sort_by":
    case "group_by":
    case "unique_by":
    case "min_by":
    case "max_by": {
      need(Array.isArray(input), `Cannot index ${typeOf(input)} with number`);
      const keyed = input.map((x: Json) => ({ x, k: one(args[0] as Node, x, env) }));
      keyed.sort((a: { k: Json }, b: { k: Json }) => compare(a.k, b.k));
      if (name === "sort_by") yield keyed.map((e: { x: Json }) => e.x);
      else if (name === "min_by") yield keyed[0]?.x ?? null;
      else if (name === "max_by") yield keyed[keyed.length - 1]?.x ?? null;
      else {
        const groups: Json[][] = [];
        let last: Json;
        for (const e of keyed) {
          if (groups.length && compare(e.k, last) === 0) (groups[groups.length - 1] as Json[]).push(e.x);
          else groups.push([e.x]);
          last = e.k;
        }
        yield name === "group_by" ? groups : groups.map((g) => g[0]);
      }
      return;
    }
    case "unique":
      yield [...input].sort(compare).filter((x, i, a) => i === 0 || compare(a[i - 1], x) !== 0);
      return;
    case "min":
    case "max": {
      const s = [...input].sort(compare);
      yield (name === "min" ? s[0] : s[s.length - 1]) ?? null;
      return;
    }
    case "reverse":
      yield typeof input === "string" ? [...input].reverse().join("") : [...(input ?? [])].reverse();
      return;
    case "join":
      for (const sep of arg(0))
        yield (input ?? [])
          .map((x: Json) => {
            if (x === null) return "";
            if (typeof x === "object") throw new JqError(`Cannot join with ${typeOf(x)}`);
            return String(x);
          })
          .join(sep);
      return;
    case "split":
      for (const sep of arg(0)) {
        need(typeof input === "string", "split input and separator must be strings");
        yield input.split(sep);
      }
      return;
    case "splits":
      for (const re of arg(0)) yield* input.split(new RegExp(re));
      return;
    case "sub":
    case "gsub":
      for (const re of arg(0))
        for (const rep of arg(1)) yield input.replace(new RegExp(re, name === "gsub" ? "g" : ""), rep);
      return;
    case "ascii_downcase":
      yield input.replace(/[A-Z]/g, (c: string) => c.toLowerCase());
      return;
    case "ascii_upcase":
      yield input.replace(/[a-z]/g, (c: string) => c.toUpperCase());
      return;
    case "tostring":
      yield typeof input === "string" ? input : toJson(input);
      return;
    case "tojson":
      yield toJson(input);
      return;
    case "fromjson":
      yield JSON.parse(input);
      return;
    case "tonumber":
    case "to_number": {
      if (typeof input === "number") yield input;
      else {
        const n = Number(input);
        if (typeof input !== "string" || input.trim() === "" || Number.isNaN(n))
          throw new JqError(`Cannot parse '${input}' as JSON`);
        yield n;
      }
      return;
    }
    case "type":
      yield typeOf(input);
      return;
    case "values":
      if (input !== null) yield input;
      return;
    case "nulls":
    case "strings":
    case "numbers":
    case "booleans":
    case "arrays":
    case "objects": {
      const want = {
        nulls: "null",
        strings: "string",
        numbers: "number",
        booleans: "boolean",
        arrays: "array",
        objects: "object",
      }[name];
      if (typeOf(input) === want) yield input;
      return;
    }
    case "iterables":
      if (typeof input === "object" && input !== null) yield input;
      return;
    case "scalars":
      if (typeof input !== "object" || input === null) yield input;
      return;
    case "error":
      throw new JqError(args[0] ? String(arg(0)[0]) : String(input));
    case "range": {
      const [from, to] = args.length === 2 ? [arg(0)[0], arg(1)[0]] : [0, arg(0)[0]];
      for (let i = from; i < to; i++) yield i;
      return;
    }
    case "floor":
      yield Math.floor(input);
      return;
    case "sqrt":
      yield Math.sqrt(input);
      return;
    case "abs":
      yield Math.abs(input);
      return;
    case "recurse":
      if (args[0]) {
        const rec = function* (v: Json): Stream {
          yield v;
          for (const x of one(args[0] as Node, v, env)) yield* rec(x);
        };
        yield* rec(input);
      } else yield* recurse(input);
      return;
    case "flatten": {
      const depth = args[0] ? arg(0)[0] : 1e9;
      const flat = (a: Json[], d: number): Json[] =>
        a.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
      yield flat(input, depth);
      return;
    }
    case "indices":
    case "index":
    case "rindex":
      for (const s of arg(0)) {
        const found: number[] = [];
        if (typeof input === "string")
          for (let i = input.indexOf(s); i >= 0 && s; i = input.indexOf(s, i + 1)) found.push(i);
        else if (Array.isArray(input))
          input.forEach((x: Json, i: number) => {
            if (compare(x, s) === 0) found.push(i);
          });
        yield name === "indices" ? found : ((name === "index" ? found[0] : found[found.length - 1]) ?? null);
      }
      return;
    case "isempty":
      yield one(args[0] as Node, input, env).length === 0;
      return;
    case "del": {
      const copy = structuredClone(input);
      deletePaths(copy, args[0] as Node, env);
      yield copy;
      return;
    }
    case "getpath": {
      let v = input;
      for (const k of arg(0)[0] ?? []) v = v == null ? null : (v[k] ?? null);
      yield v;
      return;
    }
    case "paths":
    case "leaf_paths": {
      const walk = function* (v: Json, path: Json[]): Stream {
        if (v && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            const p = [...path, Array.isArray(v) ? Number(k) : k];
            if (name === "paths" || !(x && typeof x === "object")) yield p;
            yield* walk(x, p);
          }
      };
      yield* walk(input, []);
      return;
    }
    case "explode":
      yield [...input].map((c) => c.codePointAt(0));
      return;
    case "implode":
      yield String.fromCodePoint(...input);
      return;
    case "capture":
    case "match":
      for (const re of arg(0)) {
        const m = new RegExp(re).exec(input);
        if (!m) continue;
        if (name === "capture") yield { ...(m.groups ?? {}) };
        else
          yield {
            offset: m.index,
            length: m[0].length,
            string: m[0],
            captures: m.slice(1).map((c) => ({
              offset: c === undefined ? -1 : input.indexOf(c),
              length: c?.length ?? 0,
              string: c ?? null,
              name: null,
            })),
          };
      }
      return;
    case "infinite":
      yield Number.MAX_VALUE;
      return;
    case "nan":
      yield null;
      return;
    case "isnan":
      yield Number.isNaN(input);
      return;
    default:
      throw new JqError(`${name}/${args.length} is not defined`);
  }
}

/** del(paths): removes what each path expression points at (fields and indices). */
function deletePaths(root: Json, n: Node, env: Env): void {
  if (n.k === "comma") {
    deletePaths(root, n.left, env);
    deletePaths(root, n.right, env);
    return;
  }
  const parentOf = (p: Node): Json[] => {
    if (p.k === "identity") return [root];
    if (p.k === "field")
      return parentOf(p.of)
        .map((x) => x?.[p.name])
        .filter((x) => x != null);
    if (p.k === "index")
      return parentOf(p.of)
        .flatMap((x) => one(p.index, root, env).map((i) => x?.[i]))
        .filter((x) => x != null);
    if (p.k === "iterate")
      return parentOf(p.of).flatMap((x) => (x && typeof x === "object" ? Object.values(x) : []));
    throw new JqError("Invalid path expression");
  };
  if (n.k === "field") for (const p of parentOf(n.of)) if (p && typeof p === "object") delete p[n.name];
  if (n.k === "index")
    for (const p of parentOf(n.of))
      for (const i of one(n.index, root, env)) {
        if (Array.isArray(p) && typeof i === "number") p.splice(i, 1);
        else if (p && typeof p === "object") delete p[i];
      }
}

// ---- input and output ------------------------------------------------------------------------

/**
 * The JSON texts of an input, one after another (jq reads a stream of values), and jq 1.6's
 * parse error for what follows the last good one: positions are where its parser stood, after
 * the character that ended the bad token (a newline makes it `line N+1, column 0`).
 */
function parseStream(text: string): { values: Json[]; error?: string } {
  const values: Json[] = [];
  const at = (pos: number) => {
    const before = text.slice(0, pos);
    return `line ${before.split("\n").length}, column ${pos - (before.lastIndexOf("\n") + 1)}`;
  };
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  ws();
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "}" || c === "]") return { values, error: `parse error: Unmatched '${c}' at ${at(i + 1)}` };
    const end = valueEnd(text, i);
    let parsed: { ok: true; v: Json } | { ok: false } = { ok: false };
    if (end >= 0) {
      try {
        parsed = { ok: true, v: JSON.parse(text.slice(i, end)) };
      } catch {
        parsed = { ok: false };
      }
    }
    if (!parsed.ok) {
      if (c === "{" || c === "[" || c === '"') {
        if (end < 0)
          return { values, error: `parse error: Unfinished JSON term at EOF at ${at(text.length)}` };
      }
      const word = /^[^\s{}[\],:"]*/.exec(text.slice(i))?.[0] ?? "";
      const stop = i + Math.max(word.length, 1);
      const kind = /^[tfn]/.test(word) ? "Invalid literal" : "Invalid numeric literal";
      return { values, error: `parse error: ${kind} at ${at(Math.min(stop + 1, text.length))}` };
    }
    values.push(parsed.v);
    i = end;
    ws();
  }
  return { values };
}

/** Where the JSON value starting at i ends (-1 when it is not JSON). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === "{" || c === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j++;
        while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      } else if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  if (c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    return j < text.length ? j + 1 : -1;
  }
  const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)(?![^\s{}[\],:"])/.exec(text.slice(i));
  return m ? i + m[0].length : -1;
}

/** jq's output of a value: indented by 2 (or a tab, or N), or compact with -c; keys sorted with -S. */
function format(v: Json, indent: string, sortKeys: boolean, level = 0): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  const pad = indent ? `\n${indent.repeat(level + 1)}` : "";
  const close = indent ? `\n${indent.repeat(level)}` : "";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[${v.map((x) => pad + format(x, indent, sortKeys, level + 1)).join(",")}${close}]`;
  }
  const keys = sortKeys ? Object.keys(v).sort() : Object.keys(v);
  if (keys.length === 0) return "{}";
  const sep = indent ? ": " : ":";
  return `{${keys.map((k) => `${pad}${JSON.stringify(k)}${sep}${format(v[k], indent, sortKeys, level + 1)}`).join(",")}${close}}`;
}

const LONG: Record<string, string> = {
  "raw-output": "r",
  "join-output": "j",
  "compact-output": "c",
  "null-input": "n",
  slurp: "s",
  "exit-status": "e",
  "sort-keys": "S",
  "monochrome-output": "M",
  "color-output": "C",
  "ascii-output": "a",
  tab: "tab",
  "indent=": "indent",
  "arg=": "arg",
  "argjson=": "argjson",
};

/** `jq [options] FILTER [FILE...]`. */
export const jq: Applet = () => (ctx: CommandContext) => {
  // --arg and --argjson take two words; take them out before getopt.
  const args = [...ctx.argv.slice(1)];
  const env: Env = new Map();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--arg" || a === "--argjson") {
      const [name, value] = [args[i + 1], args[i + 2]];
      if (name === undefined || value === undefined) {
        ctx.stderr.write(`jq: ${a} takes two parameters (e.g. ${a} varname value)\n`);
        return 2;
      }
      try {
        env.set(name, a === "--arg" ? value : JSON.parse(value));
      } catch {
        ctx.stderr.write(`jq: Invalid JSON text passed to --argjson\n`);
        return 2;
      }
      args.splice(i, 3);
      i--;
    }
  }
  let p: Parsed;
  try {
    p = getopt(args, "rjcnseSMCa", LONG);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ctx.stderr.write(`jq: Unknown option: ${e.message}\n`);
    return 2;
  }
  const has = (k: string) => p.opts.has(k);
  const [filter, ...files] = p.operands;
  if (filter === undefined) {
    ctx.stderr.write(
      "Usage:\tjq [OPTIONS] FILTER [FILES...]\n\tjq [OPTIONS] --args FILTER [ARGUMENTS...]\n\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]\n\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n",
    );
    return 2;
  }
  let program: Node;
  try {
    program = new Parser(lex(filter), filter).parseProgram();
  } catch (e) {
    if (!(e instanceof JqError)) throw e;
    ctx.stderr.write(`${e.message}\n`);
    return 3;
  }
  let text: string;
  try {
    text = files.length
      ? files.map((f) => ctx.fs.read(f.startsWith("/") ? f : `${ctx.cwd}/${f}`)).join("\n")
      : ctx.stdin;
  } catch {
    ctx.stderr.write(`jq: error: Could not open ${files[0]}: No such file or directory\n`);
    return 2;
  }
  const parsed = has("n") ? { values: [null] } : parseStream(text);
  const inputs = has("s") && !has("n") ? [parsed.values] : parsed.values;
  const indentFlag = p.opts.get("indent")?.at(-1);
  const indent = has("c")
    ? ""
    : has("tab")
      ? "\t"
      : " ".repeat(indentFlag !== undefined ? Number(indentFlag) : 2);
  const raw = has("r") || has("j");
  const end = has("j") ? "" : "\n";
  let last: Json;
  let produced = false;
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  for (const input of inputs) {
    try {
      for (const v of evaluate(program, input, env)) {
        produced = true;
        last = v;
        ctx.stdout.write(`${raw && typeof v === "string" ? v : format(v, indent, has("S"))}${end}`);
      }
    } catch (e) {
      if (!(e instanceof JqError)) throw e;
      ctx.stderr.write(`jq: error (at <stdin>:${lines}): ${e.message}\n`);
      return 5;
    }
  }
  if (parsed.error) {
    ctx.stderr.write(`${parsed.error}\n`);
    // jq 1.6 ends with status 4 after an input it cannot parse (measured).
    return 4;
  }
  if (has("e")) return !produced ? 4 : truthy(last) ? 0 : 1;
  return 0;
};
