/**
 * The upstream of an Ingress backend: the ready endpoints of the Service port it names, as
 * ingress-nginx's createUpstreams and getEndpointsFromSlices resolve them (nginx talks to the pods
 * directly, not through the Service's cluster IP).
 */
import type { Endpoints, Service } from "../api/kinds";
import type { MemoryStore } from "../api/store";
import type { Backend } from "./routing";

/** One endpoint nginx balances over. */
export interface UpstreamTarget {
  ip: string;
  port: number;
}

type ServiceBackend = Extract<Backend, { kind: "service" }>;

/** upstreamName: `namespace-service-port` (the port's number, or its name). */
export function upstreamName(b: ServiceBackend): string {
  return `${b.namespace}-${b.service}-${b.port.number ?? b.port.name ?? ""}`;
}

/**
 * The ready endpoints of the backend's Service port; [] when the Service, the port or any ready
 * endpoint is missing (nginx then answers 503).
 */
export function serviceUpstream(api: MemoryStore, b: ServiceBackend): UpstreamTarget[] {
  const svc = api.get("Service", b.namespace, b.service) as Service | undefined;
  if (!svc || svc.spec?.type === "ExternalName") return [];
  const sp = (svc.spec?.ports ?? []).find((p) =>
    b.port.number !== undefined ? p.port === b.port.number : p.name === b.port.name,
  );
  if (!sp) return [];
  const ep = api.get("Endpoints", b.namespace, b.service) as Endpoints | undefined;
  const out: UpstreamTarget[] = [];
  for (const subset of ep?.subsets ?? []) {
    const port = (subset.ports ?? []).find((p) => (sp.name ? p.name === sp.name : true));
    if (!port) continue;
    for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: port.port });
  }
  return out;
}
