/**
 * The editor header's Tab toggle: whether Tab indents in the editor or moves the focus out of it
 * (Monaco's tabFocusMode), with its key, Ctrl+M, which works from inside the editor too.
 */
import { useEffect, useState } from "react";
import { getTabMovesFocus, onTabMovesFocus, setTabMovesFocus } from "./handle";

/** The toggle button. */
export function TabFocusToggle() {
  const [on, setOn] = useState(getTabMovesFocus);
  useEffect(() => onTabMovesFocus(setOn), []);
  return (
    <button
      type="button"
      className={`btn btn-ghost tab-focus-toggle${on ? " on" : ""}`}
      data-testid="tab-focus-toggle"
      aria-pressed={on}
      title={
        on
          ? "Tab moves the focus out of the editor. Ctrl+M (or this button) makes Tab indent again."
          : "Tab indents in the editor. Ctrl+M (or this button) makes Tab move the focus out."
      }
      onClick={() => setTabMovesFocus(!on)}
    >
      {on ? "Tab: leave" : "Tab: indent"}
    </button>
  );
}
