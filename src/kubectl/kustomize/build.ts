/**
 * `kustomize build` of a directory (api/krusty/kustomizer.go, api/internal/target/kusttarget.go):
 * accumulate the resources (files, and directories with their own kustomization, depth first),
 * run the generators, then the builtin transformers in kustomize's order; at the top, append the
 * content hashes, fix the references to renamed objects and sort in the legacy order.
 */
import { parseAllDocuments } from "yaml";
import { KustomizeError } from "./errors";
import { generate } from "./generators";
import { contentHash } from "./hash";
import { type GeneratorArgs, type Kustomization, parseKustomization } from "./kustomization";
import { legacyCompare } from "./legacyorder";
import { firstMissing, type KustFs, loadKustFile } from "./loader";
import { fixNameReferences } from "./namereference";
import { applyJson6902Entry, applyPatch, applyStrategicMergeEntry, resIdString } from "./patches";
import { join } from "./paths";
import { groupVersion, nameOf, namespaceOf, newRes, type Obj, type Res, rename } from "./resource";
import {
  addAnnotations,
  addLabels,
  addPrefixSuffix,
  setImages,
  setNamespace,
  setReplicas,
} from "./transformers";

/** The resolver a node's Go programs ask (systemd-resolved's stub), named in DNS errors. */
const NODE_RESOLVER = "127.0.0.53:53";

/** What a build made: the objects in output order, and the warnings kustomize prints on stderr. */
export interface BuildResult {
  objects: Obj[];
  warnings: string[];
}

/** Builds the kustomization in dir (an absolute path), as `kubectl kustomize DIR` does. */
export function build(
  fs: KustFs,
  dir: string,
  options: { reorder: boolean; given?: string } = { reorder: true },
): BuildResult {
  const warnings: string[] = [];
  checkRoot(fs, dir, options.given ?? dir);
  let resources: Res[];
  try {
    resources = accumulateTarget(fs, dir, warnings, []);
  } catch (e) {
    if (e instanceof KustomizeError) e.warnings = warnings;
    throw e;
  }
  for (const r of resources) if (r.needsHash) rename(r, `${nameOf(r.obj)}-${contentHash(r.obj)}`);
  fixNameReferences(resources);
  const objects = resources.map((r) => r.obj);
  if (options.reorder) objects.sort(legacyCompare);
  return { objects, warnings };
}

/** The loader's check of the build root (loader.NewLoader, filesys.ConfirmDir). */
function checkRoot(fs: KustFs, dir: string, given: string): void {
  if (fs.listDir(dir)) return;
  const missing = firstMissing(fs, dir);
  if (!missing) throw new KustomizeError(`must build at directory: '${given}': file is not directory`);
  throw new KustomizeError(
    `must build at directory: not a valid directory: evalsymlink failure on '${given}' : lstat ${missing}: no such file or directory`,
  );
}

/** filepath.EvalSymlinks' error for a path that is missing. */
function evalSymlinkFailure(fs: KustFs, abs: string): string {
  return `evalsymlink failure on '${abs}' : lstat ${firstMissing(fs, abs) ?? abs}: no such file or directory`;
}

const HTTP_URL = /^https?:\/\//;

function hostOf(url: string): string {
  return (
    url
      .replace(/^[a-z+]+:\/\//, "")
      .replace(/^git@/, "")
      .split(/[/:?]/)[0] ?? ""
  );
}

/** A remote git base as kustomize's RepoSpec reads it (`github.com/org/repo//dir?ref=v1`), or undefined. */
export function gitRepoSpec(path: string): { url: string; host: string; ref: string } | undefined {
  const host = hostOf(path);
  // Any http(s) URL with an org and a repository in its path is tried as a git repository.
  const known = HTTP_URL.test(path) || ["github.com", "gitlab.com", "bitbucket.org"].includes(host);
  if (!known && !/\.git\b|\/_git\//.test(path)) return undefined;
  const rest = path
    .replace(/^[a-z+]+:\/\//, "")
    .replace(/^git@/, "")
    .slice(host.length)
    .replace(/^[:/]/, "");
  const [org, name] = rest.split("?")[0]?.split("/") ?? [];
  if (!org || !name) return undefined;
  const ref = /[?&](?:ref|version)=([^&]+)/.exec(path)?.[1] ?? "HEAD";
  return { url: `https://${host}/${org}/${name.replace(/\.git$/, "")}`, host, ref };
}

/**
 * Loads the kustomization in dir and accumulates what it makes. A base (nested) wraps its errors
 * as accumulateDirectory does: `couldn't make target for path` when its kustomization does not
 * load, `recursed accumulation of path` when building it fails.
 */
function accumulateTarget(
  fs: KustFs,
  dir: string,
  warnings: string[],
  stack: string[],
  nested = false,
): Res[] {
  if (stack.includes(dir))
    throw new KustomizeError(
      `cycle detected: candidate root '${dir}' contains visited root '${stack.at(-1)}'`,
    );
  let k: Kustomization;
  try {
    const parsed = parseKustomization(loadKustFile(fs, dir).text, dir);
    k = parsed.k;
    warnings.push(...parsed.warnings);
  } catch (e) {
    if (nested && e instanceof KustomizeError)
      throw new KustomizeError(`couldn't make target for path '${dir}': ${e.message}`);
    throw e;
  }
  try {
    return accumulateLoaded(fs, dir, k, warnings, stack);
  } catch (e) {
    if (nested && e instanceof KustomizeError)
      throw new KustomizeError(`recursed accumulation of path '${dir}': ${e.message}`);
    throw e;
  }
}

/** KustTarget.accumulateTarget: resources, generators, then transformers. */
function accumulateLoaded(
  fs: KustFs,
  dir: string,
  k: Kustomization,
  warnings: string[],
  stack: string[],
): Res[] {
  const resources: Res[] = [];
  for (const path of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    try {
      accumulateResource(fs, dir, path, resources, warnings, [...stack, dir]);
    } catch (e) {
      if (e instanceof KustomizeError) throw new KustomizeError(`accumulating resources: ${e.message}`);
      throw e;
    }
  }
  runGenerators(fs, dir, k, resources);
  runTransformers(fs, dir, k, resources);
  return resources;
}

function accumulateResource(
  fs: KustFs,
  dir: string,
  path: string,
  resources: Res[],
  warnings: string[],
  stack: string[],
): void {
  const abs = join(dir, String(path));
  const notADirectory = `must build at directory: not a valid directory: ${evalSymlinkFailure(fs, abs)}`;
  const repo = gitRepoSpec(path);
  if (HTTP_URL.test(path) || repo) {
    // The cluster's nodes have no network: an http(s) URL fails its GET, a git repository its
    // fetch, and anything else is then no directory.
    const errF = HTTP_URL.test(path)
      ? `Get "${path}": dial tcp: lookup ${hostOf(path)} on ${NODE_RESOLVER}: no such host`
      : evalSymlinkFailure(fs, abs);
    const err = repo
      ? `failed to run '/usr/bin/git fetch --depth=1 ${repo.url} ${repo.ref}': fatal: unable to access '${repo.url}/': Could not resolve host: ${repo.host}\n: exit status 128`
      : notADirectory;
    throw new KustomizeError(`accumulation err='accumulating resources from '${path}': ${errF}': ${err}`);
  }
  if (fs.listDir(abs)) {
    const errF = `accumulation err='accumulating resources from '${path}': '${abs}' must resolve to a file'`;
    let sub: Res[];
    try {
      sub = accumulateTarget(fs, abs, warnings, stack, true);
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      throw new KustomizeError(`${errF}: ${e.message}`);
    }
    for (const r of sub) append(resources, r);
    return;
  }
  let text: string;
  try {
    text = fs.readFile(abs);
  } catch {
    throw new KustomizeError(
      `accumulation err='accumulating resources from '${path}': ${evalSymlinkFailure(fs, abs)}': ${notADirectory}`,
    );
  }
  for (const obj of decodeResources(text, path)) {
    try {
      if (!nameOf(obj) && !obj.metadata?.generateName)
        throw new KustomizeError(`missing metadata.name in object ${goObjectMeta(obj)}`);
      append(resources, newRes(obj));
    } catch (e) {
      if (!(e instanceof KustomizeError)) throw e;
      const what = e.message.startsWith("missing") ? "accumulating" : "merging";
      throw new KustomizeError(
        `accumulation err='${what} resources from '${path}': ${e.message}': must build at directory: '${abs}': file is not directory`,
      );
    }
  }
}

/**
 * The objects of a resource file; `kind: List` items taken one by one. kustomize reads resources
 * with kyaml (go-yaml v3, YAML 1.2: `y` and `on` are strings), unlike the kustomization file itself.
 */
export function decodeResources(text: string, source: string): Obj[] {
  const docs = parseAllDocuments(text, { version: "1.2", uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Obj[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0]?.line ?? 1;
      throw new KustomizeError(
        `accumulating resources from '${source}': MalformedYAMLError: yaml: line ${line}: ${err.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")} in File: ${source}`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value))
      throw new KustomizeError(`accumulating resources from '${source}': missing Resource metadata`);
    if (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items))
      out.push(...(value.items as Obj[]));
    else out.push(value as Obj);
  }
  return out;
}

function sameId(a: Obj, b: Obj): boolean {
  return (
    a.kind === b.kind &&
    groupVersion(a.apiVersion)[0] === groupVersion(b.apiVersion)[0] &&
    nameOf(a) === nameOf(b) &&
    (namespaceOf(a) || "default") === (namespaceOf(b) || "default")
  );
}

/** How Go's %v prints the TypeMeta and ObjectMeta kustomize checks: `{{v1 ConfigMap} {{ } map[] map[]}}`. */
function goObjectMeta(obj: Obj): string {
  const goMap = (m: unknown) =>
    `map[${Object.entries((m ?? {}) as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k}:${v}`)
      .join(" ")}]`;
  const m = obj.metadata ?? {};
  return `{{${obj.apiVersion ?? ""} ${obj.kind ?? ""}} {{${m.name ?? ""} ${m.namespace ?? ""}} ${goMap(m.labels)} ${goMap(m.annotations)}}}`;
}

/** Adds a resource, refusing a second one with the same id (resWrangler.Append). */
function append(resources: Res[], r: Res): void {
  if (resources.some((x) => sameId(x.obj, r.obj)))
    throw new KustomizeError(`may not add resource with an already registered id: ${resIdString(r.obj)}`);
  resources.push(r);
}

function runGenerators(fs: KustFs, dir: string, k: Kustomization, resources: Res[]): void {
  const gens: ["ConfigMap" | "Secret", GeneratorArgs][] = [
    ...(k.configMapGenerator ?? []).map((a) => ["ConfigMap", a] as ["ConfigMap", GeneratorArgs]),
    ...(k.secretGenerator ?? []).map((a) => ["Secret", a] as ["Secret", GeneratorArgs]),
  ];
  for (const [kind, args] of gens) {
    const res = generate(fs, dir, kind, args, k.generatorOptions);
    addGenerated(resources, res);
  }
}

/**
 * How ResAccumulator names a generated object in its errors: the generator printed with %v (a Go
 * pointer, shown as a fixed address here) and the ResId with %#v.
 */
function generatorIdText(obj: Obj): string {
  const [group, version] = groupVersion(obj.apiVersion);
  const id = `resid.ResId{Gvk:resid.Gvk{Group:${JSON.stringify(group)}, Version:${JSON.stringify(version)}, Kind:${JSON.stringify(obj.kind)}, isClusterScoped:false}, Name:${JSON.stringify(nameOf(obj))}, Namespace:${JSON.stringify(namespaceOf(obj))}}`;
  return `merging from generator &{0xc000820820 <nil>}: id ${id}`;
}

/** Adds a generated object by its behavior (resWrangler.appendReplaceOrMerge). */
function addGenerated(resources: Res[], res: Res): void {
  const behavior = res.behavior ?? "create";
  const ns = namespaceOf(res.obj);
  const matches = resources.filter(
    (r) =>
      r.obj.kind === res.obj.kind &&
      (r.orgName === res.orgName || nameOf(r.obj) === res.orgName) &&
      (!ns || (namespaceOf(r.obj) || "default") === ns),
  );
  if (behavior === "create") {
    if (matches.length)
      throw new KustomizeError(`${generatorIdText(res.obj)} exists; behavior must be merge or replace`);
    resources.push(res);
    return;
  }
  if (behavior !== "merge" && behavior !== "replace")
    throw new KustomizeError(`unknown generator behavior '${behavior}'`);
  const old = matches[0];
  if (!old || matches.length > 1)
    throw new KustomizeError(`${generatorIdText(res.obj)} does not exist; cannot merge or replace`);
  const target = old.obj;
  if (behavior === "replace") {
    for (const f of ["data", "binaryData", "stringData"]) {
      if (res.obj[f] !== undefined) target[f] = res.obj[f];
      else delete target[f];
    }
  } else {
    for (const f of ["data", "binaryData"]) {
      if (res.obj[f] !== undefined) target[f] = { ...(target[f] ?? {}), ...res.obj[f] };
    }
  }
  for (const f of ["labels", "annotations"]) {
    if (res.obj.metadata[f]) target.metadata[f] = { ...(target.metadata[f] ?? {}), ...res.obj.metadata[f] };
  }
  old.needsHash = old.needsHash && res.needsHash;
}

function runTransformers(fs: KustFs, dir: string, k: Kustomization, resources: Res[]): void {
  const psm = k.patchesStrategicMerge ?? [];
  try {
    for (const entry of psm) applyStrategicMergeEntry(fs, dir, resources, entry);
  } catch (e) {
    if (!(e instanceof KustomizeError) || !e.message.startsWith("evalsymlink failure")) throw e;
    // Loading the patch files fails while the builtin plugin is configured.
    const config = `paths:\n${psm.map((p) => `- ${p}\n`).join("")}`;
    throw new KustomizeError(
      `trouble configuring builtin PatchStrategicMergeTransformer with config: \`\n${config}\`: ${e.message}`,
    );
  }
  for (const p of k.patches ?? []) applyPatch(fs, dir, resources, p);
  if (k.namespace) setNamespace(resources, k.namespace);
  addPrefixSuffix(resources, k.namePrefix ?? "", "");
  addPrefixSuffix(resources, "", k.nameSuffix ?? "");
  addLabels(resources, k);
  addAnnotations(resources, k.commonAnnotations);
  for (const p of k.patchesJson6902 ?? []) applyJson6902Entry(fs, dir, resources, p);
  setReplicas(resources, k.replicas);
  setImages(resources, k.images);
}
