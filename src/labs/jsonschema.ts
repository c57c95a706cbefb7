/**
 * A small JSON Schema checker: the subset labs/lab.schema.json uses (type, enum, properties,
 * required, additionalProperties, items, oneOf, $ref to #/$defs, min/max lengths and counts,
 * pattern, minimum). No validator is bundled with the app, and the schema stays the one
 * description of a lab file: the editor's and this loader's.
 */

/** A schema node (the keywords this checker reads). */
export interface Schema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  minItems?: number;
  minLength?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  minimum?: number;
  description?: string;
}

/** One violation: where (a path of keys and indexes) and what. */
export interface SchemaError {
  path: (string | number)[];
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const got = typeOf(v);
  return got === want || (want === "number" && got === "integer");
}

/** Checks value against schema (root holds the $defs); returns every violation found. */
export function validateSchema(
  value: unknown,
  schema: Schema,
  root: Schema = schema,
  path: (string | number)[] = [],
): SchemaError[] {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, "");
    const target = root.$defs?.[name];
    if (!target) return [{ path, message: `schema error: unknown $ref ${schema.$ref}` }];
    return validateSchema(value, target, root, path);
  }
  if (schema.oneOf) return oneOf(value, schema.oneOf, root, path);
  const errors: SchemaError[] = [];
  if (schema.type && !typeMatches(schema.type, value))
    return [{ path, message: `must be ${article(schema.type)}, not ${article(typeOf(value))}` }];
  if (schema.enum && !schema.enum.includes(value))
    return [{ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` }];
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push({ path, message: "must not be empty" });
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      errors.push({ path, message: `${JSON.stringify(value)} does not match ${schema.pattern}` });
  }
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum)
    errors.push({ path, message: `must be at least ${schema.minimum}` });
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push({ path, message: `must have at least ${schema.minItems} item(s)` });
    if (schema.items)
      value.forEach((item, i) => {
        errors.push(...validateSchema(item, schema.items as Schema, root, [...path, i]));
      });
  }
  if (typeOf(value) === "object")
    errors.push(...objectErrors(value as Record<string, unknown>, schema, root, path));
  return errors;
}

function objectErrors(
  obj: Record<string, unknown>,
  schema: Schema,
  root: Schema,
  path: (string | number)[],
): SchemaError[] {
  const errors: SchemaError[] = [];
  const keys = Object.keys(obj);
  const props = schema.properties ?? {};
  for (const key of schema.required ?? [])
    if (!(key in obj)) errors.push({ path, message: `missing required field "${key}"` });
  for (const key of keys) {
    const sub = props[key];
    if (sub) errors.push(...validateSchema(obj[key], sub, root, [...path, key]));
    else if (schema.additionalProperties === false)
      errors.push({
        path: [...path, key],
        message: `unknown field "${key}" (expected one of: ${Object.keys(props).join(", ")})`,
      });
    else if (typeof schema.additionalProperties === "object")
      errors.push(...validateSchema(obj[key], schema.additionalProperties, root, [...path, key]));
  }
  if (schema.minProperties === 1 && schema.maxProperties === 1 && keys.length !== 1)
    errors.push({ path, message: `needs exactly one of: ${Object.keys(props).join(", ")}` });
  else if (schema.minProperties !== undefined && keys.length < schema.minProperties)
    errors.push({ path, message: `needs at least ${schema.minProperties} field(s)` });
  else if (schema.maxProperties !== undefined && keys.length > schema.maxProperties)
    errors.push({
      path,
      message: `has ${keys.length} fields (${keys.join(", ")}), at most ${schema.maxProperties} allowed`,
    });
  return errors;
}

/** Exactly one branch must match; when none does, the closest branch's errors are the answer. */
function oneOf(value: unknown, branches: Schema[], root: Schema, path: (string | number)[]): SchemaError[] {
  const results = branches.map((b) => validateSchema(value, b, root, path));
  const matching = results.filter((r) => r.length === 0).length;
  if (matching === 1) return [];
  if (matching > 1) return [{ path, message: "matches more than one form" }];
  return results.reduce((best, r) => (r.length < best.length ? r : best));
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
