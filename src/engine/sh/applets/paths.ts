/**
 * busybox 1.36's path applets: readlink (coreutils/readlink.c: `-f` is coreutils' `-e` plus the
 * missing-last-component rule, errors silent unless -v), realpath (coreutils/realpath.c, no
 * options) and mktemp (coreutils/mktemp.c over glibc's mkstemp/mkdtemp). Both resolvers follow
 * libbb's xmalloc_realpath_coreutils: glibc realpath, then, for a path that does not exist, a
 * dangling link's target (taken relative to the working directory) or the parent's real path
 * with the last name added.
 */
import type { CommandContext, FileSystem } from "../interface";
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
  usage,
} from "./common";
import { statOf } from "./fileinfo";

/** How glibc's realpath fails, as strerror words it. */
const ENOENT = "No such file or directory";
const ENOTDIR = "Not a directory";
const ELOOP = "Symbolic link loop";

/** Links followed before ELOOP (Linux's MAXSYMLINKS). */
const MAX_LINKS = 40;

/** glibc realpath(3): every component must exist; links are followed. */
export function realPath(fs: FileSystem, path: string): { path: string } | { error: string } {
  const pending = path.split("/").filter((c) => c !== "" && c !== ".");
  const done: string[] = [];
  let links = 0;
  while (pending.length) {
    const name = pending.shift() as string;
    if (name === "..") {
      done.pop();
      continue;
    }
    const here = `/${[...done, name].join("/")}`;
    const info = statOf(fs, here);
    if (!info) return { error: ENOENT };
    if (info.link !== undefined) {
      if (++links > MAX_LINKS) return { error: ELOOP };
      if (info.link.startsWith("/")) done.length = 0;
      pending.unshift(...info.link.split("/").filter((c) => c !== "" && c !== "."));
      continue;
    }
    if (info.type !== "dir" && pending.some((c) => c !== "..")) return { error: ENOTDIR };
    done.push(name);
  }
  return { path: `/${done.join("/")}` };
}

/** libbb xmalloc_realpath_coreutils: realpath, else a dangling link's or a missing last name's. */
export function canonical(
  ctx: CommandContext,
  name: string,
  depth = 0,
): { path: string } | { error: string } {
  const found = realPath(ctx.fs, abs(ctx, name));
  if ("path" in found || found.error !== ENOENT) return found;
  const target = ctx.fs.stat?.(abs(ctx, name))?.link;
  if (target !== undefined && depth < MAX_LINKS)
    return canonical(ctx, target.startsWith("/") ? target : `${ctx.cwd}/${target}`, depth + 1);
  let trimmed = name.replace(/^\/+/, "/");
  while (trimmed.length > 1 && trimmed.endsWith("/")) trimmed = trimmed.slice(0, -1);
  const slash = trimmed.lastIndexOf("/");
  if (slash === 0) return { path: trimmed };
  if (slash < 0) return found;
  const parent = realPath(ctx.fs, abs(ctx, trimmed.slice(0, slash)));
  if (!("path" in parent)) return parent;
  return { path: `${parent.path === "/" ? "" : parent.path}/${trimmed.slice(slash + 1)}` };
}

/** `readlink [-fnv] FILE`: a link's target, or with -f its canonical path. */
export const readlink: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "fnvsq");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (p.operands.length !== 1) {
    ctx.stderr.write(busyboxUsage(programName(ctx)));
    return 1;
  }
  const name = p.operands[0] as string;
  const verbose = has(p, "v");
  let text: string;
  if (has(p, "f")) {
    const r = canonical(ctx, name);
    if ("error" in r) {
      if (verbose) complain(ctx, `${name}: ${r.error}`);
      return 1;
    }
    text = r.path;
  } else {
    const info = statOf(ctx.fs, abs(ctx, name));
    if (info?.link === undefined) {
      if (verbose) complain(ctx, `${name}: cannot read link: ${info ? "not a symlink" : ENOENT}`);
      return 1;
    }
    text = info.link;
  }
  ctx.stdout.write(has(p, "n") ? text : `${text}\n`);
  return 0;
};

/** `realpath FILE...`: each operand's canonical path (it takes no options: `-e` is a file name). */
export const realpath: Applet = () => (ctx) => {
  const names = ctx.argv.slice(1);
  if (!names.length) {
    ctx.stderr.write(busyboxUsage(programName(ctx)));
    return 1;
  }
  let status = 0;
  let out = "";
  for (const name of names) {
    const r = canonical(ctx, name);
    if ("path" in r) out += `${r.path}\n`;
    else {
      ctx.stdout.write(out);
      out = "";
      complain(ctx, `${name}: ${r.error}`);
      status = 1;
    }
  }
  ctx.stdout.write(out);
  return status;
};

/** The characters glibc's __gen_tempname puts in place of the X's. */
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** How many names mkstemp tries before it gives up (glibc's TMP_MAX attempts, shortened). */
const ATTEMPTS = 100;

/**
 * `mktemp [-dqtu] [-p DIR] [TEMPLATE]`: creates a file (0600) or with -d a directory (0700) named
 * from TEMPLATE's six trailing X's, and prints its name. The letters come from a generator seeded
 * by the clock and the pid, as glibc seeds its own from the clock and random bits.
 */
export const mktemp: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "dqtp:u", {
      directory: "d",
      quiet: "q",
      "dry-run": "u",
      "tmpdir=": "p",
      tmpdir: "T",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (p.operands.length > 1) {
    ctx.stderr.write(busyboxUsage(programName(ctx)));
    return 1;
  }
  const env = ctx.env.TMPDIR;
  const dir = last(p, "p") ?? (env ? env : "/tmp");
  let template = p.operands[0];
  let prefixed = has(p, "t") || has(p, "p") || has(p, "T");
  if (template === undefined) {
    template = "tmp.XXXXXX";
    prefixed = true;
  }
  const name = prefixed ? `${dir.replace(/\/+$/, "")}/${template.replace(/^\/+/, "")}` : template;
  const fail = (reason: string) => {
    if (!has(p, "q")) complain(ctx, reason);
    return 1;
  };
  if (!name.endsWith("XXXXXX")) return fail("Invalid argument");
  const stem = name.slice(0, -6);
  let seed = (ctx.sys.now() * 31 + (ctx.sys.pid?.() ?? 1) * 1_000_003 + name.length) >>> 0;
  const letter = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return LETTERS[(seed >>> 8) % LETTERS.length] as string;
  };
  const parent = abs(ctx, stem.includes("/") ? stem.slice(0, stem.lastIndexOf("/")) || "/" : ".");
  if (!ctx.fs.isDir(parent)) return fail(ctx.fs.exists(parent) ? ENOTDIR : ENOENT);
  for (let i = 0; i < ATTEMPTS; i++) {
    const candidate = stem + Array.from({ length: 6 }, letter).join("");
    const path = abs(ctx, candidate);
    if (ctx.fs.exists(path)) continue;
    if (!has(p, "u")) {
      try {
        if (has(p, "d")) {
          ctx.fs.mkdir(path);
          ctx.fs.chmod?.(path, 0o700);
        } else {
          ctx.fs.write(path, "");
          ctx.fs.chmod?.(path, 0o600);
        }
      } catch (e) {
        return fail(fsReason(e));
      }
    }
    ctx.stdout.write(`${candidate}\n`);
    return 0;
  }
  return fail("File exists");
};
