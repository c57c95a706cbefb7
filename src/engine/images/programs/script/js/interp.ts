/**
 * The simulated node's evaluator: walks the syntax tree as generators with a step budget (a
 * `while (true) {}` yields a throttle, as the shell's loops do). User code never reaches
 * JavaScript's eval or Function, nor the worker's globals: names resolve through its own scopes
 * and the globals the runtime gives it.
 */
import { STEP_BUDGET } from "../../../../sh/interface";
import { Unsupported } from "../expr";
import { isErrorClass, type JsObj, type JsVal, jsObject, numStr, ownKeys, toStr } from "./inspect";
import type { JsNode, JsStmt } from "./parser";

/** One step of a running script: output, or a throttle. */
export type JsStep = { out: string } | { err: string } | { throttle: true };

/** A generator of steps returning a value. */
export type JsGen<T = JsVal> = Generator<JsStep, T, void>;

/** A thrown JavaScript value travelling through the interpreter. */
export class JsThrow {
  constructor(
    readonly value: JsVal,
    readonly line: number,
  ) {}
}

class Break {}
class Continue {}
class Return {
  constructor(readonly value: JsVal) {}
}

interface Scope {
  vars: Map<string, { v: JsVal; konst: boolean }>;
  parent?: Scope;
  fn: boolean;
}

/** What a method lookup on a primitive or object needs from the runtime. */
export type MethodLookup = (self: JsVal, name: string) => JsVal | undefined;

/** Runs JavaScript statements against globals. */
export class JsInterp {
  private steps = 0;
  private since = -1;
  private depth = 0;
  line = 1;
  readonly global: Scope = { vars: new Map(), fn: true };

  constructor(
    private readonly now: () => number,
    private readonly methods: MethodLookup,
  ) {}

  /** Declares a global. */
  define(name: string, v: JsVal): void {
    this.global.vars.set(name, { v, konst: false });
  }

  /** Makes a thrown Error of a class (TypeError, ReferenceError...). */
  error(cls: string, message: string): JsThrow {
    return new JsThrow(makeError(cls, message), this.line);
  }

  *tick(): JsGen<void> {
    const now = this.now();
    if (now !== this.since) {
      this.since = now;
      this.steps = 0;
    }
    if (++this.steps > STEP_BUDGET) {
      yield { throttle: true };
      this.since = this.now();
      this.steps = 0;
    }
  }

  /** Runs a script's statements in the global scope. */
  *run(body: JsStmt[]): JsGen<void> {
    yield* this.block(body, this.global, false);
  }

  private *block(body: JsStmt[], outer: Scope, newScope = true): JsGen<void> {
    const scope = newScope ? { vars: new Map(), parent: outer, fn: false } : outer;
    // Function declarations are hoisted.
    for (const s of body)
      if (s.t === "var" && s.kind === "function")
        for (const d of s.decls)
          this.declare(scope, d.name, yield* this.ev(d.init as JsNode, scope), false, "var");
    for (const s of body) yield* this.exec(s, scope);
  }

  private declare(scope: Scope, name: string, v: JsVal, konst: boolean, kind: string): void {
    let target = scope;
    if (kind === "var") while (!target.fn && target.parent) target = target.parent;
    else if (scope.vars.has(name) && kind !== "function")
      throw this.error("SyntaxError", `Identifier '${name}' has already been declared`);
    target.vars.set(name, { v, konst });
  }

  private *exec(s: JsStmt, scope: Scope): JsGen<void> {
    if (s.line) this.line = s.line;
    yield* this.tick();
    switch (s.t) {
      case "expr":
        yield* this.ev(s.e, scope);
        return;
      case "var":
        if (s.kind === "function") return;
        for (const d of s.decls) {
          const v = d.init ? yield* this.ev(d.init, scope) : undefined;
          if (d.init && d.init.t === "fn" && typeof v === "object" && v?.t === "fn" && !v.name)
            v.name = d.name;
          this.declare(scope, d.name, v, s.kind === "const", s.kind);
        }
        return;
      case "block":
        yield* this.block(s.body as JsStmt[], scope);
        return;
      case "empty":
        return;
      case "if":
        if (truthy(yield* this.ev(s.c, scope))) yield* this.exec(s.a, scope);
        else if (s.b) yield* this.exec(s.b, scope);
        return;
      case "while": {
        let first = !!s.doWhile;
        while (first || truthy(yield* this.ev(s.c, scope))) {
          first = false;
          yield* this.tick();
          try {
            yield* this.exec(s.body, scope);
          } catch (e) {
            if (e instanceof Break) return;
            if (!(e instanceof Continue)) throw e;
          }
        }
        return;
      }
      case "for": {
        const loop: Scope = { vars: new Map(), parent: scope, fn: false };
        if (s.init) yield* this.exec(s.init, loop);
        for (;;) {
          if (s.c && !truthy(yield* this.ev(s.c, loop))) return;
          yield* this.tick();
          // Each iteration gets its own copy of let bindings (closures in loops).
          const iter: Scope = { vars: new Map(loop.vars), parent: scope, fn: false };
          try {
            yield* this.exec(s.body, iter);
          } catch (e) {
            if (e instanceof Break) return;
            if (!(e instanceof Continue)) throw e;
          }
          for (const [k, b] of iter.vars) loop.vars.set(k, { ...b });
          if (s.step) yield* this.ev(s.step, loop);
        }
      }
      case "forof": {
        const src = yield* this.ev(s.iter, scope);
        let items: JsVal[];
        if (s.of) {
          if (typeof src === "string") items = [...src];
          else if (src && typeof src === "object" && src.t === "arr") items = [...src.items];
          else if (src && typeof src === "object" && src.t === "obj" && src.cls === "Map")
            items = [...((src.props.get("__entries") as JsObj & { t: "arr" })?.items ?? [])];
          else throw this.error("TypeError", `${describeNode(s.iter)} is not iterable`);
        } else {
          if (src && typeof src === "object" && src.t === "arr") items = src.items.map((_x, i) => String(i));
          else if (src && typeof src === "object" && src.t === "obj") items = ownKeys(src.props);
          else items = [];
        }
        for (const v of items) {
          yield* this.tick();
          const iter: Scope = { vars: new Map(), parent: scope, fn: false };
          this.declare(iter, s.name, v, s.kind === "const", s.kind === "var" ? "var" : "let");
          try {
            yield* this.exec(s.body, iter);
          } catch (e) {
            if (e instanceof Break) return;
            if (!(e instanceof Continue)) throw e;
          }
        }
        return;
      }
      case "return":
        throw new Return(s.e ? yield* this.ev(s.e, scope) : undefined);
      case "break":
        throw new Break();
      case "continue":
        throw new Continue();
      case "throw":
        throw new JsThrow(yield* this.ev(s.e, scope), this.line);
      case "try":
        try {
          try {
            yield* this.block(s.body as JsStmt[], scope);
          } catch (e) {
            if (!(e instanceof JsThrow) || !s.handler) throw e;
            const h: Scope = { vars: new Map(), parent: scope, fn: false };
            if (s.param) h.vars.set(s.param, { v: e.value, konst: false });
            yield* this.block(s.handler as JsStmt[], h, false);
          }
        } finally {
          if (s.final) yield* this.block(s.final as JsStmt[], scope);
        }
        return;
    }
    yield* this.ev(s, scope);
  }

  private lookup(name: string, scope: Scope): { v: JsVal; konst: boolean } | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** Evaluates an expression. */
  *ev(e: JsNode, scope: Scope): JsGen {
    switch (e.t) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "lit":
        return e.v;
      case "this": {
        const b = this.lookup("this", scope);
        return b ? b.v : undefined;
      }
      case "tmpl": {
        let out = e.quasis[0] as string;
        for (let i = 0; i < e.exprs.length; i++)
          out += toStr(yield* this.ev(e.exprs[i] as JsNode, scope)) + e.quasis[i + 1];
        return out;
      }
      case "id": {
        const b = this.lookup(e.n, scope);
        if (!b) throw this.error("ReferenceError", `${e.n} is not defined`);
        return b.v;
      }
      case "arr": {
        const items: JsVal[] = [];
        for (const x of e.items) {
          if (x.t === "spread") {
            const v = yield* this.ev(x.e, scope);
            items.push(...this.spread(v));
          } else items.push(yield* this.ev(x, scope));
        }
        return { t: "arr", items };
      }
      case "obj": {
        const o = jsObject();
        for (const p of e.props) {
          if (p.spread) {
            const v = yield* this.ev(p.v, scope);
            if (v && typeof v === "object" && v.t === "obj") for (const [k, x] of v.props) o.props.set(k, x);
            else if (v && typeof v === "object" && v.t === "arr")
              for (const [i, x] of v.items.entries()) o.props.set(String(i), x);
            continue;
          }
          const key = typeof p.key === "string" ? p.key : toStr(yield* this.ev(p.key, scope));
          const v = yield* this.ev(p.v, scope);
          if (p.v.t === "fn" && v && typeof v === "object" && v.t === "fn" && !v.name) v.name = key;
          o.props.set(key, v);
        }
        return o;
      }
      case "fn":
        return this.closure(e, scope);
      case "seq": {
        let v: JsVal;
        for (const x of e.items) v = yield* this.ev(x, scope);
        return v;
      }
      case "cond":
        return truthy(yield* this.ev(e.c, scope)) ? yield* this.ev(e.a, scope) : yield* this.ev(e.b, scope);
      case "un": {
        if (e.op === "typeof") {
          if (e.e.t === "id" && !this.lookup(e.e.n, scope)) return "undefined";
          return typeOf(yield* this.ev(e.e, scope));
        }
        if (e.op === "delete") {
          if (e.e.t === "member") {
            const o = yield* this.ev(e.e.e, scope);
            const k = typeof e.e.p === "string" ? e.e.p : toStr(yield* this.ev(e.e.p, scope));
            if (o && typeof o === "object" && o.t === "obj") o.props.delete(k);
          }
          return true;
        }
        const v = yield* this.ev(e.e, scope);
        switch (e.op) {
          case "!":
            return !truthy(v);
          case "-":
            return -toNum(v);
          case "+":
            return toNum(v);
          case "~":
            return ~toNum(v);
          case "void":
            return undefined;
        }
        throw new Unsupported(e.op);
      }
      case "upd": {
        const old = toNum(yield* this.ev(e.e, scope));
        const nv = e.op === "++" ? old + 1 : old - 1;
        yield* this.store(e.e, nv, scope);
        return e.prefix ? nv : old;
      }
      case "bin": {
        if (e.op === "&&") {
          const l = yield* this.ev(e.l, scope);
          return truthy(l) ? yield* this.ev(e.r, scope) : l;
        }
        if (e.op === "||") {
          const l = yield* this.ev(e.l, scope);
          return truthy(l) ? l : yield* this.ev(e.r, scope);
        }
        if (e.op === "??") {
          const l = yield* this.ev(e.l, scope);
          return l === null || l === undefined ? yield* this.ev(e.r, scope) : l;
        }
        return this.binary(e.op, yield* this.ev(e.l, scope), yield* this.ev(e.r, scope));
      }
      case "assign": {
        if (e.op === "=") {
          const v = yield* this.ev(e.v, scope);
          if (e.v.t === "fn" && e.target.t === "id" && v && typeof v === "object" && v.t === "fn" && !v.name)
            v.name = e.target.n;
          yield* this.store(e.target, v, scope);
          return v;
        }
        const cur = yield* this.ev(e.target, scope);
        const op = e.op.slice(0, -1);
        let v: JsVal;
        if (op === "&&") v = truthy(cur) ? yield* this.ev(e.v, scope) : cur;
        else if (op === "||") v = truthy(cur) ? cur : yield* this.ev(e.v, scope);
        else if (op === "??") v = cur === null || cur === undefined ? yield* this.ev(e.v, scope) : cur;
        else v = this.binary(op, cur, yield* this.ev(e.v, scope));
        yield* this.store(e.target, v, scope);
        return v;
      }
      case "member": {
        const o = yield* this.ev(e.e, scope);
        if (e.optional && (o === null || o === undefined)) return undefined;
        const k = typeof e.p === "string" ? e.p : yield* this.ev(e.p, scope);
        return this.get(o, k, e);
      }
      case "call": {
        let self: JsVal;
        let f: JsVal;
        if (e.f.t === "member") {
          self = yield* this.ev(e.f.e, scope);
          if (e.f.optional && (self === null || self === undefined)) return undefined;
          const k = typeof e.f.p === "string" ? e.f.p : yield* this.ev(e.f.p, scope);
          f = this.get(self, k, e.f);
        } else f = yield* this.ev(e.f, scope);
        if (e.optional && (f === null || f === undefined)) return undefined;
        const args: JsVal[] = [];
        for (const a of e.args) {
          if (a.t === "spread") args.push(...this.spread(yield* this.ev(a.e, scope)));
          else args.push(yield* this.ev(a, scope));
        }
        if (!(f && typeof f === "object" && f.t === "fn"))
          throw this.error("TypeError", `${describeNode(e.f)} is not a function`);
        return yield* this.call(f, self, args);
      }
      case "new": {
        const f = yield* this.ev(e.f, scope);
        const args: JsVal[] = [];
        for (const a of e.args) args.push(yield* this.ev(a, scope));
        if (!(f && typeof f === "object" && f.t === "fn"))
          throw this.error("TypeError", `${describeNode(e.f)} is not a constructor`);
        const ctor = f.props?.get("__construct");
        if (ctor && typeof ctor === "object" && ctor.t === "fn")
          return yield* this.call(ctor, undefined, args);
        throw new Unsupported(`new ${f.name}`);
      }
      case "spread":
        throw new Unsupported("spread here");
    }
    throw new Unsupported(`statement ${e.t} as an expression`);
  }

  private spread(v: JsVal): JsVal[] {
    if (typeof v === "string") return [...v];
    if (v && typeof v === "object" && v.t === "arr") return v.items;
    throw this.error("TypeError", `${typeOf(v) === "object" ? "object" : toStr(v)} is not iterable`);
  }

  /** Calls a function value. */
  *call(f: JsObj & { t: "fn" }, self: JsVal, args: JsVal[]): JsGen {
    const r = f.call(self, args);
    if (r && typeof r === "object" && typeof (r as Generator).next === "function" && !("t" in r))
      return yield* r as JsGen;
    return r as JsVal;
  }

  private closure(node: JsNode & { t: "fn" }, scope: Scope): JsObj {
    const self = this;
    const fnObj: JsObj & { t: "fn" } = {
      t: "fn",
      name: node.name ?? "",
      call: function* (thisVal: JsVal, args: JsVal[]): JsGen {
        if (self.depth > 9000) throw self.error("RangeError", "Maximum call stack size exceeded");
        const local: Scope = { vars: new Map(), parent: scope, fn: true };
        if (!node.arrow) {
          local.vars.set("this", { v: thisVal, konst: true });
          local.vars.set("arguments", { v: { t: "arr", items: args }, konst: false });
        }
        for (let i = 0; i < node.params.length; i++) {
          const p = node.params[i] as { name: string; def?: JsNode; rest?: boolean };
          let v: JsVal = p.rest ? { t: "arr", items: args.slice(i) } : args[i];
          if (v === undefined && p.def) v = yield* self.ev(p.def, local);
          local.vars.set(p.name, { v, konst: false });
        }
        if (node.name && !node.arrow) local.vars.set(node.name, { v: fnObj, konst: false });
        self.depth++;
        const line = self.line;
        try {
          if (!Array.isArray(node.body)) return yield* self.ev(node.body, local);
          yield* self.block(node.body as JsStmt[], local, false);
          return undefined;
        } catch (e) {
          if (e instanceof Return) return e.value;
          throw e;
        } finally {
          self.depth--;
          self.line = line;
        }
      },
    };
    return fnObj;
  }

  private *store(target: JsNode, v: JsVal, scope: Scope): JsGen<void> {
    if (target.t === "id") {
      const b = this.lookup(target.n, scope);
      if (!b) {
        // Sloppy mode: an undeclared assignment creates a global.
        this.global.vars.set(target.n, { v, konst: false });
        return;
      }
      if (b.konst) throw this.error("TypeError", "Assignment to constant variable.");
      b.v = v;
      return;
    }
    if (target.t === "member") {
      const o = yield* this.ev(target.e, scope);
      const k = typeof target.p === "string" ? target.p : yield* this.ev(target.p, scope);
      if (o && typeof o === "object") {
        if (o.t === "arr") {
          if (k === "length") {
            o.items.length = Math.max(0, toNum(v));
            return;
          }
          const n = typeof k === "number" ? k : Number(toStr(k));
          if (Number.isInteger(n) && n >= 0) {
            if (n > 10_000_000) throw this.error("RangeError", "Invalid array length");
            while (o.items.length < n) o.items.push(undefined);
            o.items[n] = v;
            return;
          }
          return;
        }
        if (o.t === "obj") {
          const setter = o.props.get(`__set_${toStr(k)}`);
          if (setter && typeof setter === "object" && setter.t === "fn") {
            yield* this.call(setter, o, [v]);
            return;
          }
          o.props.set(toStr(k), v);
          return;
        }
        o.props ??= new Map();
        o.props.set(toStr(k), v);
        return;
      }
      throw this.error(
        "TypeError",
        `Cannot set properties of ${o === null ? "null" : "undefined"} (setting '${toStr(k)}')`,
      );
    }
    throw this.error("SyntaxError", "Invalid left-hand side in assignment");
  }

  /** A property of a value: own properties, then the runtime's methods for its type. */
  get(o: JsVal, k: JsVal, node?: JsNode): JsVal {
    if (o === null || o === undefined)
      throw this.error(
        "TypeError",
        `Cannot read properties of ${o === null ? "null" : "undefined"} (reading '${toStr(k)}')`,
      );
    const key = typeof k === "number" ? numStr(k) : toStr(k);
    void node;
    if (typeof o === "string") {
      if (key === "length") return o.length;
      if (/^\d+$/.test(key)) return o[Number(key)];
    } else if (typeof o === "object") {
      if (o.t === "arr") {
        if (key === "length") return o.items.length;
        if (/^\d+$/.test(key)) return o.items[Number(key)];
      } else if (o.t === "obj") {
        if (o.props.has(key)) return o.props.get(key);
        if (key === "name" && o.cls && isErrorClass(o.cls)) return o.cls;
        const getter = o.props.get(`__get_${key}`);
        if (getter && typeof getter === "object" && getter.t === "fn") return getter.call(o, []) as JsVal;
      } else if (o.props?.has(key)) return o.props.get(key);
      else if (key === "name") return o.name;
    }
    return this.methods(o, key);
  }

  private binary(op: string, a: JsVal, b: JsVal): JsVal {
    switch (op) {
      case "+": {
        const pa = toPrimitive(a);
        const pb = toPrimitive(b);
        if (typeof pa === "string" || typeof pb === "string") return toStr(pa) + toStr(pb);
        return toNum(pa) + toNum(pb);
      }
      case "-":
        return toNum(a) - toNum(b);
      case "*":
        return toNum(a) * toNum(b);
      case "/":
        return toNum(a) / toNum(b);
      case "%":
        return toNum(a) % toNum(b);
      case "**":
        return toNum(a) ** toNum(b);
      case "===":
        return strictEq(a, b);
      case "!==":
        return !strictEq(a, b);
      case "==":
        return looseEq(a, b);
      case "!=":
        return !looseEq(a, b);
      case "<":
      case ">":
      case "<=":
      case ">=": {
        const pa = toPrimitive(a);
        const pb = toPrimitive(b);
        if (typeof pa === "string" && typeof pb === "string")
          return op === "<" ? pa < pb : op === ">" ? pa > pb : op === "<=" ? pa <= pb : pa >= pb;
        const x = toNum(pa);
        const y = toNum(pb);
        return op === "<" ? x < y : op === ">" ? x > y : op === "<=" ? x <= y : x >= y;
      }
      case "&":
        return toNum(a) & toNum(b);
      case "|":
        return toNum(a) | toNum(b);
      case "^":
        return toNum(a) ^ toNum(b);
      case "<<":
        return toNum(a) << toNum(b);
      case ">>":
        return toNum(a) >> toNum(b);
      case ">>>":
        return toNum(a) >>> toNum(b);
      case "in":
        if (b && typeof b === "object" && b.t === "obj") return b.props.has(toStr(a));
        if (b && typeof b === "object" && b.t === "arr") return toNum(a) < b.items.length;
        throw this.error("TypeError", `Cannot use 'in' operator to search for '${toStr(a)}' in ${toStr(b)}`);
      case "instanceof":
        if (b && typeof b === "object" && b.t === "fn") {
          if (b.name === "Array") return !!a && typeof a === "object" && a.t === "arr";
          if (b.name === "Object") return !!a && typeof a === "object";
          if (b.name === "Function") return !!a && typeof a === "object" && a.t === "fn";
          if (a && typeof a === "object" && a.t === "obj" && a.cls)
            return a.cls === b.name || (b.name === "Error" && isErrorClass(a.cls));
          return false;
        }
        throw this.error("TypeError", "Right-hand side of 'instanceof' is not callable");
    }
    throw new Unsupported(`operator ${op}`);
  }
}

/** An Error object with a message and the stack text node prints for it. */
export function makeError(cls: string, message: string): JsObj {
  const e = jsObject([], cls);
  e.props.set("stack", `${cls}${message ? `: ${message}` : ""}`);
  e.props.set("message", message);
  return e;
}

function describeNode(n: JsNode): string {
  if (n.t === "id") return n.n;
  if (n.t === "member") return `${describeNode(n.e)}.${typeof n.p === "string" ? n.p : "<computed>"}`;
  if (n.t === "call") return `${describeNode(n.f)}(...)`;
  return "expression";
}

/** typeof. */
export function typeOf(v: JsVal): string {
  if (v === null) return "object";
  if (v === undefined) return "undefined";
  if (typeof v === "object") return v.t === "fn" ? "function" : "object";
  return typeof v;
}

/** ToBoolean. */
export function truthy(v: JsVal): boolean {
  if (v === undefined || v === null || v === false || v === "" || v === 0 || Number.isNaN(v)) return false;
  return true;
}

function toPrimitive(v: JsVal): JsVal {
  if (v && typeof v === "object") return toStr(v);
  return v;
}

/** ToNumber. */
export function toNum(v: JsVal): number {
  if (typeof v === "number") return v;
  if (v === undefined) return Number.NaN;
  if (v === null || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return 0;
    if (
      /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^0[xX][0-9a-fA-F]+$|^0[bB][01]+$|^0[oO][0-7]+$|^[-+]?Infinity$/.test(
        s,
      )
    )
      return Number(s);
    return Number.NaN;
  }
  return toNum(toPrimitive(v));
}

function strictEq(a: JsVal, b: JsVal): boolean {
  return a === b;
}

function looseEq(a: JsVal, b: JsVal): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === typeof b && typeof a !== "object") return a === b;
  if (typeof a === "object" && typeof b === "object") return a === b;
  const pa = toPrimitive(a);
  const pb = toPrimitive(b);
  if (typeof pa === "string" && typeof pb === "string") return pa === pb;
  return toNum(pa) === toNum(pb);
}
