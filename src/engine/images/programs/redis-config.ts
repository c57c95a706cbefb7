/**
 * What redis-server takes from its configuration (redis.conf directives, then `--name value`
 * options, as config.c loadServerConfig reads them): the port, requirepass, maxmemory and its
 * policy, and replicaof. CONFIG GET and CONFIG SET answer from it; redis-cli's terminal replies
 * (redis-cli.c cliFormatReplyTTY) are here too. Used by "Configuring Redis using a ConfigMap"
 * and the guestbook's follower (`--replicaof redis-leader 6379`).
 */

/** A server's configuration, by directive name (lower case). */
export type RedisConfig = Map<string, string>;

/** The defaults CONFIG GET shows for what the simulator reads. */
const DEFAULTS: Record<string, string> = {
  port: "6379",
  maxmemory: "0",
  "maxmemory-policy": "noeviction",
  requirepass: "",
  replicaof: "",
  bind: "* -::*",
  "protected-mode": "yes",
  dir: "/data",
  appendonly: "no",
  save: "3600 1 300 100 60 10000",
};

/** The memory policies redis accepts (evict.c). */
const POLICIES = [
  "volatile-lru",
  "volatile-lfu",
  "volatile-random",
  "volatile-ttl",
  "allkeys-lru",
  "allkeys-lfu",
  "allkeys-random",
  "noeviction",
];

/** memtoull: `2mb` → 2097152, `1gb`, `100k` (1000), `5m`; undefined when not a memory amount. */
export function memToBytes(text: string): number | undefined {
  const m = /^(\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? "b").toLowerCase();
  const mul: Record<string, number> = {
    b: 1,
    k: 1e3,
    kb: 1024,
    m: 1e6,
    mb: 1024 ** 2,
    g: 1e9,
    gb: 1024 ** 3,
  };
  return Number(m[1]) * (mul[unit] as number);
}

/** Splits a redis.conf line into words (sdssplitargs: quotes group words). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/**
 * A directive's stored value, or an error as redis reports it (`Bad directive or wrong number of
 * arguments`, `argument must be a memory value`).
 */
function setDirective(config: RedisConfig, name: string, args: string[]): string | undefined {
  const key = name === "slaveof" ? "replicaof" : name;
  if (key === "maxmemory") {
    const bytes = memToBytes(args[0] ?? "");
    if (bytes === undefined || args.length !== 1) return "argument must be a memory value";
    config.set(key, String(bytes));
    return undefined;
  }
  if (key === "maxmemory-policy") {
    if (!POLICIES.includes(args[0] ?? ""))
      return "argument(s) must be one of the following: " + POLICIES.join(", ");
    config.set(key, args[0] as string);
    return undefined;
  }
  if (key === "replicaof") {
    if (args.length !== 2) return "Bad directive or wrong number of arguments";
    config.set(key, args[0]?.toLowerCase() === "no" ? "" : args.join(" "));
    return undefined;
  }
  config.set(key, args.join(" "));
  return undefined;
}

/**
 * The configuration of a command line: a config file's directives (text given), then the
 * `--name value...` options after it. An error is `*** FATAL CONFIG FILE ERROR` material: the
 * line and what is wrong with it.
 */
export function loadRedisConfig(
  fileText: string | undefined,
  options: readonly string[],
): { config: RedisConfig } | { error: { line: number; text: string; reason: string } } {
  const config: RedisConfig = new Map(Object.entries(DEFAULTS));
  const lines = (fileText ?? "").split("\n");
  // Options are appended to the file's text as more lines (`--maxmemory 2mb` → `maxmemory 2mb`).
  let current: string[] = [];
  for (const a of options) {
    if (a.startsWith("--")) {
      if (current.length) lines.push(current.join(" "));
      current = [a.slice(2)];
    } else current.push(a);
  }
  if (current.length) lines.push(current.join(" "));
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [name = "", ...args] = words(line);
    const reason = setDirective(config, name.toLowerCase(), args);
    if (reason) return { error: { line: i + 1, text: line, reason } };
  }
  return { config };
}

/** `CONFIG GET pattern` / `CONFIG SET name value` as RESP replies. */
export function configCommand(config: RedisConfig, args: readonly string[]): string {
  const sub = (args[0] ?? "").toUpperCase();
  if (sub === "GET") {
    if (args.length < 2) return "-ERR wrong number of arguments for 'config|get' command\r\n";
    const re = new RegExp(
      `^${(args[1] as string)
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
    const pairs = [...config.entries()].filter(([k]) => re.test(k)).flat();
    return `*${pairs.length}\r\n${pairs.map((v) => `$${v.length}\r\n${v}\r\n`).join("")}`;
  }
  if (sub === "SET") {
    if (args.length < 3) return "-ERR wrong number of arguments for 'config|set' command\r\n";
    const name = (args[1] as string).toLowerCase();
    if (!(name in DEFAULTS))
      return `-ERR Unknown option or number of arguments for CONFIG SET - '${args[1]}'\r\n`;
    const reason = setDirective(config, name, args.slice(2));
    if (reason) return `-ERR CONFIG SET failed (possibly related to argument '${args[1]}') - ${reason}\r\n`;
    return "+OK\r\n";
  }
  return `-ERR unknown subcommand '${args[0] ?? ""}'. Try CONFIG HELP.\r\n`;
}

/** Quotes a bulk string as redis-cli shows it at a terminal (sdscatrepr). */
function repr(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}

/** A RESP reply as redis-cli prints it at a terminal: `"v"`, `(integer) 1`, `(nil)`, `1) "a"`. */
export function renderReplyTTY(reply: string): string {
  const lines = reply.split("\r\n");
  let i = 0;
  const one = (indent: string): string => {
    const l = lines[i++] ?? "";
    const body = l.slice(1);
    switch (l[0]) {
      case "+":
        return `${body}\n`;
      case "-":
        return `(error) ${body}\n`;
      case ":":
        return `(integer) ${body}\n`;
      case "$":
        return body === "-1" ? "(nil)\n" : `${repr(lines[i++] ?? "")}\n`;
      case "*": {
        const n = Number(body);
        if (n <= 0) return n < 0 ? "(nil)\n" : "(empty array)\n";
        const width = String(n).length;
        let out = "";
        for (let k = 0; k < n; k++) {
          const prefix = `${String(k + 1).padStart(width)}) `;
          const item = one(indent + " ".repeat(prefix.length));
          out += `${k === 0 ? "" : indent}${prefix}${item}`;
        }
        return out;
      }
      default:
        return "";
    }
  };
  let out = "";
  while (i < lines.length && lines[i] !== "") out += one("");
  return out;
}
