/**
 * resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing the forms people type
 * ("500m", "1.5", "8Gi", "1G", "1e3") exactly, and printing a value back in the canonical form the
 * API server and kubectl show ("600m", "1", "8Gi", "1536Mi"). Values are kept as BigInt nano units
 * so sums of quantities are exact.
 */

/** How a quantity is printed: the suffix family it was written with. */
export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

/** An exact quantity: its value in nano units (1 = 1_000_000_000n) and its print format. */
export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;
/** resource.maxAllowed: the largest binary quantity, 2^63-1, in nano units. */
const MAX_ALLOWED_NANOS = (2n ** 63n - 1n) * NANO;
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const QUANTITY_RE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** The upstream parse error text (resource.ErrFormatWrong). */
export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides rounding up (away from zero for positives), as Quantity rounds to nano precision. */
function divCeil(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/** Parses a quantity exactly; undefined when the text is not one. Numbers are taken as written. */
export function parseQuantityExact(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  const text = typeof input === "number" ? numberText(input) : input.trim();
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const negative = m[1] === "-";
  const digits = m[2] as string;
  const suffix = m[3] ?? "";
  const [whole = "", frac = ""] = digits.split(".");
  // mantissa * 10^-frac.length
  let mantissa = BigInt((whole || "0") + frac);
  let scale = -frac.length;
  let format: QuantityFormat = "DecimalSI";
  let nanos: bigint;
  if (suffix in BINARY_SUFFIXES) {
    format = "BinarySI";
    mantissa *= 2n ** BigInt(BINARY_SUFFIXES[suffix] as number);
    nanos = scaleToNanos(mantissa, scale);
  } else {
    // "E" alone is exa; "e3", "E-3" are exponents.
    if (suffix.length > 1 && (suffix.startsWith("e") || suffix.startsWith("E"))) {
      format = "DecimalExponent";
      scale += Number(suffix.slice(1));
    } else scale += DECIMAL_SUFFIXES[suffix] as number;
    nanos = scaleToNanos(mantissa, scale);
  }
  if (format === "BinarySI") {
    // ParseQuantity caps binary values at 2^63-1 and prints a binary fraction of one as decimal.
    if (nanos > MAX_ALLOWED_NANOS) nanos = MAX_ALLOWED_NANOS;
    if (nanos > 0n && nanos < NANO) format = "DecimalSI";
  }
  return { nanos: negative ? -nanos : nanos, format };
}

function scaleToNanos(mantissa: bigint, scale: number): bigint {
  const shift = scale + 9;
  return shift >= 0 ? mantissa * pow10(shift) : divCeil(mantissa, pow10(-shift));
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n).includes("e") ? n.toFixed(9).replace(/0+$/, "") : String(n);
}

/** Values of the quantity texts seen: the same few texts are read over and over (the UI reads
 * every pod's requests on each update), and the exact parse works in BigInt. */
const quantityValues = new Map<string, number>();

/** The value of a quantity in base units ("500m" is 0.5, "1Ki" is 1024); NaN when it is not one. */
export function parseQuantity(input: string | number | undefined | null): number {
  if (typeof input !== "string") return baseUnits(parseQuantityExact(input));
  let v = quantityValues.get(input);
  if (v === undefined) {
    v = baseUnits(parseQuantityExact(input));
    if (quantityValues.size >= 4096) quantityValues.clear();
    quantityValues.set(input, v);
  }
  return v;
}

/** A parsed quantity in base units, as a double; NaN for none. */
function baseUnits(q: Quantity | undefined): number {
  if (!q) return Number.NaN;
  const whole = q.nanos / NANO;
  const frac = q.nanos % NANO;
  return Number(whole) + Number(frac) / 1e9;
}

/** True when text is a valid quantity. */
export function isQuantity(input: string | number | undefined | null): boolean {
  return parseQuantityExact(input) !== undefined;
}

/** A parsed quantity in milli units rounded up (Quantity.MilliValue). */
export function quantityMilliValue(q: Quantity): number {
  return Number(divCeil(q.nanos, 1_000_000n));
}

/** A parsed quantity in whole units rounded up (Quantity.Value). */
export function quantityUnits(q: Quantity): number {
  return Number(divCeil(q.nanos, NANO));
}

/** The value in milli units rounded up, as Quantity.MilliValue (cpu "250m" is 250). */
export function milliValue(input: string | number | undefined | null): number {
  const q = parseQuantityExact(input);
  return q ? quantityMilliValue(q) : 0;
}

/** The value in whole units rounded up, as Quantity.Value (memory "1Ki" is 1024). */
export function quantityValue(input: string | number | undefined | null): number {
  const q = parseQuantityExact(input);
  return q ? quantityUnits(q) : 0;
}

/** A value (base units, or an exact Quantity) from a number. */
function toNanos(value: number | bigint): bigint {
  if (typeof value === "bigint") return value;
  if (Number.isInteger(value)) return BigInt(value) * NANO;
  const whole = Math.trunc(value);
  return BigInt(whole) * NANO + BigInt(Math.round((value - whole) * 1e9));
}

/**
 * The canonical text of a quantity (Quantity.String()): `formatQuantity(0.6)` is "600m",
 * `formatQuantity(8 * 2 ** 30, "BinarySI")` is "8Gi". value is in base units, or a Quantity.
 */
export function formatQuantity(value: number | Quantity, format: QuantityFormat = "DecimalSI"): string {
  const q: Quantity = typeof value === "number" ? { nanos: toNanos(value), format } : value;
  let fmt = q.format;
  const n = q.nanos;
  if (n === 0n) return "0";
  const abs = n < 0n ? -n : n;
  const sign = n < 0n ? "-" : "";
  if (fmt === "BinarySI") {
    // Small and fractional binary values print as DecimalSI, to avoid rounding.
    if (abs < 1024n * NANO || abs % NANO !== 0n) fmt = "DecimalSI";
    else {
      let amount = abs / NANO;
      let exp = 0;
      while (exp < 60 && amount % 1024n === 0n) {
        amount /= 1024n;
        exp += 10;
      }
      const suffix = Object.entries(BINARY_SUFFIXES).find(([, e]) => e === exp)?.[0] ?? "";
      return `${sign}${amount}${suffix}`;
    }
  }
  // Decimal: mantissa * 10^exponent with trailing zeros removed, exponent lowered to a multiple of 3.
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  if (fmt === "DecimalExponent") {
    const extra = ((exponent % 3) + 3) % 3;
    mantissa *= pow10(extra);
    exponent -= extra;
    return `${sign}${mantissa}${exponent === 0 ? "" : `e${exponent}`}`;
  }
  const extra = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(extra);
  exponent -= extra;
  while (exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
  }
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exponent)?.[0] ?? "";
  return `${sign}${mantissa}${suffix}`;
}

/** The canonical text of a typed quantity ("1000m" is "1", "1024Mi" is "1Gi"); the input if invalid. */
export function canonicalQuantity(input: string | number): string {
  const q = parseQuantityExact(input);
  return q ? formatQuantity(q) : String(input);
}

/** a + b, keeping a's format (as Quantity.Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  // Quantity.Add: a zero takes the other's format ("0" + "1Gi" prints "1Gi").
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Negative, zero or positive as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}
