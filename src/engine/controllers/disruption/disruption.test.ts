// After kubernetes/kubernetes pkg/controller/disruption/disruption_test.go
// (TestNoSelector, TestUnavailable, TestIntegerMaxUnavailable, TestReplicaSet, TestMultipleControllers).
import { describe, expect, it } from "vitest";
import { controllerCluster, deployment, node } from "../testing/fixtures";
import { disruptionsAllowed, expectedPodCount } from "./predicates";

describe("PDB arithmetic", () => {
  it("minAvailable as a number counts pods", () => {
    expect(expectedPodCount({ minAvailable: 2 }, 3, () => 99)).toEqual({
      expectedPods: 3,
      desiredHealthy: 2,
    });
  });
  it("percentages and maxUnavailable use the controllers' scale", () => {
    expect(expectedPodCount({ minAvailable: "50%" }, 3, () => 5)).toEqual({
      expectedPods: 5,
      desiredHealthy: 3,
    });
    expect(expectedPodCount({ maxUnavailable: 1 }, 3, () => 4)).toEqual({
      expectedPods: 4,
      desiredHealthy: 3,
    });
    expect(expectedPodCount({ maxUnavailable: "30%" }, 3, () => 10)).toEqual({
      expectedPods: 10,
      desiredHealthy: 7,
    });
  });
  it("disruptionsAllowed is never negative", () => {
    expect(disruptionsAllowed(3, 2, 3)).toBe(1);
    expect(disruptionsAllowed(1, 2, 3)).toBe(0);
    expect(disruptionsAllowed(3, 0, 0)).toBe(0);
  });
});

describe("disruption controller", () => {
  it("keeps PDB status in step with a Deployment's ready pods", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(deployment("web", 3));
    cluster.api.create({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: "default" },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } },
    });
    cluster.advance(1);
    const pdb = cluster.api.get("PodDisruptionBudget", "default", "web");
    expect(pdb?.status).toMatchObject({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
    });
    expect(pdb?.status?.conditions?.[0]).toMatchObject({
      type: "DisruptionAllowed",
      status: "True",
      reason: "SufficientPods",
      message: "",
    });
  });
});
