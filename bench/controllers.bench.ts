/**
 * The workload controllers at size, through createCluster() (API server, scheduler, kubelets):
 * a DaemonSet over 5000 nodes, a 10k-replica Deployment over 1000 nodes, and a node failure
 * whose 30 pods are evicted and replaced.
 */
import type { Pod } from "../src/engine/api/kinds";
import type { KubeObject } from "../src/engine/api/types";
import { installApiServer } from "../src/engine/apiserver";
import { Cluster } from "../src/engine/cluster";
import { installControllers } from "../src/engine/controllers";
import { createCluster, INITIAL_NAMESPACES } from "../src/engine/index";
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

function workload(kind: "DaemonSet" | "Deployment", name: string, replicas?: number): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name: "pause",
            image: "registry.k8s.io/pause:3.10",
            resources: { requests: { cpu: "10m", memory: "16Mi" } },
          },
        ],
      },
    },
  };
  if (replicas !== undefined) spec.replicas = replicas;
  return { apiVersion: "apps/v1", kind, metadata: { name, namespace: "default" }, spec };
}

/** The API server and the controllers, without schedulers or node agents. */
function controllersOnly(): Cluster {
  const cluster = new Cluster({ seed: 1 });
  installApiServer(cluster);
  for (const name of INITIAL_NAMESPACES)
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  installControllers(cluster);
  cluster.settle();
  return cluster;
}

function clusterWithNodes(n: number): Cluster {
  const cluster = createCluster({ seed: 1 });
  for (let i = 0; i < n; i++) cluster.api.create(node(i));
  cluster.advance(10);
  return cluster;
}

function runningCount(cluster: Cluster, app: string): number {
  let n = 0;
  for (const p of cluster.api.list("Pod", { namespace: "default" }) as Pod[])
    if (p.metadata.labels?.app === app && p.status?.phase === "Running" && !p.metadata.deletionTimestamp) n++;
  return n;
}

/** Advances simulated time in steps until want pods of app run; returns wall ms (throws past maxSeconds). */
function untilRunning(cluster: Cluster, app: string, want: number, maxSeconds: number): number {
  const start = performance.now();
  for (let t = 0; t < maxSeconds; t += 5) {
    cluster.advance(5);
    if (runningCount(cluster, app) >= want) return performance.now() - start;
  }
  throw new Error(`${app}: only ${runningCount(cluster, app)}/${want} pods running after ${maxSeconds}s`);
}

/** Whether the node agents (kubelets) are installed, so pods can reach Running. */
function hasNodeAgents(cluster: Cluster): boolean {
  return cluster.listComponents().some((c) => c.name.startsWith("kubelet/") || c.name === "node-agents");
}

export const benchmarks: Benchmark[] = [
  {
    name: "controllers/replicaset-100k",
    unit: "ms",
    run() {
      // A 100000-replica ReplicaSet through the API server and the controllers, without a
      // scheduler or nodes (what this measures is the controller, not 100000 unschedulable
      // pods): it creates them in slow-start batches of at most 500 at its client's 20 qps,
      // about 5000 simulated seconds. Wall ms (CPU ms with BENCH_CPU=1) until all exist.
      const cluster = controllersOnly();
      const rs = workload("Deployment", "big", 100_000);
      rs.kind = "ReplicaSet";
      let simulated = 0;
      const ms = timeMs(() => {
        cluster.api.create(rs);
        while (cluster.api.list("Pod", { namespace: "default" }).length < 100_000) {
          if (simulated >= 6000)
            throw new Error("replicaset-100k: 100000 pods not created in 6000 simulated s");
          cluster.advance(60);
          simulated += 60;
        }
      });
      const heap = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
      process.stderr.write(`  controllers/replicaset-100k: ${simulated} simulated s, heap ${heap} MiB\n`);
      return ms;
    },
  },
  {
    name: "controllers/daemonset-rollout/5000Nodes",
    unit: "pods/s",
    run() {
      const cluster = clusterWithNodes(5000);
      if (!hasNodeAgents(cluster)) return Number.NaN;
      const start = performance.now();
      cluster.api.create(workload("DaemonSet", "agent"));
      untilRunning(cluster, "agent", 5000, 600);
      return 5000 / ((performance.now() - start) / 1000);
    },
  },
  {
    name: "controllers/deployment-10k-replicas/1000Nodes",
    unit: "pods/s",
    run() {
      const cluster = clusterWithNodes(1000);
      if (!hasNodeAgents(cluster)) return Number.NaN;
      const start = performance.now();
      cluster.api.create(workload("Deployment", "web", 10_000));
      untilRunning(cluster, "web", 10_000, 600);
      return 10_000 / ((performance.now() - start) / 1000);
    },
  },
  {
    name: "controllers/node-failure/100Nodes",
    unit: "ms",
    run() {
      // 100 nodes × 30 pods; one node gets an untolerated NoExecute taint: its 30 pods are
      // evicted (taint eviction) and replaced on other nodes (ReplicaSet + scheduler).
      const cluster = clusterWithNodes(100);
      const evictor = cluster.listComponents().some((c) => c.name === "taint-eviction-controller");
      if (!hasNodeAgents(cluster) || !evictor) {
        process.stderr.write(
          "  controllers/node-failure/100Nodes: skipped (no kubelets or taint eviction)\n",
        );
        return Number.NaN;
      }
      cluster.api.create(workload("Deployment", "web", 3000));
      untilRunning(cluster, "web", 3000, 600);
      const victim = cluster.api.get("Node", undefined, "node-0") as KubeObject;
      const start = performance.now();
      const tainted = structuredClone(victim);
      tainted.spec = {
        ...(tainted.spec ?? {}),
        taints: [{ key: "failure", value: "true", effect: "NoExecute" }],
      };
      cluster.api.update(tainted);
      for (let t = 0; t < 600; t += 5) {
        cluster.advance(5);
        const pods = cluster.api.list("Pod", { namespace: "default" }) as Pod[];
        const onVictim = pods.filter((p) => p.spec?.nodeName === "node-0").length;
        if (onVictim === 0 && runningCount(cluster, "web") >= 3000) return performance.now() - start;
      }
      throw new Error("node-failure: pods were not replaced within 600s");
    },
  },
];
