import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { useStore } from "./index";
import { UNSCHEDULED } from "./objects";

const node = (name: string, cp = false): KubeObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, labels: cp ? { "node-role.kubernetes.io/control-plane": "" } : {} },
});
const pod = (name: string, nodeName?: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { nodeName, containers: [] },
});

describe("objects slice", () => {
  it("indexes pods by node and orders the control plane first", () => {
    const s = useStore.getState();
    s.loadSnapshot([node("node02"), node("node10"), node("cp", true), pod("a", "node02"), pod("b")]);
    const t = useStore.getState();
    expect(t.nodeOrder).toEqual(["cp", "node02", "node10"]);
    expect(t.podsByNode.node02).toEqual(["default/a"]);
    expect(t.podsByNode[UNSCHEDULED]).toEqual(["default/b"]);
  });

  it("moves a pod when it is bound, and keeps untouched arrays identical", () => {
    const before = useStore.getState();
    before.applyDeltas([{ type: "MODIFIED", object: pod("b", "node10") }]);
    const after = useStore.getState();
    expect(after.podsByNode[UNSCHEDULED]).toEqual([]);
    expect(after.podsByNode.node10).toEqual(["default/b"]);
    expect(after.podsByNode.node02).toBe(before.podsByNode.node02);
    expect(after.nodeOrder).toBe(before.nodeOrder);
  });

  it("keeps the newest FailedScheduling message per pod and forgets deleted pods", () => {
    const ev = (message: string, t: string): KubeObject => ({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `e${t}`, namespace: "default" },
      reason: "FailedScheduling",
      involvedObject: { kind: "Pod", namespace: "default", name: "c" },
      message,
      lastTimestamp: t,
    });
    const s = useStore.getState();
    s.applyDeltas([
      { type: "ADDED", object: pod("c") },
      { type: "ADDED", object: ev("new", "2026-01-01T00:00:02Z") },
    ]);
    s.applyDeltas([{ type: "ADDED", object: ev("old", "2026-01-01T00:00:01Z") }]);
    expect(useStore.getState().schedulingReasons["default/c"]).toBe("new");
    useStore.getState().applyDeltas([{ type: "DELETED", object: pod("c") }]);
    expect(useStore.getState().schedulingReasons["default/c"]).toBeUndefined();
    expect(useStore.getState().pods["default/c"]).toBeUndefined();
  });
});
