/**
 * computeReplicasForMetrics of the HPA controller (pkg/controller/podautoscaler/horizontal.go,
 * release-1.32): every metric of the spec proposes a replica count and a status; the largest
 * proposal wins. Resource and ContainerResource metrics read metrics.k8s.io (metrics-server);
 * Pods, Object and External metrics need a custom or external metrics adapter, which a kubeadm
 * cluster does not have, so they fail as they do there.
 */
import type { Pod } from "../../api/kinds";
import { parseLabelSelector } from "../../api/selectors";
import { formatQuantity, milliValue } from "../../apiserver/quantity";
import type { Cluster } from "../../cluster";
import { clusterNetwork } from "../../kubelet/network";
import { getResourceMetric, listPodMetrics, type PodMetricsItem } from "./metrics-client";
import { invalidMetricsError, MSG_UNABLE_TO_COMPUTE, metricFailure } from "./reasons";
import { plainMetricReplicas, type ReplicaCalcOptions, resourceReplicas } from "./replica-calculator";

// biome-ignore lint/suspicious/noExplicitAny: metric specs and statuses are open JSON
type Any = any;

/** The ScalingActive condition computeReplicasForMetrics leaves, and the events it records. */
export interface MetricsOutcome {
  /** The proposal; -1 when the metrics cannot decide (the condition says why). */
  replicas: number;
  /** The winning metric's description ("cpu resource utilization (percentage of request)"). */
  metric: string;
  /** status.currentMetrics, one per spec metric ({type: ""} for one that failed). */
  statuses: Any[];
  condition: { status: "True" | "False"; reason: string; message: string };
  /** Warning events (reason, message) in the order the controller records them. */
  warnings: [string, string][];
  /** The FailedComputeMetricsReplicas error when every metric (or a scale-down's one) failed. */
  error?: string;
}

/** ScalingActive True's message, with the metric. */
export const MSG_VALID_METRIC_FOUND = "the HPA was able to successfully calculate a replica count from ";

/** Reads pod metrics once per namespace and selector within one sync. */
export interface MetricsSource {
  list(namespace: string, selector: string): { items: PodMetricsItem[] } | { error: string };
}

/** The live source: the aggregated Metrics API as the API server proxies it. */
export function liveMetricsSource(cluster: Cluster): MetricsSource {
  return {
    list: (namespace, selector) =>
      listPodMetrics(cluster.api, clusterNetwork(cluster.api), namespace, selector),
  };
}

interface Proposal {
  replicas: number;
  metric: string;
  status: Any;
}

type Failure = { reason: string; error: string; wrapped: string };

function resourceProposal(
  src: Any,
  type: "Resource" | "ContainerResource",
  specReplicas: number,
  namespace: string,
  selector: string,
  pods: readonly Pod[],
  source: MetricsSource,
  options: ReplicaCalcOptions,
): Proposal | Failure {
  const name: string = src?.name ?? "";
  const container: string = type === "ContainerResource" ? (src?.container ?? "") : "";
  const reason = type === "Resource" ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
  const wrap = (error: string): Failure => ({
    reason,
    error,
    wrapped:
      type === "Resource"
        ? `failed to get ${name} resource metric value: ${error}`
        : `failed to get ${container} container metric value: ${error}`,
  });
  const target = src?.target ?? {};
  const statusOf = (current: Any) =>
    type === "Resource"
      ? { type, resource: { name, current } }
      : { type, containerResource: { name, container, current } };
  if (target.averageValue !== undefined && target.averageValue !== null) {
    const fetched = getResourceMetric(source.list(namespace, selector), name, container);
    const r =
      "error" in fetched
        ? fetched
        : plainMetricReplicas(specReplicas, milliValue(target.averageValue), name, pods, fetched, options);
    if ("error" in r) return wrap(`failed to get ${name} usage: ${r.error}`);
    return {
      replicas: r.replicas,
      metric: `${name} resource`,
      status: statusOf({ averageValue: milliQuantity(r.usage) }),
    };
  }
  if (typeof target.averageUtilization !== "number")
    return wrap(
      "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set",
    );
  const fetched = getResourceMetric(source.list(namespace, selector), name, container);
  const r =
    "error" in fetched
      ? fetched
      : resourceReplicas(specReplicas, target.averageUtilization, name, container, pods, fetched, options);
  if ("error" in r) return wrap(`failed to get ${name} utilization: ${r.error}`);
  return {
    replicas: r.replicas,
    metric:
      type === "Resource"
        ? `${name} resource utilization (percentage of request)`
        : `${name} container resource utilization (percentage of request)`,
    status: statusOf({ averageValue: milliQuantity(r.rawUtilization), averageUtilization: r.utilization }),
  };
}

/** resource.NewMilliQuantity(v, DecimalSI).String(). */
function milliQuantity(milli: number): string {
  return formatQuantity(milli / 1000);
}

/**
 * computeReplicasForMetrics for an HPA whose target has specReplicas and selector (the scale's
 * status.selector); pods are the selector's pods in the HPA's namespace.
 */
export function computeReplicasForMetrics(
  namespace: string,
  metricSpecs: readonly Any[],
  specReplicas: number,
  selector: string,
  pods: readonly Pod[],
  source: MetricsSource,
  options: ReplicaCalcOptions,
): MetricsOutcome {
  const statuses: Any[] = metricSpecs.map(() => ({ type: "" }));
  const warnings: [string, string][] = [];
  let replicas = 0;
  let metric = "";
  let invalid = 0;
  let first: Failure | undefined;
  metricSpecs.forEach((spec, i) => {
    let r: Proposal | Failure;
    if (spec?.type === "Resource" || spec?.type === "ContainerResource") {
      const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
      r = resourceProposal(src, spec.type, specReplicas, namespace, selector, pods, source, options);
    } else {
      r = metricFailure(spec);
    }
    if ("error" in r) {
      warnings.push([r.reason, r.error]);
      if (!first) first = r;
      invalid++;
      return;
    }
    statuses[i] = r.status;
    if (replicas === 0 || r.replicas > replicas) {
      replicas = r.replicas;
      metric = r.metric;
    }
  });
  const error = first ? invalidMetricsError(invalid, metricSpecs.length, first.wrapped) : undefined;
  if (first && (invalid >= metricSpecs.length || replicas < specReplicas))
    return {
      replicas: -1,
      metric: "",
      statuses,
      warnings,
      error,
      condition: { status: "False", reason: first.reason, message: MSG_UNABLE_TO_COMPUTE + first.error },
    };
  return {
    replicas,
    metric,
    statuses,
    warnings,
    error,
    condition: { status: "True", reason: "ValidMetricFound", message: MSG_VALID_METRIC_FOUND + metric },
  };
}

/** The selector's pods in namespace (the podLister's List). */
export function selectedPods(cluster: Cluster, namespace: string, selector: string): Pod[] {
  return cluster.api.list("Pod", { namespace, labelSelector: parseLabelSelector(selector) }) as Pod[];
}
