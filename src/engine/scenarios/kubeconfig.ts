/**
 * The kubeconfig kubeadm writes for the cluster admin (`/etc/kubernetes/admin.conf`, copied to
 * `~/.kube/config` on a lab's control plane): the cluster CA and the kubernetes-admin client
 * certificate (`O = kubeadm:cluster-admins`) from the cluster's PKI, base64 as kubeconfigs hold them.
 */

import { Rng } from "../clock/random";
import type { Cluster } from "../cluster";
import { adminCredentials, type ClusterPki, clusterPki, issueLeaf, pemPair } from "../pki/cluster";
import { encodePem } from "../pki/pem";
import { encodeBase64 } from "../sh/applets/codec";

/** The context kubeadm names for its admin user. */
export const ADMIN_CONTEXT = "kubernetes-admin@kubernetes";

const b64 = (text: string) => encodeBase64(new TextEncoder().encode(text));

/**
 * admin.conf for an API server at server (`https://controlplane:6443`), as kubeadm writes it,
 * with the credentials of the cluster's PKI (or of a PKI given directly, before a cluster exists).
 */
export function adminKubeconfig(source: Cluster | ClusterPki, server: string): string {
  const pki = "ca" in source ? source : clusterPki(source);
  const ca = encodePem("CERTIFICATE", pki.ca.der);
  const admin = pemPair(adminCredentials(pki));
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(ca)}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: ${ADMIN_CONTEXT}
current-context: ${ADMIN_CONTEXT}
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: ${b64(admin.cert)}
    client-key-data: ${b64(admin.key)}
`;
}

/** The kubeconfigs kubeadm writes beside admin.conf: file, user, and the user's certificate subject. */
export const COMPONENT_KUBECONFIGS = [
  { file: "controller-manager.conf", user: "system:kube-controller-manager", org: undefined, seed: 0x636d },
  { file: "scheduler.conf", user: "system:kube-scheduler", org: undefined, seed: 0x7363 },
  { file: "super-admin.conf", user: "kubernetes-super-admin", org: "system:masters", seed: 0x7361 },
] as const;

/** A kubeconfig kubeadm writes for a component or user, with a client certificate from the cluster CA. */
export function componentKubeconfig(
  pki: ClusterPki,
  server: string,
  entry: (typeof COMPONENT_KUBECONFIGS)[number],
): string {
  const rng = new Rng((Math.floor(pki.created / 1000) ^ entry.seed) >>> 0);
  const pair = pemPair(
    issueLeaf(
      pki,
      pki.ca,
      {
        subject: [...(entry.org ? [{ type: "O", value: entry.org }] : []), { type: "CN", value: entry.user }],
        clientAuth: true,
      },
      rng,
    ),
  );
  return kubeconfigText(encodePem("CERTIFICATE", pki.ca.der), server, entry.user, pair);
}

/** A kubeconfig of one cluster (`kubernetes`), one user and its context, as kubeadm writes them. */
export function kubeconfigText(
  caPem: string,
  server: string,
  user: string,
  pair: { cert: string; key: string },
): string {
  const context = `${user}@kubernetes`;
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(caPem)}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${context}
current-context: ${context}
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: ${b64(pair.cert)}
    client-key-data: ${b64(pair.key)}
`;
}
