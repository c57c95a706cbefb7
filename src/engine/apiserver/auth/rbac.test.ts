// Rule matching after plugin/pkg/auth/authorizer/rbac/rbac_test.go (TestRuleMatches) and the
// subject and binding rules of rbac.go, plus kubectl auth can-i and --as through the CLI.
import { describe, expect, it } from "vitest";
import { runOnCka as run } from "../../../testing/cka";
import { type Attributes, type PolicyRule, ruleAllows, subjectMatches } from "./rbac";

const res = (verb: string, apiGroup: string, resource: string, subresource = "", name = ""): Attributes => ({
  verb,
  apiGroup,
  resource,
  subresource: subresource || undefined,
  name: name || undefined,
  namespace: "ns1",
});
const url = (verb: string, path: string): Attributes => ({ verb, path });

const CASES: { name: string; rule: PolicyRule; expect: [Attributes, boolean][] }[] = [
  {
    name: "star verb, exact match other",
    rule: { verbs: ["*"], apiGroups: ["group1"], resources: ["resource1"] },
    expect: [
      [res("verb1", "group1", "resource1"), true],
      [res("verb1", "group2", "resource1"), false],
      [res("verb1", "group1", "resource2"), false],
      [res("verb1", "group2", "resource2"), false],
      [res("verb2", "group1", "resource1"), true],
    ],
  },
  {
    name: "star group, exact match other",
    rule: { verbs: ["verb1"], apiGroups: ["*"], resources: ["resource1"] },
    expect: [
      [res("verb1", "group1", "resource1"), true],
      [res("verb1", "group2", "resource1"), true],
      [res("verb1", "group1", "resource2"), false],
      [res("verb2", "group1", "resource1"), false],
    ],
  },
  {
    name: "star resource, exact match other",
    rule: { verbs: ["verb1"], apiGroups: ["group1"], resources: ["*"] },
    expect: [
      [res("verb1", "group1", "resource1"), true],
      [res("verb1", "group2", "resource1"), false],
      [res("verb1", "group1", "resource2"), true],
      [res("verb2", "group1", "resource1"), false],
    ],
  },
  {
    name: "tuple expansion",
    rule: {
      verbs: ["verb1", "verb2"],
      apiGroups: ["group1", "group2"],
      resources: ["resource1", "resource2"],
    },
    expect: [
      [res("verb1", "group1", "resource1"), true],
      [res("verb2", "group2", "resource2"), true],
      [res("verb3", "group1", "resource1"), false],
      [res("verb1", "group3", "resource1"), false],
    ],
  },
  {
    name: "subresource expansion",
    rule: { verbs: ["*"], apiGroups: ["*"], resources: ["resource1/subresource1"] },
    expect: [
      [res("verb1", "group1", "resource1", "subresource1"), true],
      [res("verb1", "group1", "resource1", "subresource2"), false],
      [res("verb1", "group1", "resource1"), false],
    ],
  },
  {
    name: "star subresource",
    rule: { verbs: ["*"], apiGroups: ["*"], resources: ["*/subresource1"] },
    expect: [
      [res("verb1", "group1", "resource1", "subresource1"), true],
      [res("verb1", "group1", "resource2", "subresource1"), true],
      [res("verb1", "group1", "resource1", "subresource2"), false],
      [res("verb1", "group1", "resource1"), false],
    ],
  },
  {
    name: "resource names",
    rule: { verbs: ["*"], apiGroups: ["*"], resources: ["*"], resourceNames: ["foo", "bar"] },
    expect: [
      [res("get", "", "pods", "", "foo"), true],
      [res("get", "", "pods", "", "baz"), false],
      [res("list", "", "pods"), false],
    ],
  },
  {
    name: "non-resource URLs",
    rule: { verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] },
    expect: [
      [url("get", "/healthz"), true],
      [url("get", "/apis/apps"), true],
      [url("post", "/healthz"), false],
      [url("get", "/metrics"), false],
    ],
  },
];

describe("ruleAllows", () => {
  for (const c of CASES)
    it(c.name, () => {
      for (const [attrs, want] of c.expect)
        expect(ruleAllows(attrs, c.rule), JSON.stringify(attrs)).toBe(want);
    });
});

describe("subjectMatches", () => {
  it("matches users, groups and service accounts (defaulting the namespace to the binding's)", () => {
    const sa = { name: "system:serviceaccount:dev:bot", groups: ["system:serviceaccounts"] };
    expect(subjectMatches({ kind: "ServiceAccount", name: "bot", namespace: "dev" }, sa, "other")).toBe(true);
    expect(subjectMatches({ kind: "ServiceAccount", name: "bot" }, sa, "dev")).toBe(true);
    expect(subjectMatches({ kind: "ServiceAccount", name: "bot" }, sa, "prod")).toBe(false);
    expect(subjectMatches({ kind: "Group", name: "system:serviceaccounts" }, sa, "")).toBe(true);
    expect(subjectMatches({ kind: "User", name: "system:serviceaccount:dev:bot" }, sa, "")).toBe(true);
    expect(subjectMatches({ kind: "User", name: "jane" }, sa, "")).toBe(false);
  });
});

describe("kubectl auth can-i and --as", () => {
  it("answers from the roles bound to the user, and refuses requests made --as it", () => {
    const r = run(`kubectl auth can-i '*' '*'
kubectl create sa bot
kubectl create role r1 --verb=get,list --resource=pods
kubectl create rolebinding rb1 --role=r1 --serviceaccount=default:bot
kubectl auth can-i list pods --as=system:serviceaccount:default:bot
kubectl auth can-i delete pods --as=system:serviceaccount:default:bot
kubectl auth can-i list pods -n kube-system --as=system:serviceaccount:default:bot
kubectl auth can-i list nodes --as=jane
kubectl create clusterrolebinding jane-view --clusterrole=view --user=jane
kubectl auth can-i list deployments.apps --as=jane -A
kubectl auth can-i get secrets --as=jane
kubectl create rolebinding oops --role=missing --user=bob
kubectl auth can-i get pods --as=bob
kubectl get pods -n kube-system --as=system:serviceaccount:default:bot`);
    const answers = r.filter((e) => e.command.startsWith("kubectl auth")).map((e) => [e.stdout, e.exit]);
    expect(answers).toEqual([
      ["yes\n", 0],
      ["yes\n", 0],
      ["no\n", 1],
      ["no\n", 1],
      ["no\n", 1],
      ["yes\n", 0],
      ["no\n", 1],
      ['no - RBAC: role.rbac.authorization.k8s.io "missing" not found\n', 1],
    ]);
    expect(r.find((e) => e.command === "kubectl auth can-i list nodes --as=jane")?.stderr).toBe(
      "Warning: resource 'nodes' is not namespace scoped\n\n",
    );
    expect(r[r.length - 1]?.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:bot" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
  });

  it("aggregates view into edit into admin", () => {
    const r = run(`kubectl create rolebinding e --clusterrole=edit --user=ed
kubectl auth can-i get pods --as=ed
kubectl auth can-i create deployments --as=ed
kubectl auth can-i create roles --as=ed
kubectl create rolebinding a --clusterrole=admin --user=ad
kubectl auth can-i create roles --as=ad
kubectl auth can-i get pods --as=ad`);
    expect(r.filter((e) => e.command.startsWith("kubectl auth")).map((e) => e.stdout)).toEqual([
      "yes\n",
      "yes\n",
      "no\n",
      "yes\n",
      "yes\n",
    ]);
  });
});
