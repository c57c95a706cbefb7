/**
 * What the database clients and servers say to each other over a simulated TCP connection (a
 * stand-in for the MySQL and PostgreSQL wire protocols): one JSON request per exchange, holding
 * the login and at most one statement, and one JSON reply. The client keeps the session (the
 * current database) and sends it again with each statement.
 */
import type { Listener } from "../../../sh/interface";
import type { Value } from "./catalog";
import type { ResultColumn } from "./engine";

/** A login, and the statement to run after it. */
export interface WireRequest {
  user: string;
  /** undefined: the client sent no password (mysql: `using password: NO`). */
  password?: string;
  database?: string;
  /** The client's address as the server sees it: `localhost` over the local socket, else its IP. */
  from: string;
  query?: string;
  /** A psql meta-command's catalog query instead of a statement. */
  list?: "databases" | "tables" | "roles";
}

/** An error as the server words it. */
export interface WireError {
  /** mysql's error number and SQLSTATE. */
  code?: number;
  state?: string;
  message: string;
  /** postgres: 1-based character position in the statement (psql prints LINE and a caret). */
  position?: number;
  /** postgres's DETAIL line. */
  detail?: string;
  /** postgres: the server asks for a password the client did not give (psql: fe_sendauth: no password supplied). */
  passwordRequired?: boolean;
  /** The login failed (the client ends with its connection error). */
  fatal?: boolean;
}

/** The server's answer. */
export interface WireReply {
  error?: WireError;
  /** The session's database after the statement. */
  database?: string;
  rows?: { columns: ResultColumn[]; rows: Value[][] };
  /** A statement's command tag and count (`INSERT`, 1; `CREATE TABLE`, 0). */
  done?: { tag: string; count: number; matched?: number };
}

/** The server side: a Listener's tcp handler answering requests with handle. */
export function wireHandler(handle: (req: WireRequest) => WireReply): (input: string) => string {
  return (input) => {
    let req: WireRequest;
    try {
      req = JSON.parse(input) as WireRequest;
    } catch {
      return "";
    }
    return JSON.stringify(handle(req));
  };
}

/** The client side: sends a request over a connection and reads the reply (undefined: the server said nothing). */
export function exchange(conn: Listener, req: WireRequest): WireReply | undefined {
  const raw = conn.tcp?.(JSON.stringify(req)) ?? "";
  try {
    return raw ? (JSON.parse(raw) as WireReply) : undefined;
  } catch {
    return undefined;
  }
}
