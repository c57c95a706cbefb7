// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go
// (release-1.32): TestLess.
import { describe, expect, it } from "vitest";
import type { QueuedPodInfo } from "../../framework/interface";
import { makePod } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { PrioritySortPlugin } from "./priority-sort";

const lowPriority = 10;
const highPriority = 100;
// t1 := time.Now(); t2 := t1.Add(time.Second), in virtual ms.
const t1 = 1_000;
const t2 = t1 + 1_000;

const q = (priority: number, timestamp = 0): QueuedPodInfo => ({
  podInfo: newPodInfo(makePod("p", { priority })),
  timestamp,
  attempts: 0,
  unschedulablePlugins: new Set(),
  seq: 0,
});

describe("PrioritySort Less (TestLess)", () => {
  const cases: [string, QueuedPodInfo, QueuedPodInfo, boolean][] = [
    // p2 should be ahead of p1 in the queue
    ["p1.priority less than p2.priority", q(lowPriority), q(highPriority), false],
    // p1 should be ahead of p2 in the queue
    ["p1.priority greater than p2.priority", q(highPriority), q(lowPriority), true],
    // p1 should be ahead of p2 in the queue
    [
      "equal priority. p1 is added to schedulingQ earlier than p2",
      q(highPriority, t1),
      q(highPriority, t2),
      true,
    ],
    // p2 should be ahead of p1 in the queue
    [
      "equal priority. p2 is added to schedulingQ earlier than p1",
      q(highPriority, t2),
      q(highPriority, t1),
      false,
    ],
  ];
  for (const [name, a, b, want] of cases)
    it(name, () => expect(new PrioritySortPlugin().less(a, b)).toBe(want));
});
