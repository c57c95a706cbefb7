/**
 * Small busybox 1.36 applets: nohup (coreutils/nohup.c), usleep (coreutils/usleep.c), sync
 * (coreutils/sync.c without FEATURE_SYNC_FANCY, as docker-library builds it), tty
 * (coreutils/tty.c) and clear (console-tools/clear.c).
 */
import type { CommandContext, Output, Proc, Program } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  cannotRun,
  complain,
  findCommand,
  getopt,
  has,
  type Parsed,
  programName,
  usage,
} from "./common";
import { sleepUntil } from "./sleep";

/** Writes busybox's usage banner for the program and returns 1 (bb_show_usage). */
function showUsage(ctx: CommandContext): number {
  ctx.stderr.write(busyboxUsage(programName(ctx)));
  return 1;
}

/** The userland program a bare name or path runs, found along PATH as execvp finds it. */
function programFor(ctx: CommandContext, name: string): Program | undefined {
  const userland = ctx.userland;
  if (!userland) return undefined;
  if (name.includes("/")) {
    const path = abs(ctx, name);
    return userland.lookup(path.slice(path.lastIndexOf("/") + 1), path);
  }
  for (const d of (ctx.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
    const dir = d === "" ? ctx.cwd : d;
    const found = userland.lookup(name, dir === "/" ? `/${name}` : `${dir}/${name}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * `nohup PROG ARGS`: runs PROG with hangups ignored. Only a terminal on stdout is redirected
 * (to ./nohup.out, else $HOME/nohup.out, appended), with `nohup: appending output to nohup.out`;
 * a pipe or a log (kubectl exec without -t, a container's output) is left as it is, silently.
 */
export const nohup: Applet = (flavour) => (ctx) => {
  const command = ctx.argv.slice(1);
  const name = command[0];
  if (name === undefined) return showUsage(ctx);
  if (!findCommand(ctx, name))
    return cannotRun(ctx, flavour, name, `failed to run command '${name}': No such file or directory`);
  if (!ctx.stdout.terminal) return ctx.exec(command, ctx.stdin);
  const program = programFor(ctx, name);
  if (!program) return ctx.exec(command, ctx.stdin);
  let target = "nohup.out";
  const append = (text: string) => {
    const path = abs(ctx, target);
    ctx.fs.write(path, (ctx.fs.isFile(path) ? ctx.fs.read(path) : "") + text);
  };
  try {
    append("");
  } catch {
    target = `${(ctx.env.HOME ?? "").replace(/\/+$/, "")}/nohup.out`;
    try {
      append("");
    } catch {
      complain(ctx, `can't open '${target}': Permission denied`);
      return 127;
    }
  }
  complain(ctx, `appending output to ${target}`);
  const out: Output = { write: (t) => append(t) };
  return program({
    ...ctx,
    argv: command,
    stdin: "",
    stdout: out,
    stderr: ctx.stderr.terminal ? out : ctx.stderr,
  });
};

/** `usleep N`: pauses N microseconds (xatou: digits only, else `invalid number`). */
export const usleep: Applet = () => (ctx) => {
  const n = ctx.argv[1];
  if (n === undefined) return showUsage(ctx);
  if (!/^\d+$/.test(n) || Number(n) > 0xffffffff) {
    complain(ctx, `invalid number '${n}'`);
    return 1;
  }
  const until = ctx.sys.now() + Number(n) / 1000;
  return (function* (): Proc {
    yield* sleepUntil(ctx, until);
    return 0;
  })();
};

/** `sync`: flushes nothing to flush; arguments are ignored with a warning. */
export const sync: Applet = () => (ctx) => {
  if (ctx.argv.length > 1) complain(ctx, "ignoring all arguments");
  return 0;
};

/** The terminal a container's shell gets from `kubectl exec -t` or `tty: true` (runc's console). */
export const CONSOLE_TTY = "/dev/pts/0";

/** `tty [-s]`: stdin's terminal, or `not a tty` and status 1 (kubectl exec without -t); -s prints nothing. */
export const tty: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "s", {}, { stopAtOperand: true });
  } catch (e) {
    return usage(ctx, "busybox", e, 2);
  }
  if (p.operands.length) complain(ctx, "ignoring all arguments");
  const terminal = ctx.stdout.terminal === true;
  if (!has(p, "s")) ctx.stdout.write(`${terminal ? CONSOLE_TTY : "not a tty"}\n`);
  return terminal ? 0 : 1;
};

/** `clear`: home the cursor and clear to the end of the screen. */
export const clear: Applet = () => (ctx) => {
  ctx.stdout.write("\u001b[H\u001b[J");
  return 0;
};
