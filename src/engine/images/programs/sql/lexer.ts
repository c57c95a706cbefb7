/**
 * The SQL tokenizer the mysqld and postgres servers share, and the clients' statement splitter
 * (mysql and psql both cut their input at `;` outside quotes before sending a statement).
 */

/** A token and where it starts in the statement (0-based; postgres reports it 1-based). */
export interface Token {
  kind: "word" | "ident" | "string" | "number" | "op" | "end";
  /** The word or operator as typed; a string's or quoted identifier's value without quotes. */
  text: string;
  pos: number;
}

/** Which quotes delimit what: mysql quotes identifiers with `, postgres with ". */
export interface LexDialect {
  identQuote: "`" | '"';
  /** mysql's default sql_mode reads "x" as a string and \n escapes inside strings. */
  mysqlStrings: boolean;
}

const OPS = ["<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ",", ";", "*", ".", "+", "-", "/"];
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", Z: "\x1a" };

/** Splits a statement into tokens; undefined position of an unterminated quote ends it with an error token. */
export function tokenize(sql: string, d: LexDialect): Token[] | { unterminated: number } {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
      continue;
    }
    if (c === "#" && d.mysqlStrings) {
      while (i < sql.length && sql[i] !== "\n") i++;
      continue;
    }
    const start = i;
    if (c === "'" || (c === '"' && d.mysqlStrings) || c === d.identQuote) {
      let text = "";
      i++;
      for (;;) {
        if (i >= sql.length) return { unterminated: start };
        const ch = sql[i] as string;
        if (ch === c && sql[i + 1] === c) {
          text += c;
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else if (ch === "\\" && d.mysqlStrings && c !== "`") {
          const next = sql[i + 1] ?? "";
          text += ESCAPES[next] ?? next;
          i += 2;
        } else {
          text += ch;
          i++;
        }
      }
      out.push({ kind: c === d.identQuote ? "ident" : "string", text, pos: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < sql.length && /[0-9.]/.test(sql[i] as string)) i++;
      out.push({ kind: "number", text: sql.slice(start, i), pos: start });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i] as string)) i++;
      out.push({ kind: "word", text: sql.slice(start, i), pos: start });
      continue;
    }
    const op = OPS.find((o) => sql.startsWith(o, i)) ?? c;
    out.push({ kind: "op", text: op, pos: start });
    i += op.length;
  }
  out.push({ kind: "end", text: "", pos: sql.length });
  return out;
}

/** A statement cut from a client's input, with the line it starts on (1-based). */
export interface Statement {
  text: string;
  line: number;
}

/**
 * Cuts input at `;` outside quotes and comments, as the mysql and psql clients do before
 * sending; blank pieces are dropped, and an unterminated last piece is still a statement.
 */
export function splitStatements(input: string): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quote = "";
  const push = (end: number) => {
    const raw = input.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const lineOf = startLine + (raw.slice(0, lead).match(/\n/g)?.length ?? 0);
    if (text) out.push({ text, line: lineOf });
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === "\n") line++;
    if (quote) {
      if (c === "\\" && quote !== "`") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "-" && input[i + 1] === "-") {
      while (i + 1 < input.length && input[i + 1] !== "\n") i++;
    } else if (c === ";") {
      push(i);
      start = i + 1;
      startLine = line;
    }
  }
  push(input.length);
  return out;
}
