/** The FailedScheduling text (FitError.Error in framework/types.go). */
import type { NodeToStatus } from "./interface";

/** `0/%v nodes are available` (NoNodeAvailableMsg). */
export const NoNodeAvailableMsg = "0/%v nodes are available";
/** The error when the cluster has no nodes at all (ErrNoNodesAvailable). */
export const ErrNoNodesAvailable = "no nodes available to schedule pods";

/**
 * `0/N nodes are available: <count reason, ...>. <postFilterMsg>.`: the reasons of every node
 * counted and sorted as strings; a PreFilter rejection replaces the histogram.
 */
export function fitErrorMessage(
  numAllNodes: number,
  m: NodeToStatus,
  preFilterMsg: string,
  postFilterMsg: string,
): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const reasons = new Map<string, number>();
    for (const s of m.statuses.values()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const absent = numAllNodes - m.statuses.size;
    if (absent > 0 && m.absentStatus)
      for (const r of m.absentStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    const list = [...reasons].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (list.length) msg += ` ${list.join(", ")}.`;
  }
  // The preemption message is itself a FitError text ending in "."; do not double it.
  if (postFilterMsg) msg += ` ${postFilterMsg}${postFilterMsg.endsWith(".") ? "" : "."}`;
  return msg;
}
