/**
 * generateAPIPodStatus (pkg/kubelet/kubelet_pods.go): the status the kubelet writes for a pod
 * from its runtime state: container statuses, phase, conditions, IPs, QoS class, start time.
 */
import type { Container, Pod, PodSpec } from "../api/kinds";
import type { Rejection } from "./admit";
import { ContainerCreating, PodInitializing } from "./constants";
import { type ContainerRecord, containerStatusOf, type PodRuntime } from "./runtime";
import { getPhase, initializedCondition, mergeConditions, qosClass, readyConditions } from "./status";

/** What a pod's status is computed from. */
export interface PodStatusInput {
  pod: Pod;
  rt: PodRuntime | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
  old: any;
  /** The pod is terminal (being removed, or done and its sandbox stopped). */
  terminal: boolean;
  now: string;
  hostIP: string;
  rejection?: Rejection;
  readiness(rt: PodRuntime, c: ContainerRecord): { started: boolean; ready: boolean };
}

/** The pod status the kubelet would write. */
// biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
export function generatePodStatus(input: PodStatusInput): any {
  const { pod, rt, old, terminal, now, hostIP, rejection } = input;
  const spec = pod.spec as PodSpec;
  const oldConditions = (old?.conditions ?? []) as { type: string }[];
  const kubeletTypes = [
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
  ];
  const foreign = oldConditions.filter((c) => !kubeletTypes.includes(c.type));
  const scheduled = oldConditions.find((c) => c.type === "PodScheduled") ?? {
    type: "PodScheduled",
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: now,
  };
  if (rejection) {
    // biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
    const s: any = { ...(old ?? {}) };
    s.phase = "Failed";
    s.reason = rejection.reason;
    s.message = `Pod was rejected: ${rejection.message}`;
    s.startTime = old?.startTime ?? now;
    s.conditions = old?.conditions ?? [scheduled];
    return s;
  }
  const hasInit = (spec.initContainers ?? []).length > 0;
  const defaultWaiting = hasInit ? PodInitializing : ContainerCreating;
  const statusOf = (c: Container) => {
    const rec = rt?.containers.get(c.name);
    const { ready, started } = rec && rt ? input.readiness(rt, rec) : { ready: false, started: false };
    return containerStatusOf(rec, c, defaultWaiting, ready, started);
  };
  const initStatuses = (spec.initContainers ?? []).map(statusOf);
  const statuses = spec.containers.map(statusOf);
  const podIsTerminal = terminal || Boolean(rt?.sandboxStopped);
  const phase = getPhase(spec, initStatuses, statuses, podIsTerminal);
  const sandboxReady = Boolean(rt) && !rt?.sandboxStopped;
  const [containersReady, ready] = readyConditions(spec, initStatuses, statuses, phase, now);
  const conditions = mergeConditions(oldConditions as never, [
    {
      type: "PodReadyToStartContainers",
      status: sandboxReady ? "True" : "False",
      lastProbeTime: null,
      lastTransitionTime: now,
    },
    initializedCondition(spec, initStatuses, phase, now),
    ready,
    containersReady,
  ]);
  // biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
  const status: any = { conditions: [...conditions, scheduled, ...foreign] };
  status.containerStatuses = statuses;
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  if (hasInit) status.initContainerStatuses = initStatuses;
  // Ephemeral containers wait in ContainerCreating until started; they are never ready, and
  // have no probes, so the prober sets no `started` (kubelet_pods.go, prober_manager.go).
  const ephemeral = spec.ephemeralContainers ?? [];
  if (ephemeral.length > 0)
    status.ephemeralContainerStatuses = ephemeral.map((c) => {
      const s = containerStatusOf(
        rt?.containers.get(c.name),
        c as Container,
        ContainerCreating,
        false,
        false,
      );
      delete s.started;
      return s;
    });
  status.phase = phase;
  if (rt) {
    status.podIP = rt.ip;
    status.podIPs = [{ ip: rt.ip }];
  }
  status.qosClass = old?.qosClass ?? qosClass(pod);
  status.startTime = old?.startTime ?? rt?.startTime ?? now;
  return status;
}
