/**
 * What the network clients share: URL parsing, connecting on the virtual clock (a connection
 * that goes nowhere waits for the client's timeout, or the kernel's SYN retries), and HTTP
 * texts (status reasons, header names as servers send them).
 */
import type { CommandContext, ConnectError, HttpResponse, Listener } from "../interface";
import { resolveHost } from "./resolver";
import { sleepUntil } from "./sleep";

/** How long Linux retries a SYN before connect() fails with ETIMEDOUT (tcp_syn_retries = 6). */
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

/** A parsed http(s) URL. */
export interface Url {
  scheme: "http" | "https";
  host: string;
  port: number;
  /** Path with query, `/` at least. */
  path: string;
  /** host[:port] as a Host header carries it. */
  hostHeader: string;
}

/** Parses `http://web:8080/x?y`, `web/x` (http assumed); undefined when it is not http(s). */
export function parseUrl(text: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]+)(?::(\d+))?([/?][^#]*)?/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? "http").toLowerCase();
  if (scheme !== "http" && scheme !== "https") return undefined;
  const port = m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80;
  const path = m[4] ? (m[4].startsWith("?") ? `/${m[4]}` : m[4]) : "/";
  return {
    scheme,
    host: m[2] as string,
    port,
    path,
    hostHeader: m[3] ? `${m[2]}:${m[3]}` : (m[2] as string),
  };
}

/** Reason phrases (RFC 9110) for statuses a server may leave without one. */
export const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The reason phrase of a response. */
export const reason = (r: HttpResponse): string => r.statusText || STATUS_TEXT[r.status] || "";

/** `content-type` → `Content-Type`, as servers send names. */
export const headerName = (n: string): string =>
  n.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());

/** The response headers in wire form, with Content-Length added when the server left it out. */
export function responseHeaders(r: HttpResponse, bodyBytes: number): Array<[string, string]> {
  const out = Object.entries(r.headers).map(([k, v]) => [headerName(k), v] as [string, string]);
  if (!out.some(([k]) => k.toLowerCase() === "content-length"))
    out.push(["Content-Length", String(bodyBytes)]);
  return out;
}

/** The outcome of connecting: a listener, or why not and after how long. */
export type Connected =
  | { ok: true; listener: Listener; ip: string }
  | {
      ok: false;
      error: ConnectError;
      ip?: string;
      waitedMs: number;
      /** The name did not resolve because the DNS server did not answer (not NXDOMAIN). */
      dnsTimeout?: boolean;
    };

/**
 * Resolves and connects to host:port; a connection into nowhere waits min(timeout, the
 * kernel's SYN timeout) on the virtual clock first. timeoutMs: the client's connect timeout.
 */
export function* connect(
  ctx: CommandContext,
  host: string,
  port: number,
  timeoutMs = Number.POSITIVE_INFINITY,
): Generator<{ kind: "sleep"; ms: number } | { kind: "forever" }, Connected, void> {
  const net = ctx.sys.network;
  const started = ctx.sys.now();
  const found = yield* resolveHost(ctx, host);
  if (!found.ok)
    return {
      ok: false,
      error: "unresolved",
      waitedMs: ctx.sys.now() - started,
      ...(found.timedOut && { dnsTimeout: true }),
    };
  const ip = found.resolved.addresses[0] as string;
  const c = net.connect(ip, port);
  if (typeof c !== "string") return { ok: true, listener: c, ip };
  if (c !== "timeout") return { ok: false, error: c, ip, waitedMs: 0 };
  const wait = Math.min(timeoutMs, KERNEL_CONNECT_TIMEOUT_MS);
  yield* sleepUntil(ctx, ctx.sys.now() + wait);
  return { ok: false, error: "timeout", ip, waitedMs: wait };
}

/** Parses a raw HTTP/1.x request (what `nc` sends to an HTTP listener); undefined when it is not one. */
export function parseRawRequest(
  input: string,
): { method: string; path: string; headers: Record<string, string>; body: string } | undefined {
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n/.exec(input);
  if (!m) return undefined;
  const [head = "", body = ""] = input.slice(m[0].length).split(/\r?\n\r?\n/, 2);
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { method: m[1] as string, path: m[2] as string, headers, body };
}

/** A response in wire form (status line, headers, blank line, body), CRLF line ends. */
export function rawResponse(r: HttpResponse, bodyBytes: number): string {
  const head = responseHeaders(r, bodyBytes)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return `HTTP/1.1 ${r.status} ${reason(r)}\r\n${head}\r\n${r.body}`;
}

/** The address a server sees this process connect from: its pod's IP (its host name resolved). */
export function ownAddress(ctx: CommandContext): string | undefined {
  const r = ctx.sys.network.resolve(ctx.sys.hostname());
  const ip = r?.addresses[0];
  return ip && ip !== "127.0.0.1" ? ip : undefined;
}
