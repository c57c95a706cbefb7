/**
 * wc: coreutils src/wc.c (column width from the regular files' total size, 7 for a pipe, 1 for a
 * single count) and busybox coreutils/wc.c (`%9u` columns, `%u` for one count of one input).
 */
import { type Applet, byteLength, getopt, has, type Parsed, readInput, usage } from "./common";

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
  for (const n of names) {
    const text = readInput(ctx, n, flavour);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (n === "-") sawPipe = true;
    else regularTotal += byteLength(text);
    const lines = text.split("\n").length - 1;
    const counts = kinds.map((k) =>
      k === "l"
        ? lines
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
    let width =
      kinds.length === 1 && names.length === 1 ? 1 : Math.max(sawPipe ? 7 : 1, String(regularTotal).length);
    if (status && rows.length === 0) width = 1;
    for (const r of rows)
      out += `${r.counts.map((c) => String(c).padStart(width)).join(" ")}${r.name ? ` ${r.name}` : ""}\n`;
  }
  ctx.stdout.write(out);
  return status;
};
