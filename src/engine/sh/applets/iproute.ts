/**
 * iproute2 5.15's `ip` (ip/ipaddress.c, ip/iproute.c, ip/iplink.c) and net-tools' ifconfig over
 * a host's links: `ip addr|a [show [DEV]]`, `ip -4|-6 a`, `ip -br a`, `ip link|l`, `ip route|r`.
 * On a node they are the node's links and flannel's routes (System.host); in a container, the
 * loopback and the pod's veth end eth0@ifN with the pod IP.
 */
import { hexDigest } from "../../kubelet/hash";
import type { CommandContext, HostInfo, NetInterface, Route } from "../interface";
import { type Applet, complain } from "./common";
import { ownAddress } from "./net";

/** The links and routes a program sees: the host's, or a container's own. */
function view(ctx: CommandContext): { links: NetInterface[]; routes: Route[]; container: boolean } {
  const host: HostInfo | undefined = ctx.sys.host?.();
  if (host) return { links: host.interfaces, routes: host.routes, container: false };
  const ip = ownAddress(ctx);
  const links: NetInterface[] = [
    {
      index: 1,
      name: "lo",
      kind: "loopback",
      mtu: 65536,
      mac: "00:00:00:00:00:00",
      inet: { address: "127.0.0.1", prefix: 8, scope: "host" },
    },
  ];
  const routes: Route[] = [];
  if (ip) {
    const base = ip.split(".").slice(0, 3).join(".");
    links.push({
      index: 2,
      name: "eth0",
      kind: "veth",
      mtu: 1450,
      mac: macFor(ip),
      peerIndex: 7,
      inet: { address: ip, prefix: 24, broadcast: `${base}.255`, scope: "global" },
    });
    routes.push(
      { dest: "default", via: `${base}.1`, dev: "eth0" },
      { dest: "10.244.0.0/16", via: `${base}.1`, dev: "eth0" },
      { dest: `${base}.0/24`, dev: "eth0", proto: "kernel", scope: "link", src: ip },
    );
  }
  return { links, routes, container: true };
}

/** A stable locally administered MAC for an address. */
function macFor(seed: string): string {
  const h = hexDigest(seed, 12);
  const bytes = [((Number.parseInt(h.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, "0")];
  for (let i = 2; i < 12; i += 2) bytes.push(h.slice(i, i + 2));
  return bytes.join(":");
}

/** The EUI-64 link-local address a MAC gives (fe80::/64), as the kernel assigns it. */
export function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => Number.parseInt(x, 16));
  b[0] = (b[0] as number) ^ 0x02;
  const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
  return `fe80::${hex(b[0] as number, b[1] as number)}:${hex(b[2] as number, 0xff)}:${hex(0xfe, b[3] as number)}:${hex(b[4] as number, b[5] as number)}`;
}

const flags = (l: NetInterface) =>
  l.kind === "loopback" ? "<LOOPBACK,UP,LOWER_UP>" : "<BROADCAST,MULTICAST,UP,LOWER_UP>";
const state = (l: NetInterface) => (l.kind === "loopback" || l.kind === "vxlan" ? "UNKNOWN" : "UP");
const qdisc = (l: NetInterface) => (l.kind === "ether" ? "fq_codel" : "noqueue");
const qlen = (l: NetInterface) =>
  l.kind === "loopback" || l.kind === "ether" || l.kind === "bridge" ? " qlen 1000" : " ";
const nameOf = (l: NetInterface, container: boolean) =>
  l.peerIndex !== undefined ? `${l.name}@if${l.peerIndex}` : container ? l.name : l.name;

/** One link's first line and its link/ line (ipaddress.c print_linkinfo). */
function linkText(l: NetInterface, container: boolean, mode: boolean): string {
  let out = `${l.index}: ${nameOf(l, container)}: ${flags(l)} mtu ${l.mtu} qdisc ${qdisc(l)}${l.master ? ` master ${l.master}` : ""} state ${state(l)}${mode ? " mode DEFAULT" : ""} group default${qlen(l)}\n`;
  out +=
    l.kind === "loopback"
      ? "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
      : `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff${l.kind === "veth" && !container ? ` link-netns cni-${hexDigest(l.name, 8)}-${hexDigest(`${l.name}/a`, 4)}-${hexDigest(`${l.name}/b`, 4)}-${hexDigest(`${l.name}/c`, 4)}-${hexDigest(`${l.name}/d`, 12)}` : container && l.kind === "veth" ? " link-netnsid 0" : ""}\n`;
  return out;
}

function addrText(l: NetInterface, family: "4" | "6" | "all", container: boolean): string {
  let out =
    family === "all"
      ? linkText(l, container, false)
      : `${l.index}: ${nameOf(l, container)}: ${flags(l)} mtu ${l.mtu} ${family === "4" ? `qdisc ${qdisc(l)}${l.master ? ` master ${l.master}` : ""} state ${state(l)} group default${qlen(l)}` : `state ${state(l)}${qlen(l)}`}\n`;
  if (family !== "6" && l.inet)
    out += `    inet ${l.inet.address}/${l.inet.prefix}${l.inet.broadcast ? ` brd ${l.inet.broadcast}` : ""} scope ${l.inet.scope} ${l.name}\n       valid_lft forever preferred_lft forever\n`;
  if (family !== "4")
    out +=
      l.kind === "loopback"
        ? "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n"
        : `    inet6 ${linkLocal(l.mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  return out;
}

/** A route line (iproute.c print_route): each part followed by a space. */
function routeText(r: Route): string {
  let s = `${r.dest} `;
  if (r.via) s += `via ${r.via} `;
  s += `dev ${r.dev} `;
  if (r.proto) s += `proto ${r.proto} `;
  if (r.scope) s += `scope ${r.scope} `;
  if (r.src) s += `src ${r.src} `;
  if (r.onlink) s += "onlink ";
  return `${s}\n`;
}

/** Routes in the kernel's order: default first, then by destination address. */
function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route) =>
    r.dest === "default"
      ? -1
      : (r.dest.split("/")[0] as string).split(".").reduce((a, o) => a * 256 + Number(o), 0);
  return [...routes].sort((a, b) => key(a) - key(b));
}

const ADDRESS = ["a", "ad", "add", "addr", "addre", "addres", "address"];
const LINK = ["l", "li", "lin", "link"];
const ROUTE = ["r", "ro", "rou", "rout", "route"];

/** iproute2's `ip`. */
export const ip: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1);
  let family: "4" | "6" | "all" = "all";
  let brief = false;
  while (args[0]?.startsWith("-")) {
    const a = args.shift() as string;
    if (a === "-4") family = "4";
    else if (a === "-6") family = "6";
    else if (a === "-br" || a === "-brief") brief = true;
    else if (a === "-c" || a === "-color" || a === "-s" || a === "-d") continue;
    else {
      ctx.stderr.write(`Option "${a}" is unknown, try "ip -help".\n`);
      return 255;
    }
  }
  const object = args[0];
  if (object === undefined) {
    ctx.stderr.write(
      "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n                    -4 | -6 | -M | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n                    -c[olor]}\n",
    );
    return 255;
  }
  const { links, routes, container } = view(ctx);
  const rest = args.slice(1).filter((a) => a !== "show" && a !== "list" && a !== "dev");
  if (ADDRESS.includes(object) || LINK.includes(object)) {
    const dev = rest[0];
    const chosen = dev ? links.filter((l) => l.name === dev) : links;
    if (dev && !chosen.length) {
      ctx.stderr.write(`Device "${dev}" does not exist.\n`);
      return 1;
    }
    if (args[1] && !["show", "list", "dev"].includes(args[1]) && !dev) return unsupported(ctx, args);
    if (brief) {
      ctx.stdout.write(
        chosen
          .map((l) => {
            const addrs = LINK.includes(object)
              ? [l.kind === "loopback" ? "00:00:00:00:00:00" : l.mac, flags(l)]
              : [
                  ...(family !== "6" && l.inet ? [`${l.inet.address}/${l.inet.prefix}`] : []),
                  ...(family !== "4" ? [l.kind === "loopback" ? "::1/128" : `${linkLocal(l.mac)}/64`] : []),
                ];
            return `${nameOf(l, container).padEnd(16)} ${state(l).padEnd(14)} ${addrs.join(" ")} \n`;
          })
          .join(""),
      );
      return 0;
    }
    ctx.stdout.write(
      chosen
        .map((l) => (LINK.includes(object) ? linkText(l, container, true) : addrText(l, family, container)))
        .join(""),
    );
    return 0;
  }
  if (ROUTE.includes(object)) {
    if (args[1] && !["show", "list"].includes(args[1])) return unsupported(ctx, args);
    ctx.stdout.write(family === "6" ? "" : sortRoutes(routes).map(routeText).join(""));
    return 0;
  }
  return unsupported(ctx, args);
};

function unsupported(ctx: CommandContext, args: string[]): number {
  complain(
    ctx,
    `kubeglass models 'ip addr', 'ip link' and 'ip route'; 'ip ${args.join(" ")}' is not simulated`,
  );
  return 1;
}

/** A dotted netmask for a prefix length. */
const netmask = (prefix: number) =>
  [0, 1, 2, 3].map((i) => (0xff << (8 - Math.min(8, Math.max(0, prefix - i * 8)))) & 0xff).join(".");

/** net-tools' `ifconfig [IFACE]`: each link's flags, addresses and (zero) counters. */
export const ifconfig: Applet = () => (ctx) => {
  const { links } = view(ctx);
  const dev = ctx.argv.slice(1).find((a) => !a.startsWith("-"));
  const chosen = dev ? links.filter((l) => l.name === dev) : links;
  if (dev && !chosen.length) {
    ctx.stderr.write(`${dev}: error fetching interface information: Device not found\n`);
    return 1;
  }
  let out = "";
  for (const l of chosen) {
    const loop = l.kind === "loopback";
    out += `${l.name}: flags=${loop ? "73<UP,LOOPBACK,RUNNING>" : "4163<UP,BROADCAST,RUNNING,MULTICAST>"}  mtu ${l.mtu}\n`;
    if (l.inet)
      out += `        inet ${l.inet.address}  netmask ${netmask(l.inet.prefix)}${l.inet.broadcast ? `  broadcast ${l.inet.broadcast}` : ""}\n`;
    out += loop
      ? "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n        loop  txqueuelen 1000  (Local Loopback)\n"
      : `        inet6 ${linkLocal(l.mac)}  prefixlen 64  scopeid 0x20<link>\n        ether ${l.mac}  txqueuelen ${l.kind === "ether" || l.kind === "bridge" ? 1000 : 0}  (Ethernet)\n`;
    out +=
      "        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n";
  }
  ctx.stdout.write(out);
  return 0;
};
