// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// (TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes) and scoring_test.go, a subset.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { Code } from "../../framework/status";
import { makeHandle, makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { type NodeInfo, newPodInfo } from "../../framework/types";
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  InterPodAffinityPlugin,
} from "./interpod-affinity";

const term = (key: string, values: string[], topologyKey = "region") => ({
  labelSelector: { matchExpressions: [{ key, operator: "In", values }] },
  topologyKey,
});
const podWith = (name: string, labels: Record<string, string>, affinity?: Record<string, unknown>) =>
  makePod(name, affinity ? { affinity } : {}, { labels });

function filter(pod: Pod, nodes: [string, Record<string, string>, Pod[]][]): (string | undefined)[] {
  const infos: NodeInfo[] = nodes.map(([n, labels, pods]) => makeNodeInfo(makeNode(n, { labels }), ...pods));
  const pl = new InterPodAffinityPlugin(makeHandle(infos));
  const p = newPodInfo(pod);
  const state = new CycleState();
  const { status } = pl.preFilter(state, p);
  if (status?.code === Code.Skip) return infos.map(() => undefined);
  return infos.map((ni) => pl.filter(state, p, ni)?.reasons[0]);
}

describe("InterPodAffinity Filter", () => {
  const labels1 = { region: "r1", zone: "z11" };
  it("A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods", () => {
    expect(filter(podWith("p", {}), [["node1", labels1, []]])).toEqual([undefined]);
  });
  it("satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan", "value2"])],
        },
      },
    );
    expect(filter(pod, [["node1", labels1, [podWith("e", { service: "securityscan" })]]])).toEqual([
      undefined,
    ]);
  });
  it("Does not satisfy the PodAffinity with labelSelector because of diff Namespace", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { ...term("service", ["securityscan"]), namespaces: ["DiffNameSpace"] },
          ],
        },
      },
    );
    expect(filter(pod, [["node1", labels1, [podWith("e", { service: "securityscan" })]]])).toEqual([
      ErrReasonAffinityRulesNotMatch,
    ]);
  });
  it("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["antivirusscan", "value2"])],
        },
      },
    );
    expect(filter(pod, [["node1", labels1, [podWith("e", { service: "securityscan" })]]])).toEqual([
      ErrReasonAffinityRulesNotMatch,
    ]);
  });
  it("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan"])] },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan"], "zone")],
        },
      },
    );
    expect(filter(pod, [["node1", labels1, [podWith("e", { service: "securityscan" })]]])).toEqual([
      ErrReasonAntiAffinityRulesNotMatch,
    ]);
  });
  it("satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod", () => {
    const pod = podWith(
      "p",
      { service: "securityscan" },
      {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan"])] },
      },
    );
    const existing = podWith(
      "e",
      { service: "securityscan" },
      {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan"], "zone")],
        },
      },
    );
    expect(filter(pod, [["node1", labels1, [existing]]])).toEqual([
      ErrReasonExistingAntiAffinityRulesNotMatch,
    ]);
  });
  it("pod matches its own Label in PodAffinity and that matches the existing pod Labels", () => {
    const pod = podWith(
      "p",
      { service: "securityscan" },
      {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("service", ["securityscan"])] },
      },
    );
    expect(filter(pod, [["node1", labels1, [podWith("e", { service: "other" })]]])).toEqual([undefined]);
  });
  it("A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules", () => {
    const pod = podWith(
      "p",
      {},
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("foo", ["bar"], "region")] } },
    );
    expect(
      filter(pod, [
        ["nodeA", { region: "r1", hostname: "h1" }, [podWith("e", { foo: "bar" })]],
        ["nodeB", { region: "r1", hostname: "h2" }, []],
      ]),
    ).toEqual([undefined, undefined]);
  });
  it("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.", () => {
    const pod = podWith(
      "p",
      { foo: "123" },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("foo", ["bar"], "zone")] },
      },
    );
    expect(
      filter(pod, [
        ["nodeA", { zone: "az1", hostname: "h1" }, [podWith("e", { foo: "bar" })]],
        ["nodeB", { zone: "az1", hostname: "h2" }, []],
      ]),
    ).toEqual([ErrReasonAntiAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch]);
  });
  it("Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes", () => {
    const existing = podWith(
      "e",
      { foo: "bar" },
      {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("foo", ["bar"], "zone")] },
      },
    );
    expect(
      filter(podWith("p", { foo: "bar" }), [
        ["nodeA", { zone: "z1" }, [existing]],
        ["nodeB", { zone: "z2" }, []],
      ]),
    ).toEqual([ErrReasonExistingAntiAffinityRulesNotMatch, undefined]);
  });
  it("namespaceSelector picks the namespaces whose labels match", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { ...term("service", ["securityscan"]), namespaceSelector: { matchLabels: { team: "a" } } },
          ],
        },
      },
    );
    const existing = makePod("e", {}, { namespace: "ns-a", labels: { service: "securityscan" } });
    const infos = [makeNodeInfo(makeNode("node1", { labels: labels1 }), existing)];
    const pl = new InterPodAffinityPlugin(makeHandle(infos, { "ns-a": { team: "a" } }));
    const p = newPodInfo(pod);
    const state = new CycleState();
    pl.preFilter(state, p);
    expect(pl.filter(state, p, infos[0] as NodeInfo)).toBeUndefined();
  });
});

describe("InterPodAffinity Score", () => {
  it("Affinity: pod that matches topology key & pods in nodes will get high score comparing to others which doesn't match either pods in nodes or in topology key", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 5, podAffinityTerm: term("security", ["S1"], "region") },
          ],
        },
      },
    );
    const infos = [
      makeNodeInfo(makeNode("node1", { labels: { region: "China" } }), podWith("e1", { security: "S1" })),
      makeNodeInfo(makeNode("node2", { labels: { region: "India" } }), podWith("e2", { security: "S2" })),
      makeNodeInfo(makeNode("node3", { labels: { az: "az1" } })),
    ];
    const pl = new InterPodAffinityPlugin(makeHandle(infos));
    const p = newPodInfo(pod);
    const state = new CycleState();
    pl.preScore(state, p, infos);
    expect(scoreAll(pl, state, p, infos).map((s) => s.score)).toEqual([100, 0, 0]);
  });
  it("Anti Affinity: pod that doesnot match existing pods in node will get high score", () => {
    const pod = podWith(
      "p",
      {},
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 5, podAffinityTerm: term("security", ["S1"], "region") },
          ],
        },
      },
    );
    const infos = [
      makeNodeInfo(makeNode("node1", { labels: { region: "China" } }), podWith("e1", { security: "S1" })),
      makeNodeInfo(makeNode("node2", { labels: { region: "India" } }), podWith("e2", { security: "S2" })),
    ];
    const pl = new InterPodAffinityPlugin(makeHandle(infos));
    const p = newPodInfo(pod);
    const state = new CycleState();
    pl.preScore(state, p, infos);
    expect(scoreAll(pl, state, p, infos).map((s) => s.score)).toEqual([0, 100]);
  });
});
