/**
 * The replica of the API objects, updated only from the worker's snapshot and deltas, with the
 * indexes the canvas reads: pods by node, node order, FailedScheduling reasons by pod.
 */
import type { StateCreator } from "zustand";
import type { Node, Pod } from "../../engine/api/kinds";
import type { KubeObject } from "../../engine/api/types";
import type { Delta } from "../../worker/protocol";
import type { AppState } from "./index";

/** "namespace/name" (or "name" for cluster-scoped objects). */
export function nsName(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : (obj.metadata.name ?? "");
}

/** The pending lane's index key: pods with no node. */
export const UNSCHEDULED = "";

export interface ObjectsSlice {
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
  /** Pod keys ("ns/name") by spec.nodeName ("" for unscheduled pods), sorted. */
  podsByNode: Record<string, string[]>;
  /** Node names in display order: control plane first, then by name. */
  nodeOrder: string[];
  /** The newest FailedScheduling message for each pod key. */
  schedulingReasons: Record<string, string>;
  /** Every other kind, by kind then key. */
  others: Record<string, Record<string, KubeObject>>;
  /** Replaces the replica with a snapshot. */
  loadSnapshot(objects: KubeObject[]): void;
  /** Applies a batch of watch events. */
  applyDeltas(deltas: Delta[]): void;
}

function isControlPlane(n: Node): boolean {
  const l = n.metadata.labels ?? {};
  return "node-role.kubernetes.io/control-plane" in l || "node-role.kubernetes.io/master" in l;
}

function orderNodes(nodes: Record<string, Node>): string[] {
  return Object.values(nodes)
    .sort((a, b) => {
      const cp = Number(isControlPlane(b)) - Number(isControlPlane(a));
      if (cp) return cp;
      return (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "", undefined, { numeric: true });
    })
    .map((n) => n.metadata.name ?? "");
}

/** The previous array when the next one has the same items, so subscribers do not re-render. */
function sameOr(prev: string[], next: string[]): string[] {
  return prev.length === next.length && prev.every((x, i) => x === next[i]) ? prev : next;
}

function eventTime(e: KubeObject): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? "";
}

interface Draft {
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
  podsByNode: Record<string, string[]>;
  schedulingReasons: Record<string, string>;
  reasonTimes: Map<string, string>;
  others: Record<string, Record<string, KubeObject>>;
  nodesChanged: boolean;
  touchedNodes: Set<string>;
}

const reasonTimes = new Map<string, string>();

function applyOne(d: Draft, type: Delta["type"], obj: KubeObject): void {
  const key = nsName(obj);
  if (obj.kind === "Node") {
    if (type === "DELETED") delete d.nodes[key];
    else d.nodes[key] = obj as Node;
    d.nodesChanged = true;
    return;
  }
  if (obj.kind === "Pod") {
    const old = d.pods[key];
    const oldNode = old?.spec?.nodeName ?? UNSCHEDULED;
    if (old) {
      d.touchedNodes.add(oldNode);
    }
    if (type === "DELETED") {
      delete d.pods[key];
      delete d.schedulingReasons[key];
    } else {
      d.pods[key] = obj as Pod;
      d.touchedNodes.add(obj.spec?.nodeName ?? UNSCHEDULED);
    }
    return;
  }
  if (obj.kind === "Event" && obj.reason === "FailedScheduling" && obj.involvedObject?.kind === "Pod") {
    const podKey = `${obj.involvedObject.namespace}/${obj.involvedObject.name}`;
    const t = eventTime(obj);
    if (type !== "DELETED" && t >= (d.reasonTimes.get(podKey) ?? "")) {
      d.reasonTimes.set(podKey, t);
      d.schedulingReasons[podKey] = obj.message ?? "";
    }
  }
  const bucket = d.others[obj.kind] ?? {};
  if (type === "DELETED") delete bucket[key];
  else bucket[key] = obj;
  d.others[obj.kind] = bucket;
}

function reindex(d: Draft): void {
  const byNode = new Map<string, string[]>();
  for (const n of d.touchedNodes) byNode.set(n, []);
  for (const [key, pod] of Object.entries(d.pods)) {
    const list = byNode.get(pod.spec?.nodeName ?? UNSCHEDULED);
    if (list) list.push(key);
  }
  for (const [n, list] of byNode) d.podsByNode[n] = sameOr(d.podsByNode[n] ?? [], list.sort());
}

export const createObjectsSlice: StateCreator<AppState, [], [], ObjectsSlice> = (set, get) => ({
  nodes: {},
  pods: {},
  podsByNode: {},
  nodeOrder: [],
  schedulingReasons: {},
  others: {},
  loadSnapshot(objects) {
    reasonTimes.clear();
    const d: Draft = {
      nodes: {},
      pods: {},
      podsByNode: {},
      schedulingReasons: {},
      reasonTimes,
      others: {},
      nodesChanged: true,
      touchedNodes: new Set([UNSCHEDULED]),
    };
    for (const obj of objects) applyOne(d, "ADDED", obj);
    reindex(d);
    set({
      nodes: d.nodes,
      pods: d.pods,
      podsByNode: d.podsByNode,
      schedulingReasons: d.schedulingReasons,
      others: d.others,
      nodeOrder: orderNodes(d.nodes),
    });
  },
  applyDeltas(deltas) {
    const s = get();
    const d: Draft = {
      nodes: { ...s.nodes },
      pods: { ...s.pods },
      podsByNode: { ...s.podsByNode },
      schedulingReasons: { ...s.schedulingReasons },
      reasonTimes,
      others: { ...s.others },
      nodesChanged: false,
      touchedNodes: new Set(),
    };
    const copiedKinds = new Set<string>();
    for (const { type, object } of deltas) {
      if (object.kind !== "Node" && object.kind !== "Pod" && !copiedKinds.has(object.kind)) {
        copiedKinds.add(object.kind);
        d.others[object.kind] = { ...(d.others[object.kind] ?? {}) };
      }
      applyOne(d, type, object);
    }
    reindex(d);
    set({
      nodes: d.nodesChanged ? d.nodes : s.nodes,
      pods: d.pods,
      podsByNode: d.touchedNodes.size ? d.podsByNode : s.podsByNode,
      schedulingReasons: d.schedulingReasons,
      others: copiedKinds.size ? d.others : s.others,
      nodeOrder: d.nodesChanged ? sameOr(s.nodeOrder, orderNodes(d.nodes)) : s.nodeOrder,
    });
  },
});
