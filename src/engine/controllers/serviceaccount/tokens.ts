/**
 * The service account token controller (pkg/controller/serviceaccount/tokens_controller.go): a
 * Secret of type kubernetes.io/service-account-token that names a ServiceAccount gets its
 * `ca.crt`, `namespace` and a long-lived `token`, and the account's uid as an annotation; one
 * whose ServiceAccount does not exist (or no longer has that uid) is deleted.
 */
import { encodeBase64 } from "../../api/base64";
import { ApiError } from "../../api/errors";
import { clone, type KubeObject } from "../../api/types";
import { ROOT_CA_CONFIGMAP } from "../../apiserver/admission/serviceaccount";
import type { Cluster } from "../../cluster";
import { legacyServiceAccountToken } from "../../kubelet/satoken";
import { Controller } from "../lib/queue";

/** The Secret type the controller fills. */
export const SecretTypeServiceAccountToken = "kubernetes.io/service-account-token";
/** The annotations naming the account (corev1.ServiceAccountNameKey, ServiceAccountUIDKey). */
export const ServiceAccountNameKey = "kubernetes.io/service-account.name";
export const ServiceAccountUIDKey = "kubernetes.io/service-account.uid";
/** The controller's field manager. */
export const TokensController = "tokens-controller";

/** What a token Secret needs now: nothing, its data filled in, or deletion (its account is gone). */
export function tokenSecretAction(
  secret: KubeObject,
  sa: KubeObject | undefined,
): "none" | "populate" | "delete" {
  if (secret.type !== SecretTypeServiceAccountToken || secret.metadata.deletionTimestamp) return "none";
  const wantUid = secret.metadata.annotations?.[ServiceAccountUIDKey];
  if (!sa || (wantUid && wantUid !== sa.metadata.uid)) return "delete";
  const data = secret.data ?? {};
  return data.token && data["ca.crt"] && data.namespace ? "none" : "populate";
}

/** Starts the token controller. */
export function installTokensController(cluster: Cluster): void {
  const api = cluster.api;
  const controller = new Controller(TokensController, cluster, (key) => {
    const [ns, name] = key.split("/") as [string, string];
    const secret = api.get("Secret", ns, name);
    if (!secret) return;
    const saName = secret.metadata.annotations?.[ServiceAccountNameKey];
    if (!saName) return;
    const sa = api.get("ServiceAccount", ns, saName);
    const action = tokenSecretAction(secret, sa);
    try {
      if (action === "delete") api.delete("Secret", ns, name);
      if (action !== "populate" || !sa) return;
      const next = clone(secret);
      const ca = api.get("ConfigMap", ns, ROOT_CA_CONFIGMAP)?.data?.["ca.crt"] ?? "";
      next.data = {
        ...(secret.data ?? {}),
        "ca.crt": encodeBase64(ca),
        namespace: encodeBase64(ns),
        token: encodeBase64(
          legacyServiceAccountToken({ namespace: ns, name: saName, uid: sa.metadata.uid ?? "" }, name),
        ),
      };
      next.metadata.annotations = {
        ...next.metadata.annotations,
        [ServiceAccountUIDKey]: sa.metadata.uid ?? "",
      };
      api.update(next, { fieldManager: TokensController });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  });
  api.watch("Secret", (e) => {
    if (e.type !== "DELETED" && e.object.type === SecretTypeServiceAccountToken)
      controller.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
  });
  // An account that goes takes its token Secrets with it.
  api.watch("ServiceAccount", (e) => {
    if (e.type !== "DELETED") return;
    const ns = e.object.metadata.namespace;
    for (const s of api.list("Secret", { namespace: ns }))
      if (
        s.type === SecretTypeServiceAccountToken &&
        s.metadata.annotations?.[ServiceAccountNameKey] === e.object.metadata.name
      )
        controller.enqueue(`${ns}/${s.metadata.name}`);
  });
  cluster.addComponent(controller);
}
