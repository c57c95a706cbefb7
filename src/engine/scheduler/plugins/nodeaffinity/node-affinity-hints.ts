/**
 * NodeAffinity's QueueingHints (nodeaffinity/node_affinity.go, v1.32): a node added that matches
 * the pod's required affinity and selector, or a node whose labels changed from not matching to
 * matching.
 */
import type { NodeSelector } from "kubernetes-types/core/v1";
import { matchNodeSelector, podMatchesNodeSelectorAndAffinity } from "../../../api/helpers/nodeaffinity";
import type { Node } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";

/** isSchedulableAfterNodeChange; addedNodeSelector is the profile's addedAffinity. */
export function isSchedulableAfterNodeChange(
  pod: PodInfo,
  oldObj: unknown,
  newObj: unknown,
  addedNodeSelector?: NodeSelector,
): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node;
  if (addedNodeSelector && !matchNodeSelector(addedNodeSelector, modified)) return QueueingHint.QueueSkip;
  if (!podMatchesNodeSelectorAndAffinity(pod.pod, modified)) return QueueingHint.QueueSkip;
  if (!original) return QueueingHint.Queue;
  // An update helps only when the node did not match before.
  return podMatchesNodeSelectorAndAffinity(pod.pod, original) ? QueueingHint.QueueSkip : QueueingHint.Queue;
}

/** EventsToRegister (hints on: no preCheck, so Add | UpdateNodeLabel). */
export function nodeAffinityEvents(addedNodeSelector?: NodeSelector): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeLabel },
      queueingHintFn: (pod, o, n) => isSchedulableAfterNodeChange(pod, o, n, addedNodeSelector),
    },
  ];
}
