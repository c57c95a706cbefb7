/**
 * Sealed shell code: loops whose commands touch nothing but the shell's own variables, its
 * standard output and error, and the clock they sleep on, as a container's
 * `while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done` does. While a process runs such
 * a loop nobody else can see what it does until its output is due, so its driver may run it
 * ahead of the cluster's clock (kubelet/procrun.ts; the Runner checks the shell's state when it
 * enters the loop, interp.ts enterSealed).
 *
 * The check is on the syntax, once per loop: every command is one of PURE_COMMANDS by a literal
 * name, with no redirection but between stdout and stderr, no pipeline, background job,
 * subshell, function definition, file test or pathname pattern. What only the values decide (an
 * unquoted `$x` that holds a `*`, `[ -f "$f" ]` spelled through a variable) is checked as it runs:
 * the shell then lets the clock catch up first (Runner.sync).
 */

import type { Command, CondExpr, List, Redir, Word } from "./ast";
import { hasGlob } from "./pattern";
import { UNARY_FILE } from "./test";

/**
 * Commands whose only effects are their output, the shell's variables and the clock: the
 * builtins among them in every dialect, the programs as the userland's own (Program.pure).
 */
export const PURE_COMMANDS: ReadonlySet<string> = new Set([
  ":",
  "true",
  "false",
  "echo",
  "printf",
  "test",
  "[",
  "let",
  "break",
  "continue",
  "sleep",
  "date",
  "expr",
  "seq",
]);

/** test's and `[[`'s operators that look at the file system (or a terminal). */
const FILE_TESTS: ReadonlySet<string> = new Set([...UNARY_FILE, "-nt", "-ot", "-ef"]);

/** Whether argv of test or `[` asks about a file (its operators are known only once expanded). */
export function testsFiles(argv: readonly string[]): boolean {
  for (let i = 1; i < argv.length; i++) if (FILE_TESTS.has(argv[i] as string)) return true;
  return false;
}

/** A loop's command names when it is sealed (cached per loop body); undefined when it is not. */
export function sealedLoop(
  key: object,
  parts: { lists: List[]; words?: Word[] },
): ReadonlySet<string> | undefined {
  const known = cache.get(key);
  if (known !== undefined) return known ?? undefined;
  const names = new Set<string>();
  const ok =
    parts.lists.every((l) => sealedList(l, names)) && (parts.words ?? []).every((w) => sealedWord(w, names));
  cache.set(key, ok ? names : null);
  return ok ? names : undefined;
}

const cache = new WeakMap<object, ReadonlySet<string> | null>();

function sealedList(list: List, names: Set<string>): boolean {
  for (const item of list.items) {
    if (item.background) return false;
    const pipelines = [item.cmd.first, ...item.cmd.rest.map((r) => r.pipeline)];
    for (const p of pipelines) {
      if (p.timed || p.cmds.length !== 1) return false;
      if (!sealedCommand(p.cmds[0] as Command, names)) return false;
    }
  }
  return true;
}

function sealedCommand(cmd: Command, names: Set<string>): boolean {
  if (cmd.kind === "func" || cmd.kind === "subshell") return false;
  if (!cmd.redirs.every(betweenOutputs)) return false;
  switch (cmd.kind) {
    case "simple": {
      if (cmd.declArrays) return false;
      for (const a of cmd.assigns) {
        if (a.name === "PATH" || !sealedWord(a.value, names, true)) return false;
        if (a.index && !sealedWord(a.index, names, true)) return false;
        if (a.array && !a.array.every((w) => sealedWord(w, names))) return false;
      }
      const first = cmd.words[0];
      if (first === undefined) return true;
      const name =
        first.length === 1 && (first[0]?.kind === "lit" || first[0]?.kind === "sq")
          ? first[0].value
          : undefined;
      if (name === undefined || !PURE_COMMANDS.has(name)) return false;
      if ((name === "test" || name === "[") && cmd.words.some((w) => FILE_TESTS.has(literalText(w) ?? "")))
        return false;
      names.add(name);
      return cmd.words.every((w) => sealedWord(w, names));
    }
    case "group":
      return sealedList(cmd.body, names);
    case "if":
      return (
        cmd.clauses.every((c) => sealedList(c.cond, names) && sealedList(c.body, names)) &&
        (cmd.else === undefined || sealedList(cmd.else, names))
      );
    case "while":
      return sealedList(cmd.cond, names) && sealedList(cmd.body, names);
    case "for":
      return (
        cmd.name !== "PATH" &&
        (cmd.items ?? []).every((w) => sealedWord(w, names)) &&
        sealedList(cmd.body, names)
      );
    case "case":
      return (
        sealedWord(cmd.word, names, true) &&
        cmd.items.every(
          (i) => i.patterns.every((p) => sealedWord(p, names, true)) && sealedList(i.body, names),
        )
      );
    case "dbracket":
      return sealedCond(cmd.expr, names);
    case "arithcmd":
      return sealedWord(cmd.expr, names, true);
  }
}

/** A word's text when it is literal (plain or quoted text only); undefined otherwise. */
function literalText(word: Word): string | undefined {
  let text = "";
  for (const part of word) {
    if (part.kind !== "lit" && part.kind !== "sq") return undefined;
    text += part.value;
  }
  return text;
}

/** `>&2`, `2>&1`: a redirection that only points stdout and stderr at each other. */
function betweenOutputs(r: Redir): boolean {
  if (r.op !== ">&" || (r.fd !== 1 && r.fd !== 2) || r.target.length !== 1) return false;
  const t = r.target[0];
  return t?.kind === "lit" && (t.value === "1" || t.value === "2");
}

function sealedCond(e: CondExpr, names: Set<string>): boolean {
  switch (e.kind) {
    case "not":
      return sealedCond(e.expr, names);
    case "and":
    case "or":
      return sealedCond(e.left, names) && sealedCond(e.right, names);
    case "word":
      return sealedWord(e.arg, names, true);
    case "unary":
      return !FILE_TESTS.has(e.op) && sealedWord(e.arg, names, true);
    case "binary":
      return !FILE_TESTS.has(e.op) && sealedWord(e.left, names, true) && sealedWord(e.right, names, true);
  }
}

/**
 * A word sealed code may hold: no `~` (a home directory from the password file), no `<(...)`,
 * command substitutions of sealed code, and (where pathname expansion applies, unless
 * unglobbed) no pattern in its literal text.
 */
function sealedWord(word: Word, names: Set<string>, unglobbed = false): boolean {
  for (const part of word) {
    switch (part.kind) {
      case "lit":
        if (!unglobbed && hasGlob(part.value)) return false;
        break;
      case "sq":
        break;
      case "dq":
        if (!sealedWord(part.parts, names, true)) return false;
        break;
      case "param":
        if (part.arg && !sealedWord(part.arg, names, true)) return false;
        if (part.repl && !sealedWord(part.repl, names, true)) return false;
        break;
      case "cmdsub":
        if (!sealedList(part.body, names)) return false;
        break;
      case "arith":
        if (!sealedWord(part.expr, names, true)) return false;
        break;
      case "tilde":
      case "procsub":
        return false;
    }
  }
  return true;
}
