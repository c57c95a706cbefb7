/**
 * mysql and psql against the servers' connection handlers, over a data directory on a file
 * system. Expected texts: mysql-server share/messages_to_clients.txt (ER_* texts) and
 * client/mysql.cc (batch output, "ERROR %d (%s) at line %lu: %s", CR_* connection errors);
 * postgres src/backend/utils/errcodes messages, src/fe_utils/print.c (aligned output),
 * src/bin/psql/describe.c (\l, \dt, \du titles and columns, PostgreSQL 17) and libpq's
 * fe-connect.c connection failures.
 */
import { describe, expect, it } from "vitest";
import { NodeFileSystem } from "../../../node/fs";
import type { CommandContext, LineSession, Listener } from "../../../sh/interface";
import { runProgram } from "../../testing";
import { mysqld, mysqlEntrypoint, postgres, postgresEntrypoint } from "../databases";
import { MYSQL_PASSWORD_WARNING, mysqlClient, mysqlInitialize, mysqlMonitor, mysqlServer } from "../mysql";
import {
  hbaMethod,
  postgresInitialize,
  postgresServer,
  psqlInteractive,
  psql as psqlProgram,
  psqlScript,
  psqlTable,
} from "../postgresql";

import { splitStatements } from "./lexer";

/** Opens a client's interactive session and types lines into it, recording prompts and output. */
function typeInto(
  open: (ctx: CommandContext) => LineSession | number,
  argv: string[],
  lines: string[],
  remote: Record<string, Listener>,
) {
  let transcript = "";
  const run = runProgram(
    (ctx) => {
      const s = open(ctx);
      if (typeof s === "number") return s;
      const out = {
        write: (t: string) => {
          transcript += t;
        },
      };
      for (const l of lines) {
        transcript += `${s.prompt()}${l}\n`;
        const st = s.line(l, out, out);
        if (st !== undefined) return st;
      }
      return 0;
    },
    argv,
    { remote },
  );
  return { ...run, transcript };
}

const WARN = `${MYSQL_PASSWORD_WARNING}\n`;

function mysqlWorld(env: Record<string, string> = { MYSQL_ROOT_PASSWORD: "pw", MYSQL_DATABASE: "shop" }) {
  const fs = new NodeFileSystem();
  mysqlInitialize(fs, "/var/lib/mysql", env);
  const listener: Listener = { port: 3306, protocol: "TCP", tcp: mysqlServer(fs, "/var/lib/mysql", "9.1.0") };
  const remote = { "127.0.0.1:3306": listener, "mysql:3306": listener };
  const mysql = (args: string[], stdin = "") =>
    runProgram(mysqlClient, ["mysql", ...args], { remote, stdin });
  return { fs, mysql };
}

describe("mysql client and mysqld", () => {
  it("logs in with the entrypoint's accounts and prints batch output", () => {
    const { mysql } = mysqlWorld();
    const show = mysql(["-uroot", "-ppw", "-e", "show databases;"]);
    expect(show).toMatchObject({
      status: 0,
      stdout: "Database\ninformation_schema\nmysql\nperformance_schema\nshop\nsys\n",
      stderr: WARN,
    });
    const denied = mysql(["-uroot", "-pnope", "-e", "select 1"]);
    expect([denied.status, denied.stderr]).toEqual([
      1,
      `${WARN}ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n`,
    ]);
    const noPassword = mysql(["-u", "root", "-e", "select 1"]);
    expect(noPassword.stderr).toBe(
      "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n",
    );
    const remote = mysql(["-h", "mysql", "-uroot", "--password=pw", "-e", "SELECT VERSION(); SELECT 1"]);
    expect(remote.stdout).toBe("VERSION()\n9.1.0\n1\n1\n");
  });

  it("creates, fills and queries tables, with WHERE, ORDER BY, LIMIT and COUNT(*)", () => {
    const { mysql, fs } = mysqlWorld();
    const sql = `CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL, age INT);
INSERT INTO users (name, age) VALUES ('ann', 31), ('bob', 25), ('cy', NULL);
SELECT * FROM users ORDER BY age DESC LIMIT 2;
SELECT name FROM users WHERE age = 25 AND name = 'BOB';
SELECT COUNT(*) FROM users;
SHOW TABLES;`;
    const run = mysql(["-uroot", "-ppw", "-D", "shop"], sql);
    expect(run.stdout).toBe(
      "id\tname\tage\n1\tann\t31\n2\tbob\t25\nname\nbob\nCOUNT(*)\n3\nTables_in_shop\nusers\n",
    );
    expect(fs.isFile("/var/lib/mysql/shop/users.ibd")).toBe(true);
    const update = mysql([
      "-uroot",
      "-ppw",
      "shop",
      "-e",
      "UPDATE users SET age = 26 WHERE name = 'bob'; SELECT age FROM users WHERE id = 2",
    ]);
    expect(update.stdout).toBe("age\n26\n");
    expect(mysql(["-uroot", "-ppw", "-t", "-e", "select * from shop.users where id = 3"]).stdout).toBe(
      "+----+------+------+\n| id | name | age  |\n+----+------+------+\n|  3 | cy   | NULL |\n+----+------+------+\n",
    );
  });

  it("words errors as mysqld does, with the batch line number, and stops at the first", () => {
    const { mysql } = mysqlWorld();
    const err = (stmt: string) => mysql(["-uroot", "-ppw", "shop", "-e", stmt]).stderr.replace(WARN, "");
    expect(err("select * from t")).toBe("ERROR 1146 (42S02) at line 1: Table 'shop.t' doesn't exist\n");
    expect(err("selec 1")).toBe(
      "ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'selec 1' at line 1\n",
    );
    expect(err("select 1;\nselect * from\nnope where")).toBe(
      "ERROR 1146 (42S02) at line 2: Table 'shop.nope' doesn't exist\n",
    );
    expect(err("create database shop")).toBe(
      "ERROR 1007 (HY000) at line 1: Can't create database 'shop'; database exists\n",
    );
    expect(err("use nope")).toBe("ERROR 1049 (42000) at line 1: Unknown database 'nope'\n");
    expect(err("create table t (a int); insert into t values (1, 2)")).toBe(
      "ERROR 1136 (21S01) at line 1: Column count doesn't match value count at row 1\n",
    );
    expect(err("select b from t")).toBe("ERROR 1054 (42S22) at line 1: Unknown column 'b' in 'field list'\n");
    expect(err("drop table nope")).toBe("ERROR 1051 (42S02) at line 1: Unknown table 'shop.nope'\n");
    expect(mysql(["-uroot", "-ppw", "-e", "show tables"]).stderr).toBe(
      `${WARN}ERROR 1046 (3D000) at line 1: No database selected\n`,
    );
    const stops = mysql(["-uroot", "-ppw", "shop"], "select nope from t;\nselect 2;\n");
    expect([stops.status, stops.stdout]).toEqual([1, ""]);
  });

  it("says why it cannot connect", () => {
    const alone = (args: string[]) => runProgram(mysqlClient, ["mysql", ...args]).stderr;
    expect(alone(["-uroot"])).toBe(
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n",
    );
    expect(alone(["-h", "x"])).toBe("ERROR 2005 (HY000): Unknown MySQL server host 'x' (-2)\n");
    expect(alone(["-h", "127.0.0.1", "-P", "3307"])).toBe(
      "ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:3307' (111)\n",
    );
  });

  it("runs the monitor at a terminal: prompts, `use` without `;`, tables with their row counts", () => {
    const fs = new NodeFileSystem();
    mysqlInitialize(fs, "/var/lib/mysql", { MYSQL_ROOT_PASSWORD: "pw", MYSQL_DATABASE: "shop" });
    const listener: Listener = {
      port: 3306,
      protocol: "TCP",
      tcp: mysqlServer(fs, "/var/lib/mysql", "9.1.0"),
    };
    const run = typeInto(
      mysqlMonitor,
      ["mysql", "-ppw"],
      [
        "use shop",
        "create table t (id int,",
        "name text);",
        "insert into t values (1, 'a'), (2, 'b');",
        "select * from t;",
        "select * from nope;",
        "quit",
      ],
      { "127.0.0.1:3306": listener },
    );
    expect(run.stdout).toContain("Welcome to the MySQL monitor.  Commands end with ; or \\g.\n");
    expect(run.transcript).toBe(
      [
        "mysql> use shop",
        "Database changed",
        "mysql> create table t (id int,",
        "    -> name text);",
        "Query OK, 0 rows affected (0.00 sec)",
        "",
        "mysql> insert into t values (1, 'a'), (2, 'b');",
        "Query OK, 2 rows affected (0.00 sec)",
        "Records: 2  Duplicates: 0  Warnings: 0",
        "",
        "mysql> select * from t;",
        "+------+------+",
        "| id   | name |",
        "+------+------+",
        "|    1 | a    |",
        "|    2 | b    |",
        "+------+------+",
        "2 rows in set (0.00 sec)",
        "",
        "mysql> select * from nope;",
        "ERROR 1146 (42S02): Table 'shop.nope' doesn't exist",
        "mysql> quit",
        "Bye",
        "",
      ].join("\n"),
    );
  });

  it("asks for the password at a terminal when -p has none", () => {
    const fs = new NodeFileSystem();
    mysqlInitialize(fs, "/var/lib/mysql", { MYSQL_ROOT_PASSWORD: "pw" });
    const listener: Listener = {
      port: 3306,
      protocol: "TCP",
      tcp: mysqlServer(fs, "/var/lib/mysql", "9.1.0"),
    };
    const remote = { "127.0.0.1:3306": listener };
    const ok = typeInto(mysqlMonitor, ["mysql", "-u", "root", "-p"], ["pw", "select 1;"], remote);
    expect(ok.transcript).toContain("Enter password: pw\nWelcome to the MySQL monitor.");
    expect(ok.transcript).toContain(
      "mysql> select 1;\n+---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n",
    );
    const denied = typeInto(mysqlMonitor, ["mysql", "-u", "root", "-p"], ["nope"], remote);
    expect([denied.status, denied.transcript]).toEqual([
      1,
      "Enter password: nope\nERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n",
    ]);
  });

  it("gives MYSQL_USER its MYSQL_DATABASE only", () => {
    const { mysql } = mysqlWorld({
      MYSQL_ROOT_PASSWORD: "r",
      MYSQL_DATABASE: "app",
      MYSQL_USER: "u",
      MYSQL_PASSWORD: "p",
    });
    expect(mysql(["-uu", "-pp", "-e", "show databases"]).stdout).toBe(
      "Database\napp\ninformation_schema\nperformance_schema\n",
    );
    expect(mysql(["-uu", "-pp", "-e", "create database x"]).stderr).toBe(
      `${WARN}ERROR 1044 (42000) at line 1: Access denied for user 'u'@'%' to database 'x'\n`,
    );
  });

  it("keeps its data directory: a second start skips initialisation and finds the tables", () => {
    const files = { "/var/lib/mysql/mysql/user.json": '[{"user":"root","host":"%","password":"old"}]' };
    const run = runProgram(mysqlEntrypoint, ["docker-entrypoint.sh", "mysqld"], {
      env: {},
      files,
      programs: { mysqld },
    });
    expect(run.stdout).not.toContain("Initializing database files");
    expect(run.stderr).toContain("ready for connections");
    const listener = run.listeners.find((l) => l.port === 3306) as Listener;
    const cli = runProgram(mysqlClient, ["mysql", "-pold", "-e", "select 1"], {
      remote: { "127.0.0.1:3306": listener },
    });
    expect(cli.stdout).toBe("1\n1\n");
  });
});

function pgWorld(env: Record<string, string> = { POSTGRES_PASSWORD: "pw" }) {
  const fs = new NodeFileSystem();
  postgresInitialize(fs, "/var/lib/postgresql/data", env);
  const listener: Listener = {
    port: 5432,
    protocol: "TCP",
    tcp: postgresServer(fs, "/var/lib/postgresql/data", "17.2"),
  };
  const remote = { "127.0.0.1:5432": listener, "db:5432": listener };
  const run = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) =>
    runProgram(psqlProgram, ["psql", ...args], { remote, ...opts });
  return { fs, psql: run };
}

describe("psql and postgres", () => {
  it("prints aligned tables with the row-count footer, right-aligning numbers", () => {
    const { psql } = pgWorld();
    const u = ["-U", "postgres"];
    expect(psql([...u, "-c", "CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT)"]).stdout).toBe(
      "CREATE TABLE\n",
    );
    expect(psql([...u, "-c", "INSERT INTO users (name) VALUES ('ann'), ('bob')"]).stdout).toBe(
      "INSERT 0 2\n",
    );
    expect(psql([...u, "-c", "select * from users"]).stdout).toBe(
      " id | name \n----+------\n  1 | ann\n  2 | bob\n(2 rows)\n\n",
    );
    expect(psql([...u, "-c", "SELECT 1"]).stdout).toBe(" ?column? \n----------\n        1\n(1 row)\n\n");
    expect(psql([...u, "-tAc", "select count(*) from users where name = 'bob'"]).stdout).toBe("1\n");
    expect(psql([...u, "-c", "update users set name = 'bo' where id = 2"]).stdout).toBe("UPDATE 1\n");
    expect(psql([...u, "-c", "delete from users where name = 'bo'"]).stdout).toBe("DELETE 1\n");
    expect(psql([...u, "-tAc", "select name from users"]).stdout).toBe("ann\n");
  });

  it("runs \\l, \\dt and \\du as PostgreSQL 17 prints them", () => {
    const { psql } = pgWorld();
    const l = psql(["-U", "postgres", "-c", "\\l"]).stdout.split("\n");
    expect(l[0]).toBe(`${" ".repeat(52)}List of databases`);
    expect(l[1]).toBe(
      "   Name    |  Owner   | Encoding | Locale Provider |  Collate   |   Ctype    | Locale | ICU Rules |   Access privileges   ",
    );
    expect(l[4]).toBe(
      " template0 | postgres | UTF8     | libc            | en_US.utf8 | en_US.utf8 |        |           | =c/postgres          +",
    );
    expect(l.at(-3)).toBe("(3 rows)");
    const none = psql(["-U", "postgres", "-c", "\\dt"]);
    expect([none.stdout, none.stderr]).toEqual(["", "Did not find any relations.\n"]);
    psql(["-U", "postgres", "-c", "create table t (a int)"]);
    expect(psql(["-U", "postgres", "-c", "\\dt"]).stdout).toBe(
      "        List of relations\n Schema | Name | Type  |  Owner   \n--------+------+-------+----------\n public | t    | table | postgres\n(1 row)\n\n",
    );
    expect(psql(["-U", "postgres", "-c", "\\du"]).stdout).toBe(
      "                             List of roles\n Role name |                         Attributes                         \n-----------+------------------------------------------------------------\n postgres  | Superuser, Create role, Create DB, Replication, Bypass RLS\n\n",
    );
  });

  it("follows psql's version: \\l's columns, \\du's Member of, \\dt's wording", () => {
    const { psql } = pgWorld();
    const as = (v: string, cmd: string) =>
      psql(["-U", "postgres", "-c", cmd], { env: { PG_VERSION: `${v}-1.pgdg120+1` } });
    expect(as("12.22", "\\l").stdout.split("\n")[1]).toBe(
      "   Name    |  Owner   | Encoding |  Collate   |   Ctype    |   Access privileges   ",
    );
    expect(as("15.10", "\\du").stdout.split("\n")[3]).toBe(
      " postgres  | Superuser, Create role, Create DB, Replication, Bypass RLS | {}",
    );
    expect(as("18.1", "\\dt").stderr).toBe("Did not find any tables.\n");
  });

  it("words errors with LINE and caret, prefixing a script's with its line", () => {
    const { psql } = pgWorld();
    const e = psql(["-U", "postgres", "-c", "select * from nope"]);
    expect([e.status, e.stderr]).toEqual([
      1,
      'ERROR:  relation "nope" does not exist\nLINE 1: select * from nope\n                      ^\n',
    ]);
    const script = psql(["-U", "postgres"], {
      stdin: "select 1 as one;\nselect x from;\nselect 2 as two;\n",
    });
    expect(script.status).toBe(0);
    expect(script.stderr).toBe(
      'psql:<stdin>:2: ERROR:  syntax error at or near ";"\nLINE 1: select x from;\n                     ^\n',
    );
    expect(script.stdout).toBe(" one \n-----\n   1\n(1 row)\n\n two \n-----\n   2\n(1 row)\n\n");
  });

  it("authenticates as pg_hba.conf says: trust locally, a password over the network", () => {
    const { psql } = pgWorld({ POSTGRES_PASSWORD: "pw", POSTGRES_USER: "app", POSTGRES_DB: "appdb" });
    expect(psql(["-c", "select 1"]).stderr).toBe(
      'psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  role "root" does not exist\n',
    );
    expect(psql(["-U", "app", "-d", "appdb", "-c", "select current_database()"]).stdout).toContain(
      " appdb\n",
    );
    expect(psql(["-h", "db", "-U", "app", "-c", "select 1"]).stderr).toBe(
      'psql: error: connection to server at "db" (db), port 5432 failed: fe_sendauth: no password supplied\n',
    );
    const wrong = psql(["-h", "db", "-U", "app", "-c", "select 1"], { env: { PGPASSWORD: "x" } });
    expect([wrong.status, wrong.stderr]).toEqual([
      2,
      'psql: error: connection to server at "db" (db), port 5432 failed: FATAL:  password authentication failed for user "app"\n',
    ]);
    expect(psql(["postgresql://app:pw@db:5432/appdb", "-tAc", "select 7"]).stdout).toBe("7\n");
    expect(runProgram(psqlProgram, ["psql", "-h", "nope"]).stderr).toBe(
      'psql: error: could not translate host name "nope" to address: Name or service not known\n',
    );
    expect(
      hbaMethod("local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all all md5\n", "10.0.0.1"),
    ).toBe("md5");
  });

  it("psql at a terminal prompts with the database and # for a superuser", () => {
    const fs = new NodeFileSystem();
    postgresInitialize(fs, "/d", { POSTGRES_PASSWORD: "pw" });
    const listener: Listener = { port: 5432, protocol: "TCP", tcp: postgresServer(fs, "/d", "17.2") };
    const run = typeInto(psqlInteractive, ["psql", "-U", "postgres"], ["select", "1 as n;", "\\q"], {
      "127.0.0.1:5432": listener,
    });
    expect(run.stdout).toBe('psql (17.2 (Debian 17.2-1.pgdg120+1))\nType "help" for help.\n\n');
    expect(run.transcript).toBe(
      "postgres=# select\npostgres-# 1 as n;\n n \n---\n 1\n(1 row)\n\npostgres=# \\q\n",
    );
  });

  it("the entrypoint skips initdb when PGDATA holds a cluster", () => {
    const run = runProgram(postgresEntrypoint, ["docker-entrypoint.sh", "postgres"], {
      env: {},
      files: { "/var/lib/postgresql/data/PG_VERSION": "17\n" },
      programs: { postgres },
    });
    expect(run.stdout).toBe(
      "\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n",
    );
    expect(run.stderr).toContain("database system is ready to accept connections");
  });

  it("draws multi-line cells with psql's + marker", () => {
    expect(
      psqlTable(
        [
          { name: "a", numeric: false },
          { name: "b", numeric: false },
        ],
        [["x\ny", "z"]],
        {
          aligned: true,
          tuplesOnly: false,
        },
      ),
    ).toBe(" a | b \n---+---\n x+| z\n y | \n(1 row)\n\n");
  });
});

describe("statement splitting", () => {
  it("cuts at ; outside quotes and keeps each statement's first line", () => {
    expect(splitStatements("select ';';\n\nselect 2;")).toEqual([
      { text: "select ';'", line: 1 },
      { text: "select 2", line: 3 },
    ]);
    expect(psqlScript("\\dt\nselect\n1;\n")).toEqual([
      { text: "\\dt", line: 1 },
      { text: "select\n1;", line: 3 },
    ]);
  });
});
