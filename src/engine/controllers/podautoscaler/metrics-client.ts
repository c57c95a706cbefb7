/**
 * The HPA's resource metrics client (pkg/controller/podautoscaler/metrics/client.go, release-1.32):
 * lists PodMetrics of the target's pods from metrics.k8s.io through the API server's aggregator
 * and sums each pod's containers' usage (or takes one container's) as milli-values.
 */
import type { MemoryStore } from "../../api/store";
import { apiServiceFor, proxyGet } from "../../apiserver/aggregator";
import { milliValue } from "../../apiserver/quantity";
import type { ClusterNetwork } from "../../kubelet/network";
import { RESOURCE_METRICS_NOT_FOUND } from "./reasons";
import type { PodMetricsInfo } from "./replica-calculator";

/** What the aggregator's 503 becomes in client-go's words. */
export const RESOURCE_METRICS_UNAVAILABLE =
  "the server is currently unable to handle the request (get pods.metrics.k8s.io)";

/** GetResourceMetric's error when the list is empty. */
export const NO_METRICS_RETURNED = "no metrics returned from resource metrics API";

/** A PodMetrics item as metrics-server serves it. */
export interface PodMetricsItem {
  metadata: { name?: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers?: { name?: string; usage?: Record<string, string> }[];
}

/** A Go duration as metrics-server prints a window ("15s", "1m0s", "20.5s") in milliseconds. */
export function parseGoDuration(text: string | undefined): number {
  if (!text) return 0;
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    const n = Number(m[1]);
    const unit = m[2];
    ms +=
      unit === "h"
        ? n * 3_600_000
        : unit === "m"
          ? n * 60_000
          : unit === "s"
            ? n * 1000
            : unit === "ms"
              ? n
              : unit === "ns"
                ? n / 1e6
                : n / 1000;
  }
  return ms;
}

/**
 * getPodMetrics / getContainerMetrics: each pod's usage of resource in milli-units; a pod missing
 * the resource in any container (or with none) is left out; with container, only that one counts.
 */
export function podMetricsFromList(
  items: readonly PodMetricsItem[],
  resource: string,
  container: string,
): { metrics: PodMetricsInfo; timestampMs: number } | { error: string } {
  if (items.length === 0) return { error: NO_METRICS_RETURNED };
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    const timestampMs = m.timestamp ? Date.parse(m.timestamp) : 0;
    const windowMs = parseGoDuration(m.window);
    const name = m.metadata.name ?? "";
    const containers = m.containers ?? [];
    if (container !== "") {
      const c = containers.find((x) => x.name === container);
      const q = c?.usage?.[resource];
      if (q !== undefined) metrics.set(name, { timestampMs, windowMs, value: milliValue(q) });
      continue;
    }
    let sum = 0;
    let missing = containers.length === 0;
    for (const c of containers) {
      const q = c.usage?.[resource];
      if (q === undefined) {
        missing = true;
        break;
      }
      sum += milliValue(q);
    }
    if (!missing) metrics.set(name, { timestampMs, windowMs, value: sum });
  }
  const first = items[0]?.timestamp;
  return { metrics, timestampMs: first ? Date.parse(first) : 0 };
}

/**
 * Lists PodMetrics in namespace matching selector through the aggregated metrics.k8s.io API, or
 * the error client-go gives (not found without the APIService, unavailable without a backend).
 */
export function listPodMetrics(
  api: MemoryStore,
  network: ClusterNetwork,
  namespace: string,
  selector: string,
): { items: PodMetricsItem[] } | { error: string } {
  const svc = apiServiceFor(api, "metrics.k8s.io", "v1beta1");
  if (!svc) return { error: RESOURCE_METRICS_NOT_FOUND };
  const path = `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(selector)}`;
  const res = proxyGet(api, network, svc, path);
  if (res.status === 503) return { error: RESOURCE_METRICS_UNAVAILABLE };
  if (res.status !== 200) return { error: RESOURCE_METRICS_NOT_FOUND };
  const body = JSON.parse(res.body) as { items?: PodMetricsItem[] };
  return { items: body.items ?? [] };
}

/** GetResourceMetric: the pods' metrics for resource, or its error as the calculator wraps it. */
export function getResourceMetric(
  listed: { items: PodMetricsItem[] } | { error: string },
  resource: string,
  container: string,
): { metrics: PodMetricsInfo; timestampMs: number } | { error: string } {
  if ("error" in listed)
    return {
      error: `unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${listed.error}`,
    };
  const r = podMetricsFromList(listed.items, resource, container);
  return "error" in r ? { error: `unable to get metrics for resource ${resource}: ${r.error}` } : r;
}
