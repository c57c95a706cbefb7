/**
 * Info-ZIP's zip 3.0 and unzip 6.0 over text files: `zip [-r] ARCHIVE FILE...` (`  adding: NAME
 * (stored 0%)`), `unzip [-l] [-o] [-d DIR] ARCHIVE` (`Archive:  NAME`, ` extracting: NAME`,
 * `   creating: DIR/`, the -l table). Members are stored, not deflated: the simulated files are
 * text, so an archive is the local headers' signature (PK\3\4) and each member's name, size and
 * text, which only these two programs read.
 */
import type { CommandContext } from "../interface";
import { type Applet, abs, byteLength, getopt, has, last, type Parsed, usage } from "./common";
import { isLink, statOf } from "./fileinfo";

const SIGNATURE = "PK\x03\x04";

/** One member of an archive. */
export interface Member {
  name: string;
  dir: boolean;
  text: string;
  mtimeMs: number;
}

function pack(members: Member[]): string {
  return members
    .map((m) => `${SIGNATURE}${m.name}\x00${m.dir ? "d" : "f"}${m.mtimeMs}\x00${m.text.length}\x00${m.text}`)
    .join("");
}

/** The members of an archive as this simulation stores it, or undefined when it is not one. */
export function unpack(data: string): Member[] | undefined {
  const out: Member[] = [];
  let i = 0;
  while (i < data.length) {
    if (!data.startsWith(SIGNATURE, i)) return undefined;
    i += SIGNATURE.length;
    const nameEnd = data.indexOf("\x00", i);
    const metaEnd = data.indexOf("\x00", nameEnd + 1);
    const lenEnd = data.indexOf("\x00", metaEnd + 1);
    if (nameEnd < 0 || metaEnd < 0 || lenEnd < 0) return undefined;
    const meta = data.slice(nameEnd + 1, metaEnd);
    const len = Number(data.slice(metaEnd + 1, lenEnd));
    out.push({
      name: data.slice(i, nameEnd),
      dir: meta[0] === "d",
      mtimeMs: Number(meta.slice(1)),
      text: data.slice(lenEnd + 1, lenEnd + 1 + len),
    });
    i = lenEnd + 1 + len;
  }
  return out;
}

/** `zip [-r] [-q] ARCHIVE FILE...`. */
export const zip: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "rqj9");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const [archive, ...names] = p.operands;
  if (archive === undefined) {
    ctx.stderr.write("\nzip error: Invalid command arguments (nothing to select from)\n");
    return 16;
  }
  const target = abs(ctx, archive.includes(".") ? archive : `${archive}.zip`);
  const existing = ctx.fs.isFile(target) ? (unpack(ctx.fs.read(target)) ?? []) : [];
  const members = new Map(existing.map((m) => [m.name, m]));
  let out = "";
  const add = (name: string) => {
    const path = abs(ctx, name);
    const info = statOf(ctx.fs, path);
    if (!info) {
      ctx.stderr.write(`\tzip warning: name not matched: ${name}\n`);
      return;
    }
    if (info.type === "dir") {
      const dirName = `${name.replace(/\/+$/, "")}/`;
      members.set(dirName, { name: dirName, dir: true, text: "", mtimeMs: info.mtimeMs });
      out += `  adding: ${dirName} (stored 0%)\n`;
      if (has(p, "r"))
        for (const child of ctx.fs.list(path))
          if (!isLink(ctx.fs, `${path === "/" ? "" : path}/${child}`)) add(`${dirName}${child}`);
      return;
    }
    const member = has(p, "j") ? name.slice(name.lastIndexOf("/") + 1) : name.replace(/^\/+/, "");
    members.set(member, { name: member, dir: false, text: ctx.fs.read(path), mtimeMs: info.mtimeMs });
    out += `${existing.some((m) => m.name === member) ? "updating" : "  adding"}: ${member} (stored 0%)\n`;
  };
  for (const n of names) add(n);
  if (!out) {
    ctx.stderr.write(`\nzip error: Nothing to do! (${archive})\n`);
    return 12;
  }
  ctx.fs.write(target, pack([...members.values()]));
  if (!has(p, "q")) ctx.stdout.write(out);
  return 0;
};

const p2 = (n: number) => String(n).padStart(2, "0");
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
};

/** `unzip [-l] [-o] [-q] [-d DIR] ARCHIVE`. */
export const unzip: Applet = (flavour) => (ctx: CommandContext) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "lod:qn");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const archive = p.operands[0];
  if (archive === undefined) {
    ctx.stdout.write(
      "UnZip 6.00 of 20 April 2009, by Debian. Original by Info-ZIP.\n\nUsage: unzip [-Z] [-opts[modifiers]] file[.zip] [list] [-x xlist] [-d exdir]\n",
    );
    return 0;
  }
  const path = [abs(ctx, archive), abs(ctx, `${archive}.zip`)].find((x) => ctx.fs.isFile(x));
  if (!path) {
    ctx.stderr.write(`unzip:  cannot find or open ${archive}, ${archive}.zip or ${archive}.ZIP.\n`);
    return 9;
  }
  const members = unpack(ctx.fs.read(path));
  if (!members) {
    ctx.stderr.write(
      `Archive:  ${archive}\n  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.  In the\n  latter case the central directory and zipfile comment will be found on\n  the last disk(s) of this archive.\nunzip:  cannot find zipfile directory in one of ${archive} or\n        ${archive}.zip, and cannot find ${archive}.ZIP, period.\n`,
    );
    return 9;
  }
  let out = `Archive:  ${archive}\n`;
  if (has(p, "l")) {
    out += "  Length      Date    Time    Name\n---------  ---------- -----   ----\n";
    let total = 0;
    for (const m of members) {
      const size = byteLength(m.text);
      total += size;
      out += `${String(size).padStart(9)}  ${stamp(m.mtimeMs)}   ${m.name}\n`;
    }
    out += `---------                     -------\n${String(total).padStart(9)}                     ${members.length} file${members.length === 1 ? "" : "s"}\n`;
    ctx.stdout.write(out);
    return 0;
  }
  const dir = last(p, "d");
  const base = abs(ctx, dir ?? ".");
  if (dir !== undefined && !ctx.fs.isDir(base)) {
    ctx.fs.mkdir(base, true);
    out += `   creating: ${dir}/\n`;
  }
  for (const m of members) {
    const target = `${base.replace(/\/$/, "")}/${m.name.replace(/\/$/, "")}`;
    const shown = dir === undefined ? m.name : `${dir.replace(/\/$/, "")}/${m.name}`;
    if (m.dir) {
      if (!ctx.fs.isDir(target)) ctx.fs.mkdir(target, true);
      out += `   creating: ${shown}\n`;
      continue;
    }
    if (ctx.fs.exists(target) && !has(p, "o")) {
      if (has(p, "n")) continue;
      out += `replace ${shown}? [y]es, [n]o, [A]ll, [N]one, [r]ename:  NULL\n(EOF or read error, treating as "[N]one" ...)\n`;
      break;
    }
    const parent = target.slice(0, target.lastIndexOf("/")) || "/";
    if (!ctx.fs.isDir(parent)) ctx.fs.mkdir(parent, true);
    ctx.fs.write(target, m.text);
    out += ` extracting: ${shown.padEnd(23)}\n`;
  }
  if (!has(p, "q")) ctx.stdout.write(out);
  return 0;
};
