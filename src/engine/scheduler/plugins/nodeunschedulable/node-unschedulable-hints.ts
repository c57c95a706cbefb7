/**
 * NodeUnschedulable's QueueingHints (nodeunschedulable/node_unschedulable.go, v1.32): a node
 * added schedulable or uncordoned, or the pod itself now tolerating the unschedulable taint.
 */

import { tolerationsTolerateTaint } from "../../../api/helpers/taints";
import type { Node, Pod } from "../../../api/kinds";
import { TaintNodeUnschedulable } from "../../../nodelifecycle/constants";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";

/** isSchedulableAfterNodeChange. */
export function isSchedulableAfterNodeChange(_pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node;
  const nowSchedulable = !modified.spec?.unschedulable;
  // Uncordoned, or added schedulable.
  if (original ? original.spec?.unschedulable && nowSchedulable : nowSchedulable) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

/** The pod itself got a toleration of node.kubernetes.io/unschedulable (isSchedulableAfterPodTolerationChange). */
export function isSchedulableAfterPodTolerationChange(
  pod: PodInfo,
  _oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const modified = newObj as Pod;
  if (modified.metadata.uid !== pod.uid) return QueueingHint.QueueSkip;
  return tolerationsTolerateTaint(modified.spec?.tolerations, {
    key: TaintNodeUnschedulable,
    effect: "NoSchedule",
  })
    ? QueueingHint.Queue
    : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function nodeUnschedulableEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeTaint },
      queueingHintFn: isSchedulableAfterNodeChange,
    },
    {
      event: { resource: "Pod", actionType: ActionType.UpdatePodTolerations },
      queueingHintFn: isSchedulableAfterPodTolerationChange,
    },
  ];
}
