/**
 * Big manifests in the editor: above LARGE_DOCUMENT_CHARS the editor drops what costs per
 * character (schema validation, completion and hover in the YAML worker; folding, occurrence and
 * link scans, sticky scroll), and above HUGE_DOCUMENT_CHARS it treats the text as plain text. A
 * 75 kB one-line List validated against the Kubernetes schema once took the tab down; a real
 * cluster's export runs to megabytes.
 */
import type { editor } from "monaco-editor/editor";

/** Characters from which the editor works in large-document mode (64 KiB). */
export const LARGE_DOCUMENT_CHARS = 64 * 1024;
/** Characters from which the editor does not even highlight YAML (2 MiB). */
export const HUGE_DOCUMENT_CHARS = 2 * 1024 * 1024;

/** How the editor treats a document of some size. */
export type DocumentSize = "normal" | "large" | "huge";

/** The mode for a text of this many characters. */
export function documentSize(chars: number): DocumentSize {
  return chars >= HUGE_DOCUMENT_CHARS ? "huge" : chars >= LARGE_DOCUMENT_CHARS ? "large" : "normal";
}

/** Editor options in large-document mode (also for huge ones). */
export const LARGE_OPTIONS: editor.IEditorOptions = {
  folding: false,
  occurrencesHighlight: "off",
  selectionHighlight: false,
  quickSuggestions: false,
  suggestOnTriggerCharacters: false,
  hover: { enabled: "off" },
  links: false,
  stickyScroll: { enabled: false },
  matchBrackets: "never",
  colorDecorators: false,
  codeLens: false,
  stopRenderingLineAfter: 2000,
};

/** The same options at Monaco's defaults (0.57), for a document that is small again. */
export const NORMAL_OPTIONS: editor.IEditorOptions = {
  folding: true,
  occurrencesHighlight: "singleFile",
  selectionHighlight: true,
  quickSuggestions: { other: "offWhenInlineCompletions", comments: "off", strings: "off" },
  suggestOnTriggerCharacters: true,
  hover: { enabled: "on" },
  links: true,
  stickyScroll: { enabled: true },
  matchBrackets: "always",
  colorDecorators: true,
  codeLens: true,
  stopRenderingLineAfter: 10000,
};

/** The line the panel shows above a large document, or undefined for a normal one. */
export function largeDocumentNote(size: DocumentSize, chars: number): string | undefined {
  if (size === "normal") return undefined;
  const kb = Math.round(chars / 1024);
  return size === "huge"
    ? `Huge document (${kb} kB): shown as plain text, without schema checks, so the page stays responsive. Apply works as usual.`
    : `Large document (${kb} kB): schema checks, completion and folding are off so the page stays responsive. Apply works as usual.`;
}
