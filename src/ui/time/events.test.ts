import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../engine/api/types";
import { eventRows, MAX_EVENT_ROWS, objectRef, reasonsOf, toRow } from "./events";

function ev(
  name: string,
  type: string,
  reason: string,
  about: Record<string, string>,
  last: string,
  rv = 1,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: about.namespace ?? "default", resourceVersion: String(rv) },
    type,
    reason,
    involvedObject: about,
    message: `${reason} message`,
    lastTimestamp: last,
  };
}

const events = [
  ev(
    "e1",
    "Normal",
    "Scheduled",
    { kind: "Pod", namespace: "default", name: "web-1" },
    "2026-01-01T00:00:01Z",
    1,
  ),
  ev(
    "e2",
    "Warning",
    "NodeNotReady",
    { kind: "Pod", namespace: "default", name: "web-1" },
    "2026-01-01T00:01:00Z",
    5,
  ),
  ev("e3", "Normal", "NodeNotReady", { kind: "Node", name: "node01" }, "2026-01-01T00:01:00Z", 4),
  ev(
    "e4",
    "Normal",
    "Pulled",
    { kind: "Pod", namespace: "kube-system", name: "coredns-x" },
    "2026-01-01T00:00:30Z",
    3,
  ),
];

describe("events panel rows", () => {
  it("names the object as Kind/namespace/name, or Kind/name when cluster-scoped", () => {
    expect(objectRef("Pod", "default", "web-1")).toBe("Pod/default/web-1");
    expect(objectRef("Node", undefined, "node01")).toBe("Node/node01");
    expect(toRow(events[2] as KubeObject).object).toBe("Node/node01");
    // events.k8s.io/v1 names the object in regarding and the text in note.
    const v1 = toRow({
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "x", namespace: "default" },
      regarding: { kind: "Pod", namespace: "default", name: "p" },
      note: "hello",
      reason: "Started",
      type: "Normal",
      eventTime: "2026-01-01T00:00:00.000000Z",
    });
    expect([v1.object, v1.message, v1.last]).toEqual([
      "Pod/default/p",
      "hello",
      "2026-01-01T00:00:00.000000Z",
    ]);
  });

  it("lists newest first (same second: the later write first) and filters by type, reason and object", () => {
    const all = { type: "" as const, reason: "", object: "" };
    expect(eventRows(events, all).map((r) => r.key)).toEqual([
      "default/e2",
      "default/e3",
      "kube-system/e4",
      "default/e1",
    ]);
    expect(eventRows(events, { ...all, type: "Warning" }).map((r) => r.key)).toEqual(["default/e2"]);
    expect(eventRows(events, { ...all, reason: "NodeNotReady" }).map((r) => r.object)).toEqual([
      "Pod/default/web-1",
      "Node/node01",
    ]);
    expect(eventRows(events, { ...all, object: "NODE01" }).map((r) => r.key)).toEqual(["default/e3"]);
    expect(eventRows(events, { type: "Normal", reason: "NodeNotReady", object: "web" })).toEqual([]);
    expect(reasonsOf(events)).toEqual(["NodeNotReady", "Pulled", "Scheduled"]);
  });

  it("keeps the newest MAX_EVENT_ROWS", () => {
    const many = Array.from({ length: MAX_EVENT_ROWS + 20 }, (_, i) =>
      ev(
        `m${i}`,
        "Normal",
        "Pulled",
        { kind: "Pod", namespace: "default", name: `p${i}` },
        "2026-01-01T00:00:00Z",
        i,
      ),
    );
    const rows = eventRows(many, { type: "", reason: "", object: "" });
    expect(rows.length).toBe(MAX_EVENT_ROWS);
    expect(rows[0]?.key).toBe(`default/m${MAX_EVENT_ROWS + 19}`);
  });
});
