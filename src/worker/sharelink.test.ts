import { describe, expect, it } from "vitest";
import { decodeScenario, encodeScenario } from "./sharelink";

describe("share links", () => {
  it("round-trips a scenario through deflate and base64url", () => {
    const text = `kind: Scenario\ntime: "2026-01-01T00:00:00Z"\nobjects: []\n${"x: é✓\n".repeat(5000)}`;
    const encoded = encodeScenario(text);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(text.length / 10);
    expect(decodeScenario(encoded)).toBe(text);
  });

  it("says a damaged link is damaged", () => {
    expect(() => decodeScenario("not-a-real-scenario")).toThrow(/damaged/);
    expect(() => decodeScenario(encodeScenario("kind: Scenario").slice(0, 5))).toThrow(/damaged/);
  });
});
