/** NodePorts: a pod's hostPorts must be free on the node. */
import type { CycleState, StateData } from "../../framework/cycle-state";
import type { ClusterEventWithHint, FilterPlugin, PreFilterPlugin } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { HostPort, NodeInfo, PodInfo } from "../../framework/types";
import { NodePorts as NAME } from "../names";
import { nodePortsEvents } from "./node-ports-hints";

/** The reason for a node whose ports are taken. */
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

/** The CycleState key of the pod's wanted host ports (preFilterStateKey). */
export const preFilterStateKey = `PreFilter${NAME}`;

/** The host ports the pod wants (preFilterState); never mutated, so clones share it. */
class PreFilterState implements StateData {
  constructor(readonly ports: HostPort[]) {}
  clone(): StateData {
    return this;
  }
}

/** Whether every host port of the pod is free on the node (nodeports.Fits). */
export function fitsPorts(p: PodInfo, nodeInfo: NodeInfo): boolean {
  for (const hp of p.ports) if (nodeInfo.portConflict(hp)) return false;
  return true;
}

/** Checks host port conflicts (nodeports/node_ports.go). */
export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return nodePortsEvents();
  }
  preFilter(state: CycleState, p: PodInfo) {
    // No host ports: nothing to check, skip Filter.
    if (p.ports.length === 0) return { status: newStatus(Code.Skip) };
    state.write(preFilterStateKey, new PreFilterState(p.ports));
    return {};
  }
  filter(state: CycleState, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    // PreFilter did not run: the framework is misconfigured.
    if (state.read(preFilterStateKey) === undefined)
      return newStatus(Code.Error, `error reading "${preFilterStateKey}" from cycleState: not found`);
    return fitsPorts(p, nodeInfo) ? undefined : newStatus(Code.Unschedulable, ErrReason);
  }
}
