/**
 * More busybox 1.36 applets scripts reach for: time (miscutils/time.c: `real\t0m 1.00s`, user and
 * sys 0 as no CPU time is accounted per process), cmp (editors/cmp.c), truncate
 * (coreutils/truncate.c), groups (coreutils/id.c as `id -Gn`) and arch (`uname -m`).
 */
import type { CommandContext, Proc } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  byteLength,
  cannotRun,
  complain,
  findCommand,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  programName,
  usage,
} from "./common";
import { MACHINE } from "./ident";

/** Writes the usage banner (bb_show_usage) and returns 1. */
function showUsage(ctx: CommandContext): number {
  ctx.stderr.write(busyboxUsage(programName(ctx)));
  return 1;
}

/** time.c's `%um %u.%02us` (or `%uh %um %02us` from an hour) of milliseconds. */
function minutes(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s >= 3600)
    return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 60)}m ${s % 60}.${String(Math.floor(ms / 10) % 100).padStart(2, "0")}s`;
}

/** `time [-vpa] [-o FILE] PROG ARGS`: runs PROG, then its times on stderr (or FILE). */
export const bbTime: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "vpao:f:", {}, { stopAtOperand: true });
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const command = p.operands;
  const name = command[0];
  if (name === undefined) return showUsage(ctx);
  const started = ctx.sys.now();
  return (function* (): Proc {
    let status: number;
    // The child's execvp fails after the fork: its message, then the parent's summary.
    if (!findCommand(ctx, name)) status = cannotRun(ctx, "busybox", name, "");
    else {
      const r = ctx.exec(command, ctx.stdin);
      status = yield* r;
    }
    const ms = ctx.sys.now() - started;
    let out = status ? `Command exited with non-zero status ${status}\n` : "";
    if (has(p, "p"))
      out += `real ${Math.floor(ms / 1000)}.${String(Math.floor(ms / 10) % 100).padStart(2, "0")}\nuser 0.00\nsys 0.00\n`;
    else if (has(p, "v"))
      out += `\tCommand being timed: "${command.join(" ")}"\n\tUser time (seconds): 0.00\n\tSystem time (seconds): 0.00\n\tPercent of CPU this job got: 0%\n\tElapsed (wall clock) time (h:mm:ss or m:ss): ${minutes(ms)}\n`;
    else out += `real\t${minutes(ms)}\nuser\t0m 0.00s\nsys\t0m 0.00s\n`;
    const file = last(p, "o");
    if (file === undefined) ctx.stderr.write(out);
    else {
      const path = abs(ctx, file);
      try {
        ctx.fs.write(path, (has(p, "a") && ctx.fs.isFile(path) ? ctx.fs.read(path) : "") + out);
      } catch (e) {
        complain(ctx, `can't open '${file}': ${fsReason(e)}`);
      }
    }
    return status;
  })();
};

/** `cmp [-ls] [-n NUM] FILE1 [FILE2 [SKIP1 [SKIP2]]]`: 0 same, 1 different, 2 trouble. */
export const bbCmp: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "lsn:", { bytes: "n", quiet: "s", silent: "s", verbose: "l" });
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const [name1, name2 = "-", skip1 = "0", skip2 = "0"] = p.operands;
  if (name1 === undefined || p.operands.length > 4) return showUsage(ctx);
  const open = (name: string): string | undefined => {
    if (name === "-") return ctx.stdin;
    try {
      return ctx.fs.read(abs(ctx, name));
    } catch (e) {
      if (!has(p, "s")) complain(ctx, `can't open '${name}': ${fsReason(e)}`);
      return undefined;
    }
  };
  const a = open(name1);
  const b = a === undefined ? undefined : open(name2);
  if (a === undefined || b === undefined) return 2;
  if (name1 === "-" && name2 === "-") return 0;
  const bytes = (t: string) => new TextEncoder().encode(t);
  const x = bytes(a).subarray(Number(skip1) || 0);
  const y = bytes(b).subarray(Number(skip2) || 0);
  const max = last(p, "n") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "n"));
  let line = 1;
  let out = "";
  let status = 0;
  for (let i = 0; i < Math.min(max, Math.max(x.length, y.length)); i++) {
    const c1 = x[i];
    const c2 = y[i];
    if (c1 !== c2) {
      status = 1;
      if (c1 === undefined || c2 === undefined) {
        ctx.stdout.write(out);
        out = "";
        if (!has(p, "s")) ctx.stderr.write(`cmp: EOF on ${c1 === undefined ? name1 : name2}\n`);
        break;
      }
      if (has(p, "s")) break;
      if (has(p, "l")) {
        out += `${i + 1} ${c1.toString(8).padStart(3)} ${c2.toString(8).padStart(3)}\n`;
        continue;
      }
      out += `${name1} ${name2} differ: char ${i + 1}, line ${line}\n`;
      break;
    }
    if (c1 === 10) line++;
  }
  ctx.stdout.write(out);
  return status;
};

/** kMG_suffixes: k, K, M, G. */
const SIZE_SUFFIX: Record<string, number> = {
  "": 1,
  k: 1024,
  K: 1024,
  M: 1024 * 1024,
  G: 1024 * 1024 * 1024,
};

/** `truncate [-c] -s SIZE FILE...`: a file cut (or NUL-extended) to SIZE bytes, created unless -c. */
export const bbTruncate: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "cs:");
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const spec = last(p, "s");
  if (spec === undefined || !p.operands.length) return showUsage(ctx);
  const m = /^(\d+)([kKMG]?)$/.exec(spec);
  if (!m) {
    complain(ctx, `invalid number '${spec}'`);
    return 1;
  }
  const size = Number(m[1]) * (SIZE_SUFFIX[m[2] ?? ""] as number);
  let status = 0;
  for (const f of p.operands) {
    const path = abs(ctx, f);
    if (!ctx.fs.exists(path) && has(p, "c")) continue;
    try {
      if (ctx.fs.isDir(path)) throw new Error("Is a directory");
      const text = ctx.fs.isFile(path) ? ctx.fs.read(path) : "";
      const length = byteLength(text);
      // Text is cut by characters; a file of multibyte text may come out a few bytes longer.
      ctx.fs.write(path, length >= size ? text.slice(0, size) : text + "\0".repeat(size - length));
    } catch (e) {
      complain(
        ctx,
        `${f}: open: ${e instanceof Error && e.message === "Is a directory" ? e.message : fsReason(e)}`,
      );
      status = 1;
    }
  }
  return status;
};

/** `groups [USER]`: the process's groups by name (`id -Gn`). */
export const bbGroups: Applet = () => (ctx) => {
  const u = ctx.sys.user();
  const text = u.groups ?? `${u.gid}(${u.groupName ?? (u.gid === 0 ? "root" : "")})`;
  const names = [...text.matchAll(/(\d+)(?:\(([^)]*)\))?/g)].map((g) => g[2] || g[1]);
  ctx.stdout.write(`${names.join(" ")}\n`);
  return 0;
};

/** `arch`: the machine, as `uname -m` prints it. */
export const bbArch: Applet = () => (ctx) => {
  ctx.stdout.write(`${MACHINE}\n`);
  return 0;
};
