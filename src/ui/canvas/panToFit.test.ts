import { describe, expect, it } from "vitest";
import { panToFit } from "./panToFit";

const frame = { left: 0, top: 0, right: 800, bottom: 600 };

describe("panToFit", () => {
  it("leaves a box inside the frame where it is", () => {
    expect(panToFit({ left: 100, top: 100, right: 200, bottom: 140 }, frame)).toEqual({ dx: 0, dy: 0 });
  });
  it("pans a box hidden past the right edge back in, margin included", () => {
    expect(panToFit({ left: 850, top: 100, right: 950, bottom: 140 }, frame, 20)).toEqual({
      dx: -170,
      dy: 0,
    });
  });
  it("pans a box above the top down", () => {
    expect(panToFit({ left: 10, top: -50, right: 60, bottom: -10 }, frame, 20)).toEqual({ dx: 10, dy: 70 });
  });
  it("aligns the start of a box bigger than the frame, unless its start already shows", () => {
    expect(panToFit({ left: -300, top: 0, right: 900, bottom: 50 }, frame, 20).dx).toBe(320);
    expect(panToFit({ left: 100, top: 0, right: 1300, bottom: 50 }, frame, 20).dx).toBe(0);
  });
});
