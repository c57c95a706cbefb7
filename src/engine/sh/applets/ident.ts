/**
 * Who and where: hostname, whoami, id, uname, nproc (coreutils, busybox). The kernel is the
 * nodes' (engine/kubelet/constants KERNEL_VERSION); uname -v's build string is a fixed constant.
 */
import { KERNEL_VERSION } from "../../kubelet/constants";
import { type Applet, complain, getopt, has, type Parsed, usage } from "./common";

/** uname -v: the build string of the nodes' kernel package. */
export const KERNEL_BUILD = "#1 SMP Wed Jan 15 12:00:00 UTC 2025";
/** uname -m. */
export const MACHINE = "x86_64";
/** CPUs nproc reports (the node shape's default; a container sees the node's CPUs). */
export const NPROC = 32;

/** `hostname [-s] [-f] [-i]`. */
export const hostname: Applet = () => (ctx) => {
  const name = ctx.sys.hostname();
  const args = ctx.argv.slice(1);
  if (args.includes("-i") || args.includes("-I")) {
    const r = ctx.sys.network.resolve(name);
    ctx.stdout.write(`${r?.addresses.join(" ") ?? "127.0.0.1"}${args.includes("-I") ? " " : ""}\n`);
    return 0;
  }
  if (args.includes("-f")) {
    ctx.stdout.write(`${ctx.sys.network.resolve(name)?.name ?? name}\n`);
    return 0;
  }
  ctx.stdout.write(`${args.includes("-s") ? (name.split(".")[0] ?? name) : name}\n`);
  return 0;
};

/** `whoami`. */
export const whoami: Applet = (flavour) => (ctx) => {
  const u = ctx.sys.user();
  if (!u.name || /^\d+$/.test(u.name)) {
    complain(ctx, flavour === "gnu" ? `cannot find name for user ID ${u.uid}` : `unknown uid ${u.uid}`);
    return 1;
  }
  ctx.stdout.write(`${u.name}\n`);
  return 0;
};

/** `id [-u|-g|-G] [-n]`: `uid=0(root) gid=0(root) groups=0(root)`. */
export const id: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "ugGnr", { user: "u", group: "g", groups: "G", name: "n" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const u = ctx.sys.user();
  const named = u.name && !/^\d+$/.test(u.name);
  const groupName = u.groupName ?? (u.gid === u.uid && named ? u.name : u.gid === 0 ? "root" : "");
  if (has(p, "u")) {
    ctx.stdout.write(`${has(p, "n") && named ? u.name : u.uid}\n`);
    return 0;
  }
  if (has(p, "g") || has(p, "G")) {
    ctx.stdout.write(`${has(p, "n") && groupName ? groupName : u.gid}\n`);
    return 0;
  }
  const who = (n: number, name: string) => (name ? `${n}(${name})` : String(n));
  const groups = u.groups ?? who(u.gid, groupName);
  ctx.stdout.write(`uid=${who(u.uid, named ? u.name : "")} gid=${who(u.gid, groupName)} groups=${groups}\n`);
  return 0;
};

/** `uname [-asnrvmpio]`. */
export const uname: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "asnrvmpio", {
      all: "a",
      "kernel-name": "s",
      nodename: "n",
      "kernel-release": "r",
      "kernel-version": "v",
      machine: "m",
      processor: "p",
      "hardware-platform": "i",
      "operating-system": "o",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const all = has(p, "a");
  const fields: Array<[string, string]> = [
    ["s", "Linux"],
    ["n", ctx.sys.hostname()],
    ["r", KERNEL_VERSION.replace(/^v/, "")],
    ["v", KERNEL_BUILD],
    ["m", MACHINE],
    ["p", flavour === "gnu" ? "unknown" : "unknown"],
    ["i", "unknown"],
    ["o", "GNU/Linux"],
  ];
  const picked = fields.filter(([k, v]) => (all ? v !== "unknown" : has(p, k)));
  ctx.stdout.write(
    `${(picked.length ? picked : [fields[0] as [string, string]]).map(([, v]) => v).join(" ")}\n`,
  );
  return 0;
};

/** `nproc`. */
export const nproc: Applet = () => (ctx) => {
  ctx.stdout.write(`${NPROC}\n`);
  return 0;
};
