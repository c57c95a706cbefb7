/**
 * Python's operators on the simulated values (Objects/longobject.c, floatobject.c,
 * unicodeobject.c, listobject.c): arithmetic with int/float promotion and floor semantics,
 * sequence concatenation and repetition, `%` formatting, comparisons and membership, with
 * CPython's TypeError and ZeroDivisionError texts.
 */
import {
  dict,
  equal,
  hashKey,
  numeric,
  type PyObj,
  type PyVal,
  raise,
  rangeLength,
  repr,
  str,
  typeName,
} from "./values";

/** The most items a sequence built by `*` or a range materialized may hold. */
export const MAX_ITEMS = 10_000_000;

function seqItems(v: PyVal): PyVal[] | undefined {
  if (v && typeof v === "object" && (v.t === "list" || v.t === "tuple")) return v.items;
  return undefined;
}

function opError(op: string, a: PyVal, b: PyVal): never {
  throw raise("TypeError", `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** `%` string formatting (printf-style, Objects/unicodeobject.c PyUnicode_Format). */
export function percentFormat(fmt: string, arg: PyVal): string {
  const isTuple = arg !== null && typeof arg === "object" && arg.t === "tuple";
  const mapping = arg !== null && typeof arg === "object" && arg.t === "dict" ? arg : undefined;
  const args = isTuple ? [...(arg as PyObj & { t: "tuple" }).items] : [arg];
  let used = 0;
  const out = fmt.replace(
    /%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      c: string,
    ) => {
      if (c === "%") return "%";
      let v: PyVal;
      if (key && mapping) {
        const e = mapping.map.get(hashKey(key.slice(1, -1)));
        if (!e) throw raise("KeyError", key.slice(1, -1));
        v = e[1];
      } else {
        if (used >= args.length) throw raise("TypeError", "not enough arguments for format string");
        v = args[used++] as PyVal;
      }
      let body: string;
      const n = numeric(v);
      if (c === "s") body = str(v);
      else if (c === "r" || c === "a") body = repr(v);
      else if (c === "c") body = typeof v === "string" ? v : String.fromCodePoint(Number(n));
      else {
        if (n === undefined)
          throw raise("TypeError", `%${c} format: a real number is required, not ${typeName(v)}`);
        const x = Number(n);
        const p = prec === undefined ? 6 : Number(prec);
        if ("di".includes(c) || c === "u")
          body = (typeof n === "bigint" ? n : BigInt(Math.trunc(x))).toString();
        else if (c === "x" || c === "X" || c === "o") {
          if (typeof n !== "bigint")
            throw raise("TypeError", `%${c} format: an integer is required, not float`);
          body = n.toString(c === "o" ? 8 : 16);
          if (c === "X") body = body.toUpperCase();
          if (flags.includes("#")) body = `0${c}${body}`;
        } else if (c === "f" || c === "F") body = x.toFixed(p);
        else if (c === "e" || c === "E") {
          const [m, e = "0"] = x.toExponential(p).split("e");
          body = `${m}e${Number(e) < 0 ? "-" : "+"}${String(Math.abs(Number(e))).padStart(2, "0")}`;
          if (c === "E") body = body.toUpperCase();
        } else {
          const pp = p === 0 ? 1 : p;
          const exp = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
          body =
            exp < -4 || exp >= pp
              ? x
                  .toExponential(pp - 1)
                  .replace(/\.?0+e/, "e")
                  .replace(/e([-+])(\d)$/, "e$10$2")
              : String(Number(x.toFixed(Math.max(0, pp - 1 - exp))));
        }
        if (flags.includes("+") && x >= 0) body = `+${body}`;
        else if (flags.includes(" ") && x >= 0) body = ` ${body}`;
      }
      const w = width === "*" ? 0 : Number(width ?? 0);
      if (body.length < w) {
        if (flags.includes("-")) body = body.padEnd(w);
        else if (flags.includes("0") && c !== "s" && c !== "r") {
          const neg = body.startsWith("-") || body.startsWith("+");
          body = neg ? body[0] + body.slice(1).padStart(w - 1, "0") : body.padStart(w, "0");
        } else body = body.padStart(w);
      }
      return body;
    },
  );
  if (!mapping && used < args.length)
    throw raise("TypeError", "not all arguments converted during string formatting");
  return out;
}

/** A binary arithmetic or bitwise operator. */
export function binary(op: string, a: PyVal, b: PyVal): PyVal {
  const sa = seqItems(a);
  const sb = seqItems(b);
  if (typeof a === "string" || typeof b === "string" || sa || sb) {
    if (op === "+") {
      if (typeof a === "string" && typeof b === "string") return a + b;
      if (sa && sb && (a as PyObj).t === (b as PyObj).t)
        return { t: (a as PyObj & { t: "list" }).t, items: [...sa, ...sb] };
      if (typeof a === "string")
        throw raise("TypeError", `can only concatenate str (not "${typeName(b)}") to str`);
      if (sa)
        throw raise(
          "TypeError",
          `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`,
        );
      opError(op, a, b);
    }
    if (op === "*") {
      const [s, n] = typeof b === "bigint" || typeof b === "boolean" ? [a, numeric(b)] : [b, numeric(a)];
      if (typeof n !== "bigint")
        throw raise(
          "TypeError",
          `can't multiply sequence by non-int of type '${typeName(typeof b === "bigint" ? a : b)}'`,
        );
      const times = n < 0n ? 0 : Number(n);
      if (typeof s === "string") {
        if (s.length * times > MAX_ITEMS) throw raise("MemoryError");
        return s.repeat(times);
      }
      const items = seqItems(s) as PyVal[];
      if (items.length * times > MAX_ITEMS) throw raise("MemoryError");
      const out: PyVal[] = [];
      for (let i = 0; i < times; i++) out.push(...items);
      return { t: (s as PyObj & { t: "list" }).t, items: out };
    }
    if (op === "%" && typeof a === "string") return percentFormat(a, b);
    opError(op, a, b);
  }
  if (
    a &&
    typeof a === "object" &&
    b &&
    typeof b === "object" &&
    op === "|" &&
    a.t === "dict" &&
    b.t === "dict"
  ) {
    const d = dict();
    for (const [k, e] of a.map) d.map.set(k, e);
    for (const [k, e] of b.map) d.map.set(k, e);
    return d;
  }
  if (a && typeof a === "object" && b && typeof b === "object" && a.t === "set" && b.t === "set") {
    const out = new Map<string, [PyVal, PyVal]>();
    if (op === "|") for (const m of [a.map, b.map]) for (const [k, e] of m) out.set(k, e);
    else if (op === "&") for (const [k, e] of a.map) b.map.has(k) && out.set(k, e);
    else if (op === "-") for (const [k, e] of a.map) !b.map.has(k) && out.set(k, e);
    else if (op === "^") {
      for (const [k, e] of a.map) !b.map.has(k) && out.set(k, e);
      for (const [k, e] of b.map) !a.map.has(k) && out.set(k, e);
    } else opError(op, a, b);
    return { t: "set", map: out };
  }
  const x = numeric(a);
  const y = numeric(b);
  if (x === undefined || y === undefined) opError(op, a, b);
  if (typeof x === "bigint" && typeof y === "bigint") {
    switch (op) {
      case "+":
        return x + y;
      case "-":
        return x - y;
      case "*":
        return x * y;
      case "/":
        if (y === 0n) throw raise("ZeroDivisionError", "division by zero");
        return Number(x) / Number(y);
      case "//":
      case "%": {
        if (y === 0n)
          throw raise(
            "ZeroDivisionError",
            op === "//" ? "integer division or modulo by zero" : "integer modulo by zero",
          );
        let q = x / y;
        if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
        return op === "//" ? q : x - q * y;
      }
      case "**":
        if (y < 0n) {
          if (x === 0n) throw raise("ZeroDivisionError", "0.0 cannot be raised to a negative power");
          return Number(x) ** Number(y);
        }
        if (y > 100_000n) throw raise("MemoryError");
        return x ** y;
      case "&":
        return x & y;
      case "|":
        return x | y;
      case "^":
        return x ^ y;
      case "<<":
        if (y < 0n) throw raise("ValueError", "negative shift count");
        if (y > 100_000n) throw raise("MemoryError");
        return x << y;
      case ">>":
        if (y < 0n) throw raise("ValueError", "negative shift count");
        return x >> y;
    }
    opError(op, a, b);
  }
  const fx = Number(x);
  const fy = Number(y);
  switch (op) {
    case "+":
      return fx + fy;
    case "-":
      return fx - fy;
    case "*":
      return fx * fy;
    case "/":
      if (fy === 0) throw raise("ZeroDivisionError", "float division by zero");
      return fx / fy;
    case "//":
      if (fy === 0) throw raise("ZeroDivisionError", "float floor division by zero");
      return Math.floor(fx / fy);
    case "%": {
      if (fy === 0) throw raise("ZeroDivisionError", "float modulo by zero");
      const m = fx % fy;
      return m !== 0 && m < 0 !== fy < 0 ? m + fy : m;
    }
    case "**":
      if (fx === 0 && fy < 0) throw raise("ZeroDivisionError", "zero to a negative power");
      return fx ** fy;
  }
  opError(op, a, b);
}

/** Orders two values for <, sorted(), min() and max(): -1, 0, 1; TypeError across types. */
export function compare(a: PyVal, b: PyVal, op = "<"): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
    const fx = Number(x);
    const fy = Number(y);
    return fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const sa = seqItems(a);
  const sb = seqItems(b);
  if (sa && sb && (a as PyObj).t === (b as PyObj).t) {
    for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
      if (!equal(sa[i] as PyVal, sb[i] as PyVal)) return compare(sa[i] as PyVal, sb[i] as PyVal, op);
    }
    return sa.length - sb.length < 0 ? -1 : sa.length > sb.length ? 1 : 0;
  }
  throw raise(
    "TypeError",
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** `a in b`. */
export function contains(b: PyVal, a: PyVal): boolean {
  if (typeof b === "string") {
    if (typeof a !== "string")
      throw raise("TypeError", `'in <string>' requires string as left operand, not ${typeName(a)}`);
    return b.includes(a);
  }
  if (b && typeof b === "object") {
    switch (b.t) {
      case "list":
      case "tuple":
        return b.items.some((x) => equal(x, a));
      case "dict":
      case "set":
        return b.map.has(hashKey(a));
      case "range": {
        const n = numeric(a);
        if (typeof n !== "bigint") return false;
        if (b.step > 0n ? n < b.start || n >= b.stop : n > b.start || n <= b.stop) return false;
        return (n - b.start) % b.step === 0n && rangeLength(b) > 0n;
      }
    }
  }
  throw raise("TypeError", `argument of type '${typeName(b)}' is not iterable`);
}

/** A comparison operator of a chain. */
export function compareOp(op: string, a: PyVal, b: PyVal): boolean {
  switch (op) {
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "in":
      return contains(b, a);
    case "not in":
      return !contains(b, a);
    case "is":
      return a === b || (a === null && b === null);
    case "is not":
      return !(a === b || (a === null && b === null));
    case "<":
      return compare(a, b, op) < 0;
    case ">":
      return compare(a, b, op) > 0;
    case "<=":
      return compare(a, b, op) <= 0;
    case ">=":
      return compare(a, b, op) >= 0;
  }
  throw raise("TypeError", `bad operator ${op}`);
}
