/**
 * curl 8: -s -S -o -O -I -i -v -m/--max-time --connect-timeout -f -w -X -d -H -L -k, its
 * progress meter on stderr when not silent (stdout is a pipe under kubectl exec) and its
 * errors: (6) Could not resolve host, (7) Failed to connect, (22) with -f, (28) timeouts,
 * (52) Empty reply from server.
 */
import type { CommandContext, HttpResponse, Proc } from "../interface";
import { type Applet, byteLength, fsReason, getopt, has, last, type Parsed, writeFile } from "./common";
import { servedCertificate, tlsHandshake } from "./curl-tls";
import { connect, ownAddress, parseUrl, reason, responseHeaders, type Url } from "./net";

/** The curl version clients report (User-Agent, curl -V). */
export const CURL_VERSION = "8.5.0";

/** curl's connect timeout when none is given (CURL_DEFAULT_CONNECT_TIMEOUT, 300 s). */
export const CURL_DEFAULT_CONNECT_TIMEOUT_MS = 300_000;

const LONG: Record<string, string> = {
  silent: "s",
  "show-error": "S",
  "output=": "o",
  "remote-name": "O",
  head: "I",
  include: "i",
  verbose: "v",
  "max-time=": "m",
  "connect-timeout=": "connect-timeout",
  fail: "f",
  "write-out=": "w",
  "request=": "X",
  "data=": "d",
  "data-raw=": "d",
  "data-binary=": "d",
  "header=": "H",
  location: "L",
  insecure: "k",
  "user-agent=": "A",
  version: "V",
  "fail-with-body": "fail-with-body",
  "retry=": "retry",
  "user=": "u",
  "cacert=": "cacert",
  "capath=": "capath",
  "cert=": "cert",
  "key=": "key",
  "resolve=": "resolve",
};

/** Prints an error as curl does: `curl: (N) text` unless -s without -S. */
function fail(ctx: CommandContext, p: Parsed, code: number, text: string): number {
  if (!has(p, "s") || has(p, "S")) ctx.stderr.write(`curl: (${code}) ${text}\n`);
  return code;
}

/** A byte count as curl's meter prints it (5 characters: 615, 600k, 1200M). */
function meterSize(n: number): string {
  if (n < 100000) return String(n);
  if (n / 1024 < 10000) return `${Math.round(n / 1024)}k`;
  return `${Math.round(n / 1048576)}M`;
}

/** curl's progress meter for a completed transfer. */
export function curlMeter(bytes: number, sent = 0): string {
  const s = meterSize(bytes).padStart(5);
  const speed = meterSize(bytes * 1000).padStart(5);
  return (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
    "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
    `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${s}  100 ${s}  ${sent ? "100" : "  0"} ${meterSize(sent).padStart(5)}  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`
  );
}

/** curl's progress meter for a transfer that failed before any data. */
export function curlMeterFailed(): string {
  return (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
    "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
    "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n"
  );
}

/** `curl [OPTIONS] URL`. */
export const curl: Applet = () => (ctx) => {
  let p: Parsed;
  try {
    p = getopt(ctx.argv.slice(1), "sSo:OIivm:fw:X:d:H:LkA:Vu:", LONG);
  } catch (e) {
    const m = /option '?-?-?([^' ]+)'?/.exec((e as Error).message);
    ctx.stderr.write(
      `curl: option ${m?.[1] ? (m[1].length === 1 ? `-${m[1]}` : m[1]) : ""}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
    );
    return 2;
  }
  if (has(p, "V")) {
    ctx.stdout.write(
      `curl ${CURL_VERSION} (x86_64-pc-linux-gnu) libcurl/${CURL_VERSION}\nProtocols: http https\nFeatures: IPv6 Largefile\n`,
    );
    return 0;
  }
  const target = p.operands[0];
  if (target === undefined) {
    ctx.stderr.write(
      "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    );
    return 2;
  }
  const url = parseUrl(target);
  if (!url) {
    const scheme = /^([a-zA-Z][\w+.-]*):\/\//.exec(target)?.[1] ?? target;
    return fail(ctx, p, 1, `Protocol "${scheme}" not supported`);
  }
  return run(ctx, p, url);
};

function* run(ctx: CommandContext, p: Parsed, first: Url): Proc {
  const started = ctx.sys.now();
  const maxTime = last(p, "m") !== undefined ? Number(last(p, "m")) * 1000 : Number.POSITIVE_INFINITY;
  const connectTimeout =
    last(p, "connect-timeout") !== undefined
      ? Number(last(p, "connect-timeout")) * 1000
      : CURL_DEFAULT_CONNECT_TIMEOUT_MS;
  const verbose = has(p, "v");
  // curl hides the meter when the body goes to a terminal (it would mix with the output).
  const output = last(p, "o");
  const bodyToTerminal =
    (output === undefined || output === "-") && !has(p, "O") && ctx.stdout.terminal === true;
  const meter = !has(p, "s") && !verbose && !bodyToTerminal;
  const resolved = new Map<string, string>();
  for (const entry of p.opts.get("resolve") ?? []) {
    const m = /^\+?([^:]+):(\d+):\[?([^\]]+)\]?$/.exec(entry);
    if (!m) {
      ctx.stderr.write(`* Couldn't parse CURLOPT_RESOLVE entry '${entry}'\n`);
      continue;
    }
    resolved.set(`${(m[1] as string).toLowerCase()}:${m[2]}`, m[3] as string);
    if (verbose) ctx.stderr.write(`* Added ${m[1]}:${m[2]}:${m[3]} to DNS cache\n`);
  }
  let url = first;
  for (let redirects = 0; ; redirects++) {
    const limit = Math.min(maxTime, connectTimeout);
    // --resolve HOST:PORT:ADDRESS puts the address in the DNS cache for that host and port.
    const pinned = resolved.get(`${url.host.toLowerCase()}:${url.port}`);
    if (verbose)
      ctx.stderr.write(
        pinned
          ? `* Hostname ${url.host} was found in DNS cache\n`
          : `* Host ${url.hostHeader} was resolved.\n`,
      );
    const c = yield* connect(ctx, pinned ?? url.host, url.port, limit);
    if (!c.ok) {
      if (meter) ctx.stderr.write(curlMeterFailed());
      const waited = ctx.sys.now() - started;
      if (c.error === "unresolved") return fail(ctx, p, 6, `Could not resolve host: ${url.host}`);
      if (c.error === "refused")
        return fail(
          ctx,
          p,
          7,
          `Failed to connect to ${url.host} port ${url.port} after ${waited} ms: Couldn't connect to server`,
        );
      if (waited >= maxTime) return fail(ctx, p, 28, `Connection timed out after ${waited} milliseconds`);
      if (waited >= connectTimeout)
        return fail(
          ctx,
          p,
          28,
          `Failed to connect to ${url.host} port ${url.port} after ${waited} ms: Timeout was reached`,
        );
      return fail(
        ctx,
        p,
        28,
        `Failed to connect to ${url.host} port ${url.port} after ${waited} ms: Couldn't connect to server`,
      );
    }
    if (verbose)
      ctx.stderr.write(
        `*   Trying ${c.ip}:${url.port}...\n* Connected to ${url.host} (${c.ip}) port ${url.port}\n`,
      );
    if (url.scheme === "https") {
      const tls = tlsHandshake(ctx, url.host, servedCertificate(c.listener, url.host), {
        insecure: has(p, "k"),
        caFile: last(p, "cacert"),
        verbose,
      });
      if (tls) {
        if (meter) ctx.stderr.write(curlMeterFailed());
        return fail(ctx, p, tls.code, tls.text);
      }
    }
    const data = p.opts.get("d");
    const method = last(p, "X") ?? (has(p, "I") ? "HEAD" : data ? "POST" : "GET");
    const headers: Record<string, string> = {
      host: url.hostHeader,
      "user-agent": last(p, "A") ?? `curl/${CURL_VERSION}`,
      accept: "*/*",
    };
    const body = data ? data.join("&") : "";
    if (data) {
      headers["content-length"] = String(byteLength(body));
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    for (const h of p.opts.get("H") ?? []) {
      const i = h.indexOf(":");
      if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    if (verbose) {
      ctx.stderr.write(`> ${method} ${url.path} HTTP/1.1\n`);
      for (const [k, v] of Object.entries(headers))
        ctx.stderr.write(
          `> ${k === "user-agent" ? "User-Agent" : k === "host" ? "Host" : k === "accept" ? "Accept" : k.replace(/(^|-)([a-z])/g, (_m, d: string, ch: string) => d + ch.toUpperCase())}: ${v}\n`,
        );
      ctx.stderr.write("> \n");
    }
    if (!c.listener.http) {
      if (meter) ctx.stderr.write(curlMeterFailed());
      return fail(ctx, p, 52, "Empty reply from server");
    }
    const res = c.listener.http({ method, path: url.path, headers, body, remoteAddress: ownAddress(ctx) });
    if (res.latencyMs) yield { kind: "sleep", ms: Math.ceil(res.latencyMs) };
    const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === "location")?.[1];
    if (has(p, "L") && location && res.status >= 300 && res.status < 400) {
      if (redirects >= 50) return fail(ctx, p, 47, "Maximum (50) redirects followed");
      const next = parseUrl(
        location.startsWith("/") ? `${url.scheme}://${url.hostHeader}${location}` : location,
      );
      if (next) {
        url = next;
        continue;
      }
    }
    return finish(ctx, p, url, c.ip, res, method, meter, byteLength(body));
  }
}

/** Prints the response as the options ask and returns curl's status. */
function finish(
  ctx: CommandContext,
  p: Parsed,
  url: Url,
  ip: string,
  res: HttpResponse,
  method: string,
  meter: boolean,
  sent: number,
): number {
  const bodyBytes = byteLength(res.body);
  const head = `HTTP/1.1 ${res.status} ${reason(res)}\r\n${responseHeaders(res, bodyBytes)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
  if (has(p, "v")) {
    for (const line of head.split("\r\n").slice(0, -1)) ctx.stderr.write(`< ${line}\n`);
  }
  if (has(p, "f") && res.status >= 400) {
    if (meter) ctx.stderr.write(curlMeterFailed());
    return fail(ctx, p, 22, `The requested URL returned error: ${res.status}`);
  }
  const body = method === "HEAD" ? "" : res.body;
  let out = (has(p, "I") || has(p, "i") ? head : "") + body;
  const file = has(p, "O") ? (url.path.split("?")[0]?.split("/").pop() ?? "") : last(p, "o");
  if (has(p, "O") && !file) return fail(ctx, p, 23, "Failed writing body");
  if (meter) ctx.stderr.write(curlMeter(method === "HEAD" ? 0 : bodyBytes, sent));
  if (file !== undefined && file !== "-") {
    try {
      writeFile(ctx, file, out);
    } catch (e) {
      ctx.stderr.write(`Warning: Failed to open the file ${file}: ${fsReason(e)}\n`);
      return fail(ctx, p, 23, `Failure writing output to destination`);
    }
    out = "";
  }
  ctx.stdout.write(out);
  if (has(p, "v")) ctx.stderr.write(`* Connection #0 to host ${url.host} left intact\n`);
  const w = last(p, "w");
  if (w !== undefined) {
    const vars: Record<string, string> = {
      http_code: String(res.status).padStart(3, "0"),
      response_code: String(res.status),
      size_download: String(method === "HEAD" ? 0 : bodyBytes),
      size_upload: String(sent),
      time_total: "0.001000",
      time_connect: "0.000500",
      url_effective: `${url.scheme}://${url.hostHeader}${url.path}`,
      content_type: Object.entries(res.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "",
      remote_ip: ip,
      remote_port: String(url.port),
      exitcode: "0",
      method,
    };
    ctx.stdout.write(
      w.replace(/%\{(\w+)\}|\\n|\\t|\\r/g, (m, v: string | undefined) =>
        v ? (vars[v] ?? "") : m === "\\n" ? "\n" : m === "\\t" ? "\t" : "\r",
      ),
    );
  }
  return 0;
}
