/** tr and tee: coreutils src/tr.c (sets, ranges, classes, [c*n], -d, -s, -c) and src/tee.c (-a). */

import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, fsReason, getopt, has, type Parsed, usage, writeFile } from "./common";
import { POSIX_CLASSES } from "./regex";
import { eachChunk, streaming } from "./stream";

/** Expands a tr set (`a-z`, `[:upper:]`, `\n`, `[x*3]`) into its characters. */
export function expandSet(set: string, padTo?: number): string[] {
  const out: string[] = [];
  const esc = (s: string, i: number): [string, number] => {
    if (s[i] !== "\\" || i + 1 >= s.length) return [s[i] as string, i + 1];
    const n = s[i + 1] as string;
    const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1));
    if (oct) return [String.fromCharCode(Number.parseInt(oct[0], 8)), i + 1 + oct[0].length];
    const map: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      "\\": "\\",
      a: "\x07",
      b: "\b",
      f: "\f",
      v: "\v",
    };
    return [map[n] ?? n, i + 2];
  };
  for (let i = 0; i < set.length; ) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      const ranges = POSIX_CLASSES[cls[1] as string] ?? "";
      out.push(
        ...expandSet(
          ranges.replace(/\\x([0-9a-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        ),
      );
      i += cls[0].length;
      continue;
    }
    const rep = /^\[(\\?.)\*(\d*)\]/.exec(set.slice(i));
    if (rep) {
      const [c] = esc(rep[1] as string, 0);
      const n = rep[2]
        ? Number(rep[2])
        : Math.max(0, (padTo ?? 0) - out.length - expandSet(set.slice(i + rep[0].length)).length);
      for (let k = 0; k < n; k++) out.push(c);
      i += rep[0].length;
      continue;
    }
    const [c, j] = esc(set, i);
    if (set[j] === "-" && j + 1 < set.length) {
      const [end, k] = esc(set, j + 1);
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) out.push(String.fromCharCode(code));
      i = k;
      continue;
    }
    out.push(c);
    i = j;
  }
  return out;
}

/** `tr [-cdst] SET1 [SET2]`. */
export const tr: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "cCdst", {
        complement: "c",
        delete: "d",
        "squeeze-repeats": "s",
        "truncate-set1": "t",
      });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    const [s1, s2] = p.operands;
    const del = has(p, "d");
    const squeezeOnly = has(p, "s") && s2 === undefined;
    if (s1 === undefined || (!del && !squeezeOnly && s2 === undefined)) {
      if (flavour === "gnu") {
        complain(ctx, s1 === undefined ? "missing operand" : `missing operand after '${s1}'`);
        if (s1 !== undefined) ctx.stderr.write("Two strings must be given when translating.\n");
        ctx.stderr.write("Try 'tr --help' for more information.\n");
      } else ctx.stderr.write(busyboxUsage("tr"));
      return 1;
    }
    const complement = has(p, "c") || has(p, "C");
    const set1 = new Set(expandSet(s1));
    const in1 = (c: string) => set1.has(c) !== complement;
    const list1 = expandSet(s1);
    const list2 = s2 === undefined ? [] : expandSet(s2, list1.length);
    const map = new Map<string, string>();
    if (!del && s2 !== undefined && !complement)
      for (const [i, c] of list1.entries()) map.set(c, list2[Math.min(i, list2.length - 1)] ?? c);
    const squeezeSet = new Set(del || squeezeOnly ? (del ? list2 : list1) : list2);
    // The last character written, for -s across the pieces a pipe delivers.
    let lastOut = "";
    const translate = (text: string) => {
      let out = "";
      for (const c of text) {
        if (del && in1(c)) continue;
        let t = c;
        if (!del && !squeezeOnly) t = complement ? (in1(c) ? (list2.at(-1) ?? c) : c) : (map.get(c) ?? c);
        const squeeze = has(p, "s") && (squeezeOnly ? in1(t) : squeezeSet.has(t));
        if (squeeze && t === lastOut) continue;
        out += t;
        lastOut = t;
      }
      ctx.stdout.write(out);
    };
    const pipe = ctx.stdinPipe;
    if (!pipe) {
      translate(ctx.stdin);
      return 0;
    }
    return (function* () {
      yield* eachChunk(pipe, translate);
      return 0;
    })();
  });

/** `tee [-a] [FILE]...`: copies stdin to stdout and to each file. */
export const tee: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "ai", { append: "a", "ignore-interrupts": "i" });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    // The files are opened first (truncated without -a), then what comes in goes to each.
    let status = 0;
    const open: string[] = [];
    for (const f of p.operands) {
      try {
        writeFile(ctx, f, "", has(p, "a"));
        open.push(f);
      } catch (e) {
        complain(ctx, flavour === "gnu" ? `${f}: ${fsReason(e)}` : `can't open '${f}': ${fsReason(e)}`);
        status = 1;
      }
    }
    const copy = (text: string) => {
      for (const f of open) writeFile(ctx, f, text, true);
      ctx.stdout.write(text);
    };
    const pipe = ctx.stdinPipe;
    if (!pipe) {
      copy(ctx.stdin);
      return status;
    }
    return (function* () {
      yield* eachChunk(pipe, copy);
      return status;
    })();
  });
