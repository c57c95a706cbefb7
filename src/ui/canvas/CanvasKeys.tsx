/**
 * Buttons for the search (Ctrl/⌘+K) and the shortcut help (?) in the canvas's zoom controls, so
 * that they never cover a card; their titles name the keys.
 */
import { ControlButton } from "@xyflow/react";
import { useKeyboardStore } from "../keyboard/keyboardStore";

/** The two control buttons. */
export function CanvasKeys() {
  const setOpen = useKeyboardStore((s) => s.setOpen);
  return (
    <>
      <ControlButton
        data-testid="open-search"
        aria-label="Search pods, nodes and workloads"
        title="Search pods, nodes and workloads (Ctrl/⌘+K or /)"
        onClick={() => setOpen("search")}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="m10.4 10.4 3.6 3.6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </ControlButton>
      <ControlButton
        data-testid="open-shortcuts"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setOpen("help")}
      >
        <span className="control-glyph" aria-hidden="true">
          ?
        </span>
      </ControlButton>
    </>
  );
}
