import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/kinds";
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../controlplane/controller-serviceaccounts";
import { createCluster } from "../../index";
import { loadCkaScenario, SCENARIOS } from "../cka";

describe("cka scenario", () => {
  it("runs the control plane as static pods on controlplane", () => {
    const cluster = createCluster();
    loadCkaScenario(cluster);
    cluster.advance(60);
    const names = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];
    for (const n of names) {
      const p = cluster.api.get("Pod", "kube-system", `${n}-controlplane`) as Pod;
      expect(p, n).toBeDefined();
      expect(p.status?.phase).toBe("Running");
      expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
      expect(p.status?.podIP).toBe("192.168.1.2");
      expect(p.metadata.ownerReferences?.[0]?.kind).toBe("Node");
    }
    expect(cluster.hosts.get("controlplane")?.fs.list("/etc/kubernetes/manifests")).toHaveLength(4);
    expect(cluster.hosts.get("node01")?.fs.list("/etc/kubernetes/manifests")).toHaveLength(0);
    for (const n of ["controlplane", "node01", "node02"])
      expect(
        cluster.api
          .get("Node", undefined, n)
          ?.status?.conditions?.find((c: { type: string }) => c.type === "Ready")?.status,
      ).toBe("True");
    expect(cluster.api.get("DaemonSet", "kube-flannel", "kube-flannel-ds")).toBeDefined();
    expect(cluster.api.get("Service", "kube-system", "kube-dns")?.spec?.clusterIP).toBe("10.96.0.10");
    expect(Object.keys(SCENARIOS)).toEqual(expect.arrayContaining(["cka", "empty"]));
  });

  it("has kube-controller-manager's per-controller accounts in kube-system, each bound by the bootstrap policy", () => {
    const cluster = createCluster();
    loadCkaScenario(cluster);
    const names = cluster.api
      .list("ServiceAccount", { namespace: "kube-system" })
      .map((s) => s.metadata.name);
    // A v1.32 kubeadm cluster's `kubectl get sa -n kube-system`.
    expect(names.sort()).toEqual([...CONTROLLER_SERVICE_ACCOUNTS, "coredns", "default", "kube-proxy"].sort());
    const bound = new Set(
      cluster.api
        .list("ClusterRoleBinding")
        .flatMap((b) => (b.subjects ?? []) as { kind: string; name: string }[])
        .filter((s) => s.kind === "ServiceAccount")
        .map((s) => s.name),
    );
    for (const sa of CONTROLLER_SERVICE_ACCOUNTS.filter(
      (n) => n !== "bootstrap-signer" && n !== "token-cleaner",
    ))
      expect(bound.has(sa), sa).toBe(true);
  });
});
