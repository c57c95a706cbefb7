/**
 * Reading a pod's PersistentVolumeClaims, PersistentVolumes and StorageClasses from the API the
 * way the volume plugins' listers do (their NotFound texts included).
 */
import type { KubeObject } from "../../../api/types";
import type { Handle } from "../../framework/interface";

/** The annotation the PV controller sets once a claim's binding is complete (AnnBindCompleted). */
export const AnnBindCompleted = "pv.kubernetes.io/bind-completed";
export { AnnStorageClass, claimClass } from "../../../api/helpers/storage";
/** The provisioner of classes that only bind pre-created volumes. */
export const NoProvisioner = "kubernetes.io/no-provisioner";

/** A lister's NotFound text: `persistentvolumeclaim "data" not found`. */
export function notFound(resource: string, name: string): string {
  return `${resource} "${name}" not found`;
}

/** The claim name a volume refers to: its persistentVolumeClaim, or a generic ephemeral volume's claim. */
export function claimNameOf(
  podName: string,
  // biome-ignore lint/suspicious/noExplicitAny: a core/v1 Volume
  vol: any,
): { name: string; ephemeral: boolean } | undefined {
  if (vol?.persistentVolumeClaim)
    return { name: vol.persistentVolumeClaim.claimName ?? "", ephemeral: false };
  if (vol?.ephemeral) return { name: `${podName}-${vol.name}`, ephemeral: true };
  return undefined;
}

/** Reads objects through the cluster's API, as the informers' listers would. */
export class VolumeListers {
  constructor(private readonly handle: Handle) {}

  pvc(namespace: string, name: string): KubeObject | undefined {
    return this.handle.cluster.api.get("PersistentVolumeClaim", namespace, name);
  }

  pv(name: string): KubeObject | undefined {
    return this.handle.cluster.api.get("PersistentVolume", undefined, name);
  }

  storageClass(name: string): KubeObject | undefined {
    return this.handle.cluster.api.get("StorageClass", undefined, name);
  }

  pvs(): KubeObject[] {
    return this.handle.cluster.api.list("PersistentVolume");
  }
}
