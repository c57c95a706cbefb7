// Garbage collection and deletion propagation, after kubernetes/kubernetes
// pkg/controller/garbagecollector/garbagecollector_test.go and test/integration/garbagecollector.
import { describe, expect, it } from "vitest";
import { controllerCluster, deployment, node } from "../testing/fixtures";

describe("garbage collector", () => {
  it("background: deleting a Deployment deletes its ReplicaSets and their pods", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(deployment("web", 2));
    cluster.advance(1);
    expect(cluster.api.list("Pod")).toHaveLength(2);
    cluster.api.delete("Deployment", "default", "web");
    cluster.advance(1);
    expect(cluster.api.list("ReplicaSet")).toHaveLength(0);
    expect(cluster.api.list("Pod")).toHaveLength(0);
  });

  it("orphan: dependents lose the owner reference and stay", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(deployment("web", 2));
    cluster.advance(1);
    cluster.api.delete("Deployment", "default", "web", { propagationPolicy: "Orphan" });
    cluster.advance(1);
    expect(cluster.api.get("Deployment", "default", "web")).toBeUndefined();
    const [rs] = cluster.api.list("ReplicaSet");
    expect(rs?.metadata.ownerReferences).toBeUndefined();
    expect(cluster.api.list("Pod")).toHaveLength(2);
  });

  it("foreground: the owner stays until blocking dependents are gone", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(node("n1"));
    cluster.api.create(deployment("web", 1));
    cluster.settle();
    const [pod] = cluster.api.list("Pod");
    cluster.api.bind("default", pod?.metadata.name as string, "n1");
    cluster.api.delete("Deployment", "default", "web", { propagationPolicy: "Foreground" });
    cluster.settle();
    // The pod is Terminating on its node (graceful): ReplicaSet and Deployment wait.
    const d = cluster.api.get("Deployment", "default", "web");
    expect(d?.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect(cluster.api.list("ReplicaSet")[0]?.metadata.deletionTimestamp).toBeDefined();
    cluster.api.delete("Pod", "default", pod?.metadata.name as string, { gracePeriodSeconds: 0 });
    cluster.settle();
    expect(cluster.api.list("ReplicaSet")).toHaveLength(0);
    expect(cluster.api.get("Deployment", "default", "web")).toBeUndefined();
  });

  it("deletes objects whose owner no longer exists (mirror pods of a deleted Node)", () => {
    const cluster = controllerCluster({ agents: false });
    const n = cluster.api.create(node("n1"));
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "static-n1",
        namespace: "default",
        ownerReferences: [
          { apiVersion: "v1", kind: "Node", name: "n1", uid: n.metadata.uid as string, controller: true },
        ],
      },
      spec: { nodeName: "n1", containers: [{ name: "c", image: "i" }] },
    });
    cluster.settle();
    expect(cluster.api.get("Pod", "default", "static-n1")).toBeDefined();
    cluster.api.delete("Node", undefined, "n1");
    cluster.settle();
    expect(cluster.api.get("Pod", "default", "static-n1")?.metadata.deletionTimestamp).toBeDefined();
  });

  it("keeps a dependent with another live owner, dropping the dangling reference", () => {
    const cluster = controllerCluster({ agents: false });
    const a = cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", namespace: "default" },
    });
    const b = cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "b", namespace: "default" },
    });
    const ref = (o: typeof a) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      name: o.metadata.name as string,
      uid: o.metadata.uid as string,
    });
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "dep", namespace: "default", ownerReferences: [ref(a), ref(b)] },
    });
    cluster.api.delete("ConfigMap", "default", "a");
    cluster.settle();
    expect(cluster.api.get("ConfigMap", "default", "dep")?.metadata.ownerReferences).toEqual([ref(b)]);
    cluster.api.delete("ConfigMap", "default", "b");
    cluster.settle();
    expect(cluster.api.get("ConfigMap", "default", "dep")).toBeUndefined();
  });
});
