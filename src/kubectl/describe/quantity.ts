/**
 * resource.Quantity enough for describe: parse, add, and print in canonical form
 * ("100m", "70Mi", "1k", "0").
 */

/** A quantity: its value in nano units and the format it prints in. */
export interface Quantity {
  nanos: bigint;
  format: "BinarySI" | "DecimalSI" | "";
}

const BINARY: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The zero Quantity (prints "0"). */
export const ZERO: Quantity = { nanos: 0n, format: "" };

/** Parses "100m", "1.5", "64Mi", "1e3"; ZERO for anything unparsable. */
export function parseQuantity(text: string | number | undefined | null): Quantity {
  if (text === undefined || text === null) return ZERO;
  const s = String(text).trim();
  const m = /^([+-]?)(\d*\.?\d*)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(s);
  if (!m || m[2] === "" || m[2] === ".") return ZERO;
  const sign = m[1] === "-" ? -1n : 1n;
  const [intPart = "", fracPart = ""] = (m[2] as string).split(".");
  const digits = BigInt(`${intPart || "0"}${fracPart}`);
  const scale = fracPart.length;
  let nanos: bigint;
  let format: Quantity["format"] = "DecimalSI";
  if (m[3] && BINARY[m[3]]) {
    nanos = (digits * (BINARY[m[3]] as bigint) * 10n ** 9n) / 10n ** BigInt(scale);
    format = "BinarySI";
  } else {
    const exp = m[4] !== undefined ? Number(m[4]) : (DECIMAL[m[3] ?? ""] as number);
    const shift = exp + 9 - scale;
    nanos = shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
  }
  return { nanos: sign * nanos, format };
}

/** q.Add(other): the sum, in the first operand's format. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format || b.format };
}

/** The value in milli units, rounded up (MilliValue). */
export function milliValue(q: Quantity): number {
  const d = 1000000n;
  return Number(q.nanos >= 0n ? (q.nanos + d - 1n) / d : q.nanos / d);
}

/** The value in units, rounded up (Value). */
export function value(q: Quantity): number {
  const d = 1000000000n;
  return Number(q.nanos >= 0n ? (q.nanos + d - 1n) / d : q.nanos / d);
}

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? "-" : "";
  if (q.format === "BinarySI" && abs % 10n ** 9n === 0n && abs >= 1024n * 10n ** 9n) {
    let units = abs / 10n ** 9n;
    const suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let i = 0;
    while (units % 1024n === 0n && i < suffixes.length - 1) {
      units /= 1024n;
      i++;
    }
    return `${sign}${units}${suffixes[i]}`;
  }
  // DecimalSI: the largest exponent (multiple of 3) that keeps an integer mantissa
  const suffixes: [number, string][] = [
    [18, "E"],
    [15, "P"],
    [12, "T"],
    [9, "G"],
    [6, "M"],
    [3, "k"],
    [0, ""],
    [-3, "m"],
    [-6, "u"],
    [-9, "n"],
  ];
  for (const [exp, suffix] of suffixes) {
    const unit = 10n ** BigInt(exp + 9);
    if (abs % unit === 0n) return `${sign}${abs / unit}${suffix}`;
  }
  return `${sign}${abs}n`;
}
