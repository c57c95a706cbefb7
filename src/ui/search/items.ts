/**
 * What the search covers, read from the replica: pods, nodes and workloads, and where each lives
 * on the canvas (a pod's node; a workload's pods). Pure functions of the store's state.
 */
import type { Node, Pod } from "../../engine/api/kinds";
import type { KubeObject, OwnerReference } from "../../engine/api/types";
import { nodeIsReady } from "../model/node";
import { podStatus } from "../model/pod";
import type { SearchItem } from "./rank";

/** The kinds besides Pod and Node that the search lists. */
export const WORKLOAD_KINDS = [
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "Service",
] as const;

/** The parts of the replica the search reads. */
export interface SearchSource {
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
  others: Record<string, Record<string, KubeObject>>;
}

/** Owner links followed at most (chains are short: Pod → ReplicaSet → Deployment). */
const MAX_DEPTH = 6;

/** Every searchable object in the replica. */
export function searchItems(src: SearchSource): SearchItem[] {
  const out: SearchItem[] = [];
  for (const name of Object.keys(src.nodes)) out.push({ kind: "Node", name, namespace: "", key: name });
  for (const [key, pod] of Object.entries(src.pods))
    out.push({ kind: "Pod", name: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "", key });
  for (const kind of WORKLOAD_KINDS)
    for (const [key, obj] of Object.entries(src.others[kind] ?? {}))
      out.push({ kind, name: obj.metadata.name ?? "", namespace: obj.metadata.namespace ?? "", key });
  return out;
}

function controllerOf(refs: OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/** Whether the pod's controller chain (as far as the replica knows it) reaches kind/name. */
export function ownedBy(pod: Pod, kind: string, name: string, src: SearchSource): boolean {
  const ns = pod.metadata.namespace ?? "";
  let ref = controllerOf(pod.metadata.ownerReferences);
  for (let depth = 0; ref && depth < MAX_DEPTH; depth++) {
    if (ref.kind === kind && ref.name === name) return true;
    const owner = src.others[ref.kind]?.[`${ns}/${ref.name}`];
    ref = controllerOf(owner?.metadata.ownerReferences);
  }
  return false;
}

function selects(service: KubeObject, pod: Pod): boolean {
  const selector = service.spec?.selector as Record<string, string> | undefined;
  if (!selector || Object.keys(selector).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * The pods an item stands for, by key in natural order: a pod itself; a node's pods; a workload's
 * pods (through its controller chain); a Service's selected pods.
 */
export function podsOf(item: SearchItem, src: SearchSource): string[] {
  if (item.kind === "Pod") return src.pods[item.key] ? [item.key] : [];
  const keys: string[] = [];
  for (const [key, pod] of Object.entries(src.pods)) {
    if (item.kind === "Node") {
      if (pod.spec?.nodeName === item.name) keys.push(key);
      continue;
    }
    if ((pod.metadata.namespace ?? "") !== item.namespace) continue;
    if (item.kind === "Service") {
      const svc = src.others.Service?.[item.key];
      if (svc && selects(svc, pod)) keys.push(key);
    } else if (ownedBy(pod, item.kind, item.name, src)) keys.push(key);
  }
  return keys.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** A short line under a result: where a pod runs and its status, a node's state, a workload's namespace. */
export function detailOf(item: SearchItem, src: SearchSource): string {
  if (item.kind === "Pod") {
    const pod = src.pods[item.key];
    if (!pod) return item.namespace;
    return `${item.namespace} · ${pod.spec?.nodeName ?? "not scheduled"} · ${podStatus(pod)}`;
  }
  if (item.kind === "Node") {
    const node = src.nodes[item.key];
    if (!node) return "";
    return `${nodeIsReady(node) ? "Ready" : "NotReady"}${node.spec?.unschedulable ? ", SchedulingDisabled" : ""}`;
  }
  return item.namespace;
}
