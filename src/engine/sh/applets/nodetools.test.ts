/**
 * The node's tools over a host: iproute2's ip (ip/ipaddress.c, ip/iproute.c layouts), net-tools'
 * ifconfig and netstat (netstat.c's `%-4s  %6ld %6ld %-23s %-23s %-11s`), ss (misc/ss.c),
 * procps' uptime (whattime.c sprint_uptime) and top -b (top.c), iputils' ping, traceroute 2.1,
 * telnet and watch (procps watch.c's title).
 */
import { describe, expect, it } from "vitest";
import type { HostInfo } from "../interface";
import { ifconfig, ip } from "./iproute";
import { top, uptime } from "./load";
import { ping } from "./ping";
import { telnet, traceroute } from "./remote";
import { netstat, ss } from "./sockets";
import { run, TEST_NOW, testSystem, WEB_BODY, WEB_IP } from "./testing";
import { watch, watchTitle } from "./watch";

const HOST: HostInfo = {
  bootedMs: TEST_NOW - (2 * 3600 + 5 * 60) * 1000,
  interfaces: [
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
      mac: "02:42:c0:a8:01:02",
      inet: { address: "192.168.1.2", prefix: 24, broadcast: "192.168.1.255", scope: "global" },
    },
    {
      index: 3,
      name: "flannel.1",
      kind: "vxlan",
      mtu: 1450,
      mac: "7e:1a:2b:3c:4d:5e",
      inet: { address: "10.244.0.0", prefix: 32, scope: "global" },
    },
  ],
  routes: [
    { dest: "192.168.1.0/24", dev: "eth0", proto: "kernel", scope: "link", src: "192.168.1.2" },
    { dest: "10.244.1.0/24", via: "10.244.1.0", dev: "flannel.1", onlink: true },
    { dest: "default", via: "192.168.1.1", dev: "eth0", proto: "static" },
  ],
  sockets: [
    { proto: "tcp", address: "*", port: 6443, pid: 1234, comm: "kube-apiserver", fd: 3 },
    { proto: "tcp", address: "127.0.0.1", port: 2379, pid: 99, comm: "etcd", fd: 7 },
    { proto: "tcp", address: "0.0.0.0", port: 22, pid: 812, comm: "sshd", fd: 3 },
  ],
};

const onHost = () => {
  const sys = testSystem();
  return Object.assign(sys, { host: () => HOST });
};

describe("ip", () => {
  it("ip addr: each link with its addresses", () => {
    const r = run(ip("gnu"), ["ip", "addr", "show", "eth0"], { sys: onHost() });
    expect(r.stdout).toBe(
      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n" +
        "    link/ether 02:42:c0:a8:01:02 brd ff:ff:ff:ff:ff:ff\n" +
        "    inet 192.168.1.2/24 brd 192.168.1.255 scope global eth0\n" +
        "       valid_lft forever preferred_lft forever\n" +
        "    inet6 fe80::42:c0ff:fea8:102/64 scope link \n" +
        "       valid_lft forever preferred_lft forever\n",
    );
  });
  it("ip -4 a leaves out the link and IPv6 lines", () => {
    const r = run(ip("gnu"), ["ip", "-4", "a"], { sys: onHost() });
    expect(r.stdout).toContain(
      "3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default \n    inet 10.244.0.0/32 scope global flannel.1\n",
    );
    expect(r.stdout).not.toContain("inet6");
  });
  it("ip route: default first, then by destination, each part followed by a space", () => {
    expect(run(ip("gnu"), ["ip", "r"], { sys: onHost() }).stdout).toBe(
      "default via 192.168.1.1 dev eth0 proto static \n10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink \n192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.2 \n",
    );
  });
  it("ip link and a missing device", () => {
    expect(run(ip("gnu"), ["ip", "link", "show", "lo"], { sys: onHost() }).stdout).toBe(
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n",
    );
    const r = run(ip("gnu"), ["ip", "a", "show", "eth9"], { sys: onHost() });
    expect(r.stderr).toBe('Device "eth9" does not exist.\n');
    expect(r.exit).toBe(1);
  });
  it("in a container: lo and the pod's eth0@if7", () => {
    const r = run(ip("gnu"), ["ip", "-4", "-br", "a"], {});
    expect(r.stdout).toBe(
      "lo               UNKNOWN        127.0.0.1/8 \neth0@if7         UP             10.244.1.5/24 \n",
    );
  });
});

describe("ifconfig", () => {
  it("net-tools' layout", () => {
    expect(run(ifconfig("gnu"), ["ifconfig", "eth0"], { sys: onHost() }).stdout).toBe(
      "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 192.168.1.2  netmask 255.255.255.0  broadcast 192.168.1.255\n        inet6 fe80::42:c0ff:fea8:102  prefixlen 64  scopeid 0x20<link>\n        ether 02:42:c0:a8:01:02  txqueuelen 1000  (Ethernet)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n",
    );
  });
});

describe("ss and netstat", () => {
  it("ss -tlnp: columns as wide as their contents, as ss.c lays them out off a terminal", () => {
    const procs = [
      ' users:(("sshd",pid=812,fd=3))',
      ' users:(("etcd",pid=99,fd=7))',
      ' users:(("kube-apiserver",pid=1234,fd=3))',
    ];
    const w = Math.max(...procs.map((x) => x.length));
    expect(run(ss("gnu"), ["ss", "-tlnp"], { sys: onHost() }).stdout).toBe(
      `State  Recv-Q Send-Q Local Address:Port Peer Address:Port${"Process".padEnd(w)}\n` +
        `LISTEN 0      128          0.0.0.0:22        0.0.0.0:*   ${(procs[0] as string).padEnd(w)}\n` +
        `LISTEN 0      4096       127.0.0.1:2379      0.0.0.0:*   ${(procs[1] as string).padEnd(w)}\n` +
        `LISTEN 0      4096               *:6443            *:*   ${(procs[2] as string).padEnd(w)}\n`,
    );
  });
  it("ss without -l lists established sockets: none", () => {
    expect(run(ss("gnu"), ["ss", "-tn"], { sys: onHost() }).stdout).toBe(
      "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n",
    );
  });
  it("netstat -tlnp: a dual-stack socket is tcp6 :::PORT", () => {
    expect(run(netstat("gnu"), ["netstat", "-tlnp"], { sys: onHost() }).stdout).toBe(
      "Active Internet connections (only servers)\n" +
        "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n" +
        "tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      812/sshd            \n" +
        "tcp        0      0 127.0.0.1:2379          0.0.0.0:*               LISTEN      99/etcd             \n" +
        "tcp6       0      0 :::6443                 :::*                    LISTEN      1234/kube-apiserver \n",
    );
  });
});

describe("uptime and top", () => {
  it("sprint_uptime's line, -p and -s", () => {
    expect(run(uptime("gnu"), ["uptime"], { sys: onHost() }).stdout).toBe(
      " 04:05:06 up  2:05,  1 user,  load average: 0.08, 0.03, 0.01\n",
    );
    expect(run(uptime("gnu"), ["uptime", "-p"], { sys: onHost() }).stdout).toBe("up 2 hours, 5 minutes\n");
    expect(run(uptime("gnu"), ["uptime", "-s"], { sys: onHost() }).stdout).toBe("2026-01-03 02:00:06\n");
  });
  it("minutes only below an hour; days", () => {
    const sys = Object.assign(testSystem(), { host: () => ({ ...HOST, bootedMs: TEST_NOW - 10 * 60_000 }) });
    expect(run(uptime("gnu"), ["uptime"], { sys }).stdout).toBe(
      " 04:05:06 up 10 min,  1 user,  load average: 0.08, 0.03, 0.01\n",
    );
    const days = Object.assign(testSystem(), {
      host: () => ({ ...HOST, bootedMs: TEST_NOW - (2 * 86400 + 60) * 1000 }),
    });
    expect(run(uptime("gnu"), ["uptime"], { sys: days }).stdout).toBe(
      " 04:05:06 up 2 days, 1 min,  1 user,  load average: 0.08, 0.03, 0.01\n",
    );
  });
  it("top -b -n 1: the summary and the task table", () => {
    const out = run(top("gnu"), ["top", "-b", "-n", "1"], { sys: onHost() }).stdout.split("\n");
    expect(out[0]).toBe("top - 04:05:06 up  2:05,  1 user,  load average: 0.08, 0.03, 0.01");
    expect(out[1]).toBe("Tasks:   2 total,   0 running,   2 sleeping,   0 stopped,   0 zombie");
    expect(out[6]).toBe("    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND");
    expect(out[7]).toBe("      1 root      20   0       0      0      0 S   0.0   0.0   0:00.00 sleep");
  });
  it("top without -b has no terminal", () => {
    const r = run(top("gnu"), ["top"], { sys: onHost() });
    expect(r.stderr).toBe("top: failed tty get\n");
    expect(r.exit).toBe(1);
  });
});

describe("ping (iputils)", () => {
  it("replies, icmp_seq from 1, the rtt summary", () => {
    const sys = testSystem();
    sys.network.ping = () => ({ ttl: 64 });
    const r = run(ping("gnu"), ["ping", "-c", "2", "10.244.1.5"], { sys });
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("PING 10.244.1.5 (10.244.1.5) 56(84) bytes of data.");
    expect(lines[1]).toMatch(/^64 bytes from 10\.244\.1\.5: icmp_seq=1 ttl=64 time=0\.\d{3} ms$/);
    expect(lines[2]).toMatch(/^64 bytes from 10\.244\.1\.5: icmp_seq=2 ttl=64 time=0\.\d{3} ms$/);
    expect(lines.slice(3, 6)).toEqual([
      "",
      "--- 10.244.1.5 ping statistics ---",
      "2 packets transmitted, 2 received, 0% packet loss, time 1001ms",
    ]);
    expect(lines[6]).toMatch(/^rtt min\/avg\/max\/mdev = \d\.\d{3}\/\d\.\d{3}\/\d\.\d{3}\/\d\.\d{3} ms$/);
    expect(r.exit).toBe(0);
  });
  it("a name shows its PTR name; no reply is 100% loss, exit 1; an unknown name exit 2", () => {
    const r = run(ping("gnu"), ["ping", "-c", "1", "web"], {});
    expect(r.stdout).toBe(
      `PING web (${WEB_IP}) 56(84) bytes of data.\n\n--- web ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n`,
    );
    expect(r.exit).toBe(1);
    const u = run(ping("gnu"), ["ping", "nope"], {});
    expect(u.stderr).toBe("ping: nope: Name or service not known\n");
    expect(u.exit).toBe(2);
  });
});

describe("traceroute and telnet", () => {
  it("a pod on another node is two hops away", () => {
    const sys = testSystem();
    sys.network.ping = () => ({ ttl: 62 });
    const r = run(traceroute("gnu"), ["traceroute", "-n", "10.244.1.5"], { sys });
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("traceroute to 10.244.1.5 (10.244.1.5), 30 hops max, 60 byte packets");
    expect(lines[1]).toMatch(/^ 1 {2}10\.244\.1\.0 {2}\d\.\d{3} ms {2}\d\.\d{3} ms {2}\d\.\d{3} ms$/);
    expect(lines[2]).toMatch(/^ 2 {2}10\.244\.1\.5 {2}/);
  });
  it("telnet to a web server sends stdin and prints the answer", () => {
    const r = run(telnet("gnu"), ["telnet", "web", "80"], { stdin: "GET / HTTP/1.0\r\n\r\n" });
    expect(r.stdout).toMatch(
      new RegExp(
        `^Trying ${WEB_IP.replace(/\./g, "\\.")}\\.\\.\\.\nConnected to web\\.\nEscape character is '\\^\\]'\\.\nHTTP/1\\.1 200 OK\r?\n`,
      ),
    );
    expect(r.stdout).toContain(WEB_BODY);
    expect(r.stdout.endsWith("Connection closed by foreign host.\n")).toBe(true);
  });
  it("telnet refused", () => {
    const r = run(telnet("gnu"), ["telnet", "db", "5432"], {});
    expect(r.stdout).toBe("Trying 10.96.0.5...\n");
    expect(r.stderr).toBe("telnet: Unable to connect to remote host: Connection refused\n");
    expect(r.exit).toBe(1);
  });
});

describe("watch", () => {
  it("the title: interval and command left, host and ctime right, 80 columns", () => {
    const t = watchTitle(2, "kubectl get pods", "controlplane", TEST_NOW);
    expect(t).toBe(
      `Every 2.0s: kubectl get pods${" ".repeat(80 - 28 - 38)}controlplane: Sat Jan  3 04:05:06 2026`,
    );
    expect(t.length).toBe(80);
  });
  it("runs the command every interval until interrupted", () => {
    let n = 0;
    const r = run(watch("gnu"), ["watch", "-n", "1", "-t", "echo", "hi"], {
      maxWaits: 3,
      programs: {},
      onWait: () => {
        n++;
      },
    });
    expect(n).toBeGreaterThanOrEqual(2);
    expect(r.waits.every((w) => w.kind === "sleep")).toBe(true);
  });
});
