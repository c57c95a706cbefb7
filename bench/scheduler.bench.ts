/**
 * The scheduler under the workloads of upstream scheduler_perf
 * (test/integration/scheduler_perf/misc/performance-config.yaml): init pods first, then the
 * measured pods; the figure is measured pods bound per wall-clock second.
 */
import type { KubeObject } from "../src/engine/api/types";
import { Cluster, type Component } from "../src/engine/cluster";
import { startScheduler } from "../src/engine/scheduler";
import { type Benchmark, timeMs } from "./harness";

const ZONES = ["zone1", "zone2", "zone3"];

function node(i: number): KubeObject {
  const alloc = { cpu: "4", memory: "32Gi", pods: "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: `node-${i}`,
      labels: {
        "kubernetes.io/hostname": `node-${i}`,
        "topology.kubernetes.io/zone": ZONES[i % ZONES.length] as string,
      },
    },
    spec: {},
    status: { capacity: alloc, allocatable: alloc },
  };
}

type PodShape = (i: number) => { spec?: Record<string, unknown>; labels?: Record<string, string> };

function pod(
  prefix: string,
  i: number,
  shape: PodShape,
  cpu = "100m",
  memory = "500Mi",
  priority = 0,
): KubeObject {
  const s = shape(i);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `${prefix}-${i}`, namespace: "default", labels: s.labels ?? {} },
    spec: {
      priority,
      containers: [
        { name: "pause", image: "registry.k8s.io/pause:3.10", resources: { requests: { cpu, memory } } },
      ],
      ...(s.spec ?? {}),
    },
  };
}

/** Plays the kubelet for victims: terminating pods go at once. */
class Reaper implements Component {
  readonly name = "bench-reaper";
  private readonly doomed = new Set<string>();
  constructor(private readonly cluster: Cluster) {
    cluster.api.watch("Pod", (e) => {
      if (e.type !== "DELETED" && e.object.metadata.deletionTimestamp)
        this.doomed.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }
  process(): boolean {
    if (this.doomed.size === 0) return false;
    for (const k of [...this.doomed]) {
      this.doomed.delete(k);
      const [ns, name] = k.split("/") as [string, string];
      if (this.cluster.api.get("Pod", ns, name))
        this.cluster.api.delete("Pod", ns, name, { gracePeriodSeconds: 0 });
    }
    return true;
  }
}

interface Workload {
  nodes: number;
  initPods: number;
  measuredPods: number;
  init: PodShape;
  measured: PodShape;
  initCpu?: string;
  measuredCpu?: string;
  measuredPriority?: number;
  reaper?: boolean;
}

function run(w: Workload): number {
  const cluster = new Cluster({ seed: 1 });
  cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  startScheduler(cluster, {});
  if (w.reaper) cluster.addComponent(new Reaper(cluster));
  for (let i = 0; i < w.nodes; i++) cluster.api.create(node(i));
  for (let i = 0; i < w.initPods; i++) cluster.api.create(pod("init", i, w.init, w.initCpu));
  cluster.settle();
  const ms = timeMs(() => {
    for (let i = 0; i < w.measuredPods; i++)
      cluster.api.create(pod("measured", i, w.measured, w.measuredCpu, "500Mi", w.measuredPriority ?? 0));
    cluster.settle();
    // Preemptors retry after back-off once their victims are gone.
    for (let t = 0; t < 30 && cluster.api.list("Pod").some((p) => !p.spec.nodeName); t++) cluster.advance(1);
  });
  const bound = cluster.api
    .list("Pod")
    .filter((p) => p.metadata.name?.startsWith("measured-") && p.spec.nodeName).length;
  return bound / (ms / 1000);
}

const plain: PodShape = () => ({});
const antiAffinity: PodShape = () => ({
  labels: { color: "green" },
  spec: {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchExpressions: [{ key: "color", operator: "In", values: ["green"] }] },
            topologyKey: "kubernetes.io/hostname",
          },
        ],
      },
    },
  },
});
const nodeAffinity: PodShape = () => ({
  spec: {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "topology.kubernetes.io/zone", operator: "In", values: ["zone1", "zone2"] },
              ],
            },
          ],
        },
      },
    },
  },
});
const spread: PodShape = () => ({
  labels: { color: "blue" },
  spec: {
    topologySpreadConstraints: [
      {
        maxSkew: 5,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { color: "blue" } },
      },
    ],
  },
});

function bench(name: string, w: Workload): Benchmark {
  return { name: `scheduler/${name}`, unit: "pods/s", run: () => run(w) };
}

export const benchmarks: Benchmark[] = [
  bench("SchedulingBasic/500Nodes", {
    nodes: 500,
    initPods: 500,
    measuredPods: 1000,
    init: plain,
    measured: plain,
  }),
  bench("SchedulingBasic/5000Nodes", {
    nodes: 5000,
    initPods: 1000,
    measuredPods: 1000,
    init: plain,
    measured: plain,
  }),
  bench("SchedulingPodAntiAffinity/500Nodes", {
    nodes: 500,
    initPods: 100,
    measuredPods: 400,
    init: antiAffinity,
    measured: antiAffinity,
  }),
  bench("SchedulingPodAntiAffinity/5000Nodes", {
    nodes: 5000,
    initPods: 1000,
    measuredPods: 1000,
    init: antiAffinity,
    measured: antiAffinity,
  }),
  bench("SchedulingNodeAffinity/500Nodes", {
    nodes: 500,
    initPods: 500,
    measuredPods: 1000,
    init: nodeAffinity,
    measured: nodeAffinity,
  }),
  bench("SchedulingNodeAffinity/5000Nodes", {
    nodes: 5000,
    initPods: 5000,
    measuredPods: 1000,
    init: nodeAffinity,
    measured: nodeAffinity,
  }),
  bench("TopologySpreading/500Nodes", {
    nodes: 500,
    initPods: 1000,
    measuredPods: 1000,
    init: plain,
    measured: spread,
  }),
  bench("TopologySpreading/5000Nodes", {
    nodes: 5000,
    initPods: 5000,
    measuredPods: 2000,
    init: plain,
    measured: spread,
  }),
  bench("PreemptionBasic/500Nodes", {
    nodes: 500,
    initPods: 2000,
    measuredPods: 500,
    init: plain,
    measured: plain,
    initCpu: "900m",
    measuredCpu: "3",
    measuredPriority: 10,
    reaper: true,
  }),
  bench("PreemptionBasic/5000Nodes", {
    nodes: 5000,
    initPods: 20000,
    measuredPods: 5000,
    init: plain,
    measured: plain,
    initCpu: "900m",
    measuredCpu: "3",
    measuredPriority: 10,
    reaper: true,
  }),
];
