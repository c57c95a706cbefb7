/**
 * Node selector matching (component-helpers/scheduling/corev1/nodeaffinity): nodeSelector
 * terms are ORed, the requirements inside a term ANDed; matchFields knows metadata.name.
 */
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from "kubernetes-types/core/v1";
import type { Node, Pod } from "../kinds";

function matchRequirement(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = labels[r.key] as string;
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(v);
    case "NotIn":
      return !has || !values.includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(values[0] as string, 10);
      if (!/^-?\d+$/.test(v) || !/^-?\d+$/.test(values[0] as string)) return false;
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Whether one term matches a node (an empty term matches nothing). */
export function matchNodeSelectorTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!matchRequirement(r, labels)) return false;
  if (fields.length === 0) return true;
  const f = { "metadata.name": node.metadata.name ?? "" };
  for (const r of fields) {
    if (r.key !== "metadata.name") return false;
    if (!matchRequirement(r, f)) return false;
  }
  return true;
}

/** Whether any term of a NodeSelector matches. */
export function matchNodeSelector(sel: NodeSelector, node: Node): boolean {
  for (const t of sel.nodeSelectorTerms ?? []) if (matchNodeSelectorTerm(t, node)) return true;
  return false;
}

/**
 * Whether the pod's spec.nodeSelector and required node affinity both match the node
 * (GetRequiredNodeAffinity(pod).Match).
 */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const sel = pod.spec?.nodeSelector;
  if (sel) {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  }
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) return matchNodeSelector(req as NodeSelector, node);
  return true;
}
