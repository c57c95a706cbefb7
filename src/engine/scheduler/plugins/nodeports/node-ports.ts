/** NodePorts: a pod's hostPorts must be free on the node. */
import type { CycleState } from "../../framework/cycle-state";
import type { FilterPlugin, PreFilterPlugin } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { NodeInfo, PodInfo } from "../../framework/types";
import { NodePorts as NAME } from "../names";

/** The reason for a node whose ports are taken. */
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

/** Whether every host port of the pod is free on the node (nodeports.Fits). */
export function fitsPorts(p: PodInfo, nodeInfo: NodeInfo): boolean {
  for (const hp of p.ports) if (nodeInfo.portConflict(hp)) return false;
  return true;
}

/** Checks host port conflicts (nodeports/node_ports.go). */
export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  preFilter(_s: CycleState, p: PodInfo) {
    // No host ports: nothing to check, skip Filter.
    if (p.ports.length === 0) return { status: newStatus(Code.Skip) };
    return {};
  }
  filter(_s: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    return fitsPorts(p, nodeInfo) ? undefined : newStatus(Code.Unschedulable, ErrReason);
  }
}
