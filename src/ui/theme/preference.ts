/**
 * The colour theme as a person chose it (light, dark, or the system's) and what it resolves to.
 * Pure: storage and the system's preference are passed in, so the rules are tested without a DOM.
 */

/** What the toggle offers, in the order a click cycles through them. */
export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
/** A person's choice. */
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
/** The theme the page shows. */
export type Theme = "light" | "dark";

/** The localStorage key that keeps the choice. */
export const THEME_KEY = "kubeglass.theme";

/** The stored choice, or "system" for anything else (nothing stored, an old or edited value). */
export function parsePreference(stored: string | null | undefined): ThemePreference {
  return THEME_PREFERENCES.find((p) => p === stored) ?? "system";
}

/** The theme a choice shows, given whether the system prefers dark. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === "system") return systemPrefersDark ? "dark" : "light";
  return preference;
}

/** The choice after this one, for a single button that cycles. */
export function nextPreference(preference: ThemePreference): ThemePreference {
  const i = THEME_PREFERENCES.indexOf(preference);
  return THEME_PREFERENCES[(i + 1) % THEME_PREFERENCES.length] as ThemePreference;
}
