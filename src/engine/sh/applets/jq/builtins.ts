/**
 * jq 1.6's builtins: the ones src/builtin.c writes in C, here in TypeScript (NATIVES), and the
 * ones src/builtin.jq defines in jq itself, parsed once into the scope every program starts in.
 */
import {
  binop,
  delpaths,
  Env,
  ev,
  getpath,
  index,
  indicesOf,
  JqError,
  JqHalt,
  NATIVES,
  type Native,
  noPath,
  type Out,
  pathsOf,
  setpath,
  shown,
  splitString,
} from "./eval";
import {
  compare,
  dump,
  equal,
  isObject,
  type J,
  type JObject,
  kindOf,
  parseJson,
  sortedKeys,
  truthy,
} from "./json";
import { type Node, parseProgram } from "./parse";

/** A native of the input alone. */
const of0 = (f: (x: J) => J): Native =>
  function* (_rt, input, path) {
    yield [f(input), noPath(path)];
  };

/** A native of the input and one value argument (one output per value the argument gives). */
const of1 = (f: (x: J, a: J) => J): Native =>
  function* (rt, input, path, args, env) {
    for (const [a] of ev(args[0] as Node, input, null, env, rt)) yield [f(input, a), noPath(path)];
  };

/** A native of the input and two value arguments. */
const of2 = (f: (x: J, a: J, b: J) => J): Native =>
  function* (rt, input, path, args, env) {
    for (const [b] of ev(args[1] as Node, input, null, env, rt))
      for (const [a] of ev(args[0] as Node, input, null, env, rt)) yield [f(input, a, b), noPath(path)];
  };

function def(name: string, f: Native): void {
  NATIVES.set(name, f);
}

const codepoints = (s: string) => [...s];

def("empty/0", function* () {});
def(
  "not/0",
  of0((x) => !truthy(x)),
);
def("error/0", (_rt, input) => {
  throw new JqError(input);
});
def("error/1", (rt, input, _p, args, env) => {
  for (const [m] of ev(args[0] as Node, input, null, env, rt)) throw new JqError(m);
  return [];
});
def(
  "length/0",
  of0((x) => {
    if (x === null) return 0;
    if (typeof x === "number") return Math.abs(x);
    if (typeof x === "string") return codepoints(x).length;
    if (Array.isArray(x)) return x.length;
    if (isObject(x)) return x.size;
    throw new JqError(`${shown(x)} has no length`);
  }),
);
def(
  "utf8bytelength/0",
  of0((x) => {
    if (typeof x !== "string") throw new JqError(`${shown(x)} only strings have UTF-8 byte length`);
    return new TextEncoder().encode(x).length;
  }),
);
const keysOf = (sorted: boolean) => (x: J) => {
  if (isObject(x)) return sorted ? sortedKeys(x) : [...x.keys()];
  if (Array.isArray(x)) return x.map((_, i) => i);
  throw new JqError(`${shown(x)} has no keys`);
};
def("keys/0", of0(keysOf(true)));
def("keys_unsorted/0", of0(keysOf(false)));
def(
  "has/1",
  of1((x, k) => {
    if (isObject(x) && typeof k === "string") return x.has(k);
    if (Array.isArray(x) && typeof k === "number") return k >= 0 && k < x.length;
    throw new JqError(`Cannot check whether ${kindOf(x)} has a ${kindOf(k)} key`);
  }),
);
function contains(a: J, b: J): boolean {
  if (isObject(a) && isObject(b)) return [...b].every(([k, v]) => a.has(k) && contains(a.get(k) as J, v));
  if (Array.isArray(a) && Array.isArray(b)) return b.every((y) => a.some((x) => contains(x, y)));
  if (typeof a === "string" && typeof b === "string") return a.includes(b);
  return kindOf(a) === kindOf(b) && equal(a, b);
}
def(
  "contains/1",
  of1((a, b) => {
    if (kindOf(a) !== kindOf(b))
      throw new JqError(`${shown(a)} and ${shown(b)} cannot have their containment checked`);
    return contains(a, b);
  }),
);
def(
  "add/0",
  of0((x) => {
    const items = isObject(x) ? [...x.values()] : Array.isArray(x) ? x : null;
    if (!items) throw new JqError(`Cannot iterate over ${shown(x)}`);
    let acc: J = null;
    for (const v of items) acc = binopAdd(acc, v);
    return acc;
  }),
);
const binopAdd = (a: J, b: J) => binop("+", a, b);

def("range/1", function* (rt, input, path, args, env) {
  for (const [n] of ev(args[0] as Node, input, null, env, rt)) {
    if (typeof n !== "number") throw new JqError("Range bounds must be numeric");
    for (let i = 0; i < n; i++) yield [i, noPath(path)];
  }
});
def("range/2", function* (rt, input, path, args, env) {
  for (const [from] of ev(args[0] as Node, input, null, env, rt))
    for (const [to] of ev(args[1] as Node, input, null, env, rt)) {
      if (typeof from !== "number" || typeof to !== "number")
        throw new JqError("Range bounds must be numeric");
      for (let i = from; i < to; i++) yield [i, noPath(path)];
    }
});
def("range/3", function* (rt, input, path, args, env) {
  for (const [from] of ev(args[0] as Node, input, null, env, rt))
    for (const [to] of ev(args[1] as Node, input, null, env, rt))
      for (const [by] of ev(args[2] as Node, input, null, env, rt)) {
        if (typeof from !== "number" || typeof to !== "number" || typeof by !== "number")
          throw new JqError("Range bounds must be numeric");
        if (by > 0) for (let i = from; i < to; i += by) yield [i, noPath(path)];
        else if (by < 0) for (let i = from; i > to; i += by) yield [i, noPath(path)];
        else if (from < to) for (;;) yield [from, noPath(path)];
      }
});

const math = (f: (n: number) => number): Native =>
  of0((x) => {
    if (typeof x !== "number") throw new JqError(`${shown(x)} number required`);
    return f(x);
  });
for (const [name, f] of [
  ["floor", Math.floor],
  ["ceil", Math.ceil],
  ["round", Math.round],
  ["sqrt", Math.sqrt],
  ["fabs", Math.abs],
  ["exp", Math.exp],
  ["exp10", (n: number) => 10 ** n],
  ["log", Math.log],
  ["log10", Math.log10],
  ["log2", Math.log2],
  ["trunc", Math.trunc],
] as const)
  def(`${name}/0`, math(f));
def(
  "pow/2",
  of2((_x, a, b) => {
    if (typeof a !== "number" || typeof b !== "number") throw new JqError(`${shown(a)} number required`);
    return a ** b;
  }),
);
def(
  "infinite/0",
  of0(() => Number.POSITIVE_INFINITY),
);
def(
  "nan/0",
  of0(() => Number.NaN),
);
def(
  "isinfinite/0",
  of0((x) => typeof x === "number" && Math.abs(x) === Number.POSITIVE_INFINITY),
);
def(
  "isnan/0",
  of0((x) => typeof x === "number" && Number.isNaN(x)),
);
def(
  "isnormal/0",
  of0((x) => typeof x === "number" && Number.isFinite(x) && x !== 0),
);
def("type/0", of0(kindOf));
def(
  "tostring/0",
  of0((x) => (typeof x === "string" ? x : dump(x))),
);
def(
  "tojson/0",
  of0((x) => dump(x)),
);
def(
  "fromjson/0",
  of0((x) => {
    if (typeof x !== "string") throw new JqError(`${shown(x)} only strings can be parsed`);
    try {
      return parseJson(x);
    } catch (e) {
      throw new JqError(`${(e as Error).message} (while parsing '${x}')`);
    }
  }),
);
def(
  "tonumber/0",
  of0((x) => {
    if (typeof x === "number") return x;
    if (typeof x !== "string") throw new JqError(`${shown(x)} cannot be parsed as a number`);
    let v: J;
    try {
      v = parseJson(x);
    } catch (e) {
      throw new JqError(`${(e as Error).message} (while parsing '${x}')`);
    }
    if (typeof v !== "number") throw new JqError(`${shown(v)} cannot be parsed as a number`);
    return v;
  }),
);
const arrayOnly = (x: J, what: string): J[] => {
  if (!Array.isArray(x)) throw new JqError(`${shown(x)} cannot be ${what}, as it is not an array`);
  return x;
};
def(
  "sort/0",
  of0((x) => [...arrayOnly(x, "sorted")].sort(compare)),
);
/** Elements with their keys from f, stably sorted by key (_sort_by_impl). */
function* keyed(
  rt: Parameters<Native>[0],
  x: J,
  f: Node,
  env: Env,
  what: string,
): Generator<never, [J, J][]> {
  const items = arrayOnly(x, what);
  const pairs: [J, J][] = items.map((v) => [[...ev(f, v, null, env, rt)].map((o) => o[0]), v]);
  return pairs.sort((a, b) => compare(a[0], b[0]));
}
const byKey = (what: string, finish: (pairs: [J, J][]) => J): Native =>
  function* (rt, input, path, args, env) {
    const pairs = yield* keyed(rt, input, args[0] as Node, env, what);
    yield [finish(pairs), noPath(path)];
  };
def(
  "sort_by/1",
  byKey("sorted", (p) => p.map((x) => x[1])),
);
const groups = (p: [J, J][]): J[][] => {
  const out: J[][] = [];
  let lastKey: J | undefined;
  for (const [k, v] of p) {
    if (lastKey !== undefined && equal(k, lastKey)) (out[out.length - 1] as J[]).push(v);
    else out.push([v]);
    lastKey = k;
  }
  return out;
};
def("group_by/1", byKey("grouped", groups));
def(
  "unique_by/1",
  byKey("grouped", (p) => groups(p).map((g) => g[0] as J)),
);
def(
  "unique/0",
  of0((x) =>
    groups([...arrayOnly(x, "sorted")].map((v): [J, J] => [v, v]).sort((a, b) => compare(a[0], b[0]))).map(
      (g) => g[0] as J,
    ),
  ),
);
const minMax = (max: boolean) => (p: [J, J][]) => {
  if (!p.length) return null;
  let best = p[0] as [J, J];
  for (const x of p) if (max ? compare(x[0], best[0]) >= 0 : compare(x[0], best[0]) < 0) best = x;
  return best[1];
};
def("min_by/1", byKey("iterated over", minMax(false)));
def("max_by/1", byKey("iterated over", minMax(true)));
def(
  "min/0",
  of0((x) => minMax(false)(arrayOnly(x, "iterated over").map((v): [J, J] => [v, v]))),
);
def(
  "max/0",
  of0((x) => minMax(true)(arrayOnly(x, "iterated over").map((v): [J, J] => [v, v]))),
);
def(
  "reverse/0",
  of0((x) => {
    if (x === null) return [];
    if (typeof x === "string") throw new JqError(`Cannot index string with number`);
    return [...arrayOnly(x, "reversed")].reverse();
  }),
);
const strOnly = (name: string) => (x: J, a: J) => {
  if (typeof x !== "string" || typeof a !== "string") throw new JqError(`${name}() requires string inputs`);
  return name === "startswith" ? x.startsWith(a) : x.endsWith(a);
};
def("startswith/1", of1(strOnly("startswith")));
def("endswith/1", of1(strOnly("endswith")));
def(
  "ltrimstr/1",
  of1((x, a) => (typeof x === "string" && typeof a === "string" && x.startsWith(a) ? x.slice(a.length) : x)),
);
def(
  "rtrimstr/1",
  of1((x, a) =>
    typeof x === "string" && typeof a === "string" && x.endsWith(a) && a !== "" ? x.slice(0, -a.length) : x,
  ),
);
def(
  "explode/0",
  of0((x) => {
    if (typeof x !== "string") throw new JqError(`${shown(x)} cannot be exploded, as it is not a string`);
    return codepoints(x).map((c) => c.codePointAt(0) as number);
  }),
);
def(
  "implode/0",
  of0((x) => {
    if (!Array.isArray(x)) throw new JqError(`${shown(x)} cannot be imploded, as it is not an array`);
    return String.fromCodePoint(...x.map((c) => (typeof c === "number" ? c : 0xfffd)));
  }),
);
def(
  "split/1",
  of1((x, sep) => {
    if (typeof x !== "string" || typeof sep !== "string")
      throw new JqError("split input and separator must be strings");
    return splitString(x, sep);
  }),
);
const caseOf = (up: boolean) => (x: J) => {
  if (typeof x !== "string")
    throw new JqError(`${shown(x)} cannot be ${up ? "upper" : "lower"}cased, as it is not a string`);
  return x.replace(up ? /[a-z]+/g : /[A-Z]+/g, (s) => (up ? s.toUpperCase() : s.toLowerCase()));
};
def("ascii_downcase/0", of0(caseOf(false)));
def("ascii_upcase/0", of0(caseOf(true)));
def(
  "indices/1",
  of1((x, i) => {
    if (x === null) return null;
    if (typeof x === "string" && typeof i === "string") {
      if (i === "") return null;
      const out: number[] = [];
      for (let at = x.indexOf(i); at >= 0; at = x.indexOf(i, at + 1)) out.push(at);
      return out;
    }
    if (Array.isArray(x) && Array.isArray(i)) return indicesOf(x, i);
    if (Array.isArray(x)) return indicesOf(x, [i]);
    return index(x, i);
  }),
);
def(
  "flatten/1",
  of1((x, d) => {
    if (typeof d !== "number" || d < 0) throw new JqError("flatten depth must not be negative");
    const flat = (a: J, depth: number): J[] => {
      if (!Array.isArray(a)) throw new JqError(`Cannot iterate over ${shown(a)}`);
      return a.flatMap((v) => (Array.isArray(v) && depth > 0 ? flat(v, depth - 1) : [v]));
    };
    return flat(x, d);
  }),
);
def("getpath/1", function* (rt, input, path, args, env) {
  for (const [p] of ev(args[0] as Node, input, null, env, rt)) {
    if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
    let v: J;
    try {
      v = getpath(input, p);
    } catch (e) {
      if (e instanceof JqError) v = null;
      else throw e;
    }
    yield [v, path ? [...path, ...(p as (string | number | JObject)[])] : path];
  }
});
def(
  "setpath/2",
  of2((x, p, v) => {
    if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
    return setpath(x, p, v);
  }),
);
def(
  "delpaths/1",
  of1((x, ps) => {
    if (!Array.isArray(ps) || !ps.every(Array.isArray))
      throw new JqError("Paths must be specified as an array");
    return delpaths(x, ps as J[][]);
  }),
);
def("path/1", function* (rt, input, path, args, env) {
  for (const [p] of pathsOf(args[0] as Node, input, env, rt)) yield [p as J[], noPath(path)];
});
def("paths/0", function* (rt, input, path, _args, env) {
  for (const [p] of pathsOf({ t: "recurse" }, input, env, rt)) if (p.length) yield [p as J[], noPath(path)];
});
def("limit/2", function* (rt, input, path, args, env) {
  for (const [n] of ev(args[0] as Node, input, null, env, rt)) {
    if (typeof n !== "number") throw new JqError("Invalid limit: must be a number");
    let left = n;
    // builtin.jq 1.6: `if $n <= 0 then f else ...`: a limit of zero or less gives everything.
    for (const o of ev(args[1] as Node, input, path, env, rt)) {
      yield o;
      if (n > 0 && --left <= 0) break;
    }
  }
});
def("first/1", function* (rt, input, path, args, env) {
  for (const o of ev(args[0] as Node, input, path, env, rt)) {
    yield o;
    return;
  }
});
def("isempty/1", function* (rt, input, path, args, env) {
  for (const _ of ev(args[0] as Node, input, null, env, rt)) {
    yield [false, noPath(path)];
    return;
  }
  yield [true, noPath(path)];
});
const anyAll = (all: boolean, gen: (input: J, args: Node[]) => Node, cond: (args: Node[]) => Node): Native =>
  function* (rt, input, path, args, env) {
    for (const [v] of ev(gen(input, args), input, null, env, rt))
      for (const [c] of ev(cond(args), v, null, env, rt))
        if (truthy(c) !== all) {
          yield [!all, noPath(path)];
          return;
        }
    yield [all, noPath(path)];
  };
const each: Node = { t: "iterate", target: { t: "identity" } };
const self: Node = { t: "identity" };
for (const all of [false, true]) {
  const name = all ? "all" : "any";
  def(
    `${name}/0`,
    anyAll(
      all,
      () => each,
      () => self,
    ),
  );
  def(
    `${name}/1`,
    anyAll(
      all,
      () => each,
      (a) => a[0] as Node,
    ),
  );
  def(
    `${name}/2`,
    anyAll(
      all,
      (_i, a) => a[0] as Node,
      (a) => a[1] as Node,
    ),
  );
}
def("env/0", function* (rt, _input, path) {
  yield [rt.env, noPath(path)];
});
def("input/0", function* (rt, _input, path) {
  const v = rt.nextInput();
  if (v === undefined) throw new JqError("No more inputs");
  yield [v, noPath(path)];
});
def("inputs/0", function* (rt, _input, path) {
  for (let v = rt.nextInput(); v !== undefined; v = rt.nextInput()) yield [v, noPath(path)];
});
def("debug/0", function* (rt, input, path) {
  rt.stderr(`${dump(["DEBUG:", input])}\n`);
  yield [input, path];
});
def("stderr/0", function* (rt, input, path) {
  rt.stderr(dump(input));
  yield [input, path];
});
def("input_filename/0", function* (rt, _input, path) {
  yield [rt.filename(), noPath(path)];
});
def("halt/0", () => {
  throw new JqHalt(0, "");
});
def("halt_error/1", (rt, input, _path, args, env) => {
  for (const [code] of ev(args[0] as Node, input, null, env, rt)) {
    if (typeof code !== "number") throw new JqError("halt_error/1: number required");
    throw new JqHalt(code, typeof input === "string" ? input : `${dump(input)}\n`);
  }
  return [];
});
def("now/0", function* (rt, _input, path) {
  yield [rt.now(), noPath(path)];
});
def(
  "todate/0",
  of0((x) => {
    if (typeof x !== "number") throw new JqError("strftime/1 requires parsed datetime inputs");
    return new Date(Math.floor(x) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }),
);
def(
  "fromdate/0",
  of0((x) => {
    const m = typeof x === "string" ? /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/.exec(x) : null;
    if (!m)
      throw new JqError(
        `date "${typeof x === "string" ? x : dump(x)}" does not match format "%Y-%m-%dT%H:%M:%SZ"`,
      );
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s) / 1000;
  }),
);
def(
  "tojson/0",
  of0((x) => dump(x)),
);
def(
  "ascii/0",
  of0((x) => String.fromCharCode(x as number)),
);

// Regular expressions: Oniguruma's syntax, close to JavaScript's for what filters use.
function regex(re: J, flags: J, global = false): RegExp {
  if (typeof re !== "string") throw new JqError(`${shown(re)} cannot be matched, as it is not a string`);
  if (flags !== null && typeof flags !== "string") throw new JqError(`${shown(flags)} is not a string`);
  let f = "u";
  let pattern = re;
  for (const c of flags ?? "") {
    if (c === "g") global = true;
    else if (c === "i") f += "i";
    else if (c === "x")
      pattern = pattern
        .split("\\#")
        .map((part) => part.replace(/#.*$/gm, "").replace(/\s+/g, ""))
        .join("\\#");
    else if (c === "s") f += "s";
    else if (c === "n" || c === "p" || c === "l") continue;
    else throw new JqError(`${flags} is not a valid modifier string`);
  }
  try {
    return new RegExp(pattern.replace(/\(\?<([A-Za-z_]\w*)>/g, "(?<$1>"), global ? `${f}g` : f);
  } catch (e) {
    throw new JqError(`${re} (at offset 0) is not a valid regex: ${(e as Error).message}`);
  }
}
function matches(input: J, re: J, flags: J, global = false): JObject[] {
  if (typeof input !== "string")
    throw new JqError(`${shown(input)} cannot be matched, as it is not a string`);
  const r = regex(re, flags, global);
  const out: JObject[] = [];
  const names = [...(re as string).matchAll(/\((?:\?<([A-Za-z_]\w*)>|(?!\?))/g)].map((m) => m[1] ?? null);
  const cp = (i: number) => codepoints(input.slice(0, i)).length;
  const one = (m: RegExpExecArray): JObject => {
    const captures: J[] = [];
    for (let i = 1; i < m.length; i++) {
      const s = m[i];
      const start = s === undefined ? -1 : input.indexOf(s, m.index);
      captures.push(
        new Map<string, J>([
          ["offset", s === undefined ? -1 : cp(start)],
          ["length", s === undefined ? 0 : codepoints(s).length],
          ["string", s ?? null],
          ["name", names[i - 1] ?? null],
        ]),
      );
    }
    return new Map<string, J>([
      ["offset", cp(m.index)],
      ["length", codepoints(m[0]).length],
      ["string", m[0]],
      ["captures", captures],
    ]);
  };
  if (!r.global) {
    const m = r.exec(input);
    if (m) out.push(one(m));
    return out;
  }
  for (let m = r.exec(input); m; m = r.exec(input)) {
    out.push(one(m));
    if (m[0] === "") r.lastIndex++;
  }
  return out;
}
const captureObject = (m: JObject): JObject => {
  const o: JObject = new Map();
  for (const c of m.get("captures") as JObject[]) {
    const name = c.get("name");
    if (typeof name === "string") o.set(name, c.get("string") ?? null);
  }
  return o;
};
def(
  "test/1",
  of1((x, re) => matches(x, re, null).length > 0),
);
def(
  "test/2",
  of2((x, re, fl) => matches(x, re, fl).length > 0),
);
def("match/1", function* (rt, input, path, args, env) {
  for (const [re] of ev(args[0] as Node, input, null, env, rt))
    for (const m of matches(input, re, null)) yield [m, noPath(path)];
});
def("match/2", function* (rt, input, path, args, env) {
  for (const [fl] of ev(args[1] as Node, input, null, env, rt))
    for (const [re] of ev(args[0] as Node, input, null, env, rt))
      for (const m of matches(input, re, fl)) yield [m, noPath(path)];
});
def("capture/1", function* (rt, input, path, args, env) {
  for (const [re] of ev(args[0] as Node, input, null, env, rt))
    for (const m of matches(input, re, null)) yield [captureObject(m), noPath(path)];
});
def("capture/2", function* (rt, input, path, args, env) {
  for (const [fl] of ev(args[1] as Node, input, null, env, rt))
    for (const [re] of ev(args[0] as Node, input, null, env, rt))
      for (const m of matches(input, re, fl)) yield [captureObject(m), noPath(path)];
});
const scanOut = (m: JObject): J => {
  const caps = m.get("captures") as JObject[];
  return caps.length ? caps.map((c) => c.get("string") ?? null) : (m.get("string") as J);
};
def("scan/1", function* (rt, input, path, args, env) {
  for (const [re] of ev(args[0] as Node, input, null, env, rt))
    for (const m of matches(input, re, null, true)) yield [scanOut(m), noPath(path)];
});
def("scan/2", function* (rt, input, path, args, env) {
  for (const [fl] of ev(args[1] as Node, input, null, env, rt))
    for (const [re] of ev(args[0] as Node, input, null, env, rt))
      for (const m of matches(input, re, fl, true)) yield [scanOut(m), noPath(path)];
});
const splitRe = (x: J, re: J, fl: J): J => {
  const s = x as string;
  const out: J[] = [];
  let at = 0;
  for (const m of matches(x, re, fl, true)) {
    const start = codepoints(s)
      .slice(0, m.get("offset") as number)
      .join("").length;
    out.push(s.slice(at, start));
    at = start + (m.get("string") as string).length;
  }
  out.push(s.slice(at));
  return out;
};
def("split/2", of2(splitRe));
def("splits/1", function* (rt, input, path, args, env) {
  for (const [re] of ev(args[0] as Node, input, null, env, rt))
    for (const s of splitRe(input, re, null) as J[]) yield [s, noPath(path)];
});
def("splits/2", function* (rt, input, path, args, env) {
  for (const [fl] of ev(args[1] as Node, input, null, env, rt))
    for (const [re] of ev(args[0] as Node, input, null, env, rt))
      for (const s of splitRe(input, re, fl) as J[]) yield [s, noPath(path)];
});
/** sub/gsub: each match replaced by the replacement filter run on the match's named captures. */
const substitute = (global: boolean, withFlags: boolean): Native =>
  function* (rt, input, path, args, env) {
    const flagsList: J[] = withFlags
      ? [...ev(args[2] as Node, input, null, env, rt)].map((o) => o[0])
      : [null];
    for (const fl of flagsList)
      for (const [re] of ev(args[0] as Node, input, null, env, rt)) {
        const s = input as string;
        const ms = matches(input, re, fl, global);
        let out = "";
        let at = 0;
        for (const m of ms) {
          const start = codepoints(s)
            .slice(0, m.get("offset") as number)
            .join("").length;
          const [[rep]] = [...ev(args[1] as Node, captureObject(m), null, env, rt)] as Out[] as [Out];
          if (typeof rep !== "string") throw new JqError(`${shown(rep)} cannot be added to a string`);
          out += s.slice(at, start) + rep;
          at = start + (m.get("string") as string).length;
        }
        yield [out + s.slice(at), noPath(path)];
      }
  };
def("sub/2", substitute(false, false));
def("sub/3", substitute(false, true));
def("gsub/2", substitute(true, false));
def("gsub/3", substitute(true, true));

/** builtin.jq (jq 1.6): the builtins jq defines in its own language. */
const PRELUDE = `
def values: select(. != null);
def nulls: select(. == null);
def booleans: select(type == "boolean");
def numbers: select(type == "number");
def strings: select(type == "string");
def arrays: select(type == "array");
def objects: select(type == "object");
def iterables: select(type|. == "array" or . == "object");
def scalars: select(type|. != "array" and . != "object");
def select(f): if f then . else empty end;
def recurse(f): def r: ., (f | r); r;
def recurse(f; cond): def r: ., (f | select(cond) | r); r;
def recurse: recurse(.[]?);
def recurse_down: recurse;
def map(f): [.[] | f];
def map_values(f): .[] |= f;
def to_entries: [keys_unsorted[] as $k | {key: $k, value: .[$k]}];
def from_entries: map({(.key // .k // .name // .Name // .K // .Key | if type == "string" then . else tojson end): (if has("value") then .value else .v end)}) | add + {} // {};
def with_entries(f): to_entries | map(f) | from_entries;
def del(f): delpaths([path(f)]);
def paths(node_filter): . as $dot|paths|select(. as $p|$dot|getpath($p) | node_filter);
def leaf_paths: paths(scalars);
def join($x): reduce .[] as $i (null; (if .==null then "" else .+$x end) + ($i | if .==null then "" elif type=="string" then . else tojson end)) // "";
def flatten: flatten(1e9);
def first: .[0];
def last: .[-1];
def last(f): reduce f as $x (null; $x);
def nth($n): .[$n];
def nth($n; f): if $n < 0 then error("Out of bounds negative array index") else last(limit($n + 1; f)) end;
def until(cond; update): def _until: if cond then . else (update | _until) end; _until;
def while(cond; update): def _while: if cond then ., (update | _while) else empty end; _while;
def repeat(f): def _repeat: ., (f | _repeat); _repeat;
def in(xs): . as $x | xs | has($x);
def inside(xs): . as $x | xs | contains($x);
def index($i): indices($i) | .[0];
def rindex($i): indices($i) | .[-1:][0];
def walk(f): . as $in | if type == "object" then reduce keys[] as $key ( {}; . + { ($key):  ($in[$key] | walk(f)) } ) | f elif type == "array" then map( walk(f) ) | f else f end;
def transpose: if . == [] then [] else . as $in | (map(length) | max) as $max | [range(0; $max) as $j | [range(0; $in|length) as $i | $in[$i][$j] ] ] end;
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row|idx_expr| if type != "string" then tojson else . end] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);
def combinations: if length == 0 then [] else .[0][] as $x | (.[1:] | combinations) as $w | [$x] + $w end;
def combinations(n): . as $dot | [range(n)] | map($dot) | combinations;
def fromdateiso8601: fromdate;
def todateiso8601: todate;
def halt_error: halt_error(5);
def error(msg): msg | error;
def tostream: path(def r: (.[]?|r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p+$q]);
def ascii(i): [i] | implode;
def finites: select(isinfinite or isnan | not);
def normals: select(isnormal);
def splits($re): splits($re; null);
`;

let base: Env | undefined;

/** The scope every program starts in: builtin.jq's definitions over the natives. */
export function baseEnv(): Env {
  if (base) return base;
  const env = new Env(undefined);
  // Each def sees the ones before it and itself (builtin.jq is one chain of defs).
  let node: Node = parseProgram(`${PRELUDE} .`);
  let scope = env;
  while (node.t === "def") {
    const inner = new Env(scope);
    inner.fns.set(`${node.name}/${node.params.length}`, {
      kind: "def",
      params: node.params,
      body: node.body,
      env: inner,
    });
    scope = inner;
    node = node.rest;
  }
  // One scope holding every def, each closing over it: builtin.jq's defs may use later ones.
  const flat = new Env(undefined);
  for (let e: Env | undefined = scope; e; e = e.parent)
    for (const [k, f] of e.fns)
      if (!flat.fns.has(k) && f.kind === "def") flat.fns.set(k, { ...f, env: flat });
  base = flat;
  return flat;
}
