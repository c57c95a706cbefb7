/**
 * What the controller manager's volume plugins can do with a released volume whose policy is
 * Delete: only hostPath has a deleter, and it deletes only under /tmp
 * (pkg/volume/hostpath/host_path.go); every other source has none
 * (VolumePluginMgr.FindDeletablePluginBySpec). A volume an external provisioner made (its
 * provisioned-by annotation names no in-tree plugin) waits for that provisioner to delete it
 * (findDeletablePlugin returns no plugin and no error).
 */
import type { KubeObject } from "../../api/types";

/** The annotation naming the plugin or external provisioner that made a volume. */
export const AnnDynamicallyProvisioned = "pv.kubernetes.io/provisioned-by";

/** Whether an external provisioner deletes the volume (the controller then does nothing). */
export function isExternallyDeleted(pv: KubeObject): boolean {
  const by = pv.metadata.annotations?.[AnnDynamicallyProvisioned] as string | undefined;
  return !!by && !by.startsWith("kubernetes.io/");
}

/** Why the volume cannot be deleted, or undefined when its deleter succeeds. */
export function deleteVolumeError(pv: KubeObject): string | undefined {
  const hostPath = pv.spec?.hostPath?.path as string | undefined;
  if (hostPath !== undefined) {
    if (/\/tmp\/.+/.test(hostPath)) return undefined;
    return `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`;
  }
  return `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
}
