/**
 * ls: coreutils src/ls.c and busybox coreutils/ls.c: one name per line when stdout is not a
 * terminal (`kubectl exec` without -t), columns on a terminal or with -C/-x. -l shows owners
 * and groups by name from /etc/passwd and /etc/group, and 1 (files) or 2 + subdirectories
 * (directories) links.
 */
import type { CommandContext, FileInfo } from "../interface";
import { type Applet, abs, complain, type Flavour, getopt, has, type Parsed, usage } from "./common";
import { humanSize, lsDate, modeString, statOf } from "./fileinfo";

interface Entry {
  name: string;
  path: string;
  info: FileInfo;
}

/** `ls [-1alAdhRrtS] [FILE]...`. */
export const ls: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "1alnAdhRrtSFpCx", {
      "numeric-uid-gid": "n",
      all: "a",
      "almost-all": "A",
      directory: "d",
      "human-readable": "h",
      recursive: "R",
      reverse: "r",
      "color=": "color",
      color: "color",
    });
  } catch (e) {
    return usage(ctx, flavour, e, flavour === "gnu" ? 2 : 1);
  }
  const targets = p.operands.length ? p.operands : ["."];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const t of targets) {
    const path = abs(ctx, t);
    const info = statOf(ctx.fs, path);
    if (!info) {
      complain(
        ctx,
        flavour === "gnu"
          ? `cannot access '${t}': No such file or directory`
          : `${t}: No such file or directory`,
      );
      status = flavour === "gnu" ? 2 : 1;
      continue;
    }
    (info.type === "dir" && !has(p, "d") ? dirs : files).push({ name: t, path, info });
  }
  const chunks: string[] = [];
  if (files.length) chunks.push(format(ctx, p, flavour, sortEntries(p, files), false));
  const showHeaders = dirs.length + files.length > 1 || status !== 0 || has(p, "R");
  const queue = sortEntries(p, dirs);
  while (queue.length) {
    const d = queue.shift() as Entry;
    const entries = listDir(ctx, p, d);
    const body = format(ctx, p, flavour, entries, true);
    chunks.push(`${showHeaders ? `${d.name}:\n` : ""}${body}`);
    if (has(p, "R"))
      queue.unshift(
        ...entries
          .filter(
            (e) => e.info.type === "dir" && e.info.link === undefined && e.name !== "." && e.name !== "..",
          )
          .map((e) => ({ ...e, name: `${d.name.replace(/\/$/, "")}/${e.name}` })),
      );
  }
  ctx.stdout.write(chunks.join("\n"));
  return status;
};

/** The width ls assumes for a terminal whose size it is not told (kubectl's default TTY). */
const TERMINAL_WIDTH = 80;
/** coreutils ls.c: MIN_COLUMN_WIDTH (a name and two spaces) and the tab stops it aligns with. */
const MIN_COLUMN_WIDTH = 3;
const TAB_SIZE = 8;

/**
 * coreutils ls.c calculate_columns and print_many_per_line (print_horizontal for -x): as many
 * columns as fit the line, each as wide as its longest name plus two, aligned with tabs.
 */
function gnuColumns(names: string[], lineLength: number, across: boolean): string {
  const n = names.length;
  const maxIdx = Math.max(1, Math.floor(lineLength / MIN_COLUMN_WIDTH));
  const maxCols = Math.min(maxIdx, n);
  const info = Array.from({ length: maxCols }, (_, i) => ({
    valid: true,
    lineLen: (i + 1) * MIN_COLUMN_WIDTH,
    cols: new Array<number>(i + 1).fill(MIN_COLUMN_WIDTH),
  }));
  names.forEach((name, filesno) => {
    for (let i = 0; i < maxCols; i++) {
      const ci = info[i] as (typeof info)[number];
      if (!ci.valid) continue;
      const idx = across ? filesno % (i + 1) : Math.floor(filesno / Math.floor((n + i) / (i + 1)));
      const real = name.length + (idx === i ? 0 : 2);
      if ((ci.cols[idx] as number) < real) {
        ci.lineLen += real - (ci.cols[idx] as number);
        ci.cols[idx] = real;
        ci.valid = ci.lineLen < lineLength;
      }
    }
  });
  let cols = maxCols;
  while (cols > 1 && !(info[cols - 1] as (typeof info)[number]).valid) cols--;
  const widths = (info[cols - 1] as (typeof info)[number]).cols;
  const indent = (from: number, to: number) => {
    let out = "";
    while (from < to) {
      if (Math.floor(to / TAB_SIZE) > Math.floor((from + 1) / TAB_SIZE)) {
        out += "\t";
        from += TAB_SIZE - (from % TAB_SIZE);
      } else {
        out += " ";
        from++;
      }
    }
    return out;
  };
  let out = "";
  if (across) {
    let pos = 0;
    names.forEach((name, i) => {
      const col = i % cols;
      if (i > 0 && col === 0) {
        out += "\n";
        pos = 0;
      } else if (i > 0) {
        const prev = names[i - 1] as string;
        const w = widths[(i - 1) % cols] as number;
        out += indent(pos + prev.length, pos + w);
        pos += w;
      }
      out += name;
    });
    return `${out}\n`;
  }
  const rows = Math.ceil(n / cols);
  for (let row = 0; row < rows; row++) {
    let pos = 0;
    for (let col = 0, i = row; ; col++) {
      const name = names[i] as string;
      out += name;
      i += rows;
      if (i >= n) break;
      const w = widths[col] as number;
      out += indent(pos + name.length, pos + w);
      pos += w;
    }
    out += "\n";
  }
  return out;
}

/** What busybox ls prints after a coloured name. */
const COLOR_RESET = "\x1b[m";

/**
 * Whether busybox ls colours its names (ls_main, FEATURE_LS_COLOR_IS_DEFAULT as the busybox
 * image builds it): on a terminal unless LS_COLORS is set empty or to "none"; --color=always
 * (or plain --color) always, --color=never never, --color=auto on a terminal.
 */
function busyboxShowsColor(ctx: CommandContext, p: Parsed): boolean {
  const lsColors = ctx.env.LS_COLORS;
  let show =
    Boolean(ctx.stdout.terminal) && (lsColors === undefined || (lsColors !== "" && lsColors !== "none"));
  const opt = p.opts.get("color");
  if (opt) {
    const v = opt[opt.length - 1] ?? "";
    if (v.startsWith("n")) show = false;
    else if (v !== "" && ["auto", "tty", "if-tty"].some((w) => w.startsWith(v)))
      show = Boolean(ctx.stdout.terminal);
    else show = true;
  }
  return show;
}

/**
 * busybox ls.c's colour for a mode (`ESC[bold;colourm`): ATTR and COLOR by file type, an
 * executable file bold green (fgcolor, bold).
 */
function busyboxColor(info: FileInfo): string {
  if (info.link !== undefined) return "\x1b[1;36m";
  if (info.type === "dir") return "\x1b[1;34m";
  if (info.mode & 0o111) return "\x1b[1;32m";
  return "\x1b[0;0m";
}

/**
 * busybox ls.c display_files: one column width (the longest name plus two), spaces. shown gives
 * what is printed for a name (its colours), which takes no columns.
 */
function busyboxColumns(
  names: string[],
  width: number,
  across: boolean,
  shown: (i: number) => string = (i) => names[i] as string,
): string {
  const columnWidth = Math.max(...names.map((s) => s.length)) + 2;
  let ncols = Math.floor(width / columnWidth);
  let nrows: number;
  if (ncols > 1) nrows = Math.ceil(names.length / ncols);
  else {
    nrows = names.length;
    ncols = 1;
  }
  let out = "";
  for (let row = 0; row < nrows; row++) {
    let column = 0;
    let nexttab = 0;
    for (let nc = 0; nc < ncols; nc++) {
      const i = across ? row * ncols + nc : nc * nrows + row;
      if (i >= names.length) continue;
      if (column > 0) {
        out += " ".repeat(nexttab - column);
        column = nexttab;
      }
      nexttab = column + columnWidth;
      out += shown(i);
      column += (names[i] as string).length;
    }
    out += "\n";
  }
  return out;
}

/** A directory's entries, with dot files only for -a/-A. */
function listDir(ctx: CommandContext, p: Parsed, d: Entry): Entry[] {
  const names = ctx.fs.list(d.path).filter((n) => has(p, "a") || has(p, "A") || !n.startsWith("."));
  const entries = names.map((name) => {
    const path = d.path === "/" ? `/${name}` : `${d.path}/${name}`;
    return { name, path, info: statOf(ctx.fs, path) as FileInfo };
  });
  const sorted = sortEntries(p, entries);
  if (!has(p, "a")) return sorted;
  const parent = d.path === "/" ? "/" : d.path.slice(0, d.path.lastIndexOf("/")) || "/";
  return [
    { name: ".", path: d.path, info: d.info },
    { name: "..", path: parent, info: statOf(ctx.fs, parent) as FileInfo },
    ...sorted,
  ];
}

/** Orders by name (C locale), or by -t time, -S size, reversed by -r. */
function sortEntries(p: Parsed, entries: Entry[]): Entry[] {
  const out = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (has(p, "t")) out.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs);
  if (has(p, "S")) out.sort((a, b) => b.info.size - a.info.size);
  if (has(p, "r")) out.reverse();
  return out;
}

/** The 1K blocks a file occupies on a 4K-block file system. */
const blocks = (i: FileInfo) =>
  i.link !== undefined ? 0 : i.type === "dir" ? 4 : Math.ceil(i.size / 4096) * 4;

/** Whether path is a directory and no link to one (a link adds no `..` to its parent's link count). */
function isRealDir(ctx: CommandContext, path: string): boolean {
  const info = ctx.fs.stat?.(path);
  return info ? info.type === "dir" && info.link === undefined : ctx.fs.isDir(path);
}

/** Names by id from an account file (/etc/passwd, /etc/group); root's 0 is always "root". */
function accountNames(ctx: CommandContext, file: string): Map<number, string> {
  const names = new Map<number, string>([[0, "root"]]);
  let text = "";
  try {
    text = ctx.fs.isFile(file) ? ctx.fs.read(file) : "";
  } catch {
    text = "";
  }
  for (const line of text.split("\n")) {
    const [name, , id] = line.split(":");
    if (name && id && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}

/** One listing: names, or -l lines with a `total` line for directories. */
function format(ctx: CommandContext, p: Parsed, flavour: Flavour, entries: Entry[], isDir: boolean): string {
  const suffix = (e: Entry) =>
    has(p, "F") && e.info.link !== undefined
      ? "@"
      : (has(p, "F") || has(p, "p")) && e.info.type === "dir"
        ? "/"
        : has(p, "F") && e.info.mode & 0o111 && e.info.type === "file"
          ? "*"
          : "";
  // ls -l shows where a link points (`self -> 7`).
  const target = (e: Entry) => (e.info.link !== undefined ? ` -> ${e.info.link}` : suffix(e));
  const color = flavour === "busybox" && busyboxShowsColor(ctx, p);
  const paint = (e: Entry, text: string) => (color ? `${busyboxColor(e.info)}${text}${COLOR_RESET}` : text);
  // -n is -l with the owner and group as numbers.
  if (!has(p, "l") && !has(p, "n")) {
    const names = entries.map((e) => `${e.name}${suffix(e)}`);
    const shown = (i: number) => {
      const e = entries[i] as Entry;
      return `${paint(e, e.name)}${suffix(e)}`;
    };
    // On a terminal (an `exec -it` session) ls lists in columns, as with -C or -x.
    const columnar = (ctx.stdout.terminal && !has(p, "1")) || has(p, "C") || has(p, "x");
    if (!columnar || names.length === 0) return names.map((_, i) => `${shown(i)}\n`).join("");
    const width = Number(ctx.env.COLUMNS) > 0 ? Number(ctx.env.COLUMNS) : TERMINAL_WIDTH;
    // busybox takes one column less than the terminal has (ls_main: G_terminal_width--).
    return flavour === "busybox"
      ? busyboxColumns(names, width - 1, has(p, "x"), shown)
      : gnuColumns(names, width, has(p, "x"));
  }
  const now = ctx.sys.now();
  const links = (e: Entry) =>
    e.info.type === "dir" && e.info.link === undefined
      ? 2 + ctx.fs.list(e.path).filter((n) => isRealDir(ctx, `${e.path === "/" ? "" : e.path}/${n}`)).length
      : 1;
  const size = (e: Entry) => (has(p, "h") ? humanSize(e.info.size) : String(e.info.size));
  const users = accountNames(ctx, "/etc/passwd");
  const groups = accountNames(ctx, "/etc/group");
  const rows = entries.map((e) => ({
    e,
    links: String(links(e)),
    size: size(e),
    user: has(p, "n") ? undefined : users.get(e.info.uid ?? 0),
    group: has(p, "n") ? undefined : groups.get(e.info.gid ?? 0),
    uid: String(e.info.uid ?? 0),
    gid: String(e.info.gid ?? 0),
  }));
  const lw = Math.max(0, ...rows.map((r) => r.links.length));
  const sw = Math.max(0, ...rows.map((r) => r.size.length));
  // coreutils: a name left-aligned, an id with no name right-aligned, each in its column's width.
  const uw = Math.max(0, ...rows.map((r) => (r.user ?? r.uid).length));
  const gw = Math.max(0, ...rows.map((r) => (r.group ?? r.gid).length));
  const column = (name: string | undefined, id: string, w: number) =>
    name ? name.padEnd(w) : id.padStart(w);
  const lines = rows.map(({ e, links: l, size: s, user, group, uid, gid }) => {
    const date = lsDate(e.info.mtimeMs || now, now);
    if (flavour === "busybox") {
      // display_single: the link in its colour, its target in the colour of what it points to.
      const name = paint(e, e.name);
      const to =
        e.info.link !== undefined && color
          ? ` -> ${busyboxColor({ ...e.info, link: undefined })}${e.info.link}${COLOR_RESET}`
          : target(e);
      return `${modeString(e.info).padEnd(10)} ${l.padStart(4)} ${(user ?? uid).slice(0, 8).padEnd(8)} ${(group ?? gid).slice(0, 8).padEnd(8)} ${s.padStart(has(p, "h") ? 7 : 9)} ${date} ${name}${to}\n`;
    }
    return `${modeString(e.info)} ${l.padStart(lw)} ${column(user, uid, uw)} ${column(group, gid, gw)} ${s.padStart(sw)} ${date} ${e.name}${target(e)}\n`;
  });
  const total = entries.reduce((n, e) => n + blocks(e.info), 0);
  // busybox pads a human-readable total to HUMAN_READABLE_MAX_WIDTH (7), left-aligned.
  const totalText = has(p, "h") ? humanSize(total * 1024) : String(total);
  const shownTotal = flavour === "busybox" && has(p, "h") ? totalText.padEnd(7) : totalText;
  return `${isDir ? `total ${shownTotal}\n` : ""}${lines.join("")}`;
}
