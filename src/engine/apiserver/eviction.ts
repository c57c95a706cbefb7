/**
 * The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): deletes a pod unless
 * that would violate a PodDisruptionBudget selecting it. Budgets whose status a controller keeps
 * current are used as they are; otherwise currentHealthy/desiredHealthy are computed from the pods
 * the budget selects.
 */
import { ApiError, notFound } from "../api/errors";
import type { DeleteOptions } from "../api/interface";
import { matchesLabelSelector } from "../api/selectors";
import { clone, type KubeObject } from "../api/types";
import type { Cluster } from "../cluster";

/** The TooManyRequests text when a budget allows no disruption. */
export const ERR_EVICTION_VIOLATES_PDB = "Cannot evict pod as it would violate the pod's disruption budget.";
/** The text when several budgets select the pod. */
export const ERR_EVICTION_MULTIPLE_PDBS =
  "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
/** The DisruptionTarget condition reason the eviction API sets. */
export const REASON_EVICTION_BY_EVICTION_API = "EvictionByEvictionAPI";

/** Options of an eviction (policy/v1 Eviction's deleteOptions). */
export interface EvictionOptions {
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: open JSON
type Json = any;

function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: Json) => c.type === "Ready" && c.status === "True");
}

/** canIgnorePDB: terminal, pending and terminating pods are evicted without a budget check. */
function canIgnorePDB(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return (
    phase === "Succeeded" || phase === "Failed" || phase === "Pending" || !!pod.metadata.deletionTimestamp
  );
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaled(value: number | string, total: number): number {
  if (typeof value === "number") return value;
  const m = /^([0-9]+)%$/.exec(value);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  return Number(value) || 0;
}

/** A budget's health as the disruption controller would compute it. */
export function computeDisruptionStatus(
  pdb: KubeObject,
  pods: KubeObject[],
): { currentHealthy: number; desiredHealthy: number; expectedPods: number; disruptionsAllowed: number } {
  const selected = pods.filter(
    (p) => !p.metadata.deletionTimestamp && matchesLabelSelector(pdb.spec?.selector, p.metadata.labels),
  );
  const expectedPods = selected.length;
  const currentHealthy = selected.filter(isReady).length;
  let desiredHealthy = 0;
  if (pdb.spec?.minAvailable !== undefined) desiredHealthy = scaled(pdb.spec.minAvailable, expectedPods);
  else if (pdb.spec?.maxUnavailable !== undefined)
    desiredHealthy = Math.max(0, expectedPods - scaled(pdb.spec.maxUnavailable, expectedPods));
  return {
    currentHealthy,
    desiredHealthy,
    expectedPods,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}

/**
 * Evicts a pod as `POST pods/NAME/eviction` does: checks the pod's PodDisruptionBudget, marks
 * the pod with a DisruptionTarget condition, then deletes it with its grace period. Throws
 * ApiError TooManyRequests when the budget allows no disruption. Returns the pod after deletion
 * (undefined if removed at once).
 */
export function evictPod(
  cluster: Cluster,
  namespace: string,
  name: string,
  options: EvictionOptions = {},
): KubeObject | undefined {
  const api = cluster.api;
  const pod = api.get("Pod", namespace, name);
  if (!pod) throw notFound("pods", name);
  if (!canIgnorePDB(pod)) {
    const pdbs = api
      .list("PodDisruptionBudget", { namespace })
      .filter((pdb) => matchesLabelSelector(pdb.spec?.selector, pod.metadata.labels));
    if (pdbs.length > 1) throw new ApiError("InternalError", ERR_EVICTION_MULTIPLE_PDBS);
    const pdb = pdbs[0];
    if (pdb) checkAndDecrement(cluster, pdb, pod, options);
  }
  if (options.dryRun) return pod;
  if (pod.spec?.nodeName && !pod.metadata.deletionTimestamp) {
    const marked = clone(pod);
    const conditions = (marked.status?.conditions ?? []).filter((c: Json) => c.type !== "DisruptionTarget");
    conditions.push({
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: cluster.now(),
      reason: REASON_EVICTION_BY_EVICTION_API,
      message: "Eviction API: evicting",
    });
    marked.status = { ...(marked.status ?? {}), conditions };
    api.updateStatus(marked);
  }
  const deleteOptions: DeleteOptions = {};
  if (options.gracePeriodSeconds !== undefined) deleteOptions.gracePeriodSeconds = options.gracePeriodSeconds;
  return api.delete("Pod", namespace, name, deleteOptions);
}

function checkAndDecrement(
  cluster: Cluster,
  pdb: KubeObject,
  pod: KubeObject,
  options: EvictionOptions,
): void {
  const maintained =
    pdb.status?.observedGeneration !== undefined &&
    pdb.status.observedGeneration >= (pdb.metadata.generation ?? 1);
  const status = maintained
    ? {
        currentHealthy: pdb.status.currentHealthy ?? 0,
        desiredHealthy: pdb.status.desiredHealthy ?? 0,
        disruptionsAllowed: pdb.status.disruptionsAllowed ?? 0,
      }
    : computeDisruptionStatus(pdb, cluster.api.list("Pod", { namespace: pdb.metadata.namespace }));
  // An unready pod may go when the budget is already met (IfHealthyBudget), or always (AlwaysAllow).
  if (!isReady(pod)) {
    const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? "IfHealthyBudget";
    if (policy === "AlwaysAllow") return;
    if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return;
  }
  if (status.disruptionsAllowed < 0)
    throw new ApiError(
      "Forbidden",
      `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative`,
    );
  if (status.disruptionsAllowed === 0)
    throw new ApiError("TooManyRequests", ERR_EVICTION_VIOLATES_PDB, [
      {
        type: "DisruptionBudget",
        field: "",
        message: `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
      },
    ]);
  if (options.dryRun || !maintained) return;
  const updated = clone(pdb);
  updated.status.disruptionsAllowed = status.disruptionsAllowed - 1;
  updated.status.disruptedPods = {
    ...(updated.status.disruptedPods ?? {}),
    [pod.metadata.name as string]: cluster.now(),
  };
  cluster.api.updateStatus(updated);
}
