/**
 * The shell's builtins, per dialect: what dash, busybox ash and bash each build in. A builtin
 * gets the Runner and its argv and returns a status (or a generator of one, when it may wait).
 */
import { resolvePath } from "../node/fs";
import { ArithError, evalArith } from "./arith";
import type { Gen, Job, Runner } from "./interp";
import { AbortError, BreakError, ContinueError, deliverSignal, ExitError, ReturnError } from "./interp";
import { livePipe, PIPE_WAIT } from "./pipe";
import { printf, unescapeBackslashes } from "./printf";
import { IGNORED_BY_DEFAULT, SIGNALS, signalName } from "./signals";
import { evalTest } from "./test";

/** A builtin: a status at once, or a generator when it may wait (`wait`, `.`, `eval`). */
export type Builtin = (r: Runner, argv: string[]) => number | Gen<number>;

/** POSIX special builtins: their assignments persist, their errors end a non-interactive shell. */
export const SPECIAL_BUILTINS = new Set([
  ":",
  ".",
  "break",
  "continue",
  "eval",
  "exec",
  "exit",
  "export",
  "readonly",
  "return",
  "set",
  "shift",
  "times",
  "trap",
  "unset",
  "source",
]);

/** Reserved words, for `type` and `command -v`. */
const KEYWORDS = new Set([
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "case",
  "esac",
  "for",
  "while",
  "until",
  "do",
  "done",
  "in",
  "{",
  "}",
  "!",
]);

const num = (r: Runner, cmd: string, s: string): number | undefined => {
  if (/^-?[0-9]+$/.test(s)) return Number(s);
  if (r.dialect === "bash") r.warn(`${s}: numeric argument required`, cmd);
  else r.warn(`Illegal number: ${s}`, cmd);
  return undefined;
};

const colon: Builtin = () => 0;

const echo: Builtin = (r, argv) => {
  if (argv.length === 2) {
    // `echo WORD`, the common case: nothing to parse when the word is no option and has no `\`.
    const word = argv[1] as string;
    if (word[0] !== "-" && (r.dialect !== "dash" || !word.includes("\\"))) {
      r.out(`${word}\n`);
      return 0;
    }
  }
  let args = argv.slice(1);
  let newline = true;
  let escapes = r.dialect === "dash";
  if (r.dialect === "dash") {
    if (args[0] === "-n") {
      newline = false;
      args = args.slice(1);
    }
  } else {
    while (args.length && /^-[neE]+$/.test(args[0] as string)) {
      for (const f of (args[0] as string).slice(1)) {
        if (f === "n") newline = false;
        if (f === "e") escapes = true;
        if (f === "E") escapes = false;
      }
      args = args.slice(1);
    }
  }
  let text = args.join(" ");
  if (escapes) {
    const u = unescapeBackslashes(text, true);
    text = u.text;
    if (u.stop) {
      r.out(text);
      return 0;
    }
  }
  r.out(newline ? `${text}\n` : text);
  return 0;
};

const printfBuiltin: Builtin = (r, argv) => {
  let args = argv.slice(1);
  let target: string | undefined;
  if (args[0] === "-v" && r.dialect === "bash") {
    target = args[1];
    args = args.slice(2);
  }
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) {
    if (r.dialect === "bash") r.err("printf: usage: printf [-v var] format [arguments]\n");
    else r.warn("usage: printf format [arg ...]", "printf");
    return 2;
  }
  const res = printf(args[0] as string, args.slice(1));
  if (target !== undefined) r.setVar(target, res.out);
  else r.out(res.out);
  for (const e of res.errors)
    r.warn(r.dialect === "dash" ? e.replace(": invalid number", ": expected numeric value") : e, "printf");
  return res.errors.length ? 1 : 0;
};

const cd: Builtin = (r, argv) => {
  let args = argv.slice(1);
  while (args[0] === "-L" || args[0] === "-P") args = args.slice(1);
  if (args[0] === "--") args = args.slice(1);
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = r.param("HOME");
    if (target === undefined) {
      r.warn("HOME not set", "cd");
      return 1;
    }
  } else if (target === "-") {
    target = r.param("OLDPWD");
    if (target === undefined) {
      r.warn("OLDPWD not set", "cd");
      return 1;
    }
    print = true;
  }
  const path = resolvePath(r.cwd, target);
  if (!r.fs.isDir(path)) {
    const why = r.fs.isFile(path) ? "Not a directory" : "No such file or directory";
    if (r.dialect === "dash") r.warn(`can't cd to ${target}`, "cd");
    else if (r.dialect === "ash") r.warn(`can't cd to ${target}: ${why}`, "cd");
    else r.warn(`${target}: ${why}`, "cd");
    return r.dialect === "dash" ? 2 : 1;
  }
  r.setVar("OLDPWD", r.cwd, true);
  r.cwd = path;
  r.setVar("PWD", path, true);
  if (print) r.out(`${path}\n`);
  return 0;
};

const pwd: Builtin = (r) => {
  r.out(`${r.cwd}\n`);
  return 0;
};

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

const exportBuiltin =
  (readonly: boolean): Builtin =>
  (r, argv) => {
    const name = readonly ? "readonly" : "export";
    const args = argv.slice(1).filter((a) => a !== "-p" && a !== "--");
    if (!args.length) {
      const names = [...r.vars.keys()].sort();
      for (const n of names) {
        const v = r.vars.get(n);
        if (!v || !(readonly ? v.readonly : v.exported)) continue;
        if (r.dialect === "bash")
          r.out(
            `declare -${readonly ? "r" : "x"} ${n}${v.value === undefined ? "" : `="${v.value.replace(/(["\\$`])/g, "\\$1")}"`}\n`,
          );
        else r.out(`${name} ${n}${v.value === undefined ? "" : `=${quote(v.value)}`}\n`);
      }
      return 0;
    }
    let st = 0;
    for (const a of args) {
      const eq = a.indexOf("=");
      const n = eq < 0 ? a : a.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
        r.warn(r.dialect === "bash" ? `\`${a}': not a valid identifier` : `${n}: bad variable name`, name);
        if (r.dialect !== "bash") throw r.proc.interactive ? new AbortError(2) : new ExitError(2);
        st = 1;
        continue;
      }
      if (eq >= 0) r.setVar(n, a.slice(eq + 1));
      const v = r.vars.get(n) ?? { value: undefined, exported: false };
      if (readonly) v.readonly = true;
      else v.exported = true;
      r.vars.set(n, v);
    }
    return st;
  };

const unset: Builtin = (r, argv) => {
  let fn = false;
  let st = 0;
  for (const a of argv.slice(1)) {
    if (a === "-f") fn = true;
    else if (a === "-v") fn = false;
    else if (fn) r.funcs.delete(a);
    else if (!r.unsetVar(a)) {
      r.warn(r.dialect === "bash" ? `${a}: cannot unset: readonly variable` : `${a}: is read only`, "unset");
      st = 1;
    }
  }
  return st;
};

const OPTION_NAMES: Record<string, keyof Runner["opts"]> = {
  errexit: "errexit",
  nounset: "nounset",
  xtrace: "xtrace",
  pipefail: "pipefail",
  noglob: "noglob",
  noclobber: "noclobber",
  allexport: "allexport",
  verbose: "verbose",
};
const OPTION_LETTERS: Record<string, keyof Runner["opts"]> = {
  e: "errexit",
  u: "nounset",
  x: "xtrace",
  f: "noglob",
  C: "noclobber",
  a: "allexport",
  v: "verbose",
};

/** Applies `set` flags; returns the index of the first positional argument, or an error status. */
export function applySetFlags(r: Runner, args: string[], cmd = "set"): { rest?: string[]; status: number } {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return { rest: args.slice(i + 1), status: 0 };
    if (a === "-") {
      r.opts.xtrace = false;
      r.opts.verbose = false;
      return { rest: args.slice(i + 1), status: 0 };
    }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    const on = a[0] === "-";
    for (let k = 1; k < a.length; k++) {
      const f = a[k] as string;
      if (f === "o") {
        const name = args[++i];
        if (name === undefined) {
          for (const [n, key] of Object.entries(OPTION_NAMES)) {
            if (n === "pipefail" && r.dialect === "dash") continue;
            r.out(
              r.dialect === "bash"
                ? `${n.padEnd(15)}\t${r.opts[key] ? "on" : "off"}\n`
                : `${n.padEnd(16)}${r.opts[key] ? "on" : "off"}\n`,
            );
          }
          continue;
        }
        const key = OPTION_NAMES[name];
        if (!key || (key === "pipefail" && r.dialect === "dash")) {
          if (r.dialect === "bash") r.warn(`${name}: invalid option name`, cmd);
          else r.warn(`Illegal option -o ${name}`, cmd);
          return { status: 2 };
        }
        r.opts[key] = on;
        continue;
      }
      const key = OPTION_LETTERS[f];
      if (!key) {
        if (
          f === "i" ||
          f === "m" ||
          f === "b" ||
          f === "h" ||
          f === "n" ||
          f === "s" ||
          f === "c" ||
          f === "l"
        )
          continue;
        if (r.dialect === "bash") r.warn(`${a[0]}${f}: invalid option`, cmd);
        else r.warn(`Illegal option ${a[0]}${f}`, cmd);
        return { status: 2 };
      }
      r.opts[key] = on;
    }
  }
  return { rest: i < args.length ? args.slice(i) : undefined, status: 0 };
}

const set: Builtin = (r, argv) => {
  const args = argv.slice(1);
  if (!args.length) {
    for (const n of [...r.vars.keys()].sort()) {
      const v = r.vars.get(n);
      if (v?.value !== undefined) r.out(`${n}=${quote(v.value)}\n`);
    }
    return 0;
  }
  const res = applySetFlags(r, args);
  if (res.status !== 0) {
    if (r.dialect !== "bash" && !r.proc.interactive) throw new ExitError(2);
    return res.status;
  }
  if (res.rest) r.positionalArgs = res.rest;
  return 0;
};

const shift: Builtin = (r, argv) => {
  const n = argv[1] === undefined ? 1 : num(r, "shift", argv[1]);
  if (n === undefined) return 2;
  if (n > r.positionalArgs.length || n < 0) {
    if (r.dialect === "bash") return 1;
    r.fail(`can't shift that many`.replace(/^/, "shift: "), 2);
  }
  r.positionalArgs = r.positionalArgs.slice(n);
  return 0;
};

const exit: Builtin = (r, argv) => {
  let st = r.status;
  if (argv[1] !== undefined) {
    const n = num(r, "exit", argv[1]);
    if (n === undefined) throw new ExitError(2);
    st = n & 255;
  }
  throw new ExitError(st);
};

const ret: Builtin = (r, argv) => {
  let st = r.status;
  if (argv[1] !== undefined) {
    const n = num(r, "return", argv[1]);
    if (n === undefined) st = 2;
    else st = n & 255;
  }
  if (r.funcDepth === 0 && r.sourceDepth === 0) {
    if (r.dialect === "bash") {
      r.warn("can only `return' from a function or sourced script", "return");
      return 1;
    }
    throw new ExitError(st);
  }
  throw new ReturnError(st);
};

const loopCtl =
  (isBreak: boolean): Builtin =>
  (r, argv) => {
    const name = isBreak ? "break" : "continue";
    let n = 1;
    if (argv[1] !== undefined) {
      const v = num(r, name, argv[1]);
      if (v === undefined) return 1;
      if (v < 1) {
        r.warn(
          r.dialect === "bash" ? `${argv[1]}: loop count out of range` : `Illegal number: ${argv[1]}`,
          name,
        );
        return 1;
      }
      n = v;
    }
    if (r.loopDepth === 0) {
      if (r.dialect === "bash") r.warn("only meaningful in a `for', `while', or `until' loop", name);
      return 0;
    }
    n = Math.min(n, r.loopDepth);
    throw isBreak ? new BreakError(n) : new ContinueError(n);
  };

function* evalBuiltin(r: Runner, argv: string[]): Gen<number> {
  const text = argv.slice(1).join(" ");
  if (!text.trim()) return 0;
  return yield* r.evalText(text);
}

function* dot(r: Runner, argv: string[]): Gen<number> {
  const name = argv[1];
  if (name === undefined) {
    if (r.dialect === "bash") {
      r.warn("filename argument required", argv[0]);
      r.err(`${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    }
    return 2;
  }
  let path: string | undefined;
  if (name.includes("/")) path = resolvePath(r.cwd, name);
  else {
    for (const d of (r.param("PATH") ?? "").split(":")) {
      const p = resolvePath(r.cwd, `${d || "."}/${name}`);
      if (r.fs.isFile(p)) {
        path = p;
        break;
      }
    }
    if (!path && r.dialect !== "dash" && r.fs.isFile(resolvePath(r.cwd, name)))
      path = resolvePath(r.cwd, name);
  }
  if (!path || !r.fs.isFile(path)) {
    if (r.dialect === "dash") r.fail(`${argv[0]}: cannot open ${name}: No such file`, 2);
    if (r.dialect === "ash") {
      r.warn(`can't open '${name}': No such file or directory`, argv[0]);
      throw r.proc.interactive ? new AbortError(2) : new ExitError(2);
    }
    r.warn(`${name}: No such file or directory`);
    return 1;
  }
  const text = r.fs.read(path);
  const savedArgs = r.positionalArgs;
  if (argv.length > 2) r.positionalArgs = argv.slice(2);
  r.sourceDepth++;
  try {
    return yield* r.evalText(text, path);
  } catch (e) {
    if (e instanceof ReturnError) return e.status;
    throw e;
  } finally {
    r.sourceDepth--;
    if (argv.length > 2) r.positionalArgs = savedArgs;
  }
}

function* execBuiltin(r: Runner, argv: string[]): Gen<number> {
  let args = argv.slice(1);
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) return 0;
  // The shell is replaced: its traps are gone, and a signal now meets the program.
  r.traps.clear();
  r.proc.main.traps.clear();
  const res = r.resolve(args[0] as string);
  if ("error" in res) {
    r.warn(
      `${args[0]}: ${res.error}`,
      r.dialect === "bash" ? "exec" : r.dialect === "dash" ? "exec" : undefined,
    );
    throw new ExitError(res.status);
  }
  // Only the process's own shell becomes the program; a subshell's exec replaces the subshell.
  if (r === r.proc.main && !r.subshell) r.sys.execve?.(args);
  const x = r.runExternal(args, {});
  const st = typeof x === "number" ? x : yield* x;
  r.proc.execed = true;
  throw new ExitError(st);
}

function* read(r: Runner, argv: string[]): Gen<number> {
  let raw = false;
  let arrayName: string | undefined;
  let i = 1;
  let delim = "\n";
  let nchars: number | undefined;
  let fd = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    for (let k = 1; k < a.length; k++) {
      const f = a[k];
      if (f === "r") raw = true;
      else if (f === "a" && r.dialect === "bash") {
        arrayName = a.length > k + 1 ? a.slice(k + 1) : argv[++i];
        break;
      } else if (f === "s") continue;
      else if (f === "p" || f === "d" || f === "n" || f === "u" || f === "t" || f === "N") {
        const v = a.length > k + 1 ? a.slice(k + 1) : argv[++i];
        if (v === undefined) {
          r.warn(`${f}: option requires an argument`, "read");
          return 2;
        }
        if (f === "d") delim = v.slice(0, 1) || "\0";
        if (f === "n" || f === "N") nchars = Number(v);
        if (f === "u") fd = Number(v);
        break;
      } else {
        r.warn(r.dialect === "bash" ? `-${f}: invalid option` : `Illegal option -${f}`, "read");
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (arrayName !== undefined) names.splice(0, names.length, arrayName);
  if (!names.length) names.push("REPLY");
  const input = r.fds.get(fd)?.input;
  // A pipe still being written: wait for a whole line (or the end), as read(2) blocks.
  const pipe = livePipe(input);
  if (pipe) while (!pipe.ready(delim, nchars)) yield PIPE_WAIT;
  if (!input || input.pos >= input.text.length) {
    for (const n of names) r.setVar(n, "");
    return 1;
  }
  let line = "";
  let complete = false;
  const text = input.text;
  let p = input.pos;
  let count = 0;
  while (p < text.length) {
    const c = text[p] as string;
    if (nchars !== undefined && count >= nchars) {
      complete = true;
      break;
    }
    p++;
    if (c === delim) {
      complete = true;
      break;
    }
    if (!raw && c === "\\") {
      const n = text[p];
      p++;
      if (n === "\n" || n === undefined) continue;
      line += `\\${n}`;
      count++;
      continue;
    }
    line += c;
    count++;
  }
  input.pos = p;
  const ifs = r.param("IFS") ?? " \t\n";
  if (arrayName !== undefined) {
    r.setArray(arrayName, undefined, splitRead(line, ifs, Number.MAX_SAFE_INTEGER, raw));
    return complete ? 0 : 1;
  }
  const fields = splitRead(line, ifs, names.length, raw);
  names.forEach((n, k) => {
    r.setVar(n, fields[k] ?? "");
  });
  return complete ? 0 : 1;
}

/** Splits a line read by `read` into at most n fields; the last takes the rest. */
function splitRead(line: string, ifs: string, n: number, raw: boolean): string[] {
  const ws = (c: string) => (c === " " || c === "\t" || c === "\n") && ifs.includes(c);
  const unq = (s: string) => (raw ? s : s.replace(/\\(.)/g, "$1"));
  const out: string[] = [];
  let i = 0;
  while (i < line.length && ws(line[i] as string)) i++;
  while (out.length < n - 1 && i < line.length) {
    let field = "";
    while (i < line.length && !ifs.includes(line[i] as string)) {
      if (!raw && line[i] === "\\" && i + 1 < line.length) {
        field += line.slice(i, i + 2);
        i += 2;
        continue;
      }
      field += line[i];
      i++;
    }
    out.push(unq(field));
    while (i < line.length && ws(line[i] as string)) i++;
    if (i < line.length && ifs.includes(line[i] as string) && !ws(line[i] as string)) {
      i++;
      while (i < line.length && ws(line[i] as string)) i++;
    }
  }
  let rest = line.slice(i);
  let e = rest.length;
  while (e > 0 && ws(rest[e - 1] as string) && !(rest[e - 2] === "\\" && !raw)) e--;
  rest = rest.slice(0, e);
  if (out.length === n - 1 && rest.length) out.push(unq(rest));
  return out;
}

const testBuiltin =
  (bracket: "[" | "test" | "[["): Builtin =>
  (r, argv) => {
    let args = argv.slice(1);
    if (bracket !== "test") {
      const close = bracket === "[" ? "]" : "]]";
      if (args[args.length - 1] !== close) {
        r.warn(r.dialect === "bash" ? `missing \`${close}'` : `missing ${close}`, bracket);
        return 2;
      }
      args = args.slice(0, -1);
    }
    const name = argv[0] as string;
    try {
      const res = evalTest(r, args, (s) => {
        const t = s.trim();
        if (/^[+-]?[0-9]+$/.test(t)) return BigInt(t);
        throw new NumError(s);
      });
      if (typeof res === "boolean") return res ? 0 : 1;
      r.warn(res.error, name);
      return 2;
    } catch (e) {
      if (e instanceof NumError) {
        if (r.dialect === "bash") r.warn(`${e.message}: integer expression expected`, name);
        else if (r.dialect === "dash") r.warn(`Illegal number: ${e.message}`, name);
        else r.warn(`invalid number '${e.message}'`, name);
        return 2;
      }
      throw e;
    }
  };

class NumError extends Error {}

/** bash's `kill -l` and `trap -l`: five ` n) SIGNAME` entries a line, tab-separated. */
function signalTable(): string {
  const cells = Object.entries(SIGNALS).map(([n, v]) => `${String(v).padStart(2)}) SIG${n}`);
  let out = "";
  for (let i = 0; i < cells.length; i += 5) out += `${cells.slice(i, i + 5).join("\t")}\n`;
  return out;
}

const trap: Builtin = (r, argv) => {
  const args = argv.slice(1).filter((a, k) => !(k === 0 && a === "--"));
  const main = r;
  if (!args.length || args[0] === "-p") {
    const only = args.slice(1).map((a) => signalName(a));
    for (const [sig, action] of main.traps) {
      if (only.length && !only.includes(sig)) continue;
      const shown = r.dialect === "bash" && sig !== "EXIT" ? `SIG${sig}` : sig;
      r.out(`trap -- ${quote(action)} ${shown}\n`);
    }
    return 0;
  }
  if (args[0] === "-l") {
    r.out(signalTable());
    return 0;
  }
  let action: string | undefined = args[0] as string;
  let sigs = args.slice(1);
  if (/^[0-9]+$/.test(action) || (args.length === 1 && action !== "-")) {
    // `trap 15` or `trap TERM` alone resets, as `trap - ...` does.
    sigs = args;
    action = undefined;
  } else if (action === "-") action = undefined;
  let st = 0;
  for (const s of sigs) {
    const sig = signalName(s);
    if (!sig) {
      if (r.dialect === "bash") r.warn(`${s}: invalid signal specification`, "trap");
      else r.warn(`${s}: bad trap`, "trap");
      st = 1;
      continue;
    }
    if (action === undefined) main.traps.delete(sig);
    else main.traps.set(sig, action);
  }
  return st;
};

/** The jobs of this shell that wait may wait for. */
function ownJobs(r: Runner): Job[] {
  return r.proc.jobs.filter((j) => j.owner === r);
}

function* wait(r: Runner, argv: string[]): Gen<number> {
  const args = argv.slice(1);
  const targets: (Job | undefined)[] = args.length
    ? args.map((a) => {
        const pid = a.startsWith("%") ? ownJobs(r).find((j) => String(j.id) === a.slice(1))?.pid : Number(a);
        return ownJobs(r).find((j) => j.pid === pid);
      })
    : ownJobs(r);
  for (let k = 0; k < targets.length; k++) {
    if (!targets[k]) {
      const a = args[k] as string;
      if (r.dialect === "bash") r.warn(`pid ${a} is not a child of this shell`, "wait");
      else if (r.dialect === "dash" && !/^[0-9]+$/.test(a)) r.warn(`Illegal number: ${a}`, "wait");
    }
  }
  let last = 0;
  for (;;) {
    const running = targets.filter((j) => j && j.status === undefined);
    if (!running.length) break;
    if (r === r.proc.main && r.proc.pending.length) {
      const sig = r.proc.pending[0] as string;
      return 128 + (SIGNALS[sig] ?? 0);
    }
    yield { kind: "forever" };
  }
  for (const j of targets) {
    last = j ? (j.status ?? 0) : 127;
  }
  // Reaped jobs are forgotten.
  for (const j of targets) {
    if (!j) continue;
    const idx = r.proc.jobs.indexOf(j);
    if (idx >= 0) r.proc.jobs.splice(idx, 1);
  }
  return args.length ? last : 0;
}

const kill: Builtin = (r, argv) => {
  let args = argv.slice(1);
  let sig = "TERM";
  if (args[0] === "-l" || args[0] === "-L") {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      const name = signalName(String(n > 128 ? n - 128 : n));
      if (!name) {
        r.warn(`${args[1]}: invalid signal specification`, "kill");
        return 1;
      }
      r.out(`${name}\n`);
      return 0;
    }
    r.out(r.dialect === "bash" ? signalTable() : `${Object.keys(SIGNALS).join("\n")}\n`);
    return 0;
  }
  if (args[0] === "-s" || args[0] === "-n") {
    const s = signalName(args[1] ?? "");
    if (!s) {
      r.warn(`${args[1]}: invalid signal specification`, "kill");
      return 1;
    }
    sig = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith("-") && args[0] !== "--") {
    const s = signalName(args[0].slice(1));
    if (!s) {
      r.warn(
        r.dialect === "bash"
          ? `${args[0].slice(1)}: invalid signal specification`
          : `invalid signal number or name: ${args[0].slice(1)}`,
        "kill",
      );
      return r.dialect === "dash" ? 2 : 1;
    }
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) {
    if (r.dialect === "bash")
      r.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
    else
      r.warn("usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]", "kill");
    return r.dialect === "bash" ? 2 : 1;
  }
  let st = 0;
  for (const a of args) {
    const job = a.startsWith("%")
      ? r.proc.jobs.find((j) => String(j.id) === a.slice(1))
      : r.proc.jobs.find((j) => String(j.pid) === a);
    if (job) {
      if (job.status === undefined && !IGNORED_BY_DEFAULT.has(sig)) {
        try {
          job.proc.return(0);
        } catch {
          // A job's cleanup failing does not stop the kill.
        }
        job.status = 128 + (SIGNALS[sig] ?? 0);
        r.proc.wake = true;
      }
      continue;
    }
    if (!/^-?[0-9]+$/.test(a)) {
      r.warn(
        r.dialect === "bash" ? `${a}: arguments must be process or job IDs` : `Illegal number: ${a}`,
        "kill",
      );
      st = 1;
      continue;
    }
    if (Number(a) === r.proc.pid) {
      // The shell signals itself: a trap runs after this command, a fatal signal ends it.
      deliverSignal(r.proc, sig);
      continue;
    }
    if (!r.sys.kill(Number(a), sig)) {
      if (r.dialect === "bash") r.warn(`(${a}) - No such process`, "kill");
      else if (r.dialect === "dash") r.warn("No such process", "kill");
      else r.warn(`can't kill pid ${a}: No such process`, "kill");
      st = 1;
    }
  }
  return st;
};

const jobs: Builtin = (r) => {
  for (const j of ownJobs(r))
    r.out(
      `[${j.id}]  ${j.status === undefined ? "Running" : j.status === 0 ? "Done" : `Done(${j.status})`}\n`,
    );
  return 0;
};

/** How `type` and `command -v/-V` describe a name; undefined when not found. */
function describeName(r: Runner, name: string, verbose: boolean): string | undefined {
  const alias = r.aliases.get(name);
  if (alias !== undefined)
    return verbose
      ? r.dialect === "bash"
        ? `${name} is aliased to \`${alias}'`
        : `${name} is an alias for ${alias}`
      : `alias ${name}=${quote(alias)}`;
  if (KEYWORDS.has(name) || (r.dialect === "bash" && (name === "[[" || name === "]]" || name === "function")))
    return verbose ? `${name} is a shell keyword` : name;
  if (r.funcs.has(name))
    return verbose ? (r.dialect === "bash" ? `${name} is a function` : `${name} is a shell function`) : name;
  if (builtinFor(r.dialect, name))
    return verbose
      ? `${name} is a ${SPECIAL_BUILTINS.has(name) && r.dialect !== "bash" ? "special shell builtin" : "shell builtin"}`
      : name;
  const res = r.resolve(name);
  if ("error" in res) return undefined;
  return verbose ? `${name} is ${res.path}` : res.path;
}

const type: Builtin = (r, argv) => {
  let st = 0;
  for (const n of argv.slice(1)) {
    const d = describeName(r, n, true);
    if (d) r.out(`${d}\n`);
    else {
      st = 1;
      if (r.dialect === "bash") r.warn(`${n}: not found`, "type");
      else r.out(`${n}: not found\n`);
    }
  }
  return r.dialect === "dash" && st ? 127 : st;
};

function* command(r: Runner, argv: string[]): Gen<number> {
  let args = argv.slice(1);
  let mode: "v" | "V" | undefined;
  while (args[0]?.startsWith("-") && args[0] !== "-") {
    const a = args[0];
    args = args.slice(1);
    if (a === "--") break;
    if (a.includes("v")) mode = "v";
    if (a.includes("V")) mode = "V";
  }
  if (!args.length) return 0;
  if (mode) {
    let st = 0;
    for (const n of args) {
      const d = describeName(r, n, mode === "V");
      if (d) r.out(`${d}\n`);
      else {
        st = 1;
        if (mode === "V") r.warn(`${n}: not found`, "command");
      }
    }
    return st;
  }
  const b = builtinFor(r.dialect, args[0] as string);
  if (b) {
    const res = b(r, args);
    return typeof res === "number" ? res : yield* res;
  }
  const x = r.runExternal(args, {});
  return typeof x === "number" ? x : yield* x;
}

const umask: Builtin = (r, argv) => {
  const args = argv.slice(1);
  if (args[0] === "-S") {
    const m = ~r.umask & 0o777;
    const sym = (shift: number) =>
      `${m & (4 << shift) ? "r" : ""}${m & (2 << shift) ? "w" : ""}${m & (1 << shift) ? "x" : ""}`;
    r.out(`u=${sym(6)},g=${sym(3)},o=${sym(0)}\n`);
    return 0;
  }
  if (!args.length) {
    r.out(`${r.umask.toString(8).padStart(4, "0")}\n`);
    return 0;
  }
  if (!/^[0-7]{1,4}$/.test(args[0] as string)) {
    r.warn(
      r.dialect === "bash" ? `${args[0]}: octal number out of range` : `Illegal number: ${args[0]}`,
      "umask",
    );
    return 1;
  }
  r.umask = Number.parseInt(args[0] as string, 8);
  return 0;
};

const times: Builtin = (r) => {
  const z = r.dialect === "bash" ? "0m0.000s" : "0m0.000000s";
  r.out(`${z} ${z}\n${z} ${z}\n`);
  return 0;
};

const getopts: Builtin = (r, argv) => {
  const spec = argv[1];
  const name = argv[2];
  if (spec === undefined || name === undefined) {
    r.warn("usage: getopts optstring var [arg...]", "getopts");
    return 2;
  }
  const args = argv.length > 3 ? argv.slice(3) : r.positionalArgs;
  const silent = spec.startsWith(":");
  const optspec = silent ? spec.slice(1) : spec;
  let optind = Number(r.param("OPTIND") ?? "1") || 1;
  const st = r.getoptsState;
  if (optind !== st.index || optind === 1) {
    if (optind === 1 && st.index !== 1) st.char = 0;
    st.index = optind;
  }
  if (st.char === 0) {
    const a = args[optind - 1];
    if (a === undefined || a === "-" || !a.startsWith("-")) {
      r.setVar(name, "?");
      return 1;
    }
    if (a === "--") {
      r.setVar("OPTIND", String(optind + 1));
      st.index = optind + 1;
      r.setVar(name, "?");
      return 1;
    }
    st.char = 1;
  }
  const arg = args[optind - 1] as string;
  const c = arg[st.char] as string;
  st.char++;
  const advance = () => {
    if (st.char >= arg.length) {
      optind++;
      st.char = 0;
    }
  };
  const k = optspec.indexOf(c);
  if (k < 0 || c === ":") {
    advance();
    if (silent) r.setVar("OPTARG", c);
    else {
      r.vars.delete("OPTARG");
      // dash and ash print getopt(3)'s words bare; bash prefixes $0.
      r.err(r.dialect === "bash" ? `${r.proc.argv0}: illegal option -- ${c}\n` : `Illegal option -${c}\n`);
    }
    r.setVar(name, "?");
  } else if (optspec[k + 1] === ":") {
    if (st.char < arg.length) {
      r.setVar("OPTARG", arg.slice(st.char));
      optind++;
      st.char = 0;
    } else {
      const v = args[optind];
      if (v === undefined) {
        optind++;
        st.char = 0;
        if (silent) {
          r.setVar(name, ":");
          r.setVar("OPTARG", c);
        } else {
          r.err(
            r.dialect === "bash"
              ? `${r.proc.argv0}: option requires an argument -- ${c}\n`
              : `No arg for -${c} option\n`,
          );
          r.setVar(name, "?");
        }
        r.setVar("OPTIND", String(optind));
        st.index = optind;
        return 0;
      }
      r.setVar("OPTARG", v);
      optind += 2;
      st.char = 0;
    }
    r.setVar(name, c);
  } else {
    advance();
    r.vars.delete("OPTARG");
    r.setVar(name, c);
  }
  r.setVar("OPTIND", String(optind));
  st.index = optind;
  return 0;
};

const letBuiltin: Builtin = (r, argv) => {
  if (argv.length < 2) {
    r.warn("expression expected", "let");
    return 1;
  }
  let v = 0n;
  for (const e of argv.slice(1)) {
    try {
      v = evalArith(e, { get: (n) => r.param(n), set: (n, val) => r.setVar(n, val) });
    } catch (err) {
      if (err instanceof ArithError) {
        r.warn(err.message, "let");
        return 1;
      }
      throw err;
    }
  }
  return v === 0n ? 1 : 0;
};

const local: Builtin = (r, argv) => {
  if (r.funcDepth === 0) {
    r.warn(r.dialect === "bash" ? "can only be used in a function" : "not in a function", "local");
    return r.dialect === "bash" ? 1 : 2;
  }
  for (const a of argv.slice(1)) {
    if (a.startsWith("-")) continue;
    const eq = a.indexOf("=");
    r.makeLocal(eq < 0 ? a : a.slice(0, eq), eq < 0 ? undefined : a.slice(eq + 1));
  }
  return 0;
};

const declare: Builtin = (r, argv) => {
  const flags = new Set<string>();
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(a[0] === "-" ? f : `+${f}`);
    else names.push(a);
  }
  if (flags.has("f") || flags.has("F")) {
    let st = 0;
    for (const n of names) if (!r.funcs.has(n)) st = 1;
    if (!names.length) for (const n of [...r.funcs.keys()].sort()) r.out(`declare -f ${n}\n`);
    else for (const n of names) if (r.funcs.has(n)) r.out(`${n}\n`);
    return st;
  }
  if (!names.length || flags.has("p")) {
    const list = names.length ? names : [...r.vars.keys()].sort();
    let st = 0;
    for (const n of list) {
      const v = r.vars.get(n);
      if (!v) {
        r.warn(`${n}: not found`, argv[0]);
        st = 1;
        continue;
      }
      const f = `${v.exported ? "x" : ""}${v.readonly ? "r" : ""}` || "-";
      r.out(`declare -${f === "-" ? "-" : f} ${n}${v.value === undefined ? "" : `="${v.value}"`}\n`);
    }
    return st;
  }
  for (const a of names) {
    const eq = a.indexOf("=");
    const n = eq < 0 ? a : a.slice(0, eq);
    const value = eq < 0 ? undefined : a.slice(eq + 1);
    if (r.funcDepth > 0 && !flags.has("g")) r.makeLocal(n, value);
    else if (value !== undefined) r.setVar(n, value);
    else if (!r.vars.has(n)) r.vars.set(n, { value: undefined, exported: false });
    const v = r.vars.get(n);
    if (!v) continue;
    if (flags.has("x")) v.exported = true;
    if (flags.has("+x")) v.exported = false;
    r.vars.touch();
    if (flags.has("r")) v.readonly = true;
  }
  return 0;
};

const alias: Builtin = (r, argv) => {
  const args = argv.slice(1).filter((a) => a !== "-p");
  const show = (n: string, v: string) => r.out(`${r.dialect === "bash" ? "alias " : ""}${n}=${quote(v)}\n`);
  if (!args.length) {
    for (const [n, v] of [...r.aliases].sort(([a], [b]) => (a < b ? -1 : 1))) show(n, v);
    return 0;
  }
  let st = 0;
  for (const a of args) {
    const eq = a.indexOf("=");
    if (eq > 0) r.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else {
      const v = r.aliases.get(a);
      if (v === undefined) {
        r.warn(`${a}: not found`, "alias");
        st = 1;
      } else show(a, v);
    }
  }
  return st;
};

const unalias: Builtin = (r, argv) => {
  let st = 0;
  for (const a of argv.slice(1)) {
    if (a === "-a") r.aliases.clear();
    else if (!r.aliases.delete(a)) {
      r.warn(`${a}: not found`, "unalias");
      st = 1;
    }
  }
  return st;
};

/** `hash [-r]`: -r forgets the remembered command locations. */
const hash: Builtin = (r, argv) => {
  if (argv.includes("-r")) r.proc.forgetCommands();
  return 0;
};

const ulimit: Builtin = (r, argv) => {
  if (argv[1] === "-n") r.out("1048576\n");
  else if (argv.length <= 1 || argv[1] === "-f") r.out("unlimited\n");
  return 0;
};

const COMMON: Record<string, Builtin> = {
  ":": colon,
  true: colon,
  false: () => 1,
  echo,
  printf: printfBuiltin,
  cd,
  pwd,
  export: exportBuiltin(false),
  readonly: exportBuiltin(true),
  unset,
  set,
  shift,
  exit,
  return: ret,
  break: loopCtl(true),
  continue: loopCtl(false),
  eval: evalBuiltin,
  ".": dot,
  exec: execBuiltin,
  read,
  test: testBuiltin("test"),
  "[": testBuiltin("["),
  trap,
  wait,
  kill,
  jobs,
  type,
  command,
  umask,
  times,
  getopts,
  local,
  alias,
  unalias,
  hash,
  ulimit,
};

const BY_DIALECT: Record<string, Record<string, Builtin>> = {
  dash: COMMON,
  ash: { ...COMMON, source: dot, let: letBuiltin, "[[": testBuiltin("[[") },
  bash: { ...COMMON, source: dot, let: letBuiltin, declare, typeset: declare },
};

/** The dialects' tables as Maps (looked up for every command a shell runs). */
const BUILTIN_MAPS = new Map(Object.entries(BY_DIALECT).map(([d, t]) => [d, new Map(Object.entries(t))]));
const COMMON_MAP = BUILTIN_MAPS.get("dash") as Map<string, Builtin>;

/** The builtin a name runs in a dialect, if it is one. */
export function builtinFor(dialect: string, name: string): Builtin | undefined {
  return (BUILTIN_MAPS.get(dialect) ?? COMMON_MAP).get(name);
}
