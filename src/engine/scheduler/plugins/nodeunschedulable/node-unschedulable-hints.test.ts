/** NodeUnschedulable's QueueingHints (node_unschedulable_test.go v1.32: TestIsSchedulableAfterNodeChange, TestIsSchedulableAfterPodTolerationChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
} from "./node-unschedulable-hints";

const pod = newPodInfo(makePod("pod1"));
const node = (unschedulable: boolean) => makeNode("n", { unschedulable });

describe("isSchedulableAfterNodeChange", () => {
  it.each([
    ["skip-queue-on-unschedulable-node-added", undefined, node(true), QueueingHint.QueueSkip],
    ["queue-on-schedulable-node-added", undefined, node(false), QueueingHint.Queue],
    [
      "skip-unrelated-change",
      node(true),
      makeNode("n", { unschedulable: true, labels: { a: "b" } }),
      QueueingHint.QueueSkip,
    ],
    ["queue-on-unschedulable-field-change", node(true), node(false), QueueingHint.Queue],
    ["skip-schedulable-to-unschedulable", node(false), node(true), QueueingHint.QueueSkip],
  ] as const)("%s", (_n, o, m, want) => expect(isSchedulableAfterNodeChange(pod, o, m)).toBe(want));
});

describe("isSchedulableAfterPodTolerationChange", () => {
  const unschedTol = { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" };
  it.each([
    [
      "queue-on-the-unsched-pod-updated",
      makePod("pod1"),
      makePod("pod1", { tolerations: [unschedTol] }),
      QueueingHint.Queue,
    ],
    [
      "skip-unrelated-change-toleration",
      makePod("pod1"),
      makePod("pod1", { tolerations: [{ key: "foo", operator: "Exists" }] }),
      QueueingHint.QueueSkip,
    ],
    [
      "skip-queue-on-other-pod-updated",
      makePod("pod2"),
      makePod("pod2", { tolerations: [unschedTol] }),
      QueueingHint.QueueSkip,
    ],
  ] as const)("%s", (_n, o, m, want) => expect(isSchedulableAfterPodTolerationChange(pod, o, m)).toBe(want));
});
