/**
 * The built-in methods of the simulated node's strings, numbers, arrays, objects and functions
 * (ECMAScript's String.prototype, Number.prototype, Array.prototype), resolved by name for a
 * value. Callbacks (map, filter, forEach, reduce, sort) run through the interpreter, so they
 * count against the step budget.
 */

import { Unsupported } from "../expr";
import { type JsObj, type JsVal, jsObject, numStr, ownKeys, quote, toStr } from "./inspect";
import { type JsGen, type JsInterp, JsThrow, makeError, toNum, truthy } from "./interp";

type Native = (self: JsVal, args: JsVal[]) => JsVal | JsGen;

/** A native function value. */
export function native(name: string, call: Native): JsObj & { t: "fn" } {
  return { t: "fn", name, call };
}

function fnArg(ip: JsInterp, v: JsVal): JsObj & { t: "fn" } {
  if (!(v && typeof v === "object" && v.t === "fn"))
    throw ip.error("TypeError", `${v === undefined ? "undefined" : toStr(v)} is not a function`);
  return v;
}

/** The method `name` of a value, or undefined. */
export function lookupMethod(ip: JsInterp, self: JsVal, name: string): JsVal | undefined {
  if (typeof self === "string") return stringMethod(self, name);
  if (typeof self === "number") {
    if (name === "toFixed") return native(name, (_s, [d]) => self.toFixed(toNum(d ?? 0)));
    if (name === "toString")
      return native(name, (_s, [r]) => (r === undefined ? numStr(self) : self.toString(toNum(r))));
    if (name === "toPrecision") return native(name, (_s, [p]) => self.toPrecision(toNum(p)));
    return undefined;
  }
  if (self && typeof self === "object") {
    if (self.t === "arr") return arrayMethod(ip, self, name);
    if (name === "toString") return native(name, () => toStr(self));
    if (name === "hasOwnProperty")
      return native(name, (_s, [k]) => self.t === "obj" && self.props.has(toStr(k)));
    if (self.t === "fn") {
      if (name === "call") return native(name, (_s, [t, ...a]) => ip.call(self, t, a));
      if (name === "apply")
        return native(name, (_s, [t, a]) =>
          ip.call(self, t, a && typeof a === "object" && a.t === "arr" ? a.items : []),
        );
      if (name === "bind")
        return native(self.name, (_s, [t, ...a]) =>
          native(`bound ${self.name}`, (_x, b) => ip.call(self, t, [...a, ...b])),
        );
    }
  }
  return undefined;
}

function stringMethod(s: string, name: string): JsVal | undefined {
  const m = (f: (args: JsVal[]) => JsVal) => native(name, (_s, a) => f(a));
  const str = (v: JsVal) => toStr(v);
  switch (name) {
    case "toUpperCase":
      return m(() => s.toUpperCase());
    case "toLowerCase":
      return m(() => s.toLowerCase());
    case "trim":
      return m(() => s.trim());
    case "trimStart":
      return m(() => s.trimStart());
    case "trimEnd":
      return m(() => s.trimEnd());
    case "split":
      return m(([sep, lim]) => ({
        t: "arr",
        items: (sep === undefined ? [s] : s.split(str(sep))).slice(
          0,
          lim === undefined ? undefined : toNum(lim),
        ),
      }));
    case "includes":
      return m(([x]) => s.includes(str(x)));
    case "startsWith":
      return m(([x]) => s.startsWith(str(x)));
    case "endsWith":
      return m(([x]) => s.endsWith(str(x)));
    case "indexOf":
      return m(([x]) => s.indexOf(str(x)));
    case "lastIndexOf":
      return m(([x]) => s.lastIndexOf(str(x)));
    case "slice":
      return m(([a, b]) =>
        s.slice(a === undefined ? undefined : toNum(a), b === undefined ? undefined : toNum(b)),
      );
    case "substring":
      return m(([a, b]) => s.substring(toNum(a ?? 0), b === undefined ? undefined : toNum(b)));
    case "charAt":
      return m(([i]) => s.charAt(toNum(i ?? 0)));
    case "charCodeAt":
      return m(([i]) => s.charCodeAt(toNum(i ?? 0)));
    case "at":
      return m(([i]) => s.at(toNum(i ?? 0)));
    case "repeat":
      return m(([n]) => {
        const k = toNum(n);
        // V8's longest string is 2^29 - 24 characters; past that, RangeError as node throws.
        if (s.length * k > 536_870_888)
          throw new JsThrow(makeError("RangeError", "Invalid string length"), 0);
        if (s.length * k > 10_000_000) throw new Unsupported("a string this long");
        return s.repeat(k);
      });
    case "padStart":
      return m(([n, f]) => s.padStart(toNum(n), f === undefined ? " " : str(f)));
    case "padEnd":
      return m(([n, f]) => s.padEnd(toNum(n), f === undefined ? " " : str(f)));
    case "replace":
      return m(([a, b]) => s.replace(str(a), () => str(b)));
    case "replaceAll":
      return m(([a, b]) => s.split(str(a)).join(str(b)));
    case "concat":
      return m((xs) => s + xs.map(str).join(""));
    case "toString":
      return m(() => s);
  }
  return undefined;
}

function arrayMethod(ip: JsInterp, a: JsObj & { t: "arr" }, name: string): JsVal | undefined {
  const items = a.items;
  const cb = (f: JsVal, self: JsVal) => fnArg(ip, f) && { f: f as JsObj & { t: "fn" }, self };
  switch (name) {
    case "push":
      return native(name, (_s, xs) => {
        items.push(...xs);
        return items.length;
      });
    case "pop":
      return native(name, () => items.pop());
    case "shift":
      return native(name, () => items.shift());
    case "unshift":
      return native(name, (_s, xs) => {
        items.unshift(...xs);
        return items.length;
      });
    case "join":
      return native(name, (_s, [sep]) =>
        items
          .map((x) => (x === null || x === undefined ? "" : toStr(x)))
          .join(sep === undefined ? "," : toStr(sep)),
      );
    case "indexOf":
      return native(name, (_s, [x]) => items.indexOf(x));
    case "includes":
      return native(
        name,
        (_s, [x]) => items.includes(x) || (Number.isNaN(x) && items.some((y) => Number.isNaN(y))),
      );
    case "slice":
      return native(name, (_s, [b, e]) => ({
        t: "arr",
        items: items.slice(b === undefined ? undefined : toNum(b), e === undefined ? undefined : toNum(e)),
      }));
    case "splice":
      return native(name, (_s, [b, n, ...xs]) => ({
        t: "arr",
        items: items.splice(toNum(b ?? 0), n === undefined ? items.length : toNum(n), ...xs),
      }));
    case "concat":
      return native(name, (_s, xs) => ({
        t: "arr",
        items: items.concat(...xs.map((x) => (x && typeof x === "object" && x.t === "arr" ? x.items : [x]))),
      }));
    case "reverse":
      return native(name, () => {
        items.reverse();
        return a;
      });
    case "at":
      return native(name, (_s, [i]) => items.at(toNum(i ?? 0)));
    case "fill":
      return native(name, (_s, [v]) => {
        items.fill(v);
        return a;
      });
    case "flat":
      return native(name, () => ({
        t: "arr",
        items: items.flatMap((x) => (x && typeof x === "object" && x.t === "arr" ? x.items : [x])),
      }));
    case "keys":
      return native(name, () => ({ t: "arr", items: items.map((_x, i) => i) }));
    case "entries":
      return native(name, () => ({
        t: "arr",
        items: items.map((x, i) => ({ t: "arr", items: [i, x] }) as JsVal),
      }));
    case "toString":
      return native(name, () => toStr(a));
    case "map":
    case "filter":
    case "forEach":
    case "find":
    case "findIndex":
    case "some":
    case "every":
    case "flatMap":
      return native(name, function* (_s, [f, t]): JsGen {
        const { f: fn } = cb(f, t);
        const out: JsVal[] = [];
        const snapshot = [...items];
        for (let i = 0; i < snapshot.length; i++) {
          yield* ip.tick();
          const r = yield* ip.call(fn, t, [snapshot[i], i, a]);
          if (name === "map") out.push(r);
          else if (name === "flatMap")
            out.push(...(r && typeof r === "object" && r.t === "arr" ? r.items : [r]));
          else if (name === "filter" && truthy(r)) out.push(snapshot[i]);
          else if (name === "find" && truthy(r)) return snapshot[i];
          else if (name === "findIndex" && truthy(r)) return i;
          else if (name === "some" && truthy(r)) return true;
          else if (name === "every" && !truthy(r)) return false;
        }
        if (name === "find") return undefined;
        if (name === "findIndex") return -1;
        if (name === "some") return false;
        if (name === "every") return true;
        if (name === "forEach") return undefined;
        return { t: "arr", items: out };
      });
    case "reduce":
      return native(name, function* (_s, args): JsGen {
        const fn = fnArg(ip, args[0]);
        let i = 0;
        let acc: JsVal;
        if (args.length > 1) acc = args[1];
        else {
          if (!items.length) throw ip.error("TypeError", "Reduce of empty array with no initial value");
          acc = items[0];
          i = 1;
        }
        for (; i < items.length; i++) {
          yield* ip.tick();
          acc = yield* ip.call(fn, undefined, [acc, items[i], i, a]);
        }
        return acc;
      });
    case "sort":
      return native(name, function* (_s, [f]): JsGen {
        const keyed = [...items];
        // A merge sort through the interpreter's comparator (stable, as V8's TimSort is).
        const cmp = function* (x: JsVal, y: JsVal): JsGen<number> {
          if (x === undefined) return 1;
          if (y === undefined) return -1;
          if (f === undefined) {
            const sx = toStr(x);
            const sy = toStr(y);
            return sx < sy ? -1 : sx > sy ? 1 : 0;
          }
          yield* ip.tick();
          return toNum(yield* ip.call(fnArg(ip, f), undefined, [x, y]));
        };
        const sort = function* (xs: JsVal[]): JsGen<JsVal[]> {
          if (xs.length <= 1) return xs;
          const mid = xs.length >> 1;
          const l = yield* sort(xs.slice(0, mid));
          const r = yield* sort(xs.slice(mid));
          const out: JsVal[] = [];
          let i = 0;
          let j = 0;
          while (i < l.length && j < r.length) out.push((yield* cmp(r[j], l[i])) < 0 ? r[j++] : l[i++]);
          return [...out, ...l.slice(i), ...r.slice(j)];
        };
        const sorted = yield* sort(keyed);
        items.splice(0, items.length, ...sorted);
        return a;
      });
  }
  return undefined;
}

/** Object.keys/values/entries/assign, Array.isArray/from, JSON, Math, Number, String... as globals. */
export function objectStatics(ipRef: JsInterp): Record<string, JsVal> {
  const obj = (v: JsVal) => (v && typeof v === "object" && v.t === "obj" ? v : undefined);
  const ObjectFn = native("Object", (_s, [v]) => v ?? jsObject());
  ObjectFn.props = new Map<string, JsVal>([
    [
      "keys",
      native("keys", (_s, [v]) => ({
        t: "arr",
        items:
          v && typeof v === "object" && v.t === "arr"
            ? v.items.map((_x, i) => String(i))
            : ownKeys(obj(v)?.props),
      })),
    ],
    [
      "values",
      native("values", (_s, [v]) => ({
        t: "arr",
        items:
          v && typeof v === "object" && v.t === "arr"
            ? [...v.items]
            : ownKeys(obj(v)?.props).map((k) => obj(v)?.props.get(k)),
      })),
    ],
    [
      "entries",
      native("entries", (_s, [v]) => ({
        t: "arr",
        items: ownKeys(obj(v)?.props).map((k) => ({ t: "arr", items: [k, obj(v)?.props.get(k)] }) as JsVal),
      })),
    ],
    [
      "assign",
      native("assign", (_s, [target, ...srcs]) => {
        const t = obj(target);
        for (const s of srcs) for (const [k, x] of obj(s)?.props ?? []) t?.props.set(k, x);
        return target;
      }),
    ],
    ["freeze", native("freeze", (_s, [v]) => v)],
  ]);
  const ArrayFn = native("Array", (_s, args) =>
    args.length === 1 && typeof args[0] === "number"
      ? { t: "arr", items: new Array(args[0]).fill(undefined) }
      : { t: "arr", items: args },
  );
  ArrayFn.props = new Map<string, JsVal>([
    ["__construct", native("Array", (_s, args) => ArrayFn.call(undefined, args) as JsVal)],
    ["isArray", native("isArray", (_s, [v]) => !!v && typeof v === "object" && v.t === "arr")],
    [
      "from",
      native("from", function* (_s, [v, f]): JsGen {
        let items: JsVal[];
        if (typeof v === "string") items = [...v];
        else if (v && typeof v === "object" && v.t === "arr") items = [...v.items];
        else {
          const len = v && typeof v === "object" && v.t === "obj" ? toNum(v.props.get("length")) : 0;
          items = new Array(Math.min(len || 0, 10_000_000)).fill(undefined);
        }
        if (f && typeof f === "object" && f.t === "fn")
          for (let i = 0; i < items.length; i++) items[i] = yield* ipRef.call(f, undefined, [items[i], i]);
        return { t: "arr", items };
      }),
    ],
    ["of", native("of", (_s, xs) => ({ t: "arr", items: xs }))],
  ]);
  return { Object: ObjectFn, Array: ArrayFn };
}

/** inspect's quoting, re-exported for the runtime. */
export const quoteString = quote;
