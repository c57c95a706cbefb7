/** NodeUnschedulable: cordoned nodes (spec.unschedulable) take no new pods unless tolerated. */

import { tolerationsTolerateTaint } from "../../../api/helpers/taints";
import { TaintNodeUnschedulable } from "../../../nodelifecycle/constants";
import type { ClusterEventWithHint, FilterPlugin, Handle } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import { clearFlagged, type NodeColumns, type NodeInfo, type PodInfo } from "../../framework/types";
import { NodeUnschedulable as NAME } from "../names";
import { nodeUnschedulableEvents } from "./node-unschedulable-hints";

/** The reason for a cordoned node. */
export const ErrReasonUnschedulable = "node(s) were unschedulable";
/** The reason when a node object is missing. */
export const ErrReasonUnknownCondition = "node(s) had unknown conditions";

/** Filters out unschedulable nodes (nodeunschedulable/node_unschedulable.go). */
export class NodeUnschedulablePlugin implements FilterPlugin {
  readonly name = NAME;
  constructor(private readonly handle?: Handle) {}

  /** No node is cordoned: nothing to refuse. */
  passesEveryNode(): boolean {
    return this.handle?.snapshot.nodeFlagCounts?.().unschedulable === 0;
  }

  /** The filter over the cache's columns: uncordoned nodes pass; the filter decides on the others. */
  passingNodes(
    _s: unknown,
    _p: PodInfo,
    columns: NodeColumns,
    start: number,
    count: number,
    ok: Uint8Array,
  ): void {
    clearFlagged(columns.unschedulable, columns, start, count, ok);
  }

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return nodeUnschedulableEvents();
  }
  filter(_s: unknown, p: PodInfo, nodeInfo: NodeInfo): MaybeStatus {
    const node = nodeInfo.node;
    if (!node) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnknownCondition);
    if (!nodeInfo.unschedulable) return undefined;
    // A pod tolerating the unschedulable taint also tolerates spec.unschedulable.
    if (
      tolerationsTolerateTaint(p.pod.spec?.tolerations, {
        key: TaintNodeUnschedulable,
        effect: "NoSchedule",
      })
    )
      return undefined;
    return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnschedulable);
  }
}
