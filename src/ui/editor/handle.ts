/**
 * The live editor as the rest of the UI reaches it: its text and its markers. The Monaco chunk
 * loads lazily; until it has mounted, the text is kept here. The text is also kept in
 * localStorage, so that a reload shows what the person wrote.
 */
import { loadEditorText, saveEditorText } from "../persistence/local";
import type { Diagnostic } from "./diagnostics";
import { TEMPLATES } from "./templates";

/** What the mounted editor provides. */
export interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  setDiagnostics(diagnostics: Diagnostic[]): void;
  focus(): void;
  /** Monaco's tabFocusMode: Tab moves the focus out of the editor instead of indenting. */
  setTabMovesFocus?(on: boolean): void;
}

let current: EditorHandle | undefined;
// The editor opens on what the person left in it, else on the Deployment template under a hint.
let text =
  loadEditorText() ??
  `# Write or paste manifests here, or pick a template. Apply with Ctrl/Cmd+Enter.\n${
    TEMPLATES.find((t) => t.id === "deployment")?.yaml ?? ""
  }`;
let diagnostics: Diagnostic[] = [];

/** Real milliseconds from a keystroke to writing the text, so that typing writes once a pause. */
const KEEP_DELAY_MS = 300;
let keepTimer: ReturnType<typeof setTimeout> | undefined;

/** Writes the text to localStorage now, if a write is pending. */
function keepNow(): void {
  if (keepTimer === undefined) return;
  clearTimeout(keepTimer);
  keepTimer = undefined;
  saveEditorText(text);
}

function keepSoon(): void {
  if (keepTimer === undefined) keepTimer = setTimeout(keepNow, KEEP_DELAY_MS);
}

// The page may go before the delay is over: write then (localStorage is synchronous).
addEventListener("pagehide", keepNow);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") keepNow();
});

/** Called by the Monaco component on mount (and with undefined on unmount). */
export function attachEditor(handle: EditorHandle | undefined): void {
  current = handle;
  if (handle) {
    handle.setValue(text);
    handle.setDiagnostics(diagnostics);
    handle.setTabMovesFocus?.(tabMovesFocus);
  }
}

/** The editor's text. */
export function getEditorText(): string {
  return current ? current.getValue() : text;
}

/** Replaces the editor's text (templates, "Edit", tests). */
export function setEditorText(value: string): void {
  text = value;
  keepSoon();
  diagnostics = [];
  current?.setValue(value);
  current?.setDiagnostics([]);
}

/** Remembers text typed in the editor, so a remount keeps it. */
export function rememberEditorText(value: string): void {
  text = value;
  keepSoon();
}

/** Marks problems on their lines (an empty list clears them). */
export function setEditorDiagnostics(list: Diagnostic[]): void {
  diagnostics = list;
  current?.setDiagnostics(list);
}

/** Puts the keyboard focus in the editor (once it has loaded); false when it has not. */
export function focusEditor(): boolean {
  current?.focus();
  return current !== undefined;
}

let tabMovesFocus = false;
const tabListeners = new Set<(on: boolean) => void>();

/** Whether Tab moves the focus out of the editor (Monaco's tabFocusMode; Ctrl+M toggles it). */
export function getTabMovesFocus(): boolean {
  return tabMovesFocus;
}

/** Sets whether Tab moves the focus out of the editor, in the editor and for every listener. */
export function setTabMovesFocus(on: boolean): void {
  tabMovesFocus = on;
  current?.setTabMovesFocus?.(on);
  for (const listener of tabListeners) listener(on);
}

/** Calls listener whenever the Tab mode changes; returns the unsubscribe. */
export function onTabMovesFocus(listener: (on: boolean) => void): () => void {
  tabListeners.add(listener);
  return () => tabListeners.delete(listener);
}
