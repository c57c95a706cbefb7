/**
 * What the kubelet reads from the API for a pod's environment and volumes, as a narrow interface
 * (the kubelet's configMapManager, secretManager, serviceLister and node lister), so the
 * environment builder and the volume plugins stay pure and testable without a cluster.
 */

import type { ConfigMap as K8sConfigMap, Secret as K8sSecret } from "kubernetes-types/core/v1";
import { decodeBase64, encodeBase64 } from "../api/base64";
import type { ApiReader } from "../api/interface";
import type { Node, Pod, Service } from "../api/kinds";
import type { KubeObject, Mutable } from "../api/types";

/** A ConfigMap as the store holds it. */
export type ConfigMap = Mutable<K8sConfigMap> & KubeObject;
/** A Secret as the store holds it (data base64, as the API serves it). */
export type Secret = Mutable<K8sSecret> & KubeObject;

/** The objects a pod's environment and volumes are built from. */
export interface PodSources {
  /** A ConfigMap of a namespace; undefined when it does not exist. */
  configMap(namespace: string, name: string): ConfigMap | undefined;
  /** A Secret of a namespace; undefined when it does not exist. */
  secret(namespace: string, name: string): Secret | undefined;
  /** Every Service of a namespace (the kubelet's service lister). */
  services(namespace: string): Service[];
  /** The kubelet's own Node (allocatable for resourceFieldRef defaults, addresses for hostIP). */
  node(): Node | undefined;
  /** The pod as the API has it now (a downwardAPI volume follows label and annotation changes). */
  pod?(namespace: string, name: string): Pod | undefined;
  /** A PersistentVolumeClaim and the PersistentVolume it is bound to (the volume manager's lookups). */
  claim?(namespace: string, name: string): KubeObject | undefined;
  volume?(name: string): KubeObject | undefined;
}

/** The kubelet's error for a missing ConfigMap (its watch-based manager's NotFound, singular). */
export function configMapNotFound(name: string): string {
  return `configmap "${name}" not found`;
}

/** The kubelet's error for a missing Secret. */
export function secretNotFound(name: string): string {
  return `secret "${name}" not found`;
}

export { decodeBase64, encodeBase64 };

/**
 * A Secret's entries as text: `data` decoded. The API server merges `stringData` into `data` at
 * write (stringData wins); a stored Secret that still carries stringData is read the same way.
 */
export function secretEntries(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = decodeBase64(v) ?? "";
  for (const [k, v] of Object.entries(secret.stringData ?? {})) out[k] = v;
  return out;
}

/** A ConfigMap's entries as text: `data`, then `binaryData` decoded. */
export function configMapEntries(cm: ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = decodeBase64(v) ?? "";
  return out;
}

/** PodSources read from the API store, for the kubelet of nodeName (what the kubelet's listers see). */
export function apiPodSources(api: ApiReader, nodeName: string): PodSources {
  return {
    configMap: (ns, name) => api.get("ConfigMap", ns, name) as ConfigMap | undefined,
    secret: (ns, name) => api.get("Secret", ns, name) as Secret | undefined,
    services: (ns) => api.list("Service", { namespace: ns }) as Service[],
    node: () => api.get("Node", undefined, nodeName) as Node | undefined,
    pod: (ns, name) => api.get("Pod", ns, name) as Pod | undefined,
    claim: (ns, name) => api.get("PersistentVolumeClaim", ns, name),
    volume: (name) => api.get("PersistentVolume", undefined, name),
  };
}
