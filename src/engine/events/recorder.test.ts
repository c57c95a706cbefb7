import { describe, expect, it } from "vitest";
import { createCluster } from "../index";
import { exportSnapshot, restoreSnapshot } from "../snapshot";

describe("EventRecorder", () => {
  it("aggregates repeats into count and lastTimestamp", () => {
    const cluster = createCluster();
    const ns = cluster.api.get("Namespace", undefined, "default");
    if (!ns) throw new Error("no default namespace");
    cluster.events.record(ns, "Warning", "Test", "same message", { component: "tester" });
    cluster.advance(5);
    cluster.events.record(ns, "Warning", "Test", "same message", { component: "tester" });
    const events = cluster.api.list("Event").filter((e) => e.reason === "Test");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      count: 2,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:05Z",
    });
  });

  it("keeps aggregating events restored from a scenario file", () => {
    const cluster = createCluster();
    const ns = cluster.api.get("Namespace", undefined, "default");
    if (!ns) throw new Error("no default namespace");
    cluster.events.record(
      ns,
      "Normal",
      "Test",
      "again",
      { component: "tester", host: "h1" },
      { newApi: true },
    );
    const restored = restoreSnapshot(exportSnapshot(cluster));
    const restoredNs = restored.api.get("Namespace", undefined, "default");
    if (!restoredNs) throw new Error("no default namespace after restore");
    restored.events.record(
      restoredNs,
      "Normal",
      "Test",
      "again",
      { component: "tester", host: "h1" },
      { newApi: true },
    );
    const events = restored.api.list("Event").filter((e) => e.reason === "Test");
    expect(events).toHaveLength(1);
    expect(events[0]?.count).toBe(2);
  });
});
