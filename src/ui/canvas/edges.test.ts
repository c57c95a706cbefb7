import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../engine/api/kinds";
import { EDGE_KINDS, edgesFor, hasEdgeSources, ownerGroupOf, podAffinityEdges } from "./edges";

function node(name: string, labels: Record<string, string>, taints: Node["spec"] = {}): Node {
  return { apiVersion: "v1", kind: "Node", metadata: { name, labels }, spec: taints } as Node;
}
function pod(name: string, spec: Pod["spec"], labels: Record<string, string> = {}): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", labels }, spec } as Pod;
}

const nodes: Record<string, Node> = {
  a: node("a", { zone: "z1", disk: "ssd" }),
  b: node("b", { zone: "z2" }, { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
  c: node("c", { zone: "z1" }),
};
const all = new Set(EDGE_KINDS);
const target = (e: { target: { node: string } | { pod: string } }) =>
  "node" in e.target ? e.target.node : e.target.pod;

describe("edgesFor", () => {
  it("draws a required edge to each node a nodeSelector selects", () => {
    const pods = { "default/p": pod("p", { containers: [], nodeSelector: { zone: "z1" } }) };
    const edges = edgesFor(["default/p"], { nodes, pods }, all);
    expect(edges.map(target).sort()).toEqual(["a", "c"]);
    expect(edges.every((e) => e.kind === "node-affinity" && e.required)).toBe(true);
  });

  it("ANDs nodeSelector with required affinity, and marks preferred terms with their weight", () => {
    const pods = {
      "default/p": pod("p", {
        containers: [],
        nodeSelector: { zone: "z1" },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: "disk", operator: "Exists" }] }],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 30,
                preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["z2"] }] },
              },
            ],
          },
        },
      }),
    };
    const edges = edgesFor(["default/p"], { nodes, pods }, all);
    expect(edges.filter((e) => e.required).map(target)).toEqual(["a"]);
    const pref = edges.filter((e) => !e.required);
    expect(pref.map(target)).toEqual(["b"]);
    expect(pref[0]?.weight).toBe(30);
  });

  it("ignores a DaemonSet pod's metadata.name pin", () => {
    const p = pod("ds", {
      containers: [],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["a"] }] }],
          },
        },
      },
    });
    expect(edgesFor(["default/ds"], { nodes, pods: { "default/ds": p } }, all)).toEqual([]);
    expect(hasEdgeSources(p)).toBe(false);
  });

  it("draws toleration edges only to tainted nodes the pod tolerates, labelled with the taint", () => {
    const pods = {
      "default/t": pod("t", {
        containers: [],
        tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
      }),
    };
    const edges = edgesFor(["default/t"], { nodes, pods }, all);
    expect(edges.map((e) => [e.kind, target(e), e.label])).toEqual([
      ["toleration", "b", "dedicated=gpu:NoSchedule"],
    ]);
  });

  it("draws pod affinity and anti-affinity edges to matching pods, labelled with the topologyKey", () => {
    const pods: Record<string, Pod> = {
      "default/web-1": pod("web-1", { containers: [] }, { app: "web" }),
      "default/web-2": pod("web-2", { containers: [] }, { app: "web" }),
      "other/web-3": {
        ...pod("web-3", { containers: [] }, { app: "web" }),
        metadata: { name: "web-3", namespace: "other", labels: { app: "web" } },
      } as Pod,
      "default/cache": pod("cache", {
        containers: [],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" },
            ],
          },
        },
      }),
    };
    const edges = podAffinityEdges("default/cache", pods["default/cache"] as Pod, pods);
    expect(edges.map(target).sort()).toEqual(["default/web-1", "default/web-2"]);
    expect(edges.every((e) => e.kind === "pod-anti-affinity" && e.label === "kubernetes.io/hostname")).toBe(
      true,
    );
  });

  it("leaves out kinds the legend turned off", () => {
    const pods = {
      "default/p": pod("p", {
        containers: [],
        nodeSelector: { zone: "z2" },
        tolerations: [{ key: "dedicated", operator: "Exists" }],
      }),
    };
    const edges = edgesFor(["default/p"], { nodes, pods }, new Set(["toleration"] as const));
    expect(edges.map((e) => e.kind)).toEqual(["toleration"]);
  });
});

describe("ownerGroupOf", () => {
  it("groups a ReplicaSet's pods under their Deployment", () => {
    const p = pod("web-5d8f-abc", { containers: [] }, { "pod-template-hash": "5d8f" });
    p.metadata.ownerReferences = [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f", uid: "u", controller: true },
    ];
    expect(ownerGroupOf(p)).toBe("Deployment/default/web");
  });
});
