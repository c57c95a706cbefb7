// Which writes a webhook's rules select (webhook/predicates/rules Matcher: operations, groups,
// versions, resources with subresources and `*`, scope).
import { describe, expect, it } from "vitest";
import { ruleMatches } from "./validatingwebhook";

describe("ruleMatches", () => {
  const ingresses = {
    apiGroups: ["networking.k8s.io"],
    apiVersions: ["v1"],
    operations: ["CREATE", "UPDATE"],
    resources: ["ingresses"],
    scope: "*",
  };
  // [operation, group, version, resource, namespaced, matches]
  const table: [string, string, string, string, boolean, boolean][] = [
    ["CREATE", "networking.k8s.io", "v1", "ingresses", true, true],
    ["UPDATE", "networking.k8s.io", "v1", "ingresses", true, true],
    ["DELETE", "networking.k8s.io", "v1", "ingresses", true, false],
    ["CREATE", "networking.k8s.io", "v1", "ingresses/status", true, false],
    ["CREATE", "", "v1", "services", true, false],
    ["CREATE", "networking.k8s.io", "v1beta1", "ingresses", true, false],
  ];
  it.each(table)("%s %s/%s %s", (op, group, version, resource, namespaced, want) => {
    expect(ruleMatches(ingresses, op, group, version, resource, namespaced)).toBe(want);
  });

  it("matches wildcards and scopes", () => {
    const all = { apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*/*"] };
    expect(ruleMatches(all, "DELETE", "apps", "v1", "deployments/scale", true)).toBe(true);
    const cluster = { ...all, resources: ["*"], scope: "Cluster" };
    expect(ruleMatches(cluster, "CREATE", "", "v1", "pods", true)).toBe(false);
    expect(ruleMatches(cluster, "CREATE", "", "v1", "nodes", false)).toBe(true);
  });
});
