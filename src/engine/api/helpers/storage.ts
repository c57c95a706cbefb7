/**
 * Reading storage objects as storage/util and component-helpers do: a claim's or volume's class
 * (the beta annotation before spec.storageClassName) and access modes in their short form.
 */
import { compareQuantities, parseQuantityExact } from "../../apiserver/quantity";
import type { Node } from "../kinds";
import { matchesLabelSelector } from "../selectors";
import type { KubeObject } from "../types";
import { matchNodeSelector } from "./nodeaffinity";

/** The beta storage-class annotation, read before spec.storageClassName. */
export const AnnStorageClass = "volume.beta.kubernetes.io/storage-class";

/** The order and short names of access modes (GetAccessModesAsString). */
const MODES: [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

/** `RWO,ROX`: the modes present, in the fixed order, deduplicated. */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const have = new Set(modes ?? []);
  return MODES.filter(([m]) => have.has(m))
    .map(([, s]) => s)
    .join(",");
}

/** The class a claim asks for (GetPersistentVolumeClaimClass): the beta annotation first. */
export function claimClass(claim: KubeObject): string {
  const ann = claim.metadata.annotations?.[AnnStorageClass];
  return ann !== undefined ? ann : (claim.spec?.storageClassName ?? "");
}

/** The class of a volume (GetPersistentVolumeClass). */
export function volumeClass(pv: KubeObject): string {
  const ann = pv.metadata.annotations?.[AnnStorageClass];
  return ann !== undefined ? ann : (pv.spec?.storageClassName ?? "");
}

/** CheckVolumeModeMismatches: a nil mode is Filesystem. */
export function volumeModeMismatch(claim: KubeObject, pv: KubeObject): boolean {
  return (claim.spec?.volumeMode ?? "Filesystem") !== (pv.spec?.volumeMode ?? "Filesystem");
}

/** CheckAccessModes: the PV offers every mode the claim asks for. */
export function checkAccessModes(claim: KubeObject, pv: KubeObject): boolean {
  const offered = new Set<string>(pv.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m: string) => offered.has(m));
}

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
 * FindMatchingVolume (pv_helpers.go). On the PV controller's path (no node) a volume pre-bound to
 * the claim wins; otherwise the smallest Available volume of the claim's class, big enough, of
 * the same volume mode, whose labels match the claim's selector; with delayBinding, unbound
 * volumes are left to the scheduler. On the scheduler's path (a node given) the volume's node
 * affinity must also hold on that node (a pre-bound volume that does not fit the node is no
 * match at all), the access modes must match, and volumes chosen for the pod's other claims are
 * excluded.
 */
export function findMatchingVolume(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
  node?: Node,
  excluded?: ReadonlySet<string>,
): KubeObject | undefined {
  const requested = storage(claim.spec?.resources?.requests?.storage);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector;
  let smallest: KubeObject | undefined;
  for (const pv of volumes) {
    if (excluded?.has(pv.metadata.name as string)) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = storage(pv.spec?.capacity?.storage);
    if (compareQuantities(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    // CheckNodeAffinity, on the scheduler's path only.
    const required = pv.spec?.nodeAffinity?.required;
    const nodeAffinityValid = !node || !required || matchNodeSelector(required, node);
    if (isVolumeBoundToClaim(pv, claim)) return nodeAffinityValid ? pv : undefined;
    if (!node && delayBinding) continue;
    if (pv.status?.phase !== "Available") continue;
    if (selector && !matchesLabelSelector(selector, pv.metadata.labels ?? {})) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!nodeAffinityValid) continue;
    if (node && !checkAccessModes(claim, pv)) continue;
    if (!smallest || compareQuantities(storage(smallest.spec?.capacity?.storage), size) > 0) smallest = pv;
  }
  return smallest;
}
