import { describe, expect, it } from "vitest";
import type { Cluster } from "../engine/index";
import { exportSnapshot, fromDocument, restoreSnapshot, serializeSnapshot } from "../engine/snapshot";
import { nodeManifest } from "../ui/panels/AddNodeDialog";
import { type HistoryEntry, packLink, record, startHistory } from "./commandlog";
import { bootScenario, fingerprint, runEntry, shellsFor } from "./replay";
import {
  HISTORY_LONGER,
  HISTORY_TOO_LONG,
  type LiveHistory,
  MAX_REPLAY_MS,
  makeShareLink,
  NO_HISTORY,
  openShareLink,
  REPLAY_DIFFERS,
} from "./share";
import { decodeScenario, encodeScenario } from "./sharelink";

type Command =
  Exclude<HistoryEntry, { at: number; op: "edited" }> extends infer E
    ? E extends HistoryEntry
      ? Omit<E, "at">
      : never
    : never;

/** A live cluster driven as the worker drives it: each command recorded at its instant, then run. */
function liveSession(scenario = "cka", seed = 1) {
  const { cluster, start } = bootScenario(scenario, seed);
  const live: LiveHistory = { history: startHistory(scenario, seed), start };
  const shells = shellsFor(cluster);
  return {
    cluster,
    live,
    run(cmd: Command) {
      record(live.history, cmd, cluster.clock.now(), start);
      runEntry(cluster, shells, { ...cmd, at: 0 } as HistoryEntry);
    },
    /** Time passing as the worker's ticks move it: in uneven slices. */
    play(seconds: number) {
      const target = cluster.clock.now() + seconds * 1000;
      while (cluster.clock.now() < target)
        cluster.advance(Math.min(0.137, (target - cluster.clock.now()) / 1000));
    },
  };
}

/** Ten things a person does to the default cluster, with time passing between them. */
function tenActions(s: ReturnType<typeof liveSession>): void {
  s.run({ op: "action", line: "kubectl taint nodes node01 dedicated=gpu:NoSchedule" });
  s.play(3.2);
  s.run({ op: "terminal", line: "kubectl create deployment web --image=nginx --replicas=4" });
  s.play(12);
  s.run({ op: "action", line: "kubectl cordon node02" });
  s.run({ op: "action", line: "kubectl label nodes node01 disktype=ssd --overwrite" });
  s.play(40.5);
  s.run({
    op: "apply",
    yaml: nodeManifest("node03", { cpu: "2", memory: "4Gi", pods: "110", labels: "", taints: "" }),
  });
  s.play(20);
  s.run({ op: "terminal", line: "kubectl scale deployment web --replicas=6" });
  s.play(7);
  s.run({ op: "action", line: "kubectl uncordon node02" });
  s.run({ op: "terminal", line: "kubectl run probe --image=busybox -- sleep 3600" });
  s.play(61);
  s.run({ op: "action", line: "kubectl taint nodes node01 dedicated=gpu:NoSchedule-" });
  s.run({ op: "action", line: "kubectl drain node02 --ignore-daemonsets --delete-emptydir-data --force" });
  s.play(300);
}

/** Pods as a person compares them: name, uid, node, phase. */
function pods(c: Cluster) {
  return c.api
    .list("Pod")
    .map((p) => [
      `${p.metadata.namespace}/${p.metadata.name}`,
      p.metadata.uid,
      p.spec?.nodeName,
      p.status?.phase,
    ])
    .sort();
}

describe("share links that replay a history", () => {
  it("carry the default cluster after ten actions in under 2 kB of URL", () => {
    const s = liveSession();
    tenActions(s);
    const link = makeShareLink(s.cluster, 1, s.live);
    expect(link.commands).toBe(10);
    expect(link.payload.startsWith("r=")).toBe(true);
    const url = `http://localhost:4173/#${link.payload}`;
    console.log(`share link of the default cluster after 10 actions: ${url.length} characters`);
    expect(url.length).toBeLessThan(2048);
  });

  it("replay to the same objects: names, uids, node assignments, the same snapshot", () => {
    const s = liveSession();
    tenActions(s);
    const link = makeShareLink(s.cluster, 1, s.live);
    const opened = openShareLink(link.payload);
    if (opened.kind !== "replay") throw new Error("expected a replay");
    expect(opened.differs).toBe(false);
    expect(pods(opened.cluster)).toEqual(pods(s.cluster));
    // The web pods exist and were placed: the comparison is not of two empty clusters.
    expect(pods(s.cluster).filter(([n]) => String(n).startsWith("default/web-")).length).toBe(6);
    expect(opened.cluster.api.get("Node", undefined, "node03")).toBeDefined();
    expect(serializeSnapshot(exportSnapshot(opened.cluster, 1))).toBe(
      serializeSnapshot(exportSnapshot(s.cluster, 1)),
    );
    // The opened cluster goes on recording onto the same history.
    expect(opened.history.entries.length).toBe(10);
  });

  it("still replay after the cluster was restored from its autosave (a reload) and changed again", () => {
    const s = liveSession();
    s.run({ op: "terminal", line: "kubectl create deployment web --image=nginx --replicas=3" });
    s.play(20);
    // The reload: the autosave (a structured clone of the snapshot) restored, the history kept.
    const saved = structuredClone(exportSnapshot(s.cluster, 1));
    const restored = restoreSnapshot(fromDocument(saved).snapshot);
    const shells = shellsFor(restored);
    restored.advance(10);
    record(
      s.live.history,
      { op: "action", line: "kubectl scale deployment web --replicas=5" },
      restored.clock.now(),
      s.live.start,
    );
    runEntry(restored, shells, { op: "action", line: "kubectl scale deployment web --replicas=5", at: 0 });
    restored.advance(120);
    const link = makeShareLink(restored, 1, s.live);
    expect(link.why).toBeUndefined();
    expect(link.commands).toBe(2);
    const opened = openShareLink(link.payload);
    if (opened.kind !== "replay") throw new Error("expected a replay");
    expect(pods(opened.cluster)).toEqual(pods(restored));
  });

  it("fall back to a snapshot when there is no history", () => {
    const s = liveSession();
    const link = makeShareLink(s.cluster, 1, undefined);
    expect(link.payload.startsWith("s=")).toBe(true);
    expect(link.why).toBe(NO_HISTORY);
    const opened = openShareLink(link.payload);
    expect(opened.kind).toBe("snapshot");
  });

  it("fall back to a snapshot when the history does not replay to the same cluster", () => {
    const s = liveSession();
    s.run({ op: "action", line: "kubectl cordon node01" });
    // Changed behind the history's back (as a command the worker never recorded would).
    s.cluster.api.restore({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "x", namespace: "default" },
    });
    const link = makeShareLink(s.cluster, 1, s.live);
    expect(link.why).toBe(REPLAY_DIFFERS);
    expect(link.payload.startsWith("s=")).toBe(true);
  });

  it("fall back to a snapshot when the history is longer than the cluster", () => {
    const s = liveSession("empty");
    // Lines that do not compress much (deflate finds little to share between them).
    const token = (i: number, m: number) => (Math.imul(i + 1, m) >>> 0).toString(36);
    const big = Array.from(
      { length: 600 },
      (_, i) =>
        `kubectl get pods -l a=${token(i, 2654435761)},b=${token(i, 2246822519)},c=${token(i, 3266489917)}`,
    );
    for (const line of big) s.run({ op: "terminal", line });
    const link = makeShareLink(s.cluster, 1, s.live);
    expect(link.why).toBe(HISTORY_LONGER);
  });

  it("fall back to a snapshot when the history spans more simulated time than a replay should take", () => {
    const s = liveSession("empty");
    s.cluster.advance(MAX_REPLAY_MS / 1000 + 1);
    expect(makeShareLink(s.cluster, 1, s.live).why).toBe(HISTORY_TOO_LONG);
  });

  it("say what is wrong with a damaged history", () => {
    const enc = (text: string) => `r=${encodeScenario(text)}`;
    expect(() => openShareLink(enc("nope"))).toThrow("the share link is damaged (its history is not JSON)");
    expect(() => openShareLink(enc('["cka",1.5,0,"f"]'))).toThrow("the seed is not an integer");
    expect(() => openShareLink(enc('["cka",1,0,"f",[0,"z"]]'))).toThrow('command 1 has an unknown op "z"');
    expect(() => openShareLink(enc('["cka",1,0,"f",[5,"t","ls"]]'))).toThrow(
      "a command comes after the instant it was shared at",
    );
    expect(() => openShareLink(enc('["nowhere",1,0,"f"]'))).toThrow(
      'there is no built-in scenario "nowhere"',
    );
  });

  it("pack instants as ms since the previous command", () => {
    const h = startHistory("cka", 3);
    record(h, { op: "action", line: "a" }, 1500, 1000);
    record(h, { op: "interrupt" }, 2500, 1000);
    const text = packLink({ history: h, until: 2000, fingerprint: "ab" });
    expect(text).toBe('["cka",3,2000,"ab",[500,"a","a"],[1000,"i"]]');
    expect(decodeScenario(encodeScenario(text))).toBe(text);
  });

  it("fingerprint what a person compares, not resourceVersions", () => {
    const a = bootScenario("cka", 1).cluster;
    const b = bootScenario("cka", 1).cluster;
    expect(fingerprint(a)).toBe(fingerprint(b));
    const c = bootScenario("cka", 2).cluster;
    expect(fingerprint(c)).not.toBe(fingerprint(a));
  });
});
