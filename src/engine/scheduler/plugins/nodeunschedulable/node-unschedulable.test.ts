// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go
// (release-1.32): TestNodeUnschedulable. TestIsSchedulableAfterNodeChange and
// TestIsSchedulableAfterPodTolerationChange test queueing hints, which Kubeglass keeps in queue/.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { ErrReasonUnschedulable, NodeUnschedulablePlugin } from "./node-unschedulable";

describe("NodeUnschedulable Filter (TestNodeUnschedulable)", () => {
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
        expect(ErrReasonUnschedulable).toBe("node(s) were unschedulable");
      }
    });
});
