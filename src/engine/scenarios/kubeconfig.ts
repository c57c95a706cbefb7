/**
 * The kubeconfig kubeadm writes for the cluster admin (`/etc/kubernetes/admin.conf`, copied to
 * `~/.kube/config` on a lab's control plane): the cluster CA and the kubernetes-admin client
 * certificate (`O = kubeadm:cluster-admins`) from the cluster's PKI, base64 as kubeconfigs hold them.
 */
import type { Cluster } from "../cluster";
import { adminCredentials, type ClusterPki, clusterPki, pemPair } from "../pki/cluster";
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
