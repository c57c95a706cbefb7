/** Integration: the default scheduler in a cluster built by createCluster(). */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { createCluster } from "../index";
import { explainPod, formatExplanation, startScheduler } from "./index";

function node(
  name: string,
  opts: {
    cpu?: string;
    memory?: string;
    pods?: string;
    labels?: Record<string, string>;
    taints?: unknown[];
    unschedulable?: boolean;
  } = {},
): KubeObject {
  const alloc = { cpu: opts.cpu ?? "4", memory: opts.memory ?? "8Gi", pods: opts.pods ?? "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { capacity: alloc, allocatable: alloc },
  };
}

function pod(
  name: string,
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", ...meta },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  };
}

const req = (cpu: string, memory = "100Mi") => ({
  containers: [{ name: "c", image: "nginx", resources: { requests: { cpu, memory } } }],
});

function priorityClass(c: Cluster, name: string, value: number): void {
  c.api.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value });
}

function events(c: Cluster, name: string, reason?: string): KubeObject[] {
  return c.api
    .list("Event")
    .filter((e) => e.involvedObject?.name === name && (!reason || e.reason === reason));
}

function nodeOf(c: Cluster, name: string, ns = "default"): string | undefined {
  return c.api.get("Pod", ns, name)?.spec?.nodeName;
}

describe("default scheduler", () => {
  it("binds a pod and records Scheduled", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create(pod("p1"));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
    const ev = events(c, "p1", "Scheduled");
    expect(ev[0]?.message).toBe("Successfully assigned default/p1 to n1");
    expect(ev[0]?.type).toBe("Normal");
    expect(ev[0]?.reportingComponent).toBe("default-scheduler");
  });

  it("events name the host of the kube-scheduler static pod as reportingInstance", () => {
    const c = createCluster();
    c.api.create(node("controlplane"));
    c.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "kube-scheduler-controlplane",
        namespace: "kube-system",
        labels: { component: "kube-scheduler" },
      },
      spec: {
        nodeName: "controlplane",
        hostNetwork: true,
        containers: [{ name: "kube-scheduler", image: "k" }],
      },
    });
    c.api.create(pod("p1"));
    c.advance(1);
    const ev = events(c, "p1", "Scheduled")[0];
    expect(ev?.reportingInstance).toBe("default-scheduler-controlplane");
    expect(ev?.source).toEqual({});
  });

  it("with no nodes: no nodes available to schedule pods", () => {
    const c = createCluster();
    c.api.create(pod("p1"));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBeUndefined();
    expect(events(c, "p1", "FailedScheduling")[0]?.message).toBe("no nodes available to schedule pods");
  });

  it("untolerated taint and cordon: the upstream FitError text and PodScheduled condition", () => {
    const c = createCluster();
    c.api.create(node("n1", { taints: [{ key: "dedicated", value: "user1", effect: "NoSchedule" }] }));
    c.api.create(node("n2", { unschedulable: true }));
    c.api.create(pod("p1"));
    c.advance(1);
    const msg =
      "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: user1}, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
    expect(events(c, "p1", "FailedScheduling")[0]?.message).toBe(msg);
    const cond = c.api
      .get("Pod", "default", "p1")
      ?.status?.conditions?.find((x: { type: string }) => x.type === "PodScheduled");
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable", message: msg });
    // Removing the taint lets it schedule at once (NodeUpdate moves it).
    const n1 = structuredClone(c.api.get("Node", undefined, "n1") as KubeObject);
    n1.spec.taints = [];
    c.api.update(n1);
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
  });

  it("insufficient cpu counts requests of bound and assumed pods", () => {
    const c = createCluster();
    c.api.create(node("n1", { cpu: "1" }));
    c.api.create(pod("a", req("600m")));
    c.api.create(pod("b", req("600m")));
    c.advance(1);
    const placed = ["a", "b"].filter((n) => nodeOf(c, n) === "n1");
    expect(placed).toHaveLength(1);
    const pending = ["a", "b"].find((n) => !nodeOf(c, n)) as string;
    expect(events(c, pending, "FailedScheduling")[0]?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
    // Deleting the bound pod frees the node.
    c.api.delete("Pod", "default", placed[0] as string, { gracePeriodSeconds: 0 });
    c.advance(2);
    expect(nodeOf(c, pending)).toBe("n1");
  });

  it("nodeSelector and DaemonSet-style matchFields affinity", () => {
    const c = createCluster();
    c.api.create(node("n1", { labels: { disk: "ssd" } }));
    c.api.create(node("n2"));
    c.api.create(node("n3"));
    c.api.create(pod("sel", { nodeSelector: { disk: "ssd" } }));
    c.api.create(
      pod("ds", {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: "metadata.name", operator: "In", values: ["n3"] }] },
              ],
            },
          },
        },
      }),
    );
    c.api.create(pod("none", { nodeSelector: { disk: "hdd" } }));
    c.advance(1);
    expect(nodeOf(c, "sel")).toBe("n1");
    expect(nodeOf(c, "ds")).toBe("n3");
    expect(events(c, "none", "FailedScheduling")[0]?.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it("pod anti-affinity by hostname spreads pods and reports the symmetric reason", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create(node("n2"));
    const anti = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" },
          ],
        },
      },
    };
    for (const n of ["w1", "w2", "w3"]) c.api.create(pod(n, anti, { labels: { app: "web" } }));
    c.advance(1);
    const nodes = ["w1", "w2", "w3"].map((n) => nodeOf(c, n));
    expect(new Set(nodes.filter(Boolean)).size).toBe(2);
    const pending = ["w1", "w2", "w3"].find((n) => !nodeOf(c, n)) as string;
    expect(events(c, pending, "FailedScheduling")[0]?.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    // A plain pod with the label is refused by existing pods' anti-affinity.
    c.api.create(pod("plain", {}, { labels: { app: "web" } }));
    c.advance(1);
    expect(events(c, "plain", "FailedScheduling")[0]?.message).toContain(
      "2 node(s) didn't satisfy existing pods anti-affinity rules",
    );
  });

  it("preempts a lower-priority pod and nominates the node", () => {
    const c = createCluster();
    c.api.create(node("n1", { cpu: "1" }));
    priorityClass(c, "high", 1000);
    c.api.create(pod("low", req("800m")));
    c.advance(1);
    expect(nodeOf(c, "low")).toBe("n1");
    c.api.create(pod("high", { ...req("800m"), priorityClassName: "high" }));
    c.settle();
    const high = c.api.get("Pod", "default", "high");
    // Right after the attempt: nominated, the victim terminating (or already gone if a kubelet runs).
    expect(high?.status?.nominatedNodeName ?? high?.spec?.nodeName).toBe("n1");
    expect(events(c, "high", "FailedScheduling")[0]?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu.",
    );
    expect(events(c, "low", "Preempted")[0]?.message).toBe(
      `Preempted by pod ${high?.metadata.uid} on node n1`,
    );
    const low = c.api.get("Pod", "default", "low");
    if (low) c.api.delete("Pod", "default", "low", { gracePeriodSeconds: 0 });
    c.advance(12);
    expect(nodeOf(c, "high")).toBe("n1");
    const rec = explainPod(c, "default", "high");
    expect(rec?.result).toBe("Scheduled");
  });

  it("preemptionPolicy Never", () => {
    const c = createCluster();
    c.api.create(node("n1", { cpu: "1" }));
    c.api.create({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "never" },
      value: 1000,
      preemptionPolicy: "Never",
    });
    c.api.create(pod("low", req("800m")));
    c.advance(1);
    c.api.create(pod("high", { ...req("800m"), priorityClassName: "never" }));
    c.advance(1);
    expect(events(c, "high", "FailedScheduling")[0]?.message).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
    );
  });

  it("a pod for an unknown scheduler stays Pending without events; a started scheduler takes it", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create(pod("p1", { schedulerName: "my-scheduler" }));
    c.advance(5);
    expect(nodeOf(c, "p1")).toBeUndefined();
    expect(events(c, "p1")).toHaveLength(0);
    const h = startScheduler(c, { profiles: [{ schedulerName: "my-scheduler" }] });
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
    expect(events(c, "p1", "Scheduled")[0]?.reportingComponent).toBe("my-scheduler");
    h.stop();
  });

  it("runs a scheduler from a kube-system pod with --config from a ConfigMap", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "my-scheduler-config", namespace: "kube-system" },
      data: {
        "my-scheduler-config.yaml":
          "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n  - schedulerName: my-scheduler\nleaderElection:\n  leaderElect: false\n",
      },
    });
    c.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "my-scheduler", namespace: "kube-system" },
      spec: {
        containers: [
          {
            name: "kube-second-scheduler",
            image: "registry.k8s.io/kube-scheduler:v1.32.0",
            command: [
              "/usr/local/bin/kube-scheduler",
              "--config=/etc/kubernetes/my-scheduler/my-scheduler-config.yaml",
            ],
            volumeMounts: [{ name: "config-volume", mountPath: "/etc/kubernetes/my-scheduler" }],
          },
        ],
        volumes: [{ name: "config-volume", configMap: { name: "my-scheduler-config" } }],
        nodeName: "n1",
      },
    });
    c.api.create(pod("p1", { schedulerName: "my-scheduler" }));
    // The kubelet reports it Running (if no kubelet did yet): the scheduler starts.
    const sp = structuredClone(c.api.get("Pod", "kube-system", "my-scheduler") as KubeObject);
    if (sp.status?.phase !== "Running") {
      sp.status = { ...(sp.status ?? {}), phase: "Running" };
      c.api.updateStatus(sp);
    }
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
    // Its events name the scheduler and, as reportingInstance, the pod's hostname (its name).
    const ev = events(c, "p1", "Scheduled")[0];
    expect([ev?.reportingComponent, ev?.reportingInstance]).toEqual([
      "my-scheduler",
      "my-scheduler-my-scheduler",
    ]);
    // Gone: pods for it stay Pending.
    c.api.delete("Pod", "kube-system", "my-scheduler", { gracePeriodSeconds: 0 });
    c.api.create(pod("p2", { schedulerName: "my-scheduler" }));
    c.advance(1);
    expect(nodeOf(c, "p2")).toBeUndefined();
  });

  it("explains a pending pod node by node", () => {
    const c = createCluster();
    c.api.create(node("n1", { taints: [{ key: "k", value: "v", effect: "NoSchedule" }] }));
    c.api.create(node("n2", { cpu: "100m" }));
    c.api.create(pod("p1", req("500m")));
    c.advance(1);
    const rec = explainPod(c, "default", "p1");
    expect(rec?.result).toBe("Unschedulable");
    const n2 = rec?.filters.find((f) => f.node === "n2");
    expect(n2?.verdicts.find((v) => v.plugin === "NodeResourcesFit")?.reasons).toEqual(["Insufficient cpu"]);
    const text = formatExplanation(rec as NonNullable<typeof rec>);
    expect(text).toContain("node(s) had untolerated taint {k: v}");
  });

  it("explains the filters PreFilter skipped as Skip, on every node", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create(pod("p1", req("500m")));
    c.advance(1);
    const rec = explainPod(c, "default", "p1");
    expect(rec?.result).toBe("Scheduled");
    // A pod without host ports, affinity or spread constraints: those plugins skip.
    const skipped = rec?.preFilter.filter((v) => v.code === "Skip").map((v) => v.plugin);
    expect(skipped).toEqual(expect.arrayContaining(["NodePorts", "InterPodAffinity", "PodTopologySpread"]));
    for (const f of rec?.filters ?? [])
      for (const v of f.verdicts) expect(v.code).toBe(skipped?.includes(v.plugin) ? "Skip" : "Success");
    expect(
      rec?.filters.find((f) => f.node === "n1")?.verdicts.find((v) => v.plugin === "NodePorts")?.code,
    ).toBe("Skip");
  });

  it("explains a rejected node: skipped plugins Skip, the failing one its reason, later ones NotRun", () => {
    const c = createCluster();
    c.api.create(node("tainted", { taints: [{ key: "k", value: "v", effect: "NoSchedule" }] }));
    c.api.create(node("free"));
    c.api.create(pod("p1", req("500m")));
    c.advance(1);
    const rec = explainPod(c, "default", "p1");
    expect(rec?.result).toBe("Scheduled");
    const codes = Object.fromEntries(
      (rec?.filters.find((f) => f.node === "tainted")?.verdicts ?? []).map((v) => [v.plugin, v.code]),
    );
    expect(codes).toMatchObject({
      NodeUnschedulable: "Success",
      TaintToleration: "UnschedulableAndUnresolvable",
      NodePorts: "Skip",
      NodeResourcesFit: "NotRun",
      PodTopologySpread: "Skip",
    });
  });

  it("scores: least allocated node wins and the record has weighted scores", () => {
    const c = createCluster();
    c.api.create(node("busy"));
    c.api.create(node("idle"));
    c.api.create(pod("filler", { ...req("3"), nodeName: "busy" }));
    c.api.create(pod("p1", req("500m")));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("idle");
    const rec = explainPod(c, "default", "p1");
    expect(rec?.scores.length).toBe(2);
    expect(rec?.scores[0]?.plugins.map((p) => p.plugin)).toContain("NodeResourcesFit");
  });

  it("scheduling gates keep a pod out until removed", () => {
    const c = createCluster();
    c.api.create(node("n1"));
    c.api.create(pod("g", { schedulingGates: [{ name: "example.com/foo" }] }));
    c.advance(2);
    expect(nodeOf(c, "g")).toBeUndefined();
    expect(events(c, "g")).toHaveLength(0);
    const g = structuredClone(c.api.get("Pod", "default", "g") as KubeObject);
    g.spec.schedulingGates = [];
    c.api.update(g);
    c.advance(1);
    expect(nodeOf(c, "g")).toBe("n1");
  });

  it("back-off: a pod rejected for resources retries when a node that fits it is added", () => {
    const c = createCluster();
    c.api.create(node("small", { cpu: "1" }));
    c.api.create(pod("p1", req("2")));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBeUndefined();
    // A node too small is not worth a retry (NodeResourcesFit's hint says QueueSkip).
    c.api.create(node("tiny", { cpu: "1" }));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBeUndefined();
    c.api.create(node("n1"));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
  });

  it("back-off: with no nodes the pod is retried after its back-off (1 s, then 2 s)", () => {
    const c = createCluster();
    c.api.create(pod("p1"));
    c.advance(1);
    c.api.create(node("n1"));
    c.advance(1);
    // Attempts at 0 s and 1 s failed; the next is due at 3 s (no rejecting plugin: backoffQ).
    expect(nodeOf(c, "p1")).toBeUndefined();
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("n1");
  });

  it("a profile with pluginConfig MostAllocated packs pods onto the busier node", () => {
    const c = createCluster();
    c.api.create(node("busy"));
    c.api.create(node("idle"));
    c.api.create(pod("filler", { ...req("2"), nodeName: "busy" }));
    startScheduler(c, {
      apiVersion: "kubescheduler.config.k8s.io/v1",
      kind: "KubeSchedulerConfiguration",
      profiles: [
        {
          schedulerName: "bin-packer",
          plugins: { score: { disabled: [{ name: "NodeResourcesBalancedAllocation" }] } },
          pluginConfig: [
            {
              name: "NodeResourcesFit",
              args: { scoringStrategy: { type: "MostAllocated", resources: [{ name: "cpu", weight: 1 }] } },
            },
          ],
        },
      ],
    });
    c.api.create(pod("p1", { ...req("500m"), schedulerName: "bin-packer" }));
    c.advance(1);
    expect(nodeOf(c, "p1")).toBe("busy");
    const rec = explainPod(c, "default", "p1");
    expect(rec?.schedulerName).toBe("bin-packer");
    expect(rec?.scores[0]?.plugins.map((p) => p.plugin)).not.toContain("NodeResourcesBalancedAllocation");
    expect(formatExplanation(rec as NonNullable<typeof rec>)).toContain("Result: Scheduled on busy");
  });

  it("an unschedulable pod is retried after 5 minutes even without events", () => {
    const c = createCluster();
    c.api.create(node("n1", { labels: { disk: "hdd" } }));
    c.advance(30); // let a node agent, if any, register and label the node
    c.api.create(pod("p1", { nodeSelector: { disk: "ssd" } }));
    c.advance(1);
    const first = explainPod(c, "default", "p1")?.attempt as number;
    c.advance(290);
    expect(explainPod(c, "default", "p1")?.attempt).toBe(first);
    c.advance(20);
    expect(explainPod(c, "default", "p1")?.attempt).toBe(first + 1);
  });

  it("ties are broken by the cluster's seeded random generator (same seed, same placement)", () => {
    const place = (seed: number) => {
      const c = createCluster({ seed });
      for (const n of ["a", "b", "c", "d"]) c.api.create(node(n));
      for (let i = 0; i < 8; i++) c.api.create(pod(`p${i}`));
      c.advance(1);
      return Array.from({ length: 8 }, (_, i) => nodeOf(c, `p${i}`)).join(",");
    };
    expect(place(7)).toBe(place(7));
  });

  it("a DaemonSet-style pod pinned to a full node: absent nodes counted by PreFilter's plugin", () => {
    const c = createCluster();
    for (const n of ["n1", "n2", "n3", "n4"]) c.api.create(node(n, { cpu: "1" }));
    c.api.create(pod("filler", { ...req("900m"), nodeName: "n2" }));
    c.api.create(
      pod("ds", {
        ...req("500m"),
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchFields: [{ key: "metadata.name", operator: "In", values: ["n2"] }] },
              ],
            },
          },
        },
      }),
    );
    c.advance(1);
    expect(events(c, "ds", "FailedScheduling")[0]?.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
  });
});
