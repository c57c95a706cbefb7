/**
 * jq's language parsed to a tree (jq 1.6, src/lexer.l and src/parser.y): precedence from the
 * lowest, `|`, `,`, `//`, the assignments (`=`, `|=`, `+=`, ...), `or`, `and`, comparisons,
 * `+ -`, `* / %`, then postfix terms (`.a`, `.[e]`, `.[a:b]`, `.[]`, `?`). Syntax errors are
 * worded as jq's parser reports them.
 */

import type { J } from "./json";
import { JSON_ESCAPES } from "./json";

/** A jq expression. */
export type Node =
  | { t: "identity" }
  | { t: "recurse" }
  | { t: "literal"; value: J }
  | { t: "str"; parts: (string | Node)[]; format?: string }
  | { t: "format"; name: string }
  | { t: "index"; target: Node; key: Node }
  | { t: "slice"; target: Node; from?: Node; to?: Node }
  | { t: "iterate"; target: Node }
  | { t: "array"; body?: Node }
  | { t: "object"; entries: { key: Node; value: Node }[] }
  | { t: "neg"; body: Node }
  | { t: "pipe"; left: Node; right: Node }
  | { t: "comma"; left: Node; right: Node }
  | { t: "binop"; op: string; left: Node; right: Node }
  | { t: "and" | "or" | "alt"; left: Node; right: Node }
  | { t: "assign"; op: string; left: Node; right: Node }
  | { t: "if"; cond: Node; then: Node; else?: Node }
  | { t: "try"; body: Node; catch?: Node }
  | { t: "reduce"; source: Node; pattern: Pattern; init: Node; update: Node }
  | { t: "foreach"; source: Node; pattern: Pattern; init: Node; update: Node; extract?: Node }
  | { t: "as"; source: Node; pattern: Pattern; body: Node }
  | { t: "var"; name: string }
  | { t: "call"; name: string; args: Node[] }
  | { t: "def"; name: string; params: string[]; body: Node; rest: Node }
  | { t: "label"; name: string; body: Node }
  | { t: "break"; name: string };

/** A destructuring pattern of `as`: `$x`, `[$a, $b]`, `{name: $n, $x}`. */
export type Pattern =
  | { t: "var"; name: string }
  | { t: "array"; items: Pattern[] }
  | { t: "object"; entries: { key: Node; bind?: string; pattern?: Pattern }[] };

/** A program jq cannot compile: the message jq prints before `jq: 1 compile error`. */
export class JqSyntaxError extends Error {}

type Tok =
  | { k: "num"; v: number }
  | { k: "str"; parts: (string | { src: string })[] }
  | { k: "ident"; v: string }
  | { k: "field"; v: string }
  | { k: "var"; v: string }
  | { k: "format"; v: string }
  | { k: "op"; v: string }
  | { k: "eof" };

const OPS = [
  "?//=",
  "|=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "//=",
  "==",
  "!=",
  "<=",
  ">=",
  "//",
  "..",
  "?//",
  ".",
  "[",
  "]",
  "{",
  "}",
  "(",
  ")",
  "|",
  ",",
  ":",
  ";",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "?",
];

const KEYWORDS = new Set([
  "def",
  "as",
  "if",
  "then",
  "elif",
  "else",
  "end",
  "and",
  "or",
  "reduce",
  "foreach",
  "try",
  "catch",
  "label",
  "import",
  "include",
  "__loc__",
]);

/** The text after `\(` up to its matching `)`, skipping nested strings. */
function interpolation(src: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\") {
          if (src[i + 1] === "(") {
            i = interpolation(src, i + 2);
            continue;
          }
          i++;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")" && --depth === 0) return i + 1;
    i++;
  }
  throw new JqSyntaxError(
    "syntax error, unexpected $end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?)",
  );
}

/** Splits a program into tokens (src/lexer.l). */
function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const ident = /^[a-zA-Z_][a-zA-Z_0-9]*(::[a-zA-Z_][a-zA-Z_0-9]*)*/;
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
    const rest = src.slice(i);
    const num = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(rest);
    if (num) {
      out.push({ k: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      const parts: (string | { src: string })[] = [];
      let text = "";
      i++;
      for (;;) {
        if (i >= src.length)
          throw new JqSyntaxError(
            "syntax error, unexpected $end, expecting QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END (Unix shell quoting issues?)",
          );
        const d = src[i] as string;
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\") {
          const e = src[i + 1] as string;
          if (e === "(") {
            const end = interpolation(src, i + 2);
            if (text) parts.push(text);
            text = "";
            parts.push({ src: src.slice(i + 2, end - 1) });
            i = end;
            continue;
          }
          if (e === "u") {
            text += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (!(e in JSON_ESCAPES))
            throw new JqSyntaxError(`Invalid escape at line 1, column 4 (while parsing '"\\${e}"')`);
          text += JSON_ESCAPES[e];
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      if (text || !parts.length) parts.push(text);
      out.push({ k: "str", parts });
      continue;
    }
    if (c === "." && ident.test(src.slice(i + 1))) {
      const m = ident.exec(src.slice(i + 1)) as RegExpExecArray;
      out.push({ k: "field", v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === "$" && ident.test(src.slice(i + 1))) {
      const m = ident.exec(src.slice(i + 1)) as RegExpExecArray;
      out.push({ k: "var", v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    if (c === "@" && ident.test(src.slice(i + 1))) {
      const m = ident.exec(src.slice(i + 1)) as RegExpExecArray;
      out.push({ k: "format", v: m[0] });
      i += 1 + m[0].length;
      continue;
    }
    const id = ident.exec(rest);
    if (id) {
      out.push({ k: "ident", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op)
      throw new JqSyntaxError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?)`);
    out.push({ k: "op", v: op });
    i += op.length;
  }
  out.push({ k: "eof" });
  return out;
}

/** How bison names a token in `unexpected X`. */
function tokName(t: Tok): string {
  switch (t.k) {
    case "eof":
      return "$end";
    case "num":
      return "LITERAL";
    case "str":
      return "QQSTRING_START";
    case "field":
      return "FIELD";
    case "var":
      return "'$'";
    case "format":
      return "FORMAT";
    case "ident":
      return KEYWORDS.has(t.v) ? t.v : "IDENT";
    default: {
      const named: Record<string, string> = {
        "==": "EQ",
        "!=": "NEQ",
        "//": '"//"',
        "|=": "SETPIPE",
        "+=": "SETPLUS",
        "-=": "SETMINUS",
        "*=": "SETMULT",
        "/=": "SETDIV",
        "%=": "SETMOD",
        "//=": "SETDEFINEDOR",
        "<=": "LESSEQ",
        ">=": "GREATEREQ",
        "..": "REC",
      };
      return named[t.v] ?? `'${t.v}'`;
    }
  }
}

/** Parses a jq program; throws JqSyntaxError. */
export function parseProgram(src: string): Node {
  const p = new Parser(tokenize(src));
  const n = p.pipe();
  p.expectEnd();
  return n;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.k === "op" && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.k === "ident" && t.v === v;
  }
  private fail(): never {
    throw new JqSyntaxError(`syntax error, unexpected ${tokName(this.peek())} (Unix shell quoting issues?)`);
  }
  private op(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.i++;
  }
  private word(v: string): void {
    if (!this.isWord(v)) this.fail();
    this.i++;
  }

  /** After a whole program only the end may come (bison: `expecting $end`). */
  expectEnd(): void {
    if (this.peek().k !== "eof")
      throw new JqSyntaxError(
        `syntax error, unexpected ${tokName(this.peek())}, expecting $end (Unix shell quoting issues?)`,
      );
  }

  /** Pipe-level expression; noComma for object values. */
  pipe(noComma = false): Node {
    if (this.isWord("def")) {
      const d = this.def();
      return { ...d, rest: this.pipe(noComma) };
    }
    if (this.isWord("label")) {
      this.i++;
      const t = this.peek();
      if (t.k !== "var") this.fail();
      this.i++;
      this.op("|");
      return { t: "label", name: t.v, body: this.pipe(noComma) };
    }
    const save = this.i;
    // `TERM as $x | ...` is known only after the term: parse one ahead when an `as` follows at all.
    const term = this.asAhead() ? this.tryPostfix() : undefined;
    if (term && this.isWord("as")) {
      this.i++;
      const pattern = this.pattern();
      this.op("|");
      return { t: "as", source: term, pattern, body: this.pipe(noComma) };
    }
    this.i = save;
    const left = noComma ? this.alt() : this.comma();
    if (this.isOp("|")) {
      this.i++;
      return { t: "pipe", left, right: this.pipe(noComma) };
    }
    return left;
  }

  /** Whether an `as` keyword comes later in the program (else no term can start a binding). */
  private asAhead(): boolean {
    for (let j = this.i + 1; j < this.toks.length; j++) {
      const t = this.toks[j] as Tok;
      if (t.k === "ident" && t.v === "as") return true;
    }
    return false;
  }

  private tryPostfix(): Node | undefined {
    try {
      return this.postfix();
    } catch (e) {
      if (e instanceof JqSyntaxError) return undefined;
      throw e;
    }
  }

  private def(): { t: "def"; name: string; params: string[]; body: Node } {
    this.word("def");
    const t = this.peek();
    if (t.k !== "ident" || KEYWORDS.has(t.v)) this.fail();
    this.i++;
    const params: string[] = [];
    if (this.isOp("(")) {
      this.i++;
      for (;;) {
        const p = this.peek();
        if (p.k === "var") params.push(`$${p.v}`);
        else if (p.k === "ident") params.push(p.v);
        else this.fail();
        this.i++;
        if (this.isOp(";")) {
          this.i++;
          continue;
        }
        this.op(")");
        break;
      }
    }
    this.op(":");
    const body = this.pipe();
    this.op(";");
    return { t: "def", name: t.v, params, body };
  }

  private pattern(): Pattern {
    const t = this.peek();
    if (t.k === "var") {
      this.i++;
      return { t: "var", name: t.v };
    }
    if (this.isOp("[")) {
      this.i++;
      const items: Pattern[] = [];
      for (;;) {
        items.push(this.pattern());
        if (this.isOp(",")) {
          this.i++;
          continue;
        }
        this.op("]");
        return { t: "array", items };
      }
    }
    if (this.isOp("{")) {
      this.i++;
      const entries: { key: Node; bind?: string; pattern?: Pattern }[] = [];
      for (;;) {
        const k = this.peek();
        if (k.k === "var") {
          this.i++;
          const e: { key: Node; bind?: string; pattern?: Pattern } = {
            key: { t: "literal", value: k.v },
            bind: k.v,
          };
          if (this.isOp(":")) {
            this.i++;
            e.pattern = this.pattern();
          }
          entries.push(e);
        } else {
          let key: Node;
          if (k.k === "ident") {
            this.i++;
            key = { t: "literal", value: k.v };
          } else if (k.k === "str") {
            this.i++;
            key = this.strNode(k.parts);
          } else if (this.isOp("(")) {
            this.i++;
            key = this.pipe();
            this.op(")");
          } else return this.fail();
          this.op(":");
          entries.push({ key, pattern: this.pattern() });
        }
        if (this.isOp(",")) {
          this.i++;
          continue;
        }
        this.op("}");
        return { t: "object", entries };
      }
    }
    return this.fail();
  }

  private comma(): Node {
    let left = this.alt();
    while (this.isOp(",")) {
      this.i++;
      left = { t: "comma", left, right: this.alt() };
    }
    return left;
  }

  private alt(): Node {
    const left = this.assign();
    if (this.isOp("//")) {
      this.i++;
      return { t: "alt", left, right: this.alt() };
    }
    return left;
  }

  private assign(): Node {
    const left = this.or();
    const t = this.peek();
    if (t.k === "op" && ["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="].includes(t.v)) {
      this.i++;
      // The right side of an assignment takes `//` (nonassoc below it in parser.y's table).
      return { t: "assign", op: t.v, left, right: this.alt() };
    }
    return left;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord("or")) {
      this.i++;
      left = { t: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.cmp();
    while (this.isWord("and")) {
      this.i++;
      left = { t: "and", left, right: this.cmp() };
    }
    return left;
  }

  private cmp(): Node {
    const left = this.add();
    const t = this.peek();
    if (t.k === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.v)) {
      this.i++;
      const node: Node = { t: "binop", op: t.v, left, right: this.add() };
      const n = this.peek();
      if (n.k === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(n.v)) this.fail();
      return node;
    }
    return left;
  }

  private add(): Node {
    let left = this.mul();
    for (;;) {
      const t = this.peek();
      if (t.k === "op" && (t.v === "+" || t.v === "-")) {
        this.i++;
        left = { t: "binop", op: t.v, left, right: this.mul() };
      } else return left;
    }
  }

  private mul(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k === "op" && (t.v === "*" || t.v === "/" || t.v === "%")) {
        this.i++;
        left = { t: "binop", op: t.v, left, right: this.unary() };
      } else return left;
    }
  }

  private unary(): Node {
    if (this.isOp("-")) {
      this.i++;
      return { t: "neg", body: this.unary() };
    }
    return this.postfix();
  }

  /** A term with its suffixes: `.a`, `."a"`, `[e]`, `[a:b]`, `[]`, `?`. */
  private postfix(): Node {
    let n = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.k === "field") {
        this.i++;
        n = { t: "index", target: n, key: { t: "literal", value: t.v } };
        continue;
      }
      if (t.k === "op" && t.v === "." && this.toks[this.i + 1]?.k === "str") {
        this.i++;
        const s = this.peek() as Extract<Tok, { k: "str" }>;
        this.i++;
        n = { t: "index", target: n, key: this.strNode(s.parts) };
        continue;
      }
      if (
        t.k === "op" &&
        t.v === "." &&
        (this.toks[this.i + 1] as Tok).k === "op" &&
        (this.toks[this.i + 1] as { v: string }).v === "["
      ) {
        this.i++;
        continue;
      }
      if (t.k === "op" && t.v === "[") {
        n = this.bracket(n);
        continue;
      }
      if (t.k === "op" && t.v === "?") {
        this.i++;
        n = { t: "try", body: n };
        continue;
      }
      return n;
    }
  }

  private bracket(target: Node): Node {
    this.op("[");
    if (this.isOp("]")) {
      this.i++;
      return { t: "iterate", target };
    }
    if (this.isOp(":")) {
      this.i++;
      const to = this.pipe();
      this.op("]");
      return { t: "slice", target, to };
    }
    const key = this.pipe();
    if (this.isOp(":")) {
      this.i++;
      if (this.isOp("]")) {
        this.i++;
        return { t: "slice", target, from: key };
      }
      const to = this.pipe();
      this.op("]");
      return { t: "slice", target, from: key, to };
    }
    this.op("]");
    return { t: "index", target, key };
  }

  private strNode(parts: (string | { src: string })[], format?: string): Node {
    if (!format && parts.length === 1 && typeof parts[0] === "string")
      return { t: "literal", value: parts[0] };
    return { t: "str", parts: parts.map((p) => (typeof p === "string" ? p : parseProgram(p.src))), format };
  }

  private primary(): Node {
    const t = this.peek();
    switch (t.k) {
      case "num":
        this.i++;
        return { t: "literal", value: t.v };
      case "str":
        this.i++;
        return this.strNode(t.parts);
      case "format": {
        this.i++;
        const s = this.peek();
        if (s.k === "str") {
          this.i++;
          return this.strNode(s.parts, t.v);
        }
        return { t: "format", name: t.v };
      }
      case "field":
        this.i++;
        return { t: "index", target: { t: "identity" }, key: { t: "literal", value: t.v } };
      case "var":
        this.i++;
        if (t.v === "__loc__")
          return {
            t: "literal",
            value: new Map<string, J>([
              ["file", "<stdin>"],
              ["line", 1],
            ]),
          };
        return { t: "var", name: t.v };
      case "ident":
        return this.word_();
      case "op":
        return this.punct(t.v);
      default:
        return this.fail();
    }
  }

  private punct(v: string): Node {
    if (v === ".") {
      this.i++;
      const s = this.peek();
      if (s.k === "str") {
        this.i++;
        return { t: "index", target: { t: "identity" }, key: this.strNode(s.parts) };
      }
      return { t: "identity" };
    }
    if (v === "..") {
      this.i++;
      return { t: "recurse" };
    }
    if (v === "(") {
      this.i++;
      const n = this.pipe();
      this.op(")");
      return n;
    }
    if (v === "[") {
      this.i++;
      if (this.isOp("]")) {
        this.i++;
        return { t: "array" };
      }
      const body = this.pipe();
      this.op("]");
      return { t: "array", body };
    }
    if (v === "{") return this.object();
    return this.fail();
  }

  private object(): Node {
    this.op("{");
    const entries: { key: Node; value: Node }[] = [];
    if (this.isOp("}")) {
      this.i++;
      return { t: "object", entries };
    }
    for (;;) {
      const k = this.peek();
      let key: Node;
      let short: Node | undefined;
      if (k.k === "var") {
        this.i++;
        key = { t: "literal", value: k.v };
        short = { t: "var", name: k.v };
      } else if (k.k === "ident") {
        this.i++;
        key = { t: "literal", value: k.v };
        short = { t: "index", target: { t: "identity" }, key };
      } else if (k.k === "num") {
        this.i++;
        key = { t: "literal", value: k.v };
      } else if (k.k === "str" || k.k === "format") {
        this.i++;
        if (k.k === "format") {
          const s = this.peek();
          if (s.k !== "str") this.fail();
          this.i++;
          key = this.strNode(s.parts, k.v);
        } else key = this.strNode(k.parts);
        short = { t: "index", target: { t: "identity" }, key };
      } else if (this.isOp("(")) {
        this.i++;
        key = this.pipe();
        this.op(")");
      } else return this.fail();
      if (this.isOp(":")) {
        this.i++;
        entries.push({ key, value: this.objectValue() });
      } else {
        if (!short) this.fail();
        entries.push({ key, value: short as Node });
      }
      if (this.isOp(",")) {
        this.i++;
        continue;
      }
      this.op("}");
      return { t: "object", entries };
    }
  }

  /** ExpD: terms joined by `|`, or a negation (parser.y's ObjVal). */
  private objectValue(): Node {
    const left = this.postfixOrUnary();
    if (this.isOp("|")) {
      this.i++;
      return { t: "pipe", left, right: this.objectValue() };
    }
    return left;
  }

  private word_(): Node {
    const t = this.peek() as { k: "ident"; v: string };
    switch (t.v) {
      case "if":
        return this.ifNode();
      case "try": {
        this.i++;
        const body = this.postfixOrUnary();
        if (this.isWord("catch")) {
          this.i++;
          return { t: "try", body, catch: this.postfixOrUnary() };
        }
        return { t: "try", body };
      }
      case "reduce": {
        this.i++;
        const source = this.postfix();
        this.word("as");
        const pattern = this.pattern();
        this.op("(");
        const init = this.pipe();
        this.op(";");
        const update = this.pipe();
        this.op(")");
        return { t: "reduce", source, pattern, init, update };
      }
      case "foreach": {
        this.i++;
        const source = this.postfix();
        this.word("as");
        const pattern = this.pattern();
        this.op("(");
        const init = this.pipe();
        this.op(";");
        const update = this.pipe();
        let extract: Node | undefined;
        if (this.isOp(";")) {
          this.i++;
          extract = this.pipe();
        }
        this.op(")");
        return { t: "foreach", source, pattern, init, update, extract };
      }
      case "def": {
        const d = this.def();
        return { ...d, rest: this.pipe() };
      }
      case "break": {
        this.i++;
        const v = this.peek();
        if (v.k !== "var") this.fail();
        this.i++;
        return { t: "break", name: (v as { v: string }).v };
      }
      default:
        break;
    }
    if (KEYWORDS.has(t.v)) this.fail();
    this.i++;
    if (t.v === "true" || t.v === "false" || t.v === "null")
      return { t: "literal", value: t.v === "null" ? null : t.v === "true" };
    const args: Node[] = [];
    if (this.isOp("(")) {
      this.i++;
      for (;;) {
        args.push(this.pipe());
        if (this.isOp(";")) {
          this.i++;
          continue;
        }
        this.op(")");
        break;
      }
    }
    return { t: "call", name: t.v, args };
  }

  private postfixOrUnary(): Node {
    if (!this.isOp("-")) return this.postfix();
    this.i++;
    return { t: "neg", body: this.postfix() };
  }

  /** `if c then a (elif c then a)* (else b)? end`; jq 1.6 requires the else. */
  private ifNode(keyword = "if"): Node {
    this.word(keyword);
    const cond = this.pipe();
    this.word("then");
    const then = this.pipe();
    if (this.isWord("elif")) {
      // `elif` is an `if` nested in the else branch, sharing the final `end`.
      const nested = this.ifNode("elif");
      return { t: "if", cond, then, else: nested };
    }
    if (this.isWord("else")) {
      this.i++;
      const other = this.pipe();
      this.word("end");
      return { t: "if", cond, then, else: other };
    }
    if (!ALLOW_IF_WITHOUT_ELSE) this.fail();
    this.word("end");
    return { t: "if", cond, then };
  }
}

/** jq 1.7 allows `if c then a end`; jq 1.6 (Ubuntu 22.04's) reports a syntax error. */
export const ALLOW_IF_WITHOUT_ELSE = false;
