/**
 * tar: GNU tar 1.34 and busybox tar (archival/tar.c), creating, extracting and listing ustar
 * archives of the container's text files. What kubectl cp runs in a container (`tar cf - /path`,
 * `tar -xmf - -C DIR`) and what backup exercises type (`tar cf /tmp/b.tar /data`, `tar xvf`).
 * Member names lose their leading `/` with each tar's notice: GNU's "Removing leading `/' from
 * member names", busybox's "removing leading '/' from member names" (strip_unsafe_prefix).
 * Compression flags (z, j) are accepted; the archive itself stays uncompressed.
 */
import { resolvePath } from "../../node/fs";
import type { CommandContext, FileSystem } from "../interface";
import { type Applet, complain, type Flavour, fsReason, writeFile } from "./common";
import { isLink } from "./fileinfo";

/** One archive member. */
export interface TarEntry {
  name: string;
  dir: boolean;
  mode: number;
  mtimeMs: number;
  data: string;
}

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${Math.max(0, Math.floor(n))
    .toString(8)
    .padStart(width - 1, "0")}\0`;
}

function field(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, "\0");
}

/** A ustar header block for an entry. */
function header(e: TarEntry): string {
  let name = e.dir && !e.name.endsWith("/") ? `${e.name}/` : e.name;
  let prefix = "";
  // ustar splits a long name at a slash: up to 155 characters of prefix, 100 of name.
  for (let i = name.indexOf("/"); name.length > 100 && i > 0 && i <= 155; i = name.indexOf("/", i + 1)) {
    if (name.length - i - 1 <= 100) {
      prefix = name.slice(0, i);
      name = name.slice(i + 1);
    }
  }
  const head = (sum: string) =>
    field(name, 100) +
    octal(e.mode & 0o7777, 8) +
    octal(0, 8) +
    octal(0, 8) +
    octal(e.dir ? 0 : e.data.length, 12) +
    octal(e.mtimeMs / 1000, 12) +
    sum +
    (e.dir ? "5" : "0") +
    field("", 100) +
    "ustar\x0000" +
    field("root", 32) +
    field("root", 32) +
    octal(0, 8) +
    octal(0, 8) +
    field(prefix, 155) +
    field("", 12);
  let sum = 0;
  const blank = head("        ");
  for (let i = 0; i < blank.length; i++) sum += blank.charCodeAt(i) & 0xff;
  return head(`${sum.toString(8).padStart(6, "0")}\0 `);
}

/** An archive of entries: header and padded data for each, then two zero blocks. */
export function makeArchive(entries: TarEntry[]): string {
  let out = "";
  for (const e of entries) {
    out += header(e);
    if (!e.dir && e.data.length) out += e.data + "\0".repeat((BLOCK - (e.data.length % BLOCK)) % BLOCK);
  }
  return out + "\0".repeat(2 * BLOCK);
}

/** The entries of an archive; undefined when it is not one. */
export function readArchive(text: string): TarEntry[] | undefined {
  const out: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= text.length) {
    const block = text.slice(at, at + BLOCK);
    if (/^\0*$/.test(block)) return out;
    if (block.slice(257, 262) !== "ustar") return undefined;
    const str = (from: number, width: number) => block.slice(from, from + width).replace(/\0.*$/s, "");
    const num = (from: number, width: number) => Number.parseInt(str(from, width).trim() || "0", 8);
    const prefix = str(345, 155);
    const name = (prefix ? `${prefix}/` : "") + str(0, 100);
    const size = num(124, 12);
    const dir = block[156] === "5";
    at += BLOCK;
    out.push({
      name: name.replace(/\/$/, ""),
      dir,
      mode: num(100, 8),
      mtimeMs: num(136, 12) * 1000,
      data: dir ? "" : text.slice(at, at + size),
    });
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
  return out.length || text.length === 0 ? out : undefined;
}

/** What tar was asked to do. */
interface TarArgs {
  mode?: "c" | "x" | "t";
  file?: string;
  dir?: string;
  verbose: boolean;
  operands: string[];
}

function parseArgs(argv: string[]): TarArgs | string {
  const a: TarArgs = { verbose: false, operands: [] };
  const letters = (s: string, i: number, rest: string[]): number => {
    let used = 0;
    for (const c of s) {
      if (c === "c" || c === "x" || c === "t") a.mode = c;
      else if (c === "v") a.verbose = true;
      else if (c === "f") a.file = rest[used++];
      else if (c === "C") a.dir = rest[used++];
      else if (!"zjmopOhJ".includes(c)) return -i - 1;
    }
    return used;
  };
  let i = 0;
  // The first word may be letters without a dash (`tar cf x.tar dir`).
  if (argv[0] && !argv[0].startsWith("-")) {
    const used = letters(argv[0], 0, argv.slice(1));
    if (used < 0) return `invalid option -- '${[...argv[0]].find((c) => !"cxtvfCzjmopOhJ".includes(c))}'`;
    i = 1 + used;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith("--")) {
      const [name, value] = arg.slice(2).split("=", 2);
      if (name === "file") a.file = value ?? argv[++i];
      else if (name === "directory") a.dir = value ?? argv[++i];
      else if (name === "create") a.mode = "c";
      else if (name === "extract") a.mode = "x";
      else if (name === "list") a.mode = "t";
      else if (name === "verbose") a.verbose = true;
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      const used = letters(arg.slice(1), i, argv.slice(i + 1));
      if (used < 0)
        return `invalid option -- '${[...arg.slice(1)].find((c) => !"cxtvfCzjmopOhJ".includes(c))}'`;
      i += used;
      continue;
    }
    a.operands.push(arg);
  }
  return a;
}

/** Every entry under a path (itself first), named from `name`. */
function collect(fs: FileSystem, path: string, name: string, out: TarEntry[]): void {
  const info = fs.stat?.(path);
  if (fs.isDir(path)) {
    out.push({ name, dir: true, mode: info?.mode ?? 0o755, mtimeMs: info?.mtimeMs ?? 0, data: "" });
    for (const child of fs.list(path)) {
      const at = path === "/" ? `/${child}` : `${path}/${child}`;
      // Links are archived as links by tar; this file system has none to write back, so tar
      // leaves them out rather than following them (/proc/1/root leads back to /).
      if (!isLink(fs, at)) collect(fs, at, `${name}/${child}`, out);
    }
  } else
    out.push({
      name,
      dir: false,
      mode: info?.mode ?? 0o644,
      mtimeMs: info?.mtimeMs ?? 0,
      data: fs.read(path),
    });
}

const NOTICE = {
  gnu: "Removing leading `/' from member names",
  busybox: "removing leading '/' from member names",
};

function create(ctx: CommandContext, flavour: Flavour, a: TarArgs, base: string): number {
  if (!a.operands.length) {
    complain(ctx, flavour === "gnu" ? "Cowardly refusing to create an empty archive" : "empty archive");
    if (flavour === "gnu") ctx.stderr.write("Try 'tar --help' or 'tar --usage' for more information.\n");
    return flavour === "gnu" ? 2 : 1;
  }
  const entries: TarEntry[] = [];
  let noticed = false;
  let failed = false;
  const notice = () => {
    if (!noticed) complain(ctx, NOTICE[flavour]);
    noticed = true;
  };
  for (const op of a.operands) {
    const path = resolvePath(base, op);
    const name = op.replace(/^\/+/, "") || ".";
    // GNU strips the name before it looks at the file; busybox once the file is added.
    if (flavour === "gnu" && op.startsWith("/")) notice();
    if (!ctx.fs.exists(path)) {
      complain(
        ctx,
        flavour === "gnu"
          ? `${op}: Cannot stat: No such file or directory`
          : `${op}: No such file or directory`,
      );
      failed = true;
      continue;
    }
    if (op.startsWith("/")) notice();
    collect(ctx.fs, path, name, entries);
  }
  const toStdout = a.file === undefined || a.file === "-";
  if (a.verbose) {
    const list = entries.map((e) => `${e.name}${e.dir ? "/" : ""}\n`).join("");
    (toStdout ? ctx.stderr : ctx.stdout).write(list);
  }
  const archive = makeArchive(entries);
  if (toStdout) ctx.stdout.write(archive);
  else writeFile(ctx, a.file as string, archive);
  if (failed && flavour === "gnu") complain(ctx, "Exiting with failure status due to previous errors");
  return failed ? (flavour === "gnu" ? 2 : 1) : 0;
}

function extract(ctx: CommandContext, flavour: Flavour, a: TarArgs, base: string, list: boolean): number {
  let text: string;
  if (a.file === undefined || a.file === "-") text = ctx.stdin;
  else {
    try {
      text = ctx.fs.read(resolvePath(ctx.cwd, a.file));
    } catch (e) {
      const reason = fsReason(e);
      if (flavour === "gnu") {
        complain(ctx, `${a.file}: Cannot open: ${reason}`);
        complain(ctx, "Error is not recoverable: exiting now");
        return 2;
      }
      complain(ctx, `can't open '${a.file}': ${reason}`);
      return 1;
    }
  }
  const entries = readArchive(text);
  if (!entries) {
    if (flavour === "gnu") {
      complain(ctx, "This does not look like a tar archive");
      complain(ctx, "Exiting with failure status due to previous errors");
      return 2;
    }
    complain(ctx, "invalid tar magic");
    return 1;
  }
  const wanted = (n: string) =>
    !a.operands.length || a.operands.some((o) => n === o || n.startsWith(`${o}/`));
  for (const e of entries.filter((x) => wanted(x.name))) {
    if (list || a.verbose) ctx.stdout.write(`${e.name}${e.dir ? "/" : ""}\n`);
    if (list) continue;
    const path = resolvePath(base, e.name);
    try {
      if (e.dir) ctx.fs.mkdir(path, true);
      else {
        ctx.fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", true);
        ctx.fs.write(path, e.data);
      }
    } catch (err) {
      complain(ctx, `${e.name}: Cannot open: ${fsReason(err)}`);
      return flavour === "gnu" ? 2 : 1;
    }
  }
  return 0;
}

/** `tar -c|-x|-t [-v] [-f FILE] [-C DIR] [PATH]...`. */
export const tar: Applet = (flavour) => (ctx) => {
  const a = parseArgs(ctx.argv.slice(1));
  if (typeof a === "string") {
    complain(ctx, a);
    if (flavour === "gnu") ctx.stderr.write("Try 'tar --help' or 'tar --usage' for more information.\n");
    return flavour === "gnu" ? 2 : 1;
  }
  if (!a.mode) {
    complain(
      ctx,
      flavour === "gnu"
        ? "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options"
        : "need -c, -x or -t",
    );
    if (flavour === "gnu") ctx.stderr.write("Try 'tar --help' or 'tar --usage' for more information.\n");
    return flavour === "gnu" ? 2 : 1;
  }
  const base = a.dir === undefined ? ctx.cwd : resolvePath(ctx.cwd, a.dir);
  if (a.dir !== undefined && !ctx.fs.isDir(base)) {
    complain(
      ctx,
      flavour === "gnu"
        ? `${a.dir}: Cannot open: No such file or directory`
        : `can't change directory to '${a.dir}': No such file or directory`,
    );
    return flavour === "gnu" ? 2 : 1;
  }
  if (a.mode === "c") return create(ctx, flavour, a, base);
  return extract(ctx, flavour, a, base, a.mode === "t");
};
