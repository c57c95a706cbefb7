/** The `?` help: every keyboard shortcut, global and where the focus is. */
import { useEffect, useRef } from "react";
import { useKeyboardStore } from "./keyboardStore";
import { CONTEXT_SHORTCUTS, GLOBAL_SHORTCUTS, type ShortcutHelp as Row } from "./shortcuts";

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="help-keys">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && <span className="help-or"> or </span>}
          <kbd>{k}</kbd>
        </span>
      ))}
    </span>
  );
}

function Table({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <section>
      <h3>{title}</h3>
      <dl>
        {rows.map((r) => (
          <div key={r.does} className="help-row">
            <dt>
              <Keys keys={r.keys} />
            </dt>
            <dd>{r.does}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The help dialog, while open. */
export function ShortcutHelp() {
  const open = useKeyboardStore((s) => s.open === "help");
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    return () => {
      if (document.activeElement === document.body && returnTo?.isConnected)
        returnTo.focus({ preventScroll: true });
    };
  }, [open]);
  if (!open) return null;
  const close = () => useKeyboardStore.getState().setOpen(undefined);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside closes it; Esc is the keyboard's way
    <div
      className="search-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && close()}
    >
      <div
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        data-testid="shortcut-help"
        onKeyDown={(e) => {
          if (e.key !== "Escape" && e.key !== "?") return;
          e.preventDefault();
          e.stopPropagation();
          close();
        }}
      >
        <header>
          <h2>Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" className="icon-btn" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <div className="help-body">
          <Table
            title="Anywhere but the editor, the terminal and text boxes"
            rows={Object.values(GLOBAL_SHORTCUTS)}
          />
          {CONTEXT_SHORTCUTS.map((c) => (
            <Table key={c.where} title={c.where} rows={c.rows} />
          ))}
        </div>
      </div>
    </div>
  );
}
