/**
 * The pvc-protection and pv-protection controllers (pkg/controller/volume/pvcprotection,
 * pvprotection): a deleted claim stays Terminating while a pod that is not terminated uses it; a
 * deleted volume stays Terminating while it is Bound. Their finalizers are added at creation by
 * the StorageObjectInUseProtection admission plugin (apiserver/admission/storageprotection.ts).
 */
import { ApiError } from "../../api/errors";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { Controller } from "../lib/queue";

/** The finalizers of the two controllers. */
export const PVCProtectionFinalizer = "kubernetes.io/pvc-protection";
export const PVProtectionFinalizer = "kubernetes.io/pv-protection";

/** The event sources. */
export const PVCProtectionController = "pvc-protection-controller";
export const PVProtectionController = "pv-protection-controller";

/** Whether a pod that is not terminated names the claim (podUsesPVC, ephemeral volumes included). */
export function podUsesClaim(pod: KubeObject, claim: KubeObject): boolean {
  if (pod.metadata.namespace !== claim.metadata.namespace) return false;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  return (pod.spec?.volumes ?? []).some(
    (v: { name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }) =>
      v.persistentVolumeClaim?.claimName === claim.metadata.name ||
      (v.ephemeral !== undefined && `${pod.metadata.name}-${v.name}` === claim.metadata.name),
  );
}

function removeFinalizer(cluster: Cluster, obj: KubeObject, finalizer: string, manager: string): void {
  const next = clone(obj);
  next.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
  try {
    cluster.api.update(next, { fieldManager: manager });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** Starts both controllers. */
export function installVolumeProtection(cluster: Cluster): void {
  const pvc = new Controller(PVCProtectionController, cluster, (key) => {
    const [ns, name] = key.split("/") as [string, string];
    const claim = cluster.api.get("PersistentVolumeClaim", ns, name);
    if (!claim?.metadata.deletionTimestamp) return;
    if (!(claim.metadata.finalizers ?? []).includes(PVCProtectionFinalizer)) return;
    const inUse = cluster.api.list("Pod", { namespace: ns }).some((p) => podUsesClaim(p, claim));
    if (!inUse) removeFinalizer(cluster, claim, PVCProtectionFinalizer, PVCProtectionController);
  });
  cluster.api.watch("PersistentVolumeClaim", (e) => {
    if (e.type !== "DELETED" && e.object.metadata.deletionTimestamp)
      pvc.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
  });
  // A pod that stops or goes may release the claims it used.
  cluster.api.watch("Pod", (e) => {
    const pod = e.object;
    const ended = e.type === "DELETED" || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
    if (!ended) return;
    for (const v of pod.spec?.volumes ?? []) {
      const claimName =
        v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata.name}-${v.name}` : "");
      if (claimName) pvc.enqueue(`${pod.metadata.namespace}/${claimName}`);
    }
  });
  cluster.addComponent(pvc);

  const pv = new Controller(PVProtectionController, cluster, (name) => {
    const volume = cluster.api.get("PersistentVolume", undefined, name);
    if (!volume?.metadata.deletionTimestamp) return;
    if (!(volume.metadata.finalizers ?? []).includes(PVProtectionFinalizer)) return;
    if (volume.status?.phase !== "Bound")
      removeFinalizer(cluster, volume, PVProtectionFinalizer, PVProtectionController);
  });
  cluster.api.watch("PersistentVolume", (e) => {
    if (e.type !== "DELETED" && e.object.metadata.deletionTimestamp)
      pv.enqueue(e.object.metadata.name as string);
  });
  cluster.addComponent(pv);
}
