/**
 * A custom resource against its CRD's structural openAPIV3Schema, as the apiextensions-apiserver
 * treats a request body: defaulting from `default:` (schema/defaulting/algorithm.go), pruning of
 * fields the schema does not specify (schema/pruning/algorithm.go) and validation with
 * kube-openapi's validate package, its errors converted by kubeOpenAPIResultToFieldErrors
 * (apiserver/validation/validation.go): `spec.replicas: Invalid value: "string": spec.replicas in
 * body must be of type integer: "string"`.
 */
import type { FieldCause } from "../../api/errors";
import { invalidField, notSupported, required, tooLong } from "../field";

/** A JSONSchemaProps node (apiextensions.k8s.io/v1), as JSON. */
export interface SchemaProps {
  type?: string;
  properties?: Record<string, SchemaProps>;
  additionalProperties?: boolean | SchemaProps;
  items?: SchemaProps;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  description?: string;
  format?: string;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  [key: string]: unknown;
}

/** The `in` of kube-openapi's messages for a request body. */
const IN = "body";

/** The JSON type name kube-openapi reports for a value (schemaInfoForType). */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "object";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeMatches(schema: SchemaProps, value: unknown): boolean {
  const actual = jsonTypeOf(value);
  if (schema["x-kubernetes-int-or-string"]) return actual === "integer" || actual === "string";
  if (!schema.type) return true;
  if (schema.type === "number") return actual === "number" || actual === "integer";
  return schema.type === actual;
}

/** Go's %v of a float64 bound: 1, 1.5, 1e+21. */
function goNumber(n: number): string {
  if (Math.abs(n) >= 1e21) return n.toExponential().replace(/e\+?(-?)(\d)$/, "e+$10$2");
  return String(n);
}

/** Whether a Go RE2 pattern matches (the common subset JavaScript shares). */
function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

/**
 * Validates value against schema at path (`spec.replicas`), in kube-openapi's order: type,
 * then string, number, array and enum checks, then an object's required fields and properties.
 */
export function validateValue(value: unknown, schema: SchemaProps | undefined, path: string): FieldCause[] {
  if (!schema) return [];
  const errs: FieldCause[] = [];
  if (value === null && schema.nullable) return errs;
  if (!typeMatches(schema, value)) {
    const expected = schema["x-kubernetes-int-or-string"] ? "integer,string" : (schema.type as string);
    const actual = jsonTypeOf(value);
    errs.push(
      invalidField(path, actual, `${path} in ${IN} must be of type ${expected}: ${JSON.stringify(actual)}`),
    );
    return errs;
  }
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
      errs.push(tooLong(path, schema.maxLength));
    if (schema.minLength !== undefined && [...value].length < schema.minLength)
      errs.push(
        invalidField(path, value, `${path} in ${IN} should be at least ${schema.minLength} chars long`),
      );
    if (schema.pattern !== undefined && !patternMatches(schema.pattern, value))
      errs.push(invalidField(path, value, `${path} in ${IN} should match '${schema.pattern}'`));
  }
  if (typeof value === "number") {
    if (schema.multipleOf !== undefined && schema.multipleOf > 0 && value % schema.multipleOf !== 0)
      errs.push(
        invalidField(path, value, `${path} in ${IN} should be a multiple of ${goNumber(schema.multipleOf)}`),
      );
    if (schema.maximum !== undefined) {
      const bad = schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum;
      if (bad)
        errs.push(
          invalidField(
            path,
            value,
            `${path} in ${IN} should be less than ${schema.exclusiveMaximum ? "" : "or equal to "}${goNumber(schema.maximum)}`,
          ),
        );
    }
    if (schema.minimum !== undefined) {
      const bad = schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum;
      if (bad)
        errs.push(
          invalidField(
            path,
            value,
            `${path} in ${IN} should be greater than ${schema.exclusiveMinimum ? "" : "or equal to "}${goNumber(schema.minimum)}`,
          ),
        );
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errs.push(
        invalidField(path, value.length, `${path} in ${IN} should have at least ${schema.minItems} items`),
      );
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errs.push({
        type: "FieldValueTooMany",
        field: path,
        message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
      });
    value.forEach((item, i) => {
      errs.push(...validateValue(item, schema.items, `${path}[${i}]`));
    });
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errs.push(
      notSupported(
        path,
        value,
        schema.enum.map((e) => (typeof e === "string" ? e : JSON.stringify(e))),
      ),
    );
  if (isObject(value)) {
    const count = Object.keys(value).length;
    if (schema.minProperties !== undefined && count < schema.minProperties)
      errs.push(
        invalidField(path, count, `${path} in ${IN} should have at least ${schema.minProperties} properties`),
      );
    if (schema.maxProperties !== undefined && count > schema.maxProperties)
      errs.push({
        type: "FieldValueTooMany",
        field: path,
        message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
      });
    const child = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of schema.required ?? []) if (!(key in value)) errs.push(required(child(key)));
    for (const [key, v] of Object.entries(value)) {
      const prop = schema.properties?.[key];
      if (prop) errs.push(...validateValue(v, prop, child(key)));
      else if (isObject(schema.additionalProperties))
        errs.push(...validateValue(v, schema.additionalProperties, child(key)));
    }
  }
  return errs;
}

/**
 * Sets `default:` values of missing fields, deepest last (structuraldefaulting.Default): an
 * object's properties are defaulted, then each of its values is walked.
 */
export function applySchemaDefaults(value: unknown, schema: SchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (const item of value) applySchemaDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default !== undefined && (!(key in value) || (value[key] === null && !prop.nullable)))
      value[key] = JSON.parse(JSON.stringify(prop.default));
  }
  for (const [key, v] of Object.entries(value)) {
    const prop = schema.properties?.[key];
    if (prop) applySchemaDefaults(v, prop);
    else if (isObject(schema.additionalProperties)) applySchemaDefaults(v, schema.additionalProperties);
  }
}

/** The metadata fields an embedded or root object keeps (apiVersion, kind, metadata). */
const RESOURCE_META = new Set(["apiVersion", "kind", "metadata"]);

/**
 * Removes the fields the schema does not specify (structuralpruning.PruneWithOptions) and returns
 * their paths (`spec.foo`, `spec.items[0].bar`), as strict field validation reports them.
 * x-kubernetes-preserve-unknown-fields keeps a subtree's unknown fields.
 */
export function pruneUnknownFields(
  value: unknown,
  schema: SchemaProps | undefined,
  path = "",
  root = true,
): string[] {
  const pruned: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      pruned.push(...pruneUnknownFields(item, schema?.items, `${path}[${i}]`, false));
    });
    return pruned;
  }
  if (!isObject(value)) return pruned;
  const preserve = Boolean(schema?.["x-kubernetes-preserve-unknown-fields"]);
  const embedded = root || Boolean(schema?.["x-kubernetes-embedded-resource"]);
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    if (embedded && RESOURCE_META.has(key)) continue;
    const prop = schema?.properties?.[key];
    const additional = isObject(schema?.additionalProperties) ? schema?.additionalProperties : undefined;
    if (prop) pruned.push(...pruneUnknownFields(value[key], prop, child, false));
    else if (additional)
      pruned.push(...pruneUnknownFields(value[key], additional as SchemaProps, child, false));
    else if (schema?.additionalProperties === true || preserve) {
      // Unknown fields are kept, but nested known schemas still do not apply.
    } else {
      delete value[key];
      pruned.push(child);
    }
  }
  return pruned;
}
