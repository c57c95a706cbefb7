/**
 * The three-way merge `kubectl apply` performs (apimachinery pkg/util/strategicpatch
 * CreateThreeWayMergePatch, then the server applying that patch), computed directly as the merged
 * object: fields the new manifest sets win over the live object; fields the last applied
 * configuration had and the new one dropped are removed; everything else (defaults, fields other
 * writers set) stays. Lists of objects merge by their patch merge key (containers by name, ports
 * by containerPort, ...); other lists are replaced.
 */

import { type JsonSchema, kubernetesSchema } from "../engine/apiserver/schema/strict";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

/**
 * The patchMergeKey of list fields, by field name (k8s.io/api struct tags, `patchStrategy:"merge"`).
 * Fields not listed are replaced as a whole (tolerations, node taints, args, command, ...).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
  conditions: "type",
  ownerReferences: "uid",
};

/** The merge key of a list field by name; ports differ between containers (containerPort) and services (port). */
function mergeKeyFor(field: string, path: string[], items: Json[]): string | undefined {
  if (field === "ports") {
    const first = items.find((i) => i && typeof i === "object") as JsonMap | undefined;
    if (path.includes("containers") || path.includes("initContainers")) return "containerPort";
    if (first && "containerPort" in first) return "containerPort";
    return "port";
  }
  return MERGE_KEYS[field];
}

/** The merge key of a list field for objects the schema is not consulted for (the MERGE_KEYS table). */
export function mergeKeyOf(field: string, path: string[], items: unknown[]): string | undefined {
  return mergeKeyFor(field, path, items as Json[]);
}

function isMap(v: unknown): v is JsonMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// --- Patch metadata: the x-kubernetes-patch-strategy / -merge-key of the OpenAPI schema, with
// the MERGE_KEYS table as the fallback for objects the schema does not describe. ---

const definitions = (kubernetesSchema as unknown as { definitions: Record<string, JsonSchema> }).definitions;
const kindRefs = (
  kubernetesSchema as unknown as { "x-kubeglass-kinds": { apiVersion: string; kind: string; ref: string }[] }
)["x-kubeglass-kinds"];

function deref(s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 10; i++) {
    if (cur.$ref) cur = definitions[cur.$ref.replace("#/definitions/", "")];
    else if (cur.allOf && cur.allOf.length === 1 && !cur.properties) cur = cur.allOf[0];
    else return cur;
  }
  return cur;
}

/** Where a value sits: its schema (when known) and its field path. */
interface PatchMeta {
  schema?: JsonSchema;
  path: string[];
}

/** The patch metadata of an object's root, from its apiVersion and kind. */
export function rootMeta(obj: unknown): PatchMeta {
  if (!isMap(obj)) return { path: [] };
  const entry = kindRefs.find((k) => k.apiVersion === obj.apiVersion && k.kind === obj.kind);
  return { schema: entry ? deref({ $ref: entry.ref }) : undefined, path: [] };
}

function childMeta(meta: PatchMeta, key: string): PatchMeta {
  const s = meta.schema;
  const prop =
    s?.properties?.[key] ??
    (isMap(s?.additionalProperties) ? (s?.additionalProperties as JsonSchema) : undefined);
  return { schema: deref(prop), path: [...meta.path, key] };
}

/** How a list field merges: by a key, as a set (primitive merge lists), or replaced. */
function listMeta(
  meta: PatchMeta,
  field: string,
  items: Json[],
): { key?: string; set: boolean; item: PatchMeta } {
  const path = [...meta.path, field];
  const prop = meta.schema?.properties?.[field];
  if (prop) {
    const strategy = String(prop["x-kubernetes-patch-strategy"] ?? "");
    const key = prop["x-kubernetes-patch-merge-key"] as string | undefined;
    // The generated schema keeps the merge key but not always the strategy; a key implies merge.
    const merge = strategy.split(",").includes("merge") || key !== undefined;
    const item = { schema: deref(prop.items), path };
    // metadata.finalizers is patchStrategy "merge" (a set); the generated schema lost the tag.
    return { key: merge ? key : undefined, set: (merge && !key) || field === "finalizers", item };
  }
  return { key: mergeKeyFor(field, path, items), set: false, item: { path } };
}

/** Deep equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Merges modified into live, removing what original had and modified dropped.
 * original: the last applied configuration ({} when there was none).
 */
export function threeWayMerge(
  original: unknown,
  modified: unknown,
  live: unknown,
  meta: PatchMeta = rootMeta(modified),
): unknown {
  if (!isMap(modified) || !isMap(live)) return structuredClone(modified);
  const orig = isMap(original) ? original : {};
  const out: JsonMap = structuredClone(live);
  for (const [key, value] of Object.entries(modified)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (isMap(value) && isMap(current)) {
      out[key] = threeWayMerge(orig[key], value, current, childMeta(meta, key)) as Json;
    } else if (Array.isArray(value) && Array.isArray(current)) {
      out[key] = mergeList(listMeta(meta, key, [...value, ...current]), orig[key], value, current);
    } else {
      out[key] = structuredClone(value);
    }
  }
  for (const key of Object.keys(orig)) if (!(key in modified)) delete out[key];
  return out;
}

function mergeList(
  lm: { key?: string; set: boolean; item: PatchMeta },
  original: Json | undefined,
  modified: Json[],
  live: Json[],
): Json[] {
  const origItems = Array.isArray(original) ? original : [];
  if (lm.set) {
    // A primitive list with the merge strategy (finalizers): a set.
    const out = live.filter(
      (v) => modified.some((m) => deepEqual(m, v)) || !origItems.some((o) => deepEqual(o, v)),
    );
    for (const m of modified) if (!out.some((v) => deepEqual(v, m))) out.push(m);
    return structuredClone(out);
  }
  const key = lm.key;
  if (!key || !modified.every(isMap)) return structuredClone(modified);
  const find = (items: Json[], k: Json) =>
    items.find((i) => isMap(i) && deepEqual(i[key], k)) as JsonMap | undefined;
  const out: Json[] = [];
  for (const item of modified as JsonMap[]) {
    const current = find(live, item[key] as Json);
    out.push(
      current
        ? (threeWayMerge(find(origItems, item[key] as Json), item, current, lm.item) as Json)
        : structuredClone(item),
    );
  }
  // Items someone else added stay, after ours; items we applied before and dropped now go.
  for (const item of live) {
    if (!isMap(item)) continue;
    const k = item[key] as Json;
    if (find(modified, k)) continue;
    if (find(origItems, k)) continue;
    out.push(structuredClone(item));
  }
  return out;
}

/**
 * A two-way strategic merge patch from → to (CreateTwoWayMergePatch's shape: null deletes a
 * field, keyed lists carry `$setElementOrder/FIELD`, changed items with their merge key, and
 * `{"$patch":"delete"}` items), used to show the patch in `error when applying patch` messages.
 */
export function diffPatch(from: unknown, to: unknown, meta: PatchMeta = rootMeta(to)): unknown {
  if (!isMap(from) || !isMap(to)) return to;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(to)) {
    const old = from[k];
    if (deepEqual(old, v)) continue;
    if (isMap(v) && isMap(old)) out[k] = diffPatch(old, v, childMeta(meta, k)) as Json;
    else if (Array.isArray(v) && Array.isArray(old)) {
      const lm = listMeta(meta, k, [...v, ...old]);
      const key = lm.key;
      if (!key || !v.every(isMap) || !old.every(isMap)) {
        out[k] = v;
        continue;
      }
      const find = (items: Json[], kv: Json) =>
        items.find((i) => isMap(i) && deepEqual(i[key], kv)) as JsonMap | undefined;
      out[`$setElementOrder/${k}`] = (v as JsonMap[]).map((i) => ({ [key]: i[key] as Json }));
      const items: Json[] = [];
      for (const item of v as JsonMap[]) {
        const prev = find(old, item[key] as Json);
        if (!prev) items.push(item);
        else if (!deepEqual(prev, item))
          items.push({ ...(diffPatch(prev, item, lm.item) as JsonMap), [key]: item[key] as Json });
      }
      for (const item of old as JsonMap[])
        if (!find(v, item[key] as Json)) items.push({ $patch: "delete", [key]: item[key] as Json });
      if (items.length) out[k] = items;
    } else out[k] = v;
  }
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
  return out;
}

/** JSON with object keys sorted, as Go's encoding/json writes a map[string]interface{}. */
export function sortedJson(value: unknown): string {
  return goJson(JSON.stringify(sortKeys(value)));
}

/** Go's encoding/json escapes <, > and & (HTML-safe output); JSON.stringify does not. */
export function goJson(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A copy with object keys sorted recursively. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isMap(value)) {
    const out: JsonMap = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]) as Json;
    return out;
  }
  return value;
}
