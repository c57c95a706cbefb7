/**
 * POSIX regular expressions (basic and extended, as grep, sed and awk read them) translated to
 * JavaScript RegExp sources: bracket expressions with [:classes:], BRE's `\(` `\{` `\+` `\?`
 * `\|` (GNU extensions), `\<` `\>` word boundaries, and literal braces or parentheses where
 * POSIX makes them ordinary.
 */

/** JavaScript ranges for POSIX character classes. */
export const POSIX_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
  xdigit: "0-9A-Fa-f",
  word: "a-zA-Z0-9_",
};

/** Why a pattern could not be compiled, as GNU words it. */
export class RegexError extends Error {}

/** Reads a bracket expression starting at `[`; returns the JS source and the index after `]`. */
function bracket(src: string, start: number): { out: string; end: number } {
  let i = start + 1;
  let out = "[";
  if (src[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  for (; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "]" && !first) return { out: `${out}]`, end: i + 1 };
    first = false;
    if (c === "[" && src[i + 1] === ":") {
      const close = src.indexOf(":]", i + 2);
      if (close < 0) throw new RegexError("Unmatched [, [^, [:, [., or [=");
      const name = src.slice(i + 2, close);
      const cls = POSIX_CLASSES[name];
      if (cls === undefined) throw new RegexError("Invalid character class name");
      out += cls;
      i = close + 1;
    } else if (c === "\\" || c === "]" || c === "[" || c === "/") out += `\\${c}`;
    else out += c;
  }
  throw new RegexError("Unmatched [, [^, [:, [., or [=");
}

/** Translates a POSIX pattern to a JavaScript RegExp source. */
export function posixToJs(src: string, extended: boolean): string {
  let out = "";
  let atStart = true;
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    const wasStart = atStart;
    atStart = false;
    if (c === "[") {
      const b = bracket(src, i);
      out += b.out;
      i = b.end - 1;
      continue;
    }
    if (c === "\\") {
      const n = src[++i];
      if (n === undefined) throw new RegexError("Trailing backslash");
      if (n === "<") out += "\\b(?=\\w)";
      else if (n === ">") out += "\\b(?<=\\w)";
      else if ("wWsSbB".includes(n)) out += `\\${n}`;
      // GNU's buffer anchors: the start and end of the whole text, even where ^ and $ match at newlines.
      else if (n === "`") out += "(?<![\\s\\S])";
      else if (n === "'") out += "(?![\\s\\S])";
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (!extended && "(){}+?|".includes(n)) {
        if (n === "(") depth++;
        if (n === ")") {
          if (depth === 0) throw new RegexError("Unmatched ) or \\)");
          depth--;
        }
        out += n;
        atStart = n === "(" || n === "|";
      } else if (n === "n") out += "\\n";
      else if (n === "t") out += "\\t";
      else out += /[\w]/.test(n) ? n : `\\${n}`;
      continue;
    }
    if (extended) {
      if (c === "(") {
        depth++;
        atStart = true;
      } else if (c === ")") {
        if (depth === 0) throw new RegexError("Unmatched ) or \\)");
        depth--;
      } else if (c === "|") atStart = true;
      if (c === "{" && !/^\{\d*(,\d*)?\}/.test(src.slice(i))) {
        out += "\\{";
        continue;
      }
      if ((c === "*" || c === "+" || c === "?") && wasStart) {
        out += `\\${c}`;
        continue;
      }
      out += c === "/" ? "\\/" : c;
      continue;
    }
    if ("(){}+?|/".includes(c)) out += `\\${c}`;
    else if (c === "*" && wasStart) out += "\\*";
    else if (c === "^" && !wasStart) out += "\\^";
    else {
      out += c;
      if (c === "^") atStart = true;
    }
  }
  if (depth > 0) throw new RegexError("Unmatched ( or \\(");
  return out;
}

/** Compiles a POSIX pattern, or throws RegexError. */
export function compile(src: string, extended: boolean, flags = ""): RegExp {
  const js = posixToJs(src, extended);
  try {
    return new RegExp(js, flags);
  } catch {
    throw new RegexError("Invalid regular expression");
  }
}

/** A fixed string as a RegExp source. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
