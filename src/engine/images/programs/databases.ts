/**
 * mysqld, postgres and mongod as their official images start them: the docker-entrypoint.sh
 * checks (a root or superuser password is required), the first start's initialisation, the
 * servers' own log lines, and a listener on 3306, 5432 or 27017 until they are stopped.
 */
import type { CommandContext, Proc } from "../../sh/interface";
import { MONGO_DBPATH, mongoInitialize, mongoServer } from "./mongo";
import { MYSQL_DATADIR, mysqlInitialize, mysqlInitialized, mysqlServer } from "./mysql";
import { PGDATA_DEFAULT, postgresInitialize, postgresInitialized, postgresServer } from "./postgresql";
import { isoMicros, stopWatch, untilStopped, writeLines } from "./util";

/** docker-library/mysql's message when no password option is given (stderr, exit 1). */
export const MYSQL_NO_PASSWORD = `Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD`;

/** docker-library/postgres's message when POSTGRES_PASSWORD is empty (stderr, exit 1). */
export const POSTGRES_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

/** Seconds the first start's initialisation takes before the server listens. */
export const DB_INIT_MS = 8_000;

function rfc3339Seconds(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "+00:00");
}

/** The data directory mysqld's arguments name (--datadir=), else /var/lib/mysql. */
function datadirOf(args: readonly string[]): string {
  const flag = args.find((a) => a.startsWith("--datadir="));
  return flag ? flag.slice("--datadir=".length).replace(/\/$/, "") : MYSQL_DATADIR;
}

/** mysql's docker-entrypoint.sh. */
export function* mysqlEntrypoint(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  const version = ctx.env.MYSQL_VERSION || "9.1.0-1.el9";
  const note = (text: string, type = "Note") =>
    `${rfc3339Seconds(ctx.sys.now())} [${type}] [Entrypoint]: ${text}\n`;
  if (args[0] !== "mysqld") return args.length ? yield* ctx.exec(args) : 0;
  ctx.stdout.write(note(`Entrypoint script for MySQL Server ${version} started.`));
  ctx.stdout.write(note("Switching to dedicated user 'mysql'"));
  ctx.stdout.write(note(`Entrypoint script for MySQL Server ${version} started.`));
  const e = ctx.env;
  const datadir = datadirOf(args);
  // docker_setup_env: an initialised data directory (a PersistentVolume's) is used as it is.
  if (mysqlInitialized(ctx.fs, datadir)) return yield* ctx.exec(args);
  if (!e.MYSQL_ROOT_PASSWORD && !e.MYSQL_ALLOW_EMPTY_PASSWORD && !e.MYSQL_RANDOM_ROOT_PASSWORD) {
    ctx.stderr.write(note(MYSQL_NO_PASSWORD, "ERROR"));
    return 1;
  }
  ctx.stdout.write(note("Initializing database files"));
  yield { kind: "sleep", ms: DB_INIT_MS };
  mysqlInitialize(ctx.fs, datadir, e);
  // docker_setup_db's notes, in its order.
  const created = [
    ...(e.MYSQL_DATABASE ? [`Creating database ${e.MYSQL_DATABASE}`] : []),
    ...(e.MYSQL_USER && e.MYSQL_PASSWORD ? [`Creating user ${e.MYSQL_USER}`] : []),
    ...(e.MYSQL_USER && e.MYSQL_PASSWORD && e.MYSQL_DATABASE
      ? [`Giving user ${e.MYSQL_USER} access to schema ${e.MYSQL_DATABASE}`]
      : []),
  ];
  for (const line of [
    "Database files initialized",
    "Starting temporary server",
    "Temporary server started.",
    ...created,
    "Stopping temporary server",
    "Temporary server stopped",
  ])
    ctx.stdout.write(note(line));
  ctx.stdout.write("\n");
  ctx.stdout.write(note("MySQL init process done. Ready for start up."));
  ctx.stdout.write("\n");
  return yield* ctx.exec(args);
}

/** mysqld. */
export function* mysqld(ctx: CommandContext): Proc {
  const version = (ctx.env.MYSQL_VERSION || "9.1.0").split("-")[0] as string;
  if (ctx.argv.includes("--version") || ctx.argv.includes("-V")) {
    ctx.stdout.write(`/usr/sbin/mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)\n`);
    return 0;
  }
  const watch = stopWatch(ctx.sys);
  const t = () => isoMicros(ctx.sys.now());
  const serve = mysqlServer(ctx.fs, datadirOf(ctx.argv), version);
  const closers = [
    ctx.sys.listen({ port: 3306, protocol: "TCP", tcp: serve }),
    ctx.sys.listen({ port: 33060, protocol: "TCP" }),
  ];
  writeLines(ctx.stderr, [
    `${t()} 0 [System] [MY-015015] [Server] MySQL Server - start.`,
    `${t()} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${version}) starting as process 1`,
    `${t()} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.`,
    `${t()} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.`,
    `${t()} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock`,
    `${t()} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
  ]);
  yield* untilStopped(watch);
  writeLines(ctx.stderr, [
    `${t()} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${version}).`,
    `${t()} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${version})  MySQL Community Server - GPL.`,
  ]);
  for (const c of closers) c();
  return 0;
}

function pgTime(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

/** postgres's docker-entrypoint.sh. */
export function* postgresEntrypoint(ctx: CommandContext): Proc {
  const args = ctx.argv.slice(1);
  if (args[0] !== "postgres") return args.length ? yield* ctx.exec(args) : 0;
  const e = ctx.env;
  const pgdata = e.PGDATA || PGDATA_DEFAULT;
  if (postgresInitialized(ctx.fs, pgdata)) {
    writeLines(ctx.stdout, [
      "",
      "PostgreSQL Database directory appears to contain a database; Skipping initialization",
      "",
    ]);
    return yield* ctx.exec(args);
  }
  if (!e.POSTGRES_PASSWORD && e.POSTGRES_HOST_AUTH_METHOD !== "trust") {
    ctx.stderr.write(POSTGRES_NO_PASSWORD);
    return 1;
  }
  writeLines(ctx.stdout, [
    'The files belonging to this database system will be owned by user "postgres".',
    "This user must also own the server process.",
    "",
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    "",
    "Data page checksums are disabled.",
    "",
    `fixing permissions on existing directory ${pgdata} ... ok`,
    "creating subdirectories ... ok",
    "selecting dynamic shared memory implementation ... posix",
    'selecting default "max_connections" ... 100',
    'selecting default "shared_buffers" ... 128MB',
    "selecting default time zone ... Etc/UTC",
    "creating configuration files ... ok",
    "running bootstrap script ... ok",
  ]);
  yield { kind: "sleep", ms: DB_INIT_MS };
  postgresInitialize(ctx.fs, pgdata, e);
  writeLines(ctx.stdout, [
    "performing post-bootstrap initialization ... ok",
    "syncing data to disk ... ok",
    "",
    "",
    "Success. You can now start the database server using:",
    "",
    `    pg_ctl -D ${pgdata} -l logfile start`,
    "",
    "waiting for server to start.... done",
    "server started",
    ...(e.POSTGRES_DB ? [`CREATE DATABASE`] : []),
    "",
    "",
    "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*",
    "",
    "waiting for server to shut down.... done",
    "server stopped",
    "",
    "PostgreSQL init process complete; ready for start up.",
    "",
  ]);
  ctx.stderr.write('initdb: warning: enabling "trust" authentication for local connections\n');
  return yield* ctx.exec(args);
}

/** postgres (the server). */
export function* postgres(ctx: CommandContext): Proc {
  const version = (ctx.env.PG_VERSION || "17.2").split("-")[0] as string;
  if (ctx.argv.includes("--version") || ctx.argv.includes("-V")) {
    ctx.stdout.write(`postgres (PostgreSQL) ${version} (Debian ${version}-1.pgdg120+1)\n`);
    return 0;
  }
  const watch = stopWatch(ctx.sys);
  const pgdata = ctx.env.PGDATA || PGDATA_DEFAULT;
  const close = ctx.sys.listen({ port: 5432, protocol: "TCP", tcp: postgresServer(ctx.fs, pgdata, version) });
  const log = (pid: number, text: string) => `${pgTime(ctx.sys.now())} [${pid}] LOG:  ${text}`;
  writeLines(ctx.stderr, [
    log(
      1,
      `starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
    ),
    log(1, 'listening on IPv4 address "0.0.0.0", port 5432'),
    log(1, 'listening on IPv6 address "::", port 5432'),
    log(1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    log(62, `database system was shut down at ${pgTime(ctx.sys.now()).replace(/\.\d+/, "")}`),
    log(1, "database system is ready to accept connections"),
  ]);
  const signal = yield* untilStopped(watch);
  const mode = signal === "INT" ? "fast" : signal === "QUIT" ? "immediate" : "smart";
  writeLines(ctx.stderr, [
    log(1, `received ${mode} shutdown request`),
    log(1, "database system is shut down"),
  ]);
  close();
  return 0;
}

/** mongod. */
export function* mongod(ctx: CommandContext): Proc {
  const version = ctx.env.MONGO_VERSION || "8.0.4";
  if (ctx.argv.includes("--version")) {
    ctx.stdout.write(`db version v${version}\n`);
    return 0;
  }
  const watch = stopWatch(ctx.sys);
  // The image's entrypoint creates MONGO_INITDB_ROOT_USERNAME on the first start; here mongod does.
  mongoInitialize(ctx.fs, MONGO_DBPATH, ctx.env);
  const close = ctx.sys.listen({
    port: 27017,
    protocol: "TCP",
    tcp: mongoServer(ctx.fs, MONGO_DBPATH, version),
  });
  const t = () => new Date(ctx.sys.now()).toISOString().replace("Z", "+00:00");
  const line = (c: string, id: number, context: string, msg: string, attr?: object) =>
    `{"t":{"$date":"${t()}"},"s":"I",  "c":"${c}",${" ".repeat(Math.max(1, 9 - c.length))}"id":${id},${" ".repeat(Math.max(1, 8 - String(id).length))}"ctx":"${context}","msg":"${msg}"${attr ? `,"attr":${JSON.stringify(attr)}` : ""}}`;
  writeLines(ctx.stdout, [
    line(
      "CONTROL",
      23285,
      "main",
      "Automatically disabling TLS 1.0 and TLS 1.1, to force-enable TLS 1.1 specify --sslDisabledProtocols 'TLS1_0'; to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'",
    ),
    line("NETWORK", 4915701, "main", "Initialized wire specification"),
    line("CONTROL", 4615611, "initandlisten", "MongoDB starting", {
      pid: 1,
      port: 27017,
      dbPath: "/data/db",
      architecture: "64-bit",
      host: ctx.sys.hostname(),
    }),
    line("CONTROL", 23403, "initandlisten", "Build Info", { buildInfo: { version } }),
    line("NETWORK", 23015, "listener", "Listening on", { address: "0.0.0.0" }),
    line("NETWORK", 23016, "listener", "Waiting for connections", { port: 27017, ssl: "off" }),
  ]);
  yield* untilStopped(watch);
  writeLines(ctx.stdout, [
    line("CONTROL", 23377, "SignalHandler", "Received signal", { signal: 15, error: "Terminated" }),
    line("CONTROL", 20565, "SignalHandler", "Now exiting"),
  ]);
  close();
  return 0;
}
