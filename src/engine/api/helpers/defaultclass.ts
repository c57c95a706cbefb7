/**
 * GetDefaultClass (pkg/volume/util/storageclass.go): the StorageClass annotated as the default
 * (`storageclass.kubernetes.io/is-default-class` or its beta name, "true"); of several, the
 * newest, then the first by name. Used by DefaultStorageClass admission and by the PV controller's
 * retroactive assignment to claims created without a class.
 */
import type { KubeObject } from "../types";

/** The annotation marking the default class, and its beta name. */
export const IsDefaultStorageClassAnnotation = "storageclass.kubernetes.io/is-default-class";
export const BetaIsDefaultStorageClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

/** Whether a class is marked as the default (IsDefaultAnnotation). */
export function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IsDefaultStorageClassAnnotation] === "true" || a[BetaIsDefaultStorageClassAnnotation] === "true";
}

/** The default class among these, or undefined when none is marked. */
export function getDefaultClass(classes: readonly KubeObject[]): KubeObject | undefined {
  return classes.filter(isDefaultClass).sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    if (ta !== tb) return ta > tb ? -1 : 1;
    return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  })[0];
}

/** PersistentVolumeClaimHasClass: the claim names a class (the field set, or the beta annotation). */
export function claimHasClass(pvc: KubeObject): boolean {
  return (
    pvc.spec?.storageClassName != null ||
    pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] !== undefined
  );
}
