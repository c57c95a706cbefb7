/**
 * What learners type to see a container's mounts and address: `mount` (util-linux and busybox
 * print /proc/mounts as `SOURCE on TARGET type FSTYPE (OPTIONS)`) and busybox's `ip addr`
 * (iproute2's layout: the loopback, then the pod's veth end `eth0@ifN` with the pod IP in the
 * node's /24 pod CIDR, as a flannel or bridge CNI sets it up).
 */
import { hexDigest } from "../../kubelet/hash";
import type { CommandContext } from "../interface";
import { type Applet, complain } from "./common";
import { ownAddress } from "./net";

/**
 * `mount` with no arguments (or `-t TYPE`): the mount table. Mounting fails with EPERM, as a
 * container without CAP_SYS_ADMIN gets it: util-linux 2.38's words and exit 32, busybox's and 255.
 */
export const mount: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== "-l");
  if (args.length && !(args[0] === "-t" && args.length === 2)) {
    const target = args.filter((a) => !a.startsWith("-")).at(-1) ?? "";
    if (flavour === "gnu") {
      complain(ctx, `${target}: permission denied.`);
      ctx.stderr.write("       dmesg(1) may have more information after failed mount system call.\n");
      return 32;
    }
    complain(ctx, "permission denied (are you root?)");
    return 255;
  }
  const only = args[0] === "-t" ? args[1] : undefined;
  let table = "";
  try {
    table = ctx.fs.read("/proc/mounts");
  } catch {
    complain(ctx, flavour === "gnu" ? "failed to read mtab: No such file or directory" : "no /proc/mounts");
    return 1;
  }
  for (const line of table.split("\n")) {
    const [source, target, type, options] = line.split(" ");
    if (!source || !target || !type) continue;
    if (only && type !== only) continue;
    ctx.stdout.write(`${source} on ${target} type ${type} (${options ?? ""})\n`);
  }
  return 0;
};

/** The pod's interface MAC: a locally administered address from the IP (what a CNI's veth gets is random; this is stable). */
export function macFor(ip: string): string {
  const h = hexDigest(ip, 12);
  const bytes = [`${((Number.parseInt(h.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, "0")}`];
  for (let i = 2; i < 12; i += 2) bytes.push(h.slice(i, i + 2));
  return bytes.join(":");
}

/** The IPv6 link-local address (EUI-64) of a MAC, with its /64. */
export function linkLocal(mac: string): string {
  const b = mac.split(":").map((x) => Number.parseInt(x, 16));
  b[0] = (b[0] as number) ^ 0x02;
  const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
  return `fe80::${hex(b[0] as number, b[1] as number)}:${hex(b[2] as number, 0xff)}:${hex(0xfe, b[3] as number)}:${hex(b[4] as number, b[5] as number)}/64`;
}

function addrText(ctx: CommandContext, family: "4" | "6" | "all"): string {
  const ip = ownAddress(ctx) ?? "127.0.0.1";
  const mac = macFor(ip);
  const prefix = ip.split(".").slice(0, 3).join(".");
  const v4 = family !== "6";
  const v6 = family !== "4";
  let out = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n";
  if (family === "all") out += "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";
  if (v4) out += "    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n";
  if (v6) out += "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
  if (ip === "127.0.0.1") return out;
  out += "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue \n";
  if (family === "all") out += `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n`;
  if (v4)
    out += `    inet ${ip}/24 brd ${prefix}.255 scope global eth0\n       valid_lft forever preferred_lft forever\n`;
  if (v6) out += `    inet6 ${linkLocal(mac)} scope link \n       valid_lft forever preferred_lft forever\n`;
  return out;
}

/** busybox `ip [-4|-6] addr|a [show]`; other objects are not modelled. */
export const ip: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1);
  let family: "4" | "6" | "all" = "all";
  while (args[0] === "-4" || args[0] === "-6") family = args.shift() === "-4" ? "4" : "6";
  const object = args[0] ?? "";
  if (object === "") {
    ctx.stderr.write(
      "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n",
    );
    return 1;
  }
  if ("address".startsWith(object) && (args.length === 1 || args[1] === "show" || args[1] === "list")) {
    ctx.stdout.write(addrText(ctx, family));
    return 0;
  }
  complain(ctx, `kubeglass models only 'ip addr'; 'ip ${args.join(" ")}' is not simulated`);
  return 1;
};
