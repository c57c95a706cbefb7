// End to end through createCluster(): the controllers with the real API server, scheduler,
// kubelets, node lifecycle and taint eviction.
import { describe, expect, it } from "vitest";
import type { DaemonSet, Deployment, Pod } from "../api/kinds";
import { createCluster } from "../index";
import { rolloutStatus } from "./index";
import { daemonSet, deployment, edit, node } from "./testing/fixtures";

const running = (pods: Pod[]) =>
  pods.filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp);

describe("controllers end to end", () => {
  it("a DaemonSet runs one Ready pod per node, placed by the scheduler", () => {
    const cluster = createCluster();
    for (const n of ["n1", "n2", "n3"]) cluster.api.create(node(n));
    cluster.api.create(daemonSet("agent"));
    cluster.advance(30);
    const pods = running(cluster.api.list("Pod", { namespace: "default" }) as Pod[]);
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(["n1", "n2", "n3"]);
    expect((cluster.api.get("DaemonSet", "default", "agent") as DaemonSet).status).toMatchObject({
      desiredNumberScheduled: 3,
      numberReady: 3,
      numberAvailable: 3,
    });
    cluster.api.create(node("n4"));
    cluster.advance(30);
    expect(running(cluster.api.list("Pod", { namespace: "default" }) as Pod[])).toHaveLength(4);
  });

  it("a Deployment rolls out a new image", () => {
    const cluster = createCluster();
    for (const n of ["n1", "n2"]) cluster.api.create(node(n));
    const d = cluster.api.create(deployment("web", 3, {}, "nginx:1.26"));
    cluster.advance(30);
    expect(rolloutStatus(cluster, "Deployment", "default", "web").done).toBe(true);
    edit<Deployment>(cluster, d, (x) => {
      const c = x.spec?.template.spec?.containers[0];
      if (c) c.image = "nginx:1.27";
    });
    cluster.advance(120);
    expect(rolloutStatus(cluster, "Deployment", "default", "web")).toEqual({
      done: true,
      message: 'deployment "web" successfully rolled out',
    });
    const pods = cluster.api.list("Pod", { namespace: "default" }) as Pod[];
    expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(["nginx:1.27", "nginx:1.27", "nginx:1.27"]);
  });

  it("pods evicted by an untolerated NoExecute taint are replaced elsewhere", () => {
    const cluster = createCluster();
    for (const n of ["n1", "n2"]) cluster.api.create(node(n));
    cluster.api.create(deployment("web", 4));
    cluster.advance(30);
    edit(cluster, node("n1"), (n) => {
      n.spec = { ...(n.spec ?? {}), taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] };
    });
    cluster.advance(60);
    const pods = running(cluster.api.list("Pod", { namespace: "default" }) as Pod[]);
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.spec?.nodeName === "n2")).toBe(true);
  });

  it("deleting a namespace removes what ran in it", () => {
    const cluster = createCluster();
    cluster.api.create(node("n1"));
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    const d = deployment("web", 2);
    d.metadata.namespace = "team";
    cluster.api.create(d);
    cluster.advance(30);
    expect(running(cluster.api.list("Pod", { namespace: "team" }) as Pod[])).toHaveLength(2);
    cluster.api.delete("Namespace", undefined, "team");
    cluster.advance(60);
    expect(cluster.api.list("Pod", { namespace: "team" })).toHaveLength(0);
    expect(cluster.api.list("ReplicaSet", { namespace: "team" })).toHaveLength(0);
    expect(cluster.api.get("Namespace", undefined, "team")).toBeUndefined();
  });

  it("a Service gets Endpoints for its Running pods", () => {
    const cluster = createCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(deployment("web", 2));
    cluster.api.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    cluster.advance(30);
    const ep = cluster.api.get("Endpoints", "default", "web");
    expect(ep?.subsets?.[0]?.addresses).toHaveLength(2);
    expect(ep?.subsets?.[0]?.ports).toEqual([{ port: 80, protocol: "TCP" }]);
  });
});
