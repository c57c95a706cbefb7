/**
 * The work queue every controller uses, as client-go's workqueue: watch handlers add keys, the
 * cluster's settle loop calls process(), which syncs each queued key once. A key added while it
 * is being synced is synced again. enqueueAfter schedules a key on the virtual clock.
 */
import type { Cluster, Component } from "../../cluster";

/** A controller: a named queue of keys and a sync function. */
export class Controller implements Component {
  private queue = new Set<string>();
  private readonly delayed = new Map<string, number>();

  constructor(
    readonly name: string,
    protected readonly cluster: Cluster,
    private readonly syncFn: (key: string) => void,
  ) {}

  /** Adds a key; a key already queued is queued once. */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Adds a key after seconds of virtual time (AddAfter); an earlier pending timer for it wins. */
  enqueueAfter(key: string, seconds: number): void {
    const at = this.cluster.clock.now() + Math.max(0, Math.round(seconds * 1000));
    const pending = this.delayed.get(key);
    if (pending !== undefined && pending <= at && pending >= this.cluster.clock.now()) return;
    this.delayed.set(key, at);
    this.cluster.clock.at(
      at,
      () => {
        if (this.delayed.get(key) === at) this.delayed.delete(key);
        this.enqueue(key);
      },
      `${this.name}:${key}`,
    );
  }

  process(): boolean {
    if (this.queue.size === 0) return false;
    const keys = this.queue;
    this.queue = new Set();
    for (const key of keys) this.syncFn(key);
    return true;
  }
}
