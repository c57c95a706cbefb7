/**
 * NodeResourcesFit: Filter checks the pod's requests against what is left of the node's
 * allocatable; Score ranks nodes by a strategy (LeastAllocated by default, MostAllocated,
 * RequestedToCapacityRatio).
 */
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  NodeSlots,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/interface";
import { Code, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import type { NodeColumns, NodeInfo, PodInfo, Resource } from "../../framework/types";
import { NodeResourcesFit as NAME } from "../names";
import { fitEvents } from "./fit-hints";
import {
  defaultResources,
  leastAllocatedScorer,
  leastRequestedScore,
  mostAllocatedScorer,
  podRequest,
  type ResourceSpec,
  requestedToCapacityRatioScorer,
  type Scorer,
  scoreNode,
  type UtilizationShapePoint,
} from "./resource-allocation";

/** The reason when the node is at its pod limit. */
export const ErrReasonTooManyPods = "Too many pods";
/** `Insufficient cpu`, `Insufficient memory`, `Insufficient nvidia.com/gpu`. */
export function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

/** The CycleState key of what PreFilter computed (preFilterStateKey). */
export const preFilterStateKey = `PreFilter${NAME}`;

/** The pod's requests as PreFilter computed them (preFilterState); never mutated, so clones share it. */
class PreFilterState implements StateData {
  constructor(readonly requests: Resource) {}
  clone(): StateData {
    return this;
  }
}

/**
 * Whether ignoredResources / ignoredResourceGroups may name the resource
 * (v1helper.IsExtendedResourceName): a domain-prefixed name outside kubernetes.io.
 */
export function isExtendedResourceName(name: string): boolean {
  return name.includes("/") && !name.includes("kubernetes.io/") && !name.startsWith("requests.");
}

/** NodeResourcesFitArgs. */
export interface FitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: "LeastAllocated" | "MostAllocated" | "RequestedToCapacityRatio";
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

/** One resource the node lacks. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** What the node lacks for the pod (noderesources.Fits), in upstream order. */
export function fits(
  p: PodInfo,
  nodeInfo: NodeInfo,
  ignored: Set<string> = new Set(),
  ignoredGroups: Set<string> = new Set(),
): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const a = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.size + 1 > a.allowedPodNumber)
    out.push({
      resourceName: "pods",
      reason: ErrReasonTooManyPods,
      requested: 1,
      used: nodeInfo.pods.size,
      capacity: a.allowedPodNumber,
    });
  const r = p.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar.size === 0) return out;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - used.milliCPU)
    out.push({
      resourceName: "cpu",
      reason: insufficientReason("cpu"),
      requested: r.milliCPU,
      used: used.milliCPU,
      capacity: a.milliCPU,
    });
  if (r.memory > 0 && r.memory > a.memory - used.memory)
    out.push({
      resourceName: "memory",
      reason: insufficientReason("memory"),
      requested: r.memory,
      used: used.memory,
      capacity: a.memory,
    });
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - used.ephemeralStorage)
    out.push({
      resourceName: "ephemeral-storage",
      reason: insufficientReason("ephemeral-storage"),
      requested: r.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: a.ephemeralStorage,
    });
  for (const [name, q] of r.scalar) {
    if (q === 0) continue;
    if (
      isExtendedResourceName(name) &&
      (ignored.has(name) || ignoredGroups.has(name.slice(0, name.indexOf("/"))))
    )
      continue;
    const alloc = a.scalar.get(name) ?? 0;
    const u = used.scalar.get(name) ?? 0;
    if (q > alloc - u)
      out.push({
        resourceName: name,
        reason: insufficientReason(name),
        requested: q,
        used: u,
        capacity: alloc,
      });
  }
  return out;
}

/** The fit plugin (noderesources/fit.go). */
export class FitPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return fitEvents(this.ignored, this.ignoredGroups);
  }
  private readonly ignored: Set<string>;
  private readonly ignoredGroups: Set<string>;
  private readonly resources: ResourceSpec[];
  private lastPod: PodInfo | undefined;
  private lastReqs: number[] = [];
  private readonly scorer: Scorer;
  /** Weights of cpu and memory when the strategy is LeastAllocated over exactly those (the default). */
  private readonly leastCpuMemory: [number, number] | undefined;

  constructor(args: FitArgs = {}) {
    this.ignored = new Set(args.ignoredResources ?? []);
    this.ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    const strategy = args.scoringStrategy ?? {};
    // ValidateNodeResourcesFitArgs (validateResources); a weight of 0 is defaulted to 1 below, as
    // the v1 API's defaulting does.
    (strategy.resources ?? []).forEach((r, i) => {
      if (r.weight < 0 || r.weight > 100)
        throw new Error(
          `scoringStrategy.resources[${i}].weight: Invalid value: ${r.weight}: resource weight of ${r.name} not in valid range (0, 100]`,
        );
    });
    this.resources = (strategy.resources?.length ? strategy.resources : defaultResources).map((r) => ({
      name: r.name,
      weight: r.weight || 1,
    }));
    switch (strategy.type ?? "LeastAllocated") {
      case "MostAllocated":
        this.scorer = mostAllocatedScorer;
        break;
      case "RequestedToCapacityRatio":
        this.scorer = requestedToCapacityRatioScorer(
          strategy.requestedToCapacityRatio?.shape ?? [
            { utilization: 0, score: 10 },
            { utilization: 100, score: 0 },
          ],
        );
        break;
      default:
        this.scorer = leastAllocatedScorer;
    }
    const [r0, r1] = this.resources;
    this.leastCpuMemory =
      this.scorer === leastAllocatedScorer &&
      this.resources.length === 2 &&
      r0?.name === "cpu" &&
      r1?.name === "memory"
        ? [r0.weight, r1.weight]
        : undefined;
  }

  preFilter(state: CycleState, p: PodInfo) {
    const data = new PreFilterState(p.requests);
    state.write(preFilterStateKey, data);
    this.lastState = state;
    this.lastData = data;
    return {};
  }
  // The state the last PreFilter wrote, and what it wrote: Filter runs for hundreds of nodes
  // with that same state, and skips the map lookup (a copy made for preemption is read).
  private lastState: CycleState | undefined;
  private lastData: PreFilterState | undefined;

  filter(state: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterStateKey);
    // PreFilter did not run: the framework is misconfigured.
    if (s === undefined)
      return newStatus(Code.Error, `error reading "${preFilterStateKey}" from cycleState: not found`);
    // Fast path without allocation: the common case fits.
    const r = s.requests;
    if (
      nodeInfo.numPods + 1 <= nodeInfo.allocPods &&
      (r.milliCPU <= 0 || r.milliCPU <= nodeInfo.allocCPU - nodeInfo.reqCPU) &&
      (r.memory <= 0 || r.memory <= nodeInfo.allocMem - nodeInfo.reqMem) &&
      (r.ephemeralStorage <= 0 || r.ephemeralStorage <= nodeInfo.allocEph - nodeInfo.reqEph) &&
      r.scalar.size === 0
    )
      return undefined;
    const insufficient = fits(p, nodeInfo, this.ignored, this.ignoredGroups);
    if (insufficient.length === 0) return undefined;
    return newStatus(Code.Unschedulable, ...insufficient.map((i) => i.reason));
  }

  /** The filter's fast path (room for one more pod and for its cpu, memory and storage) over the columns. */
  passingNodes(
    state: CycleState,
    _p: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterStateKey);
    const r = s?.requests;
    if (r === undefined || r.scalar.size > 0) {
      ok.fill(0, 0, count);
      return;
    }
    const cpu = r.milliCPU;
    const memory = r.memory;
    const storage = r.ephemeralStorage;
    const { numPods, allocPods, allocCPU, reqCPU, allocMem, reqMem, allocEph, reqEph } = columns;
    const size = columns.size;
    let slot = start;
    for (let i = 0; i < count; i++, slot++) {
      if (slot === size) slot = 0;
      if (
        !(
          (numPods[slot] as number) + 1 <= (allocPods[slot] as number) &&
          (cpu <= 0 || cpu <= (allocCPU[slot] as number) - (reqCPU[slot] as number)) &&
          (memory <= 0 || memory <= (allocMem[slot] as number) - (reqMem[slot] as number)) &&
          (storage <= 0 || storage <= (allocEph[slot] as number) - (reqEph[slot] as number))
        )
      )
        ok[i] = 0;
    }
  }

  /**
   * Filter's status on a node passingNodes cleared, from the columns: which of pods, cpu, memory
   * and ephemeral storage fall short (undefined for a pod with extended resources: filter decides).
   */
  quickRejection(state: CycleState, _p: PodInfo, columns: NodeColumns, slot: number): Status | undefined {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterStateKey);
    const r = s?.requests;
    if (r === undefined || r.scalar.size > 0) return undefined;
    let short = 0;
    if ((columns.numPods[slot] as number) + 1 > (columns.allocPods[slot] as number)) short |= 1;
    if (r.milliCPU > 0 && r.milliCPU > (columns.allocCPU[slot] as number) - (columns.reqCPU[slot] as number))
      short |= 2;
    if (r.memory > 0 && r.memory > (columns.allocMem[slot] as number) - (columns.reqMem[slot] as number))
      short |= 4;
    if (
      r.ephemeralStorage > 0 &&
      r.ephemeralStorage > (columns.allocEph[slot] as number) - (columns.reqEph[slot] as number)
    )
      short |= 8;
    if (short === 0) return undefined;
    let st = this.shortOf[short];
    if (!st) {
      // In fits' order.
      const reasons: string[] = [];
      if (short & 1) reasons.push(ErrReasonTooManyPods);
      if (short & 2) reasons.push(insufficientReason("cpu"));
      if (short & 4) reasons.push(insufficientReason("memory"));
      if (short & 8) reasons.push(insufficientReason("ephemeral-storage"));
      st = newStatus(Code.Unschedulable, ...reasons);
      this.shortOf[short] = st;
    }
    return st;
  }
  /** The status for each combination of what falls short (shared: quickRejection's statuses are never changed). */
  private readonly shortOf: (Status | undefined)[] = [];

  preScore(): MaybeStatus {
    return undefined;
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
    const w = this.leastCpuMemory;
    if (w === undefined) {
      for (let i = 0; i < n; i++) out[i] = this.score(state, p, nodes[i] as NodeInfo);
      return undefined;
    }
    const reqs = this.requestsOf(p);
    const cpu = reqs[0] as number;
    const memory = reqs[1] as number;
    const [wCPU, wMem] = w;
    if (at) {
      const { allocCPU, allocMem, nzCPU, nzMem } = at.columns;
      const { slots } = at;
      for (let i = 0; i < n; i++) {
        const s = slots[i] as number;
        out[i] = leastAllocatedCpuMemory(
          allocCPU[s] as number,
          allocMem[s] as number,
          (nzCPU[s] as number) + cpu,
          (nzMem[s] as number) + memory,
          wCPU,
          wMem,
        );
      }
    } else
      for (let i = 0; i < n; i++) {
        const ni = nodes[i] as NodeInfo;
        out[i] = leastAllocatedCpuMemory(
          ni.allocCPU,
          ni.allocMem,
          ni.nzCPU + cpu,
          ni.nzMem + memory,
          wCPU,
          wMem,
        );
      }
    return undefined;
  }

  score(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    const reqs = this.requestsOf(p);
    const w = this.leastCpuMemory;
    if (w !== undefined)
      return leastAllocatedCpuMemory(
        nodeInfo.allocCPU,
        nodeInfo.allocMem,
        nodeInfo.nzCPU + (reqs[0] as number),
        nodeInfo.nzMem + (reqs[1] as number),
        w[0],
        w[1],
      );
    return scoreNode(nodeInfo, reqs, this.resources, false, this.scorer);
  }

  /** The pod's requests of each scored resource, the same for every node of the cycle: computed once. */
  private requestsOf(p: PodInfo): number[] {
    if (this.lastPod !== p) {
      this.lastPod = p;
      this.lastReqs = this.resources.map((r) => podRequest(p, r.name, false));
    }
    return this.lastReqs;
  }
}

/**
 * leastAllocatedScorer over cpu and memory with their weights, without the scratch arrays:
 * from the node's allocatable and what would be requested with the pod (non-zero requests).
 */
function leastAllocatedCpuMemory(
  allocCPU: number,
  allocMem: number,
  cpu: number,
  memory: number,
  wCPU: number,
  wMem: number,
): number {
  let nodeScore = 0;
  let weightSum = 0;
  if (allocCPU !== 0) {
    nodeScore += leastRequestedScore(cpu, allocCPU) * wCPU;
    weightSum += wCPU;
  }
  if (allocMem !== 0) {
    nodeScore += leastRequestedScore(memory, allocMem) * wMem;
    weightSum += wMem;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}
