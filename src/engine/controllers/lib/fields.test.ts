import { describe, expect, it } from "vitest";
import { int32Field } from "./fields";

describe("int32Field", () => {
  it.each([
    [3, 3],
    [0, 0],
    [-1, -1],
    [2 ** 31 - 1, 2 ** 31 - 1],
    [2 ** 31, 1],
    [2.5, 1],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
    ["three", 1],
    ["3", 1],
    [undefined, 1],
    [null, 1],
    [[3], 1],
  ])("int32Field(%j, 1) is %j", (value, want) => {
    expect(int32Field(value, 1)).toBe(want);
  });
});
