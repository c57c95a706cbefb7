import { describe, expect, it } from "vitest";
import { heatColour, heatRatio, heatStops } from "./heat";
import { cardAt } from "./layout";

const alloc = { cpu: 1, cpuAllocatable: 4, memory: 3, memoryAllocatable: 4, pods: 11, podsAllocatable: 110 };

describe("heat", () => {
  it("takes the ratio of the chosen scale", () => {
    expect(heatRatio(alloc, "cpu")).toBe(0.25);
    expect(heatRatio(alloc, "memory")).toBe(0.75);
    expect(heatRatio(alloc, "pods")).toBe(0.1);
    expect(heatRatio({ ...alloc, cpuAllocatable: 0 }, "cpu")).toBe(0);
  });

  it("clamps colours to the ramp's ends", () => {
    expect(heatColour(-1)).toBe(heatColour(0));
    expect(heatColour(2)).toBe(heatColour(1));
    expect(heatColour(Number.NaN)).toBe(heatColour(0));
    expect(heatColour(0)).not.toBe(heatColour(1));
  });

  it("gives the legend evenly spaced stops from empty to full", () => {
    expect(heatStops(3).map((s) => s.ratio)).toEqual([0, 0.5, 1]);
    expect(heatStops(3)[2]?.colour).toBe(heatColour(1));
  });
});

describe("cardAt", () => {
  const positions = { a: { x: 0, y: 0 }, b: { x: 440, y: 0 } };
  const heights = { a: 200, b: 300 };
  it("finds the card under a point, none in the gaps", () => {
    expect(cardAt(positions, heights, 10, 10)).toBe("a");
    expect(cardAt(positions, heights, 500, 250)).toBe("b");
    expect(cardAt(positions, heights, 500, 320)).toBeUndefined();
    expect(cardAt(positions, heights, 415, 10)).toBeUndefined();
    expect(cardAt(positions, heights, 10, 250)).toBeUndefined();
  });
});
