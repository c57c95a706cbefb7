/**
 * procps-ng 3.3.17's uptime (proc/whattime.c sprint_uptime: ` 04:05:06 up 10 min,  1 user,
 * load average: 0.08, 0.03, 0.01`, `-p` pretty, `-s` since) and `top -b` (top/top.c's batch
 * summary and task table) over the host's processes. Load averages and CPU use are those of an
 * idle node; processes declare no memory, so their VIRT, RES and SHR are 0 as ps shows them.
 */
import type { CommandContext, ProcessInfo } from "../interface";
import { type Applet, complain, getopt, has, last, type Parsed, usage } from "./common";
import { memoryKiB } from "./misc";
import { procpsUser } from "./procs";

/** When the machine booted: the host's boot, else its init's start, else the clock's epoch. */
function booted(ctx: CommandContext): number {
  const host = ctx.sys.host?.();
  if (host) return host.bootedMs;
  const init = ctx.sys.processes().find((p) => p.pid === 1);
  return init?.startedMs ?? 0;
}

/** An idle node's load averages (1, 5, 15 minutes). */
export const LOAD = [0.08, 0.03, 0.01] as const;

const p2 = (n: number) => String(n).padStart(2, "0");
const clock = (ms: number) => {
  const d = new Date(ms);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
};

/** sprint_uptime: the line uptime prints and top's first line continues. */
export function uptimeLine(now: number, bootMs: number, users: number): string {
  const secs = Math.max(0, Math.floor((now - bootMs) / 1000));
  let s = ` ${clock(now)} up `;
  const days = Math.floor(secs / 86400);
  if (days) s += `${days} day${days !== 1 ? "s" : ""}, `;
  const mins = Math.floor(secs / 60);
  const hours = Math.floor(mins / 60) % 24;
  s += hours ? `${String(hours).padStart(2)}:${p2(mins % 60)}, ` : `${mins % 60} min, `;
  s += `${String(users).padStart(2)} user${users === 1 ? "" : "s"}, `;
  return `${s} load average: ${LOAD.map((l) => l.toFixed(2)).join(", ")}`;
}

/** sprint_uptime's pretty form: `up 2 hours, 5 minutes`. */
function prettyUptime(secs: number): string {
  const parts: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const weeks = Math.floor(secs / 604800);
  const days = Math.floor(secs / 86400) % 7;
  const hours = Math.floor(secs / 3600) % 24;
  const mins = Math.floor(secs / 60) % 60;
  if (weeks) parts.push(plural(weeks, "week"));
  if (days) parts.push(plural(days, "day"));
  if (hours) parts.push(plural(hours, "hour"));
  if (mins || !parts.length) parts.push(plural(mins, "minute"));
  return `up ${parts.join(", ")}`;
}

/** Login sessions: the terminal's shell. */
const users = (ctx: CommandContext) =>
  Math.max(1, ctx.sys.processes().filter((p) => p.command === "-bash").length);

/** `uptime [-p] [-s]`. */
export const uptime: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "psV", { pretty: "p", since: "s", version: "V" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const now = ctx.sys.now();
  const boot = booted(ctx);
  if (has(p, "s")) {
    const d = new Date(boot);
    ctx.stdout.write(
      `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${clock(boot)}\n`,
    );
  } else if (has(p, "p")) ctx.stdout.write(`${prettyUptime(Math.floor((now - boot) / 1000))}\n`);
  else ctx.stdout.write(`${uptimeLine(now, boot, users(ctx))}\n`);
  return 0;
};

/** /proc/PID/comm of a process (Ubuntu's /sbin/init is systemd). */
const comm = (p: ProcessInfo) => {
  if (p.command.startsWith("/sbin/init")) return "systemd";
  const first = p.command.replace(/^-/, "").split(" ")[0] ?? "";
  const base = p.command.startsWith("sshd:") ? "sshd" : first.slice(first.lastIndexOf("/") + 1);
  return base.slice(0, 15);
};

/** `top -b [-n N] [-d SECS]`: the summary and task table once per iteration. */
export const top: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "bn:d:cHiu:p:w:E:e:o:O:s1", {});
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (!has(p, "b")) {
    // Without a terminal top cannot draw its screen; procps says so and stops.
    complain(ctx, "failed tty get");
    return 1;
  }
  const iterations = Number(last(p, "n") ?? 1);
  const delayMs = Number(last(p, "d") ?? 3) * 1000;
  const frame = () => {
    const now = ctx.sys.now();
    const procs = [...ctx.sys.processes()].sort((a, b) => a.pid - b.pid);
    const mem = memoryKiB(ctx);
    const mib = (k: number) => (k / 1024).toFixed(1).padStart(8);
    const used = mem.total - mem.free - mem.cache;
    let out = `top -${uptimeLine(now, booted(ctx), users(ctx))}\n`;
    out += `Tasks: ${String(procs.length).padStart(3)} total,   0 running, ${String(procs.length).padStart(3)} sleeping,   0 stopped,   0 zombie\n`;
    out += "%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\n";
    out += `MiB Mem : ${mib(mem.total)} total, ${mib(mem.free)} free, ${mib(used)} used, ${mib(mem.cache)} buff/cache\n`;
    out += `MiB Swap: ${mib(0)} total, ${mib(0)} free, ${mib(0)} used. ${mib(mem.available)} avail Mem \n\n`;
    out += "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n";
    for (const pr of procs)
      out += `${String(pr.pid).padStart(7)} ${procpsUser(pr.user).padEnd(8)}  20   0 ${"0".padStart(7)} ${"0".padStart(6)} ${"0".padStart(6)} S   0.0   0.0   0:00.00 ${comm(pr)}\n`;
    return out;
  };
  if (iterations <= 1) {
    ctx.stdout.write(frame());
    return 0;
  }
  return (function* () {
    for (let i = 0; i < iterations; i++) {
      if (i) {
        ctx.stdout.write("\n");
        yield { kind: "sleep", ms: delayMs } as const;
      }
      ctx.stdout.write(frame());
    }
    return 0;
  })();
};
