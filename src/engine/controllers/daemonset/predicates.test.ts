// Tables ported from kubernetes/kubernetes pkg/controller/daemon/daemon_controller_test.go
// (TestNodeShouldRunDaemonPod) and pkg/controller/daemon/util/daemonset_util_test.go
// (TestReplaceDaemonSetPodNodeNameNodeAffinity, TestGetTargetNodeName, TestIsPodUpdated).
import { describe, expect, it } from "vitest";
import type { DaemonSet, Node, Pod, PodSpec } from "../../api/kinds";
import { daemonSet, node } from "../testing/fixtures";
import {
  addOrUpdateDaemonPodTolerations,
  createPodTemplate,
  findUpdatedPodsOnNode,
  getTargetNodeName,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  replaceDaemonSetPodNodeNameNodeAffinity,
} from "./predicates";

function ds(podSpec: Record<string, unknown> = {}): DaemonSet {
  const d = daemonSet("ds") as DaemonSet;
  Object.assign(d.spec?.template.spec ?? {}, podSpec);
  return d;
}

describe("nodeShouldRunDaemonPod (TestNodeShouldRunDaemonPod)", () => {
  const cases: {
    name: string;
    ds: DaemonSet;
    node: Node;
    shouldRun: boolean;
    shouldContinueRunning: boolean;
  }[] = [
    { name: "simple", ds: ds(), node: node("n"), shouldRun: true, shouldContinueRunning: true },
    {
      name: "resources are not the controller's business",
      ds: ds({ containers: [{ name: "c", image: "i", resources: { requests: { cpu: "100" } } }] }),
      node: node("n"),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "nodeName matches",
      ds: ds({ nodeName: "n" }),
      node: node("n"),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "nodeName does not match",
      ds: ds({ nodeName: "other" }),
      node: node("n"),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    {
      name: "nodeSelector does not match",
      ds: ds({ nodeSelector: { app: "dev" } }),
      node: node("n"),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    {
      name: "nodeSelector matches",
      ds: ds({ nodeSelector: { app: "dev" } }),
      node: node("n", { labels: { app: "dev" } }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "node affinity does not match",
      ds: ds({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "type", operator: "In", values: ["production"] }] },
              ],
            },
          },
        },
      }),
      node: node("n", { labels: { type: "test" } }),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    {
      name: "node affinity matches",
      ds: ds({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "type", operator: "In", values: ["production"] }] },
              ],
            },
          },
        },
      }),
      node: node("n", { labels: { type: "production" } }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "untolerated NoSchedule taint: no new pod, existing one stays",
      ds: ds(),
      node: node("n", { taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] }),
      shouldRun: false,
      shouldContinueRunning: true,
    },
    {
      name: "untolerated NoExecute taint: existing pod must go",
      ds: ds(),
      node: node("n", { taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] }),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    {
      name: "tolerated NoExecute taint",
      ds: ds({
        tolerations: [{ key: "maintenance", operator: "Equal", value: "true", effect: "NoExecute" }],
      }),
      node: node("n", { taints: [{ key: "maintenance", value: "true", effect: "NoExecute" }] }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "PreferNoSchedule is ignored",
      ds: ds(),
      node: node("n", { taints: [{ key: "x", effect: "PreferNoSchedule" }] }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "unschedulable (cordoned) node still runs daemon pods",
      ds: ds(),
      node: node("n", {
        unschedulable: true,
        taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }],
      }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "not-ready NoExecute taint is tolerated by default",
      ds: ds(),
      node: node("n", { taints: [{ key: "node.kubernetes.io/not-ready", effect: "NoExecute" }] }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    {
      name: "network-unavailable is tolerated only with hostNetwork",
      ds: ds(),
      node: node("n", { taints: [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }] }),
      shouldRun: false,
      shouldContinueRunning: true,
    },
    {
      name: "network-unavailable with hostNetwork",
      ds: ds({ hostNetwork: true }),
      node: node("n", { taints: [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }] }),
      shouldRun: true,
      shouldContinueRunning: true,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(nodeShouldRunDaemonPod(c.node, c.ds)).toEqual({
        shouldRun: c.shouldRun,
        shouldContinueRunning: c.shouldContinueRunning,
      });
    });
});

describe("addOrUpdateDaemonPodTolerations", () => {
  it("appends the defaults in upstream order after the pod's own", () => {
    const spec: PodSpec = { containers: [], tolerations: [{ key: "a", operator: "Exists" }] };
    addOrUpdateDaemonPodTolerations(spec);
    expect((spec.tolerations ?? []).map((t) => `${t.key}:${t.effect ?? ""}`)).toEqual([
      "a:",
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
  });
  it("replaces a matching toleration in place (dropping tolerationSeconds)", () => {
    const spec = {
      containers: [],
      tolerations: [
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists" as const,
          effect: "NoExecute" as const,
          tolerationSeconds: 300,
        },
      ],
    };
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec.tolerations[0]).toEqual({
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
    });
    expect(spec.tolerations).toHaveLength(6);
  });
  it("is idempotent", () => {
    const spec = { containers: [] };
    addOrUpdateDaemonPodTolerations(spec);
    const once = structuredClone(spec);
    addOrUpdateDaemonPodTolerations(spec);
    expect(spec).toEqual(once);
  });
});

describe("replaceDaemonSetPodNodeNameNodeAffinity (TestReplaceDaemonSetPodNodeNameNodeAffinity)", () => {
  const pinned = (n: string) => ({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [n] }] }],
      },
    },
  });
  it("nil affinity", () =>
    expect(replaceDaemonSetPodNodeNameNodeAffinity(undefined, "host_1")).toEqual(pinned("host_1")));
  it("nil node affinity keeps pod affinity", () => {
    const a = { podAffinity: { x: 1 } };
    expect(replaceDaemonSetPodNodeNameNodeAffinity(a, "host_1")).toEqual({
      podAffinity: { x: 1 },
      ...pinned("host_1"),
    });
  });
  it("keeps preferred terms and replaces required terms", () => {
    const a = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }],
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: "metadata.name", operator: "In", values: ["host_2"] }] },
            { matchExpressions: [{ key: "hostname", operator: "In", values: ["host_1"] }] },
          ],
        },
      },
    };
    const out = replaceDaemonSetPodNodeNameNodeAffinity(a, "host_1");
    expect(out.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(out.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual(
      pinned("host_1").nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution,
    );
  });
});

describe("getTargetNodeName (TestGetTargetNodeName)", () => {
  it("spec.nodeName wins", () => {
    expect(
      getTargetNodeName({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {},
        spec: { nodeName: "n1", containers: [] },
      } as Pod),
    ).toBe("n1");
  });
  it("reads the matchFields affinity", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {},
      spec: { containers: [], affinity: replaceDaemonSetPodNodeNameNodeAffinity(undefined, "n2") },
    } as Pod;
    expect(getTargetNodeName(pod)).toBe("n2");
  });
  it("undefined without either", () => {
    expect(
      getTargetNodeName({ apiVersion: "v1", kind: "Pod", metadata: {}, spec: { containers: [] } } as Pod),
    ).toBeUndefined();
  });
});

describe("isPodUpdated / findUpdatedPodsOnNode", () => {
  const pod = (labels: Record<string, string>, deleting = false) =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { labels, ...(deleting ? { deletionTimestamp: "x" } : {}) },
      spec: { containers: [] },
    }) as Pod;
  it("hash or template generation matches", () => {
    expect(isPodUpdated(pod({ "controller-revision-hash": "h" }), "h", 5)).toBe(true);
    expect(isPodUpdated(pod({ "pod-template-generation": "5" }), "other", 5)).toBe(true);
    expect(isPodUpdated(pod({ "pod-template-generation": "4" }), "other", 5)).toBe(false);
  });
  it("duplicates make the node not ok; deleting pods are ignored", () => {
    const a = pod({ "controller-revision-hash": "h" });
    const b = pod({ "controller-revision-hash": "old" });
    expect(findUpdatedPodsOnNode([a, b], "h", undefined)).toEqual({ newPod: a, oldPod: b, ok: true });
    expect(findUpdatedPodsOnNode([a, a], "h", undefined).ok).toBe(false);
    expect(
      findUpdatedPodsOnNode([a, pod({ "controller-revision-hash": "h" }, true)], "h", undefined).ok,
    ).toBe(true);
  });
  it("createPodTemplate labels and tolerations", () => {
    const d = ds();
    d.metadata.generation = 1;
    const t = createPodTemplate(d, "abc");
    expect(t?.metadata?.labels).toEqual({
      app: "ds",
      "pod-template-generation": "1",
      "controller-revision-hash": "abc",
    });
    expect(t?.spec?.tolerations).toHaveLength(6);
  });
});
