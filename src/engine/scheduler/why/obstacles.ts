/**
 * What, on one node, a filter plugin refused: the label, taint, resource or pod behind the
 * plugin's summary reason ("node(s) didn't match Pod's node affinity/selector" becomes "missing
 * label disktype=ssd"). Pure: computed from the pod, the node and the scheduler's node infos with
 * the same helpers the plugins use.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from "kubernetes-types/core/v1";
import { matchNodeSelectorTerm } from "../../api/helpers/nodeaffinity";
import { doNotScheduleTaints, tolerationsTolerateTaint } from "../../api/helpers/taints";
import type { Node, Taint } from "../../api/kinds";
import { formatQuantity } from "../../apiserver/quantity";
import { TaintNodeUnschedulable } from "../../nodelifecycle/constants";
import { type AffinityTerm, type NodeInfo, type PodInfo, termMatches } from "../framework/types";
import * as names from "../plugins/names";

/** One thing on a node that keeps the pod off it, with the sentence that says so. */
export type Obstacle = { plugin: string; text: string } & (
  | { kind: "cordoned" }
  | { kind: "taint"; taint: Taint }
  | { kind: "label"; requirement: NodeSelectorRequirement; have?: string }
  | { kind: "affinityTerms"; terms: NodeSelectorTerm[] }
  | { kind: "resource"; resource: string; free: number; requested: number }
  | { kind: "tooManyPods"; used: number; capacity: number }
  | { kind: "antiAffinity"; pod: string; topologyKey: string; value: string; existing: boolean }
  | { kind: "affinity"; topologyKey: string; value?: string; selector: string }
  | { kind: "hostPort"; port: string; pod?: string }
  | { kind: "nodeName"; want: string }
  | { kind: "other"; reason: string }
);

/** "unschedulable (cordoned)". */
export const TextCordoned = "unschedulable (cordoned)";

/** Where a node's namespaces' labels come from (for namespaceSelector terms). */
export type NamespaceLabels = (ns: string) => Record<string, string> | undefined;

/** "key=value:Effect" or "key:Effect", as kubectl taint takes it. */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/** A topology key as a person says it: "zone" for topology.kubernetes.io/zone, "hostname" for kubernetes.io/hostname. */
export function topologyName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** What a requirement asks, in kubectl's selector words: `disktype=ssd`, `disktype in (ssd,nvme)`, `!gpu`, `cores>4`. */
export function requirementText(r: NodeSelectorRequirement): string {
  const v = r.values ?? [];
  switch (r.operator) {
    case "In":
      return v.length === 1 ? `${r.key}=${v[0]}` : `${r.key} in (${v.join(",")})`;
    case "NotIn":
      return v.length === 1 ? `${r.key}!=${v[0]}` : `${r.key} notin (${v.join(",")})`;
    case "Exists":
      return r.key;
    case "DoesNotExist":
      return `!${r.key}`;
    case "Gt":
      return `${r.key}>${v[0] ?? ""}`;
    case "Lt":
      return `${r.key}<${v[0] ?? ""}`;
    default:
      return `${r.key} ${r.operator}`;
  }
}

/** Whether one node selector requirement holds for the labels (the same test matchNodeSelectorTerm makes). */
function holds(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  return matchNodeSelectorTerm({ matchExpressions: [r] }, { metadata: { name: "", labels } } as Node);
}

/** The sentence for a requirement the node's labels fail. */
function labelText(r: NodeSelectorRequirement, have: string | undefined): string {
  if (have === undefined) {
    if (r.operator === "In" || r.operator === "Exists" || r.operator === "Gt" || r.operator === "Lt")
      return `missing label ${requirementText(r)}`;
  }
  const label = have ? `${r.key}=${have}` : r.key;
  if (r.operator === "DoesNotExist") return `has label ${label}, pod needs no ${r.key} label`;
  return `has label ${label}, pod needs ${requirementText(r)}`;
}

/** The failing requirements of one node selector term (matchFields metadata.name included). */
function failingRequirements(term: NodeSelectorTerm, node: Node): NodeSelectorRequirement[] {
  const labels = node.metadata.labels ?? {};
  const out = (term.matchExpressions ?? []).filter((r) => !holds(r, labels));
  for (const f of term.matchFields ?? []) {
    const name = node.metadata.name ?? "";
    const v = f.key === "metadata.name" ? name : "";
    if ((v === (f.values ?? [])[0]) !== (f.operator === "In")) out.push({ ...f, key: f.key });
  }
  return out;
}

/** NodeAffinity: which of the pod's nodeSelector labels and required node affinity terms the node fails. */
export function nodeAffinityObstacles(p: Pick<PodInfo, "pod">, node: Node): Obstacle[] {
  const plugin = names.NodeAffinity;
  const labels = node.metadata.labels ?? {};
  const out: Obstacle[] = [];
  for (const [key, want] of Object.entries(p.pod.spec?.nodeSelector ?? {})) {
    if (labels[key] === want) continue;
    const requirement: NodeSelectorRequirement = { key, operator: "In", values: [want] };
    const have = Object.hasOwn(labels, key) ? labels[key] : undefined;
    out.push({ plugin, kind: "label", requirement, have, text: labelText(requirement, have) });
  }
  const terms =
    p.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ??
    [];
  if (terms.length === 0 || terms.some((t) => matchNodeSelectorTerm(t, node))) return out;
  if (terms.length === 1) {
    for (const r of failingRequirements(terms[0] as NodeSelectorTerm, node)) {
      if (r.key === "metadata.name") {
        out.push({
          plugin,
          kind: "nodeName",
          want: (r.values ?? [])[0] ?? "",
          text: `pod is pinned to node ${(r.values ?? []).join(",")}`,
        });
        continue;
      }
      const have = Object.hasOwn(labels, r.key) ? labels[r.key] : undefined;
      out.push({ plugin, kind: "label", requirement: r, have, text: labelText(r, have) });
    }
    return out;
  }
  const each = terms.map(
    (t) => failingRequirements(t, node).map(requirementText).join(", ") || "(empty term)",
  );
  out.push({
    plugin,
    kind: "affinityTerms",
    terms,
    text: `matches none of ${terms.length} node affinity terms: ${each.join(" or ")}`,
  });
  return out;
}

/** TaintToleration: each NoSchedule/NoExecute taint the pod does not tolerate (the cordon's own taint is left to NodeUnschedulable). */
export function taintObstacles(p: Pick<PodInfo, "pod">, node: Node): Obstacle[] {
  const out: Obstacle[] = [];
  for (const taint of node.spec?.taints ?? []) {
    if (!doNotScheduleTaints(taint) || tolerationsTolerateTaint(p.pod.spec?.tolerations, taint)) continue;
    if (taint.key === TaintNodeUnschedulable && node.spec?.unschedulable) continue;
    out.push({
      plugin: names.TaintToleration,
      kind: "taint",
      taint,
      text: `untolerated taint ${taintString(taint)}`,
    });
  }
  return out;
}

/** A resource amount as the API writes it: cpu in cores or m, memory and storage in binary units when exact. */
export function resourceAmount(resource: string, value: number): string {
  if (resource === "cpu") return formatQuantity(value / 1000);
  if (resource === "memory" || resource === "ephemeral-storage") {
    if (value >= 1024 && value % 1024 !== 0) {
      const units: [string, number][] = [
        ["Gi", 2 ** 30],
        ["Mi", 2 ** 20],
        ["Ki", 2 ** 10],
      ];
      for (const [suffix, size] of units) if (value >= size) return `${Math.floor(value / size)}${suffix}`;
    }
    return formatQuantity(Math.max(0, value), "BinarySI");
  }
  return formatQuantity(value);
}

/** How a resource is named in a sentence: "CPU", "memory", "nvidia.com/gpu". */
function resourceWord(resource: string): string {
  return resource === "cpu" ? "CPU" : resource;
}

/** NodeResourcesFit: each resource the node has too little of, with what is free and what the pod asks. */
export function resourceObstacles(p: PodInfo, ni: NodeInfo): Obstacle[] {
  const plugin = names.NodeResourcesFit;
  const out: Obstacle[] = [];
  const a = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.size + 1 > a.allowedPodNumber)
    out.push({
      plugin,
      kind: "tooManyPods",
      used: ni.pods.size,
      capacity: a.allowedPodNumber,
      text: `full: ${ni.pods.size} of ${a.allowedPodNumber} pods`,
    });
  const r = p.requests;
  const check = (resource: string, requested: number, allocatable: number, inUse: number) => {
    if (requested <= 0 || requested <= allocatable - inUse) return;
    const free = Math.max(0, allocatable - inUse);
    out.push({
      plugin,
      kind: "resource",
      resource,
      free,
      requested,
      text: `${resourceAmount(resource, free)} ${resourceWord(resource)} free, pod requests ${resourceAmount(resource, requested)}`,
    });
  };
  check("cpu", r.milliCPU, a.milliCPU, used.milliCPU);
  check("memory", r.memory, a.memory, used.memory);
  check("ephemeral-storage", r.ephemeralStorage, a.ephemeralStorage, used.ephemeralStorage);
  for (const [name, q] of r.scalar) check(name, q, a.scalar.get(name) ?? 0, used.scalar.get(name) ?? 0);
  return out;
}

/** A label selector in kubectl's words (`app=db`, `tier in (a,b)`). */
export function selectorText(term: AffinityTerm): string {
  const s = term.selector;
  if (!s) return "<none>";
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? [])
    parts.push(requirementText({ key: e.key, operator: e.operator, values: e.values ?? [] }));
  return parts.join(",") || "everything";
}

/** The nodes in the same topology domain as this one (its topologyKey label's value). */
function sameDomain(nodes: readonly NodeInfo[], key: string, value: string): NodeInfo[] {
  return nodes.filter((n) => n.node?.metadata.labels?.[key] === value);
}

/**
 * InterPodAffinity: the pod (or pods) that decided. The incoming pod's anti-affinity names an
 * existing pod in the node's domain; an existing pod's anti-affinity names the incoming pod; or
 * no pod in the domain satisfies the incoming pod's affinity.
 */
export function interPodAffinityObstacles(
  p: PodInfo,
  ni: NodeInfo,
  nodes: readonly NodeInfo[],
  nsLabels: NamespaceLabels,
): Obstacle[] {
  const plugin = names.InterPodAffinity;
  const out: Obstacle[] = [];
  const labels = ni.node?.metadata.labels ?? {};
  for (const t of p.requiredAffinityTerms) {
    const v = labels[t.topologyKey];
    const selector = selectorText(t);
    if (v === undefined) {
      out.push({
        plugin,
        kind: "affinity",
        topologyKey: t.topologyKey,
        selector,
        text: `no ${t.topologyKey} label (pod affinity with ${selector} needs one)`,
      });
      continue;
    }
    const found = sameDomain(nodes, t.topologyKey, v).some((n) =>
      [...n.pods.values()].some((e) => termMatches(t, e, nsLabels(e.namespace))),
    );
    // A first pod of a group that matches its own affinity may go anywhere (satisfyPodAffinity).
    if (!found)
      out.push({
        plugin,
        kind: "affinity",
        topologyKey: t.topologyKey,
        value: v,
        selector,
        text: `no pod matching ${selector} on ${topologyName(t.topologyKey)} ${v} (pod affinity)`,
      });
  }
  for (const t of p.requiredAntiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v === undefined) continue;
    for (const n of sameDomain(nodes, t.topologyKey, v))
      for (const e of n.pods.values())
        if (e.key !== p.key && termMatches(t, e, nsLabels(e.namespace))) {
          out.push({
            plugin,
            kind: "antiAffinity",
            pod: e.key,
            topologyKey: t.topologyKey,
            value: v,
            existing: false,
            text: `anti-affinity with ${e.key} on ${topologyName(t.topologyKey)} ${v}`,
          });
          break;
        }
  }
  for (const n of nodes)
    for (const e of n.podsWithRequiredAntiAffinity) {
      for (const t of e.requiredAntiAffinityTerms) {
        const theirs = n.node?.metadata.labels?.[t.topologyKey];
        if (theirs === undefined || labels[t.topologyKey] !== theirs) continue;
        if (!termMatches(t, p, nsLabels(p.namespace))) continue;
        out.push({
          plugin,
          kind: "antiAffinity",
          pod: e.key,
          topologyKey: t.topologyKey,
          value: theirs,
          existing: true,
          text: `${e.key}'s anti-affinity keeps it off ${topologyName(t.topologyKey)} ${theirs}`,
        });
        break;
      }
    }
  return out;
}

/** NodePorts: each host port the pod asks for that a pod on the node already holds. */
export function hostPortObstacles(p: PodInfo, ni: NodeInfo): Obstacle[] {
  const out: Obstacle[] = [];
  for (const want of p.ports) {
    const port = `${want.port}/${want.protocol}`;
    for (const e of ni.pods.values()) {
      const clash = e.ports.some(
        (h) =>
          h.port === want.port &&
          h.protocol === want.protocol &&
          (h.ip === want.ip || h.ip === "0.0.0.0" || want.ip === "0.0.0.0"),
      );
      if (clash) {
        out.push({
          plugin: names.NodePorts,
          kind: "hostPort",
          port,
          pod: e.key,
          text: `host port ${port} in use by ${e.key}`,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * What decided a plugin's refusal on a node, as obstacles; the plugin's own reasons when there is
 * nothing finer to say (PodTopologySpread, the volume plugins).
 */
export function obstaclesFor(
  plugin: string,
  reasons: readonly string[],
  p: PodInfo,
  ni: NodeInfo,
  nodes: readonly NodeInfo[],
  nsLabels: NamespaceLabels,
): Obstacle[] {
  const node = ni.node;
  let found: Obstacle[] = [];
  if (node)
    switch (plugin) {
      case names.NodeUnschedulable:
        if (node.spec?.unschedulable) found = [{ plugin, kind: "cordoned", text: TextCordoned }];
        break;
      case names.TaintToleration:
        found = taintObstacles(p, node);
        // The cordon's own taint: NodeUnschedulable's obstacle says it.
        if (found.length === 0 && node.spec?.unschedulable) return [];
        break;
      case names.NodeAffinity:
        found = nodeAffinityObstacles(p, node);
        break;
      case names.NodeResourcesFit:
        found = resourceObstacles(p, ni);
        break;
      case names.InterPodAffinity:
        found = interPodAffinityObstacles(p, ni, nodes, nsLabels);
        break;
      case names.NodePorts:
        found = hostPortObstacles(p, ni);
        break;
      case names.NodeName:
        found = [
          {
            plugin,
            kind: "nodeName",
            want: p.pod.spec?.nodeName ?? "",
            text: `pod asks for node ${p.pod.spec?.nodeName}`,
          },
        ];
        break;
    }
  if (found.length > 0) return found;
  return reasons.map((reason) => ({
    plugin,
    kind: "other",
    reason,
    text: reason.replace(/^node\(s\) /, ""),
  }));
}
