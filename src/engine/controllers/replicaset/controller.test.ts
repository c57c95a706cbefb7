// Integration tests of the ReplicaSet controller, after kubernetes/kubernetes
// pkg/controller/replicaset/replica_set_test.go (TestSyncReplicaSetCreateFailures,
// TestSyncReplicaSetDormancy, TestControllerUpdateStatusWithFailure, TestPodControllerLookup, adoption).
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import type { Pod, ReplicaSet } from "../../api/kinds";
import { clone } from "../../api/types";
import { controllerCluster, edit, node, podsOf, replicaSet, template } from "../testing/fixtures";

const live = (pods: Pod[]) => pods.filter((p) => !p.metadata.deletionTimestamp);

describe("ReplicaSet controller", () => {
  it("creates replicas with events and reports status", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const rs = cluster.api.create(replicaSet("web", 3));
    cluster.advance(1);
    const pods = podsOf(cluster, rs);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.generateName).toBe("web-");
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({
        kind: "ReplicaSet",
        name: "web",
        controller: true,
        blockOwnerDeletion: true,
      });
    }
    const created = cluster.api.list("Event").filter((e) => e.reason === "SuccessfulCreate");
    expect(created).toHaveLength(3);
    expect(created[0]?.source).toEqual({ component: "replicaset-controller" });
    expect((cluster.api.get("ReplicaSet", "default", "web") as ReplicaSet).status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
  });

  it("scales down deleting pending pods first, and replaces deleted pods", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const rs = cluster.api.create(replicaSet("web", 3));
    cluster.settle();
    const [a] = podsOf(cluster, rs);
    cluster.api.bind("default", a?.metadata.name as string, "n1");
    const running = clone(cluster.api.get("Pod", "default", a?.metadata.name as string) as Pod);
    running.status = {
      ...running.status,
      phase: "Running",
      conditions: [{ type: "Ready", status: "True", lastTransitionTime: cluster.now() }],
    };
    cluster.api.updateStatus(running);
    edit<ReplicaSet>(cluster, rs, (r) => {
      if (r.spec) r.spec.replicas = 1;
    });
    cluster.settle();
    expect(podsOf(cluster, rs).map((p) => p.metadata.name)).toEqual([a?.metadata.name]);
    expect(cluster.api.list("Event").filter((e) => e.reason === "SuccessfulDelete")).toHaveLength(2);
    cluster.api.delete("Pod", "default", a?.metadata.name as string, { gracePeriodSeconds: 0 });
    cluster.settle();
    expect(podsOf(cluster, rs)).toHaveLength(1);
  });

  it("does not count terminating pods", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const rs = cluster.api.create(replicaSet("web", 1));
    cluster.settle();
    const [a] = podsOf(cluster, rs);
    cluster.api.bind("default", a?.metadata.name as string, "n1");
    cluster.api.delete("Pod", "default", a?.metadata.name as string); // graceful: stays Terminating
    cluster.settle();
    expect(podsOf(cluster, rs)).toHaveLength(2);
    expect(live(podsOf(cluster, rs))).toHaveLength(1);
    expect((cluster.api.get("ReplicaSet", "default", "web") as ReplicaSet).status?.replicas).toBe(1);
  });

  it("adopts matching orphans and releases pods whose labels stop matching", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "orphan", namespace: "default", labels: { app: "web" } },
      spec: template({}).spec,
    });
    const rs = cluster.api.create(replicaSet("web", 2));
    cluster.settle();
    const pods = podsOf(cluster, rs);
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).toContain("orphan");
    edit<Pod>(
      cluster,
      { apiVersion: "v1", kind: "Pod", metadata: { name: "orphan", namespace: "default" } },
      (p) => {
        p.metadata.labels = { app: "other" };
      },
    );
    cluster.settle();
    expect(cluster.api.get("Pod", "default", "orphan")?.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(cluster, rs)).toHaveLength(2);
  });

  it("creates at most BurstReplicas (500) pods per sync", () => {
    const cluster = controllerCluster({ agents: false });
    const rs = cluster.api.create(replicaSet("big", 600));
    const rsc = cluster.listComponents().find((c) => c.name === "replicaset-controller");
    rsc?.process();
    expect(podsOf(cluster, rs)).toHaveLength(500);
    // The 500 requests went past the client's burst (30) at 20 qps: the sync blocked 23.5 s for
    // them, and the key syncs again only then.
    cluster.settle();
    expect(podsOf(cluster, rs)).toHaveLength(500);
    cluster.advance(23);
    expect(podsOf(cluster, rs)).toHaveLength(500);
    cluster.advance(1);
    expect(podsOf(cluster, rs)).toHaveLength(600);
  });

  it("availableReplicas waits for minReadySeconds", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(replicaSet("web", 2, { minReadySeconds: 30 }));
    cluster.advance(1);
    const status = () => (cluster.api.get("ReplicaSet", "default", "web") as ReplicaSet).status;
    expect(status()?.readyReplicas).toBe(2);
    expect(status()?.availableReplicas).toBeUndefined();
    cluster.advance(31);
    expect(status()?.availableReplicas).toBe(2);
  });

  it("stops after a failed slow-start batch and records ReplicaFailure", () => {
    const cluster = controllerCluster({ agents: false });
    let allowed = 3;
    cluster.api.addAdmissionPlugin({
      name: "quota-like",
      validate(req) {
        if (req.operation === "CREATE" && req.object?.kind === "Pod") {
          if (allowed <= 0) throw new ApiError("Forbidden", "exceeded quota");
          allowed--;
        }
      },
    });
    const rs = cluster.api.create(replicaSet("web", 10));
    cluster.settle();
    // Batches 1, 2 succeed (3 pods), the batch of 4 fails at its first pod.
    expect(podsOf(cluster, rs)).toHaveLength(3);
    const r = cluster.api.get("ReplicaSet", "default", "web") as ReplicaSet;
    expect(r.status?.conditions?.[0]).toMatchObject({
      type: "ReplicaFailure",
      status: "True",
      reason: "FailedCreate",
    });
    expect(
      cluster.api
        .list("Event")
        .some((e) => e.reason === "FailedCreate" && e.message === "Error creating: exceeded quota"),
    ).toBe(true);
  });
});
