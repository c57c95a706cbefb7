/** cat: coreutils src/cat.c (-n, -b, -s, -E, -A), busybox coreutils/cat.c. */
import type { CommandContext } from "../interface";
import { type Applet, type Flavour, getopt, has, readInput, usage } from "./common";
import { eachChunk, readsStdin, streaming, whole } from "./stream";

/** `cat [-nbsE] [FILE]...`; no FILE or `-` reads stdin. */
export const cat: Applet = (flavour) =>
  streaming((ctx) => {
    const pipe = ctx.stdinPipe;
    // Plain `cat` of a pipe still being written passes on what comes as it comes.
    if (pipe && (ctx.argv.length === 1 || (ctx.argv.length === 2 && ctx.argv[1] === "-")))
      return (function* () {
        yield* eachChunk(pipe, (text) => ctx.stdout.write(text));
        return 0;
      })();
    return whole(
      ctx,
      () => catWhole(ctx, flavour),
      readsStdin(ctx.argv.slice(1).filter((a) => a === "-" || !a.startsWith("-"))),
    );
  });

function catWhole(ctx: CommandContext, flavour: Flavour): number {
  let p: ReturnType<typeof getopt>;
  try {
    p = getopt(ctx.argv.slice(1), "nbsEAvetuT", {
      number: "n",
      "number-nonblank": "b",
      "squeeze-blank": "s",
      "show-ends": "E",
      "show-all": "A",
      "show-tabs": "T",
      "show-nonprinting": "v",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const files = p.operands.length ? p.operands : ["-"];
  const ends = has(p, "E") || has(p, "A") || has(p, "e");
  const tabs = has(p, "T") || has(p, "A") || has(p, "t");
  const nonprinting = has(p, "v") || has(p, "A") || has(p, "e") || has(p, "t");
  let status = 0;
  let n = 0;
  let prevBlank = false;
  for (const f of files) {
    const text = readInput(ctx, f, flavour);
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (!has(p, "n") && !has(p, "b") && !has(p, "s") && !ends && !tabs && !nonprinting) {
      ctx.stdout.write(text);
      continue;
    }
    const parts = text.split("\n");
    let out = "";
    parts.forEach((line, i) => {
      const last = i === parts.length - 1;
      if (last && line === "") return;
      const blank = line === "";
      if (has(p, "s") && blank && prevBlank) return;
      prevBlank = blank;
      const numbered = has(p, "b") ? !blank : has(p, "n");
      const shown = nonprinting || tabs ? showNonprinting(line, tabs, nonprinting) : line;
      out += `${numbered ? `${String(++n).padStart(6)}\t` : ""}${shown}${last ? "" : ends ? "$\n" : "\n"}`;
    });
    ctx.stdout.write(out);
  }
  return status;
}

/** cat -v's notation: `^X` for control characters (and `^I` for tabs with -T), `^?` for DEL. */
function showNonprinting(line: string, tabs: boolean, controls: boolean): string {
  let out = "";
  for (const c of line) {
    const code = c.charCodeAt(0);
    if (c === "\t") out += tabs ? "^I" : c;
    else if (controls && code < 32) out += `^${String.fromCharCode(code + 64)}`;
    else if (controls && code === 127) out += "^?";
    else out += c;
  }
  return out;
}
