/**
 * The bootstrap signer (pkg/controller/bootstrap/bootstrapsigner.go): keeps kube-public's
 * cluster-info ConfigMap signed by every bootstrap token usable for signing — one
 * `jws-kubeconfig-<token id>` key per token, stale ones removed. Enabled by kubeadm
 * (`--controllers=*,bootstrapsigner,tokencleaner`).
 */
import { clone } from "../../api/types";
import type { Cluster } from "../../cluster";
import { decodeBase64 } from "../../sh/applets/codec";
import { Controller } from "../lib/queue";
import { computeDetachedSignature } from "./jws";
import { tokenExpiration } from "./tokencleaner";

/** The controller's name. */
export const BootstrapSignerController = "bootstrap-signer";
/** bootstrapapi.ConfigMapClusterInfo and its namespace. */
export const CLUSTER_INFO = "cluster-info";
export const CLUSTER_INFO_NAMESPACE = "kube-public";
/** bootstrapapi.KubeConfigKey and JWSSignatureKeyPrefix. */
export const KUBECONFIG_KEY = "kubeconfig";
export const JWS_SIGNATURE_KEY_PREFIX = "jws-kubeconfig-";

const text = (b64: string | undefined) => {
  const bytes = b64 ? decodeBase64(b64) : undefined;
  return bytes ? new TextDecoder().decode(bytes) : "";
};

/** getTokens: token id → secret of the unexpired kube-system tokens with usage-bootstrap-signing. */
export function signingTokens(cluster: Cluster): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of cluster.api.list("Secret", { namespace: "kube-system" })) {
    if (s.type !== "bootstrap.kubernetes.io/token" || s.metadata.deletionTimestamp) continue;
    const data = s.data as Record<string, string> | undefined;
    if (text(data?.["usage-bootstrap-signing"]) !== "true") continue;
    if (tokenExpiration(data, cluster.clock.now()).expired) continue;
    const id = text(data?.["token-id"]);
    const secret = text(data?.["token-secret"]);
    if (id && secret && s.metadata.name === `bootstrap-token-${id}`) out.set(id, secret);
  }
  return out;
}

/** Starts the bootstrap signer. */
export function installBootstrapSigner(cluster: Cluster): Controller {
  const key = `${CLUSTER_INFO_NAMESPACE}/${CLUSTER_INFO}`;
  const c = new Controller(BootstrapSignerController, cluster, () => {
    const cm = cluster.api.get("ConfigMap", CLUSTER_INFO_NAMESPACE, CLUSTER_INFO);
    if (!cm || cm.metadata.deletionTimestamp) return;
    const data = (cm.data ?? {}) as Record<string, string>;
    const content = data[KUBECONFIG_KEY];
    if (content === undefined) return;
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(data)) if (!k.startsWith(JWS_SIGNATURE_KEY_PREFIX)) next[k] = v;
    for (const [id, secret] of signingTokens(cluster))
      next[`${JWS_SIGNATURE_KEY_PREFIX}${id}`] = computeDetachedSignature(content, id, secret);
    if (JSON.stringify(next) === JSON.stringify(data)) return;
    const updated = clone(cm);
    updated.data = next;
    cluster.api.update(updated);
  });
  cluster.api.watch("ConfigMap", (e) => {
    if (e.object.metadata.namespace === CLUSTER_INFO_NAMESPACE && e.object.metadata.name === CLUSTER_INFO)
      c.enqueue(key);
  });
  cluster.api.watch("Secret", (e) => {
    if (e.object.metadata.namespace === "kube-system" && e.object.type === "bootstrap.kubernetes.io/token")
      c.enqueue(key);
  });
  c.enqueue(key);
  cluster.addComponent(c);
  return c;
}
