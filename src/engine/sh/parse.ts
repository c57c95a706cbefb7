/**
 * The shell's lexer and recursive-descent parser (POSIX grammar, with the bash additions
 * Kubeglass needs: `[[ ]]`, `(( ))`, `function f`, `&>`, `<<<`). Errors are ShSyntaxError, worded
 * as each dialect's shell words them (dash `parser.c` synexpect, busybox `ash.c`
 * raise_error_unexpected_syntax, bash `parse.y` report_syntax_error).
 */
import type {
  AndOr,
  Assign,
  CaseItem,
  Command,
  CondExpr,
  List,
  Pipeline,
  Redir,
  Script,
  SimpleCommand,
  Word,
  WordPart,
} from "./ast";

/** Which shell: busybox ash (alpine), dash (debian /bin/sh) or bash. */
export type Dialect = "ash" | "dash" | "bash";

/** Where the script came from, for the error prefix (`-c: line 1:` in bash). */
export type ScriptSource = "-c" | "file" | "interactive";

/** A syntax error, with the line it is on and the message as the dialect's shell words it. */
export class ShSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly dialect: Dialect,
    /** bash prints the offending line again after `near unexpected token`. */
    readonly sourceLine?: string,
  ) {
    super(message);
  }

  /** The full stderr text (without the trailing newline) as `argv0` prints it. */
  format(argv0: string, source: ScriptSource = "-c"): string {
    if (this.dialect === "dash") return `${argv0}: ${this.line}: ${this.message}`;
    if (this.dialect === "ash") {
      return source === "file" ? `${argv0}: line ${this.line}: ${this.message}` : `${argv0}: ${this.message}`;
    }
    const where =
      source === "-c"
        ? `${argv0}: -c: line ${this.line}: `
        : source === "file"
          ? `${argv0}: line ${this.line}: `
          : `${argv0}: `;
    return this.sourceLine === undefined
      ? `${where}${this.message}`
      : `${where}${this.message}\n${where}\`${this.sourceLine}'`;
  }
}

type Token =
  | { t: "word"; word: Word; raw: string; line: number }
  | { t: "op"; v: string; line: number }
  | { t: "redir"; fd: number | undefined; op: Redir["op"]; line: number }
  | { t: "eof"; line: number };

const OPS = [
  "&&",
  "||",
  ";;",
  ";&",
  "&>>",
  "&>",
  "<<<",
  "<<-",
  "<<",
  ">>",
  ">&",
  "<&",
  "<>",
  ">|",
  "&",
  "|",
  ";",
  "(",
  ")",
  "<",
  ">",
];
const REDIR_OPS = new Set(["&>>", "&>", "<<<", "<<-", "<<", ">>", ">&", "<&", "<>", ">|", "<", ">"]);
const RESERVED = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "do",
  "done",
  "case",
  "esac",
  "while",
  "until",
  "for",
  "in",
  "{",
  "}",
  "!",
]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

/** Parses a whole script; throws ShSyntaxError. */
export function parseScript(src: string, dialect: Dialect): Script {
  const p = new Parser(src, dialect);
  return p.program();
}

/** Parses a script one top-level line (complete command) at a time, as a shell reads it. */
export class LineParser {
  private readonly p: Parser;
  constructor(src: string, dialect: Dialect, line = 1) {
    this.p = new Parser(src, dialect, line);
  }

  /** The next line's commands, undefined at the end; throws ShSyntaxError. */
  next(): List | undefined {
    return this.p.nextLine();
  }
}

/** Parses the text of a here-document or `$((...))` as a double-quoted word. */
export function parseDqText(src: string, dialect: Dialect, line = 1): Word {
  const p = new Parser(src, dialect, line);
  return p.dqText();
}

class Parser {
  private pos = 0;
  private peeked: Token | undefined;
  private pending: PendingHeredoc[] = [];
  /** Set while lexing the operands of `[[ ]]`, where `<`/`>` compare strings. */
  constructor(
    private readonly src: string,
    private readonly dialect: Dialect,
    private line = 1,
  ) {}

  program(): Script {
    const list = this.compoundList(new Set(), new Set());
    const t = this.peek();
    if (t.t !== "eof") this.unexpected(t);
    return list;
  }

  nextLine(): List | undefined {
    this.skipNewlines();
    if (this.peek().t === "eof") return undefined;
    const list: List = { items: [] };
    for (;;) {
      const cmd = this.andOr();
      const sep = this.peek();
      if (this.isOp(sep, "&")) {
        this.next();
        list.items.push({ cmd, background: true });
      } else {
        list.items.push({ cmd, background: false });
        if (this.isOp(sep, ";")) this.next();
        else if (sep.t !== "eof" && !this.isOp(sep, "\n")) this.unexpected(sep);
      }
      const t = this.peek();
      if (t.t === "eof") break;
      if (this.isOp(t, "\n")) {
        this.next();
        break;
      }
    }
    return list;
  }

  dqText(): Word {
    return this.readDq(undefined);
  }

  // ---------------------------------------------------------------- errors

  private tokenText(t: Token): string {
    if (t.t === "eof") return "end of file";
    if (t.t === "op") return t.v === "\n" ? "newline" : t.v;
    if (t.t === "redir") return t.op;
    return t.raw;
  }

  private fail(message: string, line = this.line, sourceLine?: string): never {
    throw new ShSyntaxError(message, line, this.dialect, sourceLine);
  }

  /** The error for an unexpected token, optionally naming what was expected. */
  private unexpected(t: Token, expecting?: string): never {
    const text = this.tokenText(t);
    if (this.dialect === "bash") {
      if (t.t === "eof") this.fail("syntax error: unexpected end of file", t.line);
      this.fail(`syntax error near unexpected token \`${text}'`, t.line, this.lineText(t.line));
    }
    const name =
      t.t === "eof" || (t.t === "op" && t.v === "\n")
        ? text
        : t.t === "word" && !RESERVED.has(t.raw)
          ? "word"
          : `"${text}"`;
    const exp =
      expecting === undefined ? "" : ` (expecting ${expecting === "word" ? "word" : `"${expecting}"`})`;
    if (this.dialect === "dash") this.fail(`Syntax error: ${name} unexpected${exp}`, t.line);
    this.fail(`syntax error: unexpected ${name}${exp}`, t.line);
  }

  private lineText(n: number): string {
    return (this.src.split("\n")[n - 1] ?? "").trim();
  }

  // ---------------------------------------------------------------- grammar

  private isWord(t: Token, w: string): boolean {
    return t.t === "word" && t.raw === w && t.word.length === 1 && t.word[0]?.kind === "lit";
  }

  private isOp(t: Token, v: string): boolean {
    return t.t === "op" && t.v === v;
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), "\n")) this.next();
  }

  private expectWord(w: string): void {
    const t = this.peek();
    if (!this.isWord(t, w)) this.unexpected(t, w);
    this.next();
  }

  /** A list of and-or lists up to a reserved word in stopWords or an operator in stopOps. */
  private compoundList(stopWords: Set<string>, stopOps: Set<string>): List {
    const list: List = { items: [] };
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.t === "eof") break;
      if (t.t === "word" && stopWords.has(t.raw) && this.isWord(t, t.raw)) break;
      if (t.t === "op" && stopOps.has(t.v)) break;
      const cmd = this.andOr();
      const sep = this.peek();
      if (this.isOp(sep, "&")) {
        this.next();
        list.items.push({ cmd, background: true });
      } else {
        list.items.push({ cmd, background: false });
        if (this.isOp(sep, ";") || this.isOp(sep, "\n")) this.next();
        else break;
      }
      this.skipNewlines();
    }
    return list;
  }

  /** A body that must not be empty: dash and ash reject `if true; then fi`. */
  private body(stopWords: Set<string>, stopOps: Set<string> = new Set()): List {
    const list = this.compoundList(stopWords, stopOps);
    if (list.items.length === 0) {
      // At the end of input the shells name what they expected (`expecting "done"`).
      const t = this.peek();
      const expecting = stopWords.has("fi") ? "fi" : ([...stopWords][0] ?? [...stopOps][0]);
      this.unexpected(t, t.t === "eof" ? expecting : undefined);
    }
    return list;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, "&&") || this.isOp(t, "||")) {
        this.next();
        this.skipNewlines();
        rest.push({ op: (t as { v: "&&" | "||" }).v, pipeline: this.pipeline() });
      } else break;
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let negate = false;
    let timed: true | undefined;
    const line = this.peek().line;
    if (this.dialect === "bash" && this.isWord(this.peek(), "time")) {
      this.next();
      timed = true;
    }
    if (this.isWord(this.peek(), "!")) {
      this.next();
      negate = true;
    }
    const cmds = [this.command()];
    while (this.isOp(this.peek(), "|")) {
      this.next();
      this.skipNewlines();
      cmds.push(this.command());
    }
    return { negate, cmds, line, timed };
  }

  private command(): Command {
    const t = this.peek();
    const line = t.line;
    if (t.t === "op" && t.v === "(") {
      if (this.dialect === "bash" && this.src[this.pos] === "(") {
        const expr = this.readArithCommand();
        return { kind: "arithcmd", expr, redirs: this.redirs(), line };
      }
      this.next();
      const body = this.body(new Set(), new Set([")"]));
      if (!this.isOp(this.peek(), ")")) this.unexpected(this.peek(), ")");
      this.next();
      return { kind: "subshell", body, redirs: this.redirs(), line };
    }
    if (t.t === "word" && t.word.length === 1 && t.word[0]?.kind === "lit") {
      switch (t.raw) {
        case "{": {
          this.next();
          const body = this.body(new Set(["}"]));
          this.expectWord("}");
          return { kind: "group", body, redirs: this.redirs(), line };
        }
        case "if":
          return this.ifClause();
        case "while":
        case "until": {
          this.next();
          const cond = this.body(new Set(["do"]));
          this.expectWord("do");
          const body = this.body(new Set(["done"]));
          this.expectWord("done");
          return { kind: "while", until: t.raw === "until", cond, body, redirs: this.redirs(), line };
        }
        case "for":
          return this.forClause();
        case "case":
          return this.caseClause();
        case "[[":
          if (this.dialect === "bash") return this.dbracket();
          break;
        case "function":
          if (this.dialect !== "dash") {
            this.next();
            const n = this.next();
            if (n.t !== "word" || !NAME.test(n.raw)) this.unexpected(n);
            if (this.isOp(this.peek(), "(")) {
              this.next();
              if (!this.isOp(this.peek(), ")")) this.unexpected(this.peek(), ")");
              this.next();
            }
            return this.funcBody(n.raw, line);
          }
          break;
        case "then":
        case "else":
        case "elif":
        case "fi":
        case "do":
        case "done":
        case "esac":
        case "}":
        case "in":
          this.unexpected(t);
      }
    }
    return this.simpleCommand();
  }

  private funcBody(name: string, line: number): Command {
    this.skipNewlines();
    const t = this.peek();
    const body = this.command();
    if (body.kind === "simple" || body.kind === "func") this.unexpected(t);
    return { kind: "func", name, body, line };
  }

  private ifClause(): Command {
    const line = this.next().line;
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    const condStop = new Set(["then"]);
    const bodyStop = new Set(["elif", "else", "fi"]);
    for (;;) {
      const cond = this.body(condStop);
      this.expectWord("then");
      const body = this.body(bodyStop);
      clauses.push({ cond, body });
      const t = this.peek();
      if (this.isWord(t, "elif")) {
        this.next();
        continue;
      }
      if (this.isWord(t, "else")) {
        this.next();
        elseBody = this.body(new Set(["fi"]));
      }
      this.expectWord("fi");
      break;
    }
    return { kind: "if", clauses, else: elseBody, redirs: this.redirs(), line };
  }

  private forClause(): Command {
    const line = this.next().line;
    const n = this.next();
    if (n.t !== "word" || !NAME.test(n.raw)) this.unexpected(n);
    let items: Word[] | undefined;
    // `for x; do`, `for x do`, `for x in a b; do`, or newlines before `in`/`do`.
    if (this.isOp(this.peek(), ";")) this.next();
    this.skipNewlines();
    if (this.isWord(this.peek(), "in")) {
      this.next();
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.t !== "word") break;
        this.next();
        items.push(t.word);
      }
      const sep = this.peek();
      if (this.isOp(sep, ";") || this.isOp(sep, "\n")) this.next();
      else this.unexpected(sep, "do");
      this.skipNewlines();
    }
    this.expectWord("do");
    const body = this.body(new Set(["done"]));
    this.expectWord("done");
    return { kind: "for", name: n.raw, items, body, redirs: this.redirs(), line };
  }

  private caseClause(): Command {
    const line = this.next().line;
    const w = this.next();
    if (w.t !== "word") this.unexpected(w, "word");
    this.skipNewlines();
    this.expectWord("in");
    const items: CaseItem[] = [];
    this.skipNewlines();
    while (!this.isWord(this.peek(), "esac")) {
      if (this.isOp(this.peek(), "(")) this.next();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.t !== "word") this.unexpected(p, p.t === "eof" ? ")" : "word");
        patterns.push(p.word);
        const s = this.peek();
        if (this.isOp(s, "|")) {
          this.next();
          continue;
        }
        if (this.isOp(s, ")")) {
          this.next();
          break;
        }
        this.unexpected(s, ")");
      }
      const body = this.compoundList(new Set(["esac"]), new Set([";;", ";&"]));
      const s = this.peek();
      items.push({ patterns, body, fallthrough: this.isOp(s, ";&") || undefined });
      if (this.isOp(s, ";;") || this.isOp(s, ";&")) {
        this.next();
        this.skipNewlines();
      } else if (!this.isWord(s, "esac")) this.unexpected(s, "esac");
    }
    this.next();
    return { kind: "case", word: w.word, items, redirs: this.redirs(), line };
  }

  private dbracket(): Command {
    const line = this.next().line;
    const expr = this.condOr();
    const t = this.peek();
    if (!this.isWord(t, "]]")) this.unexpected(t);
    this.next();
    return { kind: "dbracket", expr, redirs: this.redirs(), line };
  }

  private condOr(): CondExpr {
    let left = this.condAnd();
    while (this.isOp(this.peek(), "||")) {
      this.next();
      left = { kind: "or", left, right: this.condAnd() };
    }
    return left;
  }

  private condAnd(): CondExpr {
    let left = this.condNot();
    while (this.isOp(this.peek(), "&&")) {
      this.next();
      left = { kind: "and", left, right: this.condNot() };
    }
    return left;
  }

  private condNot(): CondExpr {
    if (this.isWord(this.peek(), "!")) {
      this.next();
      return { kind: "not", expr: this.condNot() };
    }
    if (this.isOp(this.peek(), "(")) {
      this.next();
      const e = this.condOr();
      if (!this.isOp(this.peek(), ")")) this.unexpected(this.peek());
      this.next();
      return e;
    }
    const a = this.condOperand();
    const t = this.peek();
    if (a.t === "word" && /^-[a-zA-Z]$/.test(a.raw) && t.t === "word" && !this.isWord(t, "]]")) {
      this.next();
      return { kind: "unary", op: a.raw, arg: t.word };
    }
    if (t.t === "redir" && (t.op === "<" || t.op === ">") && t.fd === undefined) {
      this.next();
      return { kind: "binary", op: t.op, left: a.word, right: this.condOperand().word };
    }
    if (t.t === "word" && /^(==?|!=|=~|-(eq|ne|lt|le|gt|ge|nt|ot|ef))$/.test(t.raw)) {
      this.next();
      const right = t.raw === "=~" ? this.regexOperand() : this.condOperand().word;
      return { kind: "binary", op: t.raw, left: a.word, right };
    }
    return { kind: "word", arg: a.word };
  }

  private condOperand(): Extract<Token, { t: "word" }> {
    const t = this.next();
    if (t.t !== "word" || this.isWord(t, "]]")) this.unexpected(t);
    return t;
  }

  /** The right side of `=~`: read raw up to `]]` or blanks outside parentheses. */
  private regexOperand(): Word {
    this.skipBlanks();
    let depth = 0;
    let text = "";
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (depth === 0 && (c === " " || c === "\t" || c === "\n")) break;
      if (c === "(") depth++;
      if (c === ")") depth--;
      if (c === "\\" && this.pos + 1 < this.src.length) {
        text += c + this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      text += c;
      this.pos++;
    }
    return [{ kind: "lit", value: text }];
  }

  private readArithCommand(): Word {
    // At `((`: pos is after the first `(`, peeked is the `(` op token.
    this.peeked = undefined;
    this.pos++;
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0 && this.src[this.pos + 1] === ")") break;
        depth--;
      } else if (c === "\n") this.line++;
      this.pos++;
    }
    if (this.pos >= this.src.length) this.unexpected({ t: "eof", line: this.line });
    const text = this.src.slice(start, this.pos);
    this.pos += 2;
    return parseDqText(text, this.dialect, this.line);
  }

  /** The words of `a=(x y z)` up to the closing parenthesis (newlines allowed). */
  private arrayElements(): Word[] {
    const words: Word[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.next();
      if (this.isOp(t, ")")) return words;
      if (t.t !== "word") this.unexpected(t);
      words.push(t.word);
    }
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    while (this.peek().t === "redir") out.push(this.redir());
    return out;
  }

  private redir(): Redir {
    const t = this.next() as Extract<Token, { t: "redir" }>;
    const target = this.next();
    if (target.t !== "word") this.unexpected(target);
    const fd = t.fd ?? (t.op === "<" || t.op === "<&" || t.op === "<>" || t.op.startsWith("<<") ? 0 : 1);
    const r: Redir = { fd, op: t.op, target: target.word };
    if (t.op === "<<" || t.op === "<<-") {
      const quoted = target.word.some((p) => p.kind !== "lit");
      const delim = target.word
        .map((p) =>
          p.kind === "lit" || p.kind === "sq"
            ? p.value
            : p.kind === "dq"
              ? p.parts.map((q) => (q.kind === "lit" ? q.value : "")).join("")
              : "",
        )
        .join("");
      this.pending.push({ redir: r, delim, strip: t.op === "<<-", quoted });
    }
    return r;
  }

  private simpleCommand(): Command {
    const line = this.peek().line;
    const cmd: SimpleCommand = { kind: "simple", assigns: [], words: [], redirs: [], line };
    for (;;) {
      const t = this.peek();
      if (t.t === "redir") {
        cmd.redirs.push(this.redir());
        continue;
      }
      if (t.t !== "word") break;
      if (cmd.words.length === 0) {
        const a = assignment(t.word, this.dialect);
        if (a) {
          this.next();
          if (this.dialect === "bash" && a.value.length === 0 && !a.index && this.src[this.pos] === "(") {
            this.pos++;
            a.array = this.arrayElements();
          }
          cmd.assigns.push(a);
          continue;
        }
      }
      this.next();
      const decl =
        this.dialect === "bash" &&
        cmd.words.length > 0 &&
        /^(local|declare|typeset|readonly|export)$/.test(
          cmd.words[0]?.[0]?.kind === "lit" ? (cmd.words[0][0].value as string) : "",
        );
      const arrayArg = decl ? /^([A-Za-z_][A-Za-z0-9_]*)=$/.exec(t.raw) : null;
      if (arrayArg && this.src[this.pos] === "(") {
        this.pos++;
        const name = arrayArg[1] as string;
        if (!cmd.declArrays) cmd.declArrays = [];
        cmd.declArrays.push({ name, array: this.arrayElements() });
        cmd.words.push([{ kind: "lit", value: name }]);
        continue;
      }
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assigns.length === 0 && this.isOp(this.peek(), "(")) {
        // bash takes any plain word as a function name (`:(){ :|:& };:`); dash and ash only a name.
        if (!NAME.test(t.raw)) {
          const plain = /^[^\s$`"'\\=]+$/.test(t.raw);
          if (this.dialect === "bash" && !plain) this.unexpected(this.peek());
          if (this.dialect === "dash") this.fail("Syntax error: Bad function name", t.line);
          if (this.dialect === "ash") this.fail("syntax error: bad function name", t.line);
        }
        this.next();
        if (!this.isOp(this.peek(), ")")) this.unexpected(this.peek(), ")");
        this.next();
        return this.funcBody(t.raw, line);
      }
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0)
      this.unexpected(this.peek());
    const literal = literalArgv(cmd);
    if (literal) cmd.literal = literal;
    return cmd;
  }

  // ---------------------------------------------------------------- lexer

  private peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") {
        this.pos += 2;
        this.line++;
      } else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else break;
    }
  }

  private lex(): Token {
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= this.src.length) {
      if (this.pending.length) this.readHeredocs();
      return { t: "eof", line };
    }
    const c = this.src[this.pos] as string;
    if (c === "\n") {
      this.pos++;
      this.line++;
      if (this.pending.length) this.readHeredocs();
      return { t: "op", v: "\n", line };
    }
    // An IO number: digits directly before < or >.
    const m = /^[0-9]+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[0].length;
      const op = this.matchOp() as Redir["op"];
      return { t: "redir", fd: Number(m[0]), op, line };
    }
    if (this.dialect === "bash" && this.src.startsWith("<(", this.pos)) {
      const start = this.pos;
      const word = this.readWord();
      return { t: "word", word, raw: this.src.slice(start, this.pos), line };
    }
    const op = this.matchOp();
    if (op !== undefined) {
      if (REDIR_OPS.has(op)) {
        if ((op === "&>" || op === "&>>" || op === "<<<") && this.dialect !== "bash") {
          // dash and ash read `&>` as `&` then `>`.
          this.pos -= op.length - 1;
          if (op === "<<<") {
            this.pos += 1;
            return { t: "redir", fd: undefined, op: "<<", line };
          }
          return { t: "op", v: "&", line };
        }
        return { t: "redir", fd: undefined, op: op as Redir["op"], line };
      }
      if (op === ";&" && this.dialect !== "bash") {
        this.pos--;
        return { t: "op", v: ";", line };
      }
      return { t: "op", v: op, line };
    }
    const start = this.pos;
    const word = this.readWord();
    return { t: "word", word, raw: this.src.slice(start, this.pos), line };
  }

  private matchOp(): string | undefined {
    for (const op of OPS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) break;
        let end = this.src.indexOf("\n", this.pos);
        if (end < 0) end = this.src.length;
        let text = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        this.line++;
        if (h.strip) text = text.replace(/^\t+/, "");
        if (text === h.delim) break;
        lines.push(text);
      }
      const body = lines.length ? `${lines.join("\n")}\n` : "";
      h.redir.heredoc = h.quoted ? [{ kind: "sq", value: body }] : parseDqText(body, this.dialect, this.line);
    }
  }

  private static isMeta(c: string | undefined): boolean {
    return (
      c === undefined ||
      c === " " ||
      c === "\t" ||
      c === "\n" ||
      c === ";" ||
      c === "&" ||
      c === "|" ||
      c === "(" ||
      c === ")" ||
      c === "<" ||
      c === ">"
    );
  }

  /** Reads an unquoted word at pos. */
  private readWord(): Word {
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ kind: "lit", value: lit });
      lit = "";
    };
    if (this.dialect === "bash" && this.src.startsWith("<(", this.pos)) {
      this.pos += 2;
      const savedPeek = this.peeked;
      this.peeked = undefined;
      const body = this.compoundList(new Set(), new Set([")"]));
      const t = this.next();
      if (!this.isOp(t, ")")) this.unexpected(t, ")");
      this.peeked = savedPeek;
      parts.push({ kind: "procsub", body });
    }
    if (this.src[this.pos] === "~") {
      const m = /^~([A-Za-z0-9_.-]*)/.exec(this.src.slice(this.pos));
      const after = this.src[this.pos + (m?.[0].length ?? 1)];
      if (m && (after === undefined || after === "/" || after === ":" || Parser.isMeta(after))) {
        parts.push({ kind: "tilde", user: m[1] ?? "" });
        this.pos += m[0].length;
      }
    }
    while (this.pos < this.src.length) {
      const c = this.src[this.pos] as string;
      if (Parser.isMeta(c)) break;
      if (c === "\\") {
        const n = this.src[this.pos + 1];
        if (n === "\n") {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        if (n !== undefined) parts.push({ kind: "sq", value: n });
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.unterminated("'");
        const value = this.src.slice(this.pos + 1, end);
        this.line += countNl(value);
        parts.push({ kind: "sq", value });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ kind: "dq", parts: this.readDq('"') });
        continue;
      }
      if (c === "$" && this.src[this.pos + 1] === "'" && this.dialect === "bash") {
        flush();
        this.pos += 2;
        parts.push({ kind: "sq", value: this.readAnsiC() });
        continue;
      }
      if (c === "$" || c === "`") {
        const p = this.readDollar();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private unterminated(q: string): never {
    const eof: Token = { t: "eof", line: this.line };
    if (this.dialect === "bash") this.fail(`unexpected EOF while looking for matching \`${q}'`, this.line);
    if (this.dialect === "dash") this.fail("Syntax error: Unterminated quoted string", this.line);
    this.unexpected(eof, q === "'" || q === '"' ? undefined : q);
  }

  private readAnsiC(): string {
    let out = "";
    const esc: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      a: "\x07",
      b: "\b",
      e: "\x1b",
      f: "\f",
      v: "\v",
      "\\": "\\",
      "'": "'",
      '"': '"',
    };
    while (this.pos < this.src.length && this.src[this.pos] !== "'") {
      const c = this.src[this.pos] as string;
      if (c === "\\") {
        const n = this.src[this.pos + 1] ?? "";
        if (n in esc) {
          out += esc[n];
          this.pos += 2;
          continue;
        }
        const m = /^x([0-9a-fA-F]{1,2})|^([0-7]{1,3})/.exec(this.src.slice(this.pos + 1));
        if (m) {
          out += String.fromCharCode(Number.parseInt(m[1] ?? m[2] ?? "0", m[1] ? 16 : 8));
          this.pos += 1 + m[0].length;
          continue;
        }
      }
      if (c === "\n") this.line++;
      out += c;
      this.pos++;
    }
    if (this.pos >= this.src.length) this.unterminated("'");
    this.pos++;
    return out;
  }

  /** Reads double-quoted content up to `end` (or the end of input when end is undefined). */
  private readDq(end: string | undefined): WordPart[] {
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ kind: "lit", value: lit });
      lit = "";
    };
    for (;;) {
      if (this.pos >= this.src.length) {
        if (end !== undefined) this.unterminated(end);
        break;
      }
      const c = this.src[this.pos] as string;
      if (c === end) {
        this.pos++;
        break;
      }
      if (c === "\\") {
        const n = this.src[this.pos + 1];
        if (n === "\n") {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === "$" || n === "`" || n === "\\" || (n === '"' && end === '"')) {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === "$" || c === "`") {
        const p = this.readDollar();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === "\n") this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    // The literal text of a double-quoted string is quoted: mark it so.
    return parts.map((p) => (p.kind === "lit" ? { kind: "sq", value: p.value } : p));
  }

  /** At `$` or a backtick: reads an expansion, or returns undefined for a literal `$`. */
  private readDollar(): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === "`") {
      this.pos++;
      let text = "";
      while (this.pos < s.length && s[this.pos] !== "`") {
        const c = s[this.pos] as string;
        if (c === "\\" && (s[this.pos + 1] === "`" || s[this.pos + 1] === "\\" || s[this.pos + 1] === "$")) {
          text += s[this.pos + 1];
          this.pos += 2;
          continue;
        }
        text += c;
        this.pos++;
      }
      if (this.pos >= s.length) this.unterminated("`");
      this.pos++;
      const sub = new Parser(text, this.dialect, this.line);
      const body = sub.program();
      this.line += countNl(text);
      return { kind: "cmdsub", body };
    }
    const n = s[this.pos + 1];
    if (n === "(" && s[this.pos + 2] === "(") {
      const start = this.pos + 3;
      let depth = 0;
      let i = start;
      for (; i < s.length; i++) {
        if (s[i] === "(") depth++;
        else if (s[i] === ")") {
          if (depth === 0) break;
          depth--;
        }
      }
      if (s[i] === ")" && s[i + 1] === ")") {
        const text = s.slice(start, i);
        this.pos = i + 2;
        const expr = parseDqText(text, this.dialect, this.line);
        this.line += countNl(text);
        return { kind: "arith", expr };
      }
    }
    if (n === "(") {
      this.pos += 2;
      const savedPeek = this.peeked;
      const savedPending = this.pending;
      this.peeked = undefined;
      this.pending = [];
      const body = this.compoundList(new Set(), new Set([")"]));
      const t = this.next();
      if (!this.isOp(t, ")")) this.unexpected(t, ")");
      this.peeked = savedPeek;
      this.pending = [...savedPending, ...this.pending];
      return { kind: "cmdsub", body };
    }
    if (n === "{") return this.readBraceParam();
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1)) as RegExpExecArray;
      this.pos += 1 + m[0].length;
      return { kind: "param", name: m[0] };
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.pos += 2;
      return { kind: "param", name: n };
    }
    return undefined;
  }

  private readBraceParam(): WordPart {
    const s = this.src;
    this.pos += 2;
    let length = false;
    if (
      s[this.pos] === "#" &&
      s[this.pos + 1] !== "}" &&
      !(/[:=+?%#/-]/.test(s[this.pos + 1] ?? "") && s[this.pos + 2] !== "}")
    ) {
      length = true;
      this.pos++;
    }
    let name: string;
    const m = (
      this.dialect === "bash"
        ? /^([A-Za-z_][A-Za-z0-9_]*(\[[^\]}]+\])?|[0-9]+|[@*#?$!-])/
        : /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/
    ).exec(s.slice(this.pos));
    if (!m) this.badSubst();
    name = (m as RegExpExecArray)[0];
    this.pos += name.length;
    if (s[this.pos] === "}") {
      this.pos++;
      return { kind: "param", name, length: length || undefined };
    }
    if (length) this.badSubst();
    const opm = /^(:[-=+?]|[-=+?]|##|#|%%|%|\/\/|\/#|\/%|\/|:|\^\^|\^|,,|,)/.exec(s.slice(this.pos));
    if (!opm) this.badSubst();
    const op = (opm as RegExpExecArray)[0];
    if ((op.startsWith("/") || op === ":") && this.dialect === "dash") this.badSubst();
    if ((op.startsWith("^") || op.startsWith(",")) && this.dialect !== "bash") this.badSubst();
    this.pos += op.length;
    const arg = this.readParamWord(op.startsWith("/") ? "/" : undefined);
    let repl: Word | undefined;
    if (op.startsWith("/") && s[this.pos - 1] === "/") repl = this.readParamWord(undefined);
    name = name as string;
    return { kind: "param", name, op, arg, repl };
  }

  private badSubst(): never {
    // The shells report a bad substitution when the word is expanded; at parse time is close enough.
    const start = this.src.lastIndexOf("${", this.pos);
    const end = this.src.indexOf("}", this.pos);
    const text = this.src.slice(start, end < 0 ? undefined : end + 1);
    if (this.dialect === "bash") this.fail(`${text}: bad substitution`, this.line);
    if (this.dialect === "dash") this.fail(`Syntax error: Bad substitution`, this.line);
    this.fail("syntax error: bad substitution", this.line);
  }

  /** The word inside `${x op word}`: up to the closing brace (or `/` for a pattern). */
  private readParamWord(stop: string | undefined): Word {
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ kind: "lit", value: lit });
      lit = "";
    };
    let depth = 0;
    for (;;) {
      if (this.pos >= this.src.length) this.unterminated("}");
      const c = this.src[this.pos] as string;
      if (c === "}" && depth === 0) {
        if (stop === undefined) this.pos++;
        break;
      }
      if (c === stop && depth === 0) {
        this.pos++;
        break;
      }
      if (c === "{") depth++;
      if (c === "}") depth--;
      if (c === "\\") {
        flush();
        parts.push({ kind: "sq", value: this.src[this.pos + 1] ?? "" });
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        flush();
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) this.unterminated("'");
        parts.push({ kind: "sq", value: this.src.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ kind: "dq", parts: this.readDq('"') });
        continue;
      }
      if (c === "$" || c === "`") {
        const p = this.readDollar();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === "\n") this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }
}

function countNl(s: string): number {
  let n = 0;
  for (const c of s) if (c === "\n") n++;
  return n;
}

/** `NAME=word` (or `NAME+=word` in bash) at the start of a word, else undefined. */
function assignment(word: Word, dialect: Dialect): Assign | undefined {
  const first = word[0];
  if (first?.kind !== "lit") return undefined;
  const m = (
    dialect === "bash"
      ? /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]+)\])?(\+?)=/
      : /^([A-Za-z_][A-Za-z0-9_]*)()(\+?)=/
  ).exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  const value: Word = rest ? [{ kind: "lit", value: rest }, ...word.slice(1)] : word.slice(1);
  // A tilde right after `=` expands too (`HOME=~/x`).
  if (rest.startsWith("~")) {
    const t = /^~([A-Za-z0-9_.-]*)(?=\/|:|$)/.exec(rest);
    if (t)
      value.splice(
        0,
        1,
        { kind: "tilde", user: t[1] ?? "" },
        ...(rest.slice(t[0].length) ? [{ kind: "lit" as const, value: rest.slice(t[0].length) }] : []),
      );
  }
  return {
    name: m[1] as string,
    value,
    append: m[3] === "+" || undefined,
    index: m[2] ? [{ kind: "lit", value: m[2] }] : undefined,
  };
}

/** Commands whose argument words are read as assignments (`export A=$B`), never as plain argv. */
const DECLARATION_WORDS = new Set(["export", "readonly", "local", "declare", "typeset"]);

/**
 * The argv of a simple command that needs no expansion whatever the shell's state: only words that
 * are one plain part without glob (`*?[`) or brace characters, or single-quoted; no assignment,
 * redirection, `exec` or declaration builtin. Undefined for any other command.
 */
function literalArgv(cmd: SimpleCommand): readonly string[] | undefined {
  if (cmd.words.length === 0 || cmd.assigns.length || cmd.redirs.length || cmd.declArrays) return undefined;
  const argv: string[] = [];
  for (const word of cmd.words) {
    if (word.length !== 1) return undefined;
    const part = word[0] as WordPart;
    if (part.kind === "sq") argv.push(part.value);
    else if (part.kind === "lit" && part.value !== "" && !/[*?[{\\]/.test(part.value)) argv.push(part.value);
    else return undefined;
  }
  const name = argv[0] as string;
  if (name === "exec" || DECLARATION_WORDS.has(name)) return undefined;
  return Object.freeze(argv);
}
