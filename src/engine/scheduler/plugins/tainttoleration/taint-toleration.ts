/**
 * TaintToleration: Filter rejects nodes with a NoSchedule/NoExecute taint the pod does not
 * tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints.
 */

import {
  doNotScheduleTaints,
  findMatchingUntoleratedTaint,
  tolerationsTolerateTaint,
} from "../../../api/helpers/taints";
import type { Taint, Toleration } from "../../../api/kinds";
import type { CycleState, StateData } from "../../framework/cycle-state";
import type {
  ClusterEventWithHint,
  FilterPlugin,
  Handle,
  NodeScore,
  PreScorePlugin,
  ScorePlugin,
} from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import {
  clearFlagged,
  MAX_NODE_SCORE,
  type NodeColumns,
  type NodeInfo,
  type PodInfo,
} from "../../framework/types";
import { defaultNormalizeScore } from "../helper/normalize";
import { TaintToleration as NAME } from "../names";
import { taintTolerationEvents } from "./taint-toleration-hints";

/** The summary reason for untolerated taints (the Filter message names the taint). */
export const ErrReasonNotMatch = "node(s) had taints that the pod didn't tolerate";

/** `node(s) had untolerated taint {key: value}`, as Filter reports it. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

const preScoreKey = `PreScore${NAME}`;

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: Toleration[]) {}
  clone() {
    return this;
  }
}

/** Taint/toleration filter and score (tainttoleration/taint_toleration.go). */
export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  constructor(private readonly handle?: Handle) {}

  /** No node has a PreferNoSchedule taint: every node scores 0 (no untolerated ones). */
  scoreEveryNode(): number | undefined {
    return this.handle?.snapshot.nodeFlagCounts?.().softTaints === 0 ? 0 : undefined;
  }

  /** No node has a NoSchedule or NoExecute taint: nothing to refuse. */
  passesEveryNode(): boolean {
    return this.handle?.snapshot.nodeFlagCounts?.().hardTaints === 0;
  }

  /** The filter over the cache's columns: untainted nodes pass; the filter decides on the others. */
  passingNodes(
    _s: CycleState,
    _p: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void {
    clearFlagged(columns.hardTaints, columns, start, count, ok);
  }

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return taintTolerationEvents();
  }

  filter(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    if (!nodeInfo.hardTaints) return undefined;
    const taints = nodeInfo.node?.spec?.taints as Taint[] | undefined;
    if (taints === undefined || taints.length === 0) return undefined;
    const taint = findMatchingUntoleratedTaint(taints, p.pod.spec?.tolerations, doNotScheduleTaints);
    if (!taint) return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, untoleratedTaintReason(taint));
  }

  preScore(state: CycleState, p: PodInfo): MaybeStatus {
    const tols = (p.pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === "PreferNoSchedule");
    state.write(preScoreKey, new PreScoreState(tols));
    return undefined;
  }

  /** score() over nodes[0..n) in one loop (see ScorePlugin.scoreNodes). */
  scoreNodes(
    state: CycleState,
    p: PodInfo,
    nodes: readonly NodeInfo[],
    n: number,
    out: number[],
  ): MaybeStatus {
    for (let i = 0; i < n; i++) out[i] = this.score(state, p, nodes[i] as NodeInfo);
    return undefined;
  }

  score(state: CycleState, p: PodInfo, nodeInfo: NodeInfo) {
    if (!nodeInfo.softTaints) return 0;
    const taints = nodeInfo.node?.spec?.taints as Taint[] | undefined;
    if (taints === undefined || taints.length === 0) return 0;
    const s = state.read<PreScoreState>(preScoreKey);
    const tols = s?.tolerationsPreferNoSchedule ?? p.pod.spec?.tolerations ?? [];
    let n = 0;
    for (const taint of taints) {
      if (taint.effect !== "PreferNoSchedule") continue;
      if (!tolerationsTolerateTaint(tols, taint)) n++;
    }
    return n;
  }

  normalizeScore(_s: CycleState, _p: PodInfo, scores: NodeScore[]): MaybeStatus {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return undefined;
  }
}
