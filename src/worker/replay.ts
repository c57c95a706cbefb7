/**
 * Booting a built-in scenario and replaying a history on it. The engine is deterministic (seeded
 * randomness, virtual time that fires the same timers however it is sliced), so the same origin
 * and the same commands at the same instants give the same cluster: the same objects, names, uids
 * and node assignments. fingerprint() says whether two clusters came out the same.
 */
import type { KubeObject } from "../engine/api/types";
import { type Cluster, createCluster } from "../engine/index";
import { SCENARIOS } from "../engine/scenarios/cka";
import { finishEdit } from "../kubectl/cmd/edit";
import { kubectl } from "../kubectl/index";
import { Shell } from "../shell/index";
import type { History, HistoryEntry } from "./commandlog";

/** Simulated seconds run after loading a scenario, so its pods are Running when the page opens. */
export const WARM_UP_SECONDS = 30;

/** A booted scenario: the cluster and the simulated ms its history counts from. */
export interface Booted {
  cluster: Cluster;
  /** Simulated ms when the scenario was loaded (before the warm-up). */
  start: number;
}

/** A fresh cluster with a built-in scenario loaded and warmed up; throws for an unknown scenario. */
export function bootScenario(id: string, seed: number): Booted {
  const load = SCENARIOS[id];
  if (!load) throw new Error(`there is no built-in scenario "${id}"`);
  const cluster = createCluster({ seed });
  const start = cluster.clock.now();
  load(cluster);
  cluster.advance(WARM_UP_SECONDS);
  return { cluster, start };
}

/** The shells commands run in, as the worker has them: the terminal's and the actions'. */
export interface Shells {
  terminal: Shell;
  action: Shell;
}

/** The shells of a cluster, made as the worker makes them. */
export function shellsFor(cluster: Cluster): Shells {
  return {
    terminal: new Shell(cluster, { appEditor: true, follow: true }),
    action: new Shell(cluster, { appEditor: true }),
  };
}

/** Runs one history entry as the worker ran it (the clock already at its instant). */
export function runEntry(cluster: Cluster, shells: Shells, entry: HistoryEntry): void {
  switch (entry.op) {
    case "terminal":
      shells.terminal.run(entry.line);
      break;
    case "action":
      shells.action.run(entry.line);
      break;
    case "apply":
      kubectl({ cluster, namespace: "default" }, ["apply", "-f", "-"], entry.yaml);
      cluster.settle();
      break;
    case "edited":
      finishEdit({ cluster, namespace: "default" }, entry.session, entry.text);
      cluster.settle();
      break;
    case "interrupt":
      shells.terminal.interrupt();
      break;
  }
}

/** Moves a cluster's clock to start + at, reading what the terminal streams meanwhile (as the worker's ticks do). */
function advanceTo(cluster: Cluster, shells: Shells, target: number): void {
  const seconds = (target - cluster.clock.now()) / 1000;
  if (seconds > 0) cluster.advance(seconds);
  if (shells.terminal.following()) shells.terminal.readFollow();
}

/**
 * The cluster a history gives, its clock at start + until (ms since its origin's start). A command
 * that fails fails as it did the first time; only an unknown origin throws.
 */
export function replayHistory(history: History, until: number): Booted {
  const booted = bootScenario(history.origin.scenario, history.origin.seed);
  const { cluster, start } = booted;
  const shells = shellsFor(cluster);
  for (const entry of history.entries) {
    advanceTo(cluster, shells, start + entry.at);
    try {
      runEntry(cluster, shells, entry);
    } catch {
      // The worker reported this one as an internal error and went on: so does the replay.
    }
  }
  advanceTo(cluster, shells, start + until);
  return booted;
}

/** Kinds whose objects record what happened rather than what is (they differ in timing only). */
const TRANSIENT_KINDS = new Set(["Event", "Lease"]);

/**
 * A short hash of what a person compares in two clusters: every object's kind, name, uid, labels,
 * spec (and data), each pod's node and phase, and the clock to the second. Events and Leases are
 * left out, and so are resourceVersions (a restored cluster numbers them afresh).
 */
export function fingerprint(cluster: Cluster): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  feed(cluster.now());
  for (const kind of [...cluster.api.kinds()].sort()) {
    if (TRANSIENT_KINDS.has(kind)) continue;
    const objects = cluster.api.list(kind);
    const keys = objects.map((o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    const order = keys.map((_, i) => i).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
    for (const i of order) feed(identity(objects[i] as KubeObject));
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

function identity(o: KubeObject): string {
  const m = o.metadata;
  const extra = o.kind === "Pod" ? [o.spec?.nodeName ?? "", o.status?.phase ?? ""] : [];
  return JSON.stringify([o.kind, m.namespace, m.name, m.uid, m.labels, o.spec, o.data, ...extra]);
}
