/**
 * What a container's processes use, as cAdvisor measures it for the kubelet's resource metrics:
 * cumulative CPU time (the cgroup's cpu.stat usage_usec) and the memory working set. CPU is a rate
 * that changes only when a process starts or stops being busy, so its integral is kept exactly:
 * a busy shell loop (throttled by the interpreter's step budget) keeps one core busy, a program
 * declares what it spins (stress --cpu N), and the container's CFS quota caps the sum.
 */

/** A piecewise-constant rate and its integral over virtual time: core-milliseconds. */
export class CpuAccount {
  private rate = 0;
  private since: number;
  private total = 0;

  constructor(now: number) {
    this.since = now;
  }

  /** The rate (cores) from now on. */
  set(rate: number, now: number): void {
    if (rate === this.rate) return;
    this.total += this.rate * Math.max(0, now - this.since);
    this.since = now;
    this.rate = rate;
  }

  /** The cores in use now. */
  cores(): number {
    return this.rate;
  }

  /** Adds CPU time a process spent outside the piecewise rate (a request's work), core-milliseconds. */
  charge(coreMs: number): void {
    this.total += Math.max(0, coreMs);
  }

  /** CPU time used up to now, in core-milliseconds. */
  usedMs(now: number): number {
    return this.total + this.rate * Math.max(0, now - this.since);
  }
}

/**
 * The CPU a container gets for its processes' demand: no more than its limit (CFS quota) and
 * the node's CPUs.
 */
export function cappedCores(demand: number, limitMilli: number | undefined, nodeCpus: number): number {
  let cores = Math.min(demand, nodeCpus);
  if (limitMilli !== undefined && limitMilli > 0) cores = Math.min(cores, limitMilli / 1000);
  return cores;
}

/** cpu.cfs_period_us's default: the CFS bandwidth period, in milliseconds. */
export const CFS_PERIOD_MS = 100;

/**
 * A container's CFS bandwidth control (cpu.max, set from its CPU limit): in each 100 ms period its
 * tasks may run for quota milliseconds, then they are throttled until the next period. A short
 * burst runs at a full core; sustained work averages out at the limit.
 */
export class CfsBandwidth {
  private periodStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  /** quotaMs: run time allowed per period; undefined when the container has no CPU limit. */
  constructor(private readonly quotaMs: number | undefined) {}

  /** Runs coreMs of one thread's work starting at now; returns the wall milliseconds it takes. */
  run(coreMs: number, now: number): number {
    const quota = this.quotaMs;
    if (quota === undefined || quota <= 0) return coreMs;
    // Work queued behind what already ran into a later period starts there.
    let t = Math.max(now, this.periodStart);
    let left = coreMs;
    while (left > 1e-9) {
      const start = Math.floor(t / CFS_PERIOD_MS) * CFS_PERIOD_MS;
      if (start > this.periodStart) {
        this.periodStart = start;
        this.used = 0;
      }
      const end = start + CFS_PERIOD_MS;
      const step = Math.min(left, quota - this.used, end - t);
      if (step > 0) {
        this.used += step;
        left -= step;
        t += step;
      }
      if (left > 1e-9 && t < end && this.used >= quota) t = end;
      else if (left > 1e-9 && t >= end) t = end;
    }
    return t - now;
  }
}

const Mi = 1024 * 1024;

/** One program's idle footprint: its working set and the CPU it uses doing nothing visible. */
export interface Footprint {
  memoryBytes: number;
  cores: number;
}

/**
 * The idle footprint of well-known programs, by the name their process runs as: what
 * `kubectl top` shows for them on a quiet kubeadm cluster (rounded from v1.32 lab clusters).
 * A program not listed (sh, sleep, a script) holds a few hundred KiB and no CPU.
 */
const IDLE: Readonly<Record<string, Footprint>> = {
  "kube-apiserver": { memoryBytes: 260 * Mi, cores: 0.032 },
  etcd: { memoryBytes: 46 * Mi, cores: 0.018 },
  "kube-controller-manager": { memoryBytes: 48 * Mi, cores: 0.011 },
  "kube-scheduler": { memoryBytes: 21 * Mi, cores: 0.003 },
  "kube-proxy": { memoryBytes: 16 * Mi, cores: 0.001 },
  coredns: { memoryBytes: 13 * Mi, cores: 0.002 },
  flanneld: { memoryBytes: 12 * Mi, cores: 0.004 },
  weave: { memoryBytes: 60 * Mi, cores: 0.003 },
  "metrics-server": { memoryBytes: 19 * Mi, cores: 0.004 },
  nginx: { memoryBytes: 3 * Mi, cores: 0 },
  httpd: { memoryBytes: 7 * Mi, cores: 0.001 },
  apache2: { memoryBytes: 11 * Mi, cores: 0.001 },
  "apache2-foreground": { memoryBytes: 11 * Mi, cores: 0.001 },
  // php:*-apache's entrypoint script execs apache2-foreground.
  "docker-php-entrypoint": { memoryBytes: 11 * Mi, cores: 0.001 },
  "redis-server": { memoryBytes: 3 * Mi, cores: 0.002 },
  memcached: { memoryBytes: 2 * Mi, cores: 0 },
  mysqld: { memoryBytes: 360 * Mi, cores: 0.004 },
  postgres: { memoryBytes: 24 * Mi, cores: 0.001 },
  mongod: { memoryBytes: 72 * Mi, cores: 0.006 },
  python: { memoryBytes: 9 * Mi, cores: 0 },
  python3: { memoryBytes: 9 * Mi, cores: 0 },
  node: { memoryBytes: 40 * Mi, cores: 0 },
  agnhost: { memoryBytes: 8 * Mi, cores: 0 },
  pause: { memoryBytes: 0.25 * Mi, cores: 0 },
};

/** Every other process: a shell, sleep, a small utility. */
const SMALL: Footprint = { memoryBytes: 0.3 * Mi, cores: 0 };

/** The idle footprint of a process started as argv0 (`nginx`, `/usr/local/bin/etcd`). */
export function idleFootprint(argv0: string): Footprint {
  const base = argv0.slice(argv0.lastIndexOf("/") + 1);
  return IDLE[base] ?? SMALL;
}

/**
 * What the node's own daemons hold beyond its pods (systemd, kubelet, containerd, the kernel's
 * caches the working set counts): `kubectl top node` shows it under the pods' sum.
 */
export const NODE_SYSTEM_FOOTPRINT: Footprint = { memoryBytes: 540 * Mi, cores: 0.028 };
