// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/most_allocated_test.go
// (release-1.32): TestMostAllocatedScoringStrategy.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
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
/** st.MakePod().Container("container"): one container without requests. */
const emptyContainerPod = (node?: string) =>
  pod({ ...(node ? { nodeName: node } : {}), containers: [{ name: "container", image: "container" }] });

describe("NodeResourcesFit MostAllocated (TestMostAllocatedScoringStrategy)", () => {
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
      want: [0, 0],
    },
    {
      name: "nothing scheduled, resources requested, differently sized nodes",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      resources: defaultResources,
      want: [62, 50],
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
      want: [30, 42],
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
      want: [42, 55],
    },
    {
      name: "resources requested equal node capacity",
      pod: reqPod(undefined, { cpu: "2000", memory: "4000" }, { cpu: "3000", memory: "5000" }),
      nodes: [
        capNode("node1", { cpu: "5000", memory: "10000" }),
        capNode("node2", { cpu: "10000", memory: "9000" }),
      ],
      resources: defaultResources,
      want: [95, 75],
    },
    {
      // Upstream's second case of this name: memory weighs 2.
      name: "nothing scheduled, resources requested, differently sized nodes",
      pod: req12(),
      nodes: [
        capNode("node1", { cpu: "4000", memory: "10000" }),
        capNode("node2", { cpu: "6000", memory: "10000" }),
      ],
      resources: [
        { name: "memory", weight: 2 },
        { name: "cpu", weight: 1 },
      ],
      want: [58, 50],
    },
    {
      name: "no resources requested, pods scheduled, nonzero request for resource",
      pod: emptyContainerPod(),
      nodes: [
        capNode("node1", { cpu: "250m", memory: "1000Mi" }),
        capNode("node2", { cpu: "250m", memory: "1000Mi" }),
      ],
      existing: [emptyContainerPod("node1"), emptyContainerPod("node1")],
      resources: defaultResources,
      want: [80, 30],
    },
    {
      name: "resource with negative weight",
      pod: req12(),
      nodes: [capNode("node2", { cpu: "4000", memory: "10000" })],
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
      nodes: [capNode("node2", { cpu: "4000", memory: "10000" })],
      resources: [{ name: "memory", weight: 101 }],
      wantErr:
        "scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of memory not in valid range (0, 100]",
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
      name: "honor extended resource if the pod request",
      pod: reqPod(undefined, { cpu: "3000", memory: "5000", [extendedRes]: "2" }),
      nodes: [
        capNode("node1", { cpu: "6000", memory: "10000", [extendedRes]: "4" }),
        capNode("node2", { cpu: "6000", memory: "10000", [extendedRes]: "10" }),
      ],
      resources: extendedResourceSet,
      want: [50, 40],
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
      want: [45, 45],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const make = () =>
        new FitPlugin({ scoringStrategy: { type: "MostAllocated", resources: c.resources } });
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
