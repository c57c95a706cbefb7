/**
 * When the node lifecycle and taint eviction controllers will act, read from objects alone (the
 * Node, its Lease, the pods on it), so that the page can count down to it: a silent node going
 * NotReady, and pods evicted after their tolerationSeconds. Pure: the caller passes the time.
 */
import type { Node, Pod, Taint } from "../api/kinds";
import type { KubeObject } from "../api/types";
import { NODE_LEASE_RENEW_INTERVAL } from "../kubelet/constants";
import { NODE_MONITOR_GRACE_PERIOD, NODE_MONITOR_PERIOD } from "./constants";
import { matchingTolerations, minTolerationTime } from "./taints";

/**
 * Seconds past a missed renewal before a heartbeat counts as late: the renewal itself lands on
 * the renew interval, and the page sees it a frame or a tick later.
 */
export const HEARTBEAT_SLACK = 1;

function ms(timestamp: string | undefined): number | undefined {
  if (!timestamp) return undefined;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? undefined : t;
}

/** The node's latest heartbeat (ms): its Lease's renewTime or its Ready condition's lastHeartbeatTime. */
export function lastHeartbeat(node: Node, lease: KubeObject | undefined): number | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const times = [ms(lease?.spec?.renewTime), ms(ready?.lastHeartbeatTime)].filter(
    (t): t is number => t !== undefined,
  );
  return times.length ? Math.max(...times) : undefined;
}

/**
 * When the node lifecycle controller will mark a Ready node whose kubelet stopped heartbeating
 * NotReady (ms), or undefined when the node is not Ready or its heartbeats are on time.
 *
 * The controller notes a renewal at its next monitor pass (within NODE_MONITOR_PERIOD) and marks
 * the node at the first pass more than NODE_MONITOR_GRACE_PERIOD after that note: the deadline
 * is the earliest that can be (heartbeat + grace + one period); it happens before the next pass
 * after it.
 */
export function notReadyDeadline(node: Node, lease: KubeObject | undefined, now: number): number | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  if (ready?.status !== "True") return undefined;
  const last = lastHeartbeat(node, lease);
  if (last === undefined) return undefined;
  if (now - last <= (NODE_LEASE_RENEW_INTERVAL + HEARTBEAT_SLACK) * 1000) return undefined;
  return last + (NODE_MONITOR_GRACE_PERIOD + NODE_MONITOR_PERIOD) * 1000;
}

/** One pod's coming eviction by the taint eviction controller. */
export interface PodEviction {
  /** "namespace/name". */
  pod: string;
  /** When the controller deletes it (ms). */
  at: number;
  /** The taint that triggered it (the oldest NoExecute taint). */
  taint: Taint;
  /** The smallest tolerationSeconds among the tolerations used. */
  tolerationSeconds: number;
}

function podScheduledAt(pod: Pod): number | undefined {
  return ms(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.lastTransitionTime);
}

/**
 * The evictions that tolerationSeconds hold back on a node (taint_eviction.go processPodOnNode):
 * for each pod on it that tolerates all of its NoExecute taints, some for a limited time, the
 * deletion is due the shortest tolerationSeconds after the work started, that is when the first
 * of those taints was added (or when the pod came to the node, if later). Pods tolerating them
 * forever are never evicted; pods not tolerating them are deleted at once (not counted down).
 * Sorted by time. timeAdded has whole seconds: the deletion comes up to a second later.
 */
export function podEvictions(node: Node, pods: Iterable<Pod>): PodEviction[] {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
  if (taints.length === 0) return [];
  const added = taints
    .map((t) => ({ taint: t, at: ms(t.timeAdded) }))
    .filter((x): x is { taint: Taint; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const first = added[0];
  if (!first) return [];
  const out: PodEviction[] = [];
  for (const pod of pods) {
    if (pod.spec?.nodeName !== node.metadata.name || pod.metadata.deletionTimestamp) continue;
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) continue;
    const seconds = minTolerationTime(used);
    if (seconds < 0) continue;
    const start = Math.max(first.at, podScheduledAt(pod) ?? first.at);
    out.push({
      pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
      at: start + seconds * 1000,
      taint: first.taint,
      tolerationSeconds: seconds,
    });
  }
  return out.sort((a, b) => a.at - b.at || (a.pod < b.pod ? -1 : 1));
}
