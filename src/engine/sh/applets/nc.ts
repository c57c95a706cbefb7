/**
 * nc: busybox networking/nc_bloaty.c (`web (10.96.12.34:80) open` with -v; refusals silent
 * unless -vv) and netcat-openbsd (`Connection to web (10.96.12.34) 80 port [tcp/http]
 * succeeded!`). A client sends its stdin and prints the reply (an HTTP listener answers a raw
 * HTTP request); -l opens a listener that prints what a client sends and answers with stdin,
 * ending after one connection unless -k.
 */
import type { CommandContext, Listener, Proc } from "../interface";
import { busyboxUsage } from "./busyboxusage";
import {
  type Applet,
  byteLength,
  complain,
  type Flavour,
  getopt,
  has,
  last,
  type Parsed,
  usage,
} from "./common";
import { connect, ownAddress, parseRawRequest, rawResponse } from "./net";

/** /etc/services names netcat-openbsd prints. */
const SERVICES: Record<number, string> = {
  22: "ssh",
  25: "smtp",
  53: "domain",
  80: "http",
  443: "https",
  3306: "mysql",
  5432: "postgresql",
  6379: "redis",
  8080: "http-alt",
  11211: "memcache",
  27017: "mongodb",
};

/** `nc [-v] [-z] [-w SEC] HOST PORT`, `nc -l [-p] PORT [-k]`. */
export const nc: Applet = (flavour) => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "lkp:vzw:unq:Ns:e:i:", { verbose: "v" });
  } catch (e) {
    return usage(ctx, flavour, e);
  }
  if (has(p, "l")) {
    const port = Number(last(p, "p") ?? p.operands.at(-1));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      complain(
        ctx,
        flavour === "gnu"
          ? "missing port number"
          : `invalid number '${last(p, "p") ?? p.operands.at(-1) ?? ""}'`,
      );
      return 1;
    }
    return listen(ctx, flavour, p, port);
  }
  const [host, portText] = p.operands;
  if (host === undefined || portText === undefined) {
    if (flavour === "gnu")
      ctx.stderr.write(
        "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n",
      );
    else ctx.stderr.write(busyboxUsage("nc"));
    return 1;
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    complain(ctx, flavour === "gnu" ? `port number invalid: ${portText}` : `invalid number '${portText}'`);
    return 1;
  }
  return client(ctx, flavour, p, host, port);
};

function* client(ctx: CommandContext, flavour: Flavour, p: Parsed, host: string, port: number): Proc {
  const verbose = p.opts.get("v")?.length ?? 0;
  const w = last(p, "w");
  const c = yield* connect(ctx, host, port, w === undefined ? Number.POSITIVE_INFINITY : Number(w) * 1000);
  if (!c.ok) {
    if (c.error === "unresolved") {
      complain(
        ctx,
        flavour === "gnu"
          ? `getaddrinfo for host "${host}" port ${port}: ${c.dnsTimeout ? "Temporary failure in name resolution" : "Name or service not known"}`
          : `bad address '${host}'`,
      );
      return 1;
    }
    if (flavour === "gnu") {
      if (c.error === "refused")
        complain(ctx, `connect to ${host} port ${port} (tcp) failed: Connection refused`);
      else if (w !== undefined)
        complain(ctx, `connect to ${host} port ${port} (tcp) timed out: Operation now in progress`);
      else complain(ctx, `connect to ${host} port ${port} (tcp) failed: Connection timed out`);
    } else if (verbose > 1 || (verbose && c.error !== "refused"))
      complain(
        ctx,
        `${host} (${c.ip}:${port}): ${c.error === "refused" ? "Connection refused" : "Connection timed out"}`,
      );
    return 1;
  }
  if (verbose) {
    if (flavour === "gnu")
      ctx.stderr.write(
        `Connection to ${host} (${c.ip}) ${port} port [tcp/${SERVICES[port] ?? "*"}] succeeded!\n`,
      );
    else ctx.stderr.write(`${host} (${c.ip}:${port}) open\n`);
  }
  if (has(p, "z")) return 0;
  ctx.stdout.write(exchange(c.listener, ctx.stdin, ownAddress(ctx)));
  return 0;
}

/** What a listener writes back to what a client sent. */
export function exchange(l: Listener, input: string, remoteAddress?: string): string {
  if (l.tcp) return l.tcp(input);
  const req = l.http ? parseRawRequest(input) : undefined;
  if (!req || !l.http) return "";
  const res = l.http({ ...req, remoteAddress });
  return rawResponse(res, byteLength(res.body));
}

function* listen(ctx: CommandContext, flavour: Flavour, p: Parsed, port: number): Proc {
  let connections = 0;
  const close = ctx.sys.listen({
    port,
    protocol: has(p, "u") ? "UDP" : "TCP",
    wakeOnConnect: true,
    tcp: (input) => {
      connections++;
      ctx.stdout.write(input);
      return ctx.stdin;
    },
  });
  if (p.opts.get("v")?.length)
    ctx.stderr.write(
      flavour === "gnu" ? `Listening on 0.0.0.0 ${port}\n` : `listening on [::]:${port} ...\n`,
    );
  try {
    for (;;) {
      yield { kind: "forever" };
      if (connections > 0 && !has(p, "k")) return 0;
    }
  } finally {
    close();
  }
}
