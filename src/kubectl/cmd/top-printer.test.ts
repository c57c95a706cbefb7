/**
 * kubectl top's printer, with rows ported from staging/src/k8s.io/kubectl/pkg/cmd/top/
 * top_node_test.go and top_pod_test.go (v1.32): their metrics (node1..3 with cpu 1/2/3 and
 * memory 2/3/4 GiB... as testNodeMetricsData and testPodMetricsData build them) and the order,
 * columns and units they expect; the exact texts are cli-runtime's tab writer's.
 */
import { describe, expect, it } from "vitest";
import { type NodeMetrics, type PodMetrics, printNodeMetrics, printPodMetrics } from "./top-printer";

// testNodeMetricsData: node1 1 cpu 2Gi, node2 5 cpu 3Gi, node3 3 cpu 4Gi; allocatable 10 cpu 15Gi.
const nodes: NodeMetrics[] = [
  { metadata: { name: "node1" }, usage: { cpu: "1", memory: "2Gi" } },
  { metadata: { name: "node2" }, usage: { cpu: "5", memory: "3Gi" } },
  { metadata: { name: "node3" }, usage: { cpu: "3", memory: "4Gi" } },
];
const allocatable = new Map(
  ["node1", "node2", "node3"].map(
    (n) => [n, { cpu: "10", memory: "15Gi" }] as [string, Record<string, string>],
  ),
);

// testPodMetricsData: pod1..3 with containers container1-1 (1m, 2Mi), container1-2 (3m, 4Mi)...
function pod(ns: string, name: string, containers: [string, string, string][]): PodMetrics {
  return {
    metadata: { name, namespace: ns },
    containers: containers.map(([c, cpu, memory]) => ({ name: c, usage: { cpu, memory } })),
  };
}
const pods = (): PodMetrics[] => [
  pod("test", "pod1", [
    ["container1-1", "1m", "2Mi"],
    ["container1-2", "3m", "4Mi"],
  ]),
  pod("test", "pod2", [
    ["container2-1", "7m", "8Mi"],
    ["container2-2", "5m", "6Mi"],
    ["container2-3", "1m", "2Mi"],
  ]),
  pod("test", "pod3", [["container3-1", "3m", "4Mi"]]),
];

describe("printNodeMetrics (top_node_test.go)", () => {
  it("prints every node with its share of allocatable, by name", () => {
    expect(printNodeMetrics(nodes, allocatable, false, "")).toBe(
      [
        "NAME    CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ",
        "node1   1000m        10%      2048Mi          13%         ",
        "node2   5000m        50%      3072Mi          20%         ",
        "node3   3000m        30%      4096Mi          26%         ",
        "",
      ].join("\n"),
    );
  });

  it("sorts by cpu and by memory, largest first (testNodeSortByCpu, testNodeSortByMemory)", () => {
    const names = (out: string) =>
      out
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(" ")[0]);
    expect(names(printNodeMetrics(nodes, allocatable, false, "cpu"))).toEqual(["node2", "node3", "node1"]);
    expect(names(printNodeMetrics(nodes, allocatable, false, "memory"))).toEqual(["node3", "node2", "node1"]);
  });

  it("lists a node without metrics as <unknown>, and prints nothing for no metrics", () => {
    const withFour = new Map(allocatable).set("node4", { cpu: "10", memory: "15Gi" });
    expect(printNodeMetrics(nodes.slice(0, 1), withFour, true, "").split("\n")[3]).toBe(
      "node4   <unknown>   <unknown>   <unknown>   <unknown>   ",
    );
    expect(printNodeMetrics([], allocatable, false, "")).toBe("");
  });
});

describe("printPodMetrics (top_pod_test.go)", () => {
  const base = { containers: false, withNamespace: false, noHeaders: false, sortBy: "", sum: false };

  it("sums containers per pod; -A adds NAMESPACE", () => {
    expect(printPodMetrics(pods(), base)).toBe(
      [
        "NAME   CPU(cores)   MEMORY(bytes)   ",
        "pod1   4m           6Mi             ",
        "pod2   13m          16Mi            ",
        "pod3   3m           4Mi             ",
        "",
      ].join("\n"),
    );
    expect(printPodMetrics(pods(), { ...base, withNamespace: true }).split("\n")[1]).toBe(
      "test        pod1   4m           6Mi             ",
    );
  });

  it("sorts pods and, with --containers, their containers (pod sort then container sort)", () => {
    const out = printPodMetrics(pods(), { ...base, containers: true, sortBy: "cpu", noHeaders: true });
    expect(out.split("\n").map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "pod2 container2-1",
      "pod2 container2-2",
      "pod2 container2-3",
      "pod1 container1-2",
      "pod1 container1-1",
      "pod3 container3-1",
      "",
    ]);
  });

  it("--sum adds a rule and the total under the usage columns", () => {
    expect(
      printPodMetrics(pods(), { ...base, sum: true })
        .split("\n")
        .slice(-3),
    ).toEqual(["       ________     ________        ", "       20m          26Mi            ", ""]);
  });

  it("rounds CPU up to whole millicores and memory down to whole MiB", () => {
    const p = [pod("d", "x", [["c", "1500000n", "1048575"]])];
    expect(printPodMetrics(p, { ...base, noHeaders: true })).toBe("x     2m    0Mi   \n");
  });
});
