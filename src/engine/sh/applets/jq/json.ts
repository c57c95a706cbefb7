/**
 * jq's values and their text (jq 1.6, src/jv.c, src/jv_print.c, src/jv_parse.c): objects keep
 * insertion order (a Map, so `"1"` keys are not moved first as JS objects move them), values
 * order as jv_cmp does (null < false < true < numbers < strings < arrays < objects), output is
 * jq's pretty layout (two spaces) or compact, and input is a stream of JSON texts with jq's
 * parse error wording.
 */

/** JSON's one-character escapes (RFC 8259 section 7), by the character after the backslash. */
export const JSON_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
});

/** A jq value. */
export type J = null | boolean | number | string | J[] | JObject;

/** A jq object: keys in insertion order. */
export type JObject = Map<string, J>;

/** jv_kind_name: `null`, `boolean`, `number`, `string`, `array`, `object`. */
export function kindOf(v: J): "null" | "boolean" | "number" | "string" | "array" | "object" {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  return Array.isArray(v) ? "array" : "object";
}

/** Whether a value is an object. */
export const isObject = (v: J): v is JObject => v instanceof Map;

const ORDER = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 } as const;

/** Code point order of two strings (jv_cmp compares UTF-8 bytes, which orders as code points). */
export function cmpStrings(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = ((x[i] as string).codePointAt(0) ?? 0) - ((y[i] as string).codePointAt(0) ?? 0);
    if (d) return d;
  }
  return x.length - y.length;
}

/** jv_cmp: jq's total order of values. */
export function compare(a: J, b: J): number {
  const ka = a === false ? 1 : a === true ? 2 : ORDER[kindOf(a)];
  const kb = b === false ? 1 : b === true ? 2 : ORDER[kindOf(b)];
  if (ka !== kb) return ka - kb;
  if (typeof a === "number") return a < (b as number) ? -1 : a > (b as number) ? 1 : 0;
  if (typeof a === "string") return cmpStrings(a, b as string);
  if (Array.isArray(a)) {
    const bb = b as J[];
    for (let i = 0; i < Math.min(a.length, bb.length); i++) {
      const d = compare(a[i] as J, bb[i] as J);
      if (d) return d;
    }
    return a.length - bb.length;
  }
  if (a instanceof Map) {
    const bm = b as JObject;
    const d = compare(sortedKeys(a), sortedKeys(bm));
    if (d) return d;
    for (const k of sortedKeys(a)) {
      const e = compare(a.get(k) as J, bm.get(k) as J);
      if (e) return e;
    }
  }
  return 0;
}

/** An object's keys sorted as `keys` gives them. */
export const sortedKeys = (o: JObject): string[] => [...o.keys()].sort(cmpStrings);

/** Deep equality (jv_equal). */
export const equal = (a: J, b: J): boolean => compare(a, b) === 0;

/** jq's truth: everything but null and false. */
export const truthy = (v: J): boolean => v !== null && v !== false;

/** A number as jq 1.6 prints it (jvp_dtoa_fmt: shortest round trip; ±inf as ±DBL_MAX, nan as null). */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return "null";
  if (n === Number.POSITIVE_INFINITY) return "1.7976931348623157e+308";
  if (n === Number.NEGATIVE_INFINITY) return "-1.7976931348623157e+308";
  if (Object.is(n, -0)) return "-0";
  return String(n);
}

/** A string as a JSON literal, as jvp_dump_string escapes it (DEL too). */
export function stringText(s: string): string {
  return JSON.stringify(s).replace(/\x7f/g, "\\u007f");
}

/** How dump lays a value out. */
export interface DumpOptions {
  /** Spaces per level (0: compact), or a tab. */
  indent: number | "tab";
  sortKeys?: boolean;
}

/** jv_dump_string: a value as text, pretty (jq's default) or compact (-c). */
export function dump(v: J, o: DumpOptions = { indent: 0 }, level = 0): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") return numberText(v);
  if (typeof v === "string") return stringText(v);
  const pretty = o.indent !== 0;
  const pad = (n: number) => (o.indent === "tab" ? "\t".repeat(n) : " ".repeat((o.indent as number) * n));
  const open = pretty ? `\n${pad(level + 1)}` : "";
  const sep = pretty ? `,\n${pad(level + 1)}` : ",";
  const close = pretty ? `\n${pad(level)}` : "";
  if (Array.isArray(v)) {
    if (!v.length) return "[]";
    return `[${open}${v.map((x) => dump(x, o, level + 1)).join(sep)}${close}]`;
  }
  if (!v.size) return "{}";
  const keys = o.sortKeys ? sortedKeys(v) : [...v.keys()];
  const colon = pretty ? ": " : ":";
  return `{${open}${keys.map((k) => `${stringText(k)}${colon}${dump(v.get(k) as J, o, level + 1)}`).join(sep)}${close}}`;
}

/** A value from a plain JS value (JSON.parse's, a YAML document's). */
export function fromPlain(x: unknown): J {
  if (x === null || x === undefined) return null;
  if (typeof x === "boolean" || typeof x === "number" || typeof x === "string") return x;
  if (typeof x === "bigint") return Number(x);
  if (x instanceof Date) return x.toISOString().replace(".000Z", "Z");
  if (Array.isArray(x)) return x.map(fromPlain);
  if (x instanceof Map) return new Map([...x].map(([k, v]) => [String(k), fromPlain(v)]));
  return new Map(Object.entries(x as object).map(([k, v]) => [k, fromPlain(v)]));
}

/** A plain JS value for a jq value (objects become plain objects). */
export function toPlain(v: J): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[k] = toPlain(x);
    return o;
  }
  return v;
}

/** Why JSON text could not be parsed: jv_parse's message with its position. */
export class JsonParseError extends Error {}

/**
 * Parses a stream of JSON texts (jq reads any number of values, separated by whitespace) as
 * jv_parse does; throws JsonParseError worded `MESSAGE at line L, column C`. Values parsed before
 * the error are given to each first.
 */
export function parseJsonStream(text: string, each: (v: J) => void): void {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // jq says "at EOF" for what it finds wrong only once the input has ended (a token or a value
  // still open), as jv_parse.c's finishing step reports it.
  const fail = (msg: string, atEof = false): never => {
    const at = Math.min(i, text.length);
    throw new JsonParseError(`${msg} at ${atEof ? "EOF at " : ""}line ${line}, column ${at - lineStart}`);
  };
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") {
        line++;
        lineStart = i + 1;
      } else if (c !== " " && c !== "\t" && c !== "\r") break;
    }
  };
  const literal = (): J => {
    const m = /^[^\s[\]{},:"]+/.exec(text.slice(i, i + 400)) as RegExpExecArray;
    const word = m[0];
    i += word.length;
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    if (word === "nan") return Number.NaN;
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(word)) return Number(word);
    // jq reports a bad literal once the token ends (at the next character), or at the end.
    const atEof = i >= text.length;
    if (i < text.length) i++;
    if (text[i - 1] === "\n") {
      line++;
      lineStart = i;
    }
    // check_literal (jv_parse.c): a token starting t, f or n is held to true, false, null or
    // nan; any other is read as a number.
    return fail(/^[tfn]/.test(word) ? "Invalid literal" : "Invalid numeric literal", atEof);
  };
  const str = (): string => {
    let out = "";
    i++;
    for (;;) {
      if (i >= text.length) return fail("Unfinished string", true);
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail("Invalid escape");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
          continue;
        }
        if (e === undefined || !(e in JSON_ESCAPES)) return fail("Invalid escape");
        out += JSON_ESCAPES[e];
        i += 2;
        continue;
      }
      if (c === "\n") {
        line++;
        lineStart = i + 1;
      }
      out += c;
      i++;
    }
  };
  const value = (): J => {
    ws();
    const c = text[i];
    if (c === undefined) return fail("Unfinished JSON term", true);
    if (c === '"') return str();
    if (c === "[") {
      i++;
      const arr: J[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const d = text[i];
        i++;
        if (d === ",") continue;
        if (d === "]") return arr;
        if (d === undefined) return fail("Unfinished JSON term", true);
        return fail(d === "}" ? "Unmatched '}'" : "Expected separator between values");
      }
    }
    if (c === "{") {
      i++;
      const obj: JObject = new Map();
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          i++;
          return fail(
            text[i - 1] === undefined ? "Unfinished JSON term" : "Object keys must be strings",
            text[i - 1] === undefined,
          );
        }
        const k = str();
        ws();
        if (text[i] !== ":") {
          i++;
          return fail("Objects must consist of key:value pairs");
        }
        i++;
        obj.set(k, value());
        ws();
        const d = text[i];
        i++;
        if (d === ",") continue;
        if (d === "}") return obj;
        if (d === undefined) return fail("Unfinished JSON term", true);
        return fail(d === "]" ? "Unmatched ']'" : "Expected separator between values");
      }
    }
    if (c === "]" || c === "}") {
      i++;
      return fail(`Unmatched '${c}'`);
    }
    if (c === "," || c === ":") {
      i++;
      return fail(c === "," ? "Expected value before ','" : "':' not as part of an object");
    }
    return literal();
  };
  for (;;) {
    ws();
    if (i >= text.length) return;
    each(value());
  }
}

/** Parses one JSON text (fromjson, --argjson); throws JsonParseError. */
export function parseJson(text: string): J {
  const all: J[] = [];
  parseJsonStream(text, (v) => all.push(v));
  if (all.length !== 1)
    throw new JsonParseError(all.length ? "Unexpected extra JSON values" : "Expected JSON value");
  return all[0] as J;
}
