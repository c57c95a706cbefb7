/** SchedulingGates: a pod with spec.schedulingGates is not scheduled until they are removed. */
import type { ClusterEventWithHint, PreEnqueuePlugin } from "../../framework/interface";
import { Code, type MaybeStatus, newStatus } from "../../framework/status";
import type { PodInfo } from "../../framework/types";
import { SchedulingGates as NAME } from "../names";
import { schedulingGatesEvents } from "./scheduling-gates-hints";

/** Keeps gated pods out of the active queue (schedulinggates/scheduling_gates.go). */
export class SchedulingGatesPlugin implements PreEnqueuePlugin {
  readonly name = NAME;

  /** The events that may make a pod this plugin rejected schedulable, with their QueueingHints. */
  eventsToRegister(): ClusterEventWithHint[] {
    return schedulingGatesEvents();
  }
  preEnqueue(p: PodInfo): MaybeStatus {
    const gates = p.pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return undefined;
    return newStatus(
      Code.UnschedulableAndUnresolvable,
      `waiting for scheduling gates: [${gates.map((g) => g.name).join(" ")}]`,
    );
  }
}
