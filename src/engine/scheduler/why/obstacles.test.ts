// The rejecting rows of kubernetes/kubernetes release-1.32 plugin test tables, each with the
// sentence Why Pending says and the fix it derives:
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity),
// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go (TestTaintTolerationFilter),
// pkg/scheduler/framework/plugins/noderesources/fit_test.go (TestEnoughRequests),
// pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go (TestNodeUnschedulable).
import { describe, expect, it } from "vitest";
import type { Node } from "../../api/kinds";
import { makeNode, makeNodeInfo, makePod, resourcePod } from "../framework/testing";
import { newPodInfo } from "../framework/types";
import { applyToNode, applyToPod, combinations } from "./fixes";
import { nodeAffinityObstacles, resourceObstacles, TextCordoned, taintObstacles } from "./obstacles";

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
const target = { resource: "deployment", name: "web", namespace: "default" };

describe("NodeAffinity obstacles (TestNodeAffinity's rejections)", () => {
  const cases: {
    name: string;
    spec: Record<string, unknown>;
    labels?: Record<string, string>;
    want: string[];
    fix?: string;
  }[] = [
    {
      name: "missing labels",
      spec: { nodeSelector: { foo: "bar" } },
      want: ["missing label foo=bar"],
      fix: "foo=bar",
    },
    {
      name: "node labels are subset",
      spec: { nodeSelector: { foo: "bar", baz: "blah" } },
      labels: { foo: "bar" },
      want: ["missing label baz=blah"],
      fix: "baz=blah",
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      spec: required({ matchExpressions: [expr("foo", "In", ["value1", "value2"])] }),
      labels: { foo: "bar" },
      want: ["has label foo=bar, pod needs foo in (value1,value2)"],
      fix: "foo=value1",
    },
    {
      name: "Pod with matchExpressions using Gt operator that does not match",
      spec: required({ matchExpressions: [expr("kernel-version", "Gt", ["0208"])] }),
      labels: { "kernel-version": "0206" },
      want: ["has label kernel-version=0206, pod needs kernel-version>0208"],
      fix: "kernel-version=209",
    },
    {
      name: "Pod with a DoesNotExist requirement on a node that has the label",
      spec: required({ matchExpressions: [expr("foo", "DoesNotExist")] }),
      labels: { foo: "bar" },
      want: ["has label foo=bar, pod needs no foo label"],
      fix: "foo-",
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches none",
      spec: required(
        { matchExpressions: [expr("foo", "In", ["bar"])] },
        { matchExpressions: [expr("diffkey", "In", ["wrong", "value2"])] },
      ),
      labels: { foo: "baz" },
      want: ["matches none of 2 node affinity terms: foo=bar or diffkey in (wrong,value2)"],
      fix: "foo=bar",
    },
    {
      name: "Pod with matchFields using In operator that does not match the existing node",
      spec: required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["node_1"] }] }),
      want: ["pod is pinned to node node_1"],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pod = makePod("p", c.spec);
      const node = makeNode("node_2", { labels: c.labels });
      const obstacles = nodeAffinityObstacles(newPodInfo(pod), node);
      expect(obstacles.map((o) => o.text)).toEqual(c.want);
      const combos = combinations(obstacles, node, pod, target);
      if (!c.fix) {
        expect(combos).toEqual([]);
        return;
      }
      expect(combos.length).toBe(1);
      const step = combos[0]?.[0];
      expect(step?.kind).toBe("label");
      if (step?.kind !== "label") return;
      expect(
        [...Object.entries(step.set).map(([k, v]) => `${k}=${v}`), ...step.remove.map((k) => `${k}-`)].join(
          " ",
        ),
      ).toBe(c.fix);
      // The node after the fix has no obstacle left.
      expect(nodeAffinityObstacles(newPodInfo(pod), applyToNode(node, combos[0] ?? []))).toEqual([]);
    });
});

describe("TaintToleration obstacles (TestTaintTolerationFilter's rejections)", () => {
  const taint = (key: string, value: string, effect: string) => ({ key, value, effect });
  const cases: { name: string; tolerations?: unknown[]; taints: unknown[]; want: string[] }[] = [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      taints: [taint("dedicated", "user1", "NoSchedule")],
      want: ["untolerated taint dedicated=user1:NoSchedule"],
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      tolerations: [{ key: "dedicated", operator: "Equal", value: "user2", effect: "NoSchedule" }],
      taints: [taint("dedicated", "user1", "NoSchedule")],
      want: ["untolerated taint dedicated=user1:NoSchedule"],
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar", effect: "PreferNoSchedule" }],
      taints: [taint("foo", "bar", "NoSchedule")],
      want: ["untolerated taint foo=bar:NoSchedule"],
    },
    {
      name: "The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is PreferNoSchedule. Pod can be scheduled onto the node",
      tolerations: [{ key: "foo", operator: "Equal", value: "bar" }],
      taints: [taint("foo", "bar", "PreferNoSchedule")],
      want: [],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const pod = makePod("p", c.tolerations ? { tolerations: c.tolerations } : {});
      const node = makeNode("nodeA", { taints: c.taints });
      const obstacles = taintObstacles(newPodInfo(pod), node);
      expect(obstacles.map((o) => o.text)).toEqual(c.want);
      // Each fix answers it: the taint gone, or tolerated.
      for (const steps of combinations(obstacles, node, pod, target))
        expect(taintObstacles(newPodInfo(applyToPod(pod, steps)), applyToNode(node, steps))).toEqual([]);
    });

  it("a cordoned node's own taint is said once, as the cordon", () => {
    const node = makeNode("n", {
      unschedulable: true,
      taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }],
    }) as Node;
    expect(taintObstacles(newPodInfo(makePod("p")), node)).toEqual([]);
    const combos = combinations(
      [{ plugin: "NodeUnschedulable", kind: "cordoned", text: TextCordoned }],
      node,
      makePod("p"),
      target,
    );
    expect(combos).toEqual([[{ kind: "uncordon", node: "n" }]]);
    const after = applyToNode(node, combos[0] ?? []);
    expect([after.spec?.unschedulable, after.spec?.taints]).toEqual([undefined, []]);
  });
});

describe("NodeResourcesFit obstacles (TestEnoughRequests's rejections)", () => {
  // The upstream table's node: 10 milliCPU, 20 bytes of memory, 32 pods.
  const node = makeNode("machine1", { allocatable: { cpu: "10m", memory: "20", pods: "32" } });
  const cases: {
    name: string;
    pod: Record<string, string>[];
    used: Record<string, string>[];
    want: string[];
  }[] = [
    {
      name: "too many resources fails",
      pod: [{ cpu: "1m", memory: "1" }],
      used: [{ cpu: "10m", memory: "20" }],
      want: ["0 CPU free, pod requests 1m", "0 memory free, pod requests 1"],
    },
    {
      name: "too many resources fails, both short",
      pod: [{ cpu: "8m", memory: "19" }],
      used: [{ cpu: "8m", memory: "19" }],
      want: ["2m CPU free, pod requests 8m", "1 memory free, pod requests 19"],
    },
    {
      name: "one resource memory fits",
      pod: [{ cpu: "2m", memory: "1" }],
      used: [{ cpu: "9m", memory: "5" }],
      want: ["1m CPU free, pod requests 2m"],
    },
    {
      name: "one resource cpu fits",
      pod: [{ cpu: "1m", memory: "2" }],
      used: [{ cpu: "5m", memory: "19" }],
      want: ["1 memory free, pod requests 2"],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const ni = makeNodeInfo(node, resourcePod("used", ...c.used));
      expect(resourceObstacles(newPodInfo(resourcePod("p", ...c.pod)), ni).map((o) => o.text)).toEqual(
        c.want,
      );
    });

  it("a lower CPU request that fits is offered for a workload, never for a bare pod", () => {
    const ni = makeNodeInfo(node, resourcePod("used", { cpu: "9m" }));
    const pod = makePod("p", {
      containers: [{ name: "web", image: "x", resources: { requests: { cpu: "2m" } } }],
    });
    const obstacles = resourceObstacles(newPodInfo(pod), ni);
    const combos = combinations(obstacles, node, pod, target);
    expect(combos).toEqual([
      [{ kind: "requests", requests: [{ container: "web", resource: "cpu", value: 1 }] }],
    ]);
    expect(resourceObstacles(newPodInfo(applyToPod(pod, combos[0] ?? [])), ni)).toEqual([]);
    expect(combinations(obstacles, node, pod, { ...target, resource: "pod" })).toEqual([]);
  });
});
