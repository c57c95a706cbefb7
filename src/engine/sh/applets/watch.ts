/**
 * procps-ng 3.3.17's watch (watch.c): runs `sh -c COMMAND` every interval (2 s, `-n SECS`, at
 * least 0.1), each time under its title line, `Every 2.0s: COMMAND` on the left and `HOST: DATE`
 * on the right of an 80-column line, then a blank line and the output, until interrupted;
 * `-t` leaves the title out, `-g` ends when the output changes, `-e` when the command fails.
 */
import type { CommandContext, Output, Proc } from "../interface";
import { type Applet, complain } from "./common";
import { dayName, monthName } from "./fileinfo";
import { sleepUntil } from "./sleep";

/** The width watch lays its title out in when there is no terminal to ask. */
const WIDTH = 80;

/** ctime(3) as watch prints it: `Sun Dec  6 19:53:48 2026`. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${dayName(d.getUTCDay())} ${monthName(d.getUTCMonth())} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** watch.c's title: the interval and command left, host and time right, clipped to the width. */
export function watchTitle(interval: number, command: string, host: string, now: number): string {
  const left = `Every ${interval.toFixed(1)}s: `;
  const right = `${host}: ${ctime(now)}`;
  let cmd = command;
  const room = WIDTH - right.length - left.length - 1;
  if (cmd.length > room) cmd = room > 3 ? `${cmd.slice(0, room - 3)}...` : "";
  return `${left}${cmd}`.padEnd(WIDTH - right.length) + right;
}

/** An output keeping a copy of what passes (for -g). */
class Tee implements Output {
  text = "";
  constructor(private readonly out: Output) {}
  write(t: string): void {
    this.text += t;
    this.out.write(t);
  }
}

/** `watch [-n SECS] [-t] [-g] [-e] [-x] COMMAND...`. */
export const watch: Applet = () => (ctx: CommandContext) => {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let chgexit = false;
  let errexit = false;
  let execDirect = false;
  while (args[0]?.startsWith("-")) {
    const a = args.shift() as string;
    if (a === "--") break;
    const n = /^(?:-n|--interval)(?:=?(.+))?$/.exec(a);
    if (n) {
      const v = Number(n[1] ?? args.shift());
      if (!Number.isFinite(v)) {
        complain(ctx, `failed to parse argument: '${n[1] ?? ""}'`);
        return 1;
      }
      interval = Math.max(0.1, v);
    } else if (a === "-t" || a === "--no-title") title = false;
    else if (a === "-g" || a === "--chgexit") chgexit = true;
    else if (a === "-e" || a === "--errexit") errexit = true;
    else if (a === "-x" || a === "--exec") execDirect = true;
    else if (/^-[dcbpw]+$/.test(a) || a.startsWith("--differences") || a === "--color" || a === "--beep")
      continue;
    else {
      complain(ctx, `invalid option -- '${a.replace(/^-+/, "")}'`);
      ctx.stderr.write("\nUsage:\n watch [options] command\n");
      return 1;
    }
  }
  if (!args.length) {
    ctx.stderr.write(
      '\nUsage:\n watch [options] command\n\nOptions:\n  -b, --beep             beep if command has a non-zero exit\n  -c, --color            interpret ANSI color and style sequences\n  -d, --differences[=<permanent>]\n                         highlight changes between updates\n  -e, --errexit          exit if command has a non-zero exit\n  -g, --chgexit          exit when output from command changes\n  -n, --interval <secs>  seconds to wait between updates\n  -p, --precise          attempt run command in precise intervals\n  -t, --no-title         turn off header\n  -w, --no-wrap          turn off line wrapping\n  -x, --exec             pass command to exec instead of "sh -c"\n\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n\nFor more details see watch(1).\n',
    );
    return 1;
  }
  const command = args.join(" ");
  const argv = execDirect ? args : ["sh", "-c", command];
  return (function* (): Proc {
    let previous: string | undefined;
    for (;;) {
      const started = ctx.sys.now();
      if (title) ctx.stdout.write(`${watchTitle(interval, command, ctx.sys.hostname(), started)}\n\n`);
      const tee = new Tee(ctx.stdout);
      const status = yield* runInto(ctx, argv, tee);
      if (errexit && status !== 0) {
        ctx.stderr.write(`\ncommand exit with a non-zero status, press a key to exit\n`);
        return 8;
      }
      if (chgexit && previous !== undefined && previous !== tee.text) return 0;
      previous = tee.text;
      yield* sleepUntil(ctx, started + interval * 1000);
    }
  })();
};

/** Runs a command with its output going through out (the userland's program, else exec's). */
export function* runInto(ctx: CommandContext, argv: string[], out: Output): Proc {
  const name = argv[0] as string;
  const program = ctx.userland?.lookup(name, name === "sh" ? "/bin/sh" : (ctx.env.PATH ?? ""));
  if (!program) return yield* ctx.exec(argv, "");
  const r = program({ ...ctx, argv, stdin: "", stdinPipe: undefined, stdout: out });
  return typeof r === "number" ? r : yield* r;
}
