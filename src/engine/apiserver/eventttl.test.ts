import { describe, expect, it } from "vitest";
import { TestCluster } from "../../testing/test-cluster";
import type { KubeObject } from "../api/types";
import { DefaultEventTTLSeconds } from "./eventttl";

describe("--event-ttl", () => {
  it("an event goes away an hour after its last write; a new one starts over at count 1", () => {
    const t = new TestCluster();
    const ref: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm", namespace: "default" },
    };
    const record = () => t.cluster.events.record(ref, "Normal", "Tick", "tick", { component: "test" });
    const ticks = () => t.list("Event", "default").filter((e) => e.reason === "Tick");
    record();
    t.advance(DefaultEventTTLSeconds / 2);
    record();
    expect(ticks()[0]?.count).toBe(2);
    // The second write renewed the TTL.
    t.advance(DefaultEventTTLSeconds / 2 + 10);
    expect(ticks()).toHaveLength(1);
    t.advance(DefaultEventTTLSeconds / 2 - 11);
    expect(ticks()).toHaveLength(1);
    t.advance(1);
    expect(ticks()).toHaveLength(0);
    record();
    expect(ticks().map((e) => e.count)).toEqual([1]);
  });
});
