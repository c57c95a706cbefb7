/**
 * The HPA's stabilization and behavior rate limits, tables ported from kubernetes/kubernetes
 * pkg/controller/podautoscaler/horizontal_test.go: TestNormalizeDesiredReplicas,
 * TestNormalizeDesiredReplicasWithBehavior, TestScalingWithRules, TestCalculateScaleUpLimitWithScalingRules,
 * TestCalculateScaleDownLimitWithBehaviors, TestStoreScaleEvents and TestConvertDesiredReplicasWithRules.
 * Scaling rules left nil take GenerateHPAScale{Up,Down}Rules' defaults (pkg/apis/autoscaling/v2/defaults.go).
 */
import { describe, expect, it } from "vitest";
import {
  type AutoscalerMemory,
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimit,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  getReplicasChangePerPeriod,
  newAutoscalerMemory,
  type ScalingRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
  type TimestampedScaleEvent,
} from "./normalize";

const NOW = 1_000_000_000;
const MIN = 60_000;
const rec = (recommendation: number, agoMs: number) => ({ recommendation, timestampMs: NOW - agoMs });
const memory = (m: Partial<AutoscalerMemory>): AutoscalerMemory => ({ ...newAutoscalerMemory(), ...m });

/** generateScalingRules of horizontal_test.go. */
function rules(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  window: number,
): ScalingRules {
  const policies = [];
  if (pods !== 0) policies.push({ type: "Pods", value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: "Percent", value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: "Max", policies };
}

/** generateEventsUniformDistribution: events spread over the last periodSeconds, each in its segment's centre. */
function uniform(raw: number[], periodSeconds: number): TimestampedScaleEvent[] {
  const segment = periodSeconds / raw.length;
  return raw.map((change, idx) => ({
    replicaChange: change,
    timestampMs: NOW - Math.trunc(periodSeconds - segment * (idx + 1) + segment / 2) * 1000,
    outdated: false,
  }));
}

const DEFAULT_UP: ScalingRules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: "Max",
  policies: [
    { type: "Pods", value: 4, periodSeconds: 15 },
    { type: "Percent", value: 100, periodSeconds: 15 },
  ],
};
const DEFAULT_DOWN: ScalingRules = {
  selectPolicy: "Max",
  policies: [{ type: "Percent", value: 100, periodSeconds: 15 }],
};

describe("TestNormalizeDesiredReplicas", () => {
  const cases: [string, ReturnType<typeof rec>[], number, number, number][] = [
    ["empty log", [], 5, 5, 1],
    ["stabilize", [rec(4, 2 * MIN), rec(5, MIN)], 3, 5, 3],
    ["no stabilize", [rec(1, 2 * MIN), rec(2, MIN)], 3, 3, 3],
    ["no stabilize - old recommendations", [rec(10, 10 * MIN), rec(9, 9 * MIN)], 3, 3, 2],
    [
      "stabilize - old recommendations",
      [rec(10, 10 * MIN), rec(4, MIN), rec(5, 2 * MIN), rec(9, 9 * MIN)],
      3,
      5,
      4,
    ],
  ];
  for (const [name, recs, prenormalized, expected, logLength] of cases)
    it(name, () => {
      const m = memory({ recommendations: recs });
      expect(stabilizeRecommendation(m, prenormalized, 5 * MIN, NOW)).toBe(expected);
      expect(m.recommendations).toHaveLength(logLength);
    });
});

describe("TestNormalizeDesiredReplicasWithBehavior", () => {
  const cases: {
    name: string;
    recs: ReturnType<typeof rec>[];
    current: number;
    prenormalized: number;
    expected: number;
    expectedRecs?: number[];
    up?: number;
    down?: number;
  }[] = [
    {
      name: "empty recommendations for scaling down",
      recs: [],
      current: 100,
      prenormalized: 5,
      expected: 5,
      expectedRecs: [5],
    },
    {
      name: "simple scale down stabilization",
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 100,
      prenormalized: 3,
      expected: 5,
      expectedRecs: [4, 5, 3],
      down: 180,
    },
    {
      name: "simple scale up stabilization",
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 1,
      prenormalized: 7,
      expected: 4,
      expectedRecs: [4, 5, 7],
      up: 300,
    },
    {
      name: "no scale down stabilization",
      recs: [rec(1, 2 * MIN), rec(2, MIN)],
      current: 100,
      prenormalized: 3,
      expected: 3,
      expectedRecs: [1, 2, 3],
      up: 300,
    },
    {
      name: "no scale up stabilization",
      recs: [rec(4, 2 * MIN), rec(5, MIN)],
      current: 1,
      prenormalized: 3,
      expected: 3,
      expectedRecs: [4, 5, 3],
      down: 300,
    },
    {
      name: "no scale down stabilization, reuse recommendation element",
      recs: [rec(10, 10 * MIN), rec(9, 9 * MIN)],
      current: 100,
      prenormalized: 3,
      expected: 3,
      expectedRecs: [10, 3],
    },
    {
      name: "no scale up stabilization, reuse recommendation element",
      recs: [rec(10, 10 * MIN), rec(9, 9 * MIN)],
      current: 1,
      prenormalized: 100,
      expected: 100,
      expectedRecs: [10, 100],
    },
    {
      name: "scale down stabilization, reuse one of obsolete recommendation element",
      recs: [rec(10, 10 * MIN), rec(4, MIN), rec(5, 2 * MIN), rec(9, 9 * MIN)],
      current: 100,
      prenormalized: 3,
      expected: 5,
      expectedRecs: [10, 4, 5, 3],
      down: 180,
    },
    {
      name: "scale up stabilization, reuse one of obsolete recommendation element",
      recs: [rec(10, 100 * MIN), rec(6, MIN), rec(5, 2 * MIN), rec(9, 3 * MIN)],
      current: 1,
      prenormalized: 100,
      expected: 5,
      expectedRecs: [100, 6, 5, 9],
      up: 300,
    },
    {
      name: "scale up and down stabilization, do not scale up when prenormalized rec goes down",
      recs: [rec(2, 100 * MIN), rec(3, 3 * MIN)],
      current: 2,
      prenormalized: 1,
      expected: 2,
      up: 300,
      down: 300,
    },
    {
      name: "scale up and down stabilization, do not scale down when prenormalized rec goes up",
      recs: [rec(2, 100 * MIN), rec(1, 3 * MIN)],
      current: 2,
      prenormalized: 3,
      expected: 2,
      up: 300,
      down: 300,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const m = memory({ recommendations: c.recs });
      const r = stabilizeRecommendationWithBehaviors(
        m,
        {
          scaleUp: { stabilizationWindowSeconds: c.up ?? 0 },
          scaleDown: { stabilizationWindowSeconds: c.down ?? 0 },
          minReplicas: 0,
          maxReplicas: 0,
          currentReplicas: c.current,
          desiredReplicas: c.prenormalized,
        },
        NOW,
      );
      expect(r.replicas).toBe(c.expected);
      if (c.expectedRecs) expect(m.recommendations.map((x) => x.recommendation)).toEqual(c.expectedRecs);
    });
});

describe("TestScalingWithRules", () => {
  const cases: {
    name: string;
    up?: TimestampedScaleEvent[];
    down?: TimestampedScaleEvent[];
    min: number;
    max: number;
    upRules?: ScalingRules;
    downRules?: ScalingRules;
    current: number;
    prenormalized: number;
    expected: number;
    condition: string;
  }[] = [
    {
      name: "prenormalized desired replicas within range",
      current: 5,
      prenormalized: 7,
      min: 3,
      max: 8,
      expected: 7,
      condition: "DesiredWithinRange",
    },
    {
      name: "prenormalized desired replicas < minReplicas",
      current: 3,
      prenormalized: 1,
      min: 2,
      max: 8,
      expected: 2,
      condition: "TooFewReplicas",
    },
    {
      name: "prenormalized desired replicas within range when minReplicas is 0",
      current: 1,
      prenormalized: 0,
      min: 0,
      max: 10,
      expected: 0,
      condition: "DesiredWithinRange",
    },
    {
      name: "maxReplicas is the limit because maxReplicas < scaleUpLimit",
      current: 20,
      prenormalized: 1000,
      min: 1,
      max: 10,
      expected: 10,
      condition: "TooManyReplicas",
    },
    {
      name: "desired replica count is more than the maximum replica count",
      current: 100,
      prenormalized: 1000,
      min: 100,
      max: 150,
      expected: 150,
      condition: "TooManyReplicas",
    },
    {
      name: "scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies",
      current: 3,
      prenormalized: 1000,
      min: 1,
      max: 2000,
      expected: 4,
      condition: "ScaleUpLimit",
      upRules: rules(0, 0, 1, 60, 0),
    },
    {
      name: "scaleUp with default behavior",
      min: 1,
      max: 1000,
      current: 10,
      prenormalized: 50,
      expected: 20,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with pods policy larger than percent policy",
      min: 1,
      max: 1000,
      upRules: rules(100, 60, 100, 60, 0),
      current: 10,
      prenormalized: 500,
      expected: 110,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with percent policy larger than pods policy",
      min: 1,
      max: 1000,
      upRules: rules(2, 60, 100, 60, 0),
      current: 10,
      prenormalized: 500,
      expected: 20,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with spec MaxReplicas limitation with large pod policy",
      min: 1,
      max: 1000,
      upRules: rules(100, 60, 0, 0, 0),
      current: 10,
      prenormalized: 50,
      expected: 50,
      condition: "DesiredWithinRange",
    },
    {
      name: "scaleUp with pod policy limitation",
      min: 1,
      max: 1000,
      upRules: rules(30, 60, 0, 0, 0),
      current: 10,
      prenormalized: 50,
      expected: 40,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with percent policy limitation",
      min: 1,
      max: 1000,
      upRules: rules(0, 0, 200, 60, 0),
      current: 10,
      prenormalized: 50,
      expected: 30,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleDown with percent policy larger than pod policy",
      min: 1,
      max: 1000,
      downRules: rules(20, 60, 1, 60, 300),
      current: 100,
      prenormalized: 2,
      expected: 80,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with pod policy larger than percent policy",
      min: 1,
      max: 1000,
      downRules: rules(2, 60, 1, 60, 300),
      current: 100,
      prenormalized: 2,
      expected: 98,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with spec MinReplicas=nil limitation with large pod policy",
      min: 1,
      max: 1000,
      downRules: rules(100, 60, 0, 0, 300),
      current: 10,
      prenormalized: 0,
      expected: 1,
      condition: "TooFewReplicas",
    },
    {
      name: "scaleDown with spec MinReplicas limitation with large percent policy",
      min: 5,
      max: 1000,
      downRules: rules(0, 0, 100, 60, 300),
      current: 10,
      prenormalized: 2,
      expected: 5,
      condition: "TooFewReplicas",
    },
    {
      name: "scaleDown with pod policy limitation",
      min: 1,
      max: 1000,
      downRules: rules(5, 60, 0, 0, 300),
      current: 10,
      prenormalized: 2,
      expected: 5,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with percent policy limitation",
      min: 1,
      max: 1000,
      downRules: rules(0, 0, 50, 60, 300),
      current: 10,
      prenormalized: 5,
      expected: 5,
      condition: "DesiredWithinRange",
    },
    {
      name: "scaleUp with spec MaxReplicas limitation with large pod policy and events",
      up: uniform([1, 5, 9], 120),
      min: 1,
      max: 200,
      upRules: rules(300, 60, 0, 0, 0),
      current: 100,
      prenormalized: 500,
      expected: 200,
      condition: "TooManyReplicas",
    },
    {
      name: "scaleUp with spec MaxReplicas limitation with large percent policy and events",
      up: uniform([1, 5, 9], 120),
      min: 1,
      max: 200,
      upRules: rules(0, 0, 10000, 60, 0),
      current: 100,
      prenormalized: 500,
      expected: 200,
      condition: "TooManyReplicas",
    },
    {
      name: "scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events",
      up: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      upRules: rules(5, 120, 0, 0, 0),
      current: 100,
      prenormalized: 500,
      expected: 100,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with pod policy and previous scale up events",
      up: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      upRules: rules(150, 120, 0, 0, 0),
      current: 100,
      prenormalized: 500,
      expected: 235,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with percent policy and previous scale up events",
      up: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      upRules: rules(0, 0, 200, 120, 0),
      current: 100,
      prenormalized: 500,
      expected: 255,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleUp with percent policy and previous scale up and down events",
      up: uniform([4], 120),
      down: uniform([2], 120),
      min: 1,
      max: 1000,
      upRules: rules(0, 0, 300, 300, 0),
      current: 6,
      prenormalized: 24,
      expected: 16,
      condition: "ScaleUpLimit",
    },
    {
      name: "scaleDown with default policy and previous events",
      down: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      current: 10,
      prenormalized: 5,
      expected: 5,
      condition: "DesiredWithinRange",
    },
    {
      name: "scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events",
      down: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      downRules: rules(115, 120, 0, 0, 300),
      current: 100,
      prenormalized: 0,
      expected: 1,
      condition: "TooFewReplicas",
    },
    {
      name: "scaleDown with spec MinReplicas limitation with large pod policy and previous events",
      down: uniform([1, 5, 9], 120),
      min: 5,
      max: 1000,
      downRules: rules(130, 120, 0, 0, 300),
      current: 100,
      prenormalized: 0,
      expected: 5,
      condition: "TooFewReplicas",
    },
    {
      name: "scaleDown with pod policy limitation and previous events",
      down: uniform([1, 5, 9], 120),
      min: 1,
      max: 1000,
      downRules: rules(5, 120, 0, 0, 300),
      current: 100,
      prenormalized: 2,
      expected: 100,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with percent policy limitation and previous events",
      down: uniform([2, 4, 6], 120),
      min: 1,
      max: 1000,
      downRules: rules(0, 0, 50, 120, 300),
      current: 100,
      prenormalized: 0,
      expected: 56,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with percent policy and previous scale up and down events",
      up: uniform([2], 120),
      down: uniform([4], 120),
      min: 1,
      max: 1000,
      downRules: rules(0, 0, 50, 180, 0),
      current: 10,
      prenormalized: 1,
      expected: 6,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with previous events preventing further scale down",
      down: uniform([10, 10, 10], 120),
      min: 1,
      max: 1000,
      downRules: rules(0, 0, 10, 120, 300),
      current: 100,
      prenormalized: 0,
      expected: 100,
      condition: "ScaleDownLimit",
    },
    {
      name: "scaleDown with with previous events still allowing more scale down",
      down: uniform([10, 10, 10], 120),
      min: 1,
      max: 1000,
      downRules: rules(0, 0, 1000, 120, 300),
      current: 10,
      prenormalized: 5,
      expected: 5,
      condition: "DesiredWithinRange",
    },
    {
      name: "check 'outdated' flag for events for one behavior for up",
      up: uniform([8, 12, 9, 11], 120),
      min: 1,
      max: 1000,
      upRules: rules(1000, 60, 0, 0, 0),
      current: 100,
      prenormalized: 200,
      expected: 200,
      condition: "DesiredWithinRange",
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for down",
      down: uniform([8, 12, 9, 11], 120),
      min: 1,
      max: 1000,
      downRules: rules(1000, 30, 100, 60, 300),
      current: 100,
      prenormalized: 5,
      expected: 5,
      condition: "DesiredWithinRange",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const m = memory({ scaleUpEvents: c.up ?? [], scaleDownEvents: c.down ?? [] });
      const r = convertDesiredReplicasWithBehaviorRate(
        m,
        {
          scaleUp: c.upRules ?? DEFAULT_UP,
          scaleDown: c.downRules ?? DEFAULT_DOWN,
          minReplicas: c.min,
          maxReplicas: c.max,
          currentReplicas: c.current,
          desiredReplicas: c.prenormalized,
        },
        NOW,
      );
      expect([r.replicas, r.reason]).toEqual([c.expected, c.condition]);
    });
});

describe("scale limits and events", () => {
  const twoPolicies: ScalingRules = {
    stabilizationWindowSeconds: 300,
    selectPolicy: "Min",
    policies: [
      { type: "Pods", value: 2, periodSeconds: 60 },
      { type: "Percent", value: 50, periodSeconds: 60 },
    ],
  };
  it("TestCalculateScaleUpLimitWithScalingRules", () => {
    expect(calculateScaleUpLimitWithScalingRules(1, [], [], twoPolicies, NOW)).toBe(2);
  });
  it("TestCalculateScaleDownLimitWithBehaviors", () => {
    expect(calculateScaleDownLimitWithBehaviors(5, [], [], twoPolicies, NOW)).toBe(3);
  });

  const ev = (change: number, agoSeconds: number): TimestampedScaleEvent => ({
    replicaChange: change,
    timestampMs: NOW - agoSeconds * 1000,
    outdated: false,
  });
  const storeCases: [
    string,
    TimestampedScaleEvent[],
    [number, boolean][],
    ScalingRules | undefined,
    number,
  ][] = [
    ["empty entries with default behavior", [], [], undefined, 0],
    ["empty entries with two-policy-behavior", [], [[5, false]], rules(10, 60, 100, 60, 0), 0],
    ["one outdated entry to be kept untouched without behavior", [ev(7, 61)], [[7, false]], undefined, 0],
    [
      "one outdated entry to be replaced with behavior",
      [ev(7, 61)],
      [[5, false]],
      rules(10, 60, 100, 60, 0),
      0,
    ],
    [
      "one actual entry to be not touched with behavior",
      [ev(7, 58)],
      [
        [7, false],
        [5, false],
      ],
      rules(10, 60, 100, 60, 0),
      7,
    ],
    [
      "two entries, one of them to be replaced",
      [ev(7, 61), ev(6, 59)],
      [
        [5, false],
        [6, false],
      ],
      rules(10, 60, 0, 0, 0),
      6,
    ],
    [
      "replace one entry, use policies with different periods",
      [ev(8, 29), ev(6, 59), ev(7, 61), ev(9, 61)],
      [
        [8, false],
        [6, false],
        [7, true],
        [5, false],
      ],
      rules(10, 60, 100, 30, 0),
      14,
    ],
    [
      "two entries, both actual",
      [ev(7, 58), ev(6, 59)],
      [
        [7, false],
        [6, false],
        [5, false],
      ],
      rules(10, 120, 100, 30, 0),
      13,
    ],
  ];
  for (const [name, prev, next, scalingRules, change] of storeCases)
    it(`TestStoreScaleEvents: ${name}`, () => {
      const up = memory({ scaleUpEvents: prev.map((e) => ({ ...e })) });
      expect(getReplicasChangePerPeriod(60, up.scaleUpEvents, NOW)).toBe(change);
      storeScaleEvent(up, scalingRules ? { scaleUp: scalingRules } : undefined, 10, 15, NOW);
      expect(up.scaleUpEvents.map((e) => [e.replicaChange, e.outdated])).toEqual(next);
      const down = memory({ scaleDownEvents: prev.map((e) => ({ ...e })) });
      storeScaleEvent(down, scalingRules ? { scaleDown: scalingRules } : undefined, 10, 5, NOW);
      expect(down.scaleDownEvents.map((e) => [e.replicaChange, e.outdated])).toEqual(next);
    });

  it("TestConvertDesiredReplicasWithRules", () => {
    expect(convertDesiredReplicasWithRules(20, 1000, 1, 10)).toMatchObject({
      replicas: 10,
      reason: "TooManyReplicas",
    });
    expect(convertDesiredReplicasWithRules(3, 1000, 1, 2000)).toMatchObject({
      replicas: calculateScaleUpLimit(3),
      reason: "ScaleUpLimit",
    });
    expect(calculateScaleUpLimit(3)).toBe(6);
    expect(calculateScaleUpLimit(1)).toBe(4);
  });
});
