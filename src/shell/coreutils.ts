/**
 * The file commands a learner types on a node over ssh: cat, ls, cp, mv, rm, mkdir, touch, echo,
 * sed -i, grep, head, tail, wc, find, tee, pwd. They act on the node's NodeFileSystem and print
 * what GNU coreutils prints, errors included.
 */
import { FsError, type NodeFileSystem, parentOf, resolvePath } from "../engine/node/fs";
import type { CommandResult } from "../kubectl/interface";

/** What a file command can see of its shell. */
export interface FileContext {
  fs: NodeFileSystem;
  cwd: string;
}

/** A file command: argv includes the command name. */
export type FileCommand = (argv: string[], stdin: string, ctx: FileContext) => CommandResult;

const ok = (stdout = ""): CommandResult => ({ stdout, stderr: "", exit: 0 });
const fail = (stderr: string, exit = 1): CommandResult => ({ stdout: "", stderr: `${stderr}\n`, exit });

/** Splits argv into flags (single letters, combined like -rf) and operands; `--` ends flags. */
function flagsOf(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === "--") done = true;
    else if (!done && a.startsWith("--") && a.length > 2) flags.add(a);
    else if (!done && a.startsWith("-") && a.length > 1) for (const ch of a.slice(1)) flags.add(ch);
    else operands.push(a);
  }
  return { flags, operands };
}

function guard(cmd: string, fn: () => CommandResult): CommandResult {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FsError) return fail(`${cmd}: ${e.message}`);
    throw e;
  }
}

const cat: FileCommand = (argv, stdin, { fs, cwd }) => {
  const { operands } = flagsOf(argv.slice(1));
  if (operands.length === 0 || (operands.length === 1 && operands[0] === "-")) return ok(stdin);
  let out = "";
  let err = "";
  for (const f of operands) {
    try {
      out += fs.read(resolvePath(cwd, f));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err += `cat: ${f}: ${e.message.split(": ").slice(1).join(": ")}\n`;
    }
  }
  return { stdout: out, stderr: err, exit: err ? 1 : 0 };
};

const ls: FileCommand = (argv, _stdin, { fs, cwd }) => {
  const { flags, operands } = flagsOf(argv.slice(1));
  const targets = operands.length ? operands : ["."];
  const long = flags.has("l");
  const all = flags.has("a");
  const lines: string[] = [];
  let err = "";
  for (const [n, t] of targets.entries()) {
    const path = resolvePath(cwd, t);
    if (!fs.exists(path)) {
      err += `ls: cannot access '${t}': No such file or directory\n`;
      continue;
    }
    if (targets.length > 1 && fs.isDir(path)) lines.push(`${n > 0 ? "\n" : ""}${t}:`);
    let names = fs.isDir(path) ? fs.list(path) : [t];
    if (all && fs.isDir(path)) names = [".", "..", ...names];
    if (long) {
      if (fs.isDir(path)) lines.push(`total ${names.length * 4}`);
      for (const name of names) {
        const full = fs.isDir(path) ? resolvePath(path, name) : path;
        const dir = fs.isDir(full);
        const size = dir ? 4096 : new TextEncoder().encode(fs.read(full)).length;
        lines.push(
          `${dir ? "drwxr-xr-x" : "-rw-------"} ${dir ? 2 : 1} root root ${String(size).padStart(5)} Jan  1 00:00 ${name}`,
        );
      }
    } else lines.push(...names);
  }
  return { stdout: lines.length ? `${lines.join("\n")}\n` : "", stderr: err, exit: err ? 2 : 0 };
};

const mkdir: FileCommand = (argv, _stdin, { fs, cwd }) =>
  guard("mkdir", () => {
    const { flags, operands } = flagsOf(argv.slice(1));
    if (!operands.length) return fail("mkdir: missing operand");
    for (const d of operands) fs.mkdir(resolvePath(cwd, d), flags.has("p"));
    return ok();
  });

/**
 * `rm [-rRf] FILE...`. With -r, `/` is refused unless --no-preserve-root (coreutils remove.c,
 * ROOT_DEV_INO_WARN in root-dev-ino.h), and a last component `.` or `..` is skipped (rm.c).
 */
const rm: FileCommand = (argv, _stdin, { fs, cwd }) => {
  const { flags, operands } = flagsOf(argv.slice(1));
  if (!operands.length) return flags.has("f") ? ok() : fail("rm: missing operand");
  const recursive = flags.has("r") || flags.has("R") || flags.has("--recursive");
  let err = "";
  for (const f of operands) {
    const path = resolvePath(cwd, f);
    const last = f.replace(/\/+$/, "").split("/").pop();
    if (recursive && (last === "." || last === "..")) {
      err += `rm: refusing to remove '.' or '..' directory: skipping '${f}'\n`;
      continue;
    }
    if (recursive && path === "/" && !flags.has("--no-preserve-root")) {
      err += `rm: it is dangerous to operate recursively on '${f}'${f === "/" ? "" : " (same as '/')"}\n`;
      err += "rm: use --no-preserve-root to override this failsafe\n";
      continue;
    }
    if (!fs.exists(path)) {
      if (!flags.has("f")) err += `rm: cannot remove '${f}': No such file or directory\n`;
      continue;
    }
    if (fs.isDir(path) && !recursive) {
      err += `rm: cannot remove '${f}': Is a directory\n`;
      continue;
    }
    if (path === "/") for (const n of fs.list("/")) fs.remove(resolvePath("/", n), true);
    else fs.remove(path, true);
  }
  return { stdout: "", stderr: err, exit: err ? 1 : 0 };
};

function copyOrMove(name: "cp" | "mv"): FileCommand {
  return (argv, _stdin, { fs, cwd }) =>
    guard(name, () => {
      const { operands } = flagsOf(argv.slice(1));
      if (operands.length < 2)
        return fail(`${name}: missing destination file operand after '${operands[0] ?? ""}'`);
      const dest = resolvePath(cwd, operands[operands.length - 1] as string);
      for (const srcName of operands.slice(0, -1)) {
        const src = resolvePath(cwd, srcName);
        if (!fs.exists(src)) return fail(`${name}: cannot stat '${srcName}': No such file or directory`);
        if (fs.isDir(src)) return fail(`${name}: -r not specified; omitting directory '${srcName}'`);
        const target = fs.isDir(dest)
          ? `${dest === "/" ? "" : dest}/${src.slice(src.lastIndexOf("/") + 1)}`
          : dest;
        const text = fs.read(src);
        fs.write(target, text);
        if (name === "mv" && target !== src) fs.remove(src);
      }
      return ok();
    });
}

const touch: FileCommand = (argv, _stdin, { fs, cwd }) =>
  guard("touch", () => {
    for (const f of flagsOf(argv.slice(1)).operands) {
      const path = resolvePath(cwd, f);
      if (!fs.exists(path)) fs.write(path, "");
    }
    return ok();
  });

const echo: FileCommand = (argv) => {
  let args = argv.slice(1);
  let newline = true;
  while (args[0] === "-n" || args[0] === "-e") {
    if (args[0] === "-n") newline = false;
    args = args.slice(1);
  }
  return ok(`${args.join(" ")}${newline ? "\n" : ""}`);
};

/** `printf FORMAT [ARG]...`: %s %d %i %% and backslash escapes; the format repeats while arguments remain. */
const printf: FileCommand = (argv) => {
  const format = argv[1];
  if (format === undefined) return fail("printf: usage: printf [-v var] format [arguments]", 2);
  const args = argv.slice(2);
  const escapes = (t: string) =>
    t.replace(/\\([nt\\\\"'])/g, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  let out = "";
  let k = 0;
  let err = "";
  do {
    out += format.replace(/%%|%([-0-9.]*)([sdiq])|\\[nt\\\\"']/g, (m, _w, conv: string | undefined) => {
      if (m === "%%") return "%";
      if (!conv) return escapes(m);
      const a = args[k++] ?? "";
      if (conv === "s" || conv === "q") return a;
      if (a !== "" && !/^[-+]?\d+$/.test(a)) {
        err += `bash: printf: ${a}: invalid number\n`;
        return "0";
      }
      return String(Number(a || 0));
    });
  } while (k > 0 && k < args.length);
  return { stdout: out, stderr: err, exit: err ? 1 : 0 };
};

const pwd: FileCommand = (_argv, _stdin, { cwd }) => ok(`${cwd}\n`);

/** A sed address: a line number, `$`, or a regular expression. */
type SedAddress = { line: number } | { last: true } | { re: RegExp };

/** One parsed sed command with its optional address range. */
interface SedCommand {
  from?: SedAddress;
  to?: SedAddress;
  negate: boolean;
  name: string;
  /** s: the pattern, replacement and flags; a/i/c: the text. */
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  text?: string;
}

class SedError extends Error {}

/** Parses a sed script (commands separated by `;` or newlines) as GNU sed does, for the common commands. */
function parseSed(script: string, extended: boolean): SedCommand[] {
  const cmds: SedCommand[] = [];
  let i = 0;
  const err = (what: string) =>
    new SedError(`sed: -e expression #1, char ${Math.min(i + 1, script.length)}: ${what}`);
  const toRe = (src: string, flags: string) => {
    try {
      return new RegExp(extended ? src : toJsRegex(src), flags);
    } catch {
      throw err("Invalid preceding regular expression");
    }
  };
  // Reads up to an unescaped delimiter; `\DELIM` becomes DELIM, other escapes are kept.
  const until = (delim: string, what: string): string => {
    let out = "";
    while (i < script.length && script[i] !== delim) {
      if (script[i] === "\\" && i + 1 < script.length) {
        out += script[i + 1] === delim ? delim : script[i + 1] === "n" ? "\n" : `\\${script[i + 1]}`;
        i += 2;
      } else out += script[i++];
    }
    if (i >= script.length) throw err(what);
    i++;
    return out;
  };
  const address = (): SedAddress | undefined => {
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
      if (c === "\\") {
        delim = script[i + 1] ?? "/";
        i++;
      }
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
    const cmd: SedCommand = { negate: false, name: "" };
    cmd.from = address();
    if (cmd.from && script[i] === ",") {
      i++;
      cmd.to = address();
      if (!cmd.to) throw err("unexpected `,'");
    }
    while (script[i] === " ") i++;
    if (script[i] === "!") {
      cmd.negate = true;
      i++;
      while (script[i] === " ") i++;
    }
    const name = script[i];
    if (name === undefined) throw err("missing command");
    i++;
    cmd.name = name;
    if (name === "s") {
      const delim = script[i];
      if (delim === undefined || delim === "\n" || delim === "\\") throw err("unterminated `s' command");
      i++;
      const pattern = until(delim, "unterminated `s' command");
      const replacement = until(delim, "unterminated `s' command");
      let flags = "";
      while (i < script.length && /[gipI0-9]/.test(script[i] as string)) {
        const f = script[i++] as string;
        if (f === "g") cmd.global = true;
        else if (f === "i" || f === "I") flags += "i";
        else if (f === "p") cmd.print = true;
        else cmd.occurrence = Number(`${cmd.occurrence ?? ""}${f}`);
      }
      cmd.re = toRe(pattern, `${flags}g`);
      cmd.replacement = replacement;
    } else if (name === "a" || name === "i" || name === "c") {
      // GNU one-liner forms: `a text`, `a\text`, `a\` NEWLINE `text`.
      // Whitespace after `a` is skipped; after `a\\` it is kept (the indentation trick).
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
    } else if (name === "d" || name === "p" || name === "q" || name === "=") {
      // no argument
    } else {
      i--;
      throw err(`unknown command: \`${name}'`);
    }
    while (script[i] === " ") i++;
    if (i < script.length && !/[;\n}]/.test(script[i] as string)) throw err(`extra characters after command`);
    cmds.push(cmd);
  }
  return cmds;
}

/** Expands a sed replacement: `&` is the match, `\1`..`\9` groups, `\n` a newline, `\&` a literal. */
function sedReplace(replacement: string, match: string, groups: (string | undefined)[]): string {
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

/** Runs parsed sed commands over text; returns what sed prints. */
function runSed(cmds: SedCommand[], text: string, quiet: boolean): string {
  const lines = text.split("\n");
  const trailingNewline = lines[lines.length - 1] === "";
  if (trailingNewline) lines.pop();
  const active = cmds.map(() => false);
  const matches = (a: SedAddress, n: number, line: string) =>
    "line" in a ? a.line === n : "last" in a ? n === lines.length : a.re.test(line);
  let out = "";
  for (let idx = 0; idx < lines.length; idx++) {
    const n = idx + 1;
    let line = lines[idx] as string;
    let deleted = false;
    let quit = false;
    let before = "";
    let after = "";
    for (const [k, cmd] of cmds.entries()) {
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
        // A line-number end at or before the start closes the range at once.
        active[k] = "line" in to ? to.line > n : !("last" in to) || n < lines.length;
      } else selected = false;
      if (selected === cmd.negate) continue;
      if (cmd.name === "d") {
        deleted = true;
        break;
      }
      if (cmd.name === "p") out += `${line}\n`;
      else if (cmd.name === "=") out += `${n}\n`;
      else if (cmd.name === "q") {
        quit = true;
        break;
      } else if (cmd.name === "a") after += `${cmd.text}\n`;
      else if (cmd.name === "i") before += `${cmd.text}\n`;
      else if (cmd.name === "c") {
        if (!cmd.to || !active[k]) out += `${cmd.text}\n`;
        deleted = true;
        break;
      } else if (cmd.name === "s" && cmd.re) {
        let count = 0;
        let changed = false;
        const want = cmd.occurrence ?? 1;
        line = line.replace(cmd.re, (m, ...rest) => {
          count++;
          const groups = rest.slice(0, -2) as (string | undefined)[];
          if (count < want || (!cmd.global && count > want)) return m;
          changed = true;
          return sedReplace(cmd.replacement ?? "", m, groups);
        });
        if (changed && cmd.print) out += `${line}\n`;
      }
    }
    out += before;
    if (!deleted && !quiet) out += `${line}\n`;
    out += after;
    if (quit) break;
  }
  if (!trailingNewline && out.endsWith("\n") && !quiet) out = out.slice(0, -1);
  return out;
}

/**
 * `sed [-n] [-i[SUFFIX]] [-E|-r] [-e SCRIPT]... [SCRIPT] [FILE]...`: the commands learners use on
 * manifests (s, d, p, a, i, c, q, =) with line, `$` and /regex/ addresses, ranges and `!`.
 */
const sed: FileCommand = (argv, stdin, { fs, cwd }) =>
  guard("sed", () => {
    const args = argv.slice(1);
    let inPlace = false;
    let quiet = false;
    let extended = false;
    const scripts: string[] = [];
    const operands: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k] as string;
      if (a === "-e" || a === "--expression") scripts.push(args[++k] ?? "");
      else if (a.startsWith("--expression=")) scripts.push(a.slice(13));
      else if (a === "-n" || a === "--quiet" || a === "--silent") quiet = true;
      else if (a === "-E" || a === "-r" || a === "--regexp-extended") extended = true;
      else if (a === "-i" || a.startsWith("--in-place") || /^-i\S/.test(a)) inPlace = true;
      else if (/^-[nEri]+$/.test(a)) {
        if (a.includes("n")) quiet = true;
        if (a.includes("E") || a.includes("r")) extended = true;
        if (a.includes("i")) inPlace = true;
      } else if (a.startsWith("-") && a.length > 1) return fail(`sed: invalid option -- '${a[1]}'`);
      else operands.push(a);
    }
    if (!scripts.length) {
      const s = operands.shift();
      if (s === undefined)
        return fail("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
      scripts.push(s);
    }
    let cmds: SedCommand[];
    try {
      cmds = parseSed(scripts.join("\n"), extended);
    } catch (e) {
      if (e instanceof SedError) return fail(e.message);
      throw e;
    }
    if (!operands.length) {
      if (inPlace) return fail("sed: no input files", 4);
      return ok(runSed(cmds, stdin, quiet));
    }
    let out = "";
    let err = "";
    for (const f of operands) {
      const path = resolvePath(cwd, f);
      if (fs.isDir(path)) {
        err += inPlace
          ? `sed: couldn't edit ${f}: not a regular file\n`
          : `sed: read error on ${f}: Is a directory\n`;
        continue;
      }
      if (!fs.isFile(path)) {
        err += `sed: can't read ${f}: No such file or directory\n`;
        continue;
      }
      const next = runSed(cmds, fs.read(path), quiet && !inPlace ? true : quiet);
      if (inPlace) fs.write(path, next);
      else out += next;
    }
    return { stdout: out, stderr: err, exit: err ? 2 : 0 };
  });

/** Basic regular expressions to JavaScript: `\(` `\)` `\+` `\?` `\|` are the special forms. */
function toJsRegex(bre: string): string {
  return bre.replace(/\\([()+?|{}])|([()+?|{}])/g, (_m, escaped, plain) =>
    escaped ? escaped : `\\${plain}`,
  );
}

/** grep's options: single letters (combinable), -e/-A/-B/-C/-m with a value, long forms. */
function grepOptions(
  args: string[],
): { flags: Set<string>; patterns: string[]; ctx: Record<string, number>; operands: string[] } | string {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const ctx: Record<string, number> = {};
  const operands: string[] = [];
  const long: Record<string, string> = {
    "--ignore-case": "i",
    "--invert-match": "v",
    "--count": "c",
    "--files-with-matches": "l",
    "--line-number": "n",
    "--word-regexp": "w",
    "--only-matching": "o",
    "--quiet": "q",
    "--silent": "q",
    "--recursive": "r",
    "--extended-regexp": "E",
    "--fixed-strings": "F",
    "--no-filename": "h",
    "--with-filename": "H",
  };
  let done = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as string;
    if (done || a === "-" || !a.startsWith("-")) {
      operands.push(a);
      continue;
    }
    if (a === "--") {
      done = true;
      continue;
    }
    if (a.startsWith("--")) {
      const [name, value] = a.split("=", 2) as [string, string | undefined];
      if (long[name]) flags.add(long[name] as string);
      else if (name === "--regexp") patterns.push(value ?? args[++k] ?? "");
      else if (name === "--after-context" || name === "--before-context" || name === "--context")
        ctx[name === "--after-context" ? "A" : name === "--before-context" ? "B" : "C"] = Number(
          value ?? args[++k],
        );
      else if (name !== "--color" && name !== "--colour") return `grep: unrecognized option '${a}'`;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j] as string;
      if ("eABCm".includes(f)) {
        const rest = a.slice(j + 1);
        const value = rest !== "" ? rest : args[++k];
        if (value === undefined) return `grep: option requires an argument -- '${f}'`;
        if (f === "e") patterns.push(value);
        else {
          if (!/^\d+$/.test(value)) return `grep: ${value}: invalid context length argument`;
          ctx[f] = Number(value);
        }
        break;
      }
      if (/\d/.test(f)) {
        // -5 is -C 5.
        const m = /^\d+/.exec(a.slice(j)) as RegExpExecArray;
        ctx.C = Number(m[0]);
        j += m[0].length - 1;
        continue;
      }
      flags.add(f);
    }
  }
  return { flags, patterns, ctx, operands };
}

const grep: FileCommand = (argv, stdin, { fs, cwd }) => {
  const parsed = grepOptions(argv.slice(1));
  if (typeof parsed === "string")
    return fail(
      `${parsed}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`,
      2,
    );
  const { flags, ctx, operands } = parsed;
  const patterns = parsed.patterns.length ? parsed.patterns : operands.splice(0, 1);
  if (!patterns.length)
    return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
  let re: RegExp;
  try {
    const sources = patterns
      .flatMap((p) => p.split("\n"))
      .map((p) =>
        flags.has("F") ? p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : flags.has("E") ? p : toJsRegex(p),
      )
      .map((p) => (flags.has("w") ? `(?<![A-Za-z0-9_])(?:${p})(?![A-Za-z0-9_])` : `(?:${p})`));
    re = new RegExp(sources.join("|"), `g${flags.has("i") ? "i" : ""}`);
  } catch {
    return fail("grep: Invalid regular expression", 2);
  }
  const test = (l: string) => {
    re.lastIndex = 0;
    return re.test(l) !== flags.has("v");
  };
  const after = ctx.A ?? ctx.C ?? 0;
  const beforeN = ctx.B ?? ctx.C ?? 0;
  const out: string[] = [];
  let err = "";
  let printedGroup = false;
  const search = (text: string, label?: string) => {
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const hit = lines.map(test);
    const hits = hit.filter(Boolean).length;
    if (flags.has("q")) return hits;
    if (flags.has("c")) out.push(`${label ? `${label}:` : ""}${hits}`);
    else if (flags.has("l")) {
      if (hits) out.push(label ?? "(standard input)");
    } else {
      let lastShown = -1;
      let afterLeft = 0;
      for (const [i, line] of lines.entries()) {
        const shownBefore = hit.slice(i + 1, i + 1 + beforeN).some(Boolean);
        if (!hit[i] && afterLeft <= 0 && !shownBefore) continue;
        const isHit = hit[i] as boolean;
        if ((after || beforeN) && printedGroup && (lastShown < 0 || i > lastShown + 1)) out.push("--");
        const sep = isHit ? ":" : "-";
        const prefix = `${label ? `${label}${sep}` : ""}${flags.has("n") ? `${i + 1}${sep}` : ""}`;
        if (flags.has("o") && isHit && !flags.has("v")) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) if (m[0]) out.push(`${prefix}${m[0]}`);
        } else if (!flags.has("o")) out.push(`${prefix}${line}`);
        lastShown = i;
        printedGroup = true;
        afterLeft = isHit ? after : afterLeft - 1;
      }
    }
    return hits;
  };
  let found = 0;
  if (!operands.length) found += search(stdin);
  const expand = (f: string): string[] => {
    const path = resolvePath(cwd, f);
    if (fs.isDir(path)) {
      if (!flags.has("r") && !flags.has("R")) {
        err += `grep: ${f}: Is a directory\n`;
        return [];
      }
      return fs.list(path).flatMap((n) => expand(`${f.replace(/\/$/, "")}/${n}`));
    }
    return [f];
  };
  const all = operands.flatMap(expand);
  const withName =
    flags.has("H") || (!flags.has("h") && (all.length > 1 || flags.has("r") || flags.has("R")));
  for (const f of all) {
    const path = resolvePath(cwd, f);
    if (!fs.isFile(path)) {
      if (!flags.has("s")) err += `grep: ${f}: No such file or directory\n`;
      continue;
    }
    found += search(fs.read(path), withName ? f : undefined);
  }
  if (flags.has("q")) return { stdout: "", stderr: found ? "" : err, exit: found ? 0 : err ? 2 : 1 };
  return { stdout: out.length ? `${out.join("\n")}\n` : "", stderr: err, exit: err ? 2 : found ? 0 : 1 };
};

function headTail(which: "head" | "tail"): FileCommand {
  return (argv, stdin, { fs, cwd }) =>
    guard(which, () => {
      let n = 10;
      const files: string[] = [];
      const args = argv.slice(1);
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        if (a === "-n") n = Number(args[++i]);
        else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
        else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
        else files.push(a);
      }
      const text = files.length ? fs.read(resolvePath(cwd, files[0] as string)) : stdin;
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      const picked = which === "head" ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n));
      return ok(picked.length ? `${picked.join("\n")}\n` : "");
    });
}

const wc: FileCommand = (argv, stdin, { fs, cwd }) =>
  guard("wc", () => {
    const { flags, operands } = flagsOf(argv.slice(1));
    const text = operands.length ? fs.read(resolvePath(cwd, operands[0] as string)) : stdin;
    const lines = (text.match(/\n/g) ?? []).length;
    const words = text.split(/\s+/).filter(Boolean).length;
    const suffix = operands.length ? ` ${operands[0]}` : "";
    if (flags.has("l")) return ok(`${lines}${suffix}\n`);
    if (flags.has("w")) return ok(`${words}${suffix}\n`);
    if (flags.has("c")) return ok(`${new TextEncoder().encode(text).length}${suffix}\n`);
    return ok(
      `${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(new TextEncoder().encode(text).length).padStart(7)}${suffix}\n`,
    );
  });

const find: FileCommand = (argv, _stdin, { fs, cwd }) => {
  const args = argv.slice(1);
  const root = args[0] && !args[0].startsWith("-") ? (args[0] as string) : ".";
  const nameIdx = args.indexOf("-name");
  const pattern = nameIdx >= 0 ? args[nameIdx + 1] : undefined;
  const re = pattern
    ? new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      )
    : undefined;
  const start = resolvePath(cwd, root);
  if (!fs.exists(start)) return fail(`find: '${root}': No such file or directory`);
  const out: string[] = [];
  const walk = (path: string, shown: string) => {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (!re || re.test(base)) out.push(shown);
    if (fs.isDir(path))
      for (const n of fs.list(path)) walk(resolvePath(path, n), `${shown.replace(/\/$/, "")}/${n}`);
  };
  walk(start, root);
  return ok(`${out.join("\n")}\n`);
};

const tee: FileCommand = (argv, stdin, { fs, cwd }) =>
  guard("tee", () => {
    const { flags, operands } = flagsOf(argv.slice(1));
    for (const f of operands) {
      const path = resolvePath(cwd, f);
      const prev = flags.has("a") && fs.isFile(path) ? fs.read(path) : "";
      fs.write(path, prev + stdin);
    }
    return ok(stdin);
  });

const editor: FileCommand = (argv) =>
  fail(
    `${argv[0]}: this terminal has no full-screen editor; write files with 'cat > FILE <<EOF' or change them with 'sed -i', or open them in the YAML editor`,
  );

/** The file commands by name. */
export const FILE_COMMANDS: Record<string, FileCommand> = {
  cat,
  ls,
  mkdir,
  rm,
  cp: copyOrMove("cp"),
  mv: copyOrMove("mv"),
  touch,
  echo,
  printf,
  pwd,
  sed,
  grep,
  head: headTail("head"),
  tail: headTail("tail"),
  wc,
  find,
  tee,
  vi: editor,
  vim: editor,
  nano: editor,
};

/** Whether a directory exists for `cd`. */
export function canChangeTo(fs: NodeFileSystem, path: string): boolean {
  return fs.isDir(path);
}

export { parentOf };
