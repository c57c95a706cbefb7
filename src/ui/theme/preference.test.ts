import { describe, expect, it } from "vitest";
import {
  nextPreference,
  parsePreference,
  resolveTheme,
  THEME_PREFERENCES,
  type ThemePreference,
} from "./preference";

describe("theme preference", () => {
  it.each([
    ["light", "light"],
    ["dark", "dark"],
    ["system", "system"],
    [null, "system"],
    ["", "system"],
    ["Dark", "system"],
    ["solarized", "system"],
  ] as const)("parses stored %j as %s", (stored, want) => {
    expect(parsePreference(stored)).toBe(want);
  });

  it.each([
    ["system", false, "light"],
    ["system", true, "dark"],
    ["light", true, "light"],
    ["dark", false, "dark"],
  ] as const)("%s with system dark=%s shows %s", (pref, systemDark, want) => {
    expect(resolveTheme(pref, systemDark)).toBe(want);
  });

  it("cycles through every choice and back", () => {
    let p: ThemePreference = THEME_PREFERENCES[0];
    const seen: ThemePreference[] = [p];
    for (let i = 1; i < THEME_PREFERENCES.length; i++) {
      p = nextPreference(p);
      seen.push(p);
    }
    expect(new Set(seen).size).toBe(THEME_PREFERENCES.length);
    expect(nextPreference(p)).toBe(THEME_PREFERENCES[0]);
  });
});
