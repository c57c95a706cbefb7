/**
 * The HPA's replica calculator for pod metrics (pkg/controller/podautoscaler/replica_calculator.go
 * and metrics/utilization.go, release-1.32): group the target's pods into ready, unready, missing
 * and ignored, compare their usage with the target, and propose a replica count, treating missing
 * pods as 0% on a scale-up and 100% on a scale-down, and unready pods as 0% on a scale-up.
 */
import type { Pod } from "../../api/kinds";
import { milliValue } from "../../apiserver/quantity";

/** One pod's metric (metricsclient.PodMetric): a milli-value, when it was sampled and over how long. */
export interface PodMetric {
  timestampMs: number;
  windowMs: number;
  value: number;
}

/** Metrics by pod name (metricsclient.PodMetricsInfo). */
export type PodMetricsInfo = Map<string, PodMetric>;

/** The calculator's settings (kube-controller-manager flags). */
export interface ReplicaCalcOptions {
  /** --horizontal-pod-autoscaler-tolerance. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period. */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay. */
  delayOfInitialReadinessStatusMs: number;
  /** time.Now(). */
  nowMs: number;
}

/** kube-controller-manager's defaults: 10% tolerance, 5 min CPU initialization, 30 s readiness delay. */
export const DEFAULT_REPLICA_CALC_OPTIONS: Omit<ReplicaCalcOptions, "nowMs"> = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

/** A proposal, or the error the calculator returns. */
export type ReplicaProposal<T> = ({ replicas: number; timestampMs: number } & T) | { error: string };

/** Error texts. */
export const ERR_NO_PODS = "no pods returned by selector while calculating replica count";
export const ERR_NO_READY_METRICS = "did not receive metrics for targeted pods (pods might be unready)";
export const ERR_DISJOINT = "no metrics returned matched known pods";

/** groupPods: the ready count and the names of unready, missing and ignored pods. */
export function groupPods(
  pods: readonly Pod[],
  metrics: PodMetricsInfo,
  resource: string,
  options: Omit<ReplicaCalcOptions, "tolerance">,
): { readyPodCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata.name ?? "";
    const phase = pod.status?.phase;
    if (pod.metadata.deletionTimestamp || phase === "Failed") {
      ignored.add(name);
      continue;
    }
    if (phase === "Pending") {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === "cpu") {
      const condition = pod.status?.conditions?.find((c) => c.type === "Ready");
      const startTime = pod.status?.startTime;
      let isUnready: boolean;
      if (!condition || !startTime) {
        isUnready = true;
      } else {
        const start = Date.parse(startTime);
        const transition = condition.lastTransitionTime
          ? Date.parse(condition.lastTransitionTime)
          : GO_ZERO_MS;
        if (start + options.cpuInitializationPeriodMs > options.nowMs) {
          // Within the initialization period: unready, or no whole window sampled since it turned ready.
          isUnready = condition.status === "False" || metric.timestampMs < transition + metric.windowMs;
        } else {
          // Afterwards: ignored only if it is unready and has never been ready.
          isUnready =
            condition.status === "False" && start + options.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** Go's zero time (an unset metav1.Time), in milliseconds since the epoch. */
export const GO_ZERO_MS = Date.parse("0001-01-01T00:00:00Z");

/**
 * calculateRequests: each pod's request for resource in milli-units, summed over its containers
 * (and restartable init containers), or only container's; an error when one is missing.
 */
export function calculateRequests(
  pods: readonly Pod[],
  container: string,
  resource: string,
): { requests: Map<string, number> } | { error: string } {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const name = pod.metadata.name ?? "";
    const containers = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always"),
    ];
    let request = 0;
    let found = false;
    for (const c of containers) {
      if (container === "" || container === c.name) {
        const q = c.resources?.requests?.[resource];
        if (q === undefined)
          return { error: `missing request for ${resource} in container ${c.name} of Pod ${name}` };
        request += milliValue(q);
      }
      if (container === c.name) {
        found = true;
        break;
      }
    }
    if (container !== "" && !found) return { error: `container ${container} not found in Pod ${name}` };
    requests.set(name, request);
  }
  return { requests };
}

/**
 * GetResourceUtilizationRatio: the usage ratio, the utilization (integer percent of the requests)
 * and the raw average value of the pods that have both a metric and a request.
 */
export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } | { error: string } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return { error: ERR_DISJOINT };
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return {
    ratio: utilization / targetUtilization,
    utilization,
    rawAverage: Math.trunc(metricsTotal / entries),
  };
}

/** GetMetricUsageRatio: the usage ratio and the average usage (milli-units, truncated). */
export function getMetricUsageRatio(
  metrics: PodMetricsInfo,
  targetUsage: number,
): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

function withinTolerance(ratio: number, tolerance: number): boolean {
  return Math.abs(1 - ratio) <= tolerance;
}

/**
 * GetResourceReplicas after the metrics were read: the replicas a utilization target (percent of
 * requests) proposes, with the utilization and raw average value it saw.
 */
export function resourceReplicas(
  currentReplicas: number,
  targetUtilization: number,
  resource: string,
  container: string,
  pods: readonly Pod[],
  fetched: { metrics: PodMetricsInfo; timestampMs: number },
  options: ReplicaCalcOptions,
): ReplicaProposal<{ utilization: number; rawUtilization: number }> {
  if (pods.length === 0) return { error: ERR_NO_PODS };
  const metrics: PodMetricsInfo = new Map(fetched.metrics);
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, options);
  for (const name of ignored) metrics.delete(name);
  for (const name of unready) metrics.delete(name);
  if (metrics.size === 0) return { error: ERR_NO_READY_METRICS };
  const calculated = calculateRequests(pods, container, resource);
  if ("error" in calculated) return calculated;
  const req = calculated.requests;
  const first = getResourceUtilizationRatio(metrics, req, targetUtilization);
  if ("error" in first) return first;
  const { ratio, utilization, rawAverage } = first;
  const ok = (replicas: number) => ({
    replicas,
    utilization,
    rawUtilization: rawAverage,
    timestampMs: fetched.timestampMs,
  });
  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (withinTolerance(ratio, options.tolerance)) return ok(currentReplicas);
    return ok(Math.ceil(ratio * readyPodCount));
  }
  if (missing.size > 0) {
    if (ratio < 1) {
      // On a scale-down a missing pod counts as using its whole request (or the target, over 100%).
      const fallback = Math.max(100, targetUtilization);
      for (const name of missing)
        metrics.set(name, {
          value: Math.trunc(((req.get(name) ?? 0) * fallback) / 100),
          timestampMs: 0,
          windowMs: 0,
        });
    } else if (ratio > 1) {
      for (const name of missing) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
    }
  }
  if (scaleUpWithUnready)
    for (const name of unready) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  const second = getResourceUtilizationRatio(metrics, req, targetUtilization);
  if ("error" in second) return second;
  const next = second.ratio;
  if (withinTolerance(next, options.tolerance) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1))
    return ok(currentReplicas);
  const newReplicas = Math.ceil(next * metrics.size);
  if ((next < 1 && newReplicas > currentReplicas) || (next > 1 && newReplicas < currentReplicas))
    return ok(currentReplicas);
  return ok(newReplicas);
}

/**
 * calcPlainMetricReplicas (GetRawResourceReplicas and GetMetricReplicas): the replicas an average
 * value target (milli-units per pod) proposes, with the average usage it saw.
 */
export function plainMetricReplicas(
  currentReplicas: number,
  targetUsage: number,
  resource: string,
  pods: readonly Pod[],
  fetched: { metrics: PodMetricsInfo; timestampMs: number },
  options: ReplicaCalcOptions,
): ReplicaProposal<{ usage: number }> {
  if (pods.length === 0) return { error: ERR_NO_PODS };
  const metrics: PodMetricsInfo = new Map(fetched.metrics);
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, options);
  for (const name of ignored) metrics.delete(name);
  for (const name of unready) metrics.delete(name);
  if (metrics.size === 0) return { error: ERR_NO_READY_METRICS };
  const { ratio, usage } = getMetricUsageRatio(metrics, targetUsage);
  const ok = (replicas: number) => ({ replicas, usage, timestampMs: fetched.timestampMs });
  const scaleUpWithUnready = unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (withinTolerance(ratio, options.tolerance)) return ok(currentReplicas);
    return ok(Math.ceil(ratio * readyPodCount));
  }
  if (missing.size > 0) {
    // On a scale-down a missing pod counts as using exactly the target; on a scale-up nothing.
    const value = ratio < 1 ? targetUsage : 0;
    if (ratio !== 1) for (const name of missing) metrics.set(name, { value, timestampMs: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready)
    for (const name of unready) metrics.set(name, { value: 0, timestampMs: 0, windowMs: 0 });
  const next = getMetricUsageRatio(metrics, targetUsage).ratio;
  if (withinTolerance(next, options.tolerance) || (ratio < 1 && next > 1) || (ratio > 1 && next < 1))
    return ok(currentReplicas);
  const newReplicas = Math.ceil(next * metrics.size);
  if ((next < 1 && newReplicas > currentReplicas) || (next > 1 && newReplicas < currentReplicas))
    return ok(currentReplicas);
  return ok(newReplicas);
}
