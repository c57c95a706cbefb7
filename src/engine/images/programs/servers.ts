/**
 * Small servers of the Kubernetes docs and tests: agnhost's subcommands, hashicorp/http-echo,
 * kodekloud/webapp-color, registry.k8s.io/liveness, gcr.io/google-samples/hello-app,
 * dgkanatsios/simpleapp (the CKAD exercises' hostname server) and pause.
 */
import type { CommandContext, Proc } from "../../sh/interface";
import { python } from "./python";
import {
  forever,
  GO_RUNTIME_SIGNALS,
  GO_SIGNAL_EXIT,
  goDuration,
  goFlag,
  respond,
  slashTime,
  splitQuery,
  stopWatch,
  untilStopped,
} from "./util";

/** How a server stops: the signals it handles and the status it then exits with. */
interface Stop {
  signals: readonly string[];
  /** Called with the signal; returns the exit status. */
  onStop(signal: string): number;
}

/** A Go server that handles no signals itself: the Go runtime exits it with status 2. */
const GO_STOP: Stop = { signals: GO_RUNTIME_SIGNALS, onStop: () => GO_SIGNAL_EXIT };

/**
 * Serves one HTTP handler on a port. With `stop`, it exits on those signals; without, it
 * installs no handler and runs until the runtime's default action kills it.
 */
function* serveHttp(
  ctx: CommandContext,
  port: number,
  handler: (
    path: string,
    query: Record<string, string>,
  ) => { status: number; body: string; headers?: Record<string, string> },
  stop?: Stop,
): Proc {
  const watch = stop ? stopWatch(ctx.sys, stop.signals) : undefined;
  const close = ctx.sys.listen({
    port,
    protocol: "TCP",
    http: (req) => {
      const { path, query } = splitQuery(req.path);
      const r = handler(path, query);
      return respond(r.status, r.body, { "Content-Type": "text/plain; charset=utf-8", ...r.headers });
    },
  });
  if (!watch || !stop) return yield* forever();
  const signal = yield* untilStopped(watch);
  close();
  return stop.onStop(signal);
}

/** The liveness server's handler: /healthz is 200 "ok" for 10 s after start, then 500 (server.go). */
export function livenessHandler(startedMs: number, now: () => number) {
  return (path: string) => {
    if (path === "/healthz") {
      const seconds = (now() - startedMs) / 1000;
      if (seconds > 10) return { status: 500, body: `error: ${seconds}` };
      return { status: 200, body: "ok" };
    }
    if (path === "/started") return { status: 200, body: goDuration(now() - startedMs) };
    return { status: 404, body: "404 page not found\n" };
  };
}

/** registry.k8s.io/liveness's /server. */
export function liveness(ctx: CommandContext): Proc {
  return serveHttp(
    ctx,
    8080,
    livenessHandler(ctx.sys.now(), () => ctx.sys.now()),
    GO_STOP,
  );
}

/** The first port of Linux's ephemeral range (net.ipv4.ip_local_port_range). */
const EPHEMERAL_PORT_BASE = 32768;

/**
 * serve-hostname (test/images/agnhost/serve-hostname, the registry.k8s.io/serve_hostname image):
 * answers every HTTP request on -port (9376) with the host name, no newline, logging
 * `HTTP request from ADDR`; on SIGTERM it logs that it shuts down and waits 60 s for its pod's
 * deletion (the kubelet's grace period ends it first).
 */
export function* serveHostname(ctx: CommandContext, args: string[] = ctx.argv.slice(1)): Proc {
  const port = Number(goFlag(args, "port") ?? 9376);
  const host = ctx.sys.hostname();
  const log = (text: string) => ctx.stderr.write(`${slashTime(ctx.sys.now())} ${text}\n`);
  const watch = stopWatch(ctx.sys, GO_RUNTIME_SIGNALS);
  let requests = 0;
  const close = ctx.sys.listen({
    port,
    protocol: "TCP",
    http: (req) => {
      log(`HTTP request from ${req.remoteAddress ?? "127.0.0.1"}:${EPHEMERAL_PORT_BASE + 16 * requests++}`);
      return respond(200, host, { "Content-Type": "text/plain; charset=utf-8" });
    },
  });
  log(`Serving on port ${port}.`);
  const signal = yield* untilStopped(watch);
  if (signal !== "TERM") {
    close();
    return GO_SIGNAL_EXIT;
  }
  log("Shutting down after receiving signal: terminated.");
  log("Awaiting pod deletion.");
  yield { kind: "sleep", ms: 60_000 };
  close();
  return 0;
}

/** agnhost: netexec, serve-hostname, liveness, pause, dns-suffix. */
export function agnhost(ctx: CommandContext): number | Proc {
  const [sub, ...args] = ctx.argv.slice(1);
  switch (sub) {
    case "netexec":
      return netexec(ctx, args);
    case "serve-hostname":
      return serveHostname(ctx, args);
    case "liveness":
      return serveHttp(
        ctx,
        8080,
        livenessHandler(ctx.sys.now(), () => ctx.sys.now()),
        GO_STOP,
      );
    case "pause":
      return agnhostPause(ctx);
    case "dns-suffix": {
      const conf = ctx.fs.isFile("/etc/resolv.conf") ? ctx.fs.read("/etc/resolv.conf") : "";
      const search = /^search\s+(\S+)/m.exec(conf)?.[1] ?? "";
      ctx.stdout.write(search);
      return 0;
    }
    default:
      ctx.stderr.write(
        `Error: unknown command "${sub ?? ""}" for "agnhost"\nRun 'agnhost --help' for usage.\n`,
      );
      return 1;
  }
}

/** Go's `%v` of a time.Time from time.Now(): wall clock, zone and monotonic reading. */
export function goTimeNow(ms: number, sinceStartMs: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, "");
  const wall = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ""}`;
  return `${wall} +0000 UTC m=+${(sinceStartMs / 1000).toFixed(9)}`;
}

/**
 * agnhost netexec (test/images/agnhost/netexec): `/` (and any unknown path) answers
 * `NOW: <time>`, `/hostname`, `/echo?msg=&code=`, `/healthz` once its UDP server runs; each request
 * is logged with Go's log package. `/shell`, `/dial`, `/exit` and `/upload` are not run here.
 */
function netexec(ctx: CommandContext, args: string[]): Proc {
  const httpPort = Number(goFlag(args, "http-port") ?? 8080);
  const udpPort = Number(goFlag(args, "udp-port") ?? 8081);
  const started = ctx.sys.now();
  const log = (text: string) => ctx.stderr.write(`${slashTime(ctx.sys.now())} ${text}\n`);
  log(`Started HTTP server on port ${httpPort}`);
  const closeUdp = udpPort === -1 ? undefined : ctx.sys.listen({ port: udpPort, protocol: "UDP" });
  if (closeUdp) log(`Started UDP server on port  ${udpPort}`);
  const proc = serveHttp(
    ctx,
    httpPort,
    (path, query) => {
      switch (path) {
        case "/hostname":
        case "/hostName":
          log(`GET ${path}`);
          return { status: 200, body: ctx.sys.hostname() };
        case "/echo": {
          const msg = query.msg ?? "";
          const code = query.code ?? "";
          log(`GET /echo?msg=${msg}&code=${code}`);
          if (code && !/^-?\d+$/.test(code))
            return { status: 200, body: `argument 'code' must be an integer or empty, got "${code}"\n` };
          return { status: code ? Number(code) : 200, body: msg };
        }
        case "/healthz":
          log("GET /healthz");
          return { status: closeUdp ? 200 : 412, body: "" };
        case "/shell":
        case "/dial":
        case "/exit":
        case "/upload":
        case "/shutdown":
          return { status: 501, body: `kubeglass agnhost does not run ${path}\n` };
        default:
          log("GET /");
          return { status: 200, body: `NOW: ${goTimeNow(ctx.sys.now(), ctx.sys.now() - started)}` };
      }
    },
    GO_STOP,
  );
  return (function* (): Proc {
    const code = yield* proc;
    closeUdp?.();
    return code;
  })();
}

/** agnhost pause (pause/pause.go): prints Paused, exits 2 on SIGTERM and 1 on SIGINT. */
function* agnhostPause(ctx: CommandContext): Proc {
  const watch = stopWatch(ctx.sys, ["TERM", "INT"]);
  ctx.stdout.write("Paused\n");
  const signal = yield* untilStopped(watch);
  return signal === "INT" ? 1 : 2;
}

/** registry.k8s.io/pause's /pause: sleeps until TERM or INT (pause.c), `-v` prints its version. */
export function pause(ctx: CommandContext): number | Proc {
  if (ctx.argv[1] === "-v") {
    ctx.stdout.write("pause.c v3.10\n");
    return 0;
  }
  return (function* (): Proc {
    const watch = stopWatch(ctx.sys, ["TERM", "INT"]);
    const signal = yield* untilStopped(watch);
    ctx.stderr.write(`Shutting down, got signal: ${signal === "TERM" ? "Terminated" : "Interrupt"}\n`);
    return 0;
  })();
}

/** Parses Go `flag` arguments: known flags with values, then positional arguments. */
function goFlags(args: readonly string[], known: readonly string[], bools: readonly string[] = []) {
  const values: Record<string, string> = {};
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const body = a.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (bools.includes(name)) values[name] = eq < 0 ? "true" : body.slice(eq + 1);
    else if (known.includes(name)) values[name] = eq < 0 ? (args[++i] ?? "") : body.slice(eq + 1);
    else return { error: `flag provided but not defined: -${name}`, values, rest: [] as string[] };
  }
  return { values, rest: args.slice(i) };
}

/** hashicorp/http-echo (main.go): `-text=TEXT` (or $ECHO_TEXT) `-listen=:5678`; exits 2 on SIGINT. */
export function httpEcho(ctx: CommandContext): number | Proc {
  const parsed = goFlags(ctx.argv.slice(1), ["listen", "text"], ["version"]);
  if (parsed.error) {
    ctx.stderr.write(`${parsed.error}\nUsage of ${ctx.argv[0] ?? "/http-echo"}:\n`);
    return 2;
  }
  if (parsed.values.version === "true") {
    ctx.stderr.write("http-echo v1.0.0\n");
    return 0;
  }
  const text = parsed.values.text || ctx.env.ECHO_TEXT;
  if (!text) {
    ctx.stderr.write("Missing -text option OR ENV var TEXT is empty!\n");
    return 127;
  }
  if (parsed.rest.length > 0) {
    ctx.stderr.write("Too many arguments!\n");
    return 127;
  }
  const listen = parsed.values.listen ?? ":5678";
  const port = Number(listen.slice(listen.lastIndexOf(":") + 1));
  const headers = { "X-App-Name": "http-echo", "X-App-Version": "1.0.0" };
  ctx.stderr.write(`${slashTime(ctx.sys.now())} [INFO] server is listening on ${listen}\n`);
  return serveHttp(
    ctx,
    port,
    (path) =>
      path === "/health"
        ? { status: 200, body: '{"status":"ok"}\n', headers }
        : { status: 200, body: `${text}\n`, headers },
    {
      signals: GO_RUNTIME_SIGNALS,
      onStop: (signal) => {
        if (signal === "INT")
          ctx.stderr.write(`${slashTime(ctx.sys.now())} [INFO] received interrupt, shutting down...\n`);
        return GO_SIGNAL_EXIT;
      },
    },
  );
}

/** kodekloud/webapp-color's colours (app.py). */
export const WEBAPP_COLORS: Record<string, string> = {
  red: "#e74c3c",
  green: "#16a085",
  blue: "#2980b9",
  blue2: "#30336b",
  pink: "#be2edd",
  darkblue: "#130f40",
};

/** kodekloud/webapp-color's page (templates/hello.html). */
export function webappColorPage(color: string, name: string): string {
  return `<!doctype html>
<title>Hello from Flask</title>
<body style="background: ${color};"></body>
<div style="color: #e4e4e4;
    text-align:  center;
    height: 90px;
    vertical-align:  middle;">

    <h1>Hello from ${name}!</h1>

</div>
`;
}

/** kodekloud/webapp-color: `python app.py [--color C]` on port 8080; other python use passes through. */
export function webappColor(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  if (args[0] !== "app.py") return python(ctx);
  const i = args.indexOf("--color");
  const fromArg = i >= 0 ? args[i + 1] : undefined;
  const fromEnv = ctx.env.APP_COLOR;
  const names = Object.keys(WEBAPP_COLORS);
  const host = ctx.sys.hostname();
  const picked = names[[...host].reduce((h, c) => h + c.charCodeAt(0), 0) % names.length] as string;
  const color = fromArg ?? fromEnv ?? picked;
  if (fromArg) ctx.stdout.write(` Color from command line argument =${color}\n`);
  else if (fromEnv) ctx.stdout.write(` Color from environment variable = ${color}\n`);
  else
    ctx.stdout.write(` No command line argument or environment variable. Picking a Random Color =${color}\n`);
  if (!WEBAPP_COLORS[color]) {
    ctx.stdout.write(`Color not supported. Received '${color}' expected one of ${names.join(",")}\n`);
    return 1;
  }
  ctx.stdout.write(
    ' * Serving Flask app "app" (lazy loading)\n * Environment: production\n   WARNING: This is a development server. Do not use it in a production deployment.\n   Use a production WSGI server instead.\n * Debug mode: off\n * Running on http://0.0.0.0:8080/ (Press CTRL+C to quit)\n',
  );
  return serveHttp(ctx, 8080, () => ({
    status: 200,
    body: webappColorPage(WEBAPP_COLORS[color] as string, host),
    headers: { "Content-Type": "text/html; charset=utf-8", Server: "Werkzeug/0.16.0 Python/3.6.15" },
  }));
}

/** gcr.io/google-samples/hello-app at a version: "Hello, world!", its version and host name on $PORT. */
export function helloApp(version: string) {
  return (ctx: CommandContext): Proc => {
    const port = Number(ctx.env.PORT || 8080);
    ctx.stderr.write(`${slashTime(ctx.sys.now())} Server listening on port ${port}\n`);
    return serveHttp(
      ctx,
      port,
      () => ({ status: 200, body: `Hello, world!\nVersion: ${version}\nHostname: ${ctx.sys.hostname()}\n` }),
      GO_STOP,
    );
  };
}

/**
 * dgkanatsios/simpleapp (github.com/dgkanatsios/simpleapp server.js, run by `npm start`): an
 * Express server on 8080 whose `/` answers `Hello world from HOSTNAME` and logs the caller; any
 * other path gets Express's 404 page.
 */
export function simpleApp(ctx: CommandContext): Proc {
  ctx.stdout.write(
    "\n> simpleapp@1.0.0 start /usr/src/app\n> node server.js\n\nRunning on http://0.0.0.0:8080\n",
  );
  const express = { "X-Powered-By": "Express", "Content-Type": "text/html; charset=utf-8" };
  const close = ctx.sys.listen({
    port: 8080,
    protocol: "TCP",
    http: (req) => {
      const path = req.path.split("?")[0] as string;
      if (req.method === "GET" && path === "/") {
        // Node's dual-stack socket reports an IPv4 caller as an IPv4-mapped IPv6 address.
        const ip =
          req.headers["x-forwarded-for"]?.split(",").pop() ?? `::ffff:${req.remoteAddress ?? "127.0.0.1"}`;
        ctx.stdout.write(`IP: ${ip} on ${new Date(ctx.sys.now()).toISOString()}\n`);
        return respond(200, `Hello world from ${ctx.sys.hostname()}\n`, express);
      }
      return respond(
        404,
        `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${req.method} ${path}</pre>\n</body>\n</html>\n`,
        { ...express, "Content-Security-Policy": "default-src 'none'", "X-Content-Type-Options": "nosniff" },
      );
    },
  });
  return (function* (): Proc {
    try {
      yield* untilStopped(stopWatch(ctx.sys, ["TERM", "INT"]));
      return 0;
    } finally {
      close();
    }
  })();
}

/**
 * The process of an image the catalog does not hold (resolve.ts, rule 5): an application whose
 * behaviour is unknown, so it runs quietly until it is stopped and exits 0 on TERM or INT.
 */
export function genericApp(ctx: CommandContext): Proc {
  return (function* (): Proc {
    const watch = stopWatch(ctx.sys, ["TERM", "INT"]);
    yield* untilStopped(watch);
    return 0;
  })();
}
