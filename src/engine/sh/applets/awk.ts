/**
 * awk: a POSIX awk (patterns, ranges, BEGIN/END, fields, NR NF FS OFS, -F, -v, -f, print/printf
 * with > and >> redirection, arrays, functions, the string and math built-ins, getline). The
 * GNU userland's awk is mawk (Debian's default), whose messages it words; busybox's its own.
 */

import { Awk, AwkRuntimeError } from "./awk/interp";
import { AwkSyntaxError } from "./awk/lexer";
import { parseAwk } from "./awk/parser";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, abs, complain, fsReason, getopt, type Parsed, usage } from "./common";
import { RegexError } from "./regex";
import { streaming, whole } from "./stream";

/** `awk [-F FS] [-v VAR=VAL]... [-f FILE | 'PROGRAM'] [FILE | VAR=VAL]...`. */
export const awk: Applet = (flavour) =>
  streaming((ctx) => {
    let p: Parsed;
    try {
      p = getopt(
        ctx.argv.slice(1),
        "F:v:f:",
        { "field-separator=": "F", "assign=": "v", "file=": "f" },
        { stopAtOperand: true },
      );
    } catch (e) {
      return usage(ctx, flavour, e, 2);
    }
    const operands = [...p.operands];
    let src: string;
    const files = p.opts.get("f");
    if (files) {
      try {
        src = files.map((f) => ctx.fs.read(abs(ctx, f))).join("\n");
      } catch (e) {
        complain(ctx, `couldn't open file ${files[0]}: ${fsReason(e)}`);
        return 2;
      }
    } else {
      const s = operands.shift();
      if (s === undefined) {
        if (flavour === "gnu")
          ctx.stderr.write(
            "usage: mawk [-F value] [-v var=value] [--] 'program text' [file ...]\nusage: mawk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n",
          );
        else ctx.stderr.write(busyboxUsage("awk"));
        return flavour === "gnu" ? 2 : 1;
      }
      src = s;
    }
    let interp: Awk;
    try {
      interp = new Awk(parseAwk(src), ctx);
    } catch (e) {
      if (!(e instanceof AwkSyntaxError) && !(e instanceof RegexError)) throw e;
      complain(ctx, flavour === "gnu" ? `line 1: ${e.message}` : `cmd. line:1: ${e.message}`);
      return 2;
    }
    const fs = p.opts.get("F")?.at(-1);
    if (fs !== undefined) interp.assignVar("FS", fs === "t" ? "\t" : fs);
    for (const a of p.opts.get("v") ?? []) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
      if (!m) {
        complain(ctx, flavour === "gnu" ? `improper assignment: -v ${a}` : `unexpected token`);
        return 2;
      }
      interp.assignVar(m[1] as string, m[2] as string);
    }
    const failed = (e: unknown): number => {
      if (!(e instanceof AwkRuntimeError) && !(e instanceof RegexError)) throw e;
      interp.flush();
      complain(ctx, flavour === "gnu" ? `run time error: ${e.message}` : `cmd. line:1: ${e.message}`);
      return 2;
    };
    const pipe = ctx.stdinPipe;
    if (pipe && operands.length === 0)
      return (function* () {
        try {
          return yield* interp.runPipe(pipe);
        } catch (e) {
          return failed(e);
        }
      })();
    return whole(
      ctx,
      () => {
        try {
          return interp.run(operands);
        } catch (e) {
          return failed(e);
        }
      },
      // Operands that are all assignments (`awk '{...}' x=1`) still read stdin.
      operands.every((o) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(o)) || operands.includes("-"),
    );
  });
