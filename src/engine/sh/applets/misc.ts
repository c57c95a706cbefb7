/** Small programs: true, false, pwd, basename, dirname, seq, yes, free (coreutils, busybox, procps). */

import { DEFAULT_NODE_CAPACITY } from "../../kubelet/constants";
import type { CommandContext } from "../interface";
import { STEP_BUDGET } from "../interface";
import { PIPE_CAPACITY } from "../pipe";
import { type Applet, complain, getopt, has, last, type Parsed, usage } from "./common";

/** `true`. */
export const trueApplet: Applet = () => () => 0;
/** `false`. */
export const falseApplet: Applet = () => () => 1;

/** `pwd [-L|-P]`. */
export const pwd: Applet = () => (ctx) => {
  ctx.stdout.write(`${ctx.cwd}\n`);
  return 0;
};

/** The last component of a path, trailing slashes removed (POSIX basename). */
export function baseName(path: string): string {
  if (path === "") return "";
  const t = path.replace(/\/+$/, "");
  if (t === "") return "/";
  return t.slice(t.lastIndexOf("/") + 1);
}

/** The directory of a path (POSIX dirname). */
export function dirName(path: string): string {
  const t = path.replace(/\/+$/, "");
  if (t === "") return path.startsWith("/") ? "/" : ".";
  const i = t.lastIndexOf("/");
  if (i < 0) return ".";
  return t.slice(0, i).replace(/\/+$/, "") || "/";
}

/** `basename NAME [SUFFIX]`, `basename -a NAME...`, `-s SUFFIX`. */
export const basename: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "as:z", { multiple: "a", "suffix=": "s" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const ops = p.operands;
  if (!ops.length) {
    complain(ctx, "missing operand");
    if (flavour === "gnu") ctx.stderr.write("Try 'basename --help' for more information.\n");
    return 1;
  }
  const multiple = has(p, "a") || has(p, "s");
  const suffix = last(p, "s") ?? (multiple ? undefined : ops[1]);
  if (!multiple && ops.length > 2) {
    complain(ctx, `extra operand '${ops[2]}'`);
    if (flavour === "gnu") ctx.stderr.write("Try 'basename --help' for more information.\n");
    return 1;
  }
  for (const n of multiple ? ops : [ops[0] as string]) {
    let b = baseName(n);
    if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
    ctx.stdout.write(`${b}\n`);
  }
  return 0;
};

/** `dirname NAME...`. */
export const dirname: Applet = (flavour) => (ctx) => {
  const ops = ctx.argv.slice(1).filter((a) => a !== "--");
  if (!ops.length) {
    complain(ctx, "missing operand");
    if (flavour === "gnu") ctx.stderr.write("Try 'dirname --help' for more information.\n");
    return 1;
  }
  for (const n of ops) ctx.stdout.write(`${dirName(n)}\n`);
  return 0;
};

/** Marks a negative number so option parsing keeps it as an operand. */
const NEGATIVE = "negative:";

/** `seq [-w] [-s SEP] [-f FMT] [FIRST [INCREMENT]] LAST`. */
export const seq: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  const args = ctx.argv.slice(1);
  try {
    // Negative numbers are operands, not options.
    p = getopt(
      args.map((a) => (/^-\d/.test(a) ? `${NEGATIVE}${a}` : a)),
      "ws:f:",
      { "equal-width": "w", "separator=": "s", "format=": "f" },
    );
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const ops = p.operands.map((o) => (o.startsWith(NEGATIVE) ? o.slice(NEGATIVE.length) : o));
  if (!ops.length || ops.length > 3) {
    complain(ctx, ops.length ? `extra operand '${ops[3]}'` : "missing operand");
    if (flavour === "gnu") ctx.stderr.write("Try 'seq --help' for more information.\n");
    return 1;
  }
  for (const o of ops)
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(o)) {
      complain(ctx, flavour === "gnu" ? `invalid floating point argument: '${o}'` : `invalid number '${o}'`);
      if (flavour === "gnu") ctx.stderr.write("Try 'seq --help' for more information.\n");
      return 1;
    }
  const [first, step, lastV] =
    ops.length === 1 ? ["1", "1", ops[0]] : ops.length === 2 ? [ops[0], "1", ops[1]] : ops;
  const decimals = (s: string) => (s.includes(".") && !/e/i.test(s) ? s.length - s.indexOf(".") - 1 : 0);
  const prec = Math.max(decimals(first as string), decimals(step as string));
  const a = Number(first);
  const inc = Number(step);
  const b = Number(lastV);
  if (inc === 0) {
    complain(ctx, flavour === "gnu" ? `invalid Zero increment value: '${step}'` : "increment must not be 0");
    if (flavour === "gnu") ctx.stderr.write("Try 'seq --help' for more information.\n");
    return 1;
  }
  const sep = last(p, "s") ?? "\n";
  const fmt = last(p, "f");
  const format = (v: number) =>
    fmt
      ? fmt.replace(/%[-+ #0]*\d*(\.\d+)?[gfe]/, (m) =>
          m.endsWith("g") ? String(Number(v.toFixed(6))) : v.toFixed(Number(/\.(\d+)/.exec(m)?.[1] ?? 6)),
        )
      : v.toFixed(prec);
  const count = Math.max(0, Math.floor((b - a) / inc + 1e-10) + 1);
  // -w pads every number to the widest, which is the first's or the last's.
  const width = has(p, "w")
    ? Math.max(format(a).replace("-", "").length, format(a + (count - 1) * inc).replace("-", "").length)
    : 0;
  const number = (i: number) => {
    const s = format(a + i * inc);
    if (!width) return s;
    return s.startsWith("-") ? `-${s.slice(1).padStart(width, "0")}` : s.padStart(width, "0");
  };
  const lines = (from: number, to: number) => {
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(number(i));
    return out.join(sep);
  };
  if (count === 0) return 0;
  if (count <= SEQ_AT_ONCE) {
    ctx.stdout.write(`${lines(0, count)}\n`);
    return 0;
  }
  // A long sequence is written a block at a time, as the real seq fills its pipe: a reader that
  // has enough (`seq 1 100000000 | head -3`) ends it with SIGPIPE, and it yields between blocks.
  return (function* () {
    for (let from = 0, blocks = 0; from < count; from += SEQ_BLOCK) {
      const to = Math.min(count, from + SEQ_BLOCK);
      while (ctx.stdout.full?.()) yield FOREVER;
      ctx.stdout.write(`${lines(from, to)}${to === count ? "\n" : sep}`);
      if (++blocks % SEQ_BLOCKS_PER_STEP === 0) yield { kind: "throttle" } as const;
    }
    return 0;
  })();
};

/** seq writes at most this many numbers at once; a longer sequence goes out in blocks. */
const SEQ_AT_ONCE = 100_000;
/** Numbers per block of a long sequence, and blocks written between two yields. */
const SEQ_BLOCK = 8192;
const SEQ_BLOCKS_PER_STEP = 16;

/** Pipe-sized blocks yes writes into a pipe between two throttles. */
const YES_BLOCKS_PER_STEP = 16;

/** What a writer waiting on a full pipe yields: its pipeline steps it again when the pipe moves. */
const FOREVER = Object.freeze({ kind: "forever" as const });

/**
 * `yes [STRING]...`: prints forever. Into a pipe it writes pipe-sized blocks, a step each (so
 * `yes | head -n 1` ends as soon as the pipe is full); into a log, a terminal or a file it writes
 * a tenth of a step budget of lines (a log keeps every line: its cost bounds the rate). Either
 * way it throttles after a step budget.
 */
export const yes: Applet = () => (ctx) =>
  (function* () {
    const line = `${ctx.argv.length > 1 ? ctx.argv.slice(1).join(" ") : "y"}\n`;
    const block = ctx.stdout.bulk
      ? line.repeat(Math.max(1, Math.floor(PIPE_CAPACITY / line.length)))
      : line.repeat(STEP_BUDGET / 10);
    // A megabyte into a pipe between throttles: a reader that keeps up (`yes | wc -c`) keeps
    // the pipeline busy, a step at a time, rather than one instant moving gigabytes.
    const writes = ctx.stdout.bulk ? YES_BLOCKS_PER_STEP : 1;
    for (;;) {
      for (let i = 0; i < writes; i++) {
        // A full pipe blocks the write until its reader takes some (or goes: SIGPIPE).
        while (ctx.stdout.full?.()) yield FOREVER;
        ctx.stdout.write(block);
      }
      yield { kind: "throttle" } as const;
    }
  })();

/** The node's memory in KiB: /proc/meminfo when the file system has one, else DEFAULT_NODE_CAPACITY. */
export function memoryKiB(ctx: CommandContext): {
  total: number;
  free: number;
  cache: number;
  available: number;
} {
  if (ctx.fs.isFile("/proc/meminfo")) {
    const info = ctx.fs.read("/proc/meminfo");
    const field = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(info)?.[1] ?? 0);
    const cache = field("Buffers") + field("Cached");
    return { total: field("MemTotal"), free: field("MemFree"), cache, available: field("MemAvailable") };
  }
  const gi = Number(/^\d+/.exec(DEFAULT_NODE_CAPACITY.memory)?.[0] ?? 0);
  const total = gi * 1024 * 1024;
  const cache = Math.round(total * 0.05);
  const free = total - Math.round(total * 0.02) - cache;
  return { total, free, cache, available: free + cache };
}

/** `free [-b|-k|-m|-g|-h]`: the node's memory, from /proc/meminfo as procps reads it. */
export const free: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "bkmgh", { bytes: "b", kibi: "k", mebi: "m", gibi: "g", human: "h" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const mem = memoryKiB(ctx);
  const unit = has(p, "b") ? 1 / 1024 : has(p, "m") ? 1024 : has(p, "g") ? 1048576 : 1;
  const fmt = (kib: number) => {
    if (has(p, "h")) {
      const units = ["Ki", "Mi", "Gi", "Ti"];
      let v = kib;
      let u = 0;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return `${v < 10 ? v.toFixed(1) : Math.round(v)}${units[u]}`;
    }
    return String(Math.floor(kib / unit));
  };
  const row = (label: string, vals: number[]) =>
    `${label.padEnd(7)}${vals.map((v) => fmt(v).padStart(flavour === "gnu" ? 12 : 12)).join("")}\n`;
  const header = `${" ".repeat(7)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}\n`;
  ctx.stdout.write(
    header +
      row("Mem:", [mem.total, mem.total - mem.free - mem.cache, mem.free, 0, mem.cache, mem.available]) +
      row("Swap:", [0, 0, 0]),
  );
  return 0;
};
