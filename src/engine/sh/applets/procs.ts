/**
 * kill and ps over the container's processes (System.processes and System.kill). ps prints
 * busybox's `PID   USER     TIME  COMMAND` table or procps-ng's formats (`ps`, `ps aux`,
 * `ps -ef`). No CPU or memory is accounted per process, so TIME is 0 and %CPU/%MEM, VSZ, RSS 0.
 */
import type { CommandContext, ProcessInfo } from "../interface";
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

/** A ps -o column: header, width, whether right-aligned, and its value. */
interface Column {
  header: string;
  width: number;
  right: boolean;
  value: (p: ProcessInfo, now: number) => string;
}

/** `[[dd-]hh:]mm:ss` of a duration (procps' etime). */
function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const p2 = (n: number) => String(n).padStart(2, "0");
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const core = `${p2(Math.floor((s % 3600) / 60))}:${p2(s % 60)}`;
  return d ? `${d}-${p2(h)}:${core}` : h ? `${p2(h)}:${core}` : core;
}

/** busybox ps's -o columns (procps/ps.c out_spec widths). */
const BUSYBOX_COLUMNS: Record<string, Column> = {
  pid: { header: "PID", width: 5, right: true, value: (p) => String(p.pid) },
  ppid: { header: "PPID", width: 5, right: true, value: (p) => (p.pid === 1 ? "0" : "1") },
  user: { header: "USER", width: 8, right: false, value: (p) => p.user.slice(0, 8) },
  group: { header: "GROUP", width: 8, right: false, value: (p) => p.user.slice(0, 8) },
  comm: { header: "COMMAND", width: 16, right: false, value: (p) => comm(p).slice(0, 16) },
  args: { header: "COMMAND", width: 0, right: false, value: (p) => p.command },
  time: { header: "TIME", width: 5, right: true, value: () => "0:00" },
  etime: { header: "ELAPSED", width: 7, right: true, value: (p, now) => elapsed(now - p.startedMs) },
  vsz: { header: "VSZ", width: 4, right: true, value: () => "0" },
  rss: { header: "RSS", width: 4, right: true, value: () => "0" },
  stat: { header: "STAT", width: 4, right: false, value: () => "S" },
};

/** procps-ng's -o columns. */
const PROCPS_COLUMNS: Record<string, Column> = {
  pid: { header: "PID", width: 7, right: true, value: (p) => String(p.pid) },
  ppid: { header: "PPID", width: 7, right: true, value: (p) => (p.pid === 1 ? "0" : "1") },
  user: { header: "USER", width: 8, right: false, value: (p) => p.user },
  uid: { header: "UID", width: 5, right: true, value: (p) => (p.user === "root" ? "0" : p.user) },
  comm: { header: "COMMAND", width: 15, right: false, value: (p) => comm(p).slice(0, 15) },
  args: { header: "COMMAND", width: 0, right: false, value: (p) => p.command },
  cmd: { header: "CMD", width: 0, right: false, value: (p) => p.command },
  command: { header: "COMMAND", width: 0, right: false, value: (p) => p.command },
  time: { header: "TIME", width: 8, right: true, value: () => "00:00:00" },
  etime: { header: "ELAPSED", width: 11, right: true, value: (p, now) => elapsed(now - p.startedMs) },
  stat: { header: "STAT", width: 4, right: false, value: (p) => (p.pid === 1 ? "Ss" : "S") },
  vsz: { header: "VSZ", width: 6, right: true, value: () => "0" },
  rss: { header: "RSS", width: 5, right: true, value: () => "0" },
  "%cpu": { header: "%CPU", width: 4, right: true, value: () => "0.0" },
  "%mem": { header: "%MEM", width: 4, right: true, value: () => "0.0" },
};

/** Prints processes in -o columns (`pid,comm`, `pid,user=OWNER`), as each flavour lays them out. */
function formatColumns(
  spec: string,
  procs: ProcessInfo[],
  now: number,
  busybox: boolean,
): string | { bad: string } {
  const table = busybox ? BUSYBOX_COLUMNS : PROCPS_COLUMNS;
  const cols: Column[] = [];
  for (const item of spec.split(/[,\s]+/).filter(Boolean)) {
    const [name, header] = item.split("=") as [string, string | undefined];
    const c = table[name.toLowerCase()];
    if (!c) return { bad: name };
    cols.push(header === undefined ? c : { ...c, header });
  }
  const cell = (c: Column, text: string, last: boolean) =>
    last && !c.right ? text : c.right ? text.padStart(c.width) : text.padEnd(c.width);
  const line = (texts: string[]) =>
    busybox
      ? texts.map((t, i) => (i === texts.length - 1 ? t : `${t.padEnd((cols[i] as Column).width)} `)).join("")
      : texts.map((t, i) => cell(cols[i] as Column, t, i === texts.length - 1)).join(" ");
  const rows = procs.map((p) =>
    line(
      cols.map((c, i) =>
        busybox && c.right && i < cols.length ? c.value(p, now).padStart(c.width) : c.value(p, now),
      ),
    ),
  );
  const header = line(cols.map((c) => (busybox || !c.right ? c.header : c.header.padStart(c.width))));
  return `${[header, ...rows].map((l) => l.replace(/\s+$/, "")).join("\n")}\n`;
}

/** A user name in procps' 8-wide column: longer ones end in `+` (`systemd+`). */
export const procpsUser = (user: string): string => (user.length > 8 ? `${user.slice(0, 7)}+` : user);

/**
 * ps names each process's user from this container's /etc/passwd, as procps and busybox do
 * (another container's nginx worker is `101` in a busybox shell); a uid it lacks shows as digits.
 */
export function withUserNames(ctx: CommandContext, procs: ProcessInfo[]): ProcessInfo[] {
  if (!procs.some((p) => p.credentials)) return procs;
  let passwd = "";
  try {
    passwd = ctx.fs.isFile("/etc/passwd") ? ctx.fs.read("/etc/passwd") : "";
  } catch {
    passwd = "";
  }
  const names = new Map<number, string>();
  for (const line of passwd.split("\n")) {
    const [name, , uid] = line.split(":");
    if (name && uid && /^\d+$/.test(uid) && !names.has(Number(uid))) names.set(Number(uid), name);
  }
  return procs.map((p) =>
    p.credentials ? { ...p, user: names.get(p.credentials.uid) ?? String(p.credentials.uid) } : p,
  );
}

/** `ps [aux | -ef | -e | -o COLUMNS]`. */
export const ps: Applet = (flavour) => (ctx) => {
  const procs = withUserNames(
    ctx,
    [...ctx.sys.processes()].sort((a, b) => a.pid - b.pid),
  );
  const args = ctx.argv.slice(1).join(" ");
  const now = ctx.sys.now();
  const o = ctx.argv
    .slice(1)
    .flatMap((a, i, all) =>
      a === "-o" || a === "o" ? [all[i + 1] ?? ""] : a.startsWith("-o") ? [a.slice(2)] : [],
    );
  let out: string;
  if (o.length) {
    const r = formatColumns(o.join(","), procs, now, flavour === "busybox");
    if (typeof r !== "string") {
      if (flavour === "busybox")
        complain(
          ctx,
          `bad -o argument '${r.bad}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss`,
        );
      else
        ctx.stderr.write(
          `error: unknown user-defined format specifier "${r.bad}"\n\nUsage:\n ps [options]\n`,
        );
      return 1;
    }
    ctx.stdout.write(r);
    return 0;
  }
  if (flavour === "busybox") {
    out = `PID   USER     TIME  COMMAND\n${procs.map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)}  0:00 ${p.command}\n`).join("")}`;
  } else if (
    (/\b[a-z]*u[a-z]*x?\b|aux/.test(args) && !args.startsWith("-")) ||
    // procps-ng (ps/parser.c) reads `ps -aux` as BSD `ps aux` when no user is named x.
    /^-(aux|axu)$/.test(args)
  ) {
    out = `USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n${procs
      .map(
        (p) =>
          `${procpsUser(p.user).padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0      0     0 ?        ${p.pid === 1 ? "Ss  " : "S   "} ${start(p.startedMs, now).padStart(5)}   0:00 ${p.command}\n`,
      )
      .join("")}`;
  } else if (/-\w*f/.test(args)) {
    out = `UID          PID    PPID  C STIME TTY          TIME CMD\n${procs
      .map(
        (p) =>
          `${procpsUser(p.user).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 1).padStart(7)}  0 ${start(p.startedMs, now)} ?        00:00:00 ${p.command}\n`,
      )
      .join("")}`;
  } else {
    out = `    PID TTY          TIME CMD\n${procs.map((p) => `${String(p.pid).padStart(7)} ?        00:00:00 ${comm(p)}\n`).join("")}`;
  }
  ctx.stdout.write(out);
  return 0;
};
