/**
 * How Sprig and Helm functions see template values, as Go would: nil and missing alike, strings
 * and ints as the parameters' types (with text/template's conversion errors), fmt's %v, Sprig's
 * empty, YAML and JSON as sigs.k8s.io/yaml and encoding/json write and read them.
 */
import { parse as parseYaml } from "yaml";
import {
  type Fn,
  type FnCall,
  GoInt,
  GoStruct,
  goTypeName,
  MISSING,
  showValue,
  type Value,
} from "../../kubectl/output/gotemplate";
import { toYaml as marshalYaml } from "../../kubectl/output/yaml";
import { goJson, sortKeys } from "../../kubectl/strategicmerge";

/** UTF-8, as Go strings are bytes. */
export const utf8 = new TextEncoder();

/** A function with its Go signature's argument count. */
export function fn(min: number, max: number, body: Fn): Fn {
  const f: Fn = (args, fail, call) => body(args, fail, call);
  f.arity = [min, max];
  return f;
}

/** Whether a value is a missing entry or nil. */
export function isNil(v: Value): boolean {
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
export function str(v: Value, call: FnCall): string {
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
export function int(v: Value, call: FnCall): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  return call.failArg(`wrong type for value; expected int; got ${goTypeName(v)}`);
}

/** sprig's strval: strings as they are, anything else as fmt's %v. */
export function strval(v: Value): string {
  if (typeof v === "string") return v;
  return showValue(v);
}

/** sprig's toInt64 (cast.ToInt64): numbers truncated, numeric strings parsed, anything else 0. */
export function toInt64(v: Value): number {
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
export function goQuote(s: string): string {
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
export function yamlValue(text: string): unknown {
  return parseYaml(text, { version: "1.1", uniqueKeys: false }) ?? null;
}

/** YAML's Unmarshal into a map, with helm's Error key when it is not one. */
export function fromYaml(text: string): Value {
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

/** fromYamlArray: a YAML list, or the error as its one item. */
export function fromYamlArray(text: string): Value {
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
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

/** fromJson: a JSON object, or a map with the error under Error. */
export function fromJson(text: string): Value {
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

/** fromJsonArray: a JSON list, or the error as its one item. */
export function fromJsonArray(text: string): Value {
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

/** Whether a value is a map (not a list, struct or Go int). */
export function isMap(v: Value): v is Record<string, Value> {
  return (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoStruct)
  );
}

/** mergo.Merge without override, as sprig's merge: keys dst lacks (or holds empty) come from src, maps deeply. */
export function mergeInto(dst: Record<string, Value>, src: Record<string, Value>, overwrite: boolean): void {
  for (const [k, v] of Object.entries(src)) {
    const d = dst[k];
    if (isMap(d) && isMap(v)) mergeInto(d, v, overwrite);
    else if (!(k in dst) || (overwrite ? !empty(v) || isNil(d) : empty(d))) dst[k] = v;
  }
}

/** strings.Title: the first letter of each word upper-cased. */
export function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** A list parameter: a list, else Sprig's `Cannot NAME on type T`. */
export function list(v: Value, call: FnCall, name: string): Value[] {
  if (Array.isArray(v)) return v;
  return call.failArg(`Cannot ${name} on type ${goTypeName(v)}`);
}
