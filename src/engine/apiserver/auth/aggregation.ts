/**
 * The clusterrole-aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole
 * with an aggregationRule gets the rules of every ClusterRole its selectors match.
 */
import { matchesLabelSelector } from "../../api/selectors";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { Controller } from "../../controllers/lib/queue";
import type { PolicyRule } from "./rbac";

/** The controller's name. */
export const ClusterRoleAggregationController = "clusterrole-aggregation-controller";

/** The rules an aggregated role gets: its matches' rules, in name order, without repeats. */
export function aggregatedRules(role: KubeObject, roles: KubeObject[]): PolicyRule[] {
  const selectors = (role.aggregationRule?.clusterRoleSelectors ?? []) as object[];
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  const sorted = [...roles].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  for (const other of sorted) {
    if (other.metadata.name === role.metadata.name) continue;
    if (!selectors.some((s) => matchesLabelSelector(s, other.metadata.labels ?? {}))) continue;
    for (const r of (other.rules ?? []) as PolicyRule[]) {
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

/** Starts the controller. */
export function installClusterRoleAggregation(cluster: Cluster): Controller {
  const c = new Controller(ClusterRoleAggregationController, cluster, (name) => {
    const role = cluster.api.get("ClusterRole", undefined, name);
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, cluster.api.list("ClusterRole"));
    if (JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    const next = clone(role);
    next.rules = rules;
    cluster.api.update(next, { fieldManager: ClusterRoleAggregationController });
  });
  // Any role change may change what an aggregated role collects.
  cluster.api.watch("ClusterRole", () => {
    for (const r of cluster.api.list("ClusterRole"))
      if (r.aggregationRule) c.enqueue(r.metadata.name as string);
  });
  for (const r of cluster.api.list("ClusterRole"))
    if (r.aggregationRule) c.enqueue(r.metadata.name as string);
  cluster.addComponent(c);
  return c;
}
