/**
 * The Roles and RoleBindings `kubeadm init` creates (v1.32): reading kube-proxy's, the kubelet's
 * and kubeadm's ConfigMaps for joining nodes (phases/addons/proxy, phases/kubelet,
 * phases/uploadconfig) and the anonymous read of kube-public's cluster-info
 * (phases/bootstraptoken/clusterinfo). kubeadm sets no labels on them; the API server defaults
 * a Group or User subject's apiGroup.
 */
import type { KubeObject } from "../api/types";

const RBAC = "rbac.authorization.k8s.io/v1";
const RBAC_GROUP = "rbac.authorization.k8s.io";
/** kubeadmconstants.NodeBootstrapTokenAuthGroup. */
const NODE_BOOTSTRAP_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";
/** kubeadmconstants.NodesGroup. */
const NODES_GROUP = "system:nodes";

/** A Role granting get on one named ConfigMap, and its binding to subjects. */
function configMapReader(
  namespace: string,
  name: string,
  configMap: string,
  subjects: { kind: "Group" | "User"; name: string }[],
): KubeObject[] {
  return [
    {
      apiVersion: RBAC,
      kind: "Role",
      metadata: { name, namespace },
      rules: [{ apiGroups: [""], resourceNames: [configMap], resources: ["configmaps"], verbs: ["get"] }],
    },
    {
      apiVersion: RBAC,
      kind: "RoleBinding",
      metadata: { name, namespace },
      roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name },
      subjects: subjects.map((s) => ({ apiGroup: RBAC_GROUP, ...s })),
    },
  ];
}

/** kubeadm init's namespaced RBAC objects. */
export function kubeadmRbacObjects(): KubeObject[] {
  return [
    ...configMapReader("kube-system", "kube-proxy", "kube-proxy", [
      { kind: "Group", name: NODE_BOOTSTRAP_TOKEN_GROUP },
    ]),
    ...configMapReader("kube-system", "kubeadm:kubelet-config", "kubelet-config", [
      { kind: "Group", name: NODES_GROUP },
      { kind: "Group", name: NODE_BOOTSTRAP_TOKEN_GROUP },
    ]),
    ...configMapReader("kube-system", "kubeadm:nodes-kubeadm-config", "kubeadm-config", [
      { kind: "Group", name: NODE_BOOTSTRAP_TOKEN_GROUP },
      { kind: "Group", name: NODES_GROUP },
    ]),
    ...configMapReader("kube-public", "kubeadm:bootstrap-signer-clusterinfo", "cluster-info", [
      { kind: "User", name: "system:anonymous" },
    ]),
  ];
}
