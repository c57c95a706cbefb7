/**
 * The page's keyboard shortcuts: the table the help lists, and which shortcut a key press means.
 * Single-key shortcuts never fire while the person types (the editor, the terminal, a text box);
 * Ctrl/⌘+K fires anywhere but the editor and the terminal, whose own Ctrl+K it would steal. Pure.
 */

/** What a shortcut does. */
export type ShortcutId =
  | "search"
  | "help"
  | "play-pause"
  | "step"
  | "maximize-terminal"
  | "focus-terminal"
  | "focus-editor";

/** A row of the help: the keys as printed, and what they do. */
export interface ShortcutHelp {
  keys: string[];
  does: string;
}

/** The global shortcuts, as the help lists them. */
export const GLOBAL_SHORTCUTS: Record<ShortcutId, ShortcutHelp> = {
  search: { keys: ["Ctrl K", "⌘ K", "/"], does: "Search pods, nodes and workloads" },
  "play-pause": { keys: ["p"], does: "Play or pause simulated time" },
  step: { keys: ["."], does: "Step time by 1 second" },
  "maximize-terminal": { keys: ["t"], does: "Maximize or restore the terminal" },
  "focus-terminal": { keys: ["`"], does: "Go to the terminal" },
  "focus-editor": { keys: ["e"], does: "Go to the YAML editor" },
  help: { keys: ["?"], does: "Show these shortcuts" },
};

/** Keys that work where the focus is, listed by the help after the global ones. */
export const CONTEXT_SHORTCUTS: { where: string; rows: ShortcutHelp[] }[] = [
  {
    where: "Anywhere",
    rows: [
      { keys: ["Esc"], does: "Close the topmost menu, dialog or search, then the inspector" },
      { keys: ["Ctrl Z", "⌘ Z"], does: "Undo the last action (outside the editor and the terminal)" },
    ],
  },
  {
    where: "On a node card",
    rows: [
      { keys: ["Enter", "Menu", "Shift F10"], does: "Open the node's actions (cordon, drain, label…)" },
      { keys: ["i"], does: "Inspect the node" },
      { keys: ["← → ↑ ↓", "Home", "End"], does: "Move to another node card" },
    ],
  },
  {
    where: "In a menu or list",
    rows: [
      { keys: ["↑ ↓", "Home", "End"], does: "Choose an item" },
      { keys: ["Enter"], does: "Run it" },
    ],
  },
  {
    where: "On a taint in the palette",
    rows: [{ keys: ["Enter"], does: "Choose a node to taint (runs kubectl taint)" }],
  },
  {
    where: "In the YAML editor",
    rows: [
      { keys: ["Ctrl M"], does: "Toggle whether Tab moves the focus out of the editor" },
      { keys: ["Ctrl Enter", "⌘ Enter"], does: "Apply" },
    ],
  },
];

/** The parts of a KeyboardEvent a shortcut reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where the focus is, as far as shortcuts care. */
export type FocusPlace = "editor" | "terminal" | "text" | "other";

/** Single keys and the shortcut each is. */
const SINGLE_KEYS: Record<string, ShortcutId> = {
  "/": "search",
  "?": "help",
  p: "play-pause",
  ".": "step",
  t: "maximize-terminal",
  "`": "focus-terminal",
  e: "focus-editor",
};

/** The shortcut a key press means where the focus is, if any. */
export function shortcutFor(e: KeyPress, place: FocusPlace): ShortcutId | undefined {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k")
    return place === "editor" || place === "terminal" ? undefined : "search";
  if (e.ctrlKey || e.metaKey || e.altKey || place !== "other") return undefined;
  return SINGLE_KEYS[e.key];
}

/** The minimal view of an element focusPlace reads (an Element in the page). */
export interface PlaceProbe {
  closest(selector: string): unknown;
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

/** Input types that take no typed text (a shortcut may fire on them). */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"]);

/** Where an element (the event's target) is: the editor, the terminal, a text field, or elsewhere. */
export function focusPlace(el: PlaceProbe | null | undefined): FocusPlace {
  if (!el || typeof el.closest !== "function") return "other";
  if (el.closest(".monaco-editor")) return "editor";
  if (el.closest(".xterm")) return "terminal";
  const tag = el.tagName?.toLowerCase();
  if (tag === "textarea" || tag === "select" || el.isContentEditable) return "text";
  if (tag === "input") return NON_TEXT_INPUTS.has(el.getAttribute?.("type") ?? "text") ? "other" : "text";
  return "other";
}
