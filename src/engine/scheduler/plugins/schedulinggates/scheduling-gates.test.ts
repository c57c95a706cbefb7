// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates_test.go
// (release-1.32): TestPreEnqueue. TestIsSchedulableAfterUpdateTargetPodSchedulingGatesEliminated
// tests a queueing hint, which Kubeglass keeps in queue/.
import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { SchedulingGatesPlugin } from "./scheduling-gates";

describe("SchedulingGates PreEnqueue (TestPreEnqueue)", () => {
  const cases: { name: string; gates?: string[]; want?: string }[] = [
    { name: "pod does not carry scheduling gates" },
    {
      name: "pod carries scheduling gates",
      gates: ["foo", "bar"],
      want: "waiting for scheduling gates: [foo bar]",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const spec = c.gates ? { schedulingGates: c.gates.map((name) => ({ name })) } : {};
      const s = new SchedulingGatesPlugin().preEnqueue(newPodInfo(makePod("p", spec)));
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(s?.reasons).toEqual([c.want]);
      }
    });
});
