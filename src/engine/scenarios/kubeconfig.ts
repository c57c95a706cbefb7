/**
 * The kubeconfig kubeadm writes for the cluster admin (`/etc/kubernetes/admin.conf`, copied to
 * `~/.kube/config` on a lab's control plane). Certificates are placeholders: the simulated API
 * server does not check them, and `kubectl config view` shows them as DATA+OMITTED as usual.
 */

/** The context kubeadm names for its admin user. */
export const ADMIN_CONTEXT = "kubernetes-admin@kubernetes";

/** base64 of a PEM block whose body says what it is. */
function pemData(type: string, what: string): string {
  return btoa(`-----BEGIN ${type}-----\n${btoa(`Kubeglass simulated ${what}`)}\n-----END ${type}-----\n`);
}

/** admin.conf for an API server at server (`https://controlplane:6443`), as kubeadm writes it. */
export function adminKubeconfig(server: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${pemData("CERTIFICATE", "cluster CA")}
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
    client-certificate-data: ${pemData("CERTIFICATE", "client certificate of kubernetes-admin")}
    client-key-data: ${pemData("RSA PRIVATE KEY", "client key of kubernetes-admin")}
`;
}
