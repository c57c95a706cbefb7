/** A recursive-descent parser for the POSIX awk grammar (precedence as in the spec's table). */
import type { Expr, Func, Item, Program, Stmt } from "./ast";
import { AwkSyntaxError, type Token, tokenize } from "./lexer";

/** Parses awk program text. */
export function parseAwk(src: string): Program {
  return new Parser(tokenize(src)).program();
}

const ASSIGN = new Set(["=", "+=", "-=", "*=", "/=", "%=", "^="]);

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private get t(): Token {
    return this.toks[this.i] as Token;
  }
  private is(text: string, kind?: Token["kind"]): boolean {
    return (
      this.t.text === text &&
      (kind ? this.t.kind === kind : this.t.kind === "op" || this.t.kind === "keyword")
    );
  }
  private eat(text: string): boolean {
    if (this.is(text)) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(text: string): void {
    if (!this.eat(text)) throw this.error();
  }
  error(): AwkSyntaxError {
    const t = this.t;
    return new AwkSyntaxError(
      `syntax error at or near ${t.kind === "eof" ? "end of file" : t.kind === "newline" ? "end of line" : t.text}`,
    );
  }
  private newlines(): void {
    while (this.t.kind === "newline") this.i++;
  }
  private terminators(): void {
    while (this.t.kind === "newline" || this.is(";")) this.i++;
  }

  program(): Program {
    const items: Item[] = [];
    const funcs = new Map<string, Func>();
    this.terminators();
    while (this.t.kind !== "eof") {
      if (this.is("BEGIN") || this.is("END")) {
        const kind = this.t.text as "BEGIN" | "END";
        this.i++;
        this.newlines();
        items.push({ kind, action: this.block() });
      } else if (this.is("function")) {
        this.i++;
        const name = this.t.text;
        if (this.t.kind !== "funcname" && this.t.kind !== "name") throw this.error();
        this.i++;
        this.expect("(");
        const params: string[] = [];
        while (!this.is(")")) {
          if (this.t.kind !== "name") throw this.error();
          params.push(this.t.text);
          this.i++;
          if (!this.eat(",")) break;
          this.newlines();
        }
        this.expect(")");
        this.newlines();
        funcs.set(name, { params, body: this.block() });
      } else {
        const item: Item = { kind: "main" };
        if (!this.is("{")) {
          item.pattern = this.expr();
          if (this.eat(",")) {
            this.newlines();
            item.until = this.expr();
          }
        }
        if (this.is("{")) item.action = this.block();
        items.push(item);
      }
      this.terminators();
    }
    return { items, funcs };
  }

  private block(): Stmt[] {
    this.expect("{");
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is("}")) {
      if (this.t.kind === "eof") throw this.error();
      body.push(this.statement());
      this.terminators();
    }
    this.i++;
    return body;
  }

  private statement(): Stmt {
    if (this.is("{")) return { k: "block", body: this.block() };
    if (this.eat("if")) {
      this.expect("(");
      const test = this.expr();
      this.expect(")");
      this.newlines();
      const yes = this.statementOrEmpty();
      const save = this.i;
      this.terminators();
      if (this.eat("else")) {
        this.newlines();
        return { k: "if", test, yes, no: this.statementOrEmpty() };
      }
      this.i = save;
      return { k: "if", test, yes };
    }
    if (this.eat("while")) {
      this.expect("(");
      const test = this.expr();
      this.expect(")");
      if (this.is(";")) return { k: "while", test, body: { k: "block", body: [] } };
      this.newlines();
      return { k: "while", test, body: this.statementOrEmpty() };
    }
    if (this.eat("do")) {
      this.newlines();
      const body = this.statementOrEmpty();
      this.terminators();
      this.expect("while");
      this.expect("(");
      const test = this.expr();
      this.expect(")");
      return { k: "do", body, test };
    }
    if (this.eat("for")) {
      this.expect("(");
      if (
        this.t.kind === "name" &&
        this.toks[this.i + 1]?.text === "in" &&
        this.toks[this.i + 3]?.text === ")"
      ) {
        const key = this.t.text;
        this.i += 2;
        const name = this.t.text;
        this.i++;
        this.expect(")");
        this.newlines();
        return { k: "forin", key, name, body: this.statementOrEmpty() };
      }
      const init = this.is(";") ? undefined : this.simple();
      this.expect(";");
      this.newlines();
      const test = this.is(";") ? undefined : this.expr();
      this.expect(";");
      this.newlines();
      const step = this.is(")") ? undefined : this.simple();
      this.expect(")");
      if (this.is(";")) return { k: "for", init, test, step, body: { k: "block", body: [] } };
      this.newlines();
      return { k: "for", init, test, step, body: this.statementOrEmpty() };
    }
    const s = this.simple();
    if (!this.is(";") && !this.is("}") && this.t.kind !== "newline" && this.t.kind !== "eof")
      throw this.error();
    return s;
  }

  private statementOrEmpty(): Stmt {
    if (this.eat(";")) return { k: "block", body: [] };
    return this.statement();
  }

  private simple(): Stmt {
    for (const k of ["next", "nextfile", "break", "continue"] as const) if (this.eat(k)) return { k };
    if (this.is("exit") || this.is("return")) {
      const k = this.t.text as "exit" | "return";
      this.i++;
      const ends = this.is(";") || this.is("}") || this.t.kind === "newline" || this.t.kind === "eof";
      return { k, e: ends ? undefined : this.expr() };
    }
    if (this.eat("delete")) {
      const name = this.t.text;
      this.i++;
      if (this.eat("[")) {
        const keys = this.exprList();
        this.expect("]");
        return { k: "delete", name, keys };
      }
      return { k: "delete", name };
    }
    if (this.is("print") || this.is("printf")) {
      const k = this.t.text as "print" | "printf";
      this.i++;
      let args: Expr[] = [];
      const ends = () =>
        this.is(";") ||
        this.is("}") ||
        this.is(">") ||
        this.is(">>") ||
        this.is("|") ||
        this.t.kind === "newline" ||
        this.t.kind === "eof";
      if (this.is("(")) {
        // `print (a, b) > "f"` and `printf("%d\n", x)`: a parenthesised list is the arguments.
        const save = this.i;
        this.i++;
        const list = this.exprList();
        if (this.eat(")") && ends()) args = list;
        else this.i = save;
      }
      if (!args.length && !ends()) args = this.exprList(true);
      let redirect: { op: string; to: Expr } | undefined;
      if (this.is(">") || this.is(">>") || this.is("|")) {
        const op = this.t.text;
        this.i++;
        redirect = { op, to: this.concat(true) };
      }
      return { k, args, redirect };
    }
    return { k: "expr", e: this.expr() };
  }

  private exprList(noGt = false): Expr[] {
    const out = [this.expr(noGt)];
    while (this.eat(",")) {
      this.newlines();
      out.push(this.expr(noGt));
    }
    return out;
  }

  expr(noGt = false, noIn = false): Expr {
    const left = this.ternary(noGt, noIn);
    if (this.t.kind === "op" && ASSIGN.has(this.t.text) && isLvalue(left)) {
      const op = this.t.text;
      this.i++;
      this.newlines();
      return { k: "assign", op, target: left, value: this.expr(noGt, noIn) };
    }
    return left;
  }

  private ternary(noGt: boolean, noIn: boolean): Expr {
    const test = this.or(noGt, noIn);
    if (!this.eat("?")) return test;
    this.newlines();
    const yes = this.expr(noGt, noIn);
    this.newlines();
    this.expect(":");
    this.newlines();
    return { k: "cond", test, yes, no: this.expr(noGt, noIn) };
  }

  private or(noGt: boolean, noIn: boolean): Expr {
    let a = this.and(noGt, noIn);
    while (this.eat("||")) {
      this.newlines();
      a = { k: "or", a, b: this.and(noGt, noIn) };
    }
    return a;
  }

  private and(noGt: boolean, noIn: boolean): Expr {
    let a = this.inExpr(noGt, noIn);
    while (this.eat("&&")) {
      this.newlines();
      a = { k: "and", a, b: this.inExpr(noGt, noIn) };
    }
    return a;
  }

  private inExpr(noGt: boolean, noIn: boolean): Expr {
    let a = this.match(noGt);
    while (!noIn && this.is("in")) {
      this.i++;
      const name = this.t.text;
      this.i++;
      a = { k: "in", keys: groupKeys(a), name };
    }
    return a;
  }

  private match(noGt: boolean): Expr {
    let a = this.comparison(noGt);
    while (this.is("~") || this.is("!~")) {
      const negate = this.t.text === "!~";
      this.i++;
      a = { k: "match", negate, a, re: this.comparison(noGt) };
    }
    return a;
  }

  private comparison(noGt: boolean): Expr {
    const a = this.concat(noGt);
    const op = this.t.text;
    if (this.t.kind === "op" && ["<", "<=", "!=", "==", ">=", ">"].includes(op) && !(noGt && op === ">")) {
      this.i++;
      return { k: "binary", op, a, b: this.concat(noGt) };
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.t;
    if (["number", "string", "regex", "name", "funcname", "builtin"].includes(t.kind)) return true;
    if (t.kind === "op") return ["$", "!", "(", "-", "+", "++", "--"].includes(t.text);
    return false;
  }

  private concat(_noGt: boolean): Expr {
    let a = this.additive();
    while (this.startsOperand() && !(this.t.kind === "op" && ["+", "-", "!"].includes(this.t.text))) {
      a = { k: "concat", a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is("+") || this.is("-")) {
      const op = this.t.text;
      this.i++;
      a = { k: "binary", op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.t.text;
      this.i++;
      a = { k: "binary", op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is("!") || this.is("-") || this.is("+")) {
      const op = this.t.text;
      this.i++;
      return { k: "unary", op, a: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.eat("^")) return { k: "binary", op: "^", a, b: this.unary() };
    return a;
  }

  private postfix(): Expr {
    const a = this.primary();
    if ((this.is("++") || this.is("--")) && isLvalue(a)) {
      const op = this.t.text as "++" | "--";
      this.i++;
      return { k: "incr", op, prefix: false, target: a };
    }
    return a;
  }

  private primary(): Expr {
    const t = this.t;
    if (t.kind === "number") {
      this.i++;
      return { k: "num", v: t.value ?? 0 };
    }
    if (t.kind === "string") {
      this.i++;
      return { k: "str", v: t.text };
    }
    if (t.kind === "regex") {
      this.i++;
      return { k: "regex", src: t.text };
    }
    if (this.eat("$")) {
      if (this.is("++") || this.is("--")) {
        const op = this.t.text as "++" | "--";
        this.i++;
        return { k: "field", index: { k: "incr", op, prefix: true, target: this.primary() } };
      }
      if (this.is("-")) {
        this.i++;
        return { k: "field", index: { k: "unary", op: "-", a: this.primary() } };
      }
      return { k: "field", index: this.primary() };
    }
    if (this.is("++") || this.is("--")) {
      const op = t.text as "++" | "--";
      this.i++;
      const target = this.primary();
      if (!isLvalue(target)) throw this.error();
      return { k: "incr", op, prefix: true, target };
    }
    if (this.eat("(")) {
      const list = this.exprList();
      this.expect(")");
      if (list.length > 1) {
        if (!this.is("in")) throw this.error();
        return { k: "group", e: { k: "in", keys: list, name: "" } };
      }
      return { k: "group", e: list[0] as Expr };
    }
    if (this.is("getline")) {
      this.i++;
      const target = this.t.kind === "name" || this.is("$") ? this.primary() : undefined;
      if (this.eat("<")) return { k: "getline", target, file: this.primary() };
      return { k: "getline", target };
    }
    if (t.kind === "funcname") {
      this.i += 2;
      const args = this.is(")") ? [] : this.exprList();
      this.expect(")");
      return { k: "call", name: t.text, args };
    }
    if (t.kind === "builtin") {
      this.i++;
      if (this.eat("(")) {
        const args = this.is(")") ? [] : this.exprList();
        this.expect(")");
        return { k: "builtin", name: t.text, args };
      }
      if (t.text !== "length") throw this.error();
      return { k: "builtin", name: "length", args: [] };
    }
    if (t.kind === "name") {
      this.i++;
      if (this.eat("[")) {
        const keys = this.exprList();
        this.expect("]");
        return { k: "index", name: t.text, keys };
      }
      return { k: "var", name: t.text };
    }
    throw this.error();
  }
}

/** Whether an expression can be assigned to. */
function isLvalue(e: Expr): boolean {
  return e.k === "var" || e.k === "field" || e.k === "index";
}

/** The keys of `(a, b) in arr` or `k in arr`. */
function groupKeys(e: Expr): Expr[] {
  if (e.k === "group" && e.e.k === "in" && e.e.name === "") return e.e.keys;
  return [e];
}
