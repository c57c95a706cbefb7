/**
 * Virtual time. Nothing in the engine reads the wall clock: time moves only when the cluster
 * advances it, and timers due at the same instant fire in the order they were scheduled.
 */

/** A handle for cancelling a scheduled timer. */
export type TimerId = number;

interface Timer {
  id: TimerId;
  at: number;
  seq: number;
  label: string;
  fn: () => void;
}

/** The virtual clock: milliseconds since the Unix epoch, plus a queue of timers. */
export class Clock {
  private nowMs: number;
  private seq = 0;
  private readonly timers = new Map<TimerId, Timer>();
  // A binary heap ordered by (at, seq); cancelled timers are skipped lazily.
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
    const timer: Timer = { id: ++this.seq, at: Math.max(atMs, this.nowMs), seq: this.seq, label, fn };
    this.timers.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  /** Cancels a timer; unknown or fired ids are ignored. */
  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.timers.delete(id);
  }

  /** When the earliest pending timer is due, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Number of pending timers. */
  pending(): number {
    return this.timers.size;
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
      this.timers.delete(t.id);
      t.fn();
    }
    return true;
  }

  /** Sets the time forward to atMs without firing anything (callers fire timers first). */
  moveTo(atMs: number): void {
    if (atMs > this.nowMs) this.nowMs = atMs;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && !this.timers.has((this.heap[0] as Timer).id)) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Timer, h[p] as Timer)) break;
      [h[i], h[p]] = [h[p] as Timer, h[i] as Timer];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as Timer, h[m] as Timer)) m = l;
        if (r < h.length && this.less(h[r] as Timer, h[m] as Timer)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Timer, h[i] as Timer];
        i = m;
      }
    }
    return top;
  }
}
