/**
 * TaintToleration's QueueingHints (tainttoleration/taint_toleration.go, v1.32): a node added or
 * re-tainted so that the pod now tolerates all its NoSchedule/NoExecute taints, or the pod's own
 * tolerations updated.
 */
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from "../../../api/helpers/taints";
import type { Node, Pod, Taint } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";

function untolerated(node: Node, pod: PodInfo): boolean {
  return (
    findMatchingUntoleratedTaint(
      node.spec?.taints as Taint[] | undefined,
      pod.pod.spec?.tolerations,
      doNotScheduleTaints,
    ) !== undefined
  );
}

/** Queue when the node went from an untolerated taint (or absent) to none (isSchedulableAfterNodeChange). */
export function isSchedulableAfterNodeChange(pod: PodInfo, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node;
  const wasUntolerated = original ? untolerated(original, pod) : true;
  return wasUntolerated && !untolerated(modified, pod) ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** Queue when the updated pod is the pod itself (isSchedulableAfterPodTolerationChange). */
export function isSchedulableAfterPodTolerationChange(
  pod: PodInfo,
  _oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const modified = newObj as Pod;
  return modified.metadata.uid === pod.uid ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function taintTolerationEvents(): ClusterEventWithHint[] {
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
