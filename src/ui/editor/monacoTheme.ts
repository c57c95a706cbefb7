/**
 * Monaco's theme from the page's: vs or vs-dark as the base, the editor's background, gutter,
 * line numbers and selection from theme/tokens.css, so the editor sits in its pane like the rest.
 */
import type * as Monaco from "monaco-editor/editor";
import type { Theme } from "../theme/preference";
import { cssColor } from "../theme/theme";

/** The name Monaco knows the page's theme by. */
export function monacoThemeName(theme: Theme): string {
  return `kubeglass-${theme}`;
}

/** Defines (or redefines, after the tokens change) the Monaco theme for theme and returns its name. */
export function defineMonacoTheme(monaco: typeof Monaco, theme: Theme): string {
  const name = monacoThemeName(theme);
  const color = (v: string, fallback: string) => {
    const c = cssColor(v);
    return /^#[0-9a-f]{6}$/i.test(c) ? c : fallback;
  };
  const dark = theme === "dark";
  monaco.editor.defineTheme(name, {
    base: dark ? "vs-dark" : "vs",
    inherit: true,
    // Comments and the dimmed last line number readable (WCAG AA) on the editor and its current line.
    rules: [{ token: "comment", foreground: dark ? "7ab56a" : "1b7a1b" }],
    colors: {
      "editor.background": color("--surface", dark ? "#1e1e1e" : "#ffffff"),
      "editorGutter.background": color("--surface", dark ? "#1e1e1e" : "#ffffff"),
      "editor.foreground": color("--text", dark ? "#d4d4d4" : "#000000"),
      "editorLineNumber.foreground": color("--muted", dark ? "#858585" : "#6e7681"),
      "editorLineNumber.activeForeground": color("--text", dark ? "#c6c6c6" : "#0b216f"),
      "editorLineNumber.dimmedForeground": color("--muted", dark ? "#858585" : "#6e7681"),
      "editor.lineHighlightBackground": color("--surface-2", dark ? "#2a2d2e" : "#f5f5f5"),
      "editor.lineHighlightBorder": color("--surface-2", dark ? "#2a2d2e" : "#f5f5f5"),
      "editorWidget.background": color("--surface-2", dark ? "#252526" : "#f3f3f3"),
      "editorWidget.border": color("--border-strong", dark ? "#454545" : "#c8c8c8"),
    },
  });
  return name;
}
