/**
 * A node's machine as its own tools see it (ip, ifconfig, ss, netstat, uptime): the links a
 * kubeadm node with flannel has (lo, eth0 with the Node's InternalIP, flannel.1 holding the
 * node's pod subnet's network address, the cni0 bridge with its first address, one veth per pod
 * on the pod network), the routes flannel installs (its own subnet on cni0, every other node's
 * through flannel.1 onlink), and the listening sockets of the node's daemons (sshd,
 * systemd-resolved, containerd, the kubelet) and of its host-network containers, whose ports
 * come from their command lines as the components default them (kube-apiserver --secure-port
 * 6443, etcd's --listen-*-urls, kube-scheduler 10259 and kube-controller-manager 10257 on
 * --bind-address, kube-proxy's 127.0.0.1:10249 metrics and *:10256 healthz).
 */
import type { Node, Pod } from "../api/kinds";
import { hexDigest } from "../kubelet/hash";
import type { HostInfo, ListeningSocket, NetInterface, Route } from "../sh/interface";
import type { ContainerProcess } from "./interface";

/** The MTU flannel's VXLAN backend gives its links (1500 less the 50 bytes of VXLAN). */
export const FLANNEL_MTU = 1450;

/** What hostInfo is built from. */
export interface HostFacts {
  node: Node;
  /** Every Node (the routes to other nodes' pod subnets). */
  nodes: Node[];
  /** Pods bound to this node that have a sandbox on the pod network. */
  podNetworkPods: Pod[];
  /** The node's container processes. */
  containers: ContainerProcess[];
  /** Node daemons by name with their pids (`kubelet`, `containerd`, `sshd`, `systemd-resolve`). */
  daemons: Record<string, number | undefined>;
  /** Ports something listens on at the node's address (host-network servers). */
  listening: { port: number; protocol: "TCP" | "UDP" }[];
  bootedMs: number;
}

/** A stable locally administered MAC for a link name on a node. */
function mac(seed: string): string {
  const h = hexDigest(seed, 12);
  const bytes = [((Number.parseInt(h.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, "0")];
  for (let i = 2; i < 12; i += 2) bytes.push(h.slice(i, i + 2));
  return bytes.join(":");
}

const internalIP = (n: Node) => (n.status?.addresses ?? []).find((a) => a.type === "InternalIP")?.address;

/** The node's machine: links, routes and listening sockets. */
export function hostInfo(f: HostFacts): HostInfo {
  const name = f.node.metadata.name ?? "";
  const ip = internalIP(f.node) ?? "127.0.0.1";
  const net24 = ip.split(".").slice(0, 3).join(".");
  const cidr = f.node.spec?.podCIDR;
  const interfaces: NetInterface[] = [
    {
      index: 1,
      name: "lo",
      kind: "loopback",
      mtu: 65536,
      mac: "00:00:00:00:00:00",
      inet: { address: "127.0.0.1", prefix: 8, scope: "host" },
    },
    {
      index: 2,
      name: "eth0",
      kind: "ether",
      mtu: 1500,
      mac: mac(`${name}/eth0`),
      inet: { address: ip, prefix: 24, broadcast: `${net24}.255`, scope: "global" },
    },
  ];
  const routes: Route[] = [{ dest: "default", via: `${net24}.1`, dev: "eth0", proto: "static" }];
  if (cidr) {
    const base = cidr.split("/")[0]?.split(".").slice(0, 3).join(".") as string;
    interfaces.push({
      index: 3,
      name: "flannel.1",
      kind: "vxlan",
      mtu: FLANNEL_MTU,
      mac: mac(`${name}/flannel.1`),
      inet: { address: `${base}.0`, prefix: 32, scope: "global" },
    });
    if (f.podNetworkPods.length) {
      interfaces.push({
        index: 4,
        name: "cni0",
        kind: "bridge",
        mtu: FLANNEL_MTU,
        mac: mac(`${name}/cni0`),
        inet: { address: `${base}.1`, prefix: 24, broadcast: `${base}.255`, scope: "global" },
      });
      routes.push({ dest: cidr, dev: "cni0", proto: "kernel", scope: "link", src: `${base}.1` });
      const pods = [...f.podNetworkPods].sort((a, b) =>
        (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? ""),
      );
      for (const [i, pod] of pods.entries())
        interfaces.push({
          index: 5 + i,
          name: `veth${hexDigest(pod.metadata.uid ?? pod.metadata.name ?? "", 8)}`,
          kind: "veth",
          mtu: FLANNEL_MTU,
          mac: mac(`${name}/${pod.metadata.uid ?? pod.metadata.name}`),
          master: "cni0",
          peerIndex: 2,
        });
    }
    for (const other of [...f.nodes].sort((a, b) =>
      (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
    )) {
      const oc = other.spec?.podCIDR;
      if (other.metadata.name === name || !oc) continue;
      routes.push({ dest: oc, via: oc.split("/")[0], dev: "flannel.1", onlink: true });
    }
  }
  routes.push({ dest: `${net24}.0/24`, dev: "eth0", proto: "kernel", scope: "link", src: ip });
  return { bootedMs: f.bootedMs, interfaces, routes, sockets: sockets(f, ip) };
}

/** /proc/PID/comm: the program's base name cut to 15 characters (TASK_COMM_LEN - 1). */
export const commOf = (command: string): string => {
  const first = command.split(" ")[0] ?? "";
  return first.slice(first.lastIndexOf("/") + 1).slice(0, 15);
};

/** A flag's value on a command line (`--secure-port=6443`). */
function flag(command: string, name: string): string | undefined {
  return new RegExp(`(?:^| )--${name}=(\\S+)`).exec(command)?.[1];
}

/** The address ss shows for a bind address: `*` for all (dual stack), else the address. */
const bindShown = (a: string | undefined, dflt = "*") => (!a || a === "0.0.0.0" || a === "::" ? dflt : a);

/** Where a control-plane binary listens, from its flags and its defaults. */
function componentPorts(command: string, nodeIP: string): { address: string; port: number }[] {
  const bin = commOf(command);
  const urls = (v: string | undefined) =>
    (v ?? "")
      .split(",")
      .filter(Boolean)
      .map((u) => /^\w+:\/\/\[?([^\]/]+?)\]?:(\d+)/.exec(u))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ address: m[1] as string, port: Number(m[2]) }));
  switch (bin) {
    case "kube-apiserver":
      return [
        {
          address: bindShown(flag(command, "bind-address")),
          port: Number(flag(command, "secure-port") ?? 6443),
        },
      ];
    case "etcd":
      return [
        ...urls(flag(command, "listen-client-urls") ?? `http://${nodeIP}:2379`),
        ...urls(flag(command, "listen-peer-urls") ?? `http://${nodeIP}:2380`),
        ...urls(flag(command, "listen-metrics-urls")),
      ];
    case "kube-scheduler":
      return [
        {
          address: bindShown(flag(command, "bind-address")),
          port: Number(flag(command, "secure-port") ?? 10259),
        },
      ];
    case "kube-controller":
      return [
        {
          address: bindShown(flag(command, "bind-address")),
          port: Number(flag(command, "secure-port") ?? 10257),
        },
      ];
    case "kube-proxy":
      return [
        { address: "127.0.0.1", port: 10249 },
        { address: "*", port: 10256 },
      ];
    default:
      return [];
  }
}

function sockets(f: HostFacts, ip: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  const add = (s: ListeningSocket) => {
    if (!out.some((o) => o.proto === s.proto && o.address === s.address && o.port === s.port)) out.push(s);
  };
  const d = f.daemons;
  if (d["systemd-resolve"] !== undefined) {
    add({
      proto: "tcp",
      address: "127.0.0.53%lo",
      port: 53,
      pid: d["systemd-resolve"],
      comm: "systemd-resolve",
      fd: 14,
    });
    add({
      proto: "udp",
      address: "127.0.0.53%lo",
      port: 53,
      pid: d["systemd-resolve"],
      comm: "systemd-resolve",
      fd: 13,
    });
  }
  if (d.sshd !== undefined) {
    add({ proto: "tcp", address: "0.0.0.0", port: 22, pid: d.sshd, comm: "sshd", fd: 3 });
    add({ proto: "tcp", address: "::", port: 22, pid: d.sshd, comm: "sshd", fd: 4 });
  }
  if (d.containerd !== undefined) {
    // containerd's CRI streaming server takes a free port on loopback.
    const port = 32768 + (Number.parseInt(hexDigest(`${f.node.metadata.name}/containerd`, 4), 16) % 28000);
    add({ proto: "tcp", address: "127.0.0.1", port, pid: d.containerd, comm: "containerd", fd: 11 });
  }
  if (d.kubelet !== undefined) {
    add({ proto: "tcp", address: "127.0.0.1", port: 10248, pid: d.kubelet, comm: "kubelet", fd: 25 });
    add({ proto: "tcp", address: "*", port: 10250, pid: d.kubelet, comm: "kubelet", fd: 19 });
  }
  const hostProcs = f.containers.filter((c) => c.pod?.hostNetwork);
  for (const c of hostProcs)
    for (const p of componentPorts(c.command, ip))
      add({ proto: "tcp", ...p, pid: c.pid, comm: commOf(c.command), fd: 3 + (out.length % 5) });
  for (const l of f.listening) {
    // A port a daemon already holds (on loopback too: probes reach 127.0.0.1 through the node's address).
    if (out.some((o) => o.port === l.port && o.proto === (l.protocol === "UDP" ? "udp" : "tcp"))) continue;
    const owner = hostProcs.find((c) => c.ports?.some((p) => p.port === l.port));
    add({
      proto: l.protocol === "UDP" ? "udp" : "tcp",
      address: "0.0.0.0",
      port: l.port,
      pid: owner?.pid,
      comm: owner ? commOf(owner.command) : undefined,
      fd: owner ? 6 : undefined,
    });
  }
  return out;
}
