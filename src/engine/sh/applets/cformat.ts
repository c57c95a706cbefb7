/** Number conversions C's printf makes that JavaScript's do not (%e's two-digit exponent, %g). */

/** JavaScript's `1e+5` as C's `1e+05`. */
export const cExponent = (s: string): string => s.replace(/e([-+])(\d)$/, "e$10$2");

/** %g: %e or %f at a precision, whichever C picks, trailing zeros dropped unless `#`. */
export function gFormat(v: number, p: number, keep: boolean): string {
  if (v === 0) return "0";
  const rounded = Number(v.toExponential(p - 1));
  const x = Math.floor(Math.log10(rounded));
  let s =
    x < -4 || x >= p ? cExponent(rounded.toExponential(p - 1)) : rounded.toFixed(Math.max(0, p - 1 - x));
  if (!keep && s.includes(".")) s = s.replace(/\.?0+(e|$)/, "$1");
  return s;
}
