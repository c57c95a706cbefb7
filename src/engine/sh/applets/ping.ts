/**
 * busybox ping (networking/ping.c): one echo a second on the virtual clock, `-c COUNT`, `-W SEC`
 * (the wait after the last packet when nothing answered, 10 by default), `-q`. Pods and nodes
 * answer; a Service's ClusterIP does not (kube-proxy translates TCP and UDP, not ICMP), so
 * `ping SERVICE` ends with 100% packet loss. Round-trip times are stable per address.
 */
import { hexDigest } from "../../kubelet/hash";
import type { Proc, Program } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import { type Applet, complain, type Flavour, getopt, last, type Parsed, usage } from "./common";
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

/** `ping [-c COUNT] [-W SEC] [-q] HOST`: busybox's, or iputils' on a GNU userland. */
export const ping: Applet = (flavour) => (flavour === "gnu" ? iputilsPing : busyboxPing(flavour));

/**
 * iputils 20211215's ping (ping/ping.c, ping/ping_common.c): `PING host (ip) 56(84) bytes of
 * data.`, `icmp_seq` from 1, times to three significant digits, the summary with the elapsed
 * time and `rtt min/avg/max/mdev`; an unknown name is `Name or service not known`, exit 2.
 */
const iputilsPing: Program = (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "c:W:w:qs:i:4nv");
  } catch (e) {
    return usage(ctx, "gnu", e, 2);
  }
  const host = p.operands[0];
  if (host === undefined) {
    ctx.stderr.write("ping: usage error: Destination address required\n");
    return 1;
  }
  const count = last(p, "c") === undefined ? Number.POSITIVE_INFINITY : Number(last(p, "c"));
  const deadline = last(p, "w") === undefined ? undefined : Number(last(p, "w")) * 1000;
  const quiet = p.opts.has("q");
  return (function* (): Proc {
    const found = yield* resolveHost(ctx, host);
    if (!found.ok) {
      ctx.stderr.write(
        `ping: ${host}: ${found.timedOut ? "Temporary failure in name resolution" : "Name or service not known"}\n`,
      );
      return 2;
    }
    const address = found.resolved.addresses[0] as string;
    const literal = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    const from =
      literal || p.opts.has("n") ? address : `${ctx.sys.network.reverse(address) ?? host} (${address})`;
    ctx.stdout.write(`PING ${host} (${address}) 56(84) bytes of data.\n`);
    const reply = ctx.sys.network.ping?.(address);
    const start = ctx.sys.now();
    const times: number[] = [];
    let sent = 0;
    try {
      for (let seq = 1; seq <= count; seq++) {
        if (seq > 1) {
          if (deadline !== undefined && ctx.sys.now() + 1000 - start > deadline) break;
          yield* sleepUntil(ctx, ctx.sys.now() + 1000);
        }
        sent++;
        if (reply) {
          const us = rttMicros(address, seq - 1, reply.ttl);
          times.push(us);
          if (!quiet)
            ctx.stdout.write(
              `64 bytes from ${from}: icmp_seq=${seq} ttl=${reply.ttl} time=${tripTime(us)} ms\n`,
            );
        }
      }
    } finally {
      const lost = sent ? Math.round(((sent - times.length) * 100) / sent) : 0;
      const elapsed = Math.max(0, ctx.sys.now() - start) + (sent > 1 ? 1 : 0);
      let out = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${times.length} received, ${lost}% packet loss, time ${elapsed}ms\n`;
      if (times.length) {
        const avg = times.reduce((a, b) => a + b, 0) / times.length;
        const mdev = Math.sqrt(times.reduce((a, b) => a + b * b, 0) / times.length - avg * avg);
        out += `rtt min/avg/max/mdev = ${ms(Math.min(...times))}/${ms(Math.round(avg))}/${ms(Math.max(...times))}/${ms(Math.round(mdev))} ms\n`;
      }
      ctx.stdout.write(out);
    }
    return times.length ? 0 : 1;
  })();
};

/** ping_common.c: a round trip to three significant digits. */
function tripTime(us: number): string {
  if (us >= 100000 - 50) return String(Math.floor((us + 500) / 1000));
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000)
    return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, "0")}`;
  return `0.${String(us).padStart(3, "0")}`;
}

/** busybox's ping. */
const busyboxPing =
  (flavour: Flavour): Program =>
  (ctx) => {
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
