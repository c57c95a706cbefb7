/**
 * GNU diffutils 3.8 `diff`: the normal format (`2c2`, `< old`, `---`, `> new`), unified (`-u`,
 * `-U N`: `--- a\tTIME` headers and `@@ -1,3 +1,3 @@` hunks with three lines of context), `-q`,
 * `-s`, `-i`, `-w`, `-b`, and directories (`Only in`, `Common subdirectories`, `-r`). Exit 0
 * when the inputs are the same, 1 when they differ, 2 on trouble. The edit script is a longest
 * common subsequence taking deletions before insertions, as GNU diff orders a change.
 */
import type { CommandContext } from "../interface";
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
  splitLines,
  usage,
} from "./common";
import { statOf } from "./fileinfo";

/** A run of lines of a that b replaces: [aStart, aEnd) and [bStart, bEnd), 0-based. */
interface Change {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** The changes turning a into b (compared through key). */
export function changes(a: string[], b: string[], key: (s: string) => string = (s) => s): Change[] {
  const ka = a.map(key);
  const kb = b.map(key);
  // Common prefix and suffix first: most edits are small.
  let pre = 0;
  while (pre < ka.length && pre < kb.length && ka[pre] === kb[pre]) pre++;
  let suf = 0;
  while (
    suf < ka.length - pre &&
    suf < kb.length - pre &&
    ka[ka.length - 1 - suf] === kb[kb.length - 1 - suf]
  )
    suf++;
  const x = ka.slice(pre, ka.length - suf);
  const y = kb.slice(pre, kb.length - suf);
  const n = x.length;
  const m = y.length;
  const ops: ("=" | "-" | "+")[] = [];
  if (n * m > 25_000_000) {
    for (let i = 0; i < n; i++) ops.push("-");
    for (let j = 0; j < m; j++) ops.push("+");
  } else {
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] =
          x[i] === y[j]
            ? (lcs[(i + 1) * w + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) {
        ops.push("=");
        i++;
        j++;
      } else if (j >= m || (i < n && (lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number))) {
        ops.push("-");
        i++;
      } else {
        ops.push("+");
        j++;
      }
    }
  }
  const out: Change[] = [];
  let i = pre;
  let j = pre;
  let cur: Change | undefined;
  for (const op of ops) {
    if (op === "=") {
      if (cur) out.push(cur);
      cur = undefined;
      i++;
      j++;
      continue;
    }
    cur ??= { a0: i, a1: i, b0: j, b1: j };
    if (op === "-") cur.a1 = ++i;
    else cur.b1 = ++j;
  }
  if (cur) out.push(cur);
  return out;
}

/** `N` or `N,M` (1-based) for a range of lines. */
const range = (s: number, e: number) => (e - s === 1 ? `${s + 1}` : `${s + 1},${e}`);

/** The normal format (diff.c's print_normal_script). */
export function normalFormat(a: string[], b: string[], cs: Change[], aEol: boolean, bEol: boolean): string {
  let out = "";
  const lines = (ls: string[], s: number, e: number, mark: string, eol: boolean) => {
    for (let k = s; k < e; k++) {
      out += `${mark} ${ls[k]}\n`;
      if (k === ls.length - 1 && !eol) out += "\\ No newline at end of file\n";
    }
  };
  for (const c of cs) {
    if (c.b0 === c.b1) out += `${range(c.a0, c.a1)}d${c.b0}\n`;
    else if (c.a0 === c.a1) out += `${c.a0}a${range(c.b0, c.b1)}\n`;
    else out += `${range(c.a0, c.a1)}c${range(c.b0, c.b1)}\n`;
    lines(a, c.a0, c.a1, "<", aEol);
    if (c.a0 !== c.a1 && c.b0 !== c.b1) out += "---\n";
    lines(b, c.b0, c.b1, ">", bEol);
  }
  return out;
}

/** `-s,l` of a unified hunk header: the count is left out when it is 1; an empty range starts before. */
const uRange = (s: number, e: number) =>
  e - s === 1 ? `${s + 1}` : e === s ? `${s},0` : `${s + 1},${e - s}`;

/** The unified format's hunks (diff.c's print_unidiff_script), context lines of each side. */
export function unifiedHunks(
  a: string[],
  b: string[],
  cs: Change[],
  context: number,
  aEol: boolean,
  bEol: boolean,
): string {
  let out = "";
  let k = 0;
  while (k < cs.length) {
    // A hunk takes the changes whose contexts touch.
    let end = k;
    while (end + 1 < cs.length && (cs[end + 1] as Change).a0 - (cs[end] as Change).a1 <= 2 * context) end++;
    const first = cs[k] as Change;
    const lastC = cs[end] as Change;
    const a0 = Math.max(0, first.a0 - context);
    const a1 = Math.min(a.length, lastC.a1 + context);
    const b0 = first.b0 - (first.a0 - a0);
    const b1 = lastC.b1 + (a1 - lastC.a1);
    out += `@@ -${uRange(a0, a1)} +${uRange(b0, b1)} @@\n`;
    const line = (mark: string, ls: string[], idx: number, eol: boolean) => {
      out += `${mark}${ls[idx]}\n`;
      if (idx === ls.length - 1 && !eol) out += "\\ No newline at end of file\n";
    };
    let ai = a0;
    for (let c = k; c <= end; c++) {
      const ch = cs[c] as Change;
      for (; ai < ch.a0; ai++) line(" ", a, ai, aEol);
      for (let x = ch.a0; x < ch.a1; x++) line("-", a, x, aEol);
      for (let y = ch.b0; y < ch.b1; y++) line("+", b, y, bEol);
      ai = ch.a1;
    }
    for (; ai < a1; ai++) line(" ", a, ai, aEol);
    k = end + 1;
  }
  return out;
}

/** A time as diff's headers show it: `2026-01-03 04:05:06.000000000 +0000`. */
function headerTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(ms % 1000).padStart(3, "0")}000000 +0000`;
}

/** What was asked. */
interface DiffOptions {
  /** The options as given, which a directory comparison echoes before each file (`diff -u -N`). */
  switches: string;
  /** -N: a file only one directory has is compared with an empty one. */
  newFile: boolean;
  unified?: number;
  brief: boolean;
  same: boolean;
  recursive: boolean;
  key: (s: string) => string;
  /** busybox 1.36 (editors/diff.c): unified only, `--- NAME` headers without times, -L labels. */
  busybox?: { labels: string[] };
}

/** `diff [OPTION]... FILE1 FILE2`. */
export const diff: Applet = (flavour) => (ctx) => {
  if (flavour === "busybox") return busyboxDiff(ctx);
  let p: Parsed;
  try {
    p = getopt(
      ctx.argv
        .slice(1)
        .filter((a) => !a.startsWith("--color"))
        .flatMap((a) => (a.startsWith("--unified=") ? ["-U", a.slice(10)] : [a])),
      "uU:qsiwbBrNac",
      {
        unified: "u",
        brief: "q",
        "report-identical-files": "s",
        "ignore-case": "i",
        "ignore-all-space": "w",
        "ignore-space-change": "b",
        "ignore-blank-lines": "B",
        recursive: "r",
        "new-file": "N",
        text: "a",
      },
    );
  } catch (e) {
    ctx.stderr.write(`diff: ${(e as Error).message}\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  }
  if (p.operands.length < 2) {
    ctx.stderr.write(
      `diff: ${p.operands.length ? `missing operand after '${p.operands[0]}'` : "missing operand"}\ndiff: Try 'diff --help' for more information.\n`,
    );
    return 2;
  }
  if (p.operands.length > 2) {
    ctx.stderr.write(
      `diff: extra operand '${p.operands[2]}'\ndiff: Try 'diff --help' for more information.\n`,
    );
    return 2;
  }
  const u = has(p, "U") ? Number(last(p, "U")) : has(p, "u") ? 3 : undefined;
  const operands = new Set(p.operands);
  const o: DiffOptions = {
    switches: ctx.argv
      .slice(1)
      .filter((a) => !operands.has(a))
      .map((a) => ` ${a}`)
      .join(""),
    newFile: has(p, "N"),
    unified: u,
    brief: has(p, "q"),
    same: has(p, "s"),
    recursive: has(p, "r"),
    key: (s) => {
      let k = s;
      if (has(p, "i")) k = k.toLowerCase();
      if (has(p, "w")) k = k.replace(/\s+/g, "");
      else if (has(p, "b")) k = k.replace(/\s+/g, " ").replace(/ $/, "");
      return k;
    },
  };
  let [x, y] = p.operands as [string, string];
  const isDir = (n: string) => n !== "-" && ctx.fs.isDir(abs(ctx, n));
  if (isDir(x) && isDir(y)) return diffDirs(ctx, x, y, o);
  if (isDir(x)) x = `${x.replace(/\/$/, "")}/${y.slice(y.lastIndexOf("/") + 1)}`;
  else if (isDir(y)) y = `${y.replace(/\/$/, "")}/${x.slice(x.lastIndexOf("/") + 1)}`;
  return diffFiles(ctx, x, y, o, false);
};

/** Reads an operand, reporting `diff: NAME: reason`. */
function readOperand(ctx: CommandContext, name: string): string | undefined {
  if (name === "-") return ctx.stdin;
  try {
    return ctx.fs.read(abs(ctx, name));
  } catch (e) {
    ctx.stderr.write(`diff: ${name}: ${fsReason(e)}\n`);
    return undefined;
  }
}

function diffFiles(
  ctx: CommandContext,
  x: string,
  y: string,
  o: DiffOptions,
  inDirs: boolean,
  absent?: string,
): number {
  const ta = absent === x ? "" : readOperand(ctx, x);
  const tb = absent === y ? "" : readOperand(ctx, y);
  if (ta === undefined || tb === undefined) return 2;
  const a = splitLines(ta);
  const b = splitLines(tb);
  const aEol = ta === "" || ta.endsWith("\n");
  const bEol = tb === "" || tb.endsWith("\n");
  const cs = changes(a, b, o.key);
  // A missing final newline is a difference of the last line, as diff compares bytes.
  if (!cs.length && aEol !== bEol && a.length && b.length)
    cs.push({ a0: a.length - 1, a1: a.length, b0: b.length - 1, b1: b.length });
  if (!cs.length) {
    if (o.same) ctx.stdout.write(`Files ${x} and ${y} are identical\n`);
    return 0;
  }
  if (o.brief) {
    ctx.stdout.write(`Files ${x} and ${y} differ\n`);
    return 1;
  }
  let out = inDirs && !o.busybox ? `diff${o.switches} ${x} ${y}\n` : "";
  if (o.busybox) {
    const [la, lb] = o.busybox.labels;
    out += `--- ${la ?? x}\n+++ ${lb ?? y}\n${unifiedHunks(a, b, cs, o.unified ?? 3, aEol, bEol)}`;
  } else if (o.unified !== undefined) {
    // A file -N stands in for is dated the epoch.
    const time = (n: string) =>
      headerTime(n === absent ? 0 : n === "-" ? ctx.sys.now() : (statOf(ctx.fs, abs(ctx, n))?.mtimeMs ?? 0));
    out += `--- ${x}\t${time(x)}\n+++ ${y}\t${time(y)}\n${unifiedHunks(a, b, cs, o.unified, aEol, bEol)}`;
  } else out += normalFormat(a, b, cs, aEol, bEol);
  ctx.stdout.write(out);
  return 1;
}

function diffDirs(ctx: CommandContext, x: string, y: string, o: DiffOptions): number {
  const join = (d: string, n: string) => `${d.replace(/\/$/, "")}/${n}`;
  const la = ctx.fs.list(abs(ctx, x));
  const lb = ctx.fs.list(abs(ctx, y));
  let status = 0;
  for (const n of [...new Set([...la, ...lb])].sort()) {
    const inA = la.includes(n);
    const inB = lb.includes(n);
    if ((!inA || !inB) && o.newFile && !ctx.fs.isDir(abs(ctx, join(inA ? x : y, n)))) {
      status = Math.max(status, diffFiles(ctx, join(x, n), join(y, n), o, true, join(inA ? y : x, n)));
      continue;
    }
    if (!inA || !inB) {
      ctx.stdout.write(`Only in ${inA ? x : y}: ${n}\n`);
      status = Math.max(status, 1);
      continue;
    }
    const pa = join(x, n);
    const pb = join(y, n);
    const da = ctx.fs.isDir(abs(ctx, pa));
    const db = ctx.fs.isDir(abs(ctx, pb));
    if (da && db) {
      if (o.recursive) status = Math.max(status, diffDirs(ctx, pa, pb, o));
      else ctx.stdout.write(`Common subdirectories: ${pa} and ${pb}\n`);
    } else if (da !== db) {
      ctx.stdout.write(`File ${da ? pa : pb} is a directory while file ${da ? pb : pa} is a regular file\n`);
      status = Math.max(status, 1);
    } else status = Math.max(status, diffFiles(ctx, pa, pb, o, true));
  }
  return status;
}

/**
 * busybox diff (editors/diff.c): `[-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2`,
 * always unified; an operand that does not exist is `can't stat 'NAME'`, status 2.
 */
function busyboxDiff(ctx: CommandContext): number {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "abdiL:NqrsS:tTU:wupBE", {
      "ignore-all-space": "w",
      "ignore-blank-lines": "B",
      "ignore-case": "i",
      "ignore-space-change": "b",
      "ignore-tab-expansion": "E",
      "label=": "L",
      "new-file": "N",
      "report-identical-files": "s",
      brief: "q",
      recursive: "r",
      text: "a",
      "unified=": "U",
    });
  } catch (e) {
    return usage(ctx, "busybox", e);
  }
  if (p.operands.length !== 2) {
    ctx.stderr.write(busyboxUsage("diff"));
    return 1;
  }
  const context = last(p, "U");
  if (context !== undefined && !/^\d+$/.test(context)) {
    complain(ctx, `invalid number '${context}'`);
    return 1;
  }
  const [x, y] = p.operands as [string, string];
  for (const n of [x, y]) {
    if (n !== "-" && !has(p, "N") && !ctx.fs.exists(abs(ctx, n))) {
      complain(ctx, `can't stat '${n}': No such file or directory`);
      return 2;
    }
  }
  const o: DiffOptions = {
    switches: "",
    newFile: has(p, "N"),
    unified: context === undefined ? 3 : Number(context),
    brief: has(p, "q"),
    same: has(p, "s"),
    recursive: has(p, "r"),
    key: (s) => {
      let k = s;
      if (has(p, "i")) k = k.toLowerCase();
      if (has(p, "w")) k = k.replace(/\s+/g, "");
      else if (has(p, "b")) k = k.replace(/\s+/g, " ").replace(/ $/, "");
      return k;
    },
    busybox: { labels: p.opts.get("L") ?? [] },
  };
  const isDir = (n: string) => n !== "-" && ctx.fs.isDir(abs(ctx, n));
  if ((x === "-" && isDir(y)) || (y === "-" && isDir(x))) {
    complain(ctx, "can't compare stdin to a directory");
    return 1;
  }
  if (isDir(x) && isDir(y)) return diffDirs(ctx, x, y, o);
  const absent = o.newFile ? [x, y].find((n) => n !== "-" && !ctx.fs.exists(abs(ctx, n))) : undefined;
  let [a, b] = [x, y];
  if (isDir(a)) a = `${a.replace(/\/$/, "")}/${b.slice(b.lastIndexOf("/") + 1)}`;
  else if (isDir(b)) b = `${b.replace(/\/$/, "")}/${a.slice(a.lastIndexOf("/") + 1)}`;
  return diffFiles(ctx, a, b, o, false, absent);
}
