/**
 * resource.Quantity as describe uses it: the API server's exact parser and printer
 * (engine/apiserver/quantity), with describe's zero for absent or unparsable values.
 */
import { formatQuantity, parseQuantityExact, type Quantity } from "../../engine/apiserver/quantity";

export type { Quantity };
export { formatQuantity };

/** The zero Quantity (prints "0"). */
export const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

/** Parses "100m", "1.5", "64Mi", "1e3"; ZERO for anything unparsable. */
export function parseQuantity(text: string | number | undefined | null): Quantity {
  return parseQuantityExact(text) ?? ZERO;
}
