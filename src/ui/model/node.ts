/** Read-only views of a Node for display: readiness, roles, taints. */
import type { Node, Taint } from "../../engine/api/kinds";

/** Whether the Ready condition is True. */
export function nodeIsReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** The STATUS column of `kubectl get nodes`: Ready / NotReady / Unknown, plus SchedulingDisabled. */
export function nodeStatusText(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  let text = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  if (node.spec?.unschedulable) text += ",SchedulingDisabled";
  return text;
}

/** The ROLES column: node-role.kubernetes.io/ROLE labels, and kubernetes.io/role. */
export function nodeRoles(node: Node): string[] {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.push(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role" && v) roles.push(v);
  }
  return roles.sort();
}

/** "key=value:Effect" or "key:Effect", as kubectl taint takes it. */
export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/**
 * Whether a label key is in the kubernetes.io or k8s.io namespaces (reserved for Kubernetes
 * components: kubernetes.io/hostname, node-role.kubernetes.io/..., topology.kubernetes.io/zone).
 */
export function isKubernetesLabel(key: string): boolean {
  const slash = key.indexOf("/");
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  return ["kubernetes.io", "k8s.io"].some((d) => prefix === d || prefix.endsWith(`.${d}`));
}

/** The labels a node card lists, as key=value: all of them, or only those not reserved for Kubernetes. */
export function cardLabels(node: Node, all: boolean): string[] {
  return Object.entries(node.metadata.labels ?? {})
    .filter(([k]) => all || !isKubernetesLabel(k))
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .sort();
}

/** How many labels cardLabels lists, without building them (the canvas sizes every card with it). */
export function cardLabelCount(node: Node, all: boolean): number {
  const labels = node.metadata.labels;
  if (!labels) return 0;
  let n = 0;
  for (const k in labels) if (all || !isKubernetesLabel(k)) n++;
  return n;
}
