import { describe, expect, it } from "vitest";
import { type FocusPlace, focusPlace, type KeyPress, shortcutFor } from "./shortcuts";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("shortcutFor", () => {
  it.each([
    ["k", { ctrlKey: true }, "other", "search"],
    ["K", { metaKey: true }, "text", "search"],
    ["k", { ctrlKey: true }, "editor", undefined],
    ["k", { ctrlKey: true }, "terminal", undefined],
    ["/", {}, "other", "search"],
    ["?", {}, "other", "help"],
    ["p", {}, "other", "play-pause"],
    [".", {}, "other", "step"],
    ["t", {}, "other", "maximize-terminal"],
    ["`", {}, "other", "focus-terminal"],
    ["e", {}, "other", "focus-editor"],
    // Typing is never a shortcut.
    ["p", {}, "text", undefined],
    ["/", {}, "editor", undefined],
    ["t", {}, "terminal", undefined],
    // Nor is a modified key (Ctrl+P prints, Alt+T is the browser's).
    ["p", { ctrlKey: true }, "other", undefined],
    ["t", { altKey: true }, "other", undefined],
    ["k", { ctrlKey: true, altKey: true }, "other", undefined],
    ["x", {}, "other", undefined],
  ] as const)("%s %o in %s → %s", (key, mods, place, id) => {
    expect(shortcutFor(press(key, mods), place as FocusPlace)).toBe(id);
  });
});

/** A fake element: its own tag and the selectors it sits inside. */
function el(tag: string, inside: string[] = [], attrs: Record<string, string> = {}) {
  return {
    tagName: tag.toUpperCase(),
    isContentEditable: attrs.contenteditable === "true",
    closest: (sel: string) => (inside.includes(sel) ? {} : null),
    getAttribute: (name: string) => attrs[name] ?? null,
  };
}

describe("focusPlace", () => {
  it("tells the editor, the terminal, text fields and the rest apart", () => {
    expect(focusPlace(el("textarea", [".monaco-editor"]))).toBe("editor");
    expect(focusPlace(el("div", [".monaco-editor"]))).toBe("editor");
    expect(focusPlace(el("textarea", [".xterm"]))).toBe("terminal");
    expect(focusPlace(el("input"))).toBe("text");
    expect(focusPlace(el("input", [], { type: "search" }))).toBe("text");
    expect(focusPlace(el("input", [], { type: "checkbox" }))).toBe("other");
    expect(focusPlace(el("select"))).toBe("text");
    expect(focusPlace(el("div", [], { contenteditable: "true" }))).toBe("text");
    expect(focusPlace(el("button"))).toBe("other");
    expect(focusPlace(null)).toBe("other");
  });
});
