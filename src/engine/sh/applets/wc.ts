/**
 * wc: coreutils src/wc.c (column width from the regular files' total size, 7 for a pipe, 1 for a
 * single count) and busybox coreutils/wc.c (`%9u` columns, `%u` for one count of one input).
 */
import { type Applet, byteLength, getopt, has, type Parsed, readInput, usage } from "./common";

/** The newlines in text. */
function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/** `wc [-lwcmL] [FILE]...`. */
export const wc: Applet = (flavour) => (ctx) => {
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
    const counts = kinds.map((k) =>
      k === "l"
        ? countLines(text)
        : k === "w"
          ? (text.match(/\S+/g) ?? []).length
          : k === "c"
            ? byteLength(text)
            : k === "m"
              ? [...text].length
              : Math.max(0, ...text.split("\n").map((l) => l.length)),
    );
    counts.forEach((c, i) => {
      totals[i] = (totals[i] ?? 0) + c;
    });
    rows.push({ counts, name: n === "-" && !p.operands.length ? "" : n });
  }
  if (names.length > 1) rows.push({ counts: totals, name: "total" });
  let out = "";
  if (flavour === "busybox") {
    const bare = names.length <= 1 && kinds.length === 1;
    for (const r of rows)
      out += `${r.counts.map((c, i) => (bare ? String(c) : `${i ? " " : ""}${String(c).padStart(9)}`)).join("")}${r.name ? ` ${r.name}` : ""}\n`;
  } else {
    // compute_number_width: 1 for one count of one input, or when the first input could not
    // be statted; else the digits of the regular files' total size, at least 7 with a pipe.
    const width =
      (kinds.length === 1 && names.length === 1) || firstFailed
        ? 1
        : Math.max(sawPipe ? 7 : 1, String(regularTotal).length);
    for (const r of rows)
      out += `${r.counts.map((c) => String(c).padStart(width)).join(" ")}${r.name ? ` ${r.name}` : ""}\n`;
  }
  ctx.stdout.write(out);
  return status;
};
