/**
 * GET as the API server answers it, for `kubectl get --raw`, `kubectl proxy` and HTTPS clients
 * in pods (http.ts): /healthz, /livez, /readyz (with ?verbose), /version, /api, /apis, and the
 * resource paths /api/v1/... and /apis/GROUP/VERSION/... (aggregated APIs through their
 * APIService).
 */
import { ApiError } from "../api/errors";
import { groupVersion, type ResourceInfo } from "../api/resources";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { clusterNetwork } from "../kubelet/network";
import { apiServiceFor, proxyGet } from "./aggregator";

const NOT_FOUND = "the server could not find the requested resource";

/** The checks kube-apiserver's /readyz?verbose lists (v1.32), each `[+]name ok`. */
const HEALTH_CHECKS = [
  "ping",
  "log",
  "etcd",
  "poststarthook/start-apiserver-admission-initializer",
  "poststarthook/rbac/bootstrap-roles",
];

function list(kind: string, apiVersion: string, items: KubeObject[], rv: string): object {
  return { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: rv }, items };
}

function resourcePath(cluster: Cluster, group: string, version: string, rest: string[]): unknown {
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub] = rest;
  const res = cluster.api.discovery
    .all()
    .find((r: ResourceInfo) => r.group === group && r.version === version && r.plural === plural);
  if (!res || sub !== undefined || (namespace !== undefined && !res.namespaced))
    throw new ApiError("NotFound", NOT_FOUND);
  const api = cluster.api;
  if (name !== undefined) {
    const obj = api.get(res.kind, namespace, name);
    if (!obj)
      throw new ApiError(
        "NotFound",
        `${res.group ? `${res.plural}.${res.group}` : res.plural} "${name}" not found`,
      );
    return obj;
  }
  const items = api.list(res.kind, namespace !== undefined ? { namespace } : {});
  return list(res.kind, groupVersion(res), items, api.resourceVersion());
}

/**
 * The API server's body for GET path (JSON on one line; health checks answer `ok`); throws an
 * ApiError for what it answers with a Status. version gives /version's object.
 */
export function restGet(cluster: Cluster, path: string, version: () => object): string {
  const [route = "", query = ""] = path.split("?");
  const parts = route.split("/").filter(Boolean);
  if (["healthz", "livez", "readyz"].includes(parts[0] ?? "") && parts.length === 1) {
    if (!query.split("&").includes("verbose")) return "ok";
    return `${HEALTH_CHECKS.map((c) => `[+]${c} ok`).join("\n")}\n${parts[0]} check passed\n`;
  }
  // The version handler indents its JSON; resource responses are compact.
  if (route === "/version") return JSON.stringify(version(), null, 2);
  if (route === "/api")
    return JSON.stringify({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "192.168.1.2:6443" }],
    });
  if (route === "/apis") {
    const served = cluster.api.discovery.all();
    const groups = [...new Set(served.filter((r) => r.group).map((r) => `${r.group}/${r.version}`))].map(
      (gv) => {
        const [name, version] = gv.split("/") as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      },
    );
    return JSON.stringify({ kind: "APIGroupList", apiVersion: "v1", groups });
  }
  if (parts[0] === "api" && parts[1] === "v1" && parts.length > 2)
    return JSON.stringify(resourcePath(cluster, "", "v1", parts.slice(2)));
  if (parts[0] === "apis" && parts.length >= 3) {
    const apiService = apiServiceFor(cluster.api, parts[1] as string, parts[2] as string);
    if (apiService && (apiService.spec as { service?: unknown }).service) {
      const res = proxyGet(cluster.api, clusterNetwork(cluster.api), apiService, path);
      if (res.status === 503)
        throw new ApiError("ServiceUnavailable", "the server is currently unable to handle the request");
      if (res.status !== 200) {
        const status = JSON.parse(res.body) as { message?: string };
        throw new ApiError("NotFound", status.message ?? NOT_FOUND);
      }
      return res.body;
    }
  }
  if (parts[0] === "apis" && parts.length > 3)
    return JSON.stringify(resourcePath(cluster, parts[1] as string, parts[2] as string, parts.slice(3)));
  throw new ApiError("NotFound", NOT_FOUND);
}
