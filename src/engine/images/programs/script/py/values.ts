/**
 * The simulated python's values and their text: int (bigint), float (number), str, bool, None
 * (null), and objects for list, tuple, dict, set, range, functions, modules, exception classes
 * and instances. repr() and str() follow CPython's Objects/*.c (float_repr's shortest round
 * trip, unicode_repr's quote choice, dict and list reprs); format() follows the format-spec
 * mini-language (Python/formatter_unicode.c).
 */
import type { Param, Stmt } from "./ast";

/** A python value. */
export type PyVal = null | boolean | bigint | number | string | PyObj;

/** A python object other than the scalar types. */
export type PyObj =
  | { t: "list"; items: PyVal[] }
  | { t: "tuple"; items: PyVal[]; named?: { type: string; fields: string[] } }
  | { t: "dict"; map: Map<string, [PyVal, PyVal]>; environ?: boolean }
  | { t: "set"; map: Map<string, [PyVal, PyVal]> }
  | { t: "range"; start: bigint; stop: bigint; step: bigint }
  | {
      t: "func";
      name: string;
      params: Param[];
      body: Stmt[] | { expr: import("./ast").Expr };
      scope: Scope;
      defaults: PyVal[];
    }
  | { t: "builtin"; name: string; fn: BuiltinFn; self?: PyVal }
  | { t: "module"; name: string; attrs: Map<string, PyVal> }
  | { t: "class"; name: string; base?: PyObj & { t: "class" }; module?: string; attrs?: Map<string, PyVal> }
  | { t: "exc"; cls: PyObj & { t: "class" }; args: PyVal[]; attrs?: Map<string, PyVal> }
  | { t: "inst"; cls: PyObj & { t: "class" }; attrs: Map<string, PyVal> }
  | { t: "super"; cls: PyObj & { t: "class" }; self: PyVal }
  | { t: "iter"; next: () => PyVal | typeof STOP }
  | {
      t: "file";
      name: string;
      stream: "out" | "err" | "file";
      /** An open() file: its absolute path, mode, text read at open, read position, and whether closed. */
      path?: string;
      mode?: string;
      text?: string;
      pos?: number;
      closed?: boolean;
    };

/** How instances of user classes print: their __str__ and __repr__, run by the interpreter. */
export const classHooks: { format?: (v: PyObj, kind: "str" | "repr") => string | undefined } = {};

/** A class's attribute, looked up along its bases. */
export function classAttr(cls: (PyObj & { t: "class" }) | undefined, name: string): PyVal | undefined {
  for (let c = cls; c; c = c.base) if (c.attrs?.has(name)) return c.attrs.get(name) as PyVal;
  return undefined;
}

/** The end of an iterator. */
export const STOP: unique symbol = Symbol("StopIteration");

/** A builtin's implementation: positional and keyword arguments; a generator when it may sleep. */
export type BuiltinFn = (args: PyVal[], kw: Map<string, PyVal>) => PyVal | Generator<unknown, PyVal, void>;

/** A function's variables, chained to the enclosing scope. */
export interface Scope {
  vars: Map<string, PyVal>;
  parent?: Scope;
  globals?: Set<string>;
}

/** A raised python exception travelling through the interpreter. */
export class PyRaise {
  /** Frames the exception passed through, innermost last: file, line, function. */
  readonly frames: { line: number; name: string }[] = [];
  constructor(readonly exc: PyObj & { t: "exc" }) {}
}

/** A new exception class. */
export function excClass(name: string, base?: PyObj & { t: "class" }): PyObj & { t: "class" } {
  return base ? { t: "class", name, base } : { t: "class", name };
}

/** The builtin exception hierarchy (Objects/exceptions.c), by name. */
export const EXC: Record<string, PyObj & { t: "class" }> = (() => {
  const base = excClass("BaseException");
  const exc = excClass("Exception", base);
  const out: Record<string, PyObj & { t: "class" }> = { BaseException: base, Exception: exc };
  const add = (n: string, parent: string) => {
    out[n] = excClass(n, out[parent]);
  };
  add("SystemExit", "BaseException");
  add("KeyboardInterrupt", "BaseException");
  add("ArithmeticError", "Exception");
  add("ZeroDivisionError", "ArithmeticError");
  add("OverflowError", "ArithmeticError");
  add("LookupError", "Exception");
  add("KeyError", "LookupError");
  add("IndexError", "LookupError");
  add("NameError", "Exception");
  add("UnboundLocalError", "NameError");
  add("TypeError", "Exception");
  add("ValueError", "Exception");
  add("AttributeError", "Exception");
  add("RuntimeError", "Exception");
  add("RecursionError", "RuntimeError");
  add("NotImplementedError", "RuntimeError");
  add("AssertionError", "Exception");
  add("ImportError", "Exception");
  add("ModuleNotFoundError", "ImportError");
  add("OSError", "Exception");
  add("FileNotFoundError", "OSError");
  add("ConnectionError", "OSError");
  add("ConnectionRefusedError", "ConnectionError");
  add("TimeoutError", "OSError");
  add("StopIteration", "Exception");
  add("MemoryError", "Exception");
  add("EOFError", "Exception");
  add("PermissionError", "OSError");
  add("IsADirectoryError", "OSError");
  add("UnsupportedOperation", "OSError");
  (out.UnsupportedOperation as { module?: string }).module = "io";
  add("UnicodeError", "ValueError");
  add("JSONDecodeError", "ValueError");
  (out.JSONDecodeError as { module?: string }).module = "json.decoder";
  return out;
})();

/** Makes a raise of a builtin exception with a message. */
export function raise(name: string, ...args: PyVal[]): PyRaise {
  return new PyRaise({ t: "exc", cls: EXC[name] as PyObj & { t: "class" }, args });
}

/** Whether cls is klass or derives from it. */
export function isSubclass(cls: PyObj & { t: "class" }, klass: PyObj & { t: "class" }): boolean {
  for (let c: (PyObj & { t: "class" }) | undefined = cls; c; c = c.base) if (c === klass) return true;
  return false;
}

/** A python type's name (`type(x).__name__`). */
export function typeName(v: PyVal): string {
  if (v === null) return "NoneType";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "str";
  }
  switch (v.t) {
    case "func":
      return "function";
    case "builtin":
      return v.self === undefined ? "builtin_function_or_method" : "method";
    case "class":
      return "type";
    case "exc":
    case "inst":
      return v.cls.name;
    case "super":
      return "super";
    case "iter":
      return "generator";
    case "file":
      return "_io.TextIOWrapper";
    case "tuple":
      return v.named?.type ?? "tuple";
    case "dict":
      return v.environ ? "_Environ" : "dict";
    default:
      return v.t;
  }
}

/** A python float as repr() prints it (shortest round trip; exponent from 1e16 and below 1e-4). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [m, e = "0"] = x.toExponential().split("e");
    const exp = Number(e);
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** unicode_repr: single quotes unless the text has ' and no ". */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === q || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + q;
}

/** repr(). */
export function repr(v: PyVal, seen = new Set<PyObj>()): string {
  if (typeof v === "string") return strRepr(v);
  if (v === null || typeof v !== "object") return str(v);
  if (seen.has(v)) return v.t === "list" ? "[...]" : v.t === "dict" ? "{...}" : "...";
  if ((v.t === "inst" || v.t === "exc") && classAttr(v.cls, "__repr__") !== undefined) {
    const r = classHooks.format?.(v, "repr");
    if (r !== undefined) return r;
  }
  seen.add(v);
  try {
    switch (v.t) {
      case "list": {
        const body = `[${v.items.map((x) => repr(x, seen)).join(", ")}]`;
        const view = (v as { view?: string }).view;
        return view ? `${view}(${body})` : body;
      }
      case "tuple":
        if (v.named)
          return `${v.named.type}(${v.items.map((x, i) => `${v.named?.fields[i]}=${repr(x, seen)}`).join(", ")})`;
        return `(${v.items.map((x) => repr(x, seen)).join(", ")}${v.items.length === 1 ? "," : ""})`;
      case "dict": {
        const body = `{${[...v.map.values()].map(([k, x]) => `${repr(k, seen)}: ${repr(x, seen)}`).join(", ")}}`;
        return v.environ ? `environ(${body})` : body;
      }
      case "set":
        return v.map.size ? `{${[...v.map.values()].map(([k]) => repr(k, seen)).join(", ")}}` : "set()";
      case "range":
        return `range(${v.start}, ${v.stop}${v.step === 1n ? "" : `, ${v.step}`})`;
      case "func":
        return `<function ${v.name} at 0x7f3a1c2b${(v.name.length * 4099).toString(16).padStart(4, "0")}>`;
      case "builtin":
        return v.self === undefined
          ? `<built-in function ${v.name}>`
          : `<built-in method ${v.name} of ${typeName(v.self)} object at 0x7f3a1c2e0b40>`;
      case "module":
        return `<module '${v.name}'${v.name === "sys" || v.name === "time" ? " (built-in)" : ""}>`;
      case "class":
        return `<class '${v.module ? `${v.module}.` : ""}${v.name}'>`;
      case "exc":
        return `${v.cls.name}(${v.args.map((x) => repr(x, seen)).join(", ")})`;
      case "inst":
        return `<${v.cls.module ?? "__main__"}.${v.cls.name} object at 0x7f3a1c2b5e10>`;
      case "super":
        return `<super: <class '${v.cls.name}'>, <${typeName(v.self)} object>>`;
      case "iter": {
        const kind = (v as { kind?: string }).kind;
        return kind ? `<${kind} object at 0x7f3a1c2d5a80>` : "<generator object <genexpr> at 0x7f3a1c2d5a80>";
      }
      case "file":
        return `<_io.TextIOWrapper name='${v.name}' mode='w' encoding='utf-8'>`;
    }
  } finally {
    seen.delete(v);
  }
}

/** str(). */
export function str(v: PyVal): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return v.toString();
    case "number":
      return pyFloat(v);
    case "string":
      return v;
  }
  if (
    (v.t === "inst" || v.t === "exc") &&
    (classAttr(v.cls, "__str__") ?? classAttr(v.cls, "__repr__")) !== undefined
  ) {
    const r = classHooks.format?.(v, classAttr(v.cls, "__str__") !== undefined ? "str" : "repr");
    if (r !== undefined) return r;
  }
  if (v.t === "exc") {
    if (v.attrs?.has("filename") && v.args.length === 2)
      return `[Errno ${str(v.args[0] as PyVal)}] ${str(v.args[1] as PyVal)}: ${repr(v.attrs.get("filename") as PyVal)}`;
    if (v.args.length === 0) return "";
    if (v.args.length === 1)
      return v.cls.name === "KeyError" ? repr(v.args[0] as PyVal) : str(v.args[0] as PyVal);
    return repr({ t: "tuple", items: v.args });
  }
  return repr(v);
}

/** The key a value hashes to in a dict or set (1, 1.0 and True are one key, as in python). */
export function hashKey(v: PyVal): string {
  if (v === null) return "N";
  switch (typeof v) {
    case "boolean":
      return `n${v ? 1 : 0}`;
    case "bigint":
      return `n${v}`;
    case "number":
      return Number.isInteger(v) ? `n${BigInt(v)}` : `f${v}`;
    case "string":
      return `s${v}`;
  }
  if (v.t === "tuple") return `t(${v.items.map(hashKey).join(",")})`;
  if (v.t === "list" || v.t === "dict" || v.t === "set")
    throw raise("TypeError", `unhashable type: '${v.t}'`);
  return `o${repr(v)}`;
}

/** A new dict from entries. */
export function dict(entries: [PyVal, PyVal][] = []): PyObj & { t: "dict" } {
  const map = new Map<string, [PyVal, PyVal]>();
  for (const [k, v] of entries) map.set(hashKey(k), [k, v]);
  return { t: "dict", map };
}

/** A new list. */
export function list(items: PyVal[]): PyObj & { t: "list" } {
  return { t: "list", items };
}

/** A new tuple. */
export function tuple(items: PyVal[]): PyObj & { t: "tuple" } {
  return { t: "tuple", items };
}

/** Truthiness (object.__bool__ / __len__). */
export function truthy(v: PyVal): boolean {
  if (v === null || v === false || v === "" || v === 0 || v === 0n) return false;
  if (typeof v !== "object") return true;
  switch (v.t) {
    case "list":
    case "tuple":
      return v.items.length > 0;
    case "dict":
    case "set":
      return v.map.size > 0;
    case "range":
      return rangeLength(v) > 0n;
    default:
      return true;
  }
}

/** The number of items of a range. */
export function rangeLength(r: { start: bigint; stop: bigint; step: bigint }): bigint {
  const n =
    r.step > 0n ? (r.stop - r.start + r.step - 1n) / r.step : (r.start - r.stop - r.step - 1n) / -r.step;
  return n > 0n ? n : 0n;
}

/** ==. */
export function equal(a: PyVal, b: PyVal): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) {
    if (typeof na === "bigint" && typeof nb === "bigint") return na === nb;
    return Number(na) === Number(nb);
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  if ((a.t === "list" && b.t === "list") || (a.t === "tuple" && b.t === "tuple"))
    return a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i] as PyVal));
  if ((a.t === "dict" && b.t === "dict") || (a.t === "set" && b.t === "set")) {
    if (a.map.size !== b.map.size) return false;
    for (const [k, [, v]] of a.map) {
      const o = b.map.get(k);
      if (!o || !equal(v, o[1])) return false;
    }
    return true;
  }
  if (a.t === "range" && b.t === "range")
    return a.start === b.start && a.stop === b.stop && a.step === b.step;
  return a === b;
}

/** A number's value for arithmetic (bool counts as int); undefined for others. */
export function numeric(v: PyVal): bigint | number | undefined {
  if (typeof v === "bigint" || typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return undefined;
}

/** Formats a value with a format spec (format(), f-strings, str.format). */
export function formatSpec(v: PyVal, spec: string): string {
  if (!spec) return str(v);
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(
    spec,
  );
  if (!m) throw raise("ValueError", `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  let [, fill, align, sign, , alt, zero, width, group, prec, type] = m;
  if (zero && !align) {
    fill = "0";
    align = "=";
  }
  const n = numeric(v);
  let body: string;
  let neg = false;
  if (typeof v === "string" || (n === undefined && type === undefined)) {
    if (type && type !== "s")
      throw raise("ValueError", `Unknown format code '${type}' for object of type '${typeName(v)}'`);
    body = str(v);
    if (prec !== undefined) body = body.slice(0, Number(prec));
    align ??= "<";
  } else {
    if (n === undefined)
      throw raise("TypeError", `unsupported format string passed to ${typeName(v)}.__format__`);
    const isInt = typeof n === "bigint";
    const t = type ?? (isInt ? "d" : "");
    if (isInt && "dbox".includes(t) && t !== "") {
      const x = n as bigint;
      neg = x < 0n;
      const abs = neg ? -x : x;
      body = abs.toString(t === "d" ? 10 : t === "b" ? 2 : t === "o" ? 8 : 16);
      if (alt && t !== "d") body = `0${t}${body}`;
    } else if (t === "X") {
      const x = numeric(v) as bigint;
      if (typeof x !== "bigint")
        throw raise("ValueError", `Unknown format code 'X' for object of type 'float'`);
      neg = x < 0n;
      body = (neg ? -x : x).toString(16).toUpperCase();
    } else if (t === "c") {
      body = String.fromCodePoint(Number(n));
    } else {
      if (isInt && t === "" && !type) body = (n as bigint).toString();
      const x = Number(n);
      neg = x < 0 || Object.is(x, -0);
      const a = Math.abs(x);
      const p = prec === undefined ? 6 : Number(prec);
      switch (t) {
        case "f":
        case "F":
          body = Number.isFinite(a) ? a.toFixed(p) : a > 0 ? "inf" : "nan";
          break;
        case "e":
        case "E": {
          const [mm, ee = "0"] = a.toExponential(p).split("e");
          body = `${mm}e${Number(ee) < 0 ? "-" : "+"}${String(Math.abs(Number(ee))).padStart(2, "0")}`;
          if (t === "E") body = body.toUpperCase();
          break;
        }
        case "%":
          body = `${(a * 100).toFixed(p)}%`;
          break;
        case "g":
        case "G":
        case "n": {
          const pp = p === 0 ? 1 : p;
          const exp = a === 0 ? 0 : Math.floor(Math.log10(a));
          if (exp < -4 || exp >= pp) {
            const [mm, ee = "0"] = a.toExponential(pp - 1).split("e");
            body = `${alt ? mm : (mm as string).replace(/\.?0+$/, "")}e${Number(ee) < 0 ? "-" : "+"}${String(Math.abs(Number(ee))).padStart(2, "0")}`;
          } else {
            body = a.toFixed(Math.max(0, pp - 1 - exp));
            if (!alt && body.includes(".")) body = body.replace(/\.?0+$/, "");
          }
          break;
        }
        default:
          body = isInt
            ? (n as bigint).toString().replace("-", "")
            : prec !== undefined
              ? gRepr(a, Number(prec))
              : pyFloat(a);
      }
    }
    if (group) {
      const [ip, fp] = body.split(".");
      body = (ip as string).replace(/\B(?=(\d{3})+(?!\d))/g, group) + (fp !== undefined ? `.${fp}` : "");
    }
    const signText = neg ? "-" : sign === "+" ? "+" : sign === " " ? " " : "";
    align ??= ">";
    const w = Number(width ?? 0);
    if (align === "=") {
      return signText + body.padStart(w - signText.length, fill ?? " ");
    }
    body = signText + body;
  }
  const w = Number(width ?? 0);
  const f = fill ?? " ";
  if (body.length >= w) return body;
  const pad = w - body.length;
  if (align === "<") return body + f.repeat(pad);
  if (align === "^") return f.repeat(pad >> 1) + body + f.repeat(pad - (pad >> 1));
  return f.repeat(pad) + body;
}

/** A float with a precision and no type: like 'g' but always with a digit after the point. */
function gRepr(a: number, p: number): string {
  const s = formatSpec(a, `.${p}g`);
  return /[.e]|inf|nan/.test(s) ? s : `${s}.0`;
}
