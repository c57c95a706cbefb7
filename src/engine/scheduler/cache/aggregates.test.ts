/**
 * The cache's incremental aggregates (pod label index, spread counters, anti-affinity groups)
 * against a rebuild from scratch, under seeded random pod and node changes.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../api/kinds";
import { makeLister } from "../framework/testing";
import { NodeInfo, newPodInfo } from "../framework/types";
import { Cache, termSignature } from "./cache";

/** A small seeded generator (mulberry32). */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const ZONES = ["z1", "z2", "z3"];
const NAMESPACES = ["default", "other"];
const SELECTORS: LabelSelector[] = [
  { matchLabels: { color: "a" } },
  { matchExpressions: [{ key: "color", operator: "In", values: ["a", "b"] }] },
  { matchExpressions: [{ key: "tier", operator: "Exists" }] },
];
const KEYS = ["topology.kubernetes.io/zone", "kubernetes.io/hostname"];

function node(name: string, zone: string | undefined): Node {
  const labels: Record<string, string> = { "kubernetes.io/hostname": name };
  if (zone) labels["topology.kubernetes.io/zone"] = zone;
  const allocatable = { cpu: "4", memory: "8Gi", "ephemeral-storage": "20Gi", pods: "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels },
    spec: {},
    status: { allocatable },
  } as Node;
}

function pod(r: (n: number) => number, i: number, nodeName: string): Pod {
  const labels: Record<string, string> = { color: ["a", "b", "c"][r(3)] as string };
  if (r(2)) labels.tier = "web";
  const anti = r(3) === 0;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `p${i}`,
      namespace: NAMESPACES[r(2)] as string,
      uid: `u${i}`,
      labels,
      ...(r(8) === 0 ? { deletionTimestamp: "2024-01-01T00:00:00Z" } : {}),
    },
    spec: {
      nodeName,
      containers: [
        {
          name: "c",
          image: "i",
          resources: {
            requests: { cpu: `${100 * r(4)}m`, memory: `${r(3)}Gi`, "ephemeral-storage": `${r(2)}Gi` },
          },
        },
      ],
      ...(anti
        ? {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: SELECTORS[r(3)], topologyKey: KEYS[r(2)] as string },
                ],
              },
            },
          }
        : {}),
    },
  } as Pod;
}

/** Drops zero counts, so maps that differ only in kept zeros compare equal. */
function positive<K>(m: ReadonlyMap<K, number>): Map<K, number> {
  return new Map([...m].filter(([, n]) => n !== 0));
}

function antiTotals(
  groups: Iterable<{ term: Parameters<typeof termSignature>[0]; counts: Map<string, number> }>,
) {
  const out = new Map<string, number>();
  for (const g of groups)
    for (const [v, n] of g.counts) {
      const k = `${termSignature(g.term)}|${v}`;
      out.set(k, (out.get(k) ?? 0) + n);
    }
  return positive(out);
}

/** The node list holds each node once, at its slot, and the columns hold its fields there. */
function checkColumns(cache: Cache): void {
  const list = cache.list();
  expect(new Set(list.map((ni) => ni.name)).size).toBe(list.length);
  const c = cache.columns;
  expect(c.size).toBe(list.length);
  for (const key of KEYS) {
    const { ids, values } = cache.slotDomains(key);
    expect(Array.from(ids, (d) => (d < 0 ? undefined : values[d]))).toEqual(
      list.map((ni) => ni.labels()[key]),
    );
  }
  list.forEach((ni, slot) => {
    expect(ni.slot).toBe(slot);
    expect(ni.columns).toBe(c);
    const at = (col: Float64Array) => col[slot];
    expect({
      numPods: at(c.numPods),
      allocPods: at(c.allocPods),
      allocCPU: at(c.allocCPU),
      allocMem: at(c.allocMem),
      allocEph: at(c.allocEph),
      reqCPU: at(c.reqCPU),
      reqMem: at(c.reqMem),
      reqEph: at(c.reqEph),
      nzCPU: at(c.nzCPU),
      nzMem: at(c.nzMem),
    }).toEqual({
      numPods: ni.numPods,
      allocPods: ni.allocPods,
      allocCPU: ni.allocCPU,
      allocMem: ni.allocMem,
      allocEph: ni.allocEph,
      reqCPU: ni.reqCPU,
      reqMem: ni.reqMem,
      reqEph: ni.reqEph,
      nzCPU: ni.nzCPU,
      nzMem: ni.nzMem,
    });
  });
}

function check(cache: Cache): void {
  checkColumns(cache);
  const scan = makeLister(cache.list());
  for (const ns of NAMESPACES)
    for (const sel of SELECTORS)
      for (const key of KEYS)
        for (const required of [[], KEYS])
          for (const incl of [false, true])
            expect(positive(cache.spreadCounts(ns, sel, key, required, incl))).toEqual(
              positive(scan.spreadCounts(ns, sel, key, required, incl)),
            );
  expect(antiTotals(cache.antiAffinityGroups())).toEqual(antiTotals(scan.antiAffinityGroups()));
  for (const ns of NAMESPACES)
    for (const color of ["a", "b", "c"]) {
      const got = new Map<string, number>();
      for (const [ni, n] of cache.nodesWithPodLabel(ns, "color", color) ?? [])
        if (cache.get(ni.name) === ni) got.set(ni.name, n);
      const want = new Map<string, number>();
      for (const [ni, n] of scan.nodesWithPodLabel(ns, "color", color) ?? []) want.set(ni.name, n);
      expect(got).toEqual(want);
    }
}

describe("cache aggregates", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`match a rebuild from scratch (seed ${seed})`, () => {
      const r = rng(seed);
      const cache = new Cache();
      const nodes = Array.from({ length: 6 }, (_, i) => `n${i}`);
      for (const n of nodes) cache.upsertNode(node(n, ZONES[r(3)]));
      check(cache);
      const live: string[] = [];
      for (let i = 0; i < 300; i++) {
        const op = r(10);
        if (op < 5) {
          const p = pod(r, i, nodes[r(nodes.length)] as string);
          cache.addPod(p);
          live.push(`${p.metadata.namespace}/${p.metadata.name}`);
        } else if (op < 8 && live.length > 0) {
          const k = live.splice(r(live.length), 1)[0] as string;
          cache.removePod(k);
        } else if (op === 8) {
          const n = nodes[r(nodes.length)] as string;
          cache.upsertNode(node(n, r(4) === 0 ? undefined : ZONES[r(3)]));
        } else {
          const n = nodes[r(nodes.length)] as string;
          if (cache.get(n)) cache.removeNode(n);
          else cache.upsertNode(node(n, ZONES[r(3)]));
        }
        try {
          check(cache);
        } catch (e) {
          throw new Error(`seed ${seed}, step ${i}: ${(e as Error).message}`);
        }
      }
    });
  }
});

describe("the node list and its columns", () => {
  it("list a node removed and added again (its pods still counted) once, at its slot", () => {
    const r = rng(9);
    const cache = new Cache();
    for (const n of ["n0", "n1", "n2"]) cache.upsertNode(node(n, "z1"));
    cache.addPod(pod(r, 0, "n1"));
    cache.list();
    cache.removeNode("n1");
    cache.upsertNode(node("n1", "z2"));
    expect(cache.list().map((ni) => ni.name)).toEqual(["n0", "n2", "n1"]);
    checkColumns(cache);
  });
});

describe("NodeInfo's flat copies of its aggregates", () => {
  const flat = (ni: NodeInfo) => ({
    unschedulable: ni.unschedulable,
    hardTaints: ni.hardTaints,
    softTaints: ni.softTaints,
    numPods: ni.numPods,
    allocCPU: ni.allocCPU,
    allocMem: ni.allocMem,
    allocEph: ni.allocEph,
    allocPods: ni.allocPods,
    reqCPU: ni.reqCPU,
    reqMem: ni.reqMem,
    reqEph: ni.reqEph,
    nzCPU: ni.nzCPU,
    nzMem: ni.nzMem,
    numImages: ni.numImages,
  });
  const truth = (ni: NodeInfo) => {
    const taints = ni.node?.spec?.taints ?? [];
    return {
      unschedulable: Boolean(ni.node?.spec?.unschedulable),
      hardTaints: taints.some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute"),
      softTaints: taints.some((t) => t.effect === "PreferNoSchedule"),
      numPods: ni.pods.size,
      allocCPU: ni.allocatable.milliCPU,
      allocMem: ni.allocatable.memory,
      allocEph: ni.allocatable.ephemeralStorage,
      allocPods: ni.allocatable.allowedPodNumber,
      reqCPU: ni.requested.milliCPU,
      reqMem: ni.requested.memory,
      reqEph: ni.requested.ephemeralStorage,
      nzCPU: ni.nonZeroRequested.milliCPU,
      nzMem: ni.nonZeroRequested.memory,
      numImages: ni.imageSizes.size,
    };
  };

  it("match the aggregates after random node updates, pod adds and removes, and clones", () => {
    const r = rng(11);
    const effects = ["NoSchedule", "NoExecute", "PreferNoSchedule"];
    const node = (v: number): Node =>
      ({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n" },
        spec: {
          unschedulable: r(2) === 0,
          taints: Array.from({ length: r(3) }, (_, i) => ({ key: `k${i}`, effect: effects[r(3)] })),
        },
        status: {
          allocatable: {
            cpu: `${1 + r(8)}`,
            memory: `${1 + r(16)}Gi`,
            pods: `${10 + v}`,
            "ephemeral-storage": "10Gi",
          },
          images: r(2) ? [{ names: [`img${v}`], sizeBytes: 1000 }] : [],
        },
      }) as Node;
    let ni = new NodeInfo("n", node(0));
    for (let step = 0; step < 2000; step++) {
      const op = r(10);
      if (op === 0) ni.setNode(node(step));
      else if (op === 1) ni = ni.clone();
      else if (op < 6) {
        const requests = r(3)
          ? { cpu: `${r(900)}m`, memory: `${r(500)}Mi`, "ephemeral-storage": `${r(3)}Gi` }
          : {};
        ni.addPod(
          newPodInfo({
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: `p${r(30)}`, namespace: "default", uid: `u${step}` },
            spec: { containers: [{ name: "c", image: "i", resources: { requests } }] },
          } as Pod),
        );
      } else ni.removePod(`default/p${r(30)}`);
      expect(flat(ni)).toEqual(truth(ni));
    }
  });
});

describe("Cache.nodeFlagCounts", () => {
  it("counts cordoned and NoSchedule/NoExecute-tainted nodes through updates and removals", () => {
    const r = rng(5);
    const cache = new Cache();
    const effects = ["NoSchedule", "NoExecute", "PreferNoSchedule"];
    for (let step = 0; step < 3000; step++) {
      const name = `n${r(12)}`;
      if (r(5) === 0) cache.removeNode(name);
      else
        cache.upsertNode({
          apiVersion: "v1",
          kind: "Node",
          metadata: { name },
          spec: {
            unschedulable: r(3) === 0,
            taints: Array.from({ length: r(2) }, () => ({ key: "k", effect: effects[r(3)] })),
          },
          status: { allocatable: { cpu: "1", memory: "1Gi", pods: "10" } },
        } as Node);
      const nodes = cache.list().map((n) => n.node as Node);
      expect(cache.nodeFlagCounts()).toEqual({
        unschedulable: nodes.filter((n) => n.spec?.unschedulable).length,
        hardTaints: nodes.filter((n) => (n.spec?.taints ?? []).some((t) => t.effect !== "PreferNoSchedule"))
          .length,
        softTaints: nodes.filter((n) => (n.spec?.taints ?? []).some((t) => t.effect === "PreferNoSchedule"))
          .length,
      });
      // The columns flag the same nodes.
      const c = cache.columns;
      expect(Array.from(c.unschedulable.subarray(0, c.size))).toEqual(
        nodes.map((n) => (n.spec?.unschedulable ? 1 : 0)),
      );
      expect(Array.from(c.hardTaints.subarray(0, c.size))).toEqual(
        nodes.map((n) => ((n.spec?.taints ?? []).some((t) => t.effect !== "PreferNoSchedule") ? 1 : 0)),
      );
    }
  });
});
