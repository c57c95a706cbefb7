/**
 * The page's keyboard layer: the global shortcuts (shortcuts.ts), the Ctrl/⌘+K search and the `?`
 * help. Mounted once by App. Each shortcut runs what its button runs.
 */
import { useEffect } from "react";
import { request, send } from "../bridge/bridge";
import { focusEditor } from "../editor/handle";
import { SearchDialog } from "../search/SearchDialog";
import { useStore } from "../store";
import "./keyboard.css";
import { useKeyboardStore } from "./keyboardStore";
import { ShortcutHelp } from "./ShortcutHelp";
import { focusPlace, type ShortcutId, shortcutFor } from "./shortcuts";

/** Runs a shortcut. */
function run(id: ShortcutId): void {
  const overlays = useKeyboardStore.getState();
  switch (id) {
    case "search":
      overlays.setOpen(overlays.open === "search" ? undefined : "search");
      return;
    case "help":
      overlays.setOpen("help");
      return;
    case "play-pause":
      send({ type: useStore.getState().clock.playing ? "pause" : "play" });
      return;
    case "step":
      void request({ type: "advance", seconds: 1 });
      return;
    case "maximize-terminal":
      // The terminal's own button: it also shows a collapsed terminal before maximizing.
      document.querySelector<HTMLElement>('[data-testid="maximize-terminal"]')?.click();
      return;
    case "focus-terminal":
      document.querySelector<HTMLElement>(".xterm-helper-textarea")?.focus();
      return;
    case "focus-editor":
      focusEditor();
      return;
  }
}

/** The shortcut listener and the overlays. */
export function Keyboard() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      // A menu or dialog that is open keeps its keys.
      const s = useStore.getState();
      if (s.nodeMenu || s.addNodeOpen) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('[role="dialog"], [role="menu"]') && !(e.ctrlKey || e.metaKey)) return;
      const id = shortcutFor(e, focusPlace(target));
      if (!id) return;
      e.preventDefault();
      run(id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <SearchDialog />
      <ShortcutHelp />
    </>
  );
}
