/**
 * The kubelet's pod admission (pkg/kubelet/lifecycle/predicate.go): a pod bound to the node is
 * rejected when the node lacks the resources, its node affinity/selector does not match, or the
 * node has an untolerated NoExecute taint. A rejected pod goes Failed with reason and message.
 */
import type { Container, Node, Pod, Taint, Toleration } from "../api/kinds";
import { milliValue as milliCpu, quantityValue as units } from "../apiserver/quantity";

/** Why the kubelet rejected a pod. */
export interface Rejection {
  reason: string;
  message: string;
}

/** The NodeAffinity predicate's text (nodeaffinity.ErrReasonPod). */
export const ErrReasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";
/** The TaintToleration predicate's text (tainttoleration.ErrReasonNotMatch). */
export const ErrReasonTaints = "node(s) had taints that the pod didn't tolerate";

/** What a pod asks for: cpu in millicores, memory and ephemeral-storage in bytes (init max rule). */
export function podRequests(pod: Pod): Record<string, number> {
  const sum: Record<string, number> = {};
  const add = (into: Record<string, number>, c: Container) => {
    const req = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) } as Record<
      string,
      string
    >;
    for (const [name, q] of Object.entries(req))
      into[name] = (into[name] ?? 0) + (name === "cpu" ? milliCpu(q) : units(q));
  };
  for (const c of pod.spec?.containers ?? []) add(sum, c);
  for (const c of pod.spec?.initContainers ?? []) {
    const one: Record<string, number> = {};
    add(one, c);
    for (const [k, v] of Object.entries(one)) {
      if (c.restartPolicy === "Always") sum[k] = (sum[k] ?? 0) + v;
      else sum[k] = Math.max(sum[k] ?? 0, v);
    }
  }
  for (const [name, q] of Object.entries(pod.spec?.overhead ?? {}))
    sum[name] = (sum[name] ?? 0) + (name === "cpu" ? milliCpu(q as string) : units(q as string));
  return sum;
}

/** Whether a toleration tolerates a taint (component-helpers ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== "Exists") return false;
  if (t.operator === "Exists") return true;
  return (t.value ?? "") === (taint.value ?? "");
}

// biome-ignore lint/suspicious/noExplicitAny: selector terms are open JSON
function matchRequirement(req: any, value: string | undefined): boolean {
  const values: string[] = req.values ?? [];
  switch (req.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** Whether the node satisfies the pod's nodeSelector and required node affinity. */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some(
    (term) =>
      ((term.matchExpressions?.length ?? 0) > 0 || (term.matchFields?.length ?? 0) > 0) &&
      (term.matchExpressions ?? []).every((r) => matchRequirement(r, labels[r.key])) &&
      (term.matchFields ?? []).every((r) =>
        matchRequirement(r, r.key === "metadata.name" ? (node.metadata.name as string) : undefined),
      ),
  );
}

/**
 * Admits a pod onto node next to the pods already running there, or says why not
 * (the first failing predicate, as the kubelet reports it).
 */
export function admitPod(pod: Pod, node: Node, running: Pod[], isStatic: boolean): Rejection | undefined {
  const allocatable = node.status?.allocatable ?? {};
  const want = podRequests(pod);
  want.pods = 1;
  const used: Record<string, number> = { pods: running.length };
  for (const p of running)
    for (const [k, v] of Object.entries(podRequests(p))) if (k !== "pods") used[k] = (used[k] ?? 0) + v;
  if (!isStatic) {
    for (const name of ["pods", "cpu", "memory", "ephemeral-storage"]) {
      const capText = allocatable[name];
      if (capText === undefined) continue;
      const cap = name === "cpu" ? milliCpu(capText) : units(capText);
      const req = want[name] ?? 0;
      if (req === 0 && name !== "pods") continue;
      if ((used[name] ?? 0) + req > cap)
        return {
          reason: `OutOf${name}`,
          message: `Node didn't have enough resource: ${name}, requested: ${req}, used: ${used[name] ?? 0}, capacity: ${cap}`,
        };
    }
  }
  if (!matchesNodeAffinity(pod, node))
    return { reason: "NodeAffinity", message: `Predicate NodeAffinity failed: ${ErrReasonNodeAffinity}` };
  if (!isStatic) {
    const untolerated = (node.spec?.taints ?? []).some(
      (taint) =>
        taint.effect === "NoExecute" && !(pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint)),
    );
    if (untolerated)
      return { reason: "TaintToleration", message: `Predicate TaintToleration failed: ${ErrReasonTaints}` };
  }
  return undefined;
}
