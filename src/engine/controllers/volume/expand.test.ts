/**
 * The expand controller's decisions (expand_controller.go: the informer's UpdateFunc, syncHandler's
 * "request above status capacity, or a pre-resize annotation" check and its claimRef check), and
 * its event on a cluster: no in-tree plugin expands, so ExternalExpanding (Warning, volume_expand).
 */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../../testing/test-cluster";
import type { KubeObject } from "../../api/types";
import {
  AnnPreResizeCapacity,
  expansionRequested,
  needsExpansion,
  WaitingForExternalController,
} from "./expand";

function claim(request: string, capacity?: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "c", namespace: "default", uid: "u1" },
    spec: { resources: { requests: { storage: request } }, volumeName: "pv1" },
    status: { phase: "Bound", ...(capacity ? { capacity: { storage: capacity } } : {}) },
  };
}

function volume(ref: Record<string, string> | undefined, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "pv1", ...(annotations ? { annotations } : {}) },
    spec: { capacity: { storage: "1Gi" }, ...(ref ? { claimRef: ref } : {}) },
  };
}

const REF = { namespace: "default", name: "c", uid: "u1" };

describe("expansionRequested (UpdateFunc)", () => {
  it.each([
    ["a new claim", undefined, claim("1Gi", "1Gi"), true],
    ["a grown request", claim("1Gi", "1Gi"), claim("2Gi", "1Gi"), true],
    ["a changed capacity", claim("2Gi", "1Gi"), claim("2Gi", "2Gi"), true],
    ["an unrelated update", claim("2Gi", "1Gi"), claim("2Gi", "1Gi"), false],
    ["a smaller request", claim("2Gi", "1Gi"), claim("1Gi", "1Gi"), false],
  ])("%s", (_name, old, pvc, want) => {
    expect(expansionRequested(old, pvc)).toBe(want);
  });
});

describe("needsExpansion (syncHandler)", () => {
  it.each([
    ["request above capacity, bound to the claim", claim("2Gi", "1Gi"), volume(REF), true],
    ["request equal to capacity", claim("1Gi", "1Gi"), volume(REF), false],
    [
      "pre-resize annotation left on the volume",
      claim("1Gi", "1Gi"),
      volume(REF, { [AnnPreResizeCapacity]: "1Gi" }),
      true,
    ],
    ["volume bound to another claim", claim("2Gi", "1Gi"), volume({ ...REF, uid: "u2" }), false],
    ["volume without claimRef", claim("2Gi", "1Gi"), volume(undefined), false],
    ["no volume", claim("2Gi", "1Gi"), undefined, false],
  ])("%s", (_name, pvc, pv, want) => {
    expect(needsExpansion(pvc, pv)).toBe(want);
  });
});

describe("the expand controller on a cluster", () => {
  it("waits for an external controller when a bound claim of an expandable class grows", () => {
    const t = new TestCluster();
    t.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: grow}
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: true
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: grow
  hostPath: {path: /mnt/pv1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: grow
  resources: {requests: {storage: 1Gi}}`);
    t.advance(2);
    expect(t.kubectl(`patch pvc c -p '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}'`).stdout).toBe(
      "persistentvolumeclaim/c patched\n",
    );
    t.advance(2);
    const events = t.cluster.api
      .list("Event")
      .filter((e) => e.involvedObject?.name === "c" && e.reason === "ExternalExpanding");
    expect(events.map((e) => [e.type, e.source?.component, e.message])).toEqual([
      ["Warning", "volume_expand", WaitingForExternalController],
    ]);
    const pvc = t.cluster.api.get("PersistentVolumeClaim", "default", "c");
    expect(pvc?.status?.capacity?.storage).toBe("1Gi");
    expect(t.cluster.api.get("PersistentVolume", undefined, "pv1")?.spec?.capacity?.storage).toBe("1Gi");
  });
});
