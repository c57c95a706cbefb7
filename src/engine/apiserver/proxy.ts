/**
 * The API server's proxy subresources: GET /api/v1/namespaces/NS/pods/NAME[:PORT]/proxy/PATH and
 * /api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH, which `kubectl proxy` and `curl` through
 * it reach (Kubernetes Basics' `curl .../pods/$POD_NAME:8080/proxy/`). The API server dials the
 * pod, or one ready endpoint of the Service, and passes the backend's answer through.
 *
 * Upstream: pkg/registry/core/pod/strategy.go and pkg/registry/core/service/storage/storage.go
 * (ResourceLocation), apimachinery/pkg/util/net/port_split.go (SplitSchemeNamePort),
 * apimachinery/pkg/util/proxy/transport.go (the ServiceUnavailable of a failed dial). Not done:
 * the rewriting of links in text/html answers, and upgrades (websockets).
 */
import { ApiError } from "../api/errors";
import type { Endpoints, Node, Pod, Service } from "../api/kinds";
import type { Cluster } from "../cluster";
import { clusterNetwork } from "../kubelet/network";
import type { HttpRequest, HttpResponse } from "../sh/interface";

/** A proxy request's target, as the path names it. */
export interface ProxyTarget {
  resource: "pods" | "services";
  namespace: string;
  /** NAME, NAME:PORT or SCHEME:NAME:PORT. */
  id: string;
  /** The path (and query) to request from the backend. */
  path: string;
}

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/[^?]*)?(\?.*)?$/;

/** The proxy target a request path names, or undefined when it is no proxy subresource. */
export function proxyTarget(path: string): ProxyTarget | undefined {
  const m = PROXY_PATH.exec(path);
  if (!m) return undefined;
  return {
    namespace: decodeURIComponent(m[1] as string),
    resource: m[2] as "pods" | "services",
    id: decodeURIComponent(m[3] as string),
    path: `${m[4] || "/"}${m[5] ?? ""}`,
  };
}

/** SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`, scheme http, https or none. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(":");
  let scheme = "";
  let name = "";
  let port = "";
  if (parts.length === 1) name = parts[0] as string;
  else if (parts.length === 2) [name, port] = parts as [string, string];
  else if (parts.length === 3) [scheme, name, port] = parts as [string, string, string];
  else return undefined;
  if (!name || !["", "http", "https"].includes(scheme)) return undefined;
  return { scheme, name, port };
}

/** The address a pod proxy request dials (pod strategy ResourceLocation): IP, then port if any. */
function podLocation(cluster: Cluster, t: ProxyTarget): { ip: string; port: string } {
  const split = splitSchemeNamePort(t.id);
  if (!split) throw new ApiError("BadRequest", `invalid pod request "${t.id}"`);
  const pod = cluster.api.get("Pod", t.namespace, split.name) as Pod | undefined;
  if (!pod) throw new ApiError("NotFound", `pods "${split.name}" not found`);
  let port = split.port;
  // No port given: the first declared port of the first container that declares one.
  if (!port) {
    const declared = (pod.spec?.containers ?? []).find((c) => (c.ports ?? []).length > 0)?.ports?.[0];
    if (declared) port = String(declared.containerPort);
  }
  const ip = pod.status?.podIP ?? "";
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) throw new ApiError("BadRequest", "address not allowed");
  return { ip, port };
}

/** The address a Service proxy request dials (service storage ResourceLocation): a ready endpoint. */
function serviceLocation(cluster: Cluster, t: ProxyTarget): { ip: string; port: string } {
  const split = splitSchemeNamePort(t.id);
  if (!split) throw new ApiError("BadRequest", `invalid service request "${t.id}"`);
  let portName = split.port;
  // A port number names the Service port with that number; the endpoint port of its name serves it.
  if (/^\d+$/.test(portName)) {
    const svc = cluster.api.get("Service", t.namespace, split.name) as Service | undefined;
    if (!svc) throw new ApiError("NotFound", `services "${split.name}" not found`);
    const sp = (svc.spec?.ports ?? []).find((p) => p.port === Number(portName));
    if (!sp)
      throw new ApiError(
        "ServiceUnavailable",
        `no service port ${Number(portName)} found for service "${split.name}"`,
      );
    portName = sp.name ?? "";
  }
  const eps = cluster.api.get("Endpoints", t.namespace, split.name) as Endpoints | undefined;
  if (!eps) throw new ApiError("NotFound", `endpoints "${split.name}" not found`);
  const noEndpoints = new ApiError(
    "ServiceUnavailable",
    `no endpoints available for service "${split.name}"`,
  );
  const subsets = eps.subsets ?? [];
  if (subsets.length === 0) throw noEndpoints;
  // Upstream starts at a random subset and address; the seeded generator stands in for rand.
  const start = cluster.rng.int(subsets.length);
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(start + i) % subsets.length];
    const addresses = ss?.addresses ?? [];
    if (addresses.length === 0) continue;
    const port = (ss?.ports ?? []).find((p) => (p.name ?? "") === portName);
    if (!port) continue;
    const addr = addresses[cluster.rng.int(addresses.length)];
    if (addr) return { ip: addr.ip, port: String(port.port) };
  }
  throw noEndpoints;
}

/** The API server's own address (the control-plane node's InternalIP), as backends see callers. */
function apiServerAddress(cluster: Cluster): string | undefined {
  const nodes = cluster.api.list("Node") as Node[];
  const cp = nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined);
  return cp?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
}

/**
 * Proxies req to the pod or Service its path names and returns the backend's answer; throws an
 * ApiError for what the API server answers with a Status (NotFound, BadRequest, and
 * ServiceUnavailable when the dial fails).
 */
export function proxyToBackend(cluster: Cluster, target: ProxyTarget, req: HttpRequest): HttpResponse {
  const loc = target.resource === "pods" ? podLocation(cluster, target) : serviceLocation(cluster, target);
  const port = loc.port === "" ? 80 : Number(loc.port);
  const dial = `dial tcp ${loc.ip}:${loc.port || "80"}`;
  if (!Number.isInteger(port))
    throw new ApiError("ServiceUnavailable", `error trying to reach service: ${dial}: unknown port`);
  const listener = clusterNetwork(cluster.api).listening(loc.ip, port);
  if (!listener?.http)
    throw new ApiError(
      "ServiceUnavailable",
      `error trying to reach service: ${dial}: connect: connection refused`,
    );
  const from = apiServerAddress(cluster);
  const forwarded = [req.headers["x-forwarded-for"], req.remoteAddress].filter(Boolean).join(", ");
  return listener.http({
    method: req.method,
    path: target.path,
    headers: { ...req.headers, ...(forwarded && { "x-forwarded-for": forwarded }) },
    body: req.body,
    ...(from && { remoteAddress: from }),
  });
}
