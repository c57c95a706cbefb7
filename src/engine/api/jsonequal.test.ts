import { describe, expect, it } from "vitest";
import { jsonEqual } from "./jsonequal";

// Each pair is compared both ways against JSON.stringify, the definition jsonEqual follows.
const values: unknown[] = [
  null,
  0,
  1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "a",
  true,
  false,
  [],
  [1, 2],
  [2, 1],
  [undefined],
  [null],
  {},
  { a: 1 },
  { a: 1, b: undefined },
  { a: 1, b: 2 },
  { b: 2, a: 1 },
  { a: { b: [1, { c: "x" }] } },
  { a: { b: [1, { c: "y" }] } },
  { a: () => 1 },
  { a: [] },
  { a: {} },
];

describe("jsonEqual", () => {
  it("agrees with comparing JSON.stringify texts on every pair", () => {
    for (const a of values)
      for (const b of values)
        expect(jsonEqual(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(
          JSON.stringify(a) === JSON.stringify(b),
        );
  });
});
