/** VolumeRestrictions' QueueingHints (volume_restrictions_test.go v1.32: Test_isSchedulableAfterPodDeleted, Test_isSchedulableAfterPersistentVolumeClaimChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  isSchedulableAfterPersistentVolumeClaimAdded,
  isSchedulableAfterPodDeleted,
} from "./volume-restrictions-hints";

const gce = { name: "v", gcePersistentDisk: { pdName: "foo" } };
const pvcVol = (claimName: string) => ({ name: "v", persistentVolumeClaim: { claimName } });
const pvc = (name: string, namespace = "default") => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace },
});

describe("isSchedulableAfterPodDeleted", () => {
  it.each([
    [
      "queue a pod whose disk conflicted with the deleted pod",
      [gce],
      makePod("d", { volumes: [gce], nodeName: "n" }),
      QueueingHint.Queue,
    ],
    [
      "skip a pod of another namespace",
      [gce],
      makePod("d", { volumes: [gce] }, { namespace: "other" }),
      QueueingHint.QueueSkip,
    ],
    [
      "queue a pod using the same PVC",
      [pvcVol("claim")],
      makePod("d", { volumes: [pvcVol("claim")] }),
      QueueingHint.Queue,
    ],
    [
      "skip an unrelated pod",
      [pvcVol("claim")],
      makePod("d", { volumes: [pvcVol("other")] }),
      QueueingHint.QueueSkip,
    ],
  ] as const)("%s", (_n, vols, deleted, want) =>
    expect(
      isSchedulableAfterPodDeleted(newPodInfo(makePod("p", { volumes: vols })), deleted, undefined),
    ).toBe(want),
  );
});

describe("isSchedulableAfterPersistentVolumeClaimAdded", () => {
  const pod = newPodInfo(makePod("p", { volumes: [pvcVol("claim")] }));
  it.each([
    ["queue when the pod's PVC is created", pvc("claim"), QueueingHint.Queue],
    ["skip an unrelated PVC", pvc("other"), QueueingHint.QueueSkip],
    ["skip a PVC of another namespace", pvc("claim", "other"), QueueingHint.QueueSkip],
  ] as const)("%s", (_n, obj, want) =>
    expect(isSchedulableAfterPersistentVolumeClaimAdded(pod, undefined, obj)).toBe(want),
  );
});
