/**
 * The live editor as the rest of the UI reaches it: its text and its markers. The Monaco chunk
 * loads lazily; until it has mounted, the text is kept here.
 */
import type { Diagnostic } from "./diagnostics";
import { TEMPLATES } from "./templates";

/** What the mounted editor provides. */
export interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  setDiagnostics(diagnostics: Diagnostic[]): void;
  focus(): void;
}

let current: EditorHandle | undefined;
// The editor opens on the Deployment template, under a one-line hint.
let text = `# Write or paste manifests here, or pick a template. Apply with Ctrl/Cmd+Enter.\n${
  TEMPLATES.find((t) => t.id === "deployment")?.yaml ?? ""
}`;
let diagnostics: Diagnostic[] = [];

/** Called by the Monaco component on mount (and with undefined on unmount). */
export function attachEditor(handle: EditorHandle | undefined): void {
  current = handle;
  if (handle) {
    handle.setValue(text);
    handle.setDiagnostics(diagnostics);
  }
}

/** The editor's text. */
export function getEditorText(): string {
  return current ? current.getValue() : text;
}

/** Replaces the editor's text (templates, "Edit", tests). */
export function setEditorText(value: string): void {
  text = value;
  diagnostics = [];
  current?.setValue(value);
  current?.setDiagnostics([]);
}

/** Remembers text typed in the editor, so a remount keeps it. */
export function rememberEditorText(value: string): void {
  text = value;
}

/** Marks problems on their lines (an empty list clears them). */
export function setEditorDiagnostics(list: Diagnostic[]): void {
  diagnostics = list;
  current?.setDiagnostics(list);
}
