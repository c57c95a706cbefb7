/**
 * `kubectl describe role` / `clusterrole` (describe.go RoleDescriber, ClusterRoleDescriber): the
 * rules broken down to one verb, resource and name each, compacted again by resource and sorted
 * as kubectl/pkg/util/rbac/rbac.go does, in a PolicyRule table.
 */
import type { KubeObject } from "../../engine/api/types";
import { type Any, printAnnotationsMultiline, printLabelsMultiline } from "./common";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "./writer";

/** An rbac/v1 PolicyRule with every list present. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function rule(r: Partial<PolicyRule>): PolicyRule {
  return {
    verbs: r.verbs ?? [],
    apiGroups: r.apiGroups ?? [],
    resources: r.resources ?? [],
    resourceNames: r.resourceNames ?? [],
    nonResourceURLs: r.nonResourceURLs ?? [],
  };
}

/** rbac.BreakdownRule: equivalent rules with at most one verb, resource and resource name each. */
export function breakdownRule(r: Partial<PolicyRule>): PolicyRule[] {
  const { verbs, apiGroups, resources, resourceNames, nonResourceURLs } = rule(r);
  const out: PolicyRule[] = [];
  for (const group of apiGroups)
    for (const resource of resources)
      for (const verb of verbs) {
        if (resourceNames.length > 0)
          for (const name of resourceNames)
            out.push(
              rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }),
            );
        else out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
      }
  // Non-resource URLs only combine with verbs.
  for (const url of nonResourceURLs)
    for (const verb of verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/**
 * rbac.CompactRules: rules with one group, one resource and at most one name, differing only by
 * verb, become one rule whose verbs keep their order of appearance.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      r.resourceNames.length <= 1 &&
      r.nonResourceURLs.length === 0 &&
      r.apiGroups.length === 1 &&
      r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups[0],
      r.resources[0],
      r.resourceNames.length > 0,
      r.resourceNames[0] ?? "",
    ]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** Go's %v of a []string: "[a b]". */
function goList(values: string[]): string {
  return `[${values.join(" ")}]`;
}

/** The generated PolicyRule.String() that rbac.SortableRuleSlice compares. */
export function policyRuleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** describe.go CombineResourceGroup: "deployments.apps", "pods/log", "*.*". */
export function combineResourceGroup(resources: string[], groups: string[]): string {
  const first = resources[0];
  if (first === undefined) return "";
  const slash = first.indexOf("/");
  let combined = slash >= 0 ? first.slice(0, slash) : first;
  if (groups[0]) combined += `.${groups[0]}`;
  if (slash >= 0) combined += first.slice(slash);
  return combined;
}

/** The rules of a Role or ClusterRole as describe shows them: broken down, compacted, sorted. */
export function describedRules(rules: Partial<PolicyRule>[] | undefined): PolicyRule[] {
  const compacted = compactRules((rules ?? []).flatMap(breakdownRule));
  const keyed = compacted.map((r) => ({ r, key: policyRuleString(r) }));
  // sort.Stable by strings.Compare (byte order).
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.r);
}

/** One row of the PolicyRule table (describe.go and cani.go printAccess share it), tab-separated. */
export function policyRuleRow(r: PolicyRule): string {
  return `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`;
}

/** `kubectl describe role` and `kubectl describe clusterrole`. */
export function describeRole(role: KubeObject, _ctx?: unknown): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", role.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", role.metadata.annotations);
  w.write(LEVEL_0, "PolicyRule:\n");
  w.write(LEVEL_1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(LEVEL_1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of describedRules((role as Any).rules)) w.write(LEVEL_1, `${policyRuleRow(r)}\n`);
  return w.string();
}
