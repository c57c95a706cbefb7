// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go.
import { describe, expect, it } from "vitest";
import type { QueuedPodInfo } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { PrioritySortPlugin } from "./priority-sort";

const q = (priority: number, timestamp: number): QueuedPodInfo => ({
  podInfo: newPodInfo(makePod("p", { priority })),
  timestamp,
  attempts: 0,
  unschedulablePlugins: new Set(),
  seq: 0,
});

describe("PrioritySort Less", () => {
  const cases: [string, QueuedPodInfo, QueuedPodInfo, boolean][] = [
    ["p1.priority less than p2.priority", q(1, 0), q(2, 0), false],
    ["p1.priority greater than p2.priority", q(2, 0), q(1, 0), true],
    ["equal priority. p1 is added to schedulingQ earlier than p2", q(1, 1), q(1, 2), true],
    ["equal priority. p2 is added to schedulingQ earlier than p1", q(1, 2), q(1, 1), false],
  ];
  for (const [name, a, b, want] of cases)
    it(name, () => expect(new PrioritySortPlugin().less(a, b)).toBe(want));
});
