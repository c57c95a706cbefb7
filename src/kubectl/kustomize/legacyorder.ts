/**
 * kustomize's legacy output order (plugin/builtin/sortordertransformer, kyaml/resid/gvk.go
 * orderFirst/orderLast, resid.ResId.IsLessThan): Namespaces, quotas, CRDs, accounts and RBAC,
 * ConfigMaps, Secrets, Services ... first, webhooks last, the rest by group, version and kind,
 * then by namespace and name.
 */
import { groupVersion, nameOf, namespaceOf, type Obj } from "./resource";

/** orderFirst in gvk.go. */
export const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Endpoints",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];

/** orderLast in gvk.go. */
export const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

function typeOrder(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return -ORDER_FIRST.length + first;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

/** Gvk.stableSortString: group, version and kind with "~" placeholders for empty parts. */
function gvkString(obj: Obj): string {
  const [group, version] = groupVersion(obj.apiVersion);
  return [group || "~G", version || "~V", obj.kind || "~K"].join("_");
}

/** ResId.stableSortString: the gvk, then namespace and name. */
function idString(obj: Obj): string {
  return `${gvkString(obj)}|${namespaceOf(obj) || "~X"}|${nameOf(obj) || "~N"}`;
}

function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two objects in the legacy order (legacyIDSorter.Less). */
export function legacyCompare(a: Obj, b: Obj): number {
  const ta = typeOrder(String(a.kind));
  const tb = typeOrder(String(b.kind));
  if (ta !== tb) return ta - tb;
  const ga = gvkString(a);
  const gb = gvkString(b);
  if (ga !== gb) return goLess(ga, gb);
  return goLess(idString(a), idString(b));
}
