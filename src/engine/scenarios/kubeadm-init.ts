/**
 * What `kubeadm init` (v1.32) leaves in the API beyond the add-ons' workloads: the cluster-wide
 * RBAC of phases/bootstraptoken/node (kubeadm:get-nodes, kubeadm:kubelet-bootstrap,
 * kubeadm:node-autoapprove-*), addons/proxy (kubeadm:node-proxier) and addons/dns
 * (system:coredns); the ConfigMaps cluster-info (phases/bootstraptoken/clusterinfo) and
 * kubelet-config (phases/kubelet); and the default bootstrap token Secret (24 h TTL).
 */
import { stringify } from "yaml";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { CLUSTER_INFO, CLUSTER_INFO_NAMESPACE, KUBECONFIG_KEY } from "../controllers/bootstrap/signer";
import { DEFAULT_TOKEN_TTL_SECONDS, DefaultTokenGroup, SecretTypeBootstrapToken } from "../kubeadm/token";
import { kubeletConfigYaml } from "../kubelet/files";
import type { ClusterPki } from "../pki/cluster";
import { encodePem } from "../pki/pem";
import { encodeBase64 } from "../sh/applets/codec";
import { sha256 } from "../sh/applets/digest";

const RBAC = "rbac.authorization.k8s.io/v1";
const RBAC_GROUP = "rbac.authorization.k8s.io";
/** kubeadmconstants.NodesGroup. */
const NODES_GROUP = "system:nodes";

const b64 = (s: string) => encodeBase64(new TextEncoder().encode(s));

type Subject = { kind: string; name: string; namespace?: string; apiGroup?: string };
const group = (name: string): Subject => ({ apiGroup: RBAC_GROUP, kind: "Group", name });
const serviceAccount = (namespace: string, name: string): Subject => ({
  kind: "ServiceAccount",
  name,
  namespace,
});

function clusterRoleBinding(name: string, role: string, subjects: Subject[]): KubeObject {
  return {
    apiVersion: RBAC,
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role },
    subjects,
  };
}

/** kubeadm init's ClusterRoles and ClusterRoleBindings (kubeadm sets no labels on them). */
export function kubeadmClusterRbacObjects(): KubeObject[] {
  return [
    {
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: "kubeadm:get-nodes" },
      rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }],
    },
    clusterRoleBinding("kubeadm:get-nodes", "kubeadm:get-nodes", [group(DefaultTokenGroup)]),
    clusterRoleBinding("kubeadm:kubelet-bootstrap", "system:node-bootstrapper", [group(DefaultTokenGroup)]),
    clusterRoleBinding(
      "kubeadm:node-autoapprove-bootstrap",
      "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
      [group(DefaultTokenGroup)],
    ),
    clusterRoleBinding(
      "kubeadm:node-autoapprove-certificate-rotation",
      "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
      [group(NODES_GROUP)],
    ),
    clusterRoleBinding("kubeadm:node-proxier", "system:node-proxier", [
      serviceAccount("kube-system", "kube-proxy"),
    ]),
    // addons/dns manifests.go CoreDNSClusterRole and its binding.
    {
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: "system:coredns" },
      rules: [
        {
          apiGroups: [""],
          resources: ["endpoints", "services", "pods", "namespaces"],
          verbs: ["list", "watch"],
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch"] },
      ],
    },
    clusterRoleBinding("system:coredns", "system:coredns", [serviceAccount("kube-system", "coredns")]),
  ];
}

/**
 * cluster-info's kubeconfig: admin.conf's cluster (CA data and server) alone, as
 * clientcmd.Write prints a Config with one unnamed cluster.
 */
export function clusterInfoKubeconfig(caPem: string, server: string): string {
  return stringify(
    {
      apiVersion: "v1",
      clusters: [{ cluster: { "certificate-authority-data": b64(caPem), server }, name: "" }],
      contexts: null,
      "current-context": "",
      kind: "Config",
      preferences: {},
      users: null,
    },
    { indentSeq: false },
  );
}

/** kube-public's cluster-info ConfigMap (the bootstrap signer adds its signatures). */
export function clusterInfoConfigMap(caPem: string, server: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: CLUSTER_INFO, namespace: CLUSTER_INFO_NAMESPACE },
    data: { [KUBECONFIG_KEY]: clusterInfoKubeconfig(caPem, server) },
  };
}

/** kube-system's kubelet-config: the cluster's KubeletConfiguration under `kubelet`. */
export function kubeletConfigMap(): KubeObject {
  const config = kubeletConfigYaml();
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "kubelet-config",
      namespace: "kube-system",
      annotations: { [COMPONENT_CONFIG_HASH]: componentConfigHash({ kubelet: config }) },
    },
    data: { kubelet: config },
  };
}

/** The annotation kubeadm puts on the component configs it uploads. */
export const COMPONENT_CONFIG_HASH = "kubeadm.kubernetes.io/component-config.hash";

/** ChecksumForConfigMap (componentconfigs): `sha256:` of a ConfigMap's data values in key order. */
export function componentConfigHash(data: Record<string, string>): string {
  const keys = Object.keys(data).sort();
  return `sha256:${sha256(new TextEncoder().encode(keys.map((k) => data[k]).join("")))}`;
}

const TOKEN_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The default bootstrap token `kubeadm init` makes: `bootstrap-token-<id>`, expiring 24 h after createdMs. */
export function initBootstrapToken(cluster: Cluster, createdMs: number): KubeObject {
  const id = cluster.rng.chars(6, TOKEN_ALPHABET);
  const secret = cluster.rng.chars(16, TOKEN_ALPHABET);
  const expiration = new Date(createdMs + DEFAULT_TOKEN_TTL_SECONDS * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" },
    type: SecretTypeBootstrapToken,
    data: {
      "auth-extra-groups": b64(DefaultTokenGroup),
      expiration: b64(expiration),
      "token-id": b64(id),
      "token-secret": b64(secret),
      "usage-bootstrap-authentication": b64("true"),
      "usage-bootstrap-signing": b64("true"),
    },
  };
}

/** The PEM texts of the cluster CA and the front-proxy CA. */
export function caPems(pki: ClusterPki): { ca: string; frontProxyCa: string } {
  return {
    ca: encodePem("CERTIFICATE", pki.ca.der),
    frontProxyCa: encodePem("CERTIFICATE", pki.frontProxyCa.der),
  };
}

/** Everything above for a cluster whose API server is at server, in the order kubeadm makes it. */
export function kubeadmInitObjects(
  cluster: Cluster,
  pki: ClusterPki,
  server: string,
  createdMs: number,
): KubeObject[] {
  const { ca } = caPems(pki);
  const hasToken = cluster.api
    .list("Secret", { namespace: "kube-system" })
    .some((s) => s.type === SecretTypeBootstrapToken);
  return [
    kubeletConfigMap(),
    ...(hasToken ? [] : [initBootstrapToken(cluster, createdMs)]),
    ...kubeadmClusterRbacObjects(),
    clusterInfoConfigMap(ca, server),
  ];
}
