/** NodeName: a pod that names a node (spec.nodeName) fits only that node. */
import type { ClusterEventWithHint, FilterPlugin } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { NodeName as NAME } from "../names";
import { nodeNameEvents } from "./node-name-hints";

/** The reason for any other node. */
export const ErrReason = "node(s) didn't match the requested node name";

/** Whether the pod fits the node by name (nodename.Fits). */
export function fits(p: PodInfo, nodeInfo: NodeInfo): boolean {
  const want = p.pod.spec?.nodeName;
  return !want || want === nodeInfo.name;
}

/** Filters nodes by spec.nodeName (nodename/node_name.go). */
export class NodeNamePlugin implements FilterPlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return nodeNameEvents();
  }
  passesEveryNode(_s: unknown, p: PodInfo): boolean {
    return !p.pod.spec?.nodeName;
  }

  filter(_s: unknown, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return fits(p, nodeInfo) ? undefined : newStatus(Code.UnschedulableAndUnresolvable, ErrReason);
  }
}
