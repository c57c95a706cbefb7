/**
 * The ReplicaSet controller's pure decisions: which pods to delete first when scaling down
 * (pkg/controller/controller_utils.go ActivePodsWithRanks), slow-start batches, and status.
 */
import type { Pod } from "../../api/kinds";
import { isPodReady } from "../lib/pods";

/** Annotation that ranks pods for scale-down: lower cost goes first (controller.kubernetes.io/pod-deletion-cost). */
export const PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[PodDeletionCostAnnotation];
  if (v === undefined) return 0;
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

function readyTime(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const c = pod.status?.conditions?.find((x) => x.type === "Ready");
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
}

function maxRestarts(pod: Pod): number {
  let m = 0;
  for (const s of pod.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0);
  return m;
}

/** logarithmicRankDiff: compares how long ago two instants were, in powers of two of nanoseconds. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** A pod with its rank: how many related pods share its node (doubled-up pods go first). */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

/**
 * ActivePodsWithRanks.Less: whether a should be deleted before b. Order: unassigned, then
 * Pending < Unknown < Running, not ready, lower pod-deletion-cost, more pods on the same node,
 * ready for less time (logarithmic buckets), more restarts, newer (logarithmic buckets), uid.
 */
export function deleteFirst(a: RankedPod, b: RankedPod, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? "";
  const nb = pb.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "";
  const oa = PHASE_ORDINAL[pa.status?.phase ?? "Pending"] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? "Pending"] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const ta = readyTime(pa);
    const tb = readyTime(pb);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const d = logarithmicRankDiff(ta, tb, now);
      if (d === 0) return (pa.metadata.uid ?? "") < (pb.metadata.uid ?? "");
      return d < 0;
    }
  }
  const xa = maxRestarts(pa);
  const xb = maxRestarts(pb);
  if (xa !== xb) return xa > xb;
  const ka = pa.metadata.creationTimestamp ? Date.parse(pa.metadata.creationTimestamp) : undefined;
  const kb = pb.metadata.creationTimestamp ? Date.parse(pb.metadata.creationTimestamp) : undefined;
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return afterOrZero(ka, kb);
    const d = logarithmicRankDiff(ka, kb, now);
    if (d === 0) return (pa.metadata.uid ?? "") < (pb.metadata.uid ?? "");
    return d < 0;
  }
  return false;
}

/** afterOrZero: an unset time sorts first, otherwise the later time does. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/**
 * getPodsToDelete: the diff pods to delete, ranked by getPodsRankedByRelatedPodsOnSameNode
 * (related pods are the active pods of every ReplicaSet of the same owner).
 */
export function getPodsToDelete(filtered: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n && !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed")
      onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked: RankedPod[] = filtered.map((pod) => ({
    pod,
    rank: onNode.get(pod.spec?.nodeName ?? "") ?? 0,
  }));
  // A stable sort by Less, as sort.Sort's result for a strict weak order.
  ranked.sort((a, b) => (deleteFirst(a, b, now) ? -1 : deleteFirst(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/**
 * slowStartBatch: calls fn count times in batches of 1, 2, 4, ... stopping after a batch with a
 * failure. Returns the number of successes.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (fn()) successes++;
      else failed = true;
    }
    remaining -= batch;
    if (failed) break;
  }
  return successes;
}
