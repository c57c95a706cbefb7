/**
 * autoscaling/v1 → v2 conversion of HorizontalPodAutoscalers, after
 * pkg/apis/autoscaling/v1/conversion.go (Convert_v1_HorizontalPodAutoscaler_To_autoscaling_...):
 * the CPU target becomes a Utilization metric, the round-trip annotations become fields.
 */
import { describe, expect, it } from "vitest";
import {
  HPA_BEHAVIOR_SPECS_ANNOTATION,
  horizontalPodAutoscalerV1ToV2,
  horizontalPodAutoscalerV2ToV1,
} from "./conversion";
import type { KubeObject } from "./types";

const ref = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };

describe("horizontalPodAutoscalerV1ToV2", () => {
  it("turns targetCPUUtilizationPercentage into a CPU Utilization metric", () => {
    const v2 = horizontalPodAutoscalerV1ToV2({
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web", namespace: "default" },
      spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
    } as KubeObject);
    expect(v2).toEqual({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web", namespace: "default" },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
          },
        ],
      },
    });
  });

  it("leaves the metrics to defaulting when no CPU target is given, and takes behavior from its annotation", () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    const v2 = horizontalPodAutoscalerV1ToV2({
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: {
        name: "web",
        annotations: { [HPA_BEHAVIOR_SPECS_ANNOTATION]: JSON.stringify(behavior), team: "a" },
      },
      spec: { scaleTargetRef: ref, maxReplicas: 5 },
    } as KubeObject) as KubeObject & { spec: Record<string, unknown> };
    expect(v2.spec).toEqual({ scaleTargetRef: ref, maxReplicas: 5, behavior });
    expect(v2.metadata.annotations).toEqual({ team: "a" });
  });

  it("round-trips a v2 object through its v1 view: the CPU target as the field, the rest in annotations", () => {
    const v2 = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "web", namespace: "default" },
      spec: {
        scaleTargetRef: ref,
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
          },
          {
            type: "Resource",
            resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } },
          },
        ],
        behavior: { scaleUp: { stabilizationWindowSeconds: 30 } },
      },
    } as KubeObject;
    const v1 = horizontalPodAutoscalerV2ToV1(v2) as KubeObject & { spec: Record<string, unknown> };
    expect(v1.apiVersion).toBe("autoscaling/v1");
    expect(v1.spec).toEqual({
      scaleTargetRef: ref,
      minReplicas: 1,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 50,
    });
    expect(horizontalPodAutoscalerV1ToV2(v1)).toEqual(v2);
  });
});
