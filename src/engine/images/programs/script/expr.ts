/**
 * The expressions the simulated perl evaluates: numbers, strings with interpolation, variables,
 * calls and attribute or index access on a few known objects, unary minus and not,
 * + - * / // % ** . x, comparisons: a tokenizer and a Pratt parser; the language supplies its
 * names, calls and value rules (Lang). Unsupported, thrown for anything else, is shared by the
 * python (./py) and JavaScript (./js) interpreters too: the program reports it as beyond the
 * simulation.
 */

/** A value: int (bigint), float (number), string, boolean, null (None, undefined, undef), a list, or a host object. */
export type Value = bigint | number | string | boolean | null | Value[] | { [k: string]: unknown };

/** Thrown for a program the simulation does not run. */
export class Unsupported extends Error {}

/** Thrown for a runtime error the real interpreter reports (ZeroDivisionError, NameError). */
export class ScriptError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** A parsed expression. */
export type Node =
  | { k: "lit"; v: Value }
  | { k: "name"; n: string }
  | { k: "interp"; parts: (string | Node)[] }
  | { k: "un"; op: string; a: Node }
  | { k: "bin"; op: string; a: Node; b: Node }
  | { k: "attr"; a: Node; n: string }
  | { k: "index"; a: Node; i: Node }
  | { k: "call"; f: Node; args: Node[]; kw: Record<string, Node> };

/**
 * The end of an interpolating string literal scanned up to j (its closing quote): the pending
 * text joins the parts; one literal part is a plain literal. Throws when src ended first.
 */
export function endInterpolated(
  src: string,
  j: number,
  parts: (string | Node)[],
  text: string,
): { node: Node; end: number } {
  if (j >= src.length) throw new Unsupported("unterminated string");
  if (text || !parts.length) parts.push(text);
  const node: Node =
    parts.length === 1 && typeof parts[0] === "string" ? { k: "lit", v: parts[0] } : { k: "interp", parts };
  return { node, end: j + 1 };
}

/** What differs between the languages. */
export interface Lang {
  /** Reads a string literal at src[i] (the quote); the node and where it ends, or undefined. */
  string(src: string, i: number): { node: Node; end: number } | undefined;
  /** Operators by binding power (higher binds tighter); `**` is right-associative. */
  ops: Record<string, number>;
  /** A variable's value (throws ScriptError for an unknown one). */
  name(n: string): Value;
  /** Applies a binary operator. */
  binary(op: string, a: Value, b: Value): Value;
  /** An attribute of a value (`os.environ`, `process.env.HOME`, `"x".upper`). */
  attr(v: Value, n: string): Value;
  /** Indexing (`os.environ['HOME']`, `$ENV{HOME}` parses as index). */
  index(v: Value, i: Value): Value;
  /** Calls a function value with arguments and keyword arguments. */
  call(f: Value, args: Value[], kw: Record<string, Value>): Value;
  /** How a value becomes text in an interpolation or a print. */
  str(v: Value): string;
  /** Functions callable without parentheses on one argument (perl's uc, lc, length). */
  namedUnary?: string[];
}

interface Token {
  t: "num" | "str" | "name" | "op";
  v: string;
  node?: Node;
}

/** Operators spelled as words (python's and/or, perl's x, eq, lt...). */
const WORD_OPS = ["x", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "in"];

const OPERATORS = ["**", "//", "==", "!=", "<=", ">=", "===", "!==", "&&", "||", "=>"];

/** Splits an expression into tokens. */
export function tokenize(src: string, lang: Lang): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const str = lang.string(src, i);
    if (str) {
      out.push({ t: "str", v: "", node: str.node });
      i = str.end;
      continue;
    }
    const num = /^(\d[\d_]*\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      out.push({ t: "num", v: num[1] as string });
      i += (num[1] as string).length;
      continue;
    }
    const name = /^[$%@]?[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = [...OPERATORS].sort((a, b) => b.length - a.length).find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: "op", v: op });
      i += op.length;
      continue;
    }
    if ("+-*/%.()[]{},<>=!:".includes(c)) {
      out.push({ t: "op", v: c });
      i++;
      continue;
    }
    throw new Unsupported(`character ${c}`);
  }
  return out;
}

/** A Pratt parser over tokens. */
export class Parser {
  private at = 0;
  constructor(
    private readonly toks: Token[],
    private readonly lang: Lang,
  ) {}

  done(): boolean {
    return this.at >= this.toks.length;
  }

  peek(v?: string): boolean {
    const t = this.toks[this.at];
    return !!t && (v === undefined || (t.t === "op" && t.v === v));
  }

  expect(v: string): void {
    if (!this.peek(v)) throw new Unsupported(`expected ${v}`);
    this.at++;
  }

  /** Parses one expression with operators binding tighter than min. */
  expr(min = 0): Node {
    let left = this.prefix();
    for (;;) {
      const t = this.toks[this.at];
      if (!t) return left;
      const dotIsAttr = t.v !== "." || this.lang.ops["."] === undefined;
      if (t.t === "op" && dotIsAttr && (t.v === "(" || t.v === "." || t.v === "[" || t.v === "{")) {
        if (t.v === "{" && !(left.k === "name" && left.n.startsWith("$"))) return left;
        left = this.postfix(left, t.v);
        continue;
      }
      const word = t.t === "name" && WORD_OPS.includes(t.v) ? t.v : undefined;
      const op = t.t === "op" ? t.v : word;
      const power = op === undefined ? undefined : this.lang.ops[op];
      if (op === undefined || power === undefined || power <= min) return left;
      this.at++;
      const right = this.expr(op === "**" ? power - 1 : power);
      left = { k: "bin", op, a: left, b: right };
    }
  }

  private postfix(left: Node, v: string): Node {
    this.at++;
    if (v === ".") {
      const n = this.toks[this.at++];
      if (n?.t !== "name") throw new Unsupported("attribute");
      return { k: "attr", a: left, n: n.v };
    }
    if (v === "[" || v === "{") {
      const close = v === "[" ? "]" : "}";
      const bare = this.toks[this.at];
      // $ENV{HOME}: a bare word key.
      let i: Node;
      if (v === "{" && bare?.t === "name" && this.toks[this.at + 1]?.v === "}") {
        this.at++;
        i = { k: "lit", v: bare.v };
      } else i = this.expr();
      this.expect(close);
      return { k: "index", a: left, i };
    }
    const args: Node[] = [];
    const kw: Record<string, Node> = {};
    while (!this.peek(")")) {
      const t = this.toks[this.at];
      if (t?.t === "name" && this.toks[this.at + 1]?.v === "=" && this.toks[this.at + 2]?.v !== "=") {
        this.at += 2;
        kw[t.v] = this.expr();
      } else args.push(this.expr());
      if (!this.peek(")")) this.expect(",");
    }
    this.expect(")");
    return { k: "call", f: left, args, kw };
  }

  private prefix(): Node {
    const t = this.toks[this.at++];
    if (!t) throw new Unsupported("end of expression");
    if (t.t === "num") {
      const text = t.v.replace(/_/g, "");
      return { k: "lit", v: /[.eE]/.test(text) ? Number(text) : BigInt(text) };
    }
    if (t.t === "str") return t.node as Node;
    if (t.t === "name") {
      if (t.v === "not") return { k: "un", op: "!", a: this.expr(this.lang.ops.not ?? 5) };
      // perl's named unary operators without parentheses: `uc $x`, `length "abc"`.
      if (
        this.lang.namedUnary?.includes(t.v) &&
        this.toks[this.at] &&
        !this.peek("(") &&
        !this.peek(",") &&
        !this.peek(")")
      )
        return { k: "call", f: { k: "name", n: t.v }, args: [this.expr(this.lang.ops.unary ?? 8)], kw: {} };
      return { k: "name", n: t.v };
    }
    if (t.v === "(") {
      const inner = this.expr();
      if (!this.peek(",")) {
        this.expect(")");
        return inner;
      }
      // A tuple (python) or a list in parentheses (perl): a list value marked as a tuple.
      const items: Node[] = [inner];
      while (this.peek(",")) {
        this.at++;
        if (this.peek(")")) break;
        items.push(this.expr());
      }
      this.expect(")");
      return { k: "call", f: { k: "lit", v: { list: true, tuple: true } }, args: items, kw: {} };
    }
    if (t.v === "[") {
      const items: Node[] = [];
      while (!this.peek("]")) {
        items.push(this.expr());
        if (!this.peek("]")) this.expect(",");
      }
      this.expect("]");
      return { k: "call", f: { k: "lit", v: { list: true } }, args: items, kw: {} };
    }
    if (t.v === "-" || t.v === "+" || t.v === "!")
      return { k: "un", op: t.v, a: this.expr(this.lang.ops.unary ?? 13) };
    throw new Unsupported(`token ${t.v}`);
  }
}

/** Parses a whole expression (all tokens). */
export function parseExpression(src: string, lang: Lang): Node {
  const p = new Parser(tokenize(src, lang), lang);
  const node = p.expr();
  if (!p.done()) throw new Unsupported("trailing tokens");
  return node;
}

/** Evaluates a node. */
export function evaluate(node: Node, lang: Lang): Value {
  switch (node.k) {
    case "lit":
      return node.v;
    case "name":
      return lang.name(node.n);
    case "interp":
      return node.parts.map((p) => (typeof p === "string" ? p : lang.str(evaluate(p, lang)))).join("");
    case "un": {
      const v = evaluate(node.a, lang);
      if (node.op === "!") return !truthy(v);
      if (node.op === "+") return v;
      if (typeof v === "bigint") return -v;
      if (typeof v === "number") return -v;
      if (typeof v === "boolean") return v ? -1n : 0n;
      throw new Unsupported("unary minus");
    }
    case "bin":
      if (node.op === "and" || node.op === "&&") {
        const a = evaluate(node.a, lang);
        return truthy(a) ? evaluate(node.b, lang) : a;
      }
      if (node.op === "or" || node.op === "||") {
        const a = evaluate(node.a, lang);
        return truthy(a) ? a : evaluate(node.b, lang);
      }
      return lang.binary(node.op, evaluate(node.a, lang), evaluate(node.b, lang));
    case "attr":
      return lang.attr(evaluate(node.a, lang), node.n);
    case "index":
      return lang.index(evaluate(node.a, lang), evaluate(node.i, lang));
    case "call": {
      if (node.f.k === "lit" && typeof node.f.v === "object" && node.f.v && "list" in node.f.v) {
        const items = node.args.map((a) => evaluate(a, lang));
        return "tuple" in node.f.v ? Object.assign(items, { tuple: true }) : items;
      }
      const kw: Record<string, Value> = {};
      for (const [k, v] of Object.entries(node.kw)) kw[k] = evaluate(v, lang);
      return lang.call(
        evaluate(node.f, lang),
        node.args.map((a) => evaluate(a, lang)),
        kw,
      );
    }
  }
}

/** Truthiness as the three languages share it for these values. */
export function truthy(v: Value): boolean {
  if (v === null || v === false || v === "" || v === 0 || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** A host function value: called with evaluated arguments. */
export function fn(f: (args: Value[], kw: Record<string, Value>) => Value): { [k: string]: unknown } {
  return { __call: f };
}

/** Calls a host function value, or throws Unsupported. */
export function callHost(f: Value, args: Value[], kw: Record<string, Value>): Value {
  if (f && typeof f === "object" && !Array.isArray(f) && typeof f.__call === "function")
    return (f.__call as (a: Value[], k: Record<string, Value>) => Value)(args, kw);
  throw new Unsupported("call");
}

/** Splits a script into statements at `;` and newlines outside strings and brackets, with their line numbers. */
export function statements(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let cur = "";
  let depth = 0;
  let quote = "";
  let line = 1;
  let start = 1;
  const push = () => {
    if (cur.trim()) out.push({ text: cur.trim(), line: start });
    cur = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "\n") line++;
    if (!cur.trim()) start = line;
    if (quote) {
      cur += c;
      if (c === "\\") cur += src[++i] ?? "";
      else if (src.startsWith(quote, i)) {
        cur += quote.slice(1);
        i += quote.length - 1;
        quote = "";
      }
      continue;
    }
    if (src.startsWith('"""', i) || src.startsWith("'''", i)) {
      quote = src.slice(i, i + 3);
      cur += quote;
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    if ((c === ";" || c === "\n") && depth <= 0) push();
    else cur += c;
  }
  push();
  return out;
}
