import { describe, expect, it } from "vitest";
import {
  addQuantities,
  canonicalQuantity,
  formatQuantity,
  milliValue,
  parseQuantity,
  parseQuantityExact,
  quantityValue,
} from "./quantity";

describe("parseQuantity", () => {
  it("gives a text read again (kept values) what it gave the first time, bad ones included", () => {
    for (let i = 0; i < 3; i++) {
      expect(parseQuantity("250m")).toBe(0.25);
      expect(parseQuantity("4025424Ki")).toBe(4025424 * 1024);
      expect(parseQuantity("12x")).toBeNaN();
    }
  });

  it.each([
    ["500m", 0.5],
    ["1.5", 1.5],
    ["8Gi", 8 * 2 ** 30],
    ["1G", 1e9],
    ["1e3", 1000],
    ["1E3", 1000],
    ["100Mi", 100 * 2 ** 20],
    ["0", 0],
    [".5", 0.5],
    ["-1", -1],
    ["1k", 1000],
    ["1n", 1e-9],
    [2, 2],
  ])("%s is %d", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(["", "abc", "1Gb", "1 G", "1.2.3", "e3", "1K"])("rejects %j", (text) => {
    expect(parseQuantityExact(text)).toBeUndefined();
    expect(parseQuantity(text)).toBeNaN();
  });

  it("is exact for large binary values", () => {
    expect(parseQuantityExact("1Ei")?.nanos).toBe(2n ** 60n * 1_000_000_000n);
  });
});

describe("canonical form (Quantity.String)", () => {
  it.each([
    ["600m", "600m"],
    ["1000m", "1"],
    ["1", "1"],
    ["0.5", "500m"],
    ["1.5", "1500m"],
    ["8Gi", "8Gi"],
    ["1024Mi", "1Gi"],
    ["1.5Gi", "1536Mi"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["1G", "1G"],
    ["1000M", "1G"],
    ["1e3", "1e3"],
    ["1000", "1k"],
    ["0", "0"],
    ["100m", "100m"],
    ["1100m", "1100m"],
    ["12e6", "12e6"],
  ])("%s prints as %s", (input, output) => {
    expect(canonicalQuantity(input)).toBe(output);
  });

  it("formats numbers", () => {
    expect(formatQuantity(0.6)).toBe("600m");
    expect(formatQuantity(1)).toBe("1");
    expect(formatQuantity(8 * 2 ** 30, "BinarySI")).toBe("8Gi");
  });
});

describe("milliValue and quantityValue", () => {
  it("rounds up", () => {
    expect(milliValue("250m")).toBe(250);
    expect(milliValue("1")).toBe(1000);
    expect(milliValue("0.1m")).toBe(1);
    expect(quantityValue("1Ki")).toBe(1024);
    expect(quantityValue("1500m")).toBe(2);
  });
});

describe("addQuantities (Quantity.Add)", () => {
  const q = (text: string) => parseQuantityExact(text) as NonNullable<ReturnType<typeof parseQuantityExact>>;
  it("keeps the first operand's format, unless it is zero: then the other's", () => {
    expect(formatQuantity(addQuantities(q("1Gi"), q("512Mi")))).toBe("1536Mi");
    expect(formatQuantity(addQuantities(q("1G"), q("1Gi")))).toBe("2073741824");
    expect(formatQuantity(addQuantities(q("0"), q("1Gi")))).toBe("1Gi");
    expect(formatQuantity(addQuantities(q("0"), q("250m")))).toBe("250m");
  });
});
