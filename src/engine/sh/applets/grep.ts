/**
 * grep (and egrep, fgrep): GNU grep 3.x and busybox findutils/grep.c. Exit 0 on a match, 1 on
 * none, 2 on an error (unless -q found a match). Basic, extended (-E) and fixed (-F) patterns.
 */
import type { CommandContext, Proc, StdinPipe } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  getopt,
  has,
  last,
  type Parsed,
  splitLines,
  usage,
} from "./common";
import { isLink } from "./fileinfo";
import { compile, escapeRe, RegexError } from "./regex";
import { eachLine, readsStdin, streaming, whole } from "./stream";

const LONG: Record<string, string> = {
  "ignore-case": "i",
  "invert-match": "v",
  count: "c",
  "line-number": "n",
  quiet: "q",
  silent: "q",
  "no-messages": "s",
  "extended-regexp": "E",
  "fixed-strings": "F",
  "basic-regexp": "G",
  "only-matching": "o",
  recursive: "r",
  "dereference-recursive": "R",
  "files-with-matches": "l",
  "files-without-match": "L",
  "word-regexp": "w",
  "line-regexp": "x",
  "no-filename": "h",
  "with-filename": "H",
  "regexp=": "e",
  "file=": "f",
  "max-count=": "m",
  "after-context=": "A",
  "before-context=": "B",
  "context=": "C",
  "color=": "color",
  color: "color",
  colour: "color",
  "colour=": "color",
  // Flush after each line: this grep never holds output back (see README: no block buffering).
  "line-buffered": "line-buffered",
  "include=": "include",
  "exclude=": "exclude",
};

/** Builds grep's matcher from its patterns and options. */
function matcher(p: Parsed, patterns: string[], extended: boolean): RegExp {
  const sources = patterns.map((pat) => {
    let s = has(p, "F") ? escapeRe(pat) : compile(pat, extended).source;
    if (has(p, "w")) s = `(?<![A-Za-z0-9_])(?:${s})(?![A-Za-z0-9_])`;
    if (has(p, "x")) s = `^(?:${s})$`;
    return `(?:${s})`;
  });
  return new RegExp(sources.join("|"), `g${has(p, "i") ? "i" : ""}`);
}

/** `grep [OPTION]... PATTERN [FILE]...`. */
export const grep =
  (mode: "G" | "E" | "F" = "G"): Applet =>
  (flavour) =>
    streaming((ctx) => {
      let p: Parsed;
      try {
        p = getopt(ctx.argv.slice(1), "ivcnqsEFGorRlLwxhHe:f:m:A:B:C:zZab", LONG, { digits: true });
      } catch (e) {
        if (flavour === "gnu") {
          complain(ctx, (e as Error).message);
          ctx.stderr.write(
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
          );
          return 2;
        }
        return usage(ctx, flavour, e, 2);
      }
      if (mode !== "G") p.opts.set(mode, [""]);
      const patterns: string[] = (p.opts.get("e") ?? []).flatMap((e) => e.split("\n"));
      for (const f of p.opts.get("f") ?? []) {
        try {
          for (const line of splitLines(ctx.fs.read(abs(ctx, f)))) patterns.push(line);
        } catch {
          complain(ctx, `${f}: No such file or directory`);
          return 2;
        }
      }
      const operands = [...p.operands];
      if (!p.opts.has("e") && !p.opts.has("f")) {
        const first = operands.shift();
        if (first === undefined) {
          if (flavour === "gnu")
            ctx.stderr.write(
              "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
            );
          else ctx.stderr.write(busyboxUsage("grep"));
          return 2;
        }
        patterns.push(...first.split("\n"));
      }
      let re: RegExp;
      try {
        re = matcher(p, patterns, has(p, "E"));
      } catch (e) {
        if (!(e instanceof RegexError)) throw e;
        complain(ctx, e.message);
        return 2;
      }
      const pipe = ctx.stdinPipe;
      if (pipe && (operands.length === 0 || operands.join() === "-") && streams(p))
        return searchPipe(ctx, pipe, p, re);
      return whole(
        ctx,
        () => search(ctx, flavour, p, re, operands),
        readsStdin(operands) && !(operands.length === 0 && (has(p, "r") || has(p, "R")) && flavour === "gnu"),
      );
    });

/** Whether grep can print as lines come (no count, file lists, context or recursion). */
function streams(p: Parsed): boolean {
  return !["c", "l", "L", "A", "B", "C", "#", "r", "R"].some((o) => has(p, o));
}

/**
 * grep over a pipe still being written: each matching line is printed as it arrives; -q and -m
 * end at their match, as grep stops reading then.
 */
function* searchPipe(ctx: CommandContext, pipe: StdinPipe, p: Parsed, re: RegExp): Proc {
  const max = last(p, "m") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "m"));
  const label = has(p, "H") ? "(standard input):" : "";
  const invert = has(p, "v");
  const numbers = has(p, "n");
  const only = has(p, "o") && !invert;
  let n = 0;
  let hits = 0;
  if (max <= 0) return 1;
  let quit = false;
  yield* eachLine(pipe, (text) => {
    const line = text.endsWith("\n") ? text.slice(0, -1) : text;
    n++;
    re.lastIndex = 0;
    if (re.test(line) === invert) return true;
    hits++;
    if (has(p, "q")) {
      quit = true;
      return false;
    }
    const prefix = `${label}${numbers ? `${n}:` : ""}`;
    if (only) {
      re.lastIndex = 0;
      for (const m of line.matchAll(re)) if (m[0]) ctx.stdout.write(`${prefix}${m[0]}\n`);
    } else ctx.stdout.write(`${prefix}${line}\n`);
    return hits < max;
  });
  return quit || hits > 0 ? 0 : 1;
}

/** Searches the operands (or stdin, or `.` with -r); returns grep's status. */
function search(ctx: CommandContext, flavour: Flavour, p: Parsed, re: RegExp, operands: string[]): number {
  const recursive = has(p, "r") || has(p, "R");
  // GNU grep -r with no file searches `.` (names shown without `./`); busybox reads stdin.
  const files = operands.length ? operands : recursive && flavour === "gnu" ? ["."] : ["-"];
  const inputs: Array<{ label: string; text: string }> = [];
  let errors = false;
  let searchedDir = false;
  const collect = (f: string, shown: string) => {
    if (f === "-") {
      inputs.push({ label: "(standard input)", text: ctx.stdin });
      return;
    }
    const path = abs(ctx, f);
    if (ctx.fs.isDir(path)) {
      if (!recursive) {
        if (!has(p, "s")) complain(ctx, `${shown}: Is a directory`);
        if (flavour === "gnu") errors = true;
        return;
      }
      searchedDir = true;
      for (const n of ctx.fs.list(path)) {
        const child = `${path === "/" ? "" : path}/${n}`;
        // Symbolic links met on the way are skipped, as -r does (-R follows them, and warns of
        // the loops /proc/PID/root makes; this one does not follow them either).
        if (isLink(ctx.fs, child)) continue;
        collect(child, shown === "." && !operands.length ? n : `${shown.replace(/\/$/, "")}/${n}`);
      }
      return;
    }
    if (!ctx.fs.isFile(path)) {
      if (!has(p, "s")) complain(ctx, `${shown}: No such file or directory`);
      errors = true;
      return;
    }
    inputs.push({ label: shown, text: ctx.fs.read(path) });
  };
  for (const f of files) collect(f, f);
  // Names show for several operands or a directory searched with -r (-H, -h override).
  const showNames = has(p, "H") || (!has(p, "h") && (files.length > 1 || searchedDir));
  const max = last(p, "m") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "m"));
  const after = Number(last(p, "A") ?? last(p, "C") ?? last(p, "#") ?? 0);
  const before = Number(last(p, "B") ?? last(p, "C") ?? last(p, "#") ?? 0);
  let found = false;
  let out = "";
  for (const { label, text } of inputs) {
    const lines = splitLines(text);
    let hits = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const printLine = (i: number, sep: string) => {
      if (lastPrinted >= 0 && i > lastPrinted + 1 && (before || after)) out += "--\n";
      out += `${showNames ? `${label}${sep}` : ""}${has(p, "n") ? `${i + 1}${sep}` : ""}${lines[i]}\n`;
      lastPrinted = i;
    };
    const listing = has(p, "c") || has(p, "l") || has(p, "L") || has(p, "q");
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (hits >= max) {
        // GNU grep's prpending: once -m is reached, the pending trailing context still prints.
        if (afterLeft <= 0 || listing) break;
        printLine(i, "-");
        afterLeft--;
        continue;
      }
      re.lastIndex = 0;
      const hit = re.test(line) !== has(p, "v");
      if (!hit) {
        if (afterLeft > 0 && !listing) {
          printLine(i, "-");
          afterLeft--;
        }
        continue;
      }
      hits++;
      found = true;
      if (has(p, "q")) return 0;
      if (has(p, "c") || has(p, "l") || has(p, "L")) continue;
      if (has(p, "o") && !has(p, "v")) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re))
          if (m[0]) out += `${showNames ? `${label}:` : ""}${has(p, "n") ? `${i + 1}:` : ""}${m[0]}\n`;
        continue;
      }
      for (let b = Math.max(lastPrinted + 1, i - before); b < i; b++) printLine(b, "-");
      printLine(i, ":");
      afterLeft = after;
    }
    if (has(p, "c")) out += `${showNames ? `${label}:` : ""}${hits}\n`;
    if (has(p, "l") && hits) out += `${label}\n`;
    if (has(p, "L") && !hits) out += `${label}\n`;
  }
  ctx.stdout.write(out);
  if (errors && !(has(p, "q") && found)) return 2;
  return found ? 0 : 1;
}
