/**
 * Rate limiters on the virtual clock, after client-go: the token bucket every API client has
 * (rest.Config QPS/Burst, flowcontrol.NewTokenBucketRateLimiter) and the work queue's
 * DefaultControllerRateLimiter (util/workqueue/default_rate_limiters.go). They are what makes a
 * real cluster take time over big numbers and feedback loops: a controller that must create
 * 100000 pods, or one whose pods another controller deletes at once, waits for tokens, and
 * simulated time moves on meanwhile.
 */
import type { Cluster } from "../../cluster";

/**
 * kube-controller-manager's --kube-api-qps and --kube-api-burst defaults (v1.32): each
 * controller's client may send 20 requests a second, 30 at once.
 */
export const KubeAPIQPS = 20;
/** See KubeAPIQPS. */
export const KubeAPIBurst = 30;

/** A token bucket (golang.org/x/time/rate.Limiter as client-go uses it) on virtual milliseconds. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  private refill(nowMs: number): void {
    if (nowMs > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) / 1000) * this.qps);
      this.last = nowMs;
    }
  }

  /** Reserve (rate.Limiter.Reserve): takes one token, going into debt; returns seconds to wait for it. */
  reserve(nowMs: number): number {
    this.refill(nowMs);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : -this.tokens / this.qps;
  }
}

const clients = new WeakMap<Cluster, Map<string, TokenBucket>>();

/**
 * The client-side rate limiter of a controller's API client (KubeAPIQPS, KubeAPIBurst). The
 * controller manager builds one client per controller, so each has its own bucket.
 */
export function clientRateLimiter(cluster: Cluster, component: string): TokenBucket {
  let byName = clients.get(cluster);
  if (!byName) {
    byName = new Map();
    clients.set(cluster, byName);
  }
  let bucket = byName.get(component);
  if (!bucket) {
    bucket = new TokenBucket(KubeAPIQPS, KubeAPIBurst, cluster.clock.now());
    byName.set(component, bucket);
  }
  return bucket;
}

/**
 * Accounts for n requests a controller just sent through its client: they take tokens, going
 * into debt past the burst (rate.Limiter.Reserve). Returns how many seconds the controller's
 * sync would have blocked waiting for them: its worker is busy with the key that long, so the
 * key's next sync waits (Controller.holdUntil). Within the burst this is 0.
 */
export function clientReserve(cluster: Cluster, component: string, n: number): number {
  const bucket = clientRateLimiter(cluster, component);
  let wait = 0;
  for (let i = 0; i < n; i++) wait = bucket.reserve(cluster.clock.now());
  return wait;
}

/** ItemExponentialFailureRateLimiter: base * 2^failures per key, at most max (seconds). */
export class ItemExponentialFailureRateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(
    readonly baseDelay: number,
    readonly maxDelay: number,
  ) {}

  /** The delay before the key's next try, counting this failure. */
  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const delay = this.baseDelay * 2 ** n;
    return Number.isFinite(delay) ? Math.min(delay, this.maxDelay) : this.maxDelay;
  }

  /** Failures of the key so far. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Forgets the key's failures (it synced fine). */
  forget(key: string): void {
    this.failures.delete(key);
  }
}

/**
 * DefaultControllerRateLimiter: the larger of a per-key exponential back-off (5 ms to 1000 s)
 * and an overall 10 qps, 100 burst bucket, as every controller's work queue has.
 */
export class DefaultControllerRateLimiter {
  private readonly perItem = new ItemExponentialFailureRateLimiter(0.005, 1000);
  private readonly overall: TokenBucket;

  constructor(nowMs: number) {
    this.overall = new TokenBucket(10, 100, nowMs);
  }

  /** Seconds to wait before the key is handed out again. */
  when(key: string, nowMs: number): number {
    return Math.max(this.perItem.when(key), this.overall.reserve(nowMs));
  }

  /** Failures of the key so far. */
  numRequeues(key: string): number {
    return this.perItem.numRequeues(key);
  }

  /** Forgets the key's failures. */
  forget(key: string): void {
    this.perItem.forget(key);
  }
}
