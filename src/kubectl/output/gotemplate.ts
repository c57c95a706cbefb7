/**
 * Go's text/template as kubectl's `-o go-template=` and `--template` run it
 * (cli-runtime/pkg/printers/template.go): the object is JSON-decoded into map[string]interface{}
 * (numbers are float64), missing map keys print `<no value>` (missingkey=default, kubectl's
 * --allow-missing-template-keys), and the extra functions are `exists` and `base64decode`.
 *
 * Supported: text, `{{- -}}` trimming, comments, pipelines, fields, variables, literals,
 * parenthesised pipelines, if / else if / else, range (with `$i, $v :=` and else), with, break,
 * continue, and the builtins and, or, not, len, index, print, printf, println, eq, ne, lt, le,
 * gt, ge. Messages follow text/template's (`template: output:1: unexpected EOF`).
 */
import { goCompare, goFormatFloatG } from "./gofmt";

// biome-ignore lint/suspicious/noExplicitAny: decoded JSON values
type Json = any;

/** A template that does not parse or fails while running; message as text/template's. */
export class GoTemplateError extends Error {}

/** The template's name in messages: kubectl parses it as template.New("output"). */
const NAME = "output";

/** An integer constant of the template (Go int), kept apart from JSON's float64 numbers. */
export class GoInt {
  constructor(readonly value: number) {}
}

/** A missing map entry: Go's invalid reflect.Value, printed `<no value>`. */
export const MISSING = Symbol("no value");

/** A value in a template: decoded JSON, a Go int constant, a struct, or a missing entry. */
export type Value = Json | GoInt | GoStruct | typeof MISSING;

/**
 * A Go struct (helm's chart.Metadata, chartutil.Capabilities): named fields, a field that is not
 * there is an error, and a String() method when it has one.
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, Value>,
    readonly stringer?: string,
    /** Methods templates may call (`.Capabilities.APIVersions.Has "apps/v1"`), by name. */
    readonly methods: ReadonlyMap<string, GoMethod> = new Map(),
  ) {}
}

/** A method of a GoStruct: its arguments and a way to fail as the call. */
export type GoMethod = (args: Value[], fail: (msg: string) => never) => Value;

/** A method picked by a field chain, not called yet (it may still get arguments). */
class BoundMethod {
  constructor(
    readonly name: string,
    readonly call: GoMethod,
  ) {}
}

// ---- lexing and parsing --------------------------------------------------------------------

/** An operand as parsed; pos and text are where it starts and how Go's String() writes it. */
type Arg = { pos: Pos; text: string } & (
  | { k: "dot" }
  | { k: "nil" }
  | { k: "field"; names: string[] }
  | { k: "var"; name: string; names: string[] }
  | { k: "ident"; name: string }
  | { k: "const"; value: Value }
  | { k: "pipe"; pipe: Pipe; names: string[] }
);

interface Cmd {
  args: Arg[];
  pos: Pos;
  text: string;
}

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
  pos: Pos;
}

interface Pos {
  line: number;
  col: number;
  /** The name of the template the text was parsed as (text/template's ParseName). */
  name: string;
}

type Node =
  | { k: "text"; text: string }
  | { k: "action"; pipe: Pipe }
  | { k: "if" | "with" | "range"; pipe: Pipe; list: Node[]; else?: Node[] }
  | { k: "break" | "continue"; pos: Pos }
  | { k: "template"; name: string; pipe?: Pipe; pos: Pos; text: string };

interface Action {
  body: string;
  /** Offset of the body in the source. */
  start: number;
  pos: Pos;
}

type Piece = { text: string } | Action;

type PosAt = (offset: number) => Pos;

/** Line (1-based) and column (0-based byte offset in the line) of an offset, as parse.ErrorContext. */
function positions(src: string, name: string): PosAt {
  return (at) => {
    const before = src.slice(0, at);
    return { line: before.split("\n").length, col: at - before.lastIndexOf("\n") - 1, name };
  };
}

/** Splits the source into text and actions, applying `{{-` and `-}}` trimming. */
function lex(src: string, posAt: PosAt): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= src.length) {
    const open = src.indexOf("{{", i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, "");
    trimNext = false;
    if (open < 0) {
      if (text) pieces.push({ text });
      break;
    }
    let start = open + 2;
    if (/^-[ \t\r\n]/.test(src.slice(start, start + 2))) {
      text = text.replace(/[ \t\r\n]+$/, "");
      start += 1;
    }
    if (text) pieces.push({ text });
    const close = findClose(src, start);
    if (close < 0)
      throw new GoTemplateError(`template: ${posAt(open).name}:${posAt(open).line}: unclosed action`);
    let end = close;
    if (/[ \t\r\n]-$/.test(src.slice(start, close))) {
      end = close - 1;
      trimNext = true;
    }
    pieces.push({ body: src.slice(start, end), start, pos: posAt(open) });
    i = close + 2;
  }
  return pieces;
}

/** The index of the `}}` closing an action that starts at i, skipping quoted strings. */
function findClose(src: string, i: number): number {
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "`") {
      i = src.indexOf("`", i + 1) + 1;
      if (i === 0) return -1;
    } else if (src.startsWith("/*", i)) {
      const e = src.indexOf("*/", i + 2);
      if (e < 0) return -1;
      i = e + 2;
    } else if (src.startsWith("}}", i)) return i;
    else i++;
  }
  return -1;
}

type Tok = { at: number; raw: string } & (
  | { t: "(" | ")" | "|" | ":=" | "=" | "," }
  | { t: "word"; text: string }
  | { t: "str"; value: string }
);

/** The tokens of one action's body, which starts at offset base of the source. */
function tokenize(body: string, base: number, posAt: PosAt): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new GoTemplateError(`template: ${posAt(base).name}:${posAt(base).line}: ${msg}`);
  };
  while (i < body.length) {
    const c = body[i] as string;
    const at = base + i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === "|" || c === ",") {
      toks.push({ t: c, at, raw: c });
      i++;
    } else if (body.startsWith(":=", i)) {
      toks.push({ t: ":=", at, raw: ":=" });
      i += 2;
    } else if (c === "=") {
      toks.push({ t: "=", at, raw: "=" });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let out = "";
      while (j < body.length && body[j] !== '"') {
        if (body[j] === "\\") {
          const e = body[j + 1];
          out +=
            e === "n"
              ? "\n"
              : e === "t"
                ? "\t"
                : e === "r"
                  ? "\r"
                  : e === "\\"
                    ? "\\"
                    : e === '"'
                      ? '"'
                      : `\\${e}`;
          j += 2;
        } else out += body[j++];
      }
      if (j >= body.length) fail("unterminated quoted string");
      toks.push({ t: "str", value: out, at, raw: body.slice(i, j + 1) });
      i = j + 1;
    } else if (c === "`") {
      const j = body.indexOf("`", i + 1);
      if (j < 0) fail("unterminated raw quoted string");
      toks.push({ t: "str", value: body.slice(i + 1, j), at, raw: body.slice(i, j + 1) });
      i = j + 1;
    } else if (body.startsWith("/*", i)) {
      const j = body.indexOf("*/", i);
      i = j < 0 ? body.length : j + 2;
    } else {
      let j = i;
      while (j < body.length && !/[\s()|,=]/.test(body[j] as string) && !body.startsWith(":=", j)) j++;
      if (j === i) fail(`unexpected "${c}" in command`);
      toks.push({ t: "word", text: body.slice(i, j), at, raw: body.slice(i, j) });
      i = j;
    }
  }
  return toks;
}

/**
 * The position parse.go gives a field chain: `.a.b.c` lexes as three field tokens and the node
 * takes the position of the second (the chain's), a lone `.a` its own.
 */
function chainPos(tokAt: number, word: string, posAt: PosAt): Pos {
  const second = word.indexOf(".", 1);
  return posAt(second > 0 && word.startsWith(".") ? tokAt + second : tokAt);
}

/** Parses an action's tokens into a pipeline. */
class PipeParser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly pos: Pos,
    private readonly vars: Set<string>,
    private readonly posAt: PosAt,
    private readonly funcs: ReadonlyMap<string, Fn>,
  ) {}

  private fail(msg: string): never {
    throw new GoTemplateError(`template: ${this.pos.name}:${this.pos.line}: ${msg}`);
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  /** `$x :=`, `$i, $v :=` or `$x =` declarations, then commands separated by `|`. */
  pipe(context: string, close?: ")"): Pipe {
    const decl: string[] = [];
    let assign = false;
    const save = this.i;
    const words: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.t === "word" && t.text.startsWith("$") && !t.text.slice(1).includes(".")) {
        words.push(t.text);
        this.i++;
        const n = this.peek();
        if (n?.t === ",") {
          this.i++;
          continue;
        }
        if (n?.t === ":=" || n?.t === "=") {
          this.i++;
          decl.push(...words);
          assign = n.t === "=";
          if (!assign) for (const w of words) this.vars.add(w);
          else for (const w of words) if (!this.vars.has(w)) this.fail(`undefined variable "${w}"`);
        } else this.i = save;
      }
      break;
    }
    const cmds: Cmd[] = [];
    for (;;) {
      const args: Arg[] = [];
      for (;;) {
        const t = this.peek();
        if (!t || t.t === "|" || t.t === ")") break;
        args.push(this.operand());
      }
      if (args.length === 0) {
        if (this.peek()?.t === "|" || cmds.length > 0) this.fail("missing value for command");
        break;
      }
      const first = args[0] as Arg;
      cmds.push({ args, pos: first.pos, text: args.map((x) => x.text).join(" ") });
      if (this.peek()?.t === "|") {
        this.i++;
        continue;
      }
      break;
    }
    const t = this.peek();
    if (close && t?.t !== ")") this.fail("unclosed left paren");
    if (!close && t)
      this.fail(t.t === ")" ? "unexpected right paren" : `unexpected ${tokText(t)} in ${context}`);
    if (cmds.length === 0) this.fail(`missing value for ${context}`);
    return { decl, assign, cmds, pos: cmds[0]?.pos ?? this.pos };
  }

  private operand(): Arg {
    const t = this.peek() as Tok;
    this.i++;
    const pos = this.posAt(t.at);
    if (t.t === "str") return { k: "const", value: t.value, pos, text: t.raw };
    if (t.t === "(") {
      const pipe = this.pipe("parenthesized pipeline", ")");
      const closeAt = (this.peek() as Tok).at;
      this.i++;
      const next = this.peek();
      const names: string[] = [];
      let text = `(${pipe.cmds.map((c) => c.text).join(" | ")})`;
      // `(x).a.b` chains fields onto the result only when nothing separates them.
      if (next?.t === "word" && next.at === closeAt + 1 && next.text.startsWith(".") && next.text !== ".") {
        this.i++;
        names.push(...next.text.slice(1).split("."));
        text += next.text;
      }
      return { k: "pipe", pipe, names, pos, text };
    }
    if (t.t !== "word") return this.fail(`unexpected ${tokText(t)} in operand`);
    const w = t.text;
    if (w === ".") return { k: "dot", pos, text: w };
    if (w.startsWith("."))
      return { k: "field", names: w.slice(1).split("."), pos: chainPos(t.at, w, this.posAt), text: w };
    if (w.startsWith("$")) {
      const [name, ...names] = w.split(".") as [string, ...string[]];
      if (!this.vars.has(name)) this.fail(`undefined variable "${name}"`);
      return { k: "var", name, names, pos, text: w };
    }
    if (w === "nil") return { k: "nil", pos, text: w };
    if (w === "true" || w === "false") return { k: "const", value: w === "true", pos, text: w };
    if (/^[-+]?(\d|\.\d)/.test(w)) return { k: "const", value: parseNumber(w, this.pos), pos, text: w };
    if (/^'.'$/.test(w)) return { k: "const", value: new GoInt(w.codePointAt(1) as number), pos, text: w };
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) this.fail(`bad character in "${w}"`);
    if (!this.funcs.has(w)) this.fail(`function "${w}" not defined`);
    return { k: "ident", name: w, pos, text: w };
  }
}

function tokText(t: Tok): string {
  if (t.t === "word") return `"${t.text}"`;
  if (t.t === "str") return `quoted string`;
  return `"${t.t}"`;
}

function parseNumber(w: string, pos: Pos): Value {
  if (/^[-+]?\d+$/.test(w)) return new GoInt(Number.parseInt(w, 10));
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(w)) return new GoInt(Number.parseInt(w, 16));
  const f = Number(w);
  if (Number.isNaN(f))
    throw new GoTemplateError(`template: ${pos.name}:${pos.line}: bad number syntax: "${w}"`);
  return f;
}

/** A parsed source: its own tree and the templates it defines ({{define}}, {{block}}). */
interface Parsed {
  tree: Node[];
  defines: Map<string, Node[]>;
}

/** The string constant naming a template in `{{define "x"}}`, `{{template "x" .}}`, `{{block "x" .}}`. */
function templateName(
  rest: string,
  restStart: number,
  pos: Pos,
  context: string,
  posAt: PosAt,
): { name: string; tail: string; tailStart: number } {
  const toks = tokenize(rest, restStart, posAt);
  const first = toks[0];
  if (first?.t !== "str")
    throw new GoTemplateError(
      `template: ${pos.name}:${pos.line}: unexpected ${first ? tokText(first) : '"}}"'} in ${context} clause`,
    );
  const tailStart = first.at + first.raw.length;
  return { name: first.value, tail: rest.slice(tailStart - restStart), tailStart };
}

/** Parses a whole template into its tree and the templates it defines. */
function parse(src: string, name: string, funcs: ReadonlyMap<string, Fn>): Parsed {
  const posAt = positions(src, name);
  const pieces = lex(src, posAt);
  let i = 0;
  let vars = new Set<string>(["$"]);
  const defines = new Map<string, Node[]>();
  const lastLine = src.split("\n").length;
  const pipeOf = (body: string, start: number, pos: Pos, context: string): Pipe =>
    new PipeParser(tokenize(body, start, posAt), pos, vars, posAt, funcs).pipe(context);
  /** Nodes until a piece whose keyword is one of stops; returns them and that keyword's action. */
  const list = (stops: string[], top = false): { nodes: Node[]; stop?: Action; word?: string } => {
    const nodes: Node[] = [];
    while (i < pieces.length) {
      const p = pieces[i++] as Piece;
      if ("text" in p) {
        nodes.push({ k: "text", text: p.text });
        continue;
      }
      const lead = p.body.length - p.body.trimStart().length;
      const body = p.body.trim();
      if (body.startsWith("/*")) {
        if (!body.endsWith("*/"))
          throw new GoTemplateError(`template: ${name}:${p.pos.line}: unclosed comment`);
        continue;
      }
      const word = /^[a-z]+/.exec(body)?.[0] ?? "";
      const rest = body.slice(word.length);
      const keyword = word && (rest === "" || /^[\s("`]/.test(rest));
      if (keyword && (word === "end" || word === "else")) {
        if (!stops.includes(word))
          throw new GoTemplateError(`template: ${name}:${p.pos.line}: unexpected {{${word}}}`);
        return { nodes, stop: p, word };
      }
      const restStart = p.start + lead + word.length;
      if (keyword && (word === "if" || word === "with" || word === "range")) {
        nodes.push(control(word, rest, restStart, p.pos));
        continue;
      }
      if (keyword && (word === "break" || word === "continue")) {
        nodes.push({ k: word, pos: p.pos });
        continue;
      }
      if (keyword && word === "define") {
        if (!top)
          throw new GoTemplateError(`template: ${name}:${p.pos.line}: unexpected <define> in command`);
        const t = templateName(rest, restStart, p.pos, "define", posAt);
        if (t.tail.trim())
          throw new GoTemplateError(
            `template: ${name}:${p.pos.line}: unexpected ${JSON.stringify(t.tail.trim())} in define clause`,
          );
        // A definition has its own variables: only $ is in scope.
        const outer = vars;
        vars = new Set(["$"]);
        defines.set(t.name, list(["end"]).nodes);
        vars = outer;
        continue;
      }
      if (keyword && (word === "template" || word === "block")) {
        const t = templateName(rest, restStart, p.pos, word, posAt);
        const pipe = t.tail.trim() ? pipeOf(t.tail, t.tailStart, p.pos, word) : undefined;
        if (word === "block") {
          const outer = vars;
          vars = new Set(["$"]);
          defines.set(t.name, list(["end"]).nodes);
          vars = outer;
        }
        nodes.push({ k: "template", name: t.name, pipe, pos: p.pos, text: body });
        continue;
      }
      nodes.push({ k: "action", pipe: pipeOf(p.body, p.start, p.pos, "command") });
    }
    if (stops.length) throw new GoTemplateError(`template: ${name}:${lastLine}: unexpected EOF`);
    return { nodes };
  };
  const control = (word: "if" | "with" | "range", rest: string, restStart: number, pos: Pos): Node => {
    const pipe = pipeOf(rest, restStart, pos, word);
    const body = list(["end", "else"]);
    let elseNodes: Node[] | undefined;
    if (body.word === "else") {
      const stop = body.stop as Action;
      const lead = stop.body.length - stop.body.trimStart().length;
      const afterElse = stop.body.trimStart().slice(4);
      const after = afterElse.trimStart();
      const afterStart = stop.start + lead + 4 + (afterElse.length - after.length);
      for (const chained of ["if", "with"] as const) {
        if (word === chained && after.startsWith(chained) && /^[\s(]/.test(after.slice(chained.length))) {
          // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer end.
          const nested = control(chained, after.slice(chained.length), afterStart + chained.length, stop.pos);
          return { k: word, pipe, list: body.nodes, else: [nested] };
        }
      }
      elseNodes = list(["end"]).nodes;
    }
    return { k: word, pipe, list: body.nodes, else: elseNodes };
  };
  return { tree: list([], true).nodes, defines };
}

/** Whether a tree has only spaces and comments (parse.IsEmptyTree): it does not replace a definition. */
function isEmptyTree(nodes: Node[]): boolean {
  return nodes.every((n) => n.k === "text" && n.text.trim() === "");
}

// ---- execution -------------------------------------------------------------------------------

class Break {}
class Continue {}

/** Go's reflect type name of a value, for messages. */
function typeName(v: Value): string {
  if (v instanceof GoInt) return "int";
  if (v instanceof GoStruct) return v.typeName;
  if (v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

/** fmt's %v of a value as text/template prints it. */
function show(v: Value): string {
  if (v === MISSING) return "<no value>";
  if (v instanceof GoStruct) return v.stringer ?? `{${Object.values(v.fields).map(show).join(" ")}}`;
  if (v instanceof GoInt) return String(v.value);
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goFormatFloatG(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(show).join(" ")}]`;
  const keys = Object.keys(v).sort(goCompare);
  return `map[${keys.map((k) => `${k}:${show(v[k])}`).join(" ")}]`;
}

/** text/template isTrue: zero values are false. */
function truth(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined) return false;
  if (v instanceof GoStruct) return true;
  if (v instanceof GoInt) return v.value !== 0;
  if (typeof v === "string") return v !== "";
  if (typeof v === "number") return v !== 0;
  if (typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/**
 * A template function: its arguments (the piped value last), a way to fail with a message
 * (text/template wraps it as `error calling NAME: ...`), and the running call's template set.
 */
export type Fn = ((args: Value[], fail: (msg: string) => never, call: FnCall) => Value) & {
  /** The fewest and most arguments the Go function takes (its signature). */
  arity?: readonly [number, number];
};

/** What a function sees of the running template: its set, for include and tpl. */
export interface FnCall {
  set: TemplateSet;
  /** Fails as an argument that does not convert to the parameter's type (no `error calling`). */
  failArg: (msg: string) => never;
}

/** Basic kinds for eq/lt: Go compares only values of one kind. */
function kindOf(v: Value): string {
  if (v instanceof GoInt) return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (v === null || v === MISSING) return "nil";
  return "other";
}

function num(v: Value): Json {
  return v instanceof GoInt ? v.value : v;
}

function compare(op: string, a: Value, b: Value, fail: (msg: string) => never): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (op === "eq" || op === "ne") {
    // eq: a nil or missing operand compares unequal to anything but another nil, without error.
    if (ka === "nil" || kb === "nil") return (ka === kb) === (op === "eq");
    if (ka === "other" || kb === "other") fail("uncomparable type");
  } else if (ka === "bool" || ka === "other" || ka === "nil") fail("invalid type for comparison");
  if (ka !== kb) fail("incompatible types for comparison");
  const x = num(a);
  const y = num(b);
  switch (op) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "lt":
      return x < y;
    case "le":
      return x <= y;
    case "gt":
      return x > y;
    default:
      return x >= y;
  }
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %f %x %%. */
function sprintf(format: string, args: Value[]): string {
  let n = 0;
  const out = format.replace(
    /%([-+# 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g,
    (_m, flags: string, width: string, prec, verb: string) => {
      if (verb === "%") return "%";
      if (n >= args.length) return `%!${verb}(MISSING)`;
      const a = args[n++];
      let s: string;
      const bad = () => `%!${verb}(${typeName(a)}=${show(a)})`;
      switch (verb) {
        case "v":
          s = show(a);
          break;
        case "s":
          s = typeof a === "number" || typeof a === "boolean" || a instanceof GoInt ? bad() : show(a);
          break;
        case "q":
          s = typeof a === "string" ? JSON.stringify(a) : bad();
          break;
        case "d":
          s = a instanceof GoInt ? String(a.value) : bad();
          break;
        case "f":
          s = typeof a === "number" ? a.toFixed(prec === undefined ? 6 : Number(prec)) : bad();
          break;
        case "x":
          s =
            a instanceof GoInt
              ? a.value.toString(16)
              : typeof a === "string"
                ? [...new TextEncoder().encode(a)].map((b) => b.toString(16).padStart(2, "0")).join("")
                : bad();
          break;
        case "t":
          s = typeof a === "boolean" ? String(a) : bad();
          break;
        default:
          s = bad();
      }
      const w = Number(width || 0);
      if (s.length < w)
        s = flags.includes("-") ? s.padEnd(w) : s.padStart(w, flags.includes("0") ? "0" : " ");
      return s;
    },
  );
  return n < args.length
    ? `${out}%!(EXTRA ${args
        .slice(n)
        .map((a) => `${typeName(a)}=${show(a)}`)
        .join(", ")})`
    : out;
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: Value[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += show(a);
  });
  return out;
}

function indexInto(item: Value, keys: Value[], fail: (msg: string) => never): Value {
  let v = item;
  for (const k of keys) {
    if (Array.isArray(v)) {
      if (!(k instanceof GoInt)) fail(`cannot index slice/array with type ${typeName(k)}`);
      if (k.value < 0 || k.value >= v.length) fail(`index out of range: ${k.value}`);
      v = v[k.value];
    } else if (v !== null && typeof v === "object" && !(v instanceof GoInt) && v !== MISSING) {
      if (typeof k !== "string") fail(`value has type ${typeName(k)}; should be string`);
      v = k in v ? v[k] : MISSING;
    } else if (v === null || v === MISSING) fail("index of untyped nil");
    else fail(`can't index item of type ${typeName(v)}`);
  }
  return v;
}

/** base64.StdEncoding.DecodeString, as kubectl's base64decode. */
function base64decode(s: string, fail: (msg: string) => never): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad || s.length % 4 !== 0)
    fail(
      `base64 decode failed: illegal base64 data at input byte ${bad ? bad.index : s.length - (s.length % 4)}`,
    );
  const bin = atob(s);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

const FUNCS = new Map<string, Fn>([
  ["and", (a) => a.find((v) => !truth(v)) ?? a[a.length - 1]],
  ["or", (a) => a.find((v) => truth(v)) ?? a[a.length - 1]],
  ["not", (a) => !truth(a[0])],
  [
    "len",
    (a, fail) => {
      const v = a[0];
      if (typeof v === "string") return new GoInt(new TextEncoder().encode(v).length);
      if (Array.isArray(v)) return new GoInt(v.length);
      if (v && typeof v === "object" && !(v instanceof GoInt)) return new GoInt(Object.keys(v).length);
      return fail(`len of type ${typeName(v)}`);
    },
  ],
  ["index", (a, fail) => indexInto(a[0], a.slice(1), fail)],
  ["print", (a) => sprint(a)],
  ["println", (a) => `${a.map(show).join(" ")}\n`],
  ["printf", (a) => sprintf(typeof a[0] === "string" ? a[0] : show(a[0]), a.slice(1))],
  ["eq", (a, fail) => a.slice(1).some((b) => compare("eq", a[0], b, fail))],
  ["ne", (a, fail) => compare("ne", a[0], a[1], fail)],
  ["lt", (a, fail) => compare("lt", a[0], a[1], fail)],
  ["le", (a, fail) => compare("le", a[0], a[1], fail)],
  ["gt", (a, fail) => compare("gt", a[0], a[1], fail)],
  ["ge", (a, fail) => compare("ge", a[0], a[1], fail)],
  [
    "exists",
    (a) => {
      let v = a[0];
      for (const k of a.slice(1)) {
        if (Array.isArray(v) && k instanceof GoInt)
          v = k.value >= 0 && k.value < v.length ? v[k.value] : MISSING;
        else if (v && typeof v === "object" && typeof k === "string" && k in v) v = v[k];
        else return false;
      }
      return v !== MISSING;
    },
  ],
  ["base64decode", (a, fail) => base64decode(typeof a[0] === "string" ? a[0] : show(a[0]), fail)],
]);

/** Minimum number of arguments of the builtins (text/template checks them when calling). */
const ARITY: Record<string, [number, number]> = {
  not: [1, 1],
  len: [1, 1],
  index: [1, Infinity],
  eq: [1, Infinity],
  ne: [2, 2],
  lt: [2, 2],
  le: [2, 2],
  gt: [2, 2],
  ge: [2, 2],
  and: [1, Infinity],
  or: [1, Infinity],
  printf: [1, Infinity],
  exists: [1, Infinity],
  base64decode: [1, 1],
};

/** How many templates may run inside each other (text/template's maxExecDepth). */
const MAX_EXEC_DEPTH = 100000;

class Exec {
  out = "";
  private vars: [string, Value][] = [];
  private depth = 0;

  constructor(
    root: Value,
    private readonly set: TemplateSet,
    private name: string,
  ) {
    this.vars.push(["$", root]);
  }

  private fail(pos: Pos, at: string, msg: string): never {
    throw new GoTemplateError(
      `template: ${pos.name}:${pos.line}:${pos.col}: executing "${this.name}" at <${at}>: ${msg}`,
    );
  }

  /** {{template "name" pipeline}}: the named template with the value as dot and a fresh `$`. */
  private template(n: { name: string; pipe?: Pipe; pos: Pos; text: string }, dot: Value): void {
    const tree = this.set.tree(n.name);
    if (!tree) this.fail(n.pos, n.text, `template ${JSON.stringify(n.name)} not defined`);
    const arg = n.pipe ? this.pipe(n.pipe, dot) : null;
    if (++this.depth > MAX_EXEC_DEPTH)
      this.fail(n.pos, n.text, `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const saved = { vars: this.vars, name: this.name };
    this.vars = [["$", arg]];
    this.name = n.name;
    try {
      this.walk(tree, arg);
    } finally {
      this.vars = saved.vars;
      this.name = saved.name;
      this.depth--;
    }
  }

  walk(nodes: Node[], dot: Value): void {
    for (const n of nodes) {
      switch (n.k) {
        case "text":
          this.out += n.text;
          break;
        case "action": {
          const v = this.pipe(n.pipe, dot);
          if (n.pipe.decl.length === 0) this.out += show(v);
          break;
        }
        case "if":
        case "with": {
          const mark = this.vars.length;
          const v = this.pipe(n.pipe, dot);
          if (truth(v)) this.walk(n.list, n.k === "with" ? v : dot);
          else if (n.else) this.walk(n.else, dot);
          this.vars.length = mark;
          break;
        }
        case "range":
          this.range(n, dot);
          break;
        case "template":
          this.template(n, dot);
          break;
        case "break":
          throw new Break();
        case "continue":
          throw new Continue();
      }
    }
  }

  private range(n: { pipe: Pipe; list: Node[]; else?: Node[] }, dot: Value): void {
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const v = this.pipe({ ...n.pipe, decl: [] }, dot);
    const isMap = v !== null && typeof v === "object" && !(v instanceof GoInt) && !Array.isArray(v);
    if (v !== null && v !== MISSING && !Array.isArray(v) && !isMap)
      this.fail(
        n.pipe.pos,
        n.pipe.cmds.map((c) => c.text).join(" | "),
        `range can't iterate over ${show(v)}`,
      );
    const entries: [Value, Value][] = Array.isArray(v)
      ? v.map((e, i) => [new GoInt(i), e])
      : isMap
        ? Object.keys(v)
            .sort(goCompare)
            .map((k) => [k, v[k]])
        : [];
    for (const [k, e] of entries) {
      this.vars.length = mark;
      if (decl.length === 1) this.vars.push([decl[0] as string, e]);
      if (decl.length === 2) this.vars.push([decl[0] as string, k], [decl[1] as string, e]);
      try {
        this.walk(n.list, e);
      } catch (x) {
        if (x instanceof Break) break;
        if (x instanceof Continue) continue;
        throw x;
      }
    }
    this.vars.length = mark;
    if (entries.length === 0 && n.else) this.walk(n.else, dot);
  }

  private lookup(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]?.[0] === name) return this.vars[i]?.[1];
    return MISSING;
  }

  private pipe(p: Pipe, dot: Value): Value {
    let v: Value = MISSING;
    let first = true;
    for (const c of p.cmds) {
      v = this.command(c, dot, first ? undefined : { value: v });
      first = false;
    }
    // evalPipeline unwraps an empty interface: a nil entry prints as a missing one.
    if (v === null && this.set.missingKey === "zero") v = MISSING;
    if (p.decl.length) {
      if (p.assign) {
        for (let i = this.vars.length - 1; i >= 0; i--)
          if (this.vars[i]?.[0] === p.decl[0]) {
            (this.vars[i] as [string, Value])[1] = v;
            break;
          }
      } else this.vars.push([p.decl[p.decl.length - 1] as string, v]);
    }
    return v;
  }

  /** evalCommand: a function call gets the previous command's value as its last argument. */
  private command(c: Cmd, dot: Value, final: { value: Value } | undefined): Value {
    const [head, ...rest] = c.args as [Arg, ...Arg[]];
    if (head.k === "ident") {
      const fn = this.set.funcs.get(head.name) as Fn;
      const args = rest.map((a) => this.arg(a, dot));
      if (final) args.push(final.value);
      const [min, max] = fn.arity ?? ARITY[head.name] ?? [0, Infinity];
      if (args.length < min || args.length > max)
        this.fail(
          c.pos,
          c.text,
          `wrong number of args for ${head.name}: want ${min === max ? min : `at least ${min}`} got ${args.length}`,
        );
      return fn(args, (msg) => this.fail(c.pos, c.text, `error calling ${head.name}: ${msg}`), {
        set: this.set,
        failArg: (msg) => this.fail(c.pos, c.text, msg),
      });
    }
    if (rest.length || final) {
      const target =
        head.k === "field" || head.k === "var" || head.k === "pipe" ? this.arg(head, dot, false) : undefined;
      if (target instanceof BoundMethod) {
        const args = rest.map((a) => this.arg(a, dot));
        if (final) args.push(final.value);
        return target.call(args, (msg) => this.fail(c.pos, c.text, `error calling ${target.name}: ${msg}`));
      }
      if (head.k === "field")
        this.fail(
          head.pos,
          head.text,
          `${head.names[head.names.length - 1]} is not a method but has arguments`,
        );
      this.fail(head.pos, head.text, `can't give argument to non-function ${head.text}`);
    }
    return this.arg(head, dot);
  }

  /** An operand's value; a method at the end of a chain is called without arguments unless call is false. */
  private arg(a: Arg, dot: Value, call = true): Value {
    const v = this.operand(a, dot);
    if (call && v instanceof BoundMethod)
      return v.call([], (msg) => this.fail(a.pos, a.text, `error calling ${v.name}: ${msg}`));
    return v;
  }

  private operand(a: Arg, dot: Value): Value {
    switch (a.k) {
      case "dot":
        return dot;
      case "nil":
        return this.fail(a.pos, a.text, "nil is not a command");
      case "const":
        return a.value;
      case "ident":
        return (this.set.funcs.get(a.name) as Fn)([], (msg) => this.fail(a.pos, a.text, msg), {
          set: this.set,
          failArg: (msg) => this.fail(a.pos, a.text, msg),
        });
      case "field":
        return this.fields(dot, a.names, a);
      case "var":
        return this.fields(this.lookup(a.name), a.names, a);
      case "pipe":
        return this.fields(this.pipe(a.pipe, dot), a.names, a);
    }
  }

  /** evalField along a chain: a missing key is invalid (missingkey=default), a nil interface fails. */
  private fields(v: Value, names: string[], at: Arg): Value {
    let cur = v;
    for (const name of names) {
      if (cur === MISSING) return MISSING;
      if (cur === null) this.fail(at.pos, at.text, `nil pointer evaluating interface {}.${name}`);
      if (cur instanceof BoundMethod) cur = cur.call([], (msg) => this.fail(at.pos, at.text, msg));
      if (cur instanceof GoStruct) {
        const method = cur.methods.get(name);
        if (method) {
          cur = new BoundMethod(name, method);
          continue;
        }
        if (!(name in cur.fields))
          this.fail(at.pos, at.text, `can't evaluate field ${name} in type ${cur.typeName}`);
        cur = cur.fields[name];
        continue;
      }
      if (typeof cur !== "object" || Array.isArray(cur) || cur instanceof GoInt)
        this.fail(
          at.pos,
          at.text,
          `can't evaluate field ${name} in type ${cur instanceof GoInt ? "int" : "interface {}"}`,
        );
      // missingkey=zero gives the map's zero element, a nil interface; default an invalid value.
      cur = name in cur ? cur[name] : this.set.missingKey === "zero" ? null : MISSING;
    }
    return cur;
  }
}

/** fmt's %v of a decoded JSON value (numbers as float64), as the template prints it. */
export function showValue(v: Json): string {
  return show(v);
}

/** The builtins of text/template and kubectl's extra functions. */
export const BUILTIN_FUNCS: ReadonlyMap<string, Fn> = FUNCS;

/** How a missing map key evaluates: an invalid value (default) or the element's zero value. */
export type MissingKey = "default" | "zero";

/**
 * A set of named templates sharing functions, as one *template.Template with its associated
 * templates: parse adds a source under a name and the templates it defines; execute runs one.
 */
export class TemplateSet {
  private readonly trees = new Map<string, Node[]>();

  constructor(
    readonly funcs: ReadonlyMap<string, Fn> = FUNCS,
    readonly missingKey: MissingKey = "default",
    /** The name of the set's own template (template.New's), in ExecuteTemplate's message. */
    readonly name: string = NAME,
  ) {}

  /** Parses source as the template name (and its definitions); throws GoTemplateError. */
  parse(name: string, source: string): void {
    const parsed = parse(source, name, this.funcs);
    this.add(name, parsed.tree);
    for (const [n, tree] of parsed.defines) this.add(n, tree);
  }

  /** AddParseTree's rule: an empty definition does not replace a non-empty one. */
  private add(name: string, tree: Node[]): void {
    const old = this.trees.get(name);
    if (old && isEmptyTree(tree) && !isEmptyTree(old)) return;
    this.trees.set(name, tree);
  }

  /** The tree of a named template, if the set has one. */
  tree(name: string): Node[] | undefined {
    return this.trees.get(name);
  }

  /** Whether the set has a template of that name. */
  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** A copy sharing the parsed trees, to which more may be added without touching this set. */
  clone(funcs: ReadonlyMap<string, Fn> = this.funcs): TemplateSet {
    const copy = new TemplateSet(funcs, this.missingKey, this.name);
    for (const [n, t] of this.trees) copy.trees.set(n, t);
    return copy;
  }

  /** Runs a named template with data as dot (values as they are, no JSON round trip). */
  execute(name: string, data: Value): string {
    const tree = this.trees.get(name);
    if (!tree)
      throw new GoTemplateError(
        `template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(this.name)}`,
      );
    const run = new Exec(data, this, name);
    run.walk(tree, data);
    return run.out;
  }
}

/** A parsed template, run against decoded JSON values. */
export class GoTemplate {
  private readonly set = new TemplateSet();

  /** Parses source; throws GoTemplateError with text/template's message. */
  constructor(readonly source: string) {
    this.set.parse(NAME, source);
  }

  /** Executes the template with data as dot; throws GoTemplateError when execution fails. */
  execute(data: Json): string {
    // kubectl json.Marshal's the object and decodes it into map[string]interface{}.
    const decoded = data === undefined ? null : JSON.parse(JSON.stringify(data));
    return this.set.execute(NAME, decoded);
  }
}

/** Go's type name of a template value (`string`, `float64`, `map[string]interface {}`), for messages. */
export function goTypeName(v: Value): string {
  return typeName(v);
}
