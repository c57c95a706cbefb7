/**
 * The `$patch` directives of a strategic merge patch (apimachinery strategicpatch, as kustomize's
 * kyaml merge honours them): `$patch: delete` on a map removes that field, on a list item removes
 * the item with its merge key, and `$patch: replace` swaps a map or a whole list for the patch's.
 * They are applied to the target first; what is left of the patch is an ordinary merge.
 */
import { mergeKeyOf } from "../strategicmerge";
import type { Obj } from "./resource";

const isMap = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function withoutDirective(v: Obj): Obj {
  const { $patch: _, ...rest } = v;
  return rest;
}

/** Applies the directives of patch to target in place and returns the patch without them. */
export function applyDirectives(target: Obj, patch: Obj, path: string[] = []): Obj {
  const rest: Obj = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch") continue;
    if (isMap(value)) {
      if (value.$patch === "delete") {
        delete target[key];
        continue;
      }
      if (value.$patch === "replace") {
        target[key] = structuredClone(withoutDirective(value));
        continue;
      }
      rest[key] = isMap(target[key]) ? applyDirectives(target[key], value, [...path, key]) : value;
      continue;
    }
    if (Array.isArray(value) && value.some(isMap)) {
      if (value.some((v) => isMap(v) && v.$patch === "replace")) {
        target[key] = structuredClone(value.filter((v) => !(isMap(v) && v.$patch === "replace")));
        continue;
      }
      const mergeKey = mergeKeyOf(key, [...path, key], value);
      const live = Array.isArray(target[key]) ? (target[key] as unknown[]) : undefined;
      if (!mergeKey || !live) {
        rest[key] = value;
        continue;
      }
      const kept: unknown[] = [];
      for (const item of value) {
        if (!isMap(item)) {
          kept.push(item);
          continue;
        }
        const at = live.findIndex((l) => isMap(l) && l[mergeKey] === item[mergeKey]);
        if (item.$patch === "delete") {
          if (at >= 0) live.splice(at, 1);
          continue;
        }
        kept.push(at >= 0 ? applyDirectives(live[at] as Obj, item, [...path, key]) : item);
      }
      if (kept.length) rest[key] = kept;
      continue;
    }
    rest[key] = value;
  }
  return rest;
}
