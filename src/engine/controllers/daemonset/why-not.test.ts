// Rows after kubernetes/kubernetes release-1.32 pkg/controller/daemon/daemon_controller_test.go
// (TestNodeShouldRunDaemonPod: node selector, node affinity, taints), each with its reason.
import { describe, expect, it } from "vitest";
import type { DaemonSet, Node } from "../../api/kinds";
import { daemonSetVerdict } from "./why-not";

const node = (labels: Record<string, string> = {}, taints: unknown[] = []): Node =>
  ({ apiVersion: "v1", kind: "Node", metadata: { name: "node01", labels }, spec: { taints } }) as Node;

const ds = (spec: Record<string, unknown> = {}): DaemonSet =>
  ({
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "fluentd", namespace: "kube-system" },
    spec: {
      selector: { matchLabels: { a: "b" } },
      template: { metadata: { labels: { a: "b" } }, spec: { containers: [], ...spec } },
    },
  }) as DaemonSet;

describe("daemonSetVerdict", () => {
  it("ShouldRunDaemonPod: no selector, no taints", () => {
    expect(daemonSetVerdict(node(), ds())).toEqual({
      daemonSet: "kube-system/fluentd",
      shouldRun: true,
      shouldContinueRunning: true,
      reasons: [],
    });
  });

  it("node selector that the node's labels do not match", () => {
    const v = daemonSetVerdict(node({ disktype: "hdd" }), ds({ nodeSelector: { disktype: "ssd" } }));
    expect([v.shouldRun, v.reasons]).toEqual([false, ["has label disktype=hdd, pod needs disktype=ssd"]]);
  });

  it("required node affinity that matches no term", () => {
    const v = daemonSetVerdict(
      node(),
      ds({
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
    );
    expect(v.reasons).toEqual(["missing label type=production"]);
  });

  it("a NoSchedule taint not tolerated: should not run, an existing pod may continue", () => {
    const v = daemonSetVerdict(node({}, [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]), ds());
    expect(v).toEqual({
      daemonSet: "kube-system/fluentd",
      shouldRun: false,
      shouldContinueRunning: true,
      reasons: ["untolerated taint dedicated=gpu:NoSchedule"],
    });
  });

  it("a NoExecute taint not tolerated: neither runs nor continues", () => {
    const v = daemonSetVerdict(node({}, [{ key: "k", value: "v", effect: "NoExecute" }]), ds());
    expect([v.shouldRun, v.shouldContinueRunning, v.reasons]).toEqual([
      false,
      false,
      ["untolerated taint k=v:NoExecute"],
    ]);
  });

  it("the default daemon tolerations cover a cordoned node and node conditions", () => {
    const v = daemonSetVerdict(
      node({}, [
        { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
        { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
      ]),
      ds(),
    );
    expect(v.shouldRun).toBe(true);
  });
});
