/**
 * busybox 1.36's line filters where they differ from coreutils and util-linux: rev
 * (util-linux/rev.c), tac (coreutils/tac.c: no options), nl (coreutils/nl.c and libbb's
 * print_numbered_lines: -b a|t, anything else numbers nothing; numbering goes on across files),
 * paste (coreutils/paste.c: a file that ends drops out of the row), fold (coreutils/fold.c's
 * options and width range, then fold's own folding) and comm (coreutils/comm.c: exactly two
 * files, no order check). Files that cannot be read are reported as fopen_or_warn does
 * (`prog: NAME: reason`); comm dies as xfopen does (`can't open 'NAME': reason`).
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  programName,
  splitLines,
  usage,
} from "./common";
import { fold } from "./lines";

/** fopen_or_warn_stdin: the operand's text, or undefined after `prog: NAME: reason`. */
function openOrWarn(ctx: CommandContext, name: string): string | undefined {
  if (name === "-") return ctx.stdin;
  try {
    return ctx.fs.read(abs(ctx, name));
  } catch (e) {
    complain(ctx, `${name}: ${fsReason(e)}`);
    return undefined;
  }
}

/** Writes the usage banner (bb_show_usage) and returns 1. */
function showUsage(ctx: CommandContext): number {
  ctx.stderr.write(busyboxUsage(programName(ctx)));
  return 1;
}

/** Parses options, reporting a bad one as busybox does; undefined when it did. */
function options(ctx: CommandContext, spec: string, long: Record<string, string> = {}): Parsed | number {
  try {
    return getopt(ctx.argv.slice(1), spec, long);
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
}

/** Lines as fgets reads them: each with its newline, the last perhaps without. */
function records(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** `rev [FILE]...`: each line reversed, its newline kept at the end. */
export const bbRev: Applet = () => (ctx) => {
  const p = options(ctx, "");
  if (typeof p === "number") return p;
  let status = 0;
  let out = "";
  for (const name of p.operands.length ? p.operands : ["-"]) {
    const text = openOrWarn(ctx, name);
    if (text === undefined) {
      status = 1;
      continue;
    }
    for (const r of records(text)) {
      const nl = r.endsWith("\n");
      out += [...(nl ? r.slice(0, -1) : r)].reverse().join("") + (nl ? "\n" : "");
    }
  }
  ctx.stdout.write(out);
  return status;
};

/** `tac [FILE]...`: all lines, last first (files read last to first). */
export const bbTac: Applet = () => (ctx) => {
  const p = options(ctx, "");
  if (typeof p === "number") return p;
  const names = p.operands.length ? p.operands : ["-"];
  let status = 0;
  // Each line goes to the head of one list, files last to first: each file's lines end up
  // reversed, the files in their order.
  const files: string[][] = [];
  for (const name of [...names].reverse()) {
    const text = openOrWarn(ctx, name);
    if (text === undefined) {
      status = 1;
      continue;
    }
    files.unshift(records(text).reverse());
  }
  ctx.stdout.write(files.flat().join(""));
  return status;
};

/** xatoi_positive as getopt32's `+` reads a number: digits only. */
function positive(ctx: CommandContext, p: Parsed, k: string, fallback: number): number | undefined {
  const v = last(p, k);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > 0x7fffffff) {
    complain(ctx, `invalid number '${v}'`);
    return undefined;
  }
  return Number(v);
}

/** `nl [-p] [-b STYLE] [-i INCR] [-s SEP] [-v START] [-w WIDTH] [FILE]...`. */
export const bbNl: Applet = () => (ctx) => {
  const p = options(ctx, "pw:s:v:i:b:", {
    "body-numbering=": "b",
    "line-increment=": "i",
    "no-renumber": "p",
    "number-separator=": "s",
    "starting-line-number=": "v",
    "number-width=": "w",
  });
  if (typeof p === "number") return p;
  const width = positive(ctx, p, "w", 6);
  const inc = positive(ctx, p, "i", 1);
  let n = positive(ctx, p, "v", 1);
  if (width === undefined || inc === undefined || n === undefined) return 1;
  const sep = last(p, "s") ?? "\t";
  const style = last(p, "b") ?? "t";
  const empty = " ".repeat(width + sep.length);
  let status = 0;
  let out = "";
  for (const name of p.operands.length ? p.operands : ["-"]) {
    const text = openOrWarn(ctx, name);
    if (text === undefined) {
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      if (style[0] === "a" || (style[0] === "t" && line !== "")) {
        out += `${String(n).padStart(width)}${sep}`;
        n += inc;
      } else out += empty;
      out += `${line}\n`;
    }
  }
  ctx.stdout.write(out);
  return status;
};

/** strcpy_and_process_escape_sequences over paste's -d list. */
function delimiters(list: string): string[] {
  const map: Record<string, string> = {
    n: "\n",
    t: "\t",
    "0": "\0",
    "\\": "\\",
    a: "\x07",
    b: "\b",
    f: "\f",
    r: "\r",
    v: "\v",
  };
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as string;
    if (c === "\\" && i + 1 < list.length && map[list[i + 1] as string] !== undefined) {
      out.push(map[list[++i] as string] as string);
    } else out.push(c);
  }
  return out;
}

/** `paste [-d LIST] [-s] [FILE]...`. */
export const bbPaste: Applet = () => (ctx) => {
  const p = options(ctx, "d:s");
  if (typeof p === "number") return p;
  const list = last(p, "d");
  if (list === "") {
    complain(ctx, "-d '' is not supported");
    return 1;
  }
  const delims = delimiters(list ?? "\t");
  const put = (d: string) => (d === "\0" ? "" : d);
  // Each operand is a stream of lines; every `-` is the same one (stdin), read in turn.
  let stdinLines: string[] | undefined;
  const streams: string[][] = [];
  for (const name of p.operands.length ? p.operands : ["-"]) {
    if (name === "-") {
      stdinLines ??= splitLines(ctx.stdin);
      streams.push(stdinLines);
      continue;
    }
    const text = openOrWarn(ctx, name);
    if (text === undefined) return 1;
    streams.push(splitLines(text));
  }
  let out = "";
  if (has(p, "s")) {
    // paste_files_separate: a file's lines joined, a newline after its last (none for an empty one).
    for (const lines of streams) {
      let d = 0;
      let line = lines.shift();
      while (line !== undefined) {
        const next = lines.shift();
        out += line;
        if (next === undefined) out += "\n";
        else {
          out += put(delims[d] as string);
          d = (d + 1) % delims.length;
        }
        line = next;
      }
    }
  } else {
    // paste_files: a stream at its end drops out; the others go on, a delimiter after each but the last.
    const active = streams.map(() => true);
    while (active.some(Boolean)) {
      let d = 0;
      streams.forEach((lines, i) => {
        if (!active[i]) return;
        const line = lines.shift();
        if (line === undefined) {
          active[i] = false;
          return;
        }
        out += line;
        if (i === streams.length - 1) out += "\n";
        else {
          out += put(delims[d] as string);
          d = (d + 1) % delims.length;
        }
      });
    }
  }
  ctx.stdout.write(out);
  return 0;
};

/** `fold [-bs] [-w WIDTH] [FILE]...`: busybox's options (`-N` is `-w N`) and range, fold's folding. */
export const bbFold: Applet = () => (ctx) => {
  const argv = ctx.argv.slice(1);
  const end = argv.indexOf("--");
  const args = argv.map((a, i) => ((end < 0 || i < end) && /^-\d/.test(a) ? `-w${a.slice(1)}` : a));
  let p: Parsed;
  try {
    p = getopt(args, "bsw:");
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const w = last(p, "w") ?? "80";
  if (!/^\d+$/.test(w)) {
    complain(ctx, `invalid number '${w}'`);
    return 1;
  }
  if (Number(w) < 1 || Number(w) > 10000) {
    complain(ctx, `number ${w} is not in 1..10000 range`);
    return 1;
  }
  const flags = [...(has(p, "b") ? ["-b"] : []), ...(has(p, "s") ? ["-s"] : [])];
  return fold("busybox")({ ...ctx, argv: [ctx.argv[0] as string, ...flags, "-w", w, "--", ...p.operands] });
};

/** `comm [-123] FILE1 FILE2`: lines only in the first, only in the second, in both. */
export const bbComm: Applet = () => (ctx) => {
  const p = options(ctx, "123");
  if (typeof p === "number") return p;
  if (p.operands.length !== 2) return showUsage(ctx);
  const texts: string[] = [];
  for (const name of p.operands) {
    if (name === "-") {
      texts.push(texts.length && p.operands[0] === "-" ? "" : ctx.stdin);
      continue;
    }
    try {
      texts.push(ctx.fs.read(abs(ctx, name)));
    } catch (e) {
      complain(ctx, `can't open '${name}': ${fsReason(e)}`);
      return 1;
    }
  }
  const [a, b] = texts.map(splitLines) as [string[], string[]];
  const show = [!has(p, "1"), !has(p, "2"), !has(p, "3")];
  // writeline: a column's tabs are those of the shown columns before it.
  const write = (line: string, col: number) =>
    show[col] ? `${"\t".repeat(show.slice(0, col).filter(Boolean).length)}${line}\n` : "";
  let out = "";
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      out += write(y, 2);
      i++;
      j++;
    } else if (x > y) {
      out += write(y, 1);
      j++;
    } else {
      out += write(x, 0);
      i++;
    }
  }
  for (; i < a.length; i++) out += write(a[i] as string, 0);
  for (; j < b.length; j++) out += write(b[j] as string, 1);
  ctx.stdout.write(out);
  return 0;
};
