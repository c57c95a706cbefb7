/**
 * The scheduling framework's extension points: the map of the whole scheduler
 * (kube-scheduler framework/interface.go). A pod's scheduling cycle runs, in order:
 *
 *   PreEnqueue → (queue, ordered by QueueSort) → PreFilter → Filter (per node) →
 *   PostFilter (only when no node fits) → PreScore → Score/NormalizeScore (per feasible node) →
 *   Reserve → Permit → PreBind → Bind → PostBind
 *
 * A plugin implements any subset. Results are Status values (undefined = Success).
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import type { CycleState } from "./cycle-state";
import type { MaybeStatus, Status } from "./status";
import type { AffinityTerm, NodeColumns, NodeInfo, PodInfo } from "./types";

/** Every plugin has a name (one of plugins/names.ts). */
export interface Plugin {
  readonly name: string;
}

/**
 * PreEnqueue runs before a pod enters the active queue. Anything but Success keeps the pod
 * out of scheduling (in the unschedulable pool, without an attempt or event) until an update
 * of the pod lets it pass (SchedulingGates).
 */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): MaybeStatus;
}

/** A queued pod as QueueSort sees it. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod entered the queue (virtual ms), kept across retries. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt (what events may help). */
  unschedulablePlugins: Set<string>;
  /**
   * Plugins that returned Pending in its last attempt: a Queue hint from one of them moves the pod
   * straight to activeQ, skipping back-off.
   */
  pendingPlugins?: Set<string>;
  /** Insertion order, the last tie-breaker. */
  seq: number;
}

/**
 * The kinds of object whose changes the queue reacts to (framework.EventResource). "Pod" in a
 * registration matches both AssignedPod and UnscheduledPod events; "*" matches every event.
 */
export type EventResource =
  | "Pod"
  | "AssignedPod"
  | "UnscheduledPod"
  | "Node"
  | "PersistentVolumeClaim"
  | "PersistentVolume"
  | "StorageClass"
  | "*";

/** What happened to the object, as bits (framework.ActionType); a registration may OR several. */
export const ActionType = {
  Add: 1,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /**
   * An update of a pod's other fields (updatePodOther): raised when no specific bit applies, so
   * that it matches only registrations of the general Update.
   */
  UpdatePodOther: 1 << 11,
  /** Any update (every Update* bit; the update of kinds without specific bits). */
  Update: ((1 << 12) - 1) & ~3,
  All: (1 << 12) - 1,
} as const;

/** A cluster event (framework.ClusterEvent): a resource and the action bits. */
export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  /** A name for special events (UnschedulableTimeout). */
  label?: string;
}

/** A plugin's verdict on whether an event may make a pod it rejected schedulable. */
export enum QueueingHint {
  /** The event does not help: the pod stays in the unschedulable pool. */
  QueueSkip = 0,
  /** The event may help: the pod is retried (after its back-off). */
  Queue = 1,
}

/**
 * Decides, for a pod the plugin rejected, whether an event may make it schedulable
 * (framework.QueueingHintFn). oldObj is undefined for an Add, newObj for a Delete. It runs for
 * every unschedulable pod on every matching event, so it must be cheap; a thrown error counts as
 * Queue, so that no pod is stuck.
 */
export type QueueingHintFn = (pod: PodInfo, oldObj: unknown, newObj: unknown) => QueueingHint;

/** An event a plugin registers, with its hint; without one, every such event means Queue. */
export interface ClusterEventWithHint {
  event: ClusterEvent;
  queueingHintFn?: QueueingHintFn;
}

/**
 * EnqueueExtensions: the events that may make a pod this plugin rejected schedulable. A plugin
 * without it is treated as interested in every event (with Queue); one returning [] lets no
 * event move the pods it rejected (only the unschedulable timeout does).
 */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** QueueSort orders the active queue. Only one may be enabled. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** The nodes PreFilter narrowed the cycle to; undefined means all nodes. */
export interface PreFilterResult {
  nodeNames: Set<string> | undefined;
}

/** Updates PreFilter state when preemption tries a pod set on a node (PreFilterExtensions). */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
}

/**
 * PreFilter runs once per cycle before Filter, to precompute state or reject the pod outright.
 * Unschedulable rejects the pod on every node (no Filter runs); Skip skips this plugin's Filter.
 * A result narrows the nodes Filter is run on.
 */
export interface PreFilterPlugin extends Plugin {
  preFilter(
    state: CycleState,
    pod: PodInfo,
    nodes: NodeInfo[],
  ): { result?: PreFilterResult; status?: MaybeStatus };
  preFilterExtensions?(): PreFilterExtensions | undefined;
}

/**
 * Filter says whether the pod can run on one node. The first non-Success status for a node ends
 * its evaluation; Unschedulable lets preemption try the node, UnschedulableAndUnresolvable not.
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  /**
   * Optional: true when filter would return Success on every node of the snapshot for this pod
   * (nothing to check: the pod names no node, no node is cordoned or tainted). The scheduler then
   * need not call it node by node; the verdict shown is still Success.
   */
  passesEveryNode?(state: CycleState, pod: PodInfo): boolean;
  /**
   * Optional: a quick test of many nodes of the cache at once, in one loop over its columns. For
   * i < count and the node at slot (start + i) % columns.size, it clears ok[i] unless filter
   * would return Success on that node; the scheduler then calls filter for the verdict of each
   * node left cleared, so clearing when unsure is always right.
   */
  passingNodes?(
    state: CycleState,
    pod: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void;
  /**
   * Optional, beside passingNodes: for a node at slot that passingNodes cleared, the status filter
   * would return there when it is known from the columns alone, else undefined (then filter is
   * called). The status may be shared by many nodes: nobody changes it.
   */
  quickRejection?(state: CycleState, pod: PodInfo, columns: NodeColumns, slot: number): Status | undefined;
}

/** Each node's status after Filter; nodes absent from the map share absentStatus. */
export interface NodeToStatus {
  statuses: Map<string, Status>;
  absentStatus?: Status;
}

/** What PostFilter may return: the node to nominate. */
export interface PostFilterResult {
  nominatedNodeName: string;
}

/**
 * PostFilter runs only when no node passed Filter (DefaultPreemption). Success with a result
 * nominates a node; Unschedulable's message is appended to the FailedScheduling text.
 */
export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: PodInfo,
    nodeToStatus: NodeToStatus,
  ): { result?: PostFilterResult; status: MaybeStatus };
}

/** PreScore runs once before Score with the feasible nodes; Skip skips this plugin's Score. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): MaybeStatus;
}

/** Where nodes sit in the cache's columns: nodes[i] at slot slots[i]. */
export interface NodeSlots {
  columns: NodeColumns;
  slots: Int32Array;
}

/** One node's score. */
export interface NodeScore {
  name: string;
  score: number;
}

/**
 * Score ranks each feasible node; NormalizeScore then maps the scores of all nodes onto
 * [0, MaxNodeScore]. The framework multiplies by the plugin's weight and sums.
 */
export interface ScorePlugin extends Plugin {
  /** The node's score, or a Status on error (no allocation on the hot path). */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status;
  /**
   * Optional: the score every node of the snapshot gets for this pod when it is the same for all
   * (no node has what the plugin looks for), else undefined. The framework then fills it in
   * instead of calling score node by node, and normalizes it as a list of one node: the plugin's
   * NormalizeScore must give a list of equal scores the value it gives each of them alone.
   */
  scoreEveryNode?(state: CycleState, pod: PodInfo): number | undefined;
  /**
   * Optional: score(nodes[i]) into out[i] for i < n, in one loop the engine compiles for this
   * plugin alone (the framework's per-node call site sees every plugin). When `at` is given,
   * nodes[i] is at slot at.slots[i] of at.columns, which the plugin may read instead of the
   * NodeInfo. Returns a Status on error.
   */
  scoreNodes?(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    n: number,
    out: number[],
    at?: NodeSlots,
  ): MaybeStatus;
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): MaybeStatus;
}

/** Reserve claims resources for the chosen node; Unreserve undoes it if a later step fails. */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Permit may approve, deny or (Wait) delay the binding. */
export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** PreBind runs before Bind (volume binding in upstream). */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** Bind writes the binding; Skip passes to the next Bind plugin. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): MaybeStatus;
}

/** PostBind is told of a successful binding. */
export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Read access to the scheduler's cache (framework.SharedLister). */
export interface NodeInfoLister {
  /** Every node, in the cache's order. */
  list(): NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes with at least one pod with required anti-affinity. */
  havePodsWithRequiredAntiAffinity(): Iterable<NodeInfo>;
  /** Nodes with at least one pod whose affinity can score other pods (required affinity or preferred terms). */
  havePodsWithAffinity(): Iterable<NodeInfo>;
  /** How many nodes have an image (ImageLocality spread). */
  imageNodeCount(image: string): number;
  /**
   * How many nodes are cordoned, and how many have a NoSchedule or NoExecute taint (absent in
   * listers that do not keep count: then nothing may be assumed).
   */
  nodeFlagCounts?(): { unschedulable: number; hardTaints: number; softTaints: number };
  /**
   * The nodes with pods in namespace labelled key=value, each with how many such pods (terminating
   * ones included); may hold nodes without a Node object, which plugins skip.
   */
  nodesWithPodLabel(namespace: string, key: string, value: string): ReadonlyMap<NodeInfo, number> | undefined;
  /** For the nodes that have every key: per key, each value's number of nodes (topology domains). */
  topologyDomains(keys: readonly string[]): Map<string, number>[];
  /**
   * Optional (absent in test listers): the value of label key on each node by slot, as an index
   * into values, or -1 where the node lacks the label. Valid until the nodes or their labels change.
   */
  slotDomains?(key: string): { ids: Int32Array; values: string[] };
  /**
   * Pods in namespace matching selector (terminating ones only with includeTerminating), summed
   * by the value of topologyKey (undefined for nodes without it) over the nodes with every
   * requiredKey. Kept up to date as pods come and go: read it within one cycle, do not keep it.
   */
  spreadCounts(
    namespace: string,
    selector: LabelSelector,
    topologyKey: string,
    requiredKeys: readonly string[],
    includeTerminating?: boolean,
  ): ReadonlyMap<string | undefined, number>;
  /** Existing pods' required anti-affinity terms, equal terms grouped, counted by topology value. */
  antiAffinityGroups(): Iterable<AntiAffinityGroup>;
}

/** Equal required anti-affinity terms of existing pods: how many pods have one, by topology value. */
export interface AntiAffinityGroup {
  term: AffinityTerm;
  counts: Map<string, number>;
}

/** What plugins may use of the scheduler (framework.Handle). */
export interface Handle {
  readonly cluster: Cluster;
  readonly schedulerName: string;
  readonly snapshot: NodeInfoLister;
  /** Labels of a namespace (for namespaceSelector). */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** Bumped whenever namespace labels change (keys of cached namespaceSelector matches). */
  namespaceEpoch?(): number;
  /** Pods nominated to a node that are not yet bound. */
  nominatedPodsForNode(nodeName: string): PodInfo[];
  /** Runs the Filter plugins on a node (preemption's dry run). */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): MaybeStatus;
  /** The profile's Filter plugins, in order (absent in tests that run a plugin alone). */
  filterPlugins?(): readonly FilterPlugin[];
  /** Tells PreFilter state a pod was added to nodeInfo. */
  runPreFilterExtensionAddPod(
    state: CycleState,
    pod: PodInfo,
    toAdd: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus;
  /** Tells PreFilter state a pod was removed from nodeInfo. */
  runPreFilterExtensionRemovePod(
    state: CycleState,
    pod: PodInfo,
    toRemove: PodInfo,
    nodeInfo: NodeInfo,
  ): MaybeStatus;
  /** Records an event as this scheduler. */
  event(obj: KubeObject, type: "Normal" | "Warning", reason: string, action: string, message: string): void;
}

/** Builds a plugin from its args (pluginConfig) and the handle. */
export type PluginFactory = (args: Record<string, unknown> | undefined, handle: Handle) => Plugin;
