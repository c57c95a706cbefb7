/**
 * Column tools of Ubuntu 22.04: util-linux 2.37's column (text-utils/column.c: -t aligns a table
 * with two spaces between columns, the last unpadded, empty lines dropped; without -t it fills
 * columns down then across to 80 characters with tabs), and coreutils 8.32's comm (src/comm.c:
 * three columns indented by tabs, the order check) and join (src/join.c: the join field, then
 * the other fields of each file, blank-separated).
 */
import type { CommandContext } from "../interface";
import {
  type Applet,
  complain,
  getopt,
  has,
  last,
  type Parsed,
  readInput,
  splitLines,
  usage,
} from "./common";

/** `column [-t] [-s SEPS] [-o SEP] [-c WIDTH] [FILE]...`. */
export const column: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "ts:o:c:xneN:R:", {
      table: "t",
      "separator=": "s",
      "output-separator=": "o",
      "output-width=": "c",
      fillrows: "x",
      "table-columns=": "N",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const texts = (p.operands.length ? p.operands : ["-"]).map((o) => readInput(ctx, o));
  if (texts.some((t) => t === undefined)) return 1;
  const lines = (texts as string[]).flatMap(splitLines);
  if (has(p, "t")) {
    const seps = last(p, "s") ?? " \t";
    const splitter = new RegExp(`[${seps.replace(/[\\\]^-]/g, "\\$&")}]+`);
    const rows = lines
      .filter((l) => l.trim() !== "")
      .map((l) => l.replace(new RegExp(`^[${seps.replace(/[\\\]^-]/g, "\\$&")}]+`), "").split(splitter));
    const header = last(p, "N");
    if (header) rows.unshift(header.split(","));
    const widths: number[] = [];
    for (const r of rows)
      r.forEach((c, i) => {
        widths[i] = Math.max(widths[i] ?? 0, [...c].length);
      });
    const out = last(p, "o") ?? "  ";
    ctx.stdout.write(
      rows
        .map(
          (r) =>
            `${r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat((widths[i] as number) - [...c].length))).join(out)}\n`,
        )
        .join(""),
    );
    return 0;
  }
  const items = lines.filter((l) => l !== "");
  if (!items.length) return 0;
  const width = Number(last(p, "c") ?? ctx.env.COLUMNS ?? 80);
  // column.c: each column as wide as the longest entry rounded up to the next tab stop.
  const maxLen = (Math.max(...items.map((i) => [...i].length)) + 8) & ~7;
  const cols = Math.max(1, Math.floor(width / maxLen));
  const rows = Math.ceil(items.length / cols);
  let out = "";
  for (let r = 0; r < rows; r++) {
    let line = "";
    let endCol = maxLen;
    let chars = 0;
    for (let c = 0; c < cols; c++) {
      const idx = has(p, "x") ? r * cols + c : c * rows + r;
      const item = items[idx];
      if (item === undefined) break;
      line += item;
      chars += [...item].length;
      const nextIdx = has(p, "x") ? idx + 1 : idx + rows;
      if (c === cols - 1 || items[nextIdx] === undefined) break;
      while (((chars + 8) & ~7) <= endCol) {
        line += "\t";
        chars = (chars + 8) & ~7;
      }
      endCol += maxLen;
    }
    out += `${line}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};

/** Bytewise comparison, as strcoll compares in the C locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reads the two file operands both commands take, or reports what is wrong. */
function two(
  ctx: CommandContext,
  flavour: "gnu" | "busybox",
  operands: string[],
): [string[], string[]] | number {
  if (operands.length < 2) {
    complain(ctx, operands.length ? `missing operand after '${operands[0]}'` : "missing operand");
    if (flavour === "gnu") ctx.stderr.write(`Try '${ctx.argv[0]} --help' for more information.\n`);
    return 1;
  }
  if (operands.length > 2) {
    complain(ctx, `extra operand '${operands[2]}'`);
    ctx.stderr.write(`Try '${ctx.argv[0]} --help' for more information.\n`);
    return 1;
  }
  const a = readInput(ctx, operands[0] as string);
  const b = a === undefined ? undefined : readInput(ctx, operands[1] as string);
  if (a === undefined || b === undefined) return 1;
  return [splitLines(a), splitLines(b)];
}

/** `comm [-123] [--output-delimiter=STR] FILE1 FILE2`. */
export const comm: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "123z", {
      "check-order": "check-order",
      "nocheck-order": "nocheck-order",
      "output-delimiter=": "d",
      total: "total",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const files = two(ctx, flavour, p.operands);
  if (typeof files === "number") return files;
  const [a, b] = files;
  const show = [!has(p, "1"), !has(p, "2"), !has(p, "3")];
  const delim = last(p, "d") ?? "\t";
  const prefix = (col: number) => delim.repeat(show.slice(0, col).filter(Boolean).length);
  let out = "";
  let i = 0;
  let j = 0;
  const counts = [0, 0, 0];
  const unsorted = [false, false];
  let unpaired = false;
  const checkOrder = (which: 0 | 1, lines: string[], k: number) => {
    if (
      k > 0 &&
      cmp(lines[k - 1] as string, lines[k] as string) > 0 &&
      !unsorted[which] &&
      !has(p, "nocheck-order")
    ) {
      if (unpaired || has(p, "check-order")) {
        unsorted[which] = true;
        ctx.stdout.write(out);
        out = "";
        complain(ctx, `file ${which + 1} is not in sorted order`);
      }
    }
  };
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : cmp(a[i] as string, b[j] as string);
    if (c < 0) {
      unpaired = true;
      checkOrder(0, a, i);
      counts[0] = (counts[0] ?? 0) + 1;
      if (show[0]) out += `${a[i]}\n`;
      i++;
    } else if (c > 0) {
      unpaired = true;
      checkOrder(1, b, j);
      counts[1] = (counts[1] ?? 0) + 1;
      if (show[1]) out += `${prefix(1)}${b[j]}\n`;
      j++;
    } else {
      checkOrder(0, a, i);
      checkOrder(1, b, j);
      counts[2] = (counts[2] ?? 0) + 1;
      if (show[2]) out += `${prefix(2)}${a[i]}\n`;
      i++;
      j++;
    }
  }
  if (has(p, "total")) out += `${counts[0]}${delim}${counts[1]}${delim}${counts[2]}${delim}total\n`;
  ctx.stdout.write(out);
  if (unsorted.some(Boolean)) {
    complain(ctx, "input is not in sorted order");
    return 1;
  }
  return 0;
};

/** `join [-t CHAR] [-1 F] [-2 F] [-j F] [-a N] [-v N] [-e S] [-i] FILE1 FILE2`. */
export const join: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "t:1:2:j:a:v:e:io:", {
      "ignore-case": "i",
      "check-order": "c",
      "nocheck-order": "C",
      header: "h",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const files = two(ctx, flavour, p.operands);
  if (typeof files === "number") return files;
  const tab = last(p, "t");
  const f1 = Number(last(p, "1") ?? last(p, "j") ?? 1) - 1;
  const f2 = Number(last(p, "2") ?? last(p, "j") ?? 1) - 1;
  const unpairedA = (p.opts.get("a") ?? []).concat(p.opts.get("v") ?? []);
  const only = p.opts.has("v");
  const empty = last(p, "e");
  const fields = (l: string) =>
    tab === undefined
      ? l
          .trim()
          .split(/[ \t]+/)
          .filter((x, _i, all) => x !== "" || all.length === 1)
      : l.split(tab);
  const key = (fs: string[], n: number) => {
    const k = fs[n] ?? "";
    return has(p, "i") ? k.toLowerCase() : k;
  };
  const sep = tab ?? " ";
  const [la, lb] = files.map((ls) => ls.map(fields)) as [string[][], string[][]];
  const line = (k: string, x: string[] | undefined, fx: number, y: string[] | undefined, fy: number) => {
    const rest = (fs: string[] | undefined, n: number) => (fs ?? []).filter((_, i) => i !== n);
    const parts = [k, ...rest(x, fx), ...rest(y, fy)];
    return `${parts.map((v) => (v === "" && empty !== undefined ? empty : v)).join(sep)}\n`;
  };
  let out = "";
  let i = 0;
  let j = 0;
  while (i < la.length || j < lb.length) {
    const ka = i < la.length ? key(la[i] as string[], f1) : undefined;
    const kb = j < lb.length ? key(lb[j] as string[], f2) : undefined;
    const c = ka === undefined ? 1 : kb === undefined ? -1 : cmp(ka, kb);
    if (c < 0) {
      if (unpairedA.includes("1")) out += line((la[i] as string[])[f1] ?? "", la[i], f1, undefined, -1);
      i++;
    } else if (c > 0) {
      if (unpairedA.includes("2")) out += line((lb[j] as string[])[f2] ?? "", undefined, -1, lb[j], f2);
      j++;
    } else {
      let ie = i;
      while (ie < la.length && key(la[ie] as string[], f1) === ka) ie++;
      let je = j;
      while (je < lb.length && key(lb[je] as string[], f2) === kb) je++;
      if (!only)
        for (let x = i; x < ie; x++)
          for (let y = j; y < je; y++) out += line((la[x] as string[])[f1] ?? "", la[x], f1, lb[y], f2);
      i = ie;
      j = je;
    }
  }
  ctx.stdout.write(out);
  return 0;
};
