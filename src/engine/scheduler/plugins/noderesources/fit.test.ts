// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/noderesources/fit_test.go
// (release-1.32): TestEnoughRequests, TestPreFilterDisabled, TestNotEnoughRequests,
// TestStorageRequests, TestRestartableInitContainers, TestFitScore.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, preFiltered } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { type FitArgs, FitPlugin, fits, preFilterStateKey } from "./fit";
import { capNode, pod, reqPod, scoreNodes, withSidecar } from "./test-util";

const extendedResourceA = "example.com/aaa";
const extendedResourceB = "example.com/bbb";
const kubernetesIOResourceA = "kubernetes.io/something";
const kubernetesIOResourceB = "subdomain.kubernetes.io/something";
const hugePageResourceA = "hugepages-2Mi";
const getErrReason = (rn: string) => `Insufficient ${rn}`;

/** framework.Resource of the upstream tests. */
interface R {
  cpu?: number;
  mem?: number;
  eph?: number;
  scalar?: Record<string, number>;
}
/** The ResourceList upstream's newResourcePod builds from a framework.Resource. */
function rl(r: R): Record<string, string> {
  const out: Record<string, string> = {
    cpu: `${r.cpu ?? 0}m`,
    memory: String(r.mem ?? 0),
    pods: "0",
    "ephemeral-storage": String(r.eph ?? 0),
  };
  for (const [k, v] of Object.entries(r.scalar ?? {})) out[k] = String(v);
  return out;
}
const containersOf = (usage: R[]) => usage.map((u, i) => ({ name: `c${i}`, resources: { requests: rl(u) } }));
/** newResourcePod(usage...). */
const newResourcePod = (...usage: R[]): Pod => pod({ containers: containersOf(usage) });
/** newResourceInitPod(pod, usage...). */
function newResourceInitPod(p: Pod, ...usage: R[]): Pod {
  (p.spec as Record<string, unknown>).initContainers = containersOf(usage).map((c) => ({
    ...c,
    name: `i${c.name}`,
  }));
  return p;
}
/** newResourceOverheadPod(pod, overhead). */
function newResourceOverheadPod(p: Pod, overhead: Record<string, string>): Pod {
  (p.spec as Record<string, unknown>).overhead = overhead;
  return p;
}

// makeAllocatableResources(10, 20, 32, 5, 20, 5).
const enoughNode = makeNode("node", {
  allocatable: {
    cpu: "10m",
    memory: "20",
    pods: "32",
    [extendedResourceA]: "5",
    "ephemeral-storage": "20",
    [hugePageResourceA]: "5",
  },
});

/** Runs PreFilter then Filter, as the upstream tables do. */
function filter(pl: FitPlugin, p: Pod, ni: ReturnType<typeof makeNodeInfo>) {
  const pi = newPodInfo(p);
  const { state, status } = preFiltered(pl, pi, [ni]);
  expect(status).toBeUndefined();
  return pl.filter(state, pi, ni);
}

describe("NodeResourcesFit Filter (TestEnoughRequests)", () => {
  type Case = {
    name: string;
    pod: Pod;
    existing: R;
    args?: FitArgs;
    wantStatus?: string[];
    /** [resourceName, requested, used, capacity] of each InsufficientResource. */
    wantInsufficient: [string, number, number, number][];
  };
  const cases: Case[] = [
    {
      name: "no resources requested always fits",
      pod: pod(),
      existing: { cpu: 10, mem: 20 },
      wantInsufficient: [],
    },
    {
      name: "too many resources fails",
      pod: newResourcePod({ cpu: 1, mem: 1 }),
      existing: { cpu: 10, mem: 20 },
      wantStatus: [getErrReason("cpu"), getErrReason("memory")],
      wantInsufficient: [
        ["cpu", 1, 10, 10],
        ["memory", 1, 20, 20],
      ],
    },
    {
      name: "too many resources fails due to init container cpu",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }),
      existing: { cpu: 8, mem: 19 },
      wantStatus: [getErrReason("cpu")],
      wantInsufficient: [["cpu", 3, 8, 10]],
    },
    {
      name: "too many resources fails due to highest init container cpu",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }, { cpu: 2, mem: 1 }),
      existing: { cpu: 8, mem: 19 },
      wantStatus: [getErrReason("cpu")],
      wantInsufficient: [["cpu", 3, 8, 10]],
    },
    {
      name: "too many resources fails due to init container memory",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }),
      existing: { cpu: 9, mem: 19 },
      wantStatus: [getErrReason("memory")],
      wantInsufficient: [["memory", 3, 19, 20]],
    },
    {
      name: "too many resources fails due to highest init container memory",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }, { cpu: 1, mem: 2 }),
      existing: { cpu: 9, mem: 19 },
      wantStatus: [getErrReason("memory")],
      wantInsufficient: [["memory", 3, 19, 20]],
    },
    {
      name: "init container fits because it's the max, not sum, of containers and init containers",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }),
      existing: { cpu: 9, mem: 19 },
      wantInsufficient: [],
    },
    {
      name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
      pod: newResourceInitPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }, { cpu: 1, mem: 1 }),
      existing: { cpu: 9, mem: 19 },
      wantInsufficient: [],
    },
    {
      name: "both resources fit",
      pod: newResourcePod({ cpu: 1, mem: 1 }),
      existing: { cpu: 5, mem: 5 },
      wantInsufficient: [],
    },
    {
      name: "one resource memory fits",
      pod: newResourcePod({ cpu: 2, mem: 1 }),
      existing: { cpu: 9, mem: 5 },
      wantStatus: [getErrReason("cpu")],
      wantInsufficient: [["cpu", 2, 9, 10]],
    },
    {
      name: "one resource cpu fits",
      pod: newResourcePod({ cpu: 1, mem: 2 }),
      existing: { cpu: 5, mem: 19 },
      wantStatus: [getErrReason("memory")],
      wantInsufficient: [["memory", 2, 19, 20]],
    },
    {
      name: "equal edge case",
      pod: newResourcePod({ cpu: 5, mem: 1 }),
      existing: { cpu: 5, mem: 19 },
      wantInsufficient: [],
    },
    {
      name: "equal edge case for init container",
      pod: newResourceInitPod(newResourcePod({ cpu: 4, mem: 1 }), { cpu: 5, mem: 1 }),
      existing: { cpu: 5, mem: 19 },
      wantInsufficient: [],
    },
    {
      name: "extended resource fits",
      pod: newResourcePod({ scalar: { [extendedResourceA]: 1 } }),
      existing: {},
      wantInsufficient: [],
    },
    {
      name: "extended resource fits for init container",
      pod: newResourceInitPod(newResourcePod({}), { scalar: { [extendedResourceA]: 1 } }),
      existing: {},
      wantInsufficient: [],
    },
    {
      name: "extended resource capacity enforced",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceA]: 10 } }),
      existing: { scalar: { [extendedResourceA]: 0 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 10, 0, 5]],
    },
    {
      name: "extended resource capacity enforced for init container",
      pod: newResourceInitPod(newResourcePod({}), { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 10 } }),
      existing: { scalar: { [extendedResourceA]: 0 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 10, 0, 5]],
    },
    {
      name: "extended resource allocatable enforced",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceA]: 1 } }),
      existing: { scalar: { [extendedResourceA]: 5 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 1, 5, 5]],
    },
    {
      name: "extended resource allocatable enforced for init container",
      pod: newResourceInitPod(newResourcePod({}), { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 1 } }),
      existing: { scalar: { [extendedResourceA]: 5 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 1, 5, 5]],
    },
    {
      name: "extended resource allocatable enforced for multiple containers",
      pod: newResourcePod(
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 3 } },
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 3 } },
      ),
      existing: { scalar: { [extendedResourceA]: 2 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 6, 2, 5]],
    },
    {
      name: "extended resource allocatable admits multiple init containers",
      pod: newResourceInitPod(
        newResourcePod({}),
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 3 } },
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 3 } },
      ),
      existing: { scalar: { [extendedResourceA]: 2 } },
      wantInsufficient: [],
    },
    {
      name: "extended resource allocatable enforced for multiple init containers",
      pod: newResourceInitPod(
        newResourcePod({}),
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 6 } },
        { cpu: 1, mem: 1, scalar: { [extendedResourceA]: 3 } },
      ),
      existing: { scalar: { [extendedResourceA]: 2 } },
      wantStatus: [getErrReason(extendedResourceA)],
      wantInsufficient: [[extendedResourceA, 6, 2, 5]],
    },
    {
      name: "extended resource allocatable enforced for unknown resource",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceB]: 1 } }),
      existing: {},
      wantStatus: [getErrReason(extendedResourceB)],
      wantInsufficient: [[extendedResourceB, 1, 0, 0]],
    },
    {
      name: "extended resource allocatable enforced for unknown resource for init container",
      pod: newResourceInitPod(newResourcePod({}), { cpu: 1, mem: 1, scalar: { [extendedResourceB]: 1 } }),
      existing: {},
      wantStatus: [getErrReason(extendedResourceB)],
      wantInsufficient: [[extendedResourceB, 1, 0, 0]],
    },
    {
      name: "kubernetes.io resource capacity enforced",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [kubernetesIOResourceA]: 10 } }),
      existing: {},
      wantStatus: [getErrReason(kubernetesIOResourceA)],
      wantInsufficient: [[kubernetesIOResourceA, 10, 0, 0]],
    },
    {
      name: "kubernetes.io resource capacity enforced for init container",
      pod: newResourceInitPod(newResourcePod({}), {
        cpu: 1,
        mem: 1,
        scalar: { [kubernetesIOResourceB]: 10 },
      }),
      existing: {},
      wantStatus: [getErrReason(kubernetesIOResourceB)],
      wantInsufficient: [[kubernetesIOResourceB, 10, 0, 0]],
    },
    {
      name: "hugepages resource capacity enforced",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [hugePageResourceA]: 10 } }),
      existing: { scalar: { [hugePageResourceA]: 0 } },
      wantStatus: [getErrReason(hugePageResourceA)],
      wantInsufficient: [[hugePageResourceA, 10, 0, 5]],
    },
    {
      name: "hugepages resource capacity enforced for init container",
      pod: newResourceInitPod(newResourcePod({}), { cpu: 1, mem: 1, scalar: { [hugePageResourceA]: 10 } }),
      existing: { scalar: { [hugePageResourceA]: 0 } },
      wantStatus: [getErrReason(hugePageResourceA)],
      wantInsufficient: [[hugePageResourceA, 10, 0, 5]],
    },
    {
      name: "hugepages resource allocatable enforced for multiple containers",
      pod: newResourcePod(
        { cpu: 1, mem: 1, scalar: { [hugePageResourceA]: 3 } },
        { cpu: 1, mem: 1, scalar: { [hugePageResourceA]: 3 } },
      ),
      existing: { scalar: { [hugePageResourceA]: 2 } },
      wantStatus: [getErrReason(hugePageResourceA)],
      wantInsufficient: [[hugePageResourceA, 6, 2, 5]],
    },
    {
      name: "skip checking ignored extended resource",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceB]: 1 } }),
      existing: {},
      args: { ignoredResources: ["example.com/bbb"] },
      wantInsufficient: [],
    },
    {
      name: "resources + pod overhead fits",
      pod: newResourceOverheadPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: "3m", memory: "13" }),
      existing: { cpu: 5, mem: 5 },
      wantInsufficient: [],
    },
    {
      name: "requests + overhead does not fit for memory",
      pod: newResourceOverheadPod(newResourcePod({ cpu: 1, mem: 1 }), { cpu: "1m", memory: "15" }),
      existing: { cpu: 5, mem: 5 },
      wantStatus: [getErrReason("memory")],
      wantInsufficient: [["memory", 16, 5, 20]],
    },
    {
      name: "skip checking ignored extended resource via resource groups",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceB]: 1, [kubernetesIOResourceA]: 1 } }),
      existing: {},
      args: { ignoredResourceGroups: ["example.com"] },
      wantStatus: [`Insufficient ${kubernetesIOResourceA}`],
      wantInsufficient: [[kubernetesIOResourceA, 1, 0, 0]],
    },
    {
      name: "skip checking extended resource request with quantity zero via resource groups",
      pod: newResourcePod({ cpu: 1, mem: 1, scalar: { [extendedResourceA]: 0 } }),
      existing: { scalar: { [extendedResourceA]: 6 } },
      wantInsufficient: [],
    },
    {
      // Upstream runs it with PodLevelResources on; the pod has no pod-level resources.
      name: "skip checking resource request with quantity zero",
      pod: newResourcePod({ scalar: { [extendedResourceA]: 1 } }),
      existing: { cpu: 20, mem: 30, scalar: { [extendedResourceA]: 1 } },
      wantInsufficient: [],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const ni = makeNodeInfo(enoughNode, newResourcePod(c.existing));
      const s = filter(new FitPlugin(c.args), c.pod, ni);
      if (!c.wantStatus) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.Unschedulable);
        expect(s?.reasons).toEqual(c.wantStatus);
      }
      const got = fits(
        newPodInfo(c.pod),
        ni,
        new Set(c.args?.ignoredResources ?? []),
        new Set(c.args?.ignoredResourceGroups ?? []),
      );
      expect(got).toEqual(
        c.wantInsufficient.map(([resourceName, requested, used, capacity]) => ({
          resourceName,
          reason: getErrReason(resourceName),
          requested,
          used,
          capacity,
        })),
      );
    });

  // Pod-level resources (spec.resources) are alpha in v1.32 (PodLevelResources, off by default)
  // and not modelled by Kubeglass's PodInfo.
  for (const name of [
    "both pod-level and container-level resources fit",
    "pod-level cpu resource not fit",
    "pod-level memory resource not fit",
    "pod-level hugepages resource fit",
    "both pod-level and container-level hugepages resource fit",
    "pod-level hugepages resource not fit",
    "one pod-level cpu resource fits and all init and non-init containers resources fit",
  ])
    it.skip(`${name} (PodLevelResources: alpha in v1.32, not modelled)`, () => {});
});

describe("NodeResourcesFit Filter without PreFilter (TestPreFilterDisabled)", () => {
  it("returns an Error status", () => {
    const s = new FitPlugin().filter(
      new CycleState(),
      newPodInfo(pod()),
      makeNodeInfo(makeNode("", { allocatable: {} })),
    );
    expect(s?.code).toBe(Code.Error);
    expect(s?.reasons).toEqual([`error reading "${preFilterStateKey}" from cycleState: not found`]);
    expect(preFilterStateKey).toBe("PreFilterNodeResourcesFit");
  });
});

describe("NodeResourcesFit Filter (TestNotEnoughRequests)", () => {
  // makeAllocatableResources(10, 20, 1, 0, 0, 0).
  const node = makeNode("node", {
    allocatable: {
      cpu: "10m",
      memory: "20",
      pods: "1",
      [extendedResourceA]: "0",
      "ephemeral-storage": "0",
      [hugePageResourceA]: "0",
    },
  });
  const cases: { name: string; pod: Pod; existing: R }[] = [
    {
      name: "even without specified resources, predicate fails when there's no space for additional pod",
      pod: pod(),
      existing: { cpu: 10, mem: 20 },
    },
    {
      name: "even if both resources fit, predicate fails when there's no space for additional pod",
      pod: newResourcePod({ cpu: 1, mem: 1 }),
      existing: { cpu: 5, mem: 5 },
    },
    {
      name: "even for equal edge case, predicate fails when there's no space for additional pod",
      pod: newResourcePod({ cpu: 5, mem: 1 }),
      existing: { cpu: 5, mem: 19 },
    },
    {
      name: "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
      pod: newResourceInitPod(newResourcePod({ cpu: 5, mem: 1 }), { cpu: 5, mem: 1 }),
      existing: { cpu: 5, mem: 19 },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = filter(new FitPlugin(), c.pod, makeNodeInfo(node, newResourcePod(c.existing)));
      expect(s?.code).toBe(Code.Unschedulable);
      expect(s?.reasons).toEqual(["Too many pods"]);
    });
});

describe("NodeResourcesFit Filter (TestStorageRequests)", () => {
  const cases: { name: string; pod: Pod; existing: R; want?: string }[] = [
    {
      name: "empty storage requested, and pod fits",
      pod: newResourcePod({ cpu: 1, mem: 1 }),
      existing: { cpu: 2, mem: 10 },
    },
    {
      name: "storage ephemeral local storage request exceeds allocatable",
      pod: newResourcePod({ eph: 25 }),
      existing: { cpu: 2, mem: 2 },
      want: getErrReason("ephemeral-storage"),
    },
    {
      name: "ephemeral local storage is sufficient",
      pod: newResourceInitPod(newResourcePod({ eph: 5 })),
      existing: { cpu: 2, mem: 2, eph: 10 },
    },
    { name: "pod fits", pod: newResourcePod({ eph: 10 }), existing: { cpu: 2, mem: 2 } },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = filter(new FitPlugin(), c.pod, makeNodeInfo(enoughNode, newResourcePod(c.existing)));
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.Unschedulable);
        expect(s?.reasons).toEqual([c.want]);
      }
    });
});

describe("NodeResourcesFit (TestRestartableInitContainers)", () => {
  const newPod = () => pod({ containers: [{ name: "regular" }] });
  const newPodWithRestartableInitContainers = (
    request?: Record<string, string>,
    sidecar?: Record<string, string>,
  ) =>
    pod({
      containers: [{ name: "regular", ...(request ? { resources: { requests: request } } : {}) }],
      initContainers: [
        {
          name: "restartable-init",
          restartPolicy: "Always",
          ...(sidecar ? { resources: { requests: sidecar } } : {}),
        },
      ],
    });
  // makeAllocatableResources(2, 0, 1, 0, 0, 0).
  const node = makeNode("node", {
    allocatable: {
      cpu: "2m",
      memory: "0",
      pods: "1",
      [extendedResourceA]: "0",
      "ephemeral-storage": "0",
      [hugePageResourceA]: "0",
    },
  });
  const cases: { name: string; pod: Pod; wantFilter?: string }[] = [
    // The outcome does not depend on the SidecarContainers gate: the pod has no sidecar.
    {
      name: "allow pod without restartable init containers if sidecar containers is disabled",
      pod: newPod(),
    },
    { name: "allow pod without restartable init containers if sidecar containers is enabled", pod: newPod() },
    {
      name: "allow pod with restartable init containers if sidecar containers is enabled",
      pod: newPodWithRestartableInitContainers(),
    },
    {
      name: "allow pod if the total requested resources do not exceed the node's allocatable resources",
      pod: newPodWithRestartableInitContainers({ cpu: "1m" }, { cpu: "1m" }),
    },
    {
      name: "not allow pod if the total requested resources do exceed the node's allocatable resources",
      pod: newPodWithRestartableInitContainers({ cpu: "1m" }, { cpu: "2m" }),
      wantFilter: "Insufficient cpu",
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = filter(new FitPlugin(), c.pod, makeNodeInfo(node));
      if (!c.wantFilter) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.Unschedulable);
        expect(s?.reasons).toEqual([c.wantFilter]);
      }
    });
  // SidecarContainers is on by default in v1.32 and Kubeglass models no feature gates, so the
  // PreFilter rejection "Pod has a restartable init container and the SidecarContainers feature is
  // disabled" cannot happen.
  it.skip("not allow pod with restartable init containers if sidecar containers is disabled (no feature gates)", () => {});
});

describe("NodeResourcesFit Score (TestFitScore)", () => {
  const defaultResources = [
    { name: "cpu", weight: 1 },
    { name: "memory", weight: 1 },
  ];
  const nodes = () => [
    capNode("node1", { cpu: "4000", memory: "10000" }),
    capNode("node2", { cpu: "6000", memory: "10000" }),
  ];
  const existing = () => [
    reqPod("node1", { cpu: "2000", memory: "4000" }),
    reqPod("node2", { cpu: "1000", memory: "2000" }),
  ];
  const rtcr = (shape: { utilization: number; score: number }[]): FitArgs => ({
    scoringStrategy: {
      type: "RequestedToCapacityRatio",
      resources: defaultResources,
      requestedToCapacityRatio: { shape },
    },
  });
  const most: FitArgs = { scoringStrategy: { type: "MostAllocated", resources: defaultResources } };
  const least: FitArgs = { scoringStrategy: { type: "LeastAllocated", resources: defaultResources } };
  const big = { cpu: "3000", memory: "5000" };
  const small = { cpu: "1000", memory: "2000" };
  const cases: {
    name: string;
    req: Record<string, string>;
    args: FitArgs;
    runPreScore: boolean;
    want: number[];
    sidecar?: boolean;
  }[] = [
    {
      name: "test case for ScoringStrategy RequestedToCapacityRatio case1",
      req: big,
      args: rtcr([
        { utilization: 0, score: 10 },
        { utilization: 100, score: 0 },
      ]),
      runPreScore: true,
      want: [10, 32],
    },
    {
      name: "test case for ScoringStrategy RequestedToCapacityRatio case2",
      req: big,
      args: rtcr([
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ]),
      runPreScore: true,
      want: [95, 68],
    },
    {
      name: "test case for ScoringStrategy MostAllocated",
      req: small,
      args: most,
      runPreScore: true,
      want: [67, 36],
    },
    {
      name: "test case for ScoringStrategy LeastAllocated",
      req: small,
      args: least,
      runPreScore: true,
      want: [32, 63],
    },
    {
      name: "test case for ScoringStrategy RequestedToCapacityRatio case1 if PreScore is not called",
      req: big,
      args: rtcr([
        { utilization: 0, score: 10 },
        { utilization: 100, score: 0 },
      ]),
      runPreScore: false,
      want: [10, 32],
    },
    {
      name: "test case for ScoringStrategy MostAllocated if PreScore is not called",
      req: small,
      args: most,
      runPreScore: false,
      want: [67, 36],
    },
    {
      name: "test case for ScoringStrategy LeastAllocated if PreScore is not called",
      req: small,
      args: least,
      runPreScore: false,
      want: [32, 63],
    },
    {
      name: "test case for ScoringStrategy MostAllocated with sidecar container",
      req: small,
      args: most,
      runPreScore: true,
      want: [67, 45],
      sidecar: true,
    },
    {
      name: "test case for ScoringStrategy LeastAllocated with sidecar container",
      req: small,
      args: least,
      runPreScore: true,
      want: [32, 55],
      sidecar: true,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const ns = c.sidecar
        ? [
            capNode("node1", { cpu: "4000", memory: "10000" }),
            capNode("node2", { cpu: "4000", memory: "10000" }),
          ]
        : nodes();
      const ex = c.sidecar
        ? [withSidecar(reqPod("node1", small), small), reqPod("node2", small)]
        : existing();
      expect(scoreNodes(new FitPlugin(c.args), reqPod(undefined, c.req), ns, ex, c.runPreScore)).toEqual(
        c.want,
      );
    });
});
