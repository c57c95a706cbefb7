// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
// (release-1.32): TestNodeResourcesBalancedAllocation.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import { MAX_NODE_SCORE } from "../../framework/types";
import { BalancedAllocationPlugin } from "./balanced-allocation";
import type { ResourceSpec } from "./resource-allocation";
import { pod, resNode, scoreNodes } from "./test-util";

const containers = (...reqs: Record<string, string>[]) =>
  reqs.map((r, i) => ({ name: `c${i}`, resources: { requests: r } }));
const cpuAndMemoryAndGPU = () =>
  pod({
    nodeName: "node1",
    containers: containers(
      { cpu: "1000m", memory: "2000" },
      { cpu: "2000m", memory: "3000", "nvidia.com/gpu": "3" },
    ),
  });
const cpuOnly = (node = "node1") =>
  pod({
    nodeName: node,
    containers: containers({ cpu: "1000m", memory: "0" }, { cpu: "2000m", memory: "0" }),
  });
const cpuOnly2 = () => cpuOnly("node2");
const cpuAndMemory = () =>
  pod({
    nodeName: "node2",
    containers: containers({ cpu: "1000m", memory: "2000" }, { cpu: "2000m", memory: "3000" }),
  });
const labels1 = { foo: "bar", baz: "blah" };
const labels2 = { bar: "foo", baz: "blah" };
/** st.MakePod().Node(node).Labels(labels): no containers. */
const bare = (node: string, labels: Record<string, string> = {}) => pod({ nodeName: node }, { labels });

const defaultResourceBalancedAllocationSet: ResourceSpec[] = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];
const scalarResource = { "nvidia.com/gpu": 8 };

describe("NodeResourcesBalancedAllocation Score (TestNodeResourcesBalancedAllocation)", () => {
  const cases: {
    name: string;
    pod: Pod;
    nodes: Node[];
    pods?: Pod[];
    resources?: ResourceSpec[];
    runPreScore?: boolean;
    want: number[];
  }[] = [
    {
      name: "nothing scheduled, nothing requested",
      pod: pod(),
      nodes: [resNode("node1", 4000, 10000), resNode("node2", 4000, 10000)],
      want: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: "nothing scheduled, resources requested, differently sized nodes",
      pod: cpuAndMemory(),
      nodes: [resNode("node1", 4000, 10000), resNode("node2", 6000, 10000)],
      want: [87, MAX_NODE_SCORE],
    },
    {
      // Upstream's expected list names node2 twice (a typo); the scores are what it checks.
      name: "no resources requested, pods without container scheduled",
      pod: pod(),
      nodes: [resNode("node1", 4000, 10000), resNode("node2", 4000, 10000)],
      pods: [bare("node1", labels2), bare("node1", labels1), bare("node2", labels1), bare("node2", labels1)],
      want: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: "no resources requested, pods with container scheduled",
      pod: pod(),
      nodes: [resNode("node1", 250, 1000 * 1024 * 1024), resNode("node2", 250, 1000 * 1024 * 1024)],
      pods: [bare("node1"), bare("node1")],
      want: [100, 100],
    },
    {
      name: "no resources requested, pods scheduled with resources",
      pod: pod(),
      nodes: [resNode("node1", 10000, 20000), resNode("node2", 10000, 20000)],
      pods: [cpuOnly(), cpuOnly(), cpuOnly2(), cpuAndMemory()],
      want: [70, 82],
    },
    {
      name: "resources requested, pods scheduled with resources",
      pod: cpuAndMemory(),
      nodes: [resNode("node1", 10000, 20000), resNode("node2", 10000, 20000)],
      pods: [cpuOnly(), cpuAndMemory()],
      want: [82, 95],
    },
    {
      name: "resources requested, pods scheduled with resources, differently sized nodes",
      pod: cpuAndMemory(),
      nodes: [resNode("node1", 10000, 20000), resNode("node2", 10000, 50000)],
      pods: [cpuOnly(), cpuAndMemory()],
      want: [82, 80],
    },
    {
      name: "requested resources at node capacity",
      pod: cpuOnly(),
      nodes: [resNode("node1", 6000, 10000), resNode("node2", 6000, 10000)],
      pods: [cpuOnly(), cpuAndMemory()],
      want: [50, 75],
    },
    {
      name: "zero node resources, pods scheduled with resources",
      pod: pod(),
      nodes: [resNode("node1", 0, 0), resNode("node2", 0, 0)],
      pods: [cpuOnly(), cpuAndMemory()],
      want: [100, 100],
    },
    {
      name: "include scalar resource on a node for balanced resource allocation",
      pod: pod({ containers: containers({ memory: "0", "nvidia.com/gpu": "1" }) }),
      nodes: [resNode("node1", 3500, 40000, scalarResource), resNode("node2", 3500, 40000, scalarResource)],
      pods: [cpuAndMemory(), cpuAndMemoryAndGPU()],
      resources: [
        { name: "cpu", weight: 1 },
        { name: "memory", weight: 1 },
        { name: "nvidia.com/gpu", weight: 1 },
      ],
      want: [70, 65],
    },
    {
      name: "node without the scalar resource results to a higher score",
      pod: pod(),
      nodes: [resNode("node1", 3500, 40000, scalarResource), resNode("node2", 3500, 40000)],
      pods: [cpuOnly(), cpuOnly2()],
      resources: [
        { name: "cpu", weight: 1 },
        { name: "nvidia.com/gpu", weight: 1 },
      ],
      want: [100, 100],
    },
    {
      name: "resources requested, pods scheduled with resources if PreScore not called",
      pod: cpuAndMemory(),
      nodes: [resNode("node1", 10000, 20000), resNode("node2", 10000, 20000)],
      pods: [cpuOnly(), cpuAndMemory()],
      runPreScore: false,
      want: [82, 95],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new BalancedAllocationPlugin({
        resources: c.resources ?? defaultResourceBalancedAllocationSet,
      });
      expect(scoreNodes(pl, c.pod, c.nodes, c.pods, c.runPreScore ?? true)).toEqual(c.want);
    });
});
