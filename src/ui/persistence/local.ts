/**
 * What the page keeps in localStorage (synchronous, so that a write as the page goes still lands):
 * the palette's custom taints, the terminal's history, the editor's text.
 */

const CUSTOM_TAINTS = "kubeglass.customTaints";
const HISTORY = "kubeglass.terminalHistory";
const EDITOR_TEXT = "kubeglass.editorText";
/** Terminal history lines kept. */
const HISTORY_MAX = 500;

function read(key: string): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function write(key: string, value: string[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: nothing else to do.
  }
}

/** The taints a person added to the palette. */
export const loadCustomTaints = (): string[] => read(CUSTOM_TAINTS);
export const saveCustomTaints = (taints: string[]): void => write(CUSTOM_TAINTS, taints);

/** The terminal's command history, oldest first. */
export const loadHistory = (): string[] => read(HISTORY);
export const saveHistory = (history: string[]): void => write(HISTORY, history.slice(-HISTORY_MAX));

/** The editor's text as the person left it, if they ever changed it. */
export function loadEditorText(): string | undefined {
  try {
    return localStorage.getItem(EDITOR_TEXT) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the editor's text for the next visit. */
export function saveEditorText(text: string): void {
  try {
    localStorage.setItem(EDITOR_TEXT, text);
  } catch {
    // Storage full or disabled: nothing else to do.
  }
}
