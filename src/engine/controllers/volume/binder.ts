/**
 * The PersistentVolume binder (pkg/controller/volume/persistentvolume/pv_controller.go): binds
 * claims to volumes, keeps both phases true, and reclaims a volume whose claim is gone (Retain:
 * Released; Delete: the volume plugin's deleter; Recycle: scrubbed and Available again). Claims
 * and volumes are synced on every change and every resync period while some are unbound.
 */
import { ApiError } from "../../api/errors";
import { claimHasClass, getDefaultClass } from "../../api/helpers/defaultclass";
import { clone, type KubeObject } from "../../api/types";
import { compareQuantities } from "../../apiserver/quantity";
import type { TimerId } from "../../clock/clock";
import type { Cluster } from "../../cluster";
import { Controller } from "../lib/queue";
import {
  AnnBindCompleted,
  AnnBoundByController,
  checkAccessModes,
  claimClass,
  findBestMatchForClaim,
  isVolumeBoundToClaim,
  storage,
  volumeClass,
  volumeModeMismatch,
} from "./match";
import { deleteVolumeError, isExternallyDeleted } from "./plugins";

/** The event source of the binder. */
export const PVController = "persistentvolume-controller";
/** --pvclaimbinder-sync-period. */
export const ResyncSeconds = 15;
/** The annotation the scheduler sets on a delayed-binding claim it chose a node for. */
export const AnnSelectedNode = "volume.kubernetes.io/selected-node";
/** The annotations naming the provisioner a claim waits for. */
export const AnnStorageProvisioner = "volume.kubernetes.io/storage-provisioner";
export const AnnBetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";
/** The provisioner of classes that only bind pre-created volumes. */
export const NoProvisioner = "kubernetes.io/no-provisioner";

/** Event reasons (pkg/controller/volume/events). */
export const FailedBinding = "FailedBinding";
export const VolumeMismatch = "VolumeMismatch";
export const ClaimLost = "ClaimLost";
export const ClaimMisbound = "ClaimMisbound";
export const WaitForFirstConsumer = "WaitForFirstConsumer";
export const WaitForPodScheduled = "WaitForPodScheduled";
export const ProvisioningFailed = "ProvisioningFailed";
export const ExternalProvisioning = "ExternalProvisioning";
export const VolumeFailedDelete = "VolumeFailedDelete";
export const VolumeRecycled = "VolumeRecycled";

/** The FailedBinding message of a claim nothing fits and no class can provision for. */
export const NoVolumesNoClass = "no persistent volumes available for this claim and no storage class is set";

type Phase = "Pending" | "Available" | "Bound" | "Released" | "Failed" | "Lost";

/** Starts the binder. Keys: `claim:ns/name` and `volume:name`. */
export function installPersistentVolumeBinder(cluster: Cluster): Controller {
  const c: Controller = new Controller(PVController, cluster, (key) => {
    if (key.startsWith("claim:")) syncClaimKey(cluster, key.slice(6));
    else syncVolumeKey(cluster, c, key.slice(7));
    scheduleResync();
  });
  let resync: TimerId | undefined;
  // The resync period re-reads everything; only unbound claims and unreclaimed volumes can
  // change on a resync, so the timer runs only while there are some.
  const scheduleResync = () => {
    if (resync !== undefined || !needsResync(cluster)) return;
    resync = cluster.clock.after(
      ResyncSeconds,
      () => {
        resync = undefined;
        for (const pvc of cluster.api.list("PersistentVolumeClaim"))
          c.enqueue(`claim:${pvc.metadata.namespace}/${pvc.metadata.name}`);
        for (const pv of cluster.api.list("PersistentVolume")) c.enqueue(`volume:${pv.metadata.name}`);
      },
      `${PVController} resync`,
    );
  };
  cluster.api.watch("PersistentVolumeClaim", (e) => {
    const pvc = e.object;
    if (e.type === "DELETED") {
      // deleteClaim: the volume it was bound to is synced (and released).
      if (pvc.spec?.volumeName) c.enqueue(`volume:${pvc.spec.volumeName}`);
      return;
    }
    c.enqueue(`claim:${pvc.metadata.namespace}/${pvc.metadata.name}`);
  });
  cluster.api.watch("PersistentVolume", (e) => {
    const pv = e.object;
    if (e.type === "DELETED") {
      // deleteVolume: its claim is synced (and lost).
      const ref = pv.spec?.claimRef;
      if (ref) c.enqueue(`claim:${ref.namespace}/${ref.name}`);
      return;
    }
    c.enqueue(`volume:${pv.metadata.name}`);
  });
  cluster.api.watch("StorageClass", () => scheduleResync());
  cluster.addComponent(c);
  return c;
}

function needsResync(cluster: Cluster): boolean {
  for (const pvc of cluster.api.list("PersistentVolumeClaim"))
    if (pvc.status?.phase !== "Bound" && pvc.status?.phase !== "Lost") return true;
  for (const pv of cluster.api.list("PersistentVolume"))
    if (pv.status?.phase === "Released" && pv.spec?.persistentVolumeReclaimPolicy !== "Retain") return true;
  return false;
}

function syncClaimKey(cluster: Cluster, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const claim = cluster.api.get("PersistentVolumeClaim", ns, name);
  if (!claim) return;
  if (claim.metadata.annotations?.[AnnBindCompleted] === undefined) syncUnboundClaim(cluster, claim);
  else syncBoundClaim(cluster, claim);
}

function syncVolumeKey(cluster: Cluster, c: Controller, name: string): void {
  const pv = cluster.api.get("PersistentVolume", undefined, name);
  if (pv) syncVolume(cluster, c, pv);
}

function event(
  cluster: Cluster,
  obj: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  cluster.events.record(obj, type, reason, message, { component: PVController });
}

/** IsDelayBindingMode: the claim's class exists and binds on first consumer. */
function isDelayBinding(cluster: Cluster, claim: KubeObject): boolean {
  const name = claimClass(claim);
  if (!name) return false;
  return cluster.api.get("StorageClass", undefined, name)?.volumeBindingMode === "WaitForFirstConsumer";
}

/** checkVolumeSatisfyClaim: why a volume the claim names cannot take it, or undefined. */
export function volumeSatisfyClaimError(pv: KubeObject, claim: KubeObject): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (
    compareQuantities(
      storage(pv.spec?.capacity?.storage),
      storage(claim.spec?.resources?.requests?.storage),
    ) < 0
  )
    return "requested PV is too small";
  if (volumeClass(pv) !== claimClass(claim)) return "storageClassName does not match";
  if (volumeModeMismatch(claim, pv)) return "incompatible volumeMode";
  if (!checkAccessModes(claim, pv)) return "incompatible accessMode";
  return undefined;
}

/**
 * assignDefaultStorageClass (retroactive default StorageClass assignment, GA in v1.28): a claim
 * created with no class gets the default class once one exists. Whether it was updated.
 */
function assignDefaultStorageClass(cluster: Cluster, claim: KubeObject): boolean {
  if (claimHasClass(claim)) return false;
  const def = getDefaultClass(cluster.api.list("StorageClass"));
  if (!def) return false;
  const next = clone(claim);
  next.spec = { ...(next.spec ?? {}), storageClassName: def.metadata.name };
  return write(cluster, next) !== undefined;
}

function syncUnboundClaim(cluster: Cluster, claim: KubeObject): void {
  const wanted = claim.spec?.volumeName as string | undefined;
  if (!wanted) {
    const delay = isDelayBinding(cluster, claim);
    const volume = findBestMatchForClaim(claim, cluster.api.list("PersistentVolume"), delay);
    if (volume) {
      bind(cluster, volume, claim);
      return;
    }
    // No volume fits: a claim with no class gets the default one (the update restarts its sync).
    if (assignDefaultStorageClass(cluster, claim)) return;
    if (delay && claim.metadata.annotations?.[AnnSelectedNode] === undefined) {
      emitForUnboundDelayBindingClaim(cluster, claim);
    } else if (claimClass(claim) !== "") {
      provisionClaim(cluster, claim);
      return;
    } else {
      event(cluster, claim, "Normal", FailedBinding, NoVolumesNoClass);
    }
    updateClaimStatus(cluster, claim, "Pending", undefined);
    return;
  }
  const volume = cluster.api.get("PersistentVolume", undefined, wanted);
  if (!volume) {
    // The user asked for a volume that does not exist (yet): try again next time.
    updateClaimStatus(cluster, claim, "Pending", undefined);
    return;
  }
  if (!volume.spec?.claimRef) {
    const err = volumeSatisfyClaimError(volume, claim);
    if (err) {
      event(cluster, claim, "Warning", VolumeMismatch, `Cannot bind to requested volume "${wanted}": ${err}`);
      updateClaimStatus(cluster, claim, "Pending", undefined);
      return;
    }
    bind(cluster, volume, claim);
    return;
  }
  if (isVolumeBoundToClaim(volume, claim)) {
    bind(cluster, volume, claim);
    return;
  }
  // The volume is claimed by someone else: retry later.
  if (claim.metadata.annotations?.[AnnBoundByController] === undefined)
    updateClaimStatus(cluster, claim, "Pending", undefined);
}

function emitForUnboundDelayBindingClaim(cluster: Cluster, claim: KubeObject): void {
  const pods = cluster.api
    .list("Pod", { namespace: claim.metadata.namespace })
    .filter(
      (p) =>
        !p.spec?.nodeName &&
        (p.spec?.volumes ?? []).some(
          (v: { persistentVolumeClaim?: { claimName?: string } }) =>
            v.persistentVolumeClaim?.claimName === claim.metadata.name,
        ),
    )
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  if (pods.length === 0)
    event(
      cluster,
      claim,
      "Normal",
      WaitForFirstConsumer,
      "waiting for first consumer to be created before binding",
    );
  else
    event(
      cluster,
      claim,
      "Normal",
      WaitForPodScheduled,
      pods.length > 1
        ? `waiting for pods ${pods.join(",")} to be scheduled`
        : `waiting for pod ${pods[0]} to be scheduled`,
    );
}

/** provisionClaim: no in-tree plugin provisions here; an external provisioner is waited for. */
function provisionClaim(cluster: Cluster, claim: KubeObject): void {
  const className = claimClass(claim);
  const sc = cluster.api.get("StorageClass", undefined, className);
  if (!sc) {
    event(
      cluster,
      claim,
      "Warning",
      ProvisioningFailed,
      `storageclass.storage.k8s.io "${className}" not found`,
    );
    return;
  }
  const provisioner = String(sc.provisioner ?? "");
  if (provisioner.startsWith("kubernetes.io/")) {
    // No in-tree provisioner is compiled into this controller manager (FindProvisionablePluginByName).
    event(cluster, claim, "Warning", ProvisioningFailed, `no volume plugin matched name: ${provisioner}`);
    return;
  }
  const anns = claim.metadata.annotations ?? {};
  if (anns[AnnStorageProvisioner] !== provisioner || anns[AnnBetaStorageProvisioner] !== provisioner) {
    const next = clone(claim);
    next.metadata.annotations = {
      ...anns,
      [AnnBetaStorageProvisioner]: provisioner,
      [AnnStorageProvisioner]: provisioner,
    };
    if (!write(cluster, next)) return;
  }
  event(
    cluster,
    claim,
    "Normal",
    ExternalProvisioning,
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
}

function syncBoundClaim(cluster: Cluster, claim: KubeObject): void {
  const name = claim.spec?.volumeName as string | undefined;
  if (!name) {
    updateClaimStatus(cluster, claim, "Lost", undefined, [
      "Warning",
      ClaimLost,
      "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!",
    ]);
    return;
  }
  const volume = cluster.api.get("PersistentVolume", undefined, name);
  if (!volume) {
    updateClaimStatus(cluster, claim, "Lost", undefined, [
      "Warning",
      ClaimLost,
      "Bound claim has lost its PersistentVolume. Data on the volume is lost!",
    ]);
    return;
  }
  const ref = volume.spec?.claimRef;
  if (!ref || ref.uid === claim.metadata.uid) {
    bind(cluster, volume, claim);
    return;
  }
  updateClaimStatus(cluster, claim, "Lost", undefined, [
    "Warning",
    ClaimMisbound,
    "Two claims are bound to the same volume, this one is bound incorrectly",
  ]);
}

function syncVolume(cluster: Cluster, c: Controller, volume: KubeObject): void {
  const ref = volume.spec?.claimRef;
  if (!ref?.uid) {
    // Unused, or reserved for a claim that has not bound yet (the claim's sync binds it).
    updateVolumePhase(cluster, volume, "Available", "");
    return;
  }
  let claim = cluster.api.get("PersistentVolumeClaim", ref.namespace, ref.name);
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    let current: KubeObject | undefined = volume;
    if (volume.status?.phase !== "Released" && volume.status?.phase !== "Failed")
      current = updateVolumePhase(cluster, volume, "Released", "");
    if (current) reclaimVolume(cluster, current);
    return;
  }
  if (!claim.spec?.volumeName) {
    // The binding is not finished (or the user undid it): the claim's sync fixes it.
    c.enqueue(`claim:${claim.metadata.namespace}/${claim.metadata.name}`);
    return;
  }
  if (claim.spec.volumeName === volume.metadata.name) {
    updateVolumePhase(cluster, volume, "Bound", "");
    return;
  }
  // Bound to a claim that is bound elsewhere: unbind (a controller binding) or wait (a user's).
  unbindVolume(cluster, volume);
}

/** reclaimVolume: what the volume's reclaim policy does once its claim is gone. */
function reclaimVolume(cluster: Cluster, volume: KubeObject): void {
  const policy = volume.spec?.persistentVolumeReclaimPolicy ?? "Retain";
  if (policy === "Retain") return;
  if (policy === "Recycle") {
    if (!volume.spec?.hostPath && !volume.spec?.nfs) {
      failVolume(cluster, volume, VolumeFailedDelete, `No recycler plugin found for the volume!`);
      return;
    }
    const next = unbindVolume(cluster, volume);
    if (next) event(cluster, next, "Normal", VolumeRecycled, "Volume recycled");
    return;
  }
  // doDeleteVolume: an external deleter is requested, the volume waits for it.
  if (isExternallyDeleted(volume)) return;
  const err = deleteVolumeError(volume);
  if (err) {
    failVolume(cluster, volume, VolumeFailedDelete, err);
    return;
  }
  try {
    cluster.api.delete("PersistentVolume", undefined, volume.metadata.name as string, {
      fieldManager: PVController,
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** updateVolumePhaseWithEvent: the event only when the phase changes. */
function failVolume(cluster: Cluster, volume: KubeObject, reason: string, message: string): void {
  if (volume.status?.phase === "Failed") return;
  const next = updateVolumePhase(cluster, volume, "Failed", message);
  if (next) event(cluster, next, "Warning", reason, message);
}

/** bind: the volume's claimRef, both phases Bound, the claim's volumeName and annotations. */
function bind(cluster: Cluster, volume: KubeObject, claim: KubeObject): void {
  let pv: KubeObject | undefined = volume;
  const ref = volume.spec?.claimRef;
  const refOk =
    ref &&
    ref.name === claim.metadata.name &&
    ref.namespace === claim.metadata.namespace &&
    ref.uid === claim.metadata.uid;
  if (!refOk || volume.metadata.annotations?.[AnnBoundByController] === undefined) {
    const next = clone(volume);
    let dirty = false;
    if (!refOk) {
      next.spec.claimRef = {
        kind: "PersistentVolumeClaim",
        namespace: claim.metadata.namespace,
        name: claim.metadata.name,
        uid: claim.metadata.uid,
        apiVersion: "v1",
        resourceVersion: claim.metadata.resourceVersion,
      };
      dirty = true;
    }
    // A binding the user made (the claimRef was there) is not marked as the controller's.
    if (
      !isVolumeBoundToClaim(volume, claim) &&
      next.metadata.annotations?.[AnnBoundByController] === undefined
    ) {
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [AnnBoundByController]: "yes" };
      dirty = true;
    }
    if (dirty) pv = write(cluster, next);
    if (!pv) return;
  }
  pv = updateVolumePhase(cluster, pv, "Bound", "");
  if (!pv) return;
  let pvc: KubeObject | undefined = claim;
  const anns = claim.metadata.annotations ?? {};
  const byController = claim.spec?.volumeName !== pv.metadata.name;
  if (
    claim.spec?.volumeName !== pv.metadata.name ||
    anns[AnnBindCompleted] === undefined ||
    (byController && anns[AnnBoundByController] === undefined)
  ) {
    const next = clone(claim);
    next.spec.volumeName = pv.metadata.name;
    next.metadata.annotations = { ...anns, [AnnBindCompleted]: anns[AnnBindCompleted] ?? "yes" };
    if (byController && anns[AnnBoundByController] === undefined)
      next.metadata.annotations[AnnBoundByController] = "yes";
    pvc = write(cluster, next);
    if (!pvc) return;
  }
  updateClaimStatus(cluster, pvc, "Bound", pv);
}

/** unbindVolume: a controller's binding is undone; a user's keeps its claimRef without the uid. */
function unbindVolume(cluster: Cluster, volume: KubeObject): KubeObject | undefined {
  const next = clone(volume);
  if (volume.metadata.annotations?.[AnnBoundByController] !== undefined) {
    delete next.spec.claimRef;
    const anns = { ...(next.metadata.annotations ?? {}) };
    delete anns[AnnBoundByController];
    if (Object.keys(anns).length === 0) delete next.metadata.annotations;
    else next.metadata.annotations = anns;
  } else if (next.spec.claimRef) {
    delete next.spec.claimRef.uid;
  }
  const stored = write(cluster, next);
  return stored ? updateVolumePhase(cluster, stored, "Available", "") : undefined;
}

/** updateVolumePhase (with lastPhaseTransitionTime, GA in v1.31). */
function updateVolumePhase(cluster: Cluster, volume: KubeObject, phase: Phase, message: string) {
  if (volume.status?.phase === phase && (volume.status?.message ?? "") === message) return volume;
  const next = clone(volume);
  const status: Record<string, unknown> = { ...(volume.status ?? {}), phase };
  if (message) status.message = message;
  else delete status.message;
  if (volume.status?.phase !== phase) status.lastPhaseTransitionTime = cluster.clock.timestamp();
  next.status = status;
  return write(cluster, next, true);
}

/** updateClaimStatus: phase, and the bound volume's access modes and capacity. */
function updateClaimStatus(
  cluster: Cluster,
  claim: KubeObject,
  phase: Phase,
  volume: KubeObject | undefined,
  withEvent?: ["Normal" | "Warning", string, string],
): void {
  const status: Record<string, unknown> = { ...(claim.status ?? {}), phase };
  if (volume) {
    status.accessModes = volume.spec?.accessModes;
    status.capacity = volume.spec?.capacity;
  } else {
    delete status.accessModes;
    delete status.capacity;
  }
  const same = JSON.stringify(status) === JSON.stringify(claim.status ?? {});
  if (!same) {
    const next = clone(claim);
    next.status = status;
    if (!write(cluster, next, true)) return;
  }
  if (withEvent && claim.status?.phase !== phase) event(cluster, claim, ...withEvent);
}

function write(cluster: Cluster, obj: KubeObject, status = false): KubeObject | undefined {
  try {
    return status
      ? cluster.api.updateStatus(obj, { fieldManager: PVController })
      : cluster.api.update(obj, { fieldManager: PVController });
  } catch (e) {
    if (e instanceof ApiError) return undefined;
    throw e;
  }
}
