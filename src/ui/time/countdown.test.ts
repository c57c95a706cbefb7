import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../engine/api/kinds";
import { NODE_MONITOR_GRACE_PERIOD, NODE_MONITOR_PERIOD } from "../../engine/nodelifecycle/constants";
import { countdownText, formatRemaining, nodeCountdown, podCountdown, shortRemaining } from "./countdown";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

function node(
  ready: string,
  taints: Node["spec"] extends infer S ? (S extends { taints?: infer T } ? T : never) : never = [],
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node01" },
    spec: { taints },
    status: { conditions: [{ type: "Ready", status: ready, lastHeartbeatTime: iso(T0) }] },
  } as Node;
}
const lease = (renew: number) => ({
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  metadata: { name: "node01", namespace: "kube-node-lease" },
  spec: { renewTime: new Date(renew).toISOString().replace("Z", "000Z") },
});
function pod(name: string, extra: Partial<Pod["spec"]> = {}, status: Pod["status"] = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace: "default", name },
    spec: { nodeName: "node01", containers: [{ name: "app", image: "busybox" }], ...extra },
    status,
  } as Pod;
}

describe("formatRemaining", () => {
  it.each([
    [0, "any moment"],
    [-5, "any moment"],
    [1, "1 s"],
    [12_000, "12 s"],
    [12_001, "13 s"],
    [60_000, "1 m"],
    [250_000, "4 m 10 s"],
    [3_720_000, "1 h 2 m"],
  ])("%d ms → %s", (ms, text) => expect(formatRemaining(ms)).toBe(text));
});

describe("nodeCountdown", () => {
  it("counts down to NotReady from the last lease renewal once a renewal is missed", () => {
    const n = node("True");
    const renew = T0 + 20_000;
    expect(nodeCountdown(n, lease(renew), () => [], renew + 5_000)).toBeUndefined();
    const c = nodeCountdown(n, lease(renew), () => [], renew + 15_000);
    expect(c?.kind).toBe("notready");
    expect(c?.at).toBe(renew + (NODE_MONITOR_GRACE_PERIOD + NODE_MONITOR_PERIOD) * 1000);
    expect(countdownText(c as NonNullable<typeof c>, renew + 15_000)).toBe(
      `NotReady in ${NODE_MONITOR_GRACE_PERIOD + NODE_MONITOR_PERIOD - 15} s`,
    );
  });

  it("then counts down to the first eviction the NoExecute taint holds back", () => {
    const added = T0 + 60_000;
    const n = node("Unknown", [
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: iso(added) },
    ]);
    const tolerate = (s: number) => ({
      tolerations: [
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists" as const,
          effect: "NoExecute" as const,
          tolerationSeconds: s,
        },
      ],
    });
    const pods = [pod("a", tolerate(300)), pod("b", tolerate(30)), pod("c", tolerate(30))];
    const c = nodeCountdown(n, lease(T0), () => pods, added + 10_000);
    expect(c?.kind).toBe("eviction");
    expect(c?.at).toBe(added + 30_000);
    expect(c?.what).toMatch(/^2 pods evicted/);
    expect(countdownText(c as NonNullable<typeof c>, added + 10_000)).toBe("eviction in 20 s");
    // No NoExecute taint: the pods are not even listed.
    expect(
      nodeCountdown(
        node("Unknown"),
        lease(T0),
        () => {
          throw new Error("not asked");
        },
        added,
      ),
    ).toBeUndefined();
  });
});

describe("podCountdown", () => {
  it("shows a container's CrashLoopBackOff until its restart", () => {
    const finished = T0 + 7_000;
    const p = pod("crash", {}, {
      containerStatuses: [
        {
          name: "app",
          image: "busybox",
          imageID: "",
          ready: false,
          restartCount: 2,
          state: {
            waiting: {
              reason: "CrashLoopBackOff",
              message: "back-off 20s restarting failed container=app pod=crash_default(x)",
            },
          },
          lastState: { terminated: { exitCode: 1, finishedAt: iso(finished) } },
        },
      ],
    } as Pod["status"]);
    const c = podCountdown(p, undefined);
    expect(c).toMatchObject({ kind: "backoff", at: finished + 20_000 });
    expect(countdownText(c as NonNullable<typeof c>, finished + 5_000)).toBe("back-off 15 s");
    expect(podCountdown(pod("fine"), node("True"))).toBeUndefined();
  });
});

describe("shortRemaining", () => {
  it.each([
    [297_000, "4m57s"],
    [40_000, "40s"],
    [0, "0s"],
    [-3, "0s"],
    [3_720_000, "1h2m"],
  ])("%d ms → %s", (ms, text) => expect(shortRemaining(ms)).toBe(text));
});
