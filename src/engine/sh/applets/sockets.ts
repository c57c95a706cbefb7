/**
 * The listening sockets of a host: iproute2 5.15's ss (misc/ss.c: State, Recv-Q, Send-Q, the
 * address right-aligned before `:` and the port after it, `users:(("comm",pid=N,fd=N))` with
 * -p) and net-tools' netstat (netstat.c: `%-4s  %6ld %6ld %-23s %-23s %-11s` and a 20-wide
 * `PID/Program name`). A dual-stack socket shows as `*:PORT` in ss and as tcp6 `:::PORT` in
 * netstat. A container's sockets are not modelled: there the tools print their headers.
 */
import type { CommandContext, ListeningSocket } from "../interface";
import { type Applet, getopt, has, type Parsed, usage } from "./common";

/** The listen backlog ss shows as Send-Q: Go servers take somaxconn (4096), sshd 128. */
const backlog = (s: ListeningSocket) => (s.comm === "sshd" ? 128 : 4096);

/** Whether a socket is an IPv6 (or dual-stack) one. */
export const isV6 = (s: ListeningSocket): boolean => s.address === "*" || s.address.includes(":");

/** The host's sockets for the families and protocols asked, IPv4 first, by port. */
export function selected(ctx: CommandContext, p: Parsed): ListeningSocket[] {
  const all = ctx.sys.host?.()?.sockets ?? [];
  const tcp = has(p, "t") || !has(p, "u");
  const udp = has(p, "u") || !has(p, "t");
  return all
    .filter((s) => (s.proto === "tcp" ? tcp : udp))
    .filter((s) => (has(p, "4") ? !isV6(s) : has(p, "6") ? isV6(s) : true))
    .sort(
      (a, b) => Number(isV6(a)) - Number(isV6(b)) || a.port - b.port || a.address.localeCompare(b.address),
    );
}

/** `ss [-t] [-u] [-l] [-n] [-p] [-a] [-4|-6]`. */
export const ss: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "tulnpae46rH", {
      tcp: "t",
      udp: "u",
      listening: "l",
      numeric: "n",
      processes: "p",
      all: "a",
      extended: "e",
      "no-header": "H",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  // Only listening sockets are modelled: without -l or -a ss lists established ones, none here.
  const socks = has(p, "l") || has(p, "a") ? selected(ctx, p) : [];
  const both = !(has(p, "t") && !has(p, "u")) && !(has(p, "u") && !has(p, "t"));
  const addr = (s: ListeningSocket) => (s.address === "::" ? "[::]" : s.address);
  const peer = (s: ListeningSocket) => (s.address === "*" ? "*" : isV6(s) ? "[::]" : "0.0.0.0");
  const rows = socks.map((s) => ({
    netid: s.proto,
    state: s.proto === "udp" ? "UNCONN" : "LISTEN",
    recv: "0",
    send: s.proto === "udp" ? "0" : String(backlog(s)),
    local: addr(s),
    lport: String(s.port),
    peer: peer(s),
    pport: "*",
    proc: has(p, "p") && s.pid !== undefined ? `users:(("${s.comm}",pid=${s.pid},fd=${s.fd ?? 3}))` : "",
  }));
  const w = (h: string, k: keyof (typeof rows)[number]) =>
    Math.max(h.length, ...rows.map((r) => r[k].length));
  const wNet = w("Netid", "netid");
  const wState = w("State", "state");
  const wRecv = w("Recv-Q", "recv");
  const wSend = w("Send-Q", "send");
  const wLocal = w("Local Address", "local");
  const wLport = w("Port", "lport");
  const wPeer = w("Peer Address", "peer");
  const wPport = w("Port", "pport");
  const lead = (netid: string, state: string, recv: string, send: string) =>
    `${both ? `${netid.padEnd(wNet)} ` : ""}${state.padEnd(wState)} ${recv.padEnd(wRecv)} ${send.padEnd(wSend)} `;
  // ss.c render_calc_width: not a terminal, so each column is as wide as its contents (compact
  // output); every column but the first and the ports starts with a space, and the process
  // column's text starts with its own (` users:(...)`), so its header follows `Port` directly.
  const wProc = has(p, "p") ? Math.max("Process".length, ...rows.map((r) => r.proc.length + 1)) : 0;
  const line = (
    a: string,
    b: string,
    c: string,
    d: string,
    local: string,
    lport: string,
    peer: string,
    pport: string,
    proc: string,
  ) =>
    `${lead(a, b, c, d)}${local.padStart(wLocal)}:${lport.padEnd(wLport)} ${peer.padStart(wPeer)}:${pport.padEnd(wPport)}${proc.padEnd(wProc)}\n`;
  let out = has(p, "H")
    ? ""
    : line(
        "Netid",
        "State",
        "Recv-Q",
        "Send-Q",
        "Local Address",
        "Port",
        "Peer Address",
        "Port",
        has(p, "p") ? "Process" : "",
      );
  for (const r of rows)
    out += line(
      r.netid,
      r.state,
      r.recv,
      r.send,
      r.local,
      r.lport,
      r.peer,
      r.pport,
      r.proc ? ` ${r.proc}` : "",
    );
  ctx.stdout.write(out);
  return 0;
};

/** `netstat [-t] [-u] [-l] [-n] [-p] [-a]`. */
export const netstat: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "tulnpae46W", {
      tcp: "t",
      udp: "u",
      listening: "l",
      numeric: "n",
      programs: "p",
      all: "a",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const socks = has(p, "l") || has(p, "a") ? selected(ctx, p) : [];
  const kind = has(p, "l") ? "only servers" : has(p, "a") ? "servers and established" : "w/o servers";
  let out = `Active Internet connections (${kind})\n`;
  out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${has(p, "p") ? " PID/Program name    " : ""}\n`;
  for (const s of socks) {
    const v6 = isV6(s);
    const host = s.address === "*" || s.address === "::" ? "::" : s.address.replace(/%.*$/, "");
    const local = `${host}:${s.port}`;
    const foreign = v6 ? ":::*" : "0.0.0.0:*";
    const proto = `${s.proto}${v6 ? "6" : ""}`;
    const state = s.proto === "tcp" ? "LISTEN" : "";
    const prog = s.pid !== undefined ? `${s.pid}/${s.comm}`.slice(0, 19) : "-";
    out += `${proto.padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)}${has(p, "p") ? ` ${prog.padEnd(20)}` : ""}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};
