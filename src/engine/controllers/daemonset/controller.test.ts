// Integration tests of the DaemonSet controller against a bare cluster (controllers plus a fake
// scheduler/kubelet), after kubernetes/kubernetes pkg/controller/daemon/daemon_controller_test.go.
import { describe, expect, it } from "vitest";
import type { DaemonSet, Pod } from "../../api/kinds";
import { rolloutStatus } from "../deployment/rollout";
import { controllerCluster, daemonSet, edit, node, podsOf } from "../testing/fixtures";

const live = (pods: Pod[]) => pods.filter((p) => !p.metadata.deletionTimestamp);

describe("DaemonSet controller", () => {
  it("creates one pinned pod per node with owner, labels, affinity and tolerations (no nodeName)", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    cluster.api.create(node("n2"));
    const ds = cluster.api.create(daemonSet("agent"));
    cluster.settle();
    const pods = podsOf(cluster, ds);
    expect(pods).toHaveLength(2);
    const targets = pods.map(
      (p) =>
        p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]
          ?.matchFields?.[0],
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        { key: "metadata.name", operator: "In", values: ["n1"] },
        { key: "metadata.name", operator: "In", values: ["n2"] },
      ]),
    );
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.spec?.nodeName).toBeUndefined();
      expect(p.metadata.ownerReferences).toEqual([
        {
          apiVersion: "apps/v1",
          kind: "DaemonSet",
          name: "agent",
          uid: ds.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(p.metadata.labels?.["pod-template-generation"]).toBe("1");
      expect(p.metadata.labels?.["controller-revision-hash"]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
      expect(p.spec?.tolerations?.map((t) => t.key)).toEqual([
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
        "node.kubernetes.io/disk-pressure",
        "node.kubernetes.io/memory-pressure",
        "node.kubernetes.io/pid-pressure",
        "node.kubernetes.io/unschedulable",
      ]);
    }
    const events = cluster.api.list("Event").filter((e) => e.reason === "SuccessfulCreate");
    expect(events.map((e) => e.message).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata.name}`).sort(),
    );
    expect(events[0]?.source).toEqual({ component: "daemonset-controller" });
    const revs = cluster.api.list("ControllerRevision");
    expect(revs).toHaveLength(1);
    expect(revs[0]?.revision).toBe(1);
    expect(revs[0]?.metadata.name).toBe(`agent-${pods[0]?.metadata.labels?.["controller-revision-hash"]}`);
  });

  it("follows nodes: added, relabelled, tainted NoExecute, cordoned, removed", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1", { labels: { role: "agent" } }));
    const ds = cluster.api.create(daemonSet("agent", { template: undefined }));
    edit<DaemonSet>(cluster, ds, (d) => {
      if (d.spec)
        d.spec.template = {
          metadata: { labels: { app: "agent" } },
          spec: { nodeSelector: { role: "agent" }, containers: [{ name: "c", image: "i" }] },
        };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds))).toHaveLength(1);
    cluster.api.create(node("n2", { labels: { role: "agent" } }));
    cluster.api.create(node("n3"));
    cluster.advance(1);
    expect(
      live(podsOf(cluster, ds))
        .map((p) => p.spec?.nodeName)
        .sort(),
    ).toEqual(["n1", "n2"]);
    let status = (cluster.api.get("DaemonSet", "default", "agent") as DaemonSet).status;
    expect(status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      numberAvailable: 2,
      updatedNumberScheduled: 2,
      numberMisscheduled: 0,
      observedGeneration: 2,
    });

    edit(cluster, node("n2"), (n) => {
      n.metadata.labels = { role: "other" };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds)).map((p) => p.spec?.nodeName)).toEqual(["n1"]);

    edit(cluster, node("n3"), (n) => {
      n.metadata.labels = { role: "agent" };
      n.spec = { taints: [{ key: "dedicated", value: "x", effect: "NoSchedule" }] };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds)).map((p) => p.spec?.nodeName)).toEqual(["n1"]);

    edit(cluster, node("n1"), (n) => {
      n.spec = {
        unschedulable: true,
        taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }],
      };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds)).map((p) => p.spec?.nodeName)).toEqual(["n1"]);

    edit(cluster, node("n1"), (n) => {
      n.spec = { taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds))).toHaveLength(0);
    status = (cluster.api.get("DaemonSet", "default", "agent") as DaemonSet).status;
    expect(status?.desiredNumberScheduled).toBe(0);

    edit(cluster, node("n1"), (n) => {
      n.spec = {};
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds))).toHaveLength(1);
    cluster.api.delete("Node", undefined, "n1");
    cluster.advance(70); // pod GC removes pods of vanished nodes after its quarantine
    expect(podsOf(cluster, ds)).toHaveLength(0);
  });

  it("counts a pod on a node that should not run it as misscheduled (NoSchedule taint added later)", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const ds = cluster.api.create(daemonSet("agent"));
    cluster.advance(1);
    edit(cluster, node("n1"), (n) => {
      n.spec = { taints: [{ key: "k", effect: "NoSchedule" }] };
    });
    cluster.advance(1);
    expect(live(podsOf(cluster, ds))).toHaveLength(1);
    expect((cluster.api.get("DaemonSet", "default", "agent") as DaemonSet).status).toMatchObject({
      desiredNumberScheduled: 0,
      numberMisscheduled: 1,
    });
  });

  it("rolls out a template change within maxUnavailable and keeps ControllerRevisions", () => {
    const cluster = controllerCluster();
    for (const n of ["n1", "n2", "n3", "n4"]) cluster.api.create(node(n));
    const ds = cluster.api.create(daemonSet("agent", { minReadySeconds: 10 }));
    cluster.advance(20);
    expect(rolloutStatus(cluster, "DaemonSet", "default", "agent")).toEqual({
      done: true,
      message: 'daemon set "agent" successfully rolled out',
    });
    edit<DaemonSet>(cluster, ds, (d) => {
      const c = d.spec?.template.spec?.containers[0];
      if (c) c.image = "i:2";
    });
    cluster.settle();
    // maxUnavailable 1: one old pod replaced at a time.
    const images = () => live(podsOf(cluster, ds)).map((p) => p.spec?.containers[0]?.image);
    expect(images().filter((i) => i === "i:2").length).toBeLessThanOrEqual(1);
    expect(rolloutStatus(cluster, "DaemonSet", "default", "agent").message).toMatch(
      /^Waiting for daemon set "agent" rollout to finish: [01] out of 4 new pods have been updated\.\.\.$/,
    );
    cluster.advance(60);
    expect(images()).toEqual(["i:2", "i:2", "i:2", "i:2"]);
    const revs = cluster.api.list("ControllerRevision").sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(revs[1]?.data.spec.template.spec.containers[0].image).toBe("i:2");
    expect(revs[1]?.data.spec.template.$patch).toBe("replace");
    expect(rolloutStatus(cluster, "DaemonSet", "default", "agent").done).toBe(true);
  });

  it("surges with maxSurge: the new pod is created before the old one is deleted", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const ds = cluster.api.create(
      daemonSet("agent", {
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      }),
    );
    cluster.settle();
    edit<DaemonSet>(cluster, ds, (d) => {
      const c = d.spec?.template.spec?.containers[0];
      if (c) c.image = "i:2";
    });
    cluster.settle();
    expect(
      live(podsOf(cluster, ds))
        .map((p) => p.spec?.containers[0]?.image)
        .sort(),
    ).toEqual(["i:2", "nginx"]);
  });

  it("OnDelete waits for pods to be deleted", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    const ds = cluster.api.create(daemonSet("agent", { updateStrategy: { type: "OnDelete" } }));
    cluster.advance(1);
    edit<DaemonSet>(cluster, ds, (d) => {
      const c = d.spec?.template.spec?.containers[0];
      if (c) c.image = "i:2";
    });
    cluster.advance(30);
    const [pod] = live(podsOf(cluster, ds));
    expect(pod?.spec?.containers[0]?.image).toBe("nginx");
    cluster.api.delete("Pod", "default", pod?.metadata.name as string);
    cluster.advance(1);
    expect(live(podsOf(cluster, ds)).map((p) => p.spec?.containers[0]?.image)).toEqual(["i:2"]);
  });

  it("replaces a failed daemon pod", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    const ds = cluster.api.create(daemonSet("agent"));
    cluster.settle();
    const [pod] = podsOf(cluster, ds);
    const failed = structuredClone(pod as Pod);
    failed.status = { phase: "Failed" };
    cluster.api.updateStatus(failed);
    cluster.settle();
    const pods = podsOf(cluster, ds);
    expect(pods).toHaveLength(1);
    expect(pods[0]?.metadata.name).not.toBe(pod?.metadata.name);
    expect(cluster.api.list("Event").some((e) => e.reason === "FailedDaemonPod")).toBe(true);
  });
});
