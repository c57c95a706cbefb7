/**
 * Scenario files, share links and autosaves are untrusted: they are decoded and validated the way
 * the API server decodes and validates a request, object by object, before anything is restored.
 * An object that fails (wrong types, unknown fields, an unknown kind, a name or spec the API
 * server would refuse, a duplicate, a namespace that is not there) is reported with its kind and
 * name and skipped; a file whose shape is wrong (not a Scenario, a bad time or seed, files that
 * are not text, too much of anything) is refused as a whole, and nothing is restored.
 */
import { CRD_KIND, Discovery } from "./api/discovery";
import { clone, type KubeObject } from "./api/types";
import { validateValue } from "./apiserver/apiextensions/schema";
import { applyDefaults, hasDefaults } from "./apiserver/defaults";
import { type JsonSchema, kubernetesSchema } from "./apiserver/schema/strict";
import { validateObject } from "./apiserver/validate-kinds";
import { nameIsDNSSubdomain, validateObjectMeta } from "./apiserver/validation";

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
/** Each kind's root schema node, by `apiVersion/kind` (one object each, so compile() caches it). */
const kindRoots = new Map<string, JsonSchema>(
  kinds.map((k) => [`${k.apiVersion}/${k.kind}`, { $ref: k.ref }]),
);

/** What a schema node accepts, compiled once per node for a fast walk. */
interface Compiled {
  t: "string" | "boolean" | "number" | "int32" | "int64" | "array" | "object" | "map" | "union" | "any";
  /** Go's name of the type, for messages (int32, v1.PodSpec, []v1.Container, map[string]string). */
  go: string;
  /** A Go struct's own name (PodSpec), which names the fields inside it in messages. */
  struct?: string;
  props?: Record<string, JsonSchema>;
  /** Whether fields beyond props are unknown (additionalProperties: false). */
  closed?: boolean;
  items?: JsonSchema;
  values?: JsonSchema;
  /** For a union (Quantity, IntOrString): whether a number may be a float. */
  floats?: boolean;
}

const compiledNodes = new WeakMap<JsonSchema, Compiled>();

/** Compiles a schema node ($ref and single allOf followed). */
function compile(schema: JsonSchema): Compiled {
  const cached = compiledNodes.get(schema);
  if (cached) return cached;
  let s: JsonSchema | undefined = schema;
  let named: string | undefined;
  for (let i = 0; s && i < 10; i++) {
    if (s.$ref) {
      const ref: string = s.$ref.replace("#/definitions/", "");
      named = ref.split(".").pop();
      s = definitions[ref];
    } else if (s.allOf && s.allOf.length === 1) s = s.allOf[0];
    else break;
  }
  const c = compileResolved(s ?? {}, named);
  compiledNodes.set(schema, c);
  return c;
}

function compileResolved(s: JsonSchema, named: string | undefined): Compiled {
  const go = named ? `v1.${named}` : undefined;
  if (s.oneOf)
    return { t: "union", go: go ?? "interface {}", floats: s.oneOf.some((o) => o.type === "number") };
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case "string":
      return { t: "string", go: go ?? "string" };
    case "boolean":
      return { t: "boolean", go: go ?? "bool" };
    case "number":
      return { t: "number", go: go ?? "float64" };
    case "integer":
      return s.format === "int64" ? { t: "int64", go: go ?? "int64" } : { t: "int32", go: go ?? "int32" };
    case "array":
      return { t: "array", go: go ?? `[]${s.items ? compile(s.items).go : "interface {}"}`, items: s.items };
    case "object":
      if (s.properties)
        return {
          t: "object",
          go: go ?? "struct",
          struct: named,
          props: s.properties,
          closed: s.additionalProperties === false,
        };
      if (s.additionalProperties && typeof s.additionalProperties === "object")
        return {
          t: "map",
          go: go ?? `map[string]${compile(s.additionalProperties).go}`,
          values: s.additionalProperties,
        };
      return { t: "any", go: go ?? "map[string]interface {}" };
  }
  return { t: "any", go: go ?? "interface {}" };
}

/** Go's name of what a JSON value is, as encoding/json's UnmarshalTypeError says it. */
function jsonKind(v: unknown, withNumber: boolean): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return withNumber ? `number ${v}` : "number";
  return typeof v === "object" ? "object" : typeof v;
}

/** The walk's findings: the first type error, and the unknown fields in document order. */
interface Findings {
  typeError?: string;
  unknown: string[];
}

/**
 * Walks value against its schema as the API server's decoder does: the first value of the wrong
 * JSON type ends the walk with encoding/json's text (`json: cannot unmarshal string into Go
 * struct field DeploymentSpec.spec.replicas of type int32`; integers must be whole and within
 * int32/int64); fields the schema does not have are collected for the strict decoding error.
 * path holds the keys down to value (array positions as numbers).
 */
function walk(
  value: unknown,
  schema: JsonSchema,
  path: (string | number)[],
  owner: string,
  out: Findings,
): boolean {
  if (path.length > MAX_DEPTH) {
    out.typeError = `exceeded max depth of ${MAX_DEPTH}`;
    return false;
  }
  if (value === null || value === undefined) return true; // null is every Go type's zero value
  const c = compile(schema);
  switch (c.t) {
    case "string":
      return typeof value === "string" || refuse(value, c, path, owner, out);
    case "boolean":
      return typeof value === "boolean" || refuse(value, c, path, owner, out);
    case "number":
      return typeof value === "number" || refuse(value, c, path, owner, out);
    case "int32":
    case "int64": {
      if (typeof value !== "number") return refuse(value, c, path, owner, out);
      const bound = c.t === "int64" ? 2 ** 63 : 2 ** 31;
      return (
        (Number.isInteger(value) && value >= -bound && value < bound) ||
        refuse(value, c, path, owner, out, true)
      );
    }
    case "union":
      return typeof value === "string" || typeof value === "number" || refuse(value, c, path, owner, out);
    case "array": {
      if (!Array.isArray(value)) return refuse(value, c, path, owner, out);
      if (!c.items) return true;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const ok = walk(value[i], c.items, path, owner, out);
        path.pop();
        if (!ok) return false;
      }
      return true;
    }
    case "object":
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return refuse(value, c, path, owner, out);
      const record = value as Record<string, unknown>;
      const inner = c.struct ?? owner;
      for (const key in record) {
        const child = c.t === "map" ? c.values : c.props?.[key];
        if (!child) {
          if (c.closed) out.unknown.push(fieldPath([...path, key]));
          continue;
        }
        path.push(key);
        const ok = walk(record[key], child, path, c.t === "map" ? owner : inner, out);
        path.pop();
        if (!ok) return false;
      }
      return true;
    }
  }
  return true;
}

/** Records encoding/json's UnmarshalTypeError for value at path; false, to end the walk. */
function refuse(
  value: unknown,
  c: Compiled,
  path: (string | number)[],
  owner: string,
  out: Findings,
  number = false,
): false {
  const field = path.filter((p) => typeof p === "string").join(".");
  out.typeError = `json: cannot unmarshal ${jsonKind(value, number)} into Go struct field ${owner}${field ? `.${field}` : ""} of type ${c.go}`;
  return false;
}

/** `spec.containers[0].foo`, as the strict decoding error writes a path. */
function fieldPath(path: (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/**
 * The decoding error of value against a schema node, or undefined (types first, as the decoder
 * fails on them; then strict decoding's unknown fields).
 *
 * @example typeError(2 ** 31, { type: "integer", format: "int32" }, "S") // "json: cannot unmarshal number 2147483648 into Go struct field S of type int32"
 */
export function typeError(value: unknown, schema: JsonSchema, owner = ""): string | undefined {
  const out: Findings = { unknown: [] };
  walk(value, schema, [], owner, out);
  return out.typeError;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Discovery of the built-in resources only. */
const BUILT_IN = new Discovery();

/** Why one object of a scenario cannot be restored, or undefined when it can. */
export function objectProblem(value: unknown, discovery: Discovery = BUILT_IN): string | undefined {
  if (!isRecord(value)) return "not an object";
  const { kind, apiVersion, metadata } = value;
  if (typeof kind !== "string" || kind === "") return "Object 'Kind' is missing or not a string";
  if (typeof apiVersion !== "string" || apiVersion === "")
    return "Object 'apiVersion' is missing or not a string";
  const res = discovery.forGVK(apiVersion, kind);
  if (!res) return `no matches for kind "${kind}" in version "${apiVersion}"`;
  if (!isRecord(metadata)) return "metadata: Required value";
  if (res.custom) {
    // A custom resource of a CRD the file holds: metadata and the CRD's schema.
    const { metadata: meta, ...body } = value;
    const causes = [
      ...validateObjectMeta(meta, res.namespaced, nameIsDNSSubdomain),
      ...validateValue(body, res.custom.definition?.schema?.openAPIV3Schema, ""),
    ];
    return causes.length ? `invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(", ")}` : undefined;
  }
  const root = kindRoots.get(`${apiVersion}/${kind}`);
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  if (root) {
    const found: Findings = { unknown: [] };
    walk(value, root, [], "", found);
    const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}`;
    if (found.typeError) return `${prefix}: ${found.typeError}`;
    if (found.unknown.length)
      return `${prefix}: strict decoding error: ${found.unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(", ")}`;
  }
  const obj = value as unknown as KubeObject;
  // Validated as the API server validates: after defaulting (on a copy; the saved object is kept).
  let defaulted = obj;
  if (hasDefaults(obj.kind)) {
    defaulted = clone(obj);
    applyDefaults(defaulted, false);
  }
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

/** The decoded, validated parts of a scenario file. */
export interface DecodedScenario {
  time: string;
  seed: number;
  /** The random generator's position when saved, if the file has it. */
  random?: number;
  files: Record<string, Record<string, string>>;
  /** Node services stopped when saved, by node name. */
  stopped?: Record<string, string[]>;
  objects: KubeObject[];
  skipped: SkippedObject[];
}

/** The node services a scenario can say were stopped (`systemctl stop`). */
const STOPPABLE = ["kubelet", "containerd"];

/** The stopped services of a scenario file, checked: node name → some of STOPPABLE. */
function decodeStopped(stopped: unknown): Record<string, string[]> | undefined {
  if (stopped === undefined || stopped === null) return undefined;
  if (!isRecord(stopped))
    throw new SnapshotError("not a scenario file: stopped must map node names to services");
  const out: Record<string, string[]> = {};
  for (const [node, units] of Object.entries(stopped)) {
    if (!Array.isArray(units) || units.some((u) => typeof u !== "string" || !STOPPABLE.includes(u)))
      throw new SnapshotError(
        `stopped services of node ${JSON.stringify(node)}: expected a list of ${STOPPABLE.join(", ")}`,
      );
    if (units.length) out[node] = [...new Set(units as string[])];
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Decodes an untrusted scenario document (the parsed YAML or JSON). Throws SnapshotError when
 * the document as a whole is not one; otherwise returns what can be restored and what was
 * skipped, object by object.
 */
export function decodeScenario(data: unknown): DecodedScenario {
  if (!isRecord(data) || data.kind !== "Scenario")
    throw new SnapshotError("not a scenario file: expected kind: Scenario with time and objects");
  const { time, seed, random, files, objects } = data;
  const stopped = decodeStopped(data.stopped);
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
  if (
    random !== undefined &&
    (typeof random !== "number" || !Number.isInteger(random) || random < 0 || random > 0xffffffff)
  )
    throw new SnapshotError(`not a scenario file: random must be an integer from 0 to 4294967295`);
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
  // Custom resources are known by the CRDs the file holds.
  const discovery = new Discovery();
  discovery.setCustomResourceDefinitions(
    objects.filter((o): o is KubeObject => isRecord(o) && o.kind === CRD_KIND && !objectProblem(o)),
  );
  for (const value of objects) {
    const problem = objectProblem(value, discovery);
    if (problem) {
      skipped.push({ ...identity(value), reason: problem });
      continue;
    }
    candidates.push(value as KubeObject);
    if ((value as KubeObject).kind === "Namespace")
      namespaces.add((value as KubeObject).metadata.name as string);
  }
  for (const obj of candidates) {
    const res = discovery.forGVK(obj.apiVersion, obj.kind);
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
  return {
    time,
    seed: typeof seed === "number" ? seed : 1,
    ...(typeof random === "number" ? { random } : {}),
    files: outFiles,
    ...(stopped ? { stopped } : {}),
    objects: kept,
    skipped,
  };
}
