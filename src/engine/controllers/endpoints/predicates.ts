/**
 * Endpoint decisions shared by the Endpoints and EndpointSlice controllers
 * (pkg/controller/endpoint/endpoints_controller.go, pkg/controller/util/endpoint/controller_utils.go).
 */
import type { Pod, Service } from "../../api/kinds";
import { isPodReady } from "../lib/pods";

/** podutil.FindPort: a service port's targetPort as a number on this pod (named ports looked up). */
export function findPort(
  pod: Pod,
  servicePort: { targetPort?: number | string; port: number; protocol?: string },
): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? "TCP";
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  return undefined;
}

/**
 * ShouldPodBeInEndpoints: pods with an IP that are not terminal; terminating pods only when
 * includeTerminating (EndpointSlices keep them with terminating: true).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  const phase = pod.status.phase;
  if (phase === "Failed" || phase === "Succeeded") return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** Whether the pod counts as a ready address (or the Service publishes not-ready addresses). */
export function podReadyForService(pod: Pod, svc: Service): boolean {
  if (svc.spec?.publishNotReadyAddresses) return true;
  return isPodReady(pod) && !pod.metadata.deletionTimestamp;
}
