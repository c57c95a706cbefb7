/**
 * PostgreSQL's server side (the roles and pg_hba.conf the entrypoint writes, the SQL session,
 * errors as the backend words them) and `psql` (aligned output as fe_utils/print.c draws it,
 * \l, \dt, \du, \c, \q; connection errors as libpq words them).
 */
import type { CommandContext, FileSystem, LineSession, Output, Proc, Program } from "../../sh/interface";
import type { Value } from "./sql/catalog";
import { dirCatalog } from "./sql/catalog";
import { execute, type Fault, type ResultColumn, type SqlDialect } from "./sql/engine";
import { exchange, type WireError, type WireReply, type WireRequest, wireHandler } from "./sql/wire";
import { forever } from "./util";

/** The postgres image's PGDATA. */
export const PGDATA_DEFAULT = "/var/lib/postgresql/data";
/** The roles file initdb and the entrypoint write (a stand-in for pg_authid). */
export const PG_ROLES_FILE = "global/pg_authid.json";
/** The server's local socket. */
export const PG_SOCKET = "/var/run/postgresql/.s.PGSQL.5432";

/** A role: the bootstrap superuser is POSTGRES_USER (postgres). */
export interface PgRole {
  name: string;
  password: string;
  superuser: boolean;
}

/** initdb and docker-entrypoint.sh's setup: databases, the superuser, pg_hba.conf. */
export function postgresInitialize(
  fs: FileSystem,
  pgdata: string,
  env: Readonly<Record<string, string>>,
): void {
  const user = env.POSTGRES_USER || "postgres";
  const db = env.POSTGRES_DB || user;
  for (const d of ["postgres", "template0", "template1", db]) fs.mkdir(`${pgdata}/base/${d}`, true);
  fs.mkdir(`${pgdata}/global`, true);
  const major = (env.PG_MAJOR || "17").split(".")[0] as string;
  fs.write(`${pgdata}/PG_VERSION`, `${major}\n`);
  const roles: PgRole[] = [{ name: user, password: env.POSTGRES_PASSWORD ?? "", superuser: true }];
  fs.write(`${pgdata}/${PG_ROLES_FILE}`, `${JSON.stringify(roles, null, 2)}\n`);
  const method = env.POSTGRES_HOST_AUTH_METHOD || "scram-sha-256";
  fs.write(
    `${pgdata}/pg_hba.conf`,
    [
      "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
      "",
      '# "local" is for Unix domain socket connections only',
      "local   all             all                                     trust",
      "# IPv4 local connections:",
      "host    all             all             127.0.0.1/32            trust",
      "# IPv6 local connections:",
      "host    all             all             ::1/128                 trust",
      "",
      `host all all all ${method}`,
      "",
    ].join("\n"),
  );
}

/** Whether PGDATA already holds a cluster (the entrypoint skips initialisation). */
export function postgresInitialized(fs: FileSystem, pgdata: string): boolean {
  return fs.isFile(`${pgdata}/PG_VERSION`);
}

/** The pg_hba.conf method for a client: `local` lines for the socket, else the first host line matching. */
export function hbaMethod(conf: string, from: string): string {
  for (const raw of conf.split("\n")) {
    const f = raw.replace(/#.*/, "").trim().split(/\s+/);
    if (f.length < 4) continue;
    if (from === "localhost" ? f[0] !== "local" : f[0] !== "host") continue;
    if (f[0] === "host") {
      const addr = f[3] as string;
      if (addr !== "all" && addr !== "0.0.0.0/0" && addr.split("/")[0] !== from) continue;
    }
    return f[f.length - 1] as string;
  }
  return "reject";
}

/** postgres's SQL flavour. */
export const PG_DIALECT: SqlDialect = {
  name: "postgres",
  identQuote: '"',
  mysqlStrings: false,
  foldsCase: true,
  caseInsensitiveText: false,
  headerOf: (_text, fn) => fn ?? "?column?",
};

const PG_TYPE_NAMES: Record<string, string> = {
  int: "integer",
  int4: "integer",
  serial: "integer",
  bigserial: "bigint",
  int8: "bigint",
  float: "double precision",
  double: "double precision",
  decimal: "numeric",
};

/** A fault as the postgres backend words it. */
export function postgresError(f: Fault): WireError {
  const e = (message: string, position?: number, detail?: string): WireError => ({
    message,
    position,
    detail,
  });
  switch (f.kind) {
    case "syntax":
      return f.atEnd
        ? e("syntax error at end of input", f.pos + 1)
        : e(`syntax error at or near "${f.token}"`, f.pos + 1);
    case "empty":
      return e("");
    case "noDatabase":
    case "unknownDatabase":
    case "dropUnknownDatabase":
      return e(`database "${"db" in f ? f.db : ""}" does not exist`);
    case "databaseExists":
      return e(`database "${f.db}" already exists`);
    case "dropOpenDatabase":
      return e("cannot drop the currently open database");
    case "accessDenied":
      return e(`permission denied for database ${f.db}`);
    case "unknownTable":
      return e(`relation "${f.table}" does not exist`, f.pos + 1);
    case "dropUnknownTable":
      return e(`table "${f.table}" does not exist`);
    case "tableExists":
      return e(`relation "${f.table}" already exists`);
    case "unknownColumn":
      return e(`column "${f.column}" does not exist`, f.pos + 1);
    case "insertUnknownColumn":
      return e(`column "${f.column}" of relation "${f.table}" does not exist`, f.pos + 1);
    case "columnCount":
      return e(
        f.values > f.targets
          ? "INSERT has more expressions than target columns"
          : "INSERT has more target columns than expressions",
      );
    case "badValue":
      return e(`invalid input syntax for type ${PG_TYPE_NAMES[f.type] ?? f.type}: "${f.value}"`);
    case "notNull":
    case "noDefault":
      return e(
        `null value in column "${f.column}" of relation "${"table" in f ? f.table : ""}" violates not-null constraint`,
      );
    case "duplicate":
      return e(
        `duplicate key value violates unique constraint "${f.table}_pkey"`,
        undefined,
        `Key (${f.column})=(${f.value}) already exists.`,
      );
    case "noTables":
      return e("SELECT * with no tables specified is not valid");
  }
}

/** The long version string `SELECT version()` returns. */
export function pgVersionString(version: string): string {
  return `PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`;
}

/** The postgres server's connection handler over PGDATA. */
export function postgresServer(fs: FileSystem, pgdata: string, version: string): (input: string) => string {
  const catalog = dirCatalog(fs, `${pgdata}/base`, { suffix: "", skip: ["PG_VERSION"] });
  return wireHandler((req: WireRequest): WireReply => {
    let roles: PgRole[] = [];
    let hba = "";
    try {
      roles = JSON.parse(fs.read(`${pgdata}/${PG_ROLES_FILE}`)) as PgRole[];
      hba = fs.read(`${pgdata}/pg_hba.conf`);
    } catch {
      roles = [];
    }
    const fatal = (message: string): WireReply => ({ error: { message, fatal: true } });
    const role = roles.find((r) => r.name === req.user);
    const method = hbaMethod(hba, req.from);
    if (method !== "trust") {
      if (req.password === undefined) return { error: { message: "", passwordRequired: true, fatal: true } };
      if (!role || role.password !== req.password)
        return fatal(`password authentication failed for user "${req.user}"`);
    }
    if (!role) return fatal(`role "${req.user}" does not exist`);
    const db = req.database ?? req.user;
    if (!catalog.hasDatabase(db)) return fatal(`database "${db}" does not exist`);
    const owner = roles.find((r) => r.superuser)?.name ?? "postgres";
    if (req.list === "databases")
      return {
        rows: {
          columns: [],
          rows: catalog.databases().map((d) => {
            const acl = d.startsWith("template") ? `=c/${owner}\n${owner}=CTc/${owner}` : "";
            return [d, owner, acl];
          }),
        },
        database: db,
      };
    if (req.list === "tables")
      return {
        rows: { columns: [], rows: catalog.tables(db).map((t) => ["public", t, "table", owner]) },
        database: db,
      };
    if (req.list === "roles")
      return {
        rows: { columns: [], rows: roles.map((r) => [r.name, r.superuser ? "superuser" : ""]) },
        database: db,
      };
    if (req.query === undefined) return { database: db };
    const session = {
      database: db as string | undefined,
      functions: {
        version: () => pgVersionString(version),
        current_database: () => db,
        current_user: () => req.user,
        user: () => req.user,
        session_user: () => req.user,
      },
    };
    const r = execute(req.query, PG_DIALECT, catalog, session);
    if (r.kind === "fault") {
      if (r.fault.kind === "empty") return { database: db };
      return { error: postgresError(r.fault), database: db };
    }
    if (r.kind === "rows") return { rows: { columns: r.columns, rows: r.rows }, database: db };
    return { done: { tag: r.tag, count: r.count }, database: db };
  });
}

/** Options for the printer (psql's \pset: -A unaligned, -t tuples only). */
export interface PrintOptions {
  aligned: boolean;
  tuplesOnly: boolean;
  title?: string;
  /** undefined: the default `(N rows)` footer; null: none (\du). */
  footer?: string | null;
}

/** A result as psql prints it (fe_utils/print.c print_aligned_text / print_unaligned_text). */
export function psqlTable(columns: ResultColumn[], rows: Value[][], opt: PrintOptions): string {
  const text = rows.map((r) => r.map((v) => (v === null ? "" : String(v))));
  const footer =
    opt.footer === null
      ? undefined
      : (opt.footer ?? `(${rows.length} ${rows.length === 1 ? "row" : "rows"})`);
  if (!opt.aligned) {
    const lines: string[] = [];
    if (!opt.tuplesOnly) {
      if (opt.title) lines.push(opt.title);
      lines.push(columns.map((c) => c.name).join("|"));
    }
    for (const r of text) lines.push(r.join("|"));
    if (!opt.tuplesOnly && footer) lines.push(footer);
    return lines.map((l) => `${l}\n`).join("");
  }
  const widths = columns.map((c, i) =>
    Math.max(
      opt.tuplesOnly ? 0 : c.name.length,
      ...text.flatMap((r) => (r[i] as string).split("\n").map((l) => l.length)),
    ),
  );
  const last = columns.length - 1;
  let out = "";
  if (!opt.tuplesOnly) {
    const total = widths.reduce((a, b) => a + b, 0) + columns.length * 3 - 1;
    if (opt.title)
      out += `${" ".repeat(Math.max(0, Math.floor((total - opt.title.length) / 2)))}${opt.title}\n`;
    out += ` ${columns
      .map((c, i) => {
        const w = widths[i] as number;
        const left = Math.floor((w - c.name.length) / 2);
        return " ".repeat(left) + c.name + " ".repeat(w - c.name.length - left);
      })
      .join(" | ")} \n`;
    out += `${widths.map((w) => "-".repeat(w + 2)).join("+")}\n`;
  }
  for (const r of text) {
    const cellLines = r.map((c) => c.split("\n"));
    const height = Math.max(1, ...cellLines.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      let line = " ";
      for (let i = 0; i <= last; i++) {
        const w = widths[i] as number;
        const v = cellLines[i]?.[k] ?? "";
        const more = k < (cellLines[i]?.length ?? 1) - 1;
        const cell = columns[i]?.numeric ? v.padStart(w) : v;
        if (i < last) line += `${cell.padEnd(w)}${more ? "+" : " "}| `;
        else line += more ? `${cell.padEnd(w)}+` : cell;
      }
      out += `${line}\n`;
    }
  }
  if (!opt.tuplesOnly && footer) out += `${footer}\n`;
  return `${out}\n`;
}

/** psql's options. */
interface PsqlOptions {
  host?: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  commands: string[];
  file?: string;
  aligned: boolean;
  tuplesOnly: boolean;
  onErrorStop: boolean;
}

/** Reads a postgresql:// URI's parts. */
function parseUri(uri: string, o: PsqlOptions): void {
  const m = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]*)(?::(\d+))?(?:\/([^?]*))?/.exec(uri);
  if (!m) return;
  if (m[1]) o.user = decodeURIComponent(m[1]);
  if (m[2] !== undefined) o.password = decodeURIComponent(m[2]);
  if (m[3]) o.host = m[3];
  if (m[4]) o.port = Number(m[4]);
  if (m[5]) o.database = decodeURIComponent(m[5]);
}

const PSQL_VALUE_FLAGS: Record<string, string> = {
  h: "host",
  p: "port",
  U: "username",
  d: "dbname",
  c: "command",
  f: "file",
  v: "set",
};

/** Reads psql's arguments (getopt: short flags bundle, the last may take a value). */
function parsePsqlArgs(ctx: CommandContext): PsqlOptions | string {
  const env = ctx.env;
  const o: PsqlOptions = {
    host: env.PGHOST || undefined,
    port: Number(env.PGPORT || 5432),
    user: env.PGUSER || ctx.sys.user().name,
    password: env.PGPASSWORD,
    database: env.PGDATABASE || undefined,
    commands: [],
    aligned: true,
    tuplesOnly: false,
    onErrorStop: false,
  };
  let userSet = false;
  const positional: string[] = [];
  const args = ctx.argv.slice(1);
  const set = (name: string, value: string) => {
    switch (name) {
      case "host":
        o.host = value;
        break;
      case "port":
        o.port = Number(value);
        break;
      case "username":
        o.user = value;
        userSet = true;
        break;
      case "dbname":
        if (/^postgres(ql)?:\/\//.test(value)) parseUri(value, o);
        else o.database = value;
        break;
      case "command":
        o.commands.push(value);
        break;
      case "file":
        o.file = value;
        break;
      case "set":
        if (/^ON_ERROR_STOP=(1|on|true)$/i.test(value)) o.onErrorStop = true;
        break;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      if (["host", "port", "username", "dbname", "command", "file", "set"].includes(name))
        set(name, inline ?? args[++i] ?? "");
      else if (name === "tuples-only") o.tuplesOnly = true;
      else if (name === "no-align") o.aligned = false;
      else if (!["no-psqlrc", "quiet", "no-password", "password", "echo-errors"].includes(name))
        return `psql: error: unrecognized option '${a}'`;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k] as string;
        const long = PSQL_VALUE_FLAGS[f];
        if (long) {
          set(long, k + 1 < a.length ? a.slice(k + 1) : (args[++i] ?? ""));
          break;
        }
        if (f === "t") o.tuplesOnly = true;
        else if (f === "A") o.aligned = false;
        else if (!"XqwWeEabn".includes(f)) return `psql: error: invalid option -- '${f}'`;
      }
      continue;
    }
    positional.push(a);
  }
  if (positional[0]) set("dbname", positional[0]);
  if (positional[1] && !userSet) o.user = positional[1];
  return o;
}

/**
 * \l's columns after Name, Owner and Encoding, and their values for a libc en_US.utf8 cluster, by
 * psql's major version (describe.c listAllDbs: 15 added the ICU locale and provider, 16 ICU
 * Rules, 17 renamed ICU Locale to Locale).
 */
export function listDatabasesColumns(major: number): [string, string][] {
  const collate: [string, string][] = [
    ["Collate", "en_US.utf8"],
    ["Ctype", "en_US.utf8"],
  ];
  if (major <= 14) return collate;
  if (major === 15) return [...collate, ["ICU Locale", ""], ["Locale Provider", "libc"]];
  const icu: [string, string] = major === 16 ? ["ICU Locale", ""] : ["Locale", ""];
  return [["Locale Provider", "libc"], ...collate, icu, ["ICU Rules", ""]];
}

/** \dt's title and its message for an empty schema (psql 18 names tables rather than relations). */
export function listTablesWords(major: number): { title: string; none: string } {
  return major >= 18
    ? { title: "List of tables", none: "Did not find any tables." }
    : { title: "List of relations", none: "Did not find any relations." };
}

/** `psql`: -h -p -U -d -c -f -t -A, a connection URI, statements and meta-commands from stdin. */
/** A psql connection: runs a statement or meta-command (false on an error, "quit" for \\q) writing to io. */
interface PsqlConnection {
  o: PsqlOptions;
  version: string;
  io: { out: Output; err: Output };
  run(input: string, prefix: string): boolean | "quit";
  session: { user: string; database: string };
  superuser(): boolean;
}

/** Reads psql's options, connects and logs in; a status (its error written) if it cannot. */
function psqlConnect(ctx: CommandContext): PsqlConnection | number {
  const version = (ctx.env.PG_VERSION || "17.2").split("-")[0] as string;
  const major = Number.parseInt(version, 10);
  if (ctx.argv.includes("--version") || ctx.argv.includes("-V")) {
    ctx.stdout.write(`psql (PostgreSQL) ${version} (Debian ${version}-1.pgdg120+1)\n`);
    return 0;
  }
  const o = parsePsqlArgs(ctx);
  if (typeof o === "string") {
    ctx.stderr.write(`${o}\npsql: hint: Try "psql --help" for more information.\n`);
    return 1;
  }
  const socket = o.host === undefined || o.host.startsWith("/");
  const host = o.host ?? "";
  const conn = ctx.sys.network.connect(socket ? "127.0.0.1" : host, o.port);
  const resolved = socket ? undefined : ctx.sys.network.resolve(host)?.addresses[0];
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const where = socket
    ? `connection to server on socket "${PG_SOCKET.replace("5432", String(o.port))}" failed`
    : isIp
      ? `connection to server at "${host}", port ${o.port} failed`
      : `connection to server at "${host}" (${resolved ?? host}), port ${o.port} failed`;
  if (typeof conn === "string") {
    if (socket)
      ctx.stderr.write(
        `psql: error: ${where}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n`,
      );
    else if (conn === "unresolved")
      ctx.stderr.write(
        `psql: error: could not translate host name "${host}" to address: Name or service not known\n`,
      );
    else {
      const why = conn === "timeout" ? "Connection timed out" : "Connection refused";
      const hint = "\tIs the server running on that host and accepting TCP/IP connections?";
      const v6 =
        host === "localhost"
          ? `connection to server at "localhost" (::1), port ${o.port} failed: ${why}\n${hint}\n`
          : "";
      ctx.stderr.write(`psql: error: ${v6}${where}: ${why}\n${hint}\n`);
    }
    return 2;
  }
  const loopback = host === "localhost" || host === "127.0.0.1";
  const self = ctx.sys.network.resolve(ctx.sys.hostname())?.addresses[0] ?? "127.0.0.1";
  const session = {
    user: o.user,
    password: o.password,
    from: socket ? "localhost" : loopback ? "127.0.0.1" : self,
    database: o.database ?? o.user,
  };
  const login = exchange(conn, session);
  if (!login) {
    ctx.stderr.write(`psql: error: ${where}: server closed the connection unexpectedly\n`);
    return 2;
  }
  if (login.error) {
    const why = login.error.passwordRequired
      ? "fe_sendauth: no password supplied"
      : `FATAL:  ${login.error.message}`;
    ctx.stderr.write(`psql: error: ${where}: ${why}\n`);
    return 2;
  }
  const io = { out: ctx.stdout, err: ctx.stderr };
  const print = { aligned: o.aligned, tuplesOnly: o.tuplesOnly };
  /** Runs a statement or meta-command; prefix locates errors (`psql:<stdin>:3: `). Returns false on an error. */
  const run = (input: string, prefix: string): boolean | "quit" => {
    const trimmed = input.trim();
    if (trimmed.startsWith("\\")) return meta(trimmed, prefix);
    const reply = exchange(conn, { ...session, query: trimmed });
    if (!reply) return false;
    if (reply.error) {
      const e = reply.error;
      let text = `${prefix}ERROR:  ${e.message}\n`;
      if (e.position !== undefined) {
        const before = trimmed.slice(0, e.position - 1);
        const lineNo = (before.match(/\n/g)?.length ?? 0) + 1;
        const lineStart = before.lastIndexOf("\n") + 1;
        const lineText = trimmed.slice(lineStart).split("\n")[0] as string;
        const label = `LINE ${lineNo}: `;
        text += `${label}${lineText}\n${" ".repeat(label.length + e.position - 1 - lineStart)}^\n`;
      }
      if (e.detail) text += `DETAIL:  ${e.detail}\n`;
      io.err.write(text);
      return false;
    }
    if (reply.rows) io.out.write(psqlTable(reply.rows.columns, reply.rows.rows, print));
    else if (reply.done) {
      const { tag, count } = reply.done;
      io.out.write(
        `${tag === "INSERT" ? `INSERT 0 ${count}` : tag === "DELETE" || tag === "UPDATE" ? `${tag} ${count}` : tag}\n`,
      );
    }
    return true;
  };
  const meta = (line: string, prefix: string): boolean | "quit" => {
    const [cmd = "", ...rest] = line.split(/\s+/);
    const str = (v: string) => ({ name: v, numeric: false });
    if (cmd === "\\q") return "quit";
    if (cmd === "\\l" || cmd === "\\list" || cmd === "\\l+") {
      const reply = exchange(conn, { ...session, list: "databases" });
      const extra = listDatabasesColumns(major);
      const rows = (reply?.rows?.rows ?? []).map(([name, owner, acl]) => [
        name ?? null,
        owner ?? null,
        "UTF8",
        ...extra.map(([, v]) => v),
        acl ?? null,
      ]);
      const names = ["Name", "Owner", "Encoding", ...extra.map(([n]) => n), "Access privileges"];
      io.out.write(
        psqlTable(names.map(str), rows, {
          ...print,
          title: "List of databases",
        }),
      );
      return true;
    }
    if (cmd === "\\dt" || cmd === "\\dt+" || cmd === "\\d") {
      const reply = exchange(conn, { ...session, list: "tables" });
      const rows = reply?.rows?.rows ?? [];
      const words = listTablesWords(major);
      if (!rows.length) {
        io.err.write(`${prefix}${words.none}\n`);
        return true;
      }
      io.out.write(
        psqlTable(["Schema", "Name", "Type", "Owner"].map(str), rows, {
          ...print,
          title: words.title,
        }),
      );
      return true;
    }
    if (cmd === "\\du" || cmd === "\\dg") {
      const reply = exchange(conn, { ...session, list: "roles" });
      // psql 16 dropped the "Member of" column (describe.c describeRoles).
      const memberOf = major < 16;
      const rows = (reply?.rows?.rows ?? []).map(([name, su]) => [
        name ?? null,
        su ? "Superuser, Create role, Create DB, Replication, Bypass RLS" : "",
        ...(memberOf ? ["{}"] : []),
      ]);
      const names = ["Role name", "Attributes", ...(memberOf ? ["Member of"] : [])];
      io.out.write(
        psqlTable(names.map(str), rows, {
          ...print,
          title: "List of roles",
          footer: null,
        }),
      );
      return true;
    }
    if (cmd === "\\c" || cmd === "\\connect") {
      const db = rest[0] && rest[0] !== "-" ? rest[0] : session.database;
      const user = rest[1] && rest[1] !== "-" ? rest[1] : session.user;
      const reply = exchange(conn, { ...session, database: db, user });
      if (!reply || reply.error) {
        const why = reply?.error?.passwordRequired
          ? "fe_sendauth: no password supplied"
          : `FATAL:  ${reply?.error?.message ?? ""}`;
        io.err.write(`${prefix}${where}: ${why}\nPrevious connection kept\n`);
        return false;
      }
      session.database = db;
      session.user = user;
      io.out.write(`You are now connected to database "${db}" as user "${user}".\n`);
      return true;
    }
    io.err.write(`${prefix}invalid command ${cmd}\nTry \\? for help.\n`);
    return false;
  };
  const superuser = () => {
    const reply = exchange(conn, { ...session, list: "roles" });
    return (reply?.rows?.rows ?? []).some(([name, su]) => name === session.user && !!su);
  };
  return { o, version, io, run, session, superuser };
}

/** `psql`: -h -p -U -d -c -f -t -A, a connection URI, statements and meta-commands from stdin. */
export const psql: Program = Object.assign(
  (ctx: CommandContext): number | Proc => {
    const waits =
      !ctx.stdin && ctx.stdinOpen && !ctx.argv.some((a) => /^(-[A-Za-z]*[cf]|--command|--file)/.test(a));
    // A container's main process with an open stdin (`kubectl run -it`) waits for its terminal.
    if (waits && !ctx.argv.includes("--version") && !ctx.argv.includes("-V")) return forever();
    const c = psqlConnect(ctx);
    if (typeof c === "number") return c;
    const { o, run } = c;
    if (o.commands.length) {
      for (const c of o.commands) {
        const r = run(c, "");
        if (r === "quit") return 0;
        if (!r) return 1;
      }
      return 0;
    }
    let script = ctx.stdin;
    let name = "<stdin>";
    if (o.file && o.file !== "-") {
      try {
        script = ctx.fs.read(o.file.startsWith("/") ? o.file : `${ctx.cwd}/${o.file}`);
        name = o.file;
      } catch {
        ctx.stderr.write(`psql: error: ${o.file}: No such file or directory\n`);
        return 1;
      }
    }
    for (const { text, line } of psqlScript(script)) {
      const r = run(text, `psql:${name}:${line}: `);
      if (r === "quit") return 0;
      if (!r && o.onErrorStop) return 3;
    }
    return 0;
  },
  { interactive: psqlInteractive },
);

/** psql at a terminal: its greeting, `db=#` prompts, statements run when their `;` comes. */
export function psqlInteractive(ctx: CommandContext): LineSession | number {
  const c = psqlConnect(ctx);
  if (typeof c === "number") return c;
  if (c.o.commands.length || c.o.file) return 0;
  ctx.stdout.write(`psql (${c.version} (Debian ${c.version}-1.pgdg120+1))\nType "help" for help.\n\n`);
  const sign = c.superuser() ? "#" : ">";
  let pending = "";
  return {
    prompt: () => `${c.session.database}${pending.trim() ? "-" : "="}${sign} `,
    line(text, out, err) {
      c.io.out = out;
      c.io.err = err;
      pending += `${text}\n`;
      const pieces = psqlScript(pending);
      const complete =
        /;\s*$/.test(pending) || pending.trim().startsWith("\\") ? pieces : pieces.slice(0, -1);
      pending = complete.length === pieces.length ? "" : pending;
      for (const p of complete) if (c.run(p.text, "") === "quit") return 0;
      return undefined;
    },
  };
}

/**
 * Cuts a psql script into statements and meta-commands (a line starting with a backslash when no
 * statement is pending), each with the line psql reports errors at (where the statement ends).
 */
export function psqlScript(input: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let buf = "";
  let quote = "";
  const lines = input.split("\n");
  lines.forEach((raw, n) => {
    if (!buf.trim() && raw.trim().startsWith("\\")) {
      out.push({ text: raw.trim(), line: n + 1 });
      return;
    }
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "-" && raw[i + 1] === "-") break;
      else if (c === ";") {
        buf += raw.slice(0, i + 1);
        if (buf.trim() !== ";") out.push({ text: buf.trim(), line: n + 1 });
        buf = "";
        raw = raw.slice(i + 1);
        i = -1;
      }
    }
    buf += `${raw}\n`;
  });
  if (buf.trim() && !buf.trim().startsWith("--")) out.push({ text: buf.trim(), line: lines.length });
  return out;
}
