/**
 * NodeAffinity: Filter enforces spec.nodeSelector and required node affinity (and the profile's
 * addedAffinity); Score sums the weights of matching preferred terms. PreFilter narrows the cycle
 * to the nodes named by matchFields metadata.name, which is how DaemonSet pods pin a node.
 */
import type { NodeSelector, NodeSelectorTerm, PreferredSchedulingTerm } from "kubernetes-types/core/v1";
import {
  aggregateErrors,
  matchNodeSelector,
  matchNodeSelectorTerm,
  podMatchesNodeSelectorAndAffinity,
  preferredSchedulingTermsErrors,
} from "../../../api/helpers/nodeaffinity";
import type { Node, Pod } from "../../../api/kinds";
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  NodeScore,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/interface";
import { asStatus, Code, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import { MAX_NODE_SCORE, type NodeColumns, type NodeInfo, type PodInfo } from "../../framework/types";
import { defaultNormalizeScore } from "../helper/normalize";
import { NodeAffinity as NAME } from "../names";
import { nodeAffinityEvents } from "./node-affinity-hints";

/** The reason for a node the pod's selector or affinity excludes. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** The reason for a node the profile's addedAffinity excludes. */
export const errReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
/** The reason when required terms name no node at all. */
export const errReasonConflict = "pod affinity terms conflict";

/** NodeAffinityArgs. */
export interface NodeAffinityArgs {
  addedAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
    preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
  };
}

const preScoreKey = `PreScore${NAME}`;

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredSchedulingTerm[]) {}
  clone() {
    return this;
  }
}

/** The node names a term pins with matchFields metadata.name In, or undefined. */
function termNodeNames(term: NodeSelectorTerm): Set<string> | undefined {
  let names: Set<string> | undefined;
  for (const r of term.matchFields ?? []) {
    if (r.key !== "metadata.name" || r.operator !== "In") continue;
    const s = new Set(r.values ?? []);
    names = names ? new Set([...names].filter((n) => s.has(n))) : s;
  }
  return names;
}

/** A node's verdict kept by passingNodes: not worked out yet, passes, or the filter's reason. */
const UNKNOWN = -1;
const PASSES = 1;
const REJECTED = 0;
const REJECTED_ENFORCED = 2;

const requirementKeys = new WeakMap<Pod, string>();

/** What the filter asks of a node for the pod: its node selector and required node affinity. */
function requirementKey(pod: Pod): string {
  let k = requirementKeys.get(pod);
  if (k === undefined) {
    k = JSON.stringify([
      pod.spec?.nodeSelector ?? null,
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null,
    ]);
    requirementKeys.set(pod, k);
  }
  return k;
}

/** The node affinity plugin (nodeaffinity/node_affinity.go). */
export class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return nodeAffinityEvents(this.args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  }
  constructor(private readonly args: NodeAffinityArgs = {}) {}

  preFilter(_s: CycleState, p: PodInfo): { result?: PreFilterResult; status?: MaybeStatus } {
    const affinity = p.pod.spec?.affinity?.nodeAffinity;
    const noNodeAffinity = !affinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (noNodeAffinity && !this.args.addedAffinity && !p.pod.spec?.nodeSelector)
      return { status: newStatus(Code.Skip) };
    const terms = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return {};
    // Only when every term pins names can the cycle be narrowed (the terms are ORed).
    let union: Set<string> | undefined = new Set();
    for (const t of terms) {
      const names = termNodeNames(t);
      if (!names) {
        union = undefined;
        break;
      }
      for (const n of names) union.add(n);
    }
    if (union && union.size === 0)
      return { status: newStatus(Code.UnschedulableAndUnresolvable, errReasonConflict) };
    return union ? { result: { nodeNames: union } } : {};
  }

  filter(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const node = nodeInfo.node as Node;
    const added = this.args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (added && !matchNodeSelector(added, node))
      return newStatus(Code.UnschedulableAndUnresolvable, errReasonEnforced);
    if (!podMatchesNodeSelectorAndAffinity(p.pod, node))
      return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonPod);
    return undefined;
  }

  /**
   * The filter over the cache's columns: its verdict on a node depends only on the pod's node
   * selector and required affinity and on the node's labels and name, so each node's verdict is
   * kept per requirement until the nodes or their labels change, and pods asking the same (the
   * replicas of a workload) reuse it.
   */
  passingNodes(
    state: CycleState,
    p: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void {
    const of = this.verdictsOf(p, columns);
    const size = columns.size;
    let slot = start;
    for (let j = 0; j < count; j++, slot++) {
      if (slot === size) slot = 0;
      let v = of[slot] as number;
      if (v === UNKNOWN) {
        const s = this.filter(state, p, columns.infos[slot] as NodeInfo);
        v = s === undefined ? PASSES : s.reasons[0] === errReasonEnforced ? REJECTED_ENFORCED : REJECTED;
        of[slot] = v;
      }
      if (v !== PASSES) ok[j] = 0;
    }
  }

  /** Filter's status on a node passingNodes cleared: the one it found there. */
  quickRejection(_s: CycleState, p: PodInfo, columns: NodeColumns, slot: number): Status | undefined {
    const v = this.verdictsOf(p, columns)[slot];
    return v === REJECTED ? this.rejected : v === REJECTED_ENFORCED ? this.rejectedEnforced : undefined;
  }
  // Shared by every node they are given for (quickRejection's statuses are never changed).
  private readonly rejected = newStatus(Code.UnschedulableAndUnresolvable, ErrReasonPod);
  private readonly rejectedEnforced = newStatus(Code.UnschedulableAndUnresolvable, errReasonEnforced);

  /** The verdicts kept for the pod's requirement (the last pod's, without a lookup). */
  private verdictsOf(p: PodInfo, columns: NodeColumns): Int8Array {
    const last = this.last;
    if (last && last.pod === p.pod && last.columns === columns && last.epoch === columns.epoch)
      return last.of;
    const key = requirementKey(p.pod);
    let kept = this.verdicts.get(key);
    if (!kept || kept.columns !== columns || kept.epoch !== columns.epoch || kept.of.length < columns.size) {
      // A few requirements at a time matter; past that, start afresh.
      if (this.verdicts.size >= 16) this.verdicts.clear();
      kept = { columns, epoch: columns.epoch, of: new Int8Array(columns.size).fill(UNKNOWN) };
      this.verdicts.set(key, kept);
    }
    this.last = { pod: p.pod, columns, epoch: columns.epoch, of: kept.of };
    return kept.of;
  }
  /** Per requirement: each slot's verdict (UNKNOWN, PASSES, REJECTED or REJECTED_ENFORCED). */
  private readonly verdicts = new Map<string, { columns: NodeColumns; epoch: number; of: Int8Array }>();
  private last: { pod: Pod; columns: NodeColumns; epoch: number; of: Int8Array } | undefined;

  preScore(state: CycleState, p: PodInfo): MaybeStatus {
    const own = p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (own?.length) {
      // A broken incoming affinity is an error, as NewPreferredSchedulingTerms makes it.
      const errs = preferredSchedulingTermsErrors(own as PreferredSchedulingTerm[]);
      if (errs.length > 0) return asStatus(aggregateErrors(errs));
    }
    const preferred = [
      ...(p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(this.args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []),
    ] as PreferredSchedulingTerm[];
    if (preferred.length === 0) return newStatus(Code.Skip);
    state.write(preScoreKey, new PreScoreState(preferred));
    return undefined;
  }

  score(state: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    const s = state.read<PreScoreState>(preScoreKey);
    const preferred =
      s?.preferred ??
      ((p.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ??
        []) as PreferredSchedulingTerm[]);
    let count = 0;
    for (const t of preferred)
      if (t.weight !== 0 && matchNodeSelectorTerm(t.preference, nodeInfo.node as Node)) count += t.weight;
    return count;
  }

  normalizeScore(_s: CycleState, _p: PodInfo, scores: NodeScore[]): MaybeStatus {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return undefined;
  }
}
