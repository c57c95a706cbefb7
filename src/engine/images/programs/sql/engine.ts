/**
 * A tiny SQL evaluator for what exercises type, shared by mysqld and postgres. It understands:
 *   SHOW DATABASES | SHOW TABLES (mysql)      USE db (mysql)
 *   CREATE DATABASE [IF NOT EXISTS] db        DROP DATABASE [IF EXISTS] db
 *   CREATE TABLE [IF NOT EXISTS] t (col type[(n[,m])] [NOT NULL|NULL|PRIMARY KEY|AUTO_INCREMENT|
 *     UNIQUE|DEFAULT literal]..., [PRIMARY KEY (col)])
 *   DROP TABLE [IF EXISTS] t                  INSERT INTO t [(cols)] VALUES (...)[, (...)]
 *   DELETE FROM t [WHERE ...]                UPDATE t SET col = literal[, ...] [WHERE ...]
 *   SELECT items [FROM t [WHERE ...] [ORDER BY col [ASC|DESC], ...] [LIMIT n]]
 *     items: *, columns, literals, COUNT(*), and the session's functions (VERSION(), DATABASE(),
 *     current_database(), USER()...), each with an optional [AS] alias;
 *     WHERE: col op literal (=, !=, <>, <, >, <=, >=) joined by AND.
 * It does not support joins, subqueries, OR, LIKE, IN, expressions, DESCRIBE, ALTER, indexes, transactions
 * or types beyond "number or text": anything else is the server's syntax error.
 * Faults are values (Fault) that each server words as its own error.
 */
import type { Catalog, Column, Table, Value } from "./catalog";
import { type LexDialect, type Token, tokenize } from "./lexer";

/** What went wrong, for the server to word (mysqld: ERROR 1146 (42S02)...; postgres: ERROR:  ...). */
export type Fault =
  | { kind: "syntax"; pos: number; token: string; near: string; atEnd: boolean }
  | { kind: "empty" }
  | { kind: "noDatabase" }
  | { kind: "unknownDatabase"; db: string }
  | { kind: "databaseExists"; db: string }
  | { kind: "dropUnknownDatabase"; db: string }
  | { kind: "dropOpenDatabase"; db: string }
  | { kind: "accessDenied"; db: string }
  | { kind: "unknownTable"; db: string; table: string; pos: number }
  | { kind: "dropUnknownTable"; db: string; table: string }
  | { kind: "tableExists"; table: string }
  | {
      kind: "unknownColumn";
      column: string;
      clause: "field list" | "where clause" | "order clause";
      pos: number;
    }
  | { kind: "insertUnknownColumn"; column: string; table: string; pos: number }
  | { kind: "columnCount"; row: number; values: number; targets: number }
  | { kind: "badValue"; type: string; value: string; column: string; row: number }
  | { kind: "notNull"; column: string; table: string }
  | { kind: "noDefault"; column: string }
  | { kind: "noTables" }
  | { kind: "duplicate"; value: string; table: string; column: string };

/** A result set's column: its header and whether clients right-align it. */
export interface ResultColumn {
  name: string;
  numeric: boolean;
  /** A table's column that may hold NULL (the mysql monitor leaves room for "NULL"). */
  nullable?: boolean;
}

/** What a statement produced. */
export type Result =
  | { kind: "rows"; columns: ResultColumn[]; rows: Value[][] }
  | { kind: "done"; tag: string; count: number; matched?: number }
  | { kind: "fault"; fault: Fault };

/** The server's SQL flavour. */
export interface SqlDialect extends LexDialect {
  name: "mysql" | "postgres";
  /** postgres folds unquoted names to lower case; mysql keeps them. */
  foldsCase: boolean;
  /** mysql's default collation compares text case-insensitively. */
  caseInsensitiveText: boolean;
  /** The header of an unnamed select item: mysql the text as typed, postgres `?column?` or the function's name. */
  headerOf(text: string, fn?: string): string;
}

/** Who runs the statement, and where. */
export interface Session {
  database?: string;
  /** Databases this user may use (mysql's grants); undefined: all. */
  allowed?: (db: string) => boolean;
  /** Niladic functions by lower-case name (version, database, current_user...). */
  functions: Readonly<Record<string, () => Value>>;
}

class Stop {
  constructor(readonly fault: Fault) {}
}

const INT_TYPES = [
  "int",
  "integer",
  "bigint",
  "smallint",
  "tinyint",
  "mediumint",
  "serial",
  "bigserial",
  "smallserial",
];
const NUM_TYPES = [...INT_TYPES, "decimal", "numeric", "float", "double", "real"];

/** Runs one statement (without its `;`) and says what it produced; the session's database may change. */
export function execute(sql: string, d: SqlDialect, catalog: Catalog, session: Session): Result {
  const tokens = tokenize(sql, d);
  if (!Array.isArray(tokens)) {
    const pos = tokens.unterminated;
    return {
      kind: "fault",
      fault: { kind: "syntax", pos, token: sql.slice(pos), near: sql.slice(pos), atEnd: false },
    };
  }
  if (tokens.length === 1) return { kind: "fault", fault: { kind: "empty" } };
  try {
    return new Evaluator(sql, tokens, d, catalog, session).statement();
  } catch (e) {
    if (e instanceof Stop) return { kind: "fault", fault: e.fault };
    throw e;
  }
}

class Evaluator {
  private i = 0;
  constructor(
    private readonly sql: string,
    private readonly tokens: Token[],
    private readonly d: SqlDialect,
    private readonly catalog: Catalog,
    private readonly session: Session,
  ) {}

  private get tok(): Token {
    return this.tokens[this.i] as Token;
  }
  private is(word: string): boolean {
    return this.tok.kind === "word" && this.tok.text.toUpperCase() === word;
  }
  private accept(word: string): boolean {
    if (!this.is(word)) return false;
    this.i++;
    return true;
  }
  private acceptOp(op: string): boolean {
    if (this.tok.kind !== "op" || this.tok.text !== op) return false;
    this.i++;
    return true;
  }
  private syntax(): never {
    const t = this.tok;
    const token = this.sql.slice(t.pos, (this.tokens[this.i + 1] ?? t).pos).trim() || t.text;
    throw new Stop({
      kind: "syntax",
      pos: t.pos,
      token,
      near: this.sql.slice(t.pos),
      atEnd: t.kind === "end",
    });
  }
  private expect(word: string): void {
    if (!this.accept(word)) this.syntax();
  }
  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.syntax();
  }
  private name(): { name: string; pos: number } {
    const t = this.tok;
    if (t.kind === "ident") {
      this.i++;
      return { name: t.text, pos: t.pos };
    }
    if (t.kind !== "word") this.syntax();
    this.i++;
    return { name: this.d.foldsCase ? t.text.toLowerCase() : t.text, pos: t.pos };
  }
  private end(): void {
    this.acceptOp(";");
    if (this.tok.kind !== "end") this.syntax();
  }
  private currentDb(): string {
    if (!this.session.database) throw new Stop({ kind: "noDatabase" });
    return this.session.database;
  }
  /** `t` or `db.t`. */
  private tableRef(): { db: string; table: string; pos: number } {
    const first = this.name();
    if (this.acceptOp(".")) {
      const second = this.name();
      if (this.d.name === "mysql") return { db: first.name, table: second.name, pos: first.pos };
      // postgres: schema.table, and every table lives in the public schema.
      const table = first.name === "public" ? second.name : `${first.name}.${second.name}`;
      return { db: this.currentDb(), table, pos: first.pos };
    }
    return { db: this.currentDb(), table: first.name, pos: first.pos };
  }
  private load(ref: { db: string; table: string; pos: number }): Table {
    const t = this.catalog.readTable(ref.db, ref.table);
    if (!t) throw new Stop({ kind: "unknownTable", db: ref.db, table: ref.table, pos: ref.pos });
    return t;
  }

  statement(): Result {
    if (this.accept("SELECT")) return this.select();
    if (this.accept("INSERT")) return this.insert();
    if (this.accept("CREATE")) {
      if (this.accept("DATABASE") || this.accept("SCHEMA")) return this.createDatabase();
      if (this.accept("TABLE")) return this.createTable();
      this.syntax();
    }
    if (this.accept("DROP")) {
      if (this.accept("DATABASE") || this.accept("SCHEMA")) return this.dropDatabase();
      if (this.accept("TABLE")) return this.dropTable();
      this.syntax();
    }
    if (this.accept("DELETE")) return this.delete();
    if (this.accept("UPDATE")) return this.update();
    if (this.d.name === "mysql") {
      if (this.accept("SHOW")) return this.show();
      if (this.accept("USE")) {
        const db = this.name().name;
        this.end();
        this.checkAccess(db);
        if (!this.catalog.hasDatabase(db)) throw new Stop({ kind: "unknownDatabase", db });
        this.session.database = db;
        return { kind: "done", tag: "USE", count: 0 };
      }
    }
    this.syntax();
  }

  private checkAccess(db: string): void {
    if (this.session.allowed && !this.session.allowed(db)) throw new Stop({ kind: "accessDenied", db });
  }

  private show(): Result {
    if (this.accept("DATABASES") || this.accept("SCHEMAS")) {
      this.end();
      const dbs = ["information_schema", ...this.catalog.databases()]
        .filter((db) => !this.session.allowed || this.session.allowed(db))
        .sort();
      return { kind: "rows", columns: [{ name: "Database", numeric: false }], rows: dbs.map((db) => [db]) };
    }
    if (this.accept("TABLES")) {
      const db = this.accept("FROM") || this.accept("IN") ? this.name().name : this.currentDb();
      this.end();
      if (!this.catalog.hasDatabase(db)) throw new Stop({ kind: "unknownDatabase", db });
      return {
        kind: "rows",
        columns: [{ name: `Tables_in_${db}`, numeric: false }],
        rows: this.catalog.tables(db).map((t) => [t]),
      };
    }
    this.syntax();
  }

  private ifClause(words: string[]): boolean {
    if (!this.is("IF")) return false;
    this.i++;
    for (const w of words) this.expect(w);
    return true;
  }

  private createDatabase(): Result {
    const ifNotExists = this.ifClause(["NOT", "EXISTS"]);
    const db = this.name().name;
    this.end();
    this.checkAccess(db);
    if (this.catalog.hasDatabase(db) || db === "information_schema") {
      if (ifNotExists) return { kind: "done", tag: "CREATE DATABASE", count: 1 };
      throw new Stop({ kind: "databaseExists", db });
    }
    this.catalog.createDatabase(db);
    return { kind: "done", tag: "CREATE DATABASE", count: 1 };
  }

  private dropDatabase(): Result {
    const ifExists = this.ifClause(["EXISTS"]);
    const db = this.name().name;
    this.end();
    this.checkAccess(db);
    if (!this.catalog.hasDatabase(db)) {
      if (ifExists) return { kind: "done", tag: "DROP DATABASE", count: 0 };
      throw new Stop({ kind: "dropUnknownDatabase", db });
    }
    if (this.d.name === "postgres" && db === this.session.database)
      throw new Stop({ kind: "dropOpenDatabase", db });
    const count = this.catalog.tables(db).length;
    this.catalog.dropDatabase(db);
    if (db === this.session.database) this.session.database = undefined;
    return { kind: "done", tag: "DROP DATABASE", count };
  }

  private literal(): Value {
    const t = this.tok;
    const negative = t.kind === "op" && t.text === "-";
    if (negative) this.i++;
    const v = this.tok;
    if (v.kind === "number") {
      this.i++;
      return negative ? -Number(v.text) : Number(v.text);
    }
    if (negative) this.syntax();
    if (v.kind === "string") {
      this.i++;
      return v.text;
    }
    if (v.kind === "word" && ["NULL", "TRUE", "FALSE"].includes(v.text.toUpperCase())) {
      this.i++;
      const w = v.text.toUpperCase();
      return w === "NULL" ? null : this.d.name === "mysql" ? Number(w === "TRUE") : w.toLowerCase();
    }
    this.syntax();
  }

  private createTable(): Result {
    const ifNotExists = this.ifClause(["NOT", "EXISTS"]);
    const ref = this.tableRef();
    this.expectOp("(");
    const columns: Column[] = [];
    do {
      if (this.accept("PRIMARY")) {
        this.expect("KEY");
        this.expectOp("(");
        do {
          const col = this.name();
          const c = columns.find((x) => this.sameColumn(x.name, col.name));
          if (!c)
            throw new Stop({ kind: "unknownColumn", column: col.name, clause: "field list", pos: col.pos });
          c.primaryKey = true;
          c.notNull = true;
        } while (this.acceptOp(","));
        this.expectOp(")");
        continue;
      }
      columns.push(this.columnDef());
    } while (this.acceptOp(","));
    this.expectOp(")");
    this.end();
    if (!this.catalog.hasDatabase(ref.db)) throw new Stop({ kind: "unknownDatabase", db: ref.db });
    if (this.catalog.readTable(ref.db, ref.table)) {
      if (ifNotExists) return { kind: "done", tag: "CREATE TABLE", count: 0 };
      throw new Stop({ kind: "tableExists", table: ref.table });
    }
    this.catalog.writeTable(ref.db, ref.table, { columns, rows: [], nextId: 1 });
    return { kind: "done", tag: "CREATE TABLE", count: 0 };
  }

  private columnDef(): Column {
    const name = this.name().name;
    if (this.tok.kind !== "word") this.syntax();
    const type = this.tok.text.toLowerCase();
    this.i++;
    if (this.is("VARYING") || this.is("PRECISION")) this.i++;
    if (this.acceptOp("(")) {
      do {
        const n = this.tok;
        if (n.kind !== "number") this.syntax();
        this.i++;
      } while (this.acceptOp(","));
      this.expectOp(")");
    }
    const col: Column = {
      name,
      type,
      numeric: NUM_TYPES.includes(type),
      notNull: false,
      primaryKey: false,
      autoIncrement: type.endsWith("serial"),
      default: null,
    };
    for (;;) {
      if (this.accept("NOT")) {
        this.expect("NULL");
        col.notNull = true;
      } else if (this.accept("NULL")) col.notNull = false;
      else if (this.accept("PRIMARY")) {
        this.expect("KEY");
        col.primaryKey = true;
        col.notNull = true;
      } else if (this.accept("UNIQUE") || this.accept("UNSIGNED")) {
        this.accept("KEY");
      } else if (this.d.name === "mysql" && this.accept("AUTO_INCREMENT")) col.autoIncrement = true;
      else if (this.accept("DEFAULT")) col.default = this.literal();
      else break;
    }
    if (col.autoIncrement) col.notNull = true;
    return col;
  }

  private dropTable(): Result {
    const ifExists = this.ifClause(["EXISTS"]);
    const refs = [this.tableRef()];
    while (this.acceptOp(",")) refs.push(this.tableRef());
    this.end();
    for (const ref of refs)
      if (!this.catalog.readTable(ref.db, ref.table) && !ifExists)
        throw new Stop({ kind: "dropUnknownTable", db: ref.db, table: ref.table });
    for (const ref of refs)
      if (this.catalog.readTable(ref.db, ref.table)) this.catalog.dropTable(ref.db, ref.table);
    return { kind: "done", tag: "DROP TABLE", count: 0 };
  }

  private sameColumn(a: string, b: string): boolean {
    return this.d.name === "mysql" ? a.toLowerCase() === b.toLowerCase() : a === b;
  }

  private columnIndex(
    t: Table,
    name: { name: string; pos: number },
    clause: "field list" | "where clause" | "order clause",
  ) {
    const i = t.columns.findIndex((c) => this.sameColumn(c.name, name.name));
    if (i < 0) throw new Stop({ kind: "unknownColumn", column: name.name, clause, pos: name.pos });
    return i;
  }

  private insert(): Result {
    this.expect("INTO");
    const ref = this.tableRef();
    const table = this.load(ref);
    let targets = table.columns.map((_, i) => i);
    if (this.acceptOp("(")) {
      targets = [];
      do {
        const col = this.name();
        const i = table.columns.findIndex((c) => this.sameColumn(c.name, col.name));
        if (i < 0)
          throw new Stop(
            this.d.name === "mysql"
              ? { kind: "unknownColumn", column: col.name, clause: "field list", pos: col.pos }
              : { kind: "insertUnknownColumn", column: col.name, table: ref.table, pos: col.pos },
          );
        targets.push(i);
      } while (this.acceptOp(","));
      this.expectOp(")");
    }
    if (!this.accept("VALUES")) this.accept("VALUE") || this.syntax();
    const tuples: Value[][] = [];
    do {
      this.expectOp("(");
      const tuple: Value[] = [];
      do {
        if (this.accept("DEFAULT")) tuple.push(undefined as unknown as Value);
        else tuple.push(this.literal());
      } while (this.acceptOp(","));
      this.expectOp(")");
      tuples.push(tuple);
    } while (this.acceptOp(","));
    this.end();
    const rows: Value[][] = [];
    let nextId = table.nextId;
    for (const [n, tuple] of tuples.entries()) {
      if (tuple.length !== targets.length)
        throw new Stop({ kind: "columnCount", row: n + 1, values: tuple.length, targets: targets.length });
      const row: Value[] = table.columns.map((c) => c.default);
      const given = new Set<number>();
      targets.forEach((ci, k) => {
        if (tuple[k] !== undefined) {
          row[ci] = tuple[k] as Value;
          given.add(ci);
        }
      });
      for (const [ci, c] of table.columns.entries()) {
        let v = row[ci] as Value;
        if (c.autoIncrement && (!given.has(ci) || v === null || (this.d.name === "mysql" && v === 0)))
          v = nextId;
        if (v !== null && c.numeric) {
          const num = typeof v === "number" ? v : Number(String(v).trim());
          if (String(v).trim() === "" || Number.isNaN(num))
            throw new Stop({ kind: "badValue", type: c.type, value: String(v), column: c.name, row: n + 1 });
          v = INT_TYPES.includes(c.type) ? Math.round(num) : num;
        } else if (v !== null) v = String(v);
        if (v === null && c.notNull) {
          const omitted = !given.has(ci) && this.d.name === "mysql";
          throw new Stop(
            omitted
              ? { kind: "noDefault", column: c.name }
              : { kind: "notNull", column: c.name, table: ref.table },
          );
        }
        if (c.autoIncrement && typeof v === "number") nextId = Math.max(nextId, v + 1);
        row[ci] = v;
      }
      const pk = table.columns.findIndex((c) => c.primaryKey);
      if (pk >= 0) {
        const clash = [...table.rows, ...rows].some((r) => this.equal(r[pk] as Value, row[pk] as Value));
        if (clash)
          throw new Stop({
            kind: "duplicate",
            value: String(row[pk]),
            table: ref.table,
            column: (table.columns[pk] as Column).name,
          });
      }
      rows.push(row);
    }
    this.catalog.writeTable(ref.db, ref.table, { ...table, rows: [...table.rows, ...rows], nextId });
    return { kind: "done", tag: "INSERT", count: rows.length };
  }

  private equal(a: Value, b: Value): boolean {
    return this.compare(a, b) === 0;
  }

  /** Compares two values as the server does: numbers numerically, text by its collation; NULL is unknown (NaN). */
  private compare(a: Value, b: Value): number {
    if (a === null || b === null) return Number.NaN;
    if (typeof a === "number" || typeof b === "number") {
      const x = Number(a);
      const y = Number(b);
      if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    }
    let x = String(a);
    let y = String(b);
    if (this.d.caseInsensitiveText) {
      x = x.toLowerCase();
      y = y.toLowerCase();
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** WHERE col op literal [AND ...]: a predicate over a table's rows. */
  private where(t: Table): (row: Value[]) => boolean {
    if (!this.accept("WHERE")) return () => true;
    const tests: ((row: Value[]) => boolean)[] = [];
    do {
      let col: number | undefined;
      let value: Value = null;
      let flipped = false;
      if (this.tok.kind === "word" || this.tok.kind === "ident") {
        const upper = this.tok.text.toUpperCase();
        if (this.tok.kind === "word" && ["NULL", "TRUE", "FALSE"].includes(upper)) value = this.literal();
        else col = this.columnIndex(t, this.name(), "where clause");
      } else value = this.literal();
      if (this.accept("IS")) {
        const not = this.accept("NOT");
        this.expect("NULL");
        if (col === undefined) this.syntax();
        const c = col;
        tests.push((row) => (row[c] === null) !== not);
        continue;
      }
      const op = this.tok;
      if (op.kind !== "op" || !["=", "!=", "<>", "<", ">", "<=", ">="].includes(op.text)) this.syntax();
      this.i++;
      if (col === undefined) {
        flipped = true;
        col = this.columnIndex(t, this.name(), "where clause");
      } else value = this.literal();
      const c = col;
      const v = value as Value;
      const sign = flipped ? -1 : 1;
      tests.push((row) => {
        const r = this.compare(row[c] as Value, v) * sign;
        if (Number.isNaN(r)) return false;
        switch (op.text) {
          case "=":
            return r === 0;
          case "<":
            return r < 0;
          case ">":
            return r > 0;
          case "<=":
            return r <= 0;
          case ">=":
            return r >= 0;
          default:
            return r !== 0;
        }
      });
    } while (this.accept("AND"));
    return (row) => tests.every((f) => f(row));
  }

  private delete(): Result {
    this.expect("FROM");
    const ref = this.tableRef();
    const table = this.load(ref);
    const keep = this.where(table);
    this.end();
    const rows = table.rows.filter((r) => !keep(r));
    this.catalog.writeTable(ref.db, ref.table, { ...table, rows });
    return { kind: "done", tag: "DELETE", count: table.rows.length - rows.length };
  }

  private update(): Result {
    const ref = this.tableRef();
    const table = this.load(ref);
    this.expect("SET");
    const sets: { col: number; value: Value }[] = [];
    do {
      const col = this.columnIndex(table, this.name(), "field list");
      this.expectOp("=");
      sets.push({ col, value: this.literal() });
    } while (this.acceptOp(","));
    const match = this.where(table);
    this.end();
    let matched = 0;
    let changed = 0;
    const rows = table.rows.map((r) => {
      if (!match(r)) return r;
      matched++;
      const next = [...r];
      for (const { col, value } of sets) {
        const c = table.columns[col] as Column;
        if (value === null && c.notNull)
          throw new Stop({ kind: "notNull", column: c.name, table: ref.table });
        let v: Value = value;
        if (v !== null && c.numeric) {
          const num = Number(v);
          if (String(v).trim() === "" || Number.isNaN(num))
            throw new Stop({
              kind: "badValue",
              type: c.type,
              value: String(v),
              column: c.name,
              row: matched,
            });
          v = INT_TYPES.includes(c.type) ? Math.round(num) : num;
        } else if (v !== null) v = String(v);
        next[col] = v;
      }
      if (next.some((v, i) => v !== r[i])) changed++;
      return next;
    });
    this.catalog.writeTable(ref.db, ref.table, { ...table, rows });
    // mysql counts the rows it changed (Rows matched/Changed), postgres the rows it matched.
    return { kind: "done", tag: "UPDATE", count: this.d.name === "mysql" ? changed : matched, matched };
  }

  private select(): Result {
    type Item =
      | { kind: "star" }
      | { kind: "count"; header: string }
      | { kind: "column"; name: string; pos: number; header?: string }
      | { kind: "value"; value: Value; header: string; numeric: boolean };
    const items: Item[] = [];
    do {
      const start = this.tok.pos;
      let item: Item;
      const t = this.tok;
      const next = this.tokens[this.i + 1] as Token;
      if (t.kind === "op" && t.text === "*") {
        this.i++;
        item = { kind: "star" };
      } else if (t.kind === "word" && next.kind === "op" && next.text === "(") {
        const fn = t.text.toLowerCase();
        this.i += 2;
        const f = this.session.functions[fn];
        if (fn === "count") {
          if (!this.acceptOp("*")) this.name();
        } else if (!f) {
          this.i -= 2;
          this.syntax();
        }
        this.expectOp(")");
        const header = this.d.headerOf(this.sql.slice(start, (this.tokens[this.i - 1] as Token).pos + 1), fn);
        if (!f) item = { kind: "count", header };
        else {
          const value = f();
          item = { kind: "value", value, header, numeric: typeof value === "number" };
        }
      } else if (
        t.kind === "word" &&
        ["CURRENT_USER", "CURRENT_DATABASE", "USER"].includes(t.text.toUpperCase()) &&
        this.session.functions[t.text.toLowerCase()] &&
        this.d.name === "postgres"
      ) {
        this.i++;
        const value = (this.session.functions[t.text.toLowerCase()] as () => Value)();
        item = { kind: "value", value, header: t.text.toLowerCase(), numeric: false };
      } else if (t.kind === "word" || t.kind === "ident") {
        const upper = t.text.toUpperCase();
        if (t.kind === "word" && ["NULL", "TRUE", "FALSE"].includes(upper)) {
          const value = this.literal();
          item = {
            kind: "value",
            value,
            header: this.d.headerOf(this.sql.slice(start, this.tok.pos).trim()),
            numeric: typeof value === "number",
          };
        } else {
          const n = this.name();
          item = { kind: "column", name: n.name, pos: n.pos };
        }
      } else {
        const value = this.literal();
        item = {
          kind: "value",
          value,
          header: this.d.headerOf(this.sql.slice(start, this.tok.pos).trim()),
          numeric: typeof value === "number",
        };
      }
      if (
        item.kind !== "star" &&
        (this.accept("AS") ||
          this.tok.kind === "ident" ||
          (this.tok.kind === "word" &&
            !["FROM", "WHERE", "ORDER", "LIMIT"].includes(this.tok.text.toUpperCase())))
      ) {
        const alias = this.name().name;
        if (item.kind === "column") item.header = alias;
        else item.header = alias;
      }
      items.push(item);
    } while (this.acceptOp(","));
    let table: Table | undefined;
    let keep: (row: Value[]) => boolean = () => true;
    const order: { col: number; desc: boolean }[] = [];
    let limit = Number.POSITIVE_INFINITY;
    if (this.accept("FROM")) {
      table = this.load(this.tableRef());
      keep = this.where(table);
    }
    if (this.accept("ORDER")) {
      this.expect("BY");
      if (!table) this.syntax();
      do {
        const col = this.columnIndex(table, this.name(), "order clause");
        const desc = this.accept("DESC");
        if (!desc) this.accept("ASC");
        order.push({ col, desc });
      } while (this.acceptOp(","));
    }
    if (this.accept("LIMIT")) {
      if (this.tok.kind !== "number") this.syntax();
      limit = Number(this.tok.text);
      this.i++;
    }
    this.end();
    const src = table;
    const columns: ResultColumn[] = [];
    const getters: ((row: Value[], count: number) => Value)[] = [];
    for (const item of items) {
      if (item.kind === "star") {
        if (!src) throw new Stop({ kind: "noTables" });
        src.columns.forEach((c, ci) => {
          columns.push({ name: c.name, numeric: c.numeric, nullable: !c.notNull });
          getters.push((row) => row[ci] as Value);
        });
      } else if (item.kind === "column") {
        if (!src)
          throw new Stop({ kind: "unknownColumn", column: item.name, clause: "field list", pos: item.pos });
        const ci = this.columnIndex(src, item, "field list");
        const c = src.columns[ci] as Column;
        columns.push({ name: item.header ?? c.name, numeric: c.numeric, nullable: !c.notNull });
        getters.push((row) => row[ci] as Value);
      } else if (item.kind === "count") {
        columns.push({ name: item.header, numeric: true });
        getters.push((_, count) => count);
      } else {
        columns.push({ name: item.header, numeric: item.numeric });
        getters.push(() => item.value);
      }
    }
    let rows = src ? src.rows.filter(keep) : [[]];
    if (order.length)
      rows = [...rows].sort((a, b) => {
        for (const o of order) {
          const av = a[o.col] as Value;
          const bv = b[o.col] as Value;
          // NULLs sort first in mysql, last in postgres, ascending.
          const nullFirst = this.d.name === "mysql" ? -1 : 1;
          let r =
            av === null && bv === null
              ? 0
              : av === null
                ? nullFirst
                : bv === null
                  ? -nullFirst
                  : this.compare(av, bv);
          if (o.desc) r = -r;
          if (r) return r;
        }
        return 0;
      });
    const count = rows.length;
    if (items.some((x) => x.kind === "count")) rows = [rows[0] ?? table?.columns.map(() => null) ?? []];
    return {
      kind: "rows",
      columns,
      rows: rows.slice(0, limit).map((r) => getters.map((g) => g(r, count))),
    };
  }
}
