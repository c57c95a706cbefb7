/**
 * busybox 1.36's gzip, gunzip and zcat (archival/gzip.c, archival/bbunzip.c's bbunpack): a file
 * is replaced by FILE.gz whatever its name (busybox does not refuse `.gz`), gunzip takes `.gz`,
 * `.Z` and `.tgz` (to `.tar`), an existing output is `can't open 'NAME': File exists`, data that
 * is not gzip's is `invalid magic`, and zcat refuses it with `no gzip/bzip2/xz magic`. The data
 * itself is this simulation's (gzip.ts: the header and the text as it is).
 */
import type { CommandContext } from "../interface";
import { type Applet, abs, complain, getopt, has, type Parsed, programName, usage } from "./common";
import { gunzipText, gzipText } from "./gzip";

/** bbunpack's options (BBUNPK_OPTSTR `cfkvq`) and each program's own. */
const OPTIONS = { gzip: "cfkvqdtn123456789", gunzip: "cfkvqdtn", zcat: "cfkvqdtn" } as const;

/** make_new_name_gunzip: `x.gz` and `x.Z` lose their suffix, `x.tgz` becomes `x.tar`; else none. */
function unpackedName(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || path.lastIndexOf("/") > dot) return undefined;
  const ext = path.slice(dot + 1);
  if (ext === "gz" || ext === "Z") return path.slice(0, dot);
  if (ext === "tgz") return `${path.slice(0, dot)}.tar`;
  return undefined;
}

/** `gzip [-cfkdt123456789] [FILE]...`, `gunzip [-cfkt] [FILE]...`, `zcat [FILE]...`. */
export const bbGzip: Applet = () => (ctx) => {
  const name = programName(ctx);
  const spec = name === "gunzip" || name === "zcat" ? OPTIONS[name] : OPTIONS.gzip;
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), spec, {
      stdout: "c",
      "to-stdout": "c",
      force: "f",
      keep: "k",
      quiet: "q",
      decompress: "d",
      uncompress: "d",
      test: "t",
    });
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const zcat = name === "zcat";
  const unpack = zcat || name === "gunzip" || has(p, "d");
  const toStdout = zcat || has(p, "c") || has(p, "t");
  let status = 0;
  for (const f of p.operands.length ? p.operands : ["-"]) {
    const r = one(ctx, f, {
      unpack,
      toStdout,
      zcat,
      test: has(p, "t"),
      force: has(p, "f"),
      keep: has(p, "k"),
    });
    if (r === "die") return 1;
    status = Math.max(status, r);
  }
  return status;
};

/** What one run does to each operand. */
interface Mode {
  unpack: boolean;
  toStdout: boolean;
  zcat: boolean;
  test: boolean;
  force: boolean;
  keep: boolean;
}

/** One operand through bbunpack (or gzip's pack): a status, or "die" when the applet exits. */
function one(ctx: CommandContext, f: string, m: Mode): number | "die" {
  const stdin = f === "-";
  const path = abs(ctx, f);
  let data: string;
  if (stdin) data = ctx.stdin;
  else if (ctx.fs.isDir(path)) {
    complain(ctx, `${f}: Is a directory`);
    return 1;
  } else if (!ctx.fs.isFile(path)) {
    complain(ctx, `${f}: No such file or directory`);
    return 1;
  } else data = ctx.fs.read(path);
  let text: string;
  let target: string | undefined;
  if (m.unpack) {
    if (!stdin && !m.toStdout) {
      target = unpackedName(path);
      if (target === undefined) {
        complain(ctx, `${f}: unknown suffix - ignored`);
        return 1;
      }
    }
    const g = gunzipText(data);
    if (!g) {
      complain(ctx, m.zcat ? "no gzip/bzip2/xz magic" : "invalid magic");
      return m.zcat ? "die" : 1;
    }
    text = g.text;
  } else {
    text = gzipText(stdin ? "" : path.slice(path.lastIndexOf("/") + 1), data);
    if (!stdin && !m.toStdout) target = `${path}.gz`;
  }
  if (target === undefined) {
    if (!m.test) ctx.stdout.write(text);
    return 0;
  }
  // O_EXCL: an existing output is an error unless -f removed it first.
  if (ctx.fs.exists(target) && !m.force) {
    complain(ctx, `can't open '${m.unpack ? unpackedName(f) : `${f}.gz`}': File exists`);
    return 1;
  }
  ctx.fs.write(target, text);
  if (!m.keep) ctx.fs.remove(path);
  return 0;
}
