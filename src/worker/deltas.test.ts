import { describe, expect, it } from "vitest";
import type { KubeObject } from "../engine/api/types";
import { DeltaBuffer, mergeType } from "./deltas";

function pod(name: string, phase: string, namespace = "default"): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace }, status: { phase } };
}

describe("DeltaBuffer", () => {
  it("keeps one delta per object with its latest state", () => {
    const b = new DeltaBuffer();
    b.push("ADDED", pod("a", "Pending"));
    b.push("MODIFIED", pod("a", "Running"));
    expect(b.size).toBe(1);
    const [d] = b.take();
    expect(d?.type).toBe("ADDED");
    expect(d?.object.status?.phase).toBe("Running");
    expect(b.size).toBe(0);
  });

  it("tells objects apart by kind, namespace and name", () => {
    const b = new DeltaBuffer();
    b.push("ADDED", pod("a", "Pending"));
    b.push("ADDED", pod("a", "Pending", "other"));
    b.push("ADDED", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
    expect(b.size).toBe(3);
  });

  it("a deletion wins, and a re-creation after it is an addition", () => {
    const b = new DeltaBuffer();
    b.push("MODIFIED", pod("a", "Running"));
    b.push("DELETED", pod("a", "Running"));
    expect(b.take().map((d) => d.type)).toEqual(["DELETED"]);
    b.push("DELETED", pod("a", "Running"));
    b.push("ADDED", pod("a", "Pending"));
    expect(b.take().map((d) => d.type)).toEqual(["ADDED"]);
  });

  it("hands out the oldest changes first, max at a time", () => {
    const b = new DeltaBuffer();
    for (const n of ["a", "b", "c"]) b.push("ADDED", pod(n, "Pending"));
    b.push("MODIFIED", pod("a", "Running")); // a changed last: it goes last
    expect(b.take(2).map((d) => d.object.metadata.name)).toEqual(["b", "c"]);
    expect(b.take(2).map((d) => d.object.metadata.name)).toEqual(["a"]);
    expect(b.take()).toEqual([]);
  });

  it("hands out Events after the other kinds", () => {
    const b = new DeltaBuffer();
    b.push("ADDED", { apiVersion: "v1", kind: "Event", metadata: { name: "a.1", namespace: "default" } });
    b.push("ADDED", pod("a", "Pending"));
    expect(b.take(1).map((d) => d.object.kind)).toEqual(["Pod"]);
    expect(b.take().map((d) => d.object.kind)).toEqual(["Event"]);
  });

  it("merges types as a replica sees them", () => {
    expect(mergeType("ADDED", "MODIFIED")).toBe("ADDED");
    expect(mergeType("ADDED", "DELETED")).toBe("DELETED");
    expect(mergeType("MODIFIED", "MODIFIED")).toBe("MODIFIED");
    expect(mergeType("DELETED", "ADDED")).toBe("ADDED");
  });
});
