/**
 * Patches (plugin/builtin/patchtransformer, patchstrategicmergetransformer,
 * patchjson6902transformer): strategic merge patches applied to the resource they name or to
 * each target, and RFC 6902 JSON patches applied to their targets.
 */
import { parseAllDocuments } from "yaml";
import { threeWayMerge } from "../strategicmerge";
import { applyDirectives } from "./directives";
import { KustomizeError } from "./errors";
import type { Patch, Selector } from "./kustomization";
import { type KustFs, readRelative } from "./loader";
import { groupVersion, nameOf, namespaceOf, type Obj, type Res } from "./resource";

/** A resource id as kustomize prints it (resid.ResId.String): `Deployment.v1.apps/web.[noNs]`. */
export function resIdString(obj: Obj, name = nameOf(obj)): string {
  const [group, version] = groupVersion(obj.apiVersion);
  const gvk = [obj.kind || "[noKind]", version || "[noVer]", group || "[noGrp]"].join(".");
  return `${gvk}/${name || "[noName]"}.${namespaceOf(obj) || "[noNs]"}`;
}

/** The documents of a patch text: maps for strategic merge patches, or one list for a JSON patch. */
function parsePatchText(text: string, source: string): { sm?: Obj[]; json?: Obj[] } {
  const docs = parseAllDocuments(text, { version: "1.2" });
  const list = Array.isArray(docs) ? docs : [docs];
  const values: unknown[] = [];
  for (const doc of list) {
    if (doc.errors.length) throw new KustomizeError(`unable to parse SM or JSON patch from ${source}`);
    const v = doc.toJS();
    if (v !== null && v !== undefined) values.push(v);
  }
  if (values.length === 1 && Array.isArray(values[0])) return { json: values[0] as Obj[] };
  if (values.length && values.every((v) => typeof v === "object" && !Array.isArray(v)))
    return { sm: values as Obj[] };
  throw new KustomizeError(`unable to parse SM or JSON patch from ${source}`);
}

function regexMatch(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

function labelsMatch(selector: string | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const t = term.trim();
    const neq = t.split("!=");
    if (neq.length === 2) return (labels?.[neq[0]?.trim() as string] ?? undefined) !== neq[1]?.trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return labels?.[eq[0]?.trim() as string] === eq[1]?.trim();
    if (t.startsWith("!")) return !(labels && t.slice(1) in labels);
    return Boolean(labels && t in labels);
  });
}

/** The resources a patch target selects (types.Selector, names and namespaces as anchored regexps). */
export function selectTargets(resources: Res[], target: Selector): Res[] {
  return resources.filter((r) => {
    const [group, version] = groupVersion(r.obj.apiVersion);
    if (target.group !== undefined && target.group !== "" && !regexMatch(target.group, group)) return false;
    if (target.version && !regexMatch(target.version, version)) return false;
    if (target.kind && !regexMatch(target.kind, String(r.obj.kind))) return false;
    if (target.name && !regexMatch(target.name, nameOf(r.obj)) && !regexMatch(target.name, r.orgName))
      return false;
    if (target.namespace && !regexMatch(target.namespace, namespaceOf(r.obj))) return false;
    if (!labelsMatch(target.labelSelector, r.obj.metadata?.labels)) return false;
    if (!labelsMatch(target.annotationSelector, r.obj.metadata?.annotations)) return false;
    return true;
  });
}

/** The one resource a strategic merge patch names by kind, name and namespace (current or original). */
function patchTarget(resources: Res[], patch: Obj): Res {
  const [group] = groupVersion(patch.apiVersion);
  const name = nameOf(patch);
  const ns = namespaceOf(patch);
  const matches = resources.filter((r) => {
    if (r.obj.kind !== patch.kind) return false;
    if (groupVersion(r.obj.apiVersion)[0] !== group) return false;
    if (nameOf(r.obj) !== name && r.orgName !== name && !r.previousNames.includes(name)) return false;
    return !ns || namespaceOf(r.obj) === ns || (!namespaceOf(r.obj) && ns === "default");
  });
  if (matches.length === 1) return matches[0] as Res;
  const id = resIdString(patch);
  const how = matches.length ? "multiple matches" : "no matches";
  throw new KustomizeError(
    `no resource matches strategic merge patch "${id}": ${how} for Id ${id}; failed to find unique target for patch ${id}`,
  );
}

/** Applies a strategic merge patch to an object in place; `$patch: delete` at the top removes it. */
export function applyStrategicMerge(target: Res, patch: Obj, resources: Res[]): void {
  if (patch.$patch === "delete") {
    resources.splice(resources.indexOf(target), 1);
    return;
  }
  const p = structuredClone(patch);
  // The patch cannot rename its target (unless allowNameChange).
  p.metadata = { ...(p.metadata ?? {}), name: nameOf(target.obj) };
  if (namespaceOf(target.obj)) p.metadata.namespace = namespaceOf(target.obj);
  else delete p.metadata.namespace;
  p.apiVersion = target.obj.apiVersion;
  p.kind = target.obj.kind;
  const base = structuredClone(target.obj);
  target.obj = threeWayMerge({}, applyDirectives(base, p), base) as Obj;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function pointer(path: unknown): string[] {
  if (typeof path !== "string" || (path !== "" && !path.startsWith("/")))
    throw new KustomizeError(`invalid JSON pointer: ${String(path)}`);
  return path === "" ? [] : path.slice(1).split("/").map(unescapeToken);
}

function parentOf(
  doc: Obj,
  tokens: string[],
  op: string,
  path: string,
): { parent: Obj | unknown[]; key: string } {
  let node: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(t)];
    else if (node && typeof node === "object") node = (node as Obj)[t];
    else node = undefined;
    if (node === undefined || node === null)
      throw new KustomizeError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
  }
  if (!node || typeof node !== "object")
    throw new KustomizeError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { parent: node as Obj, key: tokens.at(-1) as string };
}

function getAt(doc: Obj, path: string, op: string): unknown {
  let node: unknown = doc;
  for (const t of pointer(path)) {
    node = Array.isArray(node)
      ? node[Number(t)]
      : node && typeof node === "object"
        ? (node as Obj)[t]
        : undefined;
    if (node === undefined)
      throw new KustomizeError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
  }
  return node;
}

function removeAt(doc: Obj, path: string, op: string): unknown {
  const { parent, key } = parentOf(doc, pointer(path), op, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new KustomizeError(`Unable to remove nonexistent key: ${key}: missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw new KustomizeError(`Unable to remove nonexistent key: ${key}: missing value`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function addAt(doc: Obj, path: string, value: unknown, op: string, replace = false): void {
  const { parent, key } = parentOf(doc, pointer(path), op, path);
  if (Array.isArray(parent)) {
    const i = key === "-" ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length))
      throw new KustomizeError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
    return;
  }
  if (replace && !(key in parent))
    throw new KustomizeError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
  parent[key] = value;
}

/** Applies RFC 6902 operations to an object (evanphx/json-patch, which kustomize uses). */
export function applyJsonPatch(obj: Obj, ops: Obj[]): Obj {
  const doc = structuredClone(obj);
  for (const o of ops) {
    const op = String(o.op ?? "");
    switch (op) {
      case "add":
        addAt(doc, o.path, structuredClone(o.value), op);
        break;
      case "remove":
        removeAt(doc, o.path, op);
        break;
      case "replace":
        addAt(doc, o.path, structuredClone(o.value), op, true);
        break;
      case "move":
        addAt(doc, o.path, removeAt(doc, o.from, op), op);
        break;
      case "copy":
        addAt(doc, o.path, structuredClone(getAt(doc, o.from, op)), op);
        break;
      case "test":
        if (JSON.stringify(getAt(doc, o.path, op)) !== JSON.stringify(o.value))
          throw new KustomizeError(`testing value ${o.path} failed: test failed`);
        break;
      default:
        throw new KustomizeError(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

/** The text of a patch entry: inline or from its file. */
function patchText(fs: KustFs, root: string, p: Patch): { text: string; source: string } {
  const inline = typeof p.patch === "string" ? p.patch.trim() : "";
  if (!inline && !p.path)
    throw new KustomizeError(`must specify one of patch and path in\n${JSON.stringify(p)}`);
  if (inline && p.path) throw new KustomizeError("patch and path can't be set at the same time");
  if (inline) return { text: inline, source: `[patch: ${JSON.stringify(inline)}]` };
  try {
    return { text: readRelative(fs, root, p.path as string), source: `[path: ${JSON.stringify(p.path)}]` };
  } catch (e) {
    throw new KustomizeError(`failed to get the patch file from path(${p.path}): ${(e as Error).message}`);
  }
}

/** One `patches` entry (PatchTransformer). */
export function applyPatch(fs: KustFs, root: string, resources: Res[], p: Patch): void {
  const { text, source } = patchText(fs, root, p);
  const parsed = parsePatchText(text, source);
  if (parsed.json) {
    if (!p.target) throw new KustomizeError(`must specify a target for JSON patch ${source}`);
    for (const r of selectTargets(resources, p.target)) r.obj = applyJsonPatch(r.obj, parsed.json);
    return;
  }
  for (const patch of parsed.sm ?? []) {
    if (p.target) {
      for (const r of selectTargets(resources, p.target)) applyStrategicMerge(r, patch, resources);
    } else applyStrategicMerge(patchTarget(resources, patch), patch, resources);
  }
}

/** One `patchesStrategicMerge` entry: a file path, or an inline patch. */
export function applyStrategicMergeEntry(fs: KustFs, root: string, resources: Res[], entry: string): void {
  const inline = entry.includes("\n") || /^\s*(apiVersion|kind)\s*:/.test(entry);
  const text = inline ? entry : readRelative(fs, root, entry);
  const parsed = parsePatchText(text, entry);
  for (const patch of parsed.sm ?? []) applyStrategicMerge(patchTarget(resources, patch), patch, resources);
}

/** One `patchesJson6902` entry: a target and a JSON patch (YAML or JSON), inline or from a file. */
export function applyJson6902Entry(fs: KustFs, root: string, resources: Res[], p: Patch): void {
  if (!p.target) throw new KustomizeError("must specify the target field in patchesJson6902");
  const { text, source } = patchText(fs, root, p);
  const parsed = parsePatchText(text, source);
  if (!parsed.json) throw new KustomizeError(`unable to parse SM or JSON patch from ${source}`);
  const targets = selectTargets(resources, p.target);
  for (const r of targets) r.obj = applyJsonPatch(r.obj, parsed.json);
}
