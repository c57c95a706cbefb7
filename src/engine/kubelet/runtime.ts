/**
 * The container runtime (containerd) of one node: pod sandboxes and containers with their
 * simulated processes. It runs whether or not the kubelet does: a process that ends while the
 * kubelet is stopped still ends; only the kubelet decides restarts and writes statuses.
 */

import type { Container } from "../api/kinds";
import type { TimerId } from "../clock/clock";
import { type ImageRef, imageDigest, parseImage } from "./images";
import { LogBuffer } from "./logbuffer";
import type { ContainerSandbox, PidNamespace } from "./sandbox";

/** The three probes of a container. */
export type ProbeKind = "startup" | "readiness" | "liveness";

/** One probe worker's state. */
export interface ProbeTrack {
  /** The result as reported (after success/failure thresholds); undefined before the first. */
  reported?: boolean;
  /** The last raw result and how many in a row gave it. */
  last?: boolean;
  run: number;
  /** Set when a failure killed the container: no more probing of this instance. */
  onHold?: boolean;
}

/** A container's terminated state, as containerStatuses[].state.terminated. */
export interface Terminated {
  containerID: string;
  exitCode: number;
  finishedAt: string;
  reason: string;
  startedAt: string;
  message?: string;
}

/** One container of a pod, with its current and previous instance. */
export interface ContainerRecord {
  name: string;
  init: boolean;
  /** An ephemeral container (spec.ephemeralContainers): started once, never restarted. */
  ephemeral?: boolean;
  spec: Container;
  image: ImageRef;
  /** The current instance, once created. */
  id?: string;
  /** What an attach (`kubectl run -i`) sent before the container started: its first stdin. */
  attachInput?: string;
  state: "none" | "running" | "terminated";
  startedAt?: string;
  startedMs?: number;
  finishedMs?: number;
  terminated?: Terminated;
  /** The instance before the current one. */
  last?: Terminated;
  restartCount: number;
  /** A waiting reason set by the kubelet (ErrImagePull, CrashLoopBackOff...). */
  waiting?: { reason: string; message?: string };
  /** The running instance's processes (absent for a process a hook runs, and once it ended). */
  sandbox?: ContainerSandbox;
  /** The running instance's PID 1 command line (what ps on the node shows for it). */
  argv?: string[];
  /** The instance was killed for using more memory than its limit. */
  oomKilled?: boolean;
  /** Probe workers' state by probe kind (prober/worker.go: the last result and its run length). */
  probes?: Partial<Record<ProbeKind, ProbeTrack>>;
  /** The probe workers' timers. */
  probeTimers?: TimerId[];
  timer?: TimerId;
  /** A pull under way: when it ends. */
  pullUntil?: number;
  pullTimer?: TimerId;
  /** Set when the pull ended; the kubelet reads and clears it. */
  pullResult?: { ok: boolean; seconds: number; message?: string };
  /** Kill deadline of a graceful stop under way. */
  killTimer?: TimerId;
  /** The instance (its id) whose preStop hook ran or runs: a kill runs it once. */
  preStopFor?: string;
  logs: LogBuffer;
  previousLogs?: LogBuffer;
  /** Whether the liveness failure of the current instance was handled. */
  livenessHandled?: boolean;
  unhealthyReported?: boolean;
  /** When the liveness probe started failing. */
  liveFailingSince?: number;
}

/** A pod sandbox and its containers. */
export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  sandboxId: string;
  ip: string;
  createdMs: number;
  startTime: string;
  containers: Map<string, ContainerRecord>;
  /** Set once the kubelet began killing the pod. */
  terminatingSince?: number;
  /** Set when the pod reached a terminal phase and its sandbox was stopped. */
  sandboxStopped?: boolean;
  /** The PID namespace its containers share (spec.shareProcessNamespace), once one started. */
  sharedPids?: PidNamespace;
}

/** A new container record for a spec. */
export function newContainerRecord(spec: Container, init: boolean, ephemeral = false): ContainerRecord {
  return {
    name: spec.name,
    init,
    ...(ephemeral && { ephemeral }),
    spec,
    image: parseImage(spec.image ?? ""),
    state: "none",
    restartCount: 0,
    logs: new LogBuffer(),
  };
}

/** The API status of one container record (convertToAPIContainerStatuses). */
export function containerStatusOf(
  c: ContainerRecord | undefined,
  spec: Container,
  defaultWaiting: string,
  ready: boolean,
  started: boolean,
  // biome-ignore lint/suspicious/noExplicitAny: container statuses are open JSON
): any {
  // biome-ignore lint/suspicious/noExplicitAny: container statuses are open JSON
  const s: any = {};
  if (c?.id) s.containerID = `containerd://${c.id}`;
  const created = Boolean(c?.id);
  s.image = created && c ? c.image.full : spec.image;
  s.imageID = created && c ? imageDigest(c.image) : "";
  // In a back-off the finished instance is the last state and the container waits.
  const last = c?.waiting && c.state === "terminated" ? c.terminated : c?.last;
  s.lastState = last ? { terminated: { ...last } } : {};
  s.name = spec.name;
  s.ready = ready;
  s.restartCount = c?.restartCount ?? 0;
  s.started = started;
  if (c?.waiting) {
    const w: { reason: string; message?: string } = { reason: c.waiting.reason };
    if (c.waiting.message) w.message = c.waiting.message;
    s.state = { waiting: w };
  } else if (c?.state === "running") s.state = { running: { startedAt: c.startedAt } };
  else if (c?.state === "terminated" && c.terminated) s.state = { terminated: { ...c.terminated } };
  else s.state = { waiting: { reason: defaultWaiting } };
  return s;
}
