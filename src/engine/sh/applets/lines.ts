/**
 * Line filters of coreutils 8.32 and util-linux 2.37 (Ubuntu 22.04): tac (src/tac.c), rev
 * (text-utils/rev.c), nl (src/nl.c: `%6d\t`, blank lines unnumbered by default), fold
 * (src/fold.c: 80 columns, tabs to the next multiple of 8, -s breaks after a blank) and paste
 * (src/paste.c: tab between files' lines, -s one file per line, -d a cycling list).
 */
import type { CommandContext } from "../interface";
import {
  type Applet,
  abs,
  complain,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  readInput,
  splitLines,
  usage,
} from "./common";

/** The texts of the operands (stdin without any); undefined for one that could not be read. */
function inputs(ctx: CommandContext, operands: string[], read = readInput): (string | undefined)[] {
  return (operands.length ? operands : ["-"]).map((o) => read(ctx, o));
}

/** Records that end with a separator (the last may lack it), as tac splits its input. */
function records(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", at)) {
    out.push(text.slice(at, i + 1));
    at = i + 1;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** `tac [FILE]...`: each file's lines last first (a final line without newline stays joined). */
export const tac: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "bs:r", { before: "b", "separator=": "s", regex: "r" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  let status = 0;
  const read = (c: CommandContext, name: string) => {
    if (name === "-") return c.stdin;
    try {
      return c.fs.read(abs(c, name));
    } catch (e) {
      complain(c, `failed to open '${name}' for reading: ${fsReason(e)}`);
      return undefined;
    }
  };
  for (const text of inputs(ctx, p.operands, read)) {
    if (text === undefined) {
      status = 1;
      continue;
    }
    ctx.stdout.write(records(text).reverse().join(""));
  }
  return status;
};

/** `rev [FILE]...`: each line's characters reversed. */
export const rev: Applet = () => (ctx) => {
  let status = 0;
  for (const name of ctx.argv.length > 1 ? ctx.argv.slice(1) : ["-"]) {
    let text: string;
    try {
      text = name === "-" ? ctx.stdin : ctx.fs.read(abs(ctx, name));
    } catch (e) {
      complain(ctx, `cannot open ${name}: ${fsReason(e)}`);
      status = 1;
      continue;
    }
    ctx.stdout.write(
      records(text)
        .map((r) =>
          r.endsWith("\n") ? `${[...r.slice(0, -1)].reverse().join("")}\n` : [...r].reverse().join(""),
        )
        .join(""),
    );
  }
  return status;
};

/** `nl [-b a|t|n] [-n ln|rn|rz] [-w N] [-s SEP] [-v N] [-i N] [FILE]...`. */
export const nl: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "b:n:w:s:v:i:", {
      "body-numbering=": "b",
      "number-format=": "n",
      "number-width=": "w",
      "number-separator=": "s",
      "starting-line-number=": "v",
      "line-increment=": "i",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const style = last(p, "b") ?? "t";
  if (!["a", "t", "n"].includes(style) && !style.startsWith("p")) {
    complain(ctx, `invalid body numbering style: '${style}'`);
    return 1;
  }
  const format = last(p, "n") ?? "rn";
  if (!["ln", "rn", "rz"].includes(format)) {
    complain(ctx, `invalid line numbering format: '${format}'`);
    return 1;
  }
  const width = Number(last(p, "w") ?? 6);
  const sep = last(p, "s") ?? "\t";
  const incr = Number(last(p, "i") ?? 1);
  let n = Number(last(p, "v") ?? 1);
  const re = style.startsWith("p") ? new RegExp(style.slice(1)) : undefined;
  let status = 0;
  for (const text of inputs(ctx, p.operands)) {
    if (text === undefined) {
      status = 1;
      continue;
    }
    let out = "";
    for (const r of records(text)) {
      const line = r.replace(/\n$/, "");
      const numbered = style === "a" || (style === "t" && line !== "") || (re?.test(line) ?? false);
      if (!numbered) {
        // nl.c's print_no_line_fmt: as many blanks as the number and separator take.
        out += `${" ".repeat(width + sep.length)}${r}`;
        continue;
      }
      const num =
        format === "ln"
          ? String(n).padEnd(width)
          : format === "rz"
            ? String(n).padStart(width, "0")
            : String(n).padStart(width);
      out += `${num}${sep}${r}`;
      n += incr;
    }
    ctx.stdout.write(out);
  }
  return status;
};

/** `fold [-w WIDTH] [-s] [-b] [FILE]...`. */
export const fold: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "w:sb", { "width=": "w", spaces: "s", bytes: "b" }, { digits: true });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const raw = last(p, "w") ?? last(p, "#") ?? "80";
  const width = Number(raw);
  if (!Number.isInteger(width) || width < 1) {
    complain(ctx, `invalid number of columns: '${raw}'`);
    return 1;
  }
  const spaces = has(p, "s");
  const bytes = has(p, "b");
  const column = (col: number, c: string) => {
    if (bytes) return col + 1;
    if (c === "\t") return col + 8 - (col % 8);
    if (c === "\b") return Math.max(0, col - 1);
    if (c === "\r") return 0;
    return col + 1;
  };
  let status = 0;
  for (const text of inputs(ctx, p.operands)) {
    if (text === undefined) {
      status = 1;
      continue;
    }
    let out = "";
    for (const r of records(text)) {
      const nl = r.endsWith("\n");
      let line = nl ? r.slice(0, -1) : r;
      let buf = "";
      let col = 0;
      while (line.length) {
        const c = line[0] as string;
        const next = column(col, c);
        if (next > width && buf.length) {
          // fold.c: with -s, break after the last blank that fits, carrying the rest over.
          const blank = spaces ? Math.max(buf.lastIndexOf(" "), buf.lastIndexOf("\t")) : -1;
          if (blank >= 0) {
            out += `${buf.slice(0, blank + 1)}\n`;
            line = buf.slice(blank + 1) + line;
          } else out += `${buf}\n`;
          buf = "";
          col = 0;
          continue;
        }
        buf += c;
        col = next;
        line = line.slice(1);
      }
      out += buf + (nl ? "\n" : "");
    }
    ctx.stdout.write(out);
  }
  return status;
};

/** `paste [-s] [-d LIST] [FILE]...`. */
export const paste: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "sd:z", { serial: "s", "delimiters=": "d", "zero-terminated": "z" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const delims = [
    ...(last(p, "d") ?? "\t").replace(/\\(.)/g, (_, c: string) =>
      c === "n" ? "\n" : c === "t" ? "\t" : c === "0" ? "\u0000" : c,
    ),
  ].map((c) => (c === "\u0000" ? "" : c));
  const delim = (i: number) => delims[i % delims.length] ?? "";
  let stdinUsed = false;
  const texts = inputs(ctx, p.operands, (c, name) => {
    if (name === "-") {
      // Several `-` operands share stdin: the first reads it (see below for the columns).
      if (stdinUsed) return "";
      stdinUsed = true;
    }
    return readInput(c, name);
  });
  if (texts.some((t) => t === undefined)) return 1;
  const files = (texts as string[]).map(splitLines);
  const operands = p.operands.length ? p.operands : ["-"];
  const dashes = operands.flatMap((o, i) => (o === "-" ? [i] : []));
  if (!has(p, "s") && dashes.length > 1) {
    // paste_parallel reads a line of each file in turn, and every `-` is the one stdin: its
    // lines go to the `-` columns in turn (`seq 6 | paste - -` pairs them).
    const lines = files[dashes[0] as number] ?? [];
    dashes.forEach((col, k) => {
      files[col] = lines.filter((_, j) => j % dashes.length === k);
    });
  }
  let out = "";
  if (has(p, "s")) {
    for (const lines of files) out += `${lines.map((l, i) => (i ? delim(i - 1) : "") + l).join("")}\n`;
  } else {
    const rows = Math.max(0, ...files.map((f) => f.length));
    for (let r = 0; r < rows; r++)
      out += `${files.map((f, i) => (i ? delim(i - 1) : "") + (f[r] ?? "")).join("")}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};
