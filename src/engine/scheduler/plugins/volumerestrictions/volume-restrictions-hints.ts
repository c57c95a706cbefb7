/**
 * VolumeRestrictions' QueueingHints (volumerestrictions/volume_restrictions.go, v1.32): a pod in
 * the namespace deleted that mounted a conflicting disk or the same claim; a claim the pod uses
 * created; any node added.
 */

import type { Pod } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import { ActionType, type ClusterEventWithHint, QueueingHint } from "../../framework/interface";
import { newPodInfo, type PodInfo } from "../../framework/types";
import { isVolumeConflict, needsRestrictionsCheck } from "./volume-restrictions";

/** isSchedulableAfterPersistentVolumeClaimAdded. */
export function isSchedulableAfterPersistentVolumeClaimAdded(
  pod: PodInfo,
  _oldObj: unknown,
  newObj: unknown,
): QueueingHint {
  const pvc = newObj as KubeObject;
  if (pvc.metadata.namespace !== pod.namespace) return QueueingHint.QueueSkip;
  for (const v of pod.pod.spec?.volumes ?? [])
    if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name)
      return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

/** isSchedulableAfterPodDeleted. */
export function isSchedulableAfterPodDeleted(pod: PodInfo, oldObj: unknown, _newObj: unknown): QueueingHint {
  const deleted = oldObj as Pod;
  if (deleted.metadata.namespace !== pod.namespace) return QueueingHint.QueueSkip;
  const d = newPodInfo(deleted);
  // satisfyVolumeConflicts against a node holding only the deleted pod.
  for (const v of pod.pod.spec?.volumes ?? [])
    if (needsRestrictionsCheck(v) && isVolumeConflict(v, d)) return QueueingHint.Queue;
  // The same claim: the pod may have been rejected for its ReadWriteOncePod access mode.
  const claims = new Set<string>();
  for (const v of pod.pod.spec?.volumes ?? [])
    if (v.persistentVolumeClaim) claims.add(v.persistentVolumeClaim.claimName);
  for (const v of deleted.spec?.volumes ?? [])
    if (v.persistentVolumeClaim && claims.has(v.persistentVolumeClaim.claimName)) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

/** EventsToRegister (hints on). */
export function volumeRestrictionsEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: "Pod", actionType: ActionType.Delete },
      queueingHintFn: isSchedulableAfterPodDeleted,
    },
    { event: { resource: "Node", actionType: ActionType.Add } },
    {
      event: { resource: "PersistentVolumeClaim", actionType: ActionType.Add },
      queueingHintFn: isSchedulableAfterPersistentVolumeClaimAdded,
    },
  ];
}
