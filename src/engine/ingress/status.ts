/**
 * The addresses ingress-nginx publishes in its Ingresses' status.loadBalancer.ingress
 * (internal/ingress/status/status.go runningAddresses, statusAddressFromService;
 * internal/k8s/main.go GetNodeIPOrName), and which Ingresses are its own (the class checks of
 * internal/ingress/controller/store/store.go).
 */
import type { MemoryStore } from "../api/store";
import type { KubeObject } from "../api/types";
import type { ControllerOptions } from "./options";

// biome-ignore lint/suspicious/noExplicitAny: status and specs are read as open JSON
type Json = any;

/** One entry of status.loadBalancer.ingress. */
export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** The legacy class annotation (ingress.class). */
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

/**
 * Whether the controller serves an Ingress: its ingressClassName names an IngressClass of this
 * controller, or its class annotation is --ingress-class, or it names no class and the
 * controller watches class-less Ingresses.
 */
export function servesIngress(api: MemoryStore, ing: KubeObject, options: ControllerOptions): boolean {
  const className: string | undefined = (ing as Json).spec?.ingressClassName;
  if (className) {
    const ic = api.get("IngressClass", undefined, className) as Json;
    return ic?.spec?.controller === options.controllerClass;
  }
  const annotation = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotation !== undefined) return annotation === options.ingressClass;
  return options.watchWithoutClass;
}

/** nameOrIPToLoadBalancerIngress. */
function nameOrIp(value: string): LoadBalancerIngress {
  return /^[\d.]+$/.test(value) || value.includes(":") ? { ip: value } : { hostname: value };
}

/** GetNodeIPOrName: the ExternalIP unless internal is asked for, else the InternalIP. */
function nodeAddress(api: MemoryStore, nodeName: string, useInternal: boolean): string {
  const node = api.get("Node", undefined, nodeName) as Json;
  const addresses: { type: string; address: string }[] = node?.status?.addresses ?? [];
  const internal = addresses.find((a) => a.type === "InternalIP" && a.address)?.address ?? "";
  if (useInternal) return internal;
  return addresses.find((a) => a.type === "ExternalIP" && a.address)?.address ?? internal;
}

/** The labels that identify the controller's pods (the pod's own, less the controllers' hashes). */
export function controllerPodLabels(pod: KubeObject): Record<string, string> {
  const labels = { ...(pod.metadata.labels ?? {}) };
  delete labels["pod-template-hash"];
  delete labels["controller-revision-hash"];
  delete labels["pod-template-generation"];
  return labels;
}

function isReady(pod: Json): boolean {
  return (pod.status?.conditions ?? []).some((c: Json) => c.type === "Ready" && c.status === "True");
}

/**
 * runningAddresses: --publish-status-address, else --publish-service's address, else the
 * addresses of the nodes running a Running and Ready controller pod.
 */
export function runningAddresses(
  api: MemoryStore,
  options: ControllerOptions,
  pod: KubeObject,
): LoadBalancerIngress[] {
  if (options.publishStatusAddress) return options.publishStatusAddress.split(/,\s*/).map(nameOrIp);
  if (options.publishService) return serviceAddresses(api, options.publishService);
  const labels = controllerPodLabels(pod);
  const pods = (api.list("Pod", { namespace: pod.metadata.namespace }) as Json[]).filter((p) =>
    Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  const out: LoadBalancerIngress[] = [];
  for (const p of pods) {
    if (p.status?.phase !== "Running" || !isReady(p) || !p.spec?.nodeName) continue;
    const name = nodeAddress(api, p.spec.nodeName, options.reportNodeInternalIp);
    if (!out.some((a) => a.ip === name || a.hostname === name)) out.push(nameOrIp(name));
  }
  return out;
}

/** statusAddressFromService: what a Service of each type gives as the Ingresses' address. */
function serviceAddresses(api: MemoryStore, key: string): LoadBalancerIngress[] {
  const [ns, name] = key.includes("/") ? key.split("/") : ["default", key];
  const svc = api.get("Service", ns, name ?? "") as Json;
  if (!svc) return [];
  const spec = svc.spec ?? {};
  switch (spec.type ?? "ClusterIP") {
    case "ExternalName":
      return [{ hostname: spec.externalName }];
    case "ClusterIP":
      return [{ ip: spec.clusterIP }];
    case "NodePort":
      return spec.externalIPs ? spec.externalIPs.map((ip: string) => ({ ip })) : [{ ip: spec.clusterIP }];
    case "LoadBalancer": {
      const out: LoadBalancerIngress[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: Json) => ({
        ...(i.ip ? { ip: i.ip } : {}),
        ...(i.hostname ? { hostname: i.hostname } : {}),
      }));
      for (const ip of spec.externalIPs ?? []) if (!out.some((a) => a.ip === ip)) out.push({ ip });
      return out;
    }
  }
  return [];
}

/** sortLoadBalancerIngress: by IP, then hostname. */
export function sortLoadBalancerIngress(list: LoadBalancerIngress[]): LoadBalancerIngress[] {
  return [...list].sort((a, b) => {
    const ai = a.ip ?? "";
    const bi = b.ip ?? "";
    if (ai !== bi) return ai < bi ? -1 : 1;
    const ah = a.hostname ?? "";
    const bh = b.hostname ?? "";
    return ah < bh ? -1 : ah > bh ? 1 : 0;
  });
}
