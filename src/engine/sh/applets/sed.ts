/**
 * sed, as GNU sed 4.9 (sed/sed.c, compile.c, execute.c) and busybox (editors/sed.c) run it: the
 * POSIX commands with labels, branches and the hold space, GNU's extensions (T, F, R, W, Q, z,
 * `0,/re/`, `first~step`, `addr,+N`, `addr,~N`, s///Nmw, \L\U case conversion, -z, -s, -u,
 * --posix, -i[SUFFIX] with `*`), each flavour's messages. It reads a pipe as lines arrive
 * (`tail -f log | sed -n /ERROR/p`), and a script that loops for ever runs throttled until killed.
 * The parser is sed/parse.ts, the executor sed/exec.ts.
 */
import type { CommandContext, Proc, Wait } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  usage,
} from "./common";
import {
  EXIT_PANIC,
  runSed,
  type SedHost,
  type SedOutcome,
  type SedRunOptions,
  SedRuntimeError,
  SedState,
} from "./sed/exec";
import { type Opener, SedInput } from "./sed/input";
import { parseScript, type ScriptSource, SedError } from "./sed/parse";
import type { SedScript } from "./sed/script";
import { streaming } from "./stream";

/** GNU sed's exit statuses (sed/utils.h): bad input file, panic. */
const EXIT_BAD_INPUT = 2;

/** GNU sed's usage line, printed alone when no script is given. */
const GNU_USAGE = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n";

const GNU_LONG = {
  quiet: "n",
  silent: "n",
  "regexp-extended": "E",
  "expression=": "e",
  "file=": "f",
  "in-place=": "I",
  "in-place": "i",
  "line-length=": "l",
  separate: "s",
  posix: "posix",
  sandbox: "sandbox",
  unbuffered: "u",
  "null-data": "z",
  "zero-terminated": "z",
  binary: "b",
};

const BUSYBOX_LONG = {
  quiet: "n",
  silent: "n",
  "regexp-extended": "r",
  "expression=": "e",
  "file=": "f",
  "in-place=": "I",
  "in-place": "i",
};

/** `sed [-nEru] [-i[SUF]] [-s] [-z] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...`. */
export const sed: Applet = (flavour) =>
  streaming((ctx) => {
    const gnu = flavour === "gnu";
    // busybox lies to autoconf (editors/sed.c).
    if (!gnu && ctx.argv[1] === "--version") {
      ctx.stdout.write("This is not GNU sed version 4.0\n");
      return 0;
    }
    let p: Parsed;
    // -iSUFFIX: the suffix is glued to the option, as getopt's optional argument.
    const args = ctx.argv.slice(1).map((a) => (/^-i./.test(a) ? `--in-place=${a.slice(2)}` : a));
    try {
      p = gnu ? getopt(args, "nrEe:f:isul:zb", GNU_LONG) : getopt(args, "nrEe:f:i", BUSYBOX_LONG);
    } catch (e) {
      return usage(ctx, flavour, e, 1);
    }
    const sources: ScriptSource[] = [];
    // Options keep their order on the command line: -e and -f interleave.
    for (const [k, v] of orderedScripts(args, p)) {
      if (k === "e") sources.push({ text: v });
      else {
        const path = v === "-" ? "-" : abs(ctx, v);
        if (path !== "-" && !ctx.fs.isFile(path)) {
          complain(ctx, `couldn't open file ${v}: No such file or directory`);
          return gnu ? 1 : 1;
        }
        const text = path === "-" ? ctx.stdin : ctx.fs.read(path);
        sources.push({ text: text.endsWith("\n") ? text.slice(0, -1) : text, file: v });
      }
    }
    const operands = [...p.operands];
    if (!sources.length) {
      const s = operands.shift();
      if (s === undefined) {
        ctx.stderr.write(gnu ? GNU_USAGE : busyboxUsage("sed"));
        return gnu ? 1 : 1;
      }
      sources.push({ text: s });
    }
    let script: SedScript;
    try {
      script = parseScript(sources, {
        flavour,
        extended: has(p, "E") || has(p, "r"),
        sandbox: has(p, "sandbox"),
      });
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      complain(ctx, e.message);
      return e.status;
    }
    const inPlace = has(p, "i") || has(p, "I");
    if (inPlace && !operands.length) {
      complain(ctx, gnu ? "no input files" : "-i requires an argument");
      return gnu ? EXIT_PANIC : 1;
    }
    const lineLength = Number(last(p, "l") ?? 70);
    const opt: SedRunOptions = {
      flavour,
      quiet: has(p, "n") || script.quiet,
      // GNU sed is POSIXLY_CORRECT under --posix or that variable (N on the last line).
      posix: has(p, "posix") || (gnu && ctx.env.POSIXLY_CORRECT !== undefined),
      delimiter: has(p, "z") ? "\0" : "\n",
      lineLength,
    };
    return drive(ctx, flavour, () =>
      run(ctx, flavour, script, opt, operands, inPlace, has(p, "s"), last(p, "I")),
    );
  });

/**
 * The -e and -f values in command-line order (getopt keeps each option's values apart): walks
 * the arguments as getopt does, noting which of the two each value-taking option is.
 */
function orderedScripts(args: string[], p: Parsed): Array<["e" | "f", string]> {
  const values = { e: [...(p.opts.get("e") ?? [])], f: [...(p.opts.get("f") ?? [])] };
  const kinds: Array<"e" | "f"> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (a.startsWith("--")) {
      const name = a.slice(2).split("=")[0] as string;
      const kind =
        name.length > 1 && "expression".startsWith(name)
          ? "e"
          : name.length > 1 && "file".startsWith(name)
            ? "f"
            : undefined;
      if (kind) kinds.push(kind);
      if ((kind || (name.length > 1 && "line-length".startsWith(name))) && !a.includes("=")) i++;
      continue;
    }
    if (!a.startsWith("-") || a === "-") continue;
    for (let k = 1; k < a.length; k++) {
      const c = a[k] as string;
      if (c !== "e" && c !== "f" && c !== "l") continue;
      if (c !== "l") kinds.push(c);
      // The option's value is the rest of the argument, or the next one.
      if (k === a.length - 1) i++;
      break;
    }
  }
  return kinds.map((k) => [k, values[k].shift() as string]);
}

/**
 * Runs sed's work at once when it never waits; else as a Proc (a pipe's next line, a throttle).
 * Runtime errors end it with GNU's or busybox's message and status.
 */
function drive(
  ctx: CommandContext,
  flavour: Flavour,
  work: () => Generator<Wait, number, void>,
): number | Proc {
  const failed = (e: unknown): number => {
    // A pattern space past the engine's longest string (`yes | sed ':a;N;ba'`): malloc failed.
    if (e instanceof RangeError && e.message.includes("string length")) {
      complain(ctx, flavour === "gnu" ? "memory exhausted" : "out of memory");
      return 1;
    }
    if (!(e instanceof SedRuntimeError)) throw e;
    complain(ctx, e.message);
    return flavour === "gnu" ? e.status : 1;
  };
  let gen: Generator<Wait, number, void>;
  let first: IteratorResult<Wait, number>;
  try {
    gen = work();
    first = gen.next();
  } catch (e) {
    return failed(e);
  }
  if (first.done) return first.value;
  return (function* (): Proc {
    let r: IteratorResult<Wait, number> = first;
    while (!r.done) {
      yield r.value;
      try {
        r = gen.next();
      } catch (e) {
        return failed(e);
      }
    }
    return r.value;
  })();
}

/** The whole run: one stream of all inputs, or each file alone (-s, -i). */
function* run(
  ctx: CommandContext,
  flavour: Flavour,
  script: SedScript,
  opt: SedRunOptions,
  operands: string[],
  inPlace: boolean,
  separate: boolean,
  suffix: string | undefined,
): Generator<Wait, number, void> {
  const gnu = flavour === "gnu";
  const files = operands.length ? operands : ["-"];
  const state = new SedState();
  let status = 0;
  const writes = new Map<string, string>();
  for (const name of script.writeFiles) {
    if (name === "/dev/stdout" || name === "/dev/stderr") continue;
    writes.set(abs(ctx, name), "");
    try {
      ctx.fs.write(abs(ctx, name), "");
    } catch (e) {
      complain(ctx, `couldn't open file ${name}: ${fsReason(e)}`);
      return gnu ? EXIT_PANIC : 1;
    }
  }
  let target = "";
  const host: SedHost = {
    write: (text) => {
      if (inPlace) target += text;
      else ctx.stdout.write(text);
    },
    full: () => !inPlace && ctx.stdout.full?.() === true,
    writeFile: (name, text) => {
      if (name === "/dev/stderr") ctx.stderr.write(text);
      else {
        const path = abs(ctx, name);
        const before = writes.get(path) ?? "";
        const all = `${before}${before && !before.endsWith("\n") ? "\n" : ""}${text}`;
        writes.set(path, all);
        ctx.fs.write(path, all);
      }
    },
    readFile: (name) => {
      if (name === "/dev/stdin") return ctx.stdin;
      const path = abs(ctx, name);
      return ctx.fs.isFile(path) ? ctx.fs.read(path) : undefined;
    },
  };
  let stdinRead = false;
  const open =
    (name: string): Opener =>
    () => {
      if (name === "-" && !inPlace) {
        // Standard input is read once: a second `-` finds it at its end.
        const pipe = stdinRead ? undefined : ctx.stdinPipe;
        const text = stdinRead ? "" : ctx.stdin;
        stdinRead = true;
        return pipe ? { name, pipe } : { name, text };
      }
      const path = abs(ctx, name);
      if (ctx.fs.isDir(path)) {
        complain(
          ctx,
          inPlace
            ? `couldn't edit ${name}: not a regular file`
            : gnu
              ? `read error on ${name}: Is a directory`
              : "read error: Is a directory",
        );
        status = gnu ? EXIT_BAD_INPUT : 1;
        return undefined;
      }
      if (!ctx.fs.isFile(path)) {
        complain(
          ctx,
          gnu
            ? `can't read ${name}: No such file or directory`
            : `can't open '${name}': No such file or directory`,
        );
        status = gnu ? EXIT_BAD_INPUT : 1;
        return undefined;
      }
      return { name, text: ctx.fs.read(path) };
    };
  let outcome: SedOutcome;
  if (!inPlace && !(separate && gnu)) {
    outcome = yield* runSed(script, new SedInput(files.map(open), opt.delimiter), host, opt, state);
    return outcome.quit && outcome.status ? outcome.status : status || outcome.status;
  }
  for (const name of files) {
    const path = abs(ctx, name);
    if (inPlace && !ctx.fs.isFile(path)) {
      if (gnu && ctx.fs.isDir(path)) {
        complain(ctx, `couldn't edit ${name}: not a regular file`);
        return EXIT_PANIC;
      }
      complain(
        ctx,
        gnu ? `can't read ${name}: No such file or directory` : `${name}: No such file or directory`,
      );
      status = gnu ? EXIT_BAD_INPUT : 1;
      continue;
    }
    target = "";
    // GNU resets the hold space between files; busybox keeps it.
    if (gnu) state.hold = "";
    const before = inPlace ? ctx.fs.read(path) : "";
    outcome = yield* runSed(script, new SedInput([open(name)], opt.delimiter), host, opt, state);
    if (inPlace) {
      if (suffix && suffix !== "*") {
        const backup = gnu && suffix.includes("*") ? suffix.replaceAll("*", name) : `${name}${suffix}`;
        ctx.fs.write(abs(ctx, backup), before);
      }
      ctx.fs.write(path, target);
    }
    if (outcome.quit) return outcome.status;
  }
  return status;
}
