/**
 * Conversion of built-in objects written in an older served version to the version the API
 * server stores: autoscaling/v1 HorizontalPodAutoscalers (pkg/apis/autoscaling/v1/conversion.go,
 * release-1.32) become autoscaling/v2 ones, targetCPUUtilizationPercentage a CPU Utilization
 * metric, and the round-trip annotations (behavior, other metrics) their v2 fields.
 */
import type { ResourceInfo } from "./resources";
import type { KubeObject } from "./types";

// biome-ignore lint/suspicious/noExplicitAny: objects are open JSON here
type Json = any;

/** The annotations autoscaling/v1 keeps v2-only fields in. */
export const HPA_METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
export const HPA_BEHAVIOR_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";
export const HPA_METRIC_STATUSES_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";
export const HPA_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

const ROUND_TRIP_ANNOTATIONS = [
  HPA_METRIC_SPECS_ANNOTATION,
  HPA_BEHAVIOR_SPECS_ANNOTATION,
  HPA_METRIC_STATUSES_ANNOTATION,
  HPA_CONDITIONS_ANNOTATION,
];

function parseAnnotation(obj: KubeObject, key: string): Json {
  const text = obj.metadata?.annotations?.[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, into an autoscaling/v2 object. */
export function horizontalPodAutoscalerV1ToV2(v1: KubeObject): KubeObject {
  const spec: Json = (v1 as Json).spec ?? {};
  const metrics: Json[] = [];
  if (typeof spec.targetCPUUtilizationPercentage === "number")
    metrics.push({
      type: "Resource",
      resource: {
        name: "cpu",
        target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage },
      },
    });
  const other = parseAnnotation(v1, HPA_METRIC_SPECS_ANNOTATION);
  if (Array.isArray(other)) metrics.push(...other);
  const outSpec: Json = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) outSpec.minReplicas = spec.minReplicas;
  outSpec.maxReplicas = spec.maxReplicas;
  if (metrics.length) outSpec.metrics = metrics;
  const behavior = parseAnnotation(v1, HPA_BEHAVIOR_SPECS_ANNOTATION);
  if (behavior && typeof behavior === "object") outSpec.behavior = behavior;
  const out: Json = { ...v1, apiVersion: "autoscaling/v2", spec: outSpec };
  const status: Json = (v1 as Json).status;
  if (status && typeof status === "object") {
    const s: Json = {};
    if (status.observedGeneration !== undefined) s.observedGeneration = status.observedGeneration;
    if (status.lastScaleTime !== undefined) s.lastScaleTime = status.lastScaleTime;
    if (status.currentReplicas !== undefined) s.currentReplicas = status.currentReplicas;
    s.desiredReplicas = status.desiredReplicas ?? 0;
    const current = parseAnnotation(v1, HPA_METRIC_STATUSES_ANNOTATION);
    if (Array.isArray(current)) s.currentMetrics = current;
    else if (typeof status.currentCPUUtilizationPercentage === "number")
      s.currentMetrics = [
        {
          type: "Resource",
          resource: { name: "cpu", current: { averageUtilization: status.currentCPUUtilizationPercentage } },
        },
      ];
    const conditions = parseAnnotation(v1, HPA_CONDITIONS_ANNOTATION);
    if (Array.isArray(conditions)) s.conditions = conditions;
    out.status = s;
  }
  const annotations = { ...(v1.metadata?.annotations ?? {}) };
  for (const k of ROUND_TRIP_ANNOTATIONS) delete annotations[k];
  out.metadata = { ...v1.metadata };
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  else delete out.metadata.annotations;
  return out as KubeObject;
}

/**
 * The object in res's own version: converted when it was written in one of the older versions
 * res also serves, unchanged otherwise.
 */
export function toStorageVersion(obj: KubeObject, res: ResourceInfo): KubeObject {
  if (!res.alsoServed || !obj?.apiVersion) return obj;
  if (res.kind === "HorizontalPodAutoscaler" && obj.apiVersion === "autoscaling/v1")
    return horizontalPodAutoscalerV1ToV2(obj);
  return obj;
}

/** Whether metric m is the one autoscaling/v1 has a field for: a CPU Utilization Resource metric. */
function isCpuUtilization(m: Json): boolean {
  return (
    m?.type === "Resource" &&
    m.resource?.name === "cpu" &&
    typeof m.resource?.target?.averageUtilization === "number"
  );
}

/**
 * Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler: the autoscaling/v1
 * view of a stored object; what v1 has no field for rides in the round-trip annotations (kept in
 * v2's shape here, as only this converter reads them back).
 */
export function horizontalPodAutoscalerV2ToV1(v2: KubeObject): KubeObject {
  const spec: Json = (v2 as Json).spec ?? {};
  const metrics: Json[] = spec.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  const other = metrics.filter((m) => !isCpuUtilization(m));
  const outSpec: Json = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) outSpec.minReplicas = spec.minReplicas;
  outSpec.maxReplicas = spec.maxReplicas;
  if (cpu) outSpec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const annotations: Record<string, string> = { ...(v2.metadata?.annotations ?? {}) };
  if (other.length) annotations[HPA_METRIC_SPECS_ANNOTATION] = JSON.stringify(other);
  if (spec.behavior) annotations[HPA_BEHAVIOR_SPECS_ANNOTATION] = JSON.stringify(spec.behavior);
  const out: Json = { ...v2, apiVersion: "autoscaling/v1", spec: outSpec };
  const status: Json = (v2 as Json).status;
  if (status && typeof status === "object") {
    const s: Json = {};
    if (status.observedGeneration !== undefined) s.observedGeneration = status.observedGeneration;
    if (status.lastScaleTime !== undefined) s.lastScaleTime = status.lastScaleTime;
    if (status.currentReplicas !== undefined) s.currentReplicas = status.currentReplicas;
    s.desiredReplicas = status.desiredReplicas ?? 0;
    const current: Json[] = status.currentMetrics ?? [];
    const cpuNow = current.find(
      (m) =>
        m?.type === "Resource" &&
        m.resource?.name === "cpu" &&
        m.resource?.current?.averageUtilization !== undefined,
    );
    if (cpuNow) s.currentCPUUtilizationPercentage = cpuNow.resource.current.averageUtilization;
    if (current.length) annotations[HPA_METRIC_STATUSES_ANNOTATION] = JSON.stringify(current);
    if (status.conditions?.length) annotations[HPA_CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions);
    out.status = s;
  }
  out.metadata = { ...v2.metadata };
  if (Object.keys(annotations).length) out.metadata.annotations = annotations;
  return out as KubeObject;
}

/** The stored object as a client that asked for apiVersion sees it (an older version res also serves). */
export function toServedVersion(obj: KubeObject, res: ResourceInfo, apiVersion: string): KubeObject {
  if (!res.alsoServed || obj.apiVersion === apiVersion) return obj;
  if (res.kind === "HorizontalPodAutoscaler" && apiVersion === "autoscaling/v1")
    return horizontalPodAutoscalerV2ToV1(obj);
  return obj;
}
