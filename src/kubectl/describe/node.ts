/**
 * `kubectl describe node` (describe.go describeNode): conditions, addresses, capacity, system
 * info, the Non-terminated Pods table and Allocated resources.
 */
import type { KubeObject } from "../../engine/api/types";
import { addQuantities, quantityMilliValue, quantityUnits } from "../../engine/apiserver/quantity";
import { compareStrings } from "../printers/common";
import { translateTimestampSince } from "../printers/duration";
import { nodeRoles } from "../printers/kinds";
import {
  type Any,
  type DescribeContext,
  describeEvents,
  eventsFor,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  rfc1123z,
} from "./common";
import { formatQuantity, parseQuantity, type Quantity, ZERO } from "./quantity";
import { LEVEL_0, LEVEL_1, PrefixWriter } from "./writer";

type ResourceList = Map<string, Quantity>;

function addInto(list: ResourceList, resources: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(resources ?? {})) {
    const q = parseQuantity(v);
    const cur = list.get(k);
    list.set(k, cur ? addQuantities(cur, q) : q);
  }
}

function maxInto(list: ResourceList, resources: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(resources ?? {})) {
    const q = parseQuantity(v);
    const cur = list.get(k);
    if (!cur || q.nanos > cur.nanos) list.set(k, q);
  }
}

/** resourcehelper.PodRequests / PodLimits: containers summed, init containers as a floor, overhead added. */
export function podResources(pod: Any, field: "requests" | "limits"): ResourceList {
  const sum: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(sum, c.resources?.[field]);
  const restartable: ResourceList = new Map();
  const initFloor: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === "Always") {
      addInto(sum, c.resources?.[field]);
      addInto(restartable, c.resources?.[field]);
    } else {
      const tmp: ResourceList = new Map(restartable);
      addInto(tmp, c.resources?.[field]);
      for (const [k, q] of tmp) {
        const cur = initFloor.get(k);
        if (!cur || q.nanos > cur.nanos) initFloor.set(k, q);
      }
    }
  }
  for (const [k, q] of initFloor) {
    const cur = sum.get(k);
    if (!cur || q.nanos > cur.nanos) sum.set(k, q);
  }
  if (pod.spec?.overhead) addInto(sum, pod.spec.overhead);
  void maxInto;
  return sum;
}

/**
 * int64(float64(part) / float64(whole) * 100) as describe's per-pod rows compute it, unguarded:
 * on a node with no allocatable the fraction is NaN or infinite, which Go on amd64 converts to
 * the smallest int64.
 */
function pct(part: number, whole: number): string {
  const f = (part / whole) * 100;
  return Number.isFinite(f) ? String(Math.trunc(f)) : GO_INT64_INDEFINITE;
}

/** What amd64's CVTTSD2SI gives for a float64 with no int64 value (NaN, ±Inf, out of range). */
const GO_INT64_INDEFINITE = "-9223372036854775808";

/** The pods describe node lists: on the node and not Succeeded or Failed. */
export function nonTerminatedPods(node: KubeObject, ctx: DescribeContext): KubeObject[] {
  return ctx.api
    .list("Pod")
    .filter(
      (p) =>
        p.spec?.nodeName === node.metadata.name &&
        p.status?.phase !== "Succeeded" &&
        p.status?.phase !== "Failed",
    )
    .sort(
      (a, b) =>
        compareStrings(a.metadata.namespace ?? "", b.metadata.namespace ?? "") ||
        compareStrings(a.metadata.name ?? "", b.metadata.name ?? ""),
    );
}

function describeNodeResource(pods: KubeObject[], node: Any, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocRaw: Record<string, string> =
    Object.keys(node.status?.allocatable ?? {}).length > 0
      ? node.status.allocatable
      : (node.status?.capacity ?? {});
  const alloc = (k: string) => parseQuantity(allocRaw[k]);
  const allocCpu = quantityMilliValue(alloc("cpu"));
  const allocMem = quantityUnits(alloc("memory"));
  const totalReq: ResourceList = new Map();
  const totalLim: ResourceList = new Map();
  for (const pod of pods) {
    const req = podResources(pod, "requests");
    const lim = podResources(pod, "limits");
    const cpuReq = req.get("cpu") ?? ZERO;
    const cpuLim = lim.get("cpu") ?? ZERO;
    const memReq = req.get("memory") ?? ZERO;
    const memLim = lim.get("memory") ?? ZERO;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${formatQuantity(cpuReq)} (${pct(quantityMilliValue(cpuReq), allocCpu)}%)\t${formatQuantity(cpuLim)} (${pct(quantityMilliValue(cpuLim), allocCpu)}%)\t${formatQuantity(memReq)} (${pct(quantityUnits(memReq), allocMem)}%)\t${formatQuantity(memLim)} (${pct(quantityUnits(memLim), allocMem)}%)\t${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
    for (const [k, q] of req)
      totalReq.set(k, totalReq.has(k) ? addQuantities(totalReq.get(k) as Quantity, q) : q);
    for (const [k, q] of lim)
      totalLim.set(k, totalLim.has(k) ? addQuantities(totalLim.get(k) as Quantity, q) : q);
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const line = (name: string, milli: boolean) => {
    const r = totalReq.get(name) ?? ZERO;
    const l = totalLim.get(name) ?? ZERO;
    const a = milli ? quantityMilliValue(alloc(name)) : quantityUnits(alloc(name));
    const f = (q: Quantity) => (a !== 0 ? pct(milli ? quantityMilliValue(q) : quantityUnits(q), a) : 0);
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${f(r)}%)\t${formatQuantity(l)} (${f(l)}%)\n`);
  };
  line("cpu", true);
  line("memory", false);
  line("ephemeral-storage", false);
  const standard = new Set(["cpu", "memory", "ephemeral-storage", "storage", "pods"]);
  const hugePages = Object.keys(allocRaw)
    .filter((k) => k.startsWith("hugepages-"))
    .sort(compareStrings);
  const ext = Object.keys(allocRaw)
    .filter(
      (k) =>
        !k.startsWith("hugepages-") &&
        !standard.has(k) &&
        !k.startsWith("requests.") &&
        !k.startsWith("limits."),
    )
    .sort(compareStrings);
  for (const k of hugePages) line(k, false);
  for (const k of ext) {
    w.write(
      LEVEL_1,
      `${k}\t${formatQuantity(totalReq.get(k) ?? ZERO)}\t${formatQuantity(totalLim.get(k) ?? ZERO)}\n`,
    );
  }
}

/** `kubectl describe node`. */
export function describeNode(node: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const n: Any = node;
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
  printLabelsMultiline(w, "Labels", node.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, "Taints", n.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${Boolean(n.spec?.unschedulable)}\n`);
  const lease: Any = ctx.api.get("Lease", "kube-node-lease", node.metadata.name ?? "");
  if (lease) {
    w.write(LEVEL_0, "Lease:\n");
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
    w.write(
      LEVEL_1,
      `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : "<unset>"}\n`,
    );
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : "<unset>"}\n`);
  } else {
    w.write(
      LEVEL_0,
      `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`,
    );
  }
  const conditions: Any[] = n.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions)
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
  }
  w.write(LEVEL_0, "Addresses:\n");
  for (const a of n.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printResourceList = (list: Record<string, string>) => {
    for (const k of Object.keys(list).sort(compareStrings))
      w.write(LEVEL_0, `  ${k}:\t${formatQuantity(parseQuantity(list[k]))}\n`);
  };
  if (Object.keys(n.status?.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, "Capacity:\n");
    printResourceList(n.status.capacity);
  }
  if (Object.keys(n.status?.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, "Allocatable:\n");
    printResourceList(n.status.allocatable);
  }
  const info: Any = n.status?.nodeInfo ?? {};
  w.write(LEVEL_0, "System Info:\n");
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ""}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ""}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ""}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ""}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ""}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ""}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ""}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ""}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ""}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ""}\n`);
  if (n.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${n.spec.podCIDR}\n`);
  if ((n.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${n.spec.podCIDRs.join(",")}\n`);
  if (n.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${n.spec.providerID}\n`);
  describeNodeResource(nonTerminatedPods(node, ctx), n, w, ctx.now);
  if (ctx.showEvents !== false) describeEvents(eventsFor(node, ctx.api, { matchKind: true }), w, ctx.now);
  return w.string();
}
