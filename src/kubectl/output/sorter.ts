/**
 * `kubectl get --sort-by` (staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go): each object's first
 * jsonpath result is compared by isLess: numbers as numbers, strings that both parse as
 * quantities as quantities (`40Mi` before `1Gi`), other strings in natural order
 * (github.com/fvbommel/sortorder NaturalLess: `pod-2` before `pod-10`, and RFC 3339 timestamps in
 * time order). Objects where the path finds nothing sort first.
 */
import { compareQuantities, parseQuantityExact } from "../../engine/apiserver/quantity";
import { relaxedJsonPathExpression } from "./customcolumns";
import { JsonPath, JsonPathError } from "./jsonpath";

// biome-ignore lint/suspicious/noExplicitAny: JSON values
type Json = any;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const ZERO = 0x30;
const utf8 = new TextEncoder();

/**
 * sortorder.NaturalLess: digit runs compare as numbers (leading zeros break ties, fewer first),
 * other bytes bytewise, digits before other characters.
 */
export function naturalLess(a: string, b: string): boolean {
  const s1 = utf8.encode(a);
  const s2 = utf8.encode(b);
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = s1[i1] as number;
    const c2 = s2[i2] as number;
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && s1[i1] === ZERO) i1++;
    while (i2 < s2.length && s2[i2] === ZERO) i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < s1.length && isDigit(s1[i1] as number)) i1++;
    while (i2 < s2.length && isDigit(s2[i2] as number)) i2++;
    const len1 = i1 - nz1;
    const len2 = i2 - nz2;
    if (len1 !== len2) return len1 < len2;
    for (let k = 0; k < len1; k++) {
      const x = s1[nz1 + k] as number;
      const y = s2[nz2 + k] as number;
      if (x !== y) return x < y;
    }
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return s1.length < s2.length;
}

/** The kind isLess names in its error, as Go's %T / reflect.Kind would. */
function goKind(v: Json): string {
  if (Array.isArray(v)) return "[]interface {}";
  if (v !== null && typeof v === "object") return "map[string]interface {}";
  return typeof v;
}

/** An unsortable value, reported as kubectl's klog.Exitf does (exit 255). */
export class UnsortableError extends Error {}

/** sorter.go isLess for values decoded from JSON (the unstructured objects of a Table's rows). */
export function isLess(a: Json, b: Json): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "boolean" || (typeof a === "number" && typeof b !== "number"))
    throw new UnsortableError(`unsortable interface: interface`);
  if (typeof a === "string") {
    if (typeof b !== "string") throw new UnsortableError("unsortable interface: interface");
    const qa = parseQuantityExact(a);
    const qb = qa && parseQuantityExact(b);
    if (qa && qb) return compareQuantities(qa, qb) < 0;
    return naturalLess(a, b);
  }
  throw new UnsortableError(`unsortable type: ${goKind(a)}`);
}

/**
 * Objects sorted by the first value a --sort-by path finds in each (a stable sort). Throws
 * JsonPathError for a bad path or one that finds nothing in any of several objects, and
 * UnsortableError for maps and lists.
 */
export function sortByField<T>(objs: T[], sortBy: string): T[] {
  const field = relaxedJsonPathExpression(sortBy);
  let parser: JsonPath;
  try {
    parser = new JsonPath(field, { allowMissingKeys: true });
  } catch (e) {
    throw new JsonPathError(`sorting error: ${(e as Error).message}`);
  }
  const keyed = objs.map((obj) => {
    const results = parser.findResults(obj as Json);
    const first = results[0];
    return { obj, found: first !== undefined && first.length > 0, value: first?.[0] };
  });
  if (objs.length > 1 && !keyed.some((k) => k.found))
    throw new JsonPathError(`couldn't find any field with path "${field}" in the list of objects`);
  keyed.sort((x, y) => {
    if (!x.found) return y.found ? -1 : 0;
    if (!y.found) return 1;
    if (isLess(x.value, y.value)) return -1;
    return isLess(y.value, x.value) ? 1 : 0;
  });
  return keyed.map((k) => k.obj);
}
