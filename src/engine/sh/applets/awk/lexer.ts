/** awk's tokens (POSIX awk grammar, "Lexical Conventions"): regex literals depend on context. */

/** A token: its kind and text. */
export interface Token {
  kind:
    | "number"
    | "string"
    | "regex"
    | "name"
    | "funcname"
    | "builtin"
    | "keyword"
    | "op"
    | "newline"
    | "eof";
  text: string;
  value?: number;
  line: number;
}

/** Why a program does not parse. */
export class AwkSyntaxError extends Error {}

/** awk's reserved words (`func` is gawk's and mawk's spelling of `function`). */
export const KEYWORDS = new Set([
  "BEGIN",
  "END",
  "function",
  "func",
  "if",
  "else",
  "while",
  "for",
  "do",
  "break",
  "continue",
  "next",
  "nextfile",
  "exit",
  "return",
  "delete",
  "in",
  "getline",
  "print",
  "printf",
]);

/** The built-in functions. */
export const BUILTINS = new Set([
  "length",
  "substr",
  "index",
  "split",
  "sub",
  "gsub",
  "match",
  "sprintf",
  "sin",
  "cos",
  "atan2",
  "exp",
  "log",
  "sqrt",
  "int",
  "rand",
  "srand",
  "tolower",
  "toupper",
  "system",
  "close",
  "fflush",
]);

const OPS = [
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "^=",
  "**=",
  "==",
  "<=",
  ">=",
  "!=",
  "++",
  "--",
  "&&",
  "||",
  ">>",
  "!~",
  "**",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ";",
  ",",
  "+",
  "-",
  "*",
  "/",
  "%",
  "^",
  "!",
  ">",
  "<",
  "|",
  "?",
  ":",
  "~",
  "$",
  "=",
];

/** Whether a `/` after this token divides (it follows an operand) rather than opens a regex. */
function divides(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.kind === "number" || prev.kind === "string" || prev.kind === "name" || prev.kind === "regex")
    return true;
  if (prev.kind === "builtin") return true;
  return (
    prev.kind === "op" &&
    (prev.text === ")" || prev.text === "]" || prev.text === "$" || prev.text === "++" || prev.text === "--")
  );
}

/** Splits program text into tokens. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: Token["kind"], text: string, value?: number) => out.push({ kind, text, value, line });
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      push("newline", "\n");
      line++;
      i++;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      push("number", num[0], Number(num[0]));
      i += num[0].length;
      continue;
    }
    if (c === '"') {
      let s = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\n") throw new AwkSyntaxError("unterminated string");
        if (src[i] === "\\" && i + 1 < src.length) {
          const e = src[++i] as string;
          const map: Record<string, string> = {
            n: "\n",
            t: "\t",
            r: "\r",
            "\\": "\\",
            '"': '"',
            "/": "/",
            a: "\x07",
            b: "\b",
            f: "\f",
            v: "\v",
          };
          if (e in map) s += map[e];
          else if (/[0-7]/.test(e)) {
            const d = /^[0-7]{1,3}/.exec(src.slice(i))?.[0] as string;
            s += String.fromCharCode(Number.parseInt(d, 8));
            i += d.length - 1;
          } else if (e === "\n") line++;
          else s += `\\${e}`;
          i++;
        } else s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError("unterminated string");
      i++;
      push("string", s);
      continue;
    }
    if (c === "/" && !divides(out.at(-1))) {
      let s = "";
      i++;
      let inBracket = false;
      while (i < src.length && (src[i] !== "/" || inBracket)) {
        if (src[i] === "\n") throw new AwkSyntaxError("unterminated regexp");
        if (src[i] === "\\" && i + 1 < src.length) {
          s += src[i + 1] === "/" ? "/" : `\\${src[i + 1]}`;
          i += 2;
          continue;
        }
        if (src[i] === "[") inBracket = true;
        else if (src[i] === "]") inBracket = false;
        s += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError("unterminated regexp");
      i++;
      push("regex", s);
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      const w = word[0];
      i += w.length;
      if (KEYWORDS.has(w)) push("keyword", w === "func" ? "function" : w);
      else if (BUILTINS.has(w)) push("builtin", w);
      else push(src[i] === "(" ? "funcname" : "name", w);
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`invalid char '${c}' in expression`);
    push("op", op === "**" ? "^" : op === "**=" ? "^=" : op);
    i += op.length;
  }
  push("eof", "");
  return out;
}
