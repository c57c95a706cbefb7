/**
 * cut: coreutils src/cut.c and busybox coreutils/cut.c (-b, -c, -f with -d, -s, --complement).
 * It cuts a pipe's lines as they arrive.
 */
import type { Proc } from "../interface";
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
import { eachLine, readsStdin, streaming, whole } from "./stream";

/** Parses a list such as `1,3-5,7-` into a membership test; undefined when invalid. */
function parseList(list: string): ((n: number) => boolean) | string {
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === "" && m[3] === ""))
      return m?.[2] ? "invalid range with no endpoint: -" : `invalid byte/character position '${part}'`;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY) : from;
    if (from === 0 || to === 0) return "fields and positions are numbered from 1";
    if (to < from) return "invalid decreasing range";
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

/** `cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]...`. */
export const cut: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(ctx.argv.slice(1), "b:c:f:d:sn", {
        "bytes=": "b",
        "characters=": "c",
        "fields=": "f",
        "delimiter=": "d",
        "only-delimited": "s",
        complement: "complement",
        "output-delimiter=": "O",
      });
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    const mode = ["b", "c", "f"].filter((k) => has(p, k));
    if (mode.length !== 1) {
      complain(
        ctx,
        mode.length
          ? "only one type of list may be specified"
          : flavour === "gnu"
            ? "you must specify a list of bytes, characters, or fields"
            : "expected a list of bytes, characters, or fields",
      );
      if (flavour === "gnu") ctx.stderr.write("Try 'cut --help' for more information.\n");
      return 1;
    }
    const kind = mode[0] as string;
    const delim = last(p, "d") ?? "\t";
    if (delim.length !== 1) {
      complain(
        ctx,
        flavour === "gnu" ? "the delimiter must be a single character" : "delimiter must be one character",
      );
      if (flavour === "gnu") ctx.stderr.write("Try 'cut --help' for more information.\n");
      return 1;
    }
    const list = parseList(last(p, kind) as string);
    if (typeof list === "string") {
      complain(ctx, list);
      if (flavour === "gnu") ctx.stderr.write("Try 'cut --help' for more information.\n");
      return 1;
    }
    const inList = has(p, "complement") ? (n: number) => !list(n) : list;
    const outDelim = last(p, "O") ?? delim;
    /** One line cut (without its newline); undefined when -s drops it. */
    const cutLine = (line: string): string | undefined => {
      if (kind !== "f") return [...line].filter((_c, i) => inList(i + 1)).join("");
      if (!line.includes(delim)) return has(p, "s") ? undefined : line;
      return line
        .split(delim)
        .filter((_c, i) => inList(i + 1))
        .join(outDelim);
    };
    const operands = p.operands.length ? p.operands : ["-"];
    const pipe = ctx.stdinPipe;
    // Line by line from a pipe still being written (kubectl logs -f | cut -d' ' -f1).
    if (pipe && operands.length === 1 && operands[0] === "-")
      return (function* (): Proc {
        yield* eachLine(pipe, (text) => {
          const cut = cutLine(text.endsWith("\n") ? text.slice(0, -1) : text);
          if (cut !== undefined) ctx.stdout.write(`${cut}\n`);
          return true;
        });
        return 0;
      })();
    return whole(
      ctx,
      () => {
        let status = 0;
        let out = "";
        for (const f of operands) {
          const text = readInput(ctx, f, flavour);
          if (text === undefined) {
            status = 1;
            continue;
          }
          for (const line of splitLines(text)) {
            const cut = cutLine(line);
            if (cut !== undefined) out += `${cut}\n`;
          }
        }
        ctx.stdout.write(out);
        return status;
      },
      readsStdin(operands),
    );
  });
