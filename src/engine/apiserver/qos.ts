/** Pod QoS class, as pkg/apis/core/helper/qos GetPodQOS computes it for status.qosClass. */
import { compareQuantities, parseQuantityExact, type Quantity } from "./quantity";

// biome-ignore lint/suspicious/noExplicitAny: open JSON
type Json = any;

/** "Guaranteed", "Burstable" or "BestEffort" from the cpu and memory requests and limits. */
export function getPodQOS(spec: Json): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, q: Quantity) => {
    const prev = m.get(name);
    m.set(name, prev ? { nanos: prev.nanos + q.nanos, format: prev.format } : q);
  };
  const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  for (const c of containers) {
    for (const [name, v] of Object.entries(c?.resources?.requests ?? {})) {
      if (name !== "cpu" && name !== "memory") continue;
      const q = parseQuantityExact(v as string);
      if (q && q.nanos > 0n) add(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c?.resources?.limits ?? {})) {
      if (name !== "cpu" && name !== "memory") continue;
      const q = parseQuantityExact(v as string);
      if (q && q.nanos > 0n) {
        found.add(name);
        add(limits, name, q);
      }
    }
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed)
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
