/**
 * sed: GNU sed's and busybox editors/sed.c's common commands (s with g, p, N, i, I flags, & and
 * \1..\9 in the replacement; d, p, q, =, a, i, c, y, n) with line, `$`, /re/ addresses, ranges,
 * `!`, `-n`, several `-e`, `-E`/`-r`, `-i[SUFFIX]` and `-s`. Files form one stream unless -i/-s.
 */
import type { CommandContext } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  type Parsed,
  usage,
} from "./common";
import { compile, RegexError } from "./regex";

type Address = { line: number } | { last: true } | { re: RegExp };

interface Command {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: string;
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  text?: string;
  map?: Map<string, string>;
  /** `{`: the index of its matching `}`, where an unselected block jumps. */
  skipTo?: number;
}

/** A script error, already worded for the flavour. */
class SedError extends Error {}

/** Parses a sed script into commands. */
function parseScript(script: string, extended: boolean, flavour: Flavour): Command[] {
  const cmds: Command[] = [];
  const blocks: number[] = [];
  let i = 0;
  const err = (gnu: string, bb: string) =>
    new SedError(flavour === "gnu" ? `-e expression #1, char ${Math.min(i + 1, script.length)}: ${gnu}` : bb);
  const toRe = (src: string, flags: string) => {
    try {
      return compile(src, extended, flags);
    } catch (e) {
      if (e instanceof RegexError) throw err(e.message, `bad regex '${src}': ${e.message}`);
      throw e;
    }
  };
  const until = (delim: string, gnu: string): string => {
    let out = "";
    while (i < script.length && script[i] !== delim) {
      if (script[i] === "\\" && i + 1 < script.length) {
        out += script[i + 1] === delim ? delim : script[i + 1] === "n" ? "\n" : `\\${script[i + 1]}`;
        i += 2;
      } else out += script[i++];
    }
    if (i >= script.length) throw err(gnu, `unmatched '${delim}'`);
    i++;
    return out;
  };
  const address = (): Address | undefined => {
    const c = script[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(script.slice(i)) as RegExpExecArray;
      i += m[0].length;
      return { line: Number(m[0]) };
    }
    if (c === "$") {
      i++;
      return { last: true };
    }
    if (c === "/" || c === "\\") {
      let delim = "/";
      if (c === "\\") delim = script[++i] ?? "/";
      i++;
      const src = until(delim, "unterminated address regex");
      let flags = "";
      if (script[i] === "I") {
        flags = "i";
        i++;
      }
      return { re: toRe(src, flags) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i] as string)) i++;
    if (i >= script.length) break;
    const cmd: Command = { negate: false, name: "" };
    cmd.from = address();
    if (cmd.from && script[i] === ",") {
      i++;
      cmd.to = address();
      if (!cmd.to) throw err("unexpected `,'", "unexpected ','");
    }
    while (script[i] === " ") i++;
    if (script[i] === "!") {
      cmd.negate = true;
      i++;
      while (script[i] === " ") i++;
    }
    const name = script[i];
    if (name === undefined) throw err("missing command", "missing command");
    i++;
    cmd.name = name;
    if (name === "{") {
      cmds.push(cmd);
      blocks.push(cmds.length - 1);
      continue;
    }
    if (name === "}") {
      const open = blocks.pop();
      if (open === undefined || cmd.from) throw err("unexpected `}'", "unexpected '}'");
      (cmds[open] as Command).skipTo = cmds.length;
      cmds.push(cmd);
      continue;
    }
    if (name === "s") {
      const delim = script[i];
      if (delim === undefined || delim === "\n" || delim === "\\")
        throw err("unterminated `s' command", "bad format in substitution expression");
      i++;
      const pattern = until(delim, "unterminated `s' command");
      cmd.replacement = until(delim, "unterminated `s' command");
      let flags = "";
      while (i < script.length && /[gipIw0-9]/.test(script[i] as string)) {
        const f = script[i++] as string;
        if (f === "g") cmd.global = true;
        else if (f === "i" || f === "I") flags += "i";
        else if (f === "p") cmd.print = true;
        else if (/\d/.test(f)) cmd.occurrence = Number(`${cmd.occurrence ?? ""}${f}`);
      }
      cmd.re = toRe(pattern, `${flags}g`);
      // mark_subst_opts (GNU) and parse_subst_cmd (busybox): any other character is a bad flag.
      let j = i;
      while (script[j] === " ") j++;
      if (j < script.length && !/[;\n}#]/.test(script[j] as string))
        throw err("unknown option to `s'", "bad option in substitution expression");
    } else if (name === "y") {
      const delim = script[i++] ?? "/";
      const a = until(delim, "unterminated `y' command");
      const b = until(delim, "unterminated `y' command");
      if (a.length !== b.length)
        throw err(
          "strings for `y' command are different lengths",
          "strings for 'y' command are different lengths",
        );
      cmd.map = new Map([...a].map((ch, k) => [ch, b[k] as string]));
    } else if (name === "a" || name === "i" || name === "c") {
      while (script[i] === " " || script[i] === "\t") i++;
      if (script[i] === "\\") {
        i++;
        if (script[i] === "\n") i++;
      }
      let text = "";
      while (i < script.length && script[i] !== "\n") {
        if (script[i] === "\\" && i + 1 < script.length) {
          const e = script[i + 1] as string;
          text += e === "n" ? "\n" : e === "t" ? "\t" : e;
          i += 2;
        } else text += script[i++];
      }
      cmd.text = text;
    } else if (!"dpqQ=nNhHgGxl".includes(name) || name === "") {
      i--;
      throw err(`unknown command: \`${name}'`, `unsupported command ${name}`);
    }
    while (script[i] === " ") i++;
    if (i < script.length && !/[;\n}]/.test(script[i] as string))
      throw err("extra characters after command", `unsupported command ${script[i]}`);
    cmds.push(cmd);
  }
  if (blocks.length) throw err("unmatched `{'", "unmatched '{'");
  return cmds;
}

/** Expands a replacement: `&` the match, `\1`..`\9` groups, `\n` newline, `\&` a literal. */
function replace(replacement: string, match: string, groups: (string | undefined)[]): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c === "\\" && i + 1 < replacement.length) {
      const n = replacement[++i] as string;
      if (/\d/.test(n)) out += n === "0" ? match : (groups[Number(n) - 1] ?? "");
      else if (n === "n") out += "\n";
      else if (n === "t") out += "\t";
      else out += n;
    } else if (c === "&") out += match;
    else out += c;
  }
  return out;
}

/** Runs commands over lines; returns the output and whether q stopped the stream. */
function execute(cmds: Command[], lines: string[], quiet: boolean, endsWithNewline: boolean): string {
  const active = cmds.map(() => false);
  const total = lines.length;
  const matches = (a: Address, n: number, line: string) =>
    "line" in a ? a.line === n : "last" in a ? n === total : a.re.test(line);
  let out = "";
  let hold = "";
  for (let idx = 0; idx < lines.length; idx++) {
    let n = idx + 1;
    let line = lines[idx] as string;
    let deleted = false;
    let quit = false;
    let printOnQuit = true;
    let after = "";
    for (let k = 0; k < cmds.length; k++) {
      const cmd = cmds[k] as Command;
      let selected: boolean;
      if (!cmd.from) selected = true;
      else if (!cmd.to) selected = matches(cmd.from, n, line);
      else if (active[k]) {
        selected = true;
        const to = cmd.to;
        if ("line" in to ? n >= to.line : matches(to, n, line)) active[k] = false;
      } else if (matches(cmd.from, n, line)) {
        selected = true;
        const to = cmd.to;
        active[k] = "line" in to ? to.line > n : !("last" in to) || n < total;
      } else selected = false;
      if (selected === cmd.negate) {
        if (cmd.name === "{") k = cmd.skipTo ?? k;
        continue;
      }
      const name = cmd.name;
      if (name === "d") {
        deleted = true;
        break;
      }
      if (name === "p") out += `${line}\n`;
      else if (name === "=") out += `${n}\n`;
      else if (name === "q" || name === "Q") {
        quit = true;
        printOnQuit = name === "q";
        break;
      } else if (name === "a") after += `${cmd.text}\n`;
      else if (name === "i") out += `${cmd.text}\n`;
      else if (name === "c") {
        if (!cmd.to || !active[k]) out += `${cmd.text}\n`;
        deleted = true;
        break;
      } else if (name === "y" && cmd.map) line = [...line].map((ch) => cmd.map?.get(ch) ?? ch).join("");
      else if (name === "h") hold = line;
      else if (name === "H") hold = `${hold}\n${line}`;
      else if (name === "g") line = hold;
      else if (name === "G") line = `${line}\n${hold}`;
      else if (name === "x") [line, hold] = [hold, line];
      else if (name === "n" || name === "N") {
        if (idx + 1 >= lines.length) {
          if (name === "N") break;
          break;
        }
        if (name === "n" && !quiet) out += `${line}\n`;
        idx++;
        n = idx + 1;
        line = name === "N" ? `${line}\n${lines[idx]}` : (lines[idx] as string);
      } else if (name === "s" && cmd.re) {
        let count = 0;
        let changed = false;
        const want = cmd.occurrence ?? 1;
        line = line.replace(cmd.re, (m, ...rest) => {
          count++;
          const groups = rest.slice(0, -2) as (string | undefined)[];
          if (count < want || (!cmd.global && count > want)) return m;
          changed = true;
          return replace(cmd.replacement ?? "", m, groups);
        });
        if (changed && cmd.print) out += `${line}\n`;
      }
    }
    if (!deleted && !quiet && (!quit || printOnQuit)) out += `${line}\n`;
    out += after;
    if (quit) break;
  }
  if (!endsWithNewline && out.endsWith("\n")) out = out.slice(0, -1);
  return out;
}

/** Lines of a text and whether it ended with a newline. */
function linesOf(text: string): { lines: string[]; nl: boolean } {
  const lines = text.split("\n");
  const nl = text === "" || text.endsWith("\n");
  if (text.endsWith("\n") || text === "") lines.pop();
  return { lines, nl };
}

/** `sed [-nEr] [-i[SUF]] [-s] [-e SCRIPT]... [-f FILE] [SCRIPT] [FILE]...`. */
export const sed: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  const args = ctx.argv
    .slice(1)
    .map((a) => (/^-i./.test(a) && !a.startsWith("--") ? `--in-place=${a.slice(2)}` : a));
  try {
    p = getopt(args, "nrEe:f:is", {
      quiet: "n",
      silent: "n",
      "regexp-extended": "E",
      "expression=": "e",
      "file=": "f",
      "in-place=": "I",
      "in-place": "i",
      separate: "s",
      posix: "posix",
    });
  } catch (e) {
    return usage(ctx, flavour, e, flavour === "gnu" ? 1 : 1);
  }
  const scripts = [...(p.opts.get("e") ?? [])];
  for (const f of p.opts.get("f") ?? []) {
    try {
      scripts.push(ctx.fs.read(abs(ctx, f)).replace(/\n$/, ""));
    } catch (e) {
      complain(ctx, `couldn't open file ${f}: ${fsReason(e)}`);
      return flavour === "gnu" ? 1 : 1;
    }
  }
  const operands = [...p.operands];
  if (!scripts.length) {
    const s = operands.shift();
    if (s === undefined) {
      if (flavour === "gnu")
        ctx.stderr.write("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n");
      else ctx.stderr.write(busyboxUsage("sed"));
      return 1;
    }
    scripts.push(s);
  }
  let cmds: Command[];
  try {
    cmds = parseScript(scripts.join("\n"), has(p, "E") || has(p, "r"), flavour);
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    complain(ctx, e.message);
    return 1;
  }
  const quiet = has(p, "n");
  const inPlace = has(p, "i") || has(p, "I");
  if (!operands.length) {
    if (inPlace) {
      complain(ctx, flavour === "gnu" ? "no input files" : "no files to edit");
      // GNU sed's panic() exits EXIT_PANIC (sed/utils.h).
      return flavour === "gnu" ? 4 : 1;
    }
    const { lines, nl } = linesOf(ctx.stdin);
    ctx.stdout.write(execute(cmds, lines, quiet, nl));
    return 0;
  }
  return runFiles(ctx, flavour, p, cmds, operands, quiet, inPlace);
};

/** Reads the files; -i and -s edit each alone, otherwise they form one stream. */
function runFiles(
  ctx: CommandContext,
  flavour: Flavour,
  p: Parsed,
  cmds: Command[],
  files: string[],
  quiet: boolean,
  inPlace: boolean,
): number {
  let status = 0;
  const texts: Array<{ name: string; path: string; text: string }> = [];
  for (const f of files) {
    const path = f === "-" ? "-" : abs(ctx, f);
    if (path !== "-" && ctx.fs.isDir(path)) {
      complain(
        ctx,
        inPlace
          ? `couldn't edit ${f}: not a regular file`
          : flavour === "gnu"
            ? `read error on ${f}: Is a directory`
            : `read error: Is a directory`,
      );
      status = flavour === "gnu" ? 2 : 1;
      continue;
    }
    if (path !== "-" && !ctx.fs.isFile(path)) {
      complain(
        ctx,
        flavour === "gnu"
          ? `can't read ${f}: No such file or directory`
          : `can't open '${f}': No such file or directory`,
      );
      status = flavour === "gnu" ? 2 : 1;
      continue;
    }
    texts.push({ name: f, path, text: path === "-" ? ctx.stdin : ctx.fs.read(path) });
  }
  if (inPlace || has(p, "s")) {
    for (const t of texts) {
      const { lines, nl } = linesOf(t.text);
      const out = execute(cmds, lines, quiet, nl);
      if (!inPlace) ctx.stdout.write(out);
      else {
        const suffix = p.opts.get("I")?.at(-1);
        if (suffix)
          ctx.fs.write(suffix.includes("*") ? suffix.replace("*", t.path) : `${t.path}${suffix}`, t.text);
        ctx.fs.write(t.path, out);
      }
    }
    return status;
  }
  const joined = texts
    .map((t, k) => (k < texts.length - 1 && t.text && !t.text.endsWith("\n") ? `${t.text}\n` : t.text))
    .join("");
  const { lines, nl } = linesOf(joined);
  ctx.stdout.write(execute(cmds, lines, quiet, nl));
  return status;
}
