/** PrioritySort: the active queue's order, higher priority first, then earlier arrival. */
import type { QueuedPodInfo, QueueSortPlugin } from "../../framework/interface";
import { PrioritySort as NAME } from "../names";

/** Orders pods by priority, then by the time they were queued (queuesort/priority_sort.go). */
export class PrioritySortPlugin implements QueueSortPlugin {
  readonly name = NAME;
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    return (
      p1 > p2 || (p1 === p2 && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq)))
    );
  }
}
