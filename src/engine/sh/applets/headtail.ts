/**
 * head and tail: coreutils src/head.c and src/tail.c, busybox coreutils/head.c and tail.c.
 * tail -f prints the end of its files, then looks at them again every second (busybox's
 * sleep(1) loop; GNU's polling period without inotify, `-s 1.0`) and prints what was appended
 * (GNU's `file truncated` when one shrank): a logging sidecar follows its files.
 */
import type { CommandContext, Proc, StdinPipe } from "../interface";
import { PIPE_WAIT } from "../pipe";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  usage,
} from "./common";
import { eachChunk, eachLine, readsStdin, streaming, whole } from "./stream";

/** A count as head/tail take it: `5`, `+5`, `-5`, with GNU's multiplier suffixes (k, K, M, b). */
function count(v: string): { n: number; sign: string } | undefined {
  const m = /^([-+]?)(\d+)(b|kB|k|K|KiB|MB|M|MiB|GB|G)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = {
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
  };
  return { n: Number(m[2]) * (mult[m[3] ?? ""] ?? 1), sign: m[1] ?? "" };
}

/** Reads a file for head/tail, reporting as each flavour does. */
function readFor(ctx: CommandContext, flavour: Flavour, name: string): string | undefined {
  if (name === "-") return ctx.stdin;
  try {
    return ctx.fs.read(abs(ctx, name));
  } catch (e) {
    const reason = fsReason(e);
    if (flavour === "busybox") complain(ctx, `can't open '${name}': ${reason}`);
    else if (reason === "Is a directory") complain(ctx, `error reading '${name}': ${reason}`);
    else complain(ctx, `cannot open '${name}' for reading: ${reason}`);
    return undefined;
  }
}

/** Options both share. */
function parse(ctx: CommandContext, flavour: Flavour, tail: boolean): Parsed | number {
  try {
    return getopt(
      ctx.argv.slice(1),
      tail ? "n:c:fFqvs:" : "n:c:qv",
      {
        "lines=": "n",
        "bytes=": "c",
        follow: "f",
        quiet: "q",
        silent: "q",
        verbose: "v",
        "sleep-interval=": "s",
        retry: "retry",
      },
      { digits: true },
    );
  } catch (e) {
    return usage(ctx, flavour, e);
  }
}

/** The selection: lines or bytes, how many, and whether from the start (+N) or all but (-N). */
function selection(
  ctx: CommandContext,
  flavour: Flavour,
  p: Parsed,
): { bytes: boolean; n: number; sign: string } | undefined {
  const bytes = has(p, "c");
  const raw = last(p, "c") ?? last(p, "n") ?? last(p, "#") ?? "10";
  const c = count(raw);
  if (!c) {
    const what = bytes ? "bytes" : "lines";
    complain(ctx, flavour === "gnu" ? `invalid number of ${what}: '${raw}'` : `invalid number '${raw}'`);
    return undefined;
  }
  return { bytes, ...c };
}

/** `head [-n [-]N] [-c [-]N] [FILE]...`. */
export const head: Applet = (flavour) =>
  streaming((ctx) => {
    const p = parse(ctx, flavour, false);
    if (typeof p === "number") return p;
    const sel = selection(ctx, flavour, p);
    if (!sel) return 1;
    const pipe = ctx.stdinPipe;
    // The first lines or bytes of a pipe still being written: head ends once it has them.
    if (pipe && sel.sign !== "-" && !has(p, "v") && (p.operands.length === 0 || p.operands.join() === "-"))
      return headOfPipe(ctx, pipe, sel);
    return whole(ctx, () => headWhole(ctx, flavour, p, sel), readsStdin(p.operands));
  });

/** head of a pipe as it arrives: up to n lines (or bytes), then it ends. */
function* headOfPipe(ctx: CommandContext, pipe: StdinPipe, sel: { bytes: boolean; n: number }): Proc {
  let left = sel.n;
  if (left <= 0) return 0;
  if (sel.bytes) {
    for (;;) {
      const text = pipe.take();
      if (text) {
        ctx.stdout.write(text.slice(0, left));
        left -= Math.min(left, text.length);
        if (left === 0) return 0;
      }
      if (pipe.ended) return 0;
      yield PIPE_WAIT;
    }
  }
  yield* eachLine(pipe, (line) => {
    ctx.stdout.write(line);
    return --left > 0;
  });
  return 0;
}

function headWhole(
  ctx: CommandContext,
  flavour: Flavour,
  p: Parsed,
  sel: { bytes: boolean; n: number; sign: string },
): number {
  const files = p.operands.length ? p.operands : ["-"];
  let status = 0;
  let first = true;
  for (const f of files) {
    const text = readFor(ctx, flavour, f);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if ((files.length > 1 && !has(p, "q")) || has(p, "v")) {
      ctx.stdout.write(`${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`);
    }
    first = false;
    if (sel.bytes)
      ctx.stdout.write(
        sel.sign === "-" ? text.slice(0, Math.max(0, text.length - sel.n)) : text.slice(0, sel.n),
      );
    else if (sel.sign !== "-") ctx.stdout.write(text.slice(0, endOfLines(text, sel.n)));
    else {
      const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
      ctx.stdout.write(lines.slice(0, Math.max(0, lines.length - sel.n)).join(""));
    }
  }
  return status;
}

/** Where the first n lines of text end (a scan that stops there: the input may be a 16 MiB pipe). */
function endOfLines(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/** Where the last n lines of text begin (a scan from the end). */
function startOfLastLines(text: string, n: number): number {
  let at = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let i = 0; i < n; i++) {
    const nl = at === 0 ? -1 : text.lastIndexOf("\n", at - 1);
    if (nl < 0) return 0;
    at = nl;
  }
  return at + 1;
}

/** The part of text tail prints. */
function tailOf(text: string, sel: { bytes: boolean; n: number; sign: string }): string {
  if (sel.bytes)
    return sel.sign === "+" ? text.slice(Math.max(0, sel.n - 1)) : sel.n === 0 ? "" : text.slice(-sel.n);
  if (sel.sign !== "+") return sel.n === 0 ? "" : text.slice(startOfLastLines(text, sel.n));
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (sel.sign === "+") return lines.slice(Math.max(0, sel.n - 1)).join("");
  return sel.n === 0 ? "" : lines.slice(-sel.n).join("");
}

/**
 * `tail [-n [+]N] [-c [+]N] [-f|-F] [FILE]...`. The last lines of a pipe still being written are
 * kept as it arrives (`seq 1 10000000 | tail -1` never holds the whole stream).
 */
export const tail: Applet = (flavour) =>
  streaming((ctx) => {
    const p = parse(ctx, flavour, true);
    if (typeof p === "number") return p;
    const sel = selection(ctx, flavour, p);
    if (!sel) return 1;
    const pipe = ctx.stdinPipe;
    const follow = has(p, "f") || has(p, "F") || has(p, "retry");
    if (
      pipe &&
      sel.sign !== "+" &&
      !follow &&
      !has(p, "v") &&
      (p.operands.length === 0 || p.operands.join() === "-")
    )
      return tailOfPipe(ctx, pipe, sel);
    return whole(ctx, () => tailWhole(ctx, flavour, p, sel), readsStdin(p.operands));
  });

/** tail of a pipe as it arrives: only the last n lines (or bytes) so far are kept. */
function* tailOfPipe(
  ctx: CommandContext,
  pipe: StdinPipe,
  sel: { bytes: boolean; n: number; sign: string },
): Proc {
  let kept = "";
  yield* eachChunk(pipe, (text) => {
    kept += text;
    if (kept.length > TAIL_KEEP) kept = tailOf(kept, sel);
  });
  ctx.stdout.write(tailOf(kept, sel));
  return 0;
}

/** How much of a pipe tail holds before it cuts it down to the part it will print. */
const TAIL_KEEP = 256 * 1024;

function tailWhole(
  ctx: CommandContext,
  flavour: Flavour,
  p: Parsed,
  sel: { bytes: boolean; n: number; sign: string },
): number | Proc {
  const files = p.operands.length ? p.operands : ["-"];
  const headers = (files.length > 1 && !has(p, "q")) || has(p, "v");
  let status = 0;
  let lastShown: string | undefined;
  const seen = new Map<string, number>();
  files.forEach((f, i) => {
    const text = readFor(ctx, flavour, f);
    if (text === undefined) {
      status = 1;
      return;
    }
    if (headers) ctx.stdout.write(`${i === 0 ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`);
    lastShown = f;
    ctx.stdout.write(tailOf(text, sel));
    seen.set(f, text.length);
  });
  const follow = has(p, "f") || has(p, "F") || has(p, "retry");
  const followed = files.filter((f) => f !== "-");
  if (!follow || !followed.length) return status;
  return followFiles(ctx, flavour, followed, seen, headers, lastShown, has(p, "F"));
}

/** How often tail -f looks at its files again. */
export const FOLLOW_POLL_MS = 1000;

/** tail -f's loop: wait, then print what each file gained since it was last read. */
function* followFiles(
  ctx: CommandContext,
  flavour: Flavour,
  files: string[],
  seen: Map<string, number>,
  headers: boolean,
  lastShown: string | undefined,
  byName: boolean,
): Proc {
  let shown = lastShown;
  for (;;) {
    yield { kind: "sleep", ms: FOLLOW_POLL_MS };
    for (const f of files) {
      const path = abs(ctx, f);
      if (!ctx.fs.isFile(path)) {
        if (byName && seen.has(f)) {
          complain(
            ctx,
            flavour === "gnu"
              ? `'${f}' has become inaccessible: No such file or directory`
              : `${f}: No such file or directory`,
          );
          seen.delete(f);
        }
        continue;
      }
      const text = ctx.fs.read(path);
      const before = seen.get(f);
      if (before === undefined) {
        if (!byName) continue;
        complain(ctx, flavour === "gnu" ? `'${f}' has appeared;  following new file` : `${f} has appeared`);
      } else if (text.length < before) complain(ctx, `${f}: file truncated`);
      const from = before === undefined || text.length < before ? 0 : before;
      if (text.length > from) {
        if (headers && shown !== f) ctx.stdout.write(`\n==> ${f} <==\n`);
        shown = f;
        ctx.stdout.write(text.slice(from));
      }
      seen.set(f, text.length);
    }
  }
}
