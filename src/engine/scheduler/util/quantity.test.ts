import { describe, expect, it } from "vitest";
import { milliValue, value } from "./quantity";

describe("quantity", () => {
  it.each([
    ["500m", 500, 1],
    ["1.5", 1500, 2],
    ["2", 2000, 2],
    ["8Gi", 8 * 1024 ** 3 * 1000, 8 * 1024 ** 3],
    ["1G", 1e12, 1e9],
    ["1e3", 1e6, 1000],
    ["0.1", 100, 1],
    ["1m", 1, 1],
    ["bad", 0, 0],
  ])("%s", (q, milli, v) => {
    expect(milliValue(q)).toBe(milli);
    expect(value(q)).toBe(v);
  });
});
