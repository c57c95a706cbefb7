// hostInfo: a flannel node's links and routes (flannel's vxlan backend: flannel.1 with the
// subnet's .0/32, cni0 with .1/24, routes to other nodes' subnets via flannel.1 onlink) and the
// sockets the components open by their flags' defaults (kube-apiserver, etcd, scheduler,
// controller-manager, kube-proxy; kubelet 10250/10248).
import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/kinds";
import { hostInfo } from "./hostinfo";

const node = (name: string, ip: string, cidr: string): Node =>
  ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: { podCIDR: cidr },
    status: { addresses: [{ type: "InternalIP", address: ip }] },
  }) as Node;

const cp = node("controlplane", "192.168.1.2", "10.244.0.0/24");
const n1 = node("node01", "192.168.1.3", "10.244.1.0/24");
const pod = { metadata: { name: "coredns", uid: "u1", creationTimestamp: "2026-01-01T00:00:01Z" } } as Pod;
const hostPod = { namespace: "kube-system", name: "x", hostNetwork: true, ip: "192.168.1.2" };

const info = hostInfo({
  node: cp,
  nodes: [cp, n1],
  podNetworkPods: [pod],
  containers: [
    {
      pid: 10,
      command: "kube-apiserver --advertise-address=192.168.1.2 --secure-port=6443",
      startedMs: 0,
      pod: hostPod,
    },
    {
      pid: 11,
      command:
        "etcd --listen-client-urls=https://127.0.0.1:2379,https://192.168.1.2:2379 --listen-peer-urls=https://192.168.1.2:2380 --listen-metrics-urls=http://127.0.0.1:2381",
      startedMs: 0,
      pod: hostPod,
    },
    { pid: 12, command: "kube-controller-manager --bind-address=127.0.0.1", startedMs: 0, pod: hostPod },
    {
      pid: 13,
      command: "sleep 1000",
      startedMs: 0,
      pod: { ...hostPod, hostNetwork: false, ip: "10.244.0.5" },
    },
    {
      pid: 14,
      command: "nginx -g daemon off;",
      startedMs: 0,
      pod: hostPod,
      ports: [{ port: 8080, protocol: "TCP" }],
    },
  ],
  daemons: { kubelet: 1000 },
  listening: [
    { port: 8080, protocol: "TCP" },
    { port: 2381, protocol: "TCP" },
  ],
  bootedMs: 5,
});

describe("hostInfo", () => {
  it("has lo, eth0 with the InternalIP, flannel.1, cni0 and a veth per pod", () => {
    expect(
      info.interfaces.map(
        (l) => `${l.index} ${l.name} ${l.inet ? `${l.inet.address}/${l.inet.prefix}` : "-"}`,
      ),
    ).toEqual([
      "1 lo 127.0.0.1/8",
      "2 eth0 192.168.1.2/24",
      "3 flannel.1 10.244.0.0/32",
      "4 cni0 10.244.0.1/24",
      `5 ${info.interfaces[4]?.name} -`,
    ]);
    expect(info.interfaces[4]?.name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(info.interfaces[4]?.master).toBe("cni0");
  });
  it("routes its own subnet to cni0 and other nodes' through flannel.1", () => {
    expect(info.routes).toContainEqual({
      dest: "10.244.0.0/24",
      dev: "cni0",
      proto: "kernel",
      scope: "link",
      src: "10.244.0.1",
    });
    expect(info.routes).toContainEqual({
      dest: "10.244.1.0/24",
      via: "10.244.1.0",
      dev: "flannel.1",
      onlink: true,
    });
  });
  it("lists the components' sockets from their flags and defaults", () => {
    const s = info.sockets.map((x) => `${x.address}:${x.port} ${x.comm ?? "-"}`);
    expect(s).toEqual(
      expect.arrayContaining([
        "127.0.0.1:10248 kubelet",
        "*:10250 kubelet",
        "*:6443 kube-apiserver",
        "127.0.0.1:2379 etcd",
        "192.168.1.2:2379 etcd",
        "192.168.1.2:2380 etcd",
        "127.0.0.1:2381 etcd",
        "127.0.0.1:10257 kube-controller",
        "0.0.0.0:8080 nginx",
      ]),
    );
    // The probe listener on 2381 is etcd's own, not a second socket; pod-network processes hold none.
    expect(s.filter((x) => x.includes(":2381"))).toHaveLength(1);
    expect(s.some((x) => x.includes("sleep"))).toBe(false);
  });
});
