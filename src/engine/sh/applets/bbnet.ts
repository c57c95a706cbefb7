/**
 * busybox 1.36's ifconfig (networking/ifconfig.c, interface.c's ife_print: the net-tools 1.60
 * layout, `Link encap:`, `inet addr:`, `RX bytes:`) and netstat (networking/netstat.c:
 * `%s   %6lu %6lu %-23s %-23s %-12s`, ports by number, the UNIX section by default). A pod's
 * links are lo and eth0 as busybox `ip addr` shows them (sysinfo.ts); a node's are its own.
 * Counters are 0: no traffic is counted.
 */
import type { CommandContext, ListeningSocket, NetInterface, Route } from "../interface";
import { type Applet, complain, getopt, has, type Parsed, usage } from "./common";
import { ownAddress } from "./net";
import { isV6, selected } from "./sockets";
import { linkLocal, macFor } from "./sysinfo";

/** The links ifconfig reads: the host's, or a pod's lo and eth0. */
function links(ctx: CommandContext): NetInterface[] {
  const host = ctx.sys.host?.();
  if (host) return host.interfaces;
  const out: NetInterface[] = [
    {
      index: 1,
      name: "lo",
      kind: "loopback",
      mtu: 65536,
      mac: "00:00:00:00:00:00",
      inet: { address: "127.0.0.1", prefix: 8, scope: "host" },
    },
  ];
  const ip = ownAddress(ctx);
  if (ip) {
    const base = ip.split(".").slice(0, 3).join(".");
    out.push({
      index: 2,
      name: "eth0",
      kind: "veth",
      mtu: 1450,
      mac: macFor(ip),
      peerIndex: 7,
      inet: { address: ip, prefix: 24, broadcast: `${base}.255`, scope: "global" },
    });
  }
  return out;
}

/** The main routing table: the host's, or a pod's default, cluster and link routes (as `ip route`). */
function routes(ctx: CommandContext): Route[] {
  const host = ctx.sys.host?.();
  if (host) return host.routes;
  const ip = ownAddress(ctx);
  if (!ip) return [];
  const base = ip.split(".").slice(0, 3).join(".");
  return [
    { dest: "default", via: `${base}.1`, dev: "eth0" },
    { dest: "10.244.0.0/16", via: `${base}.1`, dev: "eth0" },
    { dest: `${base}.0/24`, dev: "eth0", proto: "kernel", scope: "link", src: ip },
  ];
}

/** An IPv4 address as a number. */
const ipNumber = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);

/**
 * bb_displayroutes (networking/route.c) over /proc/net/route's order (by destination, then prefix):
 * `default` and `*` for 0.0.0.0 unless -n, a gateway's name where it resolves back.
 */
function routeTable(ctx: CommandContext, numeric: boolean, netstatFormat: boolean): string {
  const rows = routes(ctx).map((r) => {
    const [dest, prefix] =
      r.dest === "default"
        ? ["0.0.0.0", 0]
        : [r.dest.split("/")[0] as string, Number(r.dest.split("/")[1] ?? 32)];
    return { r, dest, prefix };
  });
  rows.sort((a, b) => ipNumber(a.dest) - ipNumber(b.dest) || a.prefix - b.prefix);
  let out = `Kernel IP routing table\nDestination     Gateway         Genmask         Flags ${netstatFormat ? "  MSS Window  irtt" : "Metric Ref    Use"} Iface\n`;
  for (const { r, dest, prefix } of rows) {
    const gw = r.via ?? "0.0.0.0";
    const shownDest = numeric ? dest : dest === "0.0.0.0" ? "default" : dest;
    const shownGw = numeric ? gw : gw === "0.0.0.0" ? "*" : (ctx.sys.network.reverse(gw) ?? gw);
    const flags = `U${r.via ? "G" : ""}${prefix === 32 ? "H" : ""}`;
    out += `${shownDest.slice(0, 15).padEnd(15)} ${shownGw.slice(0, 15).padEnd(15)} ${netmask(prefix).padEnd(16)}${flags.padEnd(6)}`;
    out += netstatFormat
      ? `${"0".padStart(5)} ${"0".padEnd(5)} ${"0".padStart(6)} ${r.dev}\n`
      : `${"0".padEnd(6)} ${"0".padEnd(2)} ${"0".padStart(7)} ${r.dev}\n`;
  }
  return out;
}

/** `route [-ne] [-A inet]`: the routing table; changing it needs NET_ADMIN, which a pod lacks. */
export const bbRoute: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "A:ne");
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  if (p.operands.length) {
    complain(ctx, `${p.operands[0]?.startsWith("del") ? "SIOCDELRT" : "SIOCADDRT"}: Operation not permitted`);
    return 1;
  }
  ctx.stdout.write(routeTable(ctx, has(p, "n"), has(p, "e")));
  return 0;
};

/** A dotted netmask for a prefix length. */
const netmask = (prefix: number) =>
  [0, 1, 2, 3].map((i) => (0xff << (8 - Math.min(8, Math.max(0, prefix - i * 8)))) & 0xff).join(".");

/** ife_print for one link. */
function ifePrint(l: NetInterface): string {
  const loop = l.kind === "loopback";
  let out = `${l.name.padEnd(9)} Link encap:${loop ? "Local Loopback" : "Ethernet"}  `;
  if (!loop) out += `HWaddr ${l.mac.toUpperCase()}  `;
  out += "\n";
  if (l.inet) {
    out += `          inet addr:${l.inet.address} `;
    if (l.inet.broadcast) out += ` Bcast:${l.inet.broadcast} `;
    out += ` Mask:${netmask(l.inet.prefix)}\n`;
  }
  out += loop
    ? "          inet6 addr: ::1/128 Scope:Host\n"
    : `          inet6 addr: ${linkLocal(l.mac)} Scope:Link\n`;
  out += `          ${loop ? "UP LOOPBACK RUNNING " : "UP BROADCAST RUNNING MULTICAST "} MTU:${l.mtu}  Metric:1\n`;
  out += "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n";
  out += "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n";
  out += `          collisions:0 txqueuelen:${loop || l.kind === "ether" || l.kind === "bridge" ? 1000 : 0} \n`;
  out += "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n";
  return out;
}

/** `ifconfig [-a] [IFACE]`: the links, sorted by name as busybox's interface list keeps them. */
export const bbIfconfig: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== "-a");
  const all = [...links(ctx)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (args.length > 1) {
    complain(ctx, "SIOCSIFADDR: Operation not permitted");
    return 1;
  }
  const dev = args[0];
  const chosen = dev === undefined ? all : all.filter((l) => l.name === dev);
  if (dev !== undefined && !chosen.length) {
    complain(ctx, `${dev}: error fetching interface information: Device not found`);
    return 1;
  }
  ctx.stdout.write(chosen.map(ifePrint).join(""));
  return 0;
};

/** ip_port_str with no services file: `ADDR:PORT`, `*` for port 0. */
const hostPort = (host: string, port: number) => `${host}:${port === 0 ? "*" : port}`;

/** `netstat [-ral] [-tuwx] [-enWp]`. */
export const bbNetstat: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "laentuwxrWp");
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  if (has(p, "r")) {
    // bb_displayroutes(numeric, !extended): netstat's own columns unless -e.
    ctx.stdout.write(routeTable(ctx, has(p, "n"), !has(p, "e")));
    return 0;
  }
  const listening = has(p, "l") || has(p, "a");
  const connected = !has(p, "l") || has(p, "a");
  const protos = ["t", "u", "w", "x"].filter((k) => has(p, k));
  const want = (k: string) => (protos.length ? protos.includes(k) : true);
  const kind =
    listening && connected ? "servers and established" : listening ? "only servers" : "w/o servers";
  const width = has(p, "W") ? 51 : 23;
  const prog = has(p, "p");
  let out = "";
  if (want("t") || want("u") || want("w")) {
    out += `Active Internet connections (${kind})\nProto Recv-Q Send-Q ${"Local Address".padEnd(width)} ${"Foreign Address".padEnd(width)} State       ${prog ? "PID/Program name    " : ""}\n`;
    const socks: ListeningSocket[] = listening
      ? selected(ctx, p).filter((s) => (s.proto === "tcp" ? want("t") : want("u")))
      : [];
    // /proc/net/tcp, tcp6, udp, udp6 in that order.
    const order = (s: ListeningSocket) => (s.proto === "tcp" ? 0 : 2) + (isV6(s) ? 1 : 0);
    for (const s of [...socks].sort((a, b) => order(a) - order(b) || a.port - b.port)) {
      const v6 = isV6(s);
      const host = v6
        ? s.address === "*" || s.address === "::"
          ? "::"
          : s.address
        : s.address.replace(/%.*$/, "");
      const local = hostPort(host, s.port);
      const foreign = hostPort(v6 ? "::" : "0.0.0.0", 0);
      const state = s.proto === "tcp" ? "LISTEN" : "";
      let line = `${s.proto}   ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(width)} ${foreign.padEnd(width)} ${state.padEnd(12)}`;
      if (prog) line += (s.pid !== undefined ? `${s.pid}/${s.comm}` : "-").slice(0, 20);
      out += `${line}\n`;
    }
  }
  if (want("x"))
    out += `Active UNIX domain sockets (${kind})\nProto RefCnt Flags       Type       State         I-Node ${prog ? "PID/Program name    " : ""}Path\n`;
  ctx.stdout.write(out);
  return 0;
};
