/**
 * helm's Kubernetes client (pkg/kube/client.go) against the API store: manifests built into
 * objects with the release namespace as default, helm's ownership metadata added
 * (pkg/action/validate.go setMetadataVisitor, existingResourceConflict), then created in install
 * order, updated with a three-way merge of the old manifest, the new one and the live object
 * (Client.Update), or deleted.
 */

import { deepEqual, threeWayMerge } from "../../kubectl/strategicmerge";
import { ApiError } from "../api/errors";
import type { ResourceInfo } from "../api/resources";
import type { MemoryStore } from "../api/store";
import { clone, type KubeObject } from "../api/types";
import { readYaml } from "./chart";
import type { Manifest } from "./render";

/** The label helm sets on what it manages. */
export const MANAGED_BY = "app.kubernetes.io/managed-by";
/** The annotation naming the release. */
export const RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
/** The annotation naming the release's namespace. */
export const RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";

/** An object of the release with the resource serving it. */
export interface Resource {
  obj: KubeObject;
  res: ResourceInfo;
}

/** Builds the objects of manifests (kube.Client.Build); a message when a kind is not served. */
export function buildResources(
  api: MemoryStore,
  manifests: readonly Manifest[],
  namespace: string,
): Resource[] | string {
  const out: Resource[] = [];
  for (const m of manifests) {
    const obj = readYaml(m.content) as KubeObject | null;
    if (!obj || typeof obj !== "object") continue;
    const res = api.discovery.forGVK(obj.apiVersion ?? "", obj.kind ?? "");
    if (!res)
      return `unable to build kubernetes objects from release manifest: resource mapping not found for name: "${obj.metadata?.name ?? ""}" namespace: "${obj.metadata?.namespace ?? ""}" from "": no matches for kind "${obj.kind}" in version "${obj.apiVersion ?? ""}"\nensure CRDs are installed first`;
    obj.metadata = obj.metadata ?? {};
    if (res.namespaced) obj.metadata.namespace = obj.metadata.namespace || namespace;
    else delete obj.metadata.namespace;
    out.push({ obj, res });
  }
  return out;
}

/** setMetadataVisitor: helm's label and annotations on each object. */
export function setOwnership(resources: readonly Resource[], release: string, namespace: string): void {
  for (const { obj } of resources) {
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [MANAGED_BY]: "Helm" };
    obj.metadata.annotations = {
      ...(obj.metadata.annotations ?? {}),
      [RELEASE_NAME_ANNOTATION]: release,
      [RELEASE_NAMESPACE_ANNOTATION]: namespace,
    };
  }
}

/** The kind's name as client-go's mapping names it in messages (`ServiceAccount`). */
function resourceText(r: Resource): string {
  const ns = r.res.namespaced ? ` in namespace "${r.obj.metadata.namespace}"` : "";
  return `${r.obj.kind} "${r.obj.metadata.name}"${ns}`;
}

/**
 * existingResourceConflict: an object of the release that exists already and is not the
 * release's; the message helm gives for the first.
 */
export function existingConflict(
  api: MemoryStore,
  resources: readonly Resource[],
  release: string,
  namespace: string,
): string | undefined {
  for (const r of resources) {
    const live = api.get(r.res.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? "");
    if (!live) continue;
    const errs: string[] = [];
    const labels = live.metadata.labels ?? {};
    const notes = live.metadata.annotations ?? {};
    if (labels[MANAGED_BY] !== "Helm")
      errs.push(
        labels[MANAGED_BY] === undefined
          ? `label validation error: missing key "${MANAGED_BY}": must be set to "Helm"`
          : `label validation error: key "${MANAGED_BY}" must equal "Helm": current value is "${labels[MANAGED_BY]}"`,
      );
    for (const [key, want] of [
      [RELEASE_NAME_ANNOTATION, release],
      [RELEASE_NAMESPACE_ANNOTATION, namespace],
    ] as const) {
      if (notes[key] === want) continue;
      errs.push(
        notes[key] === undefined
          ? `annotation validation error: missing key "${key}": must be set to "${want}"`
          : `annotation validation error: key "${key}" must equal "${want}": current value is "${notes[key]}"`,
      );
    }
    if (errs.length)
      return `rendered manifests contain a resource that already exists. Unable to continue with install: ${resourceText(r)} exists and cannot be imported into the current release: invalid ownership metadata; ${errs.join("; ")}`;
  }
  return undefined;
}

/** The message of an API error (the status's message), or the exception's. */
function apiMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Client.Create: each object in order; the first failure's message. */
export function createResources(api: MemoryStore, resources: readonly Resource[]): string | undefined {
  for (const r of resources) {
    try {
      api.create(clone(r.obj), { fieldManager: "helm" });
    } catch (e) {
      return `failed to create resource: ${apiMessage(e)}`;
    }
  }
  return undefined;
}

function key(r: Resource): string {
  return `${r.res.group}/${r.res.kind}/${r.obj.metadata.namespace ?? ""}/${r.obj.metadata.name}`;
}

/**
 * Client.Update: objects new to the release are created, existing ones patched with the
 * three-way merge of the old manifest, the new one and the live object, and those the new
 * manifest no longer has deleted.
 */
export function updateResources(
  api: MemoryStore,
  original: readonly Resource[],
  target: readonly Resource[],
): string | undefined {
  const before = new Map(original.map((r) => [key(r), r]));
  for (const r of target) {
    const live = api.get(r.res.kind, r.obj.metadata.namespace, r.obj.metadata.name ?? "");
    try {
      if (!live) {
        api.create(clone(r.obj), { fieldManager: "helm" });
        continue;
      }
      const old = before.get(key(r))?.obj ?? {};
      const merged = threeWayMerge(old, r.obj, live) as KubeObject;
      merged.metadata.resourceVersion = live.metadata.resourceVersion;
      if (!deepEqual(merged, live)) api.update(merged, { fieldManager: "helm" });
    } catch (e) {
      return `failed to ${live ? "replace object" : "create resource"}: ${apiMessage(e)}`;
    }
  }
  const kept = new Set(target.map(key));
  deleteResources(
    api,
    original.filter((r) => !kept.has(key(r))),
  );
  return undefined;
}

/** Client.Delete in uninstall order (the reverse of install order); what was not found is skipped. */
export function deleteResources(api: MemoryStore, resources: readonly Resource[]): void {
  for (const r of [...resources].reverse()) {
    const ns = r.res.namespaced ? r.obj.metadata.namespace : undefined;
    if (!api.get(r.res.kind, ns, r.obj.metadata.name ?? "")) continue;
    try {
      api.delete(r.res.kind, ns, r.obj.metadata.name ?? "", { propagationPolicy: "Background" });
    } catch {
      // Already going: nothing to do.
    }
  }
}
