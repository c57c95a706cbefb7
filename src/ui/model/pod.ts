/** Read-only views of a Pod for display: the STATUS column as kubectl prints it, owner, requests. */
import type { Pod } from "../../engine/api/kinds";
import { parseQuantity } from "./quantity";

/** The kind of thing that owns a pod, as its chip's icon shows it. */
export type OwnerKind = "DaemonSet" | "ReplicaSet" | "StatefulSet" | "Job" | "Static" | "Bare";

/** The owner kind of a pod; mirror pods (owned by their Node) are static pods. */
export function ownerKindOf(pod: Pod): OwnerKind {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!ref) return pod.metadata.annotations?.["kubernetes.io/config.mirror"] ? "Static" : "Bare";
  switch (ref.kind) {
    case "DaemonSet":
    case "ReplicaSet":
    case "StatefulSet":
    case "Job":
      return ref.kind;
    case "Node":
      return "Static";
    default:
      return "Bare";
  }
}

/**
 * The STATUS column of `kubectl get pods` (printPod in kubectl's printers): Terminating, the
 * reason of a waiting or terminated container (ContainerCreating, CrashLoopBackOff, Completed),
 * Init:N/M, else the phase.
 */
export function podStatus(pod: Pod): string {
  const status = pod.status ?? {};
  let reason: string = status.reason ?? status.phase ?? "Pending";
  const inits = status.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (!c) continue;
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (c.state?.terminated)
      reason = c.state.terminated.reason
        ? `Init:${c.state.terminated.reason}`
        : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing")
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let running = false;
    for (const c of [...(status.containerStatuses ?? [])].reverse()) {
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) running = true;
    }
    if (reason === "Completed" && running) reason = "Running";
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === "NodeLost" ? "Unknown" : "Terminating";
  return reason;
}

/** The colour family of a STATUS for chips: ok, progress, waiting, failed, done, gone. */
export function statusTone(status: string): "ok" | "progress" | "waiting" | "failed" | "done" | "gone" {
  if (status === "Running") return "ok";
  if (status === "Terminating" || status === "Unknown") return "gone";
  if (status === "Completed" || status === "Succeeded") return "done";
  if (status === "Pending") return "waiting";
  if (status === "ContainerCreating" || status === "PodInitializing" || status.startsWith("Init:")) {
    return /Err|BackOff|Init:ExitCode|Init:Error/.test(status) ? "failed" : "progress";
  }
  return "failed";
}

/** A pod's effective requests (sum of containers, at least the largest init container). */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += parseQuantity(c.resources?.requests?.cpu);
    memory += parseQuantity(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, parseQuantity(c.resources?.requests?.cpu));
    memory = Math.max(memory, parseQuantity(c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

/** Whether a pod still holds node resources (not Succeeded or Failed). */
export function podIsActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}
