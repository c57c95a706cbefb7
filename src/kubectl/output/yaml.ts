/**
 * `-o yaml` as kubectl writes it: sigs.k8s.io/yaml, i.e. JSON decoded by go-yaml v2 and encoded
 * again. Keys in go-yaml's order, block style, sequences under a key not indented, strings plain
 * unless go-yaml must quote them (single quotes when plain is not allowed, double quotes when the
 * plain text would read as another type: "true", "1", "", timestamps), multi-line strings as
 * `|` / `|-` blocks, and long scalars folded after column 80 as go-yaml's emitter does.
 */
import { goFormatFloatG } from "./gofmt";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

const BEST_WIDTH = 80;

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/** go-yaml v2's keyList.Less for string keys: letters after other runes, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const ai0 = ar[i] as string;
    const bi0 = br[i] as string;
    const al = isLetter(ai0);
    const bl = isLetter(bi0);
    if (al && bl) return (ai0.codePointAt(0) as number) < (bi0.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ai0 === "0" || bi0 === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++)
      an = an * 10 + ((ar[ai] as string).charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++)
      bn = bn * 10 + ((br[bi] as string).charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ai0.codePointAt(0) as number) < (bi0.codePointAt(0) as number);
  }
  return ar.length < br.length;
}

const RESOLVE_MAP = new Set([
  "",
  "~",
  "null",
  "Null",
  "NULL",
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "on",
  "On",
  "ON",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "off",
  "Off",
  "OFF",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  ".nan",
  ".NaN",
  ".NAN",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
  "<<",
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMPS = [
  /^\d{4}-\d{1,2}-\d{1,2}$/,
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/,
];

/** Go's strconv.ParseInt/ParseUint(s, 0, 64) acceptance. */
function goParsesInt(s: string): boolean {
  const m = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.exec(s);
  if (!m) return false;
  try {
    const neg = s.startsWith("-");
    let body = s.replace(/^[+-]/, "");
    if (/^0[oO]/.test(body)) body = `0o${body.slice(2)}`;
    else if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
    const v = BigInt(body);
    return neg ? v <= 2n ** 63n : v < 2n ** 64n;
  } catch {
    return false;
  }
}

/** Whether go-yaml v2 would read the plain text as a string (resolve() gives !!str). */
function resolvesToString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false;
  const c = s[0] as string;
  if (c === ".") return !goParsesFloat(s);
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (TIMESTAMPS.some((r) => r.test(s))) return false;
    const plain = s.replaceAll("_", "");
    if (goParsesInt(plain)) return false;
    if (YAML_STYLE_FLOAT.test(plain)) return false;
    if (/^-?0b[01]+$/.test(plain)) return false;
  }
  return true;
}

function goParsesFloat(s: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s);
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
function isBreak(c: string | undefined): boolean {
  return c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
}
function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t";
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar (block context). */
function analyzeScalar(value: string): Analysis {
  if (value.length === 0)
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const ch = [...value];
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith("---") || value.startsWith("...")) blockIndicators = true;
  for (let i = 0; i < ch.length; i++) {
    const c = ch[i] as string;
    const followedByWhitespace = i + 1 >= ch.length || isBlank(ch[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":") && followedByWhitespace) blockIndicators = true;
      else if (c === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ":" && followedByWhitespace) blockIndicators = true;
      else if (c === "#" && precededByWhitespace) blockIndicators = true;
    }
    const cp = c.codePointAt(0) as number;
    if (!isPrintable(cp)) special = true;
    if (c === " ") {
      if (i === 0) leadingSpace = true;
      if (i === ch.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === ch.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

type Style = "plain" | "single" | "double" | "literal";

/** The style go-yaml v2 writes a string in (encoder.stringv + emitter select_scalar_style). */
export function yamlStringStyle(s: string, simpleKey: boolean): Style {
  const canUsePlain = resolvesToString(s) && !BASE60_FLOAT.test(s);
  let style: Style = s.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
  const a = analyzeScalar(s);
  if (simpleKey && a.multiline) style = "double";
  if (style === "plain") {
    if (!a.blockPlainAllowed) style = "single";
    if (s.length === 0 && simpleKey) style = "single";
  }
  if (style === "single" && !a.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
  return style;
}

const ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  160: "_",
  8232: "L",
  8233: "P",
};

class Emitter {
  private out: string[] = [];
  column = 0;

  put(s: string): void {
    this.out.push(s);
    const nl = s.lastIndexOf("\n");
    if (nl >= 0) this.column = [...s.slice(nl + 1)].length;
    else this.column += [...s].length;
  }

  /** write_indent: a line break unless at the start of a line, then spaces up to indent. */
  indent(indent: number): void {
    if (this.column > 0) this.put("\n");
    if (indent > this.column) this.put(" ".repeat(indent - this.column));
  }

  text(): string {
    return this.out.join("");
  }

  scalarString(s: string, indent: number, simpleKey: boolean): void {
    const style = yamlStringStyle(s, simpleKey);
    const allowBreaks = !simpleKey;
    const ch = [...s];
    if (style === "plain") {
      let spaces = false;
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i] as string;
        if (c === " ") {
          if (allowBreaks && !spaces && this.column > BEST_WIDTH && ch[i + 1] !== " ") this.foldTo(indent);
          else this.put(c);
          spaces = true;
        } else {
          this.put(c);
          spaces = false;
        }
      }
    } else if (style === "single") {
      this.put("'");
      let spaces = false;
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i] as string;
        if (c === " ") {
          if (
            allowBreaks &&
            !spaces &&
            this.column > BEST_WIDTH &&
            i !== 0 &&
            i !== ch.length - 1 &&
            ch[i + 1] !== " "
          )
            this.foldTo(indent);
          else this.put(c);
          spaces = true;
        } else {
          this.put(c === "'" ? "''" : c);
          spaces = false;
        }
      }
      this.put("'");
    } else if (style === "double") {
      this.put('"');
      let spaces = false;
      for (let i = 0; i < ch.length; i++) {
        const c = ch[i] as string;
        const cp = c.codePointAt(0) as number;
        if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
          const e = ESCAPES[cp];
          if (e !== undefined) this.put(`\\${e}`);
          else if (cp <= 0xff) this.put(`\\x${cp.toString(16).toUpperCase().padStart(2, "0")}`);
          else if (cp <= 0xffff) this.put(`\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`);
          else this.put(`\\U${cp.toString(16).toUpperCase().padStart(8, "0")}`);
          spaces = false;
        } else if (c === " ") {
          if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== ch.length - 1) {
            this.foldTo(indent);
            if (ch[i + 1] === " ") this.put("\\");
          } else this.put(c);
          spaces = true;
        } else {
          this.put(c);
          spaces = false;
        }
      }
      this.put('"');
    } else {
      this.put("|");
      if (ch[0] === " " || isBreak(ch[0])) this.put("2");
      const last = ch[ch.length - 1];
      if (ch.length === 0 || !isBreak(last)) this.put("-");
      else if (ch.length === 1 || isBreak(ch[ch.length - 2])) this.put("+");
      this.put("\n");
      let breaks = true;
      for (const c of ch) {
        if (isBreak(c)) {
          this.put("\n");
          breaks = true;
        } else {
          if (breaks) {
            this.put(" ".repeat(indent));
            breaks = false;
          }
          this.put(c);
        }
      }
    }
  }

  private foldTo(indent: number): void {
    this.put("\n");
    this.put(" ".repeat(indent));
  }
}

function isEmptyCollection(v: Json): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  if (v !== null && typeof v === "object")
    return Object.keys(v).filter((k) => v[k] !== undefined).length === 0 ? "{}" : undefined;
  return undefined;
}

function scalarValue(e: Emitter, v: Json, indent: number): void {
  if (v === null || v === undefined) e.put("null");
  else if (typeof v === "boolean") e.put(v ? "true" : "false");
  else if (typeof v === "number") {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) e.put(String(v));
    else if (Number.isNaN(v)) e.put(".nan");
    else if (!Number.isFinite(v)) e.put(v > 0 ? ".inf" : "-.inf");
    else e.put(goFormatFloatG(v));
  } else e.scalarString(String(v), indent, false);
}

function sortedKeys(obj: Record<string, Json>): string[] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

/** Emits a block mapping whose keys sit at `indent`; the first key continues the current line when inline. */
function emitMapping(e: Emitter, obj: Record<string, Json>, indent: number, inline: boolean): void {
  let first = true;
  for (const k of sortedKeys(obj)) {
    if (!(first && inline)) e.indent(indent);
    first = false;
    e.scalarString(k, indent, true);
    e.put(":");
    emitValue(e, obj[k], indent, "mapping");
  }
}

function emitSequence(e: Emitter, arr: Json[], indent: number, inline: boolean): void {
  let first = true;
  for (const item of arr) {
    if (!(first && inline)) e.indent(indent);
    first = false;
    e.put("-");
    emitValue(e, item, indent, "sequence");
  }
}

/** A value after `key:` (parent "mapping", keys at indent) or after `-` (parent "sequence", dash at indent). */
function emitValue(e: Emitter, v: Json, indent: number, parent: "mapping" | "sequence"): void {
  const empty = isEmptyCollection(v);
  if (empty) {
    e.put(` ${empty}`);
  } else if (Array.isArray(v)) {
    if (parent === "mapping") emitSequence(e, v, indent, false);
    else {
      e.put(" ");
      emitSequence(e, v, indent + 2, true);
    }
  } else if (v !== null && typeof v === "object") {
    if (parent === "mapping") emitMapping(e, v, indent + 2, false);
    else {
      e.put(" ");
      emitMapping(e, v, indent + 2, true);
    }
  } else {
    e.put(" ");
    scalarValue(e, v, indent + 2);
  }
}

/**
 * The YAML kubectl prints for a JSON value (`kubectl get -o yaml`), ending with a newline.
 *
 * @example toYaml({apiVersion: "v1", kind: "Pod", metadata: {name: "x"}})
 */
export function toYaml(v: Json): string {
  const e = new Emitter();
  const empty = isEmptyCollection(v);
  if (empty) return `${empty}\n`;
  if (Array.isArray(v)) emitSequence(e, v, 0, true);
  else if (v !== null && typeof v === "object") emitMapping(e, v, 0, true);
  else scalarValue(e, v, 0);
  const text = e.text();
  return text.endsWith("\n") ? text : `${text}\n`;
}
