/**
 * wc: coreutils src/wc.c (column width from the regular files' total size, 7 for a pipe, 1 for a
 * single count) and busybox coreutils/wc.c (`%9u` columns, `%u` for one count of one input).
 */
import type { CommandContext, Proc } from "../interface";
import { type Applet, byteLength, type Flavour, getopt, has, type Parsed, readInput, usage } from "./common";
import { eachChunk, readsStdin, streaming, whole } from "./stream";

/** The counts wc keeps, fed a chunk at a time (a pipe's input arrives in pieces). */
class Counter {
  lines = 0;
  words = 0;
  bytes = 0;
  chars = 0;
  longest = 0;
  /** The length of the line the last chunk ended in, and whether it ended inside a word. */
  private lineSoFar = 0;
  private inWord = false;

  /** kinds: the counts wanted (l, w, c, m, L); the others are not worked out. */
  constructor(private readonly kinds: readonly string[]) {}

  add(text: string): void {
    const want = this.kinds;
    if (want.includes("l"))
      for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) this.lines++;
    if (want.includes("w")) {
      const words = text.match(/\S+/g) ?? [];
      // A word cut between two chunks is one word.
      this.words += words.length - (this.inWord && /^\S/.test(text) ? 1 : 0);
      if (text) this.inWord = /\S$/.test(text);
    }
    if (want.includes("c")) this.bytes += byteLength(text);
    if (want.includes("m")) this.chars += [...text].length;
    if (!want.includes("L")) return;
    const parts = text.split("\n");
    for (const [i, part] of parts.entries()) {
      const length = (i === 0 ? this.lineSoFar : 0) + part.length;
      if (i < parts.length - 1) this.longest = Math.max(this.longest, length);
      else this.lineSoFar = length;
    }
  }

  /** The counts, in the order of kinds. */
  counts(): number[] {
    const longest = Math.max(this.longest, this.lineSoFar);
    return this.kinds.map((k) =>
      k === "l"
        ? this.lines
        : k === "w"
          ? this.words
          : k === "c"
            ? this.bytes
            : k === "m"
              ? this.chars
              : longest,
    );
  }
}

/** The counts of one whole text. */
function countAll(text: string, kinds: readonly string[]): number[] {
  const c = new Counter(kinds);
  c.add(text);
  return c.counts();
}

/**
 * `wc [-lwcmL] [FILE]...`. Its standard input alone, from a pipe still being written, is counted
 * as it arrives (`seq 1 10000000 | wc -l` never holds the whole stream).
 */
export const wc: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "lwcmL", {
        lines: "l",
        words: "w",
        bytes: "c",
        chars: "m",
        "max-line-length": "L",
      });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    const picked = ["l", "w", "m", "c", "L"].filter((k) => has(p, k));
    const kinds = picked.length ? picked : ["l", "w", "c"];
    const pipe = ctx.stdinPipe;
    if (pipe && readsStdin(p.operands) && p.operands.length <= 1)
      return (function* (): Proc {
        const counter = new Counter(kinds);
        yield* eachChunk(pipe, (text) => counter.add(text));
        ctx.stdout.write(
          table(flavour, kinds, [{ counts: counter.counts(), name: p.operands.length ? "-" : "" }], 1, {
            sawPipe: true,
            regularTotal: 0,
            firstFailed: false,
          }),
        );
        return 0;
      })();
    return whole(ctx, () => wcWhole(ctx, flavour, p, kinds), readsStdin(p.operands));
  });

function wcWhole(ctx: CommandContext, flavour: Flavour, p: Parsed, kinds: string[]): number {
  const names = p.operands.length ? p.operands : ["-"];
  let status = 0;
  const rows: Array<{ counts: number[]; name: string }> = [];
  const totals = kinds.map(() => 0);
  let regularTotal = 0;
  let sawPipe = false;
  let firstFailed = false;
  for (const [k, n] of names.entries()) {
    const text = readInput(ctx, n, flavour);
    if (text === undefined) {
      status = 1;
      if (k === 0) firstFailed = true;
      continue;
    }
    if (n === "-") sawPipe = true;
    else regularTotal += byteLength(text);
    const counts = countAll(text, kinds);
    counts.forEach((c, i) => {
      totals[i] = (totals[i] ?? 0) + c;
    });
    rows.push({ counts, name: n === "-" && !p.operands.length ? "" : n });
  }
  if (names.length > 1) rows.push({ counts: totals, name: "total" });
  ctx.stdout.write(table(flavour, kinds, rows, names.length, { sawPipe, regularTotal, firstFailed }));
  return status;
}

/** wc's table: a row per input, as each flavour prints it. */
function table(
  flavour: Flavour,
  kinds: readonly string[],
  rows: ReadonlyArray<{ counts: number[]; name: string }>,
  inputs: number,
  widths: { sawPipe: boolean; regularTotal: number; firstFailed: boolean },
): string {
  const { sawPipe, regularTotal, firstFailed } = widths;
  let out = "";
  if (flavour === "busybox") {
    const bare = inputs <= 1 && kinds.length === 1;
    for (const r of rows)
      out += `${r.counts.map((c, i) => (bare ? String(c) : `${i ? " " : ""}${String(c).padStart(9)}`)).join("")}${r.name ? ` ${r.name}` : ""}\n`;
  } else {
    // compute_number_width: 1 for one count of one input, or when the first input could not
    // be statted; else the digits of the regular files' total size, at least 7 with a pipe.
    const width =
      (kinds.length === 1 && inputs === 1) || firstFailed
        ? 1
        : Math.max(sawPipe ? 7 : 1, String(regularTotal).length);
    for (const r of rows)
      out += `${r.counts.map((c) => String(c).padStart(width)).join(" ")}${r.name ? ` ${r.name}` : ""}\n`;
  }
  return out;
}
