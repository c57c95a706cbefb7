/**
 * The DaemonSet controller's pure decisions, from pkg/controller/daemon/daemon_controller.go and
 * pkg/controller/daemon/util/daemonset_util.go.
 */

import { podMatchesNodeSelectorAndAffinity } from "../../api/helpers/nodeaffinity";
import { findMatchingUntoleratedTaint } from "../../api/helpers/taints";
import type { DaemonSet, Node, Pod, PodSpec, Toleration } from "../../api/kinds";
import { clone } from "../../api/types";

/** Label with the ControllerRevision hash of the template a pod was made from. */
export const ControllerRevisionHashLabel = "controller-revision-hash";
/** Label with the template generation a daemon pod was made from (kept for compatibility). */
export const TemplateGenerationLabel = "pod-template-generation";
/** Annotation the API server keeps with the DaemonSet's template generation. */
export const TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

/** The tolerations every daemon pod gets, in the order AddOrUpdateDaemonPodTolerations adds them. */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

/** Added for hostNetwork pods. */
export const NETWORK_UNAVAILABLE_TOLERATION: Toleration = {
  key: "node.kubernetes.io/network-unavailable",
  operator: "Exists",
  effect: "NoSchedule",
};

function sameToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? "") === (b.key ?? "") &&
    (a.operator ?? "") === (b.operator ?? "") &&
    (a.value ?? "") === (b.value ?? "") &&
    (a.effect ?? "") === (b.effect ?? "")
  );
}

/** v1helper.AddOrUpdateTolerationInPodSpec: replaces a matching toleration or appends it. */
export function addOrUpdateToleration(spec: PodSpec, toleration: Toleration): void {
  const list = spec.tolerations ?? [];
  let updated = false;
  const out: Toleration[] = [];
  for (const t of list) {
    if (sameToleration(t, toleration)) {
      // A matching toleration is replaced (dropping any tolerationSeconds), as upstream does.
      out.push({ ...toleration });
      updated = true;
      continue;
    }
    out.push(t);
  }
  if (!updated) out.push({ ...toleration });
  spec.tolerations = out;
}

/** util.AddOrUpdateDaemonPodTolerations: the default daemon tolerations, in upstream order. */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): void {
  for (const t of DAEMON_TOLERATIONS) addOrUpdateToleration(spec, t);
  if (spec.hostNetwork) addOrUpdateToleration(spec, NETWORK_UNAVAILABLE_TOLERATION);
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: pins a pod to one node by matchFields metadata.name. */
// biome-ignore lint/suspicious/noExplicitAny: affinity is open JSON here
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: any, nodeName: string): any {
  const term = { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] };
  const selector = { nodeSelectorTerms: [term] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  if (!affinity.nodeAffinity) {
    affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: selector };
    return affinity;
  }
  if (!affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) {
    affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector;
    return affinity;
  }
  affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [term];
  return affinity;
}

/** util.GetTargetNodeName: spec.nodeName, or the node a daemon pod's matchFields affinity names. */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? [])
    for (const f of term.matchFields ?? [])
      if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  return undefined;
}

/** The DaemonSet's template generation (its annotation, else metadata.generation). */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const a = ds.metadata.annotations?.[TemplateGenerationAnnotation];
  if (a !== undefined && /^\d+$/.test(a)) return Number(a);
  return ds.metadata.generation;
}

/** util.IsPodUpdated: the pod carries the current hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[TemplateGenerationLabel] === String(generation);
  const hashMatches = hash.length > 0 && labels[ControllerRevisionHashLabel] === hash;
  return hashMatches || templateMatches;
}

/** util.CreatePodTemplate: the template plus default tolerations and the generation/hash labels. */
export function createPodTemplate(ds: DaemonSet, hash: string): NonNullable<DaemonSet["spec"]>["template"] {
  const t = clone(ds.spec?.template ?? {});
  t.spec = t.spec ?? { containers: [] };
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata = t.metadata ?? {};
  t.metadata.labels = { ...(t.metadata.labels ?? {}) };
  const gen = templateGeneration(ds);
  if (gen !== undefined) t.metadata.labels[TemplateGenerationLabel] = String(gen);
  if (hash) t.metadata.labels[ControllerRevisionHashLabel] = hash;
  return t;
}

/** The verdict of nodeShouldRunDaemonPod. */
export interface ShouldRun {
  /** A daemon pod should be created on the node if it has none. */
  shouldRun: boolean;
  /** An existing daemon pod on the node may stay (it tolerates every NoExecute taint). */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: whether the node should run the DaemonSet's pod, checking the template's
 * nodeName, nodeSelector, required node affinity, and NoSchedule/NoExecute taints against the
 * template's tolerations plus the default daemon tolerations. spec.unschedulable is ignored.
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet, prepared?: Pod): ShouldRun {
  const nodeName = node.metadata.name as string;
  const pod = prepared ?? daemonPodForChecks(ds);
  const spec = pod.spec as PodSpec;
  if (spec.nodeName && spec.nodeName !== nodeName) return { shouldRun: false, shouldContinueRunning: false };
  if (!podMatchesNodeSelectorAndAffinity(pod, node))
    return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  if (!taints?.length) return { shouldRun: true, shouldContinueRunning: true };
  const untolerated = findMatchingUntoleratedTaint(
    taints,
    spec.tolerations,
    (t) => t.effect === "NoSchedule" || t.effect === "NoExecute",
  );
  if (untolerated) {
    const noExecute = findMatchingUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === "NoExecute");
    return { shouldRun: false, shouldContinueRunning: !noExecute };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** NewPod without a node: the template's spec with the default daemon tolerations, for the checks. */
export function daemonPodForChecks(ds: DaemonSet): Pod {
  const spec = clone((ds.spec?.template?.spec ?? {}) as PodSpec);
  addOrUpdateDaemonPodTolerations(spec);
  return { apiVersion: "v1", kind: "Pod", metadata: {}, spec } as Pod;
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byCreationTimestamp(a: Pod, b: Pod): number {
  // Scheduled pods first, then oldest, then by name.
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? "";
  const nb = b.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Which pods findUpdatedPodsOnNode sees on one node; ok is false when there are duplicates. */
export function findUpdatedPodsOnNode(
  pods: Pod[],
  hash: string,
  generation: number | undefined,
): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}
