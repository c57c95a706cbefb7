/** VolumeBinding's QueueingHints (volume_binding_test.go v1.32: TestIsSchedulableAfterPersistentVolumeClaimChange, TestIsSchedulableAfterStorageClassChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  isSchedulableAfterPersistentVolumeClaimChange,
  isSchedulableAfterStorageClassChange,
} from "./volume-binding-hints";

const pvc = (name: string, namespace = "default") => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace },
});
const sc = (topo?: unknown) => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name: "sc" },
  allowedTopologies: topo,
});

describe("isSchedulableAfterPersistentVolumeClaimChange", () => {
  const pod = newPodInfo(
    makePod("pod", {
      volumes: [
        { name: "a", persistentVolumeClaim: { claimName: "pvc1" } },
        { name: "eph", ephemeral: { volumeClaimTemplate: {} } },
      ],
    }),
  );
  it.each([
    ["queue-on-add-pvc", undefined, pvc("pvc1"), QueueingHint.Queue],
    ["queue-on-add-ephemeral-pvc", undefined, pvc("pod-eph"), QueueingHint.Queue],
    ["skip-queue-on-add-unrelated-pvc", undefined, pvc("unrelated"), QueueingHint.QueueSkip],
    ["skip-queue-on-add-pvc-of-other-namespace", undefined, pvc("pvc1", "other"), QueueingHint.QueueSkip],
    ["queue-on-update-pvc", pvc("pvc1"), pvc("pvc1"), QueueingHint.Queue],
  ] as const)("%s", (_n, o, m, want) =>
    expect(isSchedulableAfterPersistentVolumeClaimChange(pod, o, m)).toBe(want),
  );
});

describe("isSchedulableAfterStorageClassChange", () => {
  const pod = newPodInfo(makePod("pod"));
  const topo = [{ matchLabelExpressions: [{ key: "zone", values: ["a"] }] }];
  it.each([
    ["queue-on-add-storage-class", undefined, sc(), QueueingHint.Queue],
    ["skip-queue-on-update-without-topology-change", sc(topo), sc(topo), QueueingHint.QueueSkip],
    ["queue-on-update-with-topology-change", sc(), sc(topo), QueueingHint.Queue],
  ] as const)("%s", (_n, o, m, want) => expect(isSchedulableAfterStorageClassChange(pod, o, m)).toBe(want));
});
