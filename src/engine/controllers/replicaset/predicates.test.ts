// Ported from kubernetes/kubernetes pkg/controller/controller_utils_test.go
// (TestSortingActivePodsWithRanks, TestSortingActivePods) and
// pkg/controller/replicaset/replica_set_test.go (TestGetPodsToDelete, TestSlowStartBatch).
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/kinds";
import { deleteFirst, getPodsToDelete, type RankedPod, slowStartBatch } from "./predicates";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const ts = (sec: number) => new Date(T0 + sec * 1000).toISOString().replace(/\.\d+Z$/, "Z");

function pod(
  name: string,
  o: {
    node?: string;
    phase?: string;
    ready?: number;
    restarts?: number;
    created?: number;
    cost?: number;
  } = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      uid: name,
      creationTimestamp: ts(o.created ?? 0),
      ...(o.cost !== undefined
        ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": String(o.cost) } }
        : {}),
    },
    spec: { containers: [], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? "Pending",
      conditions:
        o.ready !== undefined ? [{ type: "Ready", status: "True", lastTransitionTime: ts(o.ready) }] : [],
      containerStatuses: [{ name: "c", restartCount: o.restarts ?? 0 } as never],
    },
  } as Pod;
}

describe("ActivePodsWithRanks (TestSortingActivePodsWithRanks)", () => {
  const now = T0 + 10_000_000;
  const r = (p: Pod, rank = 0): RankedPod => ({ pod: p, rank });
  const unscheduled = pod("unscheduled");
  const pending = pod("pending", { node: "n" });
  const unknown = pod("unknown", { node: "n", phase: "Unknown" });
  const runningNotReady = pod("running-not-ready", { node: "n", phase: "Running" });
  const runningReady = pod("running-ready", { node: "n", phase: "Running", ready: 0 });
  const cases: [string, RankedPod, RankedPod][] = [
    ["unscheduled < scheduled", r(unscheduled), r(pending)],
    ["Pending < Unknown", r(pending), r(unknown)],
    ["Unknown < Running", r(unknown), r(runningNotReady)],
    ["not ready < ready", r(runningNotReady), r(runningReady)],
    [
      "lower deletion cost < higher",
      r(pod("low", { node: "n", phase: "Running", ready: 0, cost: 1 })),
      r(pod("high", { node: "n", phase: "Running", ready: 0, cost: 2 })),
    ],
    ["doubled up < not doubled up", r(runningReady, 2), r(runningReady, 1)],
    [
      "ready for less time < more time",
      r(pod("recent", { node: "n", phase: "Running", ready: 9_000_000 })),
      r(pod("long", { node: "n", phase: "Running", ready: 0 })),
    ],
    [
      "more restarts < fewer",
      r(pod("many", { node: "n", phase: "Running", ready: 0, restarts: 5 })),
      r(pod("few", { node: "n", phase: "Running", ready: 0, restarts: 1 })),
    ],
    [
      "newer < older",
      r(pod("newer", { node: "n", phase: "Running", ready: 0, created: 9_000_000 })),
      r(pod("older", { node: "n", phase: "Running", ready: 0, created: 0 })),
    ],
  ];
  for (const [name, a, b] of cases)
    it(name, () => {
      expect(deleteFirst(a, b, now)).toBe(true);
      expect(deleteFirst(b, a, now)).toBe(false);
    });
  it("ready times in the same power-of-two bucket compare by uid", () => {
    const a = r(pod("a", { node: "n", phase: "Running", ready: 100 }));
    const b = r(pod("b", { node: "n", phase: "Running", ready: 101 }));
    expect(deleteFirst(a, b, now)).toBe(true);
    expect(deleteFirst(b, a, now)).toBe(false);
  });
});

describe("getPodsToDelete (TestGetPodsToDelete)", () => {
  const now = T0 + 1_000_000;
  it("prefers pods doubled up with related pods on the same node", () => {
    const a = pod("a", { node: "n1", phase: "Running", ready: 0 });
    const b = pod("b", { node: "n2", phase: "Running", ready: 0 });
    const related = [a, b, pod("c", { node: "n2", phase: "Running", ready: 0 })];
    expect(getPodsToDelete([a, b], related, 1, now).map((p) => p.metadata.name)).toEqual(["b"]);
  });
  it("returns everything when diff covers all pods", () => {
    const a = pod("a");
    expect(getPodsToDelete([a], [a], 3, now)).toEqual([a]);
  });
  it("deletes unscheduled and pending pods before running ones", () => {
    const run = pod("run", { node: "n", phase: "Running", ready: 0 });
    const pend = pod("pend", { node: "n" });
    const unsch = pod("unsch");
    expect(getPodsToDelete([run, pend, unsch], [], 2, now).map((p) => p.metadata.name)).toEqual([
      "unsch",
      "pend",
    ]);
  });
});

describe("slowStartBatch (TestSlowStartBatch)", () => {
  it("batches 1, 2, 4, ... and stops after a failing batch", () => {
    let calls = 0;
    expect(slowStartBatch(10, 1, () => ++calls > 0)).toBe(10);
    calls = 0;
    // The 5th call fails: batches 1, 2, 4 run (7 calls), 6 succeed.
    expect(slowStartBatch(10, 1, () => ++calls !== 5)).toBe(6);
    expect(calls).toBe(7);
    calls = 0;
    expect(slowStartBatch(0, 1, () => ++calls > 0)).toBe(0);
  });
});
