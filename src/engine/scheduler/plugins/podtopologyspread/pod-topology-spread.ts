/**
 * PodTopologySpread: DoNotSchedule constraints filter nodes whose domain would exceed maxSkew;
 * ScheduleAnyway constraints (or the system defaults) score nodes with fewer matching pods higher.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { podMatchesNodeSelectorAndAffinity } from "../../../api/helpers/nodeaffinity";
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from "../../../api/helpers/taints";
import type { Node, Pod, Taint } from "../../../api/kinds";
import { matchesLabelSelector } from "../../../api/selectors";
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  Handle,
  NodeScore,
  PreFilterExtensions,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/interface";
import { asStatus, Code, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import { MAX_NODE_SCORE, type NodeColumns, type NodeInfo, type PodInfo } from "../../framework/types";
import { PodTopologySpread as NAME } from "../names";
import { podTopologySpreadEvents } from "./pod-topology-spread-hints";

/** The reason when placing the pod would exceed maxSkew. */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
/** The reason for a node lacking a constraint's topology key. */
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

const LABEL_HOSTNAME = "kubernetes.io/hostname";

/** A constraint ready to evaluate (topologySpreadConstraint). */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  nodeAffinityPolicy: "Honor" | "Ignore";
  nodeTaintsPolicy: "Honor" | "Ignore";
}

/** A constraint as written in YAML (pod spec or plugin args). */
export interface RawConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
  nodeAffinityPolicy?: "Honor" | "Ignore";
  nodeTaintsPolicy?: "Honor" | "Ignore";
}

/** The system default constraints (defaultingType: System). */
export const systemDefaultConstraints: RawConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

/** PodTopologySpreadArgs. */
export interface PodTopologySpreadArgs {
  defaultConstraints?: RawConstraint[];
  defaultingType?: "System" | "List";
}

/**
 * A selector no pod matches (labels.Nothing()): what a nil labelSelector means. An empty
 * selector ({}) is the opposite and matches every pod.
 */
export const matchNothing: LabelSelector = {
  matchExpressions: [
    { key: "kubeglass.io/nothing", operator: "Exists" },
    { key: "kubeglass.io/nothing", operator: "DoesNotExist" },
  ],
};

function buildConstraints(raw: RawConstraint[], pod: Pod, when: string): Constraint[] {
  const out: Constraint[] = [];
  const labels = pod.metadata.labels ?? {};
  for (const c of raw) {
    if (c.whenUnsatisfiable !== when) continue;
    let selector: LabelSelector = c.labelSelector ?? matchNothing;
    // matchLabelKeys narrow a selector; Nothing stays Nothing (mergeLabelSetWithSelector).
    if (c.matchLabelKeys?.length && selector !== matchNothing) {
      const exprs = [...(selector.matchExpressions ?? [])];
      for (const k of c.matchLabelKeys)
        if (k in labels) exprs.push({ key: k, operator: "In", values: [labels[k] as string] });
      selector = { ...selector, matchExpressions: exprs };
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? "Honor",
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? "Ignore",
    });
  }
  return out;
}

function nodeHasAllKeys(labels: Record<string, string>, cs: Constraint[]): boolean {
  for (const c of cs) if (!(c.topologyKey in labels)) return false;
  return true;
}

function matchInclusionPolicies(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === "Honor" && !podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === "Honor" &&
    findMatchingUntoleratedTaint(
      node.spec?.taints as Taint[] | undefined,
      pod.spec?.tolerations,
      doNotScheduleTaints,
    )
  )
    return false;
  return true;
}

/** Pods on a node in namespace matching selector, not terminating (countPodsMatchSelector). */
export function countPodsMatchSelector(
  nodeInfo: NodeInfo,
  selector: LabelSelector,
  namespace: string,
): number {
  return nodeInfo.countMatching(namespace, selector);
}

/**
 * Whether every node passes the constraints' inclusion policies for this pod, so the eligible
 * nodes are just those with every topology key (no per-node policy check needed).
 */
function policiesIncludeAll(cs: Constraint[], pod: Pod): boolean {
  const pinned = pod.spec?.nodeSelector !== undefined || pod.spec?.affinity?.nodeAffinity !== undefined;
  for (const c of cs) {
    if (c.nodeTaintsPolicy === "Honor") return false;
    if (c.nodeAffinityPolicy === "Honor" && pinned) return false;
  }
  return true;
}

/** Nodes' values of a label by slot (NodeInfoLister.slotDomains). */
type SlotDomains = { ids: Int32Array; values: string[] };

/** The CycleState keys of the PreFilter and PreScore states. */
export const preFilterKey = `PreFilter${NAME}`;
export const preScoreKey = `PreScore${NAME}`;

/** What PreFilter computes: per DoNotSchedule constraint, matching pods per domain and their minimum. */
export class PreFilterState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly minMatch: number[],
    /** Whether the incoming pod matches each constraint's selector (it counts itself). */
    readonly selfMatch: boolean[],
  ) {}
  recompute(i: number): void {
    let min = Number.POSITIVE_INFINITY;
    for (const v of (this.tpValueToMatchNum[i] as Map<string, number>).values()) if (v < min) min = v;
    this.minMatch[i] = min;
  }
  minMatchNum(i: number): number {
    const c = this.constraints[i] as Constraint;
    if ((this.tpValueToMatchNum[i] as Map<string, number>).size < c.minDomains) return 0;
    return this.minMatch[i] as number;
  }
  clone() {
    return new PreFilterState(
      this.constraints,
      this.tpValueToMatchNum.map((m) => new Map(m)),
      [...this.minMatch],
      this.selfMatch,
    );
  }
}

/** What PreScore computes: per ScheduleAnyway constraint, matching pods per domain and a weight. */
export class PreScoreState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    readonly ignoredNodes: Set<string>,
    readonly topologyValueToPodCounts: Map<string, number>[],
    readonly weights: number[],
  ) {}
  clone() {
    return this;
  }
}

/** The topology spread plugin (podtopologyspread/{filtering,scoring}.go). */
export class PodTopologySpreadPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return podTopologySpreadEvents((pod) => this.constraintsFor(pod, "DoNotSchedule"));
  }
  private readonly defaultConstraints: RawConstraint[];
  private readonly systemDefaulted: boolean;

  constructor(
    private readonly handle: Handle,
    args: PodTopologySpreadArgs = {},
  ) {
    this.systemDefaulted = (args.defaultingType ?? "System") === "System";
    this.defaultConstraints = this.systemDefaulted
      ? systemDefaultConstraints
      : (args.defaultConstraints ?? []);
  }

  /** The pod's constraints of one kind, or the defaults with a selector from its owners. */
  private constraintsFor(pod: Pod, when: string): Constraint[] {
    const own = pod.spec?.topologySpreadConstraints as RawConstraint[] | undefined;
    if (own?.length) return buildConstraints(own, pod, when);
    const defaults = this.defaultConstraints.filter((c) => c.whenUnsatisfiable === when);
    if (defaults.length === 0) return [];
    const selector = this.defaultSelector(pod);
    if (!selector) return [];
    return buildConstraints(
      defaults.map((c) => ({ ...c, labelSelector: selector })),
      pod,
      when,
    );
  }

  /** The selectors of the Services selecting the pod and of its controller (helper.DefaultSelector). */
  private defaultSelector(pod: Pod): LabelSelector | undefined {
    const api = this.handle.cluster.api;
    const ns = pod.metadata.namespace;
    const labels = pod.metadata.labels ?? {};
    const matchLabels: Record<string, string> = {};
    const exprs: NonNullable<LabelSelector["matchExpressions"]> = [];
    for (const svc of api.list("Service", { namespace: ns })) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) continue;
      if (Object.entries(sel).every(([k, v]) => labels[k] === v)) Object.assign(matchLabels, sel);
    }
    // Only the pod's controller, found by name: a ReplicationController (v1) adds its selector's
    // labels, a ReplicaSet or StatefulSet (apps/v1) its requirements.
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    const ownerKind =
      owner?.apiVersion === "v1" && owner.kind === "ReplicationController"
        ? owner.kind
        : owner?.apiVersion === "apps/v1" && (owner.kind === "ReplicaSet" || owner.kind === "StatefulSet")
          ? owner.kind
          : undefined;
    const o = owner && ownerKind ? api.get(ownerKind, ns, owner.name) : undefined;
    const sel = o?.spec?.selector;
    if (sel) {
      const ls: LabelSelector = ownerKind === "ReplicationController" ? { matchLabels: sel } : sel;
      Object.assign(matchLabels, ls.matchLabels ?? {});
      exprs.push(...(ls.matchExpressions ?? []));
    }
    if (Object.keys(matchLabels).length === 0 && exprs.length === 0) return undefined;
    return { matchLabels, matchExpressions: exprs };
  }

  preFilter(state: CycleState, p: PodInfo) {
    const constraints = this.constraintsFor(p.pod, "DoNotSchedule");
    if (constraints.length === 0) return { status: newStatus(Code.Skip) };
    const maps =
      this.countByDomain(constraints, p) ?? this.countByScan(constraints, p, this.handle.snapshot.list());
    const s = new PreFilterState(
      constraints,
      maps,
      [],
      constraints.map((c) => matchesLabelSelector(c.selector, p.labels)),
    );
    for (let i = 0; i < constraints.length; i++) s.recompute(i);
    state.write(preFilterKey, s);
    this.lastState = state;
    this.lastData = s;
    return {};
  }

  /**
   * Matching pods per domain of each constraint, from the cache's aggregates: the domains come
   * from the nodes' labels, the counts from per-domain counters kept up to date as pods come and
   * go. Undefined when per-node inclusion policies apply (then PreFilter counts node by node).
   */
  private countByDomain(constraints: Constraint[], p: PodInfo): Map<string, number>[] | undefined {
    if (!policiesIncludeAll(constraints, p.pod)) return undefined;
    const snapshot = this.handle.snapshot;
    const keys = constraints.map((c) => c.topologyKey);
    const domains = snapshot.topologyDomains(keys);
    return constraints.map((c, i) => {
      const m = new Map<string, number>();
      for (const v of (domains[i] as Map<string, number>).keys()) m.set(v, 0);
      for (const [v, n] of snapshot.spreadCounts(p.namespace, c.selector, c.topologyKey, keys))
        m.set(v as string, (m.get(v as string) ?? 0) + n);
      return m;
    });
  }

  /** Matching pods per domain of each constraint, node by node (the general case of PreFilter). */
  private countByScan(constraints: Constraint[], p: PodInfo, nodes: NodeInfo[]): Map<string, number>[] {
    const maps = constraints.map(() => new Map<string, number>());
    for (const nodeInfo of nodes) {
      const node = nodeInfo.node as Node;
      const labels = nodeInfo.labels();
      if (!nodeHasAllKeys(labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i] as Constraint;
        if (!matchInclusionPolicies(c, p.pod, node)) continue;
        const v = labels[c.topologyKey] as string;
        const m = maps[i] as Map<string, number>;
        m.set(v, (m.get(v) ?? 0) + countPodsMatchSelector(nodeInfo, c.selector, p.namespace));
      }
    }
    return maps;
  }

  preFilterExtensions(): PreFilterExtensions {
    const update = (state: CycleState, pod: PodInfo, other: PodInfo, nodeInfo: NodeInfo, sign: number) => {
      const s = state.read<PreFilterState>(preFilterKey);
      if (!s || other.namespace !== pod.namespace) return undefined;
      const labels = nodeInfo.labels();
      if (!nodeHasAllKeys(labels, s.constraints)) return undefined;
      s.constraints.forEach((c, i) => {
        if (!matchInclusionPolicies(c, pod.pod, nodeInfo.node as Node)) return;
        if (!matchesLabelSelector(c.selector, other.labels)) return;
        const m = s.tpValueToMatchNum[i] as Map<string, number>;
        const v = labels[c.topologyKey] as string;
        m.set(v, (m.get(v) ?? 0) + sign);
        s.recompute(i);
      });
      return undefined;
    };
    return {
      addPod: (state, pod, toAdd, nodeInfo) => update(state, pod, toAdd, nodeInfo, 1),
      removePod: (state, pod, toRemove, nodeInfo) => update(state, pod, toRemove, nodeInfo, -1),
    };
  }

  // The state the last PreFilter wrote, and its data (the same object PreFilterExtensions update):
  // Filter runs for hundreds of nodes with that state and skips the map lookup.
  private lastState: CycleState | undefined;
  private lastData: PreFilterState | undefined;

  filter(state: CycleState, _p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterKey);
    // PreFilter wrote no state (it was not run): an error, as upstream's getPreFilterState.
    if (!s) return asStatus(`reading "${preFilterKey}" from cycleState: not found`);
    const labels = nodeInfo.labels();
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i] as Constraint;
      const v = labels[c.topologyKey];
      if (v === undefined) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
      const self = s.selfMatch[i] ? 1 : 0;
      const matchNum = (s.tpValueToMatchNum[i] as Map<string, number>).get(v) ?? 0;
      if (matchNum + self - s.minMatchNum(i) > c.maxSkew)
        return newStatus(Code.Unschedulable, ErrReasonConstraintsNotMatch);
    }
    return undefined;
  }

  /**
   * The filter over the cache's columns: a node passes when it has every constraint's topology
   * label and its domain's skew allows the pod. Each domain's verdict is worked out once, when
   * the first of its nodes comes.
   */
  passingNodes(
    state: CycleState,
    _p: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterKey);
    const domains = s && this.slotDomainsOf(s);
    if (!s || !domains) {
      ok.fill(0, 0, count);
      return;
    }
    const size = columns.size;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i] as Constraint;
      const { ids, values } = domains[i] as SlotDomains;
      const counts = s.tpValueToMatchNum[i] as Map<string, number>;
      const allowed = c.maxSkew + s.minMatchNum(i) - (s.selfMatch[i] ? 1 : 0);
      // Per domain: -1 not worked out yet, 0 too skewed, 1 allowed.
      if (this.domainPass.length < values.length) this.domainPass = new Int8Array(2 * values.length);
      const pass = this.domainPass;
      pass.fill(-1, 0, values.length);
      let slot = start;
      for (let j = 0; j < count; j++, slot++) {
        if (slot === size) slot = 0;
        const d = ids[slot] as number;
        if (d < 0) {
          ok[j] = 0;
          continue;
        }
        let verdict = pass[d] as number;
        if (verdict === -1) {
          verdict = (counts.get(values[d] as string) ?? 0) <= allowed ? 1 : 0;
          pass[d] = verdict;
        }
        if (verdict === 0) ok[j] = 0;
      }
    }
  }
  private domainPass = new Int8Array(0);

  /** Filter's status on a node passingNodes cleared, from its domains alone (the filter's order). */
  quickRejection(state: CycleState, _p: PodInfo, _columns: NodeColumns, slot: number): Status | undefined {
    const s = state === this.lastState ? this.lastData : state.read<PreFilterState>(preFilterKey);
    const domains = s && this.slotDomainsOf(s);
    if (!s || !domains) return undefined;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i] as Constraint;
      const { ids, values } = domains[i] as SlotDomains;
      const d = ids[slot] as number;
      if (d < 0) return this.missingLabel;
      const matchNum = (s.tpValueToMatchNum[i] as Map<string, number>).get(values[d] as string) ?? 0;
      if (matchNum + (s.selfMatch[i] ? 1 : 0) - s.minMatchNum(i) > c.maxSkew) return this.tooSkewed;
    }
    return undefined;
  }
  /**
   * Each constraint's domain by slot, asked of the cache once per cycle (the quick tests ask for
   * each chunk and each rejected node); undefined when the lister cannot tell.
   */
  private slotDomainsOf(s: PreFilterState): SlotDomains[] | undefined {
    if (this.domainsFor !== s) {
      const lister = this.handle.snapshot;
      const slotDomains = lister.slotDomains?.bind(lister);
      this.domains = slotDomains && s.constraints.map((c) => slotDomains(c.topologyKey));
      this.domainsFor = s;
    }
    return this.domains;
  }
  private domainsFor: PreFilterState | undefined;
  private domains: SlotDomains[] | undefined;

  // Shared by every node they are given for (quickRejection's statuses are never changed).
  private readonly missingLabel = newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
  private readonly tooSkewed = newStatus(Code.Unschedulable, ErrReasonConstraintsNotMatch);

  preScore(state: CycleState, p: PodInfo, filtered: NodeInfo[]): MaybeStatus {
    const all = this.handle.snapshot.list();
    if (filtered.length === 0 || all.length === 0) return newStatus(Code.Skip);
    const requireAll = (p.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    const constraints = this.constraintsFor(p.pod, "ScheduleAnyway");
    if (constraints.length === 0) return newStatus(Code.Skip);
    const ignored = new Set<string>();
    const counts = constraints.map(() => new Map<string, number>());
    const sizes = constraints.map(() => 0);
    for (const n of filtered) {
      const labels = n.labels();
      if (requireAll && !nodeHasAllKeys(labels, constraints)) {
        ignored.add(n.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const v = labels[c.topologyKey] as string;
        const m = counts[i] as Map<string, number>;
        if (!m.has(v)) {
          m.set(v, 0);
          sizes[i] = (sizes[i] as number) + 1;
        }
      });
    }
    const snapshot = this.handle.snapshot;
    if (policiesIncludeAll(constraints, p.pod)) {
      // The cache's per-domain counters, over nodes with every key when requireAll.
      const required = requireAll ? constraints.map((c) => c.topologyKey) : [];
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const m = counts[i] as Map<string, number>;
        for (const [v, n] of snapshot.spreadCounts(p.namespace, c.selector, c.topologyKey, required)) {
          const cur = m.get(v as string);
          if (cur !== undefined) m.set(v as string, cur + n);
        }
      });
    } else
      for (const nodeInfo of all) {
        const labels = nodeInfo.labels();
        if (requireAll && !nodeHasAllKeys(labels, constraints)) continue;
        constraints.forEach((c, i) => {
          if (c.topologyKey === LABEL_HOSTNAME) return;
          if (!matchInclusionPolicies(c, p.pod, nodeInfo.node as Node)) return;
          const m = counts[i] as Map<string, number>;
          const v = labels[c.topologyKey] as string;
          const cur = m.get(v);
          if (cur === undefined) return;
          m.set(v, cur + countPodsMatchSelector(nodeInfo, c.selector, p.namespace));
        });
      }
    const weights = constraints.map((c, i) =>
      Math.log(
        (c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : (sizes[i] as number)) + 2,
      ),
    );
    state.write(preScoreKey, new PreScoreState(constraints, ignored, counts, weights));
    return undefined;
  }

  score(state: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    const s = state.read<PreScoreState>(preScoreKey);
    if (!s || s.ignoredNodes.has(nodeInfo.name)) return 0;
    const labels = nodeInfo.labels();
    let score = 0;
    s.constraints.forEach((c, i) => {
      const v = labels[c.topologyKey];
      if (v === undefined) return;
      const cnt =
        c.topologyKey === LABEL_HOSTNAME
          ? countPodsMatchSelector(nodeInfo, c.selector, p.namespace)
          : ((s.topologyValueToPodCounts[i] as Map<string, number>).get(v) ?? 0);
      score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
    });
    return Math.round(score);
  }

  normalizeScore(state: CycleState, _p: PodInfo, scores: NodeScore[]): MaybeStatus {
    const s = state.read<PreScoreState>(preScoreKey);
    if (!s) return undefined;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (const x of scores) {
      if (s.ignoredNodes.has(x.name)) continue;
      if (x.score < min) min = x.score;
      if (x.score > max) max = x.score;
    }
    for (const x of scores) {
      if (s.ignoredNodes.has(x.name)) {
        x.score = 0;
        continue;
      }
      if (max === 0) {
        x.score = MAX_NODE_SCORE;
        continue;
      }
      x.score = Math.trunc((MAX_NODE_SCORE * (max + min - x.score)) / max);
    }
    return undefined;
  }
}
