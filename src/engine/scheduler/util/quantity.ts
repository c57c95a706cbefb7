/**
 * Just enough of resource.Quantity for the scheduler: MilliValue() for cpu and Value() for
 * everything else, both rounded up as apimachinery rounds them. Parsing is exact (BigInt) and
 * cached, since the same few strings ("100m", "64Mi") repeat across thousands of pods.
 */

const QUANTITY_RE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const milliCache = new Map<string, number>();

/** The quantity in thousandths, rounded up (Quantity.MilliValue); 0 for a missing or bad value. */
export function milliValue(q: string | number | undefined | null): number {
  if (q === undefined || q === null) return 0;
  const key = String(q);
  const hit = milliCache.get(key);
  if (hit !== undefined) return hit;
  const v = parseScaled(key.trim(), 3);
  milliCache.set(key, v);
  return v;
}

/** The quantity in whole units, rounded up (Quantity.Value); 0 for a missing or bad value. */
export function value(q: string | number | undefined | null): number {
  const m = milliValue(q);
  return m <= 0 ? Math.trunc(m / 1000) : Math.ceil(m / 1000);
}

/** value * 10^scale rounded up, exactly. */
function parseScaled(text: string, scale: number): number {
  const m = QUANTITY_RE.exec(text);
  if (!m) return 0;
  const negative = m[1] === "-";
  const digits = m[2] as string;
  const suffix = m[3] ?? "";
  const [whole = "", frac = ""] = digits.split(".");
  let mantissa = BigInt((whole || "0") + frac);
  let exp = scale - frac.length;
  if (suffix in BINARY) mantissa *= 2n ** BigInt(BINARY[suffix] as number);
  else if (suffix.startsWith("e") || suffix.startsWith("E")) exp += Number(suffix.slice(1));
  else exp += DECIMAL[suffix] as number;
  let out: bigint;
  if (exp >= 0) out = mantissa * 10n ** BigInt(exp);
  else {
    const d = 10n ** BigInt(-exp);
    out = mantissa / d + (mantissa % d === 0n ? 0n : 1n);
  }
  return Number(negative ? -out : out);
}
