/**
 * A resource in a build (api/resource/resource.go): the object, the names it had before
 * prefixes, suffixes and hashes changed it (its OrgId and name history, which name references
 * and generator merges look up), and whether a generator asked for a content-hash suffix.
 */
import { resourceForKind } from "../../engine/api/resources";

// biome-ignore lint/suspicious/noExplicitAny: unstructured objects
export type Obj = Record<string, any>;

/** One resource of a build. */
export interface Res {
  obj: Obj;
  /** The name as read or generated (resource.OrgId().Name). */
  orgName: string;
  /** Every name it had, oldest first (the buildAnnotationPreviousNames). */
  previousNames: string[];
  /** A generated ConfigMap or Secret whose name takes a `-<hash>` suffix at the end of the build. */
  needsHash: boolean;
  /** The generator's behavior (create, merge, replace) for resources made by a generator. */
  behavior?: string;
}

/** A resource read from a file or made by a generator. */
export function newRes(obj: Obj, needsHash = false): Res {
  obj.metadata = obj.metadata ?? {};
  return { obj, orgName: nameOf(obj), previousNames: [], needsHash };
}

/** The object's metadata.name ("" when missing). */
export function nameOf(obj: Obj): string {
  return String(obj.metadata?.name ?? "");
}

/** The object's metadata.namespace ("" when missing). */
export function namespaceOf(obj: Obj): string {
  return String(obj.metadata?.namespace ?? "");
}

/** Renames the resource, remembering the old name. */
export function rename(r: Res, name: string): void {
  const old = nameOf(r.obj);
  if (old === name) return;
  r.previousNames.push(old);
  r.obj.metadata.name = name;
}

/** The group and version of an apiVersion ("apps/v1" → ["apps", "v1"], "v1" → ["", "v1"]). */
export function groupVersion(apiVersion: unknown): [string, string] {
  const av = String(apiVersion ?? "");
  const i = av.indexOf("/");
  return i < 0 ? ["", av] : [av.slice(0, i), av.slice(i + 1)];
}

/** Whether a kind is cluster-scoped (resid.Gvk.IsClusterScoped): known kinds by the API's list. */
export function isClusterScoped(kind: string): boolean {
  const res = resourceForKind(kind);
  return res ? !res.namespaced : false;
}

/** A field spec (types.FieldSpec): a slash-separated path in objects of a gvk, created when missing if create. */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

/** Whether a field spec's gvk selects the object (resid.Gvk.IsSelected). */
export function selects(fs: { group?: string; version?: string; kind?: string }, obj: Obj): boolean {
  const [group, version] = groupVersion(obj.apiVersion);
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  if (fs.kind && fs.kind !== obj.kind) return false;
  return true;
}

/**
 * Calls fn on every value at a field spec's path (sequences on the way are walked element by
 * element, as kustomize's fieldspec filter does). With create, a missing last field is made as an
 * empty map (or missing maps on the way), and fn gets undefined to fill it.
 */
export function visitPath(
  obj: Obj,
  path: string,
  create: boolean,
  fn: (value: unknown, set: (v: unknown) => void) => void,
): void {
  const parts = path.split(/(?<!\\)\//).map((p) => p.replace(/\\\//g, "/"));
  walk(obj, parts, 0, create, fn);
}

function walk(
  node: unknown,
  parts: string[],
  i: number,
  create: boolean,
  fn: (value: unknown, set: (v: unknown) => void) => void,
): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, parts, i, create, fn);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const map = node as Obj;
  // "name[]" names a sequence: walked when present, never created.
  const part = parts[i] as string;
  const key = part.replace(/\[\]$/, "");
  if (part !== key && !Array.isArray(map[key])) return;
  if (i === parts.length - 1) {
    if (!(key in map) || map[key] === null) {
      if (!create) return;
      fn(undefined, (v) => {
        map[key] = v;
      });
      return;
    }
    fn(map[key], (v) => {
      map[key] = v;
    });
    return;
  }
  if (!(key in map) || map[key] === null) {
    if (!create) return;
    map[key] = {};
  }
  walk(map[key], parts, i + 1, create, fn);
}
