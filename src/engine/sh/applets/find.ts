/**
 * find, xargs, du, df, stat: findutils and coreutils (busybox findutils/find.c, xargs.c,
 * coreutils/du.c, df.c, stat.c). find supports -name, -iname, -path, -type f|d, -maxdepth,
 * -mindepth, -empty, -size, -newer-free predicates combined by implicit -a, with ! and -o, and
 * -print, -delete, -exec CMD {} ; / + (through ctx.exec).
 */
import type { CommandContext, Proc } from "../interface";
import {
  type Applet,
  abs,
  cannotRun,
  complain,
  type Flavour,
  findCommand,
  getopt,
  has,
  type Parsed,
  usage,
} from "./common";
import { humanSize, modeString, statOf, walk } from "./fileinfo";

/** A shell glob (`*.yaml`, `pod-?`, `[ab]*`) as a RegExp. */
export function globToRe(glob: string, flags = ""): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, `s${flags}`);
}

type Test = (path: string, shown: string, depth: number) => boolean;

/** `find [PATH]... [EXPRESSION]`. */
export const find: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1);
  const roots: string[] = [];
  while (args.length && !/^[-!(]/.test(args[0] as string)) roots.push(args.shift() as string);
  if (!roots.length) roots.push(".");
  let maxDepth = Number.POSITIVE_INFINITY;
  let minDepth = 0;
  let printed = false;
  const execs: Array<{ cmd: string[]; plus: boolean; batch: string[] }> = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const primary = (): Test => {
    const t = args[i++];
    const val = () => args[i++] ?? fail(`missing argument to '${t}'`);
    switch (t) {
      case "!":
      case "-not": {
        const inner = primary();
        return (p, s, d) => !inner(p, s, d);
      }
      case "(": {
        const inner = or();
        if (args[i++] !== ")")
          fail("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        return inner;
      }
      case "-name":
      case "-iname": {
        const re = globToRe(val(), t === "-iname" ? "i" : "");
        return (p) => re.test(p === "/" ? "/" : p.slice(p.lastIndexOf("/") + 1));
      }
      case "-path":
      case "-wholename": {
        const re = globToRe(val());
        return (_p, s) => re.test(s);
      }
      case "-type": {
        const ty = val();
        if (!/^[fdlbcps]$/.test(ty))
          fail(flavour === "gnu" ? `Unknown argument to -type: ${ty}` : `bad arg '${ty}'`);
        // As lstat sees it: a symbolic link is type l, whatever it points to.
        return (p) => {
          const info = statOf(ctx.fs, p);
          if (!info) return false;
          if (info.link !== undefined) return ty === "l";
          return ty === "f" ? info.type === "file" : ty === "d" ? info.type === "dir" : false;
        };
      }
      case "-maxdepth":
        maxDepth = Number(val());
        return () => true;
      case "-mindepth":
        minDepth = Number(val());
        return () => true;
      case "-empty":
        return (p) => (ctx.fs.isDir(p) ? ctx.fs.list(p).length === 0 : (statOf(ctx.fs, p)?.size ?? 0) === 0);
      case "-size": {
        const m = /^([-+]?)(\d+)([ckMGb]?)$/.exec(val()) ?? fail(`invalid -size argument`);
        const unit = { c: 1, k: 1024, M: 1048576, G: 1073741824, b: 512, "": 512 }[m[3] as "c"] ?? 512;
        const n = Number(m[2]);
        return (p) => {
          const size = Math.ceil((statOf(ctx.fs, p)?.size ?? 0) / unit);
          return m[1] === "+" ? size > n : m[1] === "-" ? size < n : size === n;
        };
      }
      case "-print":
        printed = true;
        return (_p, s) => {
          ctx.stdout.write(`${s}\n`);
          return true;
        };
      case "-delete":
        printed = true;
        return (p) => {
          ctx.fs.remove(p, true);
          return true;
        };
      case "-exec": {
        printed = true;
        const cmd: string[] = [];
        while (i < args.length && args[i] !== ";" && !(args[i] === "+" && args[i - 1] === "{}"))
          cmd.push(args[i++] as string);
        const term = args[i++];
        if (term === undefined) fail(`missing argument to '-exec'`);
        const e = { cmd, plus: term === "+", batch: [] as string[] };
        execs.push(e);
        return (_p, s) => {
          e.batch.push(s);
          return true;
        };
      }
      case "-true":
        return () => true;
      case "-false":
        return () => false;
      case "-newer":
      case "-mtime":
      case "-mmin":
      case "-perm":
      case "-user":
      case "-group":
        val();
        return () => true;
      default:
        return fail(
          t === undefined
            ? "expected an expression"
            : flavour === "gnu"
              ? `unknown predicate '${t}'`
              : `unrecognized: ${t}`,
        );
    }
  };
  const and = (): Test => {
    let a = primary();
    while (i < args.length && args[i] !== "-o" && args[i] !== "-or" && args[i] !== ")") {
      if (args[i] === "-a" || args[i] === "-and") i++;
      const x = a;
      const b = primary();
      a = (p, s, d) => x(p, s, d) && b(p, s, d);
    }
    return a;
  };
  const or = (): Test => {
    let a = and();
    while (args[i] === "-o" || args[i] === "-or") {
      i++;
      const x = a;
      const b = and();
      a = (p, s, d) => x(p, s, d) || b(p, s, d);
    }
    return a;
  };
  let test: Test;
  try {
    test = args.length ? or() : () => true;
  } catch (e) {
    complain(ctx, (e as Error).message);
    return 1;
  }
  let status = 0;
  for (const r of roots) {
    const root = abs(ctx, r);
    if (!ctx.fs.exists(root)) {
      complain(
        ctx,
        flavour === "gnu" ? `'${r}': No such file or directory` : `${r}: No such file or directory`,
      );
      status = 1;
      continue;
    }
    for (const { path, depth } of walk(ctx.fs, root, maxDepth)) {
      if (depth < minDepth || !ctx.fs.exists(path)) continue;
      const shown =
        path === root ? r : `${r.replace(/\/$/, "")}/${path.slice(root === "/" ? 1 : root.length + 1)}`;
      if (test(path, shown, depth) && !printed) ctx.stdout.write(`${shown}\n`);
    }
  }
  if (!execs.length) return status;
  for (const e of execs) {
    const name = e.cmd[0];
    if (name !== undefined && e.batch.length && !findCommand(ctx, name)) {
      complain(ctx, `'${name}': No such file or directory`);
      return 1;
    }
  }
  return (function* (): Proc {
    for (const e of execs) {
      const runs = e.plus
        ? [e.cmd.flatMap((a) => (a === "{}" ? e.batch : [a]))]
        : e.batch.map((f) => e.cmd.map((a) => a.replaceAll("{}", f)));
      for (const argv of runs) if ((yield* ctx.exec(argv)) !== 0) status = 1;
    }
    return status;
  })();
};

/** Splits xargs input into arguments: blanks and newlines separate, quotes and backslashes group. */
function xargsWords(input: string, flavour: Flavour): string[] | string {
  const out: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      if (end < 0 || input.slice(i, end).includes("\n"))
        return flavour === "gnu"
          ? `unmatched ${c === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`
          : `unmatched ${c === "'" ? "'" : '"'} quote`;
      cur += input.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === "\\" && i + 1 < input.length) {
      cur += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** `xargs [-n N] [-I REPL] [-0] [-r] [-t] [COMMAND [ARG]...]`: runs COMMAND (echo) through ctx.exec. */
export const xargs: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(
      ctx.argv.slice(1),
      "n:I:0rtd:L:P:",
      {
        "max-args=": "n",
        "replace=": "I",
        null: "0",
        "no-run-if-empty": "r",
        verbose: "t",
        "delimiter=": "d",
      },
      { stopAtOperand: true },
    );
  } catch (e) {
    return usage(ctx, flavour, e, 1);
  }
  const cmd = p.operands.length ? p.operands : ["echo"];
  let words: string[];
  if (has(p, "0") || has(p, "d")) {
    const d = has(p, "0") ? "\0" : (p.opts.get("d")?.at(-1) ?? "\n").replace("\\n", "\n");
    words = ctx.stdin.split(d);
    if (words.at(-1) === "" || (d !== "\n" && words.at(-1) === "\n")) words.pop();
  } else if (has(p, "I") || has(p, "L"))
    words = ctx.stdin
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => l.replace(/^\s+/, ""));
  else {
    const w = xargsWords(ctx.stdin, flavour);
    if (typeof w === "string") {
      complain(ctx, w);
      return 1;
    }
    words = w;
  }
  const repl = p.opts.get("I")?.at(-1);
  const n = Number(p.opts.get("n")?.at(-1) ?? p.opts.get("L")?.at(-1) ?? (repl ? 1 : 0)) || words.length || 1;
  const runs: string[][] = [];
  if (!words.length) {
    if (!has(p, "r") && !repl) runs.push(cmd);
  } else
    for (let k = 0; k < words.length; k += n) {
      const chunk = words.slice(k, k + n);
      runs.push(repl ? cmd.map((a) => a.replaceAll(repl, chunk[0] ?? "")) : [...cmd, ...chunk]);
    }
  const name = runs[0]?.[0];
  if (name !== undefined && !findCommand(ctx, name))
    return cannotRun(ctx, flavour, name, `${name}: No such file or directory`);
  return (function* (): Proc {
    let status = 0;
    for (const argv of runs) {
      if (has(p, "t")) ctx.stderr.write(`${argv.join(" ")}\n`);
      const code = yield* ctx.exec(argv, "");
      if (code === 127 || code === 126) return code;
      if (code === 255) {
        complain(ctx, `${argv[0]}: exited with status 255; aborting`);
        return 124;
      }
      if (code !== 0) status = 123;
    }
    return status;
  })();
};

/** The 1K blocks a path occupies (files rounded up to 4K blocks, directories 4K, links none). */
function usageKiB(ctx: CommandContext, path: string): number {
  return walk(ctx.fs, path).reduce((n, { path: p }) => {
    const info = statOf(ctx.fs, p);
    if (info?.link !== undefined) return n;
    return n + (info?.type === "dir" ? 4 : Math.ceil((info?.size ?? 0) / 4096) * 4);
  }, 0);
}

/** `du [-s] [-h] [-a] [-c] [-d N] [PATH]...`. */
export const du: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "shacd:kmx", {
      summarize: "s",
      "human-readable": "h",
      all: "a",
      total: "c",
      "max-depth=": "d",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const fmt = (kib: number) =>
    has(p, "h")
      ? kib === 0
        ? "0"
        : humanSize(kib * 1024)
      : has(p, "m")
        ? String(Math.ceil(kib / 1024))
        : String(kib);
  const maxDepth = has(p, "s")
    ? 0
    : p.opts.has("d")
      ? Number(p.opts.get("d")?.at(-1))
      : Number.POSITIVE_INFINITY;
  let status = 0;
  let total = 0;
  for (const r of p.operands.length ? p.operands : ["."]) {
    const root = abs(ctx, r);
    if (!ctx.fs.exists(root)) {
      complain(
        ctx,
        flavour === "gnu"
          ? `cannot access '${r}': No such file or directory`
          : `${r}: No such file or directory`,
      );
      status = 1;
      continue;
    }
    const rows = walk(ctx.fs, root).filter(
      ({ path, depth }) => depth <= maxDepth && (ctx.fs.isDir(path) || has(p, "a") || path === root),
    );
    for (const { path } of rows.reverse()) {
      const shown =
        path === root ? r : `${r.replace(/\/$/, "")}/${path.slice(root.length + (root === "/" ? 0 : 1))}`;
      ctx.stdout.write(`${fmt(usageKiB(ctx, path))}\t${shown}\n`);
    }
    total += usageKiB(ctx, root);
  }
  if (has(p, "c")) ctx.stdout.write(`${fmt(total)}\ttotal\n`);
  return status;
};

/** The size df reports for the container's overlay root (a plausible node disk). */
export const DF_TOTAL_KIB = 101_430_960;

/** `df [-h] [-k] [PATH]...`: one overlay file system with what the FileSystem holds as used. */
export const df: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "hkPTm", { "human-readable": "h", portability: "P" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const used = usageKiB(ctx, "/") + 2_048_000;
  const avail = DF_TOTAL_KIB - used;
  const pct = `${Math.ceil((used / DF_TOTAL_KIB) * 100)}%`;
  const h = (kib: number) => humanSize(kib * 1024).replace(/\.0(?=[KMGT])/, "");
  if (has(p, "h"))
    ctx.stdout.write(
      flavour === "gnu"
        ? `Filesystem      Size  Used Avail Use% Mounted on\noverlay         ${h(DF_TOTAL_KIB).padStart(4)}  ${h(used).padStart(4)}  ${h(avail).padStart(4)}  ${pct.padStart(3)} /\n`
        : `Filesystem                Size      Used Available Use% Mounted on\noverlay                 ${h(DF_TOTAL_KIB).padStart(6)}    ${h(used).padStart(6)}    ${h(avail).padStart(6)}  ${pct.padStart(3)} /\n`,
    );
  else
    ctx.stdout.write(
      flavour === "gnu"
        ? `Filesystem     1K-blocks    Used Available Use% Mounted on\noverlay        ${String(DF_TOTAL_KIB).padStart(9)} ${String(used).padStart(7)} ${String(avail).padStart(9)} ${pct.padStart(4)} /\n`
        : `Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay              ${String(DF_TOTAL_KIB).padStart(9)} ${String(used).padStart(9)} ${String(avail).padStart(9)} ${pct.padStart(3)} /\n`,
    );
  return 0;
};

/** `stat [-c FORMAT] FILE...`: the basic fields (no inodes or owners in this FileSystem). */
export const stat: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "c:Lf", { "format=": "c", dereference: "L" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (!p.operands.length) {
    complain(ctx, "missing operand");
    if (flavour === "gnu") ctx.stderr.write("Try 'stat --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of p.operands) {
    const path = abs(ctx, f);
    const info = statOf(ctx.fs, path);
    if (!info) {
      complain(
        ctx,
        flavour === "gnu"
          ? `cannot statx '${f}': No such file or directory`
          : `can't stat '${f}': No such file or directory`,
      );
      status = 1;
      continue;
    }
    const when = new Date(info.mtimeMs || ctx.sys.now())
      .toISOString()
      .replace("T", " ")
      .replace(/\.(\d{3})Z$/, ".$1000000 +0000");
    const kind = info.type === "dir" ? "directory" : info.size === 0 ? "regular empty file" : "regular file";
    const fmt = p.opts.get("c")?.at(-1);
    if (fmt !== undefined) {
      const map: Record<string, string> = {
        n: f,
        s: String(info.size),
        F: kind,
        a: info.mode.toString(8),
        A: modeString(info),
        U: "root",
        G: "root",
        u: "0",
        g: "0",
        Y: String(Math.floor((info.mtimeMs || ctx.sys.now()) / 1000)),
        y: when,
        "%": "%",
      };
      ctx.stdout.write(`${fmt.replace(/%(.)/g, (m, c: string) => map[c] ?? m)}\n`);
      continue;
    }
    const mode = `(${info.mode.toString(8).padStart(4, "0")}/${modeString(info)})`;
    ctx.stdout.write(
      `  File: ${f}\n  Size: ${String(info.size).padEnd(15)} Blocks: ${String(Math.ceil(info.size / 4096) * 8).padEnd(10)} IO Block: 4096   ${kind}\nDevice: 0,${flavour === "gnu" ? "61" : "61"}\tInode: 0           Links: ${info.type === "dir" ? 2 : 1}\nAccess: ${mode}  Uid: (    0/    root)   Gid: (    0/    root)\nAccess: ${when}\nModify: ${when}\nChange: ${when}\n${flavour === "gnu" ? ` Birth: ${when}\n` : ""}`,
    );
  }
  return status;
};
