/**
 * ingress-nginx's validating admission webhook (internal/admission/controller/main.go and
 * NGINXController.CheckIngress, controller-v1.11.3): an Ingress of its class is refused when a
 * path does not suit its pathType under strict-validate-path-type (inspector.ValidatePathType,
 * only warned about otherwise), or when a host and path are already another Ingress's
 * (checkOverlap).
 */
import type { MemoryStore } from "../api/store";
import type { KubeObject } from "../api/types";
import type { HttpRequest, HttpResponse } from "../sh/interface";
import type { ControllerOptions } from "./options";
import { buildServers, DEFAULT_SERVER_NAME, ROOT_LOCATION, type Server } from "./routing";
import { servesIngress } from "./status";

// biome-ignore lint/suspicious/noExplicitAny: AdmissionReview and Ingress bodies are open JSON
type Json = any;

/** inspector/rules.go validPathType: what a non-ImplementationSpecific path may hold. */
export const VALID_PATH_TYPE = /^\/[A-Za-z0-9_\-/]*$/i;

/** inspector.ValidatePathType: one message per path unfit for its pathType. */
export function validatePathType(ing: KubeObject): string[] {
  const out: string[] = [];
  for (const rule of (ing as Json).spec?.rules ?? []) {
    for (const p of rule?.http?.paths ?? []) {
      if (!p?.path) continue;
      if (p.pathType === "ImplementationSpecific") continue;
      if (!VALID_PATH_TYPE.test(p.path))
        out.push(`path ${p.path} cannot be used with pathType ${p.pathType}`);
    }
  }
  return out;
}

/** checkOverlap: the first of the Ingress's host and path pairs another Ingress already holds. */
export function checkOverlap(ing: KubeObject, servers: readonly Server[]): string | undefined {
  const self = `${ing.metadata.namespace ?? "default"}/${ing.metadata.name ?? ""}`;
  for (const rule of (ing as Json).spec?.rules ?? []) {
    if (!rule?.http) continue;
    const host = rule.host || DEFAULT_SERVER_NAME;
    for (const p of rule.http.paths ?? []) {
      if (!p?.backend?.service) continue;
      const path = p.path || ROOT_LOCATION;
      const existing = servers
        .filter((s) => s.hostname === host)
        .flatMap((s) => s.locations)
        .filter((l) => l.path === path && !l.isDefBackend && l.ingress)
        .map((l) => l.ingress as string);
      if (existing.length === 0) continue;
      if (existing.includes(self)) return undefined;
      return `host "${host}" and path "${path}" is already defined in ingress ${existing[0]}`;
    }
  }
  return undefined;
}

/** strict-validate-path-type from the controller's ConfigMap, else the release's default. */
function strictPathType(api: MemoryStore, options: ControllerOptions): boolean {
  const [ns, name] = (options.configMap ?? "").split("/");
  const value =
    ns && name ? (api.get("ConfigMap", ns, name) as Json)?.data?.["strict-validate-path-type"] : undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  return options.strictValidatePathType;
}

/** CheckIngress: the refusal message for an Ingress, or its warnings when it is let through. */
export function checkIngress(
  api: MemoryStore,
  options: ControllerOptions,
  ing: KubeObject,
): { allowed: true; warnings: string[] } | { allowed: false; message: string } {
  if (ing.metadata.deletionTimestamp || !servesIngress(api, ing, options))
    return { allowed: true, warnings: [] };
  const pathErrors = validatePathType(ing);
  if (pathErrors.length > 0 && strictPathType(api, options))
    return { allowed: false, message: `ingress contains invalid paths: ${pathErrors.join("\n")}` };
  const others = api
    .list("Ingress", {})
    .filter((i) => servesIngress(api, i, options))
    .filter(
      (i) => !(i.metadata.namespace === ing.metadata.namespace && i.metadata.name === ing.metadata.name),
    );
  const overlap = checkOverlap(ing, buildServers([...others, ing]));
  if (overlap) return { allowed: false, message: overlap };
  return { allowed: true, warnings: pathErrors };
}

/** The webhook's HTTP handler: an AdmissionReview in, its response out. */
export function admissionReview(
  api: MemoryStore,
  options: ControllerOptions,
  req: HttpRequest,
): HttpResponse {
  let review: Json;
  try {
    review = JSON.parse(req.body);
  } catch {
    return { status: 400, headers: { "Content-Type": "text/plain" }, body: "invalid AdmissionReview" };
  }
  const request = review?.request ?? {};
  const result = request.object
    ? checkIngress(api, options, request.object)
    : { allowed: true as const, warnings: [] };
  const response: Json = { uid: request.uid ?? "", allowed: result.allowed };
  // CheckWarning's path messages come with the answer whether it allows the Ingress or not.
  const warnings = request.object ? validatePathType(request.object) : [];
  if (warnings.length > 0) response.warnings = warnings;
  if (!result.allowed)
    response.result = { status: "Failure", code: 400, reason: "BadRequest", message: result.message };
  return {
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response }),
  };
}
