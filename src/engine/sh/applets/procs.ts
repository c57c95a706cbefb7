/**
 * kill and ps over the container's processes (System.processes and System.kill). ps prints
 * busybox's `PID   USER     TIME  COMMAND` table or procps-ng's formats (`ps`, `ps aux`,
 * `ps -ef`). No CPU or memory is accounted per process, so TIME is 0 and %CPU/%MEM, VSZ, RSS 0.
 */
import type { ProcessInfo } from "../interface";
import { type Applet, complain } from "./common";

/** Linux signal numbers, in order. */
export const SIGNALS = [
  "HUP",
  "INT",
  "QUIT",
  "ILL",
  "TRAP",
  "ABRT",
  "BUS",
  "FPE",
  "KILL",
  "USR1",
  "SEGV",
  "USR2",
  "PIPE",
  "ALRM",
  "TERM",
  "STKFLT",
  "CHLD",
  "CONT",
  "STOP",
  "TSTP",
  "TTIN",
  "TTOU",
  "URG",
  "XCPU",
  "XFSZ",
  "VTALRM",
  "PROF",
  "WINCH",
  "POLL",
  "PWR",
  "SYS",
];

/** A signal name (`TERM`) from `9`, `KILL`, `SIGKILL`, `kill`; undefined when unknown. */
export function signalName(s: string): string | undefined {
  if (/^\d+$/.test(s)) return Number(s) === 0 ? "0" : SIGNALS[Number(s) - 1];
  const n = s.toUpperCase().replace(/^SIG/, "");
  if (n === "IO") return "POLL";
  if (n === "CLD") return "CHLD";
  return SIGNALS.includes(n) ? n : undefined;
}

/** `kill [-s SIG | -SIG] PID...`, `kill -l [N]`. */
export const kill: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1);
  let signal = "TERM";
  if (args[0] === "-l" || args[0] === "-L") {
    const n = args[1];
    if (n !== undefined) {
      const name = /^\d+$/.test(n) ? SIGNALS[(Number(n) & 0x7f) - 1] : undefined;
      const num = signalName(n);
      if (/^\d+$/.test(n) ? !name : !num) {
        complain(ctx, flavour === "gnu" ? `unknown signal name ${n}` : `unknown signal '${n}'`);
        return 1;
      }
      ctx.stdout.write(`${/^\d+$/.test(n) ? name : SIGNALS.indexOf(num as string) + 1}\n`);
      return 0;
    }
    if (flavour === "gnu") ctx.stdout.write(`${SIGNALS.join(" ")}\n`);
    else ctx.stdout.write(SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) ${s}\n`).join(""));
    return 0;
  }
  if (args[0] === "-s" || args[0] === "-n") {
    args.shift();
    const s = args.shift();
    const name = s === undefined ? undefined : signalName(s);
    if (!name) {
      complain(ctx, flavour === "gnu" ? `unknown signal name ${s ?? ""}` : `bad signal name '${s ?? ""}'`);
      return 1;
    }
    signal = name;
  } else if (args[0]?.startsWith("-") && args[0] !== "--") {
    const s = args.shift() as string;
    const name = signalName(s.slice(1));
    if (!name) {
      complain(
        ctx,
        flavour === "gnu" ? `unknown signal name ${s.slice(1)}` : `bad signal name '${s.slice(1)}'`,
      );
      return 1;
    }
    signal = name;
  }
  if (args[0] === "--") args.shift();
  if (!args.length) {
    if (flavour === "gnu") ctx.stderr.write("\nUsage:\n kill [options] <pid> [...]\n");
    else complain(ctx, "you need to specify whom to kill");
    return 1;
  }
  let status = 0;
  for (const a of args) {
    if (!/^-?\d+$/.test(a)) {
      complain(ctx, flavour === "gnu" ? `cannot find process "${a}"` : `invalid number '${a}'`);
      status = 1;
      continue;
    }
    if (!ctx.sys.kill(Number(a), signal)) {
      complain(ctx, flavour === "gnu" ? `(${a}): No such process` : `can't kill pid ${a}: No such process`);
      status = 1;
    }
  }
  return status;
};

/** `HH:MM` of a start time, or `Mon DD` for one before today (procps' START/STIME). */
function start(ms: number, now: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  if (now - ms < 86_400_000) return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  return d.toUTCString().slice(8, 11) + p2(d.getUTCDate());
}

/** The command's name (procps' CMD in the default format). */
const comm = (p: ProcessInfo) => (p.command.split(" ")[0] ?? "").split("/").pop() ?? "";

/** `ps [aux | -ef | -e | -o ...]`. */
export const ps: Applet = (flavour) => (ctx) => {
  const procs = [...ctx.sys.processes()].sort((a, b) => a.pid - b.pid);
  const args = ctx.argv.slice(1).join(" ");
  const now = ctx.sys.now();
  let out: string;
  if (flavour === "busybox") {
    out = `PID   USER     TIME  COMMAND\n${procs.map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)}  0:00 ${p.command}\n`).join("")}`;
  } else if (/\b[a-z]*u[a-z]*x?\b|aux/.test(args) && !args.startsWith("-")) {
    out = `USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n${procs
      .map(
        (p) =>
          `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0      0     0 ?        ${p.pid === 1 ? "Ss  " : "S   "} ${start(p.startedMs, now).padStart(5)}   0:00 ${p.command}\n`,
      )
      .join("")}`;
  } else if (/-\w*f/.test(args)) {
    out = `UID          PID    PPID  C STIME TTY          TIME CMD\n${procs
      .map(
        (p) =>
          `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 1).padStart(7)}  0 ${start(p.startedMs, now)} ?        00:00:00 ${p.command}\n`,
      )
      .join("")}`;
  } else {
    out = `    PID TTY          TIME CMD\n${procs.map((p) => `${String(p.pid).padStart(7)} ?        00:00:00 ${comm(p)}\n`).join("")}`;
  }
  ctx.stdout.write(out);
  return 0;
};
