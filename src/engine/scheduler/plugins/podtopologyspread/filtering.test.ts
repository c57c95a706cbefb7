// Ported from kubernetes/kubernetes release-1.32
// pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go: TestPreFilterState,
// TestPreFilterStateAddPod, TestPreFilterStateRemovePod, TestSingleConstraint,
// TestMultipleConstraints and TestPreFilterDisabled.
//
// Kubeglass models v1.32 with its default feature gates: NodeInclusionPolicyInPodTopologySpread
// and MatchLabelKeysInPodTopologySpread on. Upstream cases that switch a gate off are kept where
// their expectation is the same with the gate on (the legacy path honours node affinity and
// ignores taints, which are the default policies); the one whose expectation differs is skipped.
//
// Upstream compares the whole preFilterState. Kubeglass keeps, per constraint, the matching pods
// per domain and their minimum instead of the two "critical paths", so the tables assert the
// constraints, TpValueToMatchNum, that the minimum equals criticalPaths[0].MatchNum (math.MaxInt32,
// an empty path, is Infinity here) and that every critical path names a domain with its count.
// Filter tables also assert the v1.32 reason texts, not just the codes.
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeHandle, makeNode } from "../../framework/testing";
import { NodeInfo, newPodInfo } from "../../framework/types";
import {
  type Constraint,
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
  matchNothing,
  PodTopologySpreadPlugin,
  type PreFilterState,
  preFilterKey,
  type RawConstraint,
} from "./pod-topology-spread";
import {
  barSelector,
  fooSelector,
  handleWith,
  incoming,
  labelSelector,
  node,
  nodeAffinityIn,
  nodeAffinityNotIn,
  pod,
  service,
  snapshot,
  spread,
  taints,
  tolerateUnschedulable,
} from "./testing";

const DNS = "DoNotSchedule";
const SA = "ScheduleAnyway";
const MAX = 2147483647; // math.MaxInt32: an unset critical path

type Policy = "Honor" | "Ignore";
interface WantConstraint {
  maxSkew: number;
  topologyKey: string;
  /** null is labels.Nothing() (a nil labelSelector). */
  selector: LabelSelector | null;
  minDomains: number;
  nodeAffinityPolicy: Policy;
  nodeTaintsPolicy: Policy;
}
/** topologySpreadConstraint{MaxSkew, TopologyKey, Selector, MinDomains: 1, Honor, Ignore}. */
const want = (
  maxSkew: number,
  topologyKey: string,
  selector: LabelSelector | null,
  policies: { nodeAffinityPolicy?: Policy; nodeTaintsPolicy?: Policy } = {},
): WantConstraint => ({
  maxSkew,
  topologyKey,
  selector,
  minDomains: 1,
  nodeAffinityPolicy: "Honor",
  nodeTaintsPolicy: "Ignore",
  ...policies,
});

type Path = [topologyValue: string, matchNum: number];
interface WantState {
  constraints: WantConstraint[];
  criticalPaths: [Path, Path][];
  tpValueToMatchNum: Record<string, number>[];
}
const newCriticalPaths = (): [Path, Path] => [
  ["", MAX],
  ["", MAX],
];

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
  minDomains: c.minDomains,
  nodeAffinityPolicy: c.nodeAffinityPolicy,
  nodeTaintsPolicy: c.nodeTaintsPolicy,
});

function expectState(s: PreFilterState | undefined, w: WantState): void {
  expect(s).toBeDefined();
  const st = s as PreFilterState;
  expect(st.constraints.map(viewConstraint)).toEqual(w.constraints.map(viewConstraint));
  expect(st.tpValueToMatchNum.map((m) => Object.fromEntries(m))).toEqual(w.tpValueToMatchNum);
  expect(st.minMatch.length).toBe(w.criticalPaths.length);
  w.criticalPaths.forEach(([first, second], i) => {
    expect(st.minMatch[i], `minimum of constraint ${i}`).toBe(first[1] === MAX ? Infinity : first[1]);
    for (const [tv, n] of [first, second])
      if (n !== MAX) expect(st.tpValueToMatchNum[i]?.get(tv), `${tv} of constraint ${i}`).toBe(n);
  });
}

/** SetupPlugin(..., PodTopologySpreadArgs{DefaultingType: List, DefaultConstraints}, snapshot). */
function setup(
  nodes: Node[],
  existingPods: Pod[] = [],
  objs: KubeObject[] = [],
  defaultConstraints: RawConstraint[] = [],
) {
  const infos = snapshot(nodes, existingPods);
  const pl = new PodTopologySpreadPlugin(handleWith(infos, objs), {
    defaultingType: "List",
    defaultConstraints,
  });
  return { infos, pl };
}

// The four-node layout most cases use: zone1 holds node-a and node-b, zone2 node-x and node-y.
const zn = (name: string, zone: string, extra: Record<string, string> = {}, t?: unknown[]) =>
  node(name, { zone, node: name, ...extra }, t);
const nodes4 = () => [
  zn("node-a", "zone1"),
  zn("node-b", "zone1"),
  zn("node-x", "zone2"),
  zn("node-y", "zone2"),
];
const foo = { foo: "" };
const bar = { bar: "" };
const fooBar = { foo: "", bar: "" };

describe("PodTopologySpread PreFilter state (TestPreFilterState)", () => {
  interface Case {
    name: string;
    pod: Pod;
    nodes?: Node[];
    existingPods?: Pod[];
    objs?: KubeObject[];
    defaultConstraints?: RawConstraint[];
    want?: WantState;
    wantSkip?: boolean;
    skip?: string;
  }
  const cases: Case[] = [
    {
      name: "clean cluster with one spreadConstraint",
      pod: incoming(foo, [spread(5, "zone", DNS, labelSelector({ foo: "bar" }))]),
      nodes: nodes4(),
      want: {
        constraints: [want(5, "zone", labelSelector({ foo: "bar" }))],
        criticalPaths: [
          [
            ["zone1", 0],
            ["zone2", 0],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
      },
    },
    {
      name: "normal case with one spreadConstraint",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector)],
        criticalPaths: [
          [
            ["zone2", 2],
            ["zone1", 3],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
      },
    },
    {
      name: "normal case with null label selector",
      pod: incoming(foo, [spread(1, "zone", DNS, null)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", null)],
        criticalPaths: [
          [
            ["zone2", 0],
            ["zone1", 0],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
      },
    },
    {
      name: "normal case with one spreadConstraint, on a 3-zone cluster",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: [...nodes4(), zn("node-o", "zone3"), zn("node-p", "zone3")],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector)],
        criticalPaths: [
          [
            ["zone3", 0],
            ["zone2", 2],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 3, zone2: 2, zone3: 0 }],
      },
    },
    {
      name: "namespace mismatch doesn't count",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo, { namespace: "ns1" }),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo, { namespace: "ns2" }),
        pod("p-y2", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector)],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 2],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 2, zone2: 1 }],
      },
    },
    {
      name: "normal case with two spreadConstraints",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", fooSelector)],
        criticalPaths: [
          [
            ["zone1", 3],
            ["zone2", 4],
          ],
          [
            ["node-x", 0],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 4 },
          { "node-a": 2, "node-b": 1, "node-x": 0, "node-y": 4 },
        ],
      },
    },
    {
      name: "soft spreadConstraints should be bypassed",
      pod: incoming(foo, [
        spread(1, "zone", SA, fooSelector),
        spread(1, "zone", DNS, fooSelector),
        spread(1, "node", SA, fooSelector),
        spread(1, "node", DNS, fooSelector),
      ]),
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-y", "zone2")],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", fooSelector)],
        criticalPaths: [
          [
            ["zone1", 3],
            ["zone2", 4],
          ],
          [
            ["node-b", 1],
            ["node-a", 2],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 4 },
          { "node-a": 2, "node-b": 1, "node-y": 4 },
        ],
      },
    },
    {
      name: "different labelSelectors - simple version",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-y", "zone2")],
      existingPods: [pod("p-a", "node-a", foo), pod("p-b", "node-b", bar)],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", barSelector)],
        criticalPaths: [
          [
            ["zone2", 0],
            ["zone1", 1],
          ],
          [
            ["node-a", 0],
            ["node-y", 0],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 1, zone2: 0 },
          { "node-a": 0, "node-b": 1, "node-y": 0 },
        ],
      },
    },
    {
      name: "different labelSelectors - complex pods",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-y", "zone2")],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", fooBar),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", fooBar),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", fooBar),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", barSelector)],
        criticalPaths: [
          [
            ["zone1", 3],
            ["zone2", 4],
          ],
          [
            ["node-b", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 4 },
          { "node-a": 1, "node-b": 0, "node-y": 2 },
        ],
      },
    },
    {
      name: "two spreadConstraints, and with podAffinity",
      pod: incoming(
        foo,
        [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)],
        nodeAffinityNotIn("node", ["node-x"]), // exclude node-x
      ),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", fooSelector)],
        criticalPaths: [
          [
            ["zone1", 3],
            ["zone2", 4],
          ],
          [
            ["node-b", 1],
            ["node-a", 2],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 4 },
          { "node-a": 2, "node-b": 1, "node-y": 4 },
        ],
      },
    },
    {
      name: "default constraints and a service",
      pod: incoming({ foo: "bar", baz: "kar" }),
      defaultConstraints: [
        { maxSkew: 3, topologyKey: "node", whenUnsatisfiable: DNS },
        { maxSkew: 2, topologyKey: "node", whenUnsatisfiable: SA },
        { maxSkew: 5, topologyKey: "rack", whenUnsatisfiable: DNS },
      ],
      objs: [service("svc", { foo: "bar" })],
      want: {
        constraints: [
          want(3, "node", labelSelector({ foo: "bar" })),
          want(5, "rack", labelSelector({ foo: "bar" })),
        ],
        criticalPaths: [newCriticalPaths(), newCriticalPaths()],
        tpValueToMatchNum: [{}, {}],
      },
    },
    {
      name: "default constraints and a service that doesn't match",
      pod: incoming({ foo: "bar" }),
      defaultConstraints: [{ maxSkew: 3, topologyKey: "node", whenUnsatisfiable: DNS }],
      objs: [service("svc", { baz: "kep" })],
      wantSkip: true,
    },
    {
      name: "default constraints and a service, but pod has constraints",
      pod: incoming({ foo: "bar", baz: "tar" }, [
        spread(1, "zone", DNS, labelSelector({ baz: "tar" })),
        spread(2, "planet", SA, labelSelector({ fot: "rok" })),
      ]),
      defaultConstraints: [{ maxSkew: 2, topologyKey: "node", whenUnsatisfiable: DNS }],
      objs: [service("svc", { foo: "bar" })],
      want: {
        constraints: [want(1, "zone", labelSelector({ baz: "tar" }))],
        criticalPaths: [newCriticalPaths()],
        tpValueToMatchNum: [{}],
      },
    },
    {
      name: "default soft constraints and a service",
      pod: incoming({ foo: "bar" }),
      defaultConstraints: [{ maxSkew: 2, topologyKey: "node", whenUnsatisfiable: SA }],
      objs: [service("svc", { foo: "bar" })],
      wantSkip: true,
    },
    {
      name: "TpKeyToDomainsNum is calculated when MinDomains is enabled",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", fooSelector)],
        criticalPaths: [
          [
            ["zone1", 3],
            ["zone2", 4],
          ],
          [
            ["node-x", 0],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 4 },
          { "node-a": 2, "node-b": 1, "node-x": 0, "node-y": 4 },
        ],
      },
    },
    ...([
      "feature gate disabled with NodeAffinityPolicy",
      "NodeAffinityPolicy honored with labelSelectors",
    ].map(
      (name): Case => ({
        name,
        pod: incoming(foo, [spread(1, "node", DNS, barSelector)], { nodeSelector: foo }),
        nodes: [
          node("node-a", { node: "node-a", foo: "" }),
          node("node-b", { node: "node-b", foo: "" }),
          node("node-c", { node: "node-c", bar: "" }),
        ],
        existingPods: [
          pod("p-a", "node-a", bar),
          pod("p-b", "node-b", bar),
          pod("p-c", "node-b", bar),
          pod("p-d", "node-c", {}),
        ],
        want: {
          constraints: [want(1, "node", barSelector)],
          criticalPaths: [
            [
              ["node-a", 1],
              ["node-b", 2],
            ],
          ],
          tpValueToMatchNum: [{ "node-a": 1, "node-b": 2 }],
        },
      }),
    ) as Case[]),
    {
      name: "NodeAffinityPolicy ignored with labelSelectors",
      pod: incoming(foo, [spread(1, "node", DNS, barSelector, { nodeAffinityPolicy: "Ignore" })], {
        nodeSelector: foo,
      }),
      nodes: [
        node("node-a", { node: "node-a", foo: "" }),
        node("node-b", { node: "node-b", foo: "" }),
        node("node-c", { node: "node-c", bar: "" }),
      ],
      existingPods: [
        pod("p-a", "node-a", bar),
        pod("p-b", "node-b", bar),
        pod("p-c", "node-b", bar),
        pod("p-d", "node-c", {}),
      ],
      want: {
        constraints: [want(1, "node", barSelector, { nodeAffinityPolicy: "Ignore" })],
        criticalPaths: [
          [
            ["node-c", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 2, "node-c": 0 }],
      },
    },
    {
      name: "NodeAffinityPolicy honored with nodeAffinity",
      pod: incoming(foo, [spread(1, "node", DNS, barSelector)], nodeAffinityIn("foo", [""])),
      nodes: [
        node("node-a", { node: "node-a", foo: "" }),
        node("node-b", { node: "node-b", foo: "" }),
        node("node-c", { node: "node-c", bar: "" }),
      ],
      existingPods: [
        pod("p-a", "node-a", bar),
        pod("p-c", "node-b", bar),
        pod("p-d", "node-b", bar),
        pod("p-e", "node-c", {}),
      ],
      want: {
        constraints: [want(1, "node", barSelector)],
        criticalPaths: [
          [
            ["node-a", 1],
            ["node-b", 2],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 2 }],
      },
    },
    {
      name: "NodeAffinityPolicy ignored with nodeAffinity",
      pod: incoming(
        foo,
        [spread(1, "node", DNS, barSelector, { nodeAffinityPolicy: "Ignore" })],
        nodeAffinityIn("foo", [""]),
      ),
      nodes: [
        node("node-a", { node: "node-a", foo: "" }),
        node("node-b", { node: "node-b", foo: "" }),
        node("node-c", { node: "node-c", bar: "" }),
      ],
      existingPods: [
        pod("p-a", "node-a", bar),
        pod("p-b", "node-b", bar),
        pod("p-c", "node-b", bar),
        pod("p-d", "node-c", {}),
      ],
      want: {
        constraints: [want(1, "node", barSelector, { nodeAffinityPolicy: "Ignore" })],
        criticalPaths: [
          [
            ["node-c", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 2, "node-c": 0 }],
      },
    },
    ...(["feature gate disabled with NodeTaintsPolicy", "NodeTaintsPolicy ignored"].map(
      (name): Case => ({
        name,
        pod: incoming(foo, [spread(1, "node", DNS, barSelector)]),
        nodes: [
          node("node-a", { node: "node-a" }),
          node("node-b", { node: "node-b" }),
          node("node-c", { node: "node-c", bar: "" }, taints),
        ],
        existingPods: [
          pod("p-a", "node-a", bar),
          pod("p-b", "node-b", bar),
          pod("p-c", "node-b", bar),
          pod("p-d", "node-c", {}),
        ],
        want: {
          constraints: [want(1, "node", barSelector)],
          criticalPaths: [
            [
              ["node-c", 0],
              ["node-a", 1],
            ],
          ],
          tpValueToMatchNum: [{ "node-a": 1, "node-b": 2, "node-c": 0 }],
        },
      }),
    ) as Case[]),
    {
      name: "NodeTaintsPolicy honored",
      pod: incoming(foo, [spread(1, "node", DNS, barSelector, { nodeTaintsPolicy: "Honor" })]),
      nodes: [
        node("node-a", { node: "node-a" }),
        node("node-b", { node: "node-b" }),
        node("node-c", { node: "node-c", bar: "" }, taints),
      ],
      existingPods: [
        pod("p-a", "node-a", bar),
        pod("p-b", "node-b", bar),
        pod("p-c", "node-b", bar),
        pod("p-d", "node-c", {}),
      ],
      want: {
        constraints: [want(1, "node", barSelector, { nodeTaintsPolicy: "Honor" })],
        criticalPaths: [
          [
            ["node-a", 1],
            ["node-b", 2],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 2 }],
      },
    },
    {
      name: "NodeTaintsPolicy honored with tolerated taints",
      pod: incoming(foo, [spread(1, "node", DNS, barSelector, { nodeTaintsPolicy: "Honor" })], {
        tolerations: tolerateUnschedulable,
      }),
      nodes: [
        node("node-a", { node: "node-a" }),
        node("node-b", { node: "node-b" }),
        node("node-c", { node: "node-c", bar: "" }, taints),
      ],
      existingPods: [
        pod("p-a", "node-a", bar),
        pod("p-b", "node-b", bar),
        pod("p-c", "node-b", bar),
        pod("p-d", "node-c", {}),
      ],
      want: {
        constraints: [want(1, "node", barSelector, { nodeTaintsPolicy: "Honor" })],
        criticalPaths: [
          [
            ["node-c", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 2, "node-c": 0 }],
      },
    },
    {
      name: "two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
      pod: incoming(
        foo,
        [
          spread(1, "zone", DNS, fooSelector),
          spread(1, "node", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" }),
        ],
        { nodeSelector: foo },
      ),
      nodes: [zn("node-a", "zone1", foo), zn("node-b", "zone1"), zn("node-x", "zone2", foo)],
      existingPods: [pod("p-b1", "node-b", foo), pod("p-b2", "node-b", foo), pod("p-x1", "node-x", foo)],
      want: {
        constraints: [
          want(1, "zone", fooSelector),
          want(1, "node", fooSelector, { nodeAffinityPolicy: "Ignore" }),
        ],
        criticalPaths: [
          [
            ["zone1", 0],
            ["zone2", 1],
          ],
          [
            ["node-a", 0],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 0, zone2: 1 },
          { "node-a": 0, "node-b": 2, "node-x": 1 },
        ],
      },
    },
    {
      name: "two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
      pod: incoming(foo, [
        spread(1, "zone", DNS, fooSelector, { nodeTaintsPolicy: "Honor" }),
        spread(1, "node", DNS, fooSelector),
      ]),
      nodes: [zn("node-a", "zone1", foo), zn("node-b", "zone1", {}, taints), zn("node-x", "zone2", foo)],
      existingPods: [pod("p-b1", "node-b", foo), pod("p-b2", "node-b", foo), pod("p-x1", "node-x", foo)],
      want: {
        constraints: [
          want(1, "zone", fooSelector, { nodeTaintsPolicy: "Honor" }),
          want(1, "node", fooSelector),
        ],
        criticalPaths: [
          [
            ["zone1", 0],
            ["zone2", 1],
          ],
          [
            ["node-a", 0],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 0, zone2: 1 },
          { "node-a": 0, "node-b": 2, "node-x": 1 },
        ],
      },
    },
    {
      name: "two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)], {
        nodeSelector: foo,
      }),
      nodes: [
        zn("node-a", "zone1"),
        zn("node-b", "zone1", foo, taints),
        zn("node-x", "zone2", foo),
        zn("node-y", "zone2"),
      ],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "node", fooSelector)],
        criticalPaths: [
          [
            ["zone1", 0],
            ["zone2", 1],
          ],
          [
            ["node-b", 0],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 0, zone2: 1 },
          { "node-b": 0, "node-x": 1 },
        ],
      },
    },
    {
      name: "two node inclusion Constraints, zone: ignore/ignore, node: honor/honor",
      pod: incoming(
        foo,
        [
          spread(1, "zone", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" }),
          spread(1, "node", DNS, fooSelector, { nodeTaintsPolicy: "Honor" }),
        ],
        { nodeSelector: foo },
      ),
      nodes: [
        zn("node-a", "zone1"),
        zn("node-b", "zone1", foo, taints),
        zn("node-x", "zone2", foo),
        zn("node-y", "zone2", foo),
      ],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-x1", "node-x", foo),
        pod("p-x2", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      want: {
        constraints: [
          want(1, "zone", fooSelector, { nodeAffinityPolicy: "Ignore" }),
          want(1, "node", fooSelector, { nodeTaintsPolicy: "Honor" }),
        ],
        criticalPaths: [
          [
            ["zone1", 2],
            ["zone2", 3],
          ],
          [
            ["node-y", 1],
            ["node-x", 2],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 2, zone2: 3 },
          { "node-x": 2, "node-y": 1 },
        ],
      },
    },
    {
      name: "matchLabelKeys ignored when feature gate disabled",
      skip: "MatchLabelKeysInPodTopologySpread is on in v1.32 and Kubeglass has no gate to turn it off",
      pod: incoming({ foo: "", bar: "" }, [spread(1, "zone", DNS, fooSelector, { matchLabelKeys: ["bar"] })]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", foo),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector)],
        criticalPaths: [
          [
            ["zone2", 2],
            ["zone1", 3],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
      },
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: incoming({ foo: "", bar: "a" }, [
        spread(1, "zone", DNS, fooSelector, { matchLabelKeys: ["bar"] }),
      ]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", { foo: "", bar: "a" }),
        pod("p-b1", "node-b", foo),
        pod("p-y1", "node-y", { foo: "", bar: "a" }),
        pod("p-y2", "node-y", bar),
      ],
      want: {
        constraints: [
          want(1, "zone", { matchLabels: { bar: "a" }, matchExpressions: fooSelector.matchExpressions }),
        ],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 1],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 1, zone2: 1 }],
      },
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
      pod: incoming({ foo: "a" }, [spread(1, "zone", DNS, {}, { matchLabelKeys: ["foo"] })]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", { foo: "a" }),
        pod("p-a2", "node-a", { foo: "a" }),
        pod("p-b1", "node-b", { foo: "a" }),
        pod("p-y1", "node-y", { foo: "a" }),
        pod("p-y2", "node-y", { foo: "a" }),
      ],
      want: {
        constraints: [want(1, "zone", labelSelector({ foo: "a" }))],
        criticalPaths: [
          [
            ["zone2", 2],
            ["zone1", 3],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
      },
    },
    ...([
      "key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled",
      "no pod is matched when LabelSelector is nil when feature gate disabled",
    ].map(
      (name): Case => ({
        name,
        pod: incoming(foo, [spread(1, "zone", DNS, null, { matchLabelKeys: ["bar"] })]),
        nodes: nodes4(),
        existingPods: [
          pod("p-a1", "node-a", { foo: "a" }),
          pod("p-a2", "node-a", { foo: "a" }),
          pod("p-b1", "node-b", { foo: "a" }),
          pod("p-y1", "node-y", { foo: "a" }),
          pod("p-y2", "node-y", { foo: "a" }),
        ],
        want: {
          constraints: [want(1, "zone", null)],
          criticalPaths: [
            [
              ["zone2", 0],
              ["zone1", 0],
            ],
          ],
          tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
        },
      }),
    ) as Case[]),
    {
      name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector, { matchLabelKeys: ["bar"] })]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", { foo: "a" }),
        pod("p-a2", "node-a", { foo: "a" }),
        pod("p-b1", "node-b", { foo: "a" }),
        pod("p-y1", "node-y", { foo: "a" }),
        pod("p-y2", "node-y", { foo: "a" }),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector)],
        criticalPaths: [
          [
            ["zone2", 2],
            ["zone1", 3],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
      },
    },
    {
      name: "two spreadConstraints with the same topologyKey",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "zone", DNS, barSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", fooBar),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", bar),
        pod("p-y1", "node-y", fooBar),
        pod("p-y2", "node-y", bar),
      ],
      want: {
        constraints: [want(1, "zone", fooSelector), want(1, "zone", barSelector)],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 2],
          ],
          [
            ["zone1", 1],
            ["zone2", 3],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 2, zone2: 1 },
          { zone1: 1, zone2: 3 },
        ],
      },
    },
    {
      name: "skip if not specified",
      pod: incoming(foo),
      nodes: [zn("node-a", "zone1")],
      wantSkip: true,
    },
  ];

  for (const tc of cases)
    (tc.skip ? it.skip : it)(tc.name, () => {
      const { pl } = setup(tc.nodes ?? [], tc.existingPods, tc.objs, tc.defaultConstraints);
      const state = new CycleState();
      const { status } = pl.preFilter(state, newPodInfo(tc.pod));
      if (tc.wantSkip) {
        expect(status?.code).toBe(Code.Skip);
        return;
      }
      expect(status).toBeUndefined();
      expectState(state.read<PreFilterState>(preFilterKey), tc.want as WantState);
    });
});

describe("PodTopologySpread PreFilter AddPod (TestPreFilterStateAddPod)", () => {
  const nodeConstraint = want(1, "node", fooSelector);
  const zoneConstraint = want(1, "zone", fooSelector);
  interface Case {
    name: string;
    preemptor: Pod;
    addedPod: Pod;
    existingPods?: Pod[];
    nodeIdx: number;
    nodes: Node[];
    want: WantState;
  }
  const affinityNodes = () => [zn("node-a", "zone1", { foo: "bar" }), zn("node-b", "zone2", { foo: "" })];
  const cases: Case[] = [
    {
      name: "node a and b both impact current min match",
      preemptor: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1")],
      want: {
        constraints: [nodeConstraint],
        criticalPaths: [
          [
            ["node-b", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 0 }],
      },
    },
    {
      name: "only node a impacts current min match",
      preemptor: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      existingPods: [pod("p-b1", "node-b", foo)],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1")],
      want: {
        constraints: [nodeConstraint],
        criticalPaths: [
          [
            ["node-a", 1],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 1, "node-b": 1 }],
      },
    },
    {
      name: "add a pod in a different namespace doesn't change topologyKeyToMinPodsMap",
      preemptor: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo, { namespace: "ns1" }),
      existingPods: [pod("p-b1", "node-b", foo)],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1")],
      want: {
        constraints: [nodeConstraint],
        criticalPaths: [
          [
            ["node-a", 0],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 0, "node-b": 1 }],
      },
    },
    {
      name: "add pod on non-critical node won't trigger re-calculation",
      preemptor: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-b2", "node-b", foo),
      existingPods: [pod("p-b1", "node-b", foo)],
      nodeIdx: 1,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1")],
      want: {
        constraints: [nodeConstraint],
        criticalPaths: [
          [
            ["node-a", 0],
            ["node-b", 2],
          ],
        ],
        tpValueToMatchNum: [{ "node-a": 0, "node-b": 2 }],
      },
    },
    {
      name: "node a and x both impact topologyKeyToMinPodsMap on zone and node",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-x", "zone2")],
      want: {
        constraints: [zoneConstraint, nodeConstraint],
        criticalPaths: [
          [
            ["zone2", 0],
            ["zone1", 1],
          ],
          [
            ["node-x", 0],
            ["node-a", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 1, zone2: 0 },
          { "node-a": 1, "node-x": 0 },
        ],
      },
    },
    {
      name: "only node a impacts topologyKeyToMinPodsMap on zone and node",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      existingPods: [pod("p-x1", "node-x", foo)],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-x", "zone2")],
      want: {
        constraints: [zoneConstraint, nodeConstraint],
        criticalPaths: [
          [
            ["zone1", 1],
            ["zone2", 1],
          ],
          [
            ["node-a", 1],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 1, zone2: 1 },
          { "node-a": 1, "node-x": 1 },
        ],
      },
    },
    {
      name: "node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      existingPods: [pod("p-b1", "node-b", foo), pod("p-b2", "node-b", foo), pod("p-x1", "node-x", foo)],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-x", "zone2")],
      want: {
        constraints: [zoneConstraint, nodeConstraint],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 3],
          ],
          [
            ["node-a", 1],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 1 },
          { "node-a": 1, "node-b": 2, "node-x": 1 },
        ],
      },
    },
    {
      name: "Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone",
      preemptor: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      addedPod: pod("p-a1", "node-a", foo),
      existingPods: [
        pod("p-b1", "node-b", fooBar),
        pod("p-x1", "node-x", fooBar),
        pod("p-x2", "node-x", bar),
      ],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-x", "zone2")],
      want: {
        constraints: [zoneConstraint, want(1, "node", barSelector)],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 2],
          ],
          [
            ["node-a", 0],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 2, zone2: 1 },
          { "node-a": 0, "node-b": 1, "node-x": 2 },
        ],
      },
    },
    {
      name: "Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node",
      preemptor: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      addedPod: pod("p-a1", "node-a", fooBar),
      existingPods: [pod("p-b1", "node-b", bar), pod("p-x1", "node-x", fooBar), pod("p-x2", "node-x", bar)],
      nodeIdx: 0,
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-x", "zone2")],
      want: {
        constraints: [zoneConstraint, want(1, "node", barSelector)],
        criticalPaths: [
          [
            ["zone1", 1],
            ["zone2", 1],
          ],
          [
            ["node-a", 1],
            ["node-b", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 1, zone2: 1 },
          { "node-a": 1, "node-b": 1, "node-x": 2 },
        ],
      },
    },
    ...[
      "add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled",
      "add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled",
    ].map(
      (name): Case => ({
        name,
        preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)], nodeAffinityNotIn("foo", ["bar"])),
        nodeIdx: 0,
        addedPod: pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
        existingPods: [
          pod("p-a2", "node-a", { foo: "", zone: "zone1" }),
          pod("p-b1", "node-b", { foo: "", zone: "zone2" }),
        ],
        nodes: affinityNodes(),
        want: {
          constraints: [zoneConstraint],
          criticalPaths: [
            [
              ["zone2", 1],
              ["", MAX],
            ],
          ],
          tpValueToMatchNum: [{ zone2: 1 }],
        },
      }),
    ),
    ...[
      "add a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled",
      "add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled",
    ].map(
      (name): Case => ({
        name,
        preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
        nodeIdx: 1,
        addedPod: pod("p-b1", "node-b", { foo: "", zone: "zone2" }),
        existingPods: [
          pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
          pod("p-b2", "node-b", { foo: "", zone: "zone2" }),
        ],
        nodes: affinityNodes(),
        want: {
          constraints: [zoneConstraint],
          criticalPaths: [
            [
              ["zone1", 1],
              ["zone2", 2],
            ],
          ],
          tpValueToMatchNum: [{ zone1: 1, zone2: 2 }],
        },
      }),
    ),
    {
      name: "add a label selector not matched pod when with NodeInclusionPolicy enabled",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodeIdx: 1,
      addedPod: pod("p-b1", "node-b", { zone: "zone2" }),
      existingPods: [
        pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
        pod("p-b2", "node-b", { foo: "", zone: "zone2" }),
      ],
      nodes: affinityNodes(),
      want: {
        constraints: [zoneConstraint],
        criticalPaths: [
          [
            ["zone1", 1],
            ["zone2", 1],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 1, zone2: 1 }],
      },
    },
    ...[
      ["add a pod when scheduling taint untolerated pod with NodeInclusionPolicy disabled", {}],
      [
        "add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled",
        { tolerations: tolerateUnschedulable },
      ],
    ].map(
      ([name, spec]): Case => ({
        name: name as string,
        preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)], spec as Record<string, unknown>),
        nodeIdx: 1,
        addedPod: pod("p-b1", "node-b", { foo: "", zone: "zone2" }),
        existingPods: [
          pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
          pod("p-b2", "node-b", { foo: "", zone: "zone2" }),
        ],
        nodes: [zn("node-a", "zone1", {}, taints), zn("node-b", "zone2")],
        want: {
          constraints: [zoneConstraint],
          criticalPaths: [
            [
              ["zone1", 1],
              ["zone2", 2],
            ],
          ],
          tpValueToMatchNum: [{ zone2: 2, zone1: 1 }],
        },
      }),
    ),
  ];

  for (const tc of cases)
    it(tc.name, () => {
      const { infos, pl } = setup(tc.nodes, tc.existingPods);
      const state = new CycleState();
      const p = newPodInfo(tc.preemptor);
      expect(pl.preFilter(state, p).status).toBeUndefined();
      const ni = infos[tc.nodeIdx] as NodeInfo;
      expect(pl.preFilterExtensions().addPod(state, p, newPodInfo(tc.addedPod), ni)).toBeUndefined();
      expectState(state.read<PreFilterState>(preFilterKey), tc.want);
    });
});

describe("PodTopologySpread PreFilter RemovePod (TestPreFilterStateRemovePod)", () => {
  const nodeConstraint = want(1, "node", fooSelector);
  const zoneConstraint = want(1, "zone", fooSelector);
  interface Case {
    name: string;
    preemptor: Pod;
    nodes: Node[];
    existingPods: Pod[];
    /** Which existing pod to remove, as upstream: 0 unless set; out of range means deletedPod. */
    deletedPodIdx?: number;
    deletedPod?: Pod;
    nodeIdx: number;
    want: WantState;
  }
  const affinityNodes = () => [zn("node-a", "zone1", { foo: "bar" }), zn("node-b", "zone2", { foo: "" })];
  const cases: Case[] = [
    {
      // A high priority pod may not be scheduled due to node taints or resource shortage.
      // So preemption is triggered.
      name: "one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-x", "zone2")],
      existingPods: [pod("p-a1", "node-a", foo), pod("p-b1", "node-b", foo), pod("p-x1", "node-x", foo)],
      deletedPodIdx: 0, // remove pod "p-a1"
      nodeIdx: 0, // node-a
      want: {
        constraints: [zoneConstraint],
        criticalPaths: [
          [
            ["zone1", 1],
            ["zone2", 1],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 1, zone2: 1 }],
      },
    },
    {
      name: "one spreadConstraint on node, topologyKeyToMinPodsMap changed",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      deletedPodIdx: 0, // remove pod "p-a1"
      nodeIdx: 0, // node-a
      want: {
        constraints: [zoneConstraint],
        criticalPaths: [
          [
            ["zone1", 1],
            ["zone2", 2],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 1, zone2: 2 }],
      },
    },
    {
      name: "delete an irrelevant pod won't help",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a0", "node-a", bar),
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      deletedPodIdx: 0, // remove pod "p-a0"
      nodeIdx: 0, // node-a
      want: {
        constraints: [zoneConstraint],
        criticalPaths: [
          [
            ["zone1", 2],
            ["zone2", 2],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 2, zone2: 2 }],
      },
    },
    {
      name: "delete a non-existing pod won't help",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      deletedPodIdx: -1,
      deletedPod: pod("p-a0", "node-a", bar),
      nodeIdx: 0, // node-a
      want: {
        constraints: [zoneConstraint],
        criticalPaths: [
          [
            ["zone1", 2],
            ["zone2", 2],
          ],
        ],
        tpValueToMatchNum: [{ zone1: 2, zone2: 2 }],
      },
    },
    {
      name: "two spreadConstraints",
      preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: [zn("node-a", "zone1"), zn("node-b", "zone1"), zn("node-x", "zone2")],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-x2", "node-x", foo),
      ],
      deletedPodIdx: 3, // remove pod "p-x1"
      nodeIdx: 2, // node-x
      want: {
        constraints: [zoneConstraint, nodeConstraint],
        criticalPaths: [
          [
            ["zone2", 1],
            ["zone1", 3],
          ],
          [
            ["node-b", 1],
            ["node-x", 1],
          ],
        ],
        tpValueToMatchNum: [
          { zone1: 3, zone2: 1 },
          { "node-a": 2, "node-b": 1, "node-x": 1 },
        ],
      },
    },
    ...[
      "remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled",
      "remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled",
    ].map(
      (name): Case => ({
        name,
        preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)], nodeAffinityNotIn("foo", ["bar"])),
        nodeIdx: 0,
        deletedPod: pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
        existingPods: [
          pod("p-a2", "node-a", { foo: "", zone: "zone1" }),
          pod("p-b1", "node-b", { foo: "", zone: "zone2" }),
        ],
        nodes: affinityNodes(),
        want: {
          constraints: [zoneConstraint],
          criticalPaths: [
            [
              ["zone2", 1],
              ["", MAX],
            ],
          ],
          tpValueToMatchNum: [{ zone2: 1 }],
        },
      }),
    ),
    ...[
      "remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled",
      "remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled",
    ].map(
      (name): Case => ({
        name,
        preemptor: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
        nodeIdx: 1,
        deletedPod: pod("p-b1", "node-b", { foo: "", zone: "zone2" }),
        existingPods: [
          pod("p-a1", "node-a", { foo: "", zone: "zone1" }),
          pod("p-b2", "node-b", { foo: "", zone: "zone2" }),
        ],
        nodes: affinityNodes(),
        want: {
          constraints: [zoneConstraint],
          criticalPaths: [
            [
              ["zone2", 0],
              ["zone1", 1],
            ],
          ],
          tpValueToMatchNum: [{ zone2: 0, zone1: 1 }],
        },
      }),
    ),
  ];

  for (const tc of cases)
    it(tc.name, () => {
      const { infos, pl } = setup(tc.nodes, tc.existingPods);
      const state = new CycleState();
      const p = newPodInfo(tc.preemptor);
      expect(pl.preFilter(state, p).status).toBeUndefined();
      const idx = tc.deletedPodIdx ?? 0;
      const deleted = idx >= 0 && idx < tc.existingPods.length ? tc.existingPods[idx] : tc.deletedPod;
      const ni = infos[tc.nodeIdx] as NodeInfo;
      expect(pl.preFilterExtensions().removePod(state, p, newPodInfo(deleted as Pod), ni)).toBeUndefined();
      expectState(state.read<PreFilterState>(preFilterKey), tc.want);
    });
});

const OK = Code.Success;
const U = Code.Unschedulable;
const UU = Code.UnschedulableAndUnresolvable;
const reasonOf: Partial<Record<Code, string>> = {
  [U]: ErrReasonConstraintsNotMatch,
  [UU]: ErrReasonNodeLabelNotMatch,
};

interface FilterCase {
  name: string;
  pod: Pod;
  nodes: Node[];
  existingPods?: Pod[];
  /** The Filter status code per node, in the order of nodes. */
  want: Code[];
}

/** PreFilter, then Filter on every node: each node's code and the v1.32 reason that goes with it. */
function runFilter(tc: FilterCase): void {
  const { infos, pl } = setup(tc.nodes, tc.existingPods);
  const state = new CycleState();
  const p = newPodInfo(tc.pod);
  expect(pl.preFilter(state, p).status).toBeUndefined();
  const got = infos.map((ni) => {
    const s = pl.filter(state, p, ni);
    return { node: ni.name, code: s?.code ?? OK, reasons: s?.reasons ?? [] };
  });
  expect(got).toEqual(
    infos.map((ni, i) => {
      const code = tc.want[i] as Code;
      const reason = reasonOf[code];
      return { node: ni.name, code, reasons: reason ? [reason] : [] };
    }),
  );
}

const spread213 = () => [
  pod("p-a1", "node-a", foo),
  pod("p-a2", "node-a", foo),
  pod("p-b1", "node-b", foo),
  pod("p-y1", "node-y", foo),
  pod("p-y2", "node-y", foo),
  pod("p-y3", "node-y", foo),
];
const nodesABC = () => [
  node("node-a", { node: "node-a" }),
  node("node-b", { node: "node-b" }),
  node("node-c", { node: "node-c" }),
];
const inclusionNodes = (yTaints?: unknown[]) => [
  node("node-a", { node: "node-a", foo: "" }),
  node("node-b", { node: "node-b", foo: "" }),
  node("node-x", { node: "node-x", foo: "" }),
  node("node-y", { node: "node-y" }, yTaints),
];
const inclusionPods = () => [
  pod("p-b1", "node-a", foo),
  pod("p-b2", "node-b", foo),
  pod("p-y1", "node-y", foo),
];

describe("PodTopologySpread Filter, one constraint (TestSingleConstraint)", () => {
  const cases: FilterCase[] = [
    {
      name: "no existing pods",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      want: [OK, OK, OK, OK],
    },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: incoming(foo, [spread(1, "zone", DNS, barSelector)]),
      nodes: nodes4(),
      want: [OK, OK, OK, OK],
    },
    {
      name: "existing pods in a different namespace do not count",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo, { namespace: "ns1" }),
        pod("p-b1", "node-a", foo, { namespace: "ns2" }),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      want: [OK, OK, U, U],
    },
    {
      name: "existing pods do not match null selector",
      pod: incoming(foo, [spread(1, "zone", DNS, null)]),
      nodes: nodes4(),
      existingPods: [pod("p-x1", "node-x", foo), pod("p-y1", "node-y", foo)],
      want: [OK, OK, OK, OK],
    },
    {
      name: "pods spread across zones as 3/3, all nodes fit",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [OK, OK, OK, OK],
    },
    {
      // TODO(Huang-Wei): maybe document this to remind users that typos on node labels
      // can cause unexpected behavior
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)]),
      nodes: [
        zn("node-a", "zone1"),
        node("node-b", { zon: "zone1", node: "node-b" }),
        zn("node-x", "zone2"),
        zn("node-y", "zone2"),
      ],
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-x1", "node-x", foo),
        pod("p-y1", "node-y", foo),
      ],
      want: [OK, UU, U, U],
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: incoming(foo, [spread(1, "rack", DNS, fooSelector)]),
      nodes: [zn("node-a", "zone1"), zn("node-x", "zone2")],
      want: [UU, UU],
    },
    {
      name: "pods spread across nodes as 2/1/0/3, only node-x fits",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [U, U, OK, U],
    },
    {
      name: "pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit",
      pod: incoming(foo, [spread(2, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [U, OK, OK, U],
    },
    {
      // not a desired case, but it can happen
      // in this case, placement of the new pod doesn't change pod distribution of the cluster
      // as the incoming pod doesn't have label "foo"
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: incoming(bar, [spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [U, OK, OK, U],
    },
    {
      // only node-a and node-y are considered, so pods spread as 2/~1~/~0~/3
      // but in this unit test, we don't run NodeAffinity/TaintToleration Predicate, so node-b and node-x are
      // still expected to be fits;
      // the fact that node-a fits can prove the underlying logic works
      name: "incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)], nodeAffinityIn("node", ["node-a", "node-y"])),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [OK, OK, OK, U], // node-b, node-x: in real case, it's false
    },
    {
      name: "terminating Pods should be excluded",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      nodes: [node("node-a", { node: "node-a" }), node("node-b", { node: "node-b" })],
      existingPods: [pod("p-a", "node-a", foo, { terminating: true }), pod("p-b", "node-b", foo)],
      want: [OK, U],
    },
    {
      // In this unit test, NodeAffinity plugin is not involved, so node-b still fits
      name: "incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector)], nodeAffinityNotIn("node", ["node-b"])),
      nodes: nodes4(),
      existingPods: [pod("p-b1", "node-b", foo), pod("p-b2", "node-b", foo), pod("p-y1", "node-y", foo)],
      want: [OK, OK, U, U], // node-b: in real case, it's Unschedulable
    },
    {
      name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits",
      pod: incoming(foo, [spread(2, "node", DNS, fooSelector, { minDomains: 4 })]), // larger than the number of domains(3)
      nodes: nodesABC(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-b2", "node-b", foo),
        pod("p-c1", "node-c", foo),
      ],
      want: [U, U, OK],
    },
    {
      name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit",
      pod: incoming(foo, [spread(2, "node", DNS, fooSelector, { minDomains: 2 })]), // smaller than the number of domains(3)
      nodes: nodesABC(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", foo),
        pod("p-b2", "node-b", foo),
        pod("p-c1", "node-c", foo),
      ],
      want: [OK, OK, OK],
    },
    {
      name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit",
      pod: incoming(foo, [spread(2, "zone", DNS, fooSelector, { minDomains: 3 })]), // larger than the number of domains(2)
      nodes: nodes4(),
      existingPods: [pod("p-b1", "node-a", foo), pod("p-b2", "node-b", foo), pod("p-y1", "node-y", foo)],
      want: [U, U, OK, OK],
    },
    {
      name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit",
      pod: incoming(foo, [spread(2, "zone", DNS, fooSelector, { minDomains: 1 })]), // smaller than the number of domains(2)
      nodes: nodes4(),
      existingPods: [pod("p-b1", "node-a", foo), pod("p-b2", "node-b", foo), pod("p-y1", "node-y", foo)],
      want: [OK, OK, OK, OK],
    },
    {
      // pods spread across node as 1/1/0/~0~
      name: "NodeAffinityPolicy honored with labelSelectors",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)], { nodeSelector: foo }),
      nodes: inclusionNodes(),
      existingPods: inclusionPods(),
      want: [U, U, OK, OK], // node-y: in real case, NodeAffinity rejects it
    },
    {
      // pods spread across node as 1/1/0/~1~
      name: "NodeAffinityPolicy ignored with labelSelectors",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" })], {
        nodeSelector: foo,
      }),
      nodes: inclusionNodes(),
      existingPods: inclusionPods(),
      want: [U, U, OK, U],
    },
    {
      // pods spread across node as 1/1/0/~0~
      name: "NodeAffinityPolicy honored with nodeAffinity",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)], nodeAffinityIn("foo", [""])),
      nodes: inclusionNodes(),
      existingPods: inclusionPods(),
      want: [U, U, OK, OK], // node-y: in real case, NodeAffinity rejects it
    },
    {
      // pods spread across node as 1/1/0/~1~ (upstream repeats the previous case's name)
      name: "NodeAffinityPolicy ignored with labelSelectors",
      pod: incoming(
        foo,
        [spread(1, "node", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" })],
        nodeAffinityIn("foo", [""]),
      ),
      nodes: inclusionNodes(),
      existingPods: inclusionPods(),
      want: [U, U, OK, U],
    },
    {
      // pods spread across node as 1/1/0/~0~
      name: "NodeTaintsPolicy honored",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector, { nodeTaintsPolicy: "Honor" })]),
      nodes: inclusionNodes(taints),
      existingPods: inclusionPods(),
      want: [U, U, OK, OK], // node-y: in real case, TaintToleration rejects it
    },
    {
      // pods spread across node as 1/1/0/~1~
      name: "NodeTaintsPolicy ignored",
      pod: incoming(foo, [spread(1, "node", DNS, fooSelector)]),
      nodes: inclusionNodes(taints),
      existingPods: inclusionPods(),
      want: [U, U, OK, U],
    },
  ];
  for (const tc of cases) it(tc.name, () => runFilter(tc));
});

describe("PodTopologySpread Filter, several constraints (TestMultipleConstraints)", () => {
  const inclusion = () => [
    zn("node-a", "zone1", foo),
    zn("node-b", "zone1"),
    zn("node-x", "zone2", foo),
    zn("node-y", "zone2", foo, taints),
  ];
  const abyPods = () => [pod("p-a1", "node-a", foo), pod("p-b1", "node-b", foo), pod("p-y1", "node-y", foo)];
  const cases: FilterCase[] = [
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on any zone (hence any node)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-x
      // intersection of (1) and (2) returns node-x
      name: "two Constraints on zone and node, spreads = [3/3, 2/1/0/3]",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: spread213(),
      want: [U, U, OK, U],
    },
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on zone1 (node-a or node-b)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-x
      // intersection of (1) and (2) returns no node
      name: "two Constraints on zone and node, spreads = [3/4, 2/1/0/4]",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [...spread213(), pod("p-y4", "node-y", foo)],
      want: [U, U, U, U],
    },
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on zone2 (node-x or node-y)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-a, node-b or node-x
      // intersection of (1) and (2) returns node-x
      name: "Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: nodes4(),
      existingPods: [pod("p-a1", "node-a", foo), pod("p-y1", "node-y", bar)],
      want: [U, U, OK, U],
    },
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on zone2 (node-x or node-y)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-a or node-b
      // intersection of (1) and (2) returns no node
      name: "Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: nodes4(),
      existingPods: [pod("p-a1", "node-a", foo), pod("p-x1", "node-x", bar), pod("p-y1", "node-y", bar)],
      want: [U, U, U, U],
    },
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on zone1 (node-a or node-b)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-b or node-x
      // intersection of (1) and (2) returns node-b
      name: "Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]",
      pod: incoming(fooBar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", foo),
        pod("p-a2", "node-a", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", fooBar),
        pod("p-y3", "node-y", foo),
      ],
      want: [U, OK, U, U],
    },
    {
      // 1. pod doesn't match itself on "zone" constraint, so it can be put onto any zone
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-a or node-b
      // intersection of (1) and (2) returns node-a and node-b
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: incoming(bar, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, barSelector)]),
      nodes: nodes4(),
      existingPods: [pod("p-a1", "node-a", foo), pod("p-x1", "node-x", bar), pod("p-y1", "node-y", bar)],
      want: [OK, OK, U, U],
    },
    {
      // 1. to fulfil "zone" constraint, incoming pod can be placed on any zone (hence any node)
      // 2. to fulfil "node" constraint, incoming pod can be placed on node-b (node-x doesn't have the required label)
      // intersection of (1) and (2) returns node-b
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)]),
      nodes: [
        zn("node-a", "zone1"),
        zn("node-b", "zone1"),
        node("node-x", { zone: "zone2" }),
        zn("node-y", "zone2"),
      ],
      existingPods: [pod("p-a1", "node-a", foo), pod("p-y3", "node-y", foo)],
      want: [U, OK, UU, U],
    },
    {
      // 1. to fulfil "zone" constraint, pods spread across zones as 2/~0~
      // 2. to fulfil "node" constraint, pods spread across zones as 1/1/0/~1~
      // intersection of (1) and (2) returns node-x
      name: "two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
      pod: incoming(
        foo,
        [
          spread(1, "zone", DNS, fooSelector),
          spread(1, "node", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" }),
        ],
        { nodeSelector: foo },
      ),
      nodes: [
        zn("node-a", "zone1", foo),
        zn("node-b", "zone1", foo),
        zn("node-x", "zone2", foo),
        zn("node-y", "zone2"),
      ],
      existingPods: abyPods(),
      want: [U, U, OK, U],
    },
    {
      // 1. to fulfil "zone" constraint, pods spread across zones as 2/0
      // 2. to fulfil "node" constraint, pods spread across zones as 1/1/0/~1~
      // intersection of (1) and (2) returns node-x
      name: "two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
      pod: incoming(foo, [
        spread(1, "zone", DNS, fooSelector, { nodeTaintsPolicy: "Honor" }),
        spread(1, "node", DNS, fooSelector),
      ]),
      nodes: [
        zn("node-a", "zone1", foo),
        zn("node-b", "zone1", foo),
        zn("node-x", "zone2", foo),
        zn("node-y", "zone2", {}, taints),
      ],
      existingPods: abyPods(),
      want: [U, U, OK, U],
    },
    {
      // 1. to fulfil "zone" constraint, pods spread across zones as 1/~1~
      // 2. to fulfil "node" constraint, pods spread across zones as 1/0/0/~1~
      // intersection of (1) and (2) returns node-x
      name: "two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
      pod: incoming(foo, [spread(1, "zone", DNS, fooSelector), spread(1, "node", DNS, fooSelector)], {
        nodeSelector: foo,
      }),
      nodes: inclusion(),
      existingPods: abyPods(),
      want: [U, OK, OK, U],
    },
    {
      // 1. to fulfil "zone" constraint, pods spread across zones as 1/0
      // 2. to fulfil "node" constraint, pods spread across zones as 1/~1~/0/~1~
      // intersection of (1) and (2) returns node-x
      name: "two node inclusion Constraints, zone: honor/honor, node: ignore/ignore",
      pod: incoming(
        foo,
        [
          spread(1, "zone", DNS, fooSelector, { nodeTaintsPolicy: "Honor" }),
          spread(1, "node", DNS, fooSelector, { nodeAffinityPolicy: "Ignore" }),
        ],
        { nodeSelector: foo },
      ),
      nodes: inclusion(),
      existingPods: abyPods(),
      want: [U, U, OK, U],
    },
    {
      // 1. to fulfil first "zone" constraint, incoming pod can be placed on zone2 (node-x or node-y)
      // 2. to fulfil second "zone" constraint, incoming pod can be placed on any zone
      // intersection of (1) and (2) returns node-x and node-y
      name: "two Constraints on zone, spreads = [3/3, 2/1]",
      pod: incoming(fooBar, [spread(1, "zone", DNS, barSelector), spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", fooBar),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", fooBar),
        pod("p-y3", "node-y", foo),
      ],
      want: [U, U, OK, OK],
    },
    {
      // 1. to fulfil first "zone" constraint, incoming pod can be placed on zone2 (node-x or node-y)
      // 2. to fulfil second "zone" constraint, incoming pod can be placed on zone1 (node-a or node-b)
      // intersection of (1) and (2) returns no node
      name: "two Constraints on zone, spreads = [3/4, 2/1]",
      pod: incoming(fooBar, [spread(1, "zone", DNS, barSelector), spread(1, "zone", DNS, fooSelector)]),
      nodes: nodes4(),
      existingPods: [
        pod("p-a1", "node-a", fooBar),
        pod("p-a2", "node-a", foo),
        pod("p-b1", "node-b", fooBar),
        pod("p-y1", "node-y", foo),
        pod("p-y2", "node-y", fooBar),
        pod("p-y3", "node-y", foo),
        pod("p-y4", "node-y", foo),
      ],
      want: [U, U, U, U],
    },
  ];
  for (const tc of cases) it(tc.name, () => runFilter(tc));
});

describe("PodTopologySpread Filter without PreFilter (TestPreFilterDisabled)", () => {
  it("returns an Error status when PreFilter did not run", () => {
    const pl = new PodTopologySpreadPlugin(makeHandle([]), { defaultingType: "List" });
    const ni = new NodeInfo("", makeNode(""));
    const s = pl.filter(new CycleState(), newPodInfo(incoming({})), ni);
    expect(s?.code).toBe(Code.Error);
    expect(s?.reasons).toEqual([`reading "${preFilterKey}" from cycleState: not found`]);
  });
});
