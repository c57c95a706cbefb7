/**
 * File commands: touch, mkdir, rm, rmdir, cp, mv, ln, chmod (coreutils src/*.c and busybox
 * coreutils/*.c wording). The FileSystem contract has no links, owners or mode setter: ln -s
 * copies its target, and chmod validates its mode and operands and then changes nothing.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  type Parsed,
  usage,
} from "./common";
import { isLink } from "./fileinfo";

/** Parses options or reports a usage error; a number is the status to return. */
function opts(
  ctx: CommandContext,
  flavour: Flavour,
  spec: string,
  long: Record<string, string> = {},
): Parsed | number {
  try {
    return getopt(ctx.argv.slice(1), spec, long);
  } catch (e) {
    return usage(ctx, flavour, e);
  }
}

/** GNU's `missing operand` with its hint; busybox prints its usage. */
function missing(ctx: CommandContext, flavour: Flavour, what = "missing operand"): number {
  const name = ctx.argv[0]?.split("/").pop() ?? "";
  if (flavour === "gnu") {
    complain(ctx, what);
    ctx.stderr.write(`Try '${name} --help' for more information.\n`);
  } else ctx.stderr.write(busyboxUsage(name));
  return 1;
}

const parent = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";
const base = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** `touch [-c] FILE...`: creates empty files (times are not stored). */
export const touch: Applet = (flavour) => (ctx) => {
  const p = opts(ctx, flavour, "camd:t:r:", { "no-create": "c" });
  if (typeof p === "number") return p;
  if (!p.operands.length) return missing(ctx, flavour, "missing file operand");
  let status = 0;
  for (const f of p.operands) {
    const path = abs(ctx, f);
    if (ctx.fs.exists(path) || has(p, "c")) continue;
    try {
      ctx.fs.write(path, "");
    } catch (e) {
      complain(ctx, flavour === "gnu" ? `cannot touch '${f}': ${fsReason(e)}` : `${f}: ${fsReason(e)}`);
      status = 1;
    }
  }
  return status;
};

/** `mkdir [-p] [-m MODE] DIR...`. */
export const mkdir: Applet = (flavour) => (ctx) => {
  const p = opts(ctx, flavour, "pm:v", { parents: "p", "mode=": "m", verbose: "v" });
  if (typeof p === "number") return p;
  if (!p.operands.length) return missing(ctx, flavour);
  let status = 0;
  const verb = flavour === "gnu" ? "cannot" : "can't";
  for (const d of p.operands) {
    const path = abs(ctx, d);
    let reason: string | undefined;
    if (ctx.fs.isFile(path) || (ctx.fs.isDir(path) && !has(p, "p"))) reason = "File exists";
    else if (!has(p, "p") && !ctx.fs.isDir(parent(path))) reason = "No such file or directory";
    else if (has(p, "p") && ctx.fs.isFile(parent(path))) reason = "Not a directory";
    if (!reason) {
      try {
        ctx.fs.mkdir(path, has(p, "p"));
        // -m MODE sets the new directory's mode exactly, umask aside (an octal mode here).
        const mode = p.opts.get("m")?.at(-1);
        if (mode !== undefined && /^[0-7]{1,4}$/.test(mode)) ctx.fs.chmod?.(path, Number.parseInt(mode, 8));
        if (has(p, "v")) ctx.stdout.write(`mkdir: created directory '${d}'\n`);
        continue;
      } catch (e) {
        reason = fsReason(e);
      }
    }
    complain(ctx, `${verb} create directory '${d}': ${reason}`);
    status = 1;
  }
  return status;
};

/** `rm [-rRfiv] FILE...`. */
export const rm: Applet = (flavour) => (ctx) => {
  const long: Record<string, string> = { recursive: "r", force: "f", verbose: "v" };
  if (flavour === "gnu") {
    long["no-preserve-root"] = "no-preserve-root";
    long["preserve-root"] = "preserve-root";
  }
  const p = opts(ctx, flavour, "rRfiv", long);
  if (typeof p === "number") return p;
  if (!p.operands.length) return has(p, "f") ? 0 : missing(ctx, flavour);
  let status = 0;
  const recursive = has(p, "r") || has(p, "R");
  for (const f of p.operands) {
    const path = abs(ctx, f);
    // coreutils rm.c: `.` and `..` as last component are skipped before the root check.
    const last = f.replace(/\/+$/, "").split("/").pop();
    if (flavour === "gnu" && recursive && (last === "." || last === "..")) {
      complain(ctx, `refusing to remove '.' or '..' directory: skipping '${f}'`);
      status = 1;
      continue;
    }
    if (path === "/" && recursive && !(flavour === "gnu" && has(p, "no-preserve-root"))) {
      const same = flavour === "gnu" && f !== "/" ? ` (same as '/')` : "";
      complain(
        ctx,
        flavour === "gnu" ? `it is dangerous to operate recursively on '${f}'${same}` : "can't remove '/'",
      );
      if (flavour === "gnu") ctx.stderr.write("rm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    if (!ctx.fs.exists(path)) {
      if (!has(p, "f")) {
        complain(ctx, `${flavour === "gnu" ? "cannot" : "can't"} remove '${f}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (ctx.fs.isDir(path) && !has(p, "r") && !has(p, "R")) {
      complain(ctx, flavour === "gnu" ? `cannot remove '${f}': Is a directory` : `'${f}' is a directory`);
      status = 1;
      continue;
    }
    try {
      ctx.fs.remove(path, true);
      if (has(p, "v")) ctx.stdout.write(flavour === "gnu" ? `removed '${f}'\n` : `removed '${f}'\n`);
    } catch (e) {
      complain(ctx, `${flavour === "gnu" ? "cannot" : "can't"} remove '${f}': ${fsReason(e)}`);
      status = 1;
    }
  }
  return status;
};

/** `rmdir [-p] DIR...`: only empty directories. */
export const rmdir: Applet = (flavour) => (ctx) => {
  const p = opts(ctx, flavour, "pv", { parents: "p" });
  if (typeof p === "number") return p;
  if (!p.operands.length) return missing(ctx, flavour);
  let status = 0;
  for (const d of p.operands) {
    const path = abs(ctx, d);
    const reason = !ctx.fs.exists(path)
      ? "No such file or directory"
      : !ctx.fs.isDir(path)
        ? "Not a directory"
        : ctx.fs.list(path).length
          ? "Directory not empty"
          : undefined;
    if (reason) {
      complain(ctx, flavour === "gnu" ? `failed to remove '${d}': ${reason}` : `'${d}': ${reason}`);
      status = 1;
      continue;
    }
    ctx.fs.remove(path, true);
  }
  return status;
};

/**
 * Copies a file or (recursively) a directory tree. A symbolic link inside the tree is not
 * followed (cp -R's default); this file system has no links to copy it as, so it is left out.
 */
function copyTree(ctx: CommandContext, from: string, to: string): void {
  if (ctx.fs.isDir(from)) {
    ctx.fs.mkdir(to, true);
    for (const n of ctx.fs.list(from)) {
      const child = `${from === "/" ? "" : from}/${n}`;
      if (!isLink(ctx.fs, child)) copyTree(ctx, child, `${to}/${n}`);
    }
  } else ctx.fs.write(to, ctx.fs.read(from));
}

/** cp, mv and ln share operand handling: SOURCE... DEST, DEST a directory when several. */
function transfer(kind: "cp" | "mv" | "ln"): Applet {
  return (flavour) => (ctx) => {
    const p = opts(ctx, flavour, kind === "ln" ? "sfnvT" : "rRafpvniT", {
      recursive: "r",
      force: "f",
      symbolic: "s",
      archive: "a",
      verbose: "v",
    });
    if (typeof p === "number") return p;
    const ops = p.operands;
    if (!ops.length) return missing(ctx, flavour, "missing file operand");
    if (ops.length === 1) {
      if (kind === "ln") ops.push(base(abs(ctx, ops[0] as string)));
      else return missing(ctx, flavour, `missing destination file operand after '${ops[0]}'`);
    }
    const destName = ops.at(-1) as string;
    const dest = abs(ctx, destName);
    const sources = ops.slice(0, -1);
    if (sources.length > 1 && !ctx.fs.isDir(dest)) {
      complain(
        ctx,
        flavour === "gnu" ? `target '${destName}' is not a directory` : `'${destName}' is not a directory`,
      );
      return 1;
    }
    let status = 0;
    const cannot = flavour === "gnu" ? "cannot" : "can't";
    for (const s of sources) {
      const src =
        kind === "ln" && !s.startsWith("/")
          ? abs(ctx, `${ctx.fs.isDir(dest) ? destName : parent(destName)}/${s}`)
          : abs(ctx, s);
      if (!ctx.fs.exists(src)) {
        if (kind === "ln" && has(p, "s"))
          complain(ctx, `${s}: dangling symbolic links are not supported here (links are copies)`);
        else complain(ctx, `${cannot} stat '${s}': No such file or directory`);
        status = 1;
        continue;
      }
      const target = ctx.fs.isDir(dest) ? `${dest === "/" ? "" : dest}/${base(src)}` : dest;
      if (kind === "cp" && ctx.fs.isDir(src) && !has(p, "r") && !has(p, "R") && !has(p, "a")) {
        complain(
          ctx,
          flavour === "gnu" ? `-r not specified; omitting directory '${s}'` : `omitting directory '${s}'`,
        );
        status = 1;
        continue;
      }
      // A tree copied into itself would never end (coreutils copy.c, busybox copy_file.c).
      if (kind === "cp" && ctx.fs.isDir(src) && (src === "/" || target.startsWith(`${src}/`))) {
        complain(
          ctx,
          flavour === "gnu"
            ? `cannot copy a directory, '${s}', into itself, '${destName.replace(/\/$/, "")}${ctx.fs.isDir(dest) ? `/${base(src)}` : ""}'`
            : `recursion detected, omitting directory '${s}'`,
        );
        status = 1;
        continue;
      }
      if (kind === "ln" && ctx.fs.exists(target) && !has(p, "f")) {
        complain(
          ctx,
          flavour === "gnu"
            ? `failed to create ${has(p, "s") ? "symbolic " : "hard "}link '${ctx.fs.isDir(dest) ? `${destName.replace(/\/$/, "")}/${base(src)}` : destName}': File exists`
            : `${destName}: File exists`,
        );
        status = 1;
        continue;
      }
      if (target === src || target.startsWith(`${src}/`)) {
        complain(
          ctx,
          flavour === "gnu"
            ? `cannot ${kind === "mv" ? "move" : "copy"} '${s}' to a subdirectory of itself, '${destName}/${base(src)}'`
            : `can't ${kind === "mv" ? "move" : "copy"} '${s}' into itself`,
        );
        status = 1;
        continue;
      }
      try {
        if (ctx.fs.exists(target) && ctx.fs.isDir(target) !== ctx.fs.isDir(src)) ctx.fs.remove(target, true);
        copyTree(ctx, src, target);
        if (kind === "mv") ctx.fs.remove(src, true);
      } catch (e) {
        complain(ctx, `${cannot} create '${destName}': ${fsReason(e)}`);
        status = 1;
      }
    }
    return status;
  };
}

/** `cp [-r] SOURCE... DEST`. */
export const cp: Applet = transfer("cp");
/** `mv SOURCE... DEST`. */
export const mv: Applet = transfer("mv");
/** `ln [-s] [-f] TARGET [LINK]`: the FileSystem has no links, so the link is a copy. */
export const ln: Applet = transfer("ln");

/** A chmod mode: octal or symbolic (`u+x`, `go-w`, `a=r,u+w`). */
const MODE =
  /^(?:[0-7]{1,4}|(?:[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)(?:,[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)*)$/;

/** `chmod [-R] MODE FILE...`: validated; the FileSystem has no mode setter, so nothing changes. */
export const chmod: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1);
  const modeAt = args.findIndex((a) => !/^-[Rvcf]+$/.test(a) || MODE.test(a));
  const mode = args[modeAt];
  const files = args.slice(modeAt + 1);
  if (mode === undefined) return missing(ctx, flavour);
  if (!MODE.test(mode)) {
    complain(ctx, flavour === "gnu" ? `invalid mode: '${mode}'` : `invalid mode '${mode}'`);
    if (flavour === "gnu") ctx.stderr.write("Try 'chmod --help' for more information.\n");
    return 1;
  }
  if (!files.length) return missing(ctx, flavour, `missing operand after '${mode}'`);
  let status = 0;
  for (const f of files)
    if (!ctx.fs.exists(abs(ctx, f))) {
      complain(
        ctx,
        flavour === "gnu"
          ? `cannot access '${f}': No such file or directory`
          : `${f}: No such file or directory`,
      );
      status = 1;
    }
  return status;
};
