/**
 * External provisioning by the PV controller, rows of upstream
 * pkg/controller/volume/persistentvolume/provision_test.go (TestProvisionSync 11-17, 11-18,
 * 11-22, 11-24; TestProvisionMultiSync 12-2, 12-3) that apply to a controller manager with no
 * in-tree provisioner: the claim is annotated with the class's provisioner and gets the
 * ExternalProvisioning event; a volume the external provisioner creates for it (claimRef set) is
 * bound; a volume that fits is bound instead of provisioning. Plus the retroactive default class
 * (pv_controller.go assignDefaultStorageClass) and the external deleter (findDeletablePlugin).
 */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../../testing/test-cluster";
import type { KubeObject } from "../../api/types";

const classes = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: external}
provisioner: vendor.com/my-volume
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: external-wait}
provisioner: vendor.com/my-volume-wait
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: unknown-internal}
provisioner: kubernetes.io/unknown
reclaimPolicy: Delete
volumeBindingMode: Immediate`;

function claim(name: string, cls: string | undefined, annotations: Record<string, string> = {}): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
${cls === undefined ? "" : `  storageClassName: "${cls}"`}`;
}

function volume(name: string, cls: string, extra = ""): string {
  return `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ${cls}
  nfs: {server: nfs.example.com, path: /exports/${name}}
${extra}`;
}

function setup(): TestCluster {
  const t = new TestCluster();
  t.apply(classes);
  return t;
}

const get = (t: TestCluster, kind: string, name: string, ns?: string): KubeObject | undefined =>
  t.cluster.api.get(kind, kind === "PersistentVolume" ? undefined : (ns ?? "default"), name);

const reasons = (t: TestCluster, name: string): string[] =>
  t.cluster.api
    .list("Event")
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.type} ${e.reason}`);

describe("provision_test.go TestProvisionSync", () => {
  it("11-17 - external provisioner: annotated, ExternalProvisioning, no volume", () => {
    const t = setup();
    t.apply(claim("claim11-17", "external"));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim11-17");
    expect(c?.metadata.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe(
      "vendor.com/my-volume",
    );
    expect(c?.status?.phase).toBe("Pending");
    expect(reasons(t, "claim11-17")).toContain("Normal ExternalProvisioning");
    expect(t.list("PersistentVolume")).toEqual([]);
    expect(t.eventsFor("PersistentVolumeClaim", "default", "claim11-17")).toContain(
      "Waiting for a volume to be created either by the external provisioner 'vendor.com/my-volume' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
  });

  it("11-18 - unknown internal provisioner: Warning ProvisioningFailed, not annotated", () => {
    const t = setup();
    t.apply(claim("claim11-18", "unknown-internal"));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim11-18");
    expect(c?.metadata.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBeUndefined();
    expect(reasons(t, "claim11-18")).toContain("Warning ProvisioningFailed");
  });

  it("11-22 - external provisioner with volume available: binds it, no ExternalProvisioning", () => {
    const t = setup();
    t.apply(volume("volume11-22", "external"));
    t.apply(claim("claim11-22", "external"));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim11-22");
    expect(c?.spec?.volumeName).toBe("volume11-22");
    expect(c?.status?.phase).toBe("Bound");
    expect(c?.metadata.annotations?.["pv.kubernetes.io/bound-by-controller"]).toBe("yes");
    expect(c?.metadata.annotations?.["pv.kubernetes.io/bind-completed"]).toBe("yes");
    expect(reasons(t, "claim11-22")).not.toContain("Normal ExternalProvisioning");
  });

  it("11-24 - selected node and WaitForFirstConsumer class: waits for the external provisioner", () => {
    const t = setup();
    t.apply(volume("volume11-24", "external-wait"));
    t.apply(claim("claim11-24", "external-wait", { "volume.kubernetes.io/selected-node": "node1" }));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim11-24");
    expect(c?.metadata.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe(
      "vendor.com/my-volume-wait",
    );
    expect(c?.spec?.volumeName).toBeUndefined();
    expect(get(t, "PersistentVolume", "volume11-24")?.status?.phase).toBe("Available");
    expect(reasons(t, "claim11-24")).toContain("Normal ExternalProvisioning");
  });
});

describe("provision_test.go TestProvisionMultiSync", () => {
  it("12-2 - external provisioner with volume provisioned: the claim binds to it", () => {
    const t = setup();
    t.apply(claim("claim12-2", "external"));
    t.advance(1);
    const uid = get(t, "PersistentVolumeClaim", "claim12-2")?.metadata.uid;
    // What an external provisioner writes: pvc-<uid>, pre-bound by claimRef.
    t.apply(
      volume(
        `pvc-${uid}`,
        "external",
        `  claimRef: {kind: PersistentVolumeClaim, namespace: default, name: claim12-2, uid: ${uid}}`,
      ),
    );
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim12-2");
    expect(c?.spec?.volumeName).toBe(`pvc-${uid}`);
    expect(c?.status?.phase).toBe("Bound");
    expect(get(t, "PersistentVolume", `pvc-${uid}`)?.status?.phase).toBe("Bound");
    expect(reasons(t, "claim12-2")).toContain("Normal ExternalProvisioning");
  });

  it("12-3 - external provisioner with volume to be provisioned: stays Pending, annotated", () => {
    const t = setup();
    t.apply(claim("claim12-3", "external"));
    t.advance(60);
    const c = get(t, "PersistentVolumeClaim", "claim12-3");
    expect(c?.status?.phase).toBe("Pending");
    expect(c?.metadata.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe(
      "vendor.com/my-volume",
    );
  });
});

describe("assignDefaultStorageClass (retroactive default StorageClass)", () => {
  it("gives a claim created with no class the default class once one is marked", () => {
    const t = setup();
    t.apply(claim("late", undefined));
    t.advance(1);
    expect(get(t, "PersistentVolumeClaim", "late")?.spec?.storageClassName).toBeUndefined();
    expect(reasons(t, "late")).toContain("Normal FailedBinding");
    t.kubectl(
      `patch storageclass external -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
    );
    t.advance(16);
    const c = get(t, "PersistentVolumeClaim", "late");
    expect(c?.spec?.storageClassName).toBe("external");
    expect(c?.metadata.annotations?.["volume.kubernetes.io/storage-provisioner"]).toBe(
      "vendor.com/my-volume",
    );
  });

  it('leaves a claim of class "" alone', () => {
    const t = setup();
    t.kubectl(
      `patch storageclass external -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
    );
    t.apply(claim("empty", ""));
    t.advance(16);
    expect(get(t, "PersistentVolumeClaim", "empty")?.spec?.storageClassName).toBe("");
  });

  it("admission gives a new claim without a class the default class", () => {
    const t = setup();
    t.kubectl(
      `patch storageclass external-wait -p '{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}'`,
    );
    t.apply(claim("new", undefined));
    expect(get(t, "PersistentVolumeClaim", "new")?.spec?.storageClassName).toBe("external-wait");
  });
});

describe("findDeletablePlugin: an externally provisioned volume", () => {
  it("is left to its provisioner when released (Released, no VolumeFailedDelete)", () => {
    const t = setup();
    t.apply(claim("c", "external"));
    t.advance(1);
    const uid = get(t, "PersistentVolumeClaim", "c")?.metadata.uid;
    t.apply(
      `${volume(`pvc-${uid}`, "external", `  claimRef: {kind: PersistentVolumeClaim, namespace: default, name: c, uid: ${uid}}`)}
---`
        .replace("persistentVolumeReclaimPolicy: Retain", "persistentVolumeReclaimPolicy: Delete")
        .replace(
          "metadata: {name: pvc-",
          "metadata: {annotations: {pv.kubernetes.io/provisioned-by: vendor.com/my-volume}, name: pvc-",
        ),
    );
    t.advance(1);
    t.kubectl("delete pvc c");
    t.advance(30);
    const pv = get(t, "PersistentVolume", `pvc-${uid}`);
    expect(pv?.status?.phase).toBe("Released");
    expect(reasons(t, `pvc-${uid}`)).not.toContain("Warning VolumeFailedDelete");
  });
});

/**
 * binder_test.go TestSync [Unit test set 1] rows about volumes pre-bound to a claim, the path a
 * provisioned volume takes (its claimRef names the claim): 1-5 by name, 1-6 by UID, 1-7 to a claim
 * of the same name and another UID. (Names use "-" where upstream's use "_", which the API refuses.)
 */
describe("binder_test.go TestSync pre-bound volumes", () => {
  const prebound = (name: string, size: string, claimName: string, uid?: string) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  nfs: {server: nfs.example.com, path: /exports/${name}}
  claimRef: {kind: PersistentVolumeClaim, namespace: default, name: ${claimName}${uid ? `, uid: ${uid}` : ""}}`;
  const small = (name: string) => volume(name, `""`);

  it("1-5 - prebound volume by name - success (the bigger pre-bound one, not the smaller)", () => {
    const t = new TestCluster();
    t.apply(prebound("volume1-5-1", "10Gi", "claim1-5"));
    t.apply(small("volume1-5-2"));
    t.apply(claim("claim1-5", ""));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim1-5");
    expect(c?.spec?.volumeName).toBe("volume1-5-1");
    expect(c?.status?.capacity?.storage).toBe("10Gi");
    expect(get(t, "PersistentVolume", "volume1-5-2")?.status?.phase).toBe("Available");
  });

  it("1-6 - prebound volume by UID - success", () => {
    const t = new TestCluster();
    t.apply(claim("claim1-6", ""));
    const uid = get(t, "PersistentVolumeClaim", "claim1-6")?.metadata.uid as string;
    t.apply(prebound("volume1-6-1", "10Gi", "claim1-6", uid));
    t.apply(small("volume1-6-2"));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim1-6");
    expect(c?.spec?.volumeName).toBe("volume1-6-1");
    expect(c?.status?.phase).toBe("Bound");
    expect(get(t, "PersistentVolume", "volume1-6-1")?.status?.phase).toBe("Bound");
  });

  it("1-7 - prebound volume to different claim: not bound, FailedBinding", () => {
    const t = new TestCluster();
    t.apply(prebound("volume1-7", "10Gi", "claim1-7", "uid1-777"));
    t.apply(claim("claim1-7", ""));
    t.advance(1);
    const c = get(t, "PersistentVolumeClaim", "claim1-7");
    expect(c?.spec?.volumeName).toBeUndefined();
    expect(c?.status?.phase).toBe("Pending");
    expect(reasons(t, "claim1-7")).toContain("Normal FailedBinding");
  });
});
