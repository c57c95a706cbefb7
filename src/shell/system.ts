/**
 * The terminal's world as its shell sees it: the node it is on (host name, the cluster's clock,
 * the processes ps shows: init, containerd, the kubelet with its command line, the login shell)
 * and its file system, which for the home session follows whichever node is home now.
 */

import type { Node, Pod } from "../engine/api/kinds";
import type { Cluster } from "../engine/cluster";
import { KUBELET_COMMAND } from "../engine/kubelet/files";
import { clusterNetwork } from "../engine/kubelet/network";
import { hostInfo } from "../engine/node/hostinfo";
import type { NodeHost } from "../engine/node/interface";
import type { FileSystem, HostInfo, Network, ProcessInfo, System } from "../engine/sh/interface";
import type { SignalTarget } from "./drive";

/** The pid of the login shell on a node (ps shows `-bash`). */
export const LOGIN_SHELL_PID = 4321;

/** A System for a shell on a node (or the workstation when host() is undefined). */
export function terminalSystem(
  cluster: Cluster,
  host: () => NodeHost | undefined,
  name: () => string,
): System & SignalTarget {
  const sys: System & SignalTarget = {
    now: () => cluster.clock.now(),
    hostname: name,
    user: () => ({ name: "root", uid: 0, gid: 0, groups: "0(root)" }),
    network: nodeNetwork(cluster, host, name),
    processes: () => nodeProcesses(cluster, host()),
    host: () => {
      const h = host();
      return h ? nodeHostInfo(cluster, h) : undefined;
    },
    kill: () => false,
    // A program on the node listens on the node's address (and its loopback).
    listen: (listener) => clusterNetwork(cluster.api).listen(nodeAddress(cluster, host, name), listener),
    portInUse: (port) => clusterNetwork(cluster.api).bound(nodeAddress(cluster, host, name), port),
    setMemory: () => {},
    pid: () => LOGIN_SHELL_PID,
    onSignal: () => {},
    onAnySignal: (handler) => {
      sys.signal = handler;
      return () => {
        if (sys.signal === handler) sys.signal = undefined;
      };
    },
  };
  return sys;
}

/**
 * The network from a node: Service VIPs, NodePorts and pod IPs as kube-proxy routes them; the
 * node's resolver has no cluster search domains.
 */
function nodeNetwork(cluster: Cluster, host: () => NodeHost | undefined, name: () => string): Network {
  const here = (): Network =>
    clusterNetwork(cluster.api).at({
      namespace: "default",
      ip: nodeAddress(cluster, host, name),
      hostname: name(),
      search: [],
    });
  return {
    get dnsServer() {
      return here().dnsServer;
    },
    // The nodes know each other by name (the lab's /etc/hosts, as `ssh node01` does).
    resolve: (n) => {
      const peer = cluster.api.get("Node", undefined, n.replace(/\.$/, "")) as Node | undefined;
      const address = (peer?.status?.addresses ?? []).find((a) => a.type === "InternalIP")?.address;
      return host() && address ? { name: n, addresses: [address] } : here().resolve(n);
    },
    reverse: (a) => here().reverse(a),
    connect: (h, p) => here().connect(h, p),
    ping: (a) => here().ping?.(a),
  };
}

/** Seconds a node ran before its kubelet registered the Node (boot, cloud-init, kubeadm). */
const BOOT_BEFORE_REGISTRATION_MS = 45_000;

/** When a node's machine booted: a little before its Node object was created. */
function bootedMs(cluster: Cluster, host: NodeHost): number {
  const node = cluster.api.get("Node", undefined, host.nodeName) as Node | undefined;
  const created = Date.parse(node?.metadata.creationTimestamp ?? "");
  return Number.isNaN(created) ? 0 : Math.max(0, created - BOOT_BEFORE_REGISTRATION_MS);
}

/** The pids of the node's daemons, as ps lists them. */
const SSHD_PID = 812;
const RESOLVED_PID = 512;

/** The node's machine for ip, ss, netstat and uptime. */
function nodeHostInfo(cluster: Cluster, host: NodeHost): HostInfo {
  const node = cluster.api.get("Node", undefined, host.nodeName) as Node;
  const pods = (cluster.api.list("Pod") as Pod[]).filter(
    (p) => p.spec?.nodeName === host.nodeName && !p.spec?.hostNetwork && p.status?.podIP,
  );
  const ip = (node?.status?.addresses ?? []).find((a) => a.type === "InternalIP")?.address ?? "";
  return hostInfo({
    node,
    nodes: cluster.api.list("Node") as Node[],
    podNetworkPods: pods,
    containers: host.containerProcesses?.() ?? [],
    daemons: {
      kubelet: kubeletPid(host),
      containerd: CONTAINERD_PID,
      sshd: SSHD_PID,
      "systemd-resolve": RESOLVED_PID,
    },
    listening: clusterNetwork(cluster.api).listenersOn(ip),
    bootedMs: bootedMs(cluster, host),
  });
}

const CONTAINERD_PID = 600;

/** The kubelet's pid while its unit is active. */
function kubeletPid(host: NodeHost): number | undefined {
  const m = /Active: active[\s\S]*?└─(\d+) /.exec(host.systemctl("status", "kubelet").stdout);
  return m ? Number(m[1]) : undefined;
}

/** The node's InternalIP (127.0.0.1 on the workstation, which has no node). */
function nodeAddress(cluster: Cluster, host: () => NodeHost | undefined, name: () => string): string {
  const node = host() ? cluster.api.get("Node", undefined, name()) : undefined;
  return (
    (node?.status?.addresses ?? []).find((a: { type: string }) => a.type === "InternalIP")?.address ??
    "127.0.0.1"
  );
}

/**
 * What ps lists on a node: init, containerd, the kubelet while active, the pods' pause processes
 * and containers' main processes (the control plane's static pods with their flags), the login shell.
 */
function nodeProcesses(cluster: Cluster, host: NodeHost | undefined): ProcessInfo[] {
  const procs: ProcessInfo[] = [];
  if (host) {
    const booted = bootedMs(cluster, host);
    procs.push({ pid: 1, user: "root", command: "/sbin/init", startedMs: booted });
    procs.push({
      pid: RESOLVED_PID,
      user: "systemd-resolve",
      command: "/lib/systemd/systemd-resolved",
      startedMs: booted,
    });
    procs.push({ pid: CONTAINERD_PID, user: "root", command: "/usr/bin/containerd", startedMs: booted });
    procs.push({
      pid: SSHD_PID,
      user: "root",
      command: "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups",
      startedMs: booted,
    });
    const kubelet = kubeletPid(host);
    if (kubelet !== undefined)
      procs.push({ pid: kubelet, user: "root", command: KUBELET_COMMAND, startedMs: booted });
    for (const p of host.containerProcesses?.() ?? []) procs.push({ ...p, user: "root" });
  }
  procs.push({ pid: LOGIN_SHELL_PID, user: "root", command: "-bash", startedMs: cluster.clock.now() });
  return procs.sort((a, b) => a.pid - b.pid);
}

/**
 * A FileSystem that is whichever one get() returns now (the home node's, which may change). Node
 * file systems keep no metadata, so there is no stat.
 */
export function followingFs(get: () => FileSystem): FileSystem {
  return {
    isDir: (p) => get().isDir(p),
    isFile: (p) => get().isFile(p),
    exists: (p) => get().exists(p),
    read: (p) => get().read(p),
    write: (p, t) => get().write(p, t),
    mkdir: (p, parents) => get().mkdir(p, parents),
    remove: (p, recursive) => get().remove(p, recursive),
    list: (p) => get().list(p),
  };
}
