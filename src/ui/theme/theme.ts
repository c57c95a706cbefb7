/**
 * The page's colour theme: reads the choice from localStorage, follows prefers-color-scheme when
 * the choice is "system", and sets html[data-theme] (which theme/tokens.css keys on). Monaco and
 * xterm, which paint outside CSS, subscribe with onThemeChange or useTheme.
 */
import { useSyncExternalStore } from "react";
import { parsePreference, resolveTheme, THEME_KEY, type Theme, type ThemePreference } from "./preference";

const listeners = new Set<() => void>();
let preference: ThemePreference = "system";
let theme: Theme = "light";

function systemQuery(): MediaQueryList | undefined {
  return typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : undefined;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

function apply(): void {
  const next = resolveTheme(preference, systemQuery()?.matches ?? false);
  const root = document.documentElement;
  root.dataset.theme = next;
  root.dataset.themePreference = preference;
  theme = next;
  for (const l of listeners) l();
}

/** Reads the stored choice, applies it, and follows the system's preference from now on. Call once, early. */
export function initTheme(): void {
  preference = parsePreference(readStored());
  apply();
  systemQuery()?.addEventListener("change", apply);
}

/** Sets and keeps a person's choice. */
export function setThemePreference(next: ThemePreference): void {
  preference = next;
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    // Storage full or disabled: the choice lasts for this page only.
  }
  apply();
}

/** The current choice. */
export const getThemePreference = (): ThemePreference => preference;
/** The theme the page shows now. */
export const getTheme = (): Theme => theme;

/** Calls listener whenever the choice or the shown theme changes; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The theme the page shows, re-rendering on change. */
export function useTheme(): Theme {
  return useSyncExternalStore(onThemeChange, getTheme, getTheme);
}

/** The current choice, re-rendering on change. */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(onThemeChange, getThemePreference, getThemePreference);
}

/** A theme colour (a CSS variable of tokens.css) as the page computes it now, for canvases and xterm. */
export function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
