/**
 * Builders for the PodTopologySpread tables, shaped like upstream's st.MakeNode / st.MakePod /
 * PodWrapper.SpreadConstraint so each ported case reads like its Go original.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { Node, Pod } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import type { Handle } from "../../framework/interface";
import { makeHandle, makeNode, makeNodeInfo, makePod } from "../../framework/testing";
import type { NodeInfo } from "../../framework/types";
import type { RawConstraint } from "./pod-topology-spread";

export const fooSelector: LabelSelector = { matchExpressions: [{ key: "foo", operator: "Exists" }] };
export const barSelector: LabelSelector = { matchExpressions: [{ key: "bar", operator: "Exists" }] };
/** st.MakeLabelSelector().Label(k, v)... as a selector of matchLabels. */
export const labelSelector = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels });

/** The taint the upstream tables put on nodes (v1.TaintNodeUnschedulable, NoSchedule). */
export const taints = [{ key: "node.kubernetes.io/unschedulable", value: "", effect: "NoSchedule" }];
/** st.PodWrapper.Toleration(v1.TaintNodeUnschedulable). */
export const tolerateUnschedulable = [
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

export const LABEL_HOSTNAME = "kubernetes.io/hostname";
export const LABEL_ZONE = "topology.kubernetes.io/zone";

/** st.MakeNode().Name(name).Label(...).Taints(...). */
export function node(name: string, labels: Record<string, string>, nodeTaints?: unknown[]): Node {
  return makeNode(name, { labels, taints: nodeTaints });
}

/** st.MakePod().Name(name).Node(nodeName).Label(...), optionally .Namespace(ns) or .Terminating(). */
export function pod(
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  opts: { namespace?: string; terminating?: boolean } = {},
): Pod {
  const meta: Record<string, unknown> = { labels };
  if (opts.namespace) meta.namespace = opts.namespace;
  if (opts.terminating) meta.deletionTimestamp = "2024-01-01T00:00:00Z";
  return makePod(name, { nodeName }, meta);
}

/**
 * PodWrapper.SpreadConstraint(maxSkew, key, when, selector, minDomains, nodeAffinityPolicy,
 * nodeTaintsPolicy, matchLabelKeys); a null selector is a nil LabelSelector.
 */
export function spread(
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: RawConstraint["whenUnsatisfiable"],
  selector: LabelSelector | null,
  opts: Pick<RawConstraint, "minDomains" | "nodeAffinityPolicy" | "nodeTaintsPolicy" | "matchLabelKeys"> = {},
): RawConstraint {
  const c: RawConstraint = { maxSkew, topologyKey, whenUnsatisfiable, ...opts };
  if (selector) c.labelSelector = selector;
  return c;
}

/** The incoming pod "p": labels, spread constraints and any other spec fields. */
export function incoming(
  labels: Record<string, string>,
  constraints: RawConstraint[] = [],
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): Pod {
  const s = constraints.length ? { topologySpreadConstraints: constraints, ...spec } : spec;
  return makePod("p", s, { labels, ...meta });
}

const requiredAffinity = (operator: "In" | "NotIn", key: string, values: string[]) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key, operator, values }] }],
    },
  },
});
/** PodWrapper.NodeAffinityIn(key, values, NodeSelectorTypeMatchExpressions), as spec fields. */
export const nodeAffinityIn = (key: string, values: string[]) => ({
  affinity: requiredAffinity("In", key, values),
});
/** PodWrapper.NodeAffinityNotIn(key, values), as spec fields. */
export const nodeAffinityNotIn = (key: string, values: string[]) => ({
  affinity: requiredAffinity("NotIn", key, values),
});

/** A controller owner reference to a ReplicaSet (PodWrapper.OwnerReference). */
export const ownedByReplicaSet = (name: string) => ({
  ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name, uid: name, controller: true }],
});

/** cache.NewSnapshot(existingPods, nodes): one NodeInfo per node holding its pods. */
export function snapshot(nodes: Node[], pods: Pod[] = []): NodeInfo[] {
  return nodes.map((n) => makeNodeInfo(n, ...pods.filter((p) => p.spec?.nodeName === n.metadata.name)));
}

/** A handle over the snapshot whose API holds objs (Services, ReplicaSets) in namespace "default". */
export function handleWith(infos: NodeInfo[], objs: KubeObject[] = []): Handle {
  const h = makeHandle(infos);
  if (objs.length) {
    h.cluster.api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "default" },
    } as KubeObject);
    for (const o of objs) h.cluster.api.create(o);
  }
  return h;
}

/** A Service in "default" selecting labels. */
export function service(name: string, selector: Record<string, string>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { selector, ports: [{ port: 80 }] },
  } as KubeObject;
}

/** A ReplicaSet in "default" with a selector. */
export function replicaSet(name: string, selector: LabelSelector): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: {
      selector,
      replicas: 0,
      template: {
        metadata: { labels: templateLabels(selector) },
        spec: { containers: [{ name: "c", image: "x" }] },
      },
    },
  } as KubeObject;
}

/** Labels satisfying a selector of matchLabels and Exists/In expressions (a valid template). */
function templateLabels(selector: LabelSelector): Record<string, string> {
  const out: Record<string, string> = { ...(selector.matchLabels ?? {}) };
  for (const r of selector.matchExpressions ?? [])
    if (r.operator === "Exists") out[r.key] = "";
    else if (r.operator === "In") out[r.key] = r.values?.[0] ?? "";
  return out;
}
