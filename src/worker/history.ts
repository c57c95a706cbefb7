/**
 * The live cluster's history, kept by the worker: checkpoints over simulated time (the timeline
 * rebuilds an earlier instant from the nearest one at or before it) and the undo stack (the
 * cluster before each user action). Snapshots share the store's unchanged objects, so a checkpoint
 * costs what changed since the last one; both are bounded. No engine logic: data structures only.
 */
import type { Snapshot } from "../engine/snapshot";

/** Simulated seconds between two periodic checkpoints. */
export const CHECKPOINT_EVERY_SECONDS = 10;
/** Checkpoints kept at most (an hour of simulated time at the periodic rate). */
export const MAX_CHECKPOINTS = 360;
/** Checkpoints kept at least, however big the cluster. */
export const MIN_CHECKPOINTS = 20;
/**
 * Object references the checkpoints may hold in all: a big cluster keeps fewer checkpoints (its
 * heartbeats rewrite every Node and Lease between two of them).
 */
export const CHECKPOINT_OBJECT_BUDGET = 200_000;
/** User actions that can be undone at most. */
export const MAX_UNDO = 30;

/** The cluster at one instant. */
export interface Checkpoint {
  /** Simulated ms. */
  at: number;
  snapshot: Snapshot;
}

/** How many checkpoints to keep for a cluster of this many objects. */
export function checkpointLimit(objects: number): number {
  const fit = Math.floor(CHECKPOINT_OBJECT_BUDGET / Math.max(1, objects));
  return Math.max(MIN_CHECKPOINTS, Math.min(MAX_CHECKPOINTS, fit));
}

/**
 * Checkpoints in time order. Rebuilding instant t from atOrBefore(t) is faithful only if no user
 * action happened between that checkpoint and t: the worker adds one after every action (force),
 * besides the periodic ones. The oldest go first when over the limit, so the window slides.
 */
export class Checkpoints {
  private list: Checkpoint[] = [];

  constructor(private readonly everyMs = CHECKPOINT_EVERY_SECONDS * 1000) {}

  /** Whether a periodic checkpoint is due at now (none yet, or the last is everyMs old). */
  due(now: number): boolean {
    const last = this.list[this.list.length - 1];
    return !last || now - last.at >= this.everyMs;
  }

  /** Adds a checkpoint at `at`; one already there or later (time went back) is replaced. */
  add(at: number, snapshot: Snapshot): void {
    while (this.list.length > 0 && (this.list[this.list.length - 1] as Checkpoint).at >= at) this.list.pop();
    this.list.push({ at, snapshot });
    const limit = checkpointLimit(snapshot.objects.length);
    if (this.list.length > limit) this.list.splice(0, this.list.length - limit);
  }

  /** The latest checkpoint at or before t, if any. */
  atOrBefore(t: number): Checkpoint | undefined {
    let lo = 0;
    let hi = this.list.length - 1;
    let found: Checkpoint | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.list[mid] as Checkpoint;
      if (c.at <= t) {
        found = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Drops the checkpoints after t (an undo took time back to t). */
  forgetAfter(t: number): void {
    while (this.list.length > 0 && (this.list[this.list.length - 1] as Checkpoint).at > t) this.list.pop();
  }

  /** The earliest instant that can be rebuilt, if any. */
  earliest(): number | undefined {
    return this.list[0]?.at;
  }

  /** How many are kept. */
  size(): number {
    return this.list.length;
  }

  /** Forgets everything (another cluster replaced this one). */
  clear(): void {
    this.list = [];
  }
}

/** The cluster before one user action, and what the action was. */
export interface UndoEntry<Meta> {
  /** What the action was, as the transcript shows it ("kubectl taint nodes node01 ..."). */
  label: string;
  /** Simulated ms when it was taken. */
  at: number;
  snapshot: Snapshot;
  /** What the worker needs besides the snapshot (scenario, title, seed...). */
  meta: Meta;
}

/** The undo stack: the newest action on top, MAX_UNDO at most (the oldest fall off). */
export class UndoStack<Meta> {
  private entries: UndoEntry<Meta>[] = [];

  constructor(private readonly max = MAX_UNDO) {}

  /** Records the cluster before an action. */
  push(entry: UndoEntry<Meta>): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  /** Takes the newest entry off. */
  pop(): UndoEntry<Meta> | undefined {
    return this.entries.pop();
  }

  /** The newest entry's label, if any. */
  peek(): string | undefined {
    return this.entries[this.entries.length - 1]?.label;
  }

  /** How many actions can be undone. */
  size(): number {
    return this.entries.length;
  }
}
