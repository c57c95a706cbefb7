/** The framework pieces: FitError text, profile expansion, queue back-off, preemption choice. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Node } from "../../api/kinds";
import { Clock } from "../../clock/clock";
import { Cache } from "../cache/cache";
import { mergePluginSet } from "../config";
import { pickOneNodeForPreemption } from "../plugins/defaultpreemption/default-preemption";
import { SchedulingQueue } from "../queue/scheduling-queue";
import { numFeasibleNodesToFind } from "../scheduler";
import { CycleState } from "./cycle-state";
import { EventAssignedPodDelete } from "./events";
import { fitErrorMessage } from "./fit-error";
import { compactScoreTable, Framework, type ScoreTable } from "./runtime";
import { Code, newStatus } from "./status";
import { makeHandle, makeNode, makeNodeInfo, makePod } from "./testing";
import { type NodeInfo, newPodInfo, PodFlags } from "./types";

describe("FitError.Error", () => {
  it("sorts the reason histogram as strings and appends the PostFilter message", () => {
    const statuses = new Map([
      ["n1", newStatus(Code.UnschedulableAndUnresolvable, "node(s) were unschedulable")],
      [
        "n2",
        newStatus(
          Code.UnschedulableAndUnresolvable,
          "node(s) didn't satisfy existing pods anti-affinity rules",
        ),
      ],
      ["n3", newStatus(Code.Unschedulable, "Insufficient cpu", "Insufficient memory")],
    ]);
    expect(
      fitErrorMessage(
        3,
        { statuses },
        "",
        "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      ),
    ).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't satisfy existing pods anti-affinity rules, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
  it("counts absent nodes with the absent status and uses the PreFilter message alone", () => {
    const absent = newStatus(
      Code.UnschedulableAndUnresolvable,
      "node(s) didn't satisfy plugin(s) [NodeAffinity]",
    );
    const statuses = new Map([
      ["n1", newStatus(Code.UnschedulableAndUnresolvable, "node(s) had untolerated taint {a: b}")],
    ]);
    expect(fitErrorMessage(3, { statuses, absentStatus: absent }, "", "")).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {a: b}, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    expect(fitErrorMessage(2, { statuses: new Map() }, "pod affinity terms conflict", "")).toBe(
      "0/2 nodes are available: pod affinity terms conflict.",
    );
  });
});

describe("profiles (default_plugins.go v1.32, mergePluginSet)", () => {
  it("the default profile's filter, score order and weights", () => {
    const f = new Framework({}, makeHandle([]));
    expect(f.filterPlugins.map((p) => p.name)).toEqual([
      "NodeUnschedulable",
      "NodeName",
      "TaintToleration",
      "NodeAffinity",
      "NodePorts",
      "NodeResourcesFit",
      "VolumeRestrictions",
      "NodeVolumeLimits",
      "VolumeBinding",
      "VolumeZone",
      "PodTopologySpread",
      "InterPodAffinity",
    ]);
    expect(f.scorePlugins.map((p) => `${p.plugin.name}=${p.weight}`)).toEqual([
      "TaintToleration=3",
      "NodeAffinity=2",
      "NodeResourcesFit=1",
      "VolumeBinding=1",
      "PodTopologySpread=2",
      "InterPodAffinity=2",
      "NodeResourcesBalancedAllocation=1",
      "ImageLocality=1",
    ]);
    expect(f.postFilterPlugins.map((p) => p.name)).toEqual(["DefaultPreemption"]);
  });
  it("disabling a score plugin and re-weighting another", () => {
    const f = new Framework(
      {
        plugins: {
          score: {
            disabled: [{ name: "ImageLocality" }],
            enabled: [{ name: "NodeResourcesFit", weight: 5 }],
          },
        },
      },
      makeHandle([]),
    );
    expect(f.scorePlugins.map((p) => `${p.plugin.name}=${p.weight}`)).toEqual([
      "NodeResourcesFit=5",
      "TaintToleration=3",
      "NodeAffinity=2",
      "VolumeBinding=1",
      "PodTopologySpread=2",
      "InterPodAffinity=2",
      "NodeResourcesBalancedAllocation=1",
    ]);
  });
  it("multiPoint: disabled * keeps only what is enabled", () => {
    const set = mergePluginSet([{ name: "A" }, { name: "B" }], {
      disabled: [{ name: "*" }],
      enabled: [{ name: "B" }],
    });
    expect(set.enabled?.map((p) => p.name)).toEqual(["B"]);
    expect(
      mergePluginSet([{ name: "A" }, { name: "B", weight: 1 }], {
        enabled: [{ name: "B", weight: 3 }, { name: "C" }],
      }).enabled,
    ).toEqual([{ name: "A" }, { name: "B", weight: 3 }, { name: "C" }]);
  });
});

describe("numFeasibleNodesToFind", () => {
  it.each([
    [undefined, 10, 10],
    [undefined, 1000, 420],
    [undefined, 5000, 500],
    [undefined, 6000, 300],
    [40, 1000, 400],
    [10, 500, 100],
  ])("percentage %s of %s nodes → %s", (pct, n, want) => expect(numFeasibleNodesToFind(pct, n)).toBe(want));
});

describe("scheduling queue back-off", () => {
  it("1s doubling to 10s", () => {
    const q = new SchedulingQueue(
      new Clock(0),
      () => false,
      () => true,
      {
        podInitialBackoffSeconds: 1,
        podMaxBackoffSeconds: 10,
        podMaxInUnschedulablePodsSeconds: 300,
      },
    );
    expect([1, 2, 3, 4, 5, 6].map((a) => q.backoffSeconds(a))).toEqual([1, 2, 4, 8, 10, 10]);
  });
  it("an unschedulable pod is retried after 5 minutes without events", () => {
    const clock = new Clock(0);
    const q = new SchedulingQueue(
      clock,
      (a, b) => a.seq < b.seq,
      () => true,
      {
        podInitialBackoffSeconds: 1,
        podMaxBackoffSeconds: 10,
        podMaxInUnschedulablePodsSeconds: 300,
      },
    );
    q.add(newPodInfo(makePod("p")));
    const qp = q.pop();
    if (!qp) throw new Error("no pod");
    q.requeueFailed(qp, new Set(["NodeAffinity"]), false);
    expect(q.sizes().unschedulable).toBe(1);
    q.moveOnEvent(EventAssignedPodDelete, makePod("gone"), undefined);
    expect(q.sizes().unschedulable).toBe(1);
    clock.fireNext(299_000);
    expect(q.sizes().active).toBe(0);
    while (clock.fireNext(300_000)) {}
    expect(q.sizes().active).toBe(1);
  });
});

describe("pickOneNodeForPreemption", () => {
  const v = (name: string, priority: number) => newPodInfo(makePod(name, { priority }));
  it("fewest PDB violations, then lowest highest-priority victim, then fewest victims", () => {
    expect(
      pickOneNodeForPreemption([
        { name: "a", victims: [v("a1", 1)], numPDBViolations: 1 },
        { name: "b", victims: [v("b1", 5)], numPDBViolations: 0 },
        { name: "c", victims: [v("c1", 2), v("c2", 1)], numPDBViolations: 0 },
      ]).name,
    ).toBe("c");
    expect(
      pickOneNodeForPreemption([
        { name: "a", victims: [v("a1", 1), v("a2", 1)], numPDBViolations: 0 },
        { name: "b", victims: [v("b1", 1)], numPDBViolations: 0 },
      ]).name,
    ).toBe("b");
  });
});

describe("compactScoreTable", () => {
  const tableOf = (totals: number[]): ScoreTable => ({
    nodes: totals.map((_, i) => `n${i}`),
    plugins: ["A"],
    weights: [1],
    raw: [totals.slice()],
    normalized: [totals.map((v) => v / 2)],
    total: totals.slice(),
  });

  it("shares a column with one value for every kept node between tables", () => {
    const a = compactScoreTable(tableOf([7, 7, 7]), 5);
    const b = compactScoreTable(tableOf([7, 7, 7]), 5);
    expect(Array.from(a.raw[0] ?? [])).toEqual([7, 7, 7]);
    expect(a.raw[0]).toBe(b.raw[0]);
    expect(Object.isFrozen(a.raw[0])).toBe(true);
    // Columns that vary are the table's own.
    const c = compactScoreTable(tableOf([7, 8, 7]), 5);
    expect(Object.isFrozen(c.raw[0])).toBe(false);
  });

  it("keeps every node of a small table, in order", () => {
    const t = compactScoreTable(tableOf([3, 1, 2]), 5);
    expect(t.nodes).toEqual(["n0", "n1", "n2"]);
    expect(Array.from(t.normalized[0] ?? [])).toEqual([1.5, 0.5, 1]);
    expect(Array.from(t.raw[0] ?? [])).toEqual([3, 1, 2]);
    expect(Array.from(t.total)).toEqual([3, 1, 2]);
  });

  // Whole totals take the histogram path, fractional ones the selection path.
  it.each([
    ["whole", fc.integer({ min: 0, max: 20 })],
    ["fractional", fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true }))],
  ])("keeps the highest totals (ties in table order) and the chosen node: %s totals", (_kind, total) => {
    fc.assert(
      fc.property(
        fc.array(total, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        (totals, limit, chosenSeed) => {
          const t = compactScoreTable(tableOf(totals), limit, chosenSeed % totals.length);
          // The reference: stable sort by total, descending, take `limit`, plus the chosen one.
          const ranked = totals.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
          const want = new Set(ranked.slice(0, limit).map((r) => r.i));
          want.add(chosenSeed % totals.length);
          const wantIdx = [...want].sort((a, b) => a - b);
          expect(t.nodes).toEqual(wantIdx.map((i) => `n${i}`));
          expect(Array.from(t.total)).toEqual(wantIdx.map((i) => totals[i]));
          expect(Array.from(t.raw[0] ?? [])).toEqual(wantIdx.map((i) => totals[i]));
          expect(Array.from(t.normalized[0] ?? [])).toEqual(wantIdx.map((i) => (totals[i] as number) / 2));
        },
      ),
    );
  });
});

describe("scoreNodes", () => {
  it("gives each plugin's per-node scores, for every plugin of the default profile that has it", () => {
    const nodes = Array.from({ length: 12 }, (_, i) =>
      makeNodeInfo(
        makeNode(`n${i}`, {
          allocatable: { cpu: `${1 + (i % 4)}`, memory: `${2 + (i % 3)}Gi`, pods: "110" },
          taints: i % 3 === 0 ? [{ key: "k", value: "v", effect: "PreferNoSchedule" }] : [],
          images: i % 2 ? [{ names: ["nginx:1.27"], sizeBytes: 300 * 1024 * 1024 }] : [],
        }),
        ...Array.from({ length: i % 5 }, (_, j) =>
          makePod(`p${i}-${j}`, {
            nodeName: `n${i}`,
            containers: [
              { name: "c", image: "x", resources: { requests: { cpu: "200m", memory: "300Mi" } } },
            ],
          }),
        ),
      ),
    );
    const f = new Framework({}, makeHandle(nodes));
    const p = newPodInfo(
      makePod("incoming", {
        containers: [
          { name: "c", image: "nginx:1.27", resources: { requests: { cpu: "300m", memory: "1Gi" } } },
        ],
      }),
    );
    const state = new CycleState();
    f.runPreFilterPlugins(state, p, nodes);
    f.runPreScorePlugins(state, p, nodes);
    const batched = f.scorePlugins.filter(({ plugin }) => plugin.scoreNodes);
    expect(batched.length).toBeGreaterThan(0);
    // The same nodes in a cache, read from its columns, in an order unlike the list's.
    const cache = new Cache();
    for (const n of nodes) {
      cache.upsertNode(n.node as Node);
      for (const q of n.pods.values()) cache.addPod(q.pod);
    }
    const cached = cache.list().slice().reverse();
    const at = { columns: cache.columns, slots: Int32Array.from(cached, (n) => n.slot) };
    for (const { plugin } of batched) {
      const out: number[] = new Array(nodes.length).fill(-1);
      expect(plugin.scoreNodes?.(state, p, nodes, nodes.length, out)).toBeUndefined();
      expect(out).toEqual(nodes.map((n) => plugin.score(state, p, n)));
      const fromColumns: number[] = new Array(nodes.length).fill(-1);
      expect(plugin.scoreNodes?.(state, p, cached, cached.length, fromColumns, at)).toBeUndefined();
      expect(fromColumns).toEqual(cached.map((n) => plugin.score(state, p, n)));
    }
  });
});

describe("scoreEveryNode", () => {
  const plainNodes = (withExtras: boolean) =>
    Array.from({ length: 8 }, (_, i) =>
      makeNodeInfo(
        makeNode(`n${i}`, {
          allocatable: { cpu: `${1 + (i % 4)}`, memory: "4Gi", pods: "110" },
          taints: withExtras && i === 3 ? [{ key: "k", value: "v", effect: "PreferNoSchedule" }] : [],
          images: withExtras && i === 5 ? [{ names: ["nginx:1.27"], sizeBytes: 300 * 1024 * 1024 }] : [],
        }),
      ),
    );
  const incoming = newPodInfo(makePod("incoming", { containers: [{ name: "c", image: "nginx:1.27" }] }));
  const framework = (nodes: NodeInfo[]) => {
    const cache = new Cache();
    for (const n of nodes) cache.upsertNode(n.node as Node);
    const f = new Framework({}, { ...makeHandle(nodes), snapshot: cache });
    const state = new CycleState();
    f.runPreFilterPlugins(state, incoming, nodes);
    f.runPreScorePlugins(state, incoming, nodes);
    return { f, state };
  };

  it("is the score of every node when no node has a PreferNoSchedule taint or the pod's images", () => {
    const nodes = plainNodes(false);
    const { f, state } = framework(nodes);
    const constant = f.scorePlugins.filter(
      ({ plugin }) => plugin.scoreEveryNode?.(state, incoming) !== undefined,
    );
    expect(constant.map(({ plugin }) => plugin.name).sort()).toEqual(["ImageLocality", "TaintToleration"]);
    for (const { plugin } of constant)
      for (const n of nodes)
        expect(plugin.score(state, incoming, n)).toBe(plugin.scoreEveryNode?.(state, incoming));
  });

  it("leaves the score table as scoring node by node makes it", () => {
    for (const withExtras of [false, true]) {
      const nodes = plainNodes(withExtras);
      const { f, state } = framework(nodes);
      const { table, status } = f.runScorePlugins(state, incoming, nodes);
      expect(status).toBeUndefined();
      // The reference: every plugin scores every node, then NormalizeScore on the whole list.
      const total = nodes.map(() => 0);
      const plugins: string[] = [];
      const raw: number[][] = [];
      const normalized: number[][] = [];
      for (const { plugin, weight } of f.scorePlugins) {
        if (state.skipScorePlugins.has(plugin.name)) continue;
        const list = nodes.map((n) => ({ name: n.name, score: plugin.score(state, incoming, n) as number }));
        raw.push(list.map((s) => s.score));
        plugin.normalizeScore?.(state, incoming, list);
        normalized.push(list.map((s) => s.score));
        list.forEach((s, i) => {
          total[i] = (total[i] as number) + s.score * weight;
        });
        plugins.push(plugin.name);
      }
      expect(table.plugins).toEqual(plugins);
      const first = (c: ArrayLike<number>) => Array.from(c).slice(0, nodes.length);
      expect(table.raw.map(first)).toEqual(raw);
      expect(table.normalized.map(first)).toEqual(normalized);
      expect(first(table.total)).toEqual(total);
    }
  });

  it("is undefined as soon as one node has such a taint or image", () => {
    const { f, state } = framework(plainNodes(true));
    for (const { plugin } of f.scorePlugins) expect(plugin.scoreEveryNode?.(state, incoming)).toBeUndefined();
  });
});

describe("PodInfo.flags", () => {
  const term = { labelSelector: { matchLabels: { a: "b" } }, topologyKey: "kubernetes.io/hostname" };
  it.each([
    ["a plain pod", {}, 0],
    [
      "required affinity",
      { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
      PodFlags.Affinity | PodFlags.ScoringAffinity,
    ],
    [
      "required anti-affinity",
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
      PodFlags.Affinity | PodFlags.RequiredAntiAffinity,
    ],
    [
      "preferred anti-affinity",
      {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term }],
          },
        },
      },
      PodFlags.Affinity | PodFlags.ScoringAffinity,
    ],
    [
      "an extended resource and a host port",
      {
        containers: [
          {
            name: "c",
            image: "x",
            resources: { requests: { "example.com/gpu": "1" } },
            ports: [{ containerPort: 80, hostPort: 8080 }],
          },
        ],
      },
      PodFlags.Scalar | PodFlags.Ports,
    ],
  ])("%s", (_name, spec, want) => {
    expect(newPodInfo(makePod("p", spec)).flags).toBe(want);
  });
});
