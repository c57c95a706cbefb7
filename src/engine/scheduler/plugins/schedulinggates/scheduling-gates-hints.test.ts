/** SchedulingGates' QueueingHint (scheduling_gates_test.go v1.32: Test_isSchedulableAfterUpdatePodSchedulingGatesEliminated). */
import { describe, expect, it } from "vitest";
import { QueueingHint } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { isSchedulableAfterUpdatePodSchedulingGatesEliminated } from "./scheduling-gates-hints";

describe("isSchedulableAfterUpdatePodSchedulingGatesEliminated", () => {
  const pod = newPodInfo(makePod("pod1", { schedulingGates: [{ name: "foo" }] }));
  it.each([
    ["queue when the target pod's gates are removed", makePod("pod1"), QueueingHint.Queue],
    ["skip when another pod's gates are removed", makePod("pod2"), QueueingHint.QueueSkip],
  ] as const)("%s", (_n, m, want) =>
    expect(isSchedulableAfterUpdatePodSchedulingGatesEliminated(pod, pod.pod, m)).toBe(want),
  );
});
