/**
 * Name lookups: busybox nslookup (networking/nslookup.c: A then AAAA queries for the name with
 * each resolv.conf search domain when it has no dot, every reply printed, exit 1 on any
 * NXDOMAIN), bind9's nslookup, dig and host (dnsutils), and getent hosts (glibc).
 */

import { hexDigest } from "../../kubelet/hash";
import type { CommandContext, Resolved } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, type Flavour, getopt, type Parsed, usage } from "./common";
import { strftime } from "./date";
import {
  afterTimeout,
  BIND_TIMEOUT_MS,
  BIND_TRIES,
  BUSYBOX_NSLOOKUP_TIMEOUT_MS,
  dnsDown,
  RESOLVER_TIMEOUT_MS,
} from "./resolver";
import { sleepUntil } from "./sleep";

/** The TTL CoreDNS's kubernetes plugin gives cluster records. */
export const COREDNS_TTL = 30;
/** dig's banner version (Debian bookworm's bind9-dnsutils). */
export const DIG_VERSION = "9.18.28-1~deb12u2-Debian";

/** resolv.conf as the container sees it: search domains and ndots. */
export function resolvConf(ctx: CommandContext): { search: string[]; ndots: number; nameserver?: string } {
  let text = "";
  try {
    text = ctx.fs.read("/etc/resolv.conf");
  } catch {
    return { search: [], ndots: 1 };
  }
  const search = /^(?:search|domain)\s+(.+)$/m.exec(text)?.[1]?.trim().split(/\s+/) ?? [];
  const ndots = Number(/ndots:(\d+)/.exec(text)?.[1] ?? 1);
  const nameserver = /^nameserver\s+(\S+)/m.exec(text)?.[1];
  return { search, ndots, nameserver };
}

/** Looks a fully qualified name up as one DNS query would: no search list applied. */
export function lookupExact(ctx: CommandContext, name: string): Resolved | undefined {
  const fqdn = name.replace(/\.$/, "");
  const r = ctx.sys.network.resolve(`${fqdn}.`) ?? ctx.sys.network.resolve(fqdn);
  return r && r.name.replace(/\.$/, "") === fqdn ? r : undefined;
}

const isIp = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
const ptrName = (ip: string) => `${ip.split(".").reverse().join(".")}.in-addr.arpa`;

/** `nslookup NAME [SERVER]`. */
export const nslookup: Applet = (flavour) => (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  const name = args[0];
  if (name === undefined) {
    if (flavour === "gnu") ctx.stderr.write("> ");
    else ctx.stderr.write(busyboxUsage("nslookup"));
    return 1;
  }
  const server = args[1] ?? ctx.sys.network.dnsServer.address;
  if (dnsDown(ctx)) {
    if (flavour === "gnu") return bindUnreachable(ctx, server, BIND_TRIES, "\n", 1);
    // busybox networking/nslookup.c: no reply from any server within its timeout.
    return afterTimeout(ctx, BUSYBOX_NSLOOKUP_TIMEOUT_MS, () => {
      ctx.stdout.write(";; connection timed out; no servers could be reached\n\n");
      return 1;
    });
  }
  return flavour === "gnu" ? bindNslookup(ctx, name, server) : busyboxNslookup(ctx, name, server);
};

/**
 * bind9's tools when the server never answers (dighost.c recv_done): `communications error to
 * SERVER#53: timed out` for each try, then the command line banner (dig's) and `no servers
 * could be reached`, on stderr with `;; ` as dighost_warning and dighost_error print them.
 */
function* bindUnreachable(
  ctx: CommandContext,
  server: string,
  tries: number,
  banner: string,
  status: number,
): Generator<{ kind: "sleep"; ms: number } | { kind: "forever" }, number, void> {
  for (let i = 0; i < tries; i++) {
    yield* sleepUntil(ctx, ctx.sys.now() + BIND_TIMEOUT_MS);
    ctx.stderr.write(`;; communications error to ${server}#53: timed out\n`);
  }
  ctx.stdout.write(banner);
  ctx.stderr.write(";; no servers could be reached\n");
  return status;
}

function busyboxNslookup(ctx: CommandContext, name: string, server: string): number {
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let status = 0;
  if (isIp(name)) {
    const ptr = ptrName(name);
    const r = ctx.sys.network.reverse(name);
    if (r) out += `${ptr}\tname = ${r}\n\n`;
    else {
      out += `** server can't find ${ptr}: NXDOMAIN\n\n`;
      status = 1;
    }
    ctx.stdout.write(out);
    return status;
  }
  const { search } = resolvConf(ctx);
  const names = name.includes(".") || !search.length ? [name] : search.map((s) => `${name}.${s}`);
  for (const type of ["A", "AAAA"]) {
    for (const n of names) {
      const r = lookupExact(ctx, n);
      if (!r) {
        out += `** server can't find ${n}: NXDOMAIN\n\n`;
        status = 1;
      } else if (type === "A")
        out += `${r.addresses.map((a) => `Name:\t${r.name}\nAddress: ${a}\n`).join("")}\n`;
      else out += "\n";
    }
  }
  ctx.stdout.write(out);
  return status;
}

function bindNslookup(ctx: CommandContext, name: string, server: string): number {
  const out = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  if (isIp(name)) {
    const r = ctx.sys.network.reverse(name);
    if (!r) {
      ctx.stdout.write(`${out}** server can't find ${ptrName(name)}: NXDOMAIN\n\n`);
      return 1;
    }
    ctx.stdout.write(`${out}${ptrName(name)}\tname = ${r}.\n\n`);
    return 0;
  }
  const r = ctx.sys.network.resolve(name);
  if (!r) {
    ctx.stdout.write(`${out}** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  ctx.stdout.write(`${out}${r.addresses.map((a) => `Name:\t${r.name}\nAddress: ${a}\n`).join("")}\n`);
  return 0;
}

/** `host NAME` (search list applied, as the resolver does). */
export const host: Applet = () => (ctx) => {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith("-"));
  if (name === undefined) {
    ctx.stderr.write(
      "Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n",
    );
    return 1;
  }
  // host tries twice (its -R default of 1 retry).
  if (dnsDown(ctx)) return bindUnreachable(ctx, ctx.sys.network.dnsServer.address, 2, "", 1);
  if (isIp(name)) {
    const r = ctx.sys.network.reverse(name);
    if (!r) {
      ctx.stdout.write(`Host ${ptrName(name)} not found: 3(NXDOMAIN)\n`);
      return 1;
    }
    ctx.stdout.write(`${ptrName(name)} domain name pointer ${r}.\n`);
    return 0;
  }
  const r = ctx.sys.network.resolve(name);
  if (!r) {
    ctx.stdout.write(`Host ${name} not found: 3(NXDOMAIN)\n`);
    return 1;
  }
  ctx.stdout.write(r.addresses.map((a) => `${r.name} has address ${a}\n`).join(""));
  return 0;
};

/** `getent hosts NAME...` (and `getent ahosts`): glibc's resolver, search list applied. */
export const getent: Applet = () => (ctx) => {
  const [db, ...keys] = ctx.argv.slice(1);
  if (db === undefined) {
    complain(ctx, "wrong number of arguments");
    ctx.stderr.write("Try 'getent --help' or 'getent --usage' for more information.\n");
    return 1;
  }
  if (db !== "hosts" && db !== "ahosts" && db !== "ahostsv4") {
    if (["passwd", "group", "services", "protocols", "networks"].includes(db)) return 2;
    complain(ctx, `Unknown database: ${db}`);
    ctx.stderr.write("Try 'getent --help' or 'getent --usage' for more information.\n");
    return 1;
  }
  const unanswered = keys.filter((k) => !ctx.sys.network.resolve(k)?.name);
  if (unanswered.length && dnsDown(ctx))
    return afterTimeout(ctx, RESOLVER_TIMEOUT_MS * unanswered.length, () => getentHosts(ctx, db, keys));
  return getentHosts(ctx, db, keys);
};

function getentHosts(ctx: CommandContext, db: string, keys: string[]): number {
  let status = 0;
  for (const k of keys) {
    const r = isIp(k)
      ? { name: ctx.sys.network.reverse(k) ?? "", addresses: [k] }
      : ctx.sys.network.resolve(k);
    if (!r?.name) {
      status = 2;
      continue;
    }
    if (db === "hosts") ctx.stdout.write(`${(r.addresses[0] as string).padEnd(15)} ${r.name}\n`);
    else
      for (const a of r.addresses)
        ctx.stdout.write(
          `${a.padEnd(15)} STREAM ${r.name}\n${a.padEnd(15)} DGRAM  \n${a.padEnd(15)} RAW    \n`,
        );
  }
  return status;
}

/** `dig [@SERVER] NAME [TYPE] [+short] [+search] [-x ADDR]`: no search list unless +search. */
export const dig: Applet = (flavour: Flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(
      ctx.argv.slice(1).filter((a) => !a.startsWith("+") && !a.startsWith("@")),
      "x:t:",
      {},
    );
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const plus = ctx.argv.filter((a) => a.startsWith("+"));
  const server = ctx.argv.find((a) => a.startsWith("@"))?.slice(1) ?? ctx.sys.network.dnsServer.address;
  const short = plus.includes("+short");
  const reverse = p.opts.get("x")?.at(-1);
  const type = reverse
    ? "PTR"
    : ((
        p.opts.get("t")?.at(-1) ?? p.operands.find((o) => /^(A|AAAA|PTR|SRV|TXT|MX|NS|CNAME|ANY)$/i.test(o))
      )?.toUpperCase() ?? "A");
  const asked = reverse
    ? ptrName(reverse)
    : (p.operands.find((o) => !/^(A|AAAA|PTR|SRV|TXT|MX|NS|CNAME|ANY)$/i.test(o)) ?? ".");
  if (dnsDown(ctx) && server === ctx.sys.network.dnsServer.address)
    return bindUnreachable(
      ctx,
      server,
      BIND_TRIES,
      short
        ? ""
        : `\n; <<>> DiG ${DIG_VERSION} <<>> ${ctx.argv.slice(1).join(" ")}\n;; global options: +cmd\n`,
      9,
    );
  let answers: string[] = [];
  let qname = asked.replace(/\.$/, "");
  let status = "NOERROR";
  if (reverse) {
    const r = ctx.sys.network.reverse(reverse);
    if (r) answers = [`${r}.`];
    else status = "NXDOMAIN";
  } else if (qname !== "") {
    const r = plus.includes("+search") ? ctx.sys.network.resolve(qname) : lookupExact(ctx, qname);
    if (r) {
      qname = r.name;
      answers = type === "A" ? r.addresses : [];
    } else status = "NXDOMAIN";
  }
  if (short) {
    ctx.stdout.write(answers.map((a) => `${a}\n`).join(""));
    return 0;
  }
  const id = Number.parseInt(hexDigest(`${qname}/${type}/${ctx.sys.now()}`, 8).slice(0, 4), 16);
  const fq = `${qname}.`;
  const rows = answers
    .map((a) => `${fq.padEnd(Math.max(24, fq.length + 1))}${COREDNS_TTL}\tIN\t${type}\t${a}\n`)
    .join("");
  const authority =
    status === "NXDOMAIN" && fq.endsWith("cluster.local.")
      ? `\n;; AUTHORITY SECTION:\ncluster.local.\t\t${COREDNS_TTL}\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1767413106 7200 1800 86400 ${COREDNS_TTL}\n`
      : "";
  ctx.stdout.write(
    `\n; <<>> DiG ${DIG_VERSION} <<>> ${ctx.argv.slice(1).join(" ")}\n;; global options: +cmd\n;; Got answer:\n` +
      `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n` +
      `;; flags: qr aa rd; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${authority ? 1 : 0}, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n` +
      `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;${fq}\t\t\tIN\t${type}\n` +
      (rows ? `\n;; ANSWER SECTION:\n${rows}` : "") +
      authority +
      `\n;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${strftime("%a %b %d %H:%M:%S %Z %Y", ctx.sys.now())}\n;; MSG SIZE  rcvd: ${60 + answers.length * 16 + fq.length}\n\n`,
  );
  return 0;
};

/**
 * busybox 1.28's nslookup (and later builds without FEATURE_NSLOOKUP_BIG; networking/nslookup.c
 * print_host): the libc resolver, search list applied, `%-10s %s` headers and numbered
 * addresses with their PTR names. The `busybox:1.28` image many tutorials use prints this.
 */
export const nslookupLegacy: Applet = () => (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  const name = args[0];
  if (name === undefined || args.length > 2) {
    ctx.stderr.write(
      busyboxUsage("nslookup").replace(/Usage: nslookup .*/, "Usage: nslookup [HOST] [SERVER]"),
    );
    return 1;
  }
  const net = ctx.sys.network;
  const print = (header: string, host: string, addresses: string[]) =>
    `${header.padEnd(10)} ${host}\n${addresses.map((a, i) => `Address ${i + 1}: ${a}${net.reverse(a) ? ` ${net.reverse(a)}` : ""}\n`).join("")}`;
  const server = args[1] ?? net.dnsServer.address;
  if (dnsDown(ctx) && !isIp(name))
    // The libc resolver times out twice: the server's PTR name, then the name asked.
    return afterTimeout(ctx, 2 * RESOLVER_TIMEOUT_MS, () => {
      ctx.stdout.write(`${"Server:".padEnd(10)} ${server}\nAddress 1: ${server}\n\n`);
      complain(ctx, `can't resolve '${name}'`);
      return 1;
    });
  ctx.stdout.write(`${print("Server:", server, [server])}\n`);
  const r = isIp(name) ? { name, addresses: [name] } : net.resolve(name);
  if (!r) {
    complain(ctx, `can't resolve '${name}'`);
    return 1;
  }
  ctx.stdout.write(print("Name:", name, r.addresses));
  return 0;
};
