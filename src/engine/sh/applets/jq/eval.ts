/**
 * jq's evaluator: a tree walk whose every step is a generator of outputs, as jq's backtracking
 * VM produces them (src/execute.c). Each output carries the path it came from when a caller
 * asked for paths (`path(f)`, assignments, `del`), so `.a[0] |= f` updates where `.a[0]` points.
 * Errors are jq's (src/jv_aux.c, src/execute.c wording); `label`/`break` end generators early.
 */
import { cmpStrings, compare, dump, equal, isObject, type J, type JObject, kindOf, truthy } from "./json";
import type { Node, Pattern } from "./parse";

/** One step of a path: an object key, an array index, or a slice `{start, end}`. */
export type PathKey = string | number | JObject;

/**
 * The path an output came from: an array when the caller tracks paths; null when it does not;
 * false when it tracks them but this value came from no path (a literal, `$x`, arithmetic).
 */
export type PathOf = PathKey[] | null | false;

/** An output: its value and the path it came from. */
export type Out = [J, PathOf];

/** An error a jq program raised (error(x), a type error): its value, usually a message string. */
export class JqError extends Error {
  constructor(readonly value: J) {
    super(typeof value === "string" ? value : dump(value));
  }
}

/** `halt`, `halt_error`: the program ends with this status, writing text to stderr. */
export class JqHalt extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(text);
  }
}

/** A `break $label` unwinding to its label. */
class Break extends Error {
  constructor(readonly label: object) {
    super("break");
  }
}

/** What a program runs against beyond its input: the other inputs, $ENV, stderr, the clock. */
export interface Runtime {
  /** The next input for `input`/`inputs`; undefined when there is none. */
  nextInput(): J | undefined;
  /** $ENV. */
  env: JObject;
  /** Where `debug` and `stderr` write. */
  stderr(text: string): void;
  /** The current time in seconds (`now`). */
  now(): number;
  /** The file being read (`input_filename`), null for stdin. */
  filename(): J;
}

/** A function in scope: a `def` (with the scope it was defined in) or a filter argument. */
type Fn = { kind: "def"; params: string[]; body: Node; env: Env } | { kind: "closure"; node: Node; env: Env };

/** A lexical scope: variables and functions, then the enclosing scope's. */
export class Env {
  constructor(
    readonly parent: Env | undefined,
    readonly vars: Map<string, J | object> = new Map(),
    readonly fns: Map<string, Fn> = new Map(),
  ) {}

  variable(name: string): J | object | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) if (e.vars.has(name)) return e.vars.get(name);
    return undefined;
  }

  fn(key: string): Fn | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const f = e.fns.get(key);
      if (f) return f;
    }
    return undefined;
  }
}

/** A builtin written in TypeScript: given the call's input, path, argument filters and scope. */
export type Native = (rt: Runtime, input: J, path: PathOf, args: Node[], env: Env) => Iterable<Out>;

/** The natives, by `name/arity` (builtins.ts fills it). */
export const NATIVES = new Map<string, Native>();

/** The path an output has when it comes from no path: false while tracking, else null. */
export const noPath = (p: PathOf): PathOf => (p === null ? null : false);

/** jv_dump_string_trunc: a value's compact text cut to size-1 characters ending `...`. */
export function trunc(v: J, size = 15): string {
  const s = dump(v);
  return s.length > size - 1 ? `${s.slice(0, size - 4)}...` : s;
}

/** `KIND (VALUE)` as type errors show a value. */
export const shown = (v: J): string => `${kindOf(v)} (${trunc(v)})`;

/** Runs a node on an input. */
export function* ev(n: Node, input: J, path: PathOf, env: Env, rt: Runtime): Generator<Out> {
  switch (n.t) {
    case "identity":
      yield [input, path];
      return;
    case "recurse":
      yield* call("recurse", [], input, path, env, rt);
      return;
    case "literal":
      yield [n.value, noPath(path)];
      return;
    case "var": {
      if (n.name === "ENV") {
        yield [rt.env, noPath(path)];
        return;
      }
      if (n.name === "__loc__") {
        yield [
          new Map<string, J>([
            ["file", "<stdin>"],
            ["line", 1],
          ]),
          noPath(path),
        ];
        return;
      }
      yield [(env.variable(n.name) ?? null) as J, noPath(path)];
      return;
    }
    case "index":
      for (const [k] of ev(n.key, input, null, env, rt))
        for (const [v, p] of ev(n.target, input, path, env, rt))
          yield [index(v, k), extend(p, v, k as PathKey)];
      return;
    case "slice":
      for (const [to] of n.to ? ev(n.to, input, null, env, rt) : [[null, null] as Out])
        for (const [from] of n.from ? ev(n.from, input, null, env, rt) : [[null, null] as Out])
          for (const [v, p] of ev(n.target, input, path, env, rt)) {
            const key: JObject = new Map([
              ["start", from],
              ["end", to],
            ]);
            yield [index(v, key), extend(p, v, key)];
          }
      return;
    case "iterate":
      for (const [v, p] of ev(n.target, input, path, env, rt)) {
        if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield [v[i] as J, extend(p, v, i)];
        else if (isObject(v)) for (const [k, x] of v) yield [x, extend(p, v, k)];
        else throw new JqError(`Cannot iterate over ${shown(v)}`);
      }
      return;
    case "pipe":
      for (const [v, p] of ev(n.left, input, path, env, rt)) yield* ev(n.right, v, p, env, rt);
      return;
    case "comma":
      yield* ev(n.left, input, path, env, rt);
      yield* ev(n.right, input, path, env, rt);
      return;
    case "neg":
      for (const [v] of ev(n.body, input, null, env, rt)) {
        if (typeof v !== "number") throw new JqError(`${shown(v)} cannot be negated`);
        yield [-v, noPath(path)];
      }
      return;
    case "binop":
      for (const [r] of ev(n.right, input, null, env, rt))
        for (const [l] of ev(n.left, input, null, env, rt)) yield [binop(n.op, l, r), noPath(path)];
      return;
    case "and":
    case "or":
      for (const [l] of ev(n.left, input, null, env, rt)) {
        if (n.t === "and" ? !truthy(l) : truthy(l)) {
          yield [n.t === "or", noPath(path)];
          continue;
        }
        for (const [r] of ev(n.right, input, null, env, rt)) yield [truthy(r), noPath(path)];
      }
      return;
    case "alt": {
      let any = false;
      try {
        for (const o of ev(n.left, input, path, env, rt))
          if (truthy(o[0])) {
            any = true;
            yield o;
          }
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
      }
      if (!any) yield* ev(n.right, input, path, env, rt);
      return;
    }
    case "array": {
      const items: J[] = [];
      if (n.body) for (const [v] of ev(n.body, input, null, env, rt)) items.push(v);
      yield [items, noPath(path)];
      return;
    }
    case "object":
      for (const o of objects(n.entries, 0, input, env, rt)) yield [o, noPath(path)];
      return;
    case "str":
      for (const s of strings(n.parts, n.parts.length - 1, n.format, input, env, rt)) yield [s, noPath(path)];
      return;
    case "format":
      yield [format(n.name, input), noPath(path)];
      return;
    case "if":
      for (const [c] of ev(n.cond, input, null, env, rt)) {
        if (truthy(c)) yield* ev(n.then, input, path, env, rt);
        else if (n.else) yield* ev(n.else, input, path, env, rt);
        else yield [input, path];
      }
      return;
    case "try":
      try {
        for (const o of ev(n.body, input, path, env, rt)) yield o;
      } catch (e) {
        if (!(e instanceof JqError)) throw e;
        if (n.catch) yield* ev(n.catch, e.value, null, env, rt);
      }
      return;
    case "reduce":
      for (const [init] of ev(n.init, input, null, env, rt)) {
        let acc: J = init;
        for (const [x] of ev(n.source, input, null, env, rt))
          for (const scope of bind(n.pattern, x, env, rt)) {
            let last: J = null;
            for (const [v] of ev(n.update, acc, null, scope, rt)) last = v;
            acc = last;
          }
        yield [acc, noPath(path)];
      }
      return;
    case "foreach":
      for (const [init] of ev(n.init, input, null, env, rt)) {
        let acc: J = init;
        for (const [x] of ev(n.source, input, null, env, rt))
          for (const scope of bind(n.pattern, x, env, rt))
            for (const [v] of ev(n.update, acc, null, scope, rt)) {
              acc = v;
              if (n.extract) for (const [e] of ev(n.extract, v, null, scope, rt)) yield [e, noPath(path)];
              else yield [v, noPath(path)];
            }
      }
      return;
    case "as":
      for (const [x] of ev(n.source, input, null, env, rt))
        for (const scope of bind(n.pattern, x, env, rt)) yield* ev(n.body, input, path, scope, rt);
      return;
    case "call":
      yield* call(n.name, n.args, input, path, env, rt);
      return;
    case "def": {
      const scope = new Env(env);
      scope.fns.set(`${n.name}/${n.params.length}`, {
        kind: "def",
        params: n.params,
        body: n.body,
        env: scope,
      });
      yield* ev(n.rest, input, path, scope, rt);
      return;
    }
    case "label": {
      const id = {};
      const scope = new Env(env, new Map([[`*label*${n.name}`, id]]));
      try {
        for (const o of ev(n.body, input, path, scope, rt)) yield o;
      } catch (e) {
        if (e instanceof Break && e.label === id) return;
        throw e;
      }
      return;
    }
    case "break": {
      const id = env.variable(`*label*${n.name}`);
      if (!id) throw new JqError(`$*label-${n.name} is not defined`);
      throw new Break(id as object);
    }
    case "assign":
      yield* assign(n, input, path, env, rt);
      return;
  }
}

/** Calls a function by name and arity: a def or filter argument in scope, else a native. */
export function* call(
  name: string,
  args: Node[],
  input: J,
  path: PathOf,
  env: Env,
  rt: Runtime,
): Generator<Out> {
  const key = `${name}/${args.length}`;
  const f = env.fn(key);
  if (f?.kind === "closure") {
    yield* ev(f.node, input, path, f.env, rt);
    return;
  }
  if (f) {
    yield* callDef(f, args, 0, new Env(f.env), input, path, env, rt);
    return;
  }
  const native = NATIVES.get(key);
  if (!native) throw new JqError(`${key} is not defined`);
  yield* native(rt, input, path, args, env);
}

/** Binds a def's parameters (a `$x` one for each value its argument gives) and runs its body. */
function* callDef(
  f: Extract<Fn, { kind: "def" }>,
  args: Node[],
  i: number,
  scope: Env,
  input: J,
  path: PathOf,
  caller: Env,
  rt: Runtime,
): Generator<Out> {
  if (i === f.params.length) {
    yield* ev(f.body, input, path, scope, rt);
    return;
  }
  const param = f.params[i] as string;
  const arg = args[i] as Node;
  if (!param.startsWith("$")) {
    scope.fns.set(`${param}/0`, { kind: "closure", node: arg, env: caller });
    yield* callDef(f, args, i + 1, scope, input, path, caller, rt);
    return;
  }
  for (const [v] of ev(arg, input, null, caller, rt)) {
    const next = new Env(scope.parent, new Map(scope.vars), new Map(scope.fns));
    next.vars.set(param.slice(1), v);
    next.fns.set(`${param.slice(1)}/0`, { kind: "closure", node: { t: "literal", value: v }, env: caller });
    yield* callDef(f, args, i + 1, next, input, path, caller, rt);
  }
}

/** Scopes binding a destructuring pattern to a value (one per value of computed keys). */
function* bind(p: Pattern, v: J, env: Env, rt: Runtime): Generator<Env> {
  if (p.t === "var") {
    yield new Env(env, new Map([[p.name, v]]));
    return;
  }
  if (p.t === "array") {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${kindOf(v)} with number`);
    yield* bindAll(
      p.items.map((item, i) => ({ pattern: item, value: v === null ? null : ((v[i] ?? null) as J) })),
      0,
      env,
      rt,
    );
    return;
  }
  yield* bindObject(p.entries, 0, v, env, rt);
}

function* bindAll(items: { pattern: Pattern; value: J }[], i: number, env: Env, rt: Runtime): Generator<Env> {
  if (i === items.length) {
    yield env;
    return;
  }
  const it = items[i] as { pattern: Pattern; value: J };
  for (const scope of bind(it.pattern, it.value, env, rt)) yield* bindAll(items, i + 1, scope, rt);
}

function* bindObject(
  entries: { key: Node; bind?: string; pattern?: Pattern }[],
  i: number,
  v: J,
  env: Env,
  rt: Runtime,
): Generator<Env> {
  if (i === entries.length) {
    yield env;
    return;
  }
  const e = entries[i] as (typeof entries)[number];
  for (const [k] of ev(e.key, v, null, env, rt)) {
    if (typeof k !== "string") throw new JqError(`Cannot index ${kindOf(v)} with ${kindOf(k)}`);
    const x = index(v, k);
    let scope = env;
    if (e.bind) scope = new Env(scope, new Map([[e.bind, x]]));
    if (e.pattern) for (const s of bind(e.pattern, x, scope, rt)) yield* bindObject(entries, i + 1, v, s, rt);
    else yield* bindObject(entries, i + 1, v, scope, rt);
  }
}

/** The objects an object construction gives: the product of its keys' and values' outputs. */
function* objects(
  entries: { key: Node; value: Node }[],
  i: number,
  input: J,
  env: Env,
  rt: Runtime,
): Generator<JObject> {
  if (i === entries.length) {
    yield new Map();
    return;
  }
  const e = entries[i] as { key: Node; value: Node };
  for (const [k] of ev(e.key, input, null, env, rt)) {
    if (typeof k !== "string") throw new JqError(`Object keys must be strings`);
    for (const [v] of ev(e.value, input, null, env, rt))
      for (const rest of objects(entries, i + 1, input, env, rt)) yield new Map([[k, v], ...rest]);
  }
}

/** An interpolated string's outputs (the last interpolation varies slowest, as jq builds them). */
function* strings(
  parts: (string | Node)[],
  i: number,
  fmt: string | undefined,
  input: J,
  env: Env,
  rt: Runtime,
): Generator<string> {
  if (i < 0) {
    yield "";
    return;
  }
  const part = parts[i] as string | Node;
  if (typeof part === "string") {
    for (const head of strings(parts, i - 1, fmt, input, env, rt)) yield head + part;
    return;
  }
  for (const [v] of ev(part, input, null, env, rt)) {
    const text = fmt ? (format(fmt, v) as string) : typeof v === "string" ? v : dump(v);
    for (const head of strings(parts, i - 1, fmt, input, env, rt)) yield head + text;
  }
}

/** The path of `v[k]` given v's path (tracking), or why there is none. */
function extend(p: PathOf, v: J, k: PathKey): PathOf {
  if (p === null) return null;
  if (p === false) throw new JqError(`Invalid path expression with result ${trunc(v, 30)}`);
  return [...p, k];
}

/** Clamps a slice's bounds to a length as jv_aux.c's parse_slice does. */
function sliceBounds(len: number, key: JObject): [number, number] {
  const s = key.get("start") ?? null;
  const e = key.get("end") ?? null;
  if ((s !== null && typeof s !== "number") || (e !== null && typeof e !== "number"))
    throw new JqError("Start and end indices of an array slice must be numbers");
  let start = s === null ? 0 : Math.floor(s as number);
  let end = e === null ? len : Math.ceil(e as number);
  if (start < 0) start = Math.max(0, len + start);
  if (end < 0) end = Math.max(0, len + end);
  start = Math.min(start, len);
  end = Math.max(start, Math.min(end, len));
  return [start, end];
}

/** jv_get: `v[k]` for an object key, an array index, a slice or a subarray. */
export function index(v: J, k: J): J {
  if (isObject(v) && typeof k === "string") return v.get(k) ?? null;
  if (Array.isArray(v) && typeof k === "number") {
    if (Number.isNaN(k)) return null;
    const i = Math.floor(k) < 0 ? v.length + Math.floor(k) : Math.floor(k);
    return i >= 0 && i < v.length ? (v[i] as J) : null;
  }
  if (Array.isArray(v) && isObject(k)) {
    const [s, e] = sliceBounds(v.length, k);
    return v.slice(s, e);
  }
  if (typeof v === "string" && isObject(k)) {
    const cps = [...v];
    const [s, e] = sliceBounds(cps.length, k);
    return cps.slice(s, e).join("");
  }
  if (Array.isArray(v) && Array.isArray(k)) return indicesOf(v, k);
  if (v === null && (typeof k === "string" || typeof k === "number" || isObject(k))) return null;
  if (typeof k === "string" && k.length < 30)
    throw new JqError(`Cannot index ${kindOf(v)} with string "${k}"`);
  throw new JqError(`Cannot index ${kindOf(v)} with ${kindOf(k)}`);
}

/** Where a subarray starts in an array (`.[[1,2]]`, indices). */
export function indicesOf(v: J[], sub: J[]): J {
  if (!sub.length) return null;
  const out: number[] = [];
  for (let i = 0; i + sub.length <= v.length; i++)
    if (sub.every((x, j) => equal(x, v[i + j] as J))) out.push(i);
  return out;
}

/** jv_getpath. */
export function getpath(v: J, path: J[]): J {
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = index(cur, k);
  }
  return cur;
}

/** jv_setpath: v with the value at path replaced (containers made as needed). */
export function setpath(v: J, path: J[], x: J): J {
  if (!path.length) return x;
  const [k, ...rest] = path as [J, ...J[]];
  if (typeof k === "string") {
    if (v !== null && !isObject(v)) throw new JqError(`Cannot index ${kindOf(v)} with string "${k}"`);
    const o: JObject = new Map(v ?? []);
    o.set(k, setpath(o.get(k) ?? null, rest, x));
    return o;
  }
  if (typeof k === "number") {
    if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${kindOf(v)} with number`);
    const a = [...(v ?? [])];
    let i = Math.floor(k);
    if (i < 0) {
      i += a.length;
      if (i < 0) throw new JqError("Out of bounds negative array index");
    }
    while (a.length < i) a.push(null);
    a[i] = setpath(a[i] ?? null, rest, x);
    return a;
  }
  if (isObject(k)) {
    if (v !== null && !Array.isArray(v))
      throw new JqError(`Cannot update field at object index of ${kindOf(v)}`);
    const a = [...(v ?? [])];
    const [s, e] = sliceBounds(a.length, k);
    const repl = setpath(a.slice(s, e), rest, x);
    if (!Array.isArray(repl)) throw new JqError("A slice of an array can only be assigned another array");
    a.splice(s, e - s, ...repl);
    return a;
  }
  throw new JqError(`Invalid path component`);
}

/** jv_delpaths: deletes each path, the longest and last first so indices stay right. */
export function delpaths(v: J, paths: J[][]): J {
  const sorted = [...paths].sort((a, b) => -cmpPaths(a, b));
  let out = v;
  for (const p of sorted) out = delpath(out, p);
  return out;
}

function cmpPaths(a: J[], b: J[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as J;
    const y = b[i] as J;
    if (typeof x === "number" && typeof y === "number" && x !== y) return x - y;
    if (typeof x === "string" && typeof y === "string" && x !== y) return cmpStrings(x, y);
  }
  return a.length - b.length;
}

function delpath(v: J, path: J[]): J {
  if (!path.length) return null;
  if (v === null) return null;
  const [k, ...rest] = path as [J, ...J[]];
  if (rest.length) {
    const child = index(v, k);
    if (child === null) return v;
    return setpath(v, [k], delpath(child, rest));
  }
  if (isObject(v) && typeof k === "string") {
    const o = new Map(v);
    o.delete(k);
    return o;
  }
  if (Array.isArray(v) && typeof k === "number") {
    const i = k < 0 ? v.length + Math.floor(k) : Math.floor(k);
    if (i < 0) throw new JqError("Out of bounds negative array index");
    return v.filter((_, j) => j !== i);
  }
  if (Array.isArray(v) && isObject(k)) {
    const [s, e] = sliceBounds(v.length, k);
    return [...v.slice(0, s), ...v.slice(e)];
  }
  if (typeof k === "string") throw new JqError(`Cannot delete field at object index of ${kindOf(v)}`);
  throw new JqError(`Cannot delete field at index of ${kindOf(v)}`);
}

/** The paths a path expression gives on an input (assignments, path(f), del). */
export function* pathsOf(n: Node, input: J, env: Env, rt: Runtime): Generator<[PathKey[], J]> {
  for (const [v, p] of ev(n, input, [], env, rt)) {
    if (p === false || p === null) throw new JqError(`Invalid path expression with result ${trunc(v, 30)}`);
    yield [p, v];
  }
}

function* assign(
  n: Extract<Node, { t: "assign" }>,
  input: J,
  path: PathOf,
  env: Env,
  rt: Runtime,
): Generator<Out> {
  if (n.op === "|=") {
    let acc = input;
    for (const [p] of [...pathsOf(n.left, input, env, rt)]) {
      const old = getpath(acc, p);
      let first: J | undefined;
      for (const [v] of ev(n.right, old, null, env, rt)) {
        first = v;
        break;
      }
      acc = first === undefined ? delpaths(acc, [p]) : setpath(acc, p, first);
    }
    yield [acc, noPath(path)];
    return;
  }
  for (const [x] of ev(n.right, input, null, env, rt)) {
    let acc = input;
    for (const [p] of [...pathsOf(n.left, input, env, rt)]) {
      const old = getpath(acc, p);
      let v: J;
      if (n.op === "=") v = x;
      else if (n.op === "//=") v = truthy(old) ? old : x;
      else v = binop(n.op.slice(0, -1), old, x);
      acc = setpath(acc, p, v);
    }
    yield [acc, noPath(path)];
  }
}

/** The arithmetic and comparison operators (jv_aux.c binop_*, jv_cmp). */
export function binop(op: string, l: J, r: J): J {
  switch (op) {
    case "==":
      return equal(l, r);
    case "!=":
      return !equal(l, r);
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const c = compare(l, r);
      return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
    }
    case "+":
      if (l === null) return r;
      if (r === null) return l;
      if (typeof l === "number" && typeof r === "number") return l + r;
      if (typeof l === "string" && typeof r === "string") return l + r;
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      if (isObject(l) && isObject(r)) return new Map([...l, ...r]);
      throw new JqError(`${shown(l)} and ${shown(r)} cannot be added`);
    case "-":
      if (typeof l === "number" && typeof r === "number") return l - r;
      if (Array.isArray(l) && Array.isArray(r)) return l.filter((x) => !r.some((y) => equal(x, y)));
      throw new JqError(`${shown(l)} and ${shown(r)} cannot be subtracted`);
    case "*":
      if (typeof l === "number" && typeof r === "number") return l * r;
      if (
        (typeof l === "string" && typeof r === "number") ||
        (typeof l === "number" && typeof r === "string")
      ) {
        const s = (typeof l === "string" ? l : r) as string;
        const n = (typeof l === "number" ? l : r) as number;
        // builtin.c: the string once, then appended (int)(n - 1) more times; n <= 0 gives null.
        return n > 0 ? s.repeat(1 + Math.max(0, Math.trunc(n - 1))) : null;
      }
      if (isObject(l) && isObject(r)) return deepMerge(l, r);
      throw new JqError(`${shown(l)} and ${shown(r)} cannot be multiplied`);
    case "/":
      if (typeof l === "number" && typeof r === "number") {
        if (r === 0)
          throw new JqError(`${shown(l)} and ${shown(r)} cannot be divided because the divisor is zero`);
        return l / r;
      }
      if (typeof l === "string" && typeof r === "string") return splitString(l, r);
      throw new JqError(`${shown(l)} and ${shown(r)} cannot be divided`);
    case "%":
      if (typeof l === "number" && typeof r === "number") {
        const b = Math.trunc(r);
        if (b === 0)
          throw new JqError(`${shown(l)} and ${shown(r)} cannot be divided because the divisor is zero`);
        const res = Math.trunc(l) % Math.abs(b);
        return Object.is(res, -0) ? 0 : res;
      }
      throw new JqError(`${shown(l)} and ${shown(r)} cannot be divided`);
    default:
      throw new JqError(`unknown operator ${op}`);
  }
}

function deepMerge(a: JObject, b: JObject): JObject {
  const out = new Map(a);
  for (const [k, v] of b) {
    const o = out.get(k);
    out.set(k, o !== undefined && isObject(o) && isObject(v) ? deepMerge(o, v) : v);
  }
  return out;
}

/** jv_string_split: a string cut at each separator (an empty separator: nothing is cut). */
export function splitString(s: string, sep: string): J[] {
  if (s === "") return [];
  if (sep === "") return [...s];
  return s.split(sep);
}

/** The `@name` formats (src/builtin.c f_format). */
export function format(name: string, v: J): J {
  const text = (x: J) => (typeof x === "string" ? x : dump(x));
  switch (name) {
    case "text":
      return text(v);
    case "json":
      return dump(v);
    case "html":
      return text(v).replace(
        /[<>&'"]/g,
        (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c] as string,
      );
    case "uri":
      return [...new TextEncoder().encode(text(v))]
        .map((b) => {
          const c = String.fromCharCode(b);
          return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
        })
        .join("");
    case "csv":
    case "tsv": {
      if (!Array.isArray(v))
        throw new JqError(`${shown(v)} cannot be ${name}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (typeof x === "number") return dump(x);
          if (typeof x === "boolean") return String(x);
          if (x === null) return "";
          if (typeof x === "string")
            return name === "csv"
              ? `"${x.replace(/"/g, '""')}"`
              : x.replace(
                  /[\\\t\n\r]/g,
                  (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] as string,
                );
          throw new JqError(`${shown(x)} is not valid in a csv row`);
        })
        .join(name === "csv" ? "," : "\t");
    }
    case "sh": {
      const one = (x: J) => {
        if (Array.isArray(x) || isObject(x)) throw new JqError(`${shown(x)} can not be escaped for shell`);
        return typeof x === "string" ? `'${x.replace(/'/g, "'\\''")}'` : dump(x);
      };
      return Array.isArray(v) ? v.map(one).join(" ") : one(v);
    }
    case "base64":
      return base64(new TextEncoder().encode(text(v)));
    case "base64d": {
      const bytes = unbase64(text(v));
      if (!bytes) throw new JqError(`${shown(v)} is not valid base64 data`);
      return new TextDecoder().decode(bytes);
    }
    default:
      throw new JqError(`${name} is not a valid format`);
  }
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] as string;
    out += B64[(n >> 12) & 63] as string;
    out += i + 1 < bytes.length ? (B64[(n >> 6) & 63] as string) : "=";
    out += i + 2 < bytes.length ? (B64[n & 63] as string) : "=";
  }
  return out;
}

function unbase64(s: string): Uint8Array | undefined {
  const clean = s.replace(/=+$/, "");
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of clean) {
    const v = B64.indexOf(c);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** Every variable and function a program names is defined (jq checks this before running). */
export function undefinedName(n: Node, env: Env, scope: Set<string> = new Set()): string | undefined {
  const has = (k: string) => scope.has(k) || env.fn(k) !== undefined || NATIVES.has(k);
  const walk = (x: Node, s: Set<string>): string | undefined => undefinedName(x, env, s);
  const kids = (...xs: (Node | undefined)[]) => {
    for (const x of xs)
      if (x) {
        const u = walk(x, scope);
        if (u) return u;
      }
    return undefined;
  };
  const patternVars = (p: Pattern, s: Set<string>): string | undefined => {
    if (p.t === "var") s.add(`$${p.name}`);
    else if (p.t === "array") for (const i of p.items) patternVars(i, s);
    else
      for (const e of p.entries) {
        const u = walk(e.key, scope);
        if (u) return u;
        if (e.bind) s.add(`$${e.bind}`);
        if (e.pattern) patternVars(e.pattern, s);
      }
    return undefined;
  };
  switch (n.t) {
    case "var":
      return n.name === "ENV" ||
        n.name === "__loc__" ||
        scope.has(`$${n.name}`) ||
        env.variable(n.name) !== undefined
        ? undefined
        : `$${n.name}`;
    case "call": {
      const k = `${n.name}/${n.args.length}`;
      if (!has(k)) return k;
      return kids(...n.args);
    }
    case "index":
      return kids(n.target, n.key);
    case "slice":
      return kids(n.target, n.from, n.to);
    case "iterate":
      return kids(n.target);
    case "array":
      return kids(n.body);
    case "object":
      return kids(...n.entries.flatMap((e) => [e.key, e.value]));
    case "str":
      return kids(...n.parts.filter((p): p is Node => typeof p !== "string"));
    case "neg":
      return kids(n.body);
    case "pipe":
    case "comma":
    case "binop":
    case "and":
    case "or":
    case "alt":
    case "assign":
      return kids(n.left, n.right);
    case "if":
      return kids(n.cond, n.then, n.else);
    case "try":
      return kids(n.body, n.catch);
    case "reduce":
    case "foreach": {
      const u = kids(n.source);
      if (u) return u;
      const s = new Set(scope);
      const pu = patternVars(n.pattern, s);
      if (pu) return pu;
      for (const x of [n.init, n.update, n.t === "foreach" ? n.extract : undefined])
        if (x) {
          const v = walk(x, x === n.init ? scope : s);
          if (v) return v;
        }
      return undefined;
    }
    case "as": {
      const u = kids(n.source);
      if (u) return u;
      const s = new Set(scope);
      const pu = patternVars(n.pattern, s);
      return pu ?? walk(n.body, s);
    }
    case "def": {
      const inner = new Set(scope);
      inner.add(`${n.name}/${n.params.length}`);
      for (const p of n.params) {
        if (p.startsWith("$")) {
          inner.add(p);
          inner.add(`${p.slice(1)}/0`);
        } else inner.add(`${p}/0`);
      }
      const u = walk(n.body, inner);
      if (u) return u;
      const after = new Set(scope);
      after.add(`${n.name}/${n.params.length}`);
      return walk(n.rest, after);
    }
    case "label": {
      const s = new Set(scope);
      s.add(`*label*${n.name}`);
      return walk(n.body, s);
    }
    case "break":
      return scope.has(`*label*${n.name}`) ? undefined : `$*label-${n.name}`;
    default:
      return undefined;
  }
}
