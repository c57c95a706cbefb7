/**
 * Reaching other machines by hand: netkit telnet 0.17 (`Trying IP...`, `Connected to HOST.`,
 * `Escape character is '^]'.`, what the server answers to stdin, `Connection closed by foreign
 * host.`; `Unable to connect to remote host: Connection refused`), connecting through the same
 * network model as nc and curl; and traceroute 2.1.0 (`traceroute to HOST (IP), 30 hops max, 60
 * byte packets`, one line per hop with three probe times): a pod on another node is two hops
 * away through that node's flannel.1 (its pod subnet's .0 address), everything else that answers
 * one; what never answers prints `* * *` to the 30th hop.
 */
import { hexDigest } from "../../kubelet/hash";
import type { CommandContext, Proc } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, getopt, last, type Parsed, usage } from "./common";
import { exchange } from "./nc";
import { connect, ownAddress } from "./net";
import { resolveHost } from "./resolver";
import { sleepUntil } from "./sleep";

/** telnet's default port. */
const TELNET_PORT = 23;

/** `telnet HOST [PORT]`. */
export const telnet: Applet = (flavour) => (ctx) => {
  const [host, portArg] = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
  if (flavour === "busybox") return busyboxTelnet(ctx, host, portArg);
  if (host === undefined) {
    // Interactive telnet starts at its prompt; with nothing to read it ends at once.
    return 0;
  }
  const port = portArg === undefined ? TELNET_PORT : Number(portArg);
  return (function* (): Proc {
    const found = yield* resolveHost(ctx, host);
    if (!found.ok) {
      ctx.stderr.write(
        `telnet: could not resolve ${host}/${portArg ?? "telnet"}: ${found.timedOut ? "Temporary failure in name resolution" : "Name or service not known"}\n`,
      );
      return 1;
    }
    const ip = found.resolved.addresses[0] as string;
    ctx.stdout.write(`Trying ${ip}...\n`);
    const c = yield* connect(ctx, ip, port);
    if (!c.ok) {
      ctx.stderr.write(
        `telnet: Unable to connect to remote host: ${c.error === "refused" ? "Connection refused" : "Connection timed out"}\n`,
      );
      return 1;
    }
    ctx.stdout.write(`Connected to ${host}.\nEscape character is '^]'.\n`);
    ctx.stdout.write(exchange(c.listener, ctx.stdin, ownAddress(ctx)));
    ctx.stdout.write("Connection closed by foreign host.\n");
    return 1;
  })();
};

/**
 * busybox telnet (networking/telnet.c): `Connected to HOST` once connected, and nothing else
 * while stdin still has something to send; stdin ends first here (kubectl exec, a pipe), and
 * telnet exits 0 there, before the server's answer is read.
 */
function busyboxTelnet(
  ctx: CommandContext,
  host: string | undefined,
  portArg: string | undefined,
): number | Proc {
  if (host === undefined) {
    ctx.stderr.write(busyboxUsage("telnet"));
    return 1;
  }
  const port = portArg === undefined ? TELNET_PORT : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    complain(ctx, `bad port spec '${portArg}'`);
    return 1;
  }
  return (function* (): Proc {
    const found = yield* resolveHost(ctx, host);
    if (!found.ok) {
      complain(ctx, `bad address '${host}'`);
      return 1;
    }
    const ip = found.resolved.addresses[0] as string;
    const c = yield* connect(ctx, ip, port);
    if (!c.ok) {
      complain(
        ctx,
        `can't connect to remote host (${ip}): ${c.error === "refused" ? "Connection refused" : "Connection timed out"}`,
      );
      return 1;
    }
    ctx.stdout.write(`Connected to ${host}\n`);
    return 0;
  })();
}

/** Maximum hops (traceroute's -m default). */
const MAX_HOPS = 30;

/** A probe's round trip in ms, stable per address and probe. */
const probeMs = (address: string, hop: number, probe: number) =>
  ((hop === 1 ? 300 : 600) + (Number.parseInt(hexDigest(`${address}/${hop}/${probe}`, 4), 16) % 300)) / 1000;

/** `traceroute [-n] [-m MAX] HOST`. */
export const traceroute: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "nm:q:w:IT46");
  } catch (e) {
    return usage(ctx, flavour, e, 2);
  }
  const host = p.operands[0];
  if (host === undefined && flavour === "busybox") {
    ctx.stderr.write(busyboxUsage("traceroute"));
    return 1;
  }
  if (host === undefined) {
    ctx.stderr.write(
      "Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]\n",
    );
    return 2;
  }
  const maxHops = Number(last(p, "m") ?? MAX_HOPS);
  return (function* (): Proc {
    const found = yield* resolveHost(ctx, host);
    if (!found.ok) {
      if (flavour === "busybox") {
        complain(ctx, `bad address '${host}'`);
        return 1;
      }
      ctx.stderr.write(
        `${host}: Name or service not known\nCannot handle "host" cmdline arg \`${host}' on position 1 (argc 1)\n`,
      );
      return 2;
    }
    const ip = found.resolved.addresses[0] as string;
    // busybox sends ip + udp + its 18-byte outdata_t: 46 bytes; Linux traceroute 60.
    ctx.stdout.write(
      `traceroute to ${host} (${ip}), ${maxHops} hops max, ${flavour === "busybox" ? 46 : 60} byte packets\n`,
    );
    const reply = ctx.sys.network.ping?.(ip);
    const name = (a: string) => (p.opts.has("n") ? a : `${ctx.sys.network.reverse(a) ?? a} (${a})`);
    const hop = (n: number, a: string) =>
      ` ${n}  ${name(a)}  ${[0, 1, 2].map((k) => `${probeMs(a, n, k).toFixed(3)} ms`).join("  ")}\n`;
    if (!reply) {
      // Probes that never come back: each hop waits out its 5 s, sixteen hops at a time.
      for (let n = 1; n <= maxHops; n++) {
        if (n % 16 === 1) yield* sleepUntil(ctx, ctx.sys.now() + 5000);
        ctx.stdout.write(`${String(n).padStart(2)}${flavour === "busybox" ? "  *  *  *" : "  * * *"}\n`);
      }
      return 0;
    }
    const hops = reply.ttl === 62 ? [`${ip.split(".").slice(0, 3).join(".")}.0`, ip] : [ip];
    hops.forEach((a, i) => {
      ctx.stdout.write(hop(i + 1, a));
    });
    return 0;
  })();
};
