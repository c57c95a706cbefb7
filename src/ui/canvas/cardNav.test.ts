import { describe, expect, it } from "vitest";
import { neighbourCard } from "./cardNav";

// 7 cards in rows of 3 (columnsFor(7) = 3):
//   a b c
//   d e f
//   g
const order = ["a", "b", "c", "d", "e", "f", "g"];

describe("neighbourCard", () => {
  it.each([
    ["a", "ArrowRight", "b"],
    ["c", "ArrowRight", undefined],
    ["d", "ArrowLeft", undefined],
    ["e", "ArrowLeft", "d"],
    ["e", "ArrowUp", "b"],
    ["b", "ArrowUp", undefined],
    ["a", "ArrowDown", "d"],
    ["d", "ArrowDown", "g"],
    // Below e and f the last row is short: down lands on the last card.
    ["e", "ArrowDown", "g"],
    ["f", "ArrowDown", "g"],
    ["g", "ArrowDown", undefined],
    ["g", "ArrowRight", undefined],
    ["e", "Home", "a"],
    ["e", "End", "g"],
    ["g", "End", undefined],
  ] as const)("from %s, %s goes to %s", (from, key, to) => {
    expect(neighbourCard(order, from, key)).toBe(to);
  });

  it("knows nothing of a name not in the order, nor of an empty order", () => {
    expect(neighbourCard(order, "zz", "ArrowRight")).toBeUndefined();
    expect(neighbourCard([], "a", "Home")).toBeUndefined();
  });

  it("moves along a single card's row to nowhere", () => {
    expect(neighbourCard(["only"], "only", "ArrowDown")).toBeUndefined();
  });
});
