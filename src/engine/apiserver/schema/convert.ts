/**
 * The patch path's decoding: the API server applies a strategic merge patch to a map and turns
 * the map into the typed object with runtime.DefaultUnstructuredConverter (FromUnstructured,
 * k8s.io/apimachinery/pkg/runtime/converter.go), whose errors differ from encoding/json's:
 * `unrecognized type: int32`, `cannot convert float64 to int32`, `cannot restore slice from
 * string`. The handler reports them as `patch: Invalid value: "map[spec:map[replicas:three]]": ...`
 * (patch.go applyPatchToObject), with the patch printed as Go's %+v prints a map.
 */
import { ERR_FORMAT_WRONG, parseQuantityExact } from "../quantity";
import { quantityParseError } from "./decode";
import type { JsonSchema } from "./strict";

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

/** reflect's Kind of a value decoded from JSON with PreserveInts (int64 for whole numbers). */
function sourceKind(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int64" : "float64";
  if (Array.isArray(value)) return "slice";
  return "map";
}

function resolve(
  node: JsonSchema | undefined,
  definitions: Record<string, JsonSchema>,
): { schema: JsonSchema; def?: string } | undefined {
  let s = node;
  let def: string | undefined;
  for (let i = 0; s && i < 10; i++) {
    if (s.$ref) {
      def = s.$ref.replace("#/definitions/", "");
      s = definitions[def];
    } else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
    else break;
  }
  return s ? { schema: s, def } : undefined;
}

/** The Go kind of a scalar schema node (int32, int64, float64, bool, string). */
function scalarKind(s: JsonSchema): string {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "integer") return s.format === "int32" ? "int32" : "int64";
  if (type === "number") return "float64";
  if (type === "boolean") return "bool";
  return "string";
}

/** fromUnstructured's error for a value of one scalar kind into another, or undefined. */
function scalarError(value: unknown, dt: string): string | undefined {
  const st = sourceKind(value);
  if (st === dt) return undefined;
  const numeric = (k: string) => k === "int32" || k === "int64" || k === "float64";
  if (st === "int64" && numeric(dt)) return undefined; // sv.Convert(dt)
  if (st === "float64" && dt === "float64") return undefined;
  if (st === "float64" && numeric(dt))
    return Number.isInteger(value) ? undefined : `cannot convert float64 to ${dt}`;
  // ConvertibleTo but not allowed between JSON's groups (an int to a string).
  if ((st === "int64" || st === "float64") && dt === "string") return `cannot convert ${st} to string`;
  return `unrecognized type: ${dt}`;
}

/**
 * The first error DefaultUnstructuredConverter.FromUnstructured finds turning value into the type
 * of node, or undefined. Fields are visited in name order (Go visits them in struct order).
 */
export function fromUnstructuredError(
  value: unknown,
  node: JsonSchema | undefined,
  definitions: Record<string, JsonSchema>,
): string | undefined {
  const r = resolve(node, definitions);
  if (!r || value === null || value === undefined) return undefined;
  const kind = sourceKind(value);
  // Types with UnmarshalJSON get the value marshalled back to JSON.
  if (r.def === QUANTITY) {
    if (kind !== "string" && kind !== "int64" && kind !== "float64") return ERR_FORMAT_WRONG;
    const text = typeof value === "string" ? value.trim() : String(value);
    return parseQuantityExact(text) ? undefined : quantityParseError(text);
  }
  if (r.def === INT_OR_STRING) {
    if (kind === "string" || kind === "int64") return undefined;
    const what =
      kind === "float64"
        ? `number ${String(value)}`
        : kind === "slice"
          ? "array"
          : kind === "map"
            ? "object"
            : kind;
    return `json: cannot unmarshal ${what} into Go value of type int32`;
  }
  if (r.def === TIME || r.def === MICRO_TIME) {
    if (kind === "string") return undefined;
    const what =
      kind === "slice"
        ? "array"
        : kind === "map"
          ? "object"
          : kind.startsWith("int") || kind === "float64"
            ? "number"
            : kind;
    return `json: cannot unmarshal ${what} into Go value of type string`;
  }
  const s = r.schema;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (s.properties) {
    if (kind !== "map") return `cannot restore struct from: ${kind}`;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(s.properties).sort()) {
      if (!(key in record)) continue;
      const err = fromUnstructuredError(record[key], s.properties[key], definitions);
      if (err) return err;
    }
    return undefined;
  }
  if (type === "array") {
    if (kind !== "slice") return `cannot restore slice from ${kind}`;
    for (const item of value as unknown[]) {
      const err = fromUnstructuredError(item, s.items, definitions);
      if (err) return err;
    }
    return undefined;
  }
  if (type === "object") {
    const elem = s.additionalProperties;
    if (!elem || typeof elem !== "object") return undefined;
    if (kind !== "map") return `cannot restore map from ${kind}`;
    for (const item of Object.values(value as Record<string, unknown>)) {
      const err = fromUnstructuredError(item, elem, definitions);
      if (err) return err;
    }
    return undefined;
  }
  if (type === "string" && s.format === "byte") {
    if (kind === "string") return undefined;
    return kind === "slice" ? undefined : `cannot restore slice from ${kind}`;
  }
  return scalarError(value, scalarKind(s));
}

/** A float64 as Go's %v prints it (%g, shortest: exponent below 1e-4 and from 1e21). */
function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 21) return String(n);
  const [mantissa, e] = n.toExponential().split("e") as [string, string];
  const sign = e.startsWith("-") ? "-" : "+";
  const digits = e.replace(/^[-+]/, "");
  return `${mantissa}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

/** A JSON value as Go's fmt %+v prints the map[string]interface{} it decodes to. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  const record = value as Record<string, unknown>;
  return `map[${Object.keys(record)
    .sort()
    .map((k) => `${k}:${goValue(record[k])}`)
    .join(" ")}]`;
}
