/**
 * Why a pod is Pending, node by node, down to the label, taint, resource or pod that decided, with
 * the fixes that would make it schedulable there. The verdicts and the check of every fix are the
 * scheduler's own: its profile's PreFilter and Filter plugins run on the node as it is, and on the
 * node (or pod) as the fix would leave it.
 *
 * Limits: nominated pods are not added (as Filter does during preemption), and a fix that changes
 * a node's labels is checked against the topology counts of the cluster as it is.
 */
import type { Pod } from "../../api/kinds";
import type { KubeObject } from "../../api/types";
import { CycleState } from "../framework/cycle-state";
import type { PreFilterResult } from "../framework/interface";
import type { Framework } from "../framework/runtime";
import { Code, isSuccess } from "../framework/status";
import { type NodeInfo, newPodInfo, type PodInfo } from "../framework/types";
import * as names from "../plugins/names";
import {
  applyToNode,
  applyToPod,
  changesPod,
  combinations,
  type Fix,
  type FixTarget,
  type Step,
  toFix,
} from "./fixes";
import { type NamespaceLabels, type Obstacle, obstaclesFor } from "./obstacles";

/** What keeps the pod off one node, and what would let it on. */
export interface NodeWhy {
  node: string;
  /** Empty when the node fits the pod now (the scheduler will place it on its next attempt). */
  obstacles: { plugin: string; text: string }[];
  /** Only fixes the scheduler's filters accept; none when no command here makes the node fit. */
  fixes: Fix[];
}

/** The answer for one pod. */
export interface WhyPending {
  /** The workload whose template made the pod (the target of edit and set resources). */
  target?: FixTarget;
  /** Why PreFilter turned the pod away before any node was looked at. */
  preFilter?: string;
  nodes: NodeWhy[];
}

/** Reads an object from the API (kind, namespace, name). */
export type Getter = (kind: string, namespace: string | undefined, name: string) => KubeObject | undefined;

/** kubectl's resource name of the kinds whose template a fix may change. */
const TEMPLATE_KINDS: Record<string, string> = {
  Deployment: "deployment",
  StatefulSet: "statefulset",
  DaemonSet: "daemonset",
  ReplicaSet: "replicaset",
  ReplicationController: "replicationcontroller",
};

function controllerRef(obj: KubeObject) {
  const refs = obj.metadata.ownerReferences;
  return refs?.find((r) => r.controller) ?? undefined;
}

/**
 * The workload whose pod template made the pod: a Deployment over its ReplicaSet, a StatefulSet,
 * DaemonSet or bare ReplicaSet; the pod itself when nothing owns it. Undefined for pods owned
 * otherwise (a Job's template cannot change; a mirror pod belongs to its node).
 */
export function fixTarget(pod: Pod, get: Getter): FixTarget | undefined {
  const ns = pod.metadata.namespace ?? "default";
  const ref = controllerRef(pod);
  if (!ref) return { resource: "pod", name: pod.metadata.name as string, namespace: ns };
  if (ref.kind === "ReplicaSet") {
    const rs = get("ReplicaSet", ns, ref.name);
    const up = rs && controllerRef(rs);
    if (up?.kind === "Deployment") return { resource: "deployment", name: up.name, namespace: ns };
    if (up) return undefined;
  }
  const resource = TEMPLATE_KINDS[ref.kind];
  return resource ? { resource, name: ref.name, namespace: ns } : undefined;
}

interface Cycle {
  state: CycleState;
  p: PodInfo;
  result?: PreFilterResult;
  /** PreFilter's rejection, when it turned the pod away. */
  rejected?: string;
}

function preFilter(fwk: Framework, pod: Pod, nodes: NodeInfo[]): Cycle {
  const p = newPodInfo(pod);
  const state = new CycleState();
  const pre = fwk.runPreFilterPlugins(state, p, nodes);
  if (!isSuccess(pre.status)) return { state, p, rejected: pre.status?.message() ?? "rejected" };
  return { state, p, result: pre.result };
}

/** The plugins that refuse the node in this cycle, with their reasons. */
function refusals(fwk: Framework, c: Cycle, ni: NodeInfo): { plugin: string; reasons: string[] }[] {
  if (c.rejected) return [{ plugin: "PreFilter", reasons: [c.rejected] }];
  if (c.result?.nodeNames && !c.result.nodeNames.has(ni.name))
    return [{ plugin: names.NodeAffinity, reasons: ["pod is pinned to another node"] }];
  const out: { plugin: string; reasons: string[] }[] = [];
  for (const { plugin, status } of fwk.runAllFilterPlugins(c.state, c.p, ni))
    if (status && status.code !== Code.Skip && !isSuccess(status))
      out.push({ plugin, reasons: status.reasons });
  return out;
}

/**
 * Why the pod does not fit each node (at most `limit` nodes, those that refuse it first), with
 * the fixes that the scheduler's filters accept.
 *
 * @example whyPending(fwk, cache.list(), (k, ns, n) => api.get(k, ns, n), pod, nsLabels)
 */
export function whyPending(
  fwk: Framework,
  nodes: NodeInfo[],
  get: Getter,
  pod: Pod,
  nsLabels: NamespaceLabels,
  limit = 100,
): WhyPending {
  const target = fixTarget(pod, get);
  const base = preFilter(fwk, pod, nodes);
  if (base.rejected) return { target, preFilter: base.rejected, nodes: [] };
  // Pods changed by a fix run PreFilter again; fixes that change the pod alike share it.
  const cycles = new Map<string, Cycle>();
  const cycleFor = (steps: readonly Step[]): Cycle => {
    if (!changesPod(steps)) return base;
    const key = JSON.stringify(steps.filter((s) => s.kind === "tolerate" || s.kind === "requests"));
    let c = cycles.get(key);
    if (!c) {
      c = preFilter(fwk, applyToPod(pod, steps), nodes);
      cycles.set(key, c);
    }
    return c;
  };
  const fitting: NodeWhy[] = [];
  const refused: NodeWhy[] = [];
  for (const ni of nodes) {
    if (refused.length >= limit) break;
    const node = ni.node;
    if (!node) continue;
    const found = refusals(fwk, base, ni);
    if (found.length === 0) {
      fitting.push({ node: ni.name, obstacles: [], fixes: [] });
      continue;
    }
    const obstacles: Obstacle[] = found.flatMap((r) =>
      obstaclesFor(r.plugin, r.reasons, base.p, ni, nodes, nsLabels),
    );
    const fixes: Fix[] = [];
    for (const steps of combinations(obstacles, node, pod, target)) {
      const c = cycleFor(steps);
      const after = ni.clone();
      after.setNode(applyToNode(node, steps));
      if (refusals(fwk, c, after).length === 0) fixes.push(toFix(steps, target, node));
    }
    // Two terms may name the same pod or label: each sentence once.
    const said = new Set<string>();
    const unique = obstacles.filter((o) => !said.has(o.text) && said.add(o.text));
    refused.push({
      node: ni.name,
      obstacles: unique.map((o) => ({ plugin: o.plugin, text: o.text })),
      fixes,
    });
  }
  return { target, nodes: [...refused, ...fitting.slice(0, Math.max(0, limit - refused.length))] };
}
