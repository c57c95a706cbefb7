/**
 * The kubelet's resource metrics endpoint (GET https://NODE:10250/metrics/resource, the
 * Prometheus text that metrics-server scrapes): cumulative CPU and the memory working set of the
 * node, each pod and each running container, from what their processes use (usage.ts). The
 * collector is pkg/kubelet/metrics/collectors/resource_metrics.go (v1.32).
 */
import type { PodRuntime } from "./runtime";
import { idleFootprint, NODE_SYSTEM_FOOTPRINT } from "./usage";

/** One running container's usage at a scrape. */
export interface ContainerStats {
  namespace: string;
  pod: string;
  container: string;
  /** Cumulative CPU, core-seconds. */
  cpuSeconds: number;
  memoryBytes: number;
  startSeconds: number;
}

/** A node's usage at a scrape: the node's own and its containers'. */
export interface NodeStats {
  timestampMs: number;
  cpuSeconds: number;
  memoryBytes: number;
  containers: ContainerStats[];
}

/**
 * Keeps a node's cumulative CPU monotonic although containers come and go: what a container used
 * stays in the node's total after it ends (as the root cgroup's counter keeps it).
 */
export class NodeCpuCounter {
  private readonly lastSeen = new Map<string, number>();
  private retired = 0;

  constructor(private readonly bootMs: number) {}

  /** The node's cumulative CPU seconds now, given its live containers' counters by id. */
  total(nowMs: number, live: ReadonlyMap<string, number>): number {
    for (const [id, seconds] of this.lastSeen) if (!live.has(id)) this.retired += seconds;
    this.lastSeen.clear();
    let sum = this.retired + (NODE_SYSTEM_FOOTPRINT.cores * Math.max(0, nowMs - this.bootMs)) / 1000;
    for (const [id, seconds] of live) {
      this.lastSeen.set(id, seconds);
      sum += seconds;
    }
    return sum;
  }
}

/** What the kubelet's runtime knows now, as the resource collector reads it. */
export function collectNodeStats(
  runtime: Iterable<PodRuntime>,
  nowMs: number,
  counter: NodeCpuCounter,
): NodeStats {
  const containers: ContainerStats[] = [];
  const live = new Map<string, number>();
  let memory = NODE_SYSTEM_FOOTPRINT.memoryBytes;
  for (const rt of runtime) {
    if (rt.sandboxStopped) continue;
    for (const c of rt.containers.values()) {
      if (c.state !== "running" || c.startedMs === undefined) continue;
      const sandbox = c.sandbox;
      // A process a hook runs has no sandbox: its program's idle footprint since it started.
      const idle = idleFootprint(c.argv?.[0] ?? "");
      const cpuSeconds = sandbox
        ? sandbox.cpuUsedMs() / 1000
        : (idle.cores * Math.max(0, nowMs - c.startedMs)) / 1000;
      const memoryBytes = sandbox ? sandbox.workingSetBytes() : idle.memoryBytes;
      containers.push({
        namespace: rt.namespace,
        pod: rt.name,
        container: c.name,
        cpuSeconds,
        memoryBytes,
        startSeconds: c.startedMs / 1000,
      });
      live.set(c.id ?? `${rt.uid}/${c.name}`, cpuSeconds);
      memory += memoryBytes;
    }
  }
  return { timestampMs: nowMs, cpuSeconds: counter.total(nowMs, live), memoryBytes: memory, containers };
}

/** A float as Go's strconv.FormatFloat(v, 'g', -1, 64) writes it (Prometheus' text format). */
export function goFloat(v: number): string {
  if (v === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = v.toExponential().split("e") as [string, string];
    const n = Number(e);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(v);
}

function family(name: string, help: string, type: string, samples: string[]): string[] {
  return [`# HELP ${name} [STABLE] ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

/** The Prometheus text of /metrics/resource for these stats. */
export function resourceMetricsText(stats: NodeStats): string {
  const ts = stats.timestampMs;
  const label = (c: ContainerStats) =>
    `{container="${c.container}",namespace="${c.namespace}",pod="${c.pod}"}`;
  const podLabel = (ns: string, pod: string) => `{namespace="${ns}",pod="${pod}"}`;
  const sorted = [...stats.containers].sort(
    (a, b) =>
      a.container.localeCompare(b.container) ||
      a.namespace.localeCompare(b.namespace) ||
      a.pod.localeCompare(b.pod),
  );
  const pods = new Map<string, { ns: string; pod: string; cpu: number; mem: number }>();
  for (const c of stats.containers) {
    const key = `${c.namespace}/${c.pod}`;
    const p = pods.get(key) ?? { ns: c.namespace, pod: c.pod, cpu: 0, mem: 0 };
    p.cpu += c.cpuSeconds;
    p.mem += c.memoryBytes;
    pods.set(key, p);
  }
  const podList = [...pods.values()].sort((a, b) => a.ns.localeCompare(b.ns) || a.pod.localeCompare(b.pod));
  return `${[
    ...family(
      "container_cpu_usage_seconds_total",
      "Cumulative cpu time consumed by the container in core-seconds",
      "counter",
      sorted.map((c) => `container_cpu_usage_seconds_total${label(c)} ${goFloat(c.cpuSeconds)} ${ts}`),
    ),
    ...family(
      "container_memory_working_set_bytes",
      "Current working set of the container in bytes",
      "gauge",
      sorted.map((c) => `container_memory_working_set_bytes${label(c)} ${goFloat(c.memoryBytes)} ${ts}`),
    ),
    ...family(
      "container_start_time_seconds",
      "Start time of the container since unix epoch in seconds",
      "gauge",
      sorted.map((c) => `container_start_time_seconds${label(c)} ${goFloat(c.startSeconds)}`),
    ),
    ...family(
      "node_cpu_usage_seconds_total",
      "Cumulative cpu time consumed by the node in core-seconds",
      "counter",
      [`node_cpu_usage_seconds_total ${goFloat(stats.cpuSeconds)} ${ts}`],
    ),
    ...family("node_memory_working_set_bytes", "Current working set of the node in bytes", "gauge", [
      `node_memory_working_set_bytes ${goFloat(stats.memoryBytes)} ${ts}`,
    ]),
    ...family(
      "pod_cpu_usage_seconds_total",
      "Cumulative cpu time consumed by the pod in core-seconds",
      "counter",
      podList.map((p) => `pod_cpu_usage_seconds_total${podLabel(p.ns, p.pod)} ${goFloat(p.cpu)} ${ts}`),
    ),
    ...family(
      "pod_memory_working_set_bytes",
      "Current working set of the pod in bytes",
      "gauge",
      podList.map((p) => `pod_memory_working_set_bytes${podLabel(p.ns, p.pod)} ${goFloat(p.mem)} ${ts}`),
    ),
    ...family(
      "resource_scrape_error",
      "1 if there was an error while getting container metrics, 0 otherwise",
      "gauge",
      ["resource_scrape_error 0"],
    ),
  ].join("\n")}\n`;
}
