// After kubernetes/kubernetes pkg/controller/namespace/deletion/namespaced_resources_deleter_test.go.
import { describe, expect, it } from "vitest";
import { controllerCluster, deployment, node } from "../testing/fixtures";

describe("namespace controller", () => {
  it("deleting a namespace deletes everything in it", () => {
    const cluster = controllerCluster();
    cluster.api.create(node("n1"));
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    const d = deployment("web", 2);
    d.metadata.namespace = "team";
    cluster.api.create(d);
    cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "team" } });
    cluster.advance(1);
    expect(cluster.api.list("Pod", { namespace: "team" })).toHaveLength(2);
    cluster.api.delete("Namespace", undefined, "team");
    cluster.advance(5);
    for (const kind of ["Deployment", "ReplicaSet", "Pod", "ConfigMap"])
      expect(cluster.api.list(kind, { namespace: "team" })).toHaveLength(0);
    expect(cluster.api.get("Namespace", undefined, "team")).toBeUndefined();
  });

  it("a namespace held by a finalizer is Terminating until empty", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "team", finalizers: ["kubernetes"] },
      spec: { finalizers: ["kubernetes"] },
    });
    cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "team" } });
    cluster.api.delete("Namespace", undefined, "team");
    cluster.settle();
    expect(cluster.api.list("ConfigMap", { namespace: "team" })).toHaveLength(0);
    expect(cluster.api.get("Namespace", undefined, "team")).toBeUndefined();
  });
});
