// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
// (TestSingleConstraint, TestMultipleConstraints) and scoring_test.go, a subset.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../api/kinds";
import { CycleState } from "../../framework/cycle-state";
import { makeHandle, makeNode, makeNodeInfo, makePod, scoreAll } from "../../framework/testing";
import { type NodeInfo, newPodInfo } from "../../framework/types";
import {
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
  PodTopologySpreadPlugin,
} from "./pod-topology-spread";

const foo = { labelSelector: { matchExpressions: [{ key: "foo", operator: "Exists" }] } };
const c = (
  maxSkew: number,
  topologyKey: string,
  when = "DoNotSchedule",
  extra: Record<string, unknown> = {},
) => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: when,
  ...foo,
  ...extra,
});
const labeled = (name: string) => makePod(name, {}, { labels: { foo: "" } });

/** The four nodes of the upstream tables: zone1: node-a, node-b; zone2: node-x, node-y. */
function nodes(counts: [number, number, number, number], missing?: string): NodeInfo[] {
  const names = ["node-a", "node-b", "node-x", "node-y"];
  return names.map((n, i) => {
    const labels: Record<string, string> = { zone: i < 2 ? "zone1" : "zone2", node: n };
    if (n === missing) delete labels.zone;
    const pods = Array.from({ length: counts[i] as number }, (_, j) => labeled(`${n}-p${j}`));
    return makeNodeInfo(makeNode(n, { labels }), ...pods);
  });
}

function filter(pod: Pod, infos: NodeInfo[]): (string | undefined)[] {
  const pl = new PodTopologySpreadPlugin(makeHandle(infos));
  const p = newPodInfo(pod);
  const state = new CycleState();
  pl.preFilter(state, p);
  return infos.map((ni) => pl.filter(state, p, ni)?.reasons[0]);
}

const X = ErrReasonConstraintsNotMatch;

describe("PodTopologySpread Filter", () => {
  it("no existing pods", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "zone")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([0, 0, 0, 0]))).toEqual([undefined, undefined, undefined, undefined]);
  });
  it("no existing pods, incoming pod doesn't match itself", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "zone")] });
    expect(filter(pod, nodes([0, 0, 0, 0]))).toEqual([undefined, undefined, undefined, undefined]);
  });
  it("existing pods in a different namespace do not count", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "zone")] }, { labels: { foo: "" } });
    const infos = nodes([0, 0, 0, 0]);
    (infos[0] as NodeInfo).addPod(
      newPodInfo(makePod("other", { nodeName: "node-a" }, { namespace: "ns1", labels: { foo: "" } })),
    );
    expect(filter(pod, infos)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it("pods spread across zones as 3/3, all nodes fit", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "zone")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([1, 2, 1, 2]))).toEqual([undefined, undefined, undefined, undefined]);
  });
  it("pods spread across zones as 1/2 due to absence of label 'zone' on node-b", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "zone")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([1, 0, 1, 1], "node-b"))).toEqual([undefined, ErrReasonNodeLabelNotMatch, X, X]);
  });
  it("pod cannot be scheduled as all nodes don't have label 'rack'", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "rack")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([0, 0, 0, 0]))).toEqual(Array(4).fill(ErrReasonNodeLabelNotMatch));
  });
  it("pods spread across nodes as 2/1/0/3, only node-x fits", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(1, "node")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([2, 1, 0, 3]))).toEqual([X, X, undefined, X]);
  });
  it("pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit", () => {
    const pod = makePod("p", { topologySpreadConstraints: [c(2, "node")] }, { labels: { foo: "" } });
    expect(filter(pod, nodes([2, 1, 0, 3]))).toEqual([X, undefined, undefined, X]);
  });
  it("incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits", () => {
    const pod = makePod(
      "p",
      {
        topologySpreadConstraints: [c(1, "node")],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "node", operator: "In", values: ["node-a", "node-y"] }] },
              ],
            },
          },
        },
      },
      { labels: { foo: "" } },
    );
    expect(filter(pod, nodes([2, 1, 0, 3]))[0]).toBeUndefined();
  });
  it("minDomains: 3 domains needed, only 2 zones: global minimum counts as 0", () => {
    const pod = makePod(
      "p",
      { topologySpreadConstraints: [c(2, "zone", "DoNotSchedule", { minDomains: 3 })] },
      { labels: { foo: "" } },
    );
    // zone1 has 2, zone2 has 1: with min 0, zone1 → 3 > 2 fails, zone2 → 2 fits.
    expect(filter(pod, nodes([1, 1, 1, 0]))).toEqual([X, X, undefined, undefined]);
  });
  it("two constraints on zone and node, spreads 2/1 and 1/1/0/1: only node-x fits", () => {
    const pod = makePod(
      "p",
      { topologySpreadConstraints: [c(1, "zone"), c(1, "node")] },
      { labels: { foo: "" } },
    );
    expect(filter(pod, nodes([1, 1, 0, 1]))).toEqual([X, X, undefined, X]);
  });
});

describe("PodTopologySpread Score", () => {
  it("ScheduleAnyway: nodes with fewer matching pods score higher", () => {
    const infos = nodes([2, 1, 0, 3]);
    const pl = new PodTopologySpreadPlugin(makeHandle(infos));
    const p = newPodInfo(
      makePod("p", { topologySpreadConstraints: [c(1, "node", "ScheduleAnyway")] }, { labels: { foo: "" } }),
    );
    const state = new CycleState();
    pl.preScore(state, p, infos);
    // weight log(4+2): raw round(cnt*1.79) = 4, 2, 0, 5; normalized 100*(5+0-s)/5.
    expect(scoreAll(pl, state, p, infos).map((s) => s.score)).toEqual([20, 60, 100, 0]);
  });
});
