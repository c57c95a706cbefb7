import { describe, expect, it } from "vitest";
import { exactStartMs } from "./adopt";
import { parseGoDuration } from "./containers";
import { hexDigest } from "./hash";
import { goDuration } from "./images";

describe("adoption helpers", () => {
  it("reads back the durations goDuration writes", () => {
    for (const s of [10, 20, 40, 80, 160, 300, 0.328, 1.201, 123.5])
      expect(parseGoDuration(goDuration(s))).toBe(s);
    expect(parseGoDuration("nonsense")).toBe(0);
  });

  it("recovers a container's start millisecond from its id", () => {
    const ms = Date.parse("2026-01-01T10:00:00Z") + 437;
    const id = hexDigest(`uid-1/app/3/${ms}`, 64);
    expect(exactStartMs("uid-1", "app", 3, id, "2026-01-01T10:00:00Z")).toBe(ms);
    expect(exactStartMs("uid-1", "app", 2, id, "2026-01-01T10:00:00Z")).toBe(ms - 437);
  });
});
