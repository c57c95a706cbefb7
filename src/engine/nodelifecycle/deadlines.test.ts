/**
 * The countdowns' deadlines, read from objects, checked against what the engine's controllers and
 * kubelet then do: a node whose kubelet stopped goes NotReady, its pods are evicted after their
 * tolerationSeconds, a crashing container restarts after its back-off.
 */
import { describe, expect, it } from "vitest";
import { Shell } from "../../shell";
import { TestCluster } from "../../testing/test-cluster";
import type { Node, Pod } from "../api/kinds";
import { bootScenario } from "../boot";
import type { Cluster } from "../cluster";
import { crashLoopRestartAt, parseGoDuration } from "../kubelet/backoff";
import { NODE_MONITOR_PERIOD } from "./constants";
import { lastHeartbeat, notReadyDeadline, podEvictions } from "./deadlines";

const node = (c: Cluster, name: string) => c.api.get("Node", undefined, name) as Node;
const lease = (c: Cluster, name: string) => c.api.get("Lease", "kube-node-lease", name);
const isReady = (n: Node) => n.status?.conditions?.find((x) => x.type === "Ready")?.status === "True";

function stopKubelet(c: Cluster, name: string): void {
  (c.hosts.get(name) as unknown as { systemctl(verb: string, unit: string): unknown }).systemctl(
    "stop",
    "kubelet",
  );
}

describe("notReadyDeadline", () => {
  it("is undefined while heartbeats are on time, and the node goes NotReady within one monitor period after it", () => {
    const c = bootScenario("cka") as Cluster;
    for (let i = 0; i < 30; i++) {
      c.advance(1);
      expect(notReadyDeadline(node(c, "node01"), lease(c, "node01"), c.clock.now())).toBeUndefined();
    }
    stopKubelet(c, "node01");
    const last = lastHeartbeat(node(c, "node01"), lease(c, "node01")) as number;
    let deadline: number | undefined;
    let notReadyAt: number | undefined;
    for (let i = 0; i < 120 && notReadyAt === undefined; i++) {
      c.advance(1);
      const n = node(c, "node01");
      if (!isReady(n)) {
        notReadyAt = c.clock.now();
        break;
      }
      const d = notReadyDeadline(n, lease(c, "node01"), c.clock.now());
      if (d !== undefined) {
        // Once late, the deadline stays put (nothing renews the lease).
        if (deadline !== undefined) expect(d).toBe(deadline);
        deadline = d;
      }
    }
    expect(deadline).toBeDefined();
    expect(notReadyAt).toBeDefined();
    // The countdown started about a renewal after the last heartbeat.
    expect(deadline).toBeGreaterThan(last);
    expect(notReadyAt as number).toBeGreaterThanOrEqual(deadline as number);
    expect(notReadyAt as number).toBeLessThan((deadline as number) + NODE_MONITOR_PERIOD * 1000);
    // Once NotReady, there is nothing to count down to.
    expect(notReadyDeadline(node(c, "node01"), lease(c, "node01"), c.clock.now())).toBeUndefined();
  });

  it("is undefined for a node that has no Ready condition or no heartbeat", () => {
    const n = { apiVersion: "v1", kind: "Node", metadata: { name: "x" } } as Node;
    expect(notReadyDeadline(n, undefined, 1e12)).toBeUndefined();
  });
});

describe("podEvictions", () => {
  it("names when the taint eviction controller deletes each tolerating pod", () => {
    const c = bootScenario("cka") as Cluster;
    const sh = new Shell(c);
    expect(sh.run("kubectl create deployment web --image=nginx --replicas=4").exit).toBe(0);
    c.advance(20);
    stopKubelet(c, "node01");
    const deletedAt = new Map<string, number>();
    c.api.watch("Pod", (e) => {
      const p = e.object as Pod;
      const key = `${p.metadata.namespace}/${p.metadata.name}`;
      if (p.metadata.deletionTimestamp && !deletedAt.has(key)) deletedAt.set(key, c.clock.now());
    });
    // Until the NoExecute taint lands there is nothing to count down.
    let expected: ReturnType<typeof podEvictions> = [];
    for (let i = 0; i < 200 && expected.length === 0; i++) {
      c.advance(1);
      expected = podEvictions(node(c, "node01"), c.api.list("Pod") as Pod[]);
    }
    expect(expected.length).toBeGreaterThan(0);
    // DefaultTolerationSeconds: 300 s for the Deployment's pods.
    const web = expected.filter((e) => e.pod.startsWith("default/web-"));
    expect(web.length).toBeGreaterThan(0);
    for (const e of web) expect(e.tolerationSeconds).toBe(300);
    expect(expected[0]?.taint.key).toBe("node.kubernetes.io/unreachable");
    c.advance(320);
    for (const e of expected) {
      const at = deletedAt.get(e.pod);
      expect(at, e.pod).toBeDefined();
      // timeAdded has whole seconds: the deletion comes within a second of the deadline.
      expect(at as number).toBeGreaterThanOrEqual(e.at);
      expect(at as number).toBeLessThan(e.at + 1000);
    }
  });

  it("leaves out pods that tolerate forever and nodes with no NoExecute taint", () => {
    const n = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n" },
      spec: { taints: [{ key: "k", effect: "NoExecute", timeAdded: "2026-01-01T00:00:00Z" }] },
    } as Node;
    const pod = (name: string, tolerationSeconds?: number) =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { namespace: "default", name },
        spec: {
          nodeName: "n",
          containers: [],
          tolerations: [{ key: "k", operator: "Exists", effect: "NoExecute", tolerationSeconds }],
        },
      }) as Pod;
    const forever = pod("forever");
    const brief = pod("brief", 30);
    const intolerant = { ...pod("intolerant"), spec: { nodeName: "n", containers: [] } } as Pod;
    const out = podEvictions(n, [forever, brief, intolerant]);
    expect(out.map((e) => [e.pod, e.at])).toEqual([["default/brief", Date.parse("2026-01-01T00:00:30Z")]]);
    expect(podEvictions({ ...n, spec: {} }, [brief])).toEqual([]);
  });
});

describe("crashLoopRestartAt", () => {
  it("is when the kubelet restarts the crashing container", () => {
    const t = new TestCluster({
      setup: (c) => {
        c.api.create({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name: "n1", labels: { "kubernetes.io/hostname": "n1" } },
          status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } },
        });
      },
    });
    t.advance(5);
    expect(t.kubectl("run crash --image=busybox --restart=Always -- sh -c 'exit 1'").exit).toBe(0);
    const restarts: number[] = [];
    let predicted: number[] = [];
    let lastCount = 0;
    for (let i = 0; i < 400 && restarts.length < 3; i++) {
      t.advance(1);
      const st = t.pod("default/crash")?.status?.containerStatuses?.[0];
      if (!st) continue;
      const at = crashLoopRestartAt(st);
      if (at !== undefined && !predicted.includes(at)) predicted = [...predicted, at];
      if ((st.restartCount ?? 0) > lastCount) {
        lastCount = st.restartCount ?? 0;
        restarts.push(t.cluster.clock.now());
      }
    }
    // Each back-off seen ends with a restart within a second after the predicted instant.
    const waited = predicted.filter((p) => p <= t.cluster.clock.now() - 1000);
    expect(waited.length).toBeGreaterThanOrEqual(2);
    for (const p of waited) expect(restarts.some((r) => r >= p && r < p + 2000)).toBe(true);
    expect(crashLoopRestartAt({ state: { running: {} } as never })).toBeUndefined();
    expect(parseGoDuration("1m20s")).toBe(80);
  });
});
