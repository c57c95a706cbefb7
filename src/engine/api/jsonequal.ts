/**
 * Whether two JSON values serialize alike, as `JSON.stringify(a) === JSON.stringify(b)` says,
 * without building the strings: it stops at the first difference (a lease renewal differs only
 * in renewTime, so comparing it with its stored copy ends early).
 */

// What a value becomes where JSON.stringify skips it (an object member) or writes null (array).
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

function scalar(v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

/** JSON.stringify(a) === JSON.stringify(b), key order included. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    if (skipped(a) || skipped(b)) return skipped(a) && skipped(b);
    if (typeof a === "object" && a !== null) return JSON.stringify(a) === JSON.stringify(b);
    if (typeof b === "object" && b !== null) return JSON.stringify(a) === JSON.stringify(b);
    return scalar(a) === scalar(b);
  }
  if (
    typeof (a as { toJSON?: unknown }).toJSON === "function" ||
    typeof (b as { toJSON?: unknown }).toJSON === "function"
  )
    return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) {
      const u = skipped(a[i]) ? null : a[i];
      const v = skipped(y[i]) ? null : y[i];
      if (!jsonEqual(u, v)) return false;
    }
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x).filter((k) => !skipped(x[k]));
  const ky = Object.keys(y).filter((k) => !skipped(y[k]));
  if (kx.length !== ky.length) return false;
  for (let i = 0; i < kx.length; i++) {
    const k = kx[i] as string;
    if (k !== ky[i] || !jsonEqual(x[k], y[k])) return false;
  }
  return true;
}
