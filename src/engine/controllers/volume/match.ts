/**
 * Which PersistentVolume a claim binds to: FindMatchingVolume and its checks
 * (staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go), searched by access-mode
 * index as the PV controller's persistentVolumeOrderedIndex.findByClaim does
 * (pkg/controller/volume/persistentvolume/index.go).
 */

import {
  accessModesAsString,
  checkAccessModes,
  claimClass,
  volumeClass,
  volumeModeMismatch,
} from "../../api/helpers/storage";
import { matchesLabelSelector } from "../../api/selectors";
import type { KubeObject } from "../../api/types";
import { compareQuantities, parseQuantityExact } from "../../apiserver/quantity";

/** The annotation the controller sets on a claim once its binding is complete. */
export const AnnBindCompleted = "pv.kubernetes.io/bind-completed";
/** The annotation on a PV or claim bound by the controller (absent: the user pre-bound it). */
export const AnnBoundByController = "pv.kubernetes.io/bound-by-controller";

export {
  accessModesAsString,
  checkAccessModes,
  claimClass,
  volumeClass,
  volumeModeMismatch,
} from "../../api/helpers/storage";
/** IsVolumeBoundToClaim: the PV's claimRef names the claim (and its uid, when it has one). */
export function isVolumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** A storage quantity (zero when absent or unparseable). */
export function storage(q: unknown) {
  return parseQuantityExact(q as string | undefined) ?? { nanos: 0n, format: "DecimalSI" as const };
}

/**
 * FindMatchingVolume on the PV controller's path (no node, nothing excluded): a volume pre-bound
 * to the claim wins; otherwise the smallest Available volume of the claim's class, big enough,
 * of the same volume mode, whose labels match the claim's selector. With delayBinding, unbound
 * volumes are left to the scheduler.
 */
export function findMatchingVolume(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
): KubeObject | undefined {
  const requested = storage(claim.spec?.resources?.requests?.storage);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector;
  let smallest: KubeObject | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = storage(pv.spec?.capacity?.storage);
    if (compareQuantities(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) return pv;
    if (delayBinding) continue;
    if (pv.status?.phase !== "Available") continue;
    if (selector && !matchesLabelSelector(selector, pv.metadata.labels ?? {})) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!smallest || compareQuantities(storage(smallest.spec?.capacity?.storage), size) > 0) smallest = pv;
  }
  return smallest;
}

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
