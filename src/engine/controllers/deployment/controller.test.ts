// Integration tests of the Deployment controller and the rollout helpers, after
// kubernetes/kubernetes pkg/controller/deployment/{deployment_controller_test.go,rolling_test.go,
// recreate_test.go,sync_test.go} and kubectl polymorphichelpers/rollout_status_test.go.
import { describe, expect, it } from "vitest";
import type { Deployment, Pod, ReplicaSet } from "../../api/kinds";
import { controllerCluster, deployment, edit, node, podsOf } from "../testing/fixtures";
import { deploymentStatusText, rolloutHistory, rolloutStatus, rolloutUndo } from "./rollout";

const rsOf = (cluster: ReturnType<typeof controllerCluster>, d: Deployment) =>
  (cluster.api.list("ReplicaSet") as ReplicaSet[])
    .filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)
    .sort(
      (a, b) =>
        Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) -
        Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]),
    );
const get = (cluster: ReturnType<typeof controllerCluster>, name = "web") =>
  cluster.api.get("Deployment", "default", name) as Deployment;
const setImage = (cluster: ReturnType<typeof controllerCluster>, d: Deployment, image: string) =>
  edit<Deployment>(cluster, d, (x) => {
    const c = x.spec?.template.spec?.containers[0];
    if (c) c.image = image;
  });

describe("Deployment controller", () => {
  it("creates ReplicaSet <deploy>-<pod-template-hash> with annotations, then status and conditions", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const d = cluster.api.create(deployment("web", 3)) as Deployment;
    cluster.advance(1);
    const [rs] = rsOf(cluster, d);
    const hash = rs?.metadata.labels?.["pod-template-hash"] as string;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec?.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs?.metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(
      podsOf(cluster, rs as ReplicaSet).every((p) => p.metadata.labels?.["pod-template-hash"] === hash),
    ).toBe(true);
    const got = get(cluster);
    expect(got.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(got.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(got.status?.unavailableReplicas).toBeUndefined();
    expect(got.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      [
        "Progressing",
        "True",
        "NewReplicaSetAvailable",
        `ReplicaSet "web-${hash}" has successfully progressed.`,
      ],
    ]);
    expect(rolloutStatus(cluster, "Deployment", "default", "web")).toEqual({
      done: true,
      message: 'deployment "web" successfully rolled out',
    });
    const scaling = cluster.api.list("Event").find((e) => e.reason === "ScalingReplicaSet");
    expect(scaling?.message).toBe(`Scaled up replica set web-${hash} from 0 to 3`);
    expect(scaling?.source).toEqual({ component: "deployment-controller" });
  });

  it("the pod-template-hash is deterministic", () => {
    const a = controllerCluster({ seed: 1 });
    const b = controllerCluster({ seed: 99 });
    a.api.create(deployment("web", 1));
    b.api.create(deployment("web", 1));
    a.settle();
    b.settle();
    expect(a.api.list("ReplicaSet").map((r) => r.metadata.name)).toEqual(
      b.api.list("ReplicaSet").map((r) => r.metadata.name),
    );
  });

  it("rolls out within maxSurge and maxUnavailable", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const d = cluster.api.create(
      deployment("web", 4, {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      }),
    ) as Deployment;
    cluster.settle();
    const makeReady = () => {
      for (const p of cluster.api.list("Pod") as Pod[]) {
        if (p.status?.phase === "Running" || p.metadata.deletionTimestamp) continue;
        if (!p.spec?.nodeName) cluster.api.bind("default", p.metadata.name as string, "n1");
        const q = structuredClone(cluster.api.get("Pod", "default", p.metadata.name as string) as Pod);
        q.status = {
          phase: "Running",
          conditions: [{ type: "Ready", status: "True", lastTransitionTime: cluster.now() }],
        };
        cluster.api.updateStatus(q);
      }
      cluster.settle();
    };
    makeReady();
    setImage(cluster, d, "nginx:2");
    cluster.settle();
    for (let step = 0; step < 10; step++) {
      const rss = rsOf(cluster, d);
      const total = rss.reduce((s, r) => s + (r.spec?.replicas ?? 0), 0);
      expect(total).toBeLessThanOrEqual(5);
      const available = rss.reduce((s, r) => s + (r.status?.availableReplicas ?? 0), 0);
      expect(available).toBeGreaterThanOrEqual(3);
      makeReady();
    }
    const rss = rsOf(cluster, d);
    expect(rss.map((r) => r.spec?.replicas)).toEqual([0, 4]);
    expect(get(cluster).metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    const msgs = cluster.api
      .list("Event")
      .filter((e) => e.reason === "ScalingReplicaSet")
      .map((e) => e.message);
    expect(msgs[1]).toMatch(/^Scaled up replica set web-\w+ from 0 to 1$/);
    expect(msgs).toContainEqual(expect.stringMatching(/^Scaled down replica set web-\w+ from 4 to 3$/));
  });

  it("Recreate scales old ReplicaSets to zero and waits for their pods before creating the new one", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const d = cluster.api.create(deployment("web", 2, { strategy: { type: "Recreate" } })) as Deployment;
    cluster.settle();
    for (const p of cluster.api.list("Pod")) cluster.api.bind("default", p.metadata.name as string, "n1");
    setImage(cluster, d, "nginx:2");
    cluster.settle();
    // Old pods are Terminating (bound, graceful): no new ReplicaSet yet.
    expect(rsOf(cluster, d)).toHaveLength(1);
    expect(rsOf(cluster, d)[0]?.spec?.replicas).toBe(0);
    for (const p of cluster.api.list("Pod"))
      cluster.api.delete("Pod", "default", p.metadata.name as string, { gracePeriodSeconds: 0 });
    cluster.settle();
    const rss = rsOf(cluster, d);
    expect(rss.map((r) => r.spec?.replicas)).toEqual([0, 2]);
  });

  it("proportionally scales ReplicaSets mid-rollout", () => {
    const cluster = controllerCluster({ agents: false });
    const d = cluster.api.create(
      deployment("web", 10, {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    ) as Deployment;
    cluster.settle();
    setImage(cluster, d, "nginx:2");
    cluster.settle();
    // Nothing is available, so old 10 → 8 (cleanup of unhealthy) and new up to 5... then scale to 20.
    const before = rsOf(cluster, d).map((r) => r.spec?.replicas ?? 0);
    expect(before.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(13);
    edit<Deployment>(cluster, d, (x) => {
      if (x.spec) x.spec.replicas = 20;
    });
    cluster.settle();
    const after = rsOf(cluster, d).map((r) => r.spec?.replicas ?? 0);
    expect(after.reduce((a, b) => a + b, 0)).toBe(23);
    expect(
      rsOf(cluster, d).every(
        (r) => r.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"] === "20",
      ),
    ).toBe(true);
  });

  it("rollout history and undo", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const d = cluster.api.create(deployment("web", 2)) as Deployment;
    cluster.advance(1);
    setImage(cluster, d, "nginx:2");
    cluster.advance(5);
    expect(
      rolloutHistory(cluster, get(cluster)).map((r) => [r.revision, r.template.spec.containers[0].image]),
    ).toEqual([
      [1, "nginx"],
      [2, "nginx:2"],
    ]);
    expect(rolloutUndo(cluster, get(cluster), 7)).toEqual({
      ok: false,
      error: "unable to find specified revision 7 in history",
    });
    expect(rolloutUndo(cluster, get(cluster), 2)).toEqual({
      ok: true,
      message: "skipped rollback (current template already matches revision '\\x02')",
    });
    expect(rolloutUndo(cluster, get(cluster))).toEqual({ ok: true, message: "rolled back" });
    cluster.advance(5);
    const got = get(cluster);
    expect(got.spec?.template.spec?.containers[0]?.image).toBe("nginx");
    expect(got.spec?.template.metadata?.labels).toEqual({ app: "web" });
    expect(got.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    const rss = rsOf(cluster, d);
    expect(
      rss.map((r) => [r.metadata.annotations?.["deployment.kubernetes.io/revision"], r.spec?.replicas]),
    ).toEqual([
      ["2", 0],
      ["3", 2],
    ]);
    expect(rss[1]?.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
  });

  it("rolloutStatus texts (rollout_status_test.go)", () => {
    const d = (gen: number, s: Record<string, unknown>, replicas = 3) =>
      ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", generation: gen },
        spec: { replicas },
        status: s,
      }) as Deployment;
    expect(deploymentStatusText(d(2, { observedGeneration: 1 })).message).toBe(
      "Waiting for deployment spec update to be observed...",
    );
    expect(
      deploymentStatusText(d(1, { observedGeneration: 1, replicas: 3, updatedReplicas: 1 })).message,
    ).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(
      deploymentStatusText(d(1, { observedGeneration: 1, replicas: 4, updatedReplicas: 3 })).message,
    ).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(
      deploymentStatusText(
        d(1, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 }),
      ).message,
    ).toBe('Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...');
    expect(
      deploymentStatusText(
        d(1, {
          observedGeneration: 1,
          conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
        }),
      ).error,
    ).toBe('deployment "web" exceeded its progress deadline');
  });

  it("reports ProgressDeadlineExceeded when pods never become available", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(deployment("web", 1, { progressDeadlineSeconds: 30 }));
    cluster.advance(40);
    const cond = get(cluster).status?.conditions?.find((c) => c.type === "Progressing");
    expect(cond).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
    expect(cond?.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
  });

  it("paused deployments do not roll out; resume does", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const d = cluster.api.create(deployment("web", 1)) as Deployment;
    cluster.advance(1);
    edit<Deployment>(cluster, d, (x) => {
      if (x.spec) x.spec.paused = true;
    });
    setImage(cluster, d, "nginx:2");
    cluster.advance(5);
    expect(rsOf(cluster, d)).toHaveLength(1);
    expect(get(cluster).status?.conditions?.find((c) => c.type === "Progressing")?.reason).toBe(
      "DeploymentPaused",
    );
    edit<Deployment>(cluster, d, (x) => {
      if (x.spec) x.spec.paused = false;
    });
    cluster.advance(5);
    expect(rsOf(cluster, d)).toHaveLength(2);
  });
});
