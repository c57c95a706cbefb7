/**
 * API discovery of one API server: the built-in resources (resources.ts) and those the
 * Established CustomResourceDefinitions add, as the apiextensions-apiserver's discovery
 * controller publishes them (customresource_discovery_controller.go). kubectl's RESTMapper, the
 * store's routing and the controllers that walk every kind all read it.
 */
import { RESOURCES, type ResourceInfo } from "./resources";
import type { KubeObject } from "./types";

/** The kind of a CustomResourceDefinition object. */
export const CRD_KIND = "CustomResourceDefinition";

/** The finalizer a CRD's delete adds: its objects are deleted before it goes. */
export const CRD_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

/** The Terminating condition the CRD's REST Delete sets (registry/customresourcedefinition/etcd.go). */
export const CRD_DELETION_PENDING = {
  type: "Terminating",
  status: "True",
  reason: "InstanceDeletionPending",
  message: "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
};

// biome-ignore lint/suspicious/noExplicitAny: CustomResourceDefinitions are open JSON here
type Json = any;

const CUSTOM_VERBS = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

/** Whether a CRD condition of this type is True (apihelpers.IsCRDConditionTrue). */
export function crdConditionTrue(crd: KubeObject, type: string): boolean {
  return ((crd.status?.conditions ?? []) as Json[]).some((c) => c.type === type && c.status === "True");
}

/**
 * version.CompareKubeAwareVersionStrings: GA before beta before alpha, higher numbers first,
 * versions that are not Kubernetes-like last, in alphabetical order. Negative when a sorts first.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const stage = m[2] === "alpha" ? 0 : m[2] === "beta" ? 1 : 2;
    return { major: Number(m[1]), stage, minor: Number(m[3] ?? 0) };
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    if (pa.stage !== pb.stage) return pb.stage - pa.stage;
    if (pa.major !== pb.major) return pb.major - pa.major;
    return pb.minor - pa.minor;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The resources one CustomResourceDefinition serves: one per served version, the preferred
 * version first; none until the CRD is Established. Names are the accepted names.
 */
export function customResourceInfos(crd: KubeObject): ResourceInfo[] {
  if (!crdConditionTrue(crd, "Established")) return [];
  const spec: Json = crd.spec ?? {};
  const names: Json = crd.status?.acceptedNames ?? spec.names ?? {};
  if (!names.plural || !names.kind) return [];
  const versions: Json[] = [...(spec.versions ?? [])];
  const storage = versions.find((v) => v.storage)?.name ?? versions[0]?.name ?? "";
  return versions
    .filter((v) => v.served)
    .sort((a, b) => compareKubeAwareVersions(a.name, b.name))
    .map((v) => ({
      kind: names.kind,
      group: spec.group ?? "",
      version: v.name,
      plural: names.plural,
      singular: names.singular || String(names.kind).toLowerCase(),
      shortNames: [...(names.shortNames ?? [])],
      namespaced: spec.scope !== "Cluster",
      verbs: CUSTOM_VERBS,
      categories: names.categories ? [...names.categories] : undefined,
      custom: { crd: crd.metadata.name ?? "", storageVersion: storage, definition: v },
    }));
}

/** The first resource serving each kind. */
function kindIndex(resources: readonly ResourceInfo[]): Map<string, ResourceInfo> {
  const out = new Map<string, ResourceInfo>();
  for (const r of resources) if (!out.has(r.kind)) out.set(r.kind, r);
  return out;
}

/** What resolves resource names and kinds: the server's discovery, or a client's cache of it. */
export interface ResourceMapper {
  /** Every resource known, built-in ones first. */
  all(): readonly ResourceInfo[];
  /** The resource serving a kind (its preferred version). */
  forKind(kind: string): ResourceInfo | undefined;
  /** The resource serving kind in apiVersion. */
  forGVK(apiVersion: string, kind: string): ResourceInfo | undefined;
  /** What a typed resource word (`po`, `crontabs.stable.example.com`) names. */
  resolve(typed: string): ResourceInfo | undefined;
}

/** The resource serving kind in apiVersion among resources. */
export function findGVK(
  resources: readonly ResourceInfo[],
  apiVersion: string,
  kind: string,
): ResourceInfo | undefined {
  return resources.find((r) => r.kind === kind && servedGroupVersions(r).includes(apiVersion));
}

/** The group versions a resource is served in: its own, then the older ones it also serves. */
export function servedGroupVersions(r: ResourceInfo): string[] {
  const own = r.group ? `${r.group}/${r.version}` : r.version;
  return r.alsoServed ? [own, ...r.alsoServed.map((v) => (r.group ? `${r.group}/${v}` : v))] : [own];
}

/**
 * Resolves what a person types (`pods`, `po`, `Pod`, `deployments.apps`, `crontabs`, `ct`,
 * `crontabs.stable.example.com`) among resources, as kubectl's RESTMapper and shortcut expander
 * do: built-in resources before custom ones, a custom resource's preferred version first.
 */
export function resolveIn(resources: readonly ResourceInfo[], typed: string): ResourceInfo | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf(".");
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? "" : lower.slice(dot + 1);
  // `resource.version.group` names one version (`crontabs.v1.stable.example.com`).
  const vdot = group.indexOf(".");
  const version = vdot < 0 ? "" : group.slice(0, vdot);
  const versionGroup = vdot < 0 ? "" : group.slice(vdot + 1);
  for (const res of resources) {
    const groupMatch = res.group === group;
    const versionMatch = version !== "" && res.version === version && res.group === versionGroup;
    if (group && !groupMatch && !versionMatch) continue;
    const hit =
      res.plural === name ||
      res.singular === name ||
      res.shortNames.includes(name) ||
      (res.custom !== undefined && res.kind.toLowerCase() === name);
    if (!hit) continue;
    if (res.group === "events.k8s.io" && !group) continue;
    return res;
  }
  return undefined;
}

/** The resources an API server serves: built-in first, then those of its CRDs by name. */
export class Discovery implements ResourceMapper {
  private custom: ResourceInfo[] = [];
  private everything: readonly ResourceInfo[] = RESOURCES;
  /** The first resource of each kind (the store looks kinds up on every read). */
  private byKind = kindIndex(RESOURCES);

  /** Every resource served, built-in ones first (the order `kubectl api-resources` starts from). */
  all(): readonly ResourceInfo[] {
    return this.everything;
  }

  /** The resources CustomResourceDefinitions serve. */
  customResources(): readonly ResourceInfo[] {
    return this.custom;
  }

  /** Rebuilds the custom part from the stored CustomResourceDefinitions. */
  setCustomResourceDefinitions(crds: readonly KubeObject[]): void {
    const sorted = [...crds].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
    this.custom = sorted.flatMap(customResourceInfos);
    this.everything = this.custom.length ? [...RESOURCES, ...this.custom] : RESOURCES;
    this.byKind = kindIndex(this.everything);
  }

  /** The resource serving a kind: the built-in one, else a CRD's preferred version. */
  forKind(kind: string): ResourceInfo | undefined {
    return this.byKind.get(kind);
  }

  /** The resource serving kind in apiVersion ("stable.example.com/v1"), if served. */
  forGVK(apiVersion: string, kind: string): ResourceInfo | undefined {
    return findGVK(this.everything, apiVersion, kind);
  }

  /** Whether some resource serves apiVersion's group and version (for `no matches for kind`). */
  servesGroupVersion(apiVersion: string): boolean {
    return this.everything.some((r) => servedGroupVersions(r).includes(apiVersion));
  }

  /** What a typed resource word names among the resources served now (resolveIn). */
  resolve(typed: string): ResourceInfo | undefined {
    return resolveIn(this.everything, typed);
  }
}
