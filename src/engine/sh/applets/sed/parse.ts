/**
 * The sed script parser, after GNU sed 4.9's sed/compile.c (its messages, with their backquotes,
 * and `-e expression #N, char M:` / `file F line N:` positions) and busybox's editors/sed.c
 * (add_cmd, parse_subst_cmd, its own messages). Errors are SedError values worded per flavour.
 */
import type { Flavour } from "../common";
import { compile, escapeRe, RegexError } from "../regex";
import { BUSYBOX, GNU } from "./messages";
import type { Address, EndAddress, Piece, SedCommand, SedScript } from "./script";

/** A script error, worded for the flavour, with the status sed exits with. */
export class SedError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** One piece of script: an `-e` expression (or the script operand), or an `-f` file. */
export interface ScriptSource {
  text: string;
  /** The file for -f; none for an expression. */
  file?: string;
}

/** What changes how a script is read. */
export interface ParseOptions {
  flavour: Flavour;
  extended: boolean;
  /** --sandbox: e, r and w are refused. */
  sandbox?: boolean;
}

/** Compiles a sed regex: `.` matches a newline (no REG_NEWLINE) unless M; I ignores case. */
export function compileSedRegex(src: string, extended: boolean, flags: string): RegExp {
  const multiline = flags.includes("M");
  return compile(src, extended, `g${multiline ? "m" : "s"}${flags.includes("I") ? "i" : ""}`);
}

/** Parses the sources (joined by newlines, as GNU and busybox join `-e`s) into a script. */
export function parseScript(sources: ScriptSource[], opt: ParseOptions): SedScript {
  return new Parser(sources, opt).parse();
}

/** The escapes sed converts before its regex compiler sees them, brackets included ([\n]). */
const ESCAPED: Record<string, string> = { n: "\n", t: "\t", r: "\r" };

const COMMANDS_GNU = "{}=:abcdDeFgGhHilnNpPqQrRstTvwWxyz#";
const COMMANDS_BUSYBOX = "saicrw:btTydDgGhHlnNpPqx={}#";

class Parser {
  private readonly src: string;
  private readonly starts: number[] = [];
  private i = 0;
  private readonly gnu: boolean;
  private readonly cmds: SedCommand[] = [];
  private readonly writeFiles: string[] = [];

  constructor(
    private readonly sources: ScriptSource[],
    private readonly opt: ParseOptions,
  ) {
    let at = 0;
    for (const s of sources) {
      this.starts.push(at);
      at += s.text.length + 1;
    }
    this.src = sources.map((s) => s.text).join("\n");
    this.gnu = opt.flavour === "gnu";
  }

  /** An error at the current position: GNU's prefix names the expression and character. */
  private fail(gnu: string, busybox: string): SedError {
    if (!this.gnu) return new SedError(busybox);
    let k = this.starts.length - 1;
    while (k > 0 && (this.starts[k] as number) > this.i) k--;
    const source = this.sources[k] as ScriptSource;
    const offset = Math.min(this.i - (this.starts[k] as number), source.text.length);
    if (source.file !== undefined) {
      const line = source.text.slice(0, offset).split("\n").length;
      return new SedError(`file ${source.file} line ${line}: ${gnu}`);
    }
    const expr = this.sources.slice(0, k + 1).filter((s) => s.file === undefined).length;
    return new SedError(`-e expression #${expr}, char ${offset}: ${gnu}`);
  }

  private get ch(): string | undefined {
    return this.src[this.i];
  }

  private skipBlanks(): void {
    while (this.ch === " " || this.ch === "\t") this.i++;
  }

  parse(): SedScript {
    const quiet = this.src.startsWith("#n\n") || this.src === "#n";
    const blocks: number[] = [];
    for (;;) {
      while (this.ch !== undefined && /[\s;]/.test(this.ch)) this.i++;
      if (this.ch === undefined) break;
      const cmd = this.command();
      if (!cmd) continue;
      if (cmd.name === "{") blocks.push(this.cmds.length);
      if (cmd.name === "}") {
        const open = blocks.pop();
        if (open === undefined) throw this.fail(GNU.excessCloseBrace, BUSYBOX.unmatched("}"));
        (this.cmds[open] as SedCommand).target = this.cmds.length;
      }
      this.cmds.push(cmd);
    }
    if (blocks.length) {
      // GNU reports it once the expression is compiled, at char 0.
      this.i = this.starts.at(-1) ?? 0;
      throw this.fail(GNU.excessOpenBrace, BUSYBOX.unterminatedBrace);
    }
    this.resolveLabels();
    return { commands: this.cmds, quiet, writeFiles: this.writeFiles };
  }

  private resolveLabels(): void {
    const labels = new Map<string, number>();
    this.cmds.forEach((c, k) => {
      if (c.name === ":" && !labels.has(c.label as string)) labels.set(c.label as string, k);
    });
    for (const c of this.cmds) {
      if (!"btT".includes(c.name)) continue;
      if (!c.label) c.target = this.cmds.length;
      else {
        const at = labels.get(c.label);
        // GNU panics (exit 4) after compiling; busybox dies with 1.
        if (at === undefined)
          throw new SedError(this.gnu ? GNU.noLabel(c.label) : BUSYBOX.noLabel(c.label), this.gnu ? 4 : 1);
        c.target = at;
      }
    }
  }

  /** Reads one command with its addresses; undefined for a comment. */
  private command(): SedCommand | undefined {
    const cmd: SedCommand = { name: "", negate: false };
    cmd.a1 = this.address();
    if (cmd.a1) {
      this.skipBlanks();
      if (this.ch === ",") {
        this.i++;
        this.skipBlanks();
        cmd.a2 = this.endAddress();
        if (!cmd.a2) throw this.fail(GNU.badComma, BUSYBOX.noAddressAfterComma);
      }
    }
    this.skipBlanks();
    if (this.ch === "!") {
      cmd.negate = true;
      this.i++;
      this.skipBlanks();
      if (this.ch === "!") throw this.fail(GNU.badBang, BUSYBOX.unsupported("!"));
    }
    const name = this.ch;
    if (name === undefined || name === "\n" || name === ";")
      throw this.fail(GNU.noCommand, BUSYBOX.missingCommand);
    this.i++;
    cmd.name = name;
    // GNU checks `0` once it has the command (compile_program): only `0,/re/` may use it.
    if (cmd.a1?.kind === "zero" && cmd.a2?.kind !== "re")
      throw this.fail(GNU.invalidLine0, BUSYBOX.unsupported("0"));
    const known = this.gnu ? COMMANDS_GNU : COMMANDS_BUSYBOX;
    if (!known.includes(name)) throw this.fail(GNU.unknownCmd(name), BUSYBOX.unsupported(name));
    if (name === "#") {
      if (cmd.a1) throw this.fail(GNU.noSharpAddr, BUSYBOX.unsupported("#"));
      while (this.ch !== undefined && this.ch !== "\n") this.i++;
      return undefined;
    }
    if (cmd.a2 && (this.gnu ? "qQ" : "air").includes(name))
      throw this.fail(GNU.oneAddr, BUSYBOX.oneAddr(name));
    if (name === "{") return cmd;
    if (name === "}") {
      if (cmd.a1) throw this.fail(GNU.noCloseBraceAddr, BUSYBOX.unsupported("}"));
    } else if (name === ":") {
      if (cmd.a1) throw this.fail(GNU.noColonAddr, BUSYBOX.unsupported(":"));
      cmd.label = this.label();
      if (!cmd.label) throw this.fail(GNU.colonLacksLabel, BUSYBOX.unsupported(":"));
    } else if ("btT".includes(name)) cmd.label = this.label();
    else if ("aic".includes(name)) {
      cmd.text = this.text();
      return cmd;
    } else if ("rRwW".includes(name)) {
      if (this.opt.sandbox && "rw".includes(name)) throw this.fail(GNU.sandbox, GNU.sandbox);
      cmd.file = this.filename();
      if ("wW".includes(name)) this.writeFiles.push(cmd.file);
      return cmd;
    } else if ("qQl".includes(name)) {
      this.skipBlanks();
      const m = /^\d+/.exec(this.src.slice(this.i));
      if (m) {
        cmd.int = Number(m[0]);
        this.i += m[0].length;
      }
    } else if (name === "s") this.substitute(cmd);
    else if (name === "y") this.transliterate(cmd);
    else if (name === "e" || name === "v") {
      // e COMMAND runs to the end of the line; v [VERSION] is a no-op.
      while (this.ch !== undefined && this.ch !== "\n" && (name === "e" || this.ch !== ";")) this.i++;
      if (name === "v") return undefined;
      return cmd;
    }
    this.endOfCommand(name === "s" ? GNU.unknownSOpt : GNU.excessJunk);
    return cmd;
  }

  /** After a command: blanks, then `;`, a newline, `}`, `#` or the end. */
  private endOfCommand(gnu: string): void {
    this.skipBlanks();
    const c = this.ch;
    if (c === undefined || c === ";" || c === "\n" || c === "}" || c === "#") {
      if (c === ";" || c === "\n") this.i++;
      return;
    }
    this.i++;
    throw this.fail(gnu, gnu === GNU.unknownSOpt ? BUSYBOX.badSOpt : BUSYBOX.unsupported(c));
  }

  private number(): number | undefined {
    const m = /^\d+/.exec(this.src.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  private address(): Address | undefined {
    const c = this.ch;
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const n = this.number() as number;
      if (this.ch === "~" && this.gnu) {
        this.i++;
        const step = this.number() ?? 0;
        // GNU: first~0 is the line first.
        if (step > 0) return { kind: "step", first: n, step };
      }
      return n === 0 ? { kind: "zero" } : { kind: "line", n };
    }
    if (c === "$") {
      this.i++;
      return { kind: "last" };
    }
    if (c === "/" || c === "\\") {
      this.i++;
      let delim = "/";
      if (c === "\\") {
        delim = this.ch ?? "";
        this.i++;
      }
      const src = this.delimited(delim, GNU.untermAddrRe, "regex");
      let flags = "";
      while (this.ch === "I" || (this.ch === "M" && this.gnu)) flags += this.src[this.i++];
      return { kind: "re", re: src === "" ? null : this.regex(src, flags) };
    }
    if ((c === "+" || c === "~") && this.gnu) throw this.fail(GNU.badStep, GNU.badStep);
    return undefined;
  }

  private endAddress(): EndAddress | undefined {
    const c = this.ch;
    // busybox has `+N` only; GNU `~N` too.
    if ((c === "+" || (c === "~" && this.gnu)) && /\d/.test(this.src[this.i + 1] ?? "")) {
      this.i++;
      const n = this.number() as number;
      return c === "+" ? { kind: "plus", n } : { kind: "mult", n };
    }
    const a = this.address();
    if (a?.kind === "zero") throw this.fail(GNU.invalidLine0, BUSYBOX.unsupported("0"));
    return a;
  }

  private regex(src: string, flags: string): RegExp {
    try {
      return compileSedRegex(src, this.opt.extended, flags);
    } catch (e) {
      if (e instanceof RegexError) throw this.fail(e.message, `bad regex '${src}': ${e.message}`);
      throw e;
    }
  }

  /**
   * Reads up to an unescaped delim (GNU's match_slash): `\delim` is the delimiter itself, `\n` a
   * newline, other escapes are kept for the regex compiler. An unescaped newline ends it badly;
   * busybox steps over bracket expressions.
   */
  private delimited(delim: string, gnuError: string, kind: "regex" | "y"): string {
    let out = "";
    for (;;) {
      const c = this.ch;
      if (c === undefined || (c === "\n" && this.gnu)) throw this.fail(gnuError, BUSYBOX.unmatched(delim));
      this.i++;
      if (c === delim) return out;
      if (c === "\\") {
        const n = this.ch;
        if (n === undefined) continue;
        this.i++;
        const hex = this.gnu && n === "x" ? /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.i)) : null;
        if (hex) {
          // GNU's \xHH is the character itself, never special.
          const ch = String.fromCharCode(Number.parseInt(hex[0], 16));
          out += kind === "regex" ? escapeRe(ch) : ch;
          this.i += hex[0].length;
        } else if (n === delim) out += delim;
        else if (n === "n") out += "\n";
        // Both convert \t and \r before the regex compiler sees them, so [ \t] holds a tab.
        else if ((n === "t" || n === "r") && kind === "regex") out += n === "t" ? "\t" : "\r";
        else if (n === "\n") out += kind === "y" ? "\n" : "\\n";
        else out += `\\${n}`;
      } else if (c === "[" && kind === "regex") {
        // A delimiter inside a bracket expression does not end the regex (snarf_char_class).
        const end = bracketEnd(this.src, this.i);
        const inside = this.src
          .slice(this.i, end)
          .replace(/\\([ntr])/g, (_, e: string) => ESCAPED[e] as string);
        out += c + inside;
        this.i = end;
      } else out += c;
    }
  }

  /** An `s` replacement up to delim, as pieces (GNU setup_replacement). */
  private replacement(delim: string): Piece[] {
    const pieces: Piece[] = [];
    let text = "";
    const flush = () => {
      if (text) pieces.push({ kind: "text", text });
      text = "";
    };
    for (;;) {
      const c = this.ch;
      if (c === undefined || (c === "\n" && this.gnu)) throw this.fail(GNU.untermS, BUSYBOX.unmatched(delim));
      this.i++;
      if (c === delim) break;
      if (c === "&") {
        flush();
        pieces.push({ kind: "group", n: 0 });
      } else if (c === "\\") {
        const n = this.ch;
        if (n === undefined) continue;
        this.i++;
        if (n === delim) text += n;
        else if (/\d/.test(n)) {
          flush();
          pieces.push({ kind: "group", n: Number(n) });
        } else if (n === "n" || n === "\n") text += "\n";
        else if (n === "t") text += "\t";
        else if (n === "r") text += "\r";
        else if (n === "f") text += "\f";
        else if (n === "v") text += "\v";
        else if (n === "a") text += "\x07";
        else if (this.gnu && n === "x" && /^[0-9a-fA-F]{1,2}/.test(this.src.slice(this.i))) {
          const hex = (/^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.i)) as RegExpExecArray)[0];
          text += String.fromCharCode(Number.parseInt(hex, 16));
          this.i += hex.length;
        } else if (this.gnu && "LUElu".includes(n)) {
          flush();
          pieces.push({ kind: "case", op: n as "L" | "U" | "E" | "l" | "u" });
        } else text += n;
      } else text += c;
    }
    flush();
    return pieces;
  }

  private substitute(cmd: SedCommand): void {
    const delim = this.ch;
    if (delim === undefined || delim === "\n" || delim === "\\")
      throw this.fail(GNU.untermS, BUSYBOX.badSubst);
    this.i++;
    const pattern = this.delimited(delim, GNU.untermS, "regex");
    cmd.replacement = this.replacement(delim);
    let flags = "";
    for (;;) {
      const f = this.ch;
      if (f === undefined) break;
      if (f === "g") {
        if (cmd.global) throw this.fail(GNU.excessG, BUSYBOX.badSOpt);
        cmd.global = true;
      } else if (f === "p") {
        if (cmd.print && this.gnu) throw this.fail(GNU.excessP, BUSYBOX.badSOpt);
        cmd.print = true;
      } else if (f === "i" || f === "I") flags += "I";
      else if ((f === "m" || f === "M") && this.gnu) flags += "M";
      else if (f === "e" && this.gnu) cmd.evaluate = true;
      else if (/\d/.test(f)) {
        if (cmd.occurrence !== undefined) throw this.fail(GNU.excessN, BUSYBOX.badSOpt);
        const n = this.number() as number;
        if (n === 0) throw this.fail(GNU.zeroN, BUSYBOX.badSOpt);
        cmd.occurrence = n;
        continue;
      } else if (f === "w") {
        this.i++;
        if (this.opt.sandbox) throw this.fail(GNU.sandbox, GNU.sandbox);
        cmd.file = this.filename();
        this.writeFiles.push(cmd.file);
        break;
      } else break;
      this.i++;
    }
    cmd.re = pattern === "" ? null : this.regex(pattern, flags);
  }

  private transliterate(cmd: SedCommand): void {
    const delim = this.ch;
    if (delim === undefined || delim === "\n" || delim === "\\")
      throw this.fail(GNU.untermY, BUSYBOX.badSubst);
    this.i++;
    // `\\` is a backslash; `\delim` and `\n` were read by delimited; other escapes stay.
    const chars = (s: string) => [...s.replace(/\\\\/g, "\\")];
    const a = chars(this.delimited(delim, GNU.untermY, "y"));
    const b = chars(this.delimited(delim, GNU.untermY, "y"));
    if (a.length !== b.length) throw this.fail(GNU.yLength, GNU.yLength);
    cmd.map = new Map(a.map((ch, k) => [ch, b[k] as string]));
  }

  /** A label: up to a newline or `;` (GNU 4.9 and busybox also end it at whitespace). */
  private label(): string {
    this.skipBlanks();
    const start = this.i;
    while (this.ch !== undefined && !/[\s;]/.test(this.ch)) this.i++;
    return this.src.slice(start, this.i);
  }

  /** A file name: the rest of the line. */
  private filename(): string {
    this.skipBlanks();
    const start = this.i;
    while (this.ch !== undefined && this.ch !== "\n") this.i++;
    const name = this.src.slice(start, this.i);
    if (!name) throw this.fail(GNU.missingFilename, BUSYBOX.emptyFilename);
    return name;
  }

  /**
   * The text of a, i, c: GNU's one-liner form (`a text`) or `a\` then lines; a line ending in a
   * backslash goes on to the next; `\X` is X. Each line of the text ends with a newline.
   */
  private text(): string {
    this.skipBlanks();
    if (this.ch === "\\") {
      // `a\` keeps the blanks after it (`a\    indented`): the one-liner form strips them.
      this.i++;
      if (this.src[this.i] === "\n") this.i++;
    } else if (this.ch === undefined || this.ch === "\n") {
      if (this.gnu) throw this.fail(GNU.expectedSlash, GNU.expectedSlash);
    }
    let text = "";
    for (;;) {
      const c = this.ch;
      if (c === undefined) break;
      this.i++;
      if (c === "\n") break;
      if (c === "\\") {
        const n = this.ch;
        if (n === undefined) break;
        this.i++;
        text += n === "t" ? "\t" : n === "r" ? "\r" : n === "n" ? "\n" : n;
      } else text += c;
    }
    return `${text}\n`;
  }
}

/** The index after the bracket expression whose `[` is just before start (or the end of the line). */
function bracketEnd(src: string, start: number): number {
  let i = start;
  if (src[i] === "^") i++;
  if (src[i] === "]") i++;
  while (i < src.length && src[i] !== "\n") {
    const c = src[i];
    if (c === "]") return i + 1;
    if (c === "[" && ":.=".includes(src[i + 1] ?? "")) {
      const close = src.indexOf(`${src[i + 1]}]`, i + 2);
      i = close < 0 ? src.length : close + 2;
    } else i++;
  }
  return i;
}
