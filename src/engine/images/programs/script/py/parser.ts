/**
 * A recursive-descent parser for the simulated python, following CPython's Grammar/python.gram
 * precedence: lambda, if-else, or, and, not, comparisons (chained), |, ^, &, shifts, + -,
 * * / // % @, unary, **, await-less primaries (calls, attributes, subscripts, slices). Statements:
 * simple ones joined by `;`, and compound ones with indented or same-line suites. `class`,
 * `async`, decorators and `match` are beyond it (Unsupported).
 */
import { Unsupported } from "../expr";
import type { Arg, CompFor, Expr, FField, Handler, Param, Stmt } from "./ast";
import { decodeEscapes, PySyntaxError, type Tok, tokenize } from "./lexer";

const COMPARE = ["<", ">", "==", ">=", "<=", "!="];
const AUG = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>="];

/** Parses a module: its statements. Throws PySyntaxError or Unsupported. */
export function parseModule(src: string): Stmt[] {
  const p = new Parser(tokenize(src));
  const body: Stmt[] = [];
  while (!p.at("end")) body.push(...p.statement());
  return body;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.i] as Tok;
  }

  at(k: Tok["k"], v?: string): boolean {
    const t = this.tok;
    return t.k === k && (v === undefined || t.v === v);
  }

  private op(v: string): boolean {
    return this.at("op", v);
  }

  private kw(v: string): boolean {
    return this.at("name", v);
  }

  private eat(k: Tok["k"], v?: string): Tok | undefined {
    if (!this.at(k, v)) return undefined;
    return this.toks[this.i++];
  }

  private expect(k: Tok["k"], v?: string): Tok {
    const t = this.eat(k, v);
    if (!t) {
      const got = this.tok;
      if (got.k === "indent") throw new PySyntaxError("unexpected indent", got.line);
      if (v === ":" || k === "indent")
        throw new PySyntaxError(k === "indent" ? "expected an indented block" : "expected ':'", got.line);
      throw new PySyntaxError("invalid syntax", got.line);
    }
    return t;
  }

  private name(): string {
    const t = this.tok;
    if (t.k !== "name") throw new PySyntaxError("invalid syntax", t.line);
    this.i++;
    return t.v;
  }

  /** One logical line (simple statements joined by `;`) or one compound statement. */
  statement(): Stmt[] {
    const t = this.tok;
    const line = t.line;
    if (t.k === "indent") throw new PySyntaxError("unexpected indent", line);
    if (t.k === "name") {
      switch (t.v) {
        case "if":
          return [this.ifStmt()];
        case "while": {
          this.i++;
          const c = this.namedExpr();
          const body = this.suite();
          const orelse = this.elseSuite();
          return [{ t: "while", c, body, orelse, line }];
        }
        case "for": {
          this.i++;
          const target = this.targetList();
          this.expect("name", "in");
          const iter = this.exprList();
          const body = this.suite();
          const orelse = this.elseSuite();
          return [{ t: "for", target, iter, body, orelse, line }];
        }
        case "def": {
          this.i++;
          const name = this.name();
          this.expect("op", "(");
          const params = this.params(")");
          this.expect("op", ")");
          if (this.eat("op", "->")) this.expr();
          return [{ t: "def", name, params, body: this.suite(), line }];
        }
        case "try":
          return [this.tryStmt()];
        case "with": {
          this.i++;
          const items: { e: Expr; as?: Expr }[] = [];
          do {
            const e = this.expr();
            items.push(this.eat("name", "as") ? { e, as: this.target() } : { e });
          } while (this.eat("op", ","));
          return [{ t: "with", items, body: this.suite(), line }];
        }
        case "class": {
          this.i++;
          const name = this.name();
          const bases: Expr[] = [];
          if (this.eat("op", "(")) {
            while (!this.op(")")) {
              if (this.at("name") && this.toks[this.i + 1]?.v === "=") throw new Unsupported("metaclasses");
              bases.push(this.expr());
              if (!this.eat("op", ",")) break;
            }
            this.expect("op", ")");
          }
          return [{ t: "class", name, bases, body: this.suite(), line }];
        }
        case "async":
        case "match":
          if (t.v !== "match" || this.toks[this.i + 1]?.k === "name")
            throw new Unsupported(`${t.v} statements`);
      }
    }
    if (this.op("@")) throw new Unsupported("decorators");
    const out: Stmt[] = [this.simple()];
    while (this.eat("op", ";")) {
      if (this.at("nl")) break;
      out.push(this.simple());
    }
    if (!this.eat("nl") && !this.at("end")) throw new PySyntaxError("invalid syntax", this.tok.line);
    return out;
  }

  private ifStmt(): Stmt {
    const line = this.tok.line;
    this.i++;
    const c = this.namedExpr();
    const body = this.suite();
    let orelse: Stmt[] = [];
    if (this.kw("elif")) orelse = [this.ifStmt()];
    else orelse = this.elseSuite();
    return { t: "if", c, body, orelse, line };
  }

  private elseSuite(): Stmt[] {
    if (!this.eat("name", "else")) return [];
    return this.suite();
  }

  private tryStmt(): Stmt {
    const line = this.tok.line;
    this.i++;
    const body = this.suite();
    const handlers: Handler[] = [];
    while (this.kw("except")) {
      const hl = this.tok.line;
      this.i++;
      if (this.op(":")) {
        handlers.push({ body: this.suite(), line: hl });
        continue;
      }
      const type = this.expr();
      const name = this.eat("name", "as") ? this.name() : undefined;
      handlers.push({ type, name, body: this.suite(), line: hl });
    }
    const orelse = this.elseSuite();
    const final = this.eat("name", "finally") ? this.suite() : [];
    if (!handlers.length && !final.length)
      throw new PySyntaxError("expected 'except' or 'finally' block", this.tok.line);
    return { t: "try", body, handlers, orelse, final, line };
  }

  /** `: NEWLINE INDENT stmts DEDENT` or `: simple; simple NEWLINE`. */
  private suite(): Stmt[] {
    this.expect("op", ":");
    if (this.eat("nl")) {
      if (!this.at("indent")) throw new PySyntaxError("expected an indented block", this.tok.line);
      this.i++;
      const body: Stmt[] = [];
      while (!this.eat("dedent")) {
        if (this.at("end")) break;
        body.push(...this.statement());
      }
      return body;
    }
    const out: Stmt[] = [this.simple()];
    while (this.eat("op", ";")) {
      if (this.at("nl")) break;
      out.push(this.simple());
    }
    if (!this.eat("nl") && !this.at("end")) throw new PySyntaxError("invalid syntax", this.tok.line);
    return out;
  }

  private simple(): Stmt {
    const t = this.tok;
    const line = t.line;
    if (t.k === "name") {
      switch (t.v) {
        case "pass":
        case "break":
        case "continue":
          this.i++;
          return { t: t.v, line };
        case "return": {
          this.i++;
          if (this.at("nl") || this.op(";") || this.at("end")) return { t: "return", line };
          return { t: "return", e: this.exprList(), line };
        }
        case "import": {
          this.i++;
          const names: [string, string | undefined][] = [];
          do {
            const dotted = this.dotted();
            names.push([dotted, this.eat("name", "as") ? this.name() : undefined]);
          } while (this.eat("op", ","));
          return { t: "import", names, line };
        }
        case "from": {
          this.i++;
          const module = this.dotted();
          this.expect("name", "import");
          const paren = !!this.eat("op", "(");
          const names: [string, string | undefined][] = [];
          if (this.eat("op", "*")) throw new Unsupported("import *");
          do {
            if (paren && this.op(")")) break;
            const n = this.name();
            names.push([n, this.eat("name", "as") ? this.name() : undefined]);
          } while (this.eat("op", ","));
          if (paren) this.expect("op", ")");
          return { t: "from", module, names, line };
        }
        case "raise": {
          this.i++;
          if (this.at("nl") || this.op(";") || this.at("end")) return { t: "raise", line };
          const e = this.expr();
          return this.eat("name", "from")
            ? { t: "raise", e, cause: this.expr(), line }
            : { t: "raise", e, line };
        }
        case "global":
        case "nonlocal": {
          this.i++;
          const names = [this.name()];
          while (this.eat("op", ",")) names.push(this.name());
          return { t: t.v, names, line };
        }
        case "del": {
          this.i++;
          const targets = [this.target()];
          while (this.eat("op", ",")) targets.push(this.target());
          return { t: "del", targets, line };
        }
        case "assert": {
          this.i++;
          const c = this.expr();
          return this.eat("op", ",") ? { t: "assert", c, msg: this.expr(), line } : { t: "assert", c, line };
        }
      }
    }
    const first = this.starExprList();
    if (this.op(":")) {
      // An annotated assignment: `x: int = 1`.
      this.i++;
      this.expr();
      if (this.eat("op", "=")) return { t: "assign", targets: [first], v: this.starExprList(), line };
      return { t: "pass", line };
    }
    const aug = AUG.find((a) => this.op(a));
    if (aug) {
      this.i++;
      return { t: "aug", target: first, op: aug.slice(0, -1), v: this.exprList(), line };
    }
    if (this.op("=")) {
      const targets = [first];
      let v = first;
      while (this.eat("op", "=")) {
        v = this.starExprList();
        targets.push(v);
      }
      targets.pop();
      for (const tg of targets) checkTarget(tg, line);
      return { t: "assign", targets, v, line };
    }
    return { t: "expr", e: first, line };
  }

  private dotted(): string {
    let n = this.name();
    while (this.eat("op", ".")) n += `.${this.name()}`;
    return n;
  }

  private params(close: string): Param[] {
    const out: Param[] = [];
    while (!this.op(close)) {
      if (this.eat("op", "**")) out.push({ name: this.name(), kind: "dstar" });
      else if (this.eat("op", "*")) {
        if (this.op(",")) {
          // A bare `*`: the rest are keyword-only; treated as plain parameters.
        } else out.push({ name: this.name(), kind: "star" });
      } else if (this.eat("op", "/")) {
        // Positional-only marker.
      } else {
        const name = this.name();
        if (close === ")" && this.eat("op", ":")) this.expr();
        out.push(this.eat("op", "=") ? { name, kind: "pos", def: this.expr() } : { name, kind: "pos" });
      }
      if (!this.eat("op", ",")) break;
    }
    return out;
  }

  /** A for-loop or assignment target list: `a`, `a, b`, `(a, b)`. */
  private targetList(): Expr {
    const first = this.target();
    if (!this.op(",")) return first;
    const items = [first];
    while (this.eat("op", ",")) {
      if (this.kw("in") || this.op("=")) break;
      items.push(this.target());
    }
    return { t: "tuple", items };
  }

  private target(): Expr {
    if (this.eat("op", "*")) return { t: "starred", e: this.target() };
    return this.bitOr();
  }

  /** Expressions separated by commas: a tuple when there is a comma. */
  exprList(): Expr {
    const first = this.expr();
    if (!this.op(",")) return first;
    const items = [first];
    while (this.eat("op", ",")) {
      if (this.endOfList()) break;
      items.push(this.expr());
    }
    return { t: "tuple", items };
  }

  private starExprList(): Expr {
    const one = () => (this.eat("op", "*") ? ({ t: "starred", e: this.bitOr() } as Expr) : this.namedExpr());
    const first = one();
    if (!this.op(",")) return first;
    const items = [first];
    while (this.eat("op", ",")) {
      if (this.endOfList() || this.op("=")) break;
      items.push(one());
    }
    return { t: "tuple", items };
  }

  private endOfList(): boolean {
    return (
      this.at("nl") ||
      this.at("end") ||
      this.op(")") ||
      this.op("]") ||
      this.op("}") ||
      this.op(";") ||
      this.op("=") ||
      this.op(":")
    );
  }

  private namedExpr(): Expr {
    if (this.at("name") && this.toks[this.i + 1]?.v === ":=") {
      const id = this.name();
      this.i++;
      const v = this.expr();
      return {
        t: "call",
        f: { t: "name", id: "__walrus__" },
        args: [{ e: { t: "const", v: id } }, { e: v }],
      };
    }
    return this.expr();
  }

  /** A full expression: lambda or a conditional expression. */
  expr(): Expr {
    if (this.eat("name", "lambda")) {
      const params = this.params(":");
      this.expect("op", ":");
      return { t: "lambda", params, body: this.expr() };
    }
    const a = this.or();
    if (this.kw("if") && !this.isCompIf()) {
      this.i++;
      const c = this.or();
      this.expect("name", "else");
      return { t: "ifexp", c, a, b: this.expr() };
    }
    return a;
  }

  private isCompIf(): boolean {
    return false;
  }

  private or(): Expr {
    let l = this.and();
    while (this.eat("name", "or")) l = { t: "bool", op: "or", l, r: this.and() };
    return l;
  }

  private and(): Expr {
    let l = this.not();
    while (this.eat("name", "and")) l = { t: "bool", op: "and", l, r: this.not() };
    return l;
  }

  private not(): Expr {
    if (this.eat("name", "not")) return { t: "un", op: "not", e: this.not() };
    return this.compare();
  }

  private compare(): Expr {
    const first = this.bitOr();
    const ops: string[] = [];
    const items = [first];
    for (;;) {
      let op: string | undefined;
      if (COMPARE.some((c) => this.op(c))) op = this.toks[this.i++]?.v;
      else if (this.kw("in")) {
        this.i++;
        op = "in";
      } else if (this.kw("not") && this.toks[this.i + 1]?.v === "in") {
        this.i += 2;
        op = "not in";
      } else if (this.kw("is")) {
        this.i++;
        op = this.eat("name", "not") ? "is not" : "is";
      }
      if (!op) break;
      ops.push(op);
      items.push(this.bitOr());
    }
    return ops.length ? { t: "cmp", ops, items } : first;
  }

  private binary(next: () => Expr, ops: string[]): Expr {
    let l = next();
    for (;;) {
      const op = ops.find((o) => this.op(o));
      if (!op) return l;
      this.i++;
      l = { t: "bin", op, l, r: next() };
    }
  }

  private bitOr(): Expr {
    return this.binary(() => this.bitXor(), ["|"]);
  }
  private bitXor(): Expr {
    return this.binary(() => this.bitAnd(), ["^"]);
  }
  private bitAnd(): Expr {
    return this.binary(() => this.shift(), ["&"]);
  }
  private shift(): Expr {
    return this.binary(() => this.sum(), ["<<", ">>"]);
  }
  private sum(): Expr {
    return this.binary(() => this.term(), ["+", "-"]);
  }
  private term(): Expr {
    return this.binary(() => this.factor(), ["*", "/", "//", "%", "@"]);
  }

  private factor(): Expr {
    for (const op of ["-", "+", "~"]) if (this.eat("op", op)) return { t: "un", op, e: this.factor() };
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (this.eat("op", "**")) return { t: "bin", op: "**", l: base, r: this.factor() };
    return base;
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.eat("op", ".")) e = { t: "attr", e, n: this.name() };
      else if (this.eat("op", "(")) {
        e = { t: "call", f: e, args: this.callArgs() };
        this.expect("op", ")");
      } else if (this.eat("op", "[")) {
        e = { t: "sub", e, i: this.subscript() };
        this.expect("op", "]");
      } else return e;
    }
  }

  private callArgs(): Arg[] {
    const args: Arg[] = [];
    while (!this.op(")")) {
      if (this.eat("op", "**")) args.push({ e: this.expr(), star: 2 });
      else if (this.eat("op", "*")) args.push({ e: this.expr(), star: 1 });
      else if (this.at("name") && this.toks[this.i + 1]?.v === "=") {
        const kw = this.name();
        this.i++;
        args.push({ e: this.expr(), kw });
      } else {
        const e = this.namedExpr();
        if (this.kw("for")) args.push({ e: this.comprehension("gen", e) });
        else args.push({ e });
      }
      if (!this.eat("op", ",")) break;
    }
    return args;
  }

  private subscript(): Expr {
    const one = (): Expr => {
      let lo: Expr | undefined;
      if (!this.op(":")) {
        lo = this.expr();
        if (!this.op(":")) return lo;
      }
      this.i++;
      const hi = this.op("]") || this.op(":") || this.op(",") ? undefined : this.expr();
      let step: Expr | undefined;
      if (this.eat("op", ":")) step = this.op("]") || this.op(",") ? undefined : this.expr();
      return { t: "slice", lo, hi, step };
    };
    const first = one();
    if (!this.op(",")) return first;
    const items = [first];
    while (this.eat("op", ",")) {
      if (this.op("]")) break;
      items.push(one());
    }
    return { t: "tuple", items };
  }

  private comprehension(kind: "list" | "set" | "dict" | "gen", elt: Expr, val?: Expr): Expr {
    const gens: CompFor[] = [];
    while (this.eat("name", "for")) {
      const target = this.targetList();
      this.expect("name", "in");
      const iter = this.or();
      const conds: Expr[] = [];
      while (this.eat("name", "if")) conds.push(this.orNoCond());
      gens.push({ target, iter, conds });
    }
    return val ? { t: "comp", kind, elt, val, gens } : { t: "comp", kind, elt, gens };
  }

  private orNoCond(): Expr {
    return this.or();
  }

  private atom(): Expr {
    const t = this.tok;
    this.i++;
    switch (t.k) {
      case "num":
        return { t: "const", v: parseNumber(t.v, t.line) };
      case "str": {
        // Adjacent literals concatenate; an f-string among them makes the whole an f-string.
        const pieces: Tok[] = [t];
        while (this.at("str")) pieces.push(this.toks[this.i++] as Tok);
        if (pieces.some((p) => p.prefix?.includes("b"))) throw new Unsupported("bytes literals");
        const parts: (string | FField)[] = [];
        for (const p of pieces) {
          if (p.prefix?.includes("f")) parts.push(...fstringParts(p.v, !!p.prefix.includes("r"), p.line));
          else parts.push(p.prefix?.includes("r") ? p.v : decodeEscapes(p.v));
        }
        if (parts.every((p) => typeof p === "string")) return { t: "const", v: parts.join("") };
        return { t: "fstr", parts };
      }
      case "name":
        switch (t.v) {
          case "None":
            return { t: "const", v: null };
          case "True":
            return { t: "const", v: true };
          case "False":
            return { t: "const", v: false };
          case "await":
          case "yield":
            throw new Unsupported(t.v);
          case "lambda":
          case "if":
          case "else":
          case "for":
          case "in":
          case "def":
          case "return":
          case "import":
          case "from":
          case "not":
          case "and":
          case "or":
          case "is":
          case "while":
          case "pass":
          case "class":
            throw new PySyntaxError("invalid syntax", t.line);
        }
        return { t: "name", id: t.v };
      case "op":
        if (t.v === "(") {
          if (this.eat("op", ")")) return { t: "tuple", items: [] };
          const first = this.op("*") ? this.starred() : this.namedExpr();
          if (this.kw("for")) {
            const g = this.comprehension("gen", first);
            this.expect("op", ")");
            return g;
          }
          if (this.eat("op", ")")) return first;
          const items = [first];
          while (this.eat("op", ",")) {
            if (this.op(")")) break;
            items.push(this.op("*") ? this.starred() : this.expr());
          }
          this.expect("op", ")");
          return { t: "tuple", items };
        }
        if (t.v === "[") {
          if (this.eat("op", "]")) return { t: "list", items: [] };
          const first = this.op("*") ? this.starred() : this.namedExpr();
          if (this.kw("for")) {
            const c = this.comprehension("list", first);
            this.expect("op", "]");
            return c;
          }
          const items = [first];
          while (this.eat("op", ",")) {
            if (this.op("]")) break;
            items.push(this.op("*") ? this.starred() : this.expr());
          }
          this.expect("op", "]");
          return { t: "list", items };
        }
        if (t.v === "{") {
          if (this.eat("op", "}")) return { t: "dict", items: [] };
          if (this.eat("op", "**")) {
            const items: [Expr | null, Expr][] = [[null, this.bitOr()]];
            return this.dictRest(items);
          }
          const first = this.expr();
          if (this.eat("op", ":")) {
            const v = this.expr();
            if (this.kw("for")) {
              const c = this.comprehension("dict", first, v);
              this.expect("op", "}");
              return c;
            }
            return this.dictRest([[first, v]]);
          }
          if (this.kw("for")) {
            const c = this.comprehension("set", first);
            this.expect("op", "}");
            return c;
          }
          const items = [first];
          while (this.eat("op", ",")) {
            if (this.op("}")) break;
            items.push(this.expr());
          }
          this.expect("op", "}");
          return { t: "set", items };
        }
        if (t.v === "...") return { t: "const", v: null };
    }
    if (t.k === "nl" || t.k === "end") throw new PySyntaxError("invalid syntax", t.line);
    if (t.k === "indent") throw new PySyntaxError("unexpected indent", t.line);
    throw new PySyntaxError("invalid syntax", t.line);
  }

  private starred(): Expr {
    this.i++;
    return { t: "starred", e: this.bitOr() };
  }

  private dictRest(items: [Expr | null, Expr][]): Expr {
    while (this.eat("op", ",")) {
      if (this.op("}")) break;
      if (this.eat("op", "**")) items.push([null, this.bitOr()]);
      else {
        const k = this.expr();
        this.expect("op", ":");
        items.push([k, this.expr()]);
      }
    }
    this.expect("op", "}");
    return { t: "dict", items };
  }
}

function checkTarget(e: Expr, line: number): void {
  if (e.t === "name" || e.t === "attr" || e.t === "sub") return;
  if (e.t === "tuple" || e.t === "list") {
    for (const i of e.items) checkTarget(i, line);
    return;
  }
  if (e.t === "starred") {
    checkTarget(e.e, line);
    return;
  }
  if (e.t === "call")
    throw new PySyntaxError(
      "cannot assign to function call here. Maybe you meant '==' instead of '='?",
      line,
    );
  if (e.t === "const")
    throw new PySyntaxError("cannot assign to literal here. Maybe you meant '==' instead of '='?", line);
  throw new PySyntaxError("cannot assign to expression here. Maybe you meant '==' instead of '='?", line);
}

function parseNumber(text: string, line: number): bigint | number {
  const s = text.replace(/_/g, "");
  if (s.endsWith("j")) throw new Unsupported("complex numbers");
  if (/^0[xXoObB]/.test(s)) return BigInt(s);
  if (/[.eE]/.test(s)) return Number(s);
  if (/^0\d/.test(s) && /[1-9]/.test(s))
    throw new PySyntaxError(
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      line,
    );
  return BigInt(s);
}

/** Splits an f-string's text into literal text and replacement fields. */
function fstringParts(text: string, raw: boolean, line: number): (string | FField)[] {
  const parts: (string | FField)[] = [];
  let lit = "";
  let k = 0;
  const flush = () => {
    if (lit) parts.push(raw ? lit : decodeEscapes(lit));
    lit = "";
  };
  while (k < text.length) {
    const c = text[k] as string;
    if ((c === "{" || c === "}") && text[k + 1] === c) {
      lit += c;
      k += 2;
      continue;
    }
    if (c === "}") throw new PySyntaxError("f-string: single '}' is not allowed", line);
    if (c !== "{") {
      lit += c;
      k++;
      continue;
    }
    // Find the field's end, minding nested brackets and strings.
    let depth = 0;
    let j = k + 1;
    let quote = "";
    let exprEnd = -1;
    let conv: string | undefined;
    for (; j < text.length; j++) {
      const ch = text[j] as string;
      if (quote) {
        if (ch === quote) quote = "";
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if ("([{".includes(ch)) depth++;
      else if (")]".includes(ch)) depth--;
      else if (ch === "}" && depth === 0) break;
      else if (ch === "}") depth--;
      else if (depth === 0 && exprEnd < 0 && ch === "!" && text[j + 1] !== "=") exprEnd = j;
      else if (depth === 0 && ch === ":" && (exprEnd < 0 || conv === undefined)) {
        if (exprEnd < 0) exprEnd = j;
        break;
      }
    }
    // j is at the closing } or at the : starting the spec.
    let end = j;
    if (exprEnd < 0) exprEnd = end;
    let exprText = text.slice(k + 1, exprEnd);
    const bang = /!([rsa])$/.exec(text.slice(k + 1, text[end] === ":" ? end : end));
    if (text.slice(exprEnd, exprEnd + 1) === "!") {
      conv = text[exprEnd + 1];
    } else if (bang) conv = bang[1];
    let spec: Expr | undefined;
    if (text[end] === ":") {
      let d = 0;
      let s = end + 1;
      for (; s < text.length; s++) {
        if (text[s] === "{") d++;
        else if (text[s] === "}") {
          if (d === 0) break;
          d--;
        }
      }
      const specText = text.slice(end + 1, s);
      const specParts = fstringParts(specText, true, line);
      spec = { t: "fstr", parts: specParts };
      end = s;
    }
    if (text[end] !== "}") throw new PySyntaxError("f-string: expecting '}'", line);
    let selfDoc: string | undefined;
    const eq = /^(.*?)(=\s*)$/s.exec(exprText);
    if (eq && !/[=!<>]=\s*$/.test(exprText)) {
      selfDoc = exprText;
      exprText = eq[1] as string;
    }
    if (!exprText.trim()) throw new PySyntaxError("f-string: valid expression required before '}'", line);
    const sub = new Parser(tokenize(`(${exprText.trim()})`));
    const e = sub.exprList();
    flush();
    const field: FField = { e };
    if (selfDoc !== undefined) field.selfDoc = selfDoc;
    if (conv) field.conv = conv as "r" | "s" | "a";
    else if (selfDoc !== undefined && !spec) field.conv = "r";
    if (spec) field.spec = spec;
    parts.push(field);
    k = end + 1;
  }
  flush();
  return parts;
}
