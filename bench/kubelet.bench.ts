/**
 * The container runtime at size: 1000 busybox pods looping `echo tick; sleep 1` through a
 * simulated hour (the shell interpreter on the virtual clock, the log rotation), starting 1000
 * `sleep 3600` pods on 10 nodes, and 100 `kubectl exec` pipelines.
 */
import type { Pod } from "../src/engine/api/kinds";
import type { KubeObject } from "../src/engine/api/types";
import type { Cluster } from "../src/engine/cluster";
import { createCluster } from "../src/engine/index";
import { Shell } from "../src/shell";
import { type Benchmark, timeMs } from "./harness";

function node(i: number): KubeObject {
  const name = `node-${i}`;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux" } },
    status: {
      capacity: { cpu: "32", memory: "128Gi", pods: "110" },
      allocatable: { cpu: "32", memory: "128Gi", pods: "110" },
    },
  };
}

/** A bare busybox pod running `command` (no requests, so scheduling is not the measure). */
function busybox(name: string, command: string[]): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: "bench" } },
    spec: { containers: [{ name: "main", image: "busybox:1.36", command }] },
  };
}

function clusterWithNodes(n: number): Cluster {
  const cluster = createCluster({ seed: 1 });
  for (let i = 0; i < n; i++) cluster.api.create(node(i));
  cluster.advance(10);
  return cluster;
}

function runningCount(cluster: Cluster): number {
  let n = 0;
  for (const p of cluster.api.list("Pod", { namespace: "default" }) as Pod[])
    if (p.status?.phase === "Running" && !p.metadata.deletionTimestamp) n++;
  return n;
}

/** Creates n pods and advances time in 1 s steps until all run; throws past maxSeconds. */
function startPods(cluster: Cluster, n: number, command: string[], maxSeconds: number): void {
  for (let i = 0; i < n; i++) cluster.api.create(busybox(`p-${i}`, command));
  for (let t = 0; t < maxSeconds; t++) {
    cluster.advance(1);
    if (runningCount(cluster) >= n) return;
  }
  throw new Error(`only ${runningCount(cluster)}/${n} pods running after ${maxSeconds}s`);
}

/** Peak of the JS heap and of the process's RSS seen by sample(), in MiB. */
class MemoryPeak {
  heap = 0;
  rss = 0;
  sample(): void {
    const m = process.memoryUsage();
    this.heap = Math.max(this.heap, m.heapUsed);
    this.rss = Math.max(this.rss, m.rss);
  }
  toString(): string {
    const mib = (b: number) => `${Math.round(b / 2 ** 20)} MiB`;
    return `peak heap ${mib(this.heap)}, peak RSS ${mib(this.rss)}`;
  }
}

const BUSY_LOOP = ["sh", "-c", "while true; do echo tick; sleep 1; done"];
const EXEC_LINE = `kubectl exec p-0 -- sh -c 'for i in $(seq 1 100); do echo $i; done | wc -l'`;

export const benchmarks: Benchmark[] = [
  {
    name: "kubelet/busy-loop/1000Pods",
    unit: "ms",
    run() {
      // The target: under 10 s of wall time for the simulated hour, memory bounded by
      // the log rotation (3600 "tick" lines per container stay far below 10 MiB).
      const cluster = clusterWithNodes(10);
      startPods(cluster, 1000, BUSY_LOOP, 120);
      const peak = new MemoryPeak();
      peak.sample();
      const ms = timeMs(() => {
        for (let minute = 0; minute < 60; minute++) {
          cluster.advance(60);
          peak.sample();
        }
      });
      if (runningCount(cluster) < 1000) throw new Error("busy-loop: pods stopped running");
      process.stderr.write(`  kubelet/busy-loop/1000Pods: ${peak}\n`);
      return ms;
    },
  },
  {
    name: "kubelet/start-1000-pods",
    unit: "ms",
    run() {
      const cluster = clusterWithNodes(10);
      return timeMs(() => startPods(cluster, 1000, ["sleep", "3600"], 300));
    },
  },
  {
    name: "kubelet/exec-100",
    unit: "ms",
    run() {
      const cluster = clusterWithNodes(1);
      startPods(cluster, 1, ["sleep", "3600"], 60);
      const shell = new Shell(cluster);
      return timeMs(() => {
        for (let i = 0; i < 100; i++) {
          const r = shell.run(EXEC_LINE);
          if (r.exit !== 0 || r.stdout !== "100\n") throw new Error(`exec failed: ${r.stdout}${r.stderr}`);
        }
      });
    },
  },
];
