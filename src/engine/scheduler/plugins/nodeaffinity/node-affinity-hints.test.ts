/** NodeAffinity's QueueingHint (node_affinity_test.go v1.32: Test_isSchedulableAfterNodeChange). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makeNode, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { isSchedulableAfterNodeChange } from "./node-affinity-hints";

const podWithNodeAffinity = newPodInfo(
  makePod("p", {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] }],
        },
      },
    },
  }),
);
const podWithNodeSelector = newPodInfo(makePod("p", { nodeSelector: { foo: "bar" } }));
const n = (labels: Record<string, string>) => makeNode("n", { labels });
const added = {
  nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["zone1"] }] }],
};

describe("isSchedulableAfterNodeChange", () => {
  it.each([
    [
      "node add with matched pod node affinity",
      podWithNodeAffinity,
      undefined,
      n({ foo: "bar" }),
      undefined,
      QueueingHint.Queue,
    ],
    [
      "node add with matched pod node selector",
      podWithNodeSelector,
      undefined,
      n({ foo: "bar" }),
      undefined,
      QueueingHint.Queue,
    ],
    [
      "node add with unmatched pod node affinity",
      podWithNodeAffinity,
      undefined,
      n({ foo: "fuz" }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "node update with matched pod node affinity (already matched)",
      podWithNodeAffinity,
      n({ foo: "bar" }),
      n({ foo: "bar", a: "b" }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "node update with unmatched node labels",
      podWithNodeAffinity,
      n({ foo: "fuz" }),
      n({ foo: "fuz2" }),
      undefined,
      QueueingHint.QueueSkip,
    ],
    [
      "node update from unmatched to matched",
      podWithNodeAffinity,
      n({ foo: "fuz" }),
      n({ foo: "bar" }),
      undefined,
      QueueingHint.Queue,
    ],
    [
      "node add with matched pod node affinity and unmatched added affinity",
      podWithNodeAffinity,
      undefined,
      n({ foo: "bar" }),
      added,
      QueueingHint.QueueSkip,
    ],
    [
      "node add with matched pod node affinity and matched added affinity",
      podWithNodeAffinity,
      undefined,
      n({ foo: "bar", zone: "zone1" }),
      added,
      QueueingHint.Queue,
    ],
  ] as const)("%s", (_name, pod, oldObj, newObj, addedSel, want) =>
    expect(isSchedulableAfterNodeChange(pod, oldObj, newObj, addedSel as never)).toBe(want),
  );
});
