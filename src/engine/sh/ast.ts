/**
 * The syntax tree of a POSIX shell program (with the bash additions Kubeglass needs), after
 * mvdan/sh's syntax package: words are lists of parts, commands are a small closed union.
 */

/** A piece of a word, before expansion. */
export type WordPart =
  /** Unquoted literal text; `\x` escapes are already resolved into `{ kind: "sq" }` parts. */
  | { kind: "lit"; value: string }
  /** Single-quoted (or backslash-escaped) text: no expansion, no splitting, no globbing. */
  | { kind: "sq"; value: string }
  /** A double-quoted string: expansions inside, but no splitting or globbing. */
  | { kind: "dq"; parts: WordPart[] }
  /** `$x`, `${x}`, `${x:-word}`, `${#x}` and the other parameter expansions. */
  | ParamExp
  /** `$(...)` or backticks. */
  | { kind: "cmdsub"; body: List }
  /** `<(...)` (bash): the path of a file holding the command's output. */
  | { kind: "procsub"; body: List }
  /** `$((...))`: the expression text is itself a word (expansions happen before evaluation). */
  | { kind: "arith"; expr: Word }
  /** A leading `~` or `~user`. */
  | { kind: "tilde"; user: string };

/** A parameter expansion. op is absent for a plain `$x` / `${x}`. */
export interface ParamExp {
  kind: "param";
  name: string;
  /** `${#x}` */
  length?: boolean;
  op?: string;
  arg?: Word;
  /** `${x/a/b}`: the replacement. */
  repl?: Word;
}

/** A word: concatenated parts. */
export type Word = WordPart[];

/** `NAME=value` before a command or alone. */
export interface Assign {
  name: string;
  value: Word;
  /** `a+=x` (bash). */
  append?: boolean;
  /** `a[i]=x` (bash): the index, an arithmetic expression. */
  index?: Word;
  /** `a=(x y z)` (bash): the elements. */
  array?: Word[];
}

/** A redirection: `2>&1`, `>file`, `<<EOF`. */
export interface Redir {
  /** The file descriptor redirected; default 0 for input operators, 1 for output. */
  fd: number;
  op: ">" | ">>" | "<" | ">&" | "<&" | "<>" | ">|" | "&>" | "&>>" | "<<" | "<<-" | "<<<";
  target: Word;
  /** For here-documents: the body, already a word (literal when the delimiter was quoted). */
  heredoc?: Word;
}

/** `cmd args` with assignments and redirections. */
export interface SimpleCommand {
  kind: "simple";
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
  line: number;
  /** `local a=(x y)`, `declare -a a=(...)` (bash): arrays a declaration builtin sets after it runs. */
  declArrays?: { name: string; array: Word[] }[];
  /**
   * The argv, worked out once by the parser, of a command whose words need no expansion in any
   * shell state (plain words without glob or brace characters, or single-quoted) and that has no
   * assignment, redirection or declaration builtin (`echo tick`, `sleep 1`). Frozen: shared by
   * every run of the command.
   */
  literal?: readonly string[];
}

/** Any command that can be a pipeline stage. */
export type Command =
  | SimpleCommand
  | { kind: "group"; body: List; redirs: Redir[]; line: number }
  | { kind: "subshell"; body: List; redirs: Redir[]; line: number }
  | { kind: "if"; clauses: { cond: List; body: List }[]; else?: List; redirs: Redir[]; line: number }
  | { kind: "while"; until: boolean; cond: List; body: List; redirs: Redir[]; line: number }
  | { kind: "for"; name: string; items?: Word[]; body: List; redirs: Redir[]; line: number }
  | { kind: "case"; word: Word; items: CaseItem[]; redirs: Redir[]; line: number }
  | { kind: "func"; name: string; body: Command; line: number }
  | { kind: "dbracket"; expr: CondExpr; redirs: Redir[]; line: number }
  | { kind: "arithcmd"; expr: Word; redirs: Redir[]; line: number };

/** One `pattern) body ;;` of a case. */
export interface CaseItem {
  patterns: Word[];
  body: List;
  /** Ended by `;&` (bash): the next item's body runs too. */
  fallthrough?: boolean;
}

/** `[[ ... ]]` (bash): a tree of tests. */
export type CondExpr =
  | { kind: "unary"; op: string; arg: Word }
  | { kind: "binary"; op: string; left: Word; right: Word }
  | { kind: "word"; arg: Word }
  | { kind: "not"; expr: CondExpr }
  | { kind: "and" | "or"; left: CondExpr; right: CondExpr };

/** `a | b | c`, optionally negated with `!`. */
export interface Pipeline {
  negate: boolean;
  cmds: Command[];
  line: number;
  /** `time pipeline` (bash's keyword): report the elapsed time after it. */
  timed?: boolean;
}

/** `a && b || c`. */
export interface AndOr {
  first: Pipeline;
  rest: { op: "&&" | "||"; pipeline: Pipeline }[];
}

/** A sequence of and-or lists, each run in the foreground or in the background (`&`). */
export interface List {
  items: { cmd: AndOr; background: boolean }[];
}

/** A whole parsed script. */
export type Script = List;
