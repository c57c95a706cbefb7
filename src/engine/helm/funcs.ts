/**
 * The functions of Helm's template engine (pkg/engine/funcs.go and engine.go initFunMap):
 * text/template's builtins, Sprig's (less env and expandenv), Helm's own, and the late-bound
 * include, tpl, required, fail and lookup.
 */

import { BUILTIN_FUNCS, type Fn, GoTemplateError, type Value } from "../../kubectl/output/gotemplate";
import { fn, goQuote, isNil, str } from "./goconv";
import { SPRIG, WARN_END, WARN_START } from "./sprig";

export { WARN_END, WARN_START } from "./sprig";

/** includeFun's error for a template that includes itself too deeply; passed up unwrapped. */
class NestedReferenceError extends GoTemplateError {
  constructor(name: string) {
    super(`rendering template has a nested reference name: ${name}: unable to execute template`);
  }
}

/** How deep one named template may include itself (engine.go's recursionMaxNums). */
const RECURSION_MAX = 1000;

/** What the late-bound functions need from the render. */
export interface RenderHooks {
  /** helm lint's mode: required and fail log instead of failing. */
  lintMode?: boolean;
  /** The object lookup reads (`lookup "v1" "Secret" "ns" "name"`); an empty map without a cluster. */
  lookup?: (apiVersion: string, kind: string, namespace: string, name: string) => Value;
}

/** Helm's template functions: text/template's builtins, Sprig's, Helm's, include/tpl/required/lookup. */
export function helmFuncs(hooks: RenderHooks = {}): Map<string, Fn> {
  const funcs = new Map<string, Fn>(BUILTIN_FUNCS);
  funcs.delete("exists");
  funcs.delete("base64decode");
  for (const [name, f] of SPRIG) funcs.set(name, f);
  const included = new Map<string, number>();
  funcs.set(
    "include",
    fn(2, 2, (a, fail, c) => {
      const name = str(a[0], c);
      const n = (included.get(name) ?? 0) + 1;
      if (n > RECURSION_MAX)
        fail(`rendering template has a nested reference name: ${name}: unable to execute template`);
      included.set(name, n);
      try {
        return c.set.execute(name, a[1]);
      } catch (e) {
        if (e instanceof NestedReferenceError) throw e;
        // The JavaScript stack ends before helm's count does: the same error, sooner.
        if (e instanceof RangeError || n > RECURSION_MAX) throw new NestedReferenceError(name);
        if (e instanceof GoTemplateError) return fail(e.message);
        throw e;
      } finally {
        included.set(name, n - 1);
      }
    }),
  );
  funcs.set(
    "tpl",
    fn(2, 2, (a, fail, c) => {
      const text = str(a[0], c);
      const clone = c.set.clone();
      try {
        clone.parse(clone.name, text);
      } catch (e) {
        if (e instanceof GoTemplateError) return fail(`cannot parse template ${goQuote(text)}: ${e.message}`);
        throw e;
      }
      try {
        return clone.execute(clone.name, a[1]).split("<no value>").join("");
      } catch (e) {
        if (e instanceof GoTemplateError)
          return fail(`error during tpl function execution for ${goQuote(text)}: ${e.message}`);
        throw e;
      }
    }),
  );
  funcs.set(
    "required",
    fn(2, 2, (a, fail, c) => {
      const warn = str(a[0], c);
      const v = a[1];
      if (isNil(v) || v === "") {
        if (hooks.lintMode) return "";
        return fail(`${WARN_START}${warn}${WARN_END}`);
      }
      return v;
    }),
  );
  if (hooks.lintMode)
    funcs.set(
      "fail",
      fn(1, 1, () => ""),
    );
  funcs.set(
    "lookup",
    fn(4, 4, (a, _f, c) => hooks.lookup?.(str(a[0], c), str(a[1], c), str(a[2], c), str(a[3], c)) ?? {}),
  );
  // Without --enable-dns, getHostByName answers nothing.
  funcs.set(
    "getHostByName",
    fn(1, 1, () => ""),
  );
  return funcs;
}
