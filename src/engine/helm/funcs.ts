/**
 * The functions of Helm's template engine (pkg/engine/funcs.go): Sprig's text functions
 * (Masterminds/sprig v3, less env and expandenv) that charts use, Helm's own (toYaml, fromYaml,
 * toJson, fromJson, and their Array forms), and the late-bound ones (include, tpl, required, fail,
 * lookup), on top of text/template's builtins. Each keeps its Go signature's argument count and
 * Sprig's behaviour on odd input (empty values, numbers given as strings).
 */
import { parse as parseYaml } from "yaml";
import {
  BUILTIN_FUNCS,
  type Fn,
  type FnCall,
  GoInt,
  GoStruct,
  GoTemplateError,
  goTypeName,
  MISSING,
  showValue,
  type Value,
} from "../../kubectl/output/gotemplate";
import { toYaml as marshalYaml } from "../../kubectl/output/yaml";
import { goJson, sortKeys } from "../../kubectl/strategicmerge";
import { encodeBase64 } from "../api/base64";
import { sha1, sha256 } from "../sh/applets/digest";
import { ERR_INVALID_SEMVER, parseConstraint, parseSemVer } from "./semver";

/** The wrap helm puts around a required/fail message so the caller can find it (warnWrap). */
export const WARN_START = "HELM_ERR_START";
/** The end of the wrap. */
export const WARN_END = "HELM_ERR_END";

/** includeFun's error for a template that includes itself too deeply; passed up unwrapped. */
class NestedReferenceError extends GoTemplateError {
  constructor(name: string) {
    super(`rendering template has a nested reference name: ${name}: unable to execute template`);
  }
}

/** How deep one named template may include itself (engine.go's recursionMaxNums). */
const RECURSION_MAX = 1000;

const utf8 = new TextEncoder();

/** A function with its Go signature's argument count. */
function fn(min: number, max: number, body: Fn): Fn {
  const f: Fn = (args, fail, call) => body(args, fail, call);
  f.arity = [min, max];
  return f;
}

/** Whether a value is a missing entry or nil. */
function isNil(v: Value): boolean {
  return v === MISSING || v === null || v === undefined;
}

/** The value as JSON would have it: Go ints as numbers, structs as their fields, missing as null. */
export function plain(v: Value): unknown {
  if (isNil(v)) return null;
  if (v instanceof GoInt) return v.value;
  if (v instanceof GoStruct) {
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(v.fields)) out[k] = plain(f);
    return out;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(v)) out[k] = plain(f as Value);
    return out;
  }
  return v;
}

/** A string parameter: a string, else text/template's conversion error. */
function str(v: Value, call: FnCall): string {
  if (typeof v === "string") return v;
  if (isNil(v))
    return call.failArg(
      v === MISSING
        ? "invalid value; expected string"
        : "wrong type for value; expected string; got interface {}",
    );
  return call.failArg(`wrong type for value; expected string; got ${goTypeName(v)}`);
}

/** An int parameter: Go ints, and float64 values that text/template does not convert (an error). */
function int(v: Value, call: FnCall): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  return call.failArg(`wrong type for value; expected int; got ${goTypeName(v)}`);
}

/** sprig's strval: strings as they are, anything else as fmt's %v. */
function strval(v: Value): string {
  if (typeof v === "string") return v;
  return showValue(v);
}

/** sprig's toInt64 (cast.ToInt64): numbers truncated, numeric strings parsed, anything else 0. */
function toInt64(v: Value): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === "number") return Math.trunc(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = Number(v.trim());
    return /^[-+]?\d+(\.\d+)?$/.test(v.trim()) && Number.isFinite(n) ? Math.trunc(n) : 0;
  }
  return 0;
}

/** sprig's empty: nil, zero numbers, false, "" and empty collections. */
export function empty(v: Value): boolean {
  if (isNil(v)) return true;
  if (v instanceof GoInt) return v.value === 0;
  if (v instanceof GoStruct) return false;
  if (typeof v === "string") return v === "";
  if (typeof v === "number") return v === 0;
  if (typeof v === "boolean") return !v;
  if (Array.isArray(v)) return v.length === 0;
  return Object.keys(v).length === 0;
}

/** Go's %q of a string (strconv.Quote): JSON's escapes, with \x7f and others as Go writes them. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, "\\x7f");
}

/** sigs.k8s.io/yaml's Marshal, as helm's toYaml: without the last newline. */
export function toYamlText(v: Value): string {
  return marshalYaml(plain(v)).replace(/\n$/, "");
}

/** encoding/json's Marshal of a value: map keys sorted, HTML characters escaped. */
export function toJsonText(v: Value): string {
  return goJson(JSON.stringify(sortKeys(plain(v))));
}

/** sigs.k8s.io/yaml's Unmarshal into interface{} (numbers are float64). */
function yamlValue(text: string): unknown {
  return parseYaml(text, { version: "1.1", uniqueKeys: false }) ?? null;
}

/** YAML's Unmarshal into a map, with helm's Error key when it is not one. */
function fromYaml(text: string): Value {
  try {
    const v = yamlValue(text);
    if (v === null) return {};
    if (typeof v !== "object" || Array.isArray(v))
      return {
        Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
      };
    return v;
  } catch (e) {
    return { Error: `error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}` };
  }
}

function fromYamlArray(text: string): Value {
  try {
    const v = yamlValue(text);
    if (v === null) return [];
    if (!Array.isArray(v))
      return [
        `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`,
      ];
    return v;
  } catch (e) {
    return [`error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`];
  }
}

/** The JSON kind encoding/json names in an UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

function fromJson(text: string): Value {
  try {
    const v = JSON.parse(text);
    if (v === null) return {};
    if (typeof v !== "object" || Array.isArray(v))
      return { Error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}` };
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

function fromJsonArray(text: string): Value {
  try {
    const v = JSON.parse(text);
    if (v === null) return [];
    if (!Array.isArray(v))
      return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}

function isMap(v: Value): v is Record<string, Value> {
  return (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoStruct)
  );
}

/** mergo.Merge without override, as sprig's merge: keys dst lacks (or holds empty) come from src, maps deeply. */
function mergeInto(dst: Record<string, Value>, src: Record<string, Value>, overwrite: boolean): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isMap(d) && isMap(v)) mergeInto(d, v, overwrite);
    else if (!(k in dst) || (overwrite ? !empty(v) || isNil(d) : empty(d))) dst[k] = v;
  }
}

/** strings.Title: the first letter of each word upper-cased. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function list(v: Value, call: FnCall, name: string): Value[] {
  if (Array.isArray(v)) return v;
  return call.failArg(`Cannot ${name} on type ${goTypeName(v)}`);
}

/** Sprig's and Helm's functions, less the late-bound ones. */
const SPRIG: [string, Fn][] = [
  // Defaults and flow.
  ["default", fn(1, Infinity, (a) => (a.length < 2 || empty(a[1]) ? a[0] : a[1]))],
  ["empty", fn(1, 1, (a) => empty(a[0]))],
  ["coalesce", fn(0, Infinity, (a) => a.find((v) => !empty(v)) ?? null)],
  ["ternary", fn(3, 3, (a) => (a[2] === true ? a[0] : a[1]))],
  ["fail", fn(1, 1, (a, fail) => fail(`${WARN_START}${strval(a[0])}${WARN_END}`))],
  // Strings.
  [
    "quote",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map((v) => goQuote(strval(v)))
        .join(" "),
    ),
  ],
  [
    "squote",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map((v) => `'${strval(v)}'`)
        .join(" "),
    ),
  ],
  [
    "cat",
    fn(0, Infinity, (a) =>
      a
        .filter((v) => !isNil(v))
        .map(strval)
        .join(" "),
    ),
  ],
  [
    "trunc",
    fn(2, 2, (a, _f, c) => {
      const n = int(a[0], c);
      const s = str(a[1], c);
      if (n < 0 && s.length + n > 0) return s.slice(s.length + n);
      if (n >= 0 && s.length > n) return s.slice(0, n);
      return s;
    }),
  ],
  [
    "trimSuffix",
    fn(2, 2, (a, _f, c) => {
      const s = str(a[1], c);
      const x = str(a[0], c);
      return x && s.endsWith(x) ? s.slice(0, s.length - x.length) : s;
    }),
  ],
  [
    "trimPrefix",
    fn(2, 2, (a, _f, c) => {
      const s = str(a[1], c);
      const x = str(a[0], c);
      return x && s.startsWith(x) ? s.slice(x.length) : s;
    }),
  ],
  ["trim", fn(1, 1, (a, _f, c) => str(a[0], c).trim())],
  [
    "trimAll",
    fn(2, 2, (a, _f, c) => {
      const cut = [...str(a[0], c)];
      const chars = [...str(a[1], c)];
      let i = 0;
      let j = chars.length;
      while (i < j && cut.includes(chars[i] as string)) i++;
      while (j > i && cut.includes(chars[j - 1] as string)) j--;
      return chars.slice(i, j).join("");
    }),
  ],
  ["replace", fn(3, 3, (a, _f, c) => str(a[2], c).split(str(a[0], c)).join(str(a[1], c)))],
  ["contains", fn(2, 2, (a, _f, c) => str(a[1], c).includes(str(a[0], c)))],
  ["hasPrefix", fn(2, 2, (a, _f, c) => str(a[1], c).startsWith(str(a[0], c)))],
  ["hasSuffix", fn(2, 2, (a, _f, c) => str(a[1], c).endsWith(str(a[0], c)))],
  ["upper", fn(1, 1, (a, _f, c) => str(a[0], c).toUpperCase())],
  ["lower", fn(1, 1, (a, _f, c) => str(a[0], c).toLowerCase())],
  ["title", fn(1, 1, (a, _f, c) => title(str(a[0], c)))],
  [
    "untitle",
    fn(1, 1, (a, _f, c) =>
      str(a[0], c).replace(/(^|\s)(\p{L})/gu, (_m, s: string, l: string) => s + l.toLowerCase()),
    ),
  ],
  ["repeat", fn(2, 2, (a, _f, c) => str(a[1], c).repeat(Math.max(0, int(a[0], c))))],
  [
    "substr",
    fn(3, 3, (a, _f, c) => {
      const s = str(a[2], c);
      let start = int(a[0], c);
      const end = int(a[1], c);
      if (start < 0) start = 0;
      return end < 0 || end > s.length ? s.slice(start) : s.slice(start, end);
    }),
  ],
  ["nospace", fn(1, 1, (a, _f, c) => str(a[0], c).replace(/\s+/g, ""))],
  [
    "indent",
    fn(2, 2, (a, _f, c) => {
      const pad = " ".repeat(int(a[0], c));
      return pad + str(a[1], c).split("\n").join(`\n${pad}`);
    }),
  ],
  [
    "nindent",
    fn(2, 2, (a, _f, c) => {
      const pad = " ".repeat(int(a[0], c));
      return `\n${pad}${str(a[1], c).split("\n").join(`\n${pad}`)}`;
    }),
  ],
  ["toString", fn(1, 1, (a) => strval(a[0]))],
  ["toStrings", fn(1, 1, (a) => (Array.isArray(a[0]) ? a[0].map(strval) : [strval(a[0])]))],
  [
    "join",
    fn(2, 2, (a, _f, c) => {
      const sep = str(a[0], c);
      const v = a[1];
      return Array.isArray(v) ? v.map(strval).join(sep) : strval(v);
    }),
  ],
  [
    "split",
    fn(2, 2, (a, _f, c) => {
      const out: Record<string, Value> = {};
      str(a[1], c)
        .split(str(a[0], c))
        .forEach((p, i) => {
          out[`_${i}`] = p;
        });
      return out;
    }),
  ],
  ["splitList", fn(2, 2, (a, _f, c) => str(a[1], c).split(str(a[0], c)))],
  ["regexMatch", fn(2, 2, (a, _f, c) => new RegExp(str(a[0], c)).test(str(a[1], c)))],
  [
    "regexReplaceAll",
    fn(3, 3, (a, _f, c) =>
      str(a[1], c).replace(new RegExp(str(a[0], c), "g"), str(a[2], c).replace(/\$\{?(\w+)\}?/g, "$$$1")),
    ),
  ],
  ["b64enc", fn(1, 1, (a, _f, c) => encodeBase64(str(a[0], c)))],
  [
    "b64dec",
    fn(1, 1, (a, _f, c) => {
      try {
        return new TextDecoder().decode(Uint8Array.from(atob(str(a[0], c)), (ch) => ch.charCodeAt(0)));
      } catch {
        return "illegal base64 data at input byte 0";
      }
    }),
  ],
  ["sha256sum", fn(1, 1, (a, _f, c) => sha256(utf8.encode(str(a[0], c))))],
  ["sha1sum", fn(1, 1, (a, _f, c) => sha1(utf8.encode(str(a[0], c))))],
  // Numbers.
  ["int", fn(1, 1, (a) => new GoInt(toInt64(a[0])))],
  ["int64", fn(1, 1, (a) => new GoInt(toInt64(a[0])))],
  [
    "float64",
    fn(1, 1, (a) => {
      const v = a[0];
      return v instanceof GoInt ? v.value : typeof v === "number" ? v : Number(strval(v)) || 0;
    }),
  ],
  ["atoi", fn(1, 1, (a, _f, c) => new GoInt(Number.parseInt(str(a[0], c), 10) || 0))],
  ["add", fn(0, Infinity, (a) => new GoInt(a.reduce((s: number, v) => s + toInt64(v), 0)))],
  ["add1", fn(1, 1, (a) => new GoInt(toInt64(a[0]) + 1))],
  ["sub", fn(2, 2, (a) => new GoInt(toInt64(a[0]) - toInt64(a[1])))],
  ["mul", fn(1, Infinity, (a) => new GoInt(a.reduce((s: number, v) => s * toInt64(v), 1)))],
  [
    "div",
    fn(2, 2, (a, fail) => {
      const d = toInt64(a[1]);
      if (d === 0) fail("runtime error: integer divide by zero");
      return new GoInt(Math.trunc(toInt64(a[0]) / d));
    }),
  ],
  [
    "mod",
    fn(2, 2, (a, fail) => {
      const d = toInt64(a[1]);
      if (d === 0) fail("runtime error: integer divide by zero");
      return new GoInt(toInt64(a[0]) % d);
    }),
  ],
  ["max", fn(1, Infinity, (a) => new GoInt(Math.max(...a.map(toInt64))))],
  ["min", fn(1, Infinity, (a) => new GoInt(Math.min(...a.map(toInt64))))],
  [
    "until",
    fn(1, 1, (a, _f, c) => Array.from({ length: Math.max(0, int(a[0], c)) }, (_v, i) => new GoInt(i))),
  ],
  // Collections.
  ["list", fn(0, Infinity, (a) => [...a])],
  [
    "dict",
    fn(0, Infinity, (a) => {
      const out: Record<string, Value> = {};
      for (let i = 0; i < a.length; i += 2) out[strval(a[i])] = i + 1 < a.length ? a[i + 1] : "";
      return out;
    }),
  ],
  ["hasKey", fn(2, 2, (a, _f, c) => isMap(a[0]) && str(a[1], c) in a[0])],
  ["get", fn(2, 2, (a, _f, c) => (isMap(a[0]) && str(a[1], c) in a[0] ? a[0][str(a[1], c)] : ""))],
  [
    "set",
    fn(3, 3, (a, _f, c) => {
      if (isMap(a[0])) a[0][str(a[1], c)] = a[2];
      return a[0];
    }),
  ],
  [
    "unset",
    fn(2, 2, (a, _f, c) => {
      if (isMap(a[0])) delete a[0][str(a[1], c)];
      return a[0];
    }),
  ],
  ["keys", fn(0, Infinity, (a) => a.flatMap((m) => (isMap(m) ? Object.keys(m) : [])))],
  ["values", fn(1, 1, (a) => (isMap(a[0]) ? Object.values(a[0]) : []))],
  [
    "pluck",
    fn(1, Infinity, (a, _f, c) => {
      const k = str(a[0], c);
      return a
        .slice(1)
        .filter((m) => isMap(m) && k in m)
        .map((m) => (m as Record<string, Value>)[k]);
    }),
  ],
  [
    "merge",
    fn(1, Infinity, (a) => {
      const dst = isMap(a[0]) ? a[0] : {};
      for (const src of a.slice(1)) if (isMap(src)) mergeInto(dst, src, false);
      return dst;
    }),
  ],
  [
    "mergeOverwrite",
    fn(1, Infinity, (a) => {
      const dst = isMap(a[0]) ? a[0] : {};
      for (const src of a.slice(1)) if (isMap(src)) mergeInto(dst, src, true);
      return dst;
    }),
  ],
  ["deepCopy", fn(1, 1, (a) => structuredClone(plain(a[0])) as Value)],
  ["first", fn(1, 1, (a, _f, c) => list(a[0], c, "first")[0] ?? null)],
  [
    "last",
    fn(1, 1, (a, _f, c) => {
      const l = list(a[0], c, "last");
      return l[l.length - 1] ?? null;
    }),
  ],
  ["rest", fn(1, 1, (a, _f, c) => list(a[0], c, "rest").slice(1))],
  ["initial", fn(1, 1, (a, _f, c) => list(a[0], c, "initial").slice(0, -1))],
  ["append", fn(2, 2, (a, _f, c) => [...list(a[0], c, "append"), a[1]])],
  ["prepend", fn(2, 2, (a, _f, c) => [a[1], ...list(a[0], c, "prepend")])],
  ["concat", fn(0, Infinity, (a) => a.flatMap((l) => (Array.isArray(l) ? l : [])))],
  ["has", fn(2, 2, (a) => Array.isArray(a[1]) && a[1].some((v) => toJsonText(v) === toJsonText(a[0])))],
  [
    "without",
    fn(1, Infinity, (a, _f, c) =>
      list(a[0], c, "without").filter((v) => !a.slice(1).some((w) => toJsonText(w) === toJsonText(v))),
    ),
  ],
  [
    "uniq",
    fn(1, 1, (a, _f, c) => {
      const seen = new Set<string>();
      return list(a[0], c, "uniq").filter((v) => {
        const k = toJsonText(v);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }),
  ],
  ["compact", fn(1, 1, (a, _f, c) => list(a[0], c, "compact").filter((v) => !empty(v)))],
  ["sortAlpha", fn(1, 1, (a) => (Array.isArray(a[0]) ? a[0].map(strval).sort() : [strval(a[0])]))],
  ["reverse", fn(1, 1, (a, _f, c) => [...list(a[0], c, "reverse")].reverse())],
  // Types.
  ["typeOf", fn(1, 1, (a) => (isNil(a[0]) ? "<nil>" : goTypeName(a[0])))],
  [
    "kindOf",
    fn(1, 1, (a) => {
      const t = isNil(a[0]) ? "invalid" : goTypeName(a[0]);
      return t.startsWith("map")
        ? "map"
        : t.startsWith("[]")
          ? "slice"
          : a[0] instanceof GoStruct
            ? "struct"
            : t;
    }),
  ],
  [
    "kindIs",
    fn(2, 2, (a, _f, c) => {
      const v = a[1];
      const t = isNil(v) ? "invalid" : goTypeName(v);
      const kind = t.startsWith("map")
        ? "map"
        : t.startsWith("[]")
          ? "slice"
          : v instanceof GoStruct
            ? "struct"
            : t;
      return kind === str(a[0], c);
    }),
  ],
  ["typeIs", fn(2, 2, (a, _f, c) => goTypeName(a[1]) === str(a[0], c))],
  // Versions.
  [
    "semverCompare",
    fn(2, 2, (a, fail, c) => {
      const constraint = parseConstraint(str(a[0], c));
      if (typeof constraint === "string") return fail(constraint);
      const v = parseSemVer(str(a[1], c));
      if (!v) return fail(ERR_INVALID_SEMVER);
      return constraint(v);
    }),
  ],
  [
    "semver",
    fn(1, 1, (a, fail, c) => {
      const v = parseSemVer(str(a[0], c));
      if (!v) return fail(ERR_INVALID_SEMVER);
      return new GoStruct(
        "*semver.Version",
        {
          Major: new GoInt(v.major),
          Minor: new GoInt(v.minor),
          Patch: new GoInt(v.patch),
          Prerelease: v.pre,
        },
        str(a[0], c).replace(/^v/, ""),
      );
    }),
  ],
  // Helm's own.
  ["toYaml", fn(1, 1, (a) => toYamlText(a[0]))],
  ["fromYaml", fn(1, 1, (a, _f, c) => fromYaml(str(a[0], c)))],
  ["fromYamlArray", fn(1, 1, (a, _f, c) => fromYamlArray(str(a[0], c)))],
  ["toJson", fn(1, 1, (a) => toJsonText(a[0]))],
  ["toPrettyJson", fn(1, 1, (a) => goJson(JSON.stringify(sortKeys(plain(a[0])), null, 2)))],
  ["toRawJson", fn(1, 1, (a) => JSON.stringify(sortKeys(plain(a[0]))))],
  ["fromJson", fn(1, 1, (a, _f, c) => fromJson(str(a[0], c)))],
  ["fromJsonArray", fn(1, 1, (a, _f, c) => fromJsonArray(str(a[0], c)))],
];

/** What the late-bound functions need from the render. */
export interface RenderHooks {
  /** helm lint's mode: required and fail log instead of failing. */
  lintMode?: boolean;
  /** The object lookup reads (`lookup "v1" "Secret" "ns" "name"`); an empty map without a cluster. */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Value;
}

/** Helm's template functions: text/template's builtins, Sprig's, Helm's, include/tpl/required/lookup. */
export function helmFuncs(hooks: RenderHooks = {}): Map<string, Fn> {
  const funcs = new Map<string, Fn>(BUILTIN_FUNCS);
  funcs.delete("exists");
  funcs.delete("base64decode");
  for (const [name, f] of SPRIG) funcs.set(name, f);
  const included = new Map<string, number>();
  funcs.set(
    "include",
    fn(2, 2, (a, fail, c) => {
      const name = str(a[0], c);
      const n = (included.get(name) ?? 0) + 1;
      if (n > RECURSION_MAX)
        fail(`rendering template has a nested reference name: ${name}: unable to execute template`);
      included.set(name, n);
      try {
        return c.set.execute(name, a[1]);
      } catch (e) {
        if (e instanceof NestedReferenceError) throw e;
        // The JavaScript stack ends before helm's count does: the same error, sooner.
        if (e instanceof RangeError || n > RECURSION_MAX) throw new NestedReferenceError(name);
        if (e instanceof GoTemplateError) return fail(e.message);
        throw e;
      } finally {
        included.set(name, n - 1);
      }
    }),
  );
  funcs.set(
    "tpl",
    fn(2, 2, (a, fail, c) => {
      const text = str(a[0], c);
      const clone = c.set.clone();
      try {
        clone.parse(clone.name, text);
      } catch (e) {
        if (e instanceof GoTemplateError) return fail(`cannot parse template ${goQuote(text)}: ${e.message}`);
        throw e;
      }
      try {
        return clone.execute(clone.name, a[1]).split("<no value>").join("");
      } catch (e) {
        if (e instanceof GoTemplateError)
          return fail(`error during tpl function execution for ${goQuote(text)}: ${e.message}`);
        throw e;
      }
    }),
  );
  funcs.set(
    "required",
    fn(2, 2, (a, fail, c) => {
      const warn = str(a[0], c);
      const v = a[1];
      if (isNil(v) || v === "") {
        if (hooks.lintMode) return "";
        return fail(`${WARN_START}${warn}${WARN_END}`);
      }
      return v;
    }),
  );
  if (hooks.lintMode)
    funcs.set(
      "fail",
      fn(1, 1, () => ""),
    );
  funcs.set(
    "lookup",
    fn(4, 4, (a, _f, c) => hooks.lookup?.(str(a[0], c), str(a[1], c), str(a[2], c), str(a[3], c)) ?? {}),
  );
  // Without --enable-dns, getHostByName answers nothing.
  funcs.set(
    "getHostByName",
    fn(1, 1, () => ""),
  );
  return funcs;
}
