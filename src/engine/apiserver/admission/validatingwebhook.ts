/**
 * ValidatingAdmissionWebhook (staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/validating):
 * every webhook of every ValidatingWebhookConfiguration whose rules match a write is sent an
 * AdmissionReview over the cluster network, to its Service's cluster IP; a refusal becomes
 * `admission webhook "NAME" denied the request: MESSAGE` (errors.ToStatusErr), a webhook that
 * cannot be called fails the write under failurePolicy Fail (`failed calling webhook`, an
 * internal error) and is skipped under Ignore.
 */

import type { LabelSelector } from "kubernetes-types/meta/v1";
import { ApiError, type StatusReason } from "../../api/errors";
import type { AdmissionPlugin, AdmissionRequest } from "../../api/interface";
import { resourceForKind } from "../../api/resources";
import { matchesLabelSelector } from "../../api/selectors";
import type { MemoryStore } from "../../api/store";
import type { KubeObject } from "../../api/types";
import { clusterNetwork } from "../../kubelet/network";

// biome-ignore lint/suspicious/noExplicitAny: webhook configurations and reviews are open JSON
type Json = any;

/** What a call to one webhook came to. */
export type WebhookOutcome =
  | { kind: "allowed"; warnings: string[] }
  | { kind: "denied"; code: number; reason: string; message: string; warnings: string[] }
  | { kind: "error"; error: string };

/** rule.Matches: operation, group, version, resource (with subresource) and scope. */
export function ruleMatches(
  rule: Json,
  operation: string,
  group: string,
  version: string,
  resource: string,
  namespaced: boolean,
): boolean {
  const has = (list: string[] | undefined, v: string) => (list ?? []).some((x) => x === "*" || x === v);
  if (!has(rule?.operations, operation)) return false;
  if (!has(rule?.apiGroups, group)) return false;
  if (!has(rule?.apiVersions, version)) return false;
  const resources: string[] = rule?.resources ?? [];
  if (!resources.some((r) => r === "*" || r === "*/*" || r === resource)) return false;
  const scope = rule?.scope ?? "*";
  return scope === "*" || (scope === "Namespaced") === namespaced;
}

/** The Service URL the API server posts to (webhook/config ServiceResolver), for messages. */
function serviceUrl(service: Json, timeout: number): string {
  return `https://${service.name}.${service.namespace}.svc:${service.port ?? 443}${service.path ?? ""}?timeout=${timeout}s`;
}

/** Posts the review to the webhook's Service (cluster IP, through kube-proxy's rules). */
export function callWebhook(api: MemoryStore, hook: Json, review: Json): WebhookOutcome {
  const service = hook.clientConfig?.service;
  if (!service?.name) return { kind: "error", error: "webhook has no service to call" };
  const port = service.port ?? 443;
  const svc = api.get("Service", service.namespace, service.name) as Json;
  if (!svc) return { kind: "error", error: `service "${service.name}" not found` };
  const ip = svc.spec?.clusterIP;
  const network = clusterNetwork(api).at({ namespace: "default", ip: "", hostname: "" });
  const conn = network.connect(ip, port);
  if (conn === "refused" || conn === "unresolved")
    return { kind: "error", error: `dial tcp ${ip}:${port}: connect: connection refused` };
  if (conn === "timeout" || !conn.http) return { kind: "error", error: "context deadline exceeded" };
  const res = conn.http({
    method: "POST",
    path: `${service.path ?? "/"}?timeout=${hook.timeoutSeconds ?? 10}s`,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(review),
  });
  let body: Json;
  try {
    body = JSON.parse(res.body);
  } catch {
    return { kind: "error", error: `received invalid webhook response: ${res.body.trim()}` };
  }
  const response = body?.response;
  if (!response) return { kind: "error", error: "received invalid webhook response: response is nil" };
  const warnings: string[] = (response.warnings ?? []).filter((w: unknown) => typeof w === "string");
  if (response.allowed) return { kind: "allowed", warnings };
  const result = response.result ?? {};
  return {
    warnings,
    kind: "denied",
    code: Math.max(Number(result.code) || 0, 400),
    reason: result.reason ?? "",
    message: result.message ?? "",
  };
}

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
};

/** The AdmissionReview v1 the API server sends for a request. */
function reviewFor(request: AdmissionRequest, obj: KubeObject, uid: string): Json {
  const res = resourceForKind(obj.kind);
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  return {
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: {
      uid,
      kind: { group, version, kind: obj.kind },
      resource: { group, version, resource: res?.plural ?? "" },
      requestKind: { group, version, kind: obj.kind },
      requestResource: { group, version, resource: res?.plural ?? "" },
      name: obj.metadata.name ?? "",
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      operation: request.operation,
      userInfo: { username: request.user?.name ?? "kubernetes-admin" },
      object: request.object ?? null,
      oldObject: request.oldObject ?? null,
      dryRun: request.dryRun,
    },
  };
}

/** The plugin; uid() names each review. */
export function validatingAdmissionWebhook(api: MemoryStore, uid: () => string): AdmissionPlugin {
  return {
    name: "ValidatingAdmissionWebhook",
    validate(request) {
      const obj = request.object ?? request.oldObject;
      if (!obj) return;
      const res = resourceForKind(obj.kind);
      if (!res || res.group === "admissionregistration.k8s.io") return;
      const resource = request.subresource ? `${res.plural}/${request.subresource}` : res.plural;
      const [group, version] = obj.apiVersion.includes("/")
        ? obj.apiVersion.split("/")
        : ["", obj.apiVersion];
      const nsLabels = obj.metadata.namespace
        ? ((api.get("Namespace", undefined, obj.metadata.namespace)?.metadata.labels ?? {}) as Record<
            string,
            string
          >)
        : {};
      for (const config of api.list("ValidatingWebhookConfiguration", {}) as Json[]) {
        for (const hook of config.webhooks ?? []) {
          const matched = (hook.rules ?? []).some((r: Json) =>
            ruleMatches(r, request.operation, group ?? "", version ?? "", resource, res.namespaced),
          );
          if (!matched) continue;
          if (
            res.namespaced &&
            !matchesLabelSelector((hook.namespaceSelector ?? {}) as LabelSelector, nsLabels)
          )
            continue;
          if (!matchesLabelSelector((hook.objectSelector ?? {}) as LabelSelector, obj.metadata.labels))
            continue;
          const outcome = callWebhook(api, hook, reviewFor(request, obj, uid()));
          if (outcome.kind !== "error") request.warnings?.push(...outcome.warnings);
          if (outcome.kind === "allowed") continue;
          if (outcome.kind === "error") {
            if (hook.failurePolicy === "Ignore") continue;
            const url = serviceUrl(hook.clientConfig?.service ?? {}, hook.timeoutSeconds ?? 10);
            throw new ApiError(
              "InternalError",
              `Internal error occurred: failed calling webhook "${hook.name}": failed to call webhook: Post "${url}": ${outcome.error}`,
            );
          }
          const denied = `admission webhook "${hook.name}" denied the request`;
          throw new ApiError(
            REASON_BY_CODE[outcome.code] ?? "BadRequest",
            outcome.message ? `${denied}: ${outcome.message}` : `${denied} without explanation`,
          );
        }
      }
    },
  };
}
