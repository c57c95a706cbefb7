/**
 * Virtual time. Nothing in the engine reads the wall clock: time moves only when the cluster
 * advances it, and timers due at the same instant fire in the order they were scheduled.
 */

/** A handle for cancelling a scheduled timer (opaque: pass it back to cancel()). */
export type TimerId = Timer;

/** A scheduled callback. */
interface Timer {
  at: number;
  label: string;
  fn: () => void;
  /** Cancelled or fired: the queue skips it and cancel() ignores it. */
  done: boolean;
  /** Fired (not cancelled): no bucket holds it past its head any more, so at() may reuse it. */
  fired: boolean;
}

/** The timers due at one instant, in the order they were scheduled; head: the next to fire. */
interface Bucket {
  readonly at: number;
  timers: Timer[];
  head: number;
}

/** The virtual clock: milliseconds since the Unix epoch, plus a queue of timers. */
export class Clock {
  private nowMs: number;
  /** Timers scheduled and neither fired nor cancelled. */
  private live = 0;
  /**
   * The queue: one bucket per instant, its timers in scheduling order, and a binary heap of the
   * instants. Timers due at the same instant (a thousand containers' `sleep 1`) are appended and
   * taken in order, never sifted; cancelled ones are skipped when reached. A handle is its
   * timer, so cancelling needs no lookup.
   */
  private readonly buckets = new Map<number, Bucket>();
  private instants: number[] = [];
  /** The bucket of the earliest instant, as nextTimer last found it (saves a lookup per timer). */
  private headBucket?: Bucket;
  /** The bucket at() last put a timer in. */
  private lastScheduled?: Bucket;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.nowMs;
  }

  /** The current instant as an RFC 3339 timestamp with second precision, as the API server writes it. */
  timestamp(ms: number = this.nowMs): string {
    const sec = Math.floor(ms / 1000);
    // Formatting a Date is costly and most calls in a burst share the second: keep the last one.
    if (sec !== this.lastSecond) {
      this.lastSecond = sec;
      this.lastSecondText = `${new Date(sec * 1000).toISOString().slice(0, 19)}Z`;
    }
    return this.lastSecondText;
  }
  private lastSecond = Number.NaN;
  private lastSecondText = "";

  /** The current instant with microseconds (metav1.MicroTime), as events and leases use. */
  microTimestamp(ms: number = this.nowMs): string {
    if (ms !== this.lastMicro) {
      this.lastMicro = ms;
      this.lastMicroText = `${new Date(ms).toISOString().slice(0, 23)}000Z`;
    }
    return this.lastMicroText;
  }
  private lastMicro = Number.NaN;
  private lastMicroText = "";

  /** Runs fn after delaySeconds of virtual time (0 means at the next settle of this instant). */
  after(delaySeconds: number, fn: () => void, label = ""): TimerId {
    return this.at(this.nowMs + Math.max(0, Math.round(delaySeconds * 1000)), fn, label);
  }

  /**
   * Runs fn at the absolute time atMs (never earlier than now). With reuse, a timer of the
   * caller's that has fired, it is that timer again: a process waking every second schedules
   * millions, and reusing one keeps them out of the garbage collector's way.
   */
  at(atMs: number, fn: () => void, label = "", reuse?: TimerId): TimerId {
    const at = Math.max(atMs, this.nowMs);
    let timer: Timer;
    if (reuse?.fired) {
      timer = reuse;
      timer.at = at;
      timer.label = label;
      timer.fn = fn;
      timer.done = false;
      timer.fired = false;
    } else timer = { at, label, fn, done: false, fired: false };
    this.live++;
    // A thousand processes waiting a second schedule into one bucket, one after another.
    let bucket = this.lastScheduled;
    if (bucket === undefined || bucket.at !== at) {
      bucket = this.buckets.get(at);
      if (!bucket) {
        bucket = { at, timers: [], head: 0 };
        this.buckets.set(at, bucket);
        this.pushInstant(at);
      }
      this.lastScheduled = bucket;
    }
    bucket.timers.push(timer);
    return timer;
  }

  /** Cancels a timer; fired or cancelled ones are ignored. */
  cancel(id: TimerId | undefined): void {
    if (id === undefined || id.done) return;
    id.done = true;
    this.live--;
  }

  /** When the earliest pending timer is due, or undefined when none is pending. */
  nextDue(): number | undefined {
    return this.nextTimer()?.at;
  }

  /** Number of pending timers. */
  pending(): number {
    return this.live;
  }

  /**
   * Moves time to atMs (never backwards) and fires, in order, every timer due by then whose time
   * is the earliest; returns false when no timer was due. Call repeatedly, settling in between.
   */
  fireNext(untilMs: number): boolean {
    const first = this.nextTimer();
    if (!first || first.at > untilMs) return false;
    if (first.at > this.nowMs) this.nowMs = first.at;
    // Fire every timer due at this instant, in insertion order, including ones they schedule now.
    for (;;) {
      const t = this.nextTimer();
      if (!t || t.at > this.nowMs) break;
      (this.headBucket as Bucket).head++;
      t.done = true;
      t.fired = true;
      this.live--;
      t.fn();
    }
    return true;
  }

  /** The earliest pending timer (left at its bucket's head), dropping what was fired or cancelled. */
  private nextTimer(): Timer | undefined {
    for (;;) {
      if (this.instants.length === 0) return undefined;
      const at = this.instants[0] as number;
      let bucket = this.headBucket;
      if (bucket === undefined || bucket.at !== at) {
        bucket = this.buckets.get(at) as Bucket;
        this.headBucket = bucket;
      }
      const timers = bucket.timers;
      while (bucket.head < timers.length && (timers[bucket.head] as Timer).done) bucket.head++;
      if (bucket.head < timers.length) return timers[bucket.head];
      this.headBucket = undefined;
      if (this.lastScheduled === bucket) this.lastScheduled = undefined;
      this.buckets.delete(at);
      this.popInstant();
    }
  }

  /** Sets the time forward to atMs without firing anything (callers fire timers first). */
  moveTo(atMs: number): void {
    if (atMs > this.nowMs) this.nowMs = atMs;
  }

  private pushInstant(at: number): void {
    const h = this.instants;
    let i = h.length;
    h.push(at);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as number;
      if (parent <= at) break;
      h[i] = parent;
      i = p;
    }
    h[i] = at;
  }

  private popInstant(): void {
    const h = this.instants;
    const last = h.pop() as number;
    const n = h.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (h[r] as number) < (h[l] as number) ? r : l;
      const child = h[c] as number;
      if (child >= last) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
  }
}
