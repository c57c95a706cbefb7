/**
 * The simulated python's builtins (Python/bltinmodule.c) and the methods of its builtin types
 * (str, list, dict, set), with CPython's error texts for the mistakes learners make.
 */
import type { Gen, Interp } from "./interp";
import { getItem, normIndex } from "./interp";
import { binary, compare, contains } from "./ops";
import {
  dict,
  EXC,
  equal,
  formatSpec,
  hashKey,
  numeric,
  type PyObj,
  type PyVal,
  pyFloat,
  raise,
  rangeLength,
  repr,
  STOP,
  str,
  truthy,
  typeName,
} from "./values";

type Fn = (args: PyVal[], kw: Map<string, PyVal>) => PyVal | Gen;

/** A builtin function value. */
export function builtin(name: string, fn: Fn, self?: PyVal): PyObj {
  return self === undefined ? { t: "builtin", name, fn } : { t: "builtin", name, fn, self };
}

function intOf(v: PyVal, what = "an integer"): bigint {
  const n = numeric(v);
  if (typeof n !== "bigint")
    throw raise("TypeError", `'${typeName(v)}' object cannot be interpreted as ${what}`);
  return n;
}

/** int(x, base). */
export function toInt(v: PyVal, base?: PyVal): bigint {
  if (typeof v === "string") {
    const b = base === undefined ? 10 : Number(intOf(base));
    const s = v.trim().replace(/_/g, "").toLowerCase();
    const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
    const m = /^([-+]?)(?:0[xob])?(.+)$/.exec(b === 10 ? s : s);
    const body = m?.[2] ?? "";
    if (!s || !body || [...body].some((c) => !digits.includes(c)) || (b === 10 && /^[-+]?0[xob]/.test(s)))
      throw raise("ValueError", `invalid literal for int() with base ${b}: ${repr(v)}`);
    let n = 0n;
    for (const c of body) n = n * BigInt(b) + BigInt(digits.indexOf(c));
    return m?.[1] === "-" ? -n : n;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v))
      throw raise(
        Number.isNaN(v) ? "ValueError" : "OverflowError",
        Number.isNaN(v) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
      );
    return BigInt(Math.trunc(v));
  }
  const n = numeric(v);
  if (n === undefined)
    throw raise(
      "TypeError",
      `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`,
    );
  return n as bigint;
}

/** float(x). */
export function toFloat(v: PyVal): number {
  if (typeof v === "string") {
    const s = v.trim().toLowerCase().replace(/_/g, "");
    if (/^[-+]?(inf|infinity)$/.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    if (/^[-+]?nan$/.test(s)) return Number.NaN;
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s))
      throw raise("ValueError", `could not convert string to float: ${repr(v)}`);
    return Number(s);
  }
  const n = numeric(v);
  if (n === undefined)
    throw raise("TypeError", `float() argument must be a string or a real number, not '${typeName(v)}'`);
  return Number(n);
}

/**
 * Python's round(x, n): the correctly rounded decimal, ties to even. toFixed works on the
 * double's exact value (2.675 is 2.67499999...), so only exact ties need the even rule.
 */
function roundHalfEven(x: number, digits: number): number {
  if (!Number.isFinite(x) || digits > 20) return x;
  if (digits < 0) {
    const f = 10 ** -digits;
    const q = x / f;
    const r = Math.round(q);
    return (Math.abs(q % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r) * f;
  }
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const [ip, fp = ""] = exact.split(".");
  const tie = fp[digits] === "5" && /^0*$/.test(fp.slice(digits + 1));
  if (!tie) return Number(x.toFixed(digits));
  const kept = `${ip}${fp.slice(0, digits)}`;
  const even = Number(kept.slice(-1)) % 2 === 0;
  const down = Number(`${ip}.${fp.slice(0, digits)}`);
  const res = even ? down : Number((down + 10 ** -digits).toFixed(digits));
  return x < 0 ? -res : res;
}

/** The builtin namespace, bound to an interpreter and its output. */
export function builtins(
  ip: Interp,
  io: { print(text: string, stream: "out" | "err", flush: boolean): void; stdin(): string | undefined },
): Map<string, PyVal> {
  const b = new Map<string, PyVal>();
  const def = (name: string, fn: Fn) => b.set(name, builtin(name, fn));
  const items = (v: PyVal) => ip.iterate(v);
  def("print", (args, kw) => {
    const sep = kw.get("sep");
    const end = kw.get("end");
    const text =
      args.map(str).join(sep === undefined || sep === null ? " " : str(sep)) +
      (end === undefined || end === null ? "\n" : str(end));
    const file = kw.get("file");
    if (file && typeof file === "object" && file.t === "file" && file.stream === "file") {
      const w = fileMethod(file, "write") as PyObj & { t: "builtin" };
      w.fn([text], new Map());
      return null;
    }
    const stream = file && typeof file === "object" && file.t === "file" ? file.stream : "out";
    io.print(text, stream === "err" ? "err" : "out", truthy(kw.get("flush") ?? false));
    return null;
  });
  def("len", ([x]) => {
    if (typeof x === "string") return BigInt([...x].length);
    if (x && typeof x === "object") {
      if (x.t === "list" || x.t === "tuple") return BigInt(x.items.length);
      if (x.t === "dict" || x.t === "set") return BigInt(x.map.size);
      if (x.t === "range") return rangeLength(x);
    }
    throw raise("TypeError", `object of type '${typeName(x ?? null)}' has no len()`);
  });
  def("str", ([x]) => (x === undefined ? "" : str(x)));
  def("repr", ([x]) => repr(x ?? null));
  def("ascii", ([x]) =>
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    repr(x ?? null).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  );
  def("int", ([x, base]) => (x === undefined ? 0n : toInt(x, base)));
  def("float", ([x]) => (x === undefined ? 0 : toFloat(x)));
  def("bool", ([x]) => (x === undefined ? false : truthy(x)));
  def("abs", ([x]) => {
    const n = numeric(x ?? null);
    if (n === undefined) throw raise("TypeError", `bad operand type for abs(): '${typeName(x ?? null)}'`);
    return typeof n === "bigint" ? (n < 0n ? -n : n) : Math.abs(n);
  });
  def("round", ([x, nd]) => {
    const n = numeric(x ?? null);
    if (n === undefined)
      throw raise("TypeError", `type ${typeName(x ?? null)} doesn't define __round__ method`);
    if (nd === undefined || nd === null) return typeof n === "bigint" ? n : BigInt(roundHalfEven(n, 0));
    return typeof n === "bigint" ? n : roundHalfEven(n, Number(intOf(nd)));
  });
  def("divmod", ([a, c]) => {
    const n1 = numeric(a ?? null);
    const n2 = numeric(c ?? null);
    if (typeof n1 === "bigint" && typeof n2 === "bigint") {
      if (n2 === 0n) throw raise("ZeroDivisionError", "integer division or modulo by zero");
      let qq = n1 / n2;
      if (n1 % n2 !== 0n && n1 < 0n !== n2 < 0n) qq -= 1n;
      return { t: "tuple", items: [qq, n1 - qq * n2] };
    }
    const x = Number(n1);
    const y = Number(n2);
    if (y === 0) throw raise("ZeroDivisionError", "float divmod()");
    return { t: "tuple", items: [Math.floor(x / y), x - Math.floor(x / y) * y] };
  });
  def("pow", ([x, y, m]) => {
    if (m !== undefined) {
      let base = intOf(x ?? null) % intOf(m);
      let e = intOf(y ?? null);
      const mod = intOf(m);
      let r = 1n;
      while (e > 0n) {
        if (e & 1n) r = (r * base) % mod;
        base = (base * base) % mod;
        e >>= 1n;
      }
      return r;
    }
    const a = numeric(x ?? null);
    const c = numeric(y ?? null);
    if (typeof a === "bigint" && typeof c === "bigint" && c >= 0n) return a ** c;
    return Number(a) ** Number(c);
  });
  def("hex", ([x]) => {
    const n = intOf(x ?? null);
    return `${n < 0n ? "-" : ""}0x${(n < 0n ? -n : n).toString(16)}`;
  });
  def("oct", ([x]) => {
    const n = intOf(x ?? null);
    return `${n < 0n ? "-" : ""}0o${(n < 0n ? -n : n).toString(8)}`;
  });
  def("bin", ([x]) => {
    const n = intOf(x ?? null);
    return `${n < 0n ? "-" : ""}0b${(n < 0n ? -n : n).toString(2)}`;
  });
  def("chr", ([x]) => String.fromCodePoint(Number(intOf(x ?? null))));
  def("ord", ([x]) => {
    if (typeof x !== "string" || [...x].length !== 1)
      throw raise(
        "TypeError",
        typeof x === "string"
          ? `ord() expected a character, but string of length ${[...x].length} found`
          : `ord() expected string of length 1, but ${typeName(x ?? null)} found`,
      );
    return BigInt(x.codePointAt(0) as number);
  });
  def("format", ([x, spec]) => formatSpec(x ?? null, spec === undefined ? "" : str(spec)));
  def("hash", ([x]) => {
    const n = numeric(x ?? null);
    if (typeof n === "bigint") return n;
    hashKey(x ?? null);
    return 0n;
  });
  def("id", () => 140_000_000_000_000n);
  def(
    "callable",
    ([x]) => !!x && typeof x === "object" && (x.t === "func" || x.t === "builtin" || x.t === "class"),
  );
  def("list", function* ([x]) {
    return { t: "list", items: x === undefined ? [] : [...(yield* items(x))] };
  });
  def("tuple", function* ([x]) {
    return { t: "tuple", items: x === undefined ? [] : [...(yield* items(x))] };
  });
  def("set", function* ([x]) {
    const map = new Map<string, [PyVal, PyVal]>();
    if (x !== undefined) for (const v of yield* items(x)) map.set(hashKey(v), [v, null]);
    return { t: "set", map };
  });
  def("dict", function* ([x], kw) {
    const d = dict();
    if (x && typeof x === "object" && x.t === "dict") for (const [k, e] of x.map) d.map.set(k, e);
    else if (x !== undefined)
      for (const pair of yield* items(x)) {
        const kv = yield* items(pair);
        if (kv.length !== 2)
          throw raise(
            "ValueError",
            `dictionary update sequence element #0 has length ${kv.length}; 2 is required`,
          );
        d.map.set(hashKey(kv[0] as PyVal), [kv[0] as PyVal, kv[1] as PyVal]);
      }
    for (const [k, v] of kw) d.map.set(hashKey(k), [k, v]);
    return d;
  });
  def("range", (args) => {
    if (args.length === 0) throw raise("TypeError", "range expected at least 1 argument, got 0");
    const n = args.map((a) => intOf(a));
    const [start, stop, step] =
      n.length === 1 ? [0n, n[0] as bigint, 1n] : [n[0] as bigint, n[1] as bigint, n[2] ?? 1n];
    if (step === 0n) throw raise("ValueError", "range() arg 3 must not be zero");
    return { t: "range", start, stop, step };
  });
  def("enumerate", function* ([x, start]) {
    let i = start === undefined ? 0n : intOf(start);
    const out: PyVal[] = [];
    for (const v of yield* items(x ?? null)) out.push({ t: "tuple", items: [i++, v] });
    return lazy(out, "enumerate");
  });
  def("zip", function* (args) {
    const lists: PyVal[][] = [];
    for (const a of args) lists.push(yield* items(a));
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    return lazy(
      Array.from({ length: n }, (_x, i) => ({ t: "tuple", items: lists.map((l) => l[i] as PyVal) }) as PyVal),
      "zip",
    );
  });
  def("map", function* ([f, ...its]) {
    const lists: PyVal[][] = [];
    for (const a of its) lists.push(yield* items(a));
    const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
    const out: PyVal[] = [];
    for (let i = 0; i < n; i++)
      out.push(
        yield* ip.call(
          f ?? null,
          lists.map((l) => l[i] as PyVal),
          new Map(),
        ),
      );
    return lazy(out, "map");
  });
  def("filter", function* ([f, it]) {
    const out: PyVal[] = [];
    for (const v of yield* items(it ?? null))
      if (truthy(f === null ? v : yield* ip.call(f ?? null, [v], new Map()))) out.push(v);
    return lazy(out, "filter");
  });
  def("reversed", function* ([x]) {
    return lazy([...(yield* items(x ?? null))].reverse(), "list_reverseiterator");
  });
  def("sorted", function* ([x], kw) {
    const list: PyVal[] = [...(yield* items(x ?? null))];
    yield* sortList(ip, list, kw);
    return { t: "list", items: list };
  });
  const minmax = (name: string, sign: number): Fn =>
    function* (args, kw) {
      const list = args.length === 1 ? yield* items(args[0] as PyVal) : args;
      if (!list.length) {
        if (kw.has("default")) return kw.get("default") as PyVal;
        throw raise("ValueError", `${name}() iterable argument is empty`);
      }
      const key = kw.get("key");
      let best = list[0] as PyVal;
      let bestKey = key ? yield* ip.call(key, [best], new Map()) : best;
      for (const v of list.slice(1)) {
        const k = key ? yield* ip.call(key, [v], new Map()) : v;
        if (compare(k, bestKey) * sign > 0) {
          best = v;
          bestKey = k;
        }
      }
      return best;
    };
  def("min", minmax("min", -1));
  def("max", minmax("max", 1));
  def("sum", function* ([x, start]) {
    let acc: PyVal = start ?? 0n;
    for (const v of yield* items(x ?? null)) acc = binary("+", acc, v);
    return acc;
  });
  def("any", function* ([x]) {
    return (yield* items(x ?? null)).some(truthy);
  });
  def("all", function* ([x]) {
    return (yield* items(x ?? null)).every(truthy);
  });
  def("iter", function* ([x]) {
    const next = yield* ip.iter(x ?? null);
    return { t: "iter", next };
  });
  def("next", ([it, dflt]) => {
    if (!(it && typeof it === "object" && it.t === "iter"))
      throw raise("TypeError", `'${typeName(it ?? null)}' object is not an iterator`);
    const v = it.next();
    if (v === STOP) {
      if (dflt !== undefined) return dflt;
      throw raise("StopIteration");
    }
    return v;
  });
  def("isinstance", ([x, cls]) => {
    const classes = cls && typeof cls === "object" && cls.t === "tuple" ? cls.items : [cls];
    return classes.some((c) => {
      if (c && typeof c === "object" && c.t === "builtin") {
        const t = typeName(x ?? null);
        return c.name === t || (c.name === "int" && t === "bool");
      }
      if (
        c &&
        typeof c === "object" &&
        c.t === "class" &&
        x &&
        typeof x === "object" &&
        (x.t === "exc" || x.t === "inst")
      ) {
        for (let k: (PyObj & { t: "class" }) | undefined = x.cls; k; k = k.base) if (k === c) return true;
      }
      return false;
    });
  });
  def("type", ([x]) => {
    const name = typeName(x ?? null);
    if (x && typeof x === "object" && (x.t === "exc" || x.t === "inst")) return x.cls;
    return { t: "class", name };
  });
  def("hasattr", ([x, n]) => {
    try {
      ip.getAttr(x ?? null, str(n ?? null));
      return true;
    } catch {
      return false;
    }
  });
  def("getattr", ([x, n, d]) => {
    try {
      return ip.getAttr(x ?? null, str(n ?? null));
    } catch (e) {
      if (d !== undefined) return d;
      throw e;
    }
  });
  def("input", ([prompt]) => {
    if (prompt !== undefined) io.print(str(prompt), "out", false);
    const line = io.stdin();
    if (line === undefined) throw raise("EOFError", "EOF when reading a line");
    return line;
  });
  def("exit", ([code]) => {
    throw new SystemExitSignal(code ?? null);
  });
  b.set("quit", b.get("exit") as PyVal);
  for (const [name, cls] of Object.entries(EXC)) if (!cls.module) b.set(name, cls);
  return b;
}

/** Raised by sys.exit() and exit(): the interpreter ends with the code. */
export class SystemExitSignal {
  constructor(readonly code: PyVal) {}
}

function lazy(items: PyVal[], kind: string): PyObj {
  let i = 0;
  const it: PyObj = { t: "iter", next: () => (i < items.length ? (items[i++] as PyVal) : STOP) };
  (it as { kind?: string }).kind = kind;
  return it;
}

/** list.sort / sorted: stable, with key= and reverse=. */
export function* sortList(ip: Interp, list: PyVal[], kw: Map<string, PyVal>): Gen<void> {
  const key = kw.get("key");
  const keys: PyVal[] = [];
  for (const v of list) keys.push(key && key !== null ? yield* ip.call(key, [v], new Map()) : v);
  const idx = list.map((_v, i) => i);
  const rev = truthy(kw.get("reverse") ?? false);
  idx.sort((a, c) => {
    const r = compare(keys[a] as PyVal, keys[c] as PyVal);
    return rev ? -r || a - c : r || a - c;
  });
  const sorted = idx.map((i) => list[i] as PyVal);
  list.splice(0, list.length, ...sorted);
}

/** The methods of str, list, dict and set values, bound to the value. */
export function method(ip: Interp, v: PyVal, name: string): PyVal | undefined {
  if (typeof v === "string") return strMethod(ip, v, name);
  if (!v || typeof v !== "object") {
    if (typeof v === "number" && name === "is_integer") return builtin(name, () => Number.isInteger(v));
    if ((typeof v === "bigint" || typeof v === "number") && name === "real") return v;
    return undefined;
  }
  if (v.t === "list") return listMethod(ip, v, name);
  if (v.t === "tuple") {
    if (name === "count")
      return builtin(name, ([x]) => BigInt(v.items.filter((y) => equal(y, x ?? null)).length));
    if (name === "index")
      return builtin(name, ([x]) => {
        const i = v.items.findIndex((y) => equal(y, x ?? null));
        if (i < 0) throw raise("ValueError", "tuple.index(x): x not in tuple");
        return BigInt(i);
      });
    if (v.named) {
      const i = v.named.fields.indexOf(name);
      if (i >= 0) return v.items[i] as PyVal;
    }
    return undefined;
  }
  if (v.t === "dict") return dictMethod(ip, v, name);
  if (v.t === "set") return setMethod(v, name);
  if (v.t === "file" && v.stream === "file") return fileMethod(v, name);
  if (v.t === "file") {
    if (name === "write")
      return builtin(name, ([s]) => {
        const text = str(s ?? null);
        writeStream(v.stream === "err" ? "err" : "out", text);
        return BigInt(text.length);
      });
    if (name === "flush")
      return builtin(name, () => {
        flushStream(v.stream === "err" ? "err" : "out");
        return null;
      });
  }
  return undefined;
}

/** The file system open() files read and write (set by the runner). */
export const fileSystem: { write?: (path: string, text: string) => void } = {};

function fileMethod(f: PyObj & { t: "file" }, name: string): PyVal | undefined {
  const m = (fn: Fn) => builtin(name, fn);
  const open = () => {
    if (f.closed) throw raise("ValueError", "I/O operation on closed file.");
  };
  const reading = () => {
    open();
    if (f.mode?.includes("w") || f.mode?.includes("a")) throw raise("UnsupportedOperation", "not readable");
  };
  switch (name) {
    case "closed":
      return !!f.closed;
    case "name":
      return f.name;
    case "mode":
      return f.mode ?? "r";
    case "read":
      return m(() => {
        reading();
        const out = (f.text ?? "").slice(f.pos ?? 0);
        f.pos = (f.text ?? "").length;
        return out;
      });
    case "readline":
      return m(() => {
        reading();
        const text = f.text ?? "";
        const at = f.pos ?? 0;
        const nl = text.indexOf("\n", at);
        const end = nl < 0 ? text.length : nl + 1;
        f.pos = end;
        return text.slice(at, end);
      });
    case "readlines":
      return m(() => {
        reading();
        const rest = (f.text ?? "").slice(f.pos ?? 0);
        f.pos = (f.text ?? "").length;
        return { t: "list", items: rest.split(/(?<=\n)/).filter(Boolean) };
      });
    case "write":
      return m(([s]) => {
        open();
        if (!f.mode?.includes("w") && !f.mode?.includes("a"))
          throw raise("UnsupportedOperation", "not writable");
        if (typeof s !== "string")
          throw raise("TypeError", `write() argument must be str, not ${typeName(s ?? null)}`);
        f.text = (f.text ?? "") + s;
        fileSystem.write?.(f.path as string, f.text);
        return BigInt(s.length);
      });
    case "close":
      return m(() => {
        f.closed = true;
        return null;
      });
    case "flush":
      return m(() => null);
    case "__enter__":
      return m(() => f);
    case "__exit__":
      return m(() => {
        f.closed = true;
        return false;
      });
  }
  return undefined;
}

let writeStream: (stream: "out" | "err", text: string) => void = () => {};
let flushStream: (stream: "out" | "err") => void = () => {};

/** Routes sys.stdout.write and flush to the running script's output. */
export function setStreams(write: typeof writeStream, flush: typeof flushStream): void {
  writeStream = write;
  flushStream = flush;
}

function strMethod(ip: Interp, s: string, name: string): PyVal | undefined {
  const m = (fn: Fn) => builtin(name, fn);
  const arg = (v: PyVal | undefined) => {
    if (typeof v !== "string") throw raise("TypeError", `must be str, not ${typeName(v ?? null)}`);
    return v;
  };
  const strip = (chars: PyVal | undefined, left: boolean, right: boolean) => {
    const set = chars === undefined || chars === null ? " \t\n\r\x0b\x0c" : arg(chars);
    let a = 0;
    let z = s.length;
    if (left) while (a < z && set.includes(s[a] as string)) a++;
    if (right) while (z > a && set.includes(s[z - 1] as string)) z--;
    return s.slice(a, z);
  };
  switch (name) {
    case "upper":
      return m(() => s.toUpperCase());
    case "lower":
      return m(() => s.toLowerCase());
    case "casefold":
      return m(() => s.toLowerCase());
    case "capitalize":
      return m(() => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    case "title":
      return m(() =>
        s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_x, p: string, c: string) => p + c.toUpperCase()),
      );
    case "swapcase":
      return m(() => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""));
    case "strip":
      return m(([c]) => strip(c, true, true));
    case "lstrip":
      return m(([c]) => strip(c, true, false));
    case "rstrip":
      return m(([c]) => strip(c, false, true));
    case "split":
    case "rsplit":
      return m(([sep, max], kw) => {
        const sp = sep ?? kw.get("sep") ?? null;
        const mx = Number(max ?? kw.get("maxsplit") ?? -1n);
        let parts: string[];
        if (sp === null) {
          parts = s.trim().split(/\s+/).filter(Boolean);
          if (mx >= 0 && parts.length > mx + 1) {
            if (name === "split") {
              const re = /\S+/g;
              const out: string[] = [];
              let match: RegExpExecArray | null;
              for (match = re.exec(s); match && out.length < mx; match = out.length < mx ? re.exec(s) : null)
                out.push(match[0]);
              out.push(s.slice(re.lastIndex).trimStart());
              parts = out;
            } else parts = [parts.slice(0, parts.length - mx).join(" "), ...parts.slice(parts.length - mx)];
          }
        } else {
          const d = arg(sp);
          if (!d) throw raise("ValueError", "empty separator");
          parts = s.split(d);
          if (mx >= 0 && parts.length > mx + 1)
            parts =
              name === "split"
                ? [...parts.slice(0, mx), parts.slice(mx).join(d)]
                : [parts.slice(0, parts.length - mx).join(d), ...parts.slice(parts.length - mx)];
        }
        return { t: "list", items: parts };
      });
    case "splitlines":
      return m(() => ({
        t: "list",
        items: s.split(/\r\n|\r|\n/).filter((_x, i, a) => i < a.length - 1 || _x !== ""),
      }));
    case "join":
      return m(function* ([xs]) {
        const parts = yield* ip.iterate(xs ?? null);
        return parts
          .map((p, i) => {
            if (typeof p !== "string")
              throw raise("TypeError", `sequence item ${i}: expected str instance, ${typeName(p)} found`);
            return p;
          })
          .join(s);
      });
    case "replace":
      return m(([a, c, n]) => {
        const parts = s.split(arg(a));
        const count = n === undefined ? -1 : Number(n);
        if (count < 0 || parts.length - 1 <= count) return parts.join(arg(c));
        return parts.slice(0, count + 1).join(arg(c)) + arg(a) + parts.slice(count + 1).join(arg(a));
      });
    case "startswith":
    case "endswith":
      return m(([p]) => {
        const opts = p && typeof p === "object" && p.t === "tuple" ? p.items : [p];
        return opts.some((o) => (name === "startswith" ? s.startsWith(arg(o)) : s.endsWith(arg(o))));
      });
    case "find":
    case "index":
    case "rfind":
    case "rindex":
      return m(([x]) => {
        const i = name.startsWith("r") ? s.lastIndexOf(arg(x)) : s.indexOf(arg(x));
        if (i < 0 && name.endsWith("index")) throw raise("ValueError", "substring not found");
        return BigInt(i);
      });
    case "count":
      return m(([x]) => BigInt(arg(x) === "" ? s.length + 1 : s.split(arg(x)).length - 1));
    case "isdigit":
    case "isnumeric":
    case "isdecimal":
      return m(() => /^\d+$/.test(s));
    case "isalpha":
      return m(() => /^[A-Za-z\u00c0-\uffff]+$/.test(s));
    case "isalnum":
      return m(() => /^[A-Za-z0-9\u00c0-\uffff]+$/.test(s));
    case "isspace":
      return m(() => /^\s+$/.test(s));
    case "isupper":
      return m(() => /[A-Z]/.test(s) && s === s.toUpperCase());
    case "islower":
      return m(() => /[a-z]/.test(s) && s === s.toLowerCase());
    case "center":
    case "ljust":
    case "rjust":
      return m(([w, f]) => {
        const width = Number(w);
        const fill = f === undefined ? " " : arg(f);
        if (s.length >= width) return s;
        const pad = width - s.length;
        if (name === "ljust") return s + fill.repeat(pad);
        if (name === "rjust") return fill.repeat(pad) + s;
        const left = (pad >> 1) + (pad & width & 1);
        return fill.repeat(left) + s + fill.repeat(pad - left);
      });
    case "zfill":
      return m(([w]) => {
        const width = Number(w);
        const neg = s.startsWith("-") || s.startsWith("+");
        return neg ? s[0] + s.slice(1).padStart(width - 1, "0") : s.padStart(width, "0");
      });
    case "format":
      return m((args, kw) => strFormat(s, args, kw, ip));
    case "encode":
      return m(() => s);
    case "partition":
      return m(([x]) => {
        const i = s.indexOf(arg(x));
        return {
          t: "tuple",
          items: i < 0 ? [s, "", ""] : [s.slice(0, i), arg(x), s.slice(i + arg(x).length)],
        };
      });
  }
  return undefined;
}

/** str.format: {} {0} {name} {0.attr} {0[1]} with conversions and specs. */
function strFormat(s: string, args: PyVal[], kw: Map<string, PyVal>, ip: Interp): string {
  let auto = 0;
  return s.replace(
    /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g,
    (m, field: string, conv: string, spec: string) => {
      if (m === "{{") return "{";
      if (m === "}}") return "}";
      const [head = "", ...rest] = field.split(/(?=[.[])/);
      let v: PyVal;
      if (head === "") {
        if (auto >= args.length)
          throw raise("IndexError", `Replacement index ${auto} out of range for positional args tuple`);
        v = args[auto++] as PyVal;
      } else if (/^\d+$/.test(head)) {
        if (Number(head) >= args.length)
          throw raise("IndexError", `Replacement index ${head} out of range for positional args tuple`);
        v = args[Number(head)] as PyVal;
      } else {
        if (!kw.has(head)) throw raise("KeyError", head);
        v = kw.get(head) as PyVal;
      }
      for (const r of rest) {
        if (r.startsWith(".")) v = ip.getAttr(v, r.slice(1));
        else {
          const k = r.slice(1, -1);
          v = getItem(v, /^\d+$/.test(k) ? BigInt(k) : k);
        }
      }
      const text = conv === "r" || conv === "a" ? repr(v) : conv === "s" ? str(v) : v;
      return formatSpec(text, spec ?? "");
    },
  );
}

function listMethod(ip: Interp, l: PyObj & { t: "list" }, name: string): PyVal | undefined {
  const m = (fn: Fn) => builtin(name, fn, undefined);
  switch (name) {
    case "append":
      return m(([x]) => {
        l.items.push(x ?? null);
        return null;
      });
    case "extend":
      return m(function* ([x]) {
        l.items.push(...(yield* ip.iterate(x ?? null)));
        return null;
      });
    case "insert":
      return m(([i, x]) => {
        let n = Number(i);
        if (n < 0) n = Math.max(0, l.items.length + n);
        l.items.splice(Math.min(n, l.items.length), 0, x ?? null);
        return null;
      });
    case "pop":
      return m(([i]) => {
        if (!l.items.length) throw raise("IndexError", "pop from empty list");
        const n = i === undefined ? l.items.length - 1 : normIndex(BigInt(Number(i)), l.items.length, "pop");
        return l.items.splice(n, 1)[0] as PyVal;
      });
    case "remove":
      return m(([x]) => {
        const i = l.items.findIndex((y) => equal(y, x ?? null));
        if (i < 0) throw raise("ValueError", "list.remove(x): x not in list");
        l.items.splice(i, 1);
        return null;
      });
    case "index":
      return m(([x]) => {
        const i = l.items.findIndex((y) => equal(y, x ?? null));
        if (i < 0) throw raise("ValueError", `${repr(x ?? null)} is not in list`);
        return BigInt(i);
      });
    case "count":
      return m(([x]) => BigInt(l.items.filter((y) => equal(y, x ?? null)).length));
    case "sort":
      return m(function* (_a, kw) {
        yield* sortList(ip, l.items, kw);
        return null;
      });
    case "reverse":
      return m(() => {
        l.items.reverse();
        return null;
      });
    case "copy":
      return m(() => ({ t: "list", items: [...l.items] }));
    case "clear":
      return m(() => {
        l.items.splice(0);
        return null;
      });
  }
  return undefined;
}

function dictMethod(ip: Interp, d: PyObj & { t: "dict" }, name: string): PyVal | undefined {
  const m = (fn: Fn) => builtin(name, fn);
  const view = (kind: string, items: PyVal[]): PyVal => {
    const l: PyObj = { t: "list", items };
    (l as { view?: string }).view = kind;
    return l;
  };
  switch (name) {
    case "get":
      return m(([k, dflt]) => d.map.get(hashKey(k ?? null))?.[1] ?? dflt ?? null);
    case "keys":
      return m(() =>
        view(
          "dict_keys",
          [...d.map.values()].map(([k]) => k),
        ),
      );
    case "values":
      return m(() =>
        view(
          "dict_values",
          [...d.map.values()].map(([, v]) => v),
        ),
      );
    case "items":
      return m(() =>
        view(
          "dict_items",
          [...d.map.values()].map(([k, v]) => ({ t: "tuple", items: [k, v] }) as PyVal),
        ),
      );
    case "update":
      return m(function* ([x], kw) {
        if (x && typeof x === "object" && x.t === "dict") for (const [k, e] of x.map) d.map.set(k, e);
        else if (x !== undefined)
          for (const pair of yield* ip.iterate(x)) {
            const kv = yield* ip.iterate(pair);
            d.map.set(hashKey(kv[0] as PyVal), [kv[0] as PyVal, kv[1] as PyVal]);
          }
        for (const [k, v] of kw) d.map.set(hashKey(k), [k, v]);
        return null;
      });
    case "pop":
      return m(([k, dflt]) => {
        const e = d.map.get(hashKey(k ?? null));
        if (!e) {
          if (dflt !== undefined) return dflt;
          throw raise("KeyError", k ?? null);
        }
        d.map.delete(hashKey(k ?? null));
        return e[1];
      });
    case "setdefault":
      return m(([k, dflt]) => {
        const e = d.map.get(hashKey(k ?? null));
        if (e) return e[1];
        d.map.set(hashKey(k ?? null), [k ?? null, dflt ?? null]);
        return dflt ?? null;
      });
    case "copy":
      return m(() => ({ t: "dict", map: new Map(d.map) }));
    case "clear":
      return m(() => {
        d.map.clear();
        return null;
      });
  }
  return undefined;
}

function setMethod(st: PyObj & { t: "set" }, name: string): PyVal | undefined {
  const m = (fn: Fn) => builtin(name, fn);
  switch (name) {
    case "add":
      return m(([x]) => {
        st.map.set(hashKey(x ?? null), [x ?? null, null]);
        return null;
      });
    case "remove":
      return m(([x]) => {
        if (!st.map.delete(hashKey(x ?? null))) throw raise("KeyError", x ?? null);
        return null;
      });
    case "discard":
      return m(([x]) => {
        st.map.delete(hashKey(x ?? null));
        return null;
      });
  }
  return undefined;
}

/** Whether x is in container (the `in` operator), for host code. */
export const isIn = contains;
/** repr of a float (for modules). */
export const floatRepr = pyFloat;
