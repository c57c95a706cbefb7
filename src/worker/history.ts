/**
 * The live cluster's history, kept by the worker: checkpoints over simulated time (the timeline
 * rebuilds an earlier instant from the nearest one at or before it) and the undo stack (the
 * cluster before each user action). Snapshots share the store's unchanged objects, so a checkpoint
 * costs what changed since the last one; both are bounded. No engine logic: data structures only.
 */
import type { KubeObject } from "../engine/api/types";
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
/**
 * Objects up to which the timeline rebuilds the exact instant asked for (restore and advance take
 * a few hundred ms); a bigger cluster shows the nearest checkpoint (restoring 20 000 objects takes
 * seconds).
 */
export const REBUILD_MAX_OBJECTS = 5000;
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

/**
 * Whether two snapshots hold the same node host state: files and stopped services. A command that
 * wrote no object may still have changed a node (`ssh node01 systemctl stop kubelet`, a manifest
 * written into /etc/kubernetes/manifests).
 */
export function sameHostState(a: Snapshot, b: Snapshot): boolean {
  if (JSON.stringify(a.stopped ?? {}) !== JSON.stringify(b.stopped ?? {})) return false;
  const nodes = Object.keys(a.files);
  if (nodes.length !== Object.keys(b.files).length) return false;
  for (const node of nodes) {
    const fa = a.files[node] as Record<string, string>;
    const fb = b.files[node];
    if (!fb) return false;
    const paths = Object.keys(fa);
    if (paths.length !== Object.keys(fb).length) return false;
    for (const path of paths) if (fa[path] !== fb[path]) return false;
  }
  return true;
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

function eventKey(e: KubeObject): string {
  return `${e.apiVersion}/${e.metadata.namespace ?? ""}/${e.metadata.name ?? ""}`;
}

function lastSeen(e: KubeObject): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  return t ? Date.parse(t) : Number.NaN;
}

/**
 * The objects of an instant rebuilt from a checkpoint, with the checkpoint's events for what
 * happened up to it: a restored cluster's controllers start afresh and record start-up events
 * (RegisteredNode, say) at the checkpoint's instant that the live cluster never recorded. Events
 * last seen after the checkpoint come from the rebuilt cluster; those up to it, from the checkpoint.
 */
export function pastObjects(checkpoint: Checkpoint, rebuilt: KubeObject[]): KubeObject[] {
  const saved = new Map<string, KubeObject>();
  for (const o of checkpoint.snapshot.objects) if (o.kind === "Event") saved.set(eventKey(o), o);
  const out: KubeObject[] = [];
  for (const o of rebuilt) {
    if (o.kind !== "Event") {
      out.push(o);
      continue;
    }
    // A saved event the rebuilt cluster no longer has expired on the way (the events TTL).
    if (lastSeen(o) > checkpoint.at) out.push(o);
    else {
      const before = saved.get(eventKey(o));
      if (before) out.push(before);
    }
  }
  return out;
}
