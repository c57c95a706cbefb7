// Ported from kubernetes/kubernetes release-1.32
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity with its
// PreFilter results and addedAffinity args, TestNodeAffinityPriority).
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code, type MaybeStatus } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import {
  ErrReasonPod,
  errReasonConflict,
  errReasonEnforced,
  type NodeAffinityArgs,
  NodeAffinityPlugin,
} from "./node-affinity";

const required = (...terms: unknown[]) => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  },
});
const expr = (key: string, operator: string, values?: string[]) => ({
  key,
  operator,
  ...(values ? { values } : {}),
});
const nameIn = (...values: string[]) => ({ key: "metadata.name", operator: "In", values });
const view = (s: MaybeStatus) => (s ? { code: s.code, reasons: s.reasons } : undefined);
const unresolvable = (r: string) => ({ code: Code.UnschedulableAndUnresolvable, reasons: [r] });

describe("NodeAffinity Filter (TestNodeAffinity)", () => {
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    labels?: Record<string, string>;
    nodeName?: string;
    want?: string;
    pre?: { code: Code; reasons: string[] };
    result?: string[];
    args?: NodeAffinityArgs;
    runPreFilter?: boolean;
  }[] = [
    { name: "missing labels", spec: { nodeSelector: { foo: "bar" } }, want: ErrReasonPod },
    { name: "same labels", spec: { nodeSelector: { foo: "bar" } }, labels: { foo: "bar" } },
    {
      name: "node labels are superset",
      spec: { nodeSelector: { foo: "bar" } },
      labels: { foo: "bar", baz: "blah" },
    },
    {
      name: "node labels are subset",
      spec: { nodeSelector: { foo: "bar", baz: "blah" } },
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with matchExpressions using In operator that matches the existing node",
      spec: required({ matchExpressions: [expr("foo", "In", ["bar", "value2"])] }),
      labels: { foo: "bar" },
    },
    {
      name: "Pod with matchExpressions using Gt operator that matches the existing node",
      spec: required({ matchExpressions: [expr("kernel-version", "Gt", ["0204"])] }),
      labels: { "kernel-version": "0206" },
    },
    {
      name: "Pod with matchExpressions using NotIn operator that matches the existing node",
      spec: required({ matchExpressions: [expr("mem-type", "NotIn", ["DDR", "DDR2"])] }),
      labels: { "mem-type": "DDR3" },
    },
    {
      name: "Pod with matchExpressions using Exists operator that matches the existing node",
      spec: required({ matchExpressions: [expr("GPU", "Exists")] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: required({ matchExpressions: [expr("foo", "In", ["value1", "value2"])] }),
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      spec: required({ matchExpressions: [] }),
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with no Affinity will schedule onto a node",
      spec: {},
      labels: { foo: "bar" },
      pre: { code: Code.Skip, reasons: [] },
    },
    {
      name: "Pod with Affinity but nil NodeSelector will schedule onto a node",
      spec: { affinity: { nodeAffinity: {} } },
      labels: { foo: "bar" },
      pre: { code: Code.Skip, reasons: [] },
    },
    {
      name: "Pod with multiple matchExpressions ANDed that matches the existing node",
      spec: required({ matchExpressions: [expr("GPU", "Exists"), expr("GPU", "NotIn", ["AMD", "INTER"])] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      spec: required({ matchExpressions: [expr("GPU", "Exists"), expr("GPU", "In", ["AMD", "INTER"])] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      spec: required(
        { matchExpressions: [expr("foo", "In", ["bar", "value2"])] },
        { matchExpressions: [expr("diffkey", "In", ["wrong", "value2"])] },
      ),
      labels: { foo: "bar" },
    },
    {
      name: "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
      spec: { nodeSelector: { foo: "bar" }, ...required({ matchExpressions: [expr("foo", "Exists")] }) },
      labels: { foo: "bar" },
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      spec: { nodeSelector: { foo: "bar" }, ...required({ matchExpressions: [expr("foo", "Exists")] }) },
      labels: { foo: "barrrrrr" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      spec: required({ matchExpressions: [expr("foo", "NotIn", ["invalid value: ___@#$%^"])] }),
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with matchFields using In operator that matches the existing node",
      spec: required({ matchFields: [nameIn("node1")] }),
      nodeName: "node1",
      result: ["node1"],
    },
    {
      name: "Pod with matchFields using In operator that does not match the existing node",
      spec: required({ matchFields: [nameIn("node1")] }),
      nodeName: "node2",
      want: ErrReasonPod,
      result: ["node1"],
    },
    {
      name: "Pod with two terms: matchFields does not match, but matchExpressions matches",
      spec: required(
        { matchFields: [nameIn("node1"), nameIn("node2")] },
        { matchExpressions: [expr("foo", "In", ["bar"])] },
      ),
      nodeName: "node2",
      labels: { foo: "bar" },
    },
    {
      name: "Pod with one term: matchFields does not match, but matchExpressions matches",
      spec: required({ matchFields: [nameIn("node1")], matchExpressions: [expr("foo", "In", ["bar"])] }),
      nodeName: "node2",
      labels: { foo: "bar" },
      result: ["node1"],
      want: ErrReasonPod,
    },
    {
      name: "Pod with one term: both matchFields and matchExpressions match",
      spec: required({ matchFields: [nameIn("node1")], matchExpressions: [expr("foo", "In", ["bar"])] }),
      nodeName: "node1",
      labels: { foo: "bar" },
      result: ["node1"],
    },
    {
      name: "Pod with two terms: both matchFields and matchExpressions do not match",
      spec: required(
        { matchFields: [nameIn("node1")] },
        { matchExpressions: [expr("foo", "In", ["not-match-to-bar"])] },
      ),
      nodeName: "node2",
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with two terms of node.Name affinity",
      spec: required({ matchFields: [nameIn("node1")] }, { matchFields: [nameIn("node2")] }),
      nodeName: "node2",
      result: ["node1", "node2"],
    },
    {
      name: "Pod with two conflicting mach field requirements",
      spec: required({ matchFields: [nameIn("node1"), nameIn("node2")] }),
      nodeName: "node2",
      labels: { foo: "bar" },
      pre: unresolvable(errReasonConflict),
      want: ErrReasonPod,
    },
    {
      name: "Matches added affinity and Pod's node affinity",
      spec: required({ matchExpressions: [expr("zone", "In", ["foo"])] }),
      nodeName: "node2",
      labels: { zone: "foo" },
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [nameIn("node2")] }],
          },
        },
      },
    },
    {
      name: "Matches added affinity but not Pod's node affinity",
      spec: required({ matchExpressions: [expr("zone", "In", ["bar"])] }),
      nodeName: "node2",
      labels: { zone: "foo" },
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [nameIn("node2")] }],
          },
        },
      },
      want: ErrReasonPod,
    },
    {
      name: "Doesn't match added affinity",
      spec: {},
      nodeName: "node2",
      labels: { zone: "foo" },
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [expr("zone", "In", ["bar"])] }],
          },
        },
      },
      want: errReasonEnforced,
    },
    {
      name: "Matches node selector correctly even if PreFilter is not called",
      spec: { nodeSelector: { foo: "bar" } },
      labels: { foo: "bar", baz: "blah" },
      runPreFilter: false,
    },
    {
      name: "Matches node affinity correctly even if PreFilter is not called",
      spec: required({ matchExpressions: [expr("GPU", "Exists"), expr("GPU", "NotIn", ["AMD", "INTER"])] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
      runPreFilter: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new NodeAffinityPlugin(c.args ?? {});
      const p = newPodInfo(makePod("p", c.spec));
      const state = new CycleState();
      if (c.runPreFilter !== false) {
        const pre = pl.preFilter(state, p);
        expect(view(pre.status)).toEqual(c.pre);
        expect(pre.result?.nodeNames ? [...pre.result.nodeNames].sort() : undefined).toEqual(c.result);
      }
      // Upstream runs Filter whatever PreFilter said.
      const s = pl.filter(state, p, makeNodeInfo(makeNode(c.nodeName ?? "", { labels: c.labels ?? {} })));
      expect(view(s)).toEqual(c.want ? unresolvable(c.want) : undefined);
    });
});

describe("NodeAffinity Score (TestNodeAffinityPriority)", () => {
  const label1 = { foo: "bar" };
  const label2 = { key: "value" };
  const label3 = { az: "az1" };
  const label4 = { abc: "az11", def: "az22" };
  const label5 = { foo: "bar", key: "value", az: "az1" };
  const affinity1 = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [expr("foo", "In", ["bar"])] } },
      ],
    },
  };
  const affinity2 = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [expr("foo", "In", ["bar"])] } },
        { weight: 4, preference: { matchExpressions: [expr("key", "In", ["value"])] } },
        {
          weight: 5,
          preference: {
            matchExpressions: [
              expr("foo", "In", ["bar"]),
              expr("key", "In", ["value"]),
              expr("az", "In", ["az1"]),
            ],
          },
        },
      ],
    },
  };
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    nodes: [string, Record<string, string>][];
    want?: number[];
    args?: NodeAffinityArgs;
    runPreScore?: boolean;
    pre?: { code: Code; reasons: string[] };
  }[] = [
    {
      name: "all nodes are same priority as NodeAffinity is nil",
      spec: {},
      nodes: [
        ["node1", label1],
        ["node2", label2],
        ["node3", label3],
      ],
      want: [0, 0, 0],
      runPreScore: false,
    },
    {
      name: "Skip is returned in PreScore when NodeAffinity is nil",
      spec: {},
      nodes: [["node1", label1]],
      pre: { code: Code.Skip, reasons: [] },
    },
    {
      name: "PreScore returns error when an incoming Pod has a broken affinity",
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 2, preference: { matchExpressions: [expr("invalid key", "In", ["bar"])] } },
            ],
          },
        },
      },
      nodes: [["node1", label1]],
      pre: {
        code: Code.Error,
        reasons: [
          `[0].matchExpressions[0].key: Invalid value: "invalid key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
        ],
      },
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      spec: { affinity: affinity1 },
      nodes: [
        ["node1", label4],
        ["node2", label2],
        ["node3", label3],
      ],
      want: [0, 0, 0],
    },
    {
      name: "only node1 matches the preferred scheduling requirements of pod",
      spec: { affinity: affinity1 },
      nodes: [
        ["node1", label1],
        ["node2", label2],
        ["node3", label3],
      ],
      want: [100, 0, 0],
    },
    {
      name: "all nodes matches the preferred scheduling requirements of pod but with different priorities ",
      spec: { affinity: affinity2 },
      nodes: [
        ["node1", label1],
        ["node5", label5],
        ["node2", label2],
      ],
      want: [18, 100, 36],
    },
    {
      name: "added affinity",
      spec: {},
      nodes: [
        ["node1", label1],
        ["node2", label2],
      ],
      want: [100, 0],
      args: { addedAffinity: affinity1.nodeAffinity },
    },
    {
      name: "added affinity and pod has default affinity",
      spec: { affinity: affinity1 },
      nodes: [
        ["node1", label1],
        ["node2", label2],
        ["node3", label5],
      ],
      want: [40, 60, 100],
      args: {
        addedAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 3, preference: { matchExpressions: [expr("key", "In", ["value"])] } },
          ],
        },
      },
    },
    {
      name: "calculate the priorities correctly even if PreScore is not called",
      spec: { affinity: affinity2 },
      nodes: [
        ["node1", label1],
        ["node5", label5],
        ["node2", label2],
      ],
      want: [18, 100, 36],
      runPreScore: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new NodeAffinityPlugin(c.args ?? {});
      const p = newPodInfo(makePod("p", c.spec));
      const state = new CycleState();
      const infos = c.nodes.map(([n, labels]) => makeNodeInfo(makeNode(n, { labels })));
      if (c.runPreScore !== false) {
        const s = pl.preScore(state, p);
        expect(view(s)).toEqual(c.pre);
        if (s) return;
      }
      expect(scoreAll(pl, state, p, infos).map((s) => s.score)).toEqual(c.want);
    });
});
