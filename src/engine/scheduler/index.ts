/**
 * kube-scheduler: a Scheduler per running kube-scheduler process (the control plane starts them,
 * src/engine/controlplane: the default one, and any other the user runs as a pod with
 * `kube-scheduler --config=PATH`, as in the my-scheduler lab). Pods name their scheduler with
 * spec.schedulerName; a name no scheduler serves stays Pending without events.
 */
import type { Cluster } from "../cluster";
import type { KubeSchedulerConfiguration } from "./config";
import { registerExplainSource, unregisterExplainSource } from "./explain";
import { Scheduler } from "./scheduler";

export type { KubeSchedulerConfiguration, Profile } from "./config";
export { explainPod, formatExplanation, type SchedulingRecord } from "./explain";
export { Scheduler } from "./scheduler";

/** A running scheduler. */
export interface SchedulerHandle {
  readonly scheduler: Scheduler;
  /** The scheduler names it serves (one per profile). */
  readonly schedulerNames: string[];
  stop(): void;
}

/**
 * Starts a scheduler for a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1). Each
 * profile serves pods whose spec.schedulerName is its schedulerName.
 *
 * @example startScheduler(cluster, { profiles: [{ schedulerName: "my-scheduler" }] })
 */
export function startScheduler(
  cluster: Cluster,
  config: KubeSchedulerConfiguration = {},
  name?: string,
  hostname?: () => string | undefined,
): SchedulerHandle {
  const scheduler = new Scheduler(cluster, config, name, hostname);
  scheduler.start();
  registerExplainSource(cluster, scheduler);
  return {
    scheduler,
    schedulerNames: scheduler.schedulerNames(),
    stop: () => {
      unregisterExplainSource(cluster, scheduler);
      scheduler.stop();
    },
  };
}
