/** The eviction subresource against PodDisruptionBudgets (pkg/registry/core/pod/storage/eviction_test.go). */
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { clone, type KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { createCluster } from "../index";
import { ERR_EVICTION_VIOLATES_PDB, evictPod } from "./eviction";

function runningPod(cluster: Cluster, name: string, ready = true): KubeObject {
  cluster.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: "web" } },
    spec: { nodeName: "n1", containers: [{ name: "a", image: "nginx:1.27" }] },
  });
  const pod = clone(cluster.api.get("Pod", "default", name) as KubeObject);
  pod.status = {
    ...pod.status,
    phase: "Running",
    conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
  };
  return cluster.api.updateStatus(pod);
}

function pdb(cluster: Cluster, spec: object): void {
  cluster.api.create({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "web-pdb" },
    spec: { selector: { matchLabels: { app: "web" } }, ...spec },
  });
}

describe("evictPod", () => {
  it("refuses when the budget allows no disruption", () => {
    const cluster = createCluster();
    runningPod(cluster, "a");
    runningPod(cluster, "b");
    pdb(cluster, { minAvailable: 2 });
    let err: unknown;
    try {
      evictPod(cluster, "default", "a");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).reason).toBe("TooManyRequests");
    expect((err as ApiError).message).toBe(ERR_EVICTION_VIOLATES_PDB);
    expect((err as ApiError).causes[0]?.message).toBe(
      "The disruption budget web-pdb needs 2 healthy pods and has 2 currently",
    );
    expect(cluster.api.get("Pod", "default", "a")?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("evicts within the budget: DisruptionTarget condition, then graceful delete", () => {
    const cluster = createCluster();
    runningPod(cluster, "a");
    runningPod(cluster, "b");
    pdb(cluster, { maxUnavailable: 1 });
    const after = evictPod(cluster, "default", "a");
    expect(after?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:30Z");
    const condition = after?.status.conditions.find((c: { type: string }) => c.type === "DisruptionTarget");
    expect(condition).toMatchObject({
      status: "True",
      reason: "EvictionByEvictionAPI",
      message: "Eviction API: evicting",
    });
  });

  it("evicts pending pods and pods without budgets at once", () => {
    const cluster = createCluster();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels: { app: "web" } },
      spec: { containers: [{ name: "a", image: "x" }] },
    });
    pdb(cluster, { minAvailable: 5 });
    expect(evictPod(cluster, "default", "p")).toBeUndefined();
    expect(() => evictPod(cluster, "default", "p")).toThrow('pods "p" not found');
  });

  it("lets an unready pod go when the budget is met", () => {
    const cluster = createCluster();
    runningPod(cluster, "a");
    runningPod(cluster, "b", false);
    pdb(cluster, { minAvailable: 1 });
    expect(evictPod(cluster, "default", "b", { gracePeriodSeconds: 0 })).toBeUndefined();
  });
});
