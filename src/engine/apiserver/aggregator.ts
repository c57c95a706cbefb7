/**
 * kube-aggregator's proxy (staging/src/k8s.io/kube-aggregator/pkg/apiserver/handler_proxy.go):
 * a request under /apis/GROUP/VERSION that an APIService with a service registers goes to one of
 * that Service's ready endpoints, as the API server's own HTTPS request to the extension server.
 * With no ready endpoint the proxy answers 503, which clients turn into ServiceUnavailable.
 */
import type { MemoryStore } from "../api/store";
import type { KubeObject } from "../api/types";
import type { ClusterNetwork } from "../kubelet/network";

/** What the proxy answers. */
export interface ProxyResponse {
  status: number;
  body: string;
}

/** The proxy's body when no endpoint can take the request. */
export const SERVICE_UNAVAILABLE_BODY = "service unavailable\n";

/** The APIService serving group/version (named VERSION.GROUP), if one is registered. */
export function apiServiceFor(api: MemoryStore, group: string, version: string): KubeObject | undefined {
  return api.get("APIService", undefined, `${version}.${group}`);
}

/** Registered APIServices backed by a service (extension API servers), as group/version pairs. */
export function aggregatedGroupVersions(api: MemoryStore): { group: string; version: string }[] {
  return api
    .list("APIService", {})
    .map((a) => a.spec as { group?: string; version?: string; service?: unknown } | undefined)
    .filter((s) => s?.service && s.group && s.version)
    .map((s) => ({ group: s?.group as string, version: s?.version as string }));
}

/**
 * Proxies a GET of path to the APIService's backend; 503 when none of its endpoints answers.
 * network: the cluster's fabric (the API server's own view, whoever the caller impersonates).
 */
export function proxyGet(
  api: MemoryStore,
  network: ClusterNetwork,
  apiService: KubeObject,
  path: string,
): ProxyResponse {
  const unavailable = { status: 503, body: SERVICE_UNAVAILABLE_BODY };
  const ref = (apiService.spec as { service?: { namespace?: string; name?: string; port?: number } }).service;
  if (!ref?.name) return unavailable;
  const ns = ref.namespace ?? "default";
  const svc = api.get("Service", ns, ref.name);
  const svcPort = (svc?.spec as { ports?: { name?: string; port: number }[] } | undefined)?.ports?.find(
    (p) => p.port === (ref.port ?? 443),
  );
  if (!svcPort) return unavailable;
  const endpoints = api.get("Endpoints", ns, ref.name) as
    | { subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] }
    | undefined;
  for (const subset of endpoints?.subsets ?? []) {
    const port = subset.ports?.find((p) => (p.name ?? "") === (svcPort.name ?? ""));
    if (!port) continue;
    for (const address of subset.addresses ?? []) {
      const listener = network.listening(address.ip, port.port);
      if (!listener?.http) continue;
      const res = listener.http({ method: "GET", path, headers: {}, body: "" });
      return { status: res.status, body: res.body };
    }
  }
  return unavailable;
}
