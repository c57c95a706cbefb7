/**
 * The pending lane's model: pods grouped by the workload a person recognises (the top owner:
 * the Deployment over its ReplicaSet, the CronJob over its Job), and the FailedScheduling message
 * cut so its decisive part (the reasons, most nodes first) comes before the prefix.
 */
import type { Pod } from "../../engine/api/kinds";
import type { KubeObject, OwnerReference } from "../../engine/api/types";

/** Owner links followed at most. */
const MAX_DEPTH = 6;

/** A workload by kind, name and namespace. */
export interface OwnerId {
  kind: string;
  name: string;
  namespace: string;
}

/** Pending pods of one owner. */
export interface PendingGroup {
  /** "Deployment/web" (with "namespace/" first outside default): the lane's data-owner. */
  id: string;
  owner: OwnerId;
  keys: string[];
}

function controllerOf(refs: OwnerReference[] | undefined): OwnerReference | undefined {
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/**
 * The top owner of a pod, as far as the replica knows the owners: the pod itself when nothing owns
 * it. `others` holds objects by kind then "namespace/name".
 */
export function topOwner(pod: Pod, others: Record<string, Record<string, KubeObject>>): OwnerId {
  const namespace = pod.metadata.namespace ?? "default";
  let owner: OwnerId = { kind: "Pod", name: pod.metadata.name ?? "", namespace };
  let ref = controllerOf(pod.metadata.ownerReferences);
  for (let depth = 0; ref && depth < MAX_DEPTH; depth++) {
    owner = { kind: ref.kind, name: ref.name, namespace };
    const obj = others[ref.kind]?.[`${namespace}/${ref.name}`];
    ref = controllerOf(obj?.metadata.ownerReferences);
  }
  return owner;
}

/** The lane's id of an owner: "Deployment/web", or "team-a/Deployment/web" outside default. */
export function ownerId(o: OwnerId): string {
  return `${o.namespace === "default" ? "" : `${o.namespace}/`}${o.kind}/${o.name}`;
}

/** Pending pods grouped by top owner, the biggest group first. */
export function groupPending(
  keys: readonly string[],
  pods: Record<string, Pod>,
  others: Record<string, Record<string, KubeObject>>,
): PendingGroup[] {
  const groups = new Map<string, PendingGroup>();
  for (const k of keys) {
    const pod = pods[k];
    if (!pod) continue;
    const owner = topOwner(pod, others);
    const id = ownerId(owner);
    let g = groups.get(id);
    if (!g) {
      g = { id, owner, keys: [] };
      groups.set(id, g);
    }
    g.keys.push(k);
  }
  return [...groups.values()].sort((a, b) => b.keys.length - a.keys.length || a.id.localeCompare(b.id));
}

/** A FailedScheduling message cut into its parts. */
export interface DecisiveReason {
  /** "0/3 nodes are available" (or the whole message when it has no reasons to sort). */
  prefix: string;
  /** The reasons, most nodes first ("2 Insufficient cpu", "1 node(s) had untolerated taint {...}"). */
  reasons: string[];
  /** What preemption said, without its own prefix. */
  preemption?: string;
}

/**
 * The decisive part of a FailedScheduling message (framework.FitError.Error): its reasons sorted
 * by how many nodes gave them, the prefix and the preemption note apart.
 *
 * @example decisiveReason("0/3 nodes are available: 1 node(s) had untolerated taint {a: }, 2 Insufficient cpu. preemption: ...")
 *   // { prefix: "0/3 nodes are available", reasons: ["2 Insufficient cpu", "1 node(s) had untolerated taint {a: }"], ... }
 */
export function decisiveReason(message: string): DecisiveReason {
  const m = /^(\d+\/\d+ nodes are available): (.*?)(?:\s*preemption: (.*))?$/s.exec(message.trim());
  if (!m) return { prefix: message, reasons: [] };
  const body = (m[2] as string).replace(/\.$/, "");
  const reasons = body
    .split(/, (?=\d+ )/)
    .map((r, i) => ({ r: r.trim(), i, n: Number.parseInt(r, 10) }))
    .filter((x) => x.r)
    .sort((a, b) => (Number.isNaN(a.n) || Number.isNaN(b.n) ? a.i - b.i : b.n - a.n || a.i - b.i))
    .map((x) => x.r);
  const preemption = m[3]?.replace(/^\d+\/\d+ nodes are available: /, "").replace(/\.$/, "");
  return preemption ? { prefix: m[1] as string, reasons, preemption } : { prefix: m[1] as string, reasons };
}
