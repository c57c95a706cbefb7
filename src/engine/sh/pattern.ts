/**
 * Shell pattern matching (case, `${x#pat}`, `[[ == ]]`, globbing): `*`, `?`, `[...]` with `!`/`^`
 * and POSIX classes, `\x` quoting. Patterns arrive with quoted characters backslash-escaped.
 */

const CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: " \\t\\n\\r\\f\\v",
  blank: " \\t",
  punct: "!-\\/:-@\\[-`{-~",
  xdigit: "0-9A-Fa-f",
  print: " -~",
  graph: "!-~",
  cntrl: "\\x00-\\x1f\\x7f",
};

/** Escapes the characters a pattern treats specially, so text matches itself. */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, "\\$&");
}

/** True when an (escaped) pattern has an unescaped `*`, `?`, or a `[` with its closing `]`. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?") return true;
    else if (c === "[" && bracketEnd(pattern, i) >= 0) return true;
  }
  return false;
}

/** The pattern with its backslash escapes removed (what a non-matching glob leaves). */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/gs, "$1");
}

/** The regular-expression source of a pattern (unanchored). */
export function patternSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\") {
      const n = pattern[++i];
      if (n !== undefined) out += escapeRe(n);
      else out += "\\\\";
    } else if (c === "*") out += "[\\s\\S]*";
    else if (c === "?") out += "[\\s\\S]";
    else if (c === "[") {
      const end = bracketEnd(pattern, i);
      if (end < 0) {
        out += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, end);
      let neg = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        neg = true;
        body = body.slice(1);
      }
      let cls = "";
      for (let j = 0; j < body.length; j++) {
        const b = body[j] as string;
        if (b === "[" && body[j + 1] === ":") {
          const close = body.indexOf(":]", j + 2);
          if (close > 0) {
            cls += CLASSES[body.slice(j + 2, close)] ?? "";
            j = close + 1;
            continue;
          }
        }
        if (b === "\\") {
          cls += escapeRe(body[++j] ?? "\\");
          continue;
        }
        cls += b === "-" && j > 0 && j < body.length - 1 ? "-" : escapeRe(b);
      }
      out += `[${neg ? "^" : ""}${cls}]`;
      i = end;
    } else out += escapeRe(c);
  }
  return out;
}

function bracketEnd(p: string, start: number): number {
  let j = start + 1;
  if (p[j] === "!" || p[j] === "^") j++;
  if (p[j] === "]") j++;
  for (; j < p.length; j++) {
    if (p[j] === "[" && p[j + 1] === ":") {
      const close = p.indexOf(":]", j + 2);
      if (close > 0) j = close + 1;
      continue;
    }
    if (p[j] === "\\") j++;
    else if (p[j] === "]") return j;
  }
  return -1;
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

const cache = new Map<string, RegExp>();

/** Whether the whole text matches the pattern. */
export function matchPattern(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${patternSource(pattern)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

/**
 * Removes a matching prefix or suffix (`${x#p}`, `${x##p}`, `${x%p}`, `${x%%p}`): shortest or
 * longest, as the shell does it.
 */
export function removeAffix(value: string, pattern: string, op: "#" | "##" | "%" | "%%"): string {
  const n = value.length;
  if (op === "#") {
    for (let i = 0; i <= n; i++) if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
  } else if (op === "##") {
    for (let i = n; i >= 0; i--) if (matchPattern(pattern, value.slice(0, i))) return value.slice(i);
  } else if (op === "%") {
    for (let i = n; i >= 0; i--) if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= n; i++) if (matchPattern(pattern, value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** `${x/p/r}` (first), `${x//p/r}` (all), `${x/#p/r}` (prefix), `${x/%p/r}` (suffix): longest match. */
export function replacePattern(value: string, pattern: string, repl: string, op: string): string {
  const n = value.length;
  if (op === "/#") {
    for (let i = n; i >= 0; i--) if (matchPattern(pattern, value.slice(0, i))) return repl + value.slice(i);
    return value;
  }
  if (op === "/%") {
    for (let i = 0; i <= n; i++) if (matchPattern(pattern, value.slice(i))) return value.slice(0, i) + repl;
    return value;
  }
  let out = "";
  let i = 0;
  let replaced = false;
  while (i <= n) {
    let matched = -1;
    if (!(replaced && op === "/") && pattern !== "")
      for (let j = n; j > i; j--)
        if (matchPattern(pattern, value.slice(i, j))) {
          matched = j;
          break;
        }
    if (matched > 0) {
      out += repl;
      i = matched;
      replaced = true;
    } else {
      if (i < n) out += value[i];
      i++;
    }
  }
  return out;
}
