/**
 * The canvas's edges, as pure data: what a pod's scheduling constraints point at. nodeSelector and
 * node affinity point at the nodes they select (required solid, preferred dashed with its weight),
 * pod affinity and anti-affinity at the pods they attract or repel (labelled with the
 * topologyKey), tolerations at the tainted nodes they tolerate. The matching rules are the API's
 * own helpers, so an edge means what the scheduler would read.
 */
import type {
  PodAffinity,
  PodAffinityTerm,
  PodAntiAffinity,
  Taint,
  Toleration,
} from "kubernetes-types/core/v1";
import { matchNodeSelectorTerm } from "../../engine/api/helpers/nodeaffinity";
import { toleratesTaint } from "../../engine/api/helpers/taints";
import type { Node, Pod } from "../../engine/api/kinds";
import { matchesLabelSelector } from "../../engine/api/selectors";

/** The kinds of edge the legend toggles. */
export type EdgeKind = "node-affinity" | "pod-affinity" | "pod-anti-affinity" | "toleration";

/** All edge kinds, in legend order. */
export const EDGE_KINDS: readonly EdgeKind[] = [
  "node-affinity",
  "pod-affinity",
  "pod-anti-affinity",
  "toleration",
];

/** One edge from a pod to a node or another pod. */
export interface PodEdge {
  id: string;
  kind: EdgeKind;
  /** Source pod key ("ns/name"). */
  pod: string;
  /** Target: a node name or a pod key. */
  target: { node: string } | { pod: string };
  /** Required (hard) or preferred (soft) constraint. */
  required: boolean;
  /** The preferred term's weight. */
  weight?: number;
  /** Short text drawn on the edge: topologyKey, weight, taint. */
  label?: string;
}

/** What the edge functions read from the replica. */
export interface EdgeInput {
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
}

function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? "default"}/${p.metadata.name ?? ""}`;
}

function matchesNodeSelectorMap(sel: Record<string, string>, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  return true;
}

/** A DaemonSet pod's matchFields pin on metadata.name: its own node, not worth an edge. */
function isNamePin(terms: readonly { matchFields?: unknown[]; matchExpressions?: unknown[] }[]): boolean {
  return (
    terms.length > 0 && terms.every((t) => (t.matchFields?.length ?? 0) > 0 && !t.matchExpressions?.length)
  );
}

/** Edges from a pod to the nodes its nodeSelector and node affinity select. */
export function nodeAffinityEdges(key: string, pod: Pod, nodes: Record<string, Node>): PodEdge[] {
  const out: PodEdge[] = [];
  const sel = pod.spec?.nodeSelector;
  const na = pod.spec?.affinity?.nodeAffinity;
  const reqTerms = na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const hasRequired = (sel && Object.keys(sel).length > 0) || (reqTerms.length > 0 && !isNamePin(reqTerms));
  const preferred = na?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  for (const [name, node] of Object.entries(nodes)) {
    if (hasRequired) {
      const ok =
        (!sel || matchesNodeSelectorMap(sel, node)) &&
        (reqTerms.length === 0 || reqTerms.some((t) => matchNodeSelectorTerm(t, node)));
      if (ok)
        out.push({
          id: `na:${key}>${name}`,
          kind: "node-affinity",
          pod: key,
          target: { node: name },
          required: true,
        });
    }
    preferred.forEach((p, i) => {
      if (matchNodeSelectorTerm(p.preference, node))
        out.push({
          id: `nap${i}:${key}>${name}`,
          kind: "node-affinity",
          pod: key,
          target: { node: name },
          required: false,
          weight: p.weight,
          label: `weight ${p.weight}`,
        });
    });
  }
  return out;
}

/** Whether a toleration is specific to a taint (not the catch-all `operator: Exists` with no key). */
function specific(t: Toleration): boolean {
  return !!t.key;
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/** Edges from a pod to each tainted node whose taints its own (keyed) tolerations tolerate. */
export function tolerationEdges(key: string, pod: Pod, nodes: Record<string, Node>): PodEdge[] {
  const tols = (pod.spec?.tolerations ?? []).filter(specific);
  if (tols.length === 0) return [];
  const out: PodEdge[] = [];
  for (const [name, node] of Object.entries(nodes)) {
    const taint = (node.spec?.taints ?? []).find((t) => tols.some((tol) => toleratesTaint(tol, t)));
    if (taint)
      out.push({
        id: `tol:${key}>${name}`,
        kind: "toleration",
        pod: key,
        target: { node: name },
        required: true,
        label: taintText(taint),
      });
  }
  return out;
}

function termTargets(term: PodAffinityTerm, pod: Pod, pods: Record<string, Pod>, self: string): string[] {
  const nss = term.namespaces?.length ? term.namespaces : [pod.metadata.namespace ?? "default"];
  const out: string[] = [];
  if (!term.labelSelector) return out;
  for (const [k, other] of Object.entries(pods)) {
    if (k === self) continue;
    if (!term.namespaceSelector && !nss.includes(other.metadata.namespace ?? "default")) continue;
    if (matchesLabelSelector(term.labelSelector, other.metadata.labels)) out.push(k);
  }
  return out;
}

/** Edges from a pod to the pods its pod affinity attracts and its anti-affinity repels. */
export function podAffinityEdges(key: string, pod: Pod, pods: Record<string, Pod>): PodEdge[] {
  const out: PodEdge[] = [];
  const a = pod.spec?.affinity;
  const groups: [EdgeKind, PodAffinity | PodAntiAffinity | undefined][] = [
    ["pod-affinity", a?.podAffinity],
    ["pod-anti-affinity", a?.podAntiAffinity],
  ];
  for (const [kind, spec] of groups) {
    const tag = kind === "pod-affinity" ? "pa" : "paa";
    (spec?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      for (const t of termTargets(term, pod, pods, key))
        out.push({
          id: `${tag}${i}:${key}>${t}`,
          kind,
          pod: key,
          target: { pod: t },
          required: true,
          label: term.topologyKey,
        });
    });
    (spec?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
      for (const t of termTargets(w.podAffinityTerm, pod, pods, key))
        out.push({
          id: `${tag}p${i}:${key}>${t}`,
          kind,
          pod: key,
          target: { pod: t },
          required: false,
          weight: w.weight,
          label: `${w.podAffinityTerm.topologyKey} · ${w.weight}`,
        });
    });
  }
  return out;
}

/** Every edge of the given pods, restricted to the enabled kinds. */
export function edgesFor(
  podKeys: readonly string[],
  input: EdgeInput,
  enabled: ReadonlySet<EdgeKind>,
): PodEdge[] {
  const out: PodEdge[] = [];
  for (const key of podKeys) {
    const pod = input.pods[key];
    if (!pod) continue;
    if (enabled.has("node-affinity")) out.push(...nodeAffinityEdges(key, pod, input.nodes));
    if (enabled.has("pod-affinity") || enabled.has("pod-anti-affinity"))
      out.push(...podAffinityEdges(key, pod, input.pods).filter((e) => enabled.has(e.kind)));
    if (enabled.has("toleration")) out.push(...tolerationEdges(key, pod, input.nodes));
  }
  return out;
}

/** Whether a pod has any constraint that draws an edge (used to pick pods for "all pods" mode). */
export function hasEdgeSources(pod: Pod): boolean {
  const s = pod.spec;
  if (!s) return false;
  const a = s.affinity;
  const na = a?.nodeAffinity;
  return (
    (!!s.nodeSelector && Object.keys(s.nodeSelector).length > 0) ||
    (!!na?.requiredDuringSchedulingIgnoredDuringExecution &&
      !isNamePin(na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms ?? [])) ||
    !!na?.preferredDuringSchedulingIgnoredDuringExecution?.length ||
    !!a?.podAffinity ||
    !!a?.podAntiAffinity ||
    (s.tolerations ?? []).some(specific)
  );
}

/**
 * The group a pod belongs to for the owner outline: its DaemonSet, or the Deployment behind its
 * ReplicaSet (a ReplicaSet named `<deployment>-<pod-template-hash>`), or its other owner.
 */
export function ownerGroupOf(pod: Pod): string | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!ref) return undefined;
  const ns = pod.metadata.namespace ?? "default";
  const hash = pod.metadata.labels?.["pod-template-hash"];
  if (ref.kind === "ReplicaSet" && hash && ref.name.endsWith(`-${hash}`))
    return `Deployment/${ns}/${ref.name.slice(0, -hash.length - 1)}`;
  return `${ref.kind}/${ns}/${ref.name}`;
}

export { podKey as podKeyOf };
