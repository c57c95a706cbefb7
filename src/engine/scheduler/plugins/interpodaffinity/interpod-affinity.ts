/**
 * InterPodAffinity: required pod affinity and anti-affinity (the incoming pod's, and existing
 * pods' anti-affinity towards it) by topology domain; preferred terms score domains.
 */
import type { PodAffinityTerm } from "kubernetes-types/core/v1";
import { labelSelectorError } from "../../../api/helpers/labelselector";
import { aggregateErrors } from "../../../api/helpers/nodeaffinity";
import type { Pod } from "../../../api/kinds";
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
import { asStatus, Code, type MaybeStatus, newStatus } from "../../framework/status";
import {
  type AffinityTerm,
  MAX_NODE_SCORE,
  type NodeInfo,
  type PodInfo,
  selectorAnchor,
  termMatches,
} from "../../framework/types";
import { InterPodAffinity as NAME } from "../names";
import { interPodAffinityEvents } from "./interpod-affinity-hints";

/** The reason when no pod the pod needs is in the node's domain. */
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
/** The reason when a pod the pod avoids is in the node's domain. */
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
/** The reason when an existing pod's anti-affinity excludes the pod from the node's domain. */
export const ErrReasonExistingAntiAffinityRulesNotMatch =
  "node(s) didn't satisfy existing pods anti-affinity rules";

/** InterPodAffinityArgs. */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

/** Counts by topology key, then value (upstream's topologyToMatchedTermCount). */
type Counts = Map<string, Map<string, number>>;

function add(m: Counts, key: string, value: string, v: number): void {
  let inner = m.get(key);
  if (!inner) {
    inner = new Map();
    m.set(key, inner);
  }
  const n = (inner.get(value) ?? 0) + v;
  if (n === 0) {
    inner.delete(value);
    if (inner.size === 0) m.delete(key);
  } else inner.set(value, n);
}

function get(m: Counts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}

function cloneCounts(m: Counts): Counts {
  return new Map([...m].map(([k, v]) => [k, new Map(v)]));
}

/**
 * Counts by topology key and value: maps the cache keeps (unchanged during a cycle, shared, never
 * written here) plus this cycle's own changes (preemption's dry runs, nominated pods).
 */
class LayeredCounts {
  constructor(
    readonly base: { key: string; counts: ReadonlyMap<string | undefined, number> }[] = [],
    readonly delta: Counts = new Map(),
  ) {}
  private keyList: string[] | undefined;
  get(key: string, value: string): number {
    let n = this.delta.size === 0 ? 0 : get(this.delta, key, value);
    const base = this.base;
    for (let i = 0; i < base.length; i++) {
      const b = base[i] as { key: string; counts: ReadonlyMap<string | undefined, number> };
      if (b.key === key) n += b.counts.get(value) ?? 0;
    }
    return n;
  }
  add(key: string, value: string, n: number): void {
    add(this.delta, key, value, n);
    this.keyList = undefined;
  }
  /** Adds a layer of counts for key, read live. */
  addBase(key: string, counts: ReadonlyMap<string | undefined, number>): void {
    this.base.push({ key, counts });
    this.keyList = undefined;
  }
  /** Whether no count can be positive (a quick check before per-key lookups). */
  isEmpty(): boolean {
    return this.base.length === 0 && this.delta.size === 0;
  }
  /** Whether no count is positive (upstream's len(counts) == 0). */
  hasNoCounts(): boolean {
    if (this.delta.size > 0) return false;
    for (const b of this.base) for (const [v, n] of b.counts) if (v !== undefined && n > 0) return false;
    return true;
  }
  /** The keys with counts (cached until the next add; base layers are added before any lookup). */
  keys(): string[] {
    if (this.keyList === undefined) {
      const out = new Set(this.delta.keys());
      for (const b of this.base) out.add(b.key);
      this.keyList = [...out];
    }
    return this.keyList;
  }
  clone(): LayeredCounts {
    return new LayeredCounts(this.base, cloneCounts(this.delta));
  }
}

const parseErrors = new WeakMap<Pod, string | null>();

/**
 * The parse error of the pod's affinity terms' selectors, as framework.NewPodInfo reports it
 * (`requiredAffinityTerms: values[0][k]: Invalid value: ...`), or undefined when they parse.
 */
function podAffinityParseError(pod: Pod): string | undefined {
  const a = pod.spec?.affinity;
  if (!a?.podAffinity && !a?.podAntiAffinity) return undefined;
  let err = parseErrors.get(pod);
  if (err === undefined) {
    const groups: [string, (PodAffinityTerm | undefined)[]][] = [
      ["requiredAffinityTerms", a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []],
      ["requiredAntiAffinityTerms", a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []],
      [
        "preferredAffinityTerms",
        (a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
      ],
      [
        "preferredAntiAffinityTerms",
        (a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
          (w) => w.podAffinityTerm,
        ),
      ],
    ];
    const errs: string[] = [];
    for (const [name, terms] of groups)
      for (const t of terms) {
        const e = labelSelectorError(t?.labelSelector) ?? labelSelectorError(t?.namespaceSelector);
        if (e) {
          errs.push(`${name}: ${e}`);
          break;
        }
      }
    err = errs.length === 0 ? null : aggregateErrors(errs);
    parseErrors.set(pod, err);
  }
  return err ?? undefined;
}

const preFilterKey = `PreFilter${NAME}`;
const preScoreKey = `PreScore${NAME}`;

class PreFilterState implements StateData {
  existingAntiAffinityCounts = new LayeredCounts();
  affinityCounts: Counts = new Map();
  antiAffinityCounts = new LayeredCounts();
  constructor(readonly podInfo: PodInfo) {}
  clone() {
    const c = new PreFilterState(this.podInfo);
    c.existingAntiAffinityCounts = this.existingAntiAffinityCounts.clone();
    c.affinityCounts = cloneCounts(this.affinityCounts);
    c.antiAffinityCounts = this.antiAffinityCounts.clone();
    return c;
  }
}

class PreScoreState implements StateData {
  constructor(readonly topologyScore: Map<string, Map<string, number>>) {}
  clone() {
    return this;
  }
}

/** The inter-pod affinity plugin (interpodaffinity/{filtering,scoring}.go). */
export class InterPodAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return interPodAffinityEvents();
  }
  private readonly hardPodAffinityWeight: number;
  private readonly ignorePreferredTermsOfExistingPods: boolean;

  constructor(
    private readonly handle: Handle,
    args: InterPodAffinityArgs = {},
  ) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  private nsLabels(ns: string) {
    return this.handle.namespaceLabels(ns);
  }

  /** Whether pod matches every term (podMatchesAllAffinityTerms). */
  private matchesAll(terms: AffinityTerm[], p: PodInfo): boolean {
    if (terms.length === 0) return false;
    const ns = this.nsLabels(p.namespace);
    for (const t of terms) if (!termMatches(t, p, ns)) return false;
    return true;
  }

  /** Adds (sign 1) or removes (-1) an existing pod's contributions to the counts. */
  private updateWithPod(s: PreFilterState, existing: PodInfo, nodeInfo: NodeInfo, sign: number): void {
    const labels = nodeInfo.labels();
    const incoming = s.podInfo;
    const incomingNs = this.nsLabels(incoming.namespace);
    for (const t of existing.requiredAntiAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v !== undefined && termMatches(t, incoming, incomingNs))
        s.existingAntiAffinityCounts.add(t.topologyKey, v, sign);
    }
    if (incoming.requiredAffinityTerms.length && this.matchesAll(incoming.requiredAffinityTerms, existing))
      for (const t of incoming.requiredAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v !== undefined) add(s.affinityCounts, t.topologyKey, v, sign);
      }
    if (incoming.requiredAntiAffinityTerms.length) {
      const ns = this.nsLabels(existing.namespace);
      for (const t of incoming.requiredAntiAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, existing, ns)) s.antiAffinityCounts.add(t.topologyKey, v, sign);
      }
    }
  }

  preFilter(state: CycleState, p: PodInfo) {
    const parseErr = podAffinityParseError(p.pod);
    if (parseErr) return { status: newStatus(Code.UnschedulableAndUnresolvable, `parsing pod: ${parseErr}`) };
    const snapshot = this.handle.snapshot;
    const anyExistingAnti = !snapshot.havePodsWithRequiredAntiAffinity()[Symbol.iterator]().next().done;
    if (!anyExistingAnti && p.requiredAffinityTerms.length === 0 && p.requiredAntiAffinityTerms.length === 0)
      return { status: newStatus(Code.Skip) };
    const s = new PreFilterState(p);
    const incomingNs = this.nsLabels(p.namespace);
    // Existing pods' anti-affinity: equal terms are grouped with their counts by topology value,
    // so each group is matched against the pod once, whatever the number of nodes.
    if (anyExistingAnti)
      for (const g of snapshot.antiAffinityGroups())
        if (termMatches(g.term, p, incomingNs))
          s.existingAntiAffinityCounts.addBase(g.term.topologyKey, g.counts);
    if (p.requiredAffinityTerms.length) {
      const terms = p.requiredAffinityTerms;
      this.countMatching(terms[0] as AffinityTerm, terms.length > 1 ? terms : undefined, (ni, n) => {
        const labels = ni.labels();
        for (const t of terms) {
          const v = labels[t.topologyKey];
          if (v !== undefined) add(s.affinityCounts, t.topologyKey, v, n);
        }
      });
    }
    for (const t of p.requiredAntiAffinityTerms) {
      if (t.namespaceSelector === undefined && t.selector) {
        // The cache's per-domain counts of pods the term selects, one layer per namespace.
        for (const ns of t.namespaces)
          s.antiAffinityCounts.addBase(
            t.topologyKey,
            snapshot.spreadCounts(ns, t.selector, t.topologyKey, [t.topologyKey], true),
          );
        continue;
      }
      this.countMatching(t, undefined, (ni, n) => {
        const v = ni.labels()[t.topologyKey];
        if (v !== undefined) s.antiAffinityCounts.add(t.topologyKey, v, n);
      });
    }
    // Nothing for Filter to check: no term of the pod, and no existing term selecting it.
    if (
      p.requiredAffinityTerms.length === 0 &&
      p.requiredAntiAffinityTerms.length === 0 &&
      s.existingAntiAffinityCounts.hasNoCounts()
    )
      return { status: newStatus(Code.Skip) };
    state.write(preFilterKey, s);
    return {};
  }

  /**
   * Calls found(node, n) for every node with n > 0 existing pods matching term (and every term of
   * all, when given). Candidates come from the label index when the term has a key=value and
   * explicit namespaces; otherwise every node is counted (cached per node until its pods change).
   */
  private countMatching(
    term: AffinityTerm,
    all: AffinityTerm[] | undefined,
    found: (ni: NodeInfo, n: number) => void,
  ): void {
    const snapshot = this.handle.snapshot;
    const matches = (e: PodInfo) =>
      all ? this.matchesAll(all, e) : termMatches(term, e, this.nsLabels(e.namespace));
    const anchor = selectorAnchor(term.selector);
    if (anchor && term.namespaceSelector === undefined) {
      for (const ns of term.namespaces) {
        const nodes = snapshot.nodesWithPodLabel(ns, anchor[0], anchor[1]);
        if (!nodes) continue;
        for (const ni of nodes.keys()) {
          if (snapshot.get(ni.name) !== ni) continue;
          let n = 0;
          for (const e of ni.podsWithLabel(ns, anchor[0], anchor[1]) ?? []) if (matches(e)) n++;
          if (n > 0) found(ni, n);
        }
      }
      return;
    }
    const epoch = this.handle.namespaceEpoch?.() ?? 0;
    const termKey = (t: AffinityTerm) => JSON.stringify({ ...t, namespaces: [...t.namespaces].sort() });
    const key = `ipa-count\u0000${epoch}\u0000${JSON.stringify((all ?? [term]).map(termKey))}`;
    for (const ni of snapshot.list()) {
      if (ni.pods.size === 0) continue;
      const n = ni.countPods(key, matches);
      if (n > 0) found(ni, n);
    }
  }

  preFilterExtensions(): PreFilterExtensions {
    return {
      addPod: (state, _pod, toAdd, nodeInfo) => {
        const s = state.read<PreFilterState>(preFilterKey);
        if (s) this.updateWithPod(s, toAdd, nodeInfo, 1);
        return undefined;
      },
      removePod: (state, _pod, toRemove, nodeInfo) => {
        const s = state.read<PreFilterState>(preFilterKey);
        if (s) this.updateWithPod(s, toRemove, nodeInfo, -1);
        return undefined;
      },
    };
  }

  filter(state: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const s = state.read<PreFilterState>(preFilterKey);
    // PreFilter writes the state unless it skips this plugin, so a missing state is a bug.
    if (!s) return asStatus(`error reading "${preFilterKey}" from cycleState: not found`);
    const labels = nodeInfo.labels();
    if (!this.satisfyPodAffinity(s, p, labels))
      return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch);
    if (!s.antiAffinityCounts.isEmpty())
      for (const t of p.requiredAntiAffinityTerms) {
        const v = labels[t.topologyKey];
        if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0)
          return newStatus(Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch);
      }
    const existing = s.existingAntiAffinityCounts;
    if (!existing.isEmpty())
      for (const key of existing.keys()) {
        const v = labels[key];
        if (v !== undefined && existing.get(key, v) > 0)
          return newStatus(Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch);
      }
    return undefined;
  }

  private satisfyPodAffinity(s: PreFilterState, p: PodInfo, labels: Record<string, string>): boolean {
    let podsExist = true;
    for (const t of p.requiredAffinityTerms) {
      const v = labels[t.topologyKey];
      if (v === undefined) return false;
      if (get(s.affinityCounts, t.topologyKey, v) <= 0) podsExist = false;
    }
    if (!podsExist) {
      // The first pod of a group with affinity to itself may go anywhere its topology exists.
      return s.affinityCounts.size === 0 && this.matchesAll(p.requiredAffinityTerms, p);
    }
    return true;
  }

  preScore(state: CycleState, p: PodInfo, _nodes: NodeInfo[]): MaybeStatus {
    const parseErr = podAffinityParseError(p.pod);
    if (parseErr) return asStatus(`failed to parse pod: ${parseErr}`);
    const hasConstraints = p.preferredAffinityTerms.length > 0 || p.preferredAntiAffinityTerms.length > 0;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return newStatus(Code.Skip);
    const nodes = hasConstraints
      ? this.handle.snapshot.list()
      : [...this.handle.snapshot.havePodsWithAffinity()];
    const topo = new Map<string, Map<string, number>>();
    const bump = (key: string, value: string, w: number) => {
      let m = topo.get(key);
      if (!m) {
        m = new Map();
        topo.set(key, m);
      }
      m.set(value, (m.get(value) ?? 0) + w);
    };
    const incomingNs = this.nsLabels(p.namespace);
    const processTerms = (
      terms: { topologyKey: string; weight: number }[] & AffinityTerm[],
      target: PodInfo,
      ns: Record<string, string> | undefined,
      labels: Record<string, string>,
      mult: number,
    ) => {
      for (const t of terms) {
        if (!termMatches(t, target, ns)) continue;
        const v = labels[t.topologyKey];
        if (v !== undefined) bump(t.topologyKey, v, t.weight * mult);
      }
    };
    for (const nodeInfo of nodes) {
      const labels = nodeInfo.labels();
      if (Object.keys(labels).length === 0) continue;
      const pods = hasConstraints ? nodeInfo.pods.values() : nodeInfo.podsWithScoringAffinity.values();
      for (const existing of pods) {
        const ens = this.nsLabels(existing.namespace);
        processTerms(p.preferredAffinityTerms, existing, ens, labels, 1);
        processTerms(p.preferredAntiAffinityTerms, existing, ens, labels, -1);
        if (this.hardPodAffinityWeight > 0)
          for (const t of existing.requiredAffinityTerms)
            if (termMatches(t, p, incomingNs)) {
              const v = labels[t.topologyKey];
              if (v !== undefined) bump(t.topologyKey, v, this.hardPodAffinityWeight);
            }
        processTerms(existing.preferredAffinityTerms, p, incomingNs, labels, 1);
        processTerms(existing.preferredAntiAffinityTerms, p, incomingNs, labels, -1);
      }
    }
    if (topo.size === 0) return newStatus(Code.Skip);
    state.write(preScoreKey, new PreScoreState(topo));
    return undefined;
  }

  score(state: CycleState, _p: PodInfo, nodeInfo: NodeInfo) {
    const s = state.read<PreScoreState>(preScoreKey);
    let score = 0;
    if (!s) return score;
    const labels = nodeInfo.labels();
    for (const [key, values] of s.topologyScore) {
      const v = labels[key];
      if (v !== undefined) score += values.get(v) ?? 0;
    }
    return score;
  }

  normalizeScore(state: CycleState, _p: PodInfo, scores: NodeScore[]): MaybeStatus {
    const s = state.read<PreScoreState>(preScoreKey);
    if (!s || s.topologyScore.size === 0) return undefined;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const x of scores) {
      if (x.score > max) max = x.score;
      if (x.score < min) min = x.score;
    }
    const diff = max - min;
    for (const x of scores) x.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((x.score - min) / diff)) : 0;
    return undefined;
  }
}
