/** kube-controller-manager's node controllers: node lifecycle and taint eviction. */
import type { Cluster } from "../cluster";
import { NodeLifecycleController } from "./controller";
import { TaintEvictionController } from "./tainteviction";

export { computeZoneState, NodeLifecycleController, noScheduleTaintsFor } from "./controller";
export { TaintEvictionController } from "./tainteviction";

/** Starts the node lifecycle and taint eviction controllers. */
export function installNodeLifecycle(cluster: Cluster): void {
  cluster.addComponent(new NodeLifecycleController(cluster));
  cluster.addComponent(new TaintEvictionController(cluster));
}
