/**
 * Runs a parsed awk program over input records (POSIX awk semantics: string/number/strnum values,
 * field splitting by FS, $0 rebuilt with OFS, CONVFMT/OFMT number output).
 */
import { FsError, resolvePath } from "../../../node/fs";
import type { CommandContext, StdinPipe, Wait } from "../../interface";
import { NOT_YET, PIPE_WAIT } from "../../pipe";
import { compile } from "../regex";
import type { Expr, Func, Program, Stmt } from "./ast";
import { awkSprintf } from "./format";

/** A string that looks like a number (a field, getline input, -v value) compares numerically. */
export class StrNum {
  constructor(readonly s: string) {}
}

/** An awk value; undefined is uninitialised (both "" and 0). */
export type Value = number | string | StrNum | undefined;

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** Control flow signals. */
class Next {}
class NextFile {}
class Break {}
class Continue {}
class Exit {
  constructor(readonly code: number) {}
}
class Return {
  constructor(readonly value: Value) {}
}

/** A runtime error worded for the user (`division by zero`). */
export class AwkRuntimeError extends Error {}

/** The most steps a program may take (an endless loop stops here instead of hanging the tab). */
export const AWK_STEP_LIMIT = 5_000_000;

type Arr = Map<string, Value>;

/** An input source: named files or stdin, read record by record. */
interface Source {
  name: string;
  records: string[];
  pos: number;
}

/** The interpreter of one awk run. */
export class Awk {
  private readonly globals = new Map<string, Value>();
  private readonly arrays = new Map<string, Arr>();
  private frames: Array<Map<string, Value | Arr>> = [];
  private fields: string[] = [""];
  private nf = 0;
  private steps = 0;
  private readonly regexCache = new Map<string, RegExp>();
  private readonly outputs = new Map<string, string>();
  private readonly fileReaders = new Map<string, Source>();
  private source: Source | undefined;
  private pendingSources: string[] = [];
  private rangeActive: boolean[] = [];
  private seed = 0;
  private prevSeed = 0;
  out = "";

  constructor(
    private readonly prog: Program,
    private readonly ctx: CommandContext,
  ) {
    for (const [k, v] of Object.entries({
      FS: " ",
      OFS: " ",
      ORS: "\n",
      RS: "\n",
      NR: 0,
      NF: 0,
      FNR: 0,
      SUBSEP: "\x1c",
      CONVFMT: "%.6g",
      OFMT: "%.6g",
      RSTART: 0,
      RLENGTH: -1,
      FILENAME: "",
    }))
      this.globals.set(k, v);
    const env: Arr = new Map(Object.entries(ctx.env).map(([k, v]) => [k, new StrNum(v)]));
    this.arrays.set("ENVIRON", env);
  }

  /** Sets a variable from -v or a command-line assignment (escapes processed, strnum). */
  assignVar(name: string, raw: string): void {
    const v = raw.replace(/\\(.)/g, (_m, c: string) => ({ n: "\n", t: "\t", "\\": "\\" })[c] ?? `\\${c}`);
    this.setVar(name, new StrNum(v));
  }

  /** Runs BEGIN, the main items over the operands (or stdin), and END; returns the exit status. */
  run(operands: string[]): number {
    const r = this.execute(operands).next();
    if (!r.done) throw new Error("awk waited without a pipe");
    return r.value;
  }

  /**
   * run() over a pipe still being written (no operands): each record is handled as its line
   * arrives, END once the writer has ended. With a record separator other than a newline it
   * waits for the whole input first.
   */
  runPipe(pipe: StdinPipe): Generator<Wait, number, void> {
    return this.execute([], pipe);
  }

  /** The next record of a pipe as it arrives (NOT_YET: wait), counting NR and FNR. */
  private pipeRecord(pipe: StdinPipe): string | undefined | typeof NOT_YET {
    const line = pipe.nextLine();
    if (line === NOT_YET) return NOT_YET;
    if (typeof line !== "string") return undefined;
    this.globals.set("NR", this.num(this.globals.get("NR")) + 1);
    this.globals.set("FNR", this.num(this.globals.get("FNR")) + 1);
    return line.endsWith("\n") ? line.slice(0, -1) : line;
  }

  private *execute(operands: string[], pipe?: StdinPipe): Generator<Wait, number, void> {
    const argv: Arr = new Map([["0", "awk"]]);
    for (const [i, o] of operands.entries()) argv.set(String(i + 1), new StrNum(o));
    this.arrays.set("ARGV", argv);
    this.globals.set("ARGC", operands.length + 1);
    this.pendingSources = operands.length ? [...operands] : ["-"];
    let code = 0;
    try {
      for (const item of this.prog.items) if (item.kind === "BEGIN") this.execAll(item.action ?? []);
      const mains = this.prog.items.filter((i) => i.kind === "main");
      const ends = this.prog.items.filter((i) => i.kind === "END");
      if (mains.length || ends.length) {
        this.rangeActive = mains.map(() => false);
        // Line by line from a pipe when records are lines; otherwise from the whole input.
        let stream = pipe !== undefined && this.str(this.globals.get("RS")) === "\n";
        if (pipe && !stream) while (!pipe.writerClosed) yield PIPE_WAIT;
        if (stream) this.globals.set("FILENAME", "");
        for (;;) {
          let rec: string | undefined;
          if (stream) {
            const r = this.pipeRecord(pipe as StdinPipe);
            if (r === NOT_YET) {
              yield PIPE_WAIT;
              // The step bound stops a loop that never ends at one instant, not a long follow.
              this.steps = 0;
              continue;
            }
            rec = r;
            if (rec === undefined) stream = false;
          } else rec = this.nextRecord();
          if (rec === undefined) break;
          this.setRecord(rec);
          try {
            mains.forEach((item, k) => {
              if (this.selected(item, k)) {
                if (item.action) this.execAll(item.action);
                else this.out += `${this.fields[0]}${this.str(this.globals.get("ORS"))}`;
              }
            });
          } catch (e) {
            if (e instanceof NextFile) this.source = undefined;
            else if (!(e instanceof Next)) throw e;
          }
          this.flush();
        }
      }
      code = this.runEnd();
    } catch (e) {
      if (e instanceof Exit) {
        code = e.code;
        if (!this.exiting) {
          this.exiting = true;
          try {
            code = this.runEnd(code);
          } catch (e2) {
            if (e2 instanceof Exit) code = e2.code;
            else throw e2;
          }
        }
      } else throw e;
    }
    this.flush();
    return code;
  }

  private exiting = false;

  private runEnd(code = 0): number {
    this.exiting = true;
    for (const item of this.prog.items) if (item.kind === "END") this.execAll(item.action ?? []);
    return code;
  }

  /** Writes pending output and redirected files. */
  flush(): void {
    if (this.out) this.ctx.stdout.write(this.out);
    this.out = "";
  }

  private selected(item: { pattern?: Expr; until?: Expr }, k: number): boolean {
    if (!item.pattern) return true;
    if (!item.until) return this.truthy(this.eval(item.pattern));
    if (this.rangeActive[k]) {
      if (this.truthy(this.eval(item.until))) this.rangeActive[k] = false;
      return true;
    }
    if (!this.truthy(this.eval(item.pattern))) return false;
    this.rangeActive[k] = !this.truthy(this.eval(item.until));
    return true;
  }

  /** The next record from the current source, opening the next operand when one ends. */
  private nextRecord(): string | undefined {
    for (;;) {
      if (this.source && this.source.pos < this.source.records.length) {
        const r = this.source.records[this.source.pos++] as string;
        this.globals.set("NR", this.num(this.globals.get("NR")) + 1);
        this.globals.set("FNR", this.num(this.globals.get("FNR")) + 1);
        return r;
      }
      const name = this.pendingSources.shift();
      if (name === undefined) return undefined;
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(name);
      if (assign) {
        this.assignVar(assign[1] as string, assign[2] as string);
        continue;
      }
      const text = this.readSource(name);
      if (text === undefined) continue;
      this.globals.set("FILENAME", name === "-" ? "" : name);
      this.globals.set("FNR", 0);
      this.source = { name, records: this.splitRecords(text), pos: 0 };
    }
  }

  private readSource(name: string): string | undefined {
    if (name === "-" || name === "/dev/stdin") return this.ctx.stdin;
    try {
      return this.ctx.fs.read(resolvePath(this.ctx.cwd, name));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      throw new AwkRuntimeError(`cannot open "${name}" (No such file or directory)`);
    }
  }

  private splitRecords(text: string): string[] {
    const rs = this.str(this.globals.get("RS"));
    if (rs === "")
      return text
        .replace(/^\n+/, "")
        .split(/\n\n+/)
        .map((r) => r.replace(/\n+$/, ""))
        .filter((r) => r !== "");
    const parts = rs.length === 1 ? text.split(rs) : text.split(this.regex(rs));
    if (parts.at(-1) === "") parts.pop();
    return parts;
  }

  /** Sets $0 and splits it into fields. */
  private setRecord(rec: string): void {
    this.fields = [rec, ...this.splitFields(rec, this.str(this.globals.get("FS")))];
    this.nf = this.fields.length - 1;
  }

  /** Splits text by a field separator as FS does. */
  splitFields(text: string, fs: string): string[] {
    if (text === "") return [];
    if (fs === " ") return text.split(/[ \t\n]+/).filter((f) => f !== "");
    if (fs.length === 1 && fs !== "\\") return text.split(fs);
    return text.split(this.regex(fs));
  }

  private rebuild(): void {
    this.fields[0] = this.fields
      .slice(1, this.nf + 1)
      .map((f) => f ?? "")
      .join(this.str(this.globals.get("OFS")));
  }

  private regex(src: string): RegExp {
    let re = this.regexCache.get(src);
    if (!re) {
      re = compile(src, true);
      this.regexCache.set(src, re);
    }
    return re;
  }

  private toRegex(e: Expr): RegExp {
    if (e.k === "regex") return this.regex(e.src);
    return this.regex(this.str(this.eval(e)));
  }

  // Values

  num(v: Value): number {
    if (typeof v === "number") return v;
    if (v === undefined) return 0;
    const s = typeof v === "string" ? v : v.s;
    const m = /^\s*[-+]?(?:0[xX](?=[0-9a-fA-F])|)(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s);
    if (!m) return 0;
    const n = Number(m[0]);
    return Number.isNaN(n) ? Number.parseFloat(m[0]) || 0 : n;
  }

  str(v: Value, fmt = "CONVFMT"): string {
    if (typeof v === "string") return v;
    if (v === undefined) return "";
    if (v instanceof StrNum) return v.s;
    if (Number.isInteger(v)) return Math.abs(v) < 1e16 ? String(v) : awkSprintf(this, "%d", [v]);
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    return awkSprintf(this, this.str(this.globals.get(fmt)), [v]);
  }

  truthy(v: Value): boolean {
    if (typeof v === "number") return v !== 0;
    if (v === undefined) return false;
    if (v instanceof StrNum) return NUMERIC.test(v.s) ? this.num(v) !== 0 : v.s !== "";
    return v !== "";
  }

  private compare(a: Value, b: Value): number {
    const numeric = (v: Value) =>
      typeof v === "number" || v === undefined || (v instanceof StrNum && NUMERIC.test(v.s));
    if (numeric(a) && numeric(b)) {
      const x = this.num(a);
      const y = this.num(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // Variables

  private frameGet(name: string): Value | Arr | undefined {
    const f = this.frames.at(-1);
    return f?.has(name) ? f.get(name) : undefined;
  }

  /** A name with no scalar value and no array yet, in the current frame or globally. */
  private untyped(name: string): boolean {
    const f = this.frames.at(-1);
    if (f?.has(name)) return f.get(name) === undefined;
    return !this.globals.has(name) && !this.arrays.has(name) && name !== "NF";
  }

  private getVar(name: string): Value {
    const f = this.frames.at(-1);
    if (f?.has(name)) {
      const v = f.get(name);
      return v instanceof Map ? undefined : v;
    }
    if (name === "NF") return this.nf;
    return this.globals.get(name);
  }

  setVar(name: string, v: Value): void {
    const f = this.frames.at(-1);
    if (f?.has(name)) {
      f.set(name, v);
      return;
    }
    if (name === "NF") {
      const n = Math.max(0, Math.trunc(this.num(v)));
      while (this.fields.length <= n) this.fields.push("");
      this.nf = n;
      this.fields.length = n + 1;
      this.rebuild();
      return;
    }
    this.globals.set(name, v);
  }

  private array(name: string): Arr {
    const f = this.frames.at(-1);
    if (f?.has(name)) {
      let a = f.get(name);
      if (!(a instanceof Map)) {
        a = new Map();
        f.set(name, a);
      }
      return a;
    }
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  private key(keys: Expr[]): string {
    return keys.map((k) => this.str(this.eval(k))).join(this.str(this.globals.get("SUBSEP")));
  }

  private getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`trying to access out of range field ${i}`);
    if (i > this.nf) return undefined;
    return new StrNum(this.fields[i] ?? "");
  }

  private setField(i: number, v: string): void {
    if (i < 0) throw new AwkRuntimeError(`trying to access out of range field ${i}`);
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    while (this.fields.length <= i) this.fields.push("");
    this.fields[i] = v;
    if (i > this.nf) this.nf = i;
    this.rebuild();
  }

  private assign(target: Expr, v: Value): Value {
    const val = v;
    if (target.k === "var") this.setVar(target.name, val);
    else if (target.k === "field")
      this.setField(Math.trunc(this.num(this.eval(target.index))), this.str(val));
    else if (target.k === "index") this.array(target.name).set(this.key(target.keys), val);
    return val;
  }

  // Statements

  private tick(): void {
    if (++this.steps > AWK_STEP_LIMIT) throw new AwkRuntimeError(`program exceeded ${AWK_STEP_LIMIT} steps`);
  }

  execAll(stmts: Stmt[]): void {
    for (const s of stmts) this.exec(s);
  }

  private exec(s: Stmt): void {
    this.tick();
    switch (s.k) {
      case "expr":
        this.eval(s.e);
        return;
      case "print": {
        const text = s.args.length
          ? s.args
              .map((a) => {
                const v = this.eval(a);
                return typeof v === "number" ? this.str(v, "OFMT") : this.str(v);
              })
              .join(this.str(this.globals.get("OFS")))
          : this.fields[0];
        this.emit(`${text}${this.str(this.globals.get("ORS"))}`, s.redirect);
        return;
      }
      case "printf": {
        const [fmt, ...rest] = s.args.map((a) => this.eval(a));
        this.emit(awkSprintf(this, this.str(fmt), rest), s.redirect);
        return;
      }
      case "block":
        this.execAll(s.body);
        return;
      case "if":
        if (this.truthy(this.eval(s.test))) this.exec(s.yes);
        else if (s.no) this.exec(s.no);
        return;
      case "while":
        while (this.truthy(this.eval(s.test))) if (this.loopBody(s.body)) break;
        return;
      case "do":
        do if (this.loopBody(s.body)) break;
        while (this.truthy(this.eval(s.test)));
        return;
      case "for":
        if (s.init) this.exec(s.init);
        while (!s.test || this.truthy(this.eval(s.test))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case "forin": {
        for (const k of [...this.array(s.name).keys()]) {
          this.setVar(s.key, NUMERIC.test(k) ? new StrNum(k) : k);
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case "next":
        throw new Next();
      case "nextfile":
        throw new NextFile();
      case "break":
        throw new Break();
      case "continue":
        throw new Continue();
      case "exit":
        throw new Exit(s.e ? Math.trunc(this.num(this.eval(s.e))) & 0xff : 0);
      case "return":
        throw new Return(s.e ? this.eval(s.e) : undefined);
      case "delete":
        if (s.keys) this.array(s.name).delete(this.key(s.keys));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof Break) return true;
      if (!(e instanceof Continue)) throw e;
    }
    return false;
  }

  private emit(text: string, redirect?: { op: string; to: Expr }): void {
    if (!redirect) {
      this.out += text;
      return;
    }
    const name = this.str(this.eval(redirect.to));
    if (redirect.op === "|")
      throw new AwkRuntimeError(`cannot open pipe "${name}" (pipes to commands are not supported here)`);
    if (name === "/dev/stderr") {
      this.flush();
      this.ctx.stderr.write(text);
      return;
    }
    if (name === "/dev/stdout" || name === "-") {
      this.out += text;
      return;
    }
    const path = resolvePath(this.ctx.cwd, name);
    const prior =
      this.outputs.has(path) || redirect.op === ">>"
        ? this.ctx.fs.isFile(path)
          ? this.ctx.fs.read(path)
          : ""
        : "";
    try {
      this.ctx.fs.write(path, prior + text);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      throw new AwkRuntimeError(
        `can't redirect to "${name}" (${e.message.slice(e.message.lastIndexOf(": ") + 2)})`,
      );
    }
    this.outputs.set(path, "");
  }

  // Expressions

  eval(e: Expr): Value {
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "regex": {
        const re = this.regex(e.src);
        re.lastIndex = 0;
        return re.test(this.fields[0] ?? "") ? 1 : 0;
      }
      case "group":
        return this.eval(e.e);
      case "var":
        return this.getVar(e.name);
      case "field":
        return this.getField(Math.trunc(this.num(this.eval(e.index))));
      case "index":
        return this.array(e.name).get(this.key(e.keys));
      case "assign": {
        if (e.op === "=") return this.assign(e.target, this.eval(e.value));
        const cur = this.num(this.eval(e.target));
        const v = this.num(this.eval(e.value));
        return this.assign(e.target, arith(e.op.slice(0, -1), cur, v));
      }
      case "cond":
        return this.truthy(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case "and":
        return this.truthy(this.eval(e.a)) && this.truthy(this.eval(e.b)) ? 1 : 0;
      case "or":
        return this.truthy(this.eval(e.a)) || this.truthy(this.eval(e.b)) ? 1 : 0;
      case "in":
        return this.array(e.name).has(this.key(e.keys)) ? 1 : 0;
      case "match": {
        const re = this.toRegex(e.re);
        re.lastIndex = 0;
        return re.test(this.str(this.eval(e.a))) !== e.negate ? 1 : 0;
      }
      case "binary": {
        const a = this.eval(e.a);
        const b = this.eval(e.b);
        if (["<", "<=", ">", ">=", "==", "!="].includes(e.op)) {
          const c = this.compare(a, b);
          const r = { "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0, "==": c === 0, "!=": c !== 0 }[
            e.op
          ];
          return r ? 1 : 0;
        }
        return arith(e.op, this.num(a), this.num(b));
      }
      case "concat":
        return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case "unary": {
        const v = this.eval(e.a);
        if (e.op === "!") return this.truthy(v) ? 0 : 1;
        return e.op === "-" ? -this.num(v) : this.num(v);
      }
      case "incr": {
        const cur = this.num(this.eval(e.target));
        const next = e.op === "++" ? cur + 1 : cur - 1;
        this.assign(e.target, next);
        return e.prefix ? next : cur;
      }
      case "call":
        return this.call(e.name, e.args);
      case "builtin":
        return this.builtin(e.name, e.args);
      case "getline":
        return this.getline(e.target, e.file);
    }
  }

  private getline(target?: Expr, file?: Expr): Value {
    if (file) {
      const name = this.str(this.eval(file));
      let src = this.fileReaders.get(name);
      if (!src) {
        let text: string;
        try {
          text = this.readSource(name) ?? "";
        } catch {
          return -1;
        }
        src = { name, records: this.splitRecords(text), pos: 0 };
        this.fileReaders.set(name, src);
      }
      const rec = src.records[src.pos++];
      if (rec === undefined) return 0;
      if (target) this.assign(target, new StrNum(rec));
      else this.setRecord(rec);
      return 1;
    }
    const rec = this.nextRecord();
    if (rec === undefined) return 0;
    if (target) this.assign(target, new StrNum(rec));
    else this.setRecord(rec);
    return 1;
  }

  private call(name: string, args: Expr[]): Value {
    const fn: Func | undefined = this.prog.funcs.get(name);
    if (!fn) throw new AwkRuntimeError(`function '${name}' not defined`);
    if (this.frames.length > 1000) throw new AwkRuntimeError("function call nesting too deep");
    const frame = new Map<string, Value | Arr>();
    fn.params.forEach((p, i) => {
      const a = args[i];
      if (!a) frame.set(p, undefined);
      // An array, or a name never used as a scalar, goes by reference (awk passes untyped
      // variables so that the function may make them arrays).
      else if (
        a.k === "var" &&
        (this.arrays.has(a.name) || this.frameGet(a.name) instanceof Map || this.untyped(a.name))
      )
        frame.set(p, this.array(a.name));
      else frame.set(p, this.eval(a));
    });
    this.frames.push(frame);
    try {
      this.execAll(fn.body);
      return undefined;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private builtin(name: string, args: Expr[]): Value {
    const arg = (i: number) => {
      const a = args[i];
      return a ? this.eval(a) : undefined;
    };
    switch (name) {
      case "length": {
        const a = args[0];
        if (!a) return [...(this.fields[0] ?? "")].length;
        if (a.k === "var" && (this.arrays.has(a.name) || this.frameGet(a.name) instanceof Map))
          return this.array(a.name).size;
        return [...this.str(this.eval(a))].length;
      }
      case "substr": {
        const s = [...this.str(arg(0))];
        const start = Math.round(this.num(arg(1)));
        const len = args.length > 2 ? Math.round(this.num(arg(2))) : Number.POSITIVE_INFINITY;
        const from = Math.max(start, 1);
        const to = Math.min(start + len, s.length + 1);
        return to <= from ? "" : s.slice(from - 1, to - 1).join("");
      }
      case "index": {
        return this.str(arg(0)).indexOf(this.str(arg(1))) + 1;
      }
      case "split": {
        const s = this.str(arg(0));
        const target = args[1];
        if (target?.k !== "var") throw new AwkRuntimeError("split: second argument is not an array");
        const sep = args[2]
          ? args[2].k === "regex"
            ? args[2].src
            : this.str(this.eval(args[2]))
          : this.str(this.globals.get("FS"));
        const parts =
          args[2]?.k === "regex" && sep.length > 1
            ? s === ""
              ? []
              : s.split(this.regex(sep))
            : this.splitFields(s, sep);
        const a = this.array(target.name);
        a.clear();
        for (const [i, p] of parts.entries()) a.set(String(i + 1), new StrNum(p));
        return parts.length;
      }
      case "sub":
      case "gsub": {
        const re = this.toRegex(args[0] as Expr);
        const repl = this.str(arg(1));
        const target: Expr = args[2] ?? { k: "field", index: { k: "num", v: 0 } };
        const src = this.str(this.eval(target));
        let n = 0;
        const g = new RegExp(re.source, `g${re.flags.replace("g", "")}`);
        const out = src.replace(g, (m) => {
          if (name === "sub" && n > 0) return m;
          n++;
          return repl.replace(/\\\\|\\&|&/g, (t) => (t === "&" ? m : t === "\\&" ? "&" : "\\"));
        });
        if (n) this.assign(target, out);
        return n;
      }
      case "match": {
        const re = this.toRegex(args[1] as Expr);
        re.lastIndex = 0;
        const m = re.exec(this.str(arg(0)));
        this.globals.set("RSTART", m ? m.index + 1 : 0);
        this.globals.set("RLENGTH", m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case "sprintf": {
        const [fmt, ...rest] = args.map((a) => this.eval(a));
        return awkSprintf(this, this.str(fmt), rest);
      }
      case "tolower":
        return this.str(arg(0)).toLowerCase();
      case "toupper":
        return this.str(arg(0)).toUpperCase();
      case "int":
        return Math.trunc(this.num(arg(0)));
      case "sqrt":
        return Math.sqrt(this.num(arg(0)));
      case "exp":
        return Math.exp(this.num(arg(0)));
      case "log":
        return Math.log(this.num(arg(0)));
      case "sin":
        return Math.sin(this.num(arg(0)));
      case "cos":
        return Math.cos(this.num(arg(0)));
      case "atan2":
        return Math.atan2(this.num(arg(0)), this.num(arg(1)));
      case "rand": {
        // A deterministic LCG (the engine has no Math.random); like awk, the same every run.
        this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
        return (this.seed >>> 1) / 0x80000000;
      }
      case "srand": {
        const prev = this.prevSeed;
        this.prevSeed = args.length ? Math.trunc(this.num(arg(0))) : Math.floor(this.ctx.sys.now() / 1000);
        this.seed = this.prevSeed >>> 0;
        return prev;
      }
      case "close":
      case "fflush":
        return 0;
      case "system":
        throw new AwkRuntimeError("system() is not supported here");
    }
    throw new AwkRuntimeError(`function '${name}' not defined`);
  }
}

/** awk arithmetic. */
function arith(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      if (b === 0) throw new AwkRuntimeError("division by zero");
      return a / b;
    case "%":
      if (b === 0) throw new AwkRuntimeError("division by zero in %");
      return a % b;
    case "^":
      return a ** b;
  }
  return 0;
}
