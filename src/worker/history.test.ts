import { describe, expect, it } from "vitest";
import { bootScenario } from "../engine/boot";
import type { Cluster } from "../engine/cluster";
import { exportSnapshot, restoreSnapshot, type Snapshot } from "../engine/snapshot";
import {
  CHECKPOINT_OBJECT_BUDGET,
  Checkpoints,
  checkpointLimit,
  MAX_CHECKPOINTS,
  MAX_UNDO,
  MIN_CHECKPOINTS,
  pastObjects,
  sameHostState,
  UndoStack,
} from "./history";

/** A snapshot with n (empty) objects: only its size matters to the bounds. */
function snap(n = 1): Snapshot {
  return {
    apiVersion: "kubeglass.dev/v1alpha1",
    kind: "Scenario",
    time: "",
    seed: 1,
    files: {},
    objects: Array.from({ length: n }, () => ({ apiVersion: "v1", kind: "X", metadata: {} })),
  };
}

describe("Checkpoints", () => {
  it("picks the latest checkpoint at or before an instant", () => {
    const cps = new Checkpoints(10_000);
    for (const at of [0, 10_000, 20_000, 25_000, 30_000]) cps.add(at, snap());
    expect(cps.atOrBefore(-1)).toBeUndefined();
    expect(cps.atOrBefore(0)?.at).toBe(0);
    expect(cps.atOrBefore(9_999)?.at).toBe(0);
    expect(cps.atOrBefore(24_999)?.at).toBe(20_000);
    expect(cps.atOrBefore(25_000)?.at).toBe(25_000);
    expect(cps.atOrBefore(1e9)?.at).toBe(30_000);
  });

  it("is due every period after the last one, whatever added it", () => {
    const cps = new Checkpoints(10_000);
    expect(cps.due(0)).toBe(true);
    cps.add(0, snap());
    expect(cps.due(9_999)).toBe(false);
    cps.add(5_000, snap());
    expect(cps.due(14_999)).toBe(false);
    expect(cps.due(15_000)).toBe(true);
  });

  it("replaces what is at or after a new checkpoint (an action at the same instant, time taken back)", () => {
    const cps = new Checkpoints();
    const a = snap();
    const b = snap();
    cps.add(0, snap());
    cps.add(10_000, a);
    cps.add(10_000, b);
    expect(cps.size()).toBe(2);
    expect(cps.atOrBefore(10_000)?.snapshot).toBe(b);
    cps.forgetAfter(5_000);
    expect(cps.size()).toBe(1);
    cps.add(20_000, a);
    cps.add(15_000, b);
    expect(cps.atOrBefore(1e9)?.at).toBe(15_000);
  });

  it("keeps a sliding window bounded by the object budget", () => {
    expect(checkpointLimit(1)).toBe(MAX_CHECKPOINTS);
    expect(checkpointLimit(CHECKPOINT_OBJECT_BUDGET)).toBe(MIN_CHECKPOINTS);
    expect(checkpointLimit(4000)).toBe(50);
    const cps = new Checkpoints(1000);
    for (let i = 0; i < MAX_CHECKPOINTS + 50; i++) cps.add(i * 1000, snap());
    expect(cps.size()).toBe(MAX_CHECKPOINTS);
    expect(cps.earliest()).toBe(50_000);
    // A big cluster's checkpoint trims the window to its own limit.
    cps.add(1e9, snap(4000));
    expect(cps.size()).toBe(50);
    cps.clear();
    expect(cps.earliest()).toBeUndefined();
  });

  it("rebuilds an earlier instant from a checkpoint taken as the cluster ran: the snapshot does not change later", () => {
    const c = bootScenario("cka") as Cluster;
    const cps = new Checkpoints();
    const start = c.clock.now();
    cps.add(start, exportSnapshot(c));
    const before = JSON.stringify(cps.atOrBefore(start)?.snapshot);
    c.advance(30);
    const run = c.api.list("Pod").length;
    c.api.delete(
      "Pod",
      "kube-system",
      c.api.list("Pod", { namespace: "kube-system" })[0]?.metadata.name as string,
    );
    c.advance(30);
    // Snapshots share objects with the store: later writes must not reach into them.
    expect(JSON.stringify(cps.atOrBefore(start)?.snapshot)).toBe(before);
    const past = restoreSnapshot(cps.atOrBefore(start + 30_000)?.snapshot as Snapshot);
    past.advance(30);
    expect(past.clock.now()).toBe(start + 30_000);
    expect(past.api.list("Pod").length).toBe(run);
  });
});

describe("UndoStack", () => {
  it("undoes the newest first and forgets the oldest past its bound", () => {
    const stack = new UndoStack<string>(3);
    expect(stack.pop()).toBeUndefined();
    for (const label of ["a", "b", "c", "d"]) stack.push({ label, at: 0, snapshot: snap(), meta: label });
    expect(stack.size()).toBe(3);
    expect(stack.peek()).toBe("d");
    expect(stack.pop()?.label).toBe("d");
    expect(stack.pop()?.meta).toBe("c");
    expect(stack.pop()?.label).toBe("b");
    expect(stack.pop()).toBeUndefined();
    expect(new UndoStack().peek()).toBeUndefined();
    expect(MAX_UNDO).toBeGreaterThan(0);
  });
});

describe("sameHostState", () => {
  it("tells a stopped kubelet or a written file from an unchanged node", () => {
    const c = bootScenario("cka") as Cluster;
    const a = exportSnapshot(c);
    expect(sameHostState(a, exportSnapshot(c))).toBe(true);
    (c.hosts.get("node01") as unknown as { systemctl(v: string, u: string): unknown }).systemctl(
      "stop",
      "kubelet",
    );
    const b = exportSnapshot(c);
    expect(sameHostState(a, b)).toBe(false);
    c.hosts.get("node02")?.fs.write("/root/note.txt", "hi");
    expect(sameHostState(b, exportSnapshot(c))).toBe(false);
  });
});

describe("pastObjects", () => {
  it("shows the checkpoint's events up to it, not the rebuilt cluster's start-up events, and the rebuilt ones after", () => {
    const c = bootScenario("cka") as Cluster;
    const at = c.clock.now();
    const cp = { at, snapshot: exportSnapshot(c) };
    const rebuilt = restoreSnapshot(cp.snapshot);
    rebuilt.advance(2);
    rebuilt.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "later", namespace: "default" },
      spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] },
    });
    rebuilt.advance(5);
    const all = (cl: Cluster) => ["Event", "Pod", "Node"].flatMap((k) => cl.api.list(k));
    const events = (objs: ReturnType<typeof all>) =>
      objs
        .filter((o) => o.kind === "Event")
        .map((e) => `${e.metadata.name} ${e.reason} ${e.count ?? e.series?.count ?? 1}`)
        .sort();
    const out = pastObjects(cp, all(rebuilt));
    const savedEvents = events(cp.snapshot.objects);
    const early = events(
      out.filter((o) => o.kind !== "Event" || Date.parse(o.lastTimestamp ?? o.eventTime) <= at),
    );
    expect(early).toEqual(savedEvents);
    // What happened after the checkpoint is there: the new pod's Scheduled event.
    expect(
      out.some((o) => o.kind === "Event" && o.involvedObject?.name === "later" && o.reason === "Scheduled"),
    ).toBe(true);
    expect(out.filter((o) => o.kind === "Pod").length).toBe(rebuilt.api.list("Pod").length);
  });
});
