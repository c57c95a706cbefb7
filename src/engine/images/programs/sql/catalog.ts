/**
 * Where the database servers keep their data: one directory per database and one JSON file per
 * table under the server's data directory (mysqld: /var/lib/mysql/DB/T.ibd; postgres:
 * $PGDATA/base/DB/T), so a PersistentVolume mounted there keeps it across pods and an emptyDir
 * does not.
 */
import type { FileSystem } from "../../../sh/interface";

/** A value in a row: SQL NULL is null. */
export type Value = string | number | null;

/** A column as CREATE TABLE declared it. */
export interface Column {
  name: string;
  /** The type as declared, lower-case without its length (`int`, `varchar`, `serial`). */
  type: string;
  numeric: boolean;
  notNull: boolean;
  primaryKey: boolean;
  /** AUTO_INCREMENT (mysql) or SERIAL (postgres). */
  autoIncrement: boolean;
  default: Value;
}

/** A table's definition and rows. */
export interface Table {
  columns: Column[];
  rows: Value[][];
  /** The next AUTO_INCREMENT / sequence value. */
  nextId: number;
}

/** The databases and tables a server holds. */
export interface Catalog {
  databases(): string[];
  hasDatabase(db: string): boolean;
  createDatabase(db: string): void;
  dropDatabase(db: string): void;
  tables(db: string): string[];
  readTable(db: string, table: string): Table | undefined;
  writeTable(db: string, table: string, t: Table): void;
  dropTable(db: string, table: string): void;
}

/**
 * A catalog on a file system: databases are the directories under root (except `hidden` ones),
 * tables the files named table + suffix in them; `skip` names files that are not tables.
 */
export function dirCatalog(
  fs: FileSystem,
  root: string,
  opts: { suffix: string; skip?: readonly string[]; hidden?: readonly string[] } = { suffix: "" },
): Catalog {
  const dir = (db: string) => `${root}/${db}`;
  const file = (db: string, t: string) => `${dir(db)}/${t}${opts.suffix}`;
  const isTable = (name: string) => name.endsWith(opts.suffix) && !opts.skip?.includes(name);
  return {
    databases: () =>
      fs.isDir(root) ? fs.list(root).filter((n) => fs.isDir(dir(n)) && !opts.hidden?.includes(n)) : [],
    hasDatabase: (db) => fs.isDir(dir(db)),
    createDatabase: (db) => fs.mkdir(dir(db), true),
    dropDatabase: (db) => fs.remove(dir(db), true),
    tables: (db) =>
      fs.isDir(dir(db))
        ? fs
            .list(dir(db))
            .filter(isTable)
            .map((n) => n.slice(0, n.length - opts.suffix.length))
        : [],
    readTable: (db, t) => {
      if (!fs.isFile(file(db, t))) return undefined;
      try {
        return JSON.parse(fs.read(file(db, t))) as Table;
      } catch {
        return undefined;
      }
    },
    writeTable: (db, t, table) => fs.write(file(db, t), `${JSON.stringify(table)}\n`),
    dropTable: (db, t) => fs.remove(file(db, t)),
  };
}
