// Seeded fuzz: random sequences of node add/remove/taint/cordon/label, workload
// create/scale/delete and time advances; after each settle the controllers' invariants hold.
// A failure prints the fast-check seed and path; pin it as a regression case below.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DaemonSet, Node, Pod, ReplicaSet } from "../api/kinds";
import type { Cluster } from "../cluster";
import { nodeShouldRunDaemonPod } from "./daemonset/predicates";
import { controllerCluster, daemonSet, edit, node, replicaSet } from "./testing/fixtures";

type Op =
  | { op: "addNode"; n: number; labelled: boolean }
  | { op: "removeNode"; n: number }
  | { op: "taint"; n: number; effect: "NoSchedule" | "NoExecute" | "none" }
  | { op: "cordon"; n: number; on: boolean }
  | { op: "label"; n: number; labelled: boolean }
  | { op: "createDS"; d: number; selector: boolean }
  | { op: "deleteDS"; d: number }
  | { op: "createRS"; r: number; replicas: number }
  | { op: "scaleRS"; r: number; replicas: number }
  | { op: "deleteRS"; r: number }
  | { op: "deletePod"; i: number }
  | { op: "advance"; seconds: number };

const N = 5;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("addNode" as const), n: fc.nat(N - 1), labelled: fc.boolean() }),
  fc.record({ op: fc.constant("removeNode" as const), n: fc.nat(N - 1) }),
  fc.record({
    op: fc.constant("taint" as const),
    n: fc.nat(N - 1),
    effect: fc.constantFrom("NoSchedule" as const, "NoExecute" as const, "none" as const),
  }),
  fc.record({ op: fc.constant("cordon" as const), n: fc.nat(N - 1), on: fc.boolean() }),
  fc.record({ op: fc.constant("label" as const), n: fc.nat(N - 1), labelled: fc.boolean() }),
  fc.record({ op: fc.constant("createDS" as const), d: fc.nat(1), selector: fc.boolean() }),
  fc.record({ op: fc.constant("deleteDS" as const), d: fc.nat(1) }),
  fc.record({ op: fc.constant("createRS" as const), r: fc.nat(1), replicas: fc.nat(6) }),
  fc.record({ op: fc.constant("scaleRS" as const), r: fc.nat(1), replicas: fc.nat(6) }),
  fc.record({ op: fc.constant("deleteRS" as const), r: fc.nat(1) }),
  fc.record({ op: fc.constant("deletePod" as const), i: fc.nat(50) }),
  fc.record({ op: fc.constant("advance" as const), seconds: fc.integer({ min: 1, max: 90 }) }),
);

function tryIt(fn: () => unknown): void {
  try {
    fn();
  } catch {
    /* the API refused (not found, already exists): a no-op step */
  }
}

function apply(cluster: Cluster, o: Op): void {
  const nodeName = (n: number) => `n${n}`;
  switch (o.op) {
    case "addNode":
      tryIt(() => cluster.api.create(node(nodeName(o.n), { labels: o.labelled ? { role: "agent" } : {} })));
      break;
    case "removeNode":
      tryIt(() => cluster.api.delete("Node", undefined, nodeName(o.n)));
      break;
    case "taint":
      tryIt(() =>
        edit<Node>(cluster, node(nodeName(o.n)), (x) => {
          x.spec = {
            ...(x.spec ?? {}),
            taints: o.effect === "none" ? [] : [{ key: "k", value: "v", effect: o.effect }],
          };
        }),
      );
      break;
    case "cordon":
      tryIt(() =>
        edit<Node>(cluster, node(nodeName(o.n)), (x) => {
          x.spec = { ...(x.spec ?? {}), unschedulable: o.on };
        }),
      );
      break;
    case "label":
      tryIt(() =>
        edit<Node>(cluster, node(nodeName(o.n)), (x) => {
          x.metadata.labels = { ...(x.metadata.labels ?? {}), role: o.labelled ? "agent" : "none" };
        }),
      );
      break;
    case "createDS": {
      const ds = daemonSet(`ds${o.d}`);
      if (o.selector) ds.spec.template.spec.nodeSelector = { role: "agent" };
      tryIt(() => cluster.api.create(ds));
      break;
    }
    case "deleteDS":
      tryIt(() => cluster.api.delete("DaemonSet", "default", `ds${o.d}`));
      break;
    case "createRS":
      tryIt(() => cluster.api.create(replicaSet(`rs${o.r}`, o.replicas)));
      break;
    case "scaleRS":
      tryIt(() =>
        edit<ReplicaSet>(cluster, replicaSet(`rs${o.r}`, 0), (x) => {
          if (x.spec) x.spec.replicas = o.replicas;
        }),
      );
      break;
    case "deleteRS":
      tryIt(() => cluster.api.delete("ReplicaSet", "default", `rs${o.r}`));
      break;
    case "deletePod": {
      const pods = cluster.api.list("Pod");
      const p = pods[o.i % Math.max(1, pods.length)];
      if (p) tryIt(() => cluster.api.delete("Pod", "default", p.metadata.name as string));
      break;
    }
    case "advance":
      cluster.advance(o.seconds);
      break;
  }
}

/** The invariants, checked once the cluster has settled. */
function checkInvariants(cluster: Cluster): void {
  const pods = (cluster.api.list("Pod") as Pod[]).filter((p) => !p.metadata.deletionTimestamp);
  const nodes = cluster.api.list("Node") as Node[];
  for (const ds of cluster.api.list("DaemonSet") as DaemonSet[]) {
    const mine = pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === ds.metadata.uid));
    for (const n of nodes) {
      const on = mine.filter((p) => p.spec?.nodeName === n.metadata.name);
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(n, ds);
      if (shouldRun) expect(on.length, `${ds.metadata.name} on ${n.metadata.name}`).toBe(1);
      else if (!shouldContinueRunning)
        expect(on.length, `${ds.metadata.name} off ${n.metadata.name}`).toBe(0);
      else expect(on.length).toBeLessThanOrEqual(1);
    }
  }
  for (const rs of cluster.api.list("ReplicaSet") as ReplicaSet[]) {
    const mine = pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid));
    expect(mine.length, `${rs.metadata.name} replicas`).toBe(rs.spec?.replicas ?? 1);
  }
  // Nothing outlives its owner.
  const uids = new Set<string>();
  for (const kind of ["DaemonSet", "ReplicaSet", "Node"])
    for (const o of cluster.api.list(kind)) uids.add(o.metadata.uid as string);
  for (const p of pods)
    for (const r of p.metadata.ownerReferences ?? [])
      expect(uids.has(r.uid), `${p.metadata.name} orphaned`).toBe(true);
}

describe("controllers fuzz", () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20260101);
  it(`keeps DaemonSet and ReplicaSet invariants (seed ${seed})`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const cluster = controllerCluster({ seed: 7 });
        for (const o of ops) {
          apply(cluster, o);
          cluster.settle();
          // Pods of vanished nodes wait for pod GC's quarantine: let it pass before checking.
          cluster.advance(61);
          checkInvariants(cluster);
        }
      }),
      { seed, numRuns: 60, verbose: true },
    );
  });
});
