// Ported from kubernetes/kubernetes pkg/controller/deployment/util/deployment_util_test.go
// (TestResolveFenceposts, TestNewRSNewReplicas, TestDeploymentComplete, TestDeploymentProgressing,
// TestDeploymentTimedOut, TestMaxUnavailable, TestAnnotationUtils) and sync_test.go (TestScale math).
import { describe, expect, it } from "vitest";
import type { Deployment, ReplicaSet } from "../../api/kinds";
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  setCondition,
  setNewReplicaSetAnnotations,
} from "./util";

function deploy(
  replicas: number,
  surge: number | string,
  unavailable: number | string,
  extra: Partial<Deployment> = {},
): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d", generation: 1 },
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
    },
    ...extra,
  } as Deployment;
}
function rs(replicas: number): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "rs" },
    spec: { replicas, selector: {} },
  } as ReplicaSet;
}

describe("resolveFenceposts (TestResolveFenceposts)", () => {
  const cases: [number | string | undefined, number | string | undefined, number, number, number][] = [
    ["0", "0", 0, 0, 1],
    ["39%", "39%", 10, 4, 3],
    ["oops", "1", 10, 0, 1],
    ["55%", "urg", 10, 6, 0],
    ["5", "1", 10, 5, 1],
    [undefined, undefined, 10, 3, 2],
    ["25%", "25%", 4, 1, 1],
    [0, 0, 5, 0, 1],
  ];
  for (const [s, u, desired, es, eu] of cases)
    it(`${s}/${u} of ${desired}`, () =>
      expect(resolveFenceposts(s, u, desired)).toEqual({ surge: es, unavailable: eu }));
});

describe("maxUnavailable (TestMaxUnavailable)", () => {
  it("is capped at replicas and 0 for zero replicas or Recreate", () => {
    expect(maxUnavailable(deploy(10, 0, "20%"))).toBe(2);
    expect(maxUnavailable(deploy(5, 0, 10))).toBe(5);
    expect(maxUnavailable(deploy(0, 0, 1))).toBe(0);
    const r = deploy(10, 0, 1);
    if (r.spec) r.spec.strategy = { type: "Recreate" };
    expect(maxUnavailable(r)).toBe(0);
  });
});

describe("newRSNewReplicas (TestNewRSNewReplicas)", () => {
  it("rolling update: scales up within maxSurge", () => {
    const d = deploy(1, 1, 0);
    const n = rs(0);
    expect(newRSNewReplicas(d, [n, rs(1)], n)).toBe(1);
  });
  it("rolling update: no room left", () => {
    const d = deploy(10, 1, 0);
    const n = rs(1);
    expect(newRSNewReplicas(d, [n, rs(10)], n)).toBe(1);
  });
  it("rolling update: capped at spec.replicas", () => {
    const d = deploy(5, 10, 0);
    const n = rs(0);
    expect(newRSNewReplicas(d, [n], n)).toBe(5);
  });
  it("recreate: full size", () => {
    const d = deploy(3, 1, 0);
    if (d.spec) d.spec.strategy = { type: "Recreate" };
    const n = rs(0);
    expect(newRSNewReplicas(d, [n, rs(3)], n)).toBe(3);
  });
});

describe("deploymentComplete / deploymentProgressing / deploymentTimedOut", () => {
  it("complete only when updated, total and available equal replicas and the generation is observed", () => {
    const d = deploy(5, 1, 0);
    expect(
      deploymentComplete(d, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, observedGeneration: 1 }),
    ).toBe(true);
    expect(
      deploymentComplete(d, { replicas: 5, updatedReplicas: 5, availableReplicas: 4, observedGeneration: 1 }),
    ).toBe(false);
    expect(
      deploymentComplete(d, { replicas: 6, updatedReplicas: 5, availableReplicas: 5, observedGeneration: 1 }),
    ).toBe(false);
    expect(
      deploymentComplete(d, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, observedGeneration: 0 }),
    ).toBe(false);
  });
  it("progressing when updated grows or old replicas shrink", () => {
    const d = deploy(5, 1, 0, {
      status: { replicas: 6, updatedReplicas: 2, readyReplicas: 5, availableReplicas: 5 },
    } as never);
    expect(
      deploymentProgressing(d, { replicas: 6, updatedReplicas: 3, readyReplicas: 5, availableReplicas: 5 }),
    ).toBe(true);
    expect(
      deploymentProgressing(d, { replicas: 5, updatedReplicas: 2, readyReplicas: 5, availableReplicas: 5 }),
    ).toBe(true);
    expect(
      deploymentProgressing(d, { replicas: 6, updatedReplicas: 2, readyReplicas: 5, availableReplicas: 5 }),
    ).toBe(false);
  });
  it("times out after progressDeadlineSeconds since the last progress", () => {
    const d = deploy(1, 1, 0);
    if (d.spec) d.spec.progressDeadlineSeconds = 10;
    const cond = (reason: string) => ({
      conditions: [
        { type: "Progressing", status: "True" as const, reason, lastUpdateTime: "2026-01-01T00:00:00Z" },
      ],
    });
    const t = Date.parse("2026-01-01T00:00:00Z");
    expect(deploymentTimedOut(d, cond("ReplicaSetUpdated"), t + 5_000)).toBe(false);
    expect(deploymentTimedOut(d, cond("ReplicaSetUpdated"), t + 11_000)).toBe(true);
    expect(deploymentTimedOut(d, cond("NewReplicaSetAvailable"), t + 11_000)).toBe(false);
    expect(deploymentTimedOut(d, {}, t + 11_000)).toBe(false);
  });
});

describe("setCondition (SetDeploymentCondition)", () => {
  it("keeps lastTransitionTime when status is unchanged and moves the condition last", () => {
    const s = {
      conditions: [
        {
          type: "Progressing",
          status: "True" as const,
          reason: "A",
          lastTransitionTime: "t0",
          lastUpdateTime: "t0",
        },
        {
          type: "Available",
          status: "True" as const,
          reason: "X",
          lastTransitionTime: "t0",
          lastUpdateTime: "t0",
        },
      ],
    };
    setCondition(s, {
      type: "Progressing",
      status: "True",
      reason: "B",
      lastTransitionTime: "t1",
      lastUpdateTime: "t1",
    });
    expect(s.conditions.map((c) => c.type)).toEqual(["Available", "Progressing"]);
    expect(s.conditions[1]).toMatchObject({ reason: "B", lastTransitionTime: "t0", lastUpdateTime: "t1" });
    setCondition(s, {
      type: "Progressing",
      status: "True",
      reason: "B",
      lastTransitionTime: "t2",
      lastUpdateTime: "t2",
    });
    expect(s.conditions[1]?.lastUpdateTime).toBe("t1");
  });
});

describe("setNewReplicaSetAnnotations (TestAnnotationUtils)", () => {
  it("raises the revision and keeps the history of the old one", () => {
    const d = deploy(3, 1, 0);
    d.metadata.annotations = { team: "a", "kubectl.kubernetes.io/last-applied-configuration": "{}" };
    const r = rs(3);
    r.metadata.annotations = { "deployment.kubernetes.io/revision": "1" };
    expect(setNewReplicaSetAnnotations(d, r, 3, true)).toBe(true);
    expect(r.metadata.annotations).toEqual({
      team: "a",
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/revision-history": "1",
    });
    expect(setNewReplicaSetAnnotations(d, r, 3, true)).toBe(false);
  });
  it("sets replica annotations on a new ReplicaSet", () => {
    const d = deploy(3, 1, 0);
    const r = rs(0);
    setNewReplicaSetAnnotations(d, r, 1, false);
    expect(r.metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
  });
  it("equalIgnoreHash ignores pod-template-hash", () => {
    expect(
      equalIgnoreHash(
        { metadata: { labels: { a: "b", "pod-template-hash": "x" } }, spec: {} },
        { metadata: { labels: { a: "b" } }, spec: {} },
      ),
    ).toBe(true);
  });
});
