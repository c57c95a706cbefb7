/**
 * A tokenizer and parser for the JavaScript the simulated node runs (ECMAScript's grammar, the
 * subset scripts use): var/let/const with destructuring-free bindings, functions and arrow
 * functions, if/for/for-of/for-in/while/do, return/break/continue, try/catch/finally, throw,
 * object and array literals with spread, template literals, optional chaining, the operator
 * precedence table of MDN's "Operator precedence". Classes, generators, async and regex
 * literals are beyond it (Unsupported).
 */
import { Unsupported } from "../expr";

/** A JavaScript syntax tree node (a subset of ESTree, short names). */
export type JsNode =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "tmpl"; quasis: string[]; exprs: JsNode[] }
  | { t: "id"; n: string }
  | { t: "lit"; v: null | undefined | boolean }
  | { t: "this" }
  | { t: "arr"; items: JsNode[] }
  | { t: "obj"; props: { key: string | JsNode; v: JsNode; spread?: boolean }[] }
  | {
      t: "fn";
      name?: string;
      params: { name: string; def?: JsNode; rest?: boolean }[];
      body: JsNode[] | JsNode;
      arrow: boolean;
    }
  | { t: "un"; op: string; e: JsNode }
  | { t: "upd"; op: string; prefix: boolean; e: JsNode }
  | { t: "bin"; op: string; l: JsNode; r: JsNode }
  | { t: "assign"; op: string; target: JsNode; v: JsNode }
  | { t: "cond"; c: JsNode; a: JsNode; b: JsNode }
  | { t: "call"; f: JsNode; args: JsNode[]; optional?: boolean }
  | { t: "new"; f: JsNode; args: JsNode[] }
  | { t: "member"; e: JsNode; p: JsNode | string; optional?: boolean }
  | { t: "spread"; e: JsNode }
  | { t: "seq"; items: JsNode[] }
  // statements
  | { t: "var"; kind: string; decls: { name: string; init?: JsNode }[] }
  | { t: "expr"; e: JsNode }
  | { t: "block"; body: JsNode[] }
  | { t: "if"; c: JsNode; a: JsNode; b?: JsNode }
  | { t: "for"; init?: JsNode; c?: JsNode; step?: JsNode; body: JsNode }
  | { t: "forof"; of: boolean; kind: string; name: string; iter: JsNode; body: JsNode }
  | { t: "while"; c: JsNode; body: JsNode; doWhile?: boolean }
  | { t: "return"; e?: JsNode }
  | { t: "break" | "continue" | "empty" }
  | { t: "throw"; e: JsNode }
  | { t: "try"; body: JsNode[]; param?: string; handler?: JsNode[]; final?: JsNode[] };

/** A statement with its 1-based line. */
export type JsStmt = JsNode & { line?: number };

/** A SyntaxError as node reports it. */
export class JsSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

interface Tok {
  k: "num" | "str" | "tmpl" | "id" | "op" | "end";
  v: string;
  line: number;
  /** A newline came before this token (for automatic semicolon insertion). */
  nl: boolean;
  parts?: { quasis: string[]; exprs: string[] };
}

const PUNCT = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

const ESC: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

function unescapeJs(s: string): string {
  return s.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|[\s\S])/g, (_m, e: string) => {
    if (e.startsWith("u{")) return String.fromCodePoint(Number.parseInt(e.slice(2, -1), 16));
    if (e[0] === "u" && e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e[0] === "x" && e.length === 3) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e === "\n" || e === "\r\n") return "";
    return ESC[e] ?? e;
  });
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  let nl = false;
  const push = (k: Tok["k"], v: string, extra: Partial<Tok> = {}) => {
    out.push({ k, v, line, nl, ...extra });
    nl = false;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      line++;
      nl = true;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith("//", i)) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) throw new JsSyntaxError("Invalid or unexpected token", line);
      line += src.slice(i, end).split("\n").length - 1;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\n") throw new JsSyntaxError("Invalid or unexpected token", line);
        if (src[j] === "\\") {
          text += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new JsSyntaxError("Invalid or unexpected token", line);
      push("str", unescapeJs(text));
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const quasis: string[] = [];
      const exprs: string[] = [];
      let j = i + 1;
      let text = "";
      const startLine = line;
      while (j < src.length && src[j] !== "`") {
        if (src[j] === "\\") {
          text += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (src[j] === "\n") line++;
        if (src.startsWith("${", j)) {
          let depth = 1;
          let k = j + 2;
          let q = "";
          while (k < src.length && depth > 0) {
            const ch = src[k] as string;
            if (q) {
              if (ch === "\\") k++;
              else if (ch === q) q = "";
            } else if (ch === '"' || ch === "'" || ch === "`") q = ch;
            else if (ch === "{") depth++;
            else if (ch === "}") depth--;
            k++;
          }
          quasis.push(unescapeJs(text));
          text = "";
          exprs.push(src.slice(j + 2, k - 1));
          j = k;
          continue;
        }
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new JsSyntaxError("Unterminated template literal", startLine);
      quasis.push(unescapeJs(text));
      out.push({ k: "tmpl", v: "", line: startLine, nl, parts: { quasis, exprs } });
      nl = false;
      i = j + 1;
      continue;
    }
    const num =
      /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(n?)/.exec(
        src.slice(i),
      );
    if (num && (/\d/.test(c) || (c === "." && /\d/.test(src[i + 1] ?? "")))) {
      if (num[2]) throw new Unsupported("BigInt literals");
      push("num", (num[1] as string).replace(/_/g, ""));
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (id) {
      push("id", id[0]);
      i += id[0].length;
      continue;
    }
    if (c === "/") {
      // A regular expression literal where an operand is expected.
      const prev = out[out.length - 1];
      const operand =
        !prev ||
        (prev.k === "op" && !")]}".includes(prev.v)) ||
        (prev.k === "id" && ["return", "typeof", "case"].includes(prev.v));
      if (operand) throw new Unsupported("regular expressions");
    }
    const p =
      PUNCT.find((x) => src.startsWith(x, i)) ?? ("{}()[];,.<>+-*/%&|^!~?:=@#".includes(c) ? c : undefined);
    if (!p) throw new JsSyntaxError("Invalid or unexpected token", line);
    // `?.` followed by a digit is the conditional operator and a number.
    const op = p === "?." && /\d/.test(src[i + 2] ?? "") ? "?" : p;
    push("op", op);
    i += op.length;
  }
  push("end", "");
  return out;
}

const BINARY: Record<string, number> = {
  "??": 1,
  "||": 2,
  "&&": 3,
  "|": 4,
  "^": 5,
  "&": 6,
  "==": 7,
  "!=": 7,
  "===": 7,
  "!==": 7,
  "<": 8,
  ">": 8,
  "<=": 8,
  ">=": 8,
  instanceof: 8,
  in: 8,
  "<<": 9,
  ">>": 9,
  ">>>": 9,
  "+": 10,
  "-": 10,
  "*": 11,
  "/": 11,
  "%": 11,
  "**": 12,
};

const ASSIGN = [
  "=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "**=",
  "<<=",
  ">>=",
  ">>>=",
  "&=",
  "|=",
  "^=",
  "&&=",
  "||=",
  "??=",
];

/** Parses a script into statements. */
export function parseScript(src: string): JsStmt[] {
  const p = new JsParser(tokenize(src.replace(/^#!.*/, "")));
  const out: JsStmt[] = [];
  while (!p.done()) out.push(p.statement());
  return out;
}

class JsParser {
  private i = 0;
  private noIn = false;
  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.i] as Tok;
  }
  done(): boolean {
    return this.tok.k === "end";
  }
  private is(v: string): boolean {
    const t = this.tok;
    return (t.k === "op" || t.k === "id") && t.v === v;
  }
  private eat(v: string): boolean {
    if (!this.is(v)) return false;
    this.i++;
    return true;
  }
  private fail(): never {
    const t = this.tok;
    throw new JsSyntaxError(
      t.k === "end"
        ? "Unexpected end of input"
        : t.k === "id"
          ? `Unexpected identifier '${t.v}'`
          : t.k === "num"
            ? "Unexpected number"
            : t.k === "str"
              ? "Unexpected string"
              : `Unexpected token '${t.v}'`,
      t.line,
    );
  }
  private expect(v: string): void {
    if (!this.eat(v)) this.fail();
  }
  private ident(): string {
    const t = this.tok;
    if (t.k !== "id") this.fail();
    this.i++;
    return t.v;
  }
  private semi(): void {
    if (this.eat(";")) return;
    if (this.is("}") || this.tok.k === "end" || this.tok.nl) return;
    this.fail();
  }

  statement(): JsStmt {
    const t = this.tok;
    const line = t.line;
    const s = this.stmt();
    return { ...s, line } as JsStmt;
  }

  private stmt(): JsNode {
    const t = this.tok;
    if (t.k === "op" && t.v === "{") return { t: "block", body: this.block() };
    if (t.k === "op" && t.v === ";") {
      this.i++;
      return { t: "empty" };
    }
    if (t.k === "id")
      switch (t.v) {
        case "var":
        case "let":
        case "const": {
          const d = this.varDecl();
          this.semi();
          return d;
        }
        case "function": {
          this.i++;
          if (this.is("*")) throw new Unsupported("generators");
          const name = this.ident();
          const f = this.fnRest(name);
          return { t: "var", kind: "function", decls: [{ name, init: f }] };
        }
        case "if": {
          this.i++;
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          const a = this.statement();
          const b = this.eat("else") ? this.statement() : undefined;
          return b ? { t: "if", c, a, b } : { t: "if", c, a };
        }
        case "for": {
          this.i++;
          if (this.is("await")) throw new Unsupported("for await");
          this.expect("(");
          if (
            (this.is("const") || this.is("let") || this.is("var")) &&
            this.toks[this.i + 1]?.k === "id" &&
            ["of", "in"].includes(this.toks[this.i + 2]?.v ?? "")
          ) {
            const kind = this.tok.v;
            this.i++;
            const name = this.ident();
            const of = this.tok.v === "of";
            this.i++;
            const iter = this.expr();
            this.expect(")");
            return { t: "forof", of, kind, name, iter, body: this.statement() };
          }
          let init: JsNode | undefined;
          if (!this.is(";")) {
            this.noIn = true;
            init =
              this.is("var") || this.is("let") || this.is("const")
                ? this.varDecl()
                : { t: "expr", e: this.expr() };
            this.noIn = false;
          }
          this.expect(";");
          const c = this.is(";") ? undefined : this.expr();
          this.expect(";");
          const step = this.is(")") ? undefined : this.expr();
          this.expect(")");
          const body = this.statement();
          const node: JsNode = { t: "for", body };
          if (init) node.init = init;
          if (c) node.c = c;
          if (step) node.step = step;
          return node;
        }
        case "while": {
          this.i++;
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          return { t: "while", c, body: this.statement() };
        }
        case "do": {
          this.i++;
          const body = this.statement();
          this.expect("while");
          this.expect("(");
          const c = this.expr();
          this.expect(")");
          this.eat(";");
          return { t: "while", c, body, doWhile: true };
        }
        case "return": {
          this.i++;
          if (this.is(";") || this.is("}") || this.tok.nl || this.done()) {
            this.eat(";");
            return { t: "return" };
          }
          const e = this.expr();
          this.semi();
          return { t: "return", e };
        }
        case "break":
        case "continue":
          this.i++;
          this.semi();
          return { t: t.v };
        case "throw": {
          this.i++;
          const e = this.expr();
          this.semi();
          return { t: "throw", e };
        }
        case "try": {
          this.i++;
          const body = this.block();
          const node: JsNode = { t: "try", body };
          if (this.eat("catch")) {
            if (this.eat("(")) {
              node.param = this.ident();
              this.expect(")");
            }
            node.handler = this.block();
          }
          if (this.eat("finally")) node.final = this.block();
          if (!node.handler && !node.final) this.fail();
          return node;
        }
        case "class":
        case "async":
        case "import":
        case "export":
        case "switch":
        case "with":
        case "label":
          if (
            t.v !== "async" ||
            this.toks[this.i + 1]?.v === "function" ||
            this.toks[this.i + 1]?.k === "id" ||
            this.toks[this.i + 1]?.v === "("
          )
            throw new Unsupported(t.v);
      }
    const e = this.expr();
    this.semi();
    return { t: "expr", e };
  }

  private block(): JsNode[] {
    this.expect("{");
    const body: JsNode[] = [];
    while (!this.eat("}")) {
      if (this.done()) this.fail();
      body.push(this.statement());
    }
    return body;
  }

  private varDecl(): JsNode {
    const kind = this.tok.v;
    this.i++;
    const decls: { name: string; init?: JsNode }[] = [];
    do {
      if (this.is("{") || this.is("[")) throw new Unsupported("destructuring");
      const name = this.ident();
      if (this.eat("=")) decls.push({ name, init: this.assign() });
      else {
        if (kind === "const")
          throw new JsSyntaxError("Missing initializer in const declaration", this.tok.line);
        decls.push({ name });
      }
    } while (this.eat(","));
    return { t: "var", kind, decls };
  }

  private params(): { name: string; def?: JsNode; rest?: boolean }[] {
    this.expect("(");
    const out: { name: string; def?: JsNode; rest?: boolean }[] = [];
    while (!this.eat(")")) {
      if (this.is("{") || this.is("[")) throw new Unsupported("destructuring parameters");
      const rest = this.eat("...");
      const name = this.ident();
      const p: { name: string; def?: JsNode; rest?: boolean } = { name };
      if (rest) p.rest = true;
      if (this.eat("=")) p.def = this.assign();
      out.push(p);
      if (!this.is(")")) this.expect(",");
    }
    return out;
  }

  private fnRest(name?: string): JsNode {
    const params = this.params();
    const body = this.block();
    return name ? { t: "fn", name, params, body, arrow: false } : { t: "fn", params, body, arrow: false };
  }

  expr(): JsNode {
    const first = this.assign();
    if (!this.is(",")) return first;
    const items = [first];
    while (this.eat(",")) items.push(this.assign());
    return { t: "seq", items };
  }

  private isArrow(): boolean {
    const t = this.tok;
    if (t.k === "id" && this.toks[this.i + 1]?.v === "=>") return true;
    if (
      t.k === "id" &&
      t.v === "async" &&
      this.toks[this.i + 1]?.k === "id" &&
      this.toks[this.i + 2]?.v === "=>"
    )
      throw new Unsupported("async");
    if (!(t.k === "op" && t.v === "(")) return false;
    let depth = 0;
    for (let j = this.i; j < this.toks.length; j++) {
      const v = (this.toks[j] as Tok).v;
      const k = (this.toks[j] as Tok).k;
      if (k === "op" && "([{".includes(v)) depth++;
      else if (k === "op" && ")]}".includes(v)) {
        depth--;
        if (depth === 0) return this.toks[j + 1]?.v === "=>";
      }
      if (k === "end") return false;
    }
    return false;
  }

  private assign(): JsNode {
    if (this.isArrow()) {
      const params = this.tok.k === "id" ? [{ name: this.ident() }] : this.params();
      this.expect("=>");
      if (this.is("{")) return { t: "fn", params, body: this.block(), arrow: true };
      return { t: "fn", params, body: this.assign(), arrow: true };
    }
    const left = this.conditional();
    const op = ASSIGN.find((a) => this.tok.k === "op" && this.tok.v === a);
    if (op) {
      if (!(left.t === "id" || left.t === "member"))
        throw new JsSyntaxError("Invalid left-hand side in assignment", this.tok.line);
      this.i++;
      return { t: "assign", op, target: left, v: this.assign() };
    }
    return left;
  }

  private conditional(): JsNode {
    const c = this.binary(0);
    if (!this.eat("?")) return c;
    const saved = this.noIn;
    this.noIn = false;
    const a = this.assign();
    this.noIn = saved;
    this.expect(":");
    return { t: "cond", c, a, b: this.assign() };
  }

  private binary(min: number): JsNode {
    let l = this.unary();
    for (;;) {
      const t = this.tok;
      const op =
        t.k === "op" || (t.k === "id" && (t.v === "instanceof" || (t.v === "in" && !this.noIn)))
          ? t.v
          : undefined;
      const power = op === undefined ? undefined : BINARY[op];
      if (op === undefined || power === undefined || power <= min) return l;
      this.i++;
      const r = op === "**" ? this.binary(power - 1) : this.binary(power);
      l = { t: "bin", op, l, r };
    }
  }

  private unary(): JsNode {
    const t = this.tok;
    if (t.k === "op" && ["!", "-", "+", "~"].includes(t.v)) {
      this.i++;
      return { t: "un", op: t.v, e: this.unary() };
    }
    if (t.k === "op" && (t.v === "++" || t.v === "--")) {
      this.i++;
      return { t: "upd", op: t.v, prefix: true, e: this.unary() };
    }
    if (t.k === "id" && (t.v === "typeof" || t.v === "void" || t.v === "delete")) {
      this.i++;
      return { t: "un", op: t.v, e: this.unary() };
    }
    if (t.k === "id" && t.v === "await") throw new Unsupported("await");
    const e = this.postfix();
    if (this.tok.k === "op" && (this.tok.v === "++" || this.tok.v === "--") && !this.tok.nl) {
      const op = this.tok.v;
      this.i++;
      return { t: "upd", op, prefix: false, e };
    }
    return e;
  }

  private postfix(): JsNode {
    let e: JsNode;
    if (this.eat("new")) {
      const f = this.primaryOnly();
      let callee: JsNode = f;
      while (this.eat(".")) callee = { t: "member", e: callee, p: this.ident() };
      const args = this.is("(") ? this.args() : [];
      e = { t: "new", f: callee, args };
    } else e = this.primaryOnly();
    for (;;) {
      if (this.eat(".")) e = { t: "member", e, p: this.ident() };
      else if (this.eat("?.")) {
        if (this.is("(")) e = { t: "call", f: e, args: this.args(), optional: true };
        else if (this.eat("[")) {
          const p = this.expr();
          this.expect("]");
          e = { t: "member", e, p, optional: true };
        } else e = { t: "member", e, p: this.ident(), optional: true };
      } else if (this.is("[")) {
        this.i++;
        const p = this.expr();
        this.expect("]");
        e = { t: "member", e, p };
      } else if (this.is("(")) e = { t: "call", f: e, args: this.args() };
      else if (this.tok.k === "tmpl") throw new Unsupported("tagged templates");
      else return e;
    }
  }

  private args(): JsNode[] {
    this.expect("(");
    const out: JsNode[] = [];
    while (!this.eat(")")) {
      out.push(this.eat("...") ? { t: "spread", e: this.assign() } : this.assign());
      if (!this.is(")")) this.expect(",");
    }
    return out;
  }

  private primaryOnly(): JsNode {
    const t = this.tok;
    this.i++;
    switch (t.k) {
      case "num":
        return { t: "num", v: Number(t.v) };
      case "str":
        return { t: "str", v: t.v };
      case "tmpl": {
        const parts = t.parts as { quasis: string[]; exprs: string[] };
        return {
          t: "tmpl",
          quasis: parts.quasis,
          exprs: parts.exprs.map((x) => {
            const p = new JsParser(tokenize(x));
            const e = p.expr();
            if (!p.done()) p.fail();
            return e;
          }),
        };
      }
      case "id":
        switch (t.v) {
          case "true":
            return { t: "lit", v: true };
          case "false":
            return { t: "lit", v: false };
          case "null":
            return { t: "lit", v: null };
          case "undefined":
            return { t: "lit", v: undefined };
          case "this":
            return { t: "this" };
          case "function": {
            if (this.is("*")) throw new Unsupported("generators");
            const name = this.tok.k === "id" ? this.ident() : undefined;
            return this.fnRest(name);
          }
          case "class":
          case "async":
          case "yield":
          case "super":
          case "import":
            throw new Unsupported(t.v);
        }
        return { t: "id", n: t.v };
      case "op":
        if (t.v === "(") {
          const e = this.expr();
          this.expect(")");
          return e;
        }
        if (t.v === "[") {
          const items: JsNode[] = [];
          while (!this.eat("]")) {
            if (this.is(",")) {
              this.i++;
              items.push({ t: "lit", v: undefined });
              continue;
            }
            items.push(this.eat("...") ? { t: "spread", e: this.assign() } : this.assign());
            if (!this.is("]")) this.expect(",");
          }
          return { t: "arr", items };
        }
        if (t.v === "{") {
          const props: { key: string | JsNode; v: JsNode; spread?: boolean }[] = [];
          while (!this.eat("}")) {
            if (this.eat("...")) props.push({ key: "", v: this.assign(), spread: true });
            else {
              const k = this.tok;
              let key: string | JsNode;
              if (k.k === "id" || k.k === "str") {
                key = k.v;
                this.i++;
              } else if (k.k === "num") {
                key = String(Number(k.v));
                this.i++;
              } else if (this.eat("[")) {
                key = this.assign();
                this.expect("]");
              } else this.fail();
              if (this.is("("))
                props.push({ key, v: this.fnRest(typeof key === "string" ? key : undefined) });
              else if (this.eat(":")) props.push({ key, v: this.assign() });
              else if (typeof key === "string" && k.k === "id") props.push({ key, v: { t: "id", n: key } });
              else this.fail();
            }
            if (!this.is("}")) this.expect(",");
          }
          return { t: "obj", props };
        }
    }
    this.i--;
    this.fail();
  }
}
