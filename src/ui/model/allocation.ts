/** Requests against allocatable for a node card's bars (what `kubectl describe node` sums). */
import type { Node, Pod } from "../../engine/api/kinds";
import { podIsActive, podRequests } from "./pod";
import { parseQuantity } from "./quantity";

/** Requested and allocatable CPU (cores), memory (bytes) and pods of one node. */
export interface Allocation {
  cpu: number;
  cpuAllocatable: number;
  memory: number;
  memoryAllocatable: number;
  pods: number;
  podsAllocatable: number;
}

/** Sums the requests of the active pods on a node. */
export function allocationOf(
  node: Node | undefined,
  podKeys: readonly string[],
  pods: Record<string, Pod>,
): Allocation {
  let cpu = 0;
  let memory = 0;
  let count = 0;
  for (const key of podKeys) {
    const pod = pods[key];
    if (!pod || !podIsActive(pod)) continue;
    const r = podRequests(pod);
    cpu += r.cpu;
    memory += r.memory;
    count++;
  }
  const alloc = node?.status?.allocatable ?? node?.status?.capacity ?? {};
  return {
    cpu,
    cpuAllocatable: parseQuantity(alloc.cpu),
    memory,
    memoryAllocatable: parseQuantity(alloc.memory),
    pods: count,
    podsAllocatable: parseQuantity(alloc.pods),
  };
}
