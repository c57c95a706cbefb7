/**
 * The simulated python's evaluator: walks the syntax tree as generators, so that time.sleep
 * yields to the virtual clock from any depth and a busy loop yields a throttle once it spends a
 * step budget at one instant, as the shell's loops do. It never hands user code to JavaScript
 * (no eval, no Function): every name resolves through its own scopes, builtins and modules.
 */
import { STEP_BUDGET } from "../../../../sh/interface";
import { Unsupported } from "../expr";
import type { Arg, Expr, FField, Param, Stmt } from "./ast";
import { binary, compareOp, MAX_ITEMS } from "./ops";
import {
  classAttr,
  dict,
  EXC,
  equal,
  formatSpec,
  hashKey,
  isSubclass,
  numeric,
  type PyObj,
  PyRaise,
  type PyVal,
  raise,
  rangeLength,
  repr,
  type Scope,
  STOP,
  str,
  truthy,
  typeName,
} from "./values";

/** One step of a running script: output, a sleep on the virtual clock, a throttle. */
export type PyStep = { out: string } | { err: string } | { sleepMs: number } | { throttle: true };

/** A generator of steps returning a value. */
export type Gen<T = PyVal> = Generator<PyStep, T, void>;

class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(readonly value: PyVal) {}
}

/** The deepest python call stack before RecursionError (sys.getrecursionlimit's 1000). */
const RECURSION_LIMIT = 1000;

/** What the evaluator needs from its host: attribute access and calls on host objects. */
export interface Host {
  /** Virtual ms now (for the step budget). */
  now(): number;
  /** An attribute of a value that is not a module (methods of str, list, dict...). */
  attribute(v: PyVal, name: string): PyVal | undefined;
  /** A module by name, or undefined (then ModuleNotFoundError). */
  importModule(name: string): PyObj | undefined;
  /** A builtin by name. */
  builtin(name: string): PyVal | undefined;
}

/** A function frame: its name and the line it runs. */
interface Frame {
  name: string;
  line: number;
}

/** Runs python statements. */
export class Interp {
  readonly globals: Scope = { vars: new Map() };
  private steps = 0;
  private since = -1;
  private depth = 0;
  readonly frames: Frame[] = [{ name: "<module>", line: 0 }];

  constructor(readonly host: Host) {}

  /** Counts a step; past the budget at one instant, yields a throttle. */
  *tick(): Gen<void> {
    const now = this.host.now();
    if (now !== this.since) {
      this.since = now;
      this.steps = 0;
    }
    if (++this.steps > STEP_BUDGET) {
      yield { throttle: true };
      this.since = this.host.now();
      this.steps = 0;
    }
  }

  /** Runs a block of statements. */
  *block(body: Stmt[], scope: Scope): Gen<void> {
    for (const s of body) yield* this.exec(s, scope);
  }

  private *exec(s: Stmt, scope: Scope): Gen<void> {
    (this.frames[this.frames.length - 1] as Frame).line = s.line;
    yield* this.tick();
    switch (s.t) {
      case "expr":
        yield* this.ev(s.e, scope);
        return;
      case "assign": {
        const v = yield* this.ev(s.v, scope);
        for (const tg of s.targets) yield* this.assign(tg, v, scope);
        return;
      }
      case "aug": {
        const cur = yield* this.ev(s.target, scope);
        const rhs = yield* this.ev(s.v, scope);
        let v: PyVal;
        if (s.op === "+" && cur && typeof cur === "object" && cur.t === "list") {
          cur.items.push(...(yield* this.iterate(rhs)));
          v = cur;
        } else v = binary(s.op, cur, rhs);
        yield* this.assign(s.target, v, scope);
        return;
      }
      case "if":
        if (truthy(yield* this.ev(s.c, scope))) yield* this.block(s.body, scope);
        else yield* this.block(s.orelse, scope);
        return;
      case "while": {
        while (truthy(yield* this.ev(s.c, scope))) {
          yield* this.tick();
          try {
            yield* this.block(s.body, scope);
          } catch (e) {
            if (e instanceof BreakSignal) return;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        yield* this.block(s.orelse, scope);
        return;
      }
      case "for": {
        const it = yield* this.iter(yield* this.ev(s.iter, scope));
        for (;;) {
          const v = it();
          if (v === STOP) break;
          yield* this.tick();
          yield* this.assign(s.target, v, scope);
          try {
            yield* this.block(s.body, scope);
          } catch (e) {
            if (e instanceof BreakSignal) return;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        yield* this.block(s.orelse, scope);
        return;
      }
      case "def": {
        const defaults: PyVal[] = [];
        for (const p of s.params) if (p.def) defaults.push(yield* this.ev(p.def, scope));
        this.setName(
          s.name,
          { t: "func", name: s.name, params: s.params, body: s.body, scope, defaults },
          scope,
        );
        return;
      }
      case "return":
        throw new ReturnSignal(s.e ? yield* this.ev(s.e, scope) : null);
      case "pass":
        return;
      case "break":
        throw new BreakSignal();
      case "continue":
        throw new ContinueSignal();
      case "import":
        for (const [name, alias] of s.names) {
          const m = this.module(name);
          if (alias) this.setName(alias, m, scope);
          else {
            // `import os.path` binds os.
            const top = name.split(".")[0] as string;
            this.setName(top, this.module(top), scope);
          }
        }
        return;
      case "from": {
        const m = this.module(s.module);
        for (const [name, alias] of s.names) {
          const v =
            m.t === "module" ? (m.attrs.get(name) ?? this.tryModule(`${s.module}.${name}`)) : undefined;
          if (v === undefined)
            throw raise("ImportError", `cannot import name '${name}' from '${s.module}' (unknown location)`);
          this.setName(alias ?? name, v, scope);
        }
        return;
      }
      case "try":
        yield* this.tryStmt(s, scope);
        return;
      case "raise": {
        if (!s.e) {
          if (!this.handling.length) throw raise("RuntimeError", "No active exception to reraise");
          throw this.handling[this.handling.length - 1];
        }
        const v = yield* this.ev(s.e, scope);
        throw this.toRaise(v);
      }
      case "global":
      case "nonlocal":
        scope.globals ??= new Set();
        if (s.t === "global") for (const n of s.names) scope.globals.add(n);
        return;
      case "del":
        for (const tg of s.targets) yield* this.del(tg, scope);
        return;
      case "assert":
        if (!truthy(yield* this.ev(s.c, scope))) {
          const args = s.msg ? [yield* this.ev(s.msg, scope)] : [];
          throw new PyRaise({ t: "exc", cls: EXC.AssertionError as PyObj & { t: "class" }, args });
        }
        return;
      case "class": {
        const bases: PyVal[] = [];
        for (const b of s.bases) bases.push(yield* this.ev(b, scope));
        const base = bases[0];
        if (base !== undefined && !(base && typeof base === "object" && base.t === "class"))
          throw raise(
            "TypeError",
            `metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases`,
          );
        const cls: PyObj & { t: "class" } = { t: "class", name: s.name, attrs: new Map() };
        if (base) cls.base = base as PyObj & { t: "class" };
        const body: Scope = { vars: new Map(), parent: scope };
        yield* this.block(s.body, body);
        for (const [k, v] of body.vars) {
          if (v && typeof v === "object" && v.t === "func") (v as { owner?: PyObj }).owner = cls;
          cls.attrs?.set(k, v);
        }
        this.setName(s.name, cls, scope);
        return;
      }
      case "with": {
        // Context managers the simulation knows: open() files, closed at the end.
        const entered: PyVal[] = [];
        for (const item of s.items) {
          const v = yield* this.ev(item.e, scope);
          entered.push(v);
          if (item.as) yield* this.assign(item.as, v, scope);
        }
        try {
          yield* this.block(s.body, scope);
        } finally {
          for (const v of entered)
            if (v && typeof v === "object" && v.t === "file" && v.stream === "file") v.closed = true;
        }
        return;
      }
    }
  }

  /** The exceptions being handled (for a bare `raise`). */
  private readonly handling: PyRaise[] = [];

  private *tryStmt(s: Stmt & { t: "try" }, scope: Scope): Gen<void> {
    try {
      let raised = false;
      try {
        yield* this.block(s.body, scope);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        raised = true;
        let handled = false;
        for (const h of s.handlers) {
          if (h.type) {
            const t = yield* this.ev(h.type, scope);
            const classes = t && typeof t === "object" && t.t === "tuple" ? t.items : [t];
            if (
              !classes.some((c) => c && typeof c === "object" && c.t === "class" && isSubclass(e.exc.cls, c))
            )
              continue;
          }
          handled = true;
          if (h.name) this.setName(h.name, e.exc, scope);
          this.handling.push(e);
          try {
            yield* this.block(h.body, scope);
          } finally {
            this.handling.pop();
          }
          break;
        }
        if (!handled) throw e;
      }
      if (!raised) yield* this.block(s.orelse, scope);
    } finally {
      if (s.final.length) yield* this.block(s.final, scope);
    }
  }

  /** A raise of a value: an exception instance, or a class called with no arguments. */
  toRaise(v: PyVal): PyRaise {
    if (v && typeof v === "object" && v.t === "exc") return new PyRaise(v);
    if (v && typeof v === "object" && v.t === "class") return new PyRaise({ t: "exc", cls: v, args: [] });
    return raise("TypeError", "exceptions must derive from BaseException");
  }

  private tryModule(name: string): PyObj | undefined {
    return this.host.importModule(name);
  }

  private module(name: string): PyObj {
    const m = this.host.importModule(name);
    if (!m) {
      const top = name.split(".")[0] as string;
      // A module of the standard library the simulation lacks is beyond it; another is missing.
      if (STDLIB.has(top)) throw new Unsupported(`module ${name}`);
      throw raise("ModuleNotFoundError", `No module named '${name}'`);
    }
    return m;
  }

  /** Binds a name in a scope (or the globals when declared global). */
  setName(name: string, v: PyVal, scope: Scope): void {
    if (scope.globals?.has(name)) this.globals.vars.set(name, v);
    else scope.vars.set(name, v);
  }

  private lookup(name: string, scope: Scope): PyVal {
    if (!scope.globals?.has(name))
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const v = s.vars.get(name);
        if (v !== undefined || s.vars.has(name)) return v as PyVal;
      }
    const g = this.globals.vars.get(name);
    if (g !== undefined || this.globals.vars.has(name)) return g as PyVal;
    const b = this.host.builtin(name);
    if (b !== undefined) return b;
    throw raise("NameError", `name '${name}' is not defined`);
  }

  private *assign(tg: Expr, v: PyVal, scope: Scope): Gen<void> {
    switch (tg.t) {
      case "name":
        this.setName(tg.id, v, scope);
        return;
      case "tuple":
      case "list": {
        const items = yield* this.iterate(v);
        const star = tg.items.findIndex((x) => x.t === "starred");
        if (star < 0) {
          if (items.length !== tg.items.length)
            throw raise(
              "ValueError",
              items.length > tg.items.length
                ? `too many values to unpack (expected ${tg.items.length})`
                : `not enough values to unpack (expected ${tg.items.length}, got ${items.length})`,
            );
          for (let i = 0; i < items.length; i++)
            yield* this.assign(tg.items[i] as Expr, items[i] as PyVal, scope);
          return;
        }
        const after = tg.items.length - star - 1;
        if (items.length < tg.items.length - 1)
          throw raise(
            "ValueError",
            `not enough values to unpack (expected at least ${tg.items.length - 1}, got ${items.length})`,
          );
        for (let i = 0; i < star; i++) yield* this.assign(tg.items[i] as Expr, items[i] as PyVal, scope);
        yield* this.assign(
          (tg.items[star] as Expr & { t: "starred" }).e,
          { t: "list", items: items.slice(star, items.length - after) },
          scope,
        );
        for (let i = 0; i < after; i++)
          yield* this.assign(tg.items[star + 1 + i] as Expr, items[items.length - after + i] as PyVal, scope);
        return;
      }
      case "sub": {
        const obj = yield* this.ev(tg.e, scope);
        if (tg.i.t === "slice" && obj && typeof obj === "object" && obj.t === "list") {
          const [lo, hi] = yield* this.sliceBounds(tg.i, obj.items.length, scope);
          obj.items.splice(lo, Math.max(0, hi - lo), ...(yield* this.iterate(v)));
          return;
        }
        const key = yield* this.ev(tg.i, scope);
        setItem(obj, key, v);
        return;
      }
      case "attr": {
        const obj = yield* this.ev(tg.e, scope);
        if (obj && typeof obj === "object" && (obj.t === "module" || obj.t === "inst")) {
          obj.attrs.set(tg.n, v);
          return;
        }
        if (obj && typeof obj === "object" && (obj.t === "exc" || obj.t === "class")) {
          obj.attrs ??= new Map();
          obj.attrs.set(tg.n, v);
          return;
        }
        throw raise("AttributeError", `'${typeName(obj)}' object attribute '${tg.n}' is read-only`);
      }
      case "starred":
        throw raise("SyntaxError", "starred assignment target must be in a list or tuple");
    }
    throw new Unsupported("assignment target");
  }

  private *del(tg: Expr, scope: Scope): Gen<void> {
    if (tg.t === "name") {
      if (!scope.vars.delete(tg.id)) throw raise("NameError", `name '${tg.id}' is not defined`);
      return;
    }
    if (tg.t === "sub") {
      const obj = yield* this.ev(tg.e, scope);
      const key = yield* this.ev(tg.i, scope);
      if (obj && typeof obj === "object" && obj.t === "dict") {
        if (!obj.map.delete(hashKey(key))) throw raise("KeyError", key);
        return;
      }
      if (obj && typeof obj === "object" && obj.t === "list" && typeof key === "bigint") {
        const i = normIndex(key, obj.items.length, "list assignment");
        obj.items.splice(i, 1);
        return;
      }
    }
    throw new Unsupported("del target");
  }

  private *sliceBounds(sl: Expr & { t: "slice" }, len: number, scope: Scope): Gen<[number, number, number]> {
    const num = function* (this: Interp, e: Expr | undefined): Gen<number | undefined> {
      if (!e) return undefined;
      const v = yield* this.ev(e, scope);
      if (v === null) return undefined;
      const n = numeric(v);
      if (typeof n !== "bigint")
        throw raise("TypeError", "slice indices must be integers or None or have an __index__ method");
      return Number(n);
    }.bind(this);
    const step = (yield* num(sl.step)) ?? 1;
    if (step === 0) throw raise("ValueError", "slice step cannot be zero");
    return sliceIndices(yield* num(sl.lo), yield* num(sl.hi), step, len);
  }

  /** Evaluates an expression. */
  *ev(e: Expr, scope: Scope): Gen {
    switch (e.t) {
      case "const":
        return e.v;
      case "name":
        return this.lookup(e.id, scope);
      case "fstr": {
        let out = "";
        for (const p of e.parts) out += typeof p === "string" ? p : yield* this.field(p, scope);
        return out;
      }
      case "bin":
        return binary(e.op, yield* this.ev(e.l, scope), yield* this.ev(e.r, scope));
      case "un": {
        const v = yield* this.ev(e.e, scope);
        if (e.op === "not") return !truthy(v);
        const n = numeric(v);
        if (n === undefined) throw raise("TypeError", `bad operand type for unary ${e.op}: '${typeName(v)}'`);
        if (e.op === "+") return n;
        if (e.op === "~") {
          if (typeof n !== "bigint") throw raise("TypeError", "bad operand type for unary ~: 'float'");
          return ~n;
        }
        return typeof n === "bigint" ? -n : -n;
      }
      case "bool": {
        const l = yield* this.ev(e.l, scope);
        if (e.op === "and" ? !truthy(l) : truthy(l)) return l;
        return yield* this.ev(e.r, scope);
      }
      case "cmp": {
        let l = yield* this.ev(e.items[0] as Expr, scope);
        for (let i = 0; i < e.ops.length; i++) {
          const r = yield* this.ev(e.items[i + 1] as Expr, scope);
          if (!compareOp(e.ops[i] as string, l, r)) return false;
          l = r;
        }
        return true;
      }
      case "ifexp":
        return truthy(yield* this.ev(e.c, scope)) ? yield* this.ev(e.a, scope) : yield* this.ev(e.b, scope);
      case "attr":
        return this.getAttr(yield* this.ev(e.e, scope), e.n);
      case "sub": {
        const obj = yield* this.ev(e.e, scope);
        if (e.i.t === "slice") return yield* this.slice(obj, e.i, scope);
        return getItem(obj, yield* this.ev(e.i, scope));
      }
      case "slice":
        throw new Unsupported("slice objects");
      case "list":
      case "tuple":
      case "set": {
        const items: PyVal[] = [];
        for (const x of e.items) {
          if (x.t === "starred") items.push(...(yield* this.iterate(yield* this.ev(x.e, scope))));
          else items.push(yield* this.ev(x, scope));
        }
        if (e.t === "set") {
          const map = new Map<string, [PyVal, PyVal]>();
          for (const x of items) map.set(hashKey(x), [x, null]);
          return { t: "set", map };
        }
        return { t: e.t, items };
      }
      case "dict": {
        const d = dict();
        for (const [k, v] of e.items) {
          if (k === null) {
            const src = yield* this.ev(v, scope);
            if (!(src && typeof src === "object" && src.t === "dict"))
              throw raise("TypeError", `'${typeName(src)}' object is not a mapping`);
            for (const [hk, ent] of src.map) d.map.set(hk, ent);
          } else {
            const kv = yield* this.ev(k, scope);
            d.map.set(hashKey(kv), [kv, yield* this.ev(v, scope)]);
          }
        }
        return d;
      }
      case "lambda":
        return yield* this.makeFunc("<lambda>", e.params, { expr: e.body }, scope);
      case "comp":
        return yield* this.comprehension(e, scope);
      case "starred":
        throw raise("SyntaxError", "can't use starred expression here");
      case "call": {
        if (e.f.t === "name" && e.f.id === "super" && e.args.length === 0) {
          const cls = scope.vars.get("__class__");
          if (!(cls && typeof cls === "object" && cls.t === "class"))
            throw raise("RuntimeError", "super(): no arguments");
          return { t: "super", cls, self: scope.vars.get("__self__") ?? null };
        }
        if (e.f.t === "name" && e.f.id === "__walrus__") {
          const name = String((e.args[0]?.e as (Expr & { t: "const" }) | undefined)?.v);
          const v = yield* this.ev(e.args[1]?.e as Expr, scope);
          this.setName(name, v, scope);
          return v;
        }
        const f = yield* this.ev(e.f, scope);
        const [args, kw] = yield* this.args(e.args, scope);
        return yield* this.call(f, args, kw);
      }
    }
  }

  private *makeFunc(name: string, params: Param[], body: Stmt[] | { expr: Expr }, scope: Scope): Gen {
    const defaults: PyVal[] = [];
    for (const p of params) if (p.def) defaults.push(yield* this.ev(p.def, scope));
    return { t: "func", name, params, body, scope, defaults };
  }

  private *field(p: FField, scope: Scope): Gen<string> {
    const v = yield* this.ev(p.e, scope);
    const spec = p.spec ? str(yield* this.ev(p.spec, scope)) : "";
    let text: string;
    if (p.conv === "r" || p.conv === "a") text = formatSpec(repr(v), spec);
    else if (p.conv === "s") text = formatSpec(str(v), spec);
    else text = formatSpec(v, spec);
    return (p.selfDoc ?? "") + text;
  }

  private *args(list: Arg[], scope: Scope): Gen<[PyVal[], Map<string, PyVal>]> {
    const args: PyVal[] = [];
    const kw = new Map<string, PyVal>();
    for (const a of list) {
      const v = yield* this.ev(a.e, scope);
      if (a.star === 1) args.push(...(yield* this.iterate(v)));
      else if (a.star === 2) {
        if (!(v && typeof v === "object" && v.t === "dict"))
          throw raise("TypeError", `argument after ** must be a mapping, not ${typeName(v)}`);
        for (const [k, val] of v.map.values()) kw.set(str(k), val);
      } else if (a.kw !== undefined) kw.set(a.kw, v);
      else args.push(v);
    }
    return [args, kw];
  }

  private *comprehension(e: Expr & { t: "comp" }, outer: Scope): Gen {
    const scope: Scope = { vars: new Map(), parent: outer };
    const items: PyVal[] = [];
    const d = dict();
    const self = this;
    function* loop(level: number): Gen<void> {
      const g = e.gens[level];
      if (!g) {
        yield* self.tick();
        if (e.kind === "dict") {
          const k = yield* self.ev(e.elt, scope);
          d.map.set(hashKey(k), [k, yield* self.ev(e.val as Expr, scope)]);
        } else items.push(yield* self.ev(e.elt, scope));
        return;
      }
      const it = yield* self.iter(yield* self.ev(g.iter, level === 0 ? outer : scope));
      for (;;) {
        const v = it();
        if (v === STOP) return;
        yield* self.assign(g.target, v, scope);
        let ok = true;
        for (const c of g.conds) if (!truthy(yield* self.ev(c, scope))) ok = false;
        if (ok) yield* loop(level + 1);
      }
    }
    yield* loop(0);
    if (e.kind === "dict") return d;
    if (e.kind === "set") {
      const map = new Map<string, [PyVal, PyVal]>();
      for (const x of items) map.set(hashKey(x), [x, null]);
      return { t: "set", map };
    }
    if (e.kind === "gen") {
      let i = 0;
      return { t: "iter", next: () => (i < items.length ? (items[i++] as PyVal) : STOP) };
    }
    return { t: "list", items };
  }

  private *slice(obj: PyVal, sl: Expr & { t: "slice" }, scope: Scope): Gen {
    if (typeof obj === "string") {
      const chars = [...obj];
      const [lo, hi, step] = yield* this.sliceBounds(sl, chars.length, scope);
      return pick(chars, lo, hi, step).join("");
    }
    if (obj && typeof obj === "object" && (obj.t === "list" || obj.t === "tuple")) {
      const [lo, hi, step] = yield* this.sliceBounds(sl, obj.items.length, scope);
      return { t: obj.t, items: pick(obj.items, lo, hi, step) };
    }
    if (obj && typeof obj === "object" && obj.t === "range") {
      const items = yield* this.iterate(obj);
      const [lo, hi, step] = yield* this.sliceBounds(sl, items.length, scope);
      return { t: "list", items: pick(items, lo, hi, step) };
    }
    throw raise("TypeError", `'${typeName(obj)}' object is not subscriptable`);
  }

  /** An attribute of a value: a module's member, or a method of a builtin type. */
  getAttr(v: PyVal, name: string): PyVal {
    if (v && typeof v === "object") {
      if (v.t === "module") {
        const a = v.attrs.get(name);
        if (a !== undefined || v.attrs.has(name)) return a as PyVal;
        const sub = this.host.importModule(`${v.name}.${name}`);
        if (sub) return sub;
        throw raise("AttributeError", `module '${v.name}' has no attribute '${name}'`);
      }
      if (v.t === "exc" && name === "args") return { t: "tuple", items: v.args };
      if (v.t === "inst" || v.t === "exc") {
        const own = v.attrs?.get(name);
        if (own !== undefined || v.attrs?.has(name)) return own as PyVal;
        const a = classAttr(v.cls, name);
        if (a !== undefined) return this.bind(a, v);
        if (name === "__class__") return v.cls;
      }
      if (v.t === "class" && v.attrs) {
        const a = classAttr(v, name);
        if (a !== undefined) return a;
      }
      if (v.t === "super") {
        const a = classAttr(v.cls.base, name);
        if (a !== undefined) return this.bind(a, v.self);
        if (name === "__init__")
          return {
            t: "builtin",
            name: "__init__",
            fn: (args) => {
              if (v.self && typeof v.self === "object" && v.self.t === "exc") v.self.args = args;
              return null;
            },
          };
        throw raise("AttributeError", `'super' object has no attribute '${name}'`);
      }
      if (v.t === "class" && name === "__name__") return v.name;
      if (v.t === "func" && name === "__name__") return v.name;
    }
    const a = this.host.attribute(v, name);
    if (a !== undefined) return a;
    throw raise("AttributeError", `'${typeName(v)}' object has no attribute '${name}'`);
  }

  /** Calls a callable with arguments. */
  *call(f: PyVal, args: PyVal[], kw: Map<string, PyVal>): Gen {
    if (f && typeof f === "object") {
      if (f.t === "builtin") {
        const r = f.fn(f.self === undefined ? args : [f.self, ...args], kw);
        if (r && typeof r === "object" && !("t" in r)) return yield* r as Gen;
        return r as PyVal;
      }
      if (f.t === "func") return yield* this.callFunc(f, args, kw);
      if (f.t === "class") return yield* this.instantiate(f, args, kw);
    }
    throw raise("TypeError", `'${typeName(f)}' object is not callable`);
  }

  /** A function bound to an instance (a method), or the attribute itself. */
  private bind(a: PyVal, self: PyVal): PyVal {
    if (!(a && typeof a === "object" && a.t === "func")) return a;
    return {
      t: "builtin",
      name: a.name,
      fn: (args, kw) => this.callFunc(a, [self, ...args], kw),
      self: undefined,
    };
  }

  /** Calls a class: a new instance (an exception for BaseException's subclasses), then __init__. */
  private *instantiate(cls: PyObj & { t: "class" }, args: PyVal[], kw: Map<string, PyVal>): Gen {
    const isExc = isSubclass(cls, EXC.BaseException as PyObj & { t: "class" });
    const inst: PyObj = isExc
      ? { t: "exc", cls, args, attrs: new Map() }
      : { t: "inst", cls, attrs: new Map() };
    const init = classAttr(cls, "__init__");
    if (init && typeof init === "object" && init.t === "func")
      yield* this.callFunc(init, [inst, ...args], kw);
    else if (!isExc && (args.length || kw.size)) throw raise("TypeError", `${cls.name}() takes no arguments`);
    return inst;
  }

  /** Runs a function to its end at once (a __str__ for print); a sleep inside is beyond it. */
  callSync(f: PyVal, args: PyVal[]): PyVal {
    const g = this.call(f, args, new Map());
    for (let r = g.next(); ; r = g.next()) {
      if (r.done) return r.value;
      if ("sleepMs" in r.value) throw new Unsupported("sleeping inside __str__");
    }
  }

  private *callFunc(f: PyObj & { t: "func" }, args: PyVal[], kw: Map<string, PyVal>): Gen {
    if (this.depth >= RECURSION_LIMIT) throw raise("RecursionError", "maximum recursion depth exceeded");
    const scope: Scope = { vars: new Map(), parent: f.scope === this.globals ? undefined : f.scope };
    bindParams(f, args, kw, scope);
    const owner = (f as { owner?: PyObj }).owner;
    if (owner) {
      scope.vars.set("__class__", owner);
      scope.vars.set("__self__", args[0] ?? null);
    }
    const frame: Frame = { name: f.name, line: 0 };
    this.frames.push(frame);
    this.depth++;
    try {
      if ("expr" in f.body) return yield* this.ev(f.body.expr, scope);
      yield* this.block(f.body, scope);
      return null;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      if (e instanceof PyRaise) e.frames.unshift({ line: frame.line, name: f.name });
      throw e;
    } finally {
      this.depth--;
      this.frames.pop();
    }
  }

  /** A python iterator over a value: a function giving the next item or STOP. */
  *iter(v: PyVal): Gen<() => PyVal | typeof STOP> {
    if (typeof v === "string") {
      const chars = [...v];
      let i = 0;
      return () => (i < chars.length ? (chars[i++] as string) : STOP);
    }
    if (v && typeof v === "object") {
      switch (v.t) {
        case "list":
        case "tuple": {
          let i = 0;
          const items = v.items;
          return () => (i < items.length ? (items[i++] as PyVal) : STOP);
        }
        case "dict":
        case "set": {
          const keys = [...v.map.values()].map(([k]) => k);
          const size = v.map.size;
          let i = 0;
          return () => {
            if (v.map.size !== size)
              throw raise(
                "RuntimeError",
                `${v.t === "dict" ? "dictionary" : "Set"} changed size during iteration`,
              );
            return i < keys.length ? (keys[i++] as PyVal) : STOP;
          };
        }
        case "range": {
          let cur = v.start;
          return () => {
            if (v.step > 0n ? cur >= v.stop : cur <= v.stop) return STOP;
            const out = cur;
            cur += v.step;
            return out;
          };
        }
        case "iter":
          return v.next;
        case "file": {
          if (v.stream !== "file") break;
          const lines = (v.text ?? "")
            .slice(v.pos ?? 0)
            .split(/(?<=\n)/)
            .filter(Boolean);
          v.pos = (v.text ?? "").length;
          let i = 0;
          return () => (i < lines.length ? (lines[i++] as string) : STOP);
        }
      }
    }
    throw raise("TypeError", `'${typeName(v)}' object is not iterable`);
  }

  /** All items of an iterable. */
  *iterate(v: PyVal): Gen<PyVal[]> {
    if (v && typeof v === "object" && v.t === "range" && rangeLength(v) > BigInt(MAX_ITEMS))
      throw raise("MemoryError");
    const it = yield* this.iter(v);
    const out: PyVal[] = [];
    for (;;) {
      const x = it();
      if (x === STOP) return out;
      if (out.length >= MAX_ITEMS) throw raise("MemoryError");
      out.push(x);
    }
  }
}

/** The standard library's top-level modules the simulation does not provide (Unsupported, not missing). */
const STDLIB = new Set(
  "abc argparse array asyncio base64 collections concurrent contextlib copy csv dataclasses decimal email enum functools glob hashlib heapq hmac html http io itertools logging multiprocessing operator pathlib pickle pprint queue re secrets select shlex shutil signal smtplib sqlite3 ssl statistics string struct subprocess tempfile textwrap threading traceback typing unittest urllib uuid xml zipfile zlib".split(
    " ",
  ),
);

function bindParams(f: PyObj & { t: "func" }, args: PyVal[], kw: Map<string, PyVal>, scope: Scope): void {
  let di = 0;
  let ai = 0;
  const rest = new Map(kw);
  const pos = f.params.filter((p) => p.kind === "pos");
  const needed = pos.filter((p) => !p.def).length;
  for (const p of f.params) {
    if (p.kind === "pos") {
      const def = p.def ? f.defaults[di++] : undefined;
      if (ai < args.length) {
        if (rest.has(p.name))
          throw raise("TypeError", `${f.name}() got multiple values for argument '${p.name}'`);
        scope.vars.set(p.name, args[ai++] as PyVal);
      } else if (rest.has(p.name)) {
        scope.vars.set(p.name, rest.get(p.name) as PyVal);
        rest.delete(p.name);
      } else if (p.def) scope.vars.set(p.name, def as PyVal);
      else {
        const missing = pos
          .filter((q) => !q.def && !scope.vars.has(q.name) && !kw.has(q.name))
          .map((q) => `'${q.name}'`);
        throw raise(
          "TypeError",
          `${f.name}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${missing.length > 1 ? `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}` : missing[0]}`,
        );
      }
    } else if (p.kind === "star") {
      scope.vars.set(p.name, { t: "tuple", items: args.slice(ai) });
      ai = args.length;
    } else {
      const d = dict();
      for (const [k, v] of rest) d.map.set(hashKey(k), [k, v]);
      scope.vars.set(p.name, d);
      rest.clear();
    }
  }
  if (ai < args.length)
    throw raise(
      "TypeError",
      `${f.name}() takes ${pos.length === needed ? pos.length : `from ${needed} to ${pos.length}`} positional argument${pos.length === 1 ? "" : "s"} but ${args.length} ${args.length === 1 ? "was" : "were"} given`,
    );
  const extra = [...rest.keys()][0];
  if (extra !== undefined)
    throw raise("TypeError", `${f.name}() got an unexpected keyword argument '${extra}'`);
}

/** An index made non-negative, or IndexError. */
export function normIndex(i: bigint, len: number, what: string): number {
  const n = Number(i) < 0 ? len + Number(i) : Number(i);
  if (n < 0 || n >= len) throw raise("IndexError", `${what} index out of range`);
  return n;
}

/** PySlice_AdjustIndices: the start, stop and step of a slice over len items. */
export function sliceIndices(
  lo: number | undefined,
  hi: number | undefined,
  step: number,
  len: number,
): [number, number, number] {
  const adj = (v: number | undefined, dflt: number, lower: number, upper: number) => {
    if (v === undefined) return dflt;
    if (v < 0) return Math.max(v + len, lower);
    return Math.min(v, upper);
  };
  if (step > 0) return [adj(lo, 0, 0, len), adj(hi, len, 0, len), step];
  return [adj(lo, len - 1, -1, len - 1), adj(hi, -1, -1, len - 1), step];
}

function pick<T>(items: T[], lo: number, hi: number, step: number): T[] {
  const out: T[] = [];
  if (step > 0) for (let i = lo; i < hi; i += step) out.push(items[i] as T);
  else for (let i = lo; i > hi; i += step) out.push(items[i] as T);
  return out;
}

/** obj[key]. */
export function getItem(obj: PyVal, key: PyVal): PyVal {
  if (obj && typeof obj === "object") {
    if (obj.t === "dict") {
      const e = obj.map.get(hashKey(key));
      if (!e) throw raise("KeyError", key);
      return e[1];
    }
    if (obj.t === "list" || obj.t === "tuple") {
      const n = numeric(key);
      if (typeof n !== "bigint" || typeof key === "number")
        throw raise("TypeError", `${obj.t} indices must be integers or slices, not ${typeName(key)}`);
      return obj.items[normIndex(n, obj.items.length, obj.t)] as PyVal;
    }
    if (obj.t === "range") {
      const n = numeric(key);
      if (typeof n !== "bigint")
        throw raise("TypeError", `range indices must be integers or slices, not ${typeName(key)}`);
      const len = rangeLength(obj);
      const i = n < 0n ? len + n : n;
      if (i < 0n || i >= len) throw raise("IndexError", "range object index out of range");
      return obj.start + i * obj.step;
    }
  }
  if (typeof obj === "string") {
    const n = numeric(key);
    if (typeof n !== "bigint" || typeof key === "number")
      throw raise("TypeError", `string indices must be integers, not '${typeName(key)}'`);
    const chars = [...obj];
    return chars[normIndex(n, chars.length, "string")] as string;
  }
  throw raise("TypeError", `'${typeName(obj)}' object is not subscriptable`);
}

/** obj[key] = v. */
export function setItem(obj: PyVal, key: PyVal, v: PyVal): void {
  if (obj && typeof obj === "object") {
    if (obj.t === "dict") {
      if (obj.environ && (typeof key !== "string" || typeof v !== "string"))
        throw raise("TypeError", `str expected, not ${typeName(typeof key !== "string" ? key : v)}`);
      obj.map.set(hashKey(key), [key, v]);
      return;
    }
    if (obj.t === "list") {
      const n = numeric(key);
      if (typeof n !== "bigint")
        throw raise("TypeError", `list indices must be integers or slices, not ${typeName(key)}`);
      obj.items[normIndex(n, obj.items.length, "list assignment")] = v;
      return;
    }
  }
  throw raise("TypeError", `'${typeName(obj)}' object does not support item assignment`);
}

/** Whether two values are the same python value (for list.index, remove, count). */
export const same = equal;
