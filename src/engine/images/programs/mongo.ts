/**
 * mongod's command handler (ping, hello, buildInfo, listDatabases; the root user the image's
 * MONGO_INITDB_ROOT_USERNAME/PASSWORD create) and a small `mongosh --eval`: it evaluates
 * db.runCommand(...), db.adminCommand(...), db.version(), db.getName() and `show dbs`, and
 * prints results as mongosh does (Node's util.inspect).
 */
import type { CommandContext, FileSystem } from "../../sh/interface";

/** mongod's data directory. */
export const MONGO_DBPATH = "/data/db";
/** Where the root user is kept (a stand-in for admin.system.users). */
export const MONGO_USERS_FILE = "admin.system.users.json";
/** What this mongosh says of JavaScript it does not evaluate. */
export const MONGOSH_UNSUPPORTED =
  "mongosh (simulated): --eval here runs db.runCommand(...), db.adminCommand(...), db.version(), db.getName() and show dbs";

/** A request over the simulated connection: credentials and one command. */
interface MongoRequest {
  user?: string;
  password?: string;
  db: string;
  command: Record<string, unknown>;
}

type Doc = Record<string, unknown>;

const NO_AUTH_COMMANDS = ["ping", "hello", "ismaster", "buildinfo"];

/** Records the root user on the first start, as the image's entrypoint does with --auth. */
export function mongoInitialize(fs: FileSystem, dbpath: string, env: Readonly<Record<string, string>>): void {
  const file = `${dbpath}/${MONGO_USERS_FILE}`;
  if (fs.isFile(file) || !env.MONGO_INITDB_ROOT_USERNAME || !env.MONGO_INITDB_ROOT_PASSWORD) return;
  fs.mkdir(dbpath, true);
  fs.write(
    file,
    `${JSON.stringify([{ user: env.MONGO_INITDB_ROOT_USERNAME, pwd: env.MONGO_INITDB_ROOT_PASSWORD }])}\n`,
  );
}

/** mongod's handler: one JSON request in, the command's reply document out. */
export function mongoServer(fs: FileSystem, dbpath: string, version: string): (input: string) => string {
  const fail = (code: number, codeName: string, errmsg: string) => ({ ok: 0, errmsg, code, codeName });
  return (input) => {
    let req: MongoRequest;
    try {
      req = JSON.parse(input) as MongoRequest;
    } catch {
      return "";
    }
    let users: { user: string; pwd: string }[] = [];
    try {
      users = JSON.parse(fs.read(`${dbpath}/${MONGO_USERS_FILE}`));
    } catch {
      users = [];
    }
    const name = Object.keys(req.command)[0] ?? "";
    let reply: Doc;
    if (req.user !== undefined && !users.some((u) => u.user === req.user && u.pwd === req.password))
      reply = fail(18, "AuthenticationFailed", "Authentication failed.");
    else if (users.length && req.user === undefined && !NO_AUTH_COMMANDS.includes(name.toLowerCase()))
      reply = fail(13, "Unauthorized", `Command ${name} requires authentication`);
    else
      switch (name.toLowerCase()) {
        case "ping":
          reply = { ok: 1 };
          break;
        case "hello":
        case "ismaster":
          reply = {
            isWritablePrimary: true,
            maxBsonObjectSize: 16777216,
            maxMessageSizeBytes: 48000000,
            maxWriteBatchSize: 100000,
            minWireVersion: 0,
            maxWireVersion: 25,
            readOnly: false,
            ok: 1,
          };
          break;
        case "buildinfo":
          reply = { version, gitVersion: "0".repeat(40), bits: 64, maxBsonObjectSize: 16777216, ok: 1 };
          break;
        case "listdatabases":
          reply = {
            databases: ["admin", "config", "local"].map((n) => ({
              name: n,
              sizeOnDisk: 40960,
              empty: false,
            })),
            totalSize: 122880,
            totalSizeMb: 0,
            ok: 1,
          };
          break;
        default:
          reply = fail(59, "CommandNotFound", `no such command: '${name}'`);
      }
    return JSON.stringify(reply);
  };
}

/** A value as Node's util.inspect prints it (strings quoted when nested), breakLength 80. */
export function inspect(value: unknown, indent = 0, top = true): string {
  if (value === null) return "null";
  if (typeof value === "string")
    return top ? value : `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (typeof value !== "object") return String(value);
  const isArray = Array.isArray(value);
  const entries = isArray
    ? (value as unknown[]).map((v) => inspect(v, indent + 2, false))
    : Object.entries(value as Doc).map(
        ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inspect(v, indent + 2, false)}`,
      );
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (!entries.length) return `${open}${close}`;
  // util.inspect reduceToSingleString: one line when it fits in breakLength (80).
  const start = entries.length + indent + open.length + 10;
  const total = entries.reduce((n, e) => n + e.length, 0) + entries.length + start;
  if (total <= 80 && !entries.some((e) => e.includes("\n"))) return `${open} ${entries.join(", ")} ${close}`;
  const pad = `\n${" ".repeat(indent)}`;
  return `${open}${pad}  ${entries.join(`,${pad}  `)}${pad}${close}`;
}

/** Reads a JavaScript object literal as mongosh's scripts write them ({ping: 1}, {'a': 'b'}). */
function parseLiteral(text: string): unknown {
  const json = text
    .trim()
    .replace(/'([^'\\]*)'/g, (_, s: string) => JSON.stringify(s))
    .replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":')
    .replace(/,\s*([}\]])/g, "$1");
  return JSON.parse(json);
}

/** mongosh's options: the connection string or host, -u/-p, --eval, --quiet. */
interface MongoshOptions {
  host: string;
  port: number;
  db: string;
  user?: string;
  password?: string;
  evals: string[];
}

function parseMongoshArgs(args: string[]): MongoshOptions {
  const o: MongoshOptions = { host: "127.0.0.1", port: 27017, db: "test", evals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const [flag, inline] = a.startsWith("--")
      ? (a.split(/=(.*)/s) as [string, string | undefined])
      : [a, undefined];
    const value = () => inline ?? args[++i] ?? "";
    if (flag === "--eval") o.evals.push(value());
    else if (flag === "--host") o.host = value();
    else if (flag === "--port") o.port = Number(value());
    else if (flag === "-u" || flag === "--username") o.user = value();
    else if (flag === "-p" || flag === "--password") o.password = value();
    else if (flag === "--authenticationDatabase") value();
    else if (!a.startsWith("-")) {
      const uri = /^mongodb:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?,]+)(?::(\d+))?(?:\/([^?]*))?/.exec(a);
      if (uri) {
        if (uri[1]) o.user = decodeURIComponent(uri[1]);
        if (uri[2] !== undefined) o.password = decodeURIComponent(uri[2]);
        o.host = uri[3] as string;
        if (uri[4]) o.port = Number(uri[4]);
        if (uri[5]) o.db = uri[5];
      } else if (a.includes(":") || a.includes(".")) {
        const [h, p] = a.split(":");
        o.host = h || o.host;
        if (p) o.port = Number(p.split("/")[0]);
      } else o.db = a;
    }
  }
  return o;
}

/** `mongosh --eval EXPR` (it implies --quiet): prints the last expression's value. */
export function mongosh(ctx: CommandContext): number {
  const args = ctx.argv.slice(1);
  if (args.includes("--version")) {
    ctx.stdout.write("2.3.4\n");
    return 0;
  }
  const o = parseMongoshArgs(args);
  const conn = ctx.sys.network.connect(o.host === "localhost" ? "127.0.0.1" : o.host, o.port);
  if (typeof conn === "string") {
    const address = ctx.sys.network.resolve(o.host)?.addresses[0] ?? o.host;
    ctx.stderr.write(
      conn === "unresolved"
        ? `MongoNetworkError: getaddrinfo ENOTFOUND ${o.host}\n`
        : conn === "timeout"
          ? `MongoServerSelectionError: connection timed out\n`
          : `MongoNetworkError: connect ECONNREFUSED ${address}:${o.port}\n`,
    );
    return 1;
  }
  const send = (db: string, command: Doc): Doc => {
    const raw = conn.tcp?.(JSON.stringify({ user: o.user, password: o.password, db, command })) ?? "";
    return raw
      ? (JSON.parse(raw) as Doc)
      : { ok: 0, errmsg: "connection closed", code: 6, codeName: "HostUnreachable" };
  };
  const error = (r: Doc) => `MongoServerError${r.code === 18 ? "" : `[${r.codeName}]`}: ${r.errmsg}\n`;
  // Logging in: mongosh authenticates before it runs anything.
  if (o.user !== undefined) {
    const r = send("admin", { ping: 1 });
    if (r.ok !== 1) {
      ctx.stderr.write(error(r));
      return 1;
    }
  }
  const script = o.evals.join("\n");
  if (!script.trim()) return 0;
  let db = o.db;
  let last: unknown;
  for (const raw of script.split(/[;\n]/)) {
    const stmt = raw.trim();
    if (!stmt) continue;
    const printed = /^(?:printjson|print|console\.log)\((.*)\)$/s.exec(stmt);
    const expr = printed ? (printed[1] as string).trim() : stmt;
    let value: unknown;
    const call = /^db(?:\.getSiblingDB\(\s*['"]([^'"]+)['"]\s*\))?\.(runCommand|adminCommand)\((.*)\)$/s.exec(
      expr,
    );
    const use = /^use\s+(\S+)$/.exec(expr);
    if (call) {
      const target = call[2] === "adminCommand" ? "admin" : (call[1] ?? db);
      let command: Doc;
      try {
        const arg = parseLiteral(call[3] as string);
        command = typeof arg === "string" ? { [arg]: 1 } : (arg as Doc);
      } catch {
        ctx.stderr.write(`SyntaxError: Unexpected token\n`);
        return 1;
      }
      const r = send(target, command);
      if (r.ok !== 1) {
        ctx.stderr.write(error(r));
        return 1;
      }
      value = r;
    } else if (/^db\.version\(\)$/.test(expr)) value = ctx.env.MONGO_VERSION || "8.0.4";
    else if (/^db\.getName\(\)$/.test(expr) || expr === "db") value = db;
    else if (use) {
      db = use[1] as string;
      value = `switched to db ${db}`;
    } else if (/^show\s+(dbs|databases)$/.test(expr)) {
      const r = send("admin", { listDatabases: 1 });
      if (r.ok !== 1) {
        ctx.stderr.write(error(r));
        return 1;
      }
      const dbs = r.databases as { name: string }[];
      const width = Math.max(...dbs.map((d) => d.name.length));
      value = dbs.map((d) => `${d.name.padEnd(width)}  40.00 KiB`).join("\n");
    } else {
      ctx.stderr.write(`${MONGOSH_UNSUPPORTED}\n`);
      return 1;
    }
    if (printed) ctx.stdout.write(`${inspect(value)}\n`);
    last = printed ? undefined : value;
  }
  if (last !== undefined) ctx.stdout.write(`${inspect(last)}\n`);
  return 0;
}
