import { describe, expect, it } from "vitest";
import { bootScenario } from "../worker/replay";
import type { Cluster } from "./cluster";
import { exportSnapshot, parseSnapshot, restoreSnapshot, serializeSnapshot } from "./snapshot";
import { slimObject, slimSnapshot } from "./snapshot-slim";

function workloads(c: Cluster) {
  const out: unknown[] = [];
  for (const kind of ["Pod", "Node", "Deployment", "ReplicaSet", "DaemonSet", "Service", "ConfigMap"])
    for (const o of c.api.list(kind))
      if (!o.metadata.annotations?.["kubernetes.io/config.mirror"]) {
        // What the bootstrap makes again is made anew: its uid is a new one.
        const made =
          o.metadata.name === "kube-root-ca.crt" ||
          o.metadata.name === "kubernetes" ||
          o.metadata.name === "extension-apiserver-authentication";
        out.push([
          kind,
          o.metadata.namespace,
          o.metadata.name,
          made || o.metadata.uid,
          o.spec?.nodeName,
          o.spec?.taints,
        ]);
      }
  return out.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe("the default export", () => {
  it("leaves out what the cluster regenerates, and restores to the same cluster", () => {
    const { cluster } = bootScenario("cka", 1);
    const full = serializeSnapshot(exportSnapshot(cluster, 1));
    const slim = serializeSnapshot(slimSnapshot(exportSnapshot(cluster, 1)));
    console.log(`export of the default cluster: full ${full.length} bytes, default ${slim.length} bytes`);
    expect(slim.length).toBeLessThan(full.length / 2);
    expect(slim).not.toMatch(/kind: Event\n|kind: Lease\n|BEGIN CERTIFICATE/);
    const kept = slimSnapshot(exportSnapshot(cluster, 1)).objects;
    const containers = kept.filter((o) => o.kind === "Pod").flatMap((p) => p.spec.containers);
    expect(containers.filter((c) => c.terminationMessagePath || c.imagePullPolicy)).toEqual([]);
    expect(kept.filter((o) => o.metadata.name === "kube-root-ca.crt")).toEqual([]);

    const restored = restoreSnapshot(parseSnapshot(slim));
    restored.advance(5);
    expect(workloads(restored)).toEqual(workloads(cluster));
    // What was left out came back: the controllers' status, the bootstrap objects, the defaults.
    const deploy = (c: Cluster) => c.api.get("Deployment", "kube-system", "coredns")?.status;
    expect(deploy(restored)?.readyReplicas).toBe(deploy(cluster)?.readyReplicas);
    expect(restored.api.get("ConfigMap", "default", "kube-root-ca.crt")).toBeDefined();
    const endpoints = (c: Cluster) => c.api.get("Endpoints", "kube-system", "kube-dns")?.subsets;
    expect(endpoints(restored)).toEqual(endpoints(cluster));
    expect(restored.api.list("EndpointSlice", { namespace: "kube-system" })).toHaveLength(1);
    expect(restored.api.get("ServiceAccount", "kube-system", "default")).toBeDefined();
    // The API server's RBAC bootstrap policy is made again at start, aggregated roles filled in.
    // What kubeadm and kube-flannel.yml added is kept.
    expect(kept.filter((o) => o.kind === "ClusterRole").map((o) => o.metadata.name)).toEqual([
      "flannel",
      "kubeadm:get-nodes",
      "system:coredns",
    ]);
    const admin = (c: Cluster) => c.api.get("ClusterRole", undefined, "admin")?.rules;
    expect(admin(restored)).toEqual(admin(cluster));
    const pod = (c: Cluster) => c.api.list("Pod").find((p) => p.metadata.name?.startsWith("coredns-"));
    expect(pod(restored)?.spec).toEqual(pod(cluster)?.spec);
    expect(pod(restored)?.status?.phase).toBe("Running");
    expect(restored.hosts.get("node01")?.fs.read("/var/lib/kubelet/config.yaml")).toBe(
      cluster.hosts.get("node01")?.fs.read("/var/lib/kubelet/config.yaml"),
    );
    // The static pods' mirrors are posted again by the kubelet.
    expect(restored.api.get("Pod", "kube-system", "kube-apiserver-controlplane")?.status?.phase).toBe(
      "Running",
    );
    expect(
      restored.hosts.get("controlplane")?.fs.isFile("/etc/kubernetes/manifests/kube-apiserver.yaml"),
    ).toBe(true);
  });

  it("keeps a field that differs from its default, and drops managedFields", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default", managedFields: [{ manager: "kubectl" }] },
      spec: {
        restartPolicy: "Never",
        dnsPolicy: "ClusterFirst",
        containers: [
          {
            name: "c",
            image: "nginx",
            imagePullPolicy: "Always",
            terminationMessagePath: "/dev/termination-log",
          },
        ],
      },
    };
    const slim = slimObject(pod);
    expect(slim.metadata.managedFields).toBeUndefined();
    expect(slim.spec.restartPolicy).toBe("Never");
    expect(slim.spec.dnsPolicy).toBeUndefined();
    expect(slim.spec.containers[0]).toEqual({ name: "c", image: "nginx" });
  });
});
