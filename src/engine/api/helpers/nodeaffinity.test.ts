// Ported from kubernetes/kubernetes release-1.32 staging/src/k8s.io/component-helpers/scheduling/corev1:
// nodeaffinity/nodeaffinity_test.go (TestNodeSelectorMatch, TestPreferredSchedulingTermsScore,
// TestNodeSelectorRequirementsAsSelector's errors, TestPodMatchesNodeSelectorAndAffinityTerms) and
// helpers_test.go (TestMatchNodeSelectorTerms).
import type { NodeSelector, NodeSelectorTerm, PreferredSchedulingTerm } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../kinds";
import {
  matchNodeSelector,
  matchNodeSelectorTerm,
  nodeSelectorTermErrors,
  podMatchesNodeSelectorAndAffinity,
  preferredSchedulingTermsErrors,
} from "./nodeaffinity";

const node = (name: string, labels: Record<string, string> = {}): Node =>
  ({ apiVersion: "v1", kind: "Node", metadata: { name, labels } }) as Node;
const req = (key: string, operator: string, values?: string[]) => ({
  key,
  operator,
  ...(values ? { values } : {}),
});
const label1 = { matchExpressions: [req("label_1", "In", ["label_1_val"])] };
const host1 = { matchFields: [req("metadata.name", "In", ["host_1"])] };
const keyMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("TestNodeSelectorMatch", () => {
  const invalid: NodeSelectorTerm[] = [
    { matchFields: [req("metadata.name", "In", ["host_1", "host_2"])] },
    { ...label1, ...host1 },
    { matchExpressions: [req("invalid key", "In", ["label_value"])] },
  ];
  it("invalid field selector and label selector", () => {
    expect(invalid.flatMap((t, i) => nodeSelectorTermErrors(t, `nodeSelectorTerms[${i}]`))).toEqual([
      `nodeSelectorTerms[0].matchFields[0].values: Invalid value: []string{"host_1", "host_2"}: must have one element`,
      `nodeSelectorTerms[2].matchExpressions[0].key: Invalid value: "invalid key": ${keyMsg}`,
    ]);
    // Terms that do not parse match nothing; the valid middle term still can.
    expect(matchNodeSelector({ nodeSelectorTerms: invalid }, node("host_1"))).toBe(false);
    expect(
      matchNodeSelector({ nodeSelectorTerms: invalid }, node("host_1", { label_1: "label_1_val" })),
    ).toBe(true);
  });
  const cases: { name: string; sel: NodeSelector; node: Node; want: boolean }[] = [
    {
      name: "node matches field selector, but not labels",
      sel: { nodeSelectorTerms: [{ ...label1, ...host1 }] },
      node: node("host_1"),
      want: false,
    },
    {
      name: "node matches field selector and label selector",
      sel: { nodeSelectorTerms: [{ ...label1, ...host1 }] },
      node: node("host_1", { label_1: "label_1_val" }),
      want: true,
    },
    {
      name: "second term matches",
      sel: { nodeSelectorTerms: [label1, host1] },
      node: node("host_1"),
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => expect(matchNodeSelector(c.sel, c.node)).toBe(c.want));
});

describe("TestPreferredSchedulingTermsScore", () => {
  const score = (terms: PreferredSchedulingTerm[], n: Node) =>
    terms.reduce((s, t) => (t.weight !== 0 && matchNodeSelectorTerm(t.preference, n) ? s + t.weight : s), 0);
  it("invalid field selector and label selector", () => {
    const terms: PreferredSchedulingTerm[] = [
      { weight: 1, preference: { matchFields: [req("metadata.name", "In", ["host_1", "host_2"])] } },
      { weight: 1, preference: { ...label1, ...host1 } },
      { weight: 1, preference: { matchExpressions: [req("invalid key", "In", ["label_value"])] } },
    ];
    expect(preferredSchedulingTermsErrors(terms)).toEqual([
      `[0].matchFields[0].values: Invalid value: []string{"host_1", "host_2"}: must have one element`,
      `[2].matchExpressions[0].key: Invalid value: "invalid key": ${keyMsg}`,
    ]);
  });
  it("invalid field selector but no weight, error not reported", () => {
    const terms = [
      { weight: 0, preference: { matchFields: [req("metadata.name", "In", ["host_1", "host_2"])] } },
    ];
    expect(preferredSchedulingTermsErrors(terms)).toEqual([]);
    expect(score(terms, node("host_1"))).toBe(0);
  });
  it("first and third term match", () => {
    const terms = [
      { weight: 5, preference: host1 },
      { weight: 7, preference: { matchExpressions: [req("unknown_label", "In", ["unknown_label_val"])] } },
      { weight: 11, preference: label1 },
    ];
    expect(preferredSchedulingTermsErrors(terms)).toEqual([]);
    expect(score(terms, node("host_1", { label_1: "label_1_val" }))).toBe(16);
  });
});

describe("TestNodeSelectorRequirementsAsSelector", () => {
  const errs = (t: NodeSelectorTerm) => nodeSelectorTermErrors(t, "root");
  it("nil and empty requirements select nothing", () => {
    expect(matchNodeSelectorTerm({}, node("n", { foo: "bar" }))).toBe(false);
    expect(matchNodeSelectorTerm({ matchExpressions: [] }, node("n", { foo: "bar" }))).toBe(false);
  });
  it("foo in (baz,bar)", () => {
    const t = { matchExpressions: [req("foo", "In", ["bar", "baz"])] };
    expect(errs(t)).toEqual([]);
    expect(matchNodeSelectorTerm(t, node("n", { foo: "baz" }))).toBe(true);
    expect(matchNodeSelectorTerm(t, node("n", { foo: "qux" }))).toBe(false);
  });
  it("Exists with values is an error", () => {
    const t = { matchExpressions: [req("foo", "Exists", ["bar", "baz"])] };
    expect(errs(t)).toEqual([
      `root.matchExpressions[0].values: Invalid value: []string{"bar", "baz"}: values set must be empty for exists and does not exist`,
    ]);
    expect(matchNodeSelectorTerm(t, node("n", { foo: "bar" }))).toBe(false);
  });
  it("foo>1 and bar<7", () => {
    const gt = { matchExpressions: [req("foo", "Gt", ["1"])] };
    const lt = { matchExpressions: [req("bar", "Lt", ["7"])] };
    expect([...errs(gt), ...errs(lt)]).toEqual([]);
    expect(matchNodeSelectorTerm(gt, node("n", { foo: "2" }))).toBe(true);
    expect(matchNodeSelectorTerm(gt, node("n", { foo: "1" }))).toBe(false);
    expect(matchNodeSelectorTerm(lt, node("n", { bar: "6" }))).toBe(true);
    expect(matchNodeSelectorTerm(lt, node("n", { bar: "x" }))).toBe(false);
  });
});

describe("TestMatchNodeSelectorTerms", () => {
  const cases: { name: string; sel: NodeSelector; node: Node; want: boolean }[] = [
    {
      name: "node label matches matchExpressions terms",
      sel: { nodeSelectorTerms: [label1] },
      node: node("", { label_1: "label_1_val" }),
      want: true,
    },
    {
      name: "node field matches matchFields terms",
      sel: { nodeSelectorTerms: [host1] },
      node: node("host_1"),
      want: true,
    },
    {
      name: "invalid node field requirement",
      sel: { nodeSelectorTerms: [{ matchFields: [req("metadata.name", "In", ["host_1", "host_2"])] }] },
      node: node("host_1"),
      want: false,
    },
    {
      name: "fieldSelectorTerm with node labels",
      sel: { nodeSelectorTerms: [host1] },
      node: node("not_host_1", { "metadata.name": "host_1" }),
      want: false,
    },
    {
      name: "labelSelectorTerm with node fields",
      sel: { nodeSelectorTerms: [{ matchExpressions: [req("metadata.name", "In", ["host_1"])] }] },
      node: node("host_1"),
      want: false,
    },
    {
      name: "labelSelectorTerm and fieldSelectorTerm was set, but only node fields",
      sel: { nodeSelectorTerms: [{ ...label1, ...host1 }] },
      node: node("host_1"),
      want: false,
    },
    {
      name: "labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (both matched)",
      sel: { nodeSelectorTerms: [{ ...label1, ...host1 }] },
      node: node("host_1", { label_1: "label_1_val" }),
      want: true,
    },
    {
      name: "labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (one mismatched)",
      sel: { nodeSelectorTerms: [{ ...label1, ...host1 }] },
      node: node("host_1", { label_1: "label_1_val-failed" }),
      want: false,
    },
    {
      name: "multi-selector was set, both node fields and labels (one mismatched)",
      sel: { nodeSelectorTerms: [label1, host1] },
      node: node("host_1", { label_1: "label_1_val-failed" }),
      want: true,
    },
  ];
  for (const c of cases) it(c.name, () => expect(matchNodeSelector(c.sel, c.node)).toBe(c.want));
  it("matching leaves the selector as it was (TestMatchNodeSelectorTermsStateless)", () => {
    const sel = {
      nodeSelectorTerms: [
        {
          matchExpressions: [req("label_1", "In", ["label_2_val", "label_1_val"])],
          matchFields: [req("metadata.name", "In", ["host_2", "host_1"])],
        },
      ],
    };
    const copy = structuredClone(sel);
    matchNodeSelector(sel, node("host_1", { label_1: "label_1_val" }));
    expect(sel).toEqual(copy);
  });
});

describe("TestPodMatchesNodeSelectorAndAffinityTerms", () => {
  const pod = (spec: Record<string, unknown>) =>
    ({ metadata: { name: "p" }, spec: { containers: [], ...spec } }) as unknown as Pod;
  const requiredTerms = (...terms: unknown[]) => ({
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
    },
  });
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    labels?: Record<string, string>;
    nodeName?: string;
    want: boolean;
  }[] = [
    { name: "no selector", spec: {}, want: true },
    { name: "missing labels", spec: { nodeSelector: { foo: "bar" } }, want: false },
    { name: "same labels", spec: { nodeSelector: { foo: "bar" } }, labels: { foo: "bar" }, want: true },
    {
      name: "node labels are superset",
      spec: { nodeSelector: { foo: "bar" } },
      labels: { foo: "bar", baz: "blah" },
      want: true,
    },
    {
      name: "node labels are subset",
      spec: { nodeSelector: { foo: "bar", baz: "blah" } },
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with matchExpressions using In operator that matches the existing node",
      spec: requiredTerms({ matchExpressions: [req("foo", "In", ["bar", "value2"])] }),
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with matchExpressions using Gt operator that matches the existing node",
      spec: requiredTerms({ matchExpressions: [req("kernel-version", "Gt", ["0204"])] }),
      labels: { "kernel-version": "0206" },
      want: true,
    },
    {
      name: "Pod with matchExpressions using NotIn operator that matches the existing node",
      spec: requiredTerms({ matchExpressions: [req("mem-type", "NotIn", ["DDR", "DDR2"])] }),
      labels: { "mem-type": "DDR3" },
      want: true,
    },
    {
      name: "Pod with matchExpressions using Exists operator that matches the existing node",
      spec: requiredTerms({ matchExpressions: [req("GPU", "Exists")] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
      want: true,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: requiredTerms({ matchExpressions: [req("foo", "In", ["value1", "value2"])] }),
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } },
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: requiredTerms(),
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      spec: requiredTerms({ matchExpressions: [] }),
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with no Affinity will schedule onto a node",
      spec: {},
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with Affinity but nil NodeSelector will schedule onto a node",
      spec: { affinity: { nodeAffinity: {} } },
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that matches the existing node",
      spec: requiredTerms({
        matchExpressions: [req("GPU", "Exists"), req("GPU", "NotIn", ["AMD", "INTER"])],
      }),
      labels: { GPU: "NVIDIA-GRID-K1" },
      want: true,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      spec: requiredTerms({ matchExpressions: [req("GPU", "Exists"), req("GPU", "In", ["AMD", "INTER"])] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
      want: false,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      spec: requiredTerms(
        { matchExpressions: [req("foo", "In", ["bar", "value2"])] },
        { matchExpressions: [req("diffkey", "In", ["wrong", "value2"])] },
      ),
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
      spec: { nodeSelector: { foo: "bar" }, ...requiredTerms({ matchExpressions: [req("foo", "Exists")] }) },
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      spec: { nodeSelector: { foo: "bar" }, ...requiredTerms({ matchExpressions: [req("foo", "Exists")] }) },
      labels: { foo: "barrrrrr" },
      want: false,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      spec: requiredTerms({ matchExpressions: [req("foo", "NotIn", ["invalid value: ___@#$%^"])] }),
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with matchFields using In operator that matches the existing node",
      spec: requiredTerms({ matchFields: [req("metadata.name", "In", ["node_1"])] }),
      nodeName: "node_1",
      want: true,
    },
    {
      name: "Pod with matchFields using In operator that does not match the existing node",
      spec: requiredTerms({ matchFields: [req("metadata.name", "In", ["node_1"])] }),
      nodeName: "node_2",
      want: false,
    },
    {
      name: "Pod with two terms: matchFields does not match, but matchExpressions matches",
      spec: requiredTerms(
        { matchFields: [req("metadata.name", "In", ["node_1"])] },
        { matchExpressions: [req("foo", "In", ["bar"])] },
      ),
      nodeName: "node_2",
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with one term: matchFields does not match, but matchExpressions matches",
      spec: requiredTerms({
        matchFields: [req("metadata.name", "In", ["node_1"])],
        matchExpressions: [req("foo", "In", ["bar"])],
      }),
      nodeName: "node_2",
      labels: { foo: "bar" },
      want: false,
    },
    {
      name: "Pod with one term: both matchFields and matchExpressions match",
      spec: requiredTerms({
        matchFields: [req("metadata.name", "In", ["node_1"])],
        matchExpressions: [req("foo", "In", ["bar"])],
      }),
      nodeName: "node_1",
      labels: { foo: "bar" },
      want: true,
    },
    {
      name: "Pod with two terms: both matchFields and matchExpressions do not match",
      spec: requiredTerms(
        { matchFields: [req("metadata.name", "In", ["node_1"])] },
        { matchExpressions: [req("foo", "In", ["not-match-to-bar"])] },
      ),
      nodeName: "node_2",
      labels: { foo: "bar" },
      want: false,
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      expect(podMatchesNodeSelectorAndAffinity(pod(c.spec), node(c.nodeName ?? "", c.labels ?? {}))).toBe(
        c.want,
      ),
    );
});
