/**
 * kube-apiserver's ClientCARegistrationHook (pkg/controlplane/controller/clusterauthenticationtrust):
 * kube-system's `extension-apiserver-authentication` ConfigMap publishes --client-ca-file and the
 * --requestheader-* flags (lists as JSON) for aggregated API servers. Values are kubeadm's flags.
 */
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";

/** The ConfigMap's name (it lives in kube-system). */
export const EXTENSION_APISERVER_AUTHENTICATION = "extension-apiserver-authentication";
/** kubeadm's --requestheader-client-ca-file. */
export const FRONT_PROXY_CA_CERT_PATH = "/etc/kubernetes/pki/front-proxy-ca.crt";

/** The ConfigMap's data for the client CA and the request-header (front proxy) CA. */
export function extensionApiserverAuthenticationData(
  caPem: string,
  frontProxyCaPem: string,
): Record<string, string> {
  return {
    "client-ca-file": caPem,
    "requestheader-allowed-names": '["front-proxy-client"]',
    "requestheader-client-ca-file": frontProxyCaPem,
    "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
    "requestheader-group-headers": '["X-Remote-Group"]',
    "requestheader-username-headers": '["X-Remote-User"]',
  };
}

/** Creates or updates the ConfigMap when kube-system exists and both CAs are known. */
export function publishExtensionApiserverAuthentication(
  cluster: Cluster,
  caPem: string | undefined,
  frontProxyCaPem: string | undefined,
): void {
  const api = cluster.api;
  if (!caPem || !frontProxyCaPem || !api.get("Namespace", undefined, "kube-system")) return;
  const data = extensionApiserverAuthenticationData(caPem, frontProxyCaPem);
  const existing = api.get("ConfigMap", "kube-system", EXTENSION_APISERVER_AUTHENTICATION);
  if (!existing) {
    const cm: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: EXTENSION_APISERVER_AUTHENTICATION, namespace: "kube-system" },
      data,
    };
    api.create(cm);
  } else if (JSON.stringify(existing.data) !== JSON.stringify(data)) api.update({ ...existing, data });
}
