/**
 * MySQL's server side (accounts the entrypoint creates, the SQL session, errors as mysqld words
 * them) and the `mysql` command-line client (batch output as it prints without a terminal).
 * Messages: mysql-server share/messages_to_clients.txt and client/mysql.cc.
 */
import type { CommandContext, FileSystem, LineSession, Proc, Program } from "../../sh/interface";
import { dirCatalog } from "./sql/catalog";
import { execute, type Fault, type ResultColumn, type SqlDialect } from "./sql/engine";
import { splitStatements } from "./sql/lexer";
import { exchange, type WireError, type WireReply, type WireRequest, wireHandler } from "./sql/wire";
import { forever } from "./util";

/** Where mysqld keeps its data unless --datadir says otherwise. */
export const MYSQL_DATADIR = "/var/lib/mysql";
/** The accounts file the entrypoint writes (a stand-in for the mysql.user table). */
export const MYSQL_USERS_FILE = "mysql/user.json";
/** mysqld's local socket. */
export const MYSQL_SOCKET = "/var/run/mysqld/mysqld.sock";
/** The warning the client prints when a password is given on its command line. */
export const MYSQL_PASSWORD_WARNING =
  "mysql: [Warning] Using a password on the command line interface can be insecure.";

/** An account: root is 'root'@'%' with every database; MYSQL_USER gets MYSQL_DATABASE. */
export interface MysqlAccount {
  user: string;
  host: string;
  /** null: no password login works (MYSQL_RANDOM_ROOT_PASSWORD, whose value we do not keep). */
  password: string | null;
  /** The databases granted; undefined: all. */
  databases?: string[];
}

const SYSTEM_DATABASES = ["mysql", "performance_schema", "sys"];

/**
 * The first start's initialisation (docker-entrypoint.sh docker_init_database_dir and
 * docker_setup_db): system databases, the accounts, MYSQL_DATABASE.
 */
export function mysqlInitialize(
  fs: FileSystem,
  datadir: string,
  env: Readonly<Record<string, string>>,
): void {
  for (const db of SYSTEM_DATABASES) fs.mkdir(`${datadir}/${db}`, true);
  const accounts: MysqlAccount[] = [
    {
      user: "root",
      host: "%",
      password: env.MYSQL_RANDOM_ROOT_PASSWORD ? null : (env.MYSQL_ROOT_PASSWORD ?? ""),
    },
  ];
  if (env.MYSQL_DATABASE) fs.mkdir(`${datadir}/${env.MYSQL_DATABASE}`, true);
  if (env.MYSQL_USER && env.MYSQL_PASSWORD && env.MYSQL_USER !== "root")
    accounts.push({
      user: env.MYSQL_USER,
      host: "%",
      password: env.MYSQL_PASSWORD,
      databases: env.MYSQL_DATABASE ? [env.MYSQL_DATABASE] : [],
    });
  fs.write(`${datadir}/${MYSQL_USERS_FILE}`, `${JSON.stringify(accounts, null, 2)}\n`);
}

/** Whether a data directory already holds a database (the entrypoint skips initialisation). */
export function mysqlInitialized(fs: FileSystem, datadir: string): boolean {
  return fs.isDir(`${datadir}/mysql`);
}

/** mysqld's SQL flavour. */
export const MYSQL_DIALECT: SqlDialect = {
  name: "mysql",
  identQuote: "`",
  mysqlStrings: true,
  foldsCase: false,
  caseInsensitiveText: true,
  headerOf: (text) => text,
};

const lineOf = (sql: string, pos: number) => (sql.slice(0, pos).match(/\n/g)?.length ?? 0) + 1;

/** A fault as mysqld words it (messages_to_clients.txt). */
export function mysqlError(f: Fault, sql: string, user: string): WireError {
  const e = (code: number, state: string, message: string): WireError => ({ code, state, message });
  switch (f.kind) {
    case "syntax":
      return e(
        1064,
        "42000",
        `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${f.near.slice(0, 80)}' at line ${lineOf(sql, f.pos)}`,
      );
    case "empty":
      return e(1065, "42000", "Query was empty");
    case "noDatabase":
      return e(1046, "3D000", "No database selected");
    case "unknownDatabase":
      return e(1049, "42000", `Unknown database '${f.db}'`);
    case "dropUnknownDatabase":
      return e(1008, "HY000", `Can't drop database '${f.db}'; database doesn't exist`);
    case "databaseExists":
      return e(1007, "HY000", `Can't create database '${f.db}'; database exists`);
    case "accessDenied":
    case "dropOpenDatabase":
      return e(1044, "42000", `Access denied for user '${user}'@'%' to database '${f.db}'`);
    case "unknownTable":
      return e(1146, "42S02", `Table '${f.db}.${f.table}' doesn't exist`);
    case "dropUnknownTable":
      return e(1051, "42S02", `Unknown table '${f.db}.${f.table}'`);
    case "tableExists":
      return e(1050, "42S01", `Table '${f.table}' already exists`);
    case "unknownColumn":
    case "insertUnknownColumn":
      return e(1054, "42S22", `Unknown column '${f.column}' in '${"clause" in f ? f.clause : "field list"}'`);
    case "columnCount":
      return e(1136, "21S01", `Column count doesn't match value count at row ${f.row}`);
    case "badValue": {
      const kind = /int|serial/.test(f.type)
        ? "integer"
        : f.type === "decimal" || f.type === "numeric"
          ? "decimal"
          : "double";
      return e(
        1366,
        "HY000",
        `Incorrect ${kind} value: '${f.value}' for column '${f.column}' at row ${f.row}`,
      );
    }
    case "notNull":
      return e(1048, "23000", `Column '${f.column}' cannot be null`);
    case "noDefault":
      return e(1364, "HY000", `Field '${f.column}' doesn't have a default value`);
    case "duplicate":
      return e(1062, "23000", `Duplicate entry '${f.value}' for key '${f.table}.PRIMARY'`);
    case "noTables":
      return e(1096, "HY000", "No tables used");
  }
}

/** mysqld's connection handler over its data directory: logs a client in and runs its statement. */
export function mysqlServer(fs: FileSystem, datadir: string, version: string): (input: string) => string {
  const catalog = dirCatalog(fs, datadir, { suffix: ".ibd", hidden: [] });
  return wireHandler((req: WireRequest): WireReply => {
    let accounts: MysqlAccount[] = [];
    try {
      accounts = JSON.parse(fs.read(`${datadir}/${MYSQL_USERS_FILE}`)) as MysqlAccount[];
    } catch {
      accounts = [];
    }
    const account = accounts.find((a) => a.user === req.user);
    const given = req.password ?? "";
    if (!account || account.password === null || account.password !== given)
      return {
        error: {
          code: 1045,
          state: "28000",
          message: `Access denied for user '${req.user}'@'${req.from}' (using password: ${req.password ? "YES" : "NO"})`,
          fatal: true,
        },
      };
    const allowed = account.databases
      ? (db: string) =>
          ["information_schema", "performance_schema"].includes(db) || !!account.databases?.includes(db)
      : undefined;
    const session = {
      database: undefined as string | undefined,
      allowed,
      functions: {
        version: () => version,
        database: () => session.database ?? null,
        schema: () => session.database ?? null,
        user: () => `${req.user}@${req.from}`,
        current_user: () => `${req.user}@${account.host}`,
      },
    };
    if (req.database) {
      if (allowed && !allowed(req.database))
        return {
          error: {
            code: 1044,
            state: "42000",
            message: `Access denied for user '${req.user}'@'${account.host}' to database '${req.database}'`,
            fatal: true,
          },
        };
      if (!catalog.hasDatabase(req.database))
        return {
          error: { code: 1049, state: "42000", message: `Unknown database '${req.database}'`, fatal: true },
        };
      session.database = req.database;
    }
    if (req.query === undefined) return { database: session.database };
    const r = execute(req.query, MYSQL_DIALECT, catalog, session);
    if (r.kind === "fault")
      return { error: mysqlError(r.fault, req.query, req.user), database: session.database };
    if (r.kind === "rows") return { rows: { columns: r.columns, rows: r.rows }, database: session.database };
    return { done: { tag: r.tag, count: r.count, matched: r.matched }, database: session.database };
  });
}

/** The client's options. */
interface MysqlOptions {
  host: string;
  port: number;
  user: string;
  password?: string;
  prompt: boolean;
  database?: string;
  execute?: string;
  columnNames: boolean;
  table: boolean;
  force: boolean;
}

const LONG_VALUE = new Set(["host", "port", "user", "password", "database", "execute", "protocol", "socket"]);

/** Reads mysql's options: short options take their value attached or as the next word (but -p only attached). */
function parseMysqlArgs(
  args: string[],
  env: Readonly<Record<string, string>>,
  login: string,
): MysqlOptions | string {
  const o: MysqlOptions = {
    host: env.MYSQL_HOST || "localhost",
    port: Number(env.MYSQL_TCP_PORT || 3306),
    user: env.USER || login,
    password: env.MYSQL_PWD,
    prompt: false,
    columnNames: true,
    table: false,
    force: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    let name: string;
    let value: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      value = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (value === undefined && LONG_VALUE.has(name) && name !== "password") value = args[++i];
    } else if (a.startsWith("-") && a.length > 1) {
      const flag = a[1] as string;
      const long: Record<string, string> = {
        h: "host",
        P: "port",
        u: "user",
        p: "password",
        D: "database",
        e: "execute",
        N: "skip-column-names",
        s: "silent",
        t: "table",
        B: "batch",
        f: "force",
        V: "version",
        S: "socket",
      };
      name = long[flag] ?? flag;
      value = a.length > 2 ? a.slice(2) : undefined;
      if (value === undefined && "hPuDeS".includes(flag)) value = args[++i];
    } else {
      positional.push(a);
      continue;
    }
    switch (name) {
      case "host":
        o.host = value ?? o.host;
        break;
      case "port":
        o.port = Number(value);
        break;
      case "user":
        o.user = value ?? o.user;
        break;
      case "password":
        if (value === undefined) o.prompt = true;
        else o.password = value;
        break;
      case "database":
        o.database = value;
        break;
      case "execute":
        o.execute = value ?? "";
        break;
      case "skip-column-names":
      case "silent":
        o.columnNames = false;
        break;
      case "table":
        o.table = true;
        break;
      case "force":
        o.force = true;
        break;
      case "batch":
      case "protocol":
      case "socket":
      case "verbose":
        break;
      default:
        return `mysql: [ERROR] unknown option '${a.startsWith("--") ? a.split("=")[0] : `-${a[1]}`}'.`;
    }
  }
  if (positional[0]) o.database ??= positional[0];
  return o;
}

/** A value as the client prints it in batch mode: NULL spelled out, tabs and newlines escaped. */
function batchValue(v: string | number | null): string {
  if (v === null) return "NULL";
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\0/g, "\\0");
}

/** A result set as `mysql -t` (or a terminal) draws it. */
export function mysqlTable(columns: ResultColumn[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null ? "NULL" : String(v))));
  // print_table_data: the name or the longest value, and room for "NULL" in a nullable column.
  const widths = columns.map((c, i) =>
    Math.max(c.name.length, c.nullable ? 4 : 0, ...cells.map((r) => (r[i] as string).length)),
  );
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+\n`;
  const line = (vals: string[], align: boolean) =>
    `|${vals
      .map((v, i) => {
        const w = widths[i] as number;
        return ` ${align && columns[i]?.numeric ? v.padStart(w) : v.padEnd(w)} `;
      })
      .join("|")}|\n`;
  return (
    rule +
    line(
      columns.map((c) => c.name),
      false,
    ) +
    rule +
    cells.map((r) => line(r, true)).join("") +
    (cells.length ? rule : "")
  );
}

/** A logged-in client connection: sends statements with the session's current database. */
interface MysqlConnection {
  run(query: string): WireReply | undefined;
  database(): string | undefined;
}

/** Connects and logs in as the client does, writing its warning and errors; a status on failure. */
function mysqlConnect(ctx: CommandContext, o: MysqlOptions, warn: boolean): MysqlConnection | number {
  if (warn) ctx.stderr.write(`${MYSQL_PASSWORD_WARNING}\n`);
  const socket = o.host === "localhost";
  const conn = ctx.sys.network.connect(socket ? "127.0.0.1" : o.host, o.port);
  if (typeof conn === "string") {
    ctx.stderr.write(
      socket
        ? `ERROR 2002 (HY000): Can't connect to local MySQL server through socket '${MYSQL_SOCKET}' (2)\n`
        : conn === "unresolved"
          ? `ERROR 2005 (HY000): Unknown MySQL server host '${o.host}' (-2)\n`
          : `ERROR 2003 (HY000): Can't connect to MySQL server on '${o.host}:${o.port}' (${conn === "timeout" ? 110 : 111})\n`,
    );
    return 1;
  }
  const self = ctx.sys.network.resolve(ctx.sys.hostname())?.addresses[0] ?? "127.0.0.1";
  const base = { user: o.user, password: o.password || undefined, from: socket ? "localhost" : self };
  const login = exchange(conn, { ...base, database: o.database });
  if (!login) {
    ctx.stderr.write(
      `ERROR 2013 (HY000): Lost connection to MySQL server at 'reading initial communication packet', system error: 0\n`,
    );
    return 1;
  }
  if (login.error) {
    ctx.stderr.write(`ERROR ${login.error.code} (${login.error.state}): ${login.error.message}\n`);
    return 1;
  }
  let database = login.database;
  return {
    run(query) {
      const reply = exchange(conn, { ...base, database, query });
      if (reply) database = reply.database;
      return reply;
    },
    database: () => database,
  };
}

/** Reads the options and the password (from stdin's first line after `-p` alone); a status on error. */
function mysqlSetup(
  ctx: CommandContext,
  terminal = false,
): { o: MysqlOptions; stdin: string; warn: boolean } | number {
  const args = ctx.argv.slice(1);
  if (args.includes("--version") || args.includes("-V")) {
    const version = (ctx.env.MYSQL_VERSION || "9.1.0").split("-")[0];
    ctx.stdout.write(`mysql  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
    return 0;
  }
  const o = parseMysqlArgs(args, ctx.env, ctx.sys.user().name);
  if (typeof o === "string") {
    ctx.stderr.write(`${o}\n`);
    return 1;
  }
  let stdin = ctx.stdin;
  if (o.prompt && !terminal) {
    // Without a terminal, mysql reads the password from its standard input's first line.
    ctx.stdout.write("Enter password: ");
    const nl = stdin.indexOf("\n");
    o.password = nl >= 0 ? stdin.slice(0, nl) : stdin;
    stdin = nl >= 0 ? stdin.slice(nl + 1) : "";
  }
  const warn =
    !o.prompt &&
    o.password !== undefined &&
    args.some((a) => a.startsWith("-p") || a.startsWith("--password"));
  return { o, stdin, warn };
}

/** The `mysql` client: connects (socket for localhost, TCP otherwise), runs -e's statements or stdin's, batch output. */
export const mysqlClient: Program = Object.assign(
  (ctx: CommandContext): number | Proc => {
    const setup = mysqlSetup(ctx);
    if (typeof setup === "number") return setup;
    const { o, stdin, warn } = setup;
    // A container's main process with an open stdin and nothing on it yet (`kubectl run -it`)
    // waits for its terminal, as the monitor waits at its prompt.
    if (o.execute === undefined && !stdin && ctx.stdinOpen) return forever();
    const c = mysqlConnect(ctx, o, warn);
    if (typeof c === "number") return c;
    let status = 0;
    for (const st of splitStatements(o.execute ?? stdin)) {
      const reply = c.run(st.text);
      if (!reply) return 1;
      if (reply.error) {
        const e = reply.error;
        ctx.stderr.write(`ERROR ${e.code} (${e.state}) at line ${st.line}: ${e.message}\n`);
        status = 1;
        if (!o.force) return 1;
        continue;
      }
      if (!reply.rows) continue;
      const { columns, rows } = reply.rows;
      if (o.table) {
        if (rows.length) ctx.stdout.write(mysqlTable(columns, rows));
        continue;
      }
      // Batch mode prints nothing for an empty result set, not even the header.
      if (!rows.length) continue;
      let out = o.columnNames ? `${columns.map((c) => c.name).join("\t")}\n` : "";
      for (const r of rows) out += `${r.map(batchValue).join("\t")}\n`;
      ctx.stdout.write(out);
    }
    return status;
  },
  { interactive: mysqlMonitor },
);

/** The monitor's greeting (client/mysql.cc main, with the server's version). */
function mysqlGreeting(version: string, id: number): string {
  return `Welcome to the MySQL monitor.  Commands end with ; or \\g.
Your MySQL connection id is ${id}
Server version: ${version} MySQL Community Server - GPL

Copyright (c) 2000, 2024, Oracle and/or its affiliates.

Oracle is a registered trademark of Oracle Corporation and/or its
affiliates. Other names may be trademarks of their respective
owners.

Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.

`;
}

const rowsWord = (n: number) => `${n} ${n === 1 ? "row" : "rows"}`;

/** What the monitor prints after a statement (mysql.cc com_go), times shown as 0.00 sec. */
function monitorOutput(reply: WireReply): string {
  if (reply.rows) {
    const { columns, rows } = reply.rows;
    if (!rows.length) return "Empty set (0.00 sec)\n\n";
    return `${mysqlTable(columns, rows)}${rowsWord(rows.length)} in set (0.00 sec)\n\n`;
  }
  const done = reply.done;
  if (!done) return "";
  if (done.tag === "USE") return "Database changed\n";
  const records =
    done.tag === "INSERT" && done.count > 1
      ? `Records: ${done.count}  Duplicates: 0  Warnings: 0\n`
      : done.tag === "UPDATE"
        ? `Rows matched: ${done.matched ?? done.count}  Changed: ${done.count}  Warnings: 0\n`
        : "";
  return `Query OK, ${rowsWord(done.count)} affected (0.00 sec)\n${records}\n`;
}

/** The interactive monitor (`kubectl exec -it POD -- mysql -p...`): `mysql> ` prompts, table output. */
export function mysqlMonitor(ctx: CommandContext): LineSession | number {
  const setup = mysqlSetup(ctx, true);
  if (typeof setup === "number") return setup;
  const { o } = setup;
  if (o.execute !== undefined) return 0;
  if (!o.prompt) return openMonitor(ctx, o, setup.warn);
  // `-p` alone: the monitor asks for the password before it connects.
  let monitor: LineSession | undefined;
  return {
    prompt: () => monitor?.prompt() ?? "Enter password: ",
    line(text, out, err) {
      if (monitor) return monitor.line(text, out, err);
      o.password = text;
      const opened = openMonitor({ ...ctx, stdout: out, stderr: err }, o, false);
      if (typeof opened === "number") return opened;
      monitor = opened;
      return undefined;
    },
  };
}

/** Connects and greets; the monitor's line handling. */
function openMonitor(ctx: CommandContext, o: MysqlOptions, warn: boolean): LineSession | number {
  const c = mysqlConnect(ctx, o, warn);
  if (typeof c === "number") return c;
  const version = (c.run("SELECT VERSION()")?.rows?.rows[0]?.[0] as string | undefined) ?? "";
  ctx.stdout.write(mysqlGreeting(version, 8));
  let pending = "";
  return {
    prompt: () => (pending.trim() ? "    -> " : "mysql> "),
    line(text, out, err) {
      const trimmed = text.trim();
      if (!pending.trim() && /^(quit|exit|\\q)\s*;?$/i.test(trimmed)) {
        out.write("Bye\n");
        return 0;
      }
      // `use DB` (\\u) is the client's own command: it needs no `;` (mysql.cc com_use).
      const use = pending.trim() ? null : /^(?:use|\\u)\s+`?([^`;\s]+)`?\s*;?$/i.exec(trimmed);
      if (use) {
        const reply = c.run(`USE \`${use[1]}\``);
        if (reply?.error)
          err.write(`ERROR ${reply.error.code} (${reply.error.state}): ${reply.error.message}\n`);
        else if (reply) out.write(monitorOutput(reply));
        return undefined;
      }
      pending += `${text}\n`;
      const pieces = splitStatements(pending);
      // The last piece waits for its `;` unless the input ended with one.
      const complete = /;\s*$/.test(pending) ? pieces : pieces.slice(0, -1);
      pending = /;\s*$/.test(pending) ? "" : (pieces.at(-1)?.text ?? "");
      for (const st of complete) {
        const reply = c.run(st.text);
        if (!reply) return 1;
        if (reply.error)
          err.write(`ERROR ${reply.error.code} (${reply.error.state}): ${reply.error.message}\n`);
        else out.write(monitorOutput(reply));
      }
      return undefined;
    },
  };
}
