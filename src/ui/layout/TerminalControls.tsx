/** The terminal header's pane buttons: hide or show the terminal, and maximize it over the workspace. */
import { useStore } from "../store";
import { usePane } from "./Pane";

/** Collapse/expand and maximize/restore, as icon buttons. */
export function TerminalControls() {
  const pane = usePane();
  const maximized = useStore((s) => s.terminalMaximized);
  const setMaximized = useStore((s) => s.setTerminalMaximized);
  return (
    <span className="pane-controls">
      {pane && !maximized && (
        <button
          type="button"
          className="icon-btn"
          data-testid="collapse-terminal"
          aria-label={pane.collapsed ? "Show terminal" : "Hide terminal"}
          title={pane.collapsed ? "Show terminal" : "Hide terminal"}
          onClick={pane.collapsed ? pane.expand : pane.collapse}
        >
          {pane.collapsed ? "▴" : "▾"}
        </button>
      )}
      <button
        type="button"
        className="icon-btn"
        data-testid="maximize-terminal"
        aria-pressed={maximized}
        aria-label={maximized ? "Restore terminal" : "Maximize terminal"}
        title={maximized ? "Restore terminal" : "Maximize terminal"}
        onClick={() => {
          if (!maximized && pane?.collapsed) pane.expand();
          setMaximized(!maximized);
        }}
      >
        {maximized ? (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path
              d="M6 2v4H2M10 2v4h4M6 14v-4H2M10 14v-4h4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
            />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path
              d="M2 6V2h4M14 6V2h-4M2 10v4h4M14 10v4h-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
            />
          </svg>
        )}
      </button>
    </span>
  );
}
