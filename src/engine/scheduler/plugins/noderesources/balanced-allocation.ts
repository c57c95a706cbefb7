/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
 * fractions after placing the pod (1 - standard deviation of the fractions).
 */
import type { CycleState } from "../../framework/cycle-state";
import type { NodeSlots, ScorePlugin } from "../../framework/interface";
import type { MaybeStatus } from "../../framework/status";
import { MAX_NODE_SCORE, type NodeInfo, type PodInfo } from "../../framework/types";
import { NodeResourcesBalancedAllocation as NAME } from "../names";
import { defaultResources, podRequest, type ResourceSpec, scoreNode } from "./resource-allocation";

/** 1 - std of requested/allocatable fractions, times MaxNodeScore (balancedResourceScorer). */
export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = (requested[i] as number) / (allocatable[i] as number);
    if (f > 1) f = 1;
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const balancedScorer = (r: number[], a: number[]) => balancedResourceScorer(r, a);

/** BalancedAllocationArgs. */
export interface BalancedAllocationArgs {
  resources?: ResourceSpec[];
}

/** The balanced allocation plugin (noderesources/balanced_allocation.go). */
export class BalancedAllocationPlugin implements ScorePlugin {
  readonly name = NAME;
  private readonly resources: ResourceSpec[];
  private lastPod: PodInfo | undefined;
  private lastReqs: number[] = [];
  /** Whether the resources are exactly cpu and memory (the default). */
  private readonly cpuMemory: boolean;
  constructor(args: BalancedAllocationArgs = {}) {
    this.resources = args.resources?.length ? args.resources : defaultResources;
    this.cpuMemory =
      this.resources.length === 2 &&
      this.resources[0]?.name === "cpu" &&
      this.resources[1]?.name === "memory";
  }
  /** score() over nodes[0..n) in one loop (see ScorePlugin.scoreNodes). */
  scoreNodes(
    state: CycleState,
    p: PodInfo,
    nodes: readonly NodeInfo[],
    n: number,
    out: number[],
    at?: NodeSlots,
  ): MaybeStatus {
    if (!this.cpuMemory) {
      for (let i = 0; i < n; i++) out[i] = this.score(state, p, nodes[i] as NodeInfo);
      return undefined;
    }
    const reqs = this.requestsOf(p);
    const cpu = reqs[0] as number;
    const memory = reqs[1] as number;
    if (at) {
      const { allocCPU, allocMem, reqCPU, reqMem } = at.columns;
      const { slots } = at;
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        out[i] = balancedCpuMemory(
          allocCPU[s] as number,
          allocMem[s] as number,
          (reqCPU[s] as number) + cpu,
          (reqMem[s] as number) + memory,
        );
      }
    } else
      for (let i = 0; i < n; i++) {
        const ni = nodes[i] as NodeInfo;
        out[i] = balancedCpuMemory(ni.allocCPU, ni.allocMem, ni.reqCPU + cpu, ni.reqMem + memory);
      }
    return undefined;
  }

  score(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    const reqs = this.requestsOf(p);
    if (this.cpuMemory)
      return balancedCpuMemory(
        nodeInfo.allocCPU,
        nodeInfo.allocMem,
        nodeInfo.reqCPU + (reqs[0] as number),
        nodeInfo.reqMem + (reqs[1] as number),
      );
    return scoreNode(nodeInfo, reqs, this.resources, true, balancedScorer);
  }

  /** The pod's requests of each scored resource, the same for every node of the cycle: computed once. */
  private requestsOf(p: PodInfo): number[] {
    if (this.lastPod !== p) {
      this.lastPod = p;
      this.lastReqs = this.resources.map((r) => podRequest(p, r.name, true));
    }
    return this.lastReqs;
  }
}

/**
 * balancedResourceScorer over cpu and memory, without arrays: from the node's allocatable and
 * what would be requested with the pod.
 */
function balancedCpuMemory(allocCPU: number, allocMem: number, cpu: number, memory: number): number {
  if (allocCPU === 0 || allocMem === 0) return MAX_NODE_SCORE;
  let f0 = cpu / allocCPU;
  if (f0 > 1) f0 = 1;
  let f1 = memory / allocMem;
  if (f1 > 1) f1 = 1;
  return Math.trunc((1 - Math.abs((f0 - f1) / 2)) * MAX_NODE_SCORE);
}
