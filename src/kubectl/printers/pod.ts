/**
 * The Pod row of `kubectl get pods` (printers.go printPod): READY, the aggregate STATUS and
 * RESTARTS with the time of the last restart.
 */
import type { Pod } from "../../engine/api/kinds";
import type { CellValue, RowOptions } from "./common";
import { humanDuration, parseTime, translateTimestampSince } from "./duration";

/** The reason the node lifecycle controller gives pods of an unreachable node. */
export const NodeUnreachablePodReason = "NodeLost";

/** Pod column headers (the last four only with -o wide). */
export const POD_COLUMNS = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
export const POD_WIDE_COLUMNS = ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"];

// biome-ignore lint/suspicious/noExplicitAny: container specs and statuses are open JSON here
type Any = any;

function isRestartableInitContainer(c: Any): boolean {
  return c?.restartPolicy === "Always";
}

function hasCondition(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c: Any) => c.type === type && c.status === "True");
}

/** What printPod computes for a pod. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  /** `3` or `3 (12s ago)`. */
  restartsText: string;
}

/** The READY, STATUS and RESTARTS cells of printPod. */
export function podSummary(pod: Pod, now: number): PodSummary {
  const spec = pod.spec ?? ({} as Any);
  const status = pod.status ?? ({} as Any);
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = 0;
  let lastRestartableInitContainerRestartDate = 0;

  const podPhase: string = status.phase ?? "";
  let reason = podPhase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Any>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  const finishedAt = (cs: Any): number | undefined =>
    cs.lastState?.terminated ? (parseTime(cs.lastState.terminated.finishedAt) ?? 0) : undefined;

  let initializing = false;
  const initStatuses: Any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    const fin = finishedAt(container);
    if (fin !== undefined && lastRestartDate < fin) lastRestartDate = fin;
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    if (restartable) {
      restartableInitContainerRestarts += container.restartCount ?? 0;
      if (fin !== undefined && lastRestartableInitContainerRestartDate < fin)
        lastRestartableInitContainerRestartDate = fin;
    }
    const term = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = `Init:${term.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, "Initialized")) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses: Any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      const fin = finishedAt(container);
      if (fin !== undefined && lastRestartDate < fin) lastRestartDate = fin;
      const term = container.state?.terminated;
      const waiting = container.state?.waiting;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = hasCondition(pod, "Ready") ? "Running" : "NotReady";
  }

  if (pod.metadata.deletionTimestamp && status.reason === NodeUnreachablePodReason) reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && podPhase !== "Succeeded" && podPhase !== "Failed")
    reason = "Terminating";

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0)
    restartsText = `${restarts} (${humanDuration(now - lastRestartDate)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, restartsText };
}

/** printPod's cells. */
export function podRow(pod: Pod, o: RowOptions): CellValue[] {
  const s = podSummary(pod, o.now);
  const cells: CellValue[] = [
    pod.metadata.name ?? "",
    s.ready,
    s.status,
    s.restartsText,
    translateTimestampSince(pod.metadata.creationTimestamp, o.now),
  ];
  if (o.wide) {
    const ips: Any[] = pod.status?.podIPs ?? [];
    const podIP = (ips.length > 0 ? ips[0]?.ip : pod.status?.podIP) || "<none>";
    const nodeName = pod.spec?.nodeName || "<none>";
    const nominated = pod.status?.nominatedNodeName || "<none>";
    let readinessGates = "<none>";
    const gates: Any[] = pod.spec?.readinessGates ?? [];
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const g of gates) {
        const c = (pod.status?.conditions ?? []).find((x: Any) => x.type === g.conditionType);
        if (c && c.status === "True") trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    cells.push(podIP, nodeName, nominated, readinessGates);
  }
  return cells;
}
