/**
 * Resource scoring shared by NodeResourcesFit and NodeResourcesBalancedAllocation
 * (noderesources/resource_allocation.go and the three scoring strategies).
 */
import type { NodeInfo, PodInfo } from "../../framework/types";
import { MAX_NODE_SCORE } from "../../framework/types";

/** A resource and its weight in a scoring strategy. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default resources of scoring strategies: cpu and memory, weight 1 each. */
export const defaultResources: ResourceSpec[] = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];

/** The pod's request of one resource; useRequested=false counts the non-zero defaults. */
export function podRequest(p: PodInfo, resource: string, useRequested: boolean): number {
  switch (resource) {
    case "cpu":
      return useRequested ? p.requests.milliCPU : p.nonZeroCPU;
    case "memory":
      return useRequested ? p.requests.memory : p.nonZeroMemory;
    case "ephemeral-storage":
      return p.requests.ephemeralStorage;
    default:
      return p.requests.scalar.get(resource) ?? 0;
  }
}

/** [allocatable, requested including the pod] of a resource on a node. */
export function allocatableRequest(
  nodeInfo: NodeInfo,
  resource: string,
  podReq: number,
  useRequested: boolean,
): [number, number] {
  const a = nodeInfo.allocatable;
  switch (resource) {
    case "cpu":
      return [
        a.milliCPU,
        (useRequested ? nodeInfo.requested.milliCPU : nodeInfo.nonZeroRequested.milliCPU) + podReq,
      ];
    case "memory":
      return [
        a.memory,
        (useRequested ? nodeInfo.requested.memory : nodeInfo.nonZeroRequested.memory) + podReq,
      ];
    case "ephemeral-storage":
      return [a.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podReq];
    default: {
      // Extended resources count only when the pod asks for them.
      if (podReq === 0) return [0, 0];
      return [a.scalar.get(resource) ?? 0, (nodeInfo.requested.scalar.get(resource) ?? 0) + podReq];
    }
  }
}

/** (capacity - requested) / capacity, scaled to MaxNodeScore (leastRequestedScore). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** requested / capacity, scaled to MaxNodeScore (mostRequestedScore). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  const r = Math.min(requested, capacity);
  return Math.trunc((r * MAX_NODE_SCORE) / capacity);
}

/** A point of RequestedToCapacityRatio's shape: utilization 0..100 → score 0..10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** The highest score a shape point may give (MaxCustomPriorityScore). */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** The piecewise linear function through the shape (helper.BuildBrokenLinearFunction). */
export function brokenLinear(shape: { utilization: number; score: number }[]): (p: number) => number {
  return (p: number) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as { utilization: number; score: number };
      if (p <= cur.utilization) {
        if (i === 0) return shape[0]?.score ?? 0;
        const prev = shape[i - 1] as { utilization: number; score: number };
        // Go's integer division truncates the step, not the sum (it differs on falling slopes).
        return (
          prev.score +
          Math.trunc(
            ((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization),
          )
        );
      }
    }
    return shape[shape.length - 1]?.score ?? 0;
  };
}

/** A strategy's scorer over [requested], [allocatable] per resource. */
export type Scorer = (requested: number[], allocatable: number[], resources: ResourceSpec[]) => number;

/** LeastAllocated: weighted mean of free fractions. */
export const leastAllocatedScorer: Scorer = (requested, allocatable, resources) => {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const w = resources[i]?.weight ?? 1;
    nodeScore += leastRequestedScore(requested[i] as number, allocatable[i] as number) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
};

/** MostAllocated: weighted mean of used fractions. */
export const mostAllocatedScorer: Scorer = (requested, allocatable, resources) => {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const w = resources[i]?.weight ?? 1;
    nodeScore += mostRequestedScore(requested[i] as number, allocatable[i] as number) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
};

/** RequestedToCapacityRatio over a shape (scores 0..10 scaled to MaxNodeScore). */
export function requestedToCapacityRatioScorer(shape: UtilizationShapePoint[]): Scorer {
  const scaled = shape.map((p) => ({
    utilization: p.utilization,
    score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
  }));
  const f = brokenLinear(scaled);
  const resourceScore = (requested: number, capacity: number) => {
    if (capacity === 0 || requested > capacity) return f(100);
    return f(Math.trunc((requested * 100) / capacity));
  };
  return (requested, allocatable, resources) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const w = resources[i]?.weight ?? 1;
      const s = resourceScore(requested[i] as number, allocatable[i] as number);
      if (s > 0) {
        nodeScore += s * w;
        weightSum += w;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

// Scratch arrays reused across calls: scoring is synchronous and allocation-free this way.
let scratchRequested: number[] = [];
let scratchAllocatable: number[] = [];

/** Scores a node with a scorer (resourceAllocationScorer.score). */
export function scoreNode(
  nodeInfo: NodeInfo,
  podRequests: number[],
  resources: ResourceSpec[],
  useRequested: boolean,
  scorer: Scorer,
): number {
  const n = resources.length;
  if (scratchRequested.length !== n) {
    scratchRequested = new Array(n).fill(0);
    scratchAllocatable = new Array(n).fill(0);
  }
  const requested = scratchRequested;
  const allocatable = scratchAllocatable;
  for (let i = 0; i < n; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const podReq = podRequests[i] as number;
    let alloc: number;
    let req: number;
    if (name === "cpu") {
      alloc = nodeInfo.allocatable.milliCPU;
      req = (useRequested ? nodeInfo.requested.milliCPU : nodeInfo.nonZeroRequested.milliCPU) + podReq;
    } else if (name === "memory") {
      alloc = nodeInfo.allocatable.memory;
      req = (useRequested ? nodeInfo.requested.memory : nodeInfo.nonZeroRequested.memory) + podReq;
    } else [alloc, req] = allocatableRequest(nodeInfo, name, podReq, useRequested);
    if (alloc === 0) {
      allocatable[i] = 0;
      requested[i] = 0;
      continue;
    }
    allocatable[i] = alloc;
    requested[i] = req;
  }
  return scorer(requested, allocatable, resources);
}
