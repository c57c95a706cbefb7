/**
 * A compiled sed script: addresses and commands as GNU sed's compile.c and busybox's
 * editors/sed.c build them, for the executor (exec.ts) to run.
 */

/** One address: a line, `$`, a regex (null: the last regex used), `first~step`, or `0` (of `0,/re/`). */
export type Address =
  | { kind: "line"; n: number }
  | { kind: "last" }
  | { kind: "re"; re: RegExp | null }
  | { kind: "step"; first: number; step: number }
  | { kind: "zero" };

/** A range's end: an Address, `+N` (N more lines) or `~N` (up to the next multiple of N). */
export type EndAddress = Address | { kind: "plus"; n: number } | { kind: "mult"; n: number };

/** A part of an `s` replacement. */
export type Piece =
  | { kind: "text"; text: string }
  /** `&` or `\0` (group 0), `\1`..`\9`. */
  | { kind: "group"; n: number }
  /** GNU's case conversions: `\L` `\U` until `\E`, `\l` `\u` for one character. */
  | { kind: "case"; op: "L" | "U" | "E" | "l" | "u" };

/** One command with its addresses. */
export interface SedCommand {
  /** The command letter (`s`, `p`, `{`, `}`, `:`...). */
  name: string;
  a1?: Address;
  a2?: EndAddress;
  negate: boolean;
  /** s: the regex (null: the last regex used), its replacement and flags. */
  re?: RegExp | null;
  replacement?: Piece[];
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  /** s///e (GNU): refused when run, as a sed built without popen does. */
  evaluate?: boolean;
  /** a, i, c: the text, each line ending with a newline. */
  text?: string;
  /** b, t, T: the label; `:` the label it defines. */
  label?: string;
  /** b, t, T: the index to jump to (the script's length: its end). `{`: the index of its `}`. */
  target?: number;
  /** r, R, w, W and s///w: the file. */
  file?: string;
  /** y: the map. */
  map?: Map<string, string>;
  /** q, Q: the exit status; l: the line length. */
  int?: number;
}

/** A compiled script. */
export interface SedScript {
  commands: SedCommand[];
  /** The script began with `#n` and a newline: as -n. */
  quiet: boolean;
  /** Files named by w, W and s///w, truncated before the first line is read. */
  writeFiles: string[];
}
