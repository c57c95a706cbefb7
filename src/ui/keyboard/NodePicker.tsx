/**
 * Choosing a node with the keyboard, for the palette's taints: a filter box over the nodes (the
 * search's ranking), arrows to choose, Enter to run the same kubectl command a drop runs, Esc to
 * close. The focus goes back to the chip that opened it.
 */
import { useId, useMemo, useState } from "react";
import { taintText } from "../model/node";
import { rankItems, type SearchItem } from "../search/rank";
import { useStore } from "../store";
import { Highlight } from "./Highlight";
import { useListKeys } from "./useListKeys";

/** Nodes listed at most (the filter finds the others). */
const MAX_LISTED = 100;

/** A picker anchored at a screen point; `run(node)` is what choosing a node does, `command(node)` shows it. */
export function NodePicker({
  title,
  anchor,
  command,
  run,
  marked,
  onClose,
}: {
  title: string;
  anchor: { x: number; y: number };
  command(node: string): string;
  run(node: string): void;
  /** A note beside nodes where the command would change nothing (already tainted). */
  marked?(node: string): string | undefined;
  onClose(): void;
}) {
  const order = useStore((s) => s.nodeOrder);
  const [query, setQuery] = useState("");
  const listId = useId();
  const rows = useMemo(() => {
    if (!query.trim())
      return {
        hits: order.slice(0, MAX_LISTED).map((name) => ({ name, ranges: [] as const })),
        total: order.length,
      };
    const items: SearchItem[] = order.map((name) => ({ kind: "Node", name, namespace: "", key: name }));
    const r = rankItems(query, items, MAX_LISTED);
    return { hits: r.hits.map((h) => ({ name: h.item.name, ranges: h.ranges })), total: r.total };
  }, [order, query]);
  const pick = (i: number) => {
    const name = rows.hits[i]?.name;
    if (!name) return;
    onClose();
    run(name);
  };
  const { active, setActive, onKeyDown } = useListKeys(rows.hits.length, query, pick, onClose, listId);
  const current = rows.hits[active]?.name;
  const left = Math.max(8, Math.min(anchor.x, window.innerWidth - 340));
  const top = Math.max(8, Math.min(anchor.y, window.innerHeight - 360));
  return (
    <div
      className="node-picker"
      role="dialog"
      aria-label={title}
      data-testid="node-picker"
      style={{ left, top }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
      }}
    >
      <div className="node-picker-title">{title}</div>
      <input
        className="input"
        // biome-ignore lint/a11y/noAutofocus: the picker opens for the keyboard; its box takes the keys
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${active}` : undefined}
        aria-label="Filter nodes"
        placeholder={`Filter ${order.length} nodes…`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="node-picker-list" role="listbox" id={listId} aria-label="Nodes">
        {rows.hits.map((h, i) => (
          <div
            key={h.name}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            data-node={h.name}
            className={i === active ? "active" : undefined}
            onMouseMove={() => setActive(i)}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i);
            }}
          >
            <Highlight text={h.name} ranges={h.ranges} />
            {marked?.(h.name) && <span className="hint">{marked(h.name)}</span>}
          </div>
        ))}
        {rows.hits.length === 0 && <div className="empty">No node matches</div>}
      </div>
      <footer className="node-picker-foot">
        {current ? <code>{command(current)}</code> : <span className="hint">Nothing to run</span>}
        {rows.total > rows.hits.length && (
          <span className="hint">
            {rows.hits.length} of {rows.total}: type to filter
          </span>
        )}
        <span className="hint">↑↓ choose · Enter runs · Esc closes</span>
      </footer>
    </div>
  );
}

/** Whether a node already carries the taint (as `key=value:Effect`, the palette's form). */
export function hasTaint(taint: string): (node: string) => string | undefined {
  return (node) => {
    const taints = useStore.getState().nodes[node]?.spec?.taints ?? [];
    return taints.some((t) => taintText(t) === taint) ? "already tainted" : undefined;
  };
}
