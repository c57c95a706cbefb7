/**
 * sort and uniq: coreutils src/sort.c (keys -k F[.C][,F[.C]][flags], -t, -n, -h, -g, -V, -r, -u,
 * -f, -b, -s, -o, a last-resort whole-line comparison) and src/uniq.c (-c as `%7d `, -d, -u, -i).
 */
import type { Proc } from "../interface";
import {
  type Applet,
  abs,
  complain,
  getopt,
  has,
  last,
  type Parsed,
  readInput,
  splitLines,
  usage,
  writeFile,
} from "./common";
import { eachLine, streaming, whole } from "./stream";

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  flags: string;
}

/** Parses `-k 2,3n` into a key; a string is an error text. */
function parseKey(spec: string): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfghinMRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMRrV]*))?$/.exec(spec);
  if (!m || m[1] === "0") return `invalid number at field start: invalid count at start of '${spec}'`;
  return {
    startField: Number(m[1]),
    startChar: Number(m[2] ?? 1),
    endField: m[4] ? Number(m[4]) : Number.POSITIVE_INFINITY,
    endChar: m[5] ? Number(m[5]) : 0,
    flags: (m[3] ?? "") + (m[6] ?? ""),
  };
}

/** The text of a key in a line: fields split by -t or by blank-to-nonblank transitions. */
function keyText(line: string, key: Key, sep: string | undefined): string {
  const starts: number[] = [];
  const ends: number[] = [];
  if (sep !== undefined) {
    let pos = 0;
    for (const f of line.split(sep)) {
      starts.push(pos);
      ends.push(pos + f.length);
      pos += f.length + 1;
    }
  } else {
    const re = /\s*\S+|\s+$/g;
    for (const m of line.matchAll(re)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
    if (!starts.length) {
      starts.push(0);
      ends.push(line.length);
    }
  }
  const fStart = starts[key.startField - 1];
  if (fStart === undefined) return "";
  let from = fStart + key.startChar - 1;
  if (key.flags.includes("b")) while (/\s/.test(line[from] ?? "")) from++;
  let to = line.length;
  if (Number.isFinite(key.endField)) {
    const s = starts[key.endField - 1];
    const e = ends[key.endField - 1];
    if (s !== undefined && e !== undefined) to = key.endChar ? Math.min(e, s + key.endChar) : e;
  }
  return line.slice(from, Math.max(from, to));
}

const SUFFIX = "KMGTPEZY";

/** -h: a number with an SI suffix. */
function human(s: string): number {
  const m = /^\s*([-+]?\d*\.?\d+)([KMGTPEZY]?)/i.exec(s);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** (m[2] ? SUFFIX.indexOf(m[2].toUpperCase()) + 1 : 0);
}

/** Compares two key texts under sort flags. */
function compareBy(a: string, b: string, flags: string): number {
  if (flags.includes("n") || flags.includes("g")) {
    const x = Number.parseFloat(a.trim()) || 0;
    const y = Number.parseFloat(b.trim()) || 0;
    return x - y;
  }
  if (flags.includes("h")) return human(a) - human(b);
  if (flags.includes("V")) return a.localeCompare(b, "en", { numeric: true });
  let x = a;
  let y = b;
  if (flags.includes("b")) {
    x = x.trimStart();
    y = y.trimStart();
  }
  if (flags.includes("f")) {
    x = x.toUpperCase();
    y = y.toUpperCase();
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `sort [-nrhugVfbsc] [-k KEY]... [-t SEP] [-o FILE] [FILE]...`. */
export const sort: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "nrhugVfbsck:t:o:zM", {
      "numeric-sort": "n",
      reverse: "r",
      "human-numeric-sort": "h",
      unique: "u",
      "general-numeric-sort": "g",
      "version-sort": "V",
      "ignore-case": "f",
      "ignore-leading-blanks": "b",
      stable: "s",
      "key=": "k",
      "field-separator=": "t",
      "output=": "o",
    });
  } catch (e) {
    return usage(ctx, flavour, e, flavour === "gnu" ? 2 : 1);
  }
  const keys: Key[] = [];
  for (const k of p.opts.get("k") ?? []) {
    const key = parseKey(k);
    if (typeof key === "string") {
      complain(ctx, key);
      return flavour === "gnu" ? 2 : 1;
    }
    keys.push(key);
  }
  const sep = last(p, "t");
  if (sep !== undefined && sep.length !== 1) {
    complain(ctx, flavour === "gnu" ? `multi-character tab '${sep}'` : "bad -t parameter");
    return flavour === "gnu" ? 2 : 1;
  }
  const global = ["n", "h", "g", "V", "f", "b", "r"].filter((f) => has(p, f)).join("");
  let lines: string[] = [];
  let status = 0;
  for (const f of p.operands.length ? p.operands : ["-"]) {
    if (flavour === "gnu" && f !== "-") {
      // coreutils check_inputs / sort_die: `cannot read` before sorting, `read failed` after.
      const path = abs(ctx, f);
      if (!ctx.fs.exists(path)) {
        complain(ctx, `cannot read: ${f}: No such file or directory`);
        return 2;
      }
      if (ctx.fs.isDir(path)) {
        complain(ctx, `read failed: ${f}: Is a directory`);
        return 2;
      }
    }
    const text = readInput(ctx, f, flavour);
    if (text === undefined) {
      status = 2;
      continue;
    }
    // One push at a time: spreading 300,000 lines into push() overflows the stack.
    for (const line of splitLines(text)) lines.push(line);
  }
  if (status) return flavour === "gnu" ? 2 : 1;
  const cmp = (a: string, b: string): number => {
    for (const key of keys) {
      const flags = key.flags.replace(/[bdfghinMRrV]/g, "") === key.flags ? global : key.flags;
      const c = compareBy(keyText(a, key, sep), keyText(b, key, sep), flags);
      if (c) return flags.includes("r") ? -c : c;
    }
    if (!keys.length) {
      const c = compareBy(a, b, global);
      if (c) return global.includes("r") ? -c : c;
    }
    if (has(p, "s") || has(p, "u")) return 0;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return global.includes("r") ? -c : c;
  };
  lines = lines
    .map((l, i) => [l, i] as const)
    .sort((x, y) => cmp(x[0], y[0]) || x[1] - y[1])
    .map((x) => x[0]);
  if (has(p, "u")) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1] as string, l) !== 0);
  const text = lines.map((l) => `${l}\n`).join("");
  const out = last(p, "o");
  if (out !== undefined) writeFile(ctx, out, text);
  else ctx.stdout.write(text);
  return 0;
};

/** `uniq [-cdui] [-f N] [-s N] [INPUT [OUTPUT]]`. A pipe's groups print as each one ends. */
export const uniq: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "cduif:s:w:", {
        count: "c",
        repeated: "d",
        unique: "u",
        "ignore-case": "i",
        "skip-fields=": "f",
        "skip-chars=": "s",
        "check-chars=": "w",
      });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    const skipF = Number(last(p, "f") ?? 0);
    const skipC = Number(last(p, "s") ?? 0);
    const width = last(p, "w");
    const norm = (l: string) => {
      let s = l;
      for (let i = 0; i < skipF; i++) s = s.replace(/^\s*\S+/, "");
      s = s.slice(skipC);
      if (width !== undefined) s = s.slice(0, Number(width));
      return has(p, "i") ? s.toLowerCase() : s;
    };
    // The group being counted; a line that differs ends it.
    let group: { line: string; key: string; n: number } | undefined;
    const show = (g: typeof group): string =>
      g && (!has(p, "d") || g.n > 1) && (!has(p, "u") || g.n === 1)
        ? `${has(p, "c") ? `${String(g.n).padStart(7)} ` : ""}${g.line}\n`
        : "";
    const push = (line: string): string => {
      const key = norm(line);
      if (group && group.key === key) {
        group.n++;
        return "";
      }
      const ended = show(group);
      group = { line, key, n: 1 };
      return ended;
    };
    const input = p.operands[0] ?? "-";
    const pipe = ctx.stdinPipe;
    if (pipe && input === "-" && !p.operands[1])
      return (function* (): Proc {
        yield* eachLine(pipe, (text) => {
          ctx.stdout.write(push(text.endsWith("\n") ? text.slice(0, -1) : text));
          return true;
        });
        ctx.stdout.write(show(group));
        return 0;
      })();
    return whole(
      ctx,
      () => {
        const text = readInput(ctx, input, flavour);
        if (text === undefined) return 1;
        let out = "";
        for (const line of splitLines(text)) out += push(line);
        out += show(group);
        if (p.operands[1]) ctx.fs.write(abs(ctx, p.operands[1]), out);
        else ctx.stdout.write(out);
        return 0;
      },
      input === "-",
    );
  });
