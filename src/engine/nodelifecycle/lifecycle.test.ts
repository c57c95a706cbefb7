import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/kinds";
import { createCluster } from "../index";
import { testNode as node } from "../kubelet/testing";
import { computeZoneState, noScheduleTaintsFor } from "./controller";
import { matchingTolerations, minTolerationTime, taintString } from "./taints";

function twoNodes() {
  const cluster = createCluster();
  cluster.api.create(node("node01"));
  cluster.api.create(node("node02"));
  cluster.advance(20);
  return cluster;
}

const getNode = (c: ReturnType<typeof createCluster>, n: string) => c.api.get("Node", undefined, n) as Node;
const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === "Ready");
const taints = (n: Node) => (n.spec?.taints ?? []).map(taintString).sort();
const messages = (c: ReturnType<typeof createCluster>) => c.api.list("Event").map((e) => e.message as string);

describe("noScheduleTaintsFor (doNoScheduleTaintingPass)", () => {
  const cases: [string, Partial<Node>, string[]][] = [
    ["ready node", { status: { conditions: [{ type: "Ready", status: "True" }] } }, []],
    [
      "not ready",
      { status: { conditions: [{ type: "Ready", status: "False" }] } },
      ["node.kubernetes.io/not-ready:NoSchedule"],
    ],
    [
      "unknown",
      { status: { conditions: [{ type: "Ready", status: "Unknown" }] } },
      ["node.kubernetes.io/unreachable:NoSchedule"],
    ],
    [
      "memory pressure",
      {
        status: {
          conditions: [
            { type: "Ready", status: "True" },
            { type: "MemoryPressure", status: "True" },
          ],
        },
      },
      ["node.kubernetes.io/memory-pressure:NoSchedule"],
    ],
    [
      "cordoned",
      { spec: { unschedulable: true }, status: { conditions: [{ type: "Ready", status: "True" }] } },
      ["node.kubernetes.io/unschedulable:NoSchedule"],
    ],
  ];
  for (const [name, n, want] of cases)
    it(name, () => {
      expect(
        noScheduleTaintsFor({ apiVersion: "v1", kind: "Node", metadata: { name: "n" }, ...n } as Node).map(
          taintString,
        ),
      ).toEqual(want);
    });
});

describe("computeZoneState", () => {
  it.each([
    [["True", "True"], "Normal"],
    [["Unknown"], "FullDisruption"],
    [["True", "Unknown"], "Normal"],
    [["True", "Unknown", "Unknown", "Unknown"], "PartialDisruption"],
  ] as [string[], string][])("%j → %s", (statuses, want) => {
    expect(computeZoneState(statuses)).toBe(want);
  });
});

describe("tolerations (taint_eviction_test getMinTolerationTime)", () => {
  it("min toleration time", () => {
    expect(minTolerationTime([])).toBe(-1);
    expect(minTolerationTime([{ key: "a", operator: "Exists", effect: "NoExecute" }])).toBe(-1);
    expect(
      minTolerationTime([
        { key: "a", tolerationSeconds: 300 },
        { key: "b", tolerationSeconds: 60 },
      ]),
    ).toBe(60);
    expect(minTolerationTime([{ key: "a", tolerationSeconds: -5 }])).toBe(0);
  });
  it("matching tolerations", () => {
    const t = [{ key: "k", value: "v", effect: "NoExecute" }];
    expect(matchingTolerations(t, []).all).toBe(false);
    expect(matchingTolerations(t, [{ key: "k", operator: "Equal", value: "v" }]).all).toBe(true);
    expect(matchingTolerations(t, [{ operator: "Exists" }]).all).toBe(true);
  });
});

describe("node lifecycle controller", () => {
  it("marks a silent node Unknown after the grace period and taints it unreachable", () => {
    const cluster = twoNodes();
    cluster.hosts.get("node01")?.systemctl("stop", "kubelet");
    cluster.advance(45);
    expect(ready(getNode(cluster, "node01"))?.status).toBe("True");
    cluster.advance(20);
    const n = getNode(cluster, "node01");
    expect(ready(n)?.status).toBe("Unknown");
    expect(ready(n)?.reason).toBe("NodeStatusUnknown");
    expect(ready(n)?.message).toBe("Kubelet stopped posting node status.");
    expect(taints(n)).toEqual([
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/unreachable:NoSchedule",
    ]);
    expect(n.spec?.taints?.find((t) => t.effect === "NoExecute")?.timeAdded).toBeDefined();
    expect(messages(cluster)).toContain("Node node01 status is now: NodeNotReady");
    cluster.hosts.get("node01")?.systemctl("start", "kubelet");
    cluster.advance(10);
    expect(ready(getNode(cluster, "node01"))?.status).toBe("True");
    expect(taints(getNode(cluster, "node01"))).toEqual([]);
  });

  it("does not add NoExecute taints when every node is down (full disruption)", () => {
    const cluster = createCluster();
    cluster.api.create(node("solo"));
    cluster.advance(20);
    cluster.hosts.get("solo")?.systemctl("stop", "kubelet");
    cluster.advance(120);
    expect(taints(getNode(cluster, "solo"))).toEqual(["node.kubernetes.io/unreachable:NoSchedule"]);
  });

  it("taints a cordoned node unschedulable and untaints it on uncordon", () => {
    const cluster = twoNodes();
    const n = structuredClone(getNode(cluster, "node01"));
    n.spec = { ...n.spec, unschedulable: true };
    delete n.metadata.resourceVersion;
    cluster.api.update(n);
    cluster.advance(1);
    expect(taints(getNode(cluster, "node01"))).toEqual(["node.kubernetes.io/unschedulable:NoSchedule"]);
    const m = structuredClone(getNode(cluster, "node01"));
    delete m.spec?.unschedulable;
    delete m.metadata.resourceVersion;
    cluster.api.update(m);
    cluster.advance(1);
    expect(taints(getNode(cluster, "node01"))).toEqual([]);
  });
});

describe("taint eviction controller", () => {
  function withPod(
    tolerations: Pod["spec"] extends infer S ? (S extends { tolerations?: infer T } ? T : never) : never,
  ) {
    const cluster = twoNodes();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p1", namespace: "default" },
      spec: { nodeName: "node01", tolerations, containers: [{ name: "app", image: "nginx:1.27" }] },
    });
    cluster.advance(5);
    return cluster;
  }
  const defaultTolerations = [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    {
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 300,
    },
  ];

  it("evicts an untolerating pod at once", () => {
    const cluster = withPod([]);
    const n = structuredClone(getNode(cluster, "node01"));
    n.spec = { ...n.spec, taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] };
    delete n.metadata.resourceVersion;
    cluster.api.update(n);
    cluster.advance(1);
    expect(cluster.api.get("Pod", "default", "p1")).toBeUndefined();
    expect(messages(cluster)).toContain("Marking for deletion Pod default/p1");
  });

  it("evicts after tolerationSeconds, pod stays Terminating until the kubelet is back", () => {
    const cluster = withPod(defaultTolerations);
    cluster.hosts.get("node01")?.systemctl("stop", "kubelet");
    cluster.advance(120 + 400);
    const p = cluster.api.get("Pod", "default", "p1") as Pod;
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.status?.conditions?.find((c) => c.type === "DisruptionTarget")?.reason).toBe(
      "DeletionByTaintManager",
    );
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    expect(messages(cluster)).toContain("Marking for deletion Pod default/p1");
    cluster.hosts.get("node01")?.systemctl("start", "kubelet");
    cluster.advance(90);
    expect(cluster.api.get("Pod", "default", "p1")).toBeUndefined();
    expect(taints(getNode(cluster, "node01"))).toEqual([]);
  });

  it("cancels the eviction when the node comes back", () => {
    const cluster = withPod(defaultTolerations);
    cluster.hosts.get("node01")?.systemctl("stop", "kubelet");
    cluster.advance(120);
    cluster.hosts.get("node01")?.systemctl("start", "kubelet");
    cluster.advance(60);
    expect(messages(cluster)).toContain("Cancelling deletion of Pod default/p1");
    const p = cluster.api.get("Pod", "default", "p1") as Pod;
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });
});

describe("container runtime down", () => {
  it("makes the kubelet report NotReady, tainted not-ready", () => {
    const cluster = twoNodes();
    cluster.hosts.get("node01")?.systemctl("stop", "containerd");
    cluster.advance(15);
    const n = getNode(cluster, "node01");
    expect(ready(n)?.status).toBe("False");
    expect(ready(n)?.reason).toBe("KubeletNotReady");
    expect(ready(n)?.message).toBe("container runtime is down");
    expect(taints(n)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/not-ready:NoSchedule",
    ]);
    expect(cluster.hosts.get("node01")?.crictl(["ps"]).exit).toBe(1);
    cluster.hosts.get("node01")?.systemctl("start", "containerd");
    cluster.advance(15);
    expect(ready(getNode(cluster, "node01"))?.status).toBe("True");
    expect(taints(getNode(cluster, "node01"))).toEqual([]);
  });
});
