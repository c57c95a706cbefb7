/**
 * Cluster events (framework/events.go): the events the scheduler's watch handlers raise, what an
 * update of a pod or a node amounts to (PodSchedulingPropertiesChange,
 * NodeSchedulingPropertiesChange), and how a registration matches an event.
 */
import type { Node, Pod } from "../../api/kinds";
import { labelsEqual } from "../../api/selectors";
import { ActionType, type ClusterEvent } from "./interface";
import { podRequests } from "./types";

/** An assigned pod was added (bound, or seen already bound). */
export const EventAssignedPodAdd: ClusterEvent = { resource: "AssignedPod", actionType: ActionType.Add };
/** An assigned pod was deleted (or finished). */
export const EventAssignedPodDelete: ClusterEvent = {
  resource: "AssignedPod",
  actionType: ActionType.Delete,
};
/** A node was added. */
export const EventNodeAdd: ClusterEvent = { resource: "Node", actionType: ActionType.Add };
/** A node was deleted. */
export const EventNodeDelete: ClusterEvent = { resource: "Node", actionType: ActionType.Delete };
/** A pod stayed unschedulable past the timeout (a wildcard event: every pod is retried). */
export const EventUnschedulableTimeout: ClusterEvent = {
  resource: "*",
  actionType: ActionType.All,
  label: "UnschedulableTimeout",
};

/** Whether a registered event covers an incoming one (ClusterEvent.Match). */
export function matchEvent(registered: ClusterEvent, incoming: ClusterEvent): boolean {
  if (registered.resource === "*") return true;
  if ((registered.actionType & incoming.actionType) === 0) return false;
  if (registered.resource === incoming.resource) return true;
  return (
    registered.resource === "Pod" &&
    (incoming.resource === "AssignedPod" || incoming.resource === "UnscheduledPod")
  );
}

/** Whether two parts of an object are equal as JSON (absent and null alike). */
export function sameJSON(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Whether some resource request of the pod went down or away (extractPodScaleDown). */
function podScaledDown(newPod: Pod, oldPod: Pod): boolean {
  if (
    sameJSON(newPod.spec?.containers, oldPod.spec?.containers) &&
    sameJSON(newPod.spec?.initContainers, oldPod.spec?.initContainers) &&
    sameJSON(newPod.spec?.overhead, oldPod.spec?.overhead)
  )
    return false;
  const o = podRequests(oldPod);
  const n = podRequests(newPod);
  if (n.milliCPU < o.milliCPU || n.memory < o.memory || n.ephemeralStorage < o.ephemeralStorage) return true;
  // An extended resource no longer requested counts as scaled down.
  for (const [k, v] of o.scalar) if ((n.scalar.get(k) ?? -1) < v) return true;
  return false;
}

/**
 * The events an update of a pod amounts to (PodSchedulingPropertiesChange): label change, scale
 * down, scheduling gates all removed, tolerations added; UpdatePodOther when none applies.
 */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource = newPod.spec?.nodeName ? "AssignedPod" : "UnscheduledPod";
  const out: ClusterEvent[] = [];
  if (!labelsEqual(newPod.metadata.labels, oldPod.metadata.labels))
    out.push({ resource, actionType: ActionType.UpdatePodLabel });
  if (podScaledDown(newPod, oldPod)) out.push({ resource, actionType: ActionType.UpdatePodScaleDown });
  if ((newPod.spec?.schedulingGates?.length ?? 0) === 0 && (oldPod.spec?.schedulingGates?.length ?? 0) !== 0)
    out.push({ resource, actionType: ActionType.UpdatePodSchedulingGatesEliminated });
  // Tolerations can only be added, so a different length is enough to notice it.
  if ((newPod.spec?.tolerations?.length ?? 0) !== (oldPod.spec?.tolerations?.length ?? 0))
    out.push({ resource, actionType: ActionType.UpdatePodTolerations });
  if (out.length === 0) out.push({ resource, actionType: ActionType.UpdatePodOther });
  return out;
}

function conditionStatuses(n: Node): Record<string, string> {
  const m: Record<string, string> = {};
  for (const c of n.status?.conditions ?? []) m[c.type] = c.status;
  return m;
}

/**
 * The events an update of a node amounts to (NodeSchedulingPropertiesChange), in upstream's
 * order. A node becoming schedulable counts as UpdateNodeTaint; heartbeats alone raise nothing.
 */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const ev = (actionType: number) => out.push({ resource: "Node", actionType });
  if (oldNode.spec?.unschedulable && !newNode.spec?.unschedulable) ev(ActionType.UpdateNodeTaint);
  if (!sameJSON(oldNode.status?.allocatable, newNode.status?.allocatable))
    ev(ActionType.UpdateNodeAllocatable);
  if (!labelsEqual(newNode.metadata.labels, oldNode.metadata.labels)) ev(ActionType.UpdateNodeLabel);
  if (!sameJSON(newNode.spec?.taints, oldNode.spec?.taints)) ev(ActionType.UpdateNodeTaint);
  if (!labelsEqual(conditionStatuses(oldNode), conditionStatuses(newNode)))
    ev(ActionType.UpdateNodeCondition);
  if (!labelsEqual(oldNode.metadata.annotations, newNode.metadata.annotations))
    ev(ActionType.UpdateNodeAnnotation);
  return out;
}
