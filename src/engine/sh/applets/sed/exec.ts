/**
 * Runs a compiled sed script over its input, after GNU sed 4.9's sed/execute.c (execute_program,
 * match_address_p, do_subst, output_missing_newline) and busybox's editors/sed.c
 * (process_files), as a generator: it waits for a pipe's next line, and a script that loops
 * for ever (`:a;ba`) keeps running, throttled like a busy process, until it is killed.
 */
import { STEP_BUDGET, type Wait } from "../../interface";
import type { Flavour } from "../common";
import type { SedInput } from "./input";
import { formatList } from "./list";
import { BUSYBOX, GNU } from "./messages";
import type { Address, Piece, SedCommand, SedScript } from "./script";

/**
 * Commands sed runs at one instant before it yields a throttle: ten step budgets, as a sed
 * command costs about a tenth of a shell step.
 */
export const SED_STEPS_PER_INSTANT = STEP_BUDGET * 10;

/** GNU sed's panic() status (sed/utils.h EXIT_PANIC). */
export const EXIT_PANIC = 4;

const THROTTLE: Wait = Object.freeze({ kind: "throttle" });
const FOREVER: Wait = Object.freeze({ kind: "forever" });

/** What the script touches outside its pattern and hold spaces. */
export interface SedHost {
  /** The main output: standard output, or the file -i rewrites. */
  write(text: string): void;
  /** The output is a pipe that is full: wait until its reader takes some. */
  full?(): boolean;
  /**
   * w, W, s///w: appends a line to the file (/dev/stderr is the stream), after the newline a
   * line before it lacked (GNU's output_missing_newline, per file).
   */
  writeFile(name: string, text: string): void;
  /** r, R: the file's text, or undefined when it cannot be read (sed ignores it then). */
  readFile(name: string): string | undefined;
}

/** How the script runs. */
export interface SedRunOptions {
  flavour: Flavour;
  quiet: boolean;
  /** --posix: N on the last line quits without printing. */
  posix: boolean;
  /** -z: lines end with NUL. */
  delimiter: string;
  /** -l N: the line length of l (GNU default 70; 0 or 1: no wrapping). */
  lineLength: number;
}

/** A runtime error (GNU's panic, busybox's die), with the status sed exits with. */
export class SedRuntimeError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** How a run ended: its exit status, and whether q/Q stopped the whole input. */
export interface SedOutcome {
  status: number;
  quit: boolean;
}

/** A range's state (GNU RANGE_INACTIVE, RANGE_ACTIVE, RANGE_CLOSED) and busybox's fields. */
interface RangeState {
  state: "inactive" | "active" | "closed";
  /** The line number a `+N`/`~N` range ends at. */
  end: number;
  /** busybox: a numeric first address dies once matched (beg_line = -2). */
  dead: boolean;
}

/** State that lives across files: the hold space, R's positions, the last regex. */
export class SedState {
  hold = "";
  holdChomped = true;
  lastRegex: RegExp | null = null;
  readonly readPositions = new Map<string, number>();
  steps = 0;
}

/** The missing newline GNU's output_missing_newline adds before more output. */
class Output {
  private missingNewline = false;
  constructor(
    private readonly host: SedHost,
    private readonly delimiter: string,
    private readonly onWrite: () => void,
  ) {}

  /** A line, with its delimiter unless it had none (the last line of unterminated input). */
  line(text: string, chomped: boolean): void {
    this.raw(chomped ? `${text}${this.delimiter}` : text);
    this.missingNewline = !chomped;
  }

  /** Text as is (a, i, r, =), after the missing newline of a line before it. */
  raw(text: string): void {
    if (this.missingNewline) {
      this.host.write("\n");
      this.missingNewline = false;
    }
    if (text) this.host.write(text);
    this.onWrite();
  }
}

type Queued = { text: string } | { file: string };

/** Runs the script over the input; the state carries across calls (-s, -i: one call per file). */
export function* runSed(
  script: SedScript,
  input: SedInput,
  host: SedHost,
  opt: SedRunOptions,
  state: SedState,
): Generator<Wait, SedOutcome, void> {
  const cmds = script.commands;
  const gnu = opt.flavour === "gnu";
  // A line written costs as much as ten commands: `:a;p;ba` prints at a bounded rate.
  const out = new Output(host, opt.delimiter, () => {
    state.steps += 9;
  });
  const ranges: RangeState[] = cmds.map((c) => ({
    state: c.a1?.kind === "zero" ? "active" : "inactive",
    end: 0,
    dead: false,
  }));
  const needsLast = cmds.map((c) => c.a1?.kind === "last" || c.a2?.kind === "last");
  let ps = "";
  let chomped = true;
  let replaced = false;
  let queue: Queued[] = [];

  const dumpQueue = () => {
    for (const q of queue) {
      if ("text" in q) out.raw(q.text);
      else {
        const text = host.readFile(q.file);
        if (text !== undefined) out.raw(text);
      }
    }
    queue = [];
  };
  /** Reads the next line into (or onto) the pattern space; false at the end of the input. */
  function* readLine(append: boolean): Generator<Wait, boolean, void> {
    dumpQueue();
    const line = yield* input.read();
    if (!line) return false;
    // busybox reads one line ahead to know the last line.
    if (!gnu) yield* input.atEnd();
    ps = append ? `${ps}${opt.delimiter === "\n" ? "\n" : opt.delimiter}${line.text}` : line.text;
    chomped = line.chomped;
    replaced = false;
    return true;
  }
  /** w: /dev/stdout is sed's own output (its missing newline too); other files the host's. */
  const writeTo = (file: string, text: string, lineChomped: boolean) => {
    if (file === "/dev/stdout") out.line(text, lineChomped);
    else host.writeFile(file, lineChomped ? `${text}\n` : text);
  };
  const regexOf = (re: RegExp | null): RegExp => {
    const r = re ?? state.lastRegex;
    if (!r) throw new SedRuntimeError(gnu ? GNU.noPreviousRe : BUSYBOX.noPreviousRe, 1);
    state.lastRegex = r;
    return r;
  };
  const test = (re: RegExp | null): boolean => {
    const r = regexOf(re);
    r.lastIndex = 0;
    return r.test(ps);
  };
  const matchOne = (
    a: Address | NonNullable<SedCommand["a2"]>,
    isLast: boolean,
    range?: RangeState,
  ): boolean => {
    const n = input.lineNumber;
    switch (a.kind) {
      case "line":
        return a.n === n;
      case "last":
        return isLast;
      case "re":
        return test(a.re);
      case "step":
        return n >= a.first && (n - a.first) % a.step === 0;
      case "zero":
        return false;
      case "plus":
      case "mult":
        return a.n === 0 || (range?.end ?? 0) <= n;
    }
  };
  /** GNU's match_address_p. */
  const selectGnu = (cmd: SedCommand, r: RangeState, isLast: boolean): boolean => {
    const { a1, a2 } = cmd;
    if (!a1) return true;
    const n = input.lineNumber;
    if (r.state !== "active") {
      if (!a2) return matchOne(a1, isLast);
      if (a1.kind === "line") {
        if (r.state === "closed" || n < a1.n) return false;
      } else if (!matchOne(a1, isLast)) return false;
      r.state = "active";
      if (a2.kind === "re") return true;
      if (a2.kind === "line") {
        if (n >= a2.n) r.state = "closed";
        return n <= a2.n || matchOne(a1, isLast);
      }
      if (a2.kind === "plus" && a2.n > 0) {
        r.end = n + a2.n;
        return true;
      }
      if (a2.kind === "mult" && a2.n > 0) {
        r.end = n + a2.n - (n % a2.n);
        return true;
      }
    }
    if (a2?.kind === "line") {
      if (n >= a2.n) r.state = "closed";
      return n <= a2.n;
    }
    if (a2 && matchOne(a2, isLast, r)) r.state = "closed";
    return true;
  };
  /** busybox's process_files matching (in_match, beg_line, end_line). */
  const selectBusybox = (cmd: SedCommand, r: RangeState, isLast: boolean): boolean => {
    const { a1, a2 } = cmd;
    if (!a1) return true;
    const n = input.lineNumber;
    const old = r.state === "active";
    const matched =
      old ||
      (a1.kind === "line" && !r.dead && (a2 ? a1.n <= n : a1.n === n)) ||
      (a1.kind === "re" && test(a1.re)) ||
      (a1.kind === "last" && isLast);
    if (!matched) return false;
    // Once matched, a numeric first address is dead (beg_line = -2) until the next file.
    if (a1.kind === "line") r.dead = true;
    if (!old && a2?.kind === "plus") r.end = n + a2.n;
    // The end regex is tried from the line after the first (old_matched).
    const ends =
      !a2 ||
      (a2.kind === "line" && a2.n <= n) ||
      (a2.kind === "plus" && r.end <= n) ||
      (a2.kind === "last" && isLast) ||
      (a2.kind === "re" && old && test(a2.re));
    r.state = ends ? "inactive" : "active";
    return true;
  };
  const select = gnu ? selectGnu : selectBusybox;

  let status = 0;
  for (;;) {
    if (!(yield* readLine(false))) break;
    let pc = 0;
    let end: "print" | "delete" | "quit" | "quit-silently" = "print";
    cycle: while (pc < cmds.length) {
      if (++state.steps >= SED_STEPS_PER_INSTANT) {
        state.steps = 0;
        yield THROTTLE;
        while (host.full?.()) yield FOREVER;
      }
      const cmd = cmds[pc] as SedCommand;
      const r = ranges[pc] as RangeState;
      const isLast = needsLast[pc] ? yield* input.atEnd() : false;
      if (select(cmd, r, isLast) === cmd.negate) {
        pc = cmd.name === "{" ? (cmd.target as number) + 1 : pc + 1;
        continue;
      }
      pc++;
      switch (cmd.name) {
        case "=":
          out.raw(`${input.lineNumber}\n`);
          break;
        case "a":
          queue.push({ text: cmd.text as string });
          break;
        case "i":
          out.raw(cmd.text as string);
          break;
        case "c":
          // A range prints its text once, at its end.
          if (!(cmd.a2 && r.state === "active")) out.raw(cmd.text as string);
          end = "delete";
          break cycle;
        case "d":
          end = "delete";
          break cycle;
        case "D": {
          const k = ps.indexOf(opt.delimiter === "\n" ? "\n" : opt.delimiter);
          if (k < 0) {
            end = "delete";
            break cycle;
          }
          // Start the cycle again on what is left, without reading a line.
          ps = ps.slice(k + 1);
          pc = 0;
          break;
        }
        case "n":
          if (!opt.quiet) out.line(ps, chomped);
          if ((yield* input.atEnd()) || !(yield* readLine(false))) {
            end = "delete";
            break cycle;
          }
          break;
        case "N":
          if (yield* input.atEnd()) {
            // GNU prints the pattern space unless POSIXLY_CORRECT; busybox does as GNU.
            if (gnu && !opt.posix && !opt.quiet) out.line(ps, chomped);
            end = gnu ? "delete" : "print";
            break cycle;
          }
          yield* readLine(true);
          break;
        case "p":
          out.line(ps, chomped);
          break;
        case "P": {
          const k = ps.indexOf("\n");
          out.line(k < 0 ? ps : ps.slice(0, k), k < 0 ? chomped : true);
          break;
        }
        case "l":
          out.raw(formatList(ps, cmd.int ?? opt.lineLength));
          break;
        case "F":
          out.raw(`${input.fileName}\n`);
          break;
        case "q":
          status = cmd.int ?? 0;
          end = "quit";
          break cycle;
        case "Q":
          status = cmd.int ?? 0;
          end = "quit-silently";
          break cycle;
        case "b":
          pc = cmd.target as number;
          break;
        case "t":
          if (replaced) {
            replaced = false;
            pc = cmd.target as number;
          }
          break;
        case "T":
          if (!replaced) pc = cmd.target as number;
          else if (gnu) replaced = false;
          break;
        case "z":
          ps = "";
          break;
        case "h":
          state.hold = ps;
          state.holdChomped = chomped;
          break;
        case "H":
          state.hold = `${state.hold}\n${ps}`;
          break;
        case "g":
          ps = state.hold;
          break;
        case "G":
          ps = `${ps}\n${state.hold}`;
          break;
        case "x":
          [ps, state.hold] = [state.hold, ps];
          [chomped, state.holdChomped] = [state.holdChomped, chomped];
          break;
        case "y": {
          const map = cmd.map as Map<string, string>;
          ps = [...ps].map((ch) => map.get(ch) ?? ch).join("");
          break;
        }
        case "r":
          queue.push({ file: cmd.file as string });
          break;
        case "R": {
          const text = host.readFile(cmd.file as string);
          const at = state.readPositions.get(cmd.file as string) ?? 0;
          const lines = text?.split(/(?<=\n)/) ?? [];
          if (at < lines.length && lines[at]) {
            queue.push({ text: lines[at] as string });
            state.readPositions.set(cmd.file as string, at + 1);
          }
          break;
        }
        case "w":
          writeTo(cmd.file as string, ps, chomped);
          break;
        case "W": {
          const k = ps.indexOf("\n");
          writeTo(cmd.file as string, k < 0 ? ps : ps.slice(0, k), k < 0 ? chomped : true);
          break;
        }
        case "e":
          throw new SedRuntimeError(GNU.eCommand, EXIT_PANIC);
        case "s":
          if (substitute(cmd)) {
            replaced = true;
            if (cmd.print) out.line(ps, chomped);
            if (cmd.file) writeTo(cmd.file, ps, chomped);
          }
          break;
        default:
          // {, }, : and v do nothing when run.
          break;
      }
    }
    if ((end === "print" || end === "quit") && !opt.quiet) out.line(ps, chomped);
    if (end === "quit" || end === "quit-silently") {
      if (end === "quit") dumpQueue();
      return { status, quit: true };
    }
    // A full pipe blocks the write until its reader takes some.
    while (host.full?.()) yield FOREVER;
  }
  dumpQueue();
  return { status, quit: false };

  /** s: replaces the wanted matches; whether it replaced any (GNU do_subst). */
  function substitute(cmd: SedCommand): boolean {
    if (cmd.evaluate) throw new SedRuntimeError(GNU.eOption, EXIT_PANIC);
    const re = regexOf(cmd.re ?? null);
    const want = cmd.occurrence ?? 1;
    let result = "";
    let pos = 0;
    let count = 0;
    let prevEnd = -1;
    let did = false;
    while (pos <= ps.length) {
      re.lastIndex = pos;
      const m = re.exec(ps);
      if (!m) break;
      const start = m.index;
      const stop = start + m[0].length;
      // An empty match right after the last match does not count (s/a*/x/g on baaac: xbxcx).
      if (start === stop && start === prevEnd) {
        if (start >= ps.length) break;
        result += ps.slice(pos, start + 1);
        pos = start + 1;
        continue;
      }
      count++;
      result += ps.slice(pos, start);
      if (count >= want) {
        result += expand(cmd.replacement ?? [], m);
        did = true;
      } else result += m[0];
      prevEnd = stop;
      if (start === stop) {
        result += ps.slice(start, start + 1);
        pos = stop + 1;
      } else pos = stop;
      if (did && !cmd.global) break;
    }
    if (!did) return false;
    ps = result + ps.slice(pos);
    return true;
  }
}

/** A replacement for one match: groups, and GNU's \L \U \E \l \u case conversions. */
function expand(pieces: Piece[], m: RegExpExecArray): string {
  let out = "";
  let mode = "";
  let once = "";
  const add = (s: string) => {
    if (!s) return;
    let t = mode === "L" ? s.toLowerCase() : mode === "U" ? s.toUpperCase() : s;
    if (once) {
      t = (once === "u" ? t.charAt(0).toUpperCase() : t.charAt(0).toLowerCase()) + t.slice(1);
      once = "";
    }
    out += t;
  };
  for (const p of pieces) {
    if (p.kind === "text") add(p.text);
    else if (p.kind === "group") add(m[p.n] ?? "");
    else if (p.op === "l" || p.op === "u") once = p.op;
    else {
      mode = p.op === "E" ? "" : p.op;
      if (p.op === "E") once = "";
    }
  }
  return out;
}
