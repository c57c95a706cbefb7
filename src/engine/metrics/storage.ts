/**
 * metrics-server's in-memory storage (pkg/storage/{node,pod}.go, v0.7.2): the last two points of
 * each node and container. A usage is a rate between them, so a node or pod has metrics only
 * after its second scrape, or after one scrape when its containers started 10 s to one resolution
 * before it (their start counts as a zero point).
 */
import type { MetricsPoint, NodeBatch } from "./scrape";

/** freshContainerMinMetricsResolution: a container younger than this at a scrape waits for the next. */
const FRESH_CONTAINER_MIN_MS = 10_000;

/** A usage over a window: what NodeMetrics and ContainerMetrics carry. */
export interface Usage {
  /** Cores. */
  cpu: number;
  memoryBytes: number;
  timestampMs: number;
  windowMs: number;
}

/** resourceUsage: the rate between two cumulative points, or undefined if they cannot give one. */
export function resourceUsage(last: MetricsPoint, prev: MetricsPoint): Usage | undefined {
  const windowMs = last.timestampMs - prev.timestampMs;
  if (windowMs <= 0 || last.cpuSeconds < prev.cpuSeconds) return undefined;
  return {
    cpu: (last.cpuSeconds - prev.cpuSeconds) / (windowMs / 1000),
    memoryBytes: last.memoryBytes,
    timestampMs: last.timestampMs,
    windowMs,
  };
}

/** The points metrics-server keeps. */
export class MetricsStorage {
  private nodesLast = new Map<string, MetricsPoint>();
  private nodesPrev = new Map<string, MetricsPoint>();
  /** By `namespace/pod`, then container. */
  private podsLast = new Map<string, Map<string, MetricsPoint>>();
  private podsPrev = new Map<string, Map<string, MetricsPoint>>();

  constructor(private readonly resolutionMs: number) {}

  /** Store: keeps the new batch as last and what it supersedes as prev (storage.Store). */
  store(batches: ReadonlyMap<string, NodeBatch>): void {
    const nodesLast = new Map<string, MetricsPoint>();
    const nodesPrev = new Map<string, MetricsPoint>();
    const podsLast = new Map<string, Map<string, MetricsPoint>>();
    const podsPrev = new Map<string, Map<string, MetricsPoint>>();
    for (const [name, batch] of batches) {
      if (batch.node) {
        nodesLast.set(name, batch.node);
        const before = this.nodesLast.get(name);
        if (before && batch.node.timestampMs > before.timestampMs) nodesPrev.set(name, before);
        else {
          const kept = this.nodesPrev.get(name);
          if (kept) nodesPrev.set(name, kept);
        }
      }
      for (const [pod, containers] of batch.pods) {
        podsLast.set(pod, containers);
        const prev = new Map<string, MetricsPoint>();
        for (const [container, point] of containers) {
          const before = this.podsLast.get(pod)?.get(container);
          if (before && point.timestampMs > before.timestampMs && before.startMs === point.startMs) {
            prev.set(container, before);
            continue;
          }
          const age = point.startMs === undefined ? -1 : point.timestampMs - point.startMs;
          if (age >= FRESH_CONTAINER_MIN_MS && age < this.resolutionMs)
            prev.set(container, { ...point, timestampMs: point.startMs as number, cpuSeconds: 0 });
        }
        if (prev.size) podsPrev.set(pod, prev);
      }
    }
    this.nodesLast = nodesLast;
    this.nodesPrev = nodesPrev;
    this.podsLast = podsLast;
    this.podsPrev = podsPrev;
  }

  /** Whether there is anything to serve (storage.Ready): a node or pod with two points. */
  ready(): boolean {
    return this.nodesPrev.size > 0 || this.podsPrev.size > 0;
  }

  /** A node's usage, if it has two points. */
  nodeUsage(name: string): Usage | undefined {
    const last = this.nodesLast.get(name);
    const prev = this.nodesPrev.get(name);
    return last && prev ? resourceUsage(last, prev) : undefined;
  }

  /** A pod's containers' usage, in container name order; undefined unless every one has two points. */
  podUsage(namespace: string, name: string): { container: string; usage: Usage }[] | undefined {
    const key = `${namespace}/${name}`;
    const last = this.podsLast.get(key);
    const prev = this.podsPrev.get(key);
    if (!last || !prev) return undefined;
    const out: { container: string; usage: Usage }[] = [];
    for (const [container, point] of [...last].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const before = prev.get(container);
      const usage = before && resourceUsage(point, before);
      if (!usage) return undefined;
      out.push({ container, usage });
    }
    return out;
  }
}
