/**
 * wget: busybox networking/wget.c (`Connecting to web (10.96.12.34:80)`, `saving to`, the
 * progress line, `'index.html' saved`, `server returned error: HTTP/1.1 404 Not Found`, `bad
 * address`, `download timed out` after -T seconds, default 900) and GNU wget 1.21's log.
 */
import type { CommandContext, HttpResponse, Proc } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  abs,
  byteLength,
  complain,
  type Flavour,
  fsReason,
  getopt,
  has,
  last,
  type Parsed,
  usage,
  writeFile,
} from "./common";
import { strftime } from "./date";
import { connect, ownAddress, parseUrl, reason, responseHeaders, type Url } from "./net";

/** busybox wget's default network timeout (G.timeout_seconds = 900). */
export const BUSYBOX_WGET_TIMEOUT_S = 900;
/** GNU wget's default read timeout. */
export const GNU_WGET_TIMEOUT_S = 900;

/** busybox's progress line for a finished transfer (libbb/progress.c). */
export function busyboxProgress(name: string, bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 100000) {
    v = Math.floor(v / 1024);
    i++;
  }
  return `${name.padEnd(20).slice(0, 20)} 100% |${"*".repeat(32)}| ${String(v).padStart(5)}${" kMGTPEZY"[i]} 0:00:00 ETA\n`;
}

/** `wget [-q] [-O FILE] [-S] [--spider] [-T SEC] [--header H] [--post-data D] URL`. */
export const wget: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "qO:ST:cP:U:Y:t:nsv", {
      quiet: "q",
      "output-document=": "O",
      "server-response": "S",
      "timeout=": "T",
      spider: "spider",
      "header=": "header",
      "post-data=": "post",
      "user-agent=": "U",
      "no-check-certificate": "k",
      "tries=": "t",
      continue: "c",
    });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const target = p.operands[0];
  if (target === undefined) {
    if (flavour === "gnu") {
      complain(ctx, "missing URL");
      ctx.stderr.write("Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    } else ctx.stderr.write(busyboxUsage("wget"));
    return 1;
  }
  const url = parseUrl(target);
  if (!url) {
    complain(ctx, flavour === "gnu" ? `${target}: Unsupported scheme.` : `not an http or ftp url: ${target}`);
    return 1;
  }
  const timeoutS = Number(last(p, "T") ?? (flavour === "gnu" ? GNU_WGET_TIMEOUT_S : BUSYBOX_WGET_TIMEOUT_S));
  return (flavour === "gnu" ? gnuWget : busyboxWget)(ctx, p, url, timeoutS * 1000);
};

/** Sends the request wget builds. */
function request(p: Parsed, url: Url, flavour: Flavour) {
  const headers: Record<string, string> = {
    host: url.hostHeader,
    "user-agent": last(p, "U") ?? (flavour === "gnu" ? "Wget/1.21.3" : "Wget"),
    accept: "*/*",
  };
  for (const h of p.opts.get("header") ?? []) {
    const i = h.indexOf(":");
    if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  const body = last(p, "post") ?? "";
  if (p.opts.has("post")) headers["content-type"] ??= "application/x-www-form-urlencoded";
  return {
    method: p.opts.has("post") ? "POST" : p.opts.has("spider") && flavour === "gnu" ? "HEAD" : "GET",
    path: url.path,
    headers,
    body,
  };
}

/** The file name wget saves to: -O, or the URL's last path component, or index.html. */
function outName(p: Parsed, url: Url): string {
  const o = last(p, "O");
  if (o !== undefined) return o;
  const base = url.path.split("?")[0]?.split("/").pop() ?? "";
  return base || "index.html";
}

function* busyboxWget(ctx: CommandContext, p: Parsed, url: Url, timeoutMs: number): Proc {
  const quiet = has(p, "q");
  const c = yield* connect(ctx, url.host, url.port, timeoutMs);
  if (!c.ok && c.error === "unresolved") {
    complain(ctx, `bad address '${url.host}'`);
    return 1;
  }
  if (!quiet) ctx.stderr.write(`Connecting to ${url.hostHeader} (${c.ip}:${url.port})\n`);
  if (!c.ok) {
    if (c.error === "refused") complain(ctx, `can't connect to remote host (${c.ip}): Connection refused`);
    else if (c.waitedMs >= timeoutMs) complain(ctx, "download timed out");
    else complain(ctx, `can't connect to remote host (${c.ip}): Connection timed out`);
    return 1;
  }
  if (url.scheme === "https") {
    // busybox's own TLS client (tls.c) checks no certificate; wget.c says so unless told not to check.
    if (!has(p, "k")) complain(ctx, "note: TLS certificate validation not implemented");
  }
  if (!c.listener.http) {
    complain(ctx, "error getting response: Connection reset by peer");
    return 1;
  }
  const res = c.listener.http({ ...request(p, url, "busybox"), remoteAddress: ownAddress(ctx) });
  if (res.latencyMs) yield { kind: "sleep", ms: Math.ceil(res.latencyMs) };
  if (has(p, "S")) {
    ctx.stderr.write(`  HTTP/1.1 ${res.status} ${reason(res)}\n`);
    for (const [k, v] of responseHeaders(res, byteLength(res.body))) ctx.stderr.write(`  ${k}: ${v}\n`);
  }
  if (res.status >= 400 || (res.status >= 205 && res.status < 300 && res.status !== 206)) {
    complain(ctx, `server returned error: HTTP/1.1 ${res.status} ${reason(res)}`);
    return 1;
  }
  if (has(p, "spider")) {
    if (!quiet) ctx.stderr.write("remote file exists\n");
    return 0;
  }
  return save(ctx, p, url, res, "busybox");
}

/** Writes the body where -O says (or the URL's name), with busybox's or GNU's messages. */
function save(ctx: CommandContext, p: Parsed, url: Url, res: HttpResponse, flavour: Flavour): number {
  const quiet = has(p, "q");
  const name = outName(p, url);
  const bytes = byteLength(res.body);
  if (name === "-") {
    if (!quiet && flavour === "busybox") ctx.stderr.write("writing to stdout\n");
    ctx.stdout.write(res.body);
    if (!quiet && flavour === "busybox")
      ctx.stderr.write(`${busyboxProgress("-", bytes)}written to stdout\n`);
    return 0;
  }
  if (flavour === "busybox" && last(p, "O") === undefined && ctx.fs.exists(abs(ctx, name))) {
    complain(ctx, `can't open '${name}': File exists`);
    return 1;
  }
  if (!quiet && flavour === "busybox") ctx.stderr.write(`saving to '${name}'\n`);
  try {
    writeFile(ctx, name, res.body);
  } catch (e) {
    complain(ctx, flavour === "gnu" ? `${name}: ${fsReason(e)}` : `can't open '${name}': ${fsReason(e)}`);
    return flavour === "gnu" ? 3 : 1;
  }
  if (!quiet && flavour === "busybox")
    ctx.stderr.write(`${busyboxProgress(name.split("/").pop() ?? name, bytes)}'${name}' saved\n`);
  return 0;
}

function* gnuWget(ctx: CommandContext, p: Parsed, url: Url, timeoutMs: number): Proc {
  const quiet = has(p, "q");
  const log = (s: string) => {
    if (!quiet) ctx.stderr.write(s);
  };
  const stamp = () => strftime("%Y-%m-%d %H:%M:%S", ctx.sys.now());
  const shown = `${url.scheme}://${url.hostHeader}${url.path}`;
  log(`--${stamp()}--  ${shown}\n`);
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(url.host);
  const c = yield* connect(ctx, url.host, url.port, timeoutMs);
  if (!c.ok && c.error === "unresolved") {
    // gai_strerror: EAI_NONAME for NXDOMAIN, EAI_AGAIN when the server did not answer.
    log(
      `Resolving ${url.host} (${url.host})... failed: ${c.dnsTimeout ? "Temporary failure in name resolution" : "Name or service not known"}.\n`,
    );
    ctx.stderr.write(`wget: unable to resolve host address '${url.host}'\n`);
    return 4;
  }
  if (!isIp) log(`Resolving ${url.host} (${url.host})... ${c.ip}\n`);
  log(
    isIp
      ? `Connecting to ${url.host}:${url.port}... `
      : `Connecting to ${url.host} (${url.host})|${c.ip}|:${url.port}... `,
  );
  if (!c.ok) {
    log(c.error === "refused" ? "failed: Connection refused.\n" : "failed: Connection timed out.\n");
    return 4;
  }
  log("connected.\n");
  if (!c.listener.http) {
    log("HTTP request sent, awaiting response... No data received.\n");
    return 4;
  }
  const res = c.listener.http({ ...request(p, url, "gnu"), remoteAddress: ownAddress(ctx) });
  if (res.latencyMs) yield { kind: "sleep", ms: Math.ceil(res.latencyMs) };
  log(`HTTP request sent, awaiting response... ${has(p, "S") ? "\n" : `${res.status} ${reason(res)}\n`}`);
  if (has(p, "S")) {
    log(`  HTTP/1.1 ${res.status} ${reason(res)}\n`);
    for (const [k, v] of responseHeaders(res, byteLength(res.body))) log(`  ${k}: ${v}\n`);
  }
  if (res.status >= 400) {
    log(`${stamp()} ERROR ${res.status}: ${reason(res)}.\n\n`);
    return 8;
  }
  const bytes = byteLength(res.body);
  const type = Object.entries(res.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  log(`Length: ${bytes}${type ? ` [${type}]` : ""}\n`);
  if (has(p, "spider")) {
    log("Remote file exists.\n\n");
    return 0;
  }
  let name = outName(p, url);
  if (last(p, "O") === undefined) {
    let n = 1;
    const base = name;
    while (ctx.fs.exists(abs(ctx, name))) name = `${base}.${n++}`;
  }
  log(name === "-" ? "Saving to: 'STDOUT'\n\n" : `Saving to: '${name}'\n\n`);
  const code = save(ctx, p, url, res, "gnu");
  if (code) return code;
  const shownName = name === "-" ? "-" : name;
  log(
    `${shownName.padEnd(19).slice(0, 19)} 100%[===================>] ${String(bytes).padStart(7)}  --.-KB/s    in 0s      \n\n`,
  );
  log(
    `${stamp()} (${rate(bytes)}) - ${name === "-" ? "written to stdout" : `'${name}' saved`} [${bytes}/${bytes}]\n\n`,
  );
  return 0;
}

/** GNU wget's rate for a transfer taken as one millisecond (the virtual network has no latency). */
function rate(bytes: number): string {
  const perSecond = bytes * 1000;
  if (perSecond >= 1048576) return `${(perSecond / 1048576).toFixed(1)} MB/s`;
  if (perSecond >= 1024) return `${(perSecond / 1024).toFixed(1)} KB/s`;
  return `${perSecond.toFixed(2)} B/s`;
}
