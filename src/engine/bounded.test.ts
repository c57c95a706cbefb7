/**
 * Bounded work at every instant (issue 11): feedback loops and big numbers advance the clock,
 * paced by the controllers' client rate limiters, instead of spinning at one instant; an instant
 * that still runs out of steps records a StepBudgetExceeded Warning and moves time on; an advance
 * can be interrupted; and the kubelet's idle shortcuts change nothing anyone can observe. Every
 * bound here counts objects, steps or simulated time, never wall time.
 */
import { describe, expect, it } from "vitest";
import { TestCluster } from "../testing/test-cluster";
import type { KubeObject } from "./api/types";
import { bootScenario } from "./boot";
import { STEP_BUDGET, STEP_BUDGET_DELAY_SECONDS, StepBudgetExceededReason } from "./cluster";
import { KubeAPIBurst, KubeAPIQPS } from "./controllers/lib/ratelimit";
import { BurstReplicas } from "./controllers/replicaset/controller";
import { exportSnapshot, serializeSnapshot } from "./snapshot";

const NODES = `
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}, capacity: {cpu: "4", memory: 8Gi, pods: "110"}}
`;

const TOLERATE_ZERO =
  "tolerations: [{key: k, operator: Equal, value: v, effect: NoExecute, tolerationSeconds: 0}]";

/** Sum of the counts of the events with this reason. */
function eventCount(t: TestCluster, reason: string): number {
  return t.list("Event").reduce((n, e) => n + (e.reason === reason ? ((e.count as number) ?? 1) : 0), 0);
}

function taintedCluster(): TestCluster {
  const t = new TestCluster();
  t.apply(NODES);
  t.advance(5);
  expect(t.kubectl("taint nodes n1 k=v:NoExecute").exit).toBe(0);
  return t;
}

describe("a NoExecute taint and pods that tolerate it for 0 seconds (a)", () => {
  for (const kind of ["DaemonSet", "Deployment"]) {
    it(`a ${kind}'s pods are evicted and replaced over simulated time, paced by the clients`, () => {
      const t = taintedCluster();
      const start = t.cluster.clock.now();
      t.apply(`
apiVersion: apps/v1
kind: ${kind}
metadata: {name: spin}
spec:
  ${kind === "Deployment" ? "replicas: 2" : ""}
  selector: {matchLabels: {app: spin}}
  template:
    metadata: {labels: {app: spin}}
    spec:
      nodeSelector: {kubernetes.io/hostname: n1}
      ${TOLERATE_ZERO}
      containers: [{name: c, image: nginx}]
`);
      expect(t.cluster.advance(10)).toBe(true);
      expect(t.cluster.clock.now()).toBe(start + 10_000);
      // The loop runs as in a real cluster, but at most as fast as the taint eviction
      // controller's client lets it delete: its burst, then KubeAPIQPS a second.
      const evicted = eventCount(t, "TaintManagerEviction");
      expect(evicted).toBeGreaterThan(10);
      expect(evicted).toBeLessThanOrEqual(2 * (KubeAPIBurst + KubeAPIQPS * 10 + 1));
      expect(eventCount(t, StepBudgetExceededReason)).toBe(0);
    });
  }
});

describe("huge replica counts (b, c)", () => {
  function replicaSet(replicas: unknown): KubeObject {
    return {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "big", namespace: "default" },
      spec: {
        replicas,
        selector: { matchLabels: { app: "big" } },
        template: {
          metadata: { labels: { app: "big" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    } as KubeObject;
  }
  const pods = (t: TestCluster) => t.list("Pod", "default").length;

  it("100000 replicas are created in batches of at most BurstReplicas at the client's pace", () => {
    const t = new TestCluster();
    t.cluster.api.create(replicaSet(100_000));
    t.cluster.settle();
    expect(pods(t)).toBe(BurstReplicas);
    // The first batch went KubeAPIBurst past its tokens: the next sync waits for them.
    const wait = (BurstReplicas - KubeAPIBurst) / KubeAPIQPS;
    t.advance(wait - 1);
    expect(pods(t)).toBe(BurstReplicas);
    t.advance(2);
    expect(pods(t)).toBe(2 * BurstReplicas);
    // From then on, BurstReplicas every BurstReplicas / KubeAPIQPS seconds.
    t.advance((3 * BurstReplicas) / KubeAPIQPS);
    expect(pods(t)).toBe(5 * BurstReplicas);
  });

  it("the largest int32 creates pods at the same pace: nothing spins", () => {
    const t = new TestCluster();
    t.cluster.api.create(replicaSet(2_147_483_647));
    expect(t.cluster.advance(60)).toBe(true);
    expect(pods(t)).toBeLessThanOrEqual(BurstReplicas * (1 + Math.ceil((60 * KubeAPIQPS) / BurstReplicas)));
    expect(eventCount(t, StepBudgetExceededReason)).toBe(0);
  });

  for (const bad of [99_999_999_999, Number.NaN, 2.5, "three", 1e300])
    it(`spec.replicas ${String(bad)}, had it got past the API server, reads as the default (one pod), no loop bound`, () => {
      const t = new TestCluster();
      const rs = replicaSet(1);
      // Stored past the API server's typed decoding, which refuses it (as a restored scenario
      // from an older version might have it): the controllers must not trust it either.
      const created = t.cluster.api.create(rs);
      const next = structuredClone(created);
      (next.spec as { replicas: unknown }).replicas = bad;
      t.cluster.api.restore(next);
      expect(t.cluster.advance(60)).toBe(true);
      expect(pods(t)).toBeLessThanOrEqual(1);
    });
});

describe("advance (d)", () => {
  it("an endless sleep can be interrupted between instants and resumed", () => {
    const c = bootScenario("cka") as NonNullable<ReturnType<typeof bootScenario>>;
    const start = c.clock.now();
    let polls = 0;
    expect(c.advance(99_999_999_999, { shouldStop: () => ++polls > 200 })).toBe(false);
    const reached = c.clock.now();
    expect(reached).toBeGreaterThan(start);
    expect(reached).toBeLessThan(start + 3_600_000);
    polls = 0;
    expect(c.advance(99_999_999_999, { shouldStop: () => ++polls > 200 })).toBe(false);
    expect(c.clock.now()).toBeGreaterThan(reached);
    expect(c.advance(10)).toBe(true);
  });

  it("an idle day on the default cluster takes a bounded number of instants, none near the budget", () => {
    const c = bootScenario("cka") as NonNullable<ReturnType<typeof bootScenario>>;
    let instants = 0;
    expect(
      c.advance(86_400, {
        shouldStop: () => {
          instants++;
          return false;
        },
      }),
    ).toBe(true);
    // Periodic work (heartbeats, file checks, the node monitor, probes, leader elections) comes
    // every few seconds per component: a couple of instants per simulated second, not a flood.
    expect(instants).toBeLessThanOrEqual(2 * 86_400);
    expect(c.api.list("Event").filter((e) => e.reason === StepBudgetExceededReason)).toHaveLength(0);
  });
});

describe("the step budget", () => {
  it("an instant that never settles records a Warning naming the components and moves time on", () => {
    const t = new TestCluster();
    const api = t.cluster.api;
    api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "churn", namespace: "default" } });
    let n = 0;
    // A component with a bug: it always has work, and writes an object each time.
    t.cluster.addComponent({
      name: "spinner",
      process: () => {
        const cm = structuredClone(api.get("ConfigMap", "default", "churn") as KubeObject);
        cm.data = { n: String(++n) };
        delete cm.metadata.resourceVersion;
        api.update(cm);
        return true;
      },
    });
    const start = t.cluster.clock.now();
    t.cluster.settle();
    expect(n).toBeLessThanOrEqual(STEP_BUDGET + 1);
    expect(t.cluster.clock.now()).toBe(start);
    const warnings = t.list("Event").filter((e) => e.reason === StepBudgetExceededReason);
    expect(warnings).toHaveLength(1);
    const w = warnings[0] as KubeObject;
    expect(w.type).toBe("Warning");
    expect(w.involvedObject).toMatchObject({ kind: "ConfigMap", name: "churn", namespace: "default" });
    expect(w.message).toContain("spinner");
    // No more work at this instant: settling again does nothing.
    const before = n;
    t.cluster.settle();
    expect(n).toBe(before);
    // Time moves on: each STEP_BUDGET_DELAY_SECONDS gets one budget's worth.
    expect(t.cluster.advance(1)).toBe(true);
    expect(t.cluster.clock.now()).toBe(start + 1000);
    const instants = 1 / STEP_BUDGET_DELAY_SECONDS + 1;
    expect(n).toBeLessThanOrEqual(instants * (STEP_BUDGET + 1));
    const count = t.list("Event").find((e) => e.reason === StepBudgetExceededReason)?.count;
    expect(count).toBe(instants);
  });
});

describe("idle shortcuts change nothing observable", () => {
  const MANIFEST = "/etc/kubernetes/manifests/web.yaml";
  const staticPod = (image: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: c, image: ${image}}]\n`;
  function cluster(): TestCluster {
    const t = new TestCluster();
    t.apply(NODES);
    const fs = t.cluster.hosts.get("n1")?.fs;
    fs?.mkdir("/etc/kubernetes/manifests", true);
    fs?.write(MANIFEST, staticPod("nginx:1.27"));
    return t;
  }
  // Mid-way a manifest changes and a node's labels change: the kubelet's caches must notice.
  function edit(t: TestCluster): void {
    t.cluster.hosts.get("n1")?.fs.write(MANIFEST, staticPod("nginx:1.28"));
    expect(t.kubectl("label node n2 disk=ssd").exit).toBe(0);
  }

  it("one long advance and many short ones leave the same cluster, byte for byte", () => {
    const a = cluster();
    const b = cluster();
    a.advance(1000);
    edit(a);
    a.advance(2600);
    for (let i = 0; i < 1000; i++) b.advance(1);
    edit(b);
    for (let i = 0; i < 260; i++) b.advance(10);
    const c = a.cluster;
    expect(c.clock.now()).toBe(b.cluster.clock.now());
    expect(serializeSnapshot(exportSnapshot(c))).toBe(serializeSnapshot(exportSnapshot(b.cluster)));
    // What the shortcuts skip is still done when due: leases renewed every 10 s, node status
    // reported at least every 5 minutes, and the changed manifest's mirror pod replaced.
    for (const name of ["n1", "n2"]) {
      const lease = c.api.get("Lease", "kube-node-lease", name);
      expect(Date.parse(lease?.spec?.renewTime)).toBeGreaterThan(c.clock.now() - 10_001);
      const ready = c.api
        .get("Node", undefined, name)
        ?.status?.conditions?.find((x: { type: string }) => x.type === "Ready");
      expect(ready?.status).toBe("True");
      expect(Date.parse(ready?.lastHeartbeatTime)).toBeGreaterThan(c.clock.now() - 310_000);
    }
    expect(a.pod("default/web-n1")?.spec?.containers[0]?.image).toBe("nginx:1.28");
  });
});
