/**
 * The filters' quick tests over the node columns (passingNodes) change no outcome: a seeded
 * random cluster schedules the same pods to the same nodes, with the same FailedScheduling
 * texts, with and without them. 150 nodes, so the search stops at 100 feasible ones and the
 * order nodes are tried in matters.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { Rng } from "../clock/random";
import { Cluster } from "../cluster";
import { startScheduler } from "./index";
import { Scheduler } from "./scheduler";

const ZONE = "topology.kubernetes.io/zone";

function outcome(seed: number, quick: boolean): Record<string, string> {
  Scheduler.quickFilters = quick;
  try {
    const random = new Rng(seed);
    const r = (n: number) => random.int(n);
    const cluster = new Cluster({ seed });
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    startScheduler(cluster, {});
    for (let i = 0; i < 150; i++) {
      const alloc = { cpu: `${1 + r(4)}`, memory: `${1 + r(4)}Gi`, pods: `${2 + r(4)}` };
      const labels: Record<string, string> = { "kubernetes.io/hostname": `n${i}` };
      if (r(8) !== 0) labels[ZONE] = `z${r(3)}`;
      const node: KubeObject = {
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: `n${i}`, labels },
        spec: {
          unschedulable: r(10) === 0,
          taints: r(10) === 0 ? [{ key: "dedicated", value: "x", effect: "NoSchedule" }] : [],
        },
        status: { capacity: alloc, allocatable: alloc },
      };
      cluster.api.create(node);
    }
    for (let i = 0; i < 700; i++) {
      const spec: Record<string, unknown> = {
        containers: [
          {
            name: "c",
            image: "nginx",
            resources: { requests: { cpu: `${100 * (1 + r(8))}m`, memory: `${100 * (1 + r(8))}Mi` } },
          },
        ],
      };
      const kind = r(6);
      if (kind === 1) spec.nodeSelector = { [ZONE]: `z${r(3)}` };
      if (kind === 2)
        spec.topologySpreadConstraints = [
          {
            maxSkew: 1,
            topologyKey: ZONE,
            whenUnsatisfiable: "DoNotSchedule",
            labelSelector: { matchLabels: { app: "s" } },
          },
        ];
      if (kind === 3) spec.tolerations = [{ key: "dedicated", operator: "Exists", effect: "NoSchedule" }];
      if (kind === 4) spec.tolerations = [{ key: "node.kubernetes.io/unschedulable", operator: "Exists" }];
      cluster.api.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p${i}`, namespace: "default", labels: { app: kind === 2 ? "s" : "other" } },
        spec,
      });
      if (i % 50 === 49) cluster.settle();
    }
    cluster.settle();
    const out: Record<string, string> = {};
    for (const p of cluster.api.list("Pod")) {
      const scheduled = p.status?.conditions?.find((c: { type: string }) => c.type === "PodScheduled");
      out[p.metadata.name as string] = p.spec.nodeName ?? `Pending: ${scheduled?.message ?? ""}`;
    }
    return out;
  } finally {
    Scheduler.quickFilters = true;
  }
}

describe("filters' quick tests over the node columns", () => {
  for (const seed of [1, 2, 3]) {
    it(`leave every placement and message as it is (seed ${seed})`, () => {
      const withQuick = outcome(seed, true);
      const placed = Object.values(withQuick).filter((v) => !v.startsWith("Pending")).length;
      const pending = Object.values(withQuick).filter((v) => v.startsWith("Pending: 0/150 nodes")).length;
      // The cluster fills up: both outcomes occur.
      expect(placed).toBeGreaterThan(100);
      expect(pending).toBeGreaterThan(0);
      expect(withQuick).toEqual(outcome(seed, false));
    });
  }
});
