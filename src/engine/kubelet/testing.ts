/** Test helpers for the kubelet's tests. */
import type { Node } from "../api/kinds";

/** A ready-to-schedule node with 4 CPUs, 8Gi and 110 pods, labelled with its host name. */
export function testNode(name: string): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name } },
    status: {
      allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
      capacity: { cpu: "4", memory: "8Gi", pods: "110" },
    },
  } as Node;
}
