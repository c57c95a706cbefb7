/**
 * Reading storage objects as storage/util and component-helpers do: a claim's or volume's class
 * (the beta annotation before spec.storageClassName) and access modes in their short form.
 */
import type { KubeObject } from "../types";

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
