/**
 * sleep and timeout on the virtual clock. sleep yields `{kind:"sleep"}` and, resumed early,
 * yields what remains of its deadline; `sleep infinity` waits forever. timeout drives its command
 * and ends it at the deadline: GNU exits 124, busybox (which execs the command) 143 (TERM).
 */
import type { CommandContext, FaultlessProc, Proc, System, Wait } from "../interface";
import { THROTTLE_MS } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  cannotRun,
  complain,
  type Flavour,
  findCommand,
  getopt,
  last,
  type Parsed,
  usage,
} from "./common";

/** Parses `1.5`, `2m`, `1h`, `infinity` into milliseconds; undefined when invalid. */
export function parseDuration(s: string): number | undefined {
  // Whole seconds (`sleep 1`, most of them) without the regular expressions.
  if (s.length > 0 && s.length < 10 && isDigits(s)) return Number(s) * 1000;
  if (/^inf(inity)?$/i.test(s)) return Number.POSITIVE_INFINITY;
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as "" | "s" | "m" | "h" | "d"
  ];
  return Math.round(Number(m[1]) * mult);
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Waits until the clock reaches a deadline, however early it is resumed. */
export function* sleepUntil(
  ctx: CommandContext,
  deadline: number,
): Generator<{ kind: "sleep"; ms: number } | { kind: "forever" }, void, void> {
  if (deadline === Number.POSITIVE_INFINITY) for (;;) yield { kind: "forever" };
  for (;;) {
    const left = deadline - ctx.sys.now();
    if (left <= 0) return;
    yield { kind: "sleep", ms: left };
  }
}

/** `sleep NUMBER[SUFFIX]...`: the durations add up. */
export const sleep: Applet = (flavour) => (ctx) => {
  const argv = ctx.argv;
  if (argv.length === 2) {
    // `sleep N`, the common case, without building the argument list.
    const ms = parseDuration(argv[1] as string);
    if (ms !== undefined) return sleepProc(ctx.sys, ctx.sys.now() + ms);
  }
  const args = argv.slice(1).filter((a) => a !== "--");
  if (!args.length) {
    if (flavour === "gnu") {
      complain(ctx, "missing operand");
      ctx.stderr.write("Try 'sleep --help' for more information.\n");
    } else ctx.stderr.write(busyboxUsage("sleep"));
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === undefined) {
      if (flavour === "gnu") {
        complain(ctx, `invalid time interval '${a}'`);
        ctx.stderr.write("Try 'sleep --help' for more information.\n");
      } else complain(ctx, `invalid number '${a}'`);
      return 1;
    }
    total += ms;
  }
  return sleepProc(ctx.sys, ctx.sys.now() + total);
};

/** A sleep until deadline (forever when infinite); resumed early, it waits what remains. */
function sleepProc(sys: System, deadline: number): Proc {
  return new SleepUntil(sys, deadline);
}

const FOREVER: Wait = Object.freeze({ kind: "forever" });

/**
 * A sleep as a plain iterator rather than a generator: a loop's `sleep 1` makes one every
 * time, and resuming one is a method call instead of a generator frame. It keeps only the clock,
 * so the rest of the program's context is garbage before the sleep ends.
 */
class SleepUntil implements FaultlessProc {
  readonly faultless = true;
  private ended = false;
  constructor(
    private readonly sys: System,
    private readonly deadline: number,
  ) {}

  next(): IteratorResult<Wait, number> {
    if (this.ended) return { done: true, value: 0 };
    if (this.deadline === Number.POSITIVE_INFINITY) return { done: false, value: FOREVER };
    const left = this.deadline - this.sys.now();
    if (left > 0) return { done: false, value: { kind: "sleep", ms: left } };
    this.ended = true;
    return { done: true, value: 0 };
  }

  return(value: number): IteratorResult<Wait, number> {
    this.ended = true;
    return { done: true, value };
  }

  throw(e: unknown): IteratorResult<Wait, number> {
    this.ended = true;
    throw e;
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** The exit status of a command timeout ended, per flavour. */
const timedOut = (flavour: Flavour, preserve: boolean, signal: string) =>
  preserve || flavour === "busybox" ? 128 + (signal === "KILL" || signal === "9" ? 9 : 15) : 124;

/** `timeout [-s SIGNAL] [-k DURATION] [--preserve-status] DURATION COMMAND [ARG]...`. */
export const timeout: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(
      ctx.argv.slice(1),
      "s:k:v",
      { "signal=": "s", "kill-after=": "k", "preserve-status": "P", foreground: "F", verbose: "v" },
      { stopAtOperand: true },
    );
  } catch (e) {
    return usage(ctx, flavour, e, 125);
  }
  const [dur, ...command] = p.operands;
  if (dur === undefined || !command.length) {
    if (flavour === "gnu") {
      complain(ctx, "missing operand");
      ctx.stderr.write("Try 'timeout --help' for more information.\n");
    } else ctx.stderr.write(busyboxUsage("timeout"));
    return 125;
  }
  const ms = parseDuration(dur);
  if (ms === undefined) {
    complain(ctx, flavour === "gnu" ? `invalid time interval '${dur}'` : `invalid number '${dur}'`);
    if (flavour === "gnu") ctx.stderr.write("Try 'timeout --help' for more information.\n");
    return 125;
  }
  const name = command[0] as string;
  if (!findCommand(ctx, name))
    return cannotRun(ctx, flavour, name, `failed to run command '${name}': No such file or directory`);
  const signal = (last(p, "s") ?? "TERM").replace(/^SIG/, "");
  const deadline = ms === 0 ? Number.POSITIVE_INFINITY : ctx.sys.now() + ms;
  return (function* (): Proc {
    const child = ctx.exec(command, ctx.stdin);
    for (;;) {
      const step = child.next();
      if (step.done) return step.value;
      const w = step.value;
      const now = ctx.sys.now();
      const until =
        w.kind === "sleep"
          ? now + w.ms
          : w.kind === "throttle"
            ? now + THROTTLE_MS
            : Number.POSITIVE_INFINITY;
      if (until <= deadline) {
        yield w;
        continue;
      }
      yield* sleepUntil(ctx, deadline);
      child.return(0);
      return timedOut(flavour, p.opts.has("P"), signal);
    }
  })();
};
