/**
 * Python's tokenizer (CPython Lib/tokenize.py's rules for what scripts use): NEWLINE, INDENT and
 * DEDENT from leading whitespace, implicit line joining inside brackets and after a backslash,
 * comments, numbers, names, operators and string literals with their prefixes (r, b, f and
 * triple quotes). An f-string's text is kept raw for the parser to split.
 */

/** A token: its kind, text and 1-based line. */
export interface Tok {
  k: "name" | "num" | "str" | "op" | "nl" | "indent" | "dedent" | "end";
  v: string;
  line: number;
  /** A string's prefix (lowercase: "", "r", "f", "rf", "b"). */
  prefix?: string;
}

/** A SyntaxError as CPython reports it: a message and the line. */
export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const OPS = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "->",
  ":=",
  "**",
  "//",
  "==",
  "!=",
  "<=",
  ">=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
];
const SINGLE = "+-*/%@&|^~<>()[]{},:;.=";

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
  "\n": "",
};

/** Decodes a non-raw literal's backslash escapes. */
export function decodeEscapes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|N\{[^}]*\}|[0-7]{1,3}|[\s\S])/g, (m, e: string) => {
    if (e[0] === "x" || e[0] === "u") return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return ESCAPES[e] ?? m;
  });
}

/** Splits python source into tokens. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const indents = [0];
  let depth = 0;
  let line = 1;
  let i = 0;
  let atLineStart = true;
  while (i < src.length) {
    if (atLineStart && depth === 0) {
      // Measure indentation; skip blank and comment-only lines.
      let col = 0;
      let j = i;
      while (j < src.length && (src[j] === " " || src[j] === "\t")) {
        col = src[j] === "\t" ? (col + 8) & ~7 : col + 1;
        j++;
      }
      if (j >= src.length) break;
      if (src[j] === "\n" || src[j] === "#" || src[j] === "\r") {
        while (j < src.length && src[j] !== "\n") j++;
        i = j + 1;
        line++;
        continue;
      }
      const top = indents[indents.length - 1] as number;
      if (col > top) {
        indents.push(col);
        out.push({ k: "indent", v: "", line });
      } else {
        while (col < (indents[indents.length - 1] as number)) {
          indents.pop();
          out.push({ k: "dedent", v: "", line });
        }
        if (col !== indents[indents.length - 1])
          throw new PySyntaxError("unindent does not match any outer indentation level", line);
      }
      i = j;
      atLineStart = false;
    }
    const c = src[i] as string;
    if (c === "\n") {
      if (depth === 0) {
        out.push({ k: "nl", v: "", line });
        atLineStart = true;
      }
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    const str = /^([rRbBfFuU]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str && (str[1] === "" || /^[A-Za-z]+$/.test(str[1] as string))) {
      const prefix = (str[1] as string).toLowerCase().replace("u", "");
      const quote = str[2] as string;
      let j = i + str[0].length;
      const startLine = line;
      let text = "";
      while (j < src.length && !src.startsWith(quote, j)) {
        const ch = src[j] as string;
        if (ch === "\n") {
          if (quote.length === 1)
            throw new PySyntaxError(`unterminated string literal (detected at line ${line})`, line);
          line++;
        }
        if (ch === "\\") {
          text += ch + (src[j + 1] ?? "");
          if (src[j + 1] === "\n") line++;
          j += 2;
          continue;
        }
        text += ch;
        j++;
      }
      if (j >= src.length)
        throw new PySyntaxError(
          quote.length === 3
            ? `unterminated triple-quoted string literal (detected at line ${line})`
            : `unterminated string literal (detected at line ${startLine})`,
          startLine,
        );
      out.push({ k: "str", v: text, line: startLine, prefix });
      i = j + quote.length;
      continue;
    }
    const num =
      /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d+)?j?)/.exec(
        src.slice(i),
      );
    if (num && /[\d.]/.test(c) && !(c === "." && !/\d/.test(src[i + 1] ?? ""))) {
      out.push({ k: "num", v: num[1] as string, line });
      i += (num[1] as string).length;
      continue;
    }
    const name = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/.exec(src.slice(i));
    if (name) {
      out.push({ k: "name", v: name[0], line });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? (SINGLE.includes(c) ? c : undefined);
    if (op) {
      if ("([{".includes(op)) depth++;
      if (")]}".includes(op)) depth = Math.max(0, depth - 1);
      out.push({ k: "op", v: op, line });
      i += op.length;
      continue;
    }
    if (c === "!") {
      out.push({ k: "op", v: "!", line });
      i++;
      continue;
    }
    throw new PySyntaxError(
      `invalid character '${c}' (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")})`,
      line,
    );
  }
  if (out.length && out[out.length - 1]?.k !== "nl") out.push({ k: "nl", v: "", line });
  while (indents.length > 1) {
    indents.pop();
    out.push({ k: "dedent", v: "", line });
  }
  out.push({ k: "end", v: "", line });
  return out;
}
