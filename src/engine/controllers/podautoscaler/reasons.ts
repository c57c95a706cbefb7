/**
 * The texts of the HPA controller (pkg/controller/podautoscaler/horizontal.go, replica_calculator.go,
 * metrics/client.go), v1.32, and the errors a cluster without metrics-server gives it.
 */

/** The event source of the HPA controller. */
export const HPA_COMPONENT = "horizontal-pod-autoscaler";

/** --horizontal-pod-autoscaler-sync-period's default: each HPA is reconciled this often. */
export const HPA_SYNC_PERIOD_SECONDS = 15;

/** Rescale reasons (SuccessfulRescale "New size: N; reason: ..."). */
export const ABOVE_MAX_REPLICAS = "Current number of replicas above Spec.MaxReplicas";
export const BELOW_MIN_REPLICAS = "Current number of replicas below Spec.MinReplicas";
export const ALL_METRICS_BELOW_TARGET = "All metrics below target";

/** What listing pods.metrics.k8s.io answers when no metrics-server registered the Metrics API. */
export const RESOURCE_METRICS_NOT_FOUND =
  "the server could not find the requested resource (get pods.metrics.k8s.io)";

/** What the custom metrics client answers when no adapter registered custom.metrics.k8s.io. */
export const CUSTOM_METRICS_NOT_REGISTERED = "no custom metrics API (custom.metrics.k8s.io) registered";

/** What the external metrics client answers when no adapter registered external.metrics.k8s.io. */
export const EXTERNAL_METRICS_NOT_REGISTERED = "no external metrics API (external.metrics.k8s.io) registered";

/** Condition messages. */
export const MSG_SUCCEEDED_GET_SCALE = "the HPA controller was able to get the target's current scale";
export const MSG_FAILED_GET_SCALE = "the HPA controller was unable to get the target's current scale: ";
export const MSG_SCALING_DISABLED = "scaling is disabled since the replica count of the target is zero";
export const MSG_UNABLE_TO_COMPUTE = "the HPA was unable to compute the replica count: ";
export const MSG_SUCCEEDED_RESCALE = "the HPA controller was able to update the target scale to ";
export const MSG_FAILED_UPDATE_SCALE = "the HPA controller was unable to update the target scale: ";
export const MSG_MISSING_SELECTOR = "the HPA target's scale is missing a selector";

/** A metric that could not be read: the ScalingActive reason and the error, as computeReplicasForMetric wraps it. */
export interface MetricFailure {
  reason: string;
  /** The error the metric's getter returned (the FailedGet*Metric event's message). */
  error: string;
  /** The same, wrapped by computeReplicasForMetric (what FailedComputeMetricsReplicas quotes). */
  wrapped: string;
}

// biome-ignore lint/suspicious/noExplicitAny: metric specs are open JSON
type Any = any;

/**
 * Why metric spec m cannot be read on a cluster without metrics-server or metrics adapters
 * (computeReplicasForMetric and the computeStatusFor*Metric functions).
 */
export function metricFailure(m: Any): MetricFailure {
  switch (m?.type) {
    case "Resource":
    case "ContainerResource": {
      const src = m.type === "Resource" ? m.resource : m.containerResource;
      const name = src?.name ?? "";
      const inner = `unable to get metrics for resource ${name}: unable to fetch metrics from resource metrics API: ${RESOURCE_METRICS_NOT_FOUND}`;
      const error =
        src?.target?.averageUtilization !== undefined
          ? `failed to get ${name} utilization: ${inner}`
          : `failed to get ${name} usage: ${inner}`;
      return m.type === "Resource"
        ? {
            reason: "FailedGetResourceMetric",
            error,
            wrapped: `failed to get ${name} resource metric value: ${error}`,
          }
        : {
            reason: "FailedGetContainerResourceMetric",
            error,
            wrapped: `failed to get ${name} container metric value: ${error}`,
          };
    }
    case "Pods": {
      const error = `unable to get metric ${m.pods?.metric?.name ?? ""}: unable to fetch metrics from custom metrics API: ${CUSTOM_METRICS_NOT_REGISTERED}`;
      return { reason: "FailedGetPodsMetric", error, wrapped: `failed to get pods metric value: ${error}` };
    }
    case "Object": {
      const error = `unable to get metric ${m.object?.metric?.name ?? ""}: unable to fetch metrics from custom metrics API: ${CUSTOM_METRICS_NOT_REGISTERED}`;
      return {
        reason: "FailedGetObjectMetric",
        error,
        wrapped: `failed to get object metric value: ${error}`,
      };
    }
    case "External": {
      const error = `unable to get external metric ${m.external?.metric?.name ?? ""}: unable to fetch metrics from external metrics API: ${EXTERNAL_METRICS_NOT_REGISTERED}`;
      return {
        reason: "FailedGetExternalMetric",
        error,
        wrapped: `failed to get external metric value: ${error}`,
      };
    }
    default: {
      const error = `unknown metric source type "${m?.type ?? ""}"`;
      return { reason: "InvalidMetricSourceType", error, wrapped: error };
    }
  }
}

/** computeReplicasForMetrics' error when every metric failed. */
export function invalidMetricsError(invalid: number, total: number, first: string): string {
  return `invalid metrics (${invalid} invalid out of ${total}), first error is: ${first}`;
}

/**
 * The rescale decision of reconcileAutoscaler before metrics are read: disabled at zero
 * replicas, clamped into [minReplicas, maxReplicas], or "metrics decide".
 */
export type ScaleDecision =
  | { kind: "disabled" }
  | { kind: "rescale"; desired: number; reason: string }
  | { kind: "metrics" };

/** reconcileAutoscaler's first branch: what the replica bounds alone decide. */
export function boundsDecision(current: number, minReplicas: number, maxReplicas: number): ScaleDecision {
  if (current === 0 && minReplicas !== 0) return { kind: "disabled" };
  if (current > maxReplicas) return { kind: "rescale", desired: maxReplicas, reason: ABOVE_MAX_REPLICAS };
  if (current < minReplicas) return { kind: "rescale", desired: minReplicas, reason: BELOW_MIN_REPLICAS };
  return { kind: "metrics" };
}
