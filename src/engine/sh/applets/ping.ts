/**
 * busybox ping (networking/ping.c): one echo a second on the virtual clock, `-c COUNT`, `-W SEC`
 * (the wait after the last packet when nothing answered, 10 by default), `-q`. Pods and nodes
 * answer; a Service's ClusterIP does not (kube-proxy translates TCP and UDP, not ICMP), so
 * `ping SERVICE` ends with 100% packet loss. Round-trip times are stable per address.
 */
import { hexDigest } from "../../kubelet/hash";
import type { Proc } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, getopt, last, type Parsed, usage } from "./common";
import { resolveHost } from "./resolver";
import { sleepUntil } from "./sleep";

/** busybox's MAXWAIT: seconds to wait for a reply after the last echo when none came. */
const MAXWAIT = 10;

/** A round trip in microseconds: about 80 µs on the same node, 600 µs across nodes. */
function rttMicros(address: string, seq: number, ttl: number): number {
  const jitter = Number.parseInt(hexDigest(`${address}/${seq}`, 4), 16) % 400;
  return ttl === 64 ? 50 + (jitter % 80) : 400 + jitter;
}

const ms = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, "0")}`;

/** `ping [-c COUNT] [-W SEC] [-q] HOST`. */
export const ping: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "c:W:w:qs:i:4");
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  const host = p.operands[0];
  if (host === undefined) {
    ctx.stderr.write(busyboxUsage("ping"));
    return 1;
  }
  const count = last(p, "c") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "c"));
  const wait = Number(last(p, "W") ?? MAXWAIT);
  const quiet = p.opts.has("q");
  return (function* (): Proc {
    const found = yield* resolveHost(ctx, host);
    if (!found.ok) {
      complain(ctx, `bad address '${host}'`);
      return 1;
    }
    const address = found.resolved.addresses[0] as string;
    ctx.stdout.write(`PING ${host} (${address}): 56 data bytes\n`);
    const reply = ctx.sys.network.ping?.(address);
    const times: number[] = [];
    let sent = 0;
    const summary = () => {
      const lost = sent ? Math.round(((sent - times.length) * 100) / sent) : 0;
      let out = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${times.length} packets received, ${lost}% packet loss\n`;
      if (times.length) {
        const avg = Math.round(times.reduce((a, b) => a + b, 0) / times.length);
        out += `round-trip min/avg/max = ${ms(Math.min(...times))}/${ms(avg)}/${ms(Math.max(...times))} ms\n`;
      }
      return out;
    };
    let interrupted = false;
    ctx.sys.onSignal("INT", () => {
      interrupted = true;
    });
    try {
      for (let seq = 0; seq < count && !interrupted; seq++) {
        if (seq > 0) yield* sleepUntil(ctx, ctx.sys.now() + 1000);
        if (interrupted) break;
        sent++;
        if (reply) {
          const us = rttMicros(address, seq, reply.ttl);
          times.push(us);
          if (!quiet)
            ctx.stdout.write(`64 bytes from ${address}: seq=${seq} ttl=${reply.ttl} time=${ms(us)} ms\n`);
        }
      }
      if (!times.length && !interrupted) yield* sleepUntil(ctx, ctx.sys.now() + wait * 1000);
    } finally {
      ctx.stdout.write(summary());
    }
    return times.length ? 0 : 1;
  })();
};
