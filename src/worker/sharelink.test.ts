import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeScenario, encodeScenario, inflateCapped, MAX_INFLATED_BYTES } from "./sharelink";

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

  it("refuses a link that inflates past 32 MiB, without inflating all of it", () => {
    // 64 MiB of one repeated byte deflates to ~64 KiB: a decompression bomb.
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024).fill(65), { level: 9 });
    let binary = "";
    for (let i = 0; i < bomb.length; i += 0x8000)
      binary += String.fromCharCode(...bomb.subarray(i, i + 0x8000));
    const link = btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const started = performance.now();
    expect(() => decodeScenario(link)).toThrow(
      "the share link holds more than 32 MiB of scenario; it was not opened",
    );
    // Stopping at the cap: well under what inflating it all would take.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("inflates exactly up to its cap", () => {
    const data = new Uint8Array(100_000).fill(7);
    expect(inflateCapped(deflateSync(data), 100_000)).toEqual(data);
    expect(() => inflateCapped(deflateSync(data), 99_999)).toThrow(/more than/);
    expect(MAX_INFLATED_BYTES).toBe(32 * 1024 * 1024);
  });
});
