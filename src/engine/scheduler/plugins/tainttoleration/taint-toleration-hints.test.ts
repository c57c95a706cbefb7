/** TaintToleration's QueueingHints (taint_toleration_test.go v1.32: Test_isSchedulableAfterNodeChange, Test_isSchedulableAfterPodTolerationChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
} from "./taint-toleration-hints";

const taint = (effect: string) => ({ key: "example.com/taint", value: "v", effect });
const tol = { key: "example.com/taint", operator: "Equal", value: "v", effect: "NoSchedule" };
const tainted = (...t: unknown[]) => makeNode("n", { taints: t });

describe("isSchedulableAfterNodeChange", () => {
  const plain = newPodInfo(makePod("p"));
  const tolerating = newPodInfo(makePod("p", { tolerations: [tol] }));
  it.each([
    ["node is added without taints", plain, undefined, makeNode("n"), QueueingHint.Queue],
    [
      "node is added with an untolerated taint",
      plain,
      undefined,
      tainted(taint("NoSchedule")),
      QueueingHint.QueueSkip,
    ],
    [
      "node is added with a tolerated taint",
      tolerating,
      undefined,
      tainted(taint("NoSchedule")),
      QueueingHint.Queue,
    ],
    [
      "node is added with a PreferNoSchedule taint only",
      plain,
      undefined,
      tainted(taint("PreferNoSchedule")),
      QueueingHint.Queue,
    ],
    [
      "node is updated to remove the untolerated taint",
      plain,
      tainted(taint("NoSchedule")),
      makeNode("n"),
      QueueingHint.Queue,
    ],
    [
      "node is updated but stays untolerated",
      plain,
      tainted(taint("NoSchedule")),
      tainted(taint("NoExecute")),
      QueueingHint.QueueSkip,
    ],
    [
      "node was already tolerated",
      plain,
      makeNode("n"),
      makeNode("n", { labels: { a: "b" } }),
      QueueingHint.QueueSkip,
    ],
  ] as const)("%s", (_n, pod, o, m, want) => expect(isSchedulableAfterNodeChange(pod, o, m)).toBe(want));
});

describe("isSchedulableAfterPodTolerationChange", () => {
  const pod = newPodInfo(makePod("pod1"));
  it.each([
    [
      "the unschedulable pod got a toleration",
      makePod("pod1"),
      makePod("pod1", { tolerations: [tol] }),
      QueueingHint.Queue,
    ],
    [
      "another pod got a toleration",
      makePod("pod2"),
      makePod("pod2", { tolerations: [tol] }),
      QueueingHint.QueueSkip,
    ],
  ] as const)("%s", (_n, o, m, want) => expect(isSchedulableAfterPodTolerationChange(pod, o, m)).toBe(want));
});
