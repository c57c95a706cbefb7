/**
 * busybox 1.36's unzip (archival/unzip.c) over this simulation's archives (zip.ts): `Archive:
 * NAME`, `  inflating: NAME` and `   creating: DIR/` as it extracts, the -l table with
 * `mm-dd-yyyy hh:mm` dates and `N files`, `can't open NAME[.zip]`, and an existing file it may
 * not ask about (kubectl exec has no terminal): `can't read standard input`.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, abs, byteLength, complain, getopt, has, last, type Parsed, usage } from "./common";
import { unpack } from "./zip";

const p2 = (n: number) => String(n).padStart(2, "0");

/** The -l table's date: the member's DOS time as `mm-dd-yyyy hh:mm`. */
function dosDate(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}-${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** `unzip [-lnojpq] FILE[.zip] [FILE]... [-x FILE]... [-d DIR]`. */
export const bbUnzip: Applet = () => (ctx: CommandContext) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "d:lnopqxjvK");
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  const archive = p.operands[0];
  if (archive === undefined) {
    ctx.stderr.write(busyboxUsage("unzip"));
    return 1;
  }
  // The name as given, then with .zip, then .ZIP: the first that opens.
  const shownName = [archive, `${archive}.zip`, `${archive}.ZIP`].find((n) => ctx.fs.isFile(abs(ctx, n)));
  if (shownName === undefined) {
    complain(ctx, `can't open ${archive}[.zip]`);
    return 1;
  }
  const data = ctx.fs.read(abs(ctx, shownName));
  const members = unpack(data);
  const quiet = has(p, "q");
  let out = quiet ? "" : `Archive:  ${shownName}\n`;
  if (!members) {
    const bytes = [...data.slice(0, 4).padEnd(4, "\0")].map((c) => c.charCodeAt(0) & 0xff);
    const magic = (
      (bytes[3] as number) * 2 ** 24 +
      ((bytes[2] as number) << 16) +
      ((bytes[1] as number) << 8) +
      (bytes[0] as number)
    )
      .toString(16)
      .toUpperCase()
      .padStart(8, "0");
    ctx.stdout.write(out);
    complain(ctx, `invalid zip magic ${magic}`);
    return 1;
  }
  const wanted = p.operands.slice(1);
  const chosen = members.filter((m) => !wanted.length || wanted.includes(m.name));
  if (has(p, "l")) {
    if (!quiet) out += "  Length      Date    Time    Name\n---------  ---------- -----   ----\n";
    let total = 0;
    for (const m of chosen) {
      const size = byteLength(m.text);
      total += size;
      out += `${String(size).padStart(9)}  ${dosDate(m.mtimeMs)}   ${m.name}\n`;
    }
    if (!quiet)
      out += ` --------${"".padStart(21)}-------\n${String(total).padStart(9)}${"".padStart(21)}${chosen.length} files\n`;
    ctx.stdout.write(out);
    return 0;
  }
  if (has(p, "p")) {
    ctx.stdout.write(
      chosen
        .filter((m) => !m.dir)
        .map((m) => m.text)
        .join(""),
    );
    return 0;
  }
  const dir = last(p, "d");
  const base = abs(ctx, dir ?? ".");
  // -d DIR: mkdir (errors do not matter), then chdir, which must work.
  if (dir !== undefined && !ctx.fs.isDir(base)) {
    try {
      ctx.fs.mkdir(base);
    } catch {
      // xchdir reports it below.
    }
    if (!ctx.fs.isDir(base)) {
      ctx.stdout.write(out);
      complain(ctx, `can't change directory to '${dir}': No such file or directory`);
      return 1;
    }
  }
  for (const m of chosen) {
    const name = has(p, "j") ? m.name.slice(m.name.replace(/\/$/, "").lastIndexOf("/") + 1) : m.name;
    if (!name || (has(p, "j") && m.dir)) continue;
    const target = `${base === "/" ? "" : base}/${name.replace(/\/$/, "")}`;
    if (m.dir) {
      if (ctx.fs.exists(target)) continue;
      if (!quiet) out += `   creating: ${name}\n`;
      ctx.fs.mkdir(target, true);
      continue;
    }
    if (ctx.fs.exists(target)) {
      if (has(p, "n")) continue;
      if (!has(p, "o")) {
        out += `replace ${name}? [y]es, [n]o, [A]ll, [N]one, [r]ename: `;
        ctx.stdout.write(out);
        complain(ctx, "can't read standard input");
        return 1;
      }
    }
    const parent = target.slice(0, target.lastIndexOf("/")) || "/";
    if (!ctx.fs.isDir(parent)) ctx.fs.mkdir(parent, true);
    if (!quiet) out += `  inflating: ${name}\n`;
    ctx.fs.write(target, m.text);
  }
  ctx.stdout.write(out);
  return 0;
};
