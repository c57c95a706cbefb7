/**
 * The PersistentVolume strategy's WarningsOnCreate and WarningsOnUpdate
 * (pkg/api/persistentvolume/util.go GetWarningsForPersistentVolume, v1.32): deprecated
 * annotations and the deprecated Recycle reclaim policy. kubectl prints each as `Warning: ...`.
 */
import type { AdmissionPlugin } from "../api/interface";
import type { KubeObject } from "../api/types";

/** The beta storage class annotation (api.BetaStorageClassAnnotation). */
const BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";
/** The mount options annotation (api.MountOptionAnnotation). */
const MountOptionAnnotation = "volume.beta.kubernetes.io/mount-options";

/** The warning for persistentVolumeReclaimPolicy: Recycle (added in v1.30). */
export const WarnRecycleDeprecated =
  "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.";

/** GetWarningsForPersistentVolume: the warnings a PersistentVolume's create or update returns. */
export function persistentVolumeWarnings(pv: KubeObject): string[] {
  const warnings: string[] = [];
  const annotations = pv.metadata.annotations ?? {};
  if (BetaStorageClassAnnotation in annotations)
    warnings.push(
      `metadata.annotations[${BetaStorageClassAnnotation}]: deprecated since v1.8; use "storageClassName" attribute instead`,
    );
  if (MountOptionAnnotation in annotations)
    warnings.push(
      `metadata.annotations[${MountOptionAnnotation}]: deprecated since v1.31; use "mountOptions" attribute instead`,
    );
  if (pv.spec?.persistentVolumeReclaimPolicy === "Recycle") warnings.push(WarnRecycleDeprecated);
  return warnings;
}

/** Adds the PersistentVolume warnings to a create or update of one. */
export const persistentVolumeStrategyWarnings: AdmissionPlugin = {
  name: "PersistentVolumeWarnings",
  decode(object, options) {
    if (object.kind !== "PersistentVolume" || !options?.warnings) return;
    options.warnings.push(...persistentVolumeWarnings(object));
  },
};
