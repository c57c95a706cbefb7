// Ported from kubernetes/kubernetes release-1.32
// pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go: TestPreferredAffinity and
// TestPreferredAffinityWithHardPodAffinitySymmetricWeight.
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { Code, isSuccess } from "../../framework/status";
import { makeHandle, makeNodeInfo, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { type InterPodAffinityArgs, InterPodAffinityPlugin } from "./interpod-affinity";
import { NAMESPACES, node, pod, type Term, term } from "./testing";

function run(
  incoming: Pod,
  pods: Pod[],
  nodes: Node[],
  args: InterPodAffinityArgs = { hardPodAffinityWeight: 1 },
) {
  const infos = nodes.map((n) =>
    makeNodeInfo(n, ...pods.filter((p) => p.spec?.nodeName === n.metadata.name)),
  );
  const pl = new InterPodAffinityPlugin(makeHandle(infos, NAMESPACES), args);
  const p = newPodInfo(incoming);
  const state = new CycleState();
  const status = pl.preScore(state, p, infos);
  if (!isSuccess(status)) return { code: status?.code, message: status?.message() };
  return { scores: scoreAll(pl, state, p, infos).map((s) => s.score) };
}

const weighted = (weight: number, t: Term) => ({ weight, podAffinityTerm: t });
const prefAffinity = (...w: ReturnType<typeof weighted>[]) => ({
  podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: w },
});
const prefAnti = (...w: ReturnType<typeof weighted>[]) => ({
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: w },
});
const team1 = { matchExpressions: [{ key: "team", operator: "In", values: ["team1"] }] };

describe("InterPodAffinity Score (TestPreferredAffinity)", () => {
  const labelRgChina = { region: "China" };
  const labelRgIndia = { region: "India" };
  const labelAzAz1 = { az: "az1" };
  const labelAzAz2 = { az: "az2" };
  const labelRgChinaAzAz1 = { region: "China", az: "az1" };
  const S1 = { security: "S1" };
  const S2 = { security: "S2" };
  const stayWithS1InRegion = prefAffinity(weighted(5, term("security", "In", "region", ["S1"])));
  const stayWithS2InRegion = prefAffinity(weighted(6, term("security", "In", "region", ["S2"])));
  const affinity3 = prefAffinity(
    weighted(8, {
      labelSelector: {
        matchExpressions: [
          { key: "security", operator: "NotIn", values: ["S1"] },
          { key: "security", operator: "In", values: ["S2"] },
        ],
      },
      topologyKey: "region",
    }),
    weighted(2, {
      labelSelector: {
        matchExpressions: [
          { key: "security", operator: "Exists" },
          { key: "wrongkey", operator: "DoesNotExist" },
        ],
      },
      topologyKey: "region",
    }),
  );
  const hardAffinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        term("security", "In", "region", ["S1", "value2"]),
        {
          labelSelector: {
            matchExpressions: [
              { key: "security", operator: "Exists" },
              { key: "wrongkey", operator: "DoesNotExist" },
            ],
          },
          topologyKey: "region",
        },
      ],
    },
  };
  const awayFromS1InAz = prefAnti(weighted(5, term("security", "In", "az", ["S1"])));
  const awayFromS2InAz = prefAnti(weighted(5, term("security", "In", "az", ["S2"])));
  const stayWithS1InRegionAwayFromS2InAz = {
    ...prefAffinity(weighted(8, term("security", "In", "region", ["S1"]))),
    ...prefAnti(weighted(5, term("security", "In", "az", ["S2"]))),
  };
  const nsTerm = {
    ...term("security", "In", "region", ["S1"]),
    namespaces: ["subteam2.team2"],
    namespaceSelector: team1,
  };
  const affinityNamespaceSelector = prefAffinity(weighted(5, nsTerm));
  const antiAffinityNamespaceSelector = prefAnti(weighted(5, nsTerm));
  const invalidAffinityLabels = prefAffinity(
    weighted(8, term("security", "In", "region", ["{{.bad-value.}}"])),
  );
  const invalidAntiAffinityLabels = prefAnti(weighted(5, term("security", "In", "az", ["{{.bad-value.}}"])));

  const cases: {
    name: string;
    pod: Pod;
    pods?: Pod[];
    nodes: Node[];
    want?: number[];
    status?: { code: Code; message: string };
    ignorePreferredTermsOfExistingPods?: boolean;
  }[] = [
    {
      name: "all nodes are same priority as Affinity is nil",
      pod: pod({ labels: S1 }),
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      status: { code: Code.Skip, message: "" },
    },
    {
      name: "Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
      pod: pod({ labels: S1, affinity: stayWithS1InRegion }),
      pods: [
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node2", labels: S2 }),
        pod({ node: "node3", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [100, 0, 0],
    },
    {
      name: "All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
      pod: pod({ affinity: stayWithS1InRegion }),
      pods: [pod({ node: "node1", labels: S1 })],
      nodes: [node("node1", labelRgChina), node("node2", labelRgChinaAzAz1), node("node3", labelRgIndia)],
      want: [100, 100, 0],
    },
    {
      name: "Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score",
      pod: pod({ labels: S1, affinity: stayWithS2InRegion }),
      pods: ["node1", "node1", "node2", "node3", "node4", "node5"].map((n) => pod({ node: n, labels: S2 })),
      nodes: [
        node("node1", labelRgChina),
        node("node2", labelRgIndia),
        node("node3", labelRgChina),
        node("node4", labelRgChina),
        node("node5", labelRgIndia),
      ],
      want: [100, 0, 100, 100, 0],
    },
    {
      name: "Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ",
      pod: pod({ labels: S1, affinity: affinity3 }),
      pods: [
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node2", labels: S2 }),
        pod({ node: "node3", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [20, 100, 0],
    },
    {
      name: "Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
      pod: pod({ labels: S2 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: stayWithS1InRegion }),
        pod({ node: "node2", labels: S2, affinity: stayWithS2InRegion }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [0, 100, 0],
    },
    {
      name: "Affinity symmetry with namespace selector",
      pod: pod({ ns: "subteam1.team1", labels: S1 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: affinityNamespaceSelector }),
        pod({ node: "node2", labels: S2, affinity: stayWithS2InRegion }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [100, 0, 0],
    },
    {
      name: "AntiAffinity symmetry with namespace selector",
      pod: pod({ ns: "subteam1.team1", labels: S1 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: antiAffinityNamespaceSelector }),
        pod({ node: "node2", labels: S2, affinity: stayWithS2InRegion }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [0, 100, 100],
    },
    {
      name: "Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
      pod: pod({ labels: S1 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: hardAffinity }),
        pod({ node: "node2", labels: S2, affinity: hardAffinity }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia), node("node3", labelAzAz1)],
      want: [100, 100, 0],
    },
    {
      name: "Anti Affinity: pod that does not match existing pods in node will get high score ",
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: "node1", labels: S1 }), pod({ node: "node2", labels: S2 })],
      nodes: [node("node1", labelAzAz1), node("node2", labelRgChina)],
      want: [0, 100],
    },
    {
      name: "Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ",
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: "node1", labels: S1 }), pod({ node: "node2", labels: S1 })],
      nodes: [node("node1", labelAzAz1), node("node2", labelRgChina)],
      want: [0, 100],
    },
    {
      name: "Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score",
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node2", labels: S2 }),
      ],
      nodes: [node("node1", labelAzAz1), node("node2", labelRgIndia)],
      want: [0, 100],
    },
    {
      name: "Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score",
      pod: pod({ labels: S2 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: awayFromS2InAz }),
        pod({ node: "node2", labels: S2, affinity: awayFromS1InAz }),
      ],
      nodes: [node("node1", labelAzAz1), node("node2", labelAzAz2)],
      want: [0, 100],
    },
    {
      name: "Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity",
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [pod({ node: "node1", labels: S1 }), pod({ node: "node2", labels: S1 })],
      nodes: [node("node1", labelRgChina), node("node2", labelAzAz1)],
      want: [100, 0],
    },
    {
      name: "Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels",
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: ["node1", "node1", "node2", "node3", "node3", "node4", "node5"].map((n) =>
        pod({ node: n, labels: S1 }),
      ),
      nodes: [
        node("node1", labelRgChinaAzAz1),
        node("node2", labelRgIndia),
        node("node3", labelRgChina),
        node("node4", labelRgChina),
        node("node5", labelRgIndia),
      ],
      want: [100, 0, 100, 100, 0],
    },
    {
      name: "Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry",
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node2", labels: S2 }),
        pod({ node: "node3", affinity: stayWithS1InRegionAwayFromS2InAz }),
        pod({ node: "node4", affinity: awayFromS1InAz }),
      ],
      nodes: [
        node("node1", labelRgChina),
        node("node2", labelAzAz1),
        node("node3", labelRgIndia),
        node("node4", labelAzAz2),
      ],
      want: [100, 0, 100, 0],
    },
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: pod({ labels: S1 }),
      pods: [
        pod({ node: "node1", labels: S1 }),
        pod({ node: "node2", affinity: stayWithS1InRegionAwayFromS2InAz }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgChina)],
      want: [0, 0],
    },
    {
      name: "invalid Affinity fails PreScore",
      pod: pod({ affinity: invalidAffinityLabels }),
      nodes: [node("node1", labelRgChina), node("node2", labelRgChina)],
      status: { code: Code.Error, message: `Invalid value: "{{.bad-value.}}"` },
    },
    {
      name: "invalid AntiAffinity fails PreScore",
      pod: pod({ affinity: invalidAntiAffinityLabels }),
      nodes: [node("node1", labelRgChina), node("node2", labelRgChina)],
      status: { code: Code.Error, message: `Invalid value: "{{.bad-value.}}"` },
    },
    {
      name: "Affinity with pods matching NamespaceSelector",
      pod: pod({ ns: "subteam1.team1", labels: S1, affinity: affinityNamespaceSelector }),
      pods: [
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team2", labels: S1 }),
        pod({ node: "node2", ns: "subteam2.team1", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      want: [100, 0],
    },
    {
      name: "Affinity with pods matching both NamespaceSelector and Namespaces fields",
      pod: pod({ ns: "subteam1.team1", labels: S1, affinity: affinityNamespaceSelector }),
      pods: [
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam2.team2", labels: S1 }),
        pod({ node: "node2", ns: "subteam2.team1", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      want: [100, 0],
    },
    {
      name: "Affinity with pods matching NamespaceSelector (anti-affinity)",
      pod: pod({ ns: "subteam1.team1", labels: S1, affinity: antiAffinityNamespaceSelector }),
      pods: [
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team2", labels: S1 }),
        pod({ node: "node2", ns: "subteam2.team1", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      want: [0, 100],
    },
    {
      name: "Affinity with pods matching both NamespaceSelector and Namespaces fields (anti-affinity)",
      pod: pod({ ns: "subteam1.team1", labels: S1, affinity: antiAffinityNamespaceSelector }),
      pods: [
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam1.team1", labels: S1 }),
        pod({ node: "node1", ns: "subteam2.team2", labels: S1 }),
        pod({ node: "node2", ns: "subteam2.team1", labels: S1 }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      want: [0, 100],
    },
    {
      name: "Ignore preferred terms of existing pods",
      pod: pod({ labels: S2 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
        pod({ node: "node2", labels: S2, affinity: stayWithS2InRegion }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      status: { code: Code.Skip, message: "" },
      ignorePreferredTermsOfExistingPods: true,
    },
    {
      name: "Do not ignore preferred terms of existing pods",
      pod: pod({ labels: S2 }),
      pods: [
        pod({ node: "node1", labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
        pod({ node: "node2", labels: S2, affinity: stayWithS2InRegion }),
      ],
      nodes: [node("node1", labelRgChina), node("node2", labelRgIndia)],
      want: [0, 100],
      ignorePreferredTermsOfExistingPods: false,
    },
    {
      name: "No nodes to score",
      pod: pod({ labels: S2 }),
      nodes: [],
      status: { code: Code.Skip, message: "" },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = run(c.pod, c.pods ?? [], c.nodes, {
        hardPodAffinityWeight: 1,
        ignorePreferredTermsOfExistingPods: c.ignorePreferredTermsOfExistingPods,
      });
      if (c.status) {
        expect(got.code).toBe(c.status.code);
        expect(got.message).toContain(c.status.message);
      } else expect(got.scores).toEqual(c.want);
    });
});

describe("InterPodAffinity Score (TestPreferredAffinityWithHardPodAffinitySymmetricWeight)", () => {
  const S1 = { service: "S1" };
  const hardPodAffinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          ...term("service", "In", "region", ["S1"]),
          namespaces: ["", "subteam2.team2"],
          namespaceSelector: team1,
        },
      ],
    },
  };
  const nodes = () => [
    node("node1", { region: "China" }),
    node("node2", { region: "India" }),
    node("node3", { az: "az1" }),
  ];
  const existing = () => [
    pod({ node: "node1", affinity: hardPodAffinity }),
    pod({ node: "node2", affinity: hardPodAffinity }),
  ];
  const cases: { name: string; ns?: string; weight: number; want?: number[]; skip?: boolean }[] = [
    { name: "with default weight", weight: 1, want: [100, 100, 0] },
    { name: "with zero weight", weight: 0, skip: true },
    { name: "with no matching namespace", ns: "subteam1.team2", weight: 1, skip: true },
    { name: "with matching NamespaceSelector", ns: "subteam1.team1", weight: 1, want: [100, 100, 0] },
    { name: "with matching Namespaces", ns: "subteam2.team2", weight: 1, want: [100, 100, 0] },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = run(pod({ ns: c.ns, labels: S1 }), existing(), nodes(), {
        hardPodAffinityWeight: c.weight,
      });
      if (c.skip) expect(got).toEqual({ code: Code.Skip, message: "" });
      else expect(got.scores).toEqual(c.want);
    });
});
