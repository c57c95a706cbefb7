// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio_test.go
// (release-1.32): TestRequestedToCapacityRatioScoringStrategy, TestBrokenLinearFunction,
// TestResourceBinPackingSingleExtended, TestResourceBinPackingMultipleExtended.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import { MAX_NODE_SCORE } from "../../framework/types";
import { FitPlugin } from "./fit";
import { brokenLinear, type ResourceSpec, type UtilizationShapePoint } from "./resource-allocation";
import { capNode, pod, reqPod, resNode, scoreNodes } from "./test-util";

const rtcr = (resources: ResourceSpec[], shape: UtilizationShapePoint[]) =>
  new FitPlugin({
    scoringStrategy: { type: "RequestedToCapacityRatio", resources, requestedToCapacityRatio: { shape } },
  });

describe("NodeResourcesFit RequestedToCapacityRatio (TestRequestedToCapacityRatioScoringStrategy)", () => {
  const defaultResources: ResourceSpec[] = [
    { name: "cpu", weight: 1 },
    { name: "memory", weight: 1 },
  ];
  const shape = [
    { utilization: 0, score: 10 },
    { utilization: 100, score: 0 },
  ];
  const cases: { name: string; pod: Pod; nodes: Node[]; existing: Pod[]; want: number[] }[] = [
    {
      name: "nothing scheduled, nothing requested (default - least requested nodes have priority)",
      pod: pod(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "4000", memory: "10000" }),
      ],
      existing: [pod({ nodeName: "node1" }), pod({ nodeName: "node1" })],
      want: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: "nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)",
      pod: reqPod(undefined, { cpu: "1000", memory: "2000" }, { cpu: "2000", memory: "3000" }),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      existing: [pod({ nodeName: "node1" }), pod({ nodeName: "node1" })],
      want: [38, 50],
    },
    {
      name: "no resources requested, pods scheduled with resources (default - least requested nodes have priority)",
      pod: pod(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "5000" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      want: [38, 50],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(scoreNodes(rtcr(defaultResources, shape), c.pod, c.nodes, c.existing)).toEqual(c.want);
    });
});

describe("BrokenLinearFunction (TestBrokenLinearFunction)", () => {
  const cases: { points: UtilizationShapePoint[]; assertions: [number, number][] }[] = [
    {
      points: [
        { utilization: 10, score: 1 },
        { utilization: 90, score: 9 },
      ],
      assertions: [
        [-10, 1],
        [0, 1],
        [9, 1],
        [10, 1],
        [15, 1],
        [19, 1],
        [20, 2],
        [89, 8],
        [90, 9],
        [99, 9],
        [100, 9],
        [110, 9],
      ],
    },
    {
      points: [
        { utilization: 0, score: 2 },
        { utilization: 40, score: 10 },
        { utilization: 100, score: 0 },
      ],
      assertions: [
        [-10, 2],
        [0, 2],
        [20, 6],
        [30, 8],
        [40, 10],
        [70, 5],
        [100, 0],
        [110, 0],
      ],
    },
    {
      points: [
        { utilization: 0, score: 2 },
        { utilization: 40, score: 2 },
        { utilization: 100, score: 2 },
      ],
      assertions: [
        [-10, 2],
        [0, 2],
        [20, 2],
        [30, 2],
        [40, 2],
        [70, 2],
        [100, 2],
        [110, 2],
      ],
    },
  ];
  for (const [i, c] of cases.entries())
    it(`case_${i}`, () => {
      const f = brokenLinear(c.points);
      for (const [p, expected] of c.assertions) expect(f(p), `p=${p}`).toBe(expected);
    });
  // Not upstream: pins Go's integer arithmetic, which truncates the step of a falling slope
  // (10 + (-100)/60 = 10 - 1), not the sum.
  it("truncates the step toward zero, as Go's integer division", () => {
    const f = brokenLinear([
      { utilization: 40, score: 10 },
      { utilization: 100, score: 0 },
    ]);
    expect(f(50)).toBe(9);
  });
});

describe("NodeResourcesFit bin packing (TestResourceBinPackingSingleExtended)", () => {
  const nodes = () => [
    resNode("node1", 4000, 10000 * 1024 * 1024, { "intel.com/foo": 8 }),
    resNode("node2", 4000, 10000 * 1024 * 1024, { "intel.com/foo": 4 }),
  ];
  const cases: { name: string; pod: Pod; pods: Pod[]; want: number[] }[] = [
    { name: "nothing scheduled, nothing requested", pod: pod(), pods: [], want: [0, 0] },
    {
      name: "resources requested, pods scheduled with less resources",
      pod: reqPod(undefined, { "intel.com/foo": "2" }),
      pods: [pod()],
      want: [2, 5],
    },
    {
      name: "resources requested, pods scheduled with resources, on node with existing pod running ",
      pod: reqPod(undefined, { "intel.com/foo": "2" }),
      pods: [reqPod("node2", { "intel.com/foo": "2" })],
      want: [2, 10],
    },
    {
      name: "resources requested, pods scheduled with more resources",
      pod: reqPod(undefined, { "intel.com/foo": "4" }),
      pods: [pod()],
      want: [5, 10],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = rtcr(
        [{ name: "intel.com/foo", weight: 1 }],
        [
          { utilization: 0, score: 0 },
          { utilization: 100, score: 1 },
        ],
      );
      expect(scoreNodes(pl, c.pod, nodes(), c.pods)).toEqual(c.want);
    });
});

describe("NodeResourcesFit bin packing (TestResourceBinPackingMultipleExtended)", () => {
  const nodes = () => [
    resNode("node1", 4000, 10000 * 1024 * 1024, { "intel.com/foo": 8, "intel.com/bar": 4 }),
    resNode("node2", 4000, 10000 * 1024 * 1024, { "intel.com/foo": 4, "intel.com/bar": 8 }),
  ];
  const extendedResourcePod1 = { "intel.com/foo": "2", "intel.com/bar": "2" };
  const extendedResourcePod2 = { "intel.com/foo": "4", "intel.com/bar": "2" };
  const cases: { name: string; pod: Pod; pods: Pod[]; want: number[] }[] = [
    { name: "nothing scheduled, nothing requested", pod: pod(), pods: [], want: [0, 0] },
    {
      name: "resources requested, pods scheduled with less resources",
      pod: reqPod(undefined, extendedResourcePod1),
      pods: [pod()],
      want: [4, 3],
    },
    {
      name: "resources requested, pods scheduled with resources, on node with existing pod running ",
      pod: reqPod(undefined, extendedResourcePod1),
      pods: [reqPod("node2", extendedResourcePod2)],
      want: [4, 7],
    },
    {
      name: "resources requested, pods scheduled with more resources",
      pod: reqPod(undefined, extendedResourcePod2),
      pods: [pod()],
      want: [5, 5],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = rtcr(
        [
          { name: "intel.com/foo", weight: 3 },
          { name: "intel.com/bar", weight: 5 },
        ],
        [
          { utilization: 0, score: 0 },
          { utilization: 100, score: 1 },
        ],
      );
      expect(scoreNodes(pl, c.pod, nodes(), c.pods)).toEqual(c.want);
    });
});
