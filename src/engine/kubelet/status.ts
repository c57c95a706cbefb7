/**
 * Pod status computation as the kubelet does it (pkg/kubelet/kubelet_pods.go getPhase,
 * pkg/kubelet/status/generate.go): phase from container statuses, and the pod conditions.
 */
import type { Pod, PodSpec } from "../api/kinds";

// biome-ignore lint/suspicious/noExplicitAny: container statuses are open JSON here
type ContainerStatus = any;
// biome-ignore lint/suspicious/noExplicitAny: conditions are open JSON here
type PodCondition = any;

/** Condition reasons (pkg/kubelet/status/generate.go). */
export const ContainersNotReady = "ContainersNotReady";
export const ContainersNotInitialized = "ContainersNotInitialized";
export const PodCompleted = "PodCompleted";
export const PodFailed = "PodFailed";

function isRestartableInit(c: { restartPolicy?: string }): boolean {
  return c.restartPolicy === "Always";
}

function statusOf(list: ContainerStatus[], name: string): ContainerStatus | undefined {
  return list.find((s) => s.name === name);
}

/** The pod phase from its containers' statuses (getPhase, v1.32). */
export function getPhase(
  spec: PodSpec,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
  podIsTerminal = false,
): "Pending" | "Running" | "Succeeded" | "Failed" {
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    const s = statusOf(initStatuses, c.name);
    if (isRestartableInit(c)) {
      if (!s?.started) pendingInitialization++;
      continue;
    }
    if (!s) {
      pendingInitialization++;
      continue;
    }
    if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const restartPolicy = spec.restartPolicy ?? "Always";
  if (failedInitialization > 0 && restartPolicy === "Never") return "Failed";
  if (pendingInitialization > 0 || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (stopped === spec.containers.length && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? "Succeeded" : "Failed";
    if (restartPolicy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (restartPolicy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

function cond(type: string, ok: boolean, now: string, reason?: string, message?: string): PodCondition {
  const c: PodCondition = {
    type,
    status: ok ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: now,
  };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return c;
}

/** Initialized (GeneratePodInitializedCondition). */
export function initializedCondition(
  spec: PodSpec,
  initStatuses: ContainerStatus[],
  phase: string,
  now: string,
): PodCondition {
  const inits = spec.initContainers ?? [];
  if (inits.length === 0) return cond("Initialized", true, now);
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = statusOf(initStatuses, c.name);
    if (isRestartableInit(c)) {
      if (!s?.started) incomplete.push(c.name);
      continue;
    }
    if (!s || !(s.state?.terminated?.exitCode === 0)) {
      if (s?.state?.waiting && s.lastState?.terminated?.exitCode === 0) continue;
      incomplete.push(c.name);
    }
  }
  if (phase === "Succeeded" && incomplete.length === 0) return cond("Initialized", false, now, PodCompleted);
  if (incomplete.length === 0) return cond("Initialized", true, now);
  return cond(
    "Initialized",
    false,
    now,
    ContainersNotInitialized,
    `containers with incomplete status: [${incomplete.join(" ")}]`,
  );
}

/** ContainersReady and Ready (GenerateContainersReadyCondition, GeneratePodReadyCondition). */
export function readyConditions(
  spec: PodSpec,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
  phase: string,
  now: string,
): [PodCondition, PodCondition] {
  const unready: string[] = [];
  const unknown: string[] = [];
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInit(c)) continue;
    const s = statusOf(initStatuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  let containersReady: PodCondition;
  if (phase === "Succeeded" && unknown.length === 0)
    containersReady = cond("ContainersReady", false, now, PodCompleted);
  else if (phase === "Failed") containersReady = cond("ContainersReady", false, now, PodFailed);
  else {
    const msgs: string[] = [];
    if (unknown.length) msgs.push(`containers with unknown status: [${unknown.join(" ")}]`);
    if (unready.length) msgs.push(`containers with unready status: [${unready.join(" ")}]`);
    containersReady = msgs.length
      ? cond("ContainersReady", false, now, ContainersNotReady, msgs.join(", "))
      : cond("ContainersReady", true, now);
  }
  const ready = { ...containersReady, type: "Ready" };
  // Readiness gates: a gate whose condition is missing or not True keeps the pod unready.
  const gates = (spec.readinessGates ?? []).map((g) => g.conditionType);
  if (ready.status === "True" && gates.length) {
    ready.status = "False";
    ready.reason = "ReadinessGatesNotReady";
    ready.message = `corresponding condition of pod readiness gate "${gates[0]}" does not exist.`;
  }
  return [containersReady, ready];
}

/** Keeps lastTransitionTime of conditions whose status did not change. */
export function mergeConditions(old: PodCondition[] | undefined, next: PodCondition[]): PodCondition[] {
  return next.map((c) => {
    const prev = old?.find((o) => o.type === c.type);
    if (prev && prev.status === c.status) return { ...c, lastTransitionTime: prev.lastTransitionTime };
    return c;
  });
}

/** The pod's QoS class (pkg/apis/core/v1/helper/qos). */
export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of pod.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ["cpu", "memory"]) {
      const q = req[r] ?? lim[r];
      if (q !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r])))
        guaranteed = false;
    }
  }
  for (const c of all) {
    if (Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length)
      any = true;
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
