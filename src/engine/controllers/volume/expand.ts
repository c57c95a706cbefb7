/**
 * The volume expand controller (pkg/controller/volume/expand/expand_controller.go): a bound
 * claim whose storage request grew past its status capacity is expanded by the volume plugin
 * that can (FindExpandablePluginBySpec), or waits for an external resizer. No in-tree plugin of
 * this controller manager expands volumes (hostPath, local and CSI volumes have none; CSI ones
 * are resized by the driver's external-resizer sidecar), so such a claim gets the Warning
 * `ExternalExpanding` and keeps its capacity until a resizer acts: local-path-provisioner has
 * none, so its volumes never grow.
 */
import type { KubeObject } from "../../api/types";
import { compareQuantities } from "../../apiserver/quantity";
import type { Cluster } from "../../cluster";
import { Controller } from "../lib/queue";
import { storage } from "./match";

/** The controller's name and event source. */
export const VolumeExpandController = "volume_expand";
/** Its event reason. */
export const ExternalExpanding = "ExternalExpanding";
/** The message of a claim no in-tree plugin expands. */
export const WaitingForExternalController = "waiting for an external controller to expand this PVC";
/** The PV annotation a shrink-recovering expansion keeps (util.AnnPreResizeCapacity). */
export const AnnPreResizeCapacity = "volume.alpha.kubernetes.io/pre-resize-capacity";

/** Whether an update makes the controller look at the claim (the informer's UpdateFunc). */
export function expansionRequested(oldPvc: KubeObject | undefined, pvc: KubeObject): boolean {
  if (!oldPvc) return true;
  const grew =
    compareQuantities(
      storage(pvc.spec?.resources?.requests?.storage),
      storage(oldPvc.spec?.resources?.requests?.storage),
    ) > 0;
  const capacityChanged =
    compareQuantities(storage(pvc.status?.capacity?.storage), storage(oldPvc.status?.capacity?.storage)) !==
    0;
  return grew || capacityChanged;
}

/**
 * syncHandler's decision: whether the claim needs expanding (its request above its status
 * capacity, or a volume left with the pre-resize annotation) and its volume is bound to it.
 */
export function needsExpansion(pvc: KubeObject, pv: KubeObject | undefined): boolean {
  if (!pv) return false;
  const ref = pv.spec?.claimRef;
  if (!ref || ref.namespace !== pvc.metadata.namespace || ref.uid !== pvc.metadata.uid) return false;
  const requested = storage(pvc.spec?.resources?.requests?.storage);
  const current = storage(pvc.status?.capacity?.storage);
  return (
    compareQuantities(requested, current) > 0 || pv.metadata.annotations?.[AnnPreResizeCapacity] !== undefined
  );
}

/** Starts the expand controller. Keys: `ns/name` of claims. */
export function installVolumeExpandController(cluster: Cluster): Controller {
  const c = new Controller(VolumeExpandController, cluster, (key) => sync(cluster, key));
  cluster.api.watch("PersistentVolumeClaim", (e) => {
    if (e.type === "DELETED") return;
    const pvc = e.object;
    if (e.type === "MODIFIED" && !expansionRequested(e.old, pvc)) return;
    // enqueuePVC: only bound claims.
    if (pvc.status?.phase !== "Bound") return;
    c.enqueue(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
  });
  cluster.addComponent(c);
  return c;
}

function sync(cluster: Cluster, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const pvc = cluster.api.get("PersistentVolumeClaim", ns, name);
  if (!pvc) return;
  const volumeName = pvc.spec?.volumeName as string | undefined;
  const pv = volumeName ? cluster.api.get("PersistentVolume", undefined, volumeName) : undefined;
  if (!needsExpansion(pvc, pv)) return;
  // FindExpandablePluginBySpec finds no plugin: an external controller is waited for.
  cluster.events.record(pvc, "Warning", ExternalExpanding, WaitingForExternalController, {
    component: VolumeExpandController,
  });
}
