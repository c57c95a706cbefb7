/**
 * The Service registry's allocators (pkg/registry/core/service/ipallocator and portallocator):
 * a cluster IP from 10.96.0.0/12 and node ports from 30000-32767, drawn from the seeded random
 * generator, kept on update, and checked for conflicts when given.
 */
import { invalid } from "../../api/errors";
import type { AdmissionPlugin, ApiReader } from "../../api/interface";
import type { KubeObject } from "../../api/types";
import type { Rng } from "../../clock/random";
import { invalidField } from "../field";

export const SERVICE_CIDR = "10.96.0.0/12";
const CIDR_BASE = (10 << 24) | (96 << 16);
const CIDR_SIZE = 1 << 20;
/** The lower band kept for static allocation (max(16, min(size/16, 256)) addresses). */
const STATIC_BAND = 256;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** The `kubernetes` Service's address: the first of the range. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";

function ipToInt(ip: string): number | undefined {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (
    (((parts[0] as number) << 24) |
      ((parts[1] as number) << 16) |
      ((parts[2] as number) << 8) |
      (parts[3] as number)) >>>
    0
  );
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function allocatedIPs(api: ApiReader, except?: KubeObject): Set<string> {
  const out = new Set<string>();
  for (const svc of api.list("Service"))
    if (svc.metadata.uid !== except?.metadata.uid)
      for (const ip of svc.spec?.clusterIPs ?? [svc.spec?.clusterIP]) if (ip && ip !== "None") out.add(ip);
  return out;
}

function allocatedNodePorts(api: ApiReader, except?: KubeObject): Set<number> {
  const out = new Set<number>();
  for (const svc of api.list("Service"))
    if (svc.metadata.uid !== except?.metadata.uid)
      for (const p of svc.spec?.ports ?? []) if (p?.nodePort) out.add(p.nodePort);
  // A LoadBalancer's health check port comes from the same range (allocHealthCheckNodePort).
  for (const svc of api.list("Service"))
    if (svc.metadata.uid !== except?.metadata.uid && svc.spec?.healthCheckNodePort)
      out.add(svc.spec.healthCheckNodePort);
  return out;
}

const needsNodePort = (spec: KubeObject) => spec.type === "NodePort" || spec.type === "LoadBalancer";

/**
 * dropTypeDependentFields (pkg/registry/core/service/strategy.go), the node-port part: an update
 * to a type without node ports that did not add any clears them (they are released), and the
 * externalTrafficPolicy it did not change.
 */
function dropTypeDependentFields(spec: KubeObject, old: KubeObject): void {
  if (!needsNodePort(old) || needsNodePort(spec)) return;
  const ports = (s: KubeObject): number[] =>
    (s.ports ?? []).map((p: KubeObject) => p?.nodePort).filter((n: unknown) => !!n);
  const before = new Set(ports(old));
  if (ports(spec).every((n) => before.has(n))) for (const p of spec.ports ?? []) if (p) delete p.nodePort;
  if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

/** The service allocation step; rng draws addresses and ports. */
export function serviceAllocation(rng: Rng): AdmissionPlugin {
  return {
    name: "ServiceAllocation",
    mutate(request) {
      const svc = request.object;
      if (svc?.kind !== "Service" || request.subresource !== "" || request.operation === "DELETE") return;
      const spec = svc.spec;
      const old = request.oldObject;
      const name = svc.metadata.name as string;
      if (spec.type === "ExternalName") {
        delete spec.clusterIP;
        delete spec.clusterIPs;
        return;
      }
      if (old) dropTypeDependentFields(spec, old.spec ?? {});
      if (old && old.spec?.type !== "ExternalName") {
        if (spec.clusterIP === undefined || spec.clusterIP === "") spec.clusterIP = old.spec?.clusterIP;
        if (spec.clusterIPs === undefined) spec.clusterIPs = old.spec?.clusterIPs;
        // Keep node ports the update did not set, port by port.
        for (const p of spec.ports ?? []) {
          if (p && !p.nodePort) {
            const prev = (old.spec?.ports ?? []).find(
              (q: KubeObject) => q.port === p.port && q.protocol === p.protocol,
            );
            if (prev?.nodePort && (spec.type === "NodePort" || spec.type === "LoadBalancer"))
              p.nodePort = prev.nodePort;
          }
        }
      }
      if (spec.clusterIP === "None") spec.clusterIPs = ["None"];
      else if (!spec.clusterIP) {
        const taken = allocatedIPs(request.api, svc);
        let ip = "";
        for (;;) {
          const offset = STATIC_BAND + rng.int(CIDR_SIZE - STATIC_BAND - 1);
          ip = intToIp((CIDR_BASE + offset) >>> 0);
          if (!taken.has(ip)) break;
        }
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else if (!old || old.spec?.clusterIP !== spec.clusterIP) {
        const ip = spec.clusterIP as string;
        const n = ipToInt(ip);
        const shown = `[]string{${JSON.stringify(ip)}}`;
        const fail = (msg: string) =>
          invalid("Service", name, [
            {
              type: "FieldValueInvalid",
              field: "spec.clusterIPs",
              message: `Invalid value: ${shown}: ${msg}`,
            },
          ]);
        if (n === undefined) throw fail(`failed to allocate IP ${ip}: must be a valid IP address`);
        if (n < CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE || n === CIDR_BASE || n === CIDR_BASE + CIDR_SIZE - 1)
          throw fail(
            `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
          );
        if (allocatedIPs(request.api, svc).has(ip))
          throw fail(`failed to allocate IP ${ip}: provided IP is already allocated`);
        spec.clusterIPs = [ip];
      }
      if (!spec.clusterIPs) spec.clusterIPs = [spec.clusterIP];
      spec.ipFamilies = spec.ipFamilies ?? ["IPv4"];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? "SingleStack";
      const wantsNodePorts =
        spec.type === "NodePort" ||
        (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
      if (!wantsNodePorts) return;
      const taken = allocatedNodePorts(request.api, svc);
      const causes = [];
      for (const [i, p] of (spec.ports ?? []).entries()) {
        if (!p) continue;
        if (p.nodePort) {
          const prev = (old?.spec?.ports ?? []).some((q: KubeObject) => q.nodePort === p.nodePort);
          if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
            causes.push(
              invalidField(
                `spec.ports[${i}].nodePort`,
                p.nodePort,
                `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
              ),
            );
          else if (!prev && taken.has(p.nodePort))
            causes.push(
              invalidField(`spec.ports[${i}].nodePort`, p.nodePort, "provided port is already allocated"),
            );
          taken.add(p.nodePort);
          continue;
        }
        let port = 0;
        do port = NODE_PORT_MIN + rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
        while (taken.has(port));
        taken.add(port);
        p.nodePort = port;
      }
      // NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local gets a node port where
      // kube-proxy answers the load balancer's health checks; it keeps the one it had.
      if (spec.type === "LoadBalancer" && spec.externalTrafficPolicy === "Local") {
        if (!spec.healthCheckNodePort && old?.spec?.healthCheckNodePort)
          spec.healthCheckNodePort = old.spec.healthCheckNodePort;
        if (!spec.healthCheckNodePort) {
          let port = 0;
          do port = NODE_PORT_MIN + rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
          while (taken.has(port));
          spec.healthCheckNodePort = port;
        }
      } else delete spec.healthCheckNodePort;
      if (causes.length) throw invalid("Service", name, causes);
    },
  };
}
