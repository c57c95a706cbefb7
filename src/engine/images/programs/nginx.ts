/**
 * nginx as the official image runs it: `/docker-entrypoint.sh` (docker-library/nginx's
 * entrypoint and its /docker-entrypoint.d scripts) then `nginx -g 'daemon off;'`, a master that
 * serves the files of its server block's root on its listen port, with nginx's headers and error
 * pages. `nginx -v`, `-t`, `-s reload|stop|quit` as the binary answers them.
 */
import type {
  CommandContext,
  FileSystem,
  HttpRequest,
  HttpResponse,
  Proc,
  ServingCertificate,
} from "../../sh/interface";
import { scriptExecEnviron } from "../../sh/vartab";
import { nginxDefaultConf } from "../files";
import { loadNginxSsl, type NginxSsl } from "./nginx-ssl";
import {
  clfTime,
  httpDate,
  mimeType,
  respond,
  SIGNAL_NUMBERS,
  slashTime,
  stopWatch,
  utf8Length,
  writeLines,
} from "./util";

/** The pid file the image's nginx.conf names. */
export const NGINX_PID_FILE = "/run/nginx.pid";
const DEFAULT_CONF = "/etc/nginx/conf.d/default.conf";
const VERSION_FALLBACK = "1.27.3";

const versionOf = (ctx: CommandContext) => ctx.env.NGINX_VERSION || VERSION_FALLBACK;

/** One server block: where it listens and what it serves. */
export interface NginxServer {
  /** The first listen's port. */
  port: number;
  /** Every port it listens on (IPv4 and IPv6 listens of one port count once), and whether with ssl. */
  listens?: { port: number; ssl: boolean }[];
  /** Its ssl directives, when a listen has `ssl`. */
  ssl?: NginxSsl;
  root: string;
  index: string[];
}

/** Reads the listen ports and roots of /etc/nginx/conf.d/*.conf (one server per file's block). */
export function nginxServers(fs: FileSystem): NginxServer[] {
  const dir = "/etc/nginx/conf.d";
  if (!fs.isDir(dir)) return [];
  const out: NginxServer[] = [];
  for (const name of fs.list(dir)) {
    if (!name.endsWith(".conf") || !fs.isFile(`${dir}/${name}`)) continue;
    const text = fs
      .read(`${dir}/${name}`)
      .split("\n")
      .map((l) => l.replace(/#.*/, ""))
      .join("\n");
    const blocks = text.split(/\bserver\s*\{/);
    let offset = (blocks[0] as string).length;
    for (const block of blocks.slice(1)) {
      const start = text.indexOf(block, offset);
      offset = start + block.length;
      const listens: { port: number; ssl: boolean }[] = [];
      let sslAt: string | undefined;
      for (const m of block.matchAll(/\blisten\s+([^;]+);/g)) {
        const [addr = "", ...params] = (m[1] as string).trim().split(/\s+/);
        const port = Number(/(\d+)$/.exec(addr)?.[1] ?? 80);
        const ssl = params.includes("ssl");
        if (ssl && !sslAt)
          sslAt = `${dir}/${name}:${text.slice(0, start + (m.index ?? 0)).split("\n").length}`;
        const seen = listens.find((l) => l.port === port);
        if (seen) seen.ssl ||= ssl;
        else listens.push({ port, ssl });
      }
      const root = /\broot\s+([^;\s]+)\s*;/.exec(block);
      const index = /\bindex\s+([^;]+);/.exec(block);
      const certificate = /\bssl_certificate\s+([^;\s]+)\s*;/.exec(block)?.[1];
      const certificateKey = /\bssl_certificate_key\s+([^;\s]+)\s*;/.exec(block)?.[1];
      out.push({
        port: listens[0]?.port ?? 80,
        listens: listens.length ? listens : [{ port: 80, ssl: false }],
        ...(sslAt ? { ssl: { listenAt: sslAt, certificate, certificateKey } } : {}),
        root: root?.[1] ?? "/etc/nginx/html",
        index: index ? (index[1] as string).trim().split(/\s+/) : ["index.html"],
      });
    }
  }
  return out;
}

/** nginx's built-in error page (ngx_http_special_response.c, CRLF line ends). */
export function nginxErrorPage(status: number, text: string, version: string): string {
  const title = `${status} ${text}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Answers one request from a server block's files. */
export function nginxServe(
  fs: FileSystem,
  server: NginxServer,
  version: string,
  now: number,
  req: HttpRequest,
  scheme: "http" | "https" = "http",
): HttpResponse {
  const base = { Server: `nginx/${version}`, Date: httpDate(now), Connection: "keep-alive" };
  const error = (status: number, text: string) =>
    respond(status, nginxErrorPage(status, text, version), { ...base, "Content-Type": "text/html" });
  if (req.method !== "GET" && req.method !== "HEAD") return error(405, "Not Allowed");
  const path = decodeURIComponent(req.path.split("?")[0] as string);
  let file = `${server.root}${path}`.replace(/\/+/g, "/");
  if (path.endsWith("/")) {
    const found = server.index.map((i) => `${file}${i}`).find((f) => fs.isFile(f));
    if (!found) return fs.isDir(file) ? error(403, "Forbidden") : error(404, "Not Found");
    file = found;
  } else if (fs.isDir(file)) {
    return respond(301, nginxErrorPage(301, "Moved Permanently", version), {
      ...base,
      "Content-Type": "text/html",
      Location: `${scheme}://${req.headers.host ?? "localhost"}${path}/`,
    });
  }
  if (!fs.isFile(file)) return error(404, "Not Found");
  const body = fs.read(file);
  const mtime = fs.stat?.(file)?.mtimeMs ?? 0;
  const res = respond(200, body, {
    ...base,
    "Content-Type": mimeType(file),
    "Last-Modified": httpDate(mtime),
    ETag: `"${Math.floor(mtime / 1000).toString(16)}-${utf8Length(body).toString(16)}"`,
    "Accept-Ranges": "bytes",
  });
  return req.method === "HEAD" ? { ...res, body: "" } : res;
}

function notice(ctx: CommandContext, pid: number, text: string): void {
  ctx.stderr.write(`${slashTime(ctx.sys.now())} [notice] ${pid}#${pid}: ${text}\n`);
}

/** The worker count and user of /etc/nginx/nginx.conf (`worker_processes auto`: one per CPU). */
function workerConfig(ctx: CommandContext): {
  count: number;
  user?: { name: string; uid: number; gid: number };
} {
  const conf = ctx.fs.isFile("/etc/nginx/nginx.conf") ? ctx.fs.read("/etc/nginx/nginx.conf") : "";
  const setting = /^\s*worker_processes\s+(\w+)\s*;/m.exec(conf)?.[1];
  let count = Number(setting);
  if (!Number.isInteger(count) || count < 1) {
    const cpuinfo = ctx.fs.isFile("/proc/cpuinfo") ? ctx.fs.read("/proc/cpuinfo") : "";
    count = Math.max(1, (cpuinfo.match(/^processor\s*:/gm) ?? []).length);
  }
  // Only a master running as root switches its workers to the `user` directive's account.
  const name = /^\s*user\s+([\w-]+)/m.exec(conf)?.[1];
  if (!name || ctx.sys.user().uid !== 0) return { count };
  const passwd = ctx.fs.isFile("/etc/passwd") ? ctx.fs.read("/etc/passwd") : "";
  const line = passwd.split("\n").find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined) return { count };
  return { count, user: { name, uid: Number(uid), gid: Number(gid) } };
}

/** A worker process: it serves through its master's listeners until the master ends it. */
function* worker(): Proc {
  for (;;) yield { kind: "forever" };
}

/** Starts the workers (ngx_start_worker_processes); their pids, and how to end them. */
function startWorkers(ctx: CommandContext, self: number): { pids: number[]; kill(): void } {
  const spawn = ctx.sys.spawn;
  const { count, user } = workerConfig(ctx);
  notice(ctx, self, "start worker processes");
  if (!spawn) return { pids: [], kill() {} };
  const started: { pid: number; kill(): void }[] = [];
  for (let i = 0; i < count; i++) {
    const w = spawn(["nginx: worker process"], worker, { stdout: ctx.stdout, stderr: ctx.stderr, user });
    started.push(w);
    notice(ctx, self, `start worker process ${w.pid}`);
  }
  return {
    pids: started.map((w) => w.pid),
    kill() {
      for (const w of started) w.kill();
    },
  };
}

/**
 * What the workers and the master log as a stop signal ends them (ngx_worker_process_cycle:
 * SIGQUIT first says "gracefully shutting down", then each worker "exiting" and "exit";
 * ngx_signal_handler and ngx_process_get_status: the master reaps each one), in worker order.
 */
function logWorkersStopping(ctx: CommandContext, self: number, pids: number[], graceful: boolean): void {
  if (graceful) for (const pid of pids) notice(ctx, pid, "gracefully shutting down");
  for (const pid of pids) notice(ctx, pid, "exiting");
  for (const pid of pids) notice(ctx, pid, "exit");
  for (const pid of pids) {
    notice(ctx, self, `signal 17 (SIGCHLD) received from ${pid}`);
    notice(ctx, self, `worker process ${pid} exited with code 0`);
  }
}

function* master(ctx: CommandContext): Proc {
  const version = versionOf(ctx);
  const self = ctx.sys.pid?.() ?? 1;
  ctx.sys.setTitle?.(`nginx: master process ${ctx.argv.join(" ")}`);
  const watch = stopWatch(ctx.sys);
  let reloads = 0;
  ctx.sys.onSignal("HUP", () => {
    reloads++;
  });
  const servers = nginxServers(ctx.fs);
  const certificates = new Map<NginxServer, ServingCertificate>();
  for (const server of servers) {
    if (!server.ssl) continue;
    const loaded = loadNginxSsl(ctx.fs, server.ssl);
    if (!loaded.ok) {
      // ngx_log_error to the error log (stderr in the image), then the console's copy.
      ctx.stderr.write(`${slashTime(ctx.sys.now())} [emerg] ${self}#${self}: ${loaded.emerg}\n`);
      ctx.stderr.write(`nginx: [emerg] ${loaded.emerg}\n`);
      return 1;
    }
    certificates.set(server, loaded.certificate);
  }
  const closers = servers.flatMap((server) =>
    (server.listens ?? [{ port: server.port, ssl: false }]).map((l) => {
      const certificate = l.ssl ? certificates.get(server) : undefined;
      return ctx.sys.listen({
        port: l.port,
        protocol: "TCP",
        ...(certificate ? { certificate } : {}),
        http: (req) => {
          const res = nginxServe(ctx.fs, server, version, ctx.sys.now(), req, certificate ? "https" : "http");
          ctx.stdout.write(
            `${req.remoteAddress ?? "-"} - - [${clfTime(ctx.sys.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.headers["user-agent"] ?? "-"}" "-"\n`,
          );
          return res;
        },
      });
    }),
  );
  if (ctx.fs.isDir("/run")) ctx.fs.write(NGINX_PID_FILE, "1\n");
  for (const line of [
    'using the "epoll" event method',
    `nginx/${version}`,
    "built by gcc 12.2.0 (Debian 12.2.0-14) ",
    "OS: Linux 6.8.0-1015-gcp",
    "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
  ])
    notice(ctx, self, line);
  let workers = startWorkers(ctx, self);
  let seen = 0;
  for (;;) {
    const stop = watch.received();
    if (stop) {
      const n = SIGNAL_NUMBERS[stop] ?? 15;
      notice(
        ctx,
        self,
        `signal ${n} (SIG${stop}) received, ${stop === "QUIT" ? "shutting down" : "exiting"}`,
      );
      logWorkersStopping(ctx, self, workers.pids, stop === "QUIT");
      workers.kill();
      notice(ctx, self, "exit");
      for (const close of closers) close();
      return 0;
    }
    if (reloads > seen) {
      seen = reloads;
      notice(ctx, self, "signal 1 (SIGHUP) received, reconfiguring");
      notice(ctx, self, "reconfiguring");
      notice(ctx, self, 'using the "epoll" event method');
      // New workers start with the new configuration; the old ones finish and exit.
      const old = workers;
      workers = startWorkers(ctx, self);
      old.kill();
    }
    yield { kind: "forever" };
  }
}

const SIGNALS: Record<string, string> = { stop: "TERM", quit: "QUIT", reopen: "USR1", reload: "HUP" };

/** The nginx binary. */
export function nginx(ctx: CommandContext): number | Proc {
  const args = ctx.argv.slice(1);
  const version = versionOf(ctx);
  let foreground = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-v" || a === "-V") {
      ctx.stderr.write(`nginx version: nginx/${version}\n`);
      if (a === "-V") ctx.stderr.write("built by gcc 12.2.0 (Debian 12.2.0-14) \n");
      return 0;
    }
    if (a === "-t" || a === "-T") {
      for (const server of nginxServers(ctx.fs)) {
        const loaded = server.ssl ? loadNginxSsl(ctx.fs, server.ssl) : undefined;
        if (loaded && !loaded.ok) {
          writeLines(ctx.stderr, [
            `nginx: [emerg] ${loaded.emerg}`,
            "nginx: configuration file /etc/nginx/nginx.conf test failed",
          ]);
          return 1;
        }
      }
      writeLines(ctx.stderr, [
        "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok",
        "nginx: configuration file /etc/nginx/nginx.conf test is successful",
      ]);
      return 0;
    }
    if (a === "-s") {
      const sig = SIGNALS[args[i + 1] ?? ""];
      if (!sig) {
        ctx.stderr.write(`nginx: invalid option: "-s ${args[i + 1] ?? ""}"\n`);
        return 1;
      }
      if (!ctx.fs.isFile(NGINX_PID_FILE)) {
        ctx.stderr.write(`nginx: [error] open() "${NGINX_PID_FILE}" failed (2: No such file or directory)\n`);
        return 1;
      }
      const pid = Number(ctx.fs.read(NGINX_PID_FILE).trim());
      notice(ctx, 45, "signal process started");
      if (!ctx.sys.kill(pid, sig)) {
        ctx.stderr.write(
          `${slashTime(ctx.sys.now())} [error] 45#45: kill(${pid}, ${SIGNAL_NUMBERS[sig] ?? 1}) failed (3: No such process)\n`,
        );
        return 1;
      }
      return 0;
    }
    if (a === "-g") {
      if (/\bdaemon\s+off\s*;/.test(args[i + 1] ?? "")) foreground = true;
      i++;
      continue;
    }
    if (a === "-c" || a === "-p" || a === "-e") {
      i++;
      continue;
    }
    if (a.startsWith("-")) {
      ctx.stderr.write(`nginx: invalid option: "${a.slice(1)}"\n`);
      return 1;
    }
  }
  // Without `daemon off;` the master forks into the background and the command returns at once.
  if (!foreground) return 0;
  return master(ctx);
}

/** The image's /docker-entrypoint.sh: the /docker-entrypoint.d scripts' notices, then exec. */
export function* nginxEntrypoint(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  const log = (line: string) => {
    if (!ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS) ctx.stdout.write(`${line}\n`);
  };
  if (args[0] === "nginx" || args[0] === "nginx-debug") {
    log("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    log("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
    log("/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
    for (const line of listenOnIpv6(ctx)) log(`10-listen-on-ipv6-by-default.sh: info: ${line}`);
    log("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
    log("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
    log("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
    log("/docker-entrypoint.sh: Configuration complete; ready for start up");
  }
  if (args.length === 0) return 0;
  // `exec "$@"`: the process becomes the program (its comm and cmdline). The script is #!/bin/sh
  // (dash; busybox ash in the alpine tags): it hands on its environment as that shell orders
  // it, PWD included.
  ctx.sys.execve?.(args);
  const dialect = ctx.fs.isFile("/bin/busybox") ? "ash" : "dash";
  return yield* ctx.exec(args, undefined, scriptExecEnviron(dialect, ctx.env, ctx.cwd));
}

/**
 * 10-listen-on-ipv6-by-default.sh (docker-nginx entrypoint/): adds `listen [::]:80;` to the
 * packaged default.conf, and says why not when the file is missing, read-only, already changed
 * or not the packaged one.
 */
function listenOnIpv6(ctx: CommandContext): string[] {
  if (!ctx.fs.isFile(DEFAULT_CONF)) return [`${DEFAULT_CONF} is not a file or does not exist`];
  const text = ctx.fs.read(DEFAULT_CONF);
  try {
    ctx.fs.write(DEFAULT_CONF, text);
  } catch {
    return [`can not modify ${DEFAULT_CONF} (read-only file system?)`];
  }
  if (text.includes("listen  [::]:80;")) return ["IPv6 listen already enabled"];
  if (!ctx.fs.isFile("/etc/os-release")) return ["can not guess the operating system"];
  const checksum = `Getting the checksum of ${DEFAULT_CONF}`;
  if (text !== nginxDefaultConf()) return [checksum, `${DEFAULT_CONF} differs from the packaged version`];
  ctx.fs.write(DEFAULT_CONF, text.replace("listen       80;", "listen       80;\n    listen  [::]:80;"));
  return [checksum, `Enabled listen on IPv6 in ${DEFAULT_CONF}`];
}
