/**
 * The replica calculator's test table, ported from kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator_test.go (TestReplicaCalc* rows for resource and
 * pods metrics, TestGroupPods): the same harness (pods test-pod-N with two containers whose
 * requests are the row's, PodMetrics with one level per container, Go's zero time where the
 * upstream harness leaves a time unset, a one-minute window) and the testing tolerance 0.1, CPU
 * initialization period 2 min and readiness delay 10 s.
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/kinds";
import { formatQuantity } from "../../apiserver/quantity";
import { getResourceMetric, type PodMetricsItem } from "./metrics-client";
import {
  GO_ZERO_MS,
  groupPods,
  type PodMetricsInfo,
  plainMetricReplicas,
  type ReplicaCalcOptions,
  resourceReplicas,
} from "./replica-calculator";

const NOW = Date.parse("2026-01-01T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();
const ZERO = iso(GO_ZERO_MS);
const OPTIONS: ReplicaCalcOptions = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 2 * 60_000,
  delayOfInitialReadinessStatusMs: 10_000,
  nowMs: NOW,
};
const hot = () => iso(NOW);
const cool = () => iso(NOW - 3 * 60_000);
const NUM_CONTAINERS = 2;

interface Row {
  name: string;
  currentReplicas: number;
  expectedReplicas?: number;
  expectedError?: string;
  container?: string;
  podReadiness?: ("True" | "False")[];
  podStartTime?: string[];
  podPhase?: string[];
  podDeletionTimestamp?: boolean[];
  resource?: {
    requests: string[];
    levels: number[][];
    podNames?: string[];
    targetUtilization: number;
    expectedUtilization?: number;
    expectedValue?: number;
  };
  metric?: { levels: number[]; targetUsage: number; expectedUsage: number };
}

const levels = (...values: number[]) => values.map((v) => Array(NUM_CONTAINERS).fill(v));
const ones = (n: number) => Array(n).fill("1.0");

function pods(row: Row): Pod[] {
  const count = Math.max(row.currentReplicas, row.podPhase?.length ?? 0);
  const out: Pod[] = [];
  for (let i = 0; i < count; i++) {
    const request = row.resource?.requests[i];
    const resources = request !== undefined ? { requests: { cpu: request } } : {};
    out.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `test-pod-${i}`,
        namespace: "test-namespace",
        labels: { name: "test-pod" },
        ...(row.podDeletionTimestamp?.[i] ? { deletionTimestamp: iso(NOW) } : {}),
      },
      spec: {
        containers: [
          { name: "container1", resources },
          { name: "container2", resources },
        ],
      },
      status: {
        phase: row.podPhase?.[i] ?? "Running",
        startTime: row.podStartTime?.[i] ?? ZERO,
        conditions: [{ type: "Ready", status: row.podReadiness?.[i] ?? "True" }],
      },
    } as Pod);
  }
  return out;
}

function podMetricsList(row: Row, resource: string): PodMetricsItem[] {
  return (row.resource?.levels ?? []).map((values, i) => ({
    metadata: { name: row.resource?.podNames?.[i] ?? `test-pod-${i}`, namespace: "test-namespace" },
    timestamp: ZERO,
    window: "1m0s",
    // make([]ContainerMetrics, numContainersPerPod): unset entries have no name and no usage.
    containers: Array.from({ length: NUM_CONTAINERS }, (_, j) =>
      values[j] === undefined
        ? {}
        : { name: `container${j + 1}`, usage: { [resource]: formatQuantity((values[j] as number) / 1000) } },
    ),
  }));
}

function run(row: Row) {
  if (row.resource) {
    const fetched = getResourceMetric({ items: podMetricsList(row, "cpu") }, "cpu", row.container ?? "");
    if ("error" in fetched) return fetched;
    const r = resourceReplicas(
      row.currentReplicas,
      row.resource.targetUtilization,
      "cpu",
      row.container ?? "",
      pods(row),
      fetched,
      OPTIONS,
    );
    return r;
  }
  const m = row.metric as NonNullable<Row["metric"]>;
  const metrics: PodMetricsInfo = new Map(
    m.levels.map((v, i) => [`test-pod-${i}`, { value: v, timestampMs: GO_ZERO_MS, windowMs: 0 }]),
  );
  return plainMetricReplicas(
    row.currentReplicas,
    m.targetUsage,
    "",
    pods(row),
    { metrics, timestampMs: GO_ZERO_MS },
    OPTIONS,
  );
}

const ROWS: Row[] = [
  {
    name: "TestReplicaCalcDisjointResourcesMetrics",
    currentReplicas: 1,
    expectedError: "no metrics returned matched known pods",
    resource: {
      requests: ["1.0"],
      levels: levels(100),
      podNames: ["an-older-pod-name"],
      targetUtilization: 100,
    },
  },
  {
    name: "TestReplicaCalcScaleUp",
    currentReplicas: 3,
    expectedReplicas: 5,
    resource: {
      requests: ones(3),
      levels: levels(300, 500, 700),
      targetUtilization: 30,
      expectedUtilization: 50,
      expectedValue: NUM_CONTAINERS * 500,
    },
  },
  {
    name: "TestReplicaCalcContainerScaleUp",
    currentReplicas: 3,
    expectedReplicas: 5,
    container: "container2",
    resource: {
      requests: ones(3),
      levels: [
        [1000, 300],
        [1000, 500],
        [1000, 700],
      ],
      targetUtilization: 30,
      expectedUtilization: 50,
      expectedValue: 500,
    },
  },
  {
    name: "TestReplicaCalcScaleUpUnreadyLessScale",
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: ["False", "True", "True"],
    resource: {
      requests: ones(3),
      levels: levels(300, 500, 700),
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: NUM_CONTAINERS * 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpContainerHotCpuLessScale",
    currentReplicas: 3,
    expectedReplicas: 4,
    container: "container2",
    podStartTime: [hot(), cool(), cool()],
    resource: {
      requests: ones(3),
      levels: [
        [0, 300],
        [0, 500],
        [0, 700],
      ],
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpHotCpuLessScale",
    currentReplicas: 3,
    expectedReplicas: 4,
    podStartTime: [hot(), cool(), cool()],
    resource: {
      requests: ones(3),
      levels: levels(300, 500, 700),
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: NUM_CONTAINERS * 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpUnreadyNoScale",
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: ["True", "False", "False"],
    resource: {
      requests: ones(3),
      levels: levels(400, 500, 700),
      targetUtilization: 30,
      expectedUtilization: 40,
      expectedValue: NUM_CONTAINERS * 400,
    },
  },
  {
    name: "TestReplicaCalcScaleHotCpuNoScale",
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: ["True", "False", "False"],
    podStartTime: [cool(), hot(), hot()],
    resource: {
      requests: ones(3),
      levels: levels(400, 500, 700),
      targetUtilization: 30,
      expectedUtilization: 40,
      expectedValue: NUM_CONTAINERS * 400,
    },
  },
  {
    name: "TestReplicaCalcScaleUpIgnoresFailedPods",
    currentReplicas: 2,
    expectedReplicas: 4,
    podReadiness: ["True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Failed", "Failed"],
    resource: {
      requests: ones(4),
      levels: levels(500, 700),
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: NUM_CONTAINERS * 600,
    },
  },
  {
    name: "TestReplicaCalcMissingContainerMetricScaleUpIgnoresFailedPods",
    currentReplicas: 2,
    expectedReplicas: 4,
    container: "container2",
    podReadiness: ["True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Failed", "Failed"],
    resource: {
      requests: ones(4),
      levels: [[1000, 500], [9000, 700], [1000], [9000]],
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpContainerIgnoresFailedPods",
    currentReplicas: 2,
    expectedReplicas: 4,
    container: "container2",
    podReadiness: ["True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Failed", "Failed"],
    resource: {
      requests: ones(4),
      levels: [
        [1000, 500],
        [9000, 700],
      ],
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpIgnoresDeletionPods",
    currentReplicas: 2,
    expectedReplicas: 4,
    podReadiness: ["True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Running", "Running"],
    podDeletionTimestamp: [false, false, true, true],
    resource: {
      requests: ones(4),
      levels: levels(500, 700),
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: NUM_CONTAINERS * 600,
    },
  },
  {
    name: "TestReplicaCalcScaleUpContainerIgnoresDeletionPods",
    currentReplicas: 2,
    expectedReplicas: 4,
    container: "container1",
    podReadiness: ["True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Running", "Running"],
    podDeletionTimestamp: [false, false, true, true],
    resource: {
      requests: ones(4),
      levels: levels(500, 700),
      targetUtilization: 30,
      expectedUtilization: 60,
      expectedValue: 600,
    },
  },
  {
    name: "TestReplicaCalcScaleDown",
    currentReplicas: 5,
    expectedReplicas: 3,
    resource: {
      requests: ones(5),
      levels: levels(100, 300, 500, 250, 250),
      targetUtilization: 50,
      expectedUtilization: 28,
      expectedValue: NUM_CONTAINERS * 280,
    },
  },
  {
    name: "TestReplicaCalcContainerScaleDown",
    currentReplicas: 5,
    expectedReplicas: 3,
    container: "container2",
    resource: {
      requests: ones(5),
      levels: [
        [1000, 100],
        [1000, 300],
        [1000, 500],
        [1000, 250],
        [1000, 250],
      ],
      targetUtilization: 50,
      expectedUtilization: 28,
      expectedValue: 280,
    },
  },
  {
    name: "TestReplicaCalcScaleDownExcludeUnreadyPods",
    currentReplicas: 5,
    expectedReplicas: 2,
    podReadiness: ["True", "True", "True", "False", "False"],
    resource: {
      requests: ones(5),
      levels: levels(100, 300, 500, 250, 250),
      targetUtilization: 50,
      expectedUtilization: 30,
      expectedValue: NUM_CONTAINERS * 300,
    },
  },
  {
    name: "TestReplicaCalcScaleDownExcludeUnscheduledPods",
    currentReplicas: 5,
    expectedReplicas: 1,
    podReadiness: ["True", "False", "False", "False", "False"],
    podPhase: ["Running", "Pending", "Pending", "Pending", "Pending"],
    resource: {
      requests: ones(5),
      levels: levels(100),
      targetUtilization: 50,
      expectedUtilization: 10,
      expectedValue: NUM_CONTAINERS * 100,
    },
  },
  {
    name: "TestReplicaCalcScaleDownIgnoreHotCpuPods",
    currentReplicas: 5,
    expectedReplicas: 2,
    podStartTime: [cool(), cool(), cool(), hot(), hot()],
    resource: {
      requests: ones(5),
      levels: levels(100, 300, 500, 250, 250),
      targetUtilization: 50,
      expectedUtilization: 30,
      expectedValue: NUM_CONTAINERS * 300,
    },
  },
  {
    name: "TestReplicaCalcScaleDownIgnoresFailedPods",
    currentReplicas: 5,
    expectedReplicas: 3,
    podReadiness: ["True", "True", "True", "True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Running", "Running", "Running", "Failed", "Failed"],
    resource: {
      requests: ones(7),
      levels: levels(100, 300, 500, 250, 250),
      targetUtilization: 50,
      expectedUtilization: 28,
      expectedValue: NUM_CONTAINERS * 280,
    },
  },
  {
    name: "TestReplicaCalcScaleDownIgnoresDeletionPods",
    currentReplicas: 5,
    expectedReplicas: 3,
    podReadiness: ["True", "True", "True", "True", "True", "False", "False"],
    podPhase: ["Running", "Running", "Running", "Running", "Running", "Running", "Running"],
    podDeletionTimestamp: [false, false, false, false, false, true, true],
    resource: {
      requests: ones(7),
      levels: levels(100, 300, 500, 250, 250),
      targetUtilization: 50,
      expectedUtilization: 28,
      expectedValue: NUM_CONTAINERS * 280,
    },
  },
  {
    name: "TestReplicaCalcTolerance",
    currentReplicas: 3,
    expectedReplicas: 3,
    resource: {
      requests: ["0.9", "1.0", "1.1"],
      levels: levels(1010, 1030, 1020),
      targetUtilization: 100,
      expectedUtilization: 102,
      expectedValue: NUM_CONTAINERS * 1020,
    },
  },
  {
    name: "TestReplicaCalcSuperfluousMetrics",
    currentReplicas: 4,
    expectedReplicas: 24,
    resource: {
      requests: ones(4),
      levels: levels(4000, 9500, 3000, 7000, 3200, 2000),
      targetUtilization: 100,
      expectedUtilization: 587,
      expectedValue: NUM_CONTAINERS * 5875,
    },
  },
  {
    name: "TestReplicaCalcMissingMetrics",
    currentReplicas: 4,
    expectedReplicas: 3,
    resource: {
      requests: ones(4),
      levels: levels(400, 95),
      targetUtilization: 100,
      expectedUtilization: 24,
      expectedValue: 495,
    },
  },
  {
    name: "TestReplicaCalcEmptyMetrics",
    currentReplicas: 4,
    expectedError: "unable to get metrics for resource cpu: no metrics returned from resource metrics API",
    resource: { requests: ones(3), levels: levels(), targetUtilization: 100 },
  },
  {
    name: "TestReplicaCalcEmptyCPURequest",
    currentReplicas: 1,
    expectedError: "missing request for",
    resource: { requests: [], levels: levels(200), targetUtilization: 100 },
  },
  {
    name: "TestReplicaCalcMissingMetricsNoChangeEq",
    currentReplicas: 2,
    expectedReplicas: 2,
    resource: {
      requests: ones(2),
      levels: levels(1000),
      targetUtilization: 100,
      expectedUtilization: 100,
      expectedValue: NUM_CONTAINERS * 1000,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsNoChangeGt",
    currentReplicas: 2,
    expectedReplicas: 2,
    resource: {
      requests: ones(2),
      levels: levels(1900),
      targetUtilization: 100,
      expectedUtilization: 190,
      expectedValue: NUM_CONTAINERS * 1900,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsNoChangeLt",
    currentReplicas: 2,
    expectedReplicas: 2,
    resource: {
      requests: ones(2),
      levels: levels(600),
      targetUtilization: 100,
      expectedUtilization: 60,
      expectedValue: NUM_CONTAINERS * 600,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsUnreadyChange",
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: ["False", "True", "True"],
    resource: {
      requests: ones(3),
      levels: levels(100, 450),
      targetUtilization: 50,
      expectedUtilization: 45,
      expectedValue: NUM_CONTAINERS * 450,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsHotCpuNoChange",
    currentReplicas: 3,
    expectedReplicas: 3,
    podStartTime: [hot(), cool(), cool()],
    resource: {
      requests: ones(3),
      levels: levels(100, 450),
      targetUtilization: 50,
      expectedUtilization: 45,
      expectedValue: NUM_CONTAINERS * 450,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsUnreadyScaleUp",
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: ["False", "True", "True"],
    resource: {
      requests: ones(3),
      levels: levels(100, 2000),
      targetUtilization: 50,
      expectedUtilization: 200,
      expectedValue: NUM_CONTAINERS * 2000,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsHotCpuScaleUp",
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: ["False", "True", "True"],
    podStartTime: [hot(), cool(), cool()],
    resource: {
      requests: ones(3),
      levels: levels(100, 2000),
      targetUtilization: 50,
      expectedUtilization: 200,
      expectedValue: NUM_CONTAINERS * 2000,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsUnreadyScaleDown",
    currentReplicas: 4,
    expectedReplicas: 3,
    podReadiness: ["False", "True", "True", "True"],
    resource: {
      requests: ones(4),
      levels: levels(100, 100, 100),
      targetUtilization: 50,
      expectedUtilization: 10,
      expectedValue: NUM_CONTAINERS * 100,
    },
  },
  {
    name: "TestReplicaCalcMissingMetricsScaleDownTargetOver100",
    currentReplicas: 4,
    expectedReplicas: 2,
    podReadiness: ["False", "True", "True", "True"],
    resource: {
      requests: ["1.0", "1.0", "2.0", "2.0"],
      levels: levels(200, 100, 100),
      targetUtilization: 300,
      expectedUtilization: 6,
      expectedValue: NUM_CONTAINERS * 100,
    },
  },
  {
    name: "TestReplicaCalcDuringRollingUpdateWithMaxSurge",
    currentReplicas: 2,
    expectedReplicas: 2,
    podPhase: ["Running", "Running", "Running"],
    resource: {
      requests: ones(3),
      levels: levels(100, 100),
      targetUtilization: 50,
      expectedUtilization: 10,
      expectedValue: NUM_CONTAINERS * 100,
    },
  },
  // Pods metrics (calcPlainMetricReplicas), the podMetric rows.
  {
    name: "TestReplicaCalcScaleUpCM",
    currentReplicas: 3,
    expectedReplicas: 4,
    metric: { levels: [20000, 10000, 30000], targetUsage: 15000, expectedUsage: 20000 },
  },
  {
    name: "TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale",
    currentReplicas: 3,
    expectedReplicas: 6,
    podReadiness: ["True", "True", "False"],
    podStartTime: [cool(), cool(), hot()],
    metric: { levels: [50000, 10000, 30000], targetUsage: 15000, expectedUsage: 30000 },
  },
  {
    name: "TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown",
    currentReplicas: 3,
    expectedReplicas: 7,
    podReadiness: ["False", "True", "False"],
    podStartTime: [hot(), cool(), hot()],
    metric: { levels: [50000, 15000, 30000], targetUsage: 15000, expectedUsage: 31666 },
  },
  {
    name: "TestReplicaCalcScaleUpCMExternal",
    currentReplicas: 1,
    expectedReplicas: 2,
    metric: { levels: [8600], targetUsage: 4400, expectedUsage: 8600 },
  },
  {
    name: "TestReplicaCalcScaleDownCM",
    currentReplicas: 5,
    expectedReplicas: 3,
    metric: { levels: [12000, 12000, 12000, 12000, 12000], targetUsage: 20000, expectedUsage: 12000 },
  },
  {
    name: "TestReplicaCalcToleranceCM",
    currentReplicas: 3,
    expectedReplicas: 3,
    metric: { levels: [20000, 21000, 21000], targetUsage: 20000, expectedUsage: 20666 },
  },
  {
    name: "TestPlainMetricReplicaCalcMissingMetricsNoChangeEq",
    currentReplicas: 5,
    expectedReplicas: 5,
    metric: { levels: [20000, 19000, 21000], targetUsage: 20000, expectedUsage: 20000 },
  },
  {
    name: "TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM",
    currentReplicas: 2,
    expectedReplicas: 2,
    podPhase: ["Running", "Running", "Running"],
    metric: { levels: [10000, 10000], targetUsage: 17000, expectedUsage: 10000 },
  },
];

describe("replica calculator (replica_calculator_test.go)", () => {
  for (const row of ROWS)
    it(row.name, () => {
      const r = run(row);
      if (row.expectedError !== undefined) {
        expect("error" in r && r.error).toContain(row.expectedError);
        return;
      }
      if ("error" in r) throw new Error(r.error);
      expect(r.replicas).toBe(row.expectedReplicas);
      expect(r.timestampMs).toBe(GO_ZERO_MS);
      if (row.resource) {
        expect(r).toMatchObject({
          utilization: row.resource.expectedUtilization,
          rawUtilization: row.resource.expectedValue,
        });
      } else {
        expect(r).toMatchObject({ usage: row.metric?.expectedUsage });
      }
    });

  // TestReplicaCalcComputedToleranceAlgImplementation: a minimal scale-down just past the tolerance, none just inside it.
  it("TestReplicaCalcComputedToleranceAlgImplementation", () => {
    const startPods = 10;
    const totalUsed = startPods * 150;
    const totalRequested = 2 * totalUsed;
    const requestedToUsed = Math.trunc(totalRequested / totalUsed);
    const perPod = totalRequested / startPods;
    const row = (target: number): Row => ({
      name: "",
      currentReplicas: startPods,
      resource: {
        levels: levels(...Array(10).fill(totalUsed / 10)),
        requests: [100, -100, 10, -10, 2, -2, 1, -1, 0, 0].map((d) => `${perPod + d}m`),
        targetUtilization: Math.trunc(target * 100),
      },
    });
    let target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.01;
    const finalPods = Math.ceil((totalUsed / (totalRequested * target)) * startPods);
    const a = run(row(target));
    expect("error" in a ? a.error : a.replicas).toBe(finalPods);
    expect(a).toMatchObject({
      utilization: Math.trunc((totalUsed * 100) / totalRequested),
      rawUtilization: (NUM_CONTAINERS * totalUsed) / 10,
    });
    target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.004;
    const b = run(row(target));
    expect("error" in b ? b.error : b.replicas).toBe(startPods);
  });
});

describe("groupPods (TestGroupPods)", () => {
  const pod = (name: string, status: Record<string, unknown>): Pod =>
    ({ apiVersion: "v1", kind: "Pod", metadata: { name }, status }) as Pod;
  const metric = (value: number, timestampMs = GO_ZERO_MS, windowMs = 0) => ({
    value,
    timestampMs,
    windowMs,
  });
  const opts = { cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000, nowMs: NOW };
  const ready = (ago: number, status: string) => [
    { type: "Ready", status, lastTransitionTime: iso(NOW - ago) },
  ];
  const cases: [string, Pod[], PodMetricsInfo, string, number, string[], string[], string[]][] = [
    ["void", [], new Map(), "cpu", 0, [], [], []],
    [
      "count in a ready pod - memory",
      [pod("bentham", { phase: "Succeeded" })],
      new Map([["bentham", metric(1, NOW, 60_000)]]),
      "memory",
      1,
      [],
      [],
      [],
    ],
    [
      "unready a pod without ready condition - CPU",
      [pod("lucretius", { phase: "Succeeded", startTime: iso(NOW) })],
      new Map([["lucretius", metric(1)]]),
      "cpu",
      0,
      ["lucretius"],
      [],
      [],
    ],
    [
      "count in a ready pod with fresh metrics during initialization period - CPU",
      [
        pod("bentham", {
          phase: "Succeeded",
          startTime: iso(NOW - 60_000),
          conditions: ready(30_000, "True"),
        }),
      ],
      new Map([["bentham", metric(1, NOW, 30_000)]]),
      "cpu",
      1,
      [],
      [],
      [],
    ],
    [
      "unready a ready pod without fresh metrics during initialization period - CPU",
      [
        pod("bentham", {
          phase: "Succeeded",
          startTime: iso(NOW - 60_000),
          conditions: ready(30_000, "True"),
        }),
      ],
      new Map([["bentham", metric(1, NOW, 60_000)]]),
      "cpu",
      0,
      ["bentham"],
      [],
      [],
    ],
    [
      "unready an unready pod during initialization period - CPU",
      [
        pod("lucretius", {
          phase: "Succeeded",
          startTime: iso(NOW - 10 * 60_000),
          conditions: ready(9 * 60_000 + 54_000, "False"),
        }),
      ],
      new Map([["lucretius", metric(1)]]),
      "cpu",
      0,
      ["lucretius"],
      [],
      [],
    ],
    [
      "count in a ready pod without fresh metrics after initialization period - CPU",
      [
        pod("bentham", {
          phase: "Succeeded",
          startTime: iso(NOW - 3 * 60_000),
          conditions: ready(3 * 60_000, "True"),
        }),
      ],
      new Map([["bentham", metric(1, NOW - 2 * 60_000, 60_000)]]),
      "cpu",
      1,
      [],
      [],
      [],
    ],
    [
      "count in an unready pod that was ready after initialization period - CPU",
      [
        pod("lucretius", {
          phase: "Succeeded",
          startTime: iso(NOW - 10 * 60_000),
          conditions: ready(9 * 60_000, "False"),
        }),
      ],
      new Map([["lucretius", metric(1)]]),
      "cpu",
      1,
      [],
      [],
      [],
    ],
    [
      "unready pod that has never been ready after initialization period - CPU",
      [
        pod("lucretius", {
          phase: "Succeeded",
          startTime: iso(NOW - 10 * 60_000),
          conditions: ready(9 * 60_000 + 50_000, "False"),
        }),
      ],
      new Map([["lucretius", metric(1)]]),
      "cpu",
      1,
      [],
      [],
      [],
    ],
    [
      "a missing pod",
      [pod("epicurus", { phase: "Succeeded", startTime: iso(NOW - 3 * 60_000) })],
      new Map(),
      "cpu",
      0,
      [],
      ["epicurus"],
      [],
    ],
  ];
  for (const [name, ps, metrics, resource, readyCount, unready, missing, ignored] of cases)
    it(name, () => {
      const g = groupPods(ps, metrics, resource, opts);
      expect(g.readyPodCount).toBe(readyCount);
      expect([...g.unready]).toEqual(unready);
      expect([...g.missing]).toEqual(missing);
      expect([...g.ignored]).toEqual(ignored);
    });
});
