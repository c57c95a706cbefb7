// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go
// (release-1.32): TestLeastAllocatedScoringStrategy.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import { MAX_NODE_SCORE } from "../../framework/types";
import { FitPlugin } from "./fit";
import type { ResourceSpec } from "./resource-allocation";
import { capNode, pod, reqPod, scoreNodes } from "./test-util";

const defaultResources: ResourceSpec[] = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];
const extendedRes = "abc.com/xyz";
const extendedResourceSet: ResourceSpec[] = [...defaultResources, { name: extendedRes, weight: 1 }];

const req12 = () => reqPod(undefined, { cpu: "1000", memory: "2000" }, { cpu: "2000", memory: "3000" });

describe("NodeResourcesFit LeastAllocated (TestLeastAllocatedScoringStrategy)", () => {
  const cases: {
    name: string;
    pod: Pod;
    nodes: Node[];
    existing?: Pod[];
    resources: ResourceSpec[];
    want?: number[];
    wantErr?: string;
  }[] = [
    {
      name: "nothing scheduled, nothing requested",
      pod: pod(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "4000", memory: "10000" }),
      ],
      resources: defaultResources,
      want: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: "nothing scheduled, resources requested, differently sized nodes",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      resources: defaultResources,
      want: [37, 50],
    },
    {
      name: "no resources requested, pods scheduled",
      pod: pod(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "4000", memory: "10000" }),
      ],
      existing: [
        pod({ nodeName: "node1" }),
        pod({ nodeName: "node1" }),
        pod({ nodeName: "node2" }),
        pod({ nodeName: "node2" }),
      ],
      resources: defaultResources,
      want: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: "no resources requested, pods scheduled with resources",
      pod: pod(),
      nodes: [
        capNode("node1", { cpu: "10000", memory: "20000" }),
        capNode("node2", { cpu: "10000", memory: "20000" }),
      ],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      resources: defaultResources,
      want: [70, 57],
    },
    {
      name: "resources requested, pods scheduled with resources",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "10000", memory: "20000" }),
        capNode("node2", { cpu: "10000", memory: "20000" }),
      ],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      resources: defaultResources,
      want: [57, 45],
    },
    {
      name: "resources requested, pods scheduled with resources, differently sized nodes",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "10000", memory: "20000" }),
        capNode("node2", { cpu: "10000", memory: "50000" }),
      ],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      resources: defaultResources,
      want: [57, 60],
    },
    {
      name: "requested resources exceed node capacity",
      pod: reqPod(undefined, { cpu: "3000", memory: "0" }),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "4000", memory: "10000" }),
      ],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      resources: defaultResources,
      want: [50, 25],
    },
    {
      name: "zero node resources, pods scheduled with resources",
      pod: pod(),
      nodes: [capNode("node1"), capNode("node2")],
      existing: [
        reqPod("node1", { cpu: "3000", memory: "0" }),
        reqPod("node2", { cpu: "3000", memory: "5000" }),
      ],
      resources: defaultResources,
      want: [0, 0],
    },
    {
      name: "nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      resources: [
        { name: "memory", weight: 2 },
        { name: "cpu", weight: 1 },
      ],
      want: [41, 50],
    },
    {
      name: "resource with negative weight",
      pod: req12(),
      nodes: [capNode("node1", { cpu: "4000", memory: "10000" })],
      resources: [
        { name: "memory", weight: -1 },
        { name: "cpu", weight: 1 },
      ],
      wantErr:
        "scoringStrategy.resources[0].weight: Invalid value: -1: resource weight of memory not in valid range (0, 100]",
    },
    {
      name: "resource weight larger than MaxNodeScore",
      pod: req12(),
      nodes: [capNode("node1", { cpu: "4000", memory: "10000" })],
      resources: [
        { name: "memory", weight: 1 },
        { name: "cpu", weight: 101 },
      ],
      wantErr:
        "scoringStrategy.resources[1].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]",
    },
    {
      name: "bypass extended resource if the pod does not request",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "6000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000", [extendedRes]: "4" }),
      ],
      resources: extendedResourceSet,
      want: [50, 50],
    },
    {
      name: "honor extended resource if the pod requests",
      pod: reqPod(undefined, { cpu: "3000", memory: "5000", [extendedRes]: "2" }),
      nodes: [
        capNode("node1", { cpu: "6000", memory: "10000", [extendedRes]: "4" }),
        capNode("node2", { cpu: "6000", memory: "10000", [extendedRes]: "10" }),
      ],
      resources: extendedResourceSet,
      want: [50, 60],
    },
    {
      name: "if the node doesn't have a resource",
      pod: reqPod(undefined, { cpu: "3000", memory: "4000" }),
      nodes: [
        capNode("node1", { cpu: "6000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000", [extendedRes]: "4" }),
      ],
      resources: [
        { name: extendedRes, weight: 2 },
        { name: "cpu", weight: 1 },
        { name: "memory", weight: 1 },
      ],
      want: [55, 55],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const make = () =>
        new FitPlugin({ scoringStrategy: { type: "LeastAllocated", resources: c.resources } });
      if (c.wantErr) {
        expect(make).toThrow(c.wantErr);
        return;
      }
      expect(scoreNodes(make(), c.pod, c.nodes, c.existing)).toEqual(c.want);
    });

  // Kubeglass's NodeResourcesFitArgs are the v1 (versioned) args: as SetDefaults_NodeResourcesFitArgs
  // does, empty resources become cpu and memory and a weight of 0 becomes 1, so neither reaches the
  // plugin the way the internal-API upstream cases construct it.
  it.skip("Resources not set, pods scheduled with error (v1 defaulting fills resources)", () => {});
  it.skip("resource with zero weight (v1 defaulting sets weight 0 to 1)", () => {});
});
