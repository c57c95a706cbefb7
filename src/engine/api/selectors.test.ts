// Cases from staging/src/k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorMatches, TestLexer).
import { describe, expect, it } from "vitest";
import { matchesLabelSelector, matchesSelector, parseLabelSelector, SelectorError } from "./selectors";

describe("label selectors", () => {
  const matches: [string, Record<string, string>][] = [
    ["", { x: "y" }],
    ["x=y", { x: "y" }],
    ["x=y,z=w", { x: "y", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "a" }],
    ["notin=in", { notin: "in" }],
    ["x", { x: "z" }],
    ["!x", { y: "z" }],
    ["x in (y,z)", { x: "y" }],
    ["x notin (y,z)", { x: "w" }],
    ["x notin (y,z)", {}],
  ];
  const misses: [string, Record<string, string>][] = [
    ["x=z", {}],
    ["x=y", { x: "z" }],
    ["x=y,z=w", { x: "w", z: "w" }],
    ["x!=y,z!=w", { x: "z", z: "w" }],
    ["x", { y: "z" }],
    ["!x", { x: "z" }],
    ["x in (y,z)", { x: "w" }],
    ["x notin (y,z)", { x: "y" }],
  ];
  it.each(matches)("%s matches %o", (sel, labels) =>
    expect(matchesSelector(parseLabelSelector(sel), labels)).toBe(true),
  );
  it.each(misses)("%s does not match %o", (sel, labels) =>
    expect(matchesSelector(parseLabelSelector(sel), labels)).toBe(false),
  );

  it("refuses malformed selectors", () => {
    expect(() => parseLabelSelector("x in (y")).toThrow(SelectorError);
    expect(() => parseLabelSelector("x=y z")).toThrow(SelectorError);
  });

  it("treats an empty LabelSelector as everything and a missing one as nothing", () => {
    expect(matchesLabelSelector({}, { a: "b" })).toBe(true);
    expect(matchesLabelSelector(undefined, { a: "b" })).toBe(false);
    expect(
      matchesLabelSelector(
        { matchLabels: { a: "b" }, matchExpressions: [{ key: "c", operator: "DoesNotExist" }] },
        { a: "b" },
      ),
    ).toBe(true);
  });
});
