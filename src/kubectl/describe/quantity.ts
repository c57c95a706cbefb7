/**
 * resource.Quantity as describe uses it: the API server's exact parser and printer
 * (engine/apiserver/quantity), with describe's zero for absent or unparsable values.
 */
import {
  formatQuantity,
  parseQuantityExact,
  type Quantity,
  quantityMilliValue,
  quantityUnits,
} from "../../engine/apiserver/quantity";

export type { Quantity };
export { formatQuantity };

/** The zero Quantity (prints "0"). */
export const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

/** Parses "100m", "1.5", "64Mi", "1e3"; ZERO for anything unparsable. */
export function parseQuantity(text: string | number | undefined | null): Quantity {
  return parseQuantityExact(text) ?? ZERO;
}

/** q.Add(other): the sum, in the first operand's format unless it is zero (then the other's). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** The value in milli units, rounded up (MilliValue). */
export const milliValue = quantityMilliValue;

/** The value in units, rounded up (Value). */
export const value = quantityUnits;
