/**
 * A node's menu (⋯, right-click, or Enter on a focused node card): cordon, drain, kubelet, label,
 * edit, delete. The arrow keys, Home and End move between its items; Esc closes it and gives the
 * focus back to where it was.
 */
import { useEffect, useRef, useState } from "react";
import { actions } from "../actions";
import { useStore } from "../store";

const DRAIN_FLAGS = [
  { flag: "--ignore-daemonsets", help: "skip DaemonSet-managed pods", default: true },
  { flag: "--delete-emptydir-data", help: "continue with pods using emptyDir", default: true },
  { flag: "--force", help: "also delete pods with no controller", default: false },
] as const;

function close(): void {
  useStore.getState().openNodeMenu(undefined);
}

/** Moves the focus among the menu's items: ArrowDown/ArrowUp wrap around, Home and End go to the ends. */
function onMenuKey(e: React.KeyboardEvent<HTMLDivElement>): void {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  if (items.length === 0) return;
  e.preventDefault();
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === "Home"
      ? 0
      : e.key === "End"
        ? items.length - 1
        : (at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
  items[at < 0 && e.key === "ArrowUp" ? items.length - 1 : next]?.focus();
}

/** The open node menu, if any. */
export function NodeMenu() {
  const menu = useStore((s) => s.nodeMenu);
  const node = useStore((s) => (menu ? s.nodes[menu.node] : undefined));
  const [mode, setMode] = useState<"menu" | "drain" | "label">("menu");
  const [flags, setFlags] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(DRAIN_FLAGS.map((f) => [f.flag, f.default])),
  );
  const [label, setLabel] = useState("");
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setMode("menu");
    setLabel("");
    if (!menu) return;
    // Where the focus was (a node card, its ⋯ button): it goes back there when the menu closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    window.addEventListener("pointerdown", onDown, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", onDown, true);
      window.removeEventListener("keydown", onKey);
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [menu]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the first control when the view changes
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("button, input")?.focus();
  }, [mode, menu]);

  if (!menu || !node) return null;
  const name = menu.node;
  const cordoned = node.spec?.unschedulable === true;
  const run = (fn: () => unknown) => () => {
    close();
    fn();
  };
  const left = Math.min(menu.x, window.innerWidth - 260);
  const top = Math.min(menu.y, window.innerHeight - 320);

  return (
    <div
      className="menu"
      ref={ref}
      style={{ left, top }}
      role="menu"
      aria-label={`${name} actions`}
      data-testid="node-menu"
      onKeyDown={onMenuKey}
    >
      <div className="menu-title">{name}</div>
      {mode === "menu" && (
        <>
          {cordoned ? (
            <button type="button" role="menuitem" onClick={run(() => actions.uncordon(name))}>
              Uncordon
            </button>
          ) : (
            <button type="button" role="menuitem" onClick={run(() => actions.cordon(name))}>
              Cordon
            </button>
          )}
          <button type="button" role="menuitem" onClick={() => setMode("drain")}>
            Drain
          </button>
          <button type="button" role="menuitem" onClick={() => setMode("label")}>
            Label…
          </button>
          <div className="menu-sep" />
          <button type="button" role="menuitem" onClick={run(() => actions.stopKubelet(name))}>
            Stop kubelet
          </button>
          <button type="button" role="menuitem" onClick={run(() => actions.startKubelet(name))}>
            Start kubelet
          </button>
          <div className="menu-sep" />
          <button type="button" role="menuitem" onClick={run(() => actions.edit("node", name))}>
            Edit YAML
          </button>
          <button
            type="button"
            role="menuitem"
            className="danger"
            onClick={run(() => actions.deleteNode(name))}
          >
            Delete node
          </button>
        </>
      )}
      {mode === "drain" && (
        <form
          className="menu-form"
          onSubmit={(e) => {
            e.preventDefault();
            close();
            actions.drain(
              name,
              DRAIN_FLAGS.filter((f) => flags[f.flag]).map((f) => f.flag),
            );
          }}
        >
          {DRAIN_FLAGS.map((f) => (
            <label key={f.flag} className="check">
              <input
                type="checkbox"
                checked={flags[f.flag] ?? false}
                onChange={(e) => setFlags({ ...flags, [f.flag]: e.target.checked })}
              />
              <code>{f.flag}</code>
              <span className="help">{f.help}</span>
            </label>
          ))}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setMode("menu")}>
              Back
            </button>
            <button type="submit" className="btn btn-primary">
              Drain {name}
            </button>
          </div>
        </form>
      )}
      {mode === "label" && (
        <form
          className="menu-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            close();
            actions.label(name, label.trim());
          }}
        >
          <input
            className="input"
            aria-label="Label"
            placeholder="disk=ssd  (or key- to remove)"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setMode("menu")}>
              Back
            </button>
            <button type="submit" className="btn btn-primary">
              Apply label
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
