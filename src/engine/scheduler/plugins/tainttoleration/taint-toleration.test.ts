// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
// (the release-1.32 cases; newer Gt/Lt toleration operators are not in v1.32).
import { describe, expect, it } from "vitest";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { newPodInfo } from "../../framework/types";
import { TaintTolerationPlugin } from "./taint-toleration";

const podWithTolerations = (tolerations: unknown[]) => newPodInfo(makePod("pod1", { tolerations }));
const nodeWithTaints = (name: string, taints: unknown[]) => makeNodeInfo(makeNode(name, { taints }));

describe("TaintToleration Score", () => {
  const cases: { name: string; tolerations: unknown[]; nodes: [string, unknown[]][]; want: number[] }[] = [
    {
      name: "node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
      nodes: [
        ["nodeA", [{ key: "foo", value: "bar", effect: "PreferNoSchedule" }]],
        ["nodeB", [{ key: "foo", value: "blah", effect: "PreferNoSchedule" }]],
      ],
      want: [100, 0],
    },
    {
      name: "the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has",
      tolerations: [
        { key: "cpu-type", operator: "Equal", value: "arm64", effect: "PreferNoSchedule" },
        { key: "disk-type", operator: "Equal", value: "ssd", effect: "PreferNoSchedule" },
      ],
      nodes: [
        ["nodeA", []],
        ["nodeB", [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }]],
        [
          "nodeC",
          [
            { key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" },
            { key: "disk-type", value: "ssd", effect: "PreferNoSchedule" },
          ],
        ],
      ],
      want: [100, 100, 100],
    },
    {
      name: "the more intolerable taints a node has, the lower score it gets.",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
      nodes: [
        ["nodeA", []],
        ["nodeB", [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }]],
        [
          "nodeC",
          [
            { key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" },
            { key: "disk-type", value: "ssd", effect: "PreferNoSchedule" },
          ],
        ],
      ],
      want: [100, 50, 0],
    },
    {
      name: "only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function",
      tolerations: [
        { key: "cpu-type", operator: "Equal", value: "arm64", effect: "NoSchedule" },
        { key: "disk-type", operator: "Equal", value: "ssd", effect: "NoSchedule" },
      ],
      nodes: [
        ["nodeA", []],
        ["nodeB", [{ key: "cpu-type", value: "arm64", effect: "NoSchedule" }]],
        [
          "nodeC",
          [
            { key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" },
            { key: "disk-type", value: "ssd", effect: "PreferNoSchedule" },
          ],
        ],
      ],
      want: [100, 100, 0],
    },
    {
      name: "Default behaviour No taints and tolerations, lands on node with no taints",
      tolerations: [],
      nodes: [
        ["nodeA", []],
        ["nodeB", [{ key: "cpu-type", value: "arm64", effect: "PreferNoSchedule" }]],
      ],
      want: [100, 0],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pl = new TaintTolerationPlugin();
      const p = podWithTolerations(c.tolerations);
      const infos = c.nodes.map(([n, t]) => nodeWithTaints(n, t));
      const state = new CycleState();
      pl.preScore(state, p);
      expect(scoreAll(pl, state, p, infos).map((s) => s.score)).toEqual(c.want);
    });
});

describe("TaintToleration Filter", () => {
  const cases: { name: string; tolerations: unknown[]; taints: unknown[]; want?: string }[] = [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      tolerations: [],
      taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
      want: "node(s) had untolerated taint {dedicated: user1}",
    },
    {
      name: "A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
      tolerations: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
      taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      tolerations: [{ key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" }],
      taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }],
      want: "node(s) had untolerated taint {dedicated: user1}",
    },
    {
      name: "A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node",
      tolerations: [{ key: "foo", operator: "Exists", effect: "NoSchedule" }],
      taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
    },
    {
      name: "A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node",
      tolerations: [
        { key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" },
        { key: "foo", operator: "Exists", effect: "NoSchedule" },
      ],
      taints: [
        { key: "dedicated", value: "user2", effect: "NoSchedule" },
        { key: "foo", value: "bar", effect: "NoSchedule" },
      ],
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
      taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
      want: "node(s) had untolerated taint {foo: bar}",
    },
    {
      name: "The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar" }],
      taints: [{ key: "foo", value: "bar", effect: "NoSchedule" }],
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      tolerations: [{ key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" }],
      taints: [{ key: "dedicated", value: "user1", effect: "PreferNoSchedule" }],
    },
    {
      name: "The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      tolerations: [],
      taints: [{ key: "dedicated", value: "user1", effect: "PreferNoSchedule" }],
    },
    {
      name: "NoExecute taints filter too; an empty-key Exists toleration tolerates everything",
      tolerations: [{ operator: "Exists" }],
      taints: [{ key: "node.kubernetes.io/not-ready", effect: "NoExecute" }],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const s = new TaintTolerationPlugin().filter(
        new CycleState(),
        podWithTolerations(c.tolerations),
        nodeWithTaints("nodeA", c.taints),
      );
      if (!c.want) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
        expect(s?.reasons).toEqual([c.want]);
      }
    });
});
