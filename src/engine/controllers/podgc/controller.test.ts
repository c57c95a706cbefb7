// Ported from kubernetes/kubernetes pkg/controller/podgc/gc_controller_test.go
// (TestGCTerminated, TestGCOrphaned, TestGCUnscheduledTerminating).
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/kinds";
import { controllerCluster, node } from "../testing/fixtures";
import { terminatedPodsToDelete } from "./controller";

const pod = (name: string, phase: string, created: string): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, creationTimestamp: created },
    spec: { containers: [] },
    status: { phase },
  }) as Pod;

describe("terminatedPodsToDelete (TestGCTerminated)", () => {
  const pods = [
    pod("a", "Failed", "2026-01-01T00:00:03Z"),
    pod("b", "Succeeded", "2026-01-01T00:00:01Z"),
    pod("c", "Running", "2026-01-01T00:00:00Z"),
    pod("d", "Failed", "2026-01-01T00:00:02Z"),
  ];
  const cases: [number, string[]][] = [
    [1, ["b", "d"]],
    [2, ["b"]],
    [3, []],
    [0, []],
  ];
  for (const [threshold, want] of cases)
    it(`threshold ${threshold}`, () =>
      expect(terminatedPodsToDelete(pods, threshold).map((p) => p.metadata.name)).toEqual(want));
});

describe("pod GC", () => {
  it("force-deletes pods bound to a node that is gone, after the quarantine", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
      spec: { nodeName: "n1", containers: [{ name: "c", image: "i" }] },
    });
    cluster.api.delete("Node", undefined, "n1");
    cluster.advance(30);
    expect(cluster.api.get("Pod", "default", "p")).toBeDefined();
    cluster.advance(40);
    expect(cluster.api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("force-deletes terminating pods that were never scheduled", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default", finalizers: ["example.com/hold"] },
      spec: { containers: [{ name: "c", image: "i" }] },
    });
    cluster.api.delete("Pod", "default", "p");
    cluster.advance(25);
    // Finalizers still hold it, but it was asked to go with grace 0.
    expect(cluster.api.get("Pod", "default", "p")?.metadata.deletionGracePeriodSeconds).toBe(0);
  });
});
