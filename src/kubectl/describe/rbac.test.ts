// describe.go RoleDescriber/ClusterRoleDescriber with kubectl/pkg/util/rbac/rbac.go (BreakdownRule,
// CompactRules, SortableRuleSlice by the generated PolicyRule.String()) and CombineResourceGroup.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { breakdownRule, combineResourceGroup, compactRules, describedRules, describeRole } from "./rbac";

const role = (rules: object[], extra: Partial<KubeObject["metadata"]> = {}): KubeObject =>
  ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "developer", namespace: "default", ...extra },
    rules,
  }) as KubeObject;

describe("describe role", () => {
  it("prints the PolicyRule table, one row per resource with its verbs in order, no Namespace line", () => {
    const text = describeRole(
      role([{ apiGroups: [""], resources: ["pods"], verbs: ["create", "list", "get", "update", "delete"] }]),
    );
    expect(text).toBe(
      [
        "Name:         developer",
        "Labels:       <none>",
        "Annotations:  <none>",
        "PolicyRule:",
        "  Resources  Non-Resource URLs  Resource Names  Verbs",
        "  ---------  -----------------  --------------  -----",
        "  pods       []                 []              [create list get update delete]",
        "",
      ].join("\n"),
    );
  });

  it("shows cluster-admin's wildcard rule and its non-resource URL rule", () => {
    const text = describeRole({
      ...role([
        { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
        { nonResourceURLs: ["*"], verbs: ["*"] },
      ]),
      kind: "ClusterRole",
      metadata: { name: "cluster-admin" },
    } as KubeObject);
    expect(text.split("\n").slice(6)).toEqual([
      "  *.*        []                 []              [*]",
      "             [*]                []              [*]",
      "",
    ]);
  });

  it("splits a rule per resource and group, keeps names, and sorts by the rule's String()", () => {
    const rules = describedRules([
      { apiGroups: ["apps", ""], resources: ["deployments", "pods/log"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["secrets"], resourceNames: ["a", "b"], verbs: ["get"] },
    ]);
    expect(
      rules.map((r) => [combineResourceGroup(r.resources, r.apiGroups), r.resourceNames, r.verbs]),
    ).toEqual([
      ["deployments", [], ["get", "list"]],
      ["pods/log", [], ["get", "list"]],
      ["deployments.apps", [], ["get", "list"]],
      ["pods.apps/log", [], ["get", "list"]],
      ["secrets", ["a"], ["get"]],
      ["secrets", ["b"], ["get"]],
    ]);
  });

  it("BreakdownRule and CompactRules round trip a simple rule", () => {
    const parts = breakdownRule({ apiGroups: [""], resources: ["pods"], verbs: ["get", "watch"] });
    expect(parts).toHaveLength(2);
    expect(compactRules(parts)).toEqual([
      {
        apiGroups: [""],
        resources: ["pods"],
        verbs: ["get", "watch"],
        resourceNames: [],
        nonResourceURLs: [],
      },
    ]);
  });
});
