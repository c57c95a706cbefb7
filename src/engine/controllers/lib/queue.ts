/**
 * The work queue every controller uses, as client-go's workqueue: watch handlers add keys, the
 * cluster's settle loop calls process(), which syncs each queued key once. A key added while it
 * is being synced is synced again. enqueueAfter schedules a key on the virtual clock;
 * enqueueRateLimited (AddRateLimited) after the DefaultControllerRateLimiter's back-off.
 */
import type { Cluster, Component } from "../../cluster";
import { clientReserve, DefaultControllerRateLimiter } from "./ratelimit";

/** A controller: a named queue of keys and a sync function. */
export class Controller implements Component {
  private queue = new Set<string>();
  private readonly delayed = new Map<string, number>();

  constructor(
    readonly name: string,
    protected readonly cluster: Cluster,
    private readonly syncFn: (key: string) => void,
  ) {}

  /** Adds a key; a key already queued is queued once. A held key is added when its hold ends. */
  enqueue(key: string): void {
    const held = this.held.get(key);
    if (held !== undefined) {
      if (held > this.cluster.clock.now()) return;
      this.held.delete(key);
    }
    this.queue.add(key);
  }

  /**
   * Keeps the key from syncing before atMs: its worker is still busy (a sync that sent more
   * requests than its client's burst waits for their tokens). Adds the key again then.
   */
  holdUntil(key: string, atMs: number): void {
    if (atMs <= this.cluster.clock.now()) return;
    this.held.set(key, Math.max(atMs, this.held.get(key) ?? 0));
    this.queue.delete(key);
    const at = this.held.get(key) as number;
    this.cluster.clock.at(
      at,
      () => {
        if (this.held.get(key) !== at) return;
        this.held.delete(key);
        this.queue.add(key);
      },
      `${this.name}:${key} (client rate limit)`,
    );
  }

  private readonly held = new Map<string, number>();

  /**
   * Accounts for the requests a sync of key sent through the controller's client (pod creations
   * and deletions): past the client's burst the sync would have blocked for their tokens, so the
   * key is held that long (clientReserve, holdUntil).
   */
  sentRequests(key: string, requests: number): void {
    if (requests <= 0) return;
    const wait = clientReserve(this.cluster, this.name, requests);
    if (wait > 0) this.holdUntil(key, this.cluster.clock.now() + Math.ceil(wait * 1000));
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

  /** AddRateLimited: re-adds a key that failed, after its exponential back-off. */
  enqueueRateLimited(key: string): void {
    this.limiter ??= new DefaultControllerRateLimiter(this.cluster.clock.now());
    this.enqueueAfter(key, this.limiter.when(key, this.cluster.clock.now()));
  }

  /** Forget: the key synced fine, its back-off starts over. */
  forget(key: string): void {
    this.limiter?.forget(key);
  }

  /** NumRequeues: how often the key was re-added after a failure since it was last forgotten. */
  numRequeues(key: string): number {
    return this.limiter?.numRequeues(key) ?? 0;
  }

  private limiter?: DefaultControllerRateLimiter;

  process(): boolean {
    if (this.queue.size === 0) return false;
    const keys = this.queue;
    this.queue = new Set();
    for (const key of keys) this.syncFn(key);
    return true;
  }
}
