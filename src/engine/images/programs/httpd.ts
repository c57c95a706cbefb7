/**
 * Apache httpd as the official image runs it (`httpd-foreground`): serves
 * /usr/local/apache2/htdocs on port 80 with Apache's headers and error pages.
 */
import type { CommandContext, HttpRequest, HttpResponse, Proc } from "../../sh/interface";
import {
  apacheTime,
  clfTime,
  httpDate,
  mimeType,
  ownAddress,
  respond,
  STOP_SIGNALS,
  stopWatch,
  untilStopped,
} from "./util";

const HTDOCS = "/usr/local/apache2/htdocs";
/** php:5-apache's DocumentRoot. */
const DOCROOT = "/var/www/html";

/** Apache's 404 page. */
export const HTTPD_NOT_FOUND = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

/** A file under root as Apache serves it (index.html for a directory), or Apache's 404. */
export function staticFile(
  ctx: CommandContext,
  root: string,
  path: string,
  base: Record<string, string>,
): HttpResponse {
  const file = path.endsWith("/") ? `${root}${path}index.html` : `${root}${path}`;
  return ctx.fs.isFile(file)
    ? respond(200, ctx.fs.read(file), { ...base, "Content-Type": mimeType(file), "Accept-Ranges": "bytes" })
    : respond(404, HTTPD_NOT_FOUND, { ...base, "Content-Type": "text/html; charset=iso-8859-1" });
}

/**
 * What stops Apache: SIGTERM (and INT, QUIT) at once, SIGWINCH gracefully (graceful-stop, the
 * php:*-apache and httpd images' STOPSIGNAL).
 */
const APACHE_STOP_SIGNALS = [...STOP_SIGNALS, "WINCH"];

/**
 * Debian's `apache2-foreground` under mpm_prefork, as the php:*-apache images run it: answers
 * on port 80 what handle answers (a HEAD without its body), logs each request in the combined
 * format, and prints Apache's start-up and shutdown lines; server is what AH00163 names.
 */
export function* apache2Foreground(
  ctx: CommandContext,
  server: string,
  handle: (req: HttpRequest, now: number) => HttpResponse,
): Proc {
  const watch = stopWatch(ctx.sys, APACHE_STOP_SIGNALS);
  const close = ctx.sys.listen({
    port: 80,
    protocol: "TCP",
    http: (req) => {
      const now = ctx.sys.now();
      const res = handle(req, now);
      ctx.stdout.write(
        `${req.remoteAddress ?? "-"} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.headers["user-agent"] ?? "-"}"\n`,
      );
      return req.method === "HEAD" ? { ...res, body: "" } : res;
    },
  });
  const fqdn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ownAddress(ctx)}. Set the 'ServerName' directive globally to suppress this message\n`;
  ctx.stderr.write(fqdn + fqdn);
  const t = apacheTime(ctx.sys.now());
  ctx.stderr.write(
    `[${t}] [mpm_prefork:notice] [pid 1] AH00163: ${server} configured -- resuming normal operations\n`,
  );
  ctx.stderr.write(`[${t}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'\n`);
  const signal = yield* untilStopped(watch);
  const how =
    signal === "WINCH"
      ? "AH00170: caught SIGWINCH, shutting down gracefully"
      : `AH00169: caught SIG${signal}, shutting down`;
  ctx.stderr.write(`[${apacheTime(ctx.sys.now())}] [mpm_prefork:notice] [pid 1] ${how}\n`);
  close();
  return 0;
}

/** httpd-foreground (and `httpd -DFOREGROUND`); `httpd -v` prints the version. */
export function* httpd(ctx: CommandContext): Proc {
  const version = ctx.env.HTTPD_VERSION || "2.4.62";
  if (ctx.argv.includes("-v")) {
    ctx.stdout.write(`Server version: Apache/${version} (Unix)\nServer built:   Nov  1 2024 00:00:00\n`);
    return 0;
  }
  const watch = stopWatch(ctx.sys, APACHE_STOP_SIGNALS);
  const server = `Apache/${version} (Unix)`;
  const close = ctx.sys.listen({
    port: 80,
    protocol: "TCP",
    http: (req) => {
      const now = ctx.sys.now();
      const path = decodeURIComponent(req.path.split("?")[0] as string);
      const res = staticFile(ctx, HTDOCS, path, { Date: httpDate(now), Server: server });
      ctx.stdout.write(
        `${req.remoteAddress ?? "-"} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length}\n`,
      );
      return req.method === "HEAD" ? { ...res, body: "" } : res;
    },
  });
  const ip = ownAddress(ctx);
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
  ctx.stderr.write(fqdn + fqdn);
  const t = apacheTime(ctx.sys.now());
  ctx.stderr.write(
    `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: ${server} configured -- resuming normal operations\n`,
  );
  ctx.stderr.write(`[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  const signal = yield* untilStopped(watch);
  const how =
    signal === "WINCH"
      ? "AH00492: caught SIGWINCH, shutting down gracefully"
      : `AH00491: caught SIG${signal}, shutting down`;
  ctx.stderr.write(`[${apacheTime(ctx.sys.now())}] [mpm_event:notice] [pid 1:tid 1] ${how}\n`);
  close();
  return 0;
}

/**
 * CPU one iteration of a PHP 5.6 `for` loop with a sqrt() call costs, in milliseconds. The
 * HorizontalPodAutoscaler walkthrough measured its one-at-a-time load generator (`sleep 0.01`
 * between requests) driving one unlimited php-apache pod to 305% of a 200m request, 0.61 core:
 * a request then costs c with c / (c + 10 ms) = 0.61, about 16 ms for the million iterations.
 */
export const PHP_LOOP_ITERATION_MS = 16e-6;

/** What a request for a plain page costs Apache and PHP without a loop, in CPU milliseconds. */
const PHP_REQUEST_BASE_MS = 0.3;

/**
 * The CPU (ms) a PHP script costs: its base plus its `for ($i = A; $i <= N; $i++)` loops'
 * iterations (index.php of hpa-example loops a million times).
 */
export function phpScriptCpuMs(source: string): number {
  let ms = PHP_REQUEST_BASE_MS;
  for (const m of source.matchAll(/for\s*\(\s*\$(\w+)\s*=\s*(\d+)\s*;\s*\$\1\s*(<=|<)\s*(\d+)\s*;/g)) {
    const from = Number(m[2]);
    const to = Number(m[4]);
    const n = to - from + (m[3] === "<=" ? 1 : 0);
    if (n > 0) ms += n * PHP_LOOP_ITERATION_MS;
  }
  return ms;
}

/** The hpa-example image's Apache and PHP (php:5-apache of its build). */
const PHP_APACHE_SERVER = "Apache/2.4.10 (Debian) PHP/5.6.31";
const PHP_VERSION = "5.6.31";

/**
 * registry.k8s.io/hpa-example (kubernetes/test/images... php-apache, the HorizontalPodAutoscaler
 * walkthrough's server): `apache2-foreground` serving /var/www/html/index.php, which runs a
 * million square roots and answers `OK!`; other paths get Apache's 404.
 */
export function phpApache(ctx: CommandContext): Proc {
  return apache2Foreground(ctx, PHP_APACHE_SERVER, (req, now) => {
    const path = decodeURIComponent(req.path.split("?")[0] as string);
    const base = { Date: httpDate(now), Server: PHP_APACHE_SERVER };
    const script = path === "/" || path === "/index.php" ? `${DOCROOT}/index.php` : undefined;
    if (!script || !ctx.fs.isFile(script))
      return respond(404, HTTPD_NOT_FOUND, { ...base, "Content-Type": "text/html; charset=iso-8859-1" });
    // index.php runs its loop: the request costs that CPU, at the speed the CFS quota allows.
    const cpuMs = phpScriptCpuMs(ctx.fs.read(script));
    const res = respond(200, "OK!", {
      ...base,
      "X-Powered-By": `PHP/${PHP_VERSION}`,
      "Content-Type": "text/html; charset=UTF-8",
    });
    const latencyMs = ctx.sys.runCpu?.(cpuMs);
    if (latencyMs) res.latencyMs = latencyMs;
    return res;
  });
}
