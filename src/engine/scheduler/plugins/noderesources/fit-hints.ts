/**
 * NodeResourcesFit's QueueingHints (noderesources/fit.go, v1.32): a pod it rejected may fit after
 * an assigned pod is deleted, a node is added that fits it, or a node's allocatable grows in a
 * resource the pod requests. (Pod scale-down needs InPlacePodVerticalScaling, alpha in v1.32.)
 */
import type { Node, Pod } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import { NodeInfo, type PodInfo, type Resource, resourceFromList } from "../../framework/types";
import { fits } from "./fit";

/** A deleted assigned pod frees resources; an unscheduled one does not (isSchedulableAfterPodEvent). */
export function isSchedulableAfterPodEvent(_pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Pod | undefined;
  if (newObj === undefined) return original?.spec?.nodeName ? QueueingHint.Queue : QueueingHint.QueueSkip;
  // An update can only help by scaling down, which needs InPlacePodVerticalScaling (off in v1.32).
  return QueueingHint.QueueSkip;
}

/** Whether the pod's requests fit an empty node (isFit). */
function isFit(
  pod: PodInfo,
  node: Node | undefined,
  ignored?: Set<string>,
  ignoredGroups?: Set<string>,
): boolean {
  if (!node) return false;
  return fits(pod, new NodeInfo(node.metadata.name as string, node), ignored, ignoredGroups).length === 0;
}

/** A node's allocatable as NodeInfo reads it (without building one: images and taints do not matter here). */
function allocatableOf(node: Node): Resource {
  return resourceFromList(node.status?.allocatable as Record<string, string> | undefined);
}

/** Whether allocatable grew in the pod count or a resource the pod requests (haveAnyRequestedResourcesIncreased). */
export function haveAnyRequestedResourcesIncreased(pod: PodInfo, original: Node, modified: Node): boolean {
  const o = allocatableOf(original);
  const m = allocatableOf(modified);
  if (m.allowedPodNumber > o.allowedPodNumber) return true;
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.size === 0) return false;
  if (
    (r.milliCPU > 0 && m.milliCPU > o.milliCPU) ||
    (r.memory > 0 && m.memory > o.memory) ||
    (r.ephemeralStorage > 0 && m.ephemeralStorage > o.ephemeralStorage)
  )
    return true;
  for (const [name, q] of r.scalar) {
    if (q === 0) continue;
    if ((m.scalar.get(name) ?? 0) > (o.scalar.get(name) ?? 0)) return true;
  }
  return false;
}

/**
 * A node added that fits the pod, or updated so that it fits and a requested resource grew
 * (isSchedulableAfterNodeChange).
 */
export function isSchedulableAfterNodeChange(
  pod: PodInfo,
  oldObj: unknown,
  newObj: unknown,
  ignored?: Set<string>,
  ignoredGroups?: Set<string>,
): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node;
  if (!isFit(pod, modified, ignored, ignoredGroups)) return QueueingHint.QueueSkip;
  if (!original) return QueueingHint.Queue;
  return haveAnyRequestedResourcesIncreased(pod, original, modified)
    ? QueueingHint.Queue
    : QueueingHint.QueueSkip;
}

/** The events that may help a pod NodeResourcesFit rejected (EventsToRegister, hints on). */
export function fitEvents(ignored?: Set<string>, ignoredGroups?: Set<string>): ClusterEventWithHint[] {
  return [
    { event: { resource: "Pod", actionType: ActionType.Delete }, queueingHintFn: isSchedulableAfterPodEvent },
    {
      event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeAllocatable },
      queueingHintFn: (pod, o, n) => isSchedulableAfterNodeChange(pod, o, n, ignored, ignoredGroups),
    },
  ];
}
