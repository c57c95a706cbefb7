/**
 * The fast path of decoding, run on every write: one pass over the object against compiled
 * schema nodes that says whether any value has the wrong type and whether any field is unknown,
 * and writes quantities back in canonical form. Only when it finds something does the API server
 * model run the exact decoders (decode.ts for the message, strict.ts for the unknown fields),
 * which sort keys and build paths; a well-formed pod is checked in a few microseconds.
 */
import { formatQuantity, parseQuantityExact } from "../quantity";
import type { JsonSchema } from "./strict";

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

/** A schema node compiled for checking. */
type Compiled =
  | { kind: "struct"; props: Map<string, Lazy>; closed: boolean }
  | { kind: "array"; items: Lazy }
  | { kind: "map"; elem: Lazy }
  | { kind: "string" | "bytes" | "bool" | "int32" | "int64" | "float64" }
  | { kind: "quantity" | "intstr" | "time" | "any" };

/** A compiled node made on first use (the definitions refer to each other). */
type Lazy = () => Compiled;

/** What one pass found. */
export interface FastCheck {
  /** A value of the wrong type (or a quantity that does not parse) somewhere. */
  typeError: boolean;
  /** A field its schema does not have somewhere. */
  unknownField: boolean;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_LIMIT = 2 ** 63;

/** Canonical texts of the quantities seen (bounded): the same few are written over and over. */
const canonical = new Map<string, string | null>();

function canonicalQuantityText(text: string): string | null {
  let c = canonical.get(text);
  if (c === undefined) {
    const q = parseQuantityExact(text.trim());
    c = q ? formatQuantity(q) : null;
    if (canonical.size >= 4096) canonical.clear();
    canonical.set(text, c);
  }
  return c;
}

/** Compiles the schemas of one document's definitions, each node once. */
export class Checker {
  private readonly cache = new Map<JsonSchema, Compiled>();

  constructor(private readonly definitions: Record<string, JsonSchema>) {}

  /** The compiled node of a schema node (following $ref and one-element allOf). */
  compile(node: JsonSchema): Compiled {
    const hit = this.cache.get(node);
    if (hit) return hit;
    let s: JsonSchema | undefined = node;
    let def: string | undefined;
    for (let i = 0; s && i < 10; i++) {
      if (s.$ref) {
        def = s.$ref.replace("#/definitions/", "");
        s = this.definitions[def];
      } else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
      else break;
    }
    const out = this.build(s, def);
    this.cache.set(node, out);
    return out;
  }

  private lazy(node: JsonSchema | undefined): Lazy {
    let c: Compiled | undefined;
    return () => {
      if (!c) c = node ? this.compile(node) : { kind: "any" };
      return c;
    };
  }

  private build(s: JsonSchema | undefined, def: string | undefined): Compiled {
    if (!s) return { kind: "any" };
    if (def === QUANTITY) return { kind: "quantity" };
    if (def === INT_OR_STRING) return { kind: "intstr" };
    if (def === TIME || def === MICRO_TIME) return { kind: "time" };
    if (s.properties) {
      const props = new Map<string, Lazy>();
      for (const [k, v] of Object.entries(s.properties)) props.set(k, this.lazy(v));
      return { kind: "struct", props, closed: s.additionalProperties === false };
    }
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    switch (type) {
      case "array":
        return { kind: "array", items: this.lazy(s.items) };
      case "object":
        return s.additionalProperties && typeof s.additionalProperties === "object"
          ? { kind: "map", elem: this.lazy(s.additionalProperties) }
          : { kind: "any" };
      case "string":
        return { kind: s.format === "byte" ? "bytes" : "string" };
      case "boolean":
        return { kind: "bool" };
      case "integer":
        return { kind: s.format === "int32" ? "int32" : "int64" };
      case "number":
        return { kind: "float64" };
      default:
        return { kind: "any" };
    }
  }

  /** One pass over value against node; canonicalises quantities in place. */
  check(value: unknown, node: JsonSchema): FastCheck {
    const found: FastCheck = { typeError: false, unknownField: false };
    this.walk(value, this.compile(node), found);
    return found;
  }

  private walk(value: unknown, c: Compiled, found: FastCheck): void {
    if (value === null || value === undefined) return;
    switch (c.kind) {
      case "struct": {
        if (typeof value !== "object" || Array.isArray(value)) {
          found.typeError = true;
          return;
        }
        const record = value as Record<string, unknown>;
        for (const key in record) {
          const prop = c.props.get(key);
          if (!prop) {
            if (c.closed) found.unknownField = true;
            continue;
          }
          const v = record[key];
          const p = prop();
          if (p.kind === "quantity") this.quantity(record, key, v, found);
          else this.walk(v, p, found);
        }
        return;
      }
      case "array": {
        if (!Array.isArray(value)) {
          found.typeError = true;
          return;
        }
        const items = c.items();
        for (let i = 0; i < value.length; i++) if (value[i] === null) setZero(value, i, items);
        if (items.kind === "quantity")
          for (let i = 0; i < value.length; i++) this.quantity(value, i, value[i], found);
        else for (const item of value) this.walk(item, items, found);
        return;
      }
      case "map": {
        if (typeof value !== "object" || Array.isArray(value)) {
          found.typeError = true;
          return;
        }
        const record = value as Record<string, unknown>;
        const elem = c.elem();
        for (const key in record) {
          if (record[key] === null) setZero(record, key, elem);
          if (elem.kind === "quantity") this.quantity(record, key, record[key], found);
          else this.walk(record[key], elem, found);
        }
        return;
      }
      case "string":
        if (typeof value !== "string" && !(value instanceof Date)) found.typeError = true;
        return;
      case "bytes":
        // base64 is checked by the exact decoder only when the text has a character outside it.
        if (typeof value !== "string" || value.length % 4 !== 0 || !/^[A-Za-z0-9+/\r\n]*={0,2}$/.test(value))
          found.typeError = true;
        return;
      case "bool":
        if (typeof value !== "boolean") found.typeError = true;
        return;
      case "int32":
        if (
          !(typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
        )
          found.typeError = true;
        return;
      case "int64":
        if (
          !(
            typeof value === "number" &&
            Number.isInteger(value) &&
            value >= -INT64_LIMIT &&
            value < INT64_LIMIT
          )
        )
          found.typeError = true;
        return;
      case "float64":
        if (typeof value !== "number") found.typeError = true;
        return;
      case "intstr":
        if (
          typeof value !== "string" &&
          !(typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
        )
          found.typeError = true;
        return;
      case "time":
        if (typeof value !== "string" && !(value instanceof Date)) found.typeError = true;
        return;
      default:
        return;
    }
  }

  private quantity(
    container: Record<string, unknown> | unknown[],
    key: string | number,
    value: unknown,
    found: FastCheck,
  ): void {
    if (value === null || value === undefined) return;
    const text = typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
    const c = text === undefined ? null : canonicalQuantityText(text);
    if (c === null) found.typeError = true;
    else (container as Record<string | number, unknown>)[key] = c;
  }
}

/** Go's zero value of each kind, as json.Unmarshal leaves a list element or map value that is null. */
const ZERO: Partial<Record<Compiled["kind"], () => unknown>> = {
  string: () => "",
  bytes: () => "",
  bool: () => false,
  int32: () => 0,
  int64: () => 0,
  float64: () => 0,
  quantity: () => "0",
  intstr: () => 0,
  struct: () => ({}),
};

/** Replaces a null element by its type's zero value (a list of strings keeps no null). */
function setZero(holder: unknown[] | Record<string, unknown>, key: number | string, c: Compiled): void {
  const zero = ZERO[c.kind];
  if (zero) (holder as Record<string, unknown>)[key] = zero();
}
