/**
 * The Metrics API metrics-server serves (pkg/api/{node,pod}.go, v0.7.2): NodeMetrics and
 * PodMetrics under /apis/metrics.k8s.io/v1beta1, built from its storage and the nodes and pods
 * its informers list, as JSON.
 */

import { matchesSelector, parseLabelSelector } from "../api/selectors";
import type { MemoryStore } from "../api/store";
import type { KubeObject } from "../api/types";
import { formatQuantity } from "../apiserver/quantity";
import { goDuration } from "../images/programs/util";
import type { MetricsStorage, Usage } from "./storage";

/** The group version metrics-server serves. */
export const METRICS_GROUP_VERSION = "metrics.k8s.io/v1beta1";

/** An HTTP answer of the API. */
export interface ApiResponse {
  status: number;
  body: string;
}

function usageList(u: Usage): Record<string, string> {
  // cpu: resource.NewScaledQuantity(nanocores, -9); memory: resource.NewQuantity(bytes, BinarySI).
  return {
    cpu: formatQuantity(Math.round(u.cpu * 1e9) / 1e9),
    memory: formatQuantity(Math.round(u.memoryBytes), "BinarySI"),
  };
}

function notFound(resource: string, name: string): ApiResponse {
  return {
    status: 404,
    body: JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `${resource}.metrics.k8s.io "${name}" not found`,
      reason: "NotFound",
      details: { name, group: "metrics.k8s.io", kind: resource },
      code: 404,
    }),
  };
}

/** The API's answer to a GET of path (with its query), at virtual time nowMs. */
export function metricsApiGet(
  path: string,
  storage: MetricsStorage,
  api: MemoryStore,
  nowMs: number,
  timestamp: (ms: number) => string,
): ApiResponse {
  const [route = "", query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  const selectorText = params.get("labelSelector") ?? "";
  const selector = selectorText ? parseLabelSelector(selectorText) : undefined;
  const parts = route.split("/").filter(Boolean).slice(3);
  const created = timestamp(nowMs);
  const nodeMetrics = (node: KubeObject) => {
    const u = storage.nodeUsage(node.metadata.name ?? "");
    if (!u) return undefined;
    return {
      metadata: { name: node.metadata.name, creationTimestamp: created, labels: node.metadata.labels ?? {} },
      timestamp: timestamp(u.timestampMs),
      window: goDuration(u.windowMs),
      usage: usageList(u),
    };
  };
  const podMetrics = (pod: KubeObject) => {
    const ns = pod.metadata.namespace ?? "";
    const containers = storage.podUsage(ns, pod.metadata.name ?? "");
    if (!containers?.length) return undefined;
    const first = (containers[0] as { usage: Usage }).usage;
    return {
      metadata: {
        name: pod.metadata.name,
        namespace: ns,
        creationTimestamp: created,
        labels: pod.metadata.labels ?? {},
      },
      timestamp: timestamp(first.timestampMs),
      window: goDuration(first.windowMs),
      containers: containers.map((c) => ({ name: c.container, usage: usageList(c.usage) })),
    };
  };
  const list = (kind: string, items: unknown[]) =>
    JSON.stringify({ kind, apiVersion: METRICS_GROUP_VERSION, metadata: {}, items });
  const ok = (body: string): ApiResponse => ({ status: 200, body });
  if (parts.length === 0)
    return ok(
      JSON.stringify({
        kind: "APIResourceList",
        apiVersion: "v1",
        groupVersion: METRICS_GROUP_VERSION,
        resources: [
          { name: "nodes", singularName: "", namespaced: false, kind: "NodeMetrics", verbs: ["get", "list"] },
          { name: "pods", singularName: "", namespaced: true, kind: "PodMetrics", verbs: ["get", "list"] },
        ],
      }),
    );
  if (parts[0] === "nodes") {
    if (parts[1] !== undefined) {
      const node = api.get("Node", undefined, parts[1]);
      const m = node && nodeMetrics(node);
      return m
        ? ok(JSON.stringify({ kind: "NodeMetrics", apiVersion: METRICS_GROUP_VERSION, ...m }))
        : notFound("nodemetrics", parts[1]);
    }
    const nodes = api
      .list("Node", {})
      .filter((n) => !selector || matchesSelector(selector, n.metadata.labels));
    return ok(list("NodeMetricsList", nodes.map(nodeMetrics).filter(Boolean)));
  }
  let namespace: string | undefined;
  let rest = parts;
  if (parts[0] === "namespaces" && parts[1] !== undefined) {
    namespace = parts[1];
    rest = parts.slice(2);
  }
  if (rest[0] === "pods") {
    if (rest[1] !== undefined && namespace !== undefined) {
      const pod = api.get("Pod", namespace, rest[1]);
      const m = pod && podMetrics(pod);
      return m
        ? ok(JSON.stringify({ kind: "PodMetrics", apiVersion: METRICS_GROUP_VERSION, ...m }))
        : notFound("podmetrics", `${namespace}/${rest[1]}`);
    }
    const pods = api
      .list("Pod", namespace !== undefined ? { namespace } : {})
      .filter((p) => !selector || matchesSelector(selector, p.metadata.labels));
    return ok(list("PodMetricsList", pods.map(podMetrics).filter(Boolean)));
  }
  return { status: 404, body: "404 page not found\n" };
}
