/**
 * dd: coreutils src/dd.c and busybox coreutils/dd.c. Copies count blocks of bs bytes from if=
 * (stdin) to of= (stdout), then prints its records and transfer line on stderr: GNU's
 * `10485760 bytes (10 MB, 10 MiB) copied, 0.00529 s, 2.0 GB/s` (print_xfer_stats), busybox's
 * `10485760 bytes (10.0MB) copied, 0.005293 seconds, 1.9GB/s` (FEATURE_DD_THIRD_STATUS_LINE).
 * The copy takes virtual time at DD_BYTES_PER_SECOND, a node's page-cache write speed.
 */
import type { CommandContext, Proc } from "../interface";
import { type Applet, abs, complain, type Flavour, fsReason, writeFile } from "./common";

/** How fast dd copies (bytes per second of virtual time), and what each run costs besides. */
export const DD_BYTES_PER_SECOND = 2e9;
const DD_OVERHEAD_S = 0.00005;

/** dd's size suffixes (coreutils and busybox share these). */
const SUFFIXES: Record<string, number> = {
  "": 1,
  c: 1,
  w: 2,
  b: 512,
  kB: 1000,
  k: 1024,
  K: 1024,
  KiB: 1024,
  MB: 1e6,
  M: 1048576,
  MiB: 1048576,
  GB: 1e9,
  G: 1073741824,
  GiB: 1073741824,
};

function size(v: string): number | undefined {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(v);
  const mult = m ? SUFFIXES[m[2] as string] : undefined;
  return m && mult !== undefined ? Number(m[1]) * mult : undefined;
}

/** GNU human_readable with autoscale, round-to-nearest and a space: `10 MB`, `1.0 MiB`, `512 B`. */
export function gnuHuman(n: number, base: 1000 | 1024): string {
  const units = base === 1000 ? ["B", "kB", "MB", "GB", "TB"] : ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  if (u === 0) return `${Math.round(v)} B`;
  if (v < 10 && Math.round(v * 10) / 10 < 10) return `${(Math.round(v * 10) / 10).toFixed(1)} ${units[u]}`;
  return `${Math.round(v)} ${units[u]}`;
}

/** busybox make_human_readable_str(n, 1, 0): one decimal and K, M, G (`10.0M`), a plain count below 1024. */
export function busyboxHuman(n: number): string {
  let val = Math.floor(n);
  if (val === 0) return "0";
  const units = ["", "K", "M", "G", "T", "P"];
  let u = 0;
  let frac = 0;
  while (val >= 1024 && u < units.length - 1) {
    frac = Math.floor(((val % 1024) * 10 + 512) / 1024);
    val = Math.floor(val / 1024);
    u++;
  }
  if (frac >= 10) {
    val++;
    frac = 0;
  }
  return u === 0 ? String(val) : `${val}.${frac}${units[u]}`;
}

/** C's %g: six significant digits, trailing zeros dropped. */
function percentG(x: number): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 6)
    return x
      .toExponential(5)
      .replace(/\.?0+e/, "e")
      .replace(/e([+-])(\d)$/, "e$10$2");
  return Number(x.toPrecision(6)).toString();
}

/** The records and transfer lines dd prints at the end. */
export function ddSummary(
  flavour: Flavour,
  r: { inFull: number; inPart: number; outFull: number; outPart: number; bytes: number; seconds: number },
  status: string,
): string {
  let out = `${r.inFull}+${r.inPart} records in\n${r.outFull}+${r.outPart} records out\n`;
  if (status === "noxfer") return out;
  if (flavour === "busybox")
    return `${out}${r.bytes} bytes (${busyboxHuman(r.bytes)}B) copied, ${r.seconds.toFixed(6)} seconds, ${busyboxHuman(r.bytes / r.seconds)}B/s\n`;
  const si = gnuHuman(r.bytes, 1000);
  const iec = gnuHuman(r.bytes, 1024);
  const rate = `${gnuHuman(r.bytes / r.seconds, 1000)}/s`;
  const time = `${percentG(r.seconds)} s`;
  if (si.endsWith(" B")) out += `${r.bytes} byte${r.bytes === 1 ? "" : "s"} copied, ${time}, ${rate}\n`;
  else if (iec.endsWith(" B")) out += `${r.bytes} bytes (${si}) copied, ${time}, ${rate}\n`;
  else out += `${r.bytes} bytes (${si}, ${iec}) copied, ${time}, ${rate}\n`;
  return out;
}

/** The operands dd was given, or the message for a bad one. */
interface DdArgs {
  input?: string;
  output?: string;
  ibs: number;
  obs: number;
  count?: number;
  skip: number;
  seek: number;
  status: string;
  notrunc: boolean;
}

function parseArgs(args: string[], flavour: Flavour): DdArgs | string {
  const a: DdArgs = { ibs: 512, obs: 512, skip: 0, seek: 0, status: "", notrunc: false };
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq < 0) return flavour === "gnu" ? `unrecognized operand '${arg}'` : "usage";
    const key = arg.slice(0, eq);
    const val = arg.slice(eq + 1);
    const num = () => size(val);
    const bad = flavour === "gnu" ? `invalid number: '${val}'` : `invalid number '${val}'`;
    if (key === "if") a.input = val;
    else if (key === "of") a.output = val;
    else if (key === "status") a.status = val;
    else if (key === "conv") a.notrunc = val.split(",").includes("notrunc");
    else if (key === "iflag" || key === "oflag") continue;
    else if (["bs", "ibs", "obs", "count", "skip", "seek"].includes(key)) {
      const n = num();
      if (n === undefined || ((key === "bs" || key === "ibs" || key === "obs") && n === 0)) return bad;
      if (key === "bs") a.ibs = a.obs = n;
      else if (key === "ibs") a.ibs = n;
      else if (key === "obs") a.obs = n;
      else if (key === "count") a.count = n;
      else if (key === "skip") a.skip = n;
      else a.seek = n;
    } else return flavour === "gnu" ? `unrecognized operand '${arg}'` : "usage";
  }
  return a;
}

/** The bytes dd reads: count blocks after skip, from a file (a device gives exactly what is asked) or stdin. */
function readInput(ctx: CommandContext, a: DdArgs): string {
  const from = a.skip * a.ibs;
  const want = a.count === undefined ? Number.POSITIVE_INFINITY : a.count * a.ibs;
  if (a.input === undefined) return ctx.stdin.slice(from, from + want);
  const path = abs(ctx, a.input);
  if (ctx.fs.readAt && Number.isFinite(want)) return ctx.fs.readAt(path, from, want);
  return ctx.fs.read(path).slice(from, from + want);
}

/** The most dd copies at once here (64 MiB, the most a redirected file holds). */
const DD_MAX_BYTES = 64 * 1024 * 1024;

/** `dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N] [conv=notrunc] [status=none|noxfer]`. */
export const dd: Applet = (flavour) => (ctx) => {
  const a = parseArgs(ctx.argv.slice(1), flavour);
  if (typeof a === "string") {
    if (a === "usage") {
      ctx.stderr.write(
        "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]\n",
      );
      return 1;
    }
    complain(ctx, a);
    if (flavour === "gnu") ctx.stderr.write("Try 'dd --help' for more information.\n");
    return 1;
  }
  if ((a.count ?? 0) * a.ibs > DD_MAX_BYTES) {
    complain(ctx, flavour === "gnu" ? "memory exhausted" : "out of memory");
    return 1;
  }
  let data: string;
  try {
    data = readInput(ctx, a);
  } catch (e) {
    const reason = fsReason(e);
    complain(
      ctx,
      flavour === "gnu" ? `failed to open '${a.input}': ${reason}` : `can't open '${a.input}': ${reason}`,
    );
    return 1;
  }
  const bytes = data.length;
  const inFull = Math.floor(bytes / a.ibs);
  const inPart = bytes % a.ibs ? 1 : 0;
  try {
    if (a.output === undefined) ctx.stdout.write(data);
    else {
      const path = abs(ctx, a.output);
      const old = ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
      const at = a.seek * a.obs;
      const head = old.slice(0, at).padEnd(at, "\0");
      const tail = a.notrunc ? old.slice(at + bytes) : "";
      if (path.startsWith("/dev/")) writeFile(ctx, a.output, data);
      else ctx.fs.write(path, head + data + tail);
    }
  } catch (e) {
    const reason = fsReason(e);
    complain(
      ctx,
      flavour === "gnu" ? `failed to open '${a.output}': ${reason}` : `can't open '${a.output}': ${reason}`,
    );
    return 1;
  }
  const seconds = DD_OVERHEAD_S + bytes / DD_BYTES_PER_SECOND;
  const summary = ddSummary(
    flavour,
    { inFull, inPart, outFull: Math.floor(bytes / a.obs), outPart: bytes % a.obs ? 1 : 0, bytes, seconds },
    a.status,
  );
  return (function* (): Proc {
    yield { kind: "sleep", ms: Math.ceil(seconds * 1000) };
    if (a.status !== "none") ctx.stderr.write(summary);
    return 0;
  })();
};
