/**
 * The volume local-path-provisioner makes and how it reads its flags: the volume types of its e2e
 * tests (test/pod_test.go TestPodWithHostPathVolume, TestPodWithLocalVolume — the claim's
 * `volumeType: local` — and TestPodWithLocalVolumeDefault — the class's `defaultVolumeType`),
 * checked as runTest does (`.spec.<type>` holds a path), and main.go's flags.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { parseFlags } from "./process";
import { createPersistentVolumeSource, provisionedVolume, volumeTypeFor } from "./volume";

const claim = (annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name: "local-path-pvc", namespace: "default", uid: "u1", resourceVersion: "7", annotations },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "128Mi" } } },
});
const sc = (annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name: "local-path", annotations },
  provisioner: "rancher.io/local-path",
});

describe("volume types (test/pod_test.go)", () => {
  it.each([
    ["TestPodWithHostPathVolume", claim(), sc(), "hostPath"],
    ["TestPodWithLocalVolume", claim({ volumeType: "local" }), sc(), "local"],
    ["TestPodWithLocalVolumeDefault", claim(), sc({ defaultVolumeType: "local" }), "local"],
    [
      "the claim's annotation wins",
      claim({ volumeType: "hostPath" }),
      sc({ defaultVolumeType: "local" }),
      "hostPath",
    ],
  ])("%s", (_name, c, s, want) => {
    const source = createPersistentVolumeSource(volumeTypeFor(c, s), "/opt/x");
    expect(Object.keys(source ?? {})).toEqual([want]);
    expect((source?.[want] as { path: string } | undefined)?.path).toBe("/opt/x");
  });

  it("refuses a type it does not know", () => {
    expect(createPersistentVolumeSource("nfs", "/opt/x")).toBeUndefined();
  });
});

describe("provisionedVolume", () => {
  it("pins the volume to the node's hostname label and pre-binds it to the claim", () => {
    const pv = provisionedVolume({
      name: "pvc-u1",
      claim: claim(),
      className: "local-path",
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      nodeName: "node01",
      hostname: "node01",
      shared: false,
      source: {
        hostPath: {
          path: "/opt/local-path-provisioner/pvc-u1_default_local-path-pvc",
          type: "DirectoryOrCreate",
        },
      },
    });
    expect(pv.metadata.annotations).toEqual({
      "local.path.provisioner/selected-node": "node01",
      "pv.kubernetes.io/provisioned-by": "rancher.io/local-path",
    });
    expect(pv.spec?.claimRef).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      name: "local-path-pvc",
      namespace: "default",
      resourceVersion: "7",
      uid: "u1",
    });
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node01"] }] },
    ]);
    expect(pv.spec?.capacity).toEqual({ storage: "128Mi" });
    expect(pv.spec?.volumeMode).toBe("Filesystem");
  });

  it("has no node affinity on a shared file system", () => {
    const pv = provisionedVolume({
      name: "pvc-u1",
      claim: claim(),
      className: "c",
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Retain",
      nodeName: "",
      hostname: "",
      shared: true,
      source: { hostPath: { path: "/mnt/nfs/x" } },
    });
    expect(pv.spec?.nodeAffinity).toBeUndefined();
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe("Retain");
  });
});

describe("parseFlags", () => {
  it("reads the manifest's command line", () => {
    const f = parseFlags([
      "local-path-provisioner",
      "--debug",
      "start",
      "--config",
      "/etc/config/config.json",
    ]);
    expect(f.get("command:0")).toBe("start");
    expect(f.get("debug")).toBe("true");
    expect(f.get("config")).toBe("/etc/config/config.json");
  });

  it("takes --flag=value and a custom provisioner name", () => {
    const f = parseFlags([
      "local-path-provisioner",
      "start",
      "--provisioner-name=example.com/lp",
      "--namespace",
      "ns1",
    ]);
    expect(f.get("provisioner-name")).toBe("example.com/lp");
    expect(f.get("namespace")).toBe("ns1");
  });
});
