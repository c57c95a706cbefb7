/**
 * Scenario files, share links and autosaves are untrusted: they are decoded and validated the way
 * the API server decodes and validates a request, object by object, before anything is restored.
 * An object that fails (wrong types, unknown fields, an unknown kind, a name or spec the API
 * server would refuse, a duplicate, a namespace that is not there) is reported with its kind and
 * name and skipped; a file whose shape is wrong (not a Scenario, a bad time or seed, files that
 * are not text, too much of anything) is refused as a whole, and nothing is restored.
 */
import { resourceForGVK } from "./api/resources";
import { clone, type KubeObject } from "./api/types";
import { applyDefaults } from "./apiserver/defaults";
import { type JsonSchema, kubernetesSchema, strictDecodingError } from "./apiserver/schema/strict";
import { validateObject } from "./apiserver/validate-kinds";

/** The most objects a scenario may hold (the large-1000 scenario has ~11,000). */
export const MAX_SCENARIO_OBJECTS = 200_000;
/** The most files per node, and the largest file (bytes of text). */
export const MAX_NODE_FILES = 10_000;
export const MAX_FILE_SIZE = 4 * 1024 * 1024;
/** How deep an object may nest (the API server's JSON decoder stops at 10,000; objects need < 30). */
export const MAX_DEPTH = 100;

/** An object left out of an import, and why. */
export interface SkippedObject {
  kind: string;
  name: string;
  namespace?: string;
  reason: string;
}

/** Thrown for a file that cannot be imported at all (the current cluster stays as it is). */
export class SnapshotError extends Error {}

/** The one-line form of a skipped object: `Pod default/web: <reason>`. */
export function describeSkipped(s: SkippedObject): string {
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ""}${s.name}: ${s.reason}`;
}

const definitions = kubernetesSchema.definitions;
const kinds = kubernetesSchema["x-kubeglass-kinds"];

function refName(s: JsonSchema): string | undefined {
  return s.$ref?.replace("#/definitions/", "");
}

/** A schema node with its $ref and single allOf followed; the Go type name it came from. */
function resolve(schema: JsonSchema | undefined): { s?: JsonSchema; goType?: string } {
  let s = schema;
  let goType: string | undefined;
  for (let i = 0; s && i < 10; i++) {
    const ref = refName(s);
    if (ref) {
      goType = `v1.${ref.split(".").pop()}`;
      s = definitions[ref];
    } else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
    else break;
  }
  return { s, goType };
}

/** Go's name of what a JSON value is, as encoding/json's UnmarshalTypeError says it. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return `number ${v}`;
  return typeof v === "object" ? "object" : typeof v;
}

/** The Go type of a schema node, for messages. */
function goTypeOf(s: JsonSchema, named?: string): string {
  if (named) return named;
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === "integer") return s.format === "int64" ? "int64" : "int32";
  if (t === "boolean") return "bool";
  if (t === "number") return "float64";
  if (t === "array")
    return `[]${s.items ? goTypeOf(resolve(s.items).s ?? {}, resolve(s.items).goType) : "interface {}"}`;
  if (t === "object" && s.additionalProperties && typeof s.additionalProperties === "object")
    return `map[string]${goTypeOf(resolve(s.additionalProperties).s ?? {}, resolve(s.additionalProperties).goType)}`;
  return t ?? "interface {}";
}

/**
 * The first value of obj whose JSON type its schema refuses, as the decoder words it
 * (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`),
 * or undefined. Integers must be whole and within int32/int64.
 */
export function typeError(
  value: unknown,
  schema: JsonSchema | undefined,
  path = "",
  owner = "",
  depth = 0,
): string | undefined {
  if (depth > MAX_DEPTH) return `exceeded max depth of ${MAX_DEPTH} at ${path}`;
  const { s, goType } = resolve(schema);
  if (!s) return undefined;
  const field = () => `Go struct field ${owner}${path ? `.${path}` : ""}`;
  const refuse = () =>
    `json: cannot unmarshal ${jsonKind(value).split(" ")[0]} into ${field()} of type ${goTypeOf(s, goType)}`;
  if (s.oneOf) {
    // Quantity (string or number) and IntOrString (string or integer).
    const ok = s.oneOf.some((o) =>
      o.type === "string" ? typeof value === "string" : typeof value === "number",
    );
    return ok || value === null ? undefined : refuse();
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (value === null) return undefined; // null is the zero value for every Go type
  if (types.length === 0) return undefined;
  const t = types[0];
  switch (t) {
    case "string":
      return typeof value === "string" ? undefined : refuse();
    case "boolean":
      return typeof value === "boolean" ? undefined : refuse();
    case "number":
      return typeof value === "number" ? undefined : refuse();
    case "integer": {
      if (typeof value !== "number") return refuse();
      const bits = s.format === "int64" ? 63 : 31;
      if (!Number.isInteger(value) || value < -(2 ** bits) || value >= 2 ** bits)
        return `json: cannot unmarshal ${jsonKind(value)} into ${field()} of type ${goTypeOf(s)}`;
      return undefined;
    }
    case "array": {
      if (!Array.isArray(value)) return refuse();
      for (let i = 0; i < value.length; i++) {
        const e = typeError(value[i], s.items, path, owner, depth + 1);
        if (e) return e;
      }
      return undefined;
    }
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return refuse();
      const structName = goType ? (goType.split(".").pop() as string) : owner;
      const record = value as Record<string, unknown>;
      if (s.properties) {
        for (const [key, v] of Object.entries(record)) {
          const prop = s.properties[key];
          if (!prop) continue;
          const e = typeError(v, prop, path ? `${path}.${key}` : key, goType ? structName : owner, depth + 1);
          if (e) return e;
        }
      } else if (s.additionalProperties && typeof s.additionalProperties === "object") {
        for (const [key, v] of Object.entries(record)) {
          const e = typeError(v, s.additionalProperties, path ? `${path}.${key}` : key, owner, depth + 1);
          if (e) return e;
        }
      }
      return undefined;
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Why one object of a scenario cannot be restored, or undefined when it can. */
export function objectProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "not an object";
  const { kind, apiVersion, metadata } = value;
  if (typeof kind !== "string" || kind === "") return "Object 'Kind' is missing or not a string";
  if (typeof apiVersion !== "string" || apiVersion === "")
    return "Object 'apiVersion' is missing or not a string";
  const res = resourceForGVK(apiVersion, kind);
  if (!res) return `no matches for kind "${kind}" in version "${apiVersion}"`;
  if (!isRecord(metadata)) return "metadata: Required value";
  const entry = kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  const typeErr = entry ? typeError(value, { $ref: entry.ref }) : undefined;
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  if (typeErr) return `${kind} in version "${version}" cannot be handled as a ${kind}: ${typeErr}`;
  const obj = value as unknown as KubeObject;
  const strict = strictDecodingError(obj);
  if (strict) return strict.message;
  // Validated as the API server validates: after defaulting (on a copy; the saved object is kept).
  const defaulted = clone(obj);
  applyDefaults(defaulted, false);
  const causes = validateObject(defaulted);
  if (causes.length) {
    const texts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    return `invalid: ${texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`}`;
  }
  return undefined;
}

/** The kind and name an untrusted value says it has, as far as they are text. */
function identity(value: unknown): Omit<SkippedObject, "reason"> {
  const r = isRecord(value) ? value : {};
  const m = isRecord(r.metadata) ? r.metadata : {};
  const text = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  const ns = typeof m.namespace === "string" && m.namespace ? m.namespace : undefined;
  return {
    kind: text(r.kind, "<unknown kind>"),
    name: text(m.name, "<unnamed>"),
    ...(ns ? { namespace: ns } : {}),
  };
}

/** A file path as the node file system keeps it: absolute, normalised, no NUL. */
function validPath(path: string): boolean {
  return (
    path.startsWith("/") && !path.includes("\0") && !path.split("/").some((p) => p === "." || p === "..")
  );
}

/** The decoded, validated parts of a scenario document. */
export interface DecodedScenario {
  time: string;
  seed: number;
  files: Record<string, Record<string, string>>;
  objects: KubeObject[];
  skipped: SkippedObject[];
}

/**
 * Decodes an untrusted scenario document (the parsed YAML or JSON). Throws SnapshotError when
 * the document as a whole is not one; otherwise returns what can be restored and what was
 * skipped, object by object.
 */
export function decodeScenario(data: unknown): DecodedScenario {
  if (!isRecord(data) || data.kind !== "Scenario")
    throw new SnapshotError("not a scenario file: expected kind: Scenario with time and objects");
  const { time, seed, files, objects } = data;
  if (
    typeof time !== "string" ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(time) ||
    Number.isNaN(Date.parse(time))
  )
    throw new SnapshotError(
      `not a scenario file: time must be an RFC 3339 UTC time, not ${JSON.stringify(time)}`,
    );
  if (
    seed !== undefined &&
    (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
  )
    throw new SnapshotError(`not a scenario file: seed must be an integer from 0 to 4294967295`);
  if (!Array.isArray(objects))
    throw new SnapshotError("not a scenario file: expected kind: Scenario with time and objects");
  if (objects.length > MAX_SCENARIO_OBJECTS)
    throw new SnapshotError(
      `the scenario has ${objects.length} objects, more than the ${MAX_SCENARIO_OBJECTS} allowed`,
    );
  const outFiles: Record<string, Record<string, string>> = {};
  if (files !== undefined && files !== null) {
    if (!isRecord(files)) throw new SnapshotError("not a scenario file: files must map node names to files");
    for (const [node, nodeFiles] of Object.entries(files)) {
      if (!isRecord(nodeFiles))
        throw new SnapshotError(`files of node ${JSON.stringify(node)}: expected a map of paths to text`);
      const entries = Object.entries(nodeFiles);
      if (entries.length > MAX_NODE_FILES)
        throw new SnapshotError(`files of node ${JSON.stringify(node)}: more than ${MAX_NODE_FILES} files`);
      const out: Record<string, string> = {};
      for (const [path, text] of entries) {
        if (!validPath(path))
          throw new SnapshotError(
            `files of node ${JSON.stringify(node)}: ${JSON.stringify(path)} is not an absolute path`,
          );
        if (typeof text !== "string")
          throw new SnapshotError(`files of node ${JSON.stringify(node)}: ${path} is not text`);
        if (text.length > MAX_FILE_SIZE)
          throw new SnapshotError(
            `files of node ${JSON.stringify(node)}: ${path} is larger than ${MAX_FILE_SIZE} bytes`,
          );
        out[path] = text;
      }
      outFiles[node] = out;
    }
  }
  const kept: KubeObject[] = [];
  const skipped: SkippedObject[] = [];
  const seen = new Set<string>();
  // The namespaces every cluster starts with (createCluster's INITIAL_NAMESPACES) exist anyway.
  const namespaces = new Set<string>(["default", "kube-node-lease", "kube-public", "kube-system"]);
  const candidates: KubeObject[] = [];
  for (const value of objects) {
    const problem = objectProblem(value);
    if (problem) {
      skipped.push({ ...identity(value), reason: problem });
      continue;
    }
    candidates.push(value as KubeObject);
    if ((value as KubeObject).kind === "Namespace")
      namespaces.add((value as KubeObject).metadata.name as string);
  }
  for (const obj of candidates) {
    const res = resourceForGVK(obj.apiVersion, obj.kind);
    const ns = res?.namespaced ? obj.metadata.namespace || "default" : undefined;
    const key = `${obj.kind}/${ns ?? ""}/${obj.metadata.name}`;
    if (seen.has(key)) {
      skipped.push({ ...identity(obj), reason: "a second object of the same kind and name" });
      continue;
    }
    if (ns && !namespaces.has(ns)) {
      skipped.push({ ...identity(obj), reason: `namespaces "${ns}" not found` });
      continue;
    }
    seen.add(key);
    kept.push(obj);
  }
  return { time, seed: typeof seed === "number" ? seed : 1, files: outFiles, objects: kept, skipped };
}
