/**
 * Quantity parsing and canonical forms, ported from upstream's tables in
 * staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse,
 * TestQuantityString, TestQuantityParseEmit). Entries for the exponent fallbacks added after
 * v1.32 ("1e21", "10e69") are left out.
 */
import { describe, expect, it } from "vitest";
import { formatQuantity, parseQuantityExact, type Quantity, type QuantityFormat } from "./quantity";

/** decQuantity(i, exponent, format): i × 10^exponent. */
function decQuantity(i: bigint | number, exponent: number, format: QuantityFormat): Quantity {
  const shift = exponent + 9;
  const n = BigInt(i);
  return { nanos: shift >= 0 ? n * 10n ** BigInt(shift) : n / 10n ** BigInt(-shift), format };
}

const KI = 1024n;

// TestQuantityParse's table: input, value and format.
const parseTable: [string, Quantity][] = [
  ["0", decQuantity(0, 0, "DecimalSI")],
  ["0n", decQuantity(0, 0, "DecimalSI")],
  ["0u", decQuantity(0, 0, "DecimalSI")],
  ["0m", decQuantity(0, 0, "DecimalSI")],
  ["0Ki", decQuantity(0, 0, "BinarySI")],
  ["0k", decQuantity(0, 0, "DecimalSI")],
  ["0Mi", decQuantity(0, 0, "BinarySI")],
  ["0M", decQuantity(0, 0, "DecimalSI")],
  ["0Gi", decQuantity(0, 0, "BinarySI")],
  ["0G", decQuantity(0, 0, "DecimalSI")],
  ["0Ti", decQuantity(0, 0, "BinarySI")],
  ["0T", decQuantity(0, 0, "DecimalSI")],
  ["1", decQuantity(1, 0, "DecimalSI")],
  ["1Ki", decQuantity(KI, 0, "BinarySI")],
  ["8Ki", decQuantity(8n * KI, 0, "BinarySI")],
  ["7Mi", decQuantity(7n * KI ** 2n, 0, "BinarySI")],
  ["6Gi", decQuantity(6n * KI ** 3n, 0, "BinarySI")],
  ["5Ti", decQuantity(5n * KI ** 4n, 0, "BinarySI")],
  ["4Pi", decQuantity(4n * KI ** 5n, 0, "BinarySI")],
  ["3Ei", decQuantity(3n * KI ** 6n, 0, "BinarySI")],
  ["10Ti", decQuantity(10n * KI ** 4n, 0, "BinarySI")],
  ["100Ti", decQuantity(100n * KI ** 4n, 0, "BinarySI")],
  ["5n", decQuantity(5, -9, "DecimalSI")],
  ["4u", decQuantity(4, -6, "DecimalSI")],
  ["3m", decQuantity(3, -3, "DecimalSI")],
  ["9", decQuantity(9, 0, "DecimalSI")],
  ["8k", decQuantity(8, 3, "DecimalSI")],
  ["50k", decQuantity(5, 4, "DecimalSI")],
  ["7M", decQuantity(7, 6, "DecimalSI")],
  ["6G", decQuantity(6, 9, "DecimalSI")],
  ["5T", decQuantity(5, 12, "DecimalSI")],
  ["40T", decQuantity(4, 13, "DecimalSI")],
  ["300T", decQuantity(3, 14, "DecimalSI")],
  ["2P", decQuantity(2, 15, "DecimalSI")],
  ["1E", decQuantity(1, 18, "DecimalSI")],
  ["1E-3", decQuantity(1, -3, "DecimalExponent")],
  ["1e3", decQuantity(1, 3, "DecimalExponent")],
  ["1E6", decQuantity(1, 6, "DecimalExponent")],
  ["1e9", decQuantity(1, 9, "DecimalExponent")],
  ["1E12", decQuantity(1, 12, "DecimalExponent")],
  ["1e15", decQuantity(1, 15, "DecimalExponent")],
  ["1E18", decQuantity(1, 18, "DecimalExponent")],
  ["1e14", decQuantity(1, 14, "DecimalExponent")],
  ["1e13", decQuantity(1, 13, "DecimalExponent")],
  ["100.035k", decQuantity(100035, 0, "DecimalSI")],
  ["0.001", decQuantity(1, -3, "DecimalSI")],
  ["0.0005k", decQuantity(5, -1, "DecimalSI")],
  ["0.005", decQuantity(5, -3, "DecimalSI")],
  ["0.05", decQuantity(5, -2, "DecimalSI")],
  ["0.5", decQuantity(5, -1, "DecimalSI")],
  ["0.00050k", decQuantity(5, -1, "DecimalSI")],
  ["0.00500", decQuantity(5, -3, "DecimalSI")],
  ["0.05000", decQuantity(5, -2, "DecimalSI")],
  ["0.50000", decQuantity(5, -1, "DecimalSI")],
  ["0.5e0", decQuantity(5, -1, "DecimalExponent")],
  ["0.5e-1", decQuantity(5, -2, "DecimalExponent")],
  ["0.5e-2", decQuantity(5, -3, "DecimalExponent")],
  ["10.035M", decQuantity(10035, 3, "DecimalSI")],
  ["1.2e3", decQuantity(12, 2, "DecimalExponent")],
  ["1.3E+6", decQuantity(13, 5, "DecimalExponent")],
  ["1.40e9", decQuantity(14, 8, "DecimalExponent")],
  ["1.53E12", decQuantity(153, 10, "DecimalExponent")],
  ["1.6e15", decQuantity(16, 14, "DecimalExponent")],
  ["1.7E18", decQuantity(17, 17, "DecimalExponent")],
  ["9.01", decQuantity(901, -2, "DecimalSI")],
  ["8.1k", decQuantity(81, 2, "DecimalSI")],
  ["7.123456M", decQuantity(7123456, 0, "DecimalSI")],
  ["6.987654321G", decQuantity(6987654321, 0, "DecimalSI")],
  ["5.444T", decQuantity(5444, 9, "DecimalSI")],
  ["40.1T", decQuantity(401, 11, "DecimalSI")],
  ["300.2T", decQuantity(3002, 11, "DecimalSI")],
  ["2.5P", decQuantity(25, 14, "DecimalSI")],
  ["1.01E", decQuantity(101, 16, "DecimalSI")],
  // Things that saturate/round
  ["3.001n", decQuantity(4, -9, "DecimalSI")],
  ["1.1E-9", decQuantity(2, -9, "DecimalExponent")],
  ["0.0000000001", decQuantity(1, -9, "DecimalSI")],
  ["0.0000000005", decQuantity(1, -9, "DecimalSI")],
  ["0.00000000050", decQuantity(1, -9, "DecimalSI")],
  ["0.5e-9", decQuantity(1, -9, "DecimalExponent")],
  ["0.9n", decQuantity(1, -9, "DecimalSI")],
  ["0.00000012345", decQuantity(124, -9, "DecimalSI")],
  ["0.00000012354", decQuantity(124, -9, "DecimalSI")],
  ["9Ei", decQuantity(2n ** 63n - 1n, 0, "BinarySI")],
  ["9223372036854775807Ki", decQuantity(2n ** 63n - 1n, 0, "BinarySI")],
  ["12E", decQuantity(12, 18, "DecimalSI")],
  // Fractional binary
  ["100.035Ki", decQuantity(10243584, -2, "BinarySI")],
  ["0.5Mi", decQuantity(524288, 0, "BinarySI")],
  ["0.05Gi", decQuantity(536870912, -1, "BinarySI")],
  ["0.025Ti", decQuantity(274877906944, -1, "BinarySI")],
  // Things written by trolls
  ["0.000000000001Ki", decQuantity(2, -9, "DecimalSI")],
  [".001", decQuantity(1, -3, "DecimalSI")],
  [".0001k", decQuantity(100, -3, "DecimalSI")],
  ["1.", decQuantity(1, 0, "DecimalSI")],
  ["1.G", decQuantity(1, 9, "DecimalSI")],
];

describe("ParseQuantity (quantity_test.go TestQuantityParse)", () => {
  it.each(parseTable)("%s", (input, want) => {
    expect(parseQuantityExact(input)).toEqual(want);
    expect(parseQuantityExact(`+${input}`)).toEqual(want);
    expect(parseQuantityExact(`-${input}`)).toEqual({ nanos: -want.nanos, format: want.format });
  });

  // The invalid list, less " 1" and "1 ": parseQuantityExact trims as Quantity.UnmarshalJSON does.
  it.each(["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", ""])(
    "refuses %j",
    (input) => {
      expect(parseQuantityExact(input)).toBeUndefined();
    },
  );
});

// TestQuantityString: a quantity, its canonical text, and another text that parses to it.
const stringTable: [Quantity, string, string][] = [
  [decQuantity(KI ** 3n, 0, "BinarySI"), "1Gi", "1024Mi"],
  [decQuantity(300n * KI ** 2n, 0, "BinarySI"), "300Mi", "307200Ki"],
  [decQuantity(6n * KI, 0, "BinarySI"), "6Ki", ""],
  [decQuantity(1001n * KI ** 3n, 0, "BinarySI"), "1001Gi", "1025024Mi"],
  [decQuantity(KI ** 4n, 0, "BinarySI"), "1Ti", "1024Gi"],
  [decQuantity(5, 0, "BinarySI"), "5", "5000m"],
  [decQuantity(500, -3, "BinarySI"), "500m", "0.5"],
  [decQuantity(1, 9, "DecimalSI"), "1G", "1000M"],
  [decQuantity(1000, 6, "DecimalSI"), "1G", "0.001T"],
  [decQuantity(1000000, 3, "DecimalSI"), "1G", ""],
  [decQuantity(1000000000, 0, "DecimalSI"), "1G", ""],
  [decQuantity(1, -3, "DecimalSI"), "1m", "1000u"],
  [decQuantity(80, -3, "DecimalSI"), "80m", ""],
  [decQuantity(1080, -3, "DecimalSI"), "1080m", "1.08"],
  [decQuantity(108, -2, "DecimalSI"), "1080m", "1080000000n"],
  [decQuantity(10800, -4, "DecimalSI"), "1080m", ""],
  [decQuantity(300, 6, "DecimalSI"), "300M", ""],
  [decQuantity(1, 12, "DecimalSI"), "1T", ""],
  [decQuantity(1, 18, "DecimalSI"), "1E", ""],
  [decQuantity(1234567, 6, "DecimalSI"), "1234567M", ""],
  [decQuantity(1234567, -3, "BinarySI"), "1234567m", ""],
  [decQuantity(3, 3, "DecimalSI"), "3k", ""],
  [decQuantity(1025, 0, "BinarySI"), "1025", ""],
  [decQuantity(0, 0, "DecimalSI"), "0", ""],
  [decQuantity(0, 0, "BinarySI"), "0", ""],
  [decQuantity(1, 9, "DecimalExponent"), "1e9", ".001e12"],
  [decQuantity(1, -3, "DecimalExponent"), "1e-3", "0.001e0"],
  [decQuantity(1, -9, "DecimalExponent"), "1e-9", "1000e-12"],
  [decQuantity(80, -3, "DecimalExponent"), "80e-3", ""],
  [decQuantity(300, 6, "DecimalExponent"), "300e6", ""],
  [decQuantity(1, 12, "DecimalExponent"), "1e12", ""],
  [decQuantity(1, 3, "DecimalExponent"), "1e3", ""],
  [decQuantity(3, 3, "DecimalExponent"), "3e3", ""],
  [decQuantity(0, 0, "DecimalExponent"), "0", "00"],
  [decQuantity(1, -9, "DecimalSI"), "1n", ""],
  [decQuantity(80, -9, "DecimalSI"), "80n", ""],
  [decQuantity(1080, -9, "DecimalSI"), "1080n", ""],
  [decQuantity(108, -8, "DecimalSI"), "1080n", ""],
  [decQuantity(10800, -10, "DecimalSI"), "1080n", ""],
  [decQuantity(1, -6, "DecimalSI"), "1u", ""],
  [decQuantity(80, -6, "DecimalSI"), "80u", ""],
  [decQuantity(1080, -6, "DecimalSI"), "1080u", ""],
];

describe("Quantity.String (quantity_test.go TestQuantityString)", () => {
  const cases = stringTable.map(([q, canonical, alternate]) => [canonical, alternate, q] as const);
  it.each(cases)("prints %s (and %j reads back to it)", (canonical, alternate, q) => {
    expect(formatQuantity(q)).toBe(canonical);
    const reparsed = parseQuantityExact(canonical);
    expect(reparsed && formatQuantity(reparsed)).toBe(canonical);
    if (alternate) {
      const alt = parseQuantityExact(alternate);
      expect(alt && formatQuantity(alt)).toBe(canonical);
    }
    if (q.nanos !== 0n) expect(formatQuantity({ ...q, nanos: -q.nanos })).toBe(`-${canonical}`);
  });
});

// TestQuantityParseEmit, plus the forms the API server stores for what people type.
const emitTable: [string, string][] = [
  ["1Ki", "1Ki"],
  ["1Mi", "1Mi"],
  ["1Gi", "1Gi"],
  ["1024Mi", "1Gi"],
  ["1000M", "1G"],
  [".001Ki", "1024m"],
  [".000001Ki", "1024u"],
  [".000000001Ki", "1024n"],
  [".000000000001Ki", "2n"],
];

describe("parse then print (quantity_test.go TestQuantityParseEmit)", () => {
  it.each(emitTable)("%s prints as %s", (input, want) => {
    const q = parseQuantityExact(input);
    expect(q && formatQuantity(q)).toBe(want);
    const neg = parseQuantityExact(`-${input}`);
    expect(neg && formatQuantity(neg)).toBe(`-${want}`);
  });
});
