// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/fit_test.go
// (TestEnoughRequests, TestFitScore) and least_allocated_test.go / most_allocated_test.go /
// requested_to_capacity_ratio_test.go / balanced_allocation_test.go.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, resourcePod, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { BalancedAllocationPlugin } from "./balanced-allocation";
import { type FitArgs, FitPlugin } from "./fit";

// makeAllocatableResources(10, 20, 32, 5, 20, 5) of the upstream test: milliCPU 10, memory 20,
// pods 32, extended "example.com/aaa" 5, ephemeral-storage 20, hugepages-2Mi 5.
const node = makeNode("machine1", {
  allocatable: {
    cpu: "10m",
    memory: "20",
    pods: "32",
    "example.com/aaa": "5",
    "ephemeral-storage": "20",
    "hugepages-2Mi": "5",
  },
});
const r = (cpu: number, mem: number, extra: Record<string, string> = {}) => ({
  cpu: `${cpu}m`,
  memory: String(mem),
  ...extra,
});

describe("NodeResourcesFit Filter (TestEnoughRequests)", () => {
  const cases: {
    name: string;
    pod: ReturnType<typeof resourcePod>;
    existing: ReturnType<typeof resourcePod>[];
    want?: string[];
    args?: FitArgs;
  }[] = [
    {
      name: "no resources requested always fits",
      pod: makePod("p"),
      existing: [resourcePod("e", r(10, 20))],
    },
    {
      name: "too many resources fails",
      pod: resourcePod("p", r(1, 1)),
      existing: [resourcePod("e", r(10, 20))],
      want: ["Insufficient cpu", "Insufficient memory"],
    },
    { name: "both resources fit", pod: resourcePod("p", r(1, 1)), existing: [resourcePod("e", r(5, 5))] },
    {
      name: "one resource memory fits",
      pod: resourcePod("p", r(2, 1)),
      existing: [resourcePod("e", r(9, 5))],
      want: ["Insufficient cpu"],
    },
    {
      name: "one resource cpu fits",
      pod: resourcePod("p", r(1, 2)),
      existing: [resourcePod("e", r(5, 19))],
      want: ["Insufficient memory"],
    },
    { name: "equal edge case", pod: resourcePod("p", r(5, 1)), existing: [resourcePod("e", r(5, 19))] },
    {
      name: "extended resource fits",
      pod: resourcePod("p", r(1, 1, { "example.com/aaa": "1" })),
      existing: [resourcePod("e", r(0, 0))],
    },
    {
      name: "extended resource capacity enforced",
      pod: resourcePod("p", r(1, 1, { "example.com/aaa": "10" })),
      existing: [resourcePod("e", r(0, 0))],
      want: ["Insufficient example.com/aaa"],
    },
    {
      name: "skip checking ignored extended resource",
      pod: resourcePod("p", r(1, 1, { "example.com/bbb": "10" })),
      existing: [resourcePod("e", r(0, 0))],
      args: { ignoredResources: ["example.com/bbb"] },
    },
    {
      name: "skip checking ignored extended resource via resource groups",
      pod: resourcePod("p", r(1, 1, { "example.com/bbb": "10" })),
      existing: [resourcePod("e", r(0, 0))],
      args: { ignoredResourceGroups: ["example.com"] },
    },
    {
      name: "hugepages resource capacity enforced",
      pod: resourcePod("p", r(1, 1, { "hugepages-2Mi": "10" })),
      existing: [resourcePod("e", r(0, 0))],
      want: ["Insufficient hugepages-2Mi"],
    },
    {
      name: "ephemeral storage resource capacity enforced",
      pod: resourcePod("p", r(0, 0, { "ephemeral-storage": "25" })),
      existing: [resourcePod("e", r(0, 0, { "ephemeral-storage": "2" }))],
      want: ["Insufficient ephemeral-storage"],
    },
    {
      name: "init container fits because it's the max, not sum, of containers and init containers",
      pod: makePod("p", {
        containers: [{ name: "a", resources: { requests: r(1, 1) } }],
        initContainers: [{ name: "i", resources: { requests: r(1, 1) } }],
      }),
      existing: [resourcePod("e", r(9, 19))],
    },
    {
      name: "init container fails: its request is larger than the containers'",
      pod: makePod("p", {
        containers: [{ name: "a", resources: { requests: r(1, 1) } }],
        initContainers: [{ name: "i", resources: { requests: r(3, 1) } }],
      }),
      existing: [resourcePod("e", r(8, 19))],
      want: ["Insufficient cpu"],
    },
    {
      name: "sidecar (restartPolicy Always) init containers add to the containers",
      pod: makePod("p", {
        containers: [{ name: "a", resources: { requests: r(1, 1) } }],
        initContainers: [{ name: "s", restartPolicy: "Always", resources: { requests: r(1, 1) } }],
      }),
      existing: [resourcePod("e", r(9, 18))],
      want: ["Insufficient cpu"],
    },
    {
      name: "overhead counts",
      pod: makePod("p", {
        containers: [{ name: "a", resources: { requests: r(1, 1) } }],
        overhead: { cpu: "3m" },
      }),
      existing: [resourcePod("e", r(7, 5))],
      want: ["Insufficient cpu"],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const ni = makeNodeInfo(node, ...c.existing);
      const s = new FitPlugin(c.args).filter(new CycleState(), newPodInfo(c.pod), ni);
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.Unschedulable);
        expect(s?.reasons).toEqual(c.want);
      }
    });

  it("Too many pods (TestPredicateWithPodCount)", () => {
    const small = makeNode("m", { allocatable: { cpu: "10m", memory: "20", pods: "1" } });
    const s = new FitPlugin().filter(
      new CycleState(),
      newPodInfo(resourcePod("p", r(1, 1))),
      makeNodeInfo(small, resourcePod("e", r(1, 1))),
    );
    expect(s?.reasons).toEqual(["Too many pods"]);
  });
});

// Nodes of the scoring tests: cpu 4000m/6000m, memory 10000/10000 bytes.
const m1 = makeNode("node1", { allocatable: { cpu: "4000m", memory: "10000", pods: "110" } });
const m2 = makeNode("node2", { allocatable: { cpu: "6000m", memory: "10000", pods: "110" } });
const cpuOnly = resourcePod("cpuOnly", { cpu: "1000m", memory: "0" }, { cpu: "2000m", memory: "0" });
const cpuAndMemory = resourcePod(
  "cpuAndMemory",
  { cpu: "1000m", memory: "2000" },
  { cpu: "2000m", memory: "3000" },
);

function score(
  args: FitArgs,
  pod: ReturnType<typeof resourcePod>,
  existing: [number, ReturnType<typeof resourcePod>[]][],
): number[] {
  const infos = [
    makeNodeInfo(m1, ...(existing[0]?.[1] ?? [])),
    makeNodeInfo(m2, ...(existing[1]?.[1] ?? [])),
  ];
  const pl = new FitPlugin(args);
  return scoreAll(pl, new CycleState(), newPodInfo(pod), infos).map((s) => s.score);
}

describe("NodeResourcesFit Score", () => {
  it("LeastAllocated: nothing scheduled, resources requested, differently sized nodes", () => {
    // node1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 → 37
    // node2: cpu (6000-3000)*100/6000 = 50, memory 50 → 50
    expect(score({}, cpuAndMemory, [])).toEqual([37, 50]);
  });
  it("LeastAllocated: an explicit zero memory request stays zero", () => {
    // node1: cpu 25, memory 100 → 62; node2: cpu 50, memory 100 → 75
    expect(score({}, cpuOnly, [])).toEqual([62, 75]);
  });
  it("LeastAllocated: a missing request counts the scheduler's default (200Mi > allocatable → 0)", () => {
    const noMem = makePod("noMem", {
      containers: [{ name: "a", resources: { requests: { cpu: "3000m" } } }],
    });
    expect(score({}, noMem, [])).toEqual([12, 25]);
  });
  it("MostAllocated: nothing scheduled, resources requested, differently sized nodes", () => {
    // node1: cpu 3000*100/4000 = 75, memory 5000*100/10000 = 50 → 62; node2: 50, 50 → 50
    expect(score({ scoringStrategy: { type: "MostAllocated" } }, cpuAndMemory, [])).toEqual([62, 50]);
  });
  it("MostAllocated with resource weights", () => {
    // node1: (75*2 + 50*1)/3 = 66; node2: (50*2+50)/3 = 50
    expect(
      score(
        {
          scoringStrategy: {
            type: "MostAllocated",
            resources: [
              { name: "cpu", weight: 2 },
              { name: "memory", weight: 1 },
            ],
          },
        },
        cpuAndMemory,
        [],
      ),
    ).toEqual([66, 50]);
  });
  it("RequestedToCapacityRatio with the default-like shape (0→10, 100→0)", () => {
    // node1: cpu util 75 → 25, memory 50 → 50 → round(75/2) = 38; node2: 50, 50 → 50
    expect(
      score(
        {
          scoringStrategy: {
            type: "RequestedToCapacityRatio",
            requestedToCapacityRatio: {
              shape: [
                { utilization: 0, score: 10 },
                { utilization: 100, score: 0 },
              ],
            },
          },
        },
        cpuAndMemory,
        [],
      ),
    ).toEqual([38, 50]);
  });
});

describe("NodeResourcesBalancedAllocation Score", () => {
  it("nothing scheduled, resources requested, differently sized nodes", () => {
    // node1: cpu 3000/4000 = .75, memory 5000/10000 = .5 → std .125 → 87
    // node2: cpu .5, memory .5 → 100
    const infos = [makeNodeInfo(m1), makeNodeInfo(m2)];
    const pl = new BalancedAllocationPlugin();
    expect(scoreAll(pl, new CycleState(), newPodInfo(cpuAndMemory), infos).map((s) => s.score)).toEqual([
      87, 100,
    ]);
  });
  it("resources requested, pods scheduled with resources", () => {
    // node1 with cpuOnly (3000m, 0): cpu 6000/4000 capped 1, memory 5000/10000 .5 → std .25 → 75
    const infos = [makeNodeInfo(m1, cpuOnly), makeNodeInfo(m2, cpuAndMemory)];
    const pl = new BalancedAllocationPlugin();
    // node2: cpu 6000/6000 = 1, memory 10000/10000 = 1 → 100
    expect(scoreAll(pl, new CycleState(), newPodInfo(cpuAndMemory), infos).map((s) => s.score)).toEqual([
      75, 100,
    ]);
  });
});
