/**
 * VolumeBinding's PreBind (volume_binding.go PreBind → binder.go BindPodVolumes): after the API
 * updates (selected-node on a claim to provision), the binding cycle polls checkBindings each
 * second and binds the pod only once its claims are bound; a provisioner that gives the node back
 * (removes selected-node) fails the cycle with "provisioning failed for PVC".
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import type { Cluster } from "../../../cluster";
import { createCluster } from "../../../index";

function setup(): Cluster {
  const c = createCluster();
  const alloc = { cpu: "4", memory: "8Gi", pods: "110" };
  c.api.create({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n1", labels: { "kubernetes.io/hostname": "n1" } },
    status: { capacity: alloc, allocatable: alloc },
  });
  c.api.create({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: "wait" },
    provisioner: "vendor.com/my-volume-wait",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  });
  c.api.create({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "default" },
    spec: {
      accessModes: ["ReadWriteOnce"],
      storageClassName: "wait",
      resources: { requests: { storage: "1Gi" } },
    },
  });
  c.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default" },
    spec: {
      containers: [{ name: "c", image: "nginx" }],
      volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }],
    },
  });
  c.settle();
  return c;
}

const claimOf = (c: Cluster) => c.api.get("PersistentVolumeClaim", "default", "data") as KubeObject;
const podOf = (c: Cluster) => c.api.get("Pod", "default", "p") as KubeObject;

/** What an external provisioner writes once asked: pvc-<uid>, pre-bound to the claim. */
function provision(c: Cluster): void {
  const claim = claimOf(c);
  c.api.create({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: `pvc-${claim.metadata.uid}` },
    spec: {
      capacity: { storage: "1Gi" },
      accessModes: ["ReadWriteOnce"],
      persistentVolumeReclaimPolicy: "Delete",
      storageClassName: "wait",
      hostPath: { path: `/tmp/pvc-${claim.metadata.uid}` },
      claimRef: {
        kind: "PersistentVolumeClaim",
        namespace: "default",
        name: "data",
        uid: claim.metadata.uid,
      },
    },
  });
}

describe("VolumeBinding PreBind", () => {
  it("asks for provisioning on the chosen node and binds the pod once the claim is bound", () => {
    const c = setup();
    c.advance(5);
    expect(claimOf(c).metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBe("n1");
    // The binding cycle waits: the pod is not bound while its claim is not.
    expect(podOf(c).spec?.nodeName).toBeUndefined();
    provision(c);
    c.advance(2);
    expect(claimOf(c).status?.phase).toBe("Bound");
    expect(podOf(c).spec?.nodeName).toBe("n1");
    const kubelet = c.api
      .list("Event")
      .filter((e) => e.involvedObject?.name === "p")
      .map((e) => e.reason);
    expect(kubelet).toContain("Scheduled");
    expect(kubelet).not.toContain("FailedMount");
  });

  it("fails the cycle when the provisioner gives the node back (selected-node removed)", () => {
    const c = setup();
    c.advance(2);
    const claim = structuredClone(claimOf(c));
    delete claim.metadata.annotations?.["volume.kubernetes.io/selected-node"];
    c.api.update(claim);
    c.advance(2);
    const failed = c.api
      .list("Event")
      .filter((e) => e.involvedObject?.name === "p" && e.reason === "FailedScheduling")
      .map((e) => e.message);
    expect(failed[0]).toBe(
      'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data"',
    );
    expect(podOf(c).spec?.nodeName).toBeUndefined();
  });

  it("gives up after bindTimeoutSeconds (600) with nothing provisioned", () => {
    const c = setup();
    c.advance(599);
    const failures = () =>
      c.api
        .list("Event")
        .filter((e) => e.involvedObject?.name === "p" && e.reason === "FailedScheduling")
        .map((e) => e.message);
    expect(failures()).toEqual([]);
    c.advance(3);
    expect(failures()[0]).toBe(
      'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    );
    expect(podOf(c).spec?.nodeName).toBeUndefined();
  });
});
