/**
 * A StatefulSet pod's identity and storage (pkg/controller/statefulset/stateful_set_utils.go):
 * its name `<set>-<ordinal>`, hostname and subdomain, the pod-name and pod-index labels, the
 * revision label, and one PersistentVolumeClaim per claim template, `<template>-<set>-<ordinal>`.
 */
import type { Pod } from "../../api/kinds";
import { clone, type KubeObject } from "../../api/types";
import { podFromTemplate } from "../lib/podcontrol";

/** The label naming the pod (StatefulSetPodNameLabel). */
export const StatefulSetPodNameLabel = "statefulset.kubernetes.io/pod-name";
/** The label holding the ordinal (PodIndexLabel, beta and on since v1.28). */
export const PodIndexLabel = "apps.kubernetes.io/pod-index";
/** The label holding the pod's revision: the ControllerRevision's name. */
export const ControllerRevisionHashLabel = "controller-revision-hash";

// biome-ignore lint/suspicious/noExplicitAny: StatefulSets are open JSON here
type Any = any;

/** The first ordinal (spec.ordinals.start, 0 by default). */
export function startOrdinal(set: KubeObject): number {
  return Number(set.spec?.ordinals?.start ?? 0) || 0;
}

/** The replicas the set asks for. */
export function replicasOf(set: KubeObject): number {
  const r = set.spec?.replicas;
  return typeof r === "number" ? r : 1;
}

/** The ordinal of a pod named `<set>-<n>` that belongs to the set, or -1 (getParentNameAndOrdinal). */
export function ordinalOf(set: KubeObject, pod: KubeObject): number {
  const name = pod.metadata.name ?? "";
  const prefix = `${set.metadata.name}-`;
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : -1;
}

/** The pod name of an ordinal. */
export function podName(set: KubeObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName. */
export function claimName(set: KubeObject, template: Any, ordinal: number): string {
  return `${template.metadata?.name ?? ""}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the claims a pod of the ordinal uses, labelled with the set's selector. */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t: Any) => {
    const claim = clone(t) as KubeObject;
    claim.apiVersion = "v1";
    claim.kind = "PersistentVolumeClaim";
    claim.metadata = {
      ...(claim.metadata ?? {}),
      name: claimName(set, t, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    };
    delete claim.metadata.creationTimestamp;
    delete claim.status;
    return claim;
  });
}

/**
 * newStatefulSetPod + updateIdentity + updateStorage: the pod of an ordinal from the template of
 * a revision, with its name, hostname, subdomain, labels and claim volumes.
 */
export function newStatefulSetPod(set: KubeObject, template: Any, ordinal: number, revision: string): Pod {
  const pod = podFromTemplate(template, set);
  delete pod.metadata.generateName;
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [StatefulSetPodNameLabel]: pod.metadata.name,
    [PodIndexLabel]: String(ordinal),
    [ControllerRevisionHashLabel]: revision,
  };
  const spec = pod.spec as Any;
  spec.hostname = pod.metadata.name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const templates: Any[] = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length > 0) {
    const byName = new Map<string, string>(
      templates.map((t) => [t.metadata?.name as string, claimName(set, t, ordinal)]),
    );
    const volumes: Any[] = (spec.volumes ?? []).filter((v: Any) => !byName.has(v.name));
    for (const [name, claim] of byName) volumes.push({ name, persistentVolumeClaim: { claimName: claim } });
    spec.volumes = volumes;
  }
  return pod;
}

/** Whether the pod is Running and Ready (isRunningAndReady). */
export function isRunningAndReady(pod: KubeObject): boolean {
  if (pod.status?.phase !== "Running") return false;
  return (pod.status?.conditions ?? []).some((c: Any) => c.type === "Ready" && c.status === "True");
}

/** The revision a pod was made from. */
export function revisionOf(pod: KubeObject): string {
  return pod.metadata.labels?.[ControllerRevisionHashLabel] ?? "";
}
