/**
 * Name resolution on the virtual clock. When the cluster DNS server does not answer (kube-dns
 * without a ready endpoint), a lookup waits for the resolver's timeout before it fails, and each
 * tool words the failure as a timeout rather than NXDOMAIN.
 */
import type { CommandContext, Resolved } from "../interface";
import { sleepUntil } from "./sleep";

/**
 * How long glibc's resolver waits for a server that never answers: resolv.conf(5)'s defaults,
 * timeout:5 (RES_TIMEOUT) × attempts:2 (RES_DFLRETRY); the first query that times out ends the
 * search list walk (res_nsearch stops on TRY_AGAIN that is not SERVFAIL).
 */
export const RESOLVER_TIMEOUT_MS = 10_000;

/** busybox nslookup's own resolver: 5 s in all (its default timeout), retried within it. */
export const BUSYBOX_NSLOOKUP_TIMEOUT_MS = 5_000;

/** dig and nslookup of bind9: +time=5 per try, +tries=3 (dighost.c's defaults). */
export const BIND_TIMEOUT_MS = 5_000;
export const BIND_TRIES = 3;

/** IPv4 literals need no DNS. */
export const isIpLiteral = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** Whether the DNS server in resolv.conf does not answer at this instant. */
export function dnsDown(ctx: CommandContext): boolean {
  return ctx.sys.network.dnsAnswers?.() === false;
}

/** The outcome of a lookup: the addresses, or why not (NXDOMAIN, or a server that did not answer). */
export type Lookup = { ok: true; resolved: Resolved } | { ok: false; timedOut: boolean };

/** Resolves a host name as getaddrinfo does, waiting out the resolver's timeout when DNS is down. */
export function* resolveHost(
  ctx: CommandContext,
  host: string,
  timeoutMs = RESOLVER_TIMEOUT_MS,
): Generator<{ kind: "sleep"; ms: number } | { kind: "forever" }, Lookup, void> {
  const r = ctx.sys.network.resolve(host);
  if (r?.addresses.length) return { ok: true, resolved: r };
  if (isIpLiteral(host) || !dnsDown(ctx)) return { ok: false, timedOut: false };
  yield* sleepUntil(ctx, ctx.sys.now() + timeoutMs);
  return { ok: false, timedOut: true };
}

/** Runs body after the wait a query to a silent server takes: for tools that return a status at once. */
export function* afterTimeout(
  ctx: CommandContext,
  ms: number,
  body: () => number,
): Generator<{ kind: "sleep"; ms: number } | { kind: "forever" }, number, void> {
  yield* sleepUntil(ctx, ctx.sys.now() + ms);
  return body();
}
