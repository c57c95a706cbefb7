/**
 * Seeded fuzz: the scheduler's incremental node aggregates (requested resources, pod counts,
 * host ports, affinity sets) equal a rebuild from the API objects after random churn.
 */
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../api/kinds";
import type { KubeObject } from "../../api/types";
import { Rng } from "../../clock/random";
import { Cluster } from "../../cluster";
import { startScheduler } from "../index";
import { Cache, isTerminal } from "./cache";

function summary(cache: Cache): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ni of cache.list())
    out[ni.name] = {
      pods: [...ni.pods.keys()].sort(),
      cpu: ni.requested.milliCPU,
      mem: ni.requested.memory,
      nzCpu: ni.nonZeroRequested.milliCPU,
      ports: [...ni.usedPorts.keys()].sort(),
      anti: ni.podsWithRequiredAntiAffinity.size,
      alloc: ni.allocatable.milliCPU,
    };
  return out;
}

function rebuild(cluster: Cluster): Cache {
  const c = new Cache();
  for (const n of cluster.api.list("Node")) c.upsertNode(n as Node);
  for (const p of cluster.api.list("Pod") as Pod[]) if (p.spec?.nodeName && !isTerminal(p)) c.addPod(p);
  return c;
}

describe("cache vs rebuild", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}`, () => {
      const rng = new Rng(seed);
      const cluster = new Cluster({ seed });
      cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
      const { scheduler } = startScheduler(cluster, {});
      for (let step = 0; step < 300; step++) {
        const r = rng.int(10);
        const pods = cluster.api.list("Pod");
        if (r < 2) {
          const cpu = `${1 + rng.int(8)}`;
          const name = `n${rng.int(8)}`;
          const node: KubeObject = {
            apiVersion: "v1",
            kind: "Node",
            metadata: { name, labels: { "kubernetes.io/hostname": name, zone: `z${rng.int(2)}` } },
            status: { allocatable: { cpu, memory: "8Gi", pods: "110" } },
          };
          if (cluster.api.get("Node", undefined, name)) {
            const cur = structuredClone(cluster.api.get("Node", undefined, name) as KubeObject);
            cur.status = node.status;
            cluster.api.updateStatus(cur);
          } else cluster.api.create(node);
        } else if (r < 6) {
          const anti = rng.int(3) === 0;
          cluster.api.create({
            apiVersion: "v1",
            kind: "Pod",
            metadata: { generateName: "p-", namespace: "default", labels: { app: `a${rng.int(3)}` } },
            spec: {
              containers: [
                {
                  name: "c",
                  image: "x",
                  resources: { requests: { cpu: `${100 * (1 + rng.int(10))}m` } },
                  ports: rng.int(4) === 0 ? [{ containerPort: 80, hostPort: 8000 + rng.int(3) }] : [],
                },
              ],
              affinity: anti
                ? {
                    podAntiAffinity: {
                      requiredDuringSchedulingIgnoredDuringExecution: [
                        {
                          labelSelector: { matchLabels: { app: "a0" } },
                          topologyKey: "kubernetes.io/hostname",
                        },
                      ],
                    },
                  }
                : undefined,
            },
          });
        } else if (r < 8 && pods.length > 0) {
          const p = pods[rng.int(pods.length)] as KubeObject;
          cluster.api.delete("Pod", "default", p.metadata.name as string, {
            gracePeriodSeconds: rng.int(2) ? 0 : 30,
          });
        } else if (r < 9 && pods.length > 0) {
          const p = structuredClone(pods[rng.int(pods.length)] as KubeObject);
          if (p.spec.nodeName) {
            p.status = { ...(p.status ?? {}), phase: rng.int(2) ? "Succeeded" : "Running" };
            cluster.api.updateStatus(p);
          }
        } else {
          const nodes = cluster.api.list("Node");
          if (nodes.length > 0 && rng.int(3) === 0)
            cluster.api.delete(
              "Node",
              undefined,
              (nodes[rng.int(nodes.length)] as KubeObject).metadata.name as string,
            );
        }
        cluster.advance(rng.int(3));
        expect(summary(scheduler.cache), `seed ${seed} step ${step}`).toEqual(summary(rebuild(cluster)));
      }
    });
  }
});
