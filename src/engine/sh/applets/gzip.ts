/**
 * gzip 1.10 (Ubuntu 22.04): `gzip FILE` replaces FILE with FILE.gz, `-k` keeps it, `-c` writes
 * to stdout, `-d`/`gunzip` restores, `zcat` prints. The simulated files are text, so a .gz here
 * holds gzip's header (magic 1f 8b, method 8, the FNAME flag and the original name, RFC 1952)
 * followed by the data as it is: `file` and gunzip recognise it, nothing else reads it.
 * Messages are gzip.c's (`already has .gz suffix -- unchanged`, `not in gzip format`).
 */
import type { CommandContext } from "../interface";
import { type Applet, abs, getopt, has, type Parsed, usage } from "./common";

/** RFC 1952's magic and method (deflate), flags FNAME, MTIME 0, XFL 0, OS 3 (Unix). */
const HEADER = "\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03";

/** A file's text as this simulation's gzip stores it. */
export function gzipText(name: string, text: string): string {
  return `${HEADER}${name}\x00${text}`;
}

/** The original name and text of gzip data, or undefined when it is not gzip's. */
export function gunzipText(data: string): { name: string; text: string } | undefined {
  if (!data.startsWith(HEADER)) return undefined;
  const end = data.indexOf("\x00", HEADER.length);
  if (end < 0) return undefined;
  return { name: data.slice(HEADER.length, end), text: data.slice(end + 1) };
}

/** `gzip [-d] [-c] [-k] [-f] [FILE]...`; gunzip and zcat are gzip -d and gzip -dc. */
export const gzip: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "dckfvrtlq123456789", {
      decompress: "d",
      stdout: "c",
      "to-stdout": "c",
      keep: "k",
      force: "f",
      verbose: "v",
      test: "t",
      quiet: "q",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const name = ctx.argv[0]?.slice(ctx.argv[0].lastIndexOf("/") + 1) ?? "gzip";
  const decompress = has(p, "d") || name === "gunzip" || name === "zcat";
  const toStdout = has(p, "c") || name === "zcat";
  // gunzip and zcat are scripts that run `gzip -d`: the messages are gzip's.
  const say = (m: string) => ctx.stderr.write(`gzip: ${m}\n`);
  if (!p.operands.length) {
    if (decompress) {
      const g = gunzipText(ctx.stdin);
      if (!g) {
        say("stdin: not in gzip format");
        return 1;
      }
      ctx.stdout.write(g.text);
      return 0;
    }
    ctx.stdout.write(gzipText("", ctx.stdin));
    return 0;
  }
  let status = 0;
  for (const f of p.operands)
    status = Math.max(status, one(ctx, f, decompress, toStdout, has(p, "k"), has(p, "f"), say));
  return status;
};

function one(
  ctx: CommandContext,
  f: string,
  decompress: boolean,
  toStdout: boolean,
  keep: boolean,
  force: boolean,
  say: (m: string) => void,
): number {
  let path = abs(ctx, f);
  let shown = f;
  if (decompress && !ctx.fs.exists(path) && ctx.fs.exists(`${path}.gz`)) {
    path = `${path}.gz`;
    shown = `${f}.gz`;
  }
  if (ctx.fs.isDir(path)) {
    say(`${shown} is a directory -- ignored`);
    return 2;
  }
  if (!ctx.fs.isFile(path)) {
    say(`${shown}: No such file or directory`);
    return 1;
  }
  const data = ctx.fs.read(path);
  if (decompress) {
    if (!/\.(gz|tgz|z)$/i.test(path) && !toStdout) {
      say(`${shown}: unknown suffix -- ignored`);
      return 2;
    }
    const g = gunzipText(data);
    if (!g) {
      say(`${shown}: not in gzip format`);
      return 1;
    }
    if (toStdout) {
      ctx.stdout.write(g.text);
      return 0;
    }
    const target = path.endsWith(".tgz") ? `${path.slice(0, -4)}.tar` : path.replace(/\.(gz|z)$/i, "");
    if (ctx.fs.exists(target) && !force) {
      say(`${target.slice(target.lastIndexOf("/") + 1)} already exists; not overwritten`);
      return 2;
    }
    ctx.fs.write(target, g.text);
    if (!keep) ctx.fs.remove(path);
    return 0;
  }
  if (/\.gz$/.test(path) && !toStdout) {
    say(`${shown} already has .gz suffix -- unchanged`);
    return 2;
  }
  const packed = gzipText(path.slice(path.lastIndexOf("/") + 1), data);
  if (toStdout) {
    ctx.stdout.write(packed);
    return 0;
  }
  if (ctx.fs.exists(`${path}.gz`) && !force) {
    say(`${shown}.gz already exists; not overwritten`);
    return 2;
  }
  ctx.fs.write(`${path}.gz`, packed);
  if (!keep) ctx.fs.remove(path);
  return 0;
}
