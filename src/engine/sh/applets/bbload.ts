/**
 * busybox 1.36's uptime (procps/uptime.c, with FEATURE_UPTIME_UTMP_SUPPORT: a container has no
 * utmp, so `0 users`) and top (procps/top.c with the default configuration's decimals, SMP and
 * CPU-percentage columns), over the kernel's files as the applets read them: /proc/uptime,
 * /proc/loadavg, /proc/meminfo. Processes declare no memory or CPU time here, so VSZ and the
 * percentages are 0 and every process sleeps.
 */
import type { CommandContext, Proc, ProcessInfo } from "../interface";
import { busyboxUsage as busyboxUsageLine } from "./busyboxusage";
import { type Applet, complain, getopt, has, last, type Parsed, usage } from "./common";
import { memoryKiB } from "./misc";
import { withUserNames } from "./procs";
import { runInto } from "./watch";

const p2 = (n: number) => String(n).padStart(2, "0");

/** A kernel file's text, or undefined when the file system has none. */
function procFile(ctx: CommandContext, path: string): string | undefined {
  try {
    return ctx.fs.isFile(path) ? ctx.fs.read(path) : undefined;
  } catch {
    return undefined;
  }
}

/** sysinfo's uptime in seconds: /proc/uptime, else since the container's init started. */
function uptimeSeconds(ctx: CommandContext): number {
  const text = procFile(ctx, "/proc/uptime");
  const v = text === undefined ? Number.NaN : Number.parseFloat(text);
  if (Number.isFinite(v)) return Math.floor(v);
  const init = ctx.sys.processes().find((p) => p.pid === 1);
  return Math.max(
    0,
    Math.floor((ctx.sys.now() - (ctx.sys.host?.()?.bootedMs ?? init?.startedMs ?? 0)) / 1000),
  );
}

/** The three load averages as /proc/loadavg gives them (an idle machine's when it is absent). */
function loads(ctx: CommandContext): string[] {
  const fields = (procFile(ctx, "/proc/loadavg") ?? "0.00 0.00 0.00").trim().split(/\s+/);
  return [0, 1, 2].map((i) => Number(fields[i] ?? 0).toFixed(2));
}

/** `uptime [-s]`: ` HH:MM:SS up [D days, ]H:MM|M min,  0 users,  load average: A, B, C`. */
export const busyboxUptime: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "s");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const up = uptimeSeconds(ctx);
  const now = Math.floor(ctx.sys.now() / 1000);
  if (has(p, "s")) {
    const d = new Date((now - up) * 1000);
    ctx.stdout.write(
      `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}\n`,
    );
    return 0;
  }
  const t = new Date(now * 1000);
  let out = ` ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} up `;
  const days = Math.floor(up / 86400);
  if (days) out += `${days} day${days !== 1 ? "s" : ""}, `;
  const minutes = Math.floor(up / 60);
  const hours = Math.floor(minutes / 60) % 24;
  out += hours ? `${String(hours).padStart(2)}:${p2(minutes % 60)}` : `${minutes % 60} min`;
  const [a, b, c] = loads(ctx);
  ctx.stdout.write(`${out},  0 users,  load average: ${a}, ${b}, ${c}\n`);
  return 0;
};

/** The default update interval, in seconds. */
const TOP_INTERVAL_S = 5;
/** LINE_BUF_SIZE - 2: how wide a batch-mode line may be. */
const BATCH_WIDTH = 510;
/** A terminal's size when top cannot ask for it (get_terminal_width_height's defaults). */
const TERMINAL = { width: 79, lines: 24 };

/** /proc/meminfo's fields top's Mem line shows, in KiB. */
function meminfo(ctx: CommandContext): {
  total: number;
  free: number;
  shared: number;
  buffers: number;
  cached: number;
} {
  const text = procFile(ctx, "/proc/meminfo");
  if (text === undefined) {
    const m = memoryKiB(ctx);
    return { total: m.total, free: m.free, shared: 0, buffers: 0, cached: m.cache };
  }
  const field = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  return {
    total: field("MemTotal"),
    free: field("MemFree"),
    shared: field("MemShared") + field("Shmem"),
    buffers: field("Buffers"),
    cached: field("Cached"),
  };
}

/** A process's command line as read_cmdline shows it (`[comm]` when it has none). */
const cmdline = (p: ProcessInfo): string =>
  (p.argv ?? p.command.split(" ").filter(Boolean)).join(" ") || `[${p.command}]`;

/** One screen: the Mem, CPU and Load average lines, then the process table. */
function screen(ctx: CommandContext, batch: boolean): string {
  const width = batch ? BATCH_WIDTH : TERMINAL.width;
  const cut = (s: string) => s.slice(0, width);
  const m = meminfo(ctx);
  let out = batch ? "" : "\u001b[H\u001b[J";
  out += `${cut(`Mem: ${m.total - m.free}K used, ${m.free}K free, ${m.shared}K shrd, ${m.buffers}K buff, ${m.cached}K cached`)}\n`;
  // An idle machine: every jiffy since the last look was idle (fmt_100percent_8).
  out += `${cut("CPU:  0.0% usr  0.0% sys  0.0% nic  100% idle  0.0% io  0.0% irq  0.0% sirq")}\n`;
  const loadavg = (procFile(ctx, "/proc/loadavg") ?? "0.00 0.00 0.00").split("\n")[0] as string;
  out += `${cut(`Load average: ${loadavg}`)}\n`;
  const header = cut("  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND");
  out += batch ? header : `\u001b[7m${header}\u001b[m`;
  const procs = withUserNames(
    ctx,
    [...ctx.sys.processes()].sort((a, b) => a.pid - b.pid),
  );
  const rows = batch ? procs : procs.slice(0, Math.max(0, TERMINAL.lines - 4));
  for (const p of rows) {
    const ids = `${String(p.pid).padStart(5)} ${String(p.pid === 1 ? 0 : 1).padStart(5)} ${p.user.slice(0, 8).padEnd(8)}`;
    out += `\n${cut(`${ids} S      ${"0".padStart(5)}  0.0   0  0.0 ${cmdline(p)}`)}`;
  }
  return out + (batch ? "\n" : "\r");
}

/** `top [-b] [-n COUNT] [-d SECONDS] [-m]`: a screen every interval, COUNT times (0: forever). */
export const busyboxTop: Applet = (flavour) => (ctx) => {
  // make_all_argv_opts: top's options may be given without a dash (`top bn1`).
  const args = ctx.argv.slice(1).map((a) => (a.startsWith("-") ? a : `-${a}`));
  let p: Parsed;
  try {
    p = getopt(args, "d:n:bHm");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const n = last(p, "n")?.replace(/^-/, "");
  const d = last(p, "d")?.replace(/^-/, "");
  if (n !== undefined && !/^\d+$/.test(n)) {
    complain(ctx, `invalid number '${n}'`);
    return 1;
  }
  const seconds = d === undefined ? TOP_INTERVAL_S : Number(d);
  if (!Number.isFinite(seconds) || seconds < 0) {
    complain(ctx, `invalid number '${d}'`);
    return 1;
  }
  const iterations = n === undefined ? 0 : Number(n);
  const batch = has(p, "b");
  return (function* (): Proc {
    for (let i = 0; iterations === 0 || i < iterations; i++) {
      if (i) yield { kind: "sleep", ms: seconds * 1000 };
      ctx.stdout.write(screen(ctx, batch));
    }
    return 0;
  })();
};

/** strftime_YYYYMMDDHHMMSS: `2026-01-03 04:05:06`. */
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** The width watch lays its header out in: get_terminal_width's 80 when stderr is no terminal. */
const WATCH_WIDTH = 80;

/**
 * `watch [-n SEC] [-t] PROG ARGS` (procps/watch.c): every period, clear the screen, print
 * `Every 2.0s: CMD` with the date at the right of an 80-column line (the header is cut where the
 * date begins), a blank line, and the command's output (`sh -c` of the words joined).
 */
export const busyboxWatch: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "dtn:", {}, { stopAtOperand: true });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (!p.operands.length) {
    ctx.stderr.write(busyboxUsageLine("watch"));
    return 1;
  }
  const period = Number(last(p, "n") ?? 2);
  if (!Number.isFinite(period) || period < 0) {
    complain(ctx, `invalid number '${last(p, "n")}'`);
    return 1;
  }
  const command = p.operands.join(" ");
  return (function* (): Proc {
    for (;;) {
      const started = ctx.sys.now();
      let out = "\u001b[H\u001b[J";
      if (!has(p, "t")) {
        const header = `Every ${period.toFixed(1)}s: ${command.padEnd(WATCH_WIDTH)}`;
        const date = stamp(started);
        out += `${header.slice(0, WATCH_WIDTH - date.length - 1)}${date}\n\n`;
      }
      ctx.stdout.write(out);
      yield* runInto(ctx, ["sh", "-c", command], ctx.stdout);
      yield { kind: "sleep", ms: period * 1000 };
    }
  })();
};
