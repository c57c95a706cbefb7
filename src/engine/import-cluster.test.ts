import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { KubeObject } from "./api/types";
import type { Cluster } from "./cluster";
import { fromClusterExport, isClusterExport } from "./import-cluster";
import { fromDocument, restoreSnapshot } from "./snapshot";

const FIXTURE = readFileSync(
  new URL("../testing/fixtures/kubeadm-3node-export.yaml", import.meta.url),
  "utf8",
);

function pods(c: Cluster) {
  return c.api
    .list("Pod")
    .map((p) => `${p.metadata.namespace}/${p.metadata.name} on ${p.spec?.nodeName} ${p.status?.phase}`)
    .sort();
}

function imported() {
  const list = parse(FIXTURE);
  expect(isClusterExport(list)).toBe(true);
  const { snapshot, warnings } = fromClusterExport(list);
  const read = fromDocument(snapshot);
  return { cluster: restoreSnapshot(read.snapshot), warnings, skipped: read.skipped, list };
}

describe("importing a real cluster's kubectl get -A -o yaml", () => {
  it("makes its nodes simulated nodes with their capacity, labels and taints", () => {
    const { cluster, skipped } = imported();
    expect(skipped).toEqual([]);
    const nodes = cluster.api.list("Node");
    expect(nodes.map((n) => n.metadata.name).sort()).toEqual(["kg-cp", "kg-w1", "kg-w2"]);
    const w2 = cluster.api.get("Node", undefined, "kg-w2") as KubeObject;
    expect(w2.status.capacity.cpu).toBe("4");
    expect(w2.status.allocatable.memory).toBe("8026772Ki");
    expect(w2.metadata.labels?.disktype).toBe("ssd");
    expect(w2.spec.taints).toEqual([{ effect: "PreferNoSchedule", key: "dedicated", value: "batch" }]);
    for (const n of ["kg-cp", "kg-w1", "kg-w2"]) expect(cluster.hosts.has(n)).toBe(true);
  });

  it("is steady five minutes later: the same pods on the same nodes, Running, owned by their controllers", () => {
    const { cluster, list } = imported();
    const expected = (list.items as KubeObject[])
      .filter((o) => o.kind === "Pod")
      .map((p) => `${p.metadata.namespace}/${p.metadata.name} on ${p.spec.nodeName} Running`)
      .sort();
    cluster.advance(300);
    expect(pods(cluster)).toEqual(expected);
    // ownerReferences point at the new uids.
    const rs = cluster.api.get("ReplicaSet", "default", "web-7c5ddbdf54") as KubeObject;
    const web = cluster.api
      .list("Pod", { namespace: "default" })
      .filter((p) => p.metadata.name?.startsWith("web-"));
    expect(web).toHaveLength(3);
    for (const p of web) expect(p.metadata.ownerReferences?.[0]?.uid).toBe(rs.metadata.uid);
    const old = (list.items as KubeObject[]).find((o) => o.metadata.name === "web-7c5ddbdf54") as KubeObject;
    expect(rs.metadata.uid).not.toBe(old.metadata.uid);
    // No new ReplicaSet, no rollout, no restarts.
    expect(
      cluster.api
        .list("ReplicaSet")
        .map((r) => r.metadata.name)
        .sort(),
    ).toEqual(["coredns-668d6bf9bc", "web-7c5ddbdf54"]);
    const deploy = cluster.api.get("Deployment", "default", "web") as KubeObject;
    expect(deploy.status.readyReplicas).toBe(3);
    const ds = cluster.api.get("DaemonSet", "kube-system", "kube-proxy") as KubeObject;
    expect(ds.status.updatedNumberScheduled).toBe(3);
    expect(ds.status.numberReady).toBe(3);
    const reasons = cluster.api.list("Event").map((e) => e.reason);
    expect(reasons).not.toContain("Killing");
    expect(reasons).not.toContain("BackOff");
    // Nothing started again: the kubelets adopted every container, static pods' included.
    expect(reasons).not.toContain("Started");
    const etcd = cluster.api.get("Pod", "kube-system", "etcd-kg-cp") as KubeObject;
    expect(etcd.status.startTime).toBe("2025-11-03T08:14:09Z");
    expect(cluster.hosts.get("kg-cp")?.fs.isFile("/etc/kubernetes/manifests/etcd.yaml")).toBe(true);
    expect(reasons).not.toContain("FailedScheduling");
    expect(reasons.filter((r) => r === "SuccessfulCreate")).toEqual([]);
  });

  it("names what it left out, and why", () => {
    const list = parse(FIXTURE);
    list.items.push(
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "web", namespace: "default", uid: "u1" },
      },
      { apiVersion: "v1", kind: "Event", metadata: { name: "e1", namespace: "default", uid: "u2" } },
    );
    const { warnings } = fromClusterExport(list);
    expect(warnings).toContain("kind ServiceMonitor is not simulated: 1 skipped (default/web)");
    expect(warnings).toContain("1 Event left out: the cluster makes its own");
  });

  it("refuses a List with nothing it can simulate", () => {
    expect(() =>
      fromClusterExport({
        items: [{ apiVersion: "x/v1", kind: "Widget", metadata: { name: "w", uid: "u" } }],
      }),
    ).toThrow("the List holds no objects Kubeglass can simulate");
  });
});

describe("importing custom resources", () => {
  it("keeps a CRD and its objects, which the restored cluster serves", () => {
    const list = parse(FIXTURE);
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "crontabs.stable.example.com", uid: "00000000-0000-0000-0000-0000000000c1" },
      spec: {
        group: "stable.example.com",
        scope: "Namespaced",
        names: {
          plural: "crontabs",
          singular: "crontab",
          kind: "CronTab",
          listKind: "CronTabList",
          shortNames: ["ct"],
        },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                properties: { spec: { type: "object", properties: { image: { type: "string" } } } },
              },
            },
          },
        ],
        conversion: { strategy: "None" },
      },
      status: {
        acceptedNames: {
          plural: "crontabs",
          singular: "crontab",
          kind: "CronTab",
          listKind: "CronTabList",
          shortNames: ["ct"],
        },
        conditions: [
          { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" },
          {
            type: "Established",
            status: "True",
            reason: "InitialNamesAccepted",
            message: "the initial names have been accepted",
          },
        ],
        storedVersions: ["v1"],
      },
    };
    const cr = {
      apiVersion: "stable.example.com/v1",
      kind: "CronTab",
      metadata: { name: "nightly", namespace: "default", uid: "00000000-0000-0000-0000-0000000000c2" },
      spec: { image: "busybox" },
    };
    list.items.push(crd, cr);
    const { snapshot, warnings } = fromClusterExport(list);
    expect(warnings.filter((w) => w.includes("CronTab"))).toEqual([]);
    const read = fromDocument(snapshot);
    expect(read.skipped).toEqual([]);
    const cluster = restoreSnapshot(read.snapshot);
    expect(cluster.api.get("CronTab", "default", "nightly")?.spec.image).toBe("busybox");
  });
});
