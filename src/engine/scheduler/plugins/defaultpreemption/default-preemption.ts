/**
 * DefaultPreemption: when no node fits, find a node where evicting lower-priority pods would
 * make room, choose the cheapest (fewest PDB violations, lowest victims), evict the victims and
 * nominate the node (defaultpreemption/default_preemption.go, framework/preemption/preemption.go).
 */
import { aggregateErrors } from "../../../api/helpers/nodeaffinity";
import { matchesLabelSelector } from "../../../api/selectors";
import type { KubeObject } from "../../../api/types";
import { clone } from "../../../api/types";
import type { CycleState } from "../../framework/cycle-state";
import { fitErrorMessage } from "../../framework/fit-error";
import type {
  FilterPlugin,
  Handle,
  NodeToStatus,
  PostFilterPlugin,
  PostFilterResult,
} from "../../framework/interface";
import { asStatus, Code, isSuccess, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import {
  DefaultPreemption as NAME,
  NodeAffinity,
  NodeName,
  NodeResourcesFit,
  NodeUnschedulable,
  TaintToleration,
} from "../names";

/** Filter plugins whose verdict depends only on the node and the pod, never on other pods. */
const NODE_ONLY_FILTERS = new Set([NodeUnschedulable, NodeName, TaintToleration, NodeAffinity]);

/** Message when the pod's preemptionPolicy is Never. */
export const ErrNotEligibleNever = "not eligible due to preemptionPolicy=Never.";
/** Message when a victim is still terminating on the nominated node. */
export const ErrNotEligibleTerminating = "not eligible due to a terminating pod on the nominated node.";
/** Status of nodes where preemption cannot help (their filter failure is unresolvable). */
export const ErrPreemptionNotHelpful = "Preemption is not helpful for scheduling";
/** Status of nodes without lower-priority pods. */
export const ErrNoVictims = "No preemption victims found for incoming pod";

/** DefaultPreemptionArgs. */
export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
}

/** A node where preemption works, with its victims (high priority first). */
export interface Candidate {
  name: string;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** What the explanation keeps of one preemption attempt. */
export interface PreemptionRecord {
  candidates: { node: string; victims: string[]; numPDBViolations: number }[];
  chosen?: string;
  message?: string;
}

const UNRESOLVABLE = newStatus(Code.UnschedulableAndUnresolvable);

const parsedTimes = new Map<string, number>();

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ?? p.pod.metadata.creationTimestamp;
  if (!t) return 0;
  let ms = parsedTimes.get(t);
  if (ms === undefined) {
    // Pods started in the same instant share the text: parse each once.
    if (parsedTimes.size > 4096) parsedTimes.clear();
    ms = Date.parse(t);
    parsedTimes.set(t, ms);
  }
  return ms;
}

/** Whether a is more important than b: higher priority, then started earlier (MoreImportantPod). */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return startTime(a) < startTime(b);
}

function terminatingByPreemption(p: PodInfo): boolean {
  if (!p.pod.metadata.deletionTimestamp) return false;
  return (p.pod.status?.conditions ?? []).some(
    (c) => c.type === "DisruptionTarget" && c.status === "True" && c.reason === "PreemptionByScheduler",
  );
}

/** Splits pods into those whose eviction would violate a PDB and the rest (filterPodsWithPDBViolation). */
export function filterPodsWithPDBViolation(pods: PodInfo[], pdbs: KubeObject[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const ok: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    pdbs.forEach((pdb, i) => {
      if (pdb.metadata.namespace !== p.namespace) return;
      const sel = pdb.spec?.selector;
      if (
        !sel ||
        (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)
      )
        return;
      if (!matchesLabelSelector(sel, p.labels)) return;
      if (pdb.status?.disruptedPods?.[p.pod.metadata.name as string]) return;
      allowed[i] = (allowed[i] as number) - 1;
      if ((allowed[i] as number) < 0) violated = true;
    });
    (violated ? violating : ok).push(p);
  }
  return [violating, ok];
}

/** The preemption plugin. */
export class DefaultPreemptionPlugin implements PostFilterPlugin {
  readonly name = NAME;
  /** Whether hopeless nodes skip the full dry run (off only in the test comparing both). */
  static shortcut = true;
  /** The latest attempt, read by the scheduler for explanations. */
  lastRecord: PreemptionRecord | undefined;
  private readonly minPct: number;
  private readonly minAbs: number;

  constructor(
    private readonly handle: Handle,
    args: DefaultPreemptionArgs = {},
  ) {
    this.minPct = args.minCandidateNodesPercentage ?? 10;
    this.minAbs = args.minCandidateNodesAbsolute ?? 100;
  }

  postFilter(
    state: CycleState,
    p: PodInfo,
    m: NodeToStatus,
  ): { result?: PostFilterResult; status: MaybeStatus } {
    this.lastRecord = { candidates: [] };
    const { result, status } = this.preempt(state, p, m);
    const msg = status?.message() ?? "";
    if (this.lastRecord) this.lastRecord.message = msg;
    if (msg) return { result, status: newStatus(status?.code ?? Code.Unschedulable, `preemption: ${msg}`) };
    return { result, status };
  }

  /** A node's status; absent nodes default to UnschedulableAndUnresolvable (NewDefaultNodeToStatus). */
  private statusOf(m: NodeToStatus, name: string): Status {
    return m.statuses.get(name) ?? m.absentStatus ?? UNRESOLVABLE;
  }

  private eligible(p: PodInfo, m: NodeToStatus): string | undefined {
    if (p.pod.spec?.preemptionPolicy === "Never") return ErrNotEligibleNever;
    const nom = p.pod.status?.nominatedNodeName;
    if (nom) {
      if (this.statusOf(m, nom)?.code === Code.UnschedulableAndUnresolvable) return undefined;
      const ni = this.handle.snapshot.get(nom);
      if (ni)
        for (const v of ni.pods.values())
          if (v.priority < p.priority && terminatingByPreemption(v)) return ErrNotEligibleTerminating;
    }
    return undefined;
  }

  private preempt(
    state: CycleState,
    p: PodInfo,
    m: NodeToStatus,
  ): { result?: PostFilterResult; status: MaybeStatus } {
    const notEligible = this.eligible(p, m);
    if (notEligible) return { status: newStatus(Code.Unschedulable, notEligible) };
    const all = this.handle.snapshot.list();
    const statuses = new Map<string, Status>();
    const potential: NodeInfo[] = [];
    for (const n of all) {
      // Only nodes that failed with Unschedulable may be helped (NodesForStatusCode).
      if (this.statusOf(m, n.name).code === Code.Unschedulable) potential.push(n);
      else statuses.set(n.name, newStatus(Code.UnschedulableAndUnresolvable, ErrPreemptionNotHelpful));
    }
    const candidates: Candidate[] = [];
    const errs: string[] = [];
    if (potential.length > 0) {
      const pdbs = this.handle.cluster.api.list("PodDisruptionBudget");
      let numCandidates = Math.trunc((potential.length * this.minPct) / 100);
      if (numCandidates < this.minAbs) numCandidates = this.minAbs;
      if (numCandidates > potential.length) numCandidates = potential.length;
      const offset = this.handle.cluster.rng.int(potential.length);
      // Each list keeps at most numCandidates (candidateList); the search stops once a
      // non-violating candidate is found and the lists together hold numCandidates.
      const nonViolating: Candidate[] = [];
      const violating: Candidate[] = [];
      const fit = this.fitDecidesFirst(state);
      for (let i = 0; i < potential.length; i++) {
        const nodeInfo = potential[(offset + i) % potential.length] as NodeInfo;
        // Only for nodes the Filter plugins rejected (not a PreFilter verdict shared by all).
        if (fit && DefaultPreemptionPlugin.shortcut && m.statuses.has(nodeInfo.name)) {
          const rejected = this.fitRejectsWithoutVictims(fit, state, p, nodeInfo);
          if (rejected) {
            statuses.set(nodeInfo.name, rejected);
            continue;
          }
        }
        const r = this.selectVictimsOnNode(state.clone(), p, nodeInfo.clone(), pdbs);
        let status = r.status;
        if (isSuccess(status) && r.victims.length > 0) {
          const list = r.numPDBViolations === 0 ? nonViolating : violating;
          if (list.length < numCandidates)
            list.push({ name: nodeInfo.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
          if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
          continue;
        }
        if (isSuccess(status))
          status = asStatus(`expected at least one victim pod on node "${nodeInfo.name}"`);
        if (status?.code === Code.Error) errs.push(status.message());
        if (status) statuses.set(nodeInfo.name, status);
      }
      candidates.push(...nonViolating, ...violating);
    }
    if (this.lastRecord)
      this.lastRecord.candidates = candidates.map((c) => ({
        node: c.name,
        victims: c.victims.map((v) => v.key),
        numPDBViolations: c.numPDBViolations,
      }));
    // Errors matter only when no node could be a candidate (an aggregate of them).
    if (candidates.length === 0 && errs.length > 0) return { status: asStatus(aggregateErrors(errs)) };
    if (candidates.length === 0) {
      if (potential.length === 0) this.clearNominatedNodeName(p);
      return {
        result: { nominatedNodeName: "" },
        status: newStatus(Code.Unschedulable, fitErrorMessage(all.length, { statuses }, "", "")),
      };
    }
    const best = pickOneNodeForPreemption(candidates);
    if (this.lastRecord) this.lastRecord.chosen = best.name;
    this.prepareCandidate(best, p);
    return { result: { nominatedNodeName: best.name }, status: undefined };
  }

  /**
   * NodeResourcesFit, when it is the first Filter plugin of the dry run whose verdict can change
   * with the node's pods: the plugins before it are all ones that read only the node and the pod
   * (they passed for every potential node, else its status would be unresolvable), or skipped.
   */
  private fitDecidesFirst(state: CycleState): FilterPlugin | undefined {
    const plugins = this.handle.filterPlugins?.();
    if (!plugins) return undefined;
    for (const pl of plugins) {
      if (pl.name === NodeResourcesFit) return state.skipFilterPlugins.has(pl.name) ? undefined : pl;
      if (!NODE_ONLY_FILTERS.has(pl.name) && !state.skipFilterPlugins.has(pl.name)) return undefined;
    }
    return undefined;
  }

  /**
   * The status selectVictimsOnNode would return when even removing every lower-priority pod
   * leaves too little room, computed without copying the node: its first check runs the filters
   * with those pods gone and the nominated pods of equal or higher priority added, and fit
   * rejects first. Undefined when the node needs the full dry run.
   */
  private fitRejectsWithoutVictims(
    fit: FilterPlugin,
    state: CycleState,
    p: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus {
    let victims = 0;
    for (const v of nodeInfo.pods.values()) if (v.priority < p.priority) victims++;
    // No lower-priority pods: the full dry run says so with its own status.
    if (victims === 0) return undefined;
    const nominated = this.handle
      .nominatedPodsForNode(nodeInfo.name)
      .filter((n) => n.key !== p.key && n.priority >= p.priority);
    if (nominated.some((n) => nodeInfo.pods.has(n.key))) return undefined;
    // The node as that check sees it, counted by NodeInfo itself; Fit reads nothing of the state
    // that PreFilterExtensions would update, so the state needs no copy.
    const ni = nodeInfo.clone();
    for (const v of nodeInfo.pods.values()) if (v.priority < p.priority) ni.removePod(v.key);
    for (const n of nominated) ni.addPod(n);
    const s = fit.filter(state, p, ni);
    if (isSuccess(s) || !(s as Status).isRejected()) return undefined;
    return (s as Status).withPlugin(fit.name);
  }

  /** The victims on one node: lower-priority pods that must go, reprieving what it can. */
  selectVictimsOnNode(
    state: CycleState,
    p: PodInfo,
    nodeInfo: NodeInfo,
    pdbs: KubeObject[],
  ): { victims: PodInfo[]; numPDBViolations: number; status: MaybeStatus } {
    const potential: PodInfo[] = [];
    const remove = (v: PodInfo): MaybeStatus => {
      nodeInfo.removePod(v.key);
      const s = this.handle.runPreFilterExtensionRemovePod(state, p, v, nodeInfo);
      return isSuccess(s) ? undefined : asStatus(s?.message());
    };
    for (const v of [...nodeInfo.pods.values()])
      if (v.priority < p.priority) {
        potential.push(v);
        const err = remove(v);
        if (err) return { victims: [], numPDBViolations: 0, status: err };
      }
    if (potential.length === 0)
      return {
        victims: [],
        numPDBViolations: 0,
        status: newStatus(Code.UnschedulableAndUnresolvable, ErrNoVictims),
      };
    const fit = this.handle.runFilterPlugins(state, p, nodeInfo);
    if (!isSuccess(fit)) return { victims: [], numPDBViolations: 0, status: fit };
    potential.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    const [violating, nonViolating] = filterPodsWithPDBViolation(potential, pdbs);
    const victims: PodInfo[] = [];
    let numPDBViolations = 0;
    let failure: Status | undefined;
    const reprieve = (v: PodInfo): boolean => {
      nodeInfo.addPod(v);
      const added = this.handle.runPreFilterExtensionAddPod(state, p, v, nodeInfo);
      if (!isSuccess(added)) {
        failure = asStatus(added?.message());
        return false;
      }
      const fits = isSuccess(this.handle.runFilterPlugins(state, p, nodeInfo));
      if (!fits) {
        failure = remove(v);
        victims.push(v);
      }
      return fits;
    };
    for (const v of violating) {
      const fits = reprieve(v);
      if (failure) return { victims: [], numPDBViolations: 0, status: failure };
      if (!fits) numPDBViolations++;
    }
    for (const v of nonViolating) {
      reprieve(v);
      if (failure) return { victims: [], numPDBViolations: 0, status: failure };
    }
    // Victims stay ordered from high to low priority (pickOneNodeForPreemption reads the first).
    if (violating.length > 0 && nonViolating.length > 0)
      victims.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    return { victims, numPDBViolations, status: undefined };
  }

  private clearNominatedNodeName(p: PodInfo): void {
    const cur = this.handle.cluster.api.get("Pod", p.namespace, p.pod.metadata.name as string);
    if (!cur?.status?.nominatedNodeName) return;
    const next = clone(cur);
    delete next.status.nominatedNodeName;
    try {
      this.handle.cluster.api.updateStatus(next);
    } catch {
      /* the pod changed; the next cycle sees it */
    }
  }

  /** Evicts the victims and clears lower-priority nominations on the node (prepareCandidate). */
  private prepareCandidate(c: Candidate, p: PodInfo): void {
    const api = this.handle.cluster.api;
    for (const v of c.victims) {
      const cur = api.get("Pod", v.namespace, v.pod.metadata.name as string);
      if (!cur) continue;
      try {
        const next = clone(cur);
        const conditions = (next.status?.conditions ?? []).filter(
          (x: { type: string }) => x.type !== "DisruptionTarget",
        );
        conditions.push({
          type: "DisruptionTarget",
          status: "True",
          reason: "PreemptionByScheduler",
          message: `${this.handle.schedulerName}: preempting to accommodate a higher priority pod`,
          lastTransitionTime: this.handle.cluster.now(),
        });
        next.status = { ...(next.status ?? {}), conditions };
        api.updateStatus(next);
        api.delete("Pod", v.namespace, v.pod.metadata.name as string);
      } catch {
        continue;
      }
      this.handle.event(
        cur,
        "Normal",
        "Preempted",
        "Preempting",
        `Preempted by pod ${p.uid} on node ${c.name}`,
      );
    }
    for (const n of this.handle.nominatedPodsForNode(c.name)) {
      if (n.priority >= p.priority || n.uid === p.uid) continue;
      this.clearNominatedNodeName(n);
    }
  }
}

/** Chooses among candidates by upstream's criteria, in order (pickOneNodeForPreemption). */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  let list = candidates;
  const keepMin = (f: (c: Candidate) => number) => {
    let best = Number.POSITIVE_INFINITY;
    for (const c of list) best = Math.min(best, f(c));
    list = list.filter((c) => f(c) === best);
  };
  keepMin((c) => c.numPDBViolations);
  keepMin((c) => c.victims[0]?.priority ?? 0);
  keepMin((c) => c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0));
  keepMin((c) => c.victims.length);
  // The latest start time among each node's highest-priority victims wins.
  keepMin((c) => {
    const top = c.victims[0]?.priority ?? 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, startTime(v));
    return -earliest;
  });
  return list[0] as Candidate;
}
