/**
 * One kube-scheduler: a cache and a queue fed by watches, and one framework per profile. Watch
 * handlers only update the cache and the queue; process() runs scheduling cycles
 * (schedule_one.go) until the active queue is empty.
 */

import type { WatchEvent } from "../api/interface";
import type { Node, Pod } from "../api/kinds";
import { clone, type KubeObject } from "../api/types";
import type { Cluster, Component } from "../cluster";
import type { EventSource } from "../events/recorder";
import { Cache, isTerminal } from "./cache/cache";
import { DEFAULT_SCHEDULER_NAME, type KubeSchedulerConfiguration, profilesOf } from "./config";
import { dropRecord, type FilterVerdict, putRecord, type RawRecord } from "./explain";
import { CycleState } from "./framework/cycle-state";
import {
  EventAssignedPodDelete,
  EventNodeAdd,
  EventNodeDelete,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
} from "./framework/events";
import { ErrNoNodesAvailable, fitErrorMessage } from "./framework/fit-error";
import {
  ActionType,
  type EventResource,
  type FilterPlugin,
  type Handle,
  type NodeToStatus,
  type PostFilterResult,
  type QueuedPodInfo,
} from "./framework/interface";
import { compactScoreTable, Framework, type ScoreTable } from "./framework/runtime";
import {
  asStatus,
  CODE_NAMES,
  Code,
  isSuccess,
  type MaybeStatus,
  newStatus,
  type Status,
} from "./framework/status";
import { type NodeColumns, type NodeInfo, newPodInfo, type PodInfo } from "./framework/types";
import { DefaultPreemptionPlugin } from "./plugins/defaultpreemption/default-preemption";
import { buildQueueingHintMap, type QueueingHintMap, SchedulingQueue } from "./queue/scheduling-queue";

/** VolumeBindingArgs.bindTimeoutSeconds (default 600): how long PreBind waits for claims to bind. */
export const BindTimeoutSeconds = 600;

/** The event reasons the scheduler records. */
export const EventReasonScheduled = "Scheduled";
/** A failed attempt. */
export const EventReasonFailedScheduling = "FailedScheduling";

/** Above this many nodes a failed attempt records only each node's first failing filter. */
const MAX_FULLY_EXPLAINED_NODES = 200;
/** At most this many rejected nodes are kept in a record (the message has the full histogram). */
const MAX_RECORDED_REJECTIONS = 500;
/** The failures of a record with none (shared: a record that has some gets its own map). */
const NO_FAILURES: Map<string, Status> = new Map();
/** Feasible nodes whose scores a record keeps (the highest totals). */
const MAX_RECORDED_SCORES = 100;

function capStatuses(m: Map<string, Status>): Map<string, Status> {
  if (m.size <= MAX_RECORDED_REJECTIONS) return m;
  const out = new Map<string, Status>();
  for (const [k, v] of m) {
    if (out.size >= MAX_RECORDED_REJECTIONS) break;
    out.set(k, v);
  }
  return out;
}

const minFeasibleNodesToFind = 100;
const minFeasibleNodesPercentageToFind = 5;

/** How many feasible nodes to look for before scoring (numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(
  percentageOfNodesToScore: number | undefined,
  numAllNodes: number,
): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < minFeasibleNodesPercentageToFind) percentage = minFeasibleNodesPercentageToFind;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(n, minFeasibleNodesToFind);
}

/**
 * A node's Filter status known from the quick tests alone: the first plugin whose quick test
 * cleared the node (every plugin before it passed there) knows the status it would return.
 * Undefined when that plugin cannot tell; the node's filters then run as usual.
 */
function quickRejection(
  plugins: FilterPlugin[],
  own: Uint8Array[],
  j: number,
  state: CycleState,
  p: PodInfo,
  columns: NodeColumns,
  slot: number,
): Status | undefined {
  for (let k = 0; k < plugins.length; k++) {
    if ((own[k] as Uint8Array)[j] === 1) continue;
    const pl = plugins[k] as FilterPlugin;
    return pl.quickRejection?.(state, p, columns, slot)?.withPlugin(pl.name);
  }
  return undefined;
}

/** The scheduler a pod asks for (the API server defaults it; tolerate its absence). */
export function schedulerNameOf(pod: Pod): string {
  return pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME;
}

interface Diagnosis extends NodeToStatus {
  preFilterMsg: string;
  unschedulablePlugins: Set<string>;
}

type ScheduleResult =
  | { ok: true; host: string; evaluated: number; feasible: number }
  | {
      ok: false;
      kind: "noNodes" | "fit" | "error";
      status?: Status;
      diagnosis?: Diagnosis;
      numAllNodes: number;
    };

function specChanged(a: KubeObject, b: KubeObject): boolean {
  return (
    JSON.stringify(a.spec) !== JSON.stringify(b.spec) ||
    JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {})
  );
}

/** Truncates an event message to the API's limit (truncateMessage). */
function truncateMessage(m: string): string {
  const limit = 1024;
  return m.length <= limit ? m : `${m.slice(0, limit - 3)}...`;
}

/** A running kube-scheduler. */
export class Scheduler implements Component {
  /** Whether filters' quick tests over the node columns are used (off only in the test comparing both). */
  static quickFilters = true;
  readonly name: string;
  readonly cache = new Cache();
  readonly queue: SchedulingQueue;
  readonly profiles = new Map<string, Framework>();
  private nextStartNodeIndex = 0;
  private readonly feasibleScratch: NodeInfo[] = [];
  /** The quick filter tests' verdicts for one chunk of nodes (Filter's passingNodes). */
  private readonly quickPass = new Uint8Array(128);
  /** Each filter plugin's quick-test verdicts for the chunk. */
  private readonly quickPassByPlugin: Uint8Array[] = [];
  private quickPassOf(plugins: number): Uint8Array[] {
    const all = this.quickPassByPlugin;
    while (all.length < plugins) all.push(new Uint8Array(this.quickPass.length));
    return all;
  }
  /** The feasible nodes' slots in the cache's columns. */
  private feasibleSlots = new Int32Array(0);
  private readonly unsubscribe: (() => void)[] = [];
  private readonly nsLabels = new Map<string, Record<string, string>>();
  /** Bumped when namespace labels change. */
  nsEpoch = 0;
  /** node → pending pods nominated to it. */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedOf = new Map<string, string>();
  private stopped = false;
  private woken = false;

  constructor(
    readonly cluster: Cluster,
    config: KubeSchedulerConfiguration = {},
    name = "kube-scheduler",
    /** The hostname of the scheduler's process: events say `<schedulerName>-<host>` as reportingInstance. */
    private readonly hostname: () => string | undefined = () => undefined,
  ) {
    this.name = name;
    for (const profile of profilesOf(config)) {
      const handle = this.handleFor(profile.schedulerName as string);
      const fwk = new Framework(profile, handle);
      (handle as { fwk?: Framework }).fwk = fwk;
      this.profiles.set(fwk.schedulerName, fwk);
    }
    const first = this.profiles.values().next().value as Framework;
    const hintMaps = new Map<string, QueueingHintMap>();
    for (const [name, fwk] of this.profiles) hintMaps.set(name, buildQueueingHintMap(fwk.plugins.values()));
    const sort = first.queueSortPlugins[0];
    this.queue = new SchedulingQueue(
      cluster.clock,
      (a, b) => (sort ? sort.less(a, b) : a.seq < b.seq),
      (p) => {
        const fwk = this.profiles.get(schedulerNameOf(p.pod));
        if (!fwk) return true;
        const s = fwk.runPreEnqueuePlugins(p);
        return isSuccess(s) || (s as Status).plugin || false;
      },
      {
        podInitialBackoffSeconds: config.podInitialBackoffSeconds ?? 1,
        podMaxBackoffSeconds: config.podMaxBackoffSeconds ?? 10,
        podMaxInUnschedulablePodsSeconds: 300,
      },
      () => {
        this.woken = true;
      },
      hintMaps,
      (p) => schedulerNameOf(p.pod),
      (ns) => this.nsLabels.get(ns),
    );
  }

  /** Who reports this scheduler's events (client-go's events recorder: controller and host). */
  private source(schedulerName: string): EventSource {
    const host = this.hostname();
    return host ? { component: schedulerName, host } : { component: schedulerName };
  }

  /** The scheduler names this scheduler serves. */
  schedulerNames(): string[] {
    return [...this.profiles.keys()];
  }

  private handleFor(schedulerName: string): Handle {
    const h: Handle & { fwk?: Framework } = {
      cluster: this.cluster,
      schedulerName,
      snapshot: this.cache,
      namespaceLabels: (ns) => this.nsLabels.get(ns),
      nominatedPodsForNode: (node) => [...(this.nominated.get(node)?.values() ?? [])],
      runFilterPlugins: (state, pod, nodeInfo) =>
        this.runFilterWithNominated(h.fwk as Framework, state, pod, nodeInfo),
      filterPlugins: () => h.fwk?.filterPlugins ?? [],
      runPreFilterExtensionAddPod: (state, pod, toAdd, nodeInfo) =>
        h.fwk?.runPreFilterExtensionAddPod(state, pod, toAdd, nodeInfo),
      runPreFilterExtensionRemovePod: (state, pod, toRemove, nodeInfo) =>
        h.fwk?.runPreFilterExtensionRemovePod(state, pod, toRemove, nodeInfo),
      event: (obj, type, reason, action, message) =>
        this.cluster.events.record(obj, type, reason, message, this.source(schedulerName), {
          newApi: true,
          action,
        }),
    };
    return h;
  }

  /** Subscribes to watches, loads the current state and joins the cluster's components. */
  start(): void {
    const api = this.cluster.api;
    for (const ns of api.list("Namespace"))
      this.nsLabels.set(ns.metadata.name as string, ns.metadata.labels ?? {});
    for (const n of api.list("Node")) this.cache.upsertNode(n as Node);
    for (const p of api.list("Pod")) this.onPod({ type: "ADDED", object: p });
    this.unsubscribe.push(
      api.watch("Namespace", (e) => {
        this.nsEpoch++;
        if (e.type === "DELETED") this.nsLabels.delete(e.object.metadata.name as string);
        else this.nsLabels.set(e.object.metadata.name as string, e.object.metadata.labels ?? {});
      }),
      api.watch("Node", (e) => this.onNode(e)),
      api.watch("Pod", (e) => this.onPod(e)),
      // Volume objects only feed QueueingHints (the volume plugins read them from the store).
      ...(["PersistentVolumeClaim", "PersistentVolume", "StorageClass"] as const).map((kind) =>
        api.watch(kind, (e) => this.onStorageObject(kind, e)),
      ),
    );
    this.cluster.addComponent(this);
  }

  /** Leaves the cluster: no more watches or cycles. */
  stop(): void {
    this.stopped = true;
    for (const u of this.unsubscribe.splice(0)) u();
    this.cluster.removeComponent(this);
    for (const p of this.queue.pending()) this.queue.delete(p.key);
  }

  /** A PersistentVolumeClaim, PersistentVolume or StorageClass changed: a cluster event. */
  private onStorageObject(resource: EventResource, e: WatchEvent): void {
    if (e.type === "ADDED")
      this.queue.moveOnEvent({ resource, actionType: ActionType.Add }, undefined, e.object);
    else if (e.type === "MODIFIED")
      this.queue.moveOnEvent({ resource, actionType: ActionType.Update }, e.old, e.object);
    else this.queue.moveOnEvent({ resource, actionType: ActionType.Delete }, e.object, undefined);
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Node;
    if (e.type === "DELETED") {
      this.cache.removeNode(node.metadata.name as string);
      this.queue.moveOnEvent(EventNodeDelete, node, undefined);
      return;
    }
    this.cache.upsertNode(node);
    if (e.type === "ADDED" || !e.old) {
      this.queue.moveOnEvent(EventNodeAdd, undefined, node);
      return;
    }
    const old = e.old as Node;
    for (const ev of nodeSchedulingPropertiesChange(node, old)) this.queue.moveOnEvent(ev, old, node);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const old = e.old as Pod | undefined;
    if (e.type === "DELETED") {
      this.forgetNomination(key);
      if (this.cache.hasPod(key)) {
        this.cache.removePod(key);
        this.queue.moveOnEvent(EventAssignedPodDelete, pod, undefined);
      }
      this.queue.delete(key);
      dropRecord(this.cluster, key);
      return;
    }
    if (pod.spec?.nodeName) {
      this.forgetNomination(key);
      this.queue.delete(key);
      if (isTerminal(pod)) {
        if (this.cache.hasPod(key)) {
          this.cache.removePod(key);
          this.queue.moveOnEvent(EventAssignedPodDelete, pod, undefined);
        }
        return;
      }
      const wasCounted = this.cache.hasPod(key);
      const assignedBefore = Boolean(old?.spec?.nodeName) && wasCounted;
      // The pod the scheduler just bound keeps the PodInfo it was assumed with.
      const justBound = !assignedBefore && wasCounted && this.cache.confirmPod(pod);
      if (justBound) {
        /* already counted */
      } else if (
        !assignedBefore ||
        !old ||
        specChanged(old, pod) ||
        old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp
      )
        this.cache.addPod(pod);
      else this.cache.confirmPod(pod);
      const info = this.cache.get(pod.spec.nodeName)?.pods.get(key) ?? newPodInfo(pod);
      if (!assignedBefore) this.queue.assignedPodAdded(info);
      else if (old)
        for (const ev of podSchedulingPropertiesChange(pod, old))
          this.queue.assignedPodUpdated(old, info, ev);
      return;
    }
    // A pending pod.
    if (!this.profiles.has(schedulerNameOf(pod))) return;
    if (pod.metadata.deletionTimestamp) {
      this.forgetNomination(key);
      this.queue.delete(key);
      return;
    }
    const info = newPodInfo(pod);
    this.trackNomination(info);
    if (e.type === "ADDED" || !old || !this.queue.has(key)) this.queue.add(info);
    else this.queue.update(old, info);
  }

  private trackNomination(p: PodInfo): void {
    const node = p.pod.status?.nominatedNodeName;
    const prev = this.nominatedOf.get(p.key);
    if (prev !== undefined && prev !== node) this.forgetNomination(p.key);
    if (!node) return;
    let m = this.nominated.get(node);
    if (!m) {
      m = new Map();
      this.nominated.set(node, m);
    }
    m.set(p.key, p);
    this.nominatedOf.set(p.key, node);
  }

  private forgetNomination(key: string): void {
    const node = this.nominatedOf.get(key);
    if (node === undefined) return;
    this.nominatedOf.delete(key);
    const m = this.nominated.get(node);
    m?.delete(key);
    if (m?.size === 0) this.nominated.delete(node);
  }

  process(): boolean {
    if (this.stopped) return false;
    let did = this.woken;
    this.woken = false;
    for (;;) {
      const qp = this.queue.pop();
      if (!qp) break;
      did = true;
      this.scheduleOne(qp);
    }
    return did;
  }

  /**
   * Filters with the nominated pods of equal or higher priority added first, so pods that
   * preempted for a node keep their place (RunFilterPluginsWithNominatedPods). `plugins` may
   * narrow the Filter plugins to those worth calling for the pod (Framework.filtersForPod):
   * nominated pods change nothing the others look at.
   */
  runFilterWithNominated(
    fwk: Framework,
    state: CycleState,
    p: PodInfo,
    nodeInfo: NodeInfo,
    plugins: FilterPlugin[] = fwk.filtersToRun(state),
  ): MaybeStatus {
    const noms = this.nominated.size === 0 ? undefined : this.nominated.get(nodeInfo.name);
    if (noms && noms.size > 0) {
      const add: PodInfo[] = [];
      for (const n of noms.values()) if (n.key !== p.key && n.priority >= p.priority) add.push(n);
      if (add.length > 0) {
        const st = state.clone();
        // The nominated pods are added to the node for this check and taken off after, which
        // leaves its aggregates as they were (cheaper than a copy); a copy when a key clashes.
        const inPlace = add.every((n) => !nodeInfo.pods.has(n.key));
        const ni = inPlace ? nodeInfo : nodeInfo.clone();
        let s: MaybeStatus;
        try {
          // A PreFilter extension's error ends the check with that error (addNominatedPods).
          for (const n of add) {
            ni.addPod(n);
            s = fwk.runPreFilterExtensionAddPod(st, p, n, ni);
            if (s) break;
          }
          s ??= fwk.runFilterPluginsWith(plugins, st, p, ni);
        } finally {
          if (inPlace) for (const n of add) ni.removePod(n.key);
        }
        if (!isSuccess(s)) return s;
      }
    }
    return fwk.runFilterPluginsWith(plugins, state, p, nodeInfo);
  }

  private scheduleOne(qp: QueuedPodInfo): void {
    const api = this.cluster.api;
    const stale = qp.podInfo.pod;
    const key = qp.podInfo.key;
    const cur = api.get("Pod", stale.metadata.namespace, stale.metadata.name as string) as Pod | undefined;
    if (
      !cur ||
      cur.metadata.uid !== stale.metadata.uid ||
      cur.spec?.nodeName ||
      cur.metadata.deletionTimestamp
    ) {
      this.queue.done(key);
      return;
    }
    const fwk = this.profiles.get(schedulerNameOf(cur));
    if (!fwk) {
      this.queue.done(key);
      return;
    }
    const p = cur === stale ? qp.podInfo : newPodInfo(cur);
    qp.podInfo = p;
    const state = new CycleState();
    const record: RawRecord = {
      pod: key,
      uid: p.uid,
      schedulerName: fwk.schedulerName,
      attempt: qp.attempts,
      time: this.cluster.now(),
      result: "Unschedulable",
      message: "",
      preFilter: [],
      totalNodes: this.cache.list().length,
      evaluatedNodes: 0,
      feasibleCount: 0,
      filterPlugins: fwk.filterPluginNames,
      skippedFilters: [],
      feasibleNodes: [],
      failed: NO_FAILURES,
    };
    const result = this.schedulePod(fwk, state, p, record);
    if (!result.ok) {
      this.handleFailure(fwk, qp, state, p, result, record);
      return;
    }
    // Assume: count the pod on the node now, so the next cycle sees it.
    const assumedPod = { ...cur, spec: { ...cur.spec, nodeName: result.host } } as Pod;
    this.cache.addPod(assumedPod, result.host, p);
    const fail = (s: Status) => {
      fwk.runReservePluginsUnreserve(state, p, result.host);
      this.cache.removePod(key);
      this.handleFailure(fwk, qp, state, p, { ok: false, kind: "error", status: s, numAllNodes: 0 }, record);
    };
    let s = fwk.runReservePluginsReserve(state, p, result.host);
    if (!isSuccess(s)) {
      fail(s as Status);
      return;
    }
    s = fwk.runPermitPlugins(state, p, result.host);
    if (!isSuccess(s)) {
      fail(s as Status);
      return;
    }
    this.preBindAndBind(fwk, qp, state, p, cur, result.host, record, fail, this.cluster.clock.now());
  }

  /**
   * The rest of the binding cycle: PreBind, then Bind. A PreBind plugin that answers Wait (the
   * VolumeBinding plugin while the PV controller and a provisioner bind the pod's claims) is
   * asked again each second, as BindPodVolumes polls checkBindings, up to BindTimeoutSeconds;
   * the pod stays assumed on its node meanwhile.
   */
  private preBindAndBind(
    fwk: Framework,
    qp: QueuedPodInfo,
    state: CycleState,
    p: PodInfo,
    cur: Pod,
    host: string,
    record: RawRecord,
    fail: (s: Status) => void,
    startedMs: number,
  ): void {
    const key = p.key;
    let s = fwk.runPreBindPlugins(state, p, host);
    if (s?.code === Code.Wait) {
      if (this.cluster.clock.now() - startedMs >= BindTimeoutSeconds * 1000) {
        fail(
          asStatus(
            `running PreBind plugin "${s.plugin}": binding volumes: context deadline exceeded`,
          ).withPlugin(s.plugin ?? ""),
        );
        return;
      }
      this.cluster.clock.after(
        1,
        () => {
          const live = this.cluster.api.get("Pod", cur.metadata.namespace, cur.metadata.name as string);
          if (!live || live.metadata.uid !== cur.metadata.uid || live.metadata.deletionTimestamp) {
            fwk.runReservePluginsUnreserve(state, p, host);
            this.cache.removePod(key);
            this.queue.done(key);
            return;
          }
          this.preBindAndBind(fwk, qp, state, p, cur, host, record, fail, startedMs);
        },
        `${fwk.schedulerName} PreBind ${key}`,
      );
      return;
    }
    if (!isSuccess(s)) {
      fail(s as Status);
      return;
    }
    s = fwk.runBindPlugins(state, p, host);
    if (!isSuccess(s)) {
      fail(s as Status);
      return;
    }
    const result = { host };
    const message = `Successfully assigned ${key} to ${result.host}`;
    record.result = "Scheduled";
    record.node = result.host;
    record.message = message;
    putRecord(this.cluster, key, record);
    this.cluster.events.record(cur, "Normal", EventReasonScheduled, message, this.source(fwk.schedulerName), {
      newApi: true,
      action: "Binding",
    });
    fwk.runPostBindPlugins(state, p, result.host);
    this.queue.done(key);
  }

  private schedulePod(fwk: Framework, state: CycleState, p: PodInfo, record: RawRecord): ScheduleResult {
    const allNodes = this.cache.list();
    if (allNodes.length === 0) return { ok: false, kind: "noNodes", numAllNodes: 0 };
    const diagnosis: Diagnosis = { statuses: new Map(), preFilterMsg: "", unschedulablePlugins: new Set() };
    const pre = fwk.runPreFilterPlugins(state, p, allNodes);
    // The plugins PreFilter skipped: the record shows their Filter as skipped on every node.
    if (state.skipFilterPlugins.size > 0) record.skippedFilters = [...state.skipFilterPlugins];
    if (!isSuccess(pre.status)) {
      const st = pre.status as Status;
      record.preFilter.push({ plugin: st.plugin, code: CODE_NAMES[st.code], reasons: st.reasons });
      if (!st.isRejected()) return { ok: false, kind: "error", status: st, numAllNodes: allNodes.length };
      diagnosis.absentStatus = st;
      diagnosis.preFilterMsg = st.message();
      if (st.plugin) diagnosis.unschedulablePlugins.add(st.plugin);
      return { ok: false, kind: "fit", diagnosis, numAllNodes: allNodes.length };
    }
    // A node nominated by an earlier preemption is tried first.
    const nom = p.pod.status?.nominatedNodeName;
    if (nom) {
      const ni = this.cache.get(nom);
      if (ni && isSuccess(this.runFilterWithNominated(fwk, state, p, ni))) {
        record.evaluatedNodes = 1;
        record.feasibleCount = 1;
        record.feasibleNodes.push(nom);
        return { ok: true, host: nom, evaluated: 1, feasible: 1 };
      }
    }
    let nodes = allNodes;
    if (pre.result?.nodeNames) {
      nodes = [];
      for (const n of pre.result.nodeNames) {
        const ni = this.cache.get(n);
        if (ni) nodes.push(ni);
      }
      record.preFilterNodes = nodes.map((n) => n.name);
      diagnosis.absentStatus = newStatus(
        Code.UnschedulableAndUnresolvable,
        `node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(" ")}]`,
      );
    }
    const found = this.findNodesThatPassFilters(fwk, state, p, nodes, allNodes, diagnosis);
    if (found.error) return { ok: false, kind: "error", status: found.error, numAllNodes: allNodes.length };
    const { feasible, slots, processed } = found;
    const columns = this.cache.columns;
    record.evaluatedNodes = processed;
    if (feasible.length === 0) {
      // Explain every node fully (each filter's own verdict, not only the first failure) where
      // that stays cheap; in big clusters keep the first failure of each node.
      if (nodes.length > MAX_FULLY_EXPLAINED_NODES) {
        record.failed = capStatuses(diagnosis.statuses);
        return { ok: false, kind: "fit", diagnosis, numAllNodes: allNodes.length };
      }
      record.failed = new Map();
      for (const ni of nodes) {
        const verdicts: FilterVerdict[] = fwk.runAllFilterPlugins(state, p, ni).map(({ plugin, status }) => ({
          plugin,
          code: status ? CODE_NAMES[status.code] : "Success",
          reasons: status?.reasons ?? [],
        }));
        record.failed.set(ni.name, verdicts);
      }
      return { ok: false, kind: "fit", diagnosis, numAllNodes: allNodes.length };
    }
    record.feasibleCount = feasible.length;
    record.failed = capStatuses(diagnosis.statuses);
    if (feasible.length === 1) {
      const host = (feasible[0] as NodeInfo).name;
      record.feasibleNodes.push(host);
      return { ok: true, host, evaluated: processed, feasible: 1 };
    }
    const ps = fwk.runPreScorePlugins(state, p, feasible);
    if (!isSuccess(ps))
      return { ok: false, kind: "error", status: ps as Status, numAllNodes: allNodes.length };
    // Every node of the cache's list is in its columns.
    const { table, status } = fwk.runScorePlugins(state, p, feasible, { columns, slots });
    if (!isSuccess(status))
      return { ok: false, kind: "error", status: status as Status, numAllNodes: allNodes.length };
    const chosen = this.selectHost(table);
    const host = table.nodes[chosen] as string;
    // The record keeps the best-scored nodes (and the chosen one), not every feasible node.
    record.scoreTable = compactScoreTable(table, MAX_RECORDED_SCORES, chosen);
    record.feasibleNodes = record.scoreTable.nodes;
    return { ok: true, host, evaluated: processed, feasible: feasible.length };
  }

  /**
   * Filters nodes from where the last cycle stopped, round robin, until numFeasibleNodesToFind
   * pass (findNodesThatPassFilters); rejections go into diagnosis. The feasible list and their
   * slots are scratch reused by the next cycle.
   */
  private findNodesThatPassFilters(
    fwk: Framework,
    state: CycleState,
    p: PodInfo,
    nodes: NodeInfo[],
    allNodes: NodeInfo[],
    diagnosis: Diagnosis,
  ): { feasible: NodeInfo[]; slots: Int32Array; processed: number; error?: Status } {
    const numToFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore, nodes.length);
    // Reused from cycle to cycle (nothing keeps it past the cycle), and sized once: growing it
    // node by node would copy it several times per cycle.
    const feasible = this.feasibleScratch;
    if (feasible.length < numToFind) feasible.length = numToFind;
    let nf = 0;
    let processed = 0;
    const n = nodes.length;
    const plugins = fwk.filtersForPod(state, p);
    // Over the whole list, with no nominated pods to add, filters with a quick test over the
    // cache's columns take a chunk of nodes at a time; a node the quick tests pass is feasible
    // without calling anything, and the others get the node-by-node verdict.
    const columns = this.cache.columns;
    const quick =
      Scheduler.quickFilters &&
      nodes === allNodes &&
      columns.size === n &&
      this.nominated.size === 0 &&
      plugins.every((pl) => pl.passingNodes);
    const ok = this.quickPass;
    // Each plugin's own verdicts too, so a node's rejection can be pinned on the first plugin
    // that cleared it, when all before it passed (see quickRejection).
    const own = quick ? this.quickPassOf(plugins.length) : [];
    // Where each feasible node sits in the columns (scoring reads them there).
    if (this.feasibleSlots.length < numToFind)
      this.feasibleSlots = new Int32Array(Math.max(numToFind, 2 * this.feasibleSlots.length));
    const slots = this.feasibleSlots;
    for (let i = 0; i < n && nf < numToFind; ) {
      const start = (this.nextStartNodeIndex + i) % n;
      const count = Math.min(ok.length, n - i);
      if (quick) {
        ok.fill(1, 0, count);
        for (let k = 0; k < plugins.length; k++) {
          const mine = own[k] as Uint8Array;
          mine.fill(1, 0, count);
          (plugins[k] as FilterPlugin).passingNodes?.(state, p, columns, start, count, mine);
          for (let j = 0; j < count; j++) ok[j] = (ok[j] as number) & (mine[j] as number);
        }
      }
      for (let j = 0; j < count && nf < numToFind; j++, i++) {
        // The node's place in nodes: its slot in the columns too when quick (the same list).
        const at = (start + j) % n;
        const ni = nodes[at] as NodeInfo;
        processed++;
        if (quick && ok[j] === 1) {
          // No need to fetch the NodeInfo for its slot.
          slots[nf] = at;
          feasible[nf++] = ni;
          continue;
        }
        const known = quick ? quickRejection(plugins, own, j, state, p, columns, at) : undefined;
        if (known) {
          diagnosis.statuses.set(columns.names[at] as string, known);
          diagnosis.unschedulablePlugins.add(known.plugin);
          continue;
        }
        const s = this.runFilterWithNominated(fwk, state, p, ni, plugins);
        if (isSuccess(s)) {
          slots[nf] = ni.slot;
          feasible[nf++] = ni;
        } else {
          const st = s as Status;
          if (!st.isRejected()) return { feasible, slots, processed, error: st };
          diagnosis.statuses.set(ni.name, st);
          if (st.plugin) diagnosis.unschedulablePlugins.add(st.plugin);
        }
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    feasible.length = nf;
    return { feasible, slots, processed };
  }

  /** The highest-scoring node's index; ties broken uniformly at random by reservoir sampling (selectHost). */
  private selectHost(t: ScoreTable): number {
    let best = 0;
    let count = 1;
    for (let i = 1; i < t.total.length; i++) {
      const v = t.total[i] as number;
      const b = t.total[best] as number;
      if (v > b) {
        best = i;
        count = 1;
      } else if (v === b) {
        count++;
        if (this.cluster.rng.int(count) === 0) best = i;
      }
    }
    return best;
  }

  private handleFailure(
    fwk: Framework,
    qp: QueuedPodInfo,
    state: CycleState,
    p: PodInfo,
    result: Extract<ScheduleResult, { ok: false }>,
    record: RawRecord,
  ): void {
    let message: string;
    let reason = "Unschedulable";
    let nominating: PostFilterResult | undefined;
    let rejectedBy = new Set<string>();
    let isError = false;
    if (result.kind === "noNodes") message = ErrNoNodesAvailable;
    else if (result.kind === "fit") {
      const d = result.diagnosis as Diagnosis;
      rejectedBy = d.unschedulablePlugins;
      let postFilterMsg = "";
      if (fwk.postFilterPlugins.length > 0) {
        const pf = fwk.runPostFilterPlugins(state, p, d);
        nominating = pf.result;
        postFilterMsg = pf.status?.message() ?? "";
        const pre = fwk.postFilterPlugins.find((pl) => pl instanceof DefaultPreemptionPlugin) as
          | DefaultPreemptionPlugin
          | undefined;
        if (pre?.lastRecord) record.preemption = pre.lastRecord;
      }
      message = fitErrorMessage(result.numAllNodes, d, d.preFilterMsg, postFilterMsg);
    } else {
      isError = true;
      reason = "SchedulerError";
      message = result.status?.message() ?? "error";
    }
    record.result = isError ? "Error" : "Unschedulable";
    record.message = message;
    putRecord(this.cluster, p.key, record);
    this.queue.requeueFailed(qp, rejectedBy, isError);
    const cur = this.cluster.api.get("Pod", p.namespace, p.pod.metadata.name as string) as Pod | undefined;
    if (!cur || cur.metadata.uid !== p.uid) return;
    this.cluster.events.record(
      cur,
      "Warning",
      EventReasonFailedScheduling,
      truncateMessage(message),
      this.source(fwk.schedulerName),
      { newApi: true, action: "Scheduling" },
    );
    this.updatePodStatus(cur, reason, message, nominating);
  }

  /** Writes PodScheduled=False and the nominated node, when they change (updatePod). */
  private updatePodStatus(
    cur: Pod,
    reason: string,
    message: string,
    nominating: PostFilterResult | undefined,
  ): void {
    const conditions = [...(cur.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === "PodScheduled");
    const old = i >= 0 ? conditions[i] : undefined;
    const condChanged = old?.status !== "False" || old.reason !== reason || old.message !== message;
    const nomNow = cur.status?.nominatedNodeName ?? "";
    const nomChanged = nominating !== undefined && nominating.nominatedNodeName !== nomNow;
    if (!condChanged && !nomChanged) return;
    const next = clone(cur);
    // biome-ignore lint/suspicious/noExplicitAny: lastProbeTime is null in the API's JSON
    const cond: any = {
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: old && old.status === "False" ? old.lastTransitionTime : this.cluster.now(),
      reason,
      message,
    };
    const list = (next.status?.conditions ?? []).filter((c: { type: string }) => c.type !== "PodScheduled");
    if (i >= 0) list.splice(i, 0, cond);
    else list.push(cond);
    next.status = { ...(next.status ?? {}), conditions: list };
    if (nominating !== undefined) {
      if (nominating.nominatedNodeName) next.status.nominatedNodeName = nominating.nominatedNodeName;
      else delete next.status.nominatedNodeName;
    }
    try {
      this.cluster.api.updateStatus(next);
    } catch {
      /* the pod changed meanwhile; the next attempt writes again */
    }
  }
}
