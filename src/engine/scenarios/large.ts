/**
 * Large clusters for the canvas at scale (200 nodes / 3000 pods, 1000 nodes / 10k pods): worker
 * nodes over three zones (one in ten a tainted GPU node), a node-agent DaemonSet, and Deployments
 * that share the remaining pods, some with node affinity, pod anti-affinity or a GPU toleration so
 * that every kind of canvas edge has something to draw. Pure: names and sizes come from the
 * arguments only.
 */
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";

const ZONES = ["zone-a", "zone-b", "zone-c"];

function workerNode(i: number): KubeObject {
  const name = `node-${String(i + 1).padStart(4, "0")}`;
  const gpu = i % 10 === 9;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "topology.kubernetes.io/zone": ZONES[i % ZONES.length] as string,
        ...(gpu ? { accelerator: "nvidia" } : {}),
      },
    },
    spec: gpu ? { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] } : {},
    status: {
      capacity: { cpu: "32", memory: "128Gi", pods: "110" },
      allocatable: { cpu: "32", memory: "128Gi", pods: "110" },
    },
  };
}

function container(name: string): Record<string, unknown> {
  return {
    name,
    image: "registry.k8s.io/pause:3.10",
    resources: { requests: { cpu: "10m", memory: "16Mi" } },
  };
}

function deployment(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [container(name)], ...extra },
      },
    },
  };
}

/** The Deployments sharing `pods` replicas: plain ones, plus one of each scheduling feature. */
function deployments(pods: number): KubeObject[] {
  if (pods <= 0) return [];
  const special: [string, number, Record<string, unknown>][] = [
    [
      "zonal-web",
      Math.min(20, pods),
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: "topology.kubernetes.io/zone", operator: "In", values: ["zone-a"] },
                  ],
                },
              ],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                preference: {
                  matchExpressions: [
                    { key: "kubernetes.io/hostname", operator: "In", values: ["node-0001"] },
                  ],
                },
              },
            ],
          },
        },
      },
    ],
    [
      "spread-cache",
      Math.min(12, pods),
      {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: "spread-cache" } },
                topologyKey: "kubernetes.io/hostname",
              },
            ],
          },
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: "zonal-web" } },
                  topologyKey: "topology.kubernetes.io/zone",
                },
              },
            ],
          },
        },
      },
    ],
    [
      "gpu-train",
      Math.min(10, pods),
      {
        nodeSelector: { accelerator: "nvidia" },
        tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
      },
    ],
  ];
  const out: KubeObject[] = [];
  let left = pods;
  for (const [name, n, extra] of special) {
    const r = Math.min(n, left);
    if (r > 0) out.push(deployment(name, r, extra));
    left -= r;
  }
  // The rest in Deployments of up to 100 replicas.
  for (let i = 0; left > 0; i++) {
    const r = Math.min(100, left);
    out.push(deployment(`svc-${String(i + 1).padStart(3, "0")}`, r));
    left -= r;
  }
  return out;
}

function daemonSet(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "node-agent", namespace: "kube-system", labels: { app: "node-agent" } },
    spec: {
      selector: { matchLabels: { app: "node-agent" } },
      template: {
        metadata: { labels: { app: "node-agent" } },
        spec: { containers: [container("agent")], tolerations: [{ operator: "Exists" }] },
      },
    },
  };
}

/**
 * A loader for a cluster of `nodes` worker nodes running about `pods` pods in all: one
 * node-agent DaemonSet pod per node, the rest in Deployments.
 */
export function loadLargeScenario(nodes: number, pods: number): (cluster: Cluster) => void {
  return (cluster) => {
    for (const ns of ["default", "kube-system"])
      if (!cluster.api.get("Namespace", undefined, ns))
        cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (let i = 0; i < nodes; i++) cluster.api.create(workerNode(i));
    cluster.settle();
    cluster.api.create(daemonSet());
    for (const d of deployments(pods - nodes)) cluster.api.create(d);
    cluster.settle();
  };
}
