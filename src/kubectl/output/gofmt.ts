/**
 * How Go prints JSON values: encoding/json (sorted map keys, HTML escaping) and fmt's %v.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

/** Go's byte-wise string order (sort.Strings, encoding/json map keys). */
export function goCompare(a: string, b: string): number {
  // UTF-8 byte order is code point order; UTF-16 order differs only around surrogates
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** A JSON string as Go's encoding/json writes it (escapes <, >, &, U+2028, U+2029). */
export function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A number as Go's encoding/json writes a float64 or int64. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return "null";
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: 'e' format with the exponent's leading zero dropped: 1e-07 → 1e-7
    return n
      .toExponential()
      .replace(/e([+-])(\d)$/, "e$10$2")
      .replace(/e([+-])0(\d)$/, "e$1$2");
  }
  return String(n);
}

/**
 * json.Marshal (indent "") or json.MarshalIndent(v, "", indent): map keys sorted, as kubectl's
 * JSON printer and jsonpath's object output.
 */
export function goJson(v: Json, indent = "", prefix = ""): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number") return goJsonNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  const nl = indent ? `\n${prefix}${indent}` : "";
  const end = indent ? `\n${prefix}` : "";
  const sep = indent ? ": " : ":";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[${nl}${v.map((x) => goJson(x, indent, prefix + indent)).join(`,${nl}`)}${end}]`;
  }
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort(goCompare);
  if (keys.length === 0) return "{}";
  return `{${nl}${keys.map((k) => `${goJsonString(k)}${sep}${goJson(v[k], indent, prefix + indent)}`).join(`,${nl}`)}${end}}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64), which fmt's %v uses for float64. */
export function goFormatFloatG(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const [mant, expText] = n.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? "-" : "+"}${e < 10 ? `0${e}` : e}`;
  }
  return String(n);
}

/** fmt.Sprintf("%v", v) of a decoded JSON value: maps as `map[k:v]`, slices as `[a b]`. */
export function goFmtV(v: Json): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  // integers decode as int64, other numbers as float64
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : goFormatFloatG(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(goFmtV).join(" ")}]`;
  const keys = Object.keys(v).sort(goCompare);
  return `map[${keys.map((k) => `${k}:${goFmtV(v[k])}`).join(" ")}]`;
}
