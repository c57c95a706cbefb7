// The HPA controller on a cluster without metrics-server. Reasons and messages are those of
// pkg/controller/podautoscaler/horizontal.go (reconcileAutoscaler, computeReplicasForMetrics,
// getUnableComputeReplicaCountCondition) and replica_calculator.go / metrics/rest_metrics_client.go
// when listing pods.metrics.k8s.io answers 404.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../../../testing/test-cluster";
import {
  ABOVE_MAX_REPLICAS,
  BELOW_MIN_REPLICAS,
  boundsDecision,
  HPA_SYNC_PERIOD_SECONDS,
  invalidMetricsError,
  metricFailure,
} from "./reasons";

const CPU_ERROR =
  "failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";

describe("boundsDecision (reconcileAutoscaler's first branch)", () => {
  it.each([
    [0, 1, 5, { kind: "disabled" }],
    [7, 1, 5, { kind: "rescale", desired: 5, reason: ABOVE_MAX_REPLICAS }],
    [1, 2, 5, { kind: "rescale", desired: 2, reason: BELOW_MIN_REPLICAS }],
    [3, 2, 5, { kind: "metrics" }],
    [5, 5, 5, { kind: "metrics" }],
  ])("current %i, min %i, max %i", (current, min, max, want) => {
    expect(boundsDecision(current, min, max)).toEqual(want);
  });
});

describe("metricFailure", () => {
  it("wraps the resource metrics error as computeReplicasForMetric does", () => {
    const f = metricFailure({
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
    });
    expect(f.reason).toBe("FailedGetResourceMetric");
    expect(f.error).toBe(CPU_ERROR);
    expect(invalidMetricsError(1, 1, f.wrapped)).toBe(
      `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${CPU_ERROR}`,
    );
    expect(
      metricFailure({
        type: "Resource",
        resource: { name: "memory", target: { type: "AverageValue", averageValue: "1Gi" } },
      }).error,
    ).toMatch(/^failed to get memory usage: unable to get metrics for resource memory: /);
  });
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;

function events(t: TestCluster, reason: string): { message: string; count?: number }[] {
  return t.cluster.api
    .list("Event", { namespace: "default" })
    .filter((e) => e.involvedObject?.kind === "HorizontalPodAutoscaler" && e.reason === reason)
    .map((e) => ({ message: e.message, count: e.count }));
}

describe("the HPA controller", () => {
  it("first syncs one period after creation, raises replicas to minReplicas, then reports missing metrics", () => {
    const t = new TestCluster();
    t.apply(WEB);
    t.kubectl("autoscale deployment web --min=2 --max=5 --cpu-percent=80");
    t.advance(HPA_SYNC_PERIOD_SECONDS - 1);
    expect(t.cluster.api.get("Deployment", "default", "web")?.spec?.replicas).toBe(1);
    t.advance(1);
    expect(t.cluster.api.get("Deployment", "default", "web")?.spec?.replicas).toBe(2);
    expect(events(t, "SuccessfulRescale")).toEqual([
      { message: "New size: 2; reason: Current number of replicas below Spec.MinReplicas", count: 1 },
    ]);
    let status = t.cluster.api.get("HorizontalPodAutoscaler", "default", "web")?.status;
    expect(status.currentReplicas).toBe(1);
    expect(status.desiredReplicas).toBe(2);
    expect(status.conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`)).toEqual([
      "AbleToScale/SucceededRescale",
    ]);

    t.advance(HPA_SYNC_PERIOD_SECONDS * 4);
    status = t.cluster.api.get("HorizontalPodAutoscaler", "default", "web")?.status;
    expect(status.currentReplicas).toBe(2);
    expect(status.currentMetrics).toEqual([{ type: "" }]);
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: "AbleToScale", status: "True", reason: "SucceededGetScale" }),
      expect.objectContaining({
        type: "ScalingActive",
        status: "False",
        reason: "FailedGetResourceMetric",
        message: `the HPA was unable to compute the replica count: ${CPU_ERROR}`,
      }),
    ]);
    expect(events(t, "FailedGetResourceMetric")).toEqual([{ message: CPU_ERROR, count: 4 }]);
    expect(events(t, "FailedComputeMetricsReplicas")[0]?.count).toBe(4);
    expect(t.kubectl("get hpa web --no-headers").stdout).toMatch(
      /^web\s+Deployment\/web\s+cpu: <unknown>\/80%\s+2\s+5\s+2\s+/,
    );
  });

  it("brings replicas down to maxReplicas and leaves a target at zero alone", () => {
    const t = new TestCluster();
    t.apply(WEB);
    t.kubectl("autoscale deployment web --max=3");
    t.kubectl("scale deployment web --replicas=6");
    t.advance(HPA_SYNC_PERIOD_SECONDS);
    expect(t.cluster.api.get("Deployment", "default", "web")?.spec?.replicas).toBe(3);
    expect(events(t, "SuccessfulRescale")[0]?.message).toBe(
      "New size: 3; reason: Current number of replicas above Spec.MaxReplicas",
    );
    t.kubectl("scale deployment web --replicas=0");
    t.advance(HPA_SYNC_PERIOD_SECONDS);
    expect(t.cluster.api.get("Deployment", "default", "web")?.spec?.replicas).toBe(0);
    const scalingActive = t.cluster.api
      .get("HorizontalPodAutoscaler", "default", "web")
      ?.status.conditions.find((c: { type: string }) => c.type === "ScalingActive");
    expect(scalingActive).toMatchObject({ status: "False", reason: "ScalingDisabled" });
  });

  it("reports a target it cannot find (FailedGetScale)", () => {
    const t = new TestCluster();
    t.sh(
      "kubectl create -f - <<EOF\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ghost}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ghost}, maxReplicas: 2}\nEOF",
    );
    t.advance(HPA_SYNC_PERIOD_SECONDS);
    expect(events(t, "FailedGetScale")).toEqual([
      { message: 'deployments.apps "ghost" not found', count: 1 },
    ]);
    const able = t.cluster.api.get("HorizontalPodAutoscaler", "default", "ghost")?.status.conditions[0];
    expect(able).toMatchObject({
      type: "AbleToScale",
      status: "False",
      reason: "FailedGetScale",
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found`,
    });
  });
});
