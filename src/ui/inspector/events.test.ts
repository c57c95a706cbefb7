import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { EVENTS_SHOWN, eventsFor } from "./Events";

function event(
  name: string,
  involved: { kind: string; namespace?: string; name: string },
  lastTimestamp: string,
  rv: number,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: involved.namespace ?? "default", resourceVersion: String(rv) },
    involvedObject: involved,
    lastTimestamp,
    reason: name,
  };
}

describe("eventsFor", () => {
  const pod = { kind: "Pod", namespace: "default", name: "crash" };
  const events = [
    event("Scheduled", pod, "2026-01-01T00:00:01Z", 10),
    event("Pulling", pod, "2026-01-01T00:00:02Z", 11),
    event("BackOff", pod, "2026-01-01T00:00:02Z", 15),
    event("Other", { ...pod, namespace: "team" }, "2026-01-01T00:00:09Z", 20),
    event("NodeReady", { kind: "Node", name: "crash" }, "2026-01-01T00:00:09Z", 21),
  ];
  it("keeps the object's own events, newest first, the later write first within a second", () => {
    expect(eventsFor(events, "Pod", "default", "crash").map((e) => e.reason)).toEqual([
      "BackOff",
      "Pulling",
      "Scheduled",
    ]);
  });
  it("matches a cluster-scoped object by kind and name", () => {
    expect(eventsFor(events, "Node", undefined, "crash").map((e) => e.reason)).toEqual(["NodeReady"]);
  });
  it("shows the newest EVENTS_SHOWN at most", () => {
    const many = Array.from({ length: EVENTS_SHOWN + 5 }, (_, i) =>
      event(`e${i}`, pod, `2026-01-01T00:01:${String(i).padStart(2, "0")}Z`, i),
    );
    const shown = eventsFor(many, "Pod", "default", "crash");
    expect(shown).toHaveLength(EVENTS_SHOWN);
    expect(shown[0]?.reason).toBe(`e${EVENTS_SHOWN + 4}`);
  });
});
