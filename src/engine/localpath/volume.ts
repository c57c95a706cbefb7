/**
 * The PersistentVolume local-path-provisioner v0.0.30 returns (provisioner.go provisionFor,
 * createPersistentVolumeSource) with what the external provisioner library adds (controller.go
 * provisionClaimOperation: claimRef, provisioned-by, storageClassName).
 */
import type { KubeObject } from "../api/types";
import { AnnDynamicallyProvisioned, AnnLocalPathSelectedNode } from "./names";
import { KeyNode } from "./pvpath";

/** The volume type: the claim's volumeType annotation, else the class's defaultVolumeType, else hostPath. */
export function volumeTypeFor(claim: KubeObject, sc: KubeObject): string {
  return claim.metadata.annotations?.volumeType ?? sc.metadata.annotations?.defaultVolumeType ?? "hostPath";
}

/** createPersistentVolumeSource: `local` or a DirectoryOrCreate `hostPath`; undefined for other types. */
export function createPersistentVolumeSource(
  volumeType: string,
  path: string,
): Record<string, unknown> | undefined {
  const t = volumeType.toLowerCase();
  if (t === "local") return { local: { path } };
  if (t === "hostpath") return { hostPath: { path, type: "DirectoryOrCreate" } };
  return undefined;
}

/** What the provisioned volume is made of. */
export interface VolumeParts {
  name: string;
  claim: KubeObject;
  className: string;
  provisioner: string;
  reclaimPolicy: string;
  nodeName: string;
  /** The node's kubernetes.io/hostname label (its name when unlabelled). */
  hostname: string;
  shared: boolean;
  source: Record<string, unknown>;
}

/** The PersistentVolume: pinned to the node unless the file system is shared, pre-bound to the claim. */
export function provisionedVolume(v: VolumeParts): KubeObject {
  const claim = v.claim;
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name: v.name,
      annotations: { [AnnLocalPathSelectedNode]: v.nodeName, [AnnDynamicallyProvisioned]: v.provisioner },
    },
    spec: {
      accessModes: claim.spec?.accessModes,
      capacity: { storage: claim.spec?.resources?.requests?.storage },
      claimRef: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        name: claim.metadata.name,
        namespace: claim.metadata.namespace,
        resourceVersion: claim.metadata.resourceVersion,
        uid: claim.metadata.uid,
      },
      ...v.source,
      ...(v.shared
        ? {}
        : {
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: KeyNode, operator: "In", values: [v.hostname] }] },
                ],
              },
            },
          }),
      persistentVolumeReclaimPolicy: v.reclaimPolicy,
      storageClassName: v.className,
      volumeMode: "Filesystem",
    },
  };
}
