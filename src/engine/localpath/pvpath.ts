/**
 * getPathAndNodeForPV (local-path-provisioner v0.0.30 provisioner.go): where a volume the
 * provisioner made lives, read back from the PersistentVolume when it is deleted: its hostPath or
 * local path, and the node its `kubernetes.io/hostname In [node]` affinity names (none on a
 * shared file system). Errors carry the provisioner's texts, wrapped as it wraps them.
 */
import type { KubeObject } from "../api/types";
import type { Result } from "./config";

/** The node label local-path volumes are pinned by (KeyNode). */
export const KeyNode = "kubernetes.io/hostname";

/** The volume's directory and node, or why they cannot be found. */
export function getPathAndNodeForPV(
  pv: KubeObject,
  sharedFS: Result<boolean>,
): Result<{ path: string; node: string }> {
  const wrap = (e: string): Result<{ path: string; node: string }> => ({
    ok: false,
    error: `failed to delete volume ${pv.metadata.name}: ${e}`,
  });
  const hostPath = pv.spec?.hostPath?.path as string | undefined;
  const local = pv.spec?.local?.path as string | undefined;
  let path: string;
  if (pv.spec?.hostPath && !pv.spec?.local) path = hostPath ?? "";
  else if (pv.spec?.local && !pv.spec?.hostPath) path = local ?? "";
  else return wrap("no path set");
  if (!sharedFS.ok) return wrap(sharedFS.error);
  if (sharedFS.value) return { ok: true, value: { path, node: "" } };
  const affinity = pv.spec?.nodeAffinity;
  if (!affinity) return wrap("no NodeAffinity set");
  if (!affinity.required) return wrap("no NodeAffinity.Required set");
  let node = "";
  for (const term of affinity.required.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      if (e.key === KeyNode && e.operator === "In") {
        if ((e.values ?? []).length !== 1) return wrap("multiple values for the node affinity");
        node = e.values[0];
        break;
      }
    }
    if (node !== "") break;
  }
  if (node === "") return wrap("cannot find affinited node");
  return { ok: true, value: { path, node } };
}
