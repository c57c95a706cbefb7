/**
 * Virtual time. Nothing in the engine reads the wall clock: time moves only when the cluster
 * advances it, and timers due at the same instant fire in the order they were scheduled.
 */

/** A handle for cancelling a scheduled timer (opaque: pass it back to cancel()). */
export type TimerId = Timer;

/** A scheduled callback. */
interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  readonly fn: () => void;
  /** Cancelled or fired: the queue skips it and cancel() ignores it. */
  done: boolean;
}

/** The virtual clock: milliseconds since the Unix epoch, plus a queue of timers. */
export class Clock {
  private nowMs: number;
  private seq = 0;
  /** Timers scheduled and neither fired nor cancelled. */
  private live = 0;
  // A binary heap ordered by (at, seq); cancelled timers are skipped lazily. No map from ids:
  // a handle is its timer (a process sleeping in a loop schedules one per wait).
  private heap: Timer[] = [];

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

  /** Runs fn at the absolute time atMs (never earlier than now). */
  at(atMs: number, fn: () => void, label = ""): TimerId {
    const timer: Timer = { at: Math.max(atMs, this.nowMs), seq: ++this.seq, label, fn, done: false };
    this.live++;
    this.push(timer);
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
    this.dropCancelled();
    return this.heap[0]?.at;
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
    this.dropCancelled();
    const first = this.heap[0];
    if (!first || first.at > untilMs) return false;
    const at = first.at;
    if (at > this.nowMs) this.nowMs = at;
    // Fire every timer due at this instant, in insertion order, including ones they schedule now.
    for (;;) {
      this.dropCancelled();
      const t = this.heap[0];
      if (!t || t.at > this.nowMs) break;
      this.pop();
      t.done = true;
      this.live--;
      t.fn();
    }
    return true;
  }

  /** Sets the time forward to atMs without firing anything (callers fire timers first). */
  moveTo(atMs: number): void {
    if (atMs > this.nowMs) this.nowMs = atMs;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && (this.heap[0] as Timer).done) this.pop();
  }

  private push(t: Timer): void {
    const h = this.heap;
    // Sift up: move parents down until t's place is found, then put it there once.
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Timer;
      if (!before(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as Timer;
    const n = h.length;
    if (n > 0) {
      // Sift down from the root with last in hand.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r] as Timer, h[l] as Timer) ? r : l;
        const child = h[c] as Timer;
        if (!before(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

/** Whether timer a fires before b: earlier, or as early and scheduled first. */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
