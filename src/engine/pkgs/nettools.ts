/**
 * net-tools 2.10's `ifconfig` and `netstat`, as the net-tools package installs them: ifconfig
 * prints the pod's interfaces (lib/interface.c ife_print_long, sorted by name: eth0, then lo);
 * netstat lists the sockets listening on the pod's IP (netstat.c tcp_do_one's columns). Only
 * listening sockets are known (no established connections, no UNIX sockets are modelled), and
 * the PID/Program column is `-` (the socket's owner is not tracked).
 */

import { ownAddress } from "../sh/applets/net";
import { linkLocal, macFor } from "../sh/applets/sysinfo";
import type { CommandContext, Program } from "../sh/interface";

const COUNTERS = [
  "        RX packets 0  bytes 0 (0.0 B)",
  "        RX errors 0  dropped 0  overruns 0  frame 0",
  "        TX packets 0  bytes 0 (0.0 B)",
  "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0",
];

function eth0(ip: string): string[] {
  const prefix = ip.split(".").slice(0, 3).join(".");
  const mac = macFor(ip);
  return [
    "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1450",
    `        inet ${ip}  netmask 255.255.255.0  broadcast ${prefix}.255`,
    `        inet6 ${linkLocal(mac).replace(/\/64$/, "")}  prefixlen 64  scopeid 0x20<link>`,
    `        ether ${mac}  txqueuelen 0  (Ethernet)`,
    ...COUNTERS,
    "",
  ];
}

const LO = [
  "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536",
  "        inet 127.0.0.1  netmask 255.0.0.0",
  "        inet6 ::1  prefixlen 128  scopeid 0x10<host>",
  "        loop  txqueuelen 1000  (Local Loopback)",
  ...COUNTERS,
  "",
];

/** `ifconfig [-a] [IFACE]`. */
export const ifconfig: Program = (ctx) => {
  const ip = ownAddress(ctx);
  const wanted = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  const all: Record<string, string[]> = { ...(ip ? { eth0: eth0(ip) } : {}), lo: LO };
  if (wanted.length) {
    const name = wanted[0] as string;
    const iface = all[name];
    if (!iface) {
      ctx.stderr.write(`${name}: error fetching interface information: Device not found\n`);
      return 1;
    }
    ctx.stdout.write(`${iface.join("\n")}\n`);
    return 0;
  }
  ctx.stdout.write(`${Object.values(all).flat().join("\n")}\n`);
  return 0;
};

/** /etc/services names netstat shows without -n. */
const SERVICES: Record<number, string> = {
  22: "ssh",
  53: "domain",
  80: "http",
  443: "https",
  8080: "http-alt",
};

function flags(ctx: CommandContext): Set<string> | string {
  const out = new Set<string>();
  const long: Record<string, string> = {
    "--tcp": "t",
    "--udp": "u",
    "--listening": "l",
    "--numeric": "n",
    "--programs": "p",
    "--all": "a",
  };
  for (const a of ctx.argv.slice(1)) {
    if (long[a]) out.add(long[a] as string);
    else if (/^-[tulnpaW]+$/.test(a)) for (const c of a.slice(1)) out.add(c);
    else return a;
  }
  return out;
}

/** `netstat [-tulnpa]`: the listening sockets of the pod. */
export const netstat: Program = (ctx) => {
  const f = flags(ctx);
  if (typeof f === "string") {
    ctx.stderr.write(`netstat: invalid option -- '${f.replace(/^-+/, "").slice(0, 1)}'\n`);
    return 1;
  }
  const servers = f.has("l") || f.has("a");
  const title = f.has("a") ? "servers and established" : f.has("l") ? "only servers" : "w/o servers";
  const both = !f.has("t") && !f.has("u");
  const programs = f.has("p");
  const port = (p: number) => (f.has("n") ? String(p) : (SERVICES[p] ?? String(p)));
  ctx.stdout.write(`Active Internet connections (${title})\n`);
  ctx.stdout.write(
    `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${programs ? " PID/Program name    " : ""}\n`,
  );
  if (servers) {
    const sockets = [...(ctx.sys.network.listeners?.() ?? [])].sort((a, b) => a.port - b.port);
    for (const s of sockets) {
      const tcp = s.protocol === "TCP";
      if ((tcp && !both && !f.has("t")) || (!tcp && !both && !f.has("u"))) continue;
      const local = `0.0.0.0:${port(s.port)}`.padEnd(23);
      const row = `${(tcp ? "tcp" : "udp").padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${local} ${"0.0.0.0:*".padEnd(23)} ${(tcp ? "LISTEN" : "").padEnd(11)}`;
      ctx.stdout.write(`${row}${programs ? ` ${"-".padEnd(20)}` : ""}\n`);
    }
  }
  if (both) {
    ctx.stdout.write(`Active UNIX domain sockets (${title})\n`);
    ctx.stdout.write(
      `Proto RefCnt Flags       Type       State         I-Node   ${programs ? "PID/Program name     " : ""}Path\n`,
    );
  }
  return 0;
};
