/**
 * kube-apiserver's legacy token tracking controller (pkg/controlplane/controller/legacytokentracking):
 * records in kube-system's `kube-apiserver-legacy-service-account-token-tracking` ConfigMap the
 * day (UTC, `2006-01-02`) from which the use of legacy service account tokens is tracked.
 */
import type { Cluster } from "../cluster";

/** The ConfigMap's name and its key. */
export const LEGACY_TOKEN_TRACKING_CONFIGMAP = "kube-apiserver-legacy-service-account-token-tracking";
export const LEGACY_TOKEN_TRACKING_KEY = "since";

/** Creates the tracking ConfigMap when kube-system exists and it does not. */
export function ensureLegacyTokenTracking(cluster: Cluster): void {
  const api = cluster.api;
  if (!api.get("Namespace", undefined, "kube-system")) return;
  if (api.get("ConfigMap", "kube-system", LEGACY_TOKEN_TRACKING_CONFIGMAP)) return;
  api.create({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: LEGACY_TOKEN_TRACKING_CONFIGMAP, namespace: "kube-system" },
    data: { [LEGACY_TOKEN_TRACKING_KEY]: new Date(cluster.clock.now()).toISOString().slice(0, 10) },
  });
}
