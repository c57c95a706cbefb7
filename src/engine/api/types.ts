/**
 * The shape every API object has: real Kubernetes JSON. Typed kinds come from `kubernetes-types`;
 * the store itself only relies on this common part.
 */
import type { ObjectMeta as K8sObjectMeta, OwnerReference } from "kubernetes-types/meta/v1";

/** T with every readonly removed, deeply: kubernetes-types are readonly, our own copies are not. */
export type Mutable<T> = T extends (infer U)[]
  ? Mutable<U>[]
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;

export type { OwnerReference };

/** Object metadata that the engine may fill in. */
export type ObjectMeta = Mutable<K8sObjectMeta>;

/** Any Kubernetes object: apiVersion, kind, metadata and whatever its kind adds. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: objects are open JSON; typed views cast to kubernetes-types
  [field: string]: any;
}

/** A reference to one object in the store. */
export interface ObjectKey {
  kind: string;
  namespace?: string;
  name: string;
}

/** The store key of an object: "Kind/namespace/name" ("Kind//name" for cluster-scoped kinds). */
export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ""}/${name}`;
}

/** The store key of an object. */
export function objectKey(obj: KubeObject): string {
  return keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name ?? "");
}

/** "namespace/name" for namespaced objects, "name" for cluster-scoped ones (a controller queue key). */
export function namespacedName(obj: { metadata: ObjectMeta }): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name ?? "");
}

/**
 * A deep copy of a JSON object: what a component must mutate instead of a stored object.
 * A plain recursive copy: objects here are JSON (no Dates, Maps or cycles), and this is several
 * times faster than structuredClone, which dominated write-heavy workloads.
 */
export function clone<T>(obj: T): T {
  return copyJson(obj) as T;
}

function copyJson(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copyJson(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) out[k] = copyJson((v as Record<string, unknown>)[k]);
  return out;
}
