/**
 * NodePorts' QueueingHints (nodeports/node_ports.go, v1.32): an assigned pod deleted that held a
 * host port the pod wants; any node added.
 */
import type { Pod } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import { NodeInfo, newPodInfo, type PodInfo } from "../../framework/types";
import { fitsPorts } from "./node-ports";

/** isSchedulableAfterPodDeleted. */
export function isSchedulableAfterPodDeleted(pod: PodInfo, oldObj: unknown, _newObj: unknown): QueueingHint {
  const deleted = oldObj as Pod | undefined;
  if (!deleted) return QueueingHint.Queue;
  // An unscheduled pod held no port.
  if (!deleted.spec?.nodeName) return QueueingHint.QueueSkip;
  const d = newPodInfo(deleted);
  if (d.ports.length === 0) return QueueingHint.QueueSkip;
  const inUse = new NodeInfo("");
  inUse.addPod(d);
  // No common port: deleting it cannot help.
  return fitsPorts(pod, inUse) ? QueueingHint.QueueSkip : QueueingHint.Queue;
}

/** EventsToRegister (hints on: Node Add without a hint, i.e. Queue). */
export function nodePortsEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Pod", actionType: ActionType.Delete },
      queueingHintFn: isSchedulableAfterPodDeleted,
    },
    { event: { resource: "Node", actionType: ActionType.Add } },
  ];
}
