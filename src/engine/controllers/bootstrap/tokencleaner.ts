/**
 * The token cleaner (pkg/controller/bootstrap/tokencleaner.go): deletes bootstrap token Secrets
 * in kube-system whose `expiration` has passed, and looks again at a token when it expires.
 * kube-controller-manager runs it only when enabled (kubeadm passes
 * `--controllers=*,bootstrapsigner,tokencleaner`).
 */

import type { Cluster } from "../../cluster";
import { decodeBase64 } from "../../sh/applets/codec";
import { Controller } from "../lib/queue";

/** The controller's name. */
export const TokenCleanerController = "token-cleaner";
/** bootstrapapi.SecretTypeBootstrapToken. */
const SECRET_TYPE_BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";
/** The namespace whose bootstrap tokens are cleaned (TokenCleanerOptions.TokenSecretNamespace). */
const TOKEN_SECRET_NAMESPACE = "kube-system";

/**
 * GetExpiration (bootstrapsecretutil): seconds until the Secret's `expiration`, and whether it
 * has passed; no expiration (or an unparsable one) never expires.
 */
export function tokenExpiration(data: Record<string, string> | undefined, nowMs: number) {
  const raw = data?.expiration;
  if (!raw) return { ttlSeconds: 0, expired: false };
  const bytes = decodeBase64(raw);
  const at = bytes ? Date.parse(new TextDecoder().decode(bytes)) : Number.NaN;
  if (Number.isNaN(at)) return { ttlSeconds: 0, expired: false };
  return at <= nowMs ? { ttlSeconds: 0, expired: true } : { ttlSeconds: (at - nowMs) / 1000, expired: false };
}

/** Starts the token cleaner. */
export function installTokenCleaner(cluster: Cluster): Controller {
  const c = new Controller(TokenCleanerController, cluster, (name) => {
    const secret = cluster.api.get("Secret", TOKEN_SECRET_NAMESPACE, name);
    if (!secret || secret.type !== SECRET_TYPE_BOOTSTRAP_TOKEN || secret.metadata.deletionTimestamp) return;
    const { ttlSeconds, expired } = tokenExpiration(secret.data, cluster.clock.now());
    if (expired) cluster.api.delete("Secret", TOKEN_SECRET_NAMESPACE, name);
    else if (ttlSeconds > 0) c.enqueueAfter(name, ttlSeconds);
  });
  cluster.api.watch("Secret", (e) => {
    const s = e.object;
    if (e.type === "DELETED" || s.metadata.namespace !== TOKEN_SECRET_NAMESPACE) return;
    if (s.type === SECRET_TYPE_BOOTSTRAP_TOKEN) c.enqueue(s.metadata.name as string);
  });
  for (const s of cluster.api.list("Secret", { namespace: TOKEN_SECRET_NAMESPACE }))
    if (s.type === SECRET_TYPE_BOOTSTRAP_TOKEN) c.enqueue(s.metadata.name as string);
  cluster.addComponent(c);
  return c;
}
