// pkg/api/persistentvolume/util_test.go TestWarnings (the cases v1.32 has: the beta annotations
// and, since v1.30, the Recycle reclaim policy).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { persistentVolumeWarnings, WarnRecycleDeprecated } from "./pvwarnings";

const pv = (spec: object, annotations?: Record<string, string>): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name: "foo", annotations },
    spec,
  }) as KubeObject;

describe("GetWarningsForPersistentVolume", () => {
  it("no warning for a plain volume", () => {
    expect(persistentVolumeWarnings(pv({ persistentVolumeReclaimPolicy: "Retain" }))).toEqual([]);
  });

  it("warns of the beta storage-class and mount-options annotations", () => {
    expect(
      persistentVolumeWarnings(
        pv(
          {},
          { "volume.beta.kubernetes.io/storage-class": "", "volume.beta.kubernetes.io/mount-options": "" },
        ),
      ),
    ).toEqual([
      'metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead',
      'metadata.annotations[volume.beta.kubernetes.io/mount-options]: deprecated since v1.31; use "mountOptions" attribute instead',
    ]);
  });

  it("PersistentVolumeReclaimRecycle deprecation warning", () => {
    expect(persistentVolumeWarnings(pv({ persistentVolumeReclaimPolicy: "Recycle" }))).toEqual([
      WarnRecycleDeprecated,
    ]);
    expect(WarnRecycleDeprecated).toBe(
      "spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.",
    );
  });
});
