// Ported from kubernetes/kubernetes release-1.32
// pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go: TestRequiredAffinitySingleNode,
// TestRequiredAffinityMultipleNodes, TestPreFilterDisabled and TestPreFilterStateAddRemovePod.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { Code, isSuccess, type MaybeStatus } from "../../framework/status";
import { makeHandle, makeNodeInfo } from "../../framework/testing";
import { type NodeInfo, newPodInfo } from "../../framework/types";
import {
  ErrReasonAffinityRulesNotMatch as ErrAffinity,
  ErrReasonAntiAffinityRulesNotMatch as ErrAnti,
  ErrReasonExistingAntiAffinityRulesNotMatch as ErrExisting,
  InterPodAffinityPlugin,
} from "./interpod-affinity";
import { existsTerm, inTerm, NAMESPACES, node, notInTerm, pod, type Term } from "./testing";

type Want = { code: Code; reasons: string[] } | undefined;
const unresolvable = (r: string): Want => ({ code: Code.UnschedulableAndUnresolvable, reasons: [r] });
const unschedulable = (r: string): Want => ({ code: Code.Unschedulable, reasons: [r] });
const skip: Want = { code: Code.Skip, reasons: [] };
const view = (s: MaybeStatus): Want => (s ? { code: s.code, reasons: s.reasons } : undefined);

function infosOf(pods: Pod[], nodes: Node[]): NodeInfo[] {
  return nodes.map((n) => makeNodeInfo(n, ...pods.filter((p) => p.spec?.nodeName === n.metadata.name)));
}

function run(incoming: Pod, pods: Pod[], nodes: Node[]) {
  const infos = infosOf(pods, nodes);
  const pl = new InterPodAffinityPlugin(makeHandle(infos, NAMESPACES));
  const p = newPodInfo(incoming);
  const state = new CycleState();
  const { status } = pl.preFilter(state, p);
  return {
    pre: view(status),
    filter: isSuccess(status) ? infos.map((ni) => view(pl.filter(state, p, ni))) : undefined,
  };
}

const withNsSelector = (t: Term, sel: unknown): Term => ({ ...t, namespaceSelector: sel });
const team1 = { matchExpressions: [{ key: "team", operator: "In", values: ["team1"] }] };

describe("InterPodAffinity Filter (TestRequiredAffinitySingleNode)", () => {
  const podLabel = { service: "securityscan" };
  const podLabel2 = { security: "S1" };
  const node1 = node("node1", { region: "r1", zone: "z11" });
  const existing = () => pod({ labels: podLabel, node: "node1" });
  const cases: { name: string; pod: Pod; pods?: Pod[]; pre?: Want; filter?: Want }[] = [
    {
      name: "A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
      pod: pod({}),
      pre: skip,
    },
    {
      name: "satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
      pod: pod({ labels: podLabel2, aff: [inTerm("service", "region", ["securityscan", "value2"])] }),
      pods: [existing()],
    },
    {
      name: "satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
      pod: pod({ labels: podLabel2, aff: [notInTerm("service", "region", ["securityscan3", "value3"])] }),
      pods: [existing()],
    },
    {
      name: "Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
      pod: pod({
        labels: podLabel2,
        aff: [{ ...inTerm("service", "", ["securityscan", "value2"]), namespaces: ["DiffNameSpace"] }],
      }),
      pods: [pod({ ns: "ns", labels: podLabel, node: "node1" })],
      filter: unresolvable(ErrAffinity),
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: pod({ labels: podLabel, aff: [inTerm("service", "", ["antivirusscan", "value2"])] }),
      pods: [existing()],
      filter: unresolvable(ErrAffinity),
    },
    {
      name: "satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ",
      pod: pod({
        labels: podLabel2,
        aff: [
          {
            labelSelector: {
              matchExpressions: [
                { key: "service", operator: "Exists" },
                { key: "wrongkey", operator: "DoesNotExist" },
              ],
            },
            topologyKey: "region",
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: "service", operator: "In", values: ["securityscan"] },
                { key: "service", operator: "NotIn", values: ["WrongValue"] },
              ],
            },
            topologyKey: "region",
          },
        ],
      }),
      pods: [existing()],
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: pod({
        labels: podLabel2,
        aff: [
          {
            labelSelector: {
              matchExpressions: [
                { key: "service", operator: "Exists" },
                { key: "wrongkey", operator: "DoesNotExist" },
              ],
            },
            topologyKey: "region",
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: "service", operator: "In", values: ["securityscan2"] },
                { key: "service", operator: "NotIn", values: ["WrongValue"] },
              ],
            },
            topologyKey: "region",
          },
        ],
      }),
      pods: [existing()],
      filter: unresolvable(ErrAffinity),
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity with the existing pod",
      pod: pod({
        labels: podLabel2,
        aff: [inTerm("service", "region", ["securityscan", "value2"])],
        anti: [inTerm("service", "node", ["antivirusscan", "value2"])],
      }),
      pods: [existing()],
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
      pod: pod({
        labels: podLabel2,
        aff: [inTerm("service", "region", ["securityscan", "value2"])],
        anti: [inTerm("service", "node", ["antivirusscan", "value2"])],
      }),
      pods: [
        pod({
          node: "node1",
          labels: podLabel,
          anti: [inTerm("service", "node", ["antivirusscan", "value2"])],
        }),
      ],
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: pod({
        labels: podLabel2,
        aff: [inTerm("service", "region", ["securityscan", "value2"])],
        anti: [inTerm("service", "zone", ["securityscan", "value2"])],
      }),
      pods: [existing()],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: pod({
        labels: podLabel,
        aff: [inTerm("service", "region", ["securityscan", "value2"])],
        anti: [inTerm("service", "node", ["antivirusscan", "value2"])],
      }),
      pods: [
        pod({
          labels: podLabel,
          node: "node1",
          anti: [inTerm("service", "zone", ["securityscan", "value2"])],
        }),
      ],
      filter: unschedulable(ErrExisting),
    },
    {
      name: "pod matches its own Label in PodAffinity and that matches the existing pod Labels",
      pod: pod({ labels: podLabel, aff: [notInTerm("service", "region", ["securityscan", "value2"])] }),
      pods: [pod({ labels: { service: "securityscan" }, node: "node2" })],
      filter: unresolvable(ErrAffinity),
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: pod({ labels: podLabel }),
      pods: [
        pod({
          node: "node1",
          labels: podLabel,
          anti: [inTerm("service", "zone", ["securityscan", "value2"])],
        }),
      ],
      filter: unschedulable(ErrExisting),
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
      pod: pod({ labels: podLabel }),
      pods: [
        pod({
          node: "node1",
          labels: podLabel,
          anti: [notInTerm("service", "zone", ["securityscan", "value2"])],
        }),
      ],
      pre: skip,
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: pod({
        labels: podLabel,
        anti: [existsTerm("service", "region"), existsTerm("security", "region")],
      }),
      pods: [pod({ node: "node1", labels: podLabel2, anti: [existsTerm("security", "zone")] })],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
      pod: pod({ labels: podLabel, anti: [existsTerm("service", "zone"), existsTerm("security", "zone")] }),
      pods: [pod({ node: "node1", labels: podLabel2, anti: [existsTerm("security", "zone")] })],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
      pod: pod({ labels: podLabel2, anti: [existsTerm("security", "zone")] }),
      pods: [
        pod({
          node: "node1",
          labels: podLabel,
          anti: [existsTerm("service", "zone"), existsTerm("security", "zone")],
        }),
      ],
      filter: unschedulable(ErrExisting),
    },
    {
      name: "PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
      pod: pod({
        labels: { abc: "", xyz: "" },
        anti: [existsTerm("abc", "zone"), existsTerm("def", "zone")],
      }),
      pods: [
        pod({
          node: "node1",
          labels: { def: "", xyz: "" },
          anti: [existsTerm("abc", "zone"), existsTerm("def", "zone")],
        }),
      ],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
      pod: pod({
        labels: { def: "", xyz: "" },
        anti: [existsTerm("abc", "zone"), existsTerm("def", "zone")],
      }),
      pods: [
        pod({
          node: "node1",
          labels: { abc: "", xyz: "" },
          anti: [existsTerm("abc", "zone"), existsTerm("def", "zone")],
        }),
      ],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "PodAffinity fails PreFilter with an invalid affinity label syntax",
      pod: pod({
        labels: podLabel,
        aff: [
          inTerm("service", "region", ["{{.bad-value.}}"]),
          inTerm("service", "node", ["antivirusscan", "value2"]),
        ],
      }),
      pre: unresolvable(
        `parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ),
    },
    {
      name: "PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax",
      pod: pod({
        labels: podLabel,
        aff: [inTerm("service", "region", ["foo"]), inTerm("service", "node", ["{{.bad-value.}}"])],
      }),
      pre: unresolvable(
        `parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ),
    },
    {
      name: "affinity with NamespaceSelector",
      pod: pod({
        labels: podLabel2,
        aff: [withNsSelector(inTerm("service", "region", ["securityscan", "value2"]), team1)],
      }),
      pods: [pod({ ns: "subteam1.team1", labels: podLabel, node: "node1" })],
    },
    {
      name: "affinity with non-matching NamespaceSelector",
      pod: pod({
        labels: podLabel2,
        aff: [withNsSelector(inTerm("service", "region", ["securityscan", "value2"]), team1)],
      }),
      pods: [pod({ ns: "subteam1.team2", labels: podLabel, node: "node1" })],
      filter: unresolvable(ErrAffinity),
    },
    {
      name: "anti-affinity with matching NamespaceSelector",
      pod: pod({
        ns: "subteam1.team1",
        labels: podLabel2,
        anti: [withNsSelector(inTerm("service", "zone", ["securityscan", "value2"]), team1)],
      }),
      pods: [pod({ ns: "subteam2.team1", labels: podLabel, node: "node1" })],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "anti-affinity with matching all NamespaceSelector",
      pod: pod({
        ns: "subteam1.team1",
        labels: podLabel2,
        anti: [withNsSelector(inTerm("service", "zone", ["securityscan", "value2"]), {})],
      }),
      pods: [pod({ ns: "subteam2.team1", labels: podLabel, node: "node1" })],
      filter: unschedulable(ErrAnti),
    },
    {
      name: "anti-affinity with non-matching NamespaceSelector",
      pod: pod({
        ns: "subteam1.team1",
        labels: podLabel2,
        anti: [withNsSelector(inTerm("service", "zone", ["securityscan", "value2"]), team1)],
      }),
      pods: [pod({ ns: "subteam1.team2", labels: podLabel, node: "node1" })],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = run(c.pod, c.pods ?? [], [node1]);
      expect(got.pre).toEqual(c.pre);
      if (got.filter) expect(got.filter).toEqual([c.filter]);
    });
});

describe("InterPodAffinity Filter (TestRequiredAffinityMultipleNodes)", () => {
  const podLabelA = { foo: "bar" };
  const labelRgChina = { region: "China" };
  const labelRgChinaAzAz1 = { region: "China", az: "az1" };
  const labelRgIndia = { region: "India" };
  const abc = (zone: string, host: string) => ({ region: "r1", zone, hostname: host });
  const cases: { name: string; pod: Pod; pods: Pod[]; nodes: Node[]; want: Want[]; pre?: Want }[] = [
    {
      name: "A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
      pod: pod({ aff: [inTerm("foo", "region", ["bar"])] }),
      pods: [pod({ name: "p1", node: "node1", labels: podLabelA })],
      nodes: [node("node1", labelRgChina), node("node2", labelRgChinaAzAz1), node("node3", labelRgIndia)],
      want: [undefined, undefined, unresolvable(ErrAffinity)],
    },
    {
      name: "The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
      pod: pod({
        labels: { foo: "bar", service: "securityscan" },
        aff: [inTerm("foo", "zone", ["bar"]), inTerm("service", "zone", ["securityscan"])],
      }),
      pods: [pod({ name: "p1", node: "nodeA", labels: { foo: "bar" } })],
      nodes: [node("nodeA", { zone: "az1", hostname: "h1" }), node("nodeB", { zone: "az2", hostname: "h2" })],
      want: [undefined, undefined],
    },
    {
      name: "The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
      pod: pod({
        labels: { foo: "bar", service: "securityscan" },
        aff: [inTerm("foo", "zone", ["bar"]), inTerm("service", "zone", ["securityscan"])],
      }),
      pods: [pod({ name: "p1", node: "nodeA", labels: { foo: "bar" } })],
      nodes: [
        node("nodeA", { zoneLabel: "az1", hostname: "h1" }),
        node("nodeB", { zoneLabel: "az2", hostname: "h2" }),
      ],
      want: [unresolvable(ErrAffinity), unresolvable(ErrAffinity)],
    },
    {
      name: "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
      pod: pod({ anti: [inTerm("foo", "region", ["abc"])] }),
      pods: [pod({ node: "nodeA", labels: { foo: "abc" } })],
      nodes: [
        node("nodeA", { region: "r1", hostname: "nodeA" }),
        node("nodeB", { region: "r1", hostname: "nodeB" }),
      ],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti)],
    },
    {
      name: "This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
      pod: pod({ anti: [inTerm("foo", "region", ["abc"]), inTerm("service", "zone", ["securityscan"])] }),
      pods: [pod({ node: "nodeA", labels: { foo: "abc", service: "securityscan" } })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti)],
    },
    {
      name: "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
      pod: pod({ anti: [inTerm("foo", "region", ["abc"])] }),
      pods: [pod({ node: "nodeA", labels: { foo: "abc" } })],
      nodes: [node("nodeA", labelRgChina), node("nodeB", labelRgChinaAzAz1), node("nodeC", labelRgIndia)],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti), undefined],
    },
    {
      name: "NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
      pod: pod({ ns: "NS1", labels: { foo: "123" }, anti: [inTerm("foo", "region", ["bar"])] }),
      pods: [
        pod({ node: "nodeA", ns: "NS1", labels: { foo: "bar" } }),
        pod({ node: "nodeC", ns: "NS2", anti: [inTerm("foo", "region", ["123"])] }),
      ],
      nodes: [node("nodeA", labelRgChina), node("nodeB", labelRgChinaAzAz1), node("nodeC", labelRgIndia)],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti), undefined],
    },
    {
      name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
      pod: pod({ labels: { foo: "" } }),
      pods: [pod({ node: "nodeA", anti: [existsTerm("foo", "invalid-node-label")] })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z1", "nodeB"))],
      pre: skip,
      want: [undefined, undefined],
    },
    {
      name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
      pod: pod({ node: "nodeA", anti: [existsTerm("foo", "invalid-node-label")] }),
      pods: [pod({ node: "nodeA", labels: { foo: "" } })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z1", "nodeB"))],
      want: [undefined, undefined],
    },
    {
      name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
      pod: pod({ labels: { foo: "", bar: "" } }),
      pods: [
        pod({ node: "nodeA", anti: [existsTerm("foo", "zone")] }),
        pod({ node: "nodeA", anti: [existsTerm("bar", "region")] }),
      ],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrExisting), unschedulable(ErrExisting)],
    },
    {
      name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
      pod: pod({ anti: [existsTerm("foo", "zone"), existsTerm("bar", "region")] }),
      pods: [pod({ node: "nodeA", labels: { foo: "" } }), pod({ node: "nodeB", labels: { bar: "" } })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti)],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: pod({ labels: { foo: "", bar: "" } }),
      pods: [
        pod({ node: "nodeA", anti: [existsTerm("foo", "invalid-node-label"), existsTerm("bar", "zone")] }),
      ],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrExisting), undefined],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: pod({ anti: [existsTerm("foo", "invalid-node-label"), existsTerm("bar", "zone")] }),
      pods: [pod({ name: "podA", node: "nodeA", labels: { foo: "", bar: "" } })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrAnti), undefined],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: pod({ labels: { foo: "", bar: "" } }),
      pods: [pod({ node: "nodeA", anti: [existsTerm("foo", "region"), existsTerm("bar", "zone")] })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrExisting), unschedulable(ErrExisting)],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: pod({ anti: [existsTerm("foo", "region"), existsTerm("bar", "zone")] }),
      pods: [pod({ node: "nodeA", labels: { foo: "", bar: "" } })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unschedulable(ErrAnti), unschedulable(ErrAnti)],
    },
    {
      name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
      pod: pod({ labels: { foo: "", bar: "" } }),
      pods: [
        pod({ node: "nodeA", anti: [existsTerm("foo", "zone"), existsTerm("labelA", "zone")] }),
        pod({ node: "nodeB", anti: [existsTerm("bar", "zone"), existsTerm("labelB", "zone")] }),
      ],
      nodes: [
        node("nodeA", abc("z1", "nodeA")),
        node("nodeB", abc("z2", "nodeB")),
        node("nodeC", abc("z3", "nodeC")),
      ],
      want: [unschedulable(ErrExisting), unschedulable(ErrExisting), undefined],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
      pod: pod({ aff: [existsTerm("foo", "region"), existsTerm("bar", "zone")] }),
      pods: [pod({ name: "pod1", labels: { foo: "", bar: "" }, node: "nodeA" })],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z1", "nodeB"))],
      want: [undefined, undefined],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
      pod: pod({ aff: [existsTerm("foo", "region"), existsTerm("bar", "zone")] }),
      pods: [
        pod({ node: "nodeA", name: "pod1", labels: { foo: "" } }),
        pod({ node: "nodeB", name: "pod2", labels: { bar: "" } }),
      ],
      nodes: [node("nodeA", abc("z1", "nodeA")), node("nodeB", abc("z2", "nodeB"))],
      want: [unresolvable(ErrAffinity), unresolvable(ErrAffinity)],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = run(c.pod, c.pods, c.nodes);
      expect(got.pre).toEqual(c.pre);
      if (got.filter) expect(got.filter).toEqual(c.want);
    });
});

describe("InterPodAffinity (TestPreFilterDisabled)", () => {
  it("Filter without PreFilter's state is an error", () => {
    const pl = new InterPodAffinityPlugin(makeHandle([]));
    const s = pl.filter(new CycleState(), newPodInfo(pod({})), makeNodeInfo(node("")));
    expect(view(s)).toEqual({
      code: Code.Error,
      reasons: [`error reading "PreFilterInterPodAffinity" from cycleState: not found`],
    });
  });
});

describe("InterPodAffinity PreFilter extensions (TestPreFilterStateAddRemovePod)", () => {
  const label1 = { region: "r1", zone: "z11" };
  const label2 = { region: "r1", zone: "z12" };
  const label3 = { region: "r2", zone: "z21" };
  const selector1 = { foo: "bar" };
  const antiFooBar = [inTerm("foo", "region", ["bar"])];
  const complex = [
    inTerm("foo", "region", ["bar", "buzz"]),
    notInTerm("service", "zone", ["bar", "security", "test"]),
  ];
  const nodes = [node("nodeA", label1), node("nodeB", label2), node("nodeC", label3)];
  // The counts PreFilter keeps, read through the state (key=value → count, zero counts left out).
  type Counts = Record<string, number>;
  function counts(state: CycleState): { anti: Counts; affinity: Counts; existing: Counts } {
    // biome-ignore lint/suspicious/noExplicitAny: the plugin's private state, read as upstream's test does
    const s = state.read<any>("PreFilterInterPodAffinity");
    const out = { anti: {} as Counts, affinity: {} as Counts, existing: {} as Counts };
    for (const n of nodes)
      for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
        const pair = `${k}=${v}`;
        const a = s.antiAffinityCounts.get(k, v);
        const f = s.affinityCounts.get(k)?.get(v) ?? 0;
        const e = s.existingAntiAffinityCounts.get(k, v);
        if (a) out.anti[pair] = a;
        if (f) out.affinity[pair] = f;
        if (e) out.existing[pair] = e;
      }
    return out;
  }
  const cases: {
    name: string;
    pending: Pod;
    existing: () => Pod[];
    added: Pod;
    anti: Counts;
    affinity: Counts;
  }[] = [
    {
      name: "preFilterState anti-affinity terms are updated correctly after adding and removing a pod",
      pending: pod({ name: "pending", labels: selector1, anti: antiFooBar }),
      existing: () => [
        pod({ name: "p1", labels: selector1, node: "nodeA" }),
        pod({ name: "p2", node: "nodeC", anti: antiFooBar }),
      ],
      added: pod({ name: "addedPod", labels: selector1, node: "nodeB", anti: antiFooBar }),
      anti: { "region=r1": 2 },
      affinity: {},
    },
    {
      name: "preFilterState anti-affinity terms are updated correctly after adding and removing a pod (complex)",
      pending: pod({ name: "pending", labels: selector1, anti: complex }),
      existing: () => [
        pod({ name: "p1", labels: selector1, node: "nodeA" }),
        pod({ name: "p2", node: "nodeC", anti: antiFooBar }),
      ],
      added: pod({ name: "addedPod", labels: selector1, node: "nodeA", anti: complex }),
      anti: { "region=r1": 2, "zone=z11": 2, "zone=z21": 1 },
      affinity: {},
    },
    {
      name: "preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod",
      pending: pod({ name: "pending", labels: selector1, aff: complex }),
      existing: () => [
        pod({ name: "p1", labels: selector1, node: "nodeA" }),
        pod({
          name: "p2",
          node: "nodeC",
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: antiFooBar },
            podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: complex },
          },
        }),
      ],
      added: pod({ name: "addedPod", labels: selector1, node: "nodeA", anti: complex }),
      anti: {},
      affinity: { "region=r1": 2, "zone=z11": 2 },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const prefilter = (pods: Pod[]) => {
        const infos = infosOf(pods, nodes);
        const pl = new InterPodAffinityPlugin(makeHandle(infos));
        const state = new CycleState();
        const { status } = pl.preFilter(state, newPodInfo(c.pending));
        expect(isSuccess(status)).toBe(true);
        return { pl, state, infos };
      };
      const all = counts(prefilter([...c.existing(), c.added]).state);
      const { pl, state, infos } = prefilter(c.existing());
      const original = counts(state);
      const ni = infos.find((n) => n.name === c.added.spec?.nodeName) as NodeInfo;
      const ext = pl.preFilterExtensions();
      ext.addPod(state, newPodInfo(c.pending), newPodInfo(c.added), ni);
      const added = counts(state);
      expect(added.anti).toEqual(c.anti);
      expect(added.affinity).toEqual(c.affinity);
      expect(added).toEqual(all);
      ext.removePod(state, newPodInfo(c.pending), newPodInfo(c.added), ni);
      expect(counts(state)).toEqual(original);
    });
});
