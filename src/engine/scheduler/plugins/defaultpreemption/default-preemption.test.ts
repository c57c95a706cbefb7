/**
 * DefaultPreemption: the test tables of defaultpreemption/default_preemption_test.go (TestPostFilter,
 * TestDryRunPreemption, TestSelectBestCandidate, TestPodEligibleToPreemptOthers, TestPreempt) and the
 * candidate order of preemption/preemption_test.go (pickOneNodeForPreemption). The plugin runs on a
 * real Framework with the plugins each case registers, as upstream's tf.NewFramework does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../api/kinds";
import type { KubeObject } from "../../../api/types";
import { Cluster } from "../../../cluster";
import { createCluster } from "../../../index";
import type { Profile } from "../../config";
import { CycleState } from "../../framework/cycle-state";
import type {
  FilterPlugin,
  Handle,
  NodeToStatus,
  Plugin,
  PluginFactory,
  PreFilterPlugin,
} from "../../framework/interface";
import { Framework } from "../../framework/runtime";
import { asStatus, Code, isSuccess, type MaybeStatus, newStatus, type Status } from "../../framework/status";
import { makeLister, makeNodeInfo, makePod } from "../../framework/testing";
import { type NodeInfo, newPodInfo, type PodInfo } from "../../framework/types";
import { inTreeRegistry } from "../registry";
import {
  type Candidate,
  DefaultPreemptionPlugin,
  ErrNotEligibleNever,
  ErrNotEligibleTerminating,
  pickOneNodeForPreemption,
} from "./default-preemption";

const negPriority = -100;
const lowPriority = 0;
const midPriority = 100;
const highPriority = 1000;
const veryHighPriority = 10000;
const smallRes = { cpu: "100m", memory: "100" };
const mediumRes = { cpu: "200m", memory: "200" };
const largeRes = { cpu: "300m", memory: "300" };
const veryLargeRes = { cpu: "500m", memory: "500" };
const onePodRes = { pods: "1" };
const nodeRes = { cpu: "200m", memory: "400" };
const epoch = (n: number) => new Date(n).toISOString();

interface PodOpts {
  node?: string;
  priority?: number;
  req?: Record<string, string>;
  labels?: Record<string, string>;
  startTime?: string;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  deleting?: boolean;
}

/** st.MakePod(): a pod in default with a UID equal to its name. */
function pod(name: string, o: PodOpts = {}): Pod {
  const p = makePod(
    name,
    {
      priority: o.priority ?? 0,
      nodeName: o.node,
      containers: o.req ? [{ name: "c", image: "x", resources: { requests: o.req } }] : [],
      ...o.spec,
    },
    { labels: o.labels ?? {}, ...(o.deleting ? { deletionTimestamp: epoch(0) } : {}) },
  );
  p.status = { ...(o.startTime ? { startTime: o.startTime } : {}), ...o.status };
  return p;
}

/** st.MakeNode().Name(n).Capacity(res) (32 pods unless given), labels from "name/zone/region". */
function node(spec: string, res: Record<string, string>, labels: Record<string, string> = {}): Node {
  const capacity = { pods: "32", ...res };
  const [name, ...rest] = spec.split("/");
  const l: Record<string, string> = { hostname: name as string, ...labels };
  const keys = ["zone", "region"];
  rest.forEach((v, i) => {
    l[keys[i] as string] = v;
  });
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: l },
    spec: {},
    status: { capacity, allocatable: capacity },
  } as Node;
}

function pdb(
  name: string,
  selector: Record<string, string>,
  disruptionsAllowed: number,
  disrupted?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace: "default" },
    spec: { selector: { matchLabels: selector } },
    status: { disruptionsAllowed, ...(disrupted ? { disruptedPods: disrupted } : {}) },
  };
}

/** A PreFilter plugin whose AddPod/RemovePod fail on nodes labelled error=true (TestPlugin). */
class TestPlugin implements PreFilterPlugin {
  readonly name = "test-plugin";
  preFilter() {
    return {};
  }
  preFilterExtensions() {
    const fail = (verb: string, p: PodInfo, ni: NodeInfo): MaybeStatus =>
      ni.labels().error === "true" ? asStatus(`failed to ${verb} pod: ${p.pod.metadata.name}`) : undefined;
    return {
      addPod: (_s: CycleState, p: PodInfo, _a: PodInfo, ni: NodeInfo) => fail("add", p, ni),
      removePod: (_s: CycleState, p: PodInfo, _r: PodInfo, ni: NodeInfo) => fail("remove", p, ni),
    };
  }
}

const FAKE_FILTER = "FakeFilter";

/** A Filter plugin answering a fixed code per node and counting its calls (tf.FakeFilterPlugin). */
class FakeFilter implements FilterPlugin {
  readonly name = FAKE_FILTER;
  calls = 0;
  constructor(private readonly code: Code) {}
  filter(): MaybeStatus {
    this.calls++;
    return this.code === Code.Success ? undefined : newStatus(this.code);
  }
}

interface Env {
  cluster: Cluster;
  fwk: Framework;
  plugin: DefaultPreemptionPlugin;
  infos: NodeInfo[];
  fake?: FakeFilter;
  /** Runs PreFilter for the pod, as the tests do to populate the state. */
  state(p: PodInfo): CycleState;
}

/**
 * A framework with the named plugins (plus queue sort and binder), over a snapshot of nodes and pods;
 * the handle runs PreFilter extensions and Filter plugins as framework.go does.
 */
function env(
  nodes: Node[],
  pods: Pod[],
  plugins: string[],
  opts: { pdbs?: KubeObject[]; args?: Record<string, number>; fake?: FakeFilter; offsets?: number[] } = {},
): Env {
  const cluster = new Cluster();
  if (opts.pdbs?.length)
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  for (const b of opts.pdbs ?? []) {
    const created = cluster.api.create({ ...b, status: undefined });
    cluster.api.updateStatus({ ...created, status: b.status });
  }
  if (opts.offsets) {
    const offsets = [...opts.offsets];
    cluster.rng.int = () => offsets.shift() ?? 0;
  }
  const infos = nodes.map((n) =>
    makeNodeInfo(n, ...pods.filter((p) => p.spec?.nodeName === n.metadata.name)),
  );
  const registry: Record<string, PluginFactory> = {
    ...inTreeRegistry,
    "test-plugin": () => new TestPlugin(),
    ...(opts.fake ? { [FAKE_FILTER]: () => opts.fake as Plugin } : {}),
  };
  const enabled = [...(opts.fake ? [FAKE_FILTER] : []), "PrioritySort", ...plugins, "DefaultBinder"].map(
    (name) => ({ name }),
  );
  const profile: Profile = {
    schedulerName: "default-scheduler",
    plugins: { multiPoint: { enabled, disabled: [{ name: "*" }] } },
  };
  const h: Handle & { fwk?: Framework } = {
    cluster,
    schedulerName: "default-scheduler",
    snapshot: makeLister(infos),
    namespaceLabels: () => ({}),
    nominatedPodsForNode: () => [],
    runFilterPlugins: (s, p, ni) => h.fwk?.runFilterPlugins(s, p, ni),
    runPreFilterExtensionAddPod: (s, p, a, ni) => ext(h.fwk as Framework, "AddPod", s, p, a, ni),
    runPreFilterExtensionRemovePod: (s, p, r, ni) => ext(h.fwk as Framework, "RemovePod", s, p, r, ni),
    event: () => {},
  };
  const fwk = new Framework(profile, h, registry);
  h.fwk = fwk;
  const plugin = new DefaultPreemptionPlugin(h, opts.args);
  return {
    cluster,
    fwk,
    plugin,
    infos,
    fake: opts.fake,
    state: (p) => {
      const st = new CycleState();
      const r = fwk.runPreFilterPlugins(st, p, infos);
      expect(isSuccess(r.status)).toBe(true);
      return st;
    },
  };
}

/** RunPreFilterExtensionAddPod/RemovePod of framework.go, with its error wrapping. */
function ext(
  fwk: Framework,
  verb: "AddPod" | "RemovePod",
  s: CycleState,
  p: PodInfo,
  o: PodInfo,
  ni: NodeInfo,
): MaybeStatus {
  for (const pl of fwk.preFilterPlugins) {
    if (s.skipFilterPlugins.has(pl.name)) continue;
    const e = pl.preFilterExtensions?.();
    const st = verb === "AddPod" ? e?.addPod(s, p, o, ni) : e?.removePod(s, p, o, ni);
    if (!isSuccess(st)) return asStatus(`running ${verb} on PreFilter plugin "${pl.name}": ${st?.message()}`);
  }
  return undefined;
}

function statuses(
  m: Record<string, Code>,
  absent: Code | undefined = Code.UnschedulableAndUnresolvable,
): NodeToStatus {
  return {
    statuses: new Map(Object.entries(m).map(([k, c]) => [k, newStatus(c)] as const)),
    absentStatus: absent === undefined ? undefined : newStatus(absent),
  };
}

const U = Code.Unschedulable;
const UU = Code.UnschedulableAndUnresolvable;

describe("TestPostFilter", () => {
  const cases: {
    name: string;
    pod: Pod;
    pods: Pod[];
    nodes: Node[];
    pdbs?: KubeObject[];
    m: NodeToStatus;
    wantNode: string | undefined;
    wantCode: Code;
    wantMessage?: string;
  }[] = [
    {
      name: "pod with higher priority can be made schedulable",
      pod: pod("p", { priority: highPriority }),
      pods: [pod("p1", { node: "node1" })],
      nodes: [node("node1", onePodRes)],
      m: statuses({ node1: U }),
      wantNode: "node1",
      wantCode: Code.Success,
    },
    {
      name: "pod with tied priority is still unschedulable",
      pod: pod("p"),
      pods: [pod("p1", { node: "node1" })],
      nodes: [node("node1", onePodRes)],
      m: statuses({ node1: U }),
      wantNode: "",
      wantCode: U,
      wantMessage: "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: "preemption should respect filteredNodesStatuses",
      pod: pod("p", { priority: highPriority }),
      pods: [pod("p1", { node: "node1" })],
      nodes: [node("node1", onePodRes)],
      m: statuses({ node1: UU }),
      wantNode: "",
      wantCode: U,
      wantMessage: "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
    {
      name: "preemption should respect absent NodeToStatusMap entry meaning UnschedulableAndUnresolvable",
      pod: pod("p", { priority: highPriority }),
      pods: [pod("p1", { node: "node1" })],
      nodes: [node("node1", onePodRes)],
      m: statuses({}, undefined),
      wantNode: "",
      wantCode: U,
      wantMessage: "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    },
    {
      name: "pod can be made schedulable on one node",
      pod: pod("p", { priority: midPriority }),
      pods: [
        pod("p1", { node: "node1", priority: highPriority }),
        pod("p2", { node: "node2", priority: lowPriority }),
      ],
      nodes: [node("node1", onePodRes), node("node2", onePodRes)],
      m: statuses({ node1: U, node2: U }),
      wantNode: "node2",
      wantCode: Code.Success,
    },
    {
      name: "pod can be made schedulable on minHighestPriority node",
      pod: pod("p", { priority: veryHighPriority }),
      pods: [
        pod("p1", { node: "node1", priority: highPriority, labels: { pdb: "non-violating" } }),
        pod("p2", { node: "node1", priority: lowPriority, labels: { pdb: "violating" } }),
        pod("p3", { node: "node2", priority: midPriority, labels: { pdb: "violating" } }),
      ],
      pdbs: [
        pdb("violating-pdb", { pdb: "violating" }, 0),
        pdb("non-violating-pdb", { pdb: "non-violating" }, 2147483647),
      ],
      nodes: [node("node1", onePodRes), node("node2", onePodRes)],
      m: statuses({ node1: U, node2: U }),
      wantNode: "node2",
      wantCode: Code.Success,
    },
    {
      name: "no candidate nodes found, no enough resource after removing low priority pods",
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [pod("p1", { node: "node1" }), pod("p2", { node: "node2" })],
      nodes: [node("node1", nodeRes), node("node2", nodeRes)],
      m: statuses({ node1: U, node2: U }),
      wantNode: "",
      wantCode: U,
      wantMessage: "preemption: 0/2 nodes are available: 2 Insufficient cpu.",
    },
    {
      name: "no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource",
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [
        pod("p1", { node: "node1", priority: highPriority }),
        pod("p2", { node: "node2" }),
        pod("p3", { node: "node3", priority: highPriority }),
      ],
      nodes: [node("node1", onePodRes), node("node2", nodeRes), node("node3", onePodRes)],
      m: statuses({ node1: U, node2: U, node3: U }),
      wantNode: "",
      wantCode: U,
      wantMessage:
        "preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.",
    },
    {
      name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [pod("p1", { node: "node1" }), pod("p2", { node: "node2" })],
      nodes: [node("node1", nodeRes), node("node2", nodeRes), node("node3", nodeRes), node("node4", nodeRes)],
      m: statuses({ node1: U, node2: U, node4: UU }),
      wantNode: "",
      wantCode: U,
      wantMessage:
        "preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.",
    },
    {
      name: "only one node but failed with TestPlugin",
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [pod("p1", { node: "node1" })],
      nodes: [node("node1", largeRes, { error: "true" })],
      m: statuses({ node1: U }),
      wantNode: undefined,
      wantCode: Code.Error,
      wantMessage: 'preemption: running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: p',
    },
    {
      name: "one failed with TestPlugin and the other pass",
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [pod("p1", { node: "node1" }), pod("p2", { node: "node2", req: mediumRes })],
      nodes: [node("node1", largeRes, { error: "true" }), node("node2", largeRes)],
      m: statuses({ node1: U, node2: U }),
      wantNode: "node2",
      wantCode: Code.Success,
    },
  ];
  for (const tt of cases)
    it(tt.name, () => {
      const e = env(tt.nodes, tt.pods, ["NodeResourcesFit", "test-plugin"], { pdbs: tt.pdbs });
      const p = newPodInfo(tt.pod);
      const { result, status } = e.plugin.postFilter(e.state(p), p, tt.m);
      expect(status?.code ?? Code.Success).toBe(tt.wantCode);
      if (tt.wantMessage !== undefined) expect(status?.message()).toBe(tt.wantMessage);
      expect(result?.nominatedNodeName).toBe(tt.wantNode);
    });

  // Upstream's "preemption result filtered out by extenders" needs scheduler extenders, which the
  // simulator does not have.
  it.skip("preemption result filtered out by extenders (no extenders in the simulator)", () => {});
});

describe("TestDryRunPreemption", () => {
  interface Want {
    name: string;
    victims: string[];
    numPDBViolations?: number;
  }
  const cases: {
    name: string;
    plugins: string[];
    nodeNames: string[];
    testPods: Pod[];
    initPods: Pod[];
    pdbs?: KubeObject[];
    fakeCode?: Code;
    args?: Record<string, number>;
    offsets?: number[];
    expected: Want[][];
    expectedNumFilterCalled: number[];
  }[] = [
    {
      name: "a pod that fits on both nodes when lower priority pods are preempted",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [
        pod("p1", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2", { node: "node2", priority: midPriority, req: largeRes }),
      ],
      expected: [
        [
          { name: "node1", victims: ["p1"] },
          { name: "node2", victims: ["p2"] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: "a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: lowPriority, req: largeRes })],
      initPods: [
        pod("p1", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2", { node: "node2", priority: midPriority, req: largeRes }),
      ],
      expected: [[]],
      expectedNumFilterCalled: [0],
    },
    {
      name: "medium priority pod is preempted, but lower priority one stays as it is small",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: lowPriority, req: smallRes }),
        pod("p1.2", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2", { node: "node2", priority: midPriority, req: largeRes }),
      ],
      expected: [
        [
          { name: "node1", victims: ["p1.2"] },
          { name: "node2", victims: ["p2"] },
        ],
      ],
      expectedNumFilterCalled: [5],
    },
    {
      name: "mixed priority pods are preempted",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.2", { node: "node1", priority: lowPriority, req: smallRes }),
        pod("p1.3", { node: "node1", priority: midPriority, req: mediumRes }),
        pod("p1.4", { node: "node1", priority: highPriority, req: smallRes }),
        pod("p2", { node: "node2", priority: highPriority, req: largeRes }),
      ],
      expected: [[{ name: "node1", victims: ["p1.2", "p1.3"] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: "mixed priority pods are preempted, pick later StartTime one when priorities are equal",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: lowPriority, req: smallRes, startTime: epoch(5) }),
        pod("p1.2", { node: "node1", priority: lowPriority, req: smallRes, startTime: epoch(4) }),
        pod("p1.3", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(3) }),
        pod("p1.4", { node: "node1", priority: highPriority, req: smallRes, startTime: epoch(2) }),
        pod("p2", { node: "node2", priority: highPriority, req: largeRes, startTime: epoch(1) }),
      ],
      expected: [[{ name: "node1", victims: ["p1.1", "p1.3"] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: "pod with anti-affinity is preempted",
      plugins: ["NodeResourcesFit", "InterPodAffinity"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: smallRes, labels: { foo: "" } })],
      initPods: [
        pod("p1.1", {
          node: "node1",
          priority: lowPriority,
          req: smallRes,
          labels: { foo: "" },
          spec: {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  {
                    labelSelector: { matchExpressions: [{ key: "foo", operator: "Exists" }] },
                    topologyKey: "hostname",
                  },
                ],
              },
            },
          },
        }),
        pod("p1.2", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.3", { node: "node1", priority: highPriority, req: smallRes }),
        pod("p2", { node: "node2", priority: highPriority, req: smallRes }),
      ],
      expected: [[{ name: "node1", victims: ["p1.1"] }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption to resolve pod topology spread filter failure",
      plugins: ["PodTopologySpread"],
      nodeNames: ["node-a/zone1", "node-b/zone1", "node-x/zone2"],
      testPods: [
        pod("p", {
          priority: highPriority,
          labels: { foo: "" },
          spec: {
            topologySpreadConstraints: ["zone", "hostname"].map((topologyKey) => ({
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: "DoNotSchedule",
              labelSelector: { matchExpressions: [{ key: "foo", operator: "Exists" }] },
            })),
          },
        }),
      ],
      initPods: [
        pod("pod-a1", { node: "node-a", priority: midPriority, labels: { foo: "" } }),
        pod("pod-a2", { node: "node-a", priority: lowPriority, labels: { foo: "" } }),
        pod("pod-b1", { node: "node-b", priority: lowPriority, labels: { foo: "" } }),
        pod("pod-x1", { node: "node-x", priority: highPriority, labels: { foo: "" } }),
        pod("pod-x2", { node: "node-x", priority: highPriority, labels: { foo: "" } }),
      ],
      expected: [
        [
          { name: "node-a", victims: ["pod-a2"] },
          { name: "node-b", victims: ["pod-b1"] },
        ],
      ],
      expectedNumFilterCalled: [5],
    },
    {
      name: "get Unschedulable in the preemption phase when the filter plugins filtering the nodes",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1", "node2"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [
        pod("p1", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2", { node: "node2", priority: midPriority, req: largeRes }),
      ],
      fakeCode: Code.Unschedulable,
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: "preemption with violation of same pdb",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1"],
      testPods: [pod("p", { priority: highPriority, req: veryLargeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
      ],
      pdbs: [pdb("pdb", { app: "foo" }, 1)],
      expected: [[{ name: "node1", victims: ["p1.1", "p1.2"], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1"],
      testPods: [pod("p", { priority: highPriority, req: veryLargeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
      ],
      pdbs: [pdb("pdb", { app: "foo" }, 1, { p2: epoch(0) })],
      expected: [[{ name: "node1", victims: ["p1.1", "p1.2"], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1"],
      testPods: [pod("p", { priority: highPriority, req: veryLargeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
      ],
      pdbs: [pdb("pdb", { app: "foo" }, 1, { "p1.2": epoch(0) })],
      expected: [[{ name: "node1", victims: ["p1.1", "p1.2"], numPDBViolations: 0 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'",
      plugins: ["NodeResourcesFit"],
      nodeNames: ["node1"],
      testPods: [pod("p", { priority: highPriority, req: veryLargeRes })],
      initPods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
        pod("p1.3", { node: "node1", priority: midPriority, req: mediumRes, labels: { app: "foo" } }),
      ],
      pdbs: [pdb("pdb", { app: "foo" }, 1, { "p1.3": epoch(0) })],
      expected: [[{ name: "node1", victims: ["p1.1", "p1.2", "p1.3"], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: "all nodes are possible candidates, but DefaultPreemptionArgs limits to 2",
      plugins: ["NodeResourcesFit"],
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      offsets: [4],
      nodeNames: ["node1", "node2", "node3", "node4", "node5"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [1, 2, 3, 4, 5].map((i) =>
        pod(`p${i}`, { node: `node${i}`, priority: midPriority, req: largeRes }),
      ),
      // cycle=0 => offset=4 => node5 (yes), node1 (yes)
      expected: [
        [
          { name: "node1", victims: ["p1"] },
          { name: "node5", victims: ["p5"] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: "some nodes are not possible candidates, DefaultPreemptionArgs limits to 2",
      plugins: ["NodeResourcesFit"],
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      offsets: [4],
      nodeNames: ["node1", "node2", "node3", "node4", "node5"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [1, 2, 3, 4, 5].map((i) =>
        pod(`p${i}`, {
          node: `node${i}`,
          priority: i === 2 || i === 5 ? veryHighPriority : midPriority,
          req: largeRes,
        }),
      ),
      // cycle=0 => offset=4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
      expected: [
        [
          { name: "node1", victims: ["p1"] },
          { name: "node3", victims: ["p3"] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: "preemption offset across multiple scheduling cycles and wrap around",
      plugins: ["NodeResourcesFit"],
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      offsets: [4, 1, 3],
      nodeNames: ["node1", "node2", "node3", "node4", "node5"],
      testPods: ["tp1", "tp2", "tp3"].map((n) => pod(n, { priority: highPriority, req: largeRes })),
      initPods: [1, 2, 3, 4, 5].map((i) =>
        pod(`p${i}`, { node: `node${i}`, priority: midPriority, req: largeRes }),
      ),
      expected: [
        [
          { name: "node1", victims: ["p1"] },
          { name: "node5", victims: ["p5"] },
        ],
        [
          { name: "node2", victims: ["p2"] },
          { name: "node3", victims: ["p3"] },
        ],
        [
          { name: "node4", victims: ["p4"] },
          { name: "node5", victims: ["p5"] },
        ],
      ],
      expectedNumFilterCalled: [4, 4, 4],
    },
    {
      name: "preemption looks past numCandidates until a non-PDB violating node is found",
      plugins: ["NodeResourcesFit"],
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 2 },
      offsets: [4],
      nodeNames: ["node1", "node2", "node3", "node4", "node5"],
      testPods: [pod("p", { priority: highPriority, req: largeRes })],
      initPods: [1, 2, 3, 4, 5].map((i) =>
        pod(`p${i}`, {
          node: `node${i}`,
          priority: midPriority,
          req: largeRes,
          labels: i === 3 || i === 4 ? {} : { app: "foo" },
        }),
      ),
      pdbs: [pdb("pdb", { app: "foo" }, 0)],
      // cycle=0 => offset=4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb), node3 (yes)
      expected: [
        [
          { name: "node1", victims: ["p1"], numPDBViolations: 1 },
          { name: "node3", victims: ["p3"] },
          { name: "node5", victims: ["p5"], numPDBViolations: 1 },
        ],
      ],
      expectedNumFilterCalled: [8],
    },
  ];
  for (const tt of cases)
    it(tt.name, () => {
      const fake = new FakeFilter(tt.fakeCode ?? Code.Success);
      const nodes = tt.nodeNames.map((n) => node(n, veryLargeRes));
      const e = env(nodes, tt.initPods, tt.plugins, {
        pdbs: tt.pdbs,
        args: tt.args,
        fake,
        offsets: tt.offsets,
      });
      const all = statuses(Object.fromEntries(nodes.map((n) => [n.metadata.name as string, U])));
      let prev = 0;
      tt.testPods.forEach((tp, cycle) => {
        const p = newPodInfo(tp);
        e.plugin.postFilter(e.state(p), p, all);
        const got = (e.plugin.lastRecord?.candidates ?? [])
          .map((c) => ({
            name: c.node,
            victims: c.victims.map((k) => k.split("/")[1] as string).sort(),
            numPDBViolations: c.numPDBViolations,
          }))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
        expect(got, `cycle ${cycle}`).toEqual(
          (tt.expected[cycle] as Want[]).map((w) => ({ numPDBViolations: 0, ...w })),
        );
        expect(fake.calls - prev, `cycle ${cycle} filter calls`).toBe(tt.expectedNumFilterCalled[cycle]);
        prev = fake.calls;
      });
    });

  it("a pod that does not fit on any node, or fits with no preemption: no candidates", () => {
    for (const code of [Code.Unschedulable, Code.Success]) {
      const fake = new FakeFilter(code);
      const nodes = [node("node1", veryLargeRes), node("node2", veryLargeRes)];
      const pods = [
        pod("p1", { node: "node1", priority: midPriority }),
        pod("p2", { node: "node2", priority: midPriority }),
      ];
      const e = env(nodes, pods, [], { fake });
      const p = newPodInfo(pod("p", { priority: highPriority }));
      const { status } = e.plugin.postFilter(e.state(p), p, statuses({ node1: U, node2: U }));
      expect(e.plugin.lastRecord?.candidates).toEqual([]);
      // One Filter call per node after removing the victims, and one per reprieve when that fits.
      expect(fake.calls).toBe(code === Code.Unschedulable ? 2 : 4);
      // A node that fits again once every lower-priority pod is reprieved is an error upstream.
      if (code === Code.Success)
        expect(status?.message()).toMatch(
          /^preemption: \[?expected at least one victim pod on node "node[12]"/,
        );
    }
  });
});

describe("TestSelectBestCandidate", () => {
  const cases: { name: string; nodeNames: string[]; pod: Pod; pods: Pod[]; expected: string[] }[] = [
    {
      name: "a pod that fits on both nodes when lower priority pods are preempted",
      nodeNames: ["node1", "node2"],
      pod: pod("p", { priority: highPriority, req: largeRes }),
      pods: [
        pod("p1", { node: "node1", priority: midPriority, req: largeRes, startTime: epoch(0) }),
        pod("p2", { node: "node2", priority: midPriority, req: largeRes, startTime: epoch(0) }),
      ],
      expected: ["node1", "node2"],
    },
    {
      name: "node with min highest priority pod is picked",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes }),
        pod("p1.2", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2.1", { node: "node2", priority: midPriority, req: mediumRes }),
        pod("p2.2", { node: "node2", priority: lowPriority, req: mediumRes }),
        pod("p3.1", { node: "node3", priority: lowPriority, req: mediumRes }),
        pod("p3.2", { node: "node3", priority: lowPriority, req: mediumRes }),
      ],
      expected: ["node3"],
    },
    {
      name: "when highest priorities are the same, minimum sum of priorities is picked",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes }),
        pod("p1.2", { node: "node1", priority: midPriority, req: largeRes }),
        pod("p2.1", { node: "node2", priority: midPriority, req: largeRes }),
        pod("p2.2", { node: "node2", priority: lowPriority, req: mediumRes }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes }),
        pod("p3.2", { node: "node3", priority: midPriority, req: mediumRes }),
      ],
      expected: ["node2"],
    },
    {
      name: "when highest priority and sum are the same, minimum number of pods is picked",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.2", { node: "node1", priority: negPriority, req: smallRes }),
        pod("p1.3", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.4", { node: "node1", priority: negPriority, req: smallRes }),
        pod("p2.1", { node: "node2", priority: midPriority, req: largeRes }),
        pod("p2.2", { node: "node2", priority: negPriority, req: mediumRes }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes }),
        pod("p3.2", { node: "node3", priority: negPriority, req: smallRes }),
        pod("p3.3", { node: "node3", priority: lowPriority, req: smallRes }),
      ],
      expected: ["node2"],
    },
    {
      name: "sum of adjusted priorities is considered",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.2", { node: "node1", priority: negPriority, req: smallRes }),
        pod("p1.3", { node: "node1", priority: negPriority, req: smallRes }),
        pod("p2.1", { node: "node2", priority: midPriority, req: largeRes }),
        pod("p2.2", { node: "node2", priority: negPriority, req: mediumRes }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes }),
        pod("p3.2", { node: "node3", priority: negPriority, req: smallRes }),
        pod("p3.3", { node: "node3", priority: lowPriority, req: smallRes }),
      ],
      expected: ["node2"],
    },
    {
      name: "non-overlapping lowest high priority, sum priorities, and number of pods",
      nodeNames: ["node1", "node2", "node3", "node4"],
      pod: pod("p", { priority: veryHighPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: smallRes }),
        pod("p1.2", { node: "node1", priority: lowPriority, req: smallRes }),
        pod("p1.3", { node: "node1", priority: lowPriority, req: smallRes }),
        pod("p2.1", { node: "node2", priority: highPriority, req: largeRes }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes }),
        pod("p3.2", { node: "node3", priority: lowPriority, req: smallRes }),
        pod("p3.3", { node: "node3", priority: lowPriority, req: smallRes }),
        pod("p3.4", { node: "node3", priority: lowPriority, req: mediumRes }),
        pod("p4.1", { node: "node4", priority: midPriority, req: mediumRes }),
        pod("p4.2", { node: "node4", priority: midPriority, req: smallRes }),
        pod("p4.3", { node: "node4", priority: midPriority, req: smallRes }),
        pod("p4.4", { node: "node4", priority: negPriority, req: smallRes }),
      ],
      expected: ["node1"],
    },
    {
      name: "same priority, same number of victims, different start time for each node's pod",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(2) }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(2) }),
        pod("p2.1", { node: "node2", priority: midPriority, req: mediumRes, startTime: epoch(3) }),
        pod("p2.2", { node: "node2", priority: midPriority, req: mediumRes, startTime: epoch(3) }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes, startTime: epoch(1) }),
        pod("p3.2", { node: "node3", priority: midPriority, req: mediumRes, startTime: epoch(1) }),
      ],
      expected: ["node2"],
    },
    {
      name: "same priority, same number of victims, different start time for all pods",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(4) }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(2) }),
        pod("p2.1", { node: "node2", priority: midPriority, req: mediumRes, startTime: epoch(5) }),
        pod("p2.2", { node: "node2", priority: midPriority, req: mediumRes, startTime: epoch(1) }),
        pod("p3.1", { node: "node3", priority: midPriority, req: mediumRes, startTime: epoch(3) }),
        pod("p3.2", { node: "node3", priority: midPriority, req: mediumRes, startTime: epoch(6) }),
      ],
      expected: ["node3"],
    },
    {
      name: "different priority, same number of victims, different start time for all pods",
      nodeNames: ["node1", "node2", "node3"],
      pod: pod("p", { priority: highPriority, req: veryLargeRes }),
      pods: [
        pod("p1.1", { node: "node1", priority: lowPriority, req: mediumRes, startTime: epoch(4) }),
        pod("p1.2", { node: "node1", priority: midPriority, req: mediumRes, startTime: epoch(2) }),
        pod("p2.1", { node: "node2", priority: midPriority, req: mediumRes, startTime: epoch(6) }),
        pod("p2.2", { node: "node2", priority: lowPriority, req: mediumRes, startTime: epoch(1) }),
        pod("p3.1", { node: "node3", priority: lowPriority, req: mediumRes, startTime: epoch(3) }),
        pod("p3.2", { node: "node3", priority: midPriority, req: mediumRes, startTime: epoch(5) }),
      ],
      expected: ["node2"],
    },
  ];
  for (const tt of cases)
    it(tt.name, () => {
      const nodes = tt.nodeNames.map((n) => node(n, veryLargeRes));
      const pods = tt.pods.map((p) =>
        p.status?.startTime ? p : pod(p.metadata.name as string, { ...podOpts(p), startTime: epoch(0) }),
      );
      const e = env(nodes, pods, ["NodeResourcesFit"]);
      const p = newPodInfo(tt.pod);
      const all = statuses(Object.fromEntries(tt.nodeNames.map((n) => [n, U])));
      const { result } = e.plugin.postFilter(e.state(p), p, all);
      expect(tt.expected).toContain(result?.nominatedNodeName);
    });
});

function podOpts(p: Pod): PodOpts {
  return {
    node: p.spec?.nodeName,
    priority: p.spec?.priority,
    req: p.spec?.containers[0]?.resources?.requests as Record<string, string>,
  };
}

describe("pickOneNodeForPreemption (preemption_test.go)", () => {
  const v = (name: string, priority: number, start = 0): PodInfo =>
    newPodInfo(pod(name, { priority, startTime: epoch(start) }));
  const c = (name: string, victims: PodInfo[], numPDBViolations = 0): Candidate => ({
    name,
    victims,
    numPDBViolations,
  });
  it("fewest PDB violations first", () => {
    expect(
      pickOneNodeForPreemption([c("n1", [v("a", 0)], 1), c("n2", [v("b", 100), v("c", 50)], 0)]).name,
    ).toBe("n2");
  });
  it("then the lowest highest-priority victim", () => {
    expect(pickOneNodeForPreemption([c("n1", [v("a", 100)]), c("n2", [v("b", 50), v("c", 50)])]).name).toBe(
      "n2",
    );
  });
  it("then the smallest sum of priorities (each shifted by 2^31)", () => {
    expect(
      pickOneNodeForPreemption([c("n1", [v("a", 100), v("b", 0)]), c("n2", [v("c", 100), v("d", -100)])])
        .name,
    ).toBe("n2");
  });
  it("then the fewest victims", () => {
    // -2^31 priorities add nothing to the shifted sum, so only the count differs.
    const min = -(2 ** 31);
    expect(pickOneNodeForPreemption([c("n1", [v("a", 100), v("b", min)]), c("n2", [v("c", 100)])]).name).toBe(
      "n2",
    );
  });
  it("then the latest start time of the highest-priority victims", () => {
    expect(
      pickOneNodeForPreemption([
        c("n1", [v("a", 100, 1)]),
        c("n2", [v("b", 100, 3)]),
        c("n3", [v("c", 100, 2)]),
      ]).name,
    ).toBe("n2");
  });
});

describe("TestPodEligibleToPreemptOthers", () => {
  const terminatingByPreemption = {
    conditions: [{ type: "DisruptionTarget", status: "True", reason: "PreemptionByScheduler" }],
  };
  const cases: {
    name: string;
    pod: Pod;
    pods: Pod[];
    nodes: string[];
    nominatedStatus?: Status;
    expected: boolean;
    message?: string;
  }[] = [
    {
      name: "Pod with nominated node",
      pod: pod("p_with_nominated_node", { priority: highPriority, status: { nominatedNodeName: "node1" } }),
      pods: [pod("p1", { node: "node1", priority: lowPriority, deleting: true })],
      nodes: ["node1"],
      nominatedStatus: newStatus(UU, "node(s) had untolerated taint"),
      expected: true,
    },
    {
      name: "Pod without nominated node",
      pod: pod("p_without_nominated_node", { priority: highPriority }),
      pods: [],
      nodes: [],
      expected: true,
    },
    {
      name: "Pod with 'PreemptNever' preemption policy",
      pod: pod("p_with_preempt_never_policy", {
        priority: highPriority,
        spec: { preemptionPolicy: "Never" },
      }),
      pods: [],
      nodes: [],
      expected: false,
      message: ErrNotEligibleNever,
    },
    {
      name: "preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition",
      pod: pod("p_with_nominated_node", { priority: highPriority, status: { nominatedNodeName: "node1" } }),
      pods: [
        pod("p1", { node: "node1", priority: lowPriority, deleting: true, status: terminatingByPreemption }),
      ],
      nodes: ["node1"],
      nominatedStatus: newStatus(U),
      expected: false,
      message: ErrNotEligibleTerminating,
    },
    {
      name: "non-victim Pods terminating",
      pod: pod("p_with_nominated_node", { priority: highPriority, status: { nominatedNodeName: "node1" } }),
      pods: [pod("p1", { node: "node1", priority: lowPriority, deleting: true })],
      nodes: ["node1"],
      nominatedStatus: newStatus(U),
      expected: true,
    },
  ];
  for (const tt of cases)
    it(tt.name, () => {
      const e = env(
        tt.nodes.map((n) => node(n, onePodRes)),
        tt.pods,
        [],
      );
      const p = newPodInfo(tt.pod);
      const m: NodeToStatus = { statuses: new Map(), absentStatus: newStatus(UU) };
      const nom = tt.pod.status?.nominatedNodeName;
      if (nom && tt.nominatedStatus) m.statuses.set(nom, tt.nominatedStatus);
      const { status } = e.plugin.postFilter(e.state(p), p, m);
      const ineligible = status?.message().startsWith("preemption: not eligible") ?? false;
      expect(!ineligible).toBe(tt.expected);
      if (tt.message) expect(status?.message()).toBe(`preemption: ${tt.message}`);
    });
});

describe("TestPreempt (whole cluster)", () => {
  function setup(preemptionPolicy?: string): Cluster {
    const c = createCluster();
    for (const n of ["node1", "node2", "node3"]) {
      const alloc = { cpu: "500m", memory: "500", pods: "32" };
      c.api.create({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: n, labels: { "kubernetes.io/hostname": n } },
        status: { capacity: alloc, allocatable: alloc },
      });
    }
    const pc = (name: string, value: number) =>
      c.api.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value });
    pc("low", lowPriority + 1);
    pc("mid", midPriority);
    pc("high", highPriority);
    c.api.create({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "high-never" },
      value: highPriority,
      preemptionPolicy: "Never",
    });
    const mk = (name: string, nodeName: string, cls: string, res: Record<string, string>) =>
      c.api.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: "default" },
        spec: {
          nodeName,
          priorityClassName: cls,
          containers: [{ name: "c", image: "x", resources: { requests: res } }],
        },
      });
    mk("p1.1", "node1", "low", smallRes);
    mk("p1.2", "node1", "low", smallRes);
    mk("p2.1", "node2", "high", largeRes);
    mk("p3.1", "node3", "mid", mediumRes);
    c.advance(1);
    c.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
      spec: {
        // The priority admission plugin sets preemptionPolicy from the class.
        priorityClassName: preemptionPolicy === "Never" ? "high-never" : "high",
        containers: [{ name: "c", image: "x", resources: { requests: veryLargeRes } }],
      },
    });
    c.advance(1);
    return c;
  }

  it("basic preemption logic: node1's victims are evicted with a Preempted event", () => {
    const c = setup();
    const p = c.api.get("Pod", "default", "p") as KubeObject;
    expect(p.status?.nominatedNodeName ?? p.spec?.nodeName).toBe("node1");
    const ev = c.api.list("Event").filter((e) => e.reason === "Preempted");
    expect(ev.map((e) => e.involvedObject?.name).sort()).toEqual(["p1.1", "p1.2"]);
    expect(ev[0]?.message).toBe(`Preempted by pod ${p.metadata.uid} on node node1`);
  });

  it("no preempting in pod (preemptionPolicy Never)", () => {
    const c = setup("Never");
    expect(c.api.list("Event").filter((e) => e.reason === "Preempted")).toEqual([]);
    const msg = c.api
      .list("Event")
      .find((e) => e.involvedObject?.name === "p" && e.reason === "FailedScheduling")?.message;
    expect(msg).toBe(
      `0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: ${ErrNotEligibleNever}`,
    );
  });
});

describe("the dry run's shortcut for nodes without room", () => {
  // Clusters of nodes full of low-priority pods and a burst of preemptors (some of which nominate
  // nodes the others then find full): the outcome must be the same with and without the shortcut.
  const outcome = (nodes: number[][], preemptors: number[], shortcut: boolean) => {
    DefaultPreemptionPlugin.shortcut = shortcut;
    try {
      const c = createCluster({ seed: 3 });
      for (const v of [10, 11, 12])
        c.api.create({
          apiVersion: "scheduling.k8s.io/v1",
          kind: "PriorityClass",
          metadata: { name: `p${v}` },
          value: v,
        });
      nodes.forEach((pods, i) => {
        c.api.create(node(`n${i}`, { cpu: "4", memory: "8Gi" }));
        pods.forEach((cpu, j) => {
          c.api.create(pod(`low-${i}-${j}`, { node: `n${i}`, req: { cpu: `${cpu}m` } }));
        });
      });
      c.advance(1);
      preemptors.forEach((cpu, k) => {
        const hp = pod(`high-${k}`, {
          req: { cpu: `${cpu}m` },
          spec: { priorityClassName: `p${10 + (k % 3)}` },
        });
        // The Priority admission plugin fills it from the class.
        delete hp.spec?.priority;
        c.api.create(hp);
      });
      c.advance(30);
      return c.api
        .list("Pod")
        .map((p) => `${p.metadata.name}@${p.spec.nodeName ?? ""}:${p.status?.nominatedNodeName ?? ""}`)
        .concat(c.api.list("Event").map((e) => `${e.reason}: ${e.message}`))
        .sort();
    } finally {
      DefaultPreemptionPlugin.shortcut = true;
    }
  };

  it("gives the same placements, nominations and events", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 100, max: 1500 }), { maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.integer({ min: 500, max: 3500 }), { minLength: 1, maxLength: 6 }),
        (nodes, preemptors) => {
          expect(outcome(nodes, preemptors, true)).toEqual(outcome(nodes, preemptors, false));
        },
      ),
      { numRuns: 40 },
    );
  });
});
