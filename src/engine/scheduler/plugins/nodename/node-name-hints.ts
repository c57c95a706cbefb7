/** NodeName's QueueingHint (nodename/node_name.go, v1.32): a node added with the name the pod asks for. */
import type { Node } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";

/** isSchedulableAfterNodeAdd. */
export function isSchedulableAfterNodeAdd(pod: PodInfo, _oldObj: unknown, newObj: unknown): QueueingHint {
  const want = pod.pod.spec?.nodeName;
  return !want || want === (newObj as Node).metadata.name ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function nodeNameEvents(): ClusterEventWithHint[] {
  return [
    { event: { resource: "Node", actionType: ActionType.Add }, queueingHintFn: isSchedulableAfterNodeAdd },
  ];
}
