/**
 * The node status a kubelet posts (pkg/kubelet/nodestatus/setters.go): conditions, addresses,
 * capacity and allocatable, nodeInfo, daemonEndpoints and images.
 */
import type { Node } from "../api/kinds";
import { clone } from "../api/types";
import {
  CONTAINER_RUNTIME_VERSION,
  DEFAULT_NODE_CAPACITY,
  KERNEL_VERSION,
  KUBERNETES_VERSION,
  KubeletNotReady,
  KubeletReady,
  KubeletReadyMessage,
  NODE_CONDITIONS,
  OS_IMAGE,
} from "./constants";
import { hexDigest } from "./hash";

/** An image on a node, as status.images lists it. */
export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

/** Inputs of a node status besides the stored node. */
export interface NodeStatusInput {
  now: string;
  internalIP: string;
  images: NodeImage[];
  /** Set when the kubelet posts a heartbeat (every post does). */
  heartbeat: boolean;
  /** Why the node is not ready (the runtime is down); ready when undefined. */
  notReadyMessage?: string;
  /** The running kubelet binary's version (its package's); the stored one is kept when undefined. */
  kubeletVersion?: string;
}

/** The labels a kubelet adds to its Node when missing. */
export function defaultNodeLabels(name: string): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
}

/** The node status the kubelet would post now, from the stored node. */
// biome-ignore lint/suspicious/noExplicitAny: node status is open JSON
export function buildNodeStatus(node: Node, input: NodeStatusInput): any {
  const name = node.metadata.name as string;
  const old = node.status ?? {};
  // biome-ignore lint/suspicious/noExplicitAny: node status is open JSON
  const status: any = clone(old);
  const capacity = status.capacity ?? status.allocatable ?? { ...DEFAULT_NODE_CAPACITY };
  status.capacity = capacity;
  status.allocatable = status.allocatable ?? { ...capacity };
  const conditions = [];
  for (const c of NODE_CONDITIONS)
    conditions.push(condition(old.conditions, c.type, "False", c.reason, c.message, input));
  if (input.notReadyMessage)
    conditions.push(
      condition(old.conditions, "Ready", "False", KubeletNotReady, input.notReadyMessage, input),
    );
  else conditions.push(condition(old.conditions, "Ready", "True", KubeletReady, KubeletReadyMessage, input));
  // Conditions the kubelet does not own (NetworkUnavailable from a CNI) stay as they are.
  const others = (old.conditions ?? []).filter(
    (c: { type: string }) => !["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"].includes(c.type),
  );
  status.conditions = [...others, ...conditions];
  status.addresses = old.addresses?.length
    ? old.addresses
    : [
        { address: input.internalIP, type: "InternalIP" },
        { address: name, type: "Hostname" },
      ];
  status.daemonEndpoints = { kubeletEndpoint: { Port: 10250 } };
  status.nodeInfo = {
    architecture: "amd64",
    bootID: uuidOf(`boot:${name}`),
    containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
    kernelVersion: KERNEL_VERSION,
    kubeletVersion: KUBERNETES_VERSION,
    machineID: hexDigest(`machine:${name}`, 32),
    operatingSystem: "linux",
    osImage: OS_IMAGE,
    systemUUID: uuidOf(`system:${name}`),
    ...(old.nodeInfo ?? {}),
    ...(input.kubeletVersion ? { kubeletVersion: input.kubeletVersion } : {}),
  };
  if (input.images.length) status.images = input.images;
  else delete status.images;
  return status;
}

function condition(
  // biome-ignore lint/suspicious/noExplicitAny: conditions are open JSON
  old: any[] | undefined,
  type: string,
  status: string,
  reason: string,
  message: string,
  input: NodeStatusInput,
) {
  const prev = old?.find((c) => c.type === type);
  const same = prev && prev.status === status;
  return {
    lastHeartbeatTime: input.heartbeat || !prev ? input.now : prev.lastHeartbeatTime,
    lastTransitionTime: same ? prev.lastTransitionTime : input.now,
    message,
    reason,
    status,
    type,
  };
}

/** A UUID-shaped deterministic id. */
export function uuidOf(seed: string): string {
  const h = hexDigest(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Whether two statuses differ in anything but heartbeat times (the kubelet then posts at once). */
// biome-ignore lint/suspicious/noExplicitAny: node status is open JSON
export function statusChanged(a: any, b: any): boolean {
  const strip = (s: { conditions?: { lastHeartbeatTime?: string }[] }) =>
    JSON.stringify({ ...s, conditions: (s?.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: "" })) });
  return strip(a ?? {}) !== strip(b ?? {});
}
