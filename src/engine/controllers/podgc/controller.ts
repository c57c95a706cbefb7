/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go): every gcCheckPeriod it
 * deletes terminated pods beyond the threshold (oldest first), pods bound to nodes that are gone
 * (after a quarantine), and terminating pods that were never scheduled.
 */
import { ApiError } from "../../api/errors";
import type { Pod } from "../../api/kinds";
import { clone } from "../../api/types";
import type { TimerId } from "../../clock/clock";
import type { Cluster, Component } from "../../cluster";

export const PodGCController = "pod-garbage-collector";
/** --terminated-pod-gc-threshold default. */
export const TerminatedPodThreshold = 12500;
/** gcCheckPeriod. */
export const GCCheckPeriodSeconds = 20;
/** How long a node must be missing before its pods are deleted. */
export const QuarantineSeconds = 40;
/** The DisruptionTarget condition reason and message podgc writes before deleting an orphan. */
export const DeletionByPodGC = "DeletionByPodGC";
export const OrphanedPodMessage = "PodGC: node no longer exists";

function isTerminated(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/**
 * terminatedPodsToDelete: when more than threshold pods are terminated, the oldest
 * (by creationTimestamp, then name) beyond the threshold.
 */
export function terminatedPodsToDelete(pods: Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter((p) => isTerminated(p) && !p.metadata.deletionTimestamp);
  const n = terminated.length - threshold;
  if (n <= 0) return [];
  terminated.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  });
  return terminated.slice(0, n);
}

/** Starts pod GC. */
export function installPodGC(cluster: Cluster, threshold = TerminatedPodThreshold): Component {
  let tick: TimerId | undefined;
  let dirty = false;
  /** node name → when it was first seen missing. */
  const missingSince = new Map<string, number>();
  const schedule = (seconds = GCCheckPeriodSeconds) => {
    if (tick !== undefined) return;
    tick = cluster.clock.after(
      seconds,
      () => {
        tick = undefined;
        dirty = true;
      },
      PodGCController,
    );
  };
  cluster.api.watch("Pod", (e) => {
    const pod = e.object as Pod;
    if (e.type === "DELETED") return;
    if (isTerminated(pod) || (pod.metadata.deletionTimestamp && !pod.spec?.nodeName)) schedule();
    else if (pod.spec?.nodeName && !cluster.api.get("Node", undefined, pod.spec.nodeName)) schedule();
  });
  cluster.api.watch("Node", (e) => {
    if (e.type === "DELETED") schedule();
  });
  const component: Component = {
    name: PodGCController,
    process() {
      if (!dirty) return false;
      dirty = false;
      const again = gc(cluster, threshold, missingSince);
      if (again) schedule();
      return true;
    },
  };
  cluster.addComponent(component);
  return component;
}

/** One gc() pass; returns true when orphans wait in quarantine. */
function gc(cluster: Cluster, threshold: number, missingSince: Map<string, number>): boolean {
  const pods = cluster.api.list("Pod") as Pod[];
  for (const pod of terminatedPodsToDelete(pods, threshold)) forceDelete(cluster, pod);
  const now = cluster.clock.now();
  let waiting = false;
  const present = new Set<string>();
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) {
      if (pod.metadata.deletionTimestamp) forceDelete(cluster, pod);
      continue;
    }
    if (cluster.api.get("Node", undefined, nodeName)) continue;
    present.add(nodeName);
    const since = missingSince.get(nodeName) ?? now;
    missingSince.set(nodeName, since);
    if (now - since < QuarantineSeconds * 1000) {
      waiting = true;
      continue;
    }
    markFailedAndDelete(cluster, pod);
  }
  for (const name of missingSince.keys()) if (!present.has(name)) missingSince.delete(name);
  return waiting;
}

function markFailedAndDelete(cluster: Cluster, pod: Pod): void {
  if (!isTerminated(pod)) {
    const next = clone(pod);
    next.status = next.status ?? {};
    next.status.phase = "Failed";
    const conditions = (next.status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
    conditions.push({
      type: "DisruptionTarget",
      status: "True",
      lastTransitionTime: cluster.clock.timestamp(),
      reason: DeletionByPodGC,
      message: OrphanedPodMessage,
    });
    next.status.conditions = conditions;
    try {
      cluster.api.updateStatus(next, { fieldManager: PodGCController });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  forceDelete(cluster, pod);
}

function forceDelete(cluster: Cluster, pod: Pod): void {
  try {
    cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
      gracePeriodSeconds: 0,
      fieldManager: PodGCController,
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
