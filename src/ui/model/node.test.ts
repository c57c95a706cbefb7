import { describe, expect, it } from "vitest";
import type { Node } from "../../engine/api/kinds";
import { cardLabelCount, cardLabels, isKubernetesLabel } from "./node";

const node = {
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: "node01",
    labels: {
      "kubernetes.io/hostname": "node01",
      "kubernetes.io/os": "linux",
      "node-role.kubernetes.io/worker": "",
      "topology.kubernetes.io/zone": "a",
      "node.k8s.io/instance": "x",
      disktype: "ssd",
      "example.com/team": "blue",
      gpu: "",
    },
  },
} as Node;

describe("node card labels", () => {
  it("treats the kubernetes.io and k8s.io namespaces as Kubernetes's own", () => {
    expect(isKubernetesLabel("kubernetes.io/hostname")).toBe(true);
    expect(isKubernetesLabel("node-role.kubernetes.io/control-plane")).toBe(true);
    expect(isKubernetesLabel("node.k8s.io/instance")).toBe(true);
    expect(isKubernetesLabel("notkubernetes.io/x")).toBe(false);
    expect(isKubernetesLabel("disktype")).toBe(false);
  });
  it("lists the user's labels, or all of them, sorted, key=value (key alone when empty)", () => {
    expect(cardLabels(node, false)).toEqual(["disktype=ssd", "example.com/team=blue", "gpu"]);
    expect(cardLabels(node, true)).toHaveLength(8);
    expect(cardLabels(node, true)[0]).toBe("disktype=ssd");
    expect(cardLabelCount(node, false)).toBe(3);
    expect(cardLabelCount(node, true)).toBe(8);
  });
});
