/**
 * Everything the container runtime needs to start one container instance, in the kubelet's
 * order (SyncPod → startContainer → generateContainerConfig): the image's config from the
 * catalog, the pod's volumes and the container's environment (GenerateRunContainerOptions),
 * command and args expanded and joined with the image's entrypoint and cmd (containerd's
 * WithProcessArgs), and the sandbox the processes run in: file system, userland, network, user.
 */
import type { Container, Node, Pod } from "../api/kinds";
import { parseQuantity } from "../apiserver/quantity";
import type { Clock } from "../clock/clock";
import { type ImageConfig, lookupImage, noCommandMessage, processArgs, resolveImage } from "../images";
import { accountFiles } from "../images/etc";
import type { NodeFileSystem } from "../node/fs";
import { capabilitySets } from "./capabilities";
import { CreateContainerError, DEFAULT_NODE_CAPACITY, KERNEL_VERSION } from "./constants";
import {
  CreateContainerConfigError,
  type EnvError,
  envRecord,
  expandContainerCommandAndArgs,
} from "./envvars";
import { type ProcessIdentity, processIdentity } from "./identity";
import type { KernelInfo } from "./kernelmounts";
import type { ClusterNetwork } from "./network";
import type { PodSources } from "./podsources";
import { ContainerFs, type ContainerFsError } from "./rootfs";
import { generateRunContainerOptions, imageInput } from "./runoptions";
import type { SandboxSpec } from "./sandbox";
import { userlandFor } from "./userlands";
import type { VolumeStorage } from "./volumes";

/** What a kubelet brings to a launch. */
export interface LaunchContext {
  nodeName: string;
  nodeFs: NodeFileSystem;
  storage: VolumeStorage;
  sources: PodSources;
  network: ClusterNetwork;
  clock: Clock;
  /** The kubelet's Node (its capacity, kernel and boot time for /proc and /sys). */
  node?: () => Node | undefined;
}

/** A container ready to start: its sandbox and the argv of its PID 1. */
export interface Launch {
  spec: SandboxSpec;
  argv: string[];
  image: ImageConfig;
}

/** Why a container cannot start yet: the pod's FailedMount, or the container's config error. */
export type LaunchError =
  | { kind: "mount"; message: string; volume?: string }
  | { kind: "config"; reason: string; message: string };

/** The catalog's config for an image the runtime pulled (a generic one for an uncatalogued repository). */
export function imageConfigOf(raw: string): ImageConfig | undefined {
  const resolved = resolveImage(raw);
  return resolved.ok ? resolved.image : lookupImage(raw);
}

/**
 * The signal the runtime stops a container of image raw with (containerd's StopContainer: the
 * image config's StopSignal, SIGTERM without one), as a name without SIG (`QUIT`).
 */
export function stopSignalOf(raw: string): string {
  return (imageConfigOf(raw)?.stopSignal ?? "SIGTERM").replace(/^SIG/, "");
}

/** Prepares a container instance, or says why it cannot start. */
export function prepareLaunch(
  pod: Pod,
  container: Container,
  ip: string,
  containerId: string,
  ctx: LaunchContext,
  onMemory: (bytes: number) => void,
): Launch | LaunchError {
  const image = imageConfigOf(container.image ?? "");
  if (!image)
    return {
      kind: "config",
      reason: CreateContainerError,
      message: `image "${container.image}" not found`,
    };
  const userland = userlandFor(image);
  // The userland's programs are files in the image too (`ls /bin`, `[ -x /bin/sh ]`).
  const input = imageInput(image, userland.paths?.() ?? []);
  const opts = generateRunContainerOptions(pod, container.name, {
    sources: ctx.sources,
    storage: ctx.storage,
    nodeFs: ctx.nodeFs,
    now: () => ctx.clock.now(),
    podIPs: [ip],
    nodeHostname: ctx.nodeName,
    ...input,
  });
  if ("error" in opts) return launchError(opts.error);
  const expanded = expandContainerCommandAndArgs(container, opts.kubeletEnv);
  const args = processArgs(expanded.command, expanded.args, image);
  if (!args.ok)
    return { kind: "config", reason: CreateContainerError, message: noCommandMessage(containerId) };
  const hostname = opts.hostname;
  const namespace = pod.metadata.namespace ?? "default";
  const network = ctx.network.at({ namespace, ip, hostname });
  const user = userOf(pod, container, image);
  if (opts.fs instanceof ContainerFs) opts.fs.owner = { uid: user.uid, gid: user.gid };
  const spec: SandboxSpec = {
    fs: opts.fs,
    env: envRecord(opts.env),
    cwd: container.workingDir || image.workingDir || "/",
    userland,
    network,
    listen: (listener) => ctx.network.listen(ip, listener),
    portInUse: (port) => ctx.network.bound(ip, port),
    hostname,
    user,
    credentials: {
      uid: user.uid,
      gid: user.gid,
      gids: user.gids,
      capabilities: capabilitySets(container, user.uid),
      noNewPrivs: container.securityContext?.allowPrivilegeEscalation === false,
    },
    clock: ctx.clock,
    label: `${ctx.nodeName} ${namespace}/${pod.metadata.name}/${container.name}`,
    onMemory,
    kernel: kernelInfo(container, ctx.node?.(), containerId),
  };
  return { spec, argv: args.argv, image };
}

/** What the container's /proc and /sys show: its node, its limits, its seed for /dev/urandom. */
function kernelInfo(container: Container, node: Node | undefined, containerId: string): KernelInfo {
  const capacity = node?.status?.capacity ?? DEFAULT_NODE_CAPACITY;
  const quantity = (q: unknown) => {
    const n = parseQuantity(q as string | undefined);
    return Number.isNaN(n) ? undefined : n;
  };
  const milli = (q: unknown) => {
    const n = quantity(q);
    return n === undefined ? undefined : Math.round(n * 1000);
  };
  const created = Date.parse(node?.metadata.creationTimestamp ?? "");
  const limits = container.resources?.limits ?? {};
  return {
    bootMs: Number.isNaN(created) ? 0 : created,
    node: { cpus: quantity(capacity.cpu) ?? 1, memoryBytes: quantity(capacity.memory) ?? 0 },
    limits: {
      memoryBytes: quantity(limits.memory),
      cpuMilli: milli(limits.cpu),
      cpuRequestMilli: milli(container.resources?.requests?.cpu ?? limits.cpu),
    },
    kernelRelease: node?.status?.nodeInfo?.kernelVersion || KERNEL_VERSION,
    seed: Number.parseInt(containerId.slice(0, 8), 16) || 1,
  };
}

function launchError(e: ContainerFsError | EnvError): LaunchError {
  if (e.reason === CreateContainerConfigError)
    return { kind: "config", reason: e.reason, message: e.message };
  return { kind: "mount", message: e.message, volume: "volume" in e ? e.volume : undefined };
}

/** Users official images name in their User whose account lines the catalog does not carry. */
const KNOWN_USERS: Record<string, number> = {
  root: 0,
  nobody: 65534,
  nginx: 101,
  "www-data": 33,
  redis: 999,
  mysql: 999,
  postgres: 999,
  node: 1000,
  memcache: 11211,
};

/** The process's user and groups (identity.ts), from the image's account files. */
function userOf(pod: Pod, container: Container, image: ImageConfig): ProcessIdentity {
  const files: Record<string, string> = { ...accountFiles(image.os), ...image.files };
  return processIdentity(
    pod,
    container,
    image.user,
    files["/etc/passwd"] ?? "",
    files["/etc/group"] ?? "",
    KNOWN_USERS,
  );
}
