// Ported from kubernetes/kubernetes release-1.32
// pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go: TestPreScoreSkip,
// TestPreScoreStateEmptyNodes and TestPodTopologySpreadScore (system default constraints included).
//
// Kubeglass models v1.32 with its default feature gates (NodeInclusionPolicyInPodTopologySpread,
// MatchLabelKeysInPodTopologySpread on); cases run with a gate off upstream are kept where their
// expectation is the same with the gate on, and the one that differs is skipped.
//
// PreScore state: upstream keys nodes without a topology key under "" in TopologyValueToPodCounts
// (system defaulting keeps them); Kubeglass keys them under undefined, shown here as "".
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNodeInfo, scoreAll } from "../../framework/testing";
import { type NodeInfo, newPodInfo } from "../../framework/types";
import {
  type Constraint,
  matchNothing,
  type PodTopologySpreadArgs,
  PodTopologySpreadPlugin,
  type PreScoreState,
  preScoreKey,
} from "./pod-topology-spread";
import {
  barSelector,
  fooSelector,
  handleWith,
  incoming,
  LABEL_HOSTNAME,
  LABEL_ZONE,
  labelSelector,
  node,
  nodeAffinityIn,
  ownedByReplicaSet,
  pod,
  replicaSet,
  service,
  snapshot,
  spread,
  taints,
} from "./testing";

const DNS = "DoNotSchedule";
const SA = "ScheduleAnyway";
const HOST = LABEL_HOSTNAME;
const foo = { foo: "" };
const bar = { bar: "" };
const fooBar = { foo: "", bar: "" };
const list: PodTopologySpreadArgs = { defaultingType: "List" };

/** topologyNormalizingWeight(size). */
const weight = (size: number) => Math.log(size + 2);

describe("PodTopologySpread PreScore skips (TestPreScoreSkip)", () => {
  const cases: { name: string; pod: Pod; nodes: Node[]; objs?: KubeObject[]; args: PodTopologySpreadArgs }[] =
    [
      {
        name: "the pod doesn't have soft topology spread Constraints",
        pod: incoming({}),
        args: list,
        nodes: [node("node-a", { [HOST]: "node-a" }), node("node-b", { [HOST]: "node-b" })],
      },
      {
        name: "default constraints and a replicaset that doesn't match",
        pod: incoming({ foo: "bar", baz: "sup" }, [], {}, ownedByReplicaSet("rs2")),
        args: {
          defaultConstraints: [{ maxSkew: 2, topologyKey: "planet", whenUnsatisfiable: SA }],
          defaultingType: "List",
        },
        nodes: [node("node-a", { planet: "mars" })],
        objs: [replicaSet("rs1", { matchExpressions: [{ key: "tar", operator: "Exists" }] })],
      },
    ];
  for (const tc of cases)
    it(tc.name, () => {
      const pl = new PodTopologySpreadPlugin(handleWith(snapshot(tc.nodes), tc.objs), tc.args);
      const filtered = tc.nodes.map((n) => makeNodeInfo(n));
      expect(pl.preScore(new CycleState(), newPodInfo(tc.pod), filtered)?.code).toBe(Code.Skip);
    });
});

type Policy = "Honor" | "Ignore";
interface WantConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector | null;
  nodeAffinityPolicy: Policy;
  nodeTaintsPolicy: Policy;
}
const want = (
  maxSkew: number,
  topologyKey: string,
  selector: LabelSelector | null,
  policies: { nodeAffinityPolicy?: Policy; nodeTaintsPolicy?: Policy } = {},
): WantConstraint => ({
  maxSkew,
  topologyKey,
  selector,
  nodeAffinityPolicy: "Honor",
  nodeTaintsPolicy: "Ignore",
  ...policies,
});
/** A selector as its sorted requirements (labels.Selector's form: matchLabels are `=` requirements). */
function requirements(sel: LabelSelector): string[] {
  const out = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k} In ${v}`);
  for (const r of sel.matchExpressions ?? [])
    out.push(`${r.key} ${r.operator} ${[...(r.values ?? [])].sort().join(",")}`);
  return out.sort();
}
const viewConstraint = (c: Constraint | WantConstraint) => ({
  maxSkew: c.maxSkew,
  topologyKey: c.topologyKey,
  selector: requirements(c.selector ?? matchNothing),
  minDomains: "minDomains" in c ? c.minDomains : 1,
  nodeAffinityPolicy: c.nodeAffinityPolicy,
  nodeTaintsPolicy: c.nodeTaintsPolicy,
});

describe("PodTopologySpread PreScore state (TestPreScoreStateEmptyNodes)", () => {
  interface Case {
    name: string;
    pod: Pod;
    nodes: Node[];
    objs?: KubeObject[];
    args: PodTopologySpreadArgs;
    want: {
      constraints: WantConstraint[];
      ignoredNodes: string[];
      topologyValueToPodCounts: Record<string, number>[];
      topologyNormalizingWeight: number[];
    };
  }
  const zoneNodes = () => [
    node("node-a", { zone: "zone1", [HOST]: "node-a" }),
    node("node-b", { zone: "zone1", [HOST]: "node-b" }),
    node("node-x", { zone: "zone2", [HOST]: "node-x" }),
  ];
  const inclusionNodes = (xTaints?: unknown[]) => [
    node("node-a", { zone: "zone1", foo: "", [HOST]: "node-a" }),
    node("node-b", { zone: "zone1", foo: "", [HOST]: "node-b" }),
    node("node-x", { zone: "zone2", [HOST]: "node-x" }, xTaints),
  ];
  const oneZoneConstraint = (c: WantConstraint) => ({
    constraints: [c],
    ignoredNodes: [],
    topologyValueToPodCounts: [{ zone1: 0, zone2: 0 }],
    topologyNormalizingWeight: [weight(2)],
  });
  const cases: Case[] = [
    {
      name: "normal case",
      pod: incoming(foo, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, fooSelector)]),
      nodes: zoneNodes(),
      args: list,
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, HOST, fooSelector)],
        ignoredNodes: [],
        topologyValueToPodCounts: [{ zone1: 0, zone2: 0 }, {}],
        topologyNormalizingWeight: [weight(2), weight(3)],
      },
    },
    {
      name: "null selector",
      pod: incoming(foo, [spread(1, "zone", SA, null)]),
      nodes: zoneNodes(),
      args: list,
      want: oneZoneConstraint(want(1, "zone", null)),
    },
    {
      name: "node-x doesn't have label zone",
      pod: incoming(foo, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, barSelector)]),
      nodes: [
        node("node-a", { zone: "zone1", [HOST]: "node-a" }),
        node("node-b", { zone: "zone1", [HOST]: "node-b" }),
        node("node-x", { [HOST]: "node-x" }),
      ],
      args: list,
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, HOST, barSelector)],
        ignoredNodes: ["node-x"],
        topologyValueToPodCounts: [{ zone1: 0 }, {}],
        topologyNormalizingWeight: [weight(1), weight(2)],
      },
    },
    {
      name: "system default constraints and a replicaset",
      pod: incoming({ foo: "tar", baz: "sup" }, [], {}, ownedByReplicaSet("rs1")),
      args: { defaultingType: "System" },
      nodes: [
        node("node-a", { [HOST]: "node-a", [LABEL_ZONE]: "mars" }),
        node("node-b", { [HOST]: "node-b", [LABEL_ZONE]: "mars" }),
        // Nodes with no zone are not excluded. They are considered a separate zone.
        node("node-c", { [HOST]: "node-c" }),
        node("node-d", { [HOST]: "node-d" }),
      ],
      objs: [replicaSet("rs1", fooSelector)],
      want: {
        constraints: [want(3, HOST, fooSelector), want(5, LABEL_ZONE, fooSelector)],
        ignoredNodes: [],
        topologyValueToPodCounts: [{}, { mars: 0, "": 0 }],
        topologyNormalizingWeight: [weight(4), weight(2)],
      },
    },
    {
      name: "default constraints and a replicaset",
      pod: incoming({ foo: "tar", baz: "sup" }, [], {}, ownedByReplicaSet("rs1")),
      args: {
        defaultConstraints: [
          { maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: SA },
          { maxSkew: 2, topologyKey: "rack", whenUnsatisfiable: DNS },
          { maxSkew: 2, topologyKey: "planet", whenUnsatisfiable: SA },
        ],
        defaultingType: "List",
      },
      nodes: [node("node-a", { rack: "rack1", [HOST]: "node-a", planet: "mars" })],
      objs: [replicaSet("rs1", fooSelector)],
      want: {
        constraints: [want(1, HOST, fooSelector), want(2, "planet", fooSelector)],
        ignoredNodes: [],
        topologyValueToPodCounts: [{}, { mars: 0 }],
        topologyNormalizingWeight: [weight(1), weight(1)],
      },
    },
    {
      name: "default constraints and a replicaset, but pod has constraints",
      pod: incoming(
        { foo: "bar", baz: "sup" },
        [spread(1, "zone", DNS, barSelector), spread(2, "planet", SA, labelSelector({ baz: "sup" }))],
        {},
        ownedByReplicaSet("rs1"),
      ),
      args: {
        defaultConstraints: [{ maxSkew: 2, topologyKey: "galaxy", whenUnsatisfiable: SA }],
        defaultingType: "List",
      },
      nodes: [node("node-a", { planet: "mars", galaxy: "andromeda" })],
      objs: [replicaSet("rs1", fooSelector)],
      want: {
        constraints: [want(2, "planet", labelSelector({ baz: "sup" }))],
        ignoredNodes: [],
        topologyValueToPodCounts: [{ mars: 0 }],
        topologyNormalizingWeight: [weight(1)],
      },
    },
    {
      name: "NodeAffinityPolicy honored with labelSelectors",
      pod: incoming(foo, [spread(1, "zone", SA, barSelector)], { nodeSelector: foo }),
      nodes: inclusionNodes(),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector)),
    },
    {
      name: "NodeAffinityPolicy ignored with labelSelectors",
      pod: incoming(foo, [spread(1, "zone", SA, barSelector, { nodeAffinityPolicy: "Ignore" })], {
        nodeSelector: foo,
      }),
      nodes: inclusionNodes(),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector, { nodeAffinityPolicy: "Ignore" })),
    },
    {
      name: "NodeAffinityPolicy honored with nodeAffinity",
      pod: incoming(foo, [spread(1, "zone", SA, barSelector)], nodeAffinityIn("foo", [""])),
      nodes: inclusionNodes(),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector)),
    },
    {
      name: "NodeAffinityPolicy ignored with nodeAffinity",
      pod: incoming(
        foo,
        [spread(1, "zone", SA, barSelector, { nodeAffinityPolicy: "Ignore" })],
        nodeAffinityIn("foo", [""]),
      ),
      nodes: inclusionNodes(),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector, { nodeAffinityPolicy: "Ignore" })),
    },
    {
      name: "NodeTaintsPolicy honored",
      pod: incoming(foo, [spread(1, "zone", SA, barSelector, { nodeTaintsPolicy: "Honor" })]),
      nodes: inclusionNodes(taints),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector, { nodeTaintsPolicy: "Honor" })),
    },
    {
      name: "NodeTaintsPolicy ignored",
      pod: incoming(foo, [spread(1, "zone", SA, barSelector)]),
      nodes: inclusionNodes(taints),
      args: list,
      want: oneZoneConstraint(want(1, "zone", barSelector)),
    },
  ];
  for (const tc of cases)
    it(tc.name, () => {
      // cache.NewSnapshot(nil, nodes); PreScore gets fresh NodeInfos of the same nodes.
      const pl = new PodTopologySpreadPlugin(handleWith(snapshot(tc.nodes), tc.objs), tc.args);
      const state = new CycleState();
      const filtered = tc.nodes.map((n) => makeNodeInfo(n));
      expect(pl.preScore(state, newPodInfo(tc.pod), filtered)).toBeUndefined();
      const s = state.read<PreScoreState>(preScoreKey);
      expect(s).toBeDefined();
      const got = s as PreScoreState;
      expect(got.constraints.map(viewConstraint)).toEqual(tc.want.constraints.map(viewConstraint));
      expect([...got.ignoredNodes].sort()).toEqual(tc.want.ignoredNodes);
      expect(
        got.topologyValueToPodCounts.map((m) =>
          Object.fromEntries([...m].map(([k, v]) => [(k as string | undefined) ?? "", v])),
        ),
      ).toEqual(tc.want.topologyValueToPodCounts);
      expect(got.weights.length).toBe(tc.want.topologyNormalizingWeight.length);
      for (const [i, w] of tc.want.topologyNormalizingWeight.entries())
        expect(got.weights[i]).toBeCloseTo(w, 12);
    });
});

describe("PodTopologySpread Score (TestPodTopologySpreadScore)", () => {
  // Legend: X/Y means X matching pods on node1 and Y on node2, both candidates (passed all
  // predicates); X/~Y~ means node2 is not a candidate; X/?Y? means node2 is a candidate but lacks
  // a required topology key.
  interface Case {
    name: string;
    pod: Pod;
    existingPods?: Pod[];
    nodes: Node[];
    failedNodes?: Node[]; // nodes + failedNodes = all nodes
    objs?: KubeObject[];
    want: [string, number][];
    skip?: string;
  }
  const hosts = (...names: string[]) => names.map((n) => node(n, { [HOST]: n }));
  const spread2103 = () => [
    pod("p-a1", "node-a", foo),
    pod("p-a2", "node-a", foo),
    pod("p-b1", "node-b", foo),
    pod("p-d1", "node-d", foo),
    pod("p-d2", "node-d", foo),
    pod("p-d3", "node-d", foo),
  ];
  const spread4321 = () => [
    pod("p-a1", "node-a", foo),
    pod("p-a2", "node-a", foo),
    pod("p-a3", "node-a", foo),
    pod("p-a4", "node-a", foo),
    pod("p-b1", "node-b", foo),
    pod("p-b2", "node-b", foo),
    pod("p-b3", "node-b", foo),
    pod("p-c1", "node-c", foo),
    pod("p-c2", "node-c", foo),
    pod("p-d1", "node-d", foo),
  ];
  const spread4213 = () => [
    pod("p-a1", "node-a", foo),
    pod("p-a2", "node-a", foo),
    pod("p-a3", "node-a", foo),
    pod("p-a4", "node-a", foo),
    pod("p-b1", "node-b", foo),
    pod("p-b2", "node-b", foo),
    pod("p-x1", "node-x", foo),
    pod("p-y1", "node-y", foo),
    pod("p-y2", "node-y", foo),
    pod("p-y3", "node-y", foo),
  ];
  const zh = (name: string, zone: string) => node(name, { zone, [HOST]: name });
  const nodes4 = () => [
    zh("node-a", "zone1"),
    zh("node-b", "zone1"),
    zh("node-x", "zone2"),
    zh("node-y", "zone2"),
  ];
  const policyNodes = (cTaints?: unknown[]) =>
    cTaints
      ? [
          node("node-a", { node: "node-a" }),
          node("node-b", { node: "node-b" }),
          node("node-c", { node: "node-c" }, cTaints),
        ]
      : [
          node("node-a", { node: "node-a", foo: "" }),
          node("node-b", { node: "node-b", foo: "" }),
          node("node-c", { node: "node-c" }),
        ];
  const policyPods = () => [
    pod("p-a1", "node-a", foo),
    pod("p-a2", "node-a", foo),
    pod("p-b1", "node-b", foo),
    pod("p-c1", "node-c", foo),
  ];
  const zoneHostNodes = () => [
    zh("node-a", "zone1"),
    zh("node-b", "zone1"),
    zh("node-c", "zone2"),
    zh("node-d", "zone2"),
  ];
  const cases: Case[] = [
    {
      name: "one constraint on node, no existing pods",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      nodes: hosts("node-a", "node-b"),
      want: [
        ["node-a", 100],
        ["node-b", 100],
      ],
    },
    {
      // if there is only one candidate node, it should be scored to 100
      name: "one constraint on node, only one node is candidate",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: [pod("p-a1", "node-a", foo), pod("p-a2", "node-a", foo), pod("p-b1", "node-b", foo)],
      nodes: hosts("node-a"),
      failedNodes: hosts("node-b"),
      want: [["node-a", 100]],
    },
    {
      name: "one constraint on node, all nodes have the same number of matching pods",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: [pod("p-a1", "node-a", foo), pod("p-b1", "node-b", foo)],
      nodes: hosts("node-a", "node-b"),
      want: [
        ["node-a", 100],
        ["node-b", 100],
      ],
    },
    {
      // matching pods spread as 2/1/0/3.
      name: "one constraint on node, all 4 nodes are candidates",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: spread2103(),
      nodes: hosts("node-a", "node-b", "node-c", "node-d"),
      want: [
        ["node-a", 20],
        ["node-b", 60],
        ["node-c", 100],
        ["node-d", 0],
      ],
    },
    {
      name: "one constraint on node, null selector",
      pod: incoming(foo, [spread(1, HOST, SA, null)]),
      existingPods: spread2103(),
      nodes: hosts("node-a", "node-b", "node-c", "node-d"),
      want: [
        ["node-a", 100],
        ["node-b", 100],
        ["node-c", 100],
        ["node-d", 100],
      ],
    },
    {
      // matching pods spread as 2/1/0/3.
      name: "one constraint on node, all 4 nodes are candidates, maxSkew=2",
      pod: incoming(foo, [spread(2, HOST, SA, fooSelector)]),
      existingPods: spread2103(),
      nodes: hosts("node-a", "node-b", "node-c", "node-d"),
      want: [
        ["node-a", 33], // +13, compared to maxSkew=1
        ["node-b", 66], // +6, compared to maxSkew=1
        ["node-c", 100],
        ["node-d", 16], // +16, compared to maxSkew=1
      ],
    },
    {
      // matching pods spread as 4/3/2/1.
      name: "one constraint on node, all 4 nodes are candidates, maxSkew=3",
      pod: incoming(foo, [spread(3, HOST, SA, fooSelector)]),
      existingPods: spread4321(),
      nodes: hosts("node-a", "node-b", "node-c", "node-d"),
      want: [
        ["node-a", 44], // +16 compared to maxSkew=1
        ["node-b", 66], // +9 compared to maxSkew=1
        ["node-c", 77], // +6 compared to maxSkew=1
        ["node-d", 100],
      ],
    },
    {
      name: "system defaulting, nodes don't have zone, pods match service",
      pod: incoming(foo),
      existingPods: spread4321(),
      nodes: hosts("node-a", "node-b", "node-c", "node-d"),
      objs: [service("svc", foo)],
      want: [
        // Same scores as if we were using one spreading constraint.
        ["node-a", 44],
        ["node-b", 66],
        ["node-c", 77],
        ["node-d", 100],
      ],
    },
    {
      // matching pods spread as 4/2/1/~3~ (node4 is not a candidate)
      name: "one constraint on node, 3 out of 4 nodes are candidates",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: spread4213(),
      nodes: hosts("node-a", "node-b", "node-x"),
      failedNodes: hosts("node-y"),
      want: [
        ["node-a", 33],
        ["node-b", 83],
        ["node-x", 100],
      ],
    },
    {
      // matching pods spread as 4/?2?/1/~3~, total = 4+?+1 = 5 (as node2 is problematic)
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: spread4213(),
      nodes: [
        node("node-a", { [HOST]: "node-a" }),
        node("node-b", { n: "node-b" }), // label `n` doesn't match topologyKey
        node("node-x", { [HOST]: "node-x" }),
      ],
      failedNodes: hosts("node-y"),
      want: [
        ["node-a", 16],
        ["node-b", 0],
        ["node-x", 100],
      ],
    },
    {
      // matching pods spread as 4/2/1/~3~
      name: "one constraint on zone, 3 out of 4 nodes are candidates",
      pod: incoming(foo, [spread(1, "zone", SA, fooSelector)]),
      existingPods: spread4213(),
      nodes: [zh("node-a", "zone1"), zh("node-b", "zone1"), zh("node-x", "zone2")],
      failedNodes: [zh("node-y", "zone2")],
      want: [
        ["node-a", 75],
        ["node-b", 75],
        ["node-x", 100],
      ],
    },
    {
      // matching pods spread as 2/~1~/2/~4~.
      name: "two Constraints on zone and node, 2 out of 4 nodes are candidates",
      pod: incoming(foo, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, fooSelector)]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-x2", "node-x", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      nodes: [zh("node-a", "zone1"), zh("node-x", "zone2")],
      failedNodes: [zh("node-b", "zone1"), zh("node-y", "zone2")],
      want: [
        ["node-a", 100],
        ["node-x", 63],
      ],
    },
    {
      name: "two Constraints on zone, 2 out of 4 nodes are candidates",
      pod: incoming(fooBar, [spread(1, "zone", SA, fooSelector), spread(1, "zone", SA, barSelector)]),
      existingPods: [
        pod("p-a1", "node-a", fooBar),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", fooBar),
        pod("p-y3", "node-y", foo),
      ],
      nodes: [node("node-a", { zone: "zone1" }), node("node-x", { zone: "zone2" })],
      failedNodes: [node("node-b", { zone: "zone1" }), node("node-y", { zone: "zone2" })],
      want: [
        ["node-a", 85],
        ["node-x", 100],
      ],
    },
    {
      // If Constraints hold different labelSelectors, it's a little complex.
      // +----------------------+------------------------+
      // |         zone1        |          zone2         |
      // +----------------------+------------------------+
      // | node-a |    node-b   | node-x |     node-y    |
      // +--------+-------------+--------+---------------+
      // | P{foo} | P{foo, bar} |        | P{foo} P{bar} |
      // +--------+-------------+--------+---------------+
      // For the first constraint (zone): the matching pods spread as 2/2/1/1
      // For the second constraint (node): the matching pods spread as 0/1/0/1
      name: "two Constraints on zone and node, with different labelSelectors",
      pod: incoming(fooBar, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, barSelector)]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", bar),
      ],
      nodes: nodes4(),
      want: [
        ["node-a", 60],
        ["node-b", 20],
        ["node-x", 100],
        ["node-y", 60],
      ],
    },
    {
      // For the first constraint (zone): the matching pods spread as 0/0/2/2
      // For the second constraint (node): the matching pods spread as 0/1/0/1
      name: "two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods",
      pod: incoming(fooBar, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, barSelector)]),
      existingPods: [pod("p-b1", "node-b", bar), pod("p-x1", "node-x", foo), pod("p-y1", "node-y", fooBar)],
      nodes: nodes4(),
      want: [
        ["node-a", 100],
        ["node-b", 60],
        ["node-x", 40],
        ["node-y", 0],
      ],
    },
    {
      // For the first constraint (zone): the matching pods spread as 2/2/1/~1~
      // For the second constraint (node): the matching pods spread as 0/1/0/~1~
      name: "two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates",
      pod: incoming(fooBar, [spread(1, "zone", SA, fooSelector), spread(1, HOST, SA, barSelector)]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", bar),
      ],
      nodes: [zh("node-a", "zone1"), zh("node-b", "zone1"), zh("node-x", "zone2")],
      failedNodes: [zh("node-y", "zone2")],
      want: [
        ["node-a", 50],
        ["node-b", 25],
        ["node-x", 100],
      ],
    },
    {
      name: "existing pods in a different namespace do not count",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      existingPods: [
        pod("p-a1", "node-a", foo, { namespace: "ns1" }),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-b2", "node-b", foo),
      ],
      nodes: hosts("node-a", "node-b"),
      want: [
        ["node-a", 100],
        ["node-b", 33],
      ],
    },
    {
      name: "terminating Pods should be excluded",
      pod: incoming(foo, [spread(1, HOST, SA, fooSelector)]),
      nodes: hosts("node-a", "node-b"),
      existingPods: [pod("p-a", "node-a", foo, { terminating: true }), pod("p-b", "node-b", foo)],
      want: [
        ["node-a", 100],
        ["node-b", 0],
      ],
    },
    {
      // This test is artificial. In the real world, API Server would fail a pod's creation
      // when non-default minDomains is specified along with SchedulingAnyway.
      name: "minDomains has no effect when ScheduleAnyway",
      pod: incoming(foo, [spread(2, "node", SA, fooSelector, { minDomains: 10 })]), // larger than the number of domains(3)
      nodes: [
        node("node-a", { node: "node-a" }),
        node("node-b", { node: "node-b" }),
        node("node-c", { node: "node-c" }),
      ],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-b2", "node-b", foo),
        pod("p-c1", "node-c", foo),
      ],
      want: [
        ["node-a", 75],
        ["node-b", 75],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeAffinityPolicy honoed with labelSelectors",
      pod: incoming(foo, [spread(1, "node", SA, fooSelector)], { nodeSelector: foo }),
      nodes: policyNodes(),
      existingPods: policyPods(),
      want: [
        ["node-a", 0],
        ["node-b", 33],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeAffinityPolicy ignored with labelSelectors",
      pod: incoming(foo, [spread(1, "node", SA, fooSelector, { nodeAffinityPolicy: "Ignore" })], {
        nodeSelector: foo,
      }),
      nodes: policyNodes(),
      existingPods: policyPods(),
      want: [
        ["node-a", 66],
        ["node-b", 100],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeAffinityPolicy honoed with nodeAffinity",
      pod: incoming(foo, [spread(1, "node", SA, fooSelector)], nodeAffinityIn("foo", [""])),
      nodes: policyNodes(),
      existingPods: policyPods(),
      want: [
        ["node-a", 0],
        ["node-b", 33],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeAffinityPolicy ignored with nodeAffinity",
      pod: incoming(
        foo,
        [spread(1, "node", SA, fooSelector, { nodeAffinityPolicy: "Ignore" })],
        nodeAffinityIn("foo", [""]),
      ),
      nodes: policyNodes(),
      existingPods: policyPods(),
      want: [
        ["node-a", 66],
        ["node-b", 100],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeTaintsPolicy honored",
      pod: incoming(foo, [spread(1, "node", SA, fooSelector, { nodeTaintsPolicy: "Honor" })]),
      nodes: policyNodes(taints),
      existingPods: policyPods(),
      want: [
        ["node-a", 0],
        ["node-b", 33],
        ["node-c", 100],
      ],
    },
    {
      name: "NodeTaintsPolicy ignored",
      pod: incoming(foo, [spread(1, "node", SA, fooSelector)]),
      nodes: policyNodes(taints),
      existingPods: policyPods(),
      want: [
        ["node-a", 66],
        ["node-b", 100],
        ["node-c", 100],
      ],
    },
    {
      name: "matchLabelKeys ignored when feature gate disabled",
      skip: "MatchLabelKeysInPodTopologySpread is on in v1.32 and Kubeglass has no gate to turn it off",
      pod: incoming({ foo: "", bar: "", baz: "" }, [
        spread(1, "zone", SA, fooSelector, { matchLabelKeys: ["baz"] }),
        spread(1, HOST, SA, barSelector, { matchLabelKeys: ["baz"] }),
      ]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-c", foo),
        pod("p-y2", "node-c", bar),
      ],
      nodes: zoneHostNodes(),
      want: [
        ["node-a", 60],
        ["node-b", 20],
        ["node-c", 60],
        ["node-d", 100],
      ],
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
      pod: incoming(fooBar, [
        spread(1, "zone", SA, {}, { matchLabelKeys: ["foo"] }),
        spread(1, HOST, SA, {}, { matchLabelKeys: ["bar"] }),
      ]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-c", foo),
        pod("p-y2", "node-c", bar),
      ],
      nodes: zoneHostNodes(),
      want: [
        ["node-a", 60],
        ["node-b", 20],
        ["node-c", 60],
        ["node-d", 100],
      ],
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: incoming({ foo: "", bar: "", baz: "" }, [
        spread(1, "zone", SA, fooSelector),
        spread(1, HOST, SA, barSelector, { matchLabelKeys: ["baz"] }),
      ]),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", { foo: "", bar: "", baz: "" }),
        pod("p-c1", "node-c", foo),
        pod("p-c2", "node-c", bar),
        pod("p-d3", "node-c", { bar: "", baz: "" }),
      ],
      nodes: zoneHostNodes(),
      want: [
        ["node-a", 60],
        ["node-b", 20],
        ["node-c", 60],
        ["node-d", 100],
      ],
    },
  ];

  for (const tc of cases)
    (tc.skip ? it.skip : it)(tc.name, () => {
      const all = snapshot([...tc.nodes, ...(tc.failedNodes ?? [])], tc.existingPods);
      const pl = new PodTopologySpreadPlugin(handleWith(all, tc.objs), { defaultingType: "System" });
      const state = new CycleState();
      const p = newPodInfo(tc.pod);
      // PreScore gets the candidates as fresh NodeInfos (tf.BuildNodeInfos); Score the snapshot's.
      expect(
        pl.preScore(
          state,
          p,
          tc.nodes.map((n) => makeNodeInfo(n)),
        ),
      ).toBeUndefined();
      const candidates = tc.nodes.map((n) => all.find((ni) => ni.name === n.metadata.name) as NodeInfo);
      expect(scoreAll(pl, state, p, candidates).map((s) => [s.name, s.score])).toEqual(tc.want);
    });
});
