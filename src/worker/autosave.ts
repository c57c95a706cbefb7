/**
 * The autosave: the last snapshot of the cluster in IndexedDB (which workers can use), and the
 * one before a Reset or a shared scenario replaced it, so that either can be undone. Snapshots
 * are stored as structured-cloned objects, not YAML: a save costs a few milliseconds.
 */
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { Snapshot } from "../engine/snapshot";
import type { LabProgress } from "../labs/types";
import type { ClockState } from "./protocol";
import type { LiveHistory } from "./share";

/** One saved cluster. */
export interface SavedCluster {
  /** Wall-clock milliseconds when saved (shown as "saved 12:03"). */
  savedAt: number;
  /** The scenario the cluster started from ("cka", or "import"/"link"). */
  scenario: string;
  /** The scenario's title as the UI shows it (an imported file's name, say). */
  title?: string;
  /**
   * The clock when saved: simulated time to the millisecond (as the snapshot's time), the
   * scenario's start, whether time was playing and at what speed.
   */
  clock?: ClockState;
  snapshot: Snapshot;
  /** The active lab's progress, when a lab is running on this cluster. */
  lab?: LabProgress;
  /** The cluster's origin and the commands applied since, when it can be replayed (share links). */
  history?: LiveHistory;
}

/** The slots: the current autosave and the one it replaced on Reset or on a shared link. */
export type Slot = "current" | "previous";

/**
 * A restore under way: written before a saved cluster is restored and removed once it is live
 * within its time budget. Found at start-up, it means the last restore failed, hung or took too
 * long (the tab died or was reloaded): that cluster is not restored again by itself.
 */
export interface RestoreMarker {
  slot: Slot;
  /** Wall-clock milliseconds when the restore began. */
  startedAt: number;
}

interface Schema extends DBSchema {
  clusters: { key: Slot; value: SavedCluster };
  meta: { key: "restoring"; value: RestoreMarker };
}

const DB_NAME = "kubeglass";
const DB_VERSION = 2;

let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore("clusters");
      if (oldVersion < 2) d.createObjectStore("meta");
    },
  });
  return db;
}

/** Notes that a slot's cluster is being restored (see RestoreMarker). */
export async function markRestoring(slot: Slot): Promise<void> {
  try {
    await (await open()).put("meta", { slot, startedAt: Date.now() }, "restoring");
  } catch {
    /* without storage there is nothing to protect */
  }
}

/** The restore that did not finish last time, if any. */
export async function unfinishedRestore(): Promise<RestoreMarker | undefined> {
  try {
    return await (await open()).get("meta", "restoring");
  } catch {
    return undefined;
  }
}

/** The restore finished (or its failure was handled): forget the marker. */
export async function clearRestoring(): Promise<void> {
  try {
    await (await open()).delete("meta", "restoring");
  } catch {
    /* nothing to clear */
  }
}

/** Deletes a slot (the person discarded a cluster that would not restore). */
export async function discard(slot: Slot): Promise<void> {
  await (await open()).delete("clusters", slot);
}

/** The cluster saved in a slot, if any (undefined too when IndexedDB is unavailable). */
export async function load(slot: Slot): Promise<SavedCluster | undefined> {
  try {
    const saved = await (await open()).get("clusters", slot);
    return saved && typeof saved === "object" && saved.snapshot?.kind === "Scenario" ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a slot. */
export async function save(slot: Slot, saved: SavedCluster): Promise<void> {
  await (await open()).put("clusters", saved, slot);
}

/** Copies the current autosave to "previous" (before something replaces it). */
export async function stashCurrent(): Promise<boolean> {
  const current = await load("current");
  if (!current) return false;
  await save("previous", current);
  return true;
}
