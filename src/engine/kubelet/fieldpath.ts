/**
 * The downward API's values, shared by env (fieldRef, resourceFieldRef) and the downwardAPI
 * volume: a port of pkg/fieldpath (FormatMap, ExtractFieldPathAsString,
 * SplitMaybeSubscriptedPath), pkg/api/v1/resource (ExtractContainerResourceValue) and the
 * kubelet's podFieldSelectorRuntimeValue / defaultPodLimitsForDownwardAPI.
 */
import type { ObjectFieldSelector, ResourceFieldSelector } from "kubernetes-types/core/v1";
import type { Container, Node, Pod } from "../api/kinds";
import { isQualifiedName } from "../apiserver/field";
import { parseQuantityExact, type Quantity } from "../apiserver/quantity";

/** A value, or the error text the kubelet would return. */
export type FieldResult = { value: string } | { error: string };

/** Formats a map as `key="value"` lines sorted by key, Go-quoted, no trailing newline (FormatMap). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${goQuote((m as Record<string, string>)[k] as string)}`)
    .join("\n");
}

/** Go's %q of a string (strconv.Quote): escapes quotes, backslashes and control characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c in GO_ESCAPES) out += GO_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xfffd) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

const GO_ESCAPES: Record<number, string> = {
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
};

/**
 * Splits `metadata.labels['key']` into path and subscript; undefined when the path is not
 * subscripted (SplitMaybeSubscriptedPath).
 */
export function splitMaybeSubscriptedPath(
  fieldPath: string,
): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return { path: s.slice(0, i), subscript: s.slice(i + 2) };
}

/** The value of an object metadata field path (ExtractFieldPathAsString). */
export function extractFieldPathAsString(
  obj: { metadata?: Pod["metadata"] },
  fieldPath: string,
): FieldResult {
  const meta = obj.metadata ?? {};
  const sub = splitMaybeSubscriptedPath(fieldPath);
  if (sub) {
    switch (sub.path) {
      case "metadata.annotations": {
        const errs = isQualifiedName(sub.subscript.toLowerCase());
        if (errs.length) return { error: `invalid key subscript in ${fieldPath}: ${errs.join(";")}` };
        return { value: meta.annotations?.[sub.subscript] ?? "" };
      }
      case "metadata.labels": {
        const errs = isQualifiedName(sub.subscript);
        if (errs.length) return { error: `invalid key subscript in ${fieldPath}: ${errs.join(";")}` };
        return { value: meta.labels?.[sub.subscript] ?? "" };
      }
      default:
        return { error: `fieldPath "${fieldPath}" does not support subscript` };
    }
  }
  switch (fieldPath) {
    case "metadata.annotations":
      return { value: formatMap(meta.annotations) };
    case "metadata.labels":
      return { value: formatMap(meta.labels) };
    case "metadata.name":
      return { value: meta.name ?? "" };
    case "metadata.namespace":
      return { value: meta.namespace ?? "" };
    case "metadata.uid":
      return { value: meta.uid ?? "" };
  }
  return { error: `unsupported fieldPath: ${fieldPath}` };
}

/** The pod's and node's addresses the downward API reports. */
export interface PodAddresses {
  podIPs: string[];
  hostIPs: string[];
}

/** The addresses of a pod on a node: pod.status.podIPs, the node's InternalIPs (then ExternalIPs). */
export function podAddresses(pod: Pod, node: Node | undefined): PodAddresses {
  const podIPs = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (!podIPs.length && pod.status?.podIP) podIPs.push(pod.status.podIP);
  const addrs = node?.status?.addresses ?? [];
  let hostIPs = addrs.filter((a) => a.type === "InternalIP").map((a) => a.address);
  if (!hostIPs.length) hostIPs = addrs.filter((a) => a.type === "ExternalIP").map((a) => a.address);
  if (!hostIPs.length)
    hostIPs = (pod.status?.hostIPs ?? []).map((h) => h.ip).filter((ip): ip is string => !!ip);
  if (!hostIPs.length && pod.status?.hostIP) hostIPs.push(pod.status.hostIP);
  return { podIPs: sortPodIPs(podIPs), hostIPs };
}

/** Pod IPs with the node's preferred family (IPv4 here) first, invalid ones dropped (sortPodIPs). */
function sortPodIPs(ips: string[]): string[] {
  const v4 = ips.filter((ip) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
  const v6 = ips.filter((ip) => ip.includes(":"));
  return [...v4, ...v6];
}

/** The value of a fieldRef for a container's env or a downwardAPI file (podFieldSelectorRuntimeValue). */
export function podFieldSelectorRuntimeValue(
  fs: ObjectFieldSelector,
  pod: Pod,
  addrs: PodAddresses,
): FieldResult {
  switch (fs.fieldPath) {
    case "spec.nodeName":
      return { value: pod.spec?.nodeName ?? "" };
    case "spec.serviceAccountName":
      return { value: pod.spec?.serviceAccountName ?? "" };
    case "status.hostIP":
      return addrs.hostIPs.length ? { value: addrs.hostIPs[0] as string } : { error: NO_HOST_IP };
    case "status.hostIPs":
      return addrs.hostIPs.length ? { value: addrs.hostIPs.join(",") } : { error: NO_HOST_IP };
    case "status.podIP":
      return { value: addrs.podIPs[0] ?? "" };
    case "status.podIPs":
      return { value: addrs.podIPs.join(",") };
  }
  return extractFieldPathAsString(pod, fs.fieldPath);
}

/** getHostIPsAnyWay's error when the node has no address yet. */
const NO_HOST_IP = "host IP unknown; known addresses: []";

/** The resources a resourceFieldRef may name with a fixed key. */
const RESOURCE_KEYS: Record<string, { list: "limits" | "requests"; name: string; cpu: boolean }> = {
  "limits.cpu": { list: "limits", name: "cpu", cpu: true },
  "limits.memory": { list: "limits", name: "memory", cpu: false },
  "limits.ephemeral-storage": { list: "limits", name: "ephemeral-storage", cpu: false },
  "requests.cpu": { list: "requests", name: "cpu", cpu: true },
  "requests.memory": { list: "requests", name: "memory", cpu: false },
  "requests.ephemeral-storage": { list: "requests", name: "ephemeral-storage", cpu: false },
};

/**
 * The value of a resourceFieldRef in a container (ExtractContainerResourceValue): cpu in units
 * of the divisor rounded up from millicores, memory and storage in divisor units rounded up.
 */
export function extractContainerResourceValue(fs: ResourceFieldSelector, container: Container): FieldResult {
  const divisor = parseQuantityExact(fs.divisor ?? "") ?? ONE;
  const div = divisor.nanos === 0n ? ONE : divisor;
  let key = RESOURCE_KEYS[fs.resource];
  if (!key) {
    const m = /^(limits|requests)\.(hugepages-.+)$/.exec(fs.resource);
    if (m) key = { list: m[1] as "limits" | "requests", name: m[2] as string, cpu: false };
  }
  if (!key) return { error: `unsupported container resource : ${fs.resource}` };
  const raw = container.resources?.[key.list]?.[key.name];
  const q = parseQuantityExact(raw ?? "0") ?? ZERO;
  if (key.cpu) return { value: String(Math.ceil(milli(q) / milli(div))) };
  return { value: String(Math.ceil(units(q) / units(div))) };
}

const ONE: Quantity = { nanos: 1_000_000_000n, format: "DecimalSI" };
const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

/** Quantity.MilliValue: rounded up. */
function milli(q: Quantity): number {
  const m = q.nanos / 1_000_000n;
  return Number(q.nanos % 1_000_000n > 0n ? m + 1n : m);
}

/** Quantity.Value: rounded up. */
function units(q: Quantity): number {
  const v = q.nanos / 1_000_000_000n;
  return Number(q.nanos % 1_000_000_000n > 0n ? v + 1n : v);
}

/**
 * The value of a resourceFieldRef for a pod's container: the named container (or the given one),
 * with unset or zero cpu/memory/ephemeral-storage limits defaulted to the node's allocatable
 * (defaultPodLimitsForDownwardAPI, then containerResourceRuntimeValue).
 */
export function containerResourceRuntimeValue(
  fs: ResourceFieldSelector,
  pod: Pod,
  container: Container,
  node: Node | undefined,
): FieldResult {
  let target: Container | undefined = container;
  if (fs.containerName) {
    target = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
      (c) => c.name === fs.containerName,
    );
    if (!target) return { error: `container ${fs.containerName} not found` };
  }
  return extractContainerResourceValue(fs, withAllocatableLimits(target, node));
}

/** A copy of a container whose unset or zero limits take the node's allocatable (MergeContainerResourceLimits). */
export function withAllocatableLimits(container: Container, node: Node | undefined): Container {
  const allocatable = node?.status?.allocatable ?? {};
  const limits: Record<string, string> = { ...(container.resources?.limits ?? {}) };
  for (const name of ["cpu", "memory", "ephemeral-storage"]) {
    const current = parseQuantityExact(limits[name] ?? "");
    const cap = allocatable[name];
    if ((!current || current.nanos === 0n) && cap !== undefined) limits[name] = cap;
  }
  return { ...container, resources: { ...(container.resources ?? {}), limits } };
}
