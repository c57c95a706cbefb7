// The API server's bootstrap RBAC policy (bootstrappolicy golden files, generated into
// bootstrap-policy.generated.ts) and what kubeadm init adds, as a learner counts and queries them.
import { describe, expect, it } from "vitest";
import { runOnCka as run } from "../../../testing/cka";
import type { KubeObject } from "../../api/types";
import { createCluster } from "../../index";
import {
  BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
  BOOTSTRAP_CLUSTER_ROLES,
  KUBEADM_CLUSTER_ADMINS,
} from "./bootstrap";
import {
  BOOTSTRAP_CONTROLLER_ROLE_BINDINGS,
  BOOTSTRAP_CONTROLLER_ROLES,
  BOOTSTRAP_NAMESPACE_ROLE_BINDINGS,
  BOOTSTRAP_NAMESPACE_ROLES,
  BOOTSTRAP_CLUSTER_ROLE_BINDINGS as POLICY_BINDINGS,
  BOOTSTRAP_CLUSTER_ROLES as POLICY_ROLES,
} from "./bootstrap-policy.generated";

const SA_ROLE_PREFIX = "system:controller:";
const names = (objs: readonly KubeObject[]) => objs.map((o) => o.metadata.name as string);

/** The fields of a stored object that the golden files fix (rules only where nothing aggregates them). */
function policyFields(o: KubeObject) {
  const { labels, annotations, name, namespace } = o.metadata;
  return {
    metadata: { labels, annotations, name, namespace },
    aggregationRule: o.aggregationRule,
    rules: o.aggregationRule ? undefined : o.rules,
    roleRef: o.roleRef,
    subjects: o.subjects,
  };
}

describe("bootstrap policy", () => {
  it("creates every golden ClusterRole, ClusterRoleBinding, Role and RoleBinding as written", () => {
    const cluster = createCluster();
    for (const want of [...BOOTSTRAP_CLUSTER_ROLES, ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS]) {
      const got = cluster.api.get(want.kind, undefined, want.metadata.name as string);
      expect(got, want.metadata.name).toBeDefined();
      expect(policyFields(got as KubeObject)).toEqual(policyFields(want));
    }
    for (const want of [...BOOTSTRAP_NAMESPACE_ROLES, ...BOOTSTRAP_NAMESPACE_ROLE_BINDINGS]) {
      const got = cluster.api.get(want.kind, want.metadata.namespace, want.metadata.name as string);
      expect(policyFields(got as KubeObject)).toEqual(policyFields(want));
    }
    // Nothing else: the bootstrap objects and kubeadm's admins' binding.
    expect(cluster.api.list("ClusterRole").length).toBe(BOOTSTRAP_CLUSTER_ROLES.length);
    expect(cluster.api.list("ClusterRoleBinding").length).toBe(BOOTSTRAP_CLUSTER_ROLE_BINDINGS.length + 1);
    expect(cluster.api.get("ClusterRoleBinding", undefined, KUBEADM_CLUSTER_ADMINS)).toBeDefined();
  });

  it("labels and annotates every object as the RBAC post-start hook does", () => {
    for (const o of [
      ...BOOTSTRAP_CLUSTER_ROLES,
      ...BOOTSTRAP_CLUSTER_ROLE_BINDINGS,
      ...BOOTSTRAP_NAMESPACE_ROLES,
      ...BOOTSTRAP_NAMESPACE_ROLE_BINDINGS,
    ]) {
      expect(o.metadata.labels?.["kubernetes.io/bootstrapping"], o.metadata.name).toBe("rbac-defaults");
      expect(o.metadata.annotations?.["rbac.authorization.kubernetes.io/autoupdate"]).toBe("true");
      expect(o.metadata.creationTimestamp).toBeUndefined();
    }
  });

  it("binds every controller role to its controller's service account (ControllerRoleBindings)", () => {
    expect(names(BOOTSTRAP_CONTROLLER_ROLE_BINDINGS)).toEqual(names(BOOTSTRAP_CONTROLLER_ROLES));
    for (const b of BOOTSTRAP_CONTROLLER_ROLE_BINDINGS) {
      const name = b.metadata.name as string;
      expect(name.startsWith(SA_ROLE_PREFIX)).toBe(true);
      expect(b.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name });
      expect(b.subjects).toEqual([
        { kind: "ServiceAccount", name: name.slice(SA_ROLE_PREFIX.length), namespace: "kube-system" },
      ]);
    }
    // Every policy.go binding refers to a policy.go role.
    for (const b of POLICY_BINDINGS) expect(names(POLICY_ROLES)).toContain(b.roleRef.name);
  });
});

describe("a kubeadm v1.32 cluster with flannel (cka)", () => {
  it("counts as a real one", () => {
    const r = run(`kubectl get clusterroles --no-headers | wc -l
kubectl get clusterrolebindings --no-headers | wc -l
kubectl get clusterroles -l kubernetes.io/bootstrapping=rbac-defaults --no-headers | wc -l
kubectl get roles -A --no-headers | wc -l
kubectl get rolebindings -A --no-headers | wc -l`);
    const counts = r.map((e) => Number(e.stdout.trim()));
    // ClusterRoles: bootstrappolicy's ClusterRoles() and ControllerRoles() (the golden files),
    // kubeadm's kubeadm:get-nodes (phases/bootstraptoken/node) and system:coredns
    // (addons/dns), and kube-flannel.yml's flannel.
    const clusterRoles = POLICY_ROLES.length + BOOTSTRAP_CONTROLLER_ROLES.length + 2 + 1;
    // ClusterRoleBindings: the golden files', kubeadm's kubeadm:cluster-admins,
    // kubeadm:get-nodes, kubeadm:kubelet-bootstrap, kubeadm:node-autoapprove-bootstrap,
    // kubeadm:node-autoapprove-certificate-rotation, kubeadm:node-proxier and system:coredns,
    // and flannel's.
    const clusterRoleBindings = POLICY_BINDINGS.length + BOOTSTRAP_CONTROLLER_ROLE_BINDINGS.length + 7 + 1;
    // Roles and RoleBindings: NamespaceRoles()/NamespaceRoleBindings() and kubeadm's four
    // ConfigMap readers (kube-proxy, kubeadm:kubelet-config, kubeadm:nodes-kubeadm-config,
    // kubeadm:bootstrap-signer-clusterinfo).
    expect(counts).toEqual([
      clusterRoles,
      clusterRoleBindings,
      POLICY_ROLES.length + BOOTSTRAP_CONTROLLER_ROLES.length,
      BOOTSTRAP_NAMESPACE_ROLES.length + 4,
      BOOTSTRAP_NAMESPACE_ROLE_BINDINGS.length + 4,
    ]);
    // As a real v1.32 kubeadm + flannel cluster shows them.
    expect(counts.slice(0, 2)).toEqual([67, 53]);
  });

  it("has kubeadm's and the API server's ConfigMaps and the bootstrap token", () => {
    const r = run(`kubectl get cm -n kube-system --no-headers -o custom-columns=N:.metadata.name
kubectl get cm -n kube-public --no-headers -o custom-columns=N:.metadata.name
kubectl get secrets -n kube-system --no-headers -o custom-columns=T:.type
kubectl get cm cluster-info -n kube-public -o jsonpath={.data.kubeconfig}
kubectl get cm extension-apiserver-authentication -n kube-system -o jsonpath={.data.requestheader-allowed-names}`);
    expect(r[0]?.stdout.split("\n").filter(Boolean)).toEqual([
      "coredns",
      "extension-apiserver-authentication",
      "kube-apiserver-legacy-service-account-token-tracking",
      "kube-proxy",
      "kube-root-ca.crt",
      "kubeadm-config",
      "kubelet-config",
    ]);
    expect(r[1]?.stdout).toBe("cluster-info\nkube-root-ca.crt\n");
    expect(r[2]?.stdout).toBe("bootstrap.kubernetes.io/token\n");
    expect(r[3]?.stdout).toMatch(
      /^apiVersion: v1\nclusters:\n- cluster:\n {4}certificate-authority-data: \S+\n {4}server: https:\/\/controlplane:6443\n {2}name: ""\ncontexts: null\n/,
    );
    expect(r[4]?.stdout).toBe('["front-proxy-client"]');
  });

  it("uploads kube-proxy's config as kubeadm does (the checksum a real v1.32 lab cluster shows)", () => {
    const r = run(`kubectl get cm kube-proxy -n kube-system -o jsonpath='{.metadata.annotations}'
kubectl get cm kubelet-config -n kube-system -o jsonpath='{.metadata.annotations}'`);
    expect(r[0]?.stdout).toBe(
      '{"kubeadm.kubernetes.io/component-config.hash":"sha256:906b8697200819e8263843f43965bb3614545800b82206dcee8ef93a08bc4f4b"}',
    );
    expect(r[1]?.stdout).toMatch(
      /^\{"kubeadm.kubernetes.io\/component-config.hash":"sha256:[0-9a-f]{64}"\}$/,
    );
  });

  it("lets the controllers' service accounts do what their roles say, and no more", () => {
    const sa = (name: string) => `--as=system:serviceaccount:kube-system:${name}`;
    const rows: [string, string][] = [
      [`create replicasets.apps -n default ${sa("deployment-controller")}`, "yes"],
      [`update deployments.apps --subresource=status -n default ${sa("deployment-controller")}`, "yes"],
      [`delete deployments.apps -n default ${sa("deployment-controller")}`, "no"],
      [`create pods -n default ${sa("replicaset-controller")}`, "yes"],
      [`create pods/binding -n default ${sa("daemon-set-controller")}`, "yes"],
      [`delete nodes ${sa("node-controller")}`, "yes"],
      [`delete secrets -n kube-system ${sa("token-cleaner")}`, "yes"],
      [`delete secrets -n default ${sa("token-cleaner")}`, "no"],
      [`update configmaps/cluster-info -n kube-public ${sa("bootstrap-signer")}`, "yes"],
      [`create configmaps -n default ${sa("root-ca-cert-publisher")}`, "yes"],
      [`list nodes ${sa("kube-proxy")}`, "yes"],
      [`list endpointslices.discovery.k8s.io ${sa("coredns")}`, "yes"],
      [`patch nodes --subresource=status --as=system:serviceaccount:kube-flannel:flannel`, "yes"],
      [`patch nodes --as=system:serviceaccount:kube-flannel:flannel`, "no"],
      [`get nodes --as=x --as-group=system:bootstrappers:kubeadm:default-node-token`, "yes"],
      [
        `create certificatesigningrequests.certificates.k8s.io --as=x --as-group=system:bootstrappers:kubeadm:default-node-token`,
        "yes",
      ],
    ];
    const r = run(rows.map(([args]) => `kubectl auth can-i ${args}`).join("\n"));
    expect(r.map((e) => e.stdout.trim())).toEqual(rows.map(([, want]) => want));
  });

  it("describes a controller role as kubectl does", () => {
    const [e] = run("kubectl describe clusterrole system:controller:deployment-controller");
    expect(e?.stdout).toContain(
      "  replicasets.apps                   []                 []              [create delete get list patch update watch]\n",
    );
    expect(e?.stdout).toContain("Labels:       kubernetes.io/bootstrapping=rbac-defaults\n");
  });
});

describe("bootstrap tokens", () => {
  it("expire 24 h after the cluster's creation; the token cleaner deletes them, the signer drops their signature", () => {
    const r = run(`kubectl get secrets -n kube-system --no-headers -o custom-columns=N:.metadata.name
kubectl get cm cluster-info -n kube-public -o go-template='{{range $k, $v := .data}}{{$k}} {{end}}'
sleep 86400
kubectl get secrets -n kube-system
kubectl get cm cluster-info -n kube-public -o go-template='{{range $k, $v := .data}}{{$k}} {{end}}'`);
    const id = /^bootstrap-token-([a-z0-9]{6})\n$/.exec(r[0]?.stdout ?? "")?.[1];
    expect(id).toBeDefined();
    expect(r[1]?.stdout).toBe(`jws-kubeconfig-${id} kubeconfig `);
    expect(r[3]?.stderr).toBe("No resources found in kube-system namespace.\n");
    expect(r[4]?.stdout).toBe("kubeconfig ");
  });
});
