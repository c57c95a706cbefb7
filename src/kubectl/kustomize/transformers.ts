/**
 * The builtin transformers a kustomization configures (plugin/builtin: NamespaceTransformer,
 * PrefixTransformer/SuffixTransformer, LabelTransformer, AnnotationsTransformer,
 * ImageTagTransformer, ReplicaCountTransformer), each a function over the build's resources.
 */
import { KustomizeError } from "./errors";
import { COMMON_ANNOTATIONS, COMMON_LABELS, METADATA_LABELS, REPLICAS, TEMPLATE_LABELS } from "./fieldspecs";
import type { Image, Kustomization } from "./kustomization";
import {
  type FieldSpec,
  groupVersion,
  isClusterScoped,
  nameOf,
  type Obj,
  type Res,
  rename,
  selects,
  visitPath,
} from "./resource";

/** Sets the namespace of every namespaced resource, and of ServiceAccount subjects in the default namespace. */
export function setNamespace(resources: Res[], namespace: string): void {
  for (const r of resources) {
    const { obj } = r;
    if (!isClusterScoped(String(obj.kind))) obj.metadata.namespace = namespace;
    if (obj.kind === "RoleBinding" || obj.kind === "ClusterRoleBinding") {
      // setRoleBindingSubjects: defaultOnly, the NamespaceTransformer's default.
      for (const s of Array.isArray(obj.subjects) ? obj.subjects : []) {
        if (s?.kind === "ServiceAccount" && (!s.namespace || s.namespace === "default"))
          s.namespace = namespace;
      }
    }
  }
}

/** Kinds whose names prefixes and suffixes leave alone (prefixsuffix's fieldSpecsToSkip). */
const PREFIX_SKIP: { group?: string; kind: string }[] = [
  { kind: "CustomResourceDefinition" },
  { group: "apiregistration.k8s.io", kind: "APIService" },
  { kind: "Namespace" },
];

/** namePrefix and nameSuffix on metadata.name. */
export function addPrefixSuffix(resources: Res[], prefix: string, suffix: string): void {
  if (!prefix && !suffix) return;
  for (const r of resources) {
    if (PREFIX_SKIP.some((s) => selects(s, r.obj))) continue;
    rename(r, `${prefix}${nameOf(r.obj)}${suffix}`);
  }
}

function addToMap(obj: Obj, specs: FieldSpec[], pairs: Record<string, string>, what: string): void {
  for (const spec of specs) {
    if (!selects(spec, obj)) continue;
    visitPath(obj, spec.path, Boolean(spec.create), (value, set) => {
      if (value === undefined) {
        set({ ...pairs });
        return;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new KustomizeError(`${what}: expected a map at ${spec.path} in ${obj.kind} ${nameOf(obj)}`);
      Object.assign(value, pairs);
    });
  }
}

/** Label and annotation values are strings: numbers and booleans as written become their text. */
function stringValues(pairs: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairs ?? {})) out[k] = v === null ? "" : String(v);
  return out;
}

/** `labels` (each with includeSelectors / includeTemplates) then the deprecated `commonLabels`. */
export function addLabels(resources: Res[], k: Kustomization): void {
  for (const label of k.labels ?? []) {
    const pairs = stringValues(label.pairs);
    const custom = (label.fields ?? []) as FieldSpec[];
    const specs = label.includeSelectors
      ? [...custom, ...COMMON_LABELS]
      : [...custom, ...(label.includeTemplates ? TEMPLATE_LABELS : []), METADATA_LABELS[0] as FieldSpec];
    for (const r of resources) addToMap(r.obj, specs, pairs, "labels");
  }
  if (k.commonLabels && Object.keys(k.commonLabels).length) {
    const pairs = stringValues(k.commonLabels);
    for (const r of resources) addToMap(r.obj, COMMON_LABELS, pairs, "commonLabels");
  }
}

/** commonAnnotations, on objects and their templates. */
export function addAnnotations(resources: Res[], annotations: Record<string, string> | undefined): void {
  if (!annotations || Object.keys(annotations).length === 0) return;
  const pairs = stringValues(annotations);
  for (const r of resources) addToMap(r.obj, COMMON_ANNOTATIONS, pairs, "commonAnnotations");
}

/** An image reference split as kustomize's image.Split does: name, then ":tag" or "@digest". */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const at = image.indexOf("@");
  let rest = image;
  let digest = "";
  if (at >= 0) {
    digest = image.slice(at + 1);
    rest = image.slice(0, at);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: "", digest };
}

/** The image after one `images` entry, or undefined when the entry does not name it (imagetag.updater). */
export function updateImage(image: string, entry: Image): string | undefined {
  const { name, tag, digest } = splitImage(image);
  if (name !== entry.name) return undefined;
  const newName = entry.newName || name;
  if (entry.digest) return `${newName}@${entry.digest}`;
  if (entry.newTag) return `${newName}:${entry.newTag}`;
  if (entry.tagSuffix) return `${newName}:${tag}${entry.tagSuffix}`;
  if (digest) return `${newName}@${digest}`;
  return tag ? `${newName}:${tag}` : newName;
}

/** Walks every containers and initContainers list in an object, as the image transformer does. */
function eachContainer(node: unknown, fn: (c: Obj) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) eachContainer(item, fn);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Obj)) {
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const c of value) if (c && typeof c === "object" && typeof c.image === "string") fn(c);
    }
    eachContainer(value, fn);
  }
}

/** `images`: new names, tags and digests for the containers that use an image. */
export function setImages(resources: Res[], images: Image[] | undefined): void {
  for (const entry of images ?? []) {
    if (!entry?.name) throw new KustomizeError("image name is required");
    for (const r of resources)
      eachContainer(r.obj, (c) => {
        const next = updateImage(c.image, entry);
        if (next !== undefined) c.image = next;
      });
  }
}

/** `replicas`: spec.replicas of the workloads so named (by their original or current name). */
export function setReplicas(resources: Res[], replicas: Kustomization["replicas"]): void {
  for (const entry of replicas ?? []) {
    const count = Number(entry.count);
    let found = false;
    for (const r of resources) {
      if (r.orgName !== entry.name && nameOf(r.obj) !== entry.name) continue;
      for (const spec of REPLICAS) {
        if (!selects(spec, r.obj)) continue;
        found = true;
        visitPath(r.obj, spec.path, true, (_v, set) => set(count));
      }
    }
    if (!found) {
      const gvks = REPLICAS.map((s) => `${s.kind}.[noVer].[noGrp]`).join(" ");
      throw new KustomizeError(
        `resource with name ${entry.name} does not match a config with the following GVK [${gvks}]`,
      );
    }
  }
}

/** The group of an object, for messages. */
export function groupOf(obj: Obj): string {
  return groupVersion(obj.apiVersion)[0];
}
