/**
 * Which PersistentVolume a claim binds to: FindMatchingVolume and its checks
 * (staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go), searched by access-mode
 * index as the PV controller's persistentVolumeOrderedIndex.findByClaim does
 * (pkg/controller/volume/persistentvolume/index.go).
 */

import { accessModesAsString, checkAccessModes, findMatchingVolume } from "../../api/helpers/storage";
import type { KubeObject } from "../../api/types";

/** The annotation the controller sets on a claim once its binding is complete. */
export const AnnBindCompleted = "pv.kubernetes.io/bind-completed";
/** The annotation on a PV or claim bound by the controller (absent: the user pre-bound it). */
export const AnnBoundByController = "pv.kubernetes.io/bound-by-controller";

export {
  accessModesAsString,
  checkAccessModes,
  claimClass,
  findMatchingVolume,
  isVolumeBoundToClaim,
  storage,
  volumeClass,
  volumeModeMismatch,
} from "../../api/helpers/storage";
/**
 * findByClaim: volumes are indexed by their exact set of access modes; the sets that contain
 * every mode the claim asks for are searched smallest first, and the first match wins (so a
 * ReadWriteOnce claim takes an RWO volume before a bigger-moded one).
 */
export function findBestMatchForClaim(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
): KubeObject | undefined {
  const wanted: string[] = claim.spec?.accessModes ?? [];
  const byModes = new Map<string, KubeObject[]>();
  for (const pv of volumes) {
    const key = accessModesAsString(pv.spec?.accessModes);
    const list = byModes.get(key) ?? [];
    list.push(pv);
    byModes.set(key, list);
  }
  const candidates = [...byModes.entries()]
    .filter(([, list]) =>
      checkAccessModes({ ...claim, spec: { accessModes: wanted } }, list[0] as KubeObject),
    )
    .sort(([a], [b]) => a.split(",").length - b.split(",").length || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, list] of candidates) {
    const match = findMatchingVolume(claim, list, delayBinding);
    if (match) return match;
  }
  return undefined;
}
