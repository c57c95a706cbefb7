/**
 * What the controller manager's volume plugins can do with a released volume whose policy is
 * Delete: only hostPath has a deleter, and it deletes only under /tmp
 * (pkg/volume/hostpath/host_path.go); every other source has none
 * (VolumePluginMgr.FindDeletablePluginBySpec).
 */
import type { KubeObject } from "../../api/types";

/** Why the volume cannot be deleted, or undefined when its deleter succeeds. */
export function deleteVolumeError(pv: KubeObject): string | undefined {
  const hostPath = pv.spec?.hostPath?.path as string | undefined;
  if (hostPath !== undefined) {
    if (/\/tmp\/.+/.test(hostPath)) return undefined;
    return `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`;
  }
  return `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
}
