/**
 * busybox 1.36's process finders over the container's processes (System.processes, System.kill):
 * pidof (procps/pidof.c), pgrep and pkill (procps/pgrep.c), killall (procps/kill.c). pidof and
 * killall match a name as libbb's find_pid_by_name does (the comm, or argv[0]'s base name);
 * pgrep and pkill match an extended regex against argv[0] (the whole command line with -f),
 * then against the comm. Processes are scanned in pid order, as /proc lists them.
 */
import type { CommandContext, ProcessInfo } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, getopt, has, type Parsed, programName, usage } from "./common";
import { SIGNALS, signalName } from "./procs";
import { compile, RegexError } from "./regex";

/** A process's arguments (/proc/PID/cmdline). */
const argvOf = (p: ProcessInfo): string[] => p.argv ?? p.command.split(" ").filter(Boolean);

/** The last part of a path. */
const base = (s: string): string => s.slice(s.lastIndexOf("/") + 1);

/** /proc/PID/comm: the executable's base name, truncated to 15 characters by the kernel. */
export const commOf = (p: ProcessInfo): string => p.comm ?? base(argvOf(p)[0] ?? "").slice(0, 15);

/** The container's processes in pid order, as procps_scan walks /proc. */
const scan = (ctx: CommandContext): ProcessInfo[] => [...ctx.sys.processes()].sort((a, b) => a.pid - b.pid);

/**
 * libbb find_pid_by_name: the comm matches the name (a 15-character comm matches a longer name
 * whose argv[1] base name is it: a script run by its interpreter), or argv[0]'s base name does.
 */
export function matchesName(p: ProcessInfo, name: string): boolean {
  const comm = commOf(p);
  const argv = argvOf(p);
  if (comm === name.slice(0, 15)) {
    if (comm.length < 15) return true;
    if (argv[1] !== undefined && base(argv[1]) === name) return true;
  }
  return argv[0] !== undefined && base(argv[0]) === name;
}

/** print_signames: ` 1) HUP` and so on, one a line. */
const signames = (): string => SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) ${s}\n`).join("");

/** `pidof [-s] [-o PID] [NAME]...`: pids of each name, newest first, on one line. */
export const pidof: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "so:");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  // %PPID is getppid(): a program kubectl exec starts has its parent outside the container's
  // PID namespace (0); the shell a program runs in is not known to it here, so 0 too.
  const omit = new Set((p.opts.get("o") ?? []).map((o) => (o === "%PPID" ? "0" : o)));
  for (const o of omit) {
    if (!/^\d+$/.test(o)) {
      complain(ctx, `invalid number '${o}'`);
      return 1;
    }
  }
  const procs = scan(ctx);
  const found: number[] = [];
  for (const name of p.operands) {
    // pidlist_reverse: the list is reversed, as GNU pidof prints it.
    for (const proc of procs.filter((q) => matchesName(q, name)).reverse()) {
      if (omit.has(String(proc.pid))) continue;
      found.push(proc.pid);
      if (has(p, "s")) break;
    }
  }
  if (found.length) ctx.stdout.write(`${found.join(" ")}\n`);
  return found.length ? 0 : 1;
};

/** What pgrep or pkill was asked to find, after its options. */
interface Selection {
  invert: boolean;
  list: boolean;
  listFull: boolean;
  full: boolean;
  anchor: boolean;
  oldest: boolean;
  newest: boolean;
  echo: boolean;
  sid?: number;
  ppid?: number;
  pattern?: RegExp;
}

/** The processes pgrep.c's loop selects, with the text each is shown by (argv[0] or comm). */
function select(ctx: CommandContext, s: Selection): Array<{ proc: ProcessInfo; cmd: string }> {
  const self = ctx.sys.pid?.();
  const ppidOf = (q: ProcessInfo) => (q.pid === 1 ? 0 : 1);
  const out: Array<{ proc: ProcessInfo; cmd: string }> = [];
  for (const proc of scan(ctx)) {
    if (proc.pid === self) continue;
    // A container's processes are one session, led by its pid 1.
    const sidMismatch = s.sid !== undefined && s.sid !== 1;
    const ppidMismatch = s.ppid !== undefined && s.ppid !== ppidOf(proc);
    const argv = argvOf(proc);
    const shown = s.listFull && s.full ? argv.join(" ") : (argv[0] ?? commOf(proc));
    if (!s.invert && (sidMismatch || ppidMismatch)) continue;
    if (s.invert && (sidMismatch || ppidMismatch)) {
      out.push({ proc, cmd: shown });
      continue;
    }
    let cmd = shown;
    let match = s.pattern === undefined;
    if (s.pattern) {
      const text = s.full ? argv.join(" ") : (argv[0] ?? "");
      const hit = (t: string) => {
        const m = (s.pattern as RegExp).exec(t);
        return m !== null && (!s.anchor || (m.index === 0 && m[0].length === t.length));
      };
      match = hit(text);
      if (!match) {
        cmd = commOf(proc);
        match = hit(cmd);
      }
    }
    if (match !== s.invert) out.push({ proc, cmd });
  }
  if (s.newest) return out.slice(-1);
  if (s.oldest) return out.slice(0, 1);
  return out;
}

/** pgrep and pkill: one program, as pgrep.c is. */
function pgrepOrPkill(kill: boolean): Applet {
  return (flavour) => (ctx) => {
    let args = ctx.argv.slice(1);
    let signal = "TERM";
    // pkill's -SIGNAL must come first; a letter that is no signal is an option.
    if (kill && args[0]?.startsWith("-")) {
      const s = signalName(args[0].slice(1));
      if (s !== undefined && args[0] !== "-") {
        signal = s;
        args = args.slice(1);
      }
    }
    let p: Parsed;
    try {
      p = getopt(args, "vlafxones:P:");
    } catch (e) {
      return usage(ctx, flavour, e);
    }
    if (kill && has(p, "l")) {
      ctx.stdout.write(signames());
      return 0;
    }
    const number = (k: string): number | undefined | "bad" => {
      const v = p.opts.get(k)?.at(-1);
      if (v === undefined) return undefined;
      return /^\d+$/.test(v) ? Number(v) : "bad";
    };
    const sid = number("s");
    const ppid = number("P");
    for (const [v, raw] of [
      [sid, p.opts.get("s")?.at(-1)],
      [ppid, p.opts.get("P")?.at(-1)],
    ] as const) {
      if (v === "bad") {
        complain(ctx, `invalid number '${raw}'`);
        return 1;
      }
    }
    // One pattern is required, unless -s or -P selects.
    if ((sid === undefined && ppid === undefined && p.operands.length !== 1) || p.operands.length > 1) {
      ctx.stderr.write(busyboxUsage(programName(ctx)));
      return 1;
    }
    let pattern: RegExp | undefined;
    if (p.operands[0] !== undefined) {
      try {
        pattern = compile(p.operands[0], true);
      } catch (e) {
        if (!(e instanceof RegexError)) throw e;
        complain(ctx, `bad regex '${p.operands[0]}': ${e.message}`);
        return 1;
      }
    }
    const chosen = select(ctx, {
      invert: has(p, "v"),
      list: has(p, "l"),
      listFull: has(p, "a"),
      full: has(p, "f"),
      anchor: has(p, "x"),
      oldest: has(p, "o"),
      newest: has(p, "n"),
      echo: has(p, "e"),
      sid: sid === 0 ? 1 : (sid as number | undefined),
      ppid: ppid as number | undefined,
      pattern,
    });
    let out = "";
    for (const { proc, cmd } of chosen) {
      if (!kill) {
        out += has(p, "l") || has(p, "a") ? `${proc.pid} ${cmd}\n` : `${proc.pid}\n`;
        continue;
      }
      ctx.sys.kill(proc.pid, signal);
      if (has(p, "e")) out += `${cmd} killed (pid ${proc.pid})\n`;
    }
    ctx.stdout.write(out);
    return chosen.length ? 0 : 1;
  };
}

/** `pgrep [-flanovx] [-s SID|-P PPID|PATTERN]`. */
export const pgrep: Applet = pgrepOrPkill(false);

/** `pkill [-l|-SIGNAL] [-xfvnoe] [-s SID|-P PPID|PATTERN]`. */
export const pkill: Applet = pgrepOrPkill(true);

/** `killall [-lq] [-SIG] PROCESS_NAME...`: kill.c's killall, the status its count of failures. */
export const killall: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1);
  let signal = "TERM";
  let quiet = false;
  if (args[0] === "-l") {
    if (args.length === 1) {
      ctx.stdout.write(signames());
      return 0;
    }
    for (const a of args.slice(1)) {
      const name = /^\d+$/.test(a) ? SIGNALS[(Number(a) & 0x7f) - 1] : signalName(a);
      if (name === undefined) {
        complain(ctx, `unknown signal '${a}'`);
        return 1;
      }
      ctx.stdout.write(/^\d+$/.test(a) ? `${name}\n` : `${SIGNALS.indexOf(name) + 1}\n`);
    }
    return 0;
  }
  if (args[0] === "-q") {
    quiet = true;
    args.shift();
  }
  if (args[0]?.startsWith("-")) {
    let s = (args.shift() as string).slice(1);
    if (s !== "-") {
      if (s === "s" && args.length) s = args.shift() as string;
      const name = signalName(s);
      if (name === undefined) {
        complain(ctx, `bad signal name '${s}'`);
        return 1;
      }
      signal = name;
    }
  }
  if (!args.length) {
    complain(ctx, "you need to specify whom to kill");
    return 1;
  }
  const self = ctx.sys.pid?.();
  let errors = 0;
  for (const name of args) {
    const pids = scan(ctx)
      .filter((q) => matchesName(q, name))
      .map((q) => q.pid);
    if (!pids.length) {
      errors++;
      if (!quiet) complain(ctx, `${name}: no process killed`);
      continue;
    }
    for (const pid of pids) {
      if (pid === self) continue;
      if (ctx.sys.kill(pid, signal)) continue;
      errors++;
      if (!quiet) complain(ctx, `can't kill pid ${pid}: No such process`);
    }
  }
  return errors;
};
