/** The parsed form of an awk program. */

/** An expression. */
export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "regex"; src: string }
  | { k: "var"; name: string }
  | { k: "field"; index: Expr }
  | { k: "index"; name: string; keys: Expr[] }
  | { k: "assign"; op: string; target: Expr; value: Expr }
  | { k: "cond"; test: Expr; yes: Expr; no: Expr }
  | { k: "and" | "or"; a: Expr; b: Expr }
  | { k: "in"; keys: Expr[]; name: string }
  | { k: "match"; negate: boolean; a: Expr; re: Expr }
  | { k: "binary"; op: string; a: Expr; b: Expr }
  | { k: "concat"; a: Expr; b: Expr }
  | { k: "unary"; op: string; a: Expr }
  | { k: "incr"; op: "++" | "--"; prefix: boolean; target: Expr }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "builtin"; name: string; args: Expr[] }
  | { k: "getline"; target?: Expr; file?: Expr }
  | { k: "group"; e: Expr };

/** A statement. */
export type Stmt =
  | { k: "expr"; e: Expr }
  | { k: "print" | "printf"; args: Expr[]; redirect?: { op: string; to: Expr } }
  | { k: "block"; body: Stmt[] }
  | { k: "if"; test: Expr; yes: Stmt; no?: Stmt }
  | { k: "while"; test: Expr; body: Stmt }
  | { k: "do"; body: Stmt; test: Expr }
  | { k: "for"; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: "forin"; key: string; name: string; body: Stmt }
  | { k: "next" | "nextfile" | "break" | "continue" }
  | { k: "exit" | "return"; e?: Expr }
  | { k: "delete"; name: string; keys?: Expr[] };

/** A pattern-action item. */
export interface Item {
  kind: "BEGIN" | "END" | "main";
  pattern?: Expr;
  /** A range pattern's end (`/a/,/b/`). */
  until?: Expr;
  action?: Stmt[];
}

/** A user function. */
export interface Func {
  params: string[];
  body: Stmt[];
}

/** A whole program. */
export interface Program {
  items: Item[];
  funcs: Map<string, Func>;
}
