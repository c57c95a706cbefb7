/** The syntax tree of the simulated python (a subset of CPython's Lib/ast.py nodes, short names). */

/** A call argument: positional, keyword (kw), *iterable (star 1) or **mapping (star 2). */
export interface Arg {
  e: Expr;
  kw?: string;
  star?: 1 | 2;
}

/** A function parameter: plain, *args, **kwargs; a default. */
export interface Param {
  name: string;
  kind: "pos" | "star" | "dstar";
  def?: Expr;
}

/** One `for ... in ... if ...` of a comprehension. */
export interface CompFor {
  target: Expr;
  iter: Expr;
  conds: Expr[];
}

/** An f-string's replacement field. */
export interface FField {
  e: Expr;
  /** `=` self-documenting text (`{x=}`), the expression's source and the `=`. */
  selfDoc?: string;
  conv?: "r" | "s" | "a";
  spec?: Expr;
}

/** An expression. */
export type Expr =
  | { t: "const"; v: null | boolean | bigint | number | string }
  | { t: "name"; id: string }
  | { t: "fstr"; parts: (string | FField)[] }
  | { t: "bin"; op: string; l: Expr; r: Expr }
  | { t: "un"; op: string; e: Expr }
  | { t: "bool"; op: "and" | "or"; l: Expr; r: Expr }
  | { t: "cmp"; ops: string[]; items: Expr[] }
  | { t: "call"; f: Expr; args: Arg[] }
  | { t: "attr"; e: Expr; n: string }
  | { t: "sub"; e: Expr; i: Expr }
  | { t: "slice"; lo?: Expr; hi?: Expr; step?: Expr }
  | { t: "list" | "tuple" | "set"; items: Expr[] }
  | { t: "dict"; items: [Expr | null, Expr][] }
  | { t: "ifexp"; c: Expr; a: Expr; b: Expr }
  | { t: "lambda"; params: Param[]; body: Expr }
  | { t: "comp"; kind: "list" | "set" | "dict" | "gen"; elt: Expr; val?: Expr; gens: CompFor[] }
  | { t: "starred"; e: Expr };

/** An except clause. */
export interface Handler {
  type?: Expr;
  name?: string;
  body: Stmt[];
  line: number;
}

/** A statement, with its line. */
export type Stmt = { line: number } & (
  | { t: "expr"; e: Expr }
  | { t: "assign"; targets: Expr[]; v: Expr }
  | { t: "aug"; target: Expr; op: string; v: Expr }
  | { t: "if"; c: Expr; body: Stmt[]; orelse: Stmt[] }
  | { t: "while"; c: Expr; body: Stmt[]; orelse: Stmt[] }
  | { t: "for"; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { t: "def"; name: string; params: Param[]; body: Stmt[] }
  | { t: "return"; e?: Expr }
  | { t: "pass" | "break" | "continue" }
  | { t: "import"; names: [string, string | undefined][] }
  | { t: "from"; module: string; names: [string, string | undefined][] }
  | { t: "try"; body: Stmt[]; handlers: Handler[]; orelse: Stmt[]; final: Stmt[] }
  | { t: "raise"; e?: Expr; cause?: Expr }
  | { t: "global" | "nonlocal"; names: string[] }
  | { t: "del"; targets: Expr[] }
  | { t: "assert"; c: Expr; msg?: Expr }
  | { t: "with"; items: { e: Expr; as?: Expr }[]; body: Stmt[] }
  | { t: "class"; name: string; bases: Expr[]; body: Stmt[] }
);
