/**
 * Strict field validation (fieldValidation=Strict, what kubectl create/apply ask for): an object
 * with fields its kind does not have is refused with the decoder's text,
 * `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"`.
 * The field sets come from the upstream OpenAPI schema in kubernetes.schema.gen.json.
 */
import { ApiError } from "../../api/errors";
import type { KubeObject } from "../../api/types";
import { decodeMetadataOnly, decodeTyped } from "./decode";
import { Checker } from "./fastcheck";
import schemaJson from "./kubernetes.schema.gen.json";

/** A JSON Schema node as the generated document writes it. */
export interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  [key: string]: unknown;
}

interface KindEntry {
  apiVersion: string;
  kind: string;
  ref: string;
}

/** The whole generated schema: draft-07, one `if apiVersion+kind then $ref` branch per kind. */
export const kubernetesSchema = schemaJson as unknown as JsonSchema & {
  definitions: Record<string, JsonSchema>;
  "x-kubeglass-kinds": KindEntry[];
};

const definitions = kubernetesSchema.definitions;
const kinds = kubernetesSchema["x-kubeglass-kinds"];

function deref(schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 10; i++) {
    if (s.$ref) s = definitions[s.$ref.replace("#/definitions/", "")];
    else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
    else return s;
  }
  return s;
}

/** The schema of one kind, standalone (with the definitions it refers to), for editors. */
export function schemaForKind(apiVersion: string, kind: string): JsonSchema | undefined {
  const entry = kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (!entry) return undefined;
  return { $schema: "http://json-schema.org/draft-07/schema#", $ref: entry.ref, definitions };
}

/** The schema node of a kind's object. */
function rootSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const entry = kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  return entry ? deref({ $ref: entry.ref }) : undefined;
}

/** The paths of the fields of value that its schema does not have, in document order. */
export function unknownFields(value: unknown, schema: JsonSchema | undefined, path = ""): string[] {
  const s = deref(schema);
  if (!s || value === null || typeof value !== "object") return [];
  const out: string[] = [];
  if (Array.isArray(value)) {
    if (!s.items) return out;
    value.forEach((item, i) => {
      out.push(...unknownFields(item, s.items, `${path}[${i}]`));
    });
    return out;
  }
  const record = value as Record<string, unknown>;
  if (s.properties) {
    for (const [key, v] of Object.entries(record)) {
      const child = path ? `${path}.${key}` : key;
      const prop = s.properties[key];
      if (prop) out.push(...unknownFields(v, prop, child));
      else if (s.additionalProperties === false) out.push(child);
    }
  } else if (s.additionalProperties && typeof s.additionalProperties === "object") {
    for (const [key, v] of Object.entries(record))
      out.push(...unknownFields(v, s.additionalProperties, path ? `${path}.${key}` : key));
  }
  return out;
}

/** transformDecodeError (apiserver handlers): `Pod in version "v1" cannot be handled as a Pod: ...`. */
function cannotBeHandled(obj: KubeObject, cause: string): ApiError {
  const version = obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[1] : obj.apiVersion;
  return new ApiError(
    "BadRequest",
    `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${cause}`,
  );
}

/** Removes the field at a path unknownFields reports (`spec.foo`, `spec.containers[0].bar`). */
export function dropField(obj: unknown, path: string): void {
  const steps = path.split(/\.|(?=\[)/).map((s) => (s.startsWith("[") ? Number(s.slice(1, -1)) : s));
  let v: unknown = obj;
  for (const step of steps.slice(0, -1)) {
    if (v === null || typeof v !== "object") return;
    v = (v as Record<string | number, unknown>)[step as string];
  }
  const last = steps[steps.length - 1];
  if (v !== null && typeof v === "object" && last !== undefined) delete (v as Record<string, unknown>)[last];
}

/** What a strict decoding error's text starts with. */
export const STRICT_DECODING_ERROR = "strict decoding error: ";

/** The paths of the fields obj's kind does not have (`spec.foo`). */
export function unknownFieldPaths(obj: KubeObject): string[] {
  return unknownFields(obj, rootSchema(obj.apiVersion, obj.kind));
}

/** `strict decoding error: unknown field "spec.foo", ...` for obj, or undefined when every field is known. */
export function strictDecodingText(obj: KubeObject): string | undefined {
  const schema = rootSchema(obj.apiVersion, obj.kind);
  if (!schema) return undefined;
  const unknown = unknownFields(obj, schema);
  if (unknown.length === 0) return undefined;
  return `${STRICT_DECODING_ERROR}${unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(", ")}`;
}

/** The strict decoding error for obj, or undefined when every field is known. */
export function strictDecodingError(obj: KubeObject): ApiError | undefined {
  const text = strictDecodingText(obj);
  return text === undefined ? undefined : cannotBeHandled(obj, text);
}

/** The name of the definition of a served kind ("io.k8s.api.core.v1.Pod"), or undefined. */
export function kindDefinition(apiVersion: string, kind: string): string | undefined {
  return kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind)?.ref.replace("#/definitions/", "");
}

/**
 * The decoder's error for obj as the API server returns it (400 BadRequest), or undefined. A
 * value of the wrong type is reported before unknown fields, as the serializer returns the
 * unmarshal error and drops the strict errors; quantities are left in canonical form.
 */
export function decodingError(obj: KubeObject): ApiError | undefined {
  const def = kindDefinition(obj.apiVersion, obj.kind);
  const root = def ? definitions[def] : undefined;
  if (!def || !root) return undefined;
  // One quick pass; the exact decoders run only to word what it found.
  const found = checker.check(obj, root);
  if (found.typeError) {
    const typed = decodeTyped(obj as unknown as Record<string, unknown>, def, definitions);
    if (!typed.ok) return cannotBeHandled(obj, typed.message);
  }
  return found.unknownField ? strictDecodingError(obj) : undefined;
}

const checker = new Checker(definitions);

/** The client-side decode error of a manifest's metadata (kubectl's metadataOnlyObject), if any. */
export function metadataDecodingError(obj: { metadata?: unknown }): string | undefined {
  return decodeMetadataOnly(obj.metadata, definitions);
}
