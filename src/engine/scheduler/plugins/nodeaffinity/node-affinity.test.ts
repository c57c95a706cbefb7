// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go
// (TestNodeAffinity, TestNodeAffinityPriority), a representative subset.
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { ErrReasonPod, errReasonConflict, errReasonEnforced, NodeAffinityPlugin } from "./node-affinity";

const required = (...terms: unknown[]) => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  },
});

describe("NodeAffinity Filter", () => {
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    labels: Record<string, string>;
    nodeName?: string;
    want?: string;
    prefilter?: string;
    args?: Record<string, unknown>;
  }[] = [
    { name: "no selector", spec: {}, labels: {} },
    { name: "missing labels", spec: { nodeSelector: { foo: "bar" } }, labels: {}, want: ErrReasonPod },
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
      spec: required({ matchExpressions: [{ key: "foo", operator: "In", values: ["bar", "value2"] }] }),
      labels: { foo: "bar" },
    },
    {
      name: "Pod with matchExpressions using Gt operator that matches the existing node",
      spec: required({ matchExpressions: [{ key: "kernel-version", operator: "Gt", values: ["0204"] }] }),
      labels: { "kernel-version": "0206" },
    },
    {
      name: "Pod with matchExpressions using NotIn operator that matches the existing node",
      spec: required({ matchExpressions: [{ key: "mem-type", operator: "NotIn", values: ["DDR", "DDR2"] }] }),
      labels: { "mem-type": "DDR3" },
    },
    {
      name: "Pod with matchExpressions using Exists operator that matches the existing node",
      spec: required({ matchExpressions: [{ key: "GPU", operator: "Exists" }] }),
      labels: { GPU: "NVIDIA-GRID-K1" },
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: required({ matchExpressions: [{ key: "foo", operator: "In", values: ["value1", "value2"] }] }),
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: {
        affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
        },
      },
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      spec: required({}),
      labels: { foo: "bar" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      spec: required(
        { matchExpressions: [{ key: "foo", operator: "In", values: ["bar", "value2"] }] },
        { matchExpressions: [{ key: "diffkey", operator: "In", values: ["wrong", "value2"] }] },
      ),
      labels: { foo: "bar" },
    },
    {
      name: "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
      spec: {
        nodeSelector: { foo: "bar" },
        ...required({ matchExpressions: [{ key: "foo", operator: "Exists" }] }),
      },
      labels: { foo: "bar" },
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      spec: {
        nodeSelector: { foo: "bar" },
        ...required({ matchExpressions: [{ key: "foo", operator: "Exists" }] }),
      },
      labels: { foo: "barrrrrr" },
      want: ErrReasonPod,
    },
    {
      name: "Pod with matchFields using In operator that matches the existing node",
      spec: required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] }),
      labels: {},
      nodeName: "node1",
    },
    {
      name: "Pod with matchFields using In operator that does not match the existing node",
      spec: required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] }),
      labels: {},
      nodeName: "node2",
      want: ErrReasonPod,
    },
    {
      name: "Pod with two terms: both matchFields and matchExpressions do not match",
      spec: required(
        { matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] },
        { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] },
      ),
      labels: { foo: "baz" },
      nodeName: "node2",
      want: ErrReasonPod,
    },
    {
      name: "Pod with matchFields naming no node: PreFilter conflict",
      spec: required({
        matchFields: [
          { key: "metadata.name", operator: "In", values: ["node1"] },
          { key: "metadata.name", operator: "In", values: ["node2"] },
        ],
      }),
      labels: {},
      prefilter: errReasonConflict,
    },
    {
      name: "Matches added affinity and Pod's node affinity",
      spec: required({ matchExpressions: [{ key: "zone", operator: "In", values: ["foo"] }] }),
      labels: { zone: "foo" },
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["foo"] }] }],
          },
        },
      },
    },
    {
      name: "Doesn't match added affinity",
      spec: {},
      labels: { zone: "foo" },
      want: errReasonEnforced,
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["bar"] }] }],
          },
        },
      },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new NodeAffinityPlugin(c.args ?? {});
      const p = newPodInfo(makePod("p", c.spec));
      const state = new CycleState();
      const pre = pl.preFilter(state, p);
      if (c.prefilter) {
        expect(pre.status?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(pre.status?.reasons).toEqual([c.prefilter]);
        return;
      }
      const s = pl.filter(state, p, makeNodeInfo(makeNode(c.nodeName ?? "node1", { labels: c.labels })));
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(s?.reasons).toEqual([c.want]);
      }
    });

  it("PreFilter narrows to the nodes named by matchFields (DaemonSet pods)", () => {
    const pl = new NodeAffinityPlugin();
    const p = newPodInfo(
      makePod("p", required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["node1"] }] })),
    );
    expect([...(pl.preFilter(new CycleState(), p).result?.nodeNames ?? [])]).toEqual(["node1"]);
  });
});

describe("NodeAffinity Score (TestNodeAffinityPriority)", () => {
  const label1 = { foo: "bar" };
  const label2 = { key: "value" };
  const label5 = { foo: "bar", key: "value", az: "az1" };
  const affinity1 = {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] } },
        ],
      },
    },
  };
  const affinity2 = {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: "foo", operator: "In", values: ["bar"] }] } },
          {
            weight: 4,
            preference: { matchExpressions: [{ key: "key", operator: "In", values: ["value"] }] },
          },
          {
            weight: 5,
            preference: {
              matchExpressions: [
                { key: "foo", operator: "In", values: ["bar"] },
                { key: "key", operator: "In", values: ["value"] },
                { key: "az", operator: "In", values: ["az1"] },
              ],
            },
          },
        ],
      },
    },
  };
  const run = (spec: Record<string, unknown>, labels: Record<string, string>[]) => {
    const pl = new NodeAffinityPlugin();
    const p = newPodInfo(makePod("p", spec));
    const state = new CycleState();
    const infos = labels.map((l, i) => makeNodeInfo(makeNode(`node${i + 1}`, { labels: l })));
    pl.preScore(state, p);
    return scoreAll(pl, state, p, infos).map((s) => s.score);
  };
  it("all nodes are same priority as NodeAffinity is nil", () => {
    expect(new NodeAffinityPlugin().preScore(new CycleState(), newPodInfo(makePod("p")))?.code).toBe(
      Code.Skip,
    );
  });
  it("no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero", () => {
    expect(run(affinity1, [{ key: "value" }, { az: "az1" }, { abc: "az11", def: "az22" }])).toEqual([
      0, 0, 0,
    ]);
  });
  it("only node1 matches the preferred scheduling requirements of pod", () => {
    expect(run(affinity1, [label1, { az: "az1" }, { abc: "az11", def: "az22" }])).toEqual([100, 0, 0]);
  });
  it("all nodes matches the preferred scheduling requirements of pod but with different priorities", () => {
    expect(run(affinity2, [label1, label5, label2])).toEqual([18, 100, 36]);
  });
});
