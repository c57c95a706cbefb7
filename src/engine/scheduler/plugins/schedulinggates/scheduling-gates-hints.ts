/** SchedulingGates' QueueingHint (schedulinggates/scheduling_gates.go, v1.32): the pod's own gates removed. */
import type { Pod } from "../../../api/kinds";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";

/** isSchedulableAfterUpdatePodSchedulingGatesEliminated. */
export function isSchedulableAfterUpdatePodSchedulingGatesEliminated(
  pod: PodInfo,
  _oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  return (newObj as Pod).metadata.uid === pod.uid ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function schedulingGatesEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Pod", actionType: ActionType.UpdatePodSchedulingGatesEliminated },
      queueingHintFn: isSchedulableAfterUpdatePodSchedulingGatesEliminated,
    },
  ];
}
