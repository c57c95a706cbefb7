/** Node services stopped with `systemctl stop` stay stopped through a snapshot and its restore. */
import { describe, expect, it } from "vitest";
import { bootScenario } from "./boot";
import type { Cluster } from "./cluster";
import { kubeletOf } from "./kubelet";
import {
  exportSnapshot,
  readScenarioFile,
  restoreSnapshot,
  SnapshotError,
  serializeSnapshot,
} from "./snapshot";

const renewTime = (c: Cluster, node: string) =>
  c.api.get("Lease", "kube-node-lease", node)?.spec?.renewTime as string | undefined;
const ready = (c: Cluster, node: string) =>
  c.api.get("Node", undefined, node)?.status?.conditions?.find((x: { type: string }) => x.type === "Ready")
    ?.status as string | undefined;

describe("stopped services in a snapshot", () => {
  it("keeps a stopped kubelet stopped, its lease not renewed, and the node still goes NotReady", () => {
    const c = bootScenario("cka") as Cluster;
    (c.hosts.get("node01") as unknown as { systemctl(v: string, u: string): unknown }).systemctl(
      "stop",
      "kubelet",
    );
    c.advance(20);
    const snap = exportSnapshot(c);
    expect(snap.stopped).toEqual({ node01: ["kubelet"] });
    const r = restoreSnapshot(snap);
    expect(kubeletOf(r, "node01")?.active).toBe(false);
    expect(kubeletOf(r, "node02")?.active).toBe(true);
    expect(renewTime(r, "node01")).toBe(renewTime(c, "node01"));
    r.advance(60);
    expect(renewTime(r, "node01")).toBe(renewTime(c, "node01"));
    expect(ready(r, "node01")).toBe("Unknown");
    expect(ready(r, "node02")).toBe("True");
  });

  it("leaves the field out when every service runs", () => {
    const c = bootScenario("cka") as Cluster;
    expect(exportSnapshot(c).stopped).toBeUndefined();
  });

  it("round-trips through a scenario file (the autosave, an export), and refuses a bad list", () => {
    const c = bootScenario("cka") as Cluster;
    (c.hosts.get("node02") as unknown as { systemctl(v: string, u: string): unknown }).systemctl(
      "stop",
      "containerd",
    );
    const text = serializeSnapshot(exportSnapshot(c));
    expect(text).toContain("stopped:");
    const read = readScenarioFile(text);
    expect(read.snapshot.stopped).toEqual({ node02: ["containerd"] });
    expect(kubeletOf(restoreSnapshot(read.snapshot), "node02")?.runtimeActive).toBe(false);
    const bad = text.replace(/stopped:\n {2}node02:\n {4}- containerd/, "stopped:\n  node02:\n    - sshd");
    expect(bad).not.toBe(text);
    expect(() => readScenarioFile(bad)).toThrow(SnapshotError);
    expect(() => readScenarioFile(bad)).toThrow(
      /stopped services of node "node02": expected a list of kubelet, containerd/,
    );
  });
});
