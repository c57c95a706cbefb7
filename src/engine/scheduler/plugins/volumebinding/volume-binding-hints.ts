/**
 * VolumeBinding's QueueingHints (volumebinding/volume_binding.go, v1.32): a claim the pod uses
 * created or updated; a StorageClass created or its allowedTopologies changed; any
 * PersistentVolume created or updated; a node added or relabelled. (CSINode, CSIDriver and
 * CSIStorageCapacity are not modelled.)
 */
import type { KubeObject } from "../../../api/types";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import type { PodInfo } from "../../framework/types";
import { claimNameOf } from "./claims";

/** isSchedulableAfterPersistentVolumeClaimChange. */
export function isSchedulableAfterPersistentVolumeClaimChange(
  pod: PodInfo,
  _oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const pvc = newObj as KubeObject;
  if (pod.namespace !== pvc.metadata.namespace) return QueueingHint.QueueSkip;
  for (const v of pod.pod.spec?.volumes ?? []) {
    const ref = claimNameOf(pod.pod.metadata.name as string, v);
    if (ref && ref.name === pvc.metadata.name) return QueueingHint.Queue;
  }
  return QueueingHint.QueueSkip;
}

/** isSchedulableAfterStorageClassChange. */
export function isSchedulableAfterStorageClassChange(
  _pod: PodInfo,
  oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const o = oldObj as KubeObject | undefined;
  const n = newObj as KubeObject;
  if (!o) return QueueingHint.Queue;
  const a = JSON.stringify((o as { allowedTopologies?: unknown }).allowedTopologies ?? null);
  const b = JSON.stringify((n as { allowedTopologies?: unknown }).allowedTopologies ?? null);
  return a !== b ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function volumeBindingEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "StorageClass", actionType: ActionType.Add | ActionType.Update },
      queueingHintFn: isSchedulableAfterStorageClassChange,
    },
    {
      event: { resource: "PersistentVolumeClaim", actionType: ActionType.Add | ActionType.Update },
      queueingHintFn: isSchedulableAfterPersistentVolumeClaimChange,
    },
    { event: { resource: "PersistentVolume", actionType: ActionType.Add | ActionType.Update } },
    {
      event: {
        resource: "Node",
        actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
      },
    },
  ];
}
