// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { NodeName } from "../names";
import { ErrReason, NodeNamePlugin } from "../nodename/node-name";
import { ErrReasonUnschedulable, NodeUnschedulablePlugin } from "./node-unschedulable";

describe("NodeUnschedulable Filter", () => {
  const cases: [string, boolean, unknown[], boolean][] = [
    ["Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)", true, [], false],
    ["Schedule pod to normal node", false, [], true],
    [
      "Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)",
      true,
      [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }],
      true,
    ],
  ];
  for (const [name, unschedulable, tolerations, fits] of cases)
    it(name, () => {
      const s = new NodeUnschedulablePlugin().filter(
        new CycleState(),
        newPodInfo(makePod("p", { tolerations })),
        makeNodeInfo(makeNode("n", { unschedulable })),
      );
      if (fits) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(s?.reasons).toEqual([ErrReasonUnschedulable]);
      }
    });
});

// Ported from pkg/scheduler/framework/plugins/nodename/node_name_test.go.
describe(`${NodeName} Filter`, () => {
  const cases: [string, string | undefined, boolean][] = [
    ["no host specified", undefined, true],
    ["host matches", "foo", true],
    ["host doesn't match", "bar", false],
  ];
  for (const [name, nodeName, fits] of cases)
    it(name, () => {
      const s = new NodeNamePlugin().filter(
        new CycleState(),
        newPodInfo(makePod("p", nodeName ? { nodeName } : {})),
        makeNodeInfo(makeNode("foo")),
      );
      if (fits) expect(s).toBeUndefined();
      else expect(s?.reasons).toEqual([ErrReason]);
    });
});
