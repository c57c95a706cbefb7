/**
 * Small fidelity fixes found by test ports (v1.32): PreFilter extension error wrapping
 * (framework.go RunPreFilterExtensionAddPod/RemovePod), host ports counted only from
 * spec.containers (nodeports getContainerPorts, types.go updateUsedPorts), and
 * PodTopologySpread's default selector from the pod's controller only (helper.DefaultSelector).
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { createCluster } from "../index";
import { CycleState } from "./framework/cycle-state";
import type { Handle, PreFilterPlugin } from "./framework/interface";
import { Code, newStatus, type Status } from "./framework/status";
import { makeNode, makeNodeInfo, makePod } from "./framework/testing";
import { NodeInfo, newPodInfo } from "./framework/types";
import { startScheduler } from "./index";

describe("PreFilter extensions: errors are wrapped as upstream", () => {
  function handleWith(pl: PreFilterPlugin): Handle {
    const c = createCluster();
    const { scheduler } = startScheduler(c, { profiles: [{ schedulerName: "fidelity" }] }, "fidelity");
    const fwk = scheduler.profiles.get("fidelity");
    if (!fwk) throw new Error("no profile");
    fwk.preFilterPlugins.splice(0, fwk.preFilterPlugins.length, pl);
    // Every plugin built by this framework holds the same handle.
    const holder = [...fwk.plugins.values()].find((p) => "handle" in p) as unknown as { handle: Handle };
    return holder.handle;
  }
  const failing: PreFilterPlugin = {
    name: "Fake",
    preFilter: () => ({}),
    preFilterExtensions: () => ({
      addPod: () => newStatus(Code.Unschedulable, "add failed"),
      removePod: () => newStatus(Code.Unschedulable, "remove failed"),
    }),
  };
  const p = newPodInfo(makePod("p"));
  const ni = makeNodeInfo(makeNode("n1"));

  it("AddPod", () => {
    const s = handleWith(failing).runPreFilterExtensionAddPod(new CycleState(), p, p, ni) as Status;
    expect(s.code).toBe(Code.Error);
    expect(s.message()).toBe('running AddPod on PreFilter plugin "Fake": add failed');
  });

  it("RemovePod", () => {
    const s = handleWith(failing).runPreFilterExtensionRemovePod(new CycleState(), p, p, ni) as Status;
    expect(s.code).toBe(Code.Error);
    expect(s.message()).toBe('running RemovePod on PreFilter plugin "Fake": remove failed');
  });

  it("a failing AddPod while adding a nominated pod ends that node's check with the error (addNominatedPods)", () => {
    const handle = handleWith(failing);
    // The scheduler learns nominations from the pending pods it watches.
    const c = handle.cluster;
    c.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "nominated", namespace: "default" },
      spec: { containers: [{ name: "c", image: "x" }], schedulerName: "fidelity" },
    });
    const pod = c.api.get("Pod", "default", "nominated") as KubeObject;
    c.api.updateStatus({ ...pod, status: { ...(pod.status ?? {}), nominatedNodeName: "n1" } });
    expect(handle.nominatedPodsForNode("n1").map((n) => n.key)).toEqual(["default/nominated"]);
    const s = handle.runFilterPlugins(new CycleState(), p, ni) as Status;
    expect(s.code).toBe(Code.Error);
    expect(s.message()).toBe('running AddPod on PreFilter plugin "Fake": add failed');
  });
});

describe("host ports come from spec.containers only (v1.32)", () => {
  const pod = makePod("p", {
    initContainers: [
      { name: "init", image: "x", ports: [{ containerPort: 81, hostPort: 81 }] },
      { name: "sidecar", image: "x", restartPolicy: "Always", ports: [{ containerPort: 82, hostPort: 82 }] },
    ],
    containers: [{ name: "c", image: "x", ports: [{ containerPort: 80, hostPort: 80 }] }],
  });

  it("PodInfo ports", () => {
    expect(newPodInfo(pod).ports.map((hp) => hp.port)).toEqual([80]);
  });

  it("NodeInfo used ports", () => {
    const ni = new NodeInfo("n1", makeNode("n1"));
    ni.addPod(newPodInfo(pod));
    expect([...ni.usedPorts.keys()]).toEqual(["TCP/80"]);
  });
});

describe("PodTopologySpread default selector: Services and the pod's controller only", () => {
  const spreadCluster = () => {
    const c = createCluster();
    for (const [name, zone] of [
      ["n1", "a"],
      ["n2", "b"],
    ] as const)
      c.api.create({
        ...makeNode(name, {
          labels: { "topology.kubernetes.io/zone": zone, "kubernetes.io/hostname": name },
        }),
      } as KubeObject);
    const rs = (name: string, selector: Record<string, string>) =>
      ({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name, namespace: "default" },
        spec: {
          replicas: 0,
          selector: { matchLabels: selector },
          template: { metadata: { labels: selector }, spec: { containers: [{ name: "c", image: "x" }] } },
        },
      }) as KubeObject;
    c.api.create(rs("owner", { app: "web" }));
    // Selects the pods too, but owns none of them: upstream ignores it.
    c.api.create(rs("bystander", { tier: "front" }));
    return c;
  };

  it("merges the controller's selector, not every matching ReplicaSet's", () => {
    const c = spreadCluster();
    const { scheduler } = startScheduler(c, { profiles: [{ schedulerName: "spread" }] }, "spread");
    const pts = scheduler.profiles.get("spread")?.plugins.get("PodTopologySpread") as unknown as {
      defaultSelector(pod: unknown): unknown;
    };
    const owned = makePod(
      "p",
      {},
      {
        labels: { app: "web", tier: "front" },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "owner", uid: "u", controller: true },
        ],
      },
    );
    expect(pts.defaultSelector(owned)).toEqual({ matchLabels: { app: "web" }, matchExpressions: [] });
    // A non-controller owner reference is not followed.
    const notController = makePod(
      "q",
      {},
      {
        labels: { app: "web", tier: "front" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "owner", uid: "u" }],
      },
    );
    expect(pts.defaultSelector(notController)).toBeUndefined();
    // A Service selecting the pod is merged in.
    c.api.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "svc", namespace: "default" },
      spec: { selector: { tier: "front" }, ports: [{ port: 80 }] },
    } as KubeObject);
    expect(pts.defaultSelector(owned)).toEqual({
      matchLabels: { tier: "front", app: "web" },
      matchExpressions: [],
    });
  });
});
