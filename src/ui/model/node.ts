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
