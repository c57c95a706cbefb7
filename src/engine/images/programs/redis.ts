/**
 * redis-server 7 (RESP over TCP: PING, ECHO, SET, GET, INCR, DECR, DEL, EXISTS, KEYS, DBSIZE,
 * FLUSHALL, AUTH, INFO), redis-cli, and the image's docker-entrypoint.sh.
 */
import type { CommandContext, LineSession, Proc, Program } from "../../sh/interface";
import { configCommand, loadRedisConfig, type RedisConfig, renderReplyTTY } from "./redis-config";
import { type RedisInfoState, redisInfo } from "./redisinfo";
import { redisTime, stopWatch, untilStopped } from "./util";

/** Splits what a client sent into commands: RESP arrays or inline commands. */
export function parseResp(input: string): string[][] {
  const out: string[][] = [];
  const lines = input.split("\r\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.startsWith("*")) {
      const n = Number(line.slice(1));
      const cmd: string[] = [];
      i++;
      for (let k = 0; k < n && i < lines.length; k++) {
        i++; // $len
        cmd.push(lines[i++] ?? "");
      }
      out.push(cmd);
    } else {
      const words = line.split("\n").join(" ").trim().split(/\s+/).filter(Boolean);
      if (words.length) out.push(words);
      i++;
    }
  }
  return out;
}

/** Encodes a command as a RESP array, as redis-cli sends it. */
export function encodeResp(cmd: readonly string[]): string {
  return `*${cmd.length}\r\n${cmd.map((c) => `$${c.length}\r\n${c}\r\n`).join("")}`;
}

const bulk = (s: string | undefined) => (s === undefined ? "$-1\r\n" : `$${s.length}\r\n${s}\r\n`);

/** Commands that write, which a replica refuses. */
const WRITES = new Set(["SET", "INCR", "DECR", "DEL", "FLUSHALL", "FLUSHDB"]);

/** What a store knows beyond its keys: its configuration, and the leader it replicates. */
export interface RedisStoreOptions {
  config?: RedisConfig;
  /** A replica's view of its leader's keyspace (undefined while the link is down). */
  leaderData?: () => Map<string, string> | undefined;
  /** What INFO reports of the server running the store (its port, start time, executable). */
  server?: () => Omit<RedisInfoState, "keys" | "dataBytes">;
}

/** A redis keyspace and its command handler. */
export function redisStore(version: string, password?: string, opts: RedisStoreOptions = {}) {
  const data = new Map<string, string>();
  let authed = !password;
  const handle = (cmd: string[]): string => {
    const name = (cmd[0] ?? "").toUpperCase();
    const args = cmd.slice(1);
    if (opts.leaderData && name !== "AUTH") {
      if (WRITES.has(name) && authed) return "-READONLY You can't write against a read only replica.\r\n";
      // Replication keeps the replica's keyspace the leader's (the link's lag is not modelled).
      const leader = opts.leaderData();
      if (leader) {
        data.clear();
        for (const [k, v] of leader) data.set(k, v);
      }
    }
    if (name === "AUTH") {
      if (args[args.length - 1] === password) {
        authed = true;
        return "+OK\r\n";
      }
      return "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
    }
    if (!authed) return "-NOAUTH Authentication required.\r\n";
    const arity = (n: number) =>
      args.length < n ? `-ERR wrong number of arguments for '${name.toLowerCase()}' command\r\n` : undefined;
    switch (name) {
      case "PING":
        return args.length ? bulk(args[0]) : "+PONG\r\n";
      case "ECHO":
        return arity(1) ?? bulk(args[0]);
      case "SET":
        if (arity(2)) return arity(2) as string;
        data.set(args[0] as string, args[1] as string);
        return "+OK\r\n";
      case "GET":
        return arity(1) ?? bulk(data.get(args[0] as string));
      case "INCR":
      case "DECR": {
        if (arity(1)) return arity(1) as string;
        const cur = data.get(args[0] as string) ?? "0";
        if (!/^-?\d+$/.test(cur)) return "-ERR value is not an integer or out of range\r\n";
        const next = BigInt(cur) + (name === "INCR" ? 1n : -1n);
        data.set(args[0] as string, String(next));
        return `:${next}\r\n`;
      }
      case "DEL":
      case "EXISTS": {
        if (arity(1)) return arity(1) as string;
        let n = 0;
        for (const k of args) if (name === "DEL" ? data.delete(k) : data.has(k)) n++;
        return `:${n}\r\n`;
      }
      case "KEYS": {
        const re = new RegExp(
          `^${(args[0] ?? "*")
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        );
        const keys = [...data.keys()].filter((k) => re.test(k));
        return `*${keys.length}\r\n${keys.map(bulk).join("")}`;
      }
      case "DBSIZE":
        return `:${data.size}\r\n`;
      case "FLUSHALL":
      case "FLUSHDB":
        data.clear();
        return "+OK\r\n";
      case "INFO": {
        const base = opts.server?.() ?? {
          version,
          port: 6379,
          startedMs: 0,
          nowMs: 0,
          executable: "",
          configFile: "",
          runId: "0".repeat(40),
        };
        let dataBytes = 0;
        for (const [k, v] of data) dataBytes += k.length + v.length;
        return bulk(redisInfo({ ...base, keys: data.size, dataBytes }, args));
      }
      case "QUIT":
        return "+OK\r\n";
      case "CONFIG":
        return opts.config ? configCommand(opts.config, args) : "+OK\r\n";
      default: {
        const quoted = args.map((a) => `'${a}'`).join(" ");
        return `-ERR unknown command '${cmd[0] ?? ""}', with args beginning with: ${quoted}${quoted ? " " : ""}\r\n`;
      }
    }
  };
  return { handle, data };
}

/**
 * redis-server `[/path/to/redis.conf] [--name value...]`: the file's directives and the options
 * (port, requirepass, maxmemory, maxmemory-policy, replicaof), or `--version`.
 */
export function redisServer(ctx: CommandContext): number | Proc {
  const version = ctx.env.REDIS_VERSION || "7.4.1";
  const args = ctx.argv.slice(1);
  if (args.includes("--version") || args.includes("-v")) {
    ctx.stdout.write(
      `Redis server v=${version} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=e2f3a3d2f3a0f7e5\n`,
    );
    return 0;
  }
  const file = args[0] && !args[0].startsWith("-") ? args[0] : undefined;
  let text: string | undefined;
  if (file) {
    const path = file.startsWith("/") ? file : `${ctx.cwd.replace(/\/$/, "")}/${file}`;
    if (!ctx.fs.isFile(path)) {
      ctx.stderr.write(
        `\n*** FATAL CONFIG FILE ERROR (Redis ${version}) ***\nFatal error, can't open config file '${path}': No such file or directory\n`,
      );
      return 1;
    }
    text = ctx.fs.read(path);
  }
  const loaded = loadRedisConfig(text, file ? args.slice(1) : args);
  if ("error" in loaded) {
    const e = loaded.error;
    ctx.stderr.write(
      `\n*** FATAL CONFIG FILE ERROR (Redis ${version}) ***\nReading the configuration file, at line ${e.line}\n>>> '${e.text}'\n${e.reason}\n`,
    );
    return 1;
  }
  return serve(ctx, version, loaded.config, file !== undefined);
}

/** A replica's link to its leader: the leader's keys and values, read over RESP. */
function leaderKeyspace(ctx: CommandContext, host: string, port: number): Map<string, string> | undefined {
  const conn = ctx.sys.network.connect(host, port);
  if (typeof conn === "string" || !conn.tcp) return undefined;
  const keys = renderReply(conn.tcp(encodeResp(["KEYS", "*"])))
    .split("\n")
    .filter(Boolean);
  const out = new Map<string, string>();
  for (const k of keys) out.set(k, renderReply(conn.tcp(encodeResp(["GET", k]))).replace(/\n$/, ""));
  return out;
}

function* serve(ctx: CommandContext, version: string, config: RedisConfig, conf: boolean): Proc {
  const watch = stopWatch(ctx.sys);
  const port = Number(config.get("port") ?? 6379);
  const password = config.get("requirepass") || undefined;
  const [leaderHost, leaderPort] = (config.get("replicaof") ?? "").split(" ");
  const leaderData = leaderHost ? () => leaderKeyspace(ctx, leaderHost, Number(leaderPort)) : undefined;
  const startedMs = ctx.sys.now();
  const argv0 = ctx.argv[0] ?? "redis-server";
  // server.executable: argv[0] made absolute against the working directory (/data in the image).
  const executable = argv0.startsWith("/") ? argv0 : `${ctx.cwd}/${argv0}`.replace(/\/+/g, "/");
  const confArg = ctx.argv.slice(1).find((a) => !a.startsWith("-") && a.endsWith(".conf")) ?? "";
  const configFile =
    confArg && !confArg.startsWith("/") ? `${ctx.cwd}/${confArg}`.replace(/\/+/g, "/") : confArg;
  const runId = runIdFor(ctx.sys.hostname(), startedMs);
  const server = () => ({ version, port, startedMs, nowMs: ctx.sys.now(), executable, configFile, runId });
  const store = redisStore(version, password, { config, server, ...(leaderData && { leaderData }) });
  const close = ctx.sys.listen({
    port,
    protocol: "TCP",
    tcp: (input) => parseResp(input).map(store.handle).join(""),
  });
  const t = () => redisTime(ctx.sys.now());
  // Log levels and lines by release: 7.0 lowered the start-up lines from warning (#) to notice
  // (*), 6.2 added the monotonic clock line, 7.2 names the listener. No overcommit warning: the
  // kubelet sets vm.overcommit_memory to 1 on its node (setupKernelTunables).
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const at = (m: number, n: number) => major > m || (major === m && minor >= n);
  const level = at(7, 0) ? "*" : "#";
  const lines = [
    `1:C ${t()} ${level} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${t()} ${level} Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    ...(conf
      ? [`1:C ${t()} ${level} Configuration loaded`]
      : [
          `1:C ${t()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        ]),
    ...(at(6, 2) ? [`1:M ${t()} * monotonic clock: POSIX clock_gettime`] : []),
    `1:M ${t()} * Running mode=standalone, port=${port}.`,
    `1:M ${t()} ${level} Server initialized`,
    `1:M ${t()} * Ready to accept connections${at(7, 2) ? " tcp" : ""}`,
    ...(leaderHost
      ? [
          `1:S ${t()} * Connecting to MASTER ${leaderHost}:${leaderPort}`,
          `1:S ${t()} * MASTER <-> REPLICA sync started`,
          leaderData?.()
            ? `1:S ${t()} * MASTER <-> REPLICA sync: Finished with success`
            : `1:S ${t()} # Error condition on socket for SYNC: Connection refused`,
        ]
      : []),
  ];
  for (const l of lines) ctx.stdout.write(`${l}\n`);
  const signal = yield* untilStopped(watch);
  ctx.stdout.write(
    `1:signal-handler (${Math.floor(ctx.sys.now() / 1000)}) Received SIG${signal} scheduling shutdown...\n`,
  );
  for (const l of [
    "* User requested shutdown...",
    "* Saving the final RDB snapshot before exiting.",
    "* DB saved on disk",
    "# Redis is now ready to exit, bye bye...",
  ])
    ctx.stdout.write(`1:M ${t()} ${l}\n`);
  close();
  return 0;
}

/** A run id (40 hex digits) fixed by the host and start time: the seeded stand-in for redis's random one. */
function runIdFor(host: string, ms: number): string {
  let h = (ms / 1000) >>> 0;
  let out = "";
  for (let i = 0; out.length < 40; i++) {
    for (const c of host) h = Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0;
    h = Math.imul(h ^ i, 2246822519) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
}

/** Renders a RESP reply as redis-cli prints it without a terminal. */
export function renderReply(reply: string): string {
  const lines = reply.split("\r\n");
  const out: string[] = [];
  let i = 0;
  const one = () => {
    const l = lines[i++] ?? "";
    const body = l.slice(1);
    switch (l[0]) {
      case "+":
      case ":":
        out.push(body);
        break;
      case "-":
        out.push(body);
        break;
      case "$": {
        if (body === "-1") {
          out.push("");
          break;
        }
        // A bulk string may hold CRLFs (INFO): take its length's worth of lines.
        let text = lines[i++] ?? "";
        while (text.length < Number(body) && i < lines.length) text += `\r\n${lines[i++] ?? ""}`;
        out.push(text);
        break;
      }
      case "*":
        for (let k = 0; k < Number(body); k++) one();
        break;
    }
  };
  while (i < lines.length && lines[i] !== "") one();
  return out.map((l) => `${l}\n`).join("");
}

/** redis-cli's options: where it connects and the command words after them. */
function redisCliOptions(args: readonly string[]) {
  let host = "127.0.0.1";
  let port = 6379;
  let password: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-h") host = args[++i] ?? host;
    else if (a === "-p") port = Number(args[++i]);
    else if (a === "-a") password = args[++i];
    else rest.push(a);
  }
  return { host, port, password, rest };
}

/**
 * redis-cli at a terminal (`kubectl exec -it redis -- redis-cli`): the `127.0.0.1:6379> ` prompt,
 * each line a command whose reply shows as at a terminal; `quit` or `exit` ends it.
 */
export function redisCliInteractive(ctx: CommandContext): LineSession | number {
  const o = redisCliOptions(ctx.argv.slice(1));
  const conn = ctx.sys.network.connect(o.host, o.port);
  const prompt = `${o.host}:${o.port}> `;
  if (typeof conn === "string" || !conn.tcp) {
    // The prompt shows `not connected>` and each command reports the refused connection.
    return {
      prompt: () => "not connected> ",
      line(text, out) {
        if (/^\s*(quit|exit)\s*$/i.test(text)) return 0;
        if (text.trim()) out.write(`Could not connect to Redis at ${o.host}:${o.port}: Connection refused\n`);
        return undefined;
      },
    };
  }
  const auth = o.password ? encodeResp(["AUTH", o.password]) : "";
  return {
    prompt: () => prompt,
    line(text, out) {
      const words = text.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) return undefined;
      if (/^(quit|exit)$/i.test(words[0] as string)) return 0;
      const reply = conn.tcp?.(auth + encodeResp(words)) ?? "";
      const own = auth ? reply.slice(reply.indexOf("\r\n") + 2) : reply;
      out.write(rawOutput(words) ? renderReply(own) : renderReplyTTY(own));
      return undefined;
    },
  };
}

/** redis-cli: `[-h host] [-p port] [-a password] [command args...]`, commands from stdin when none. */
export const redisCli: Program = Object.assign(redisCliBatch, { interactive: redisCliInteractive });

function redisCliBatch(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  let host = "127.0.0.1";
  let port = 6379;
  let password: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-h") host = args[++i] ?? host;
    else if (a === "-p") port = Number(args[++i]);
    else if (a === "-a") password = args[++i];
    else if (a === "--version" || a === "-v") {
      ctx.stdout.write(`redis-cli ${ctx.env.REDIS_VERSION || "7.4.1"}\n`);
      return 0;
    } else rest.push(a);
  }
  const conn = ctx.sys.network.connect(host, port);
  if (typeof conn === "string") {
    const why = {
      refused: "Connection refused",
      unresolved: "Name or service not known",
      timeout: "Connection timed out",
    }[conn];
    ctx.stderr.write(`Could not connect to Redis at ${host}:${port}: ${why}\n`);
    return 1;
  }
  if (password)
    ctx.stderr.write(
      "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n",
    );
  const commands = rest.length
    ? [rest]
    : ctx.stdin
        .split("\n")
        .map((l) => l.trim().split(/\s+/).filter(Boolean))
        .filter((c) => c.length);
  const auth = password ? encodeResp(["AUTH", password]) : "";
  const reply = conn.tcp?.(auth + commands.map(encodeResp).join("")) ?? "";
  const replies = password ? reply.slice(reply.indexOf("\r\n") + 2) : reply;
  // At a terminal (`kubectl exec -it`) replies show quoted and numbered, as redis-cli's TTY output.
  const raw = commands.length === 1 && rawOutput(commands[0] as string[]);
  ctx.stdout.write(ctx.stdout.terminal && !raw ? renderReplyTTY(replies) : renderReply(replies));
  return 0;
}

/** redis-cli.c cliSendCommand: INFO (and a few others) print raw even at a terminal (output_raw). */
function rawOutput(words: readonly string[]): boolean {
  const cmd = (words[0] ?? "").toLowerCase();
  return cmd === "info" || cmd === "lolwut" || (cmd === "cluster" && /^(nodes|info)$/i.test(words[1] ?? ""));
}

/** The redis image's docker-entrypoint.sh: options or a .conf first run redis-server, then exec. */
export function* redisEntrypoint(ctx: CommandContext): Proc {
  let args = ctx.argv.slice(1);
  const first = args[0] ?? "";
  if (first.startsWith("-") || first.endsWith(".conf")) args = ["redis-server", ...args];
  if (args.length === 0) return 0;
  // `exec "$@"`: the process becomes the program (its comm and cmdline).
  ctx.sys.execve?.(args);
  return yield* ctx.exec(args);
}
