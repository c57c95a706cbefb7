/**
 * The Ctrl/⌘+K search over pods, nodes and workloads: type, choose with the arrows, Enter centres
 * the canvas on the result and selects it (a workload: its first scheduled pod; one with no pods
 * opens its YAML), Esc closes and gives the focus back.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { actions } from "../actions";
import { useCanvasStore } from "../canvas/canvasStore";
import { Highlight } from "../keyboard/Highlight";
import { useKeyboardStore } from "../keyboard/keyboardStore";
import { useListKeys } from "../keyboard/useListKeys";
import { useStore } from "../store";
import { detailOf, podsOf, type SearchSource, searchItems } from "./items";
import { rankItems, type SearchHit, type SearchItem } from "./rank";

/** Results shown at most. */
const MAX_RESULTS = 50;

/** Short badges for the kinds, as kubectl abbreviates them. */
const BADGE: Record<string, string> = {
  Pod: "po",
  Node: "no",
  Deployment: "deploy",
  DaemonSet: "ds",
  StatefulSet: "sts",
  ReplicaSet: "rs",
  Job: "job",
  CronJob: "cj",
  Service: "svc",
};

function source(): SearchSource {
  const s = useStore.getState();
  return { nodes: s.nodes, pods: s.pods, others: s.others };
}

/** What Enter on an item does: reveal it on the canvas, select it, or open its YAML. */
export function openItem(item: SearchItem): void {
  const src = source();
  const { reveal } = useCanvasStore.getState();
  if (item.kind === "Node") {
    reveal(item.name);
    return;
  }
  const pods = podsOf(item, src);
  const placed = pods.find((k) => src.pods[k]?.spec?.nodeName);
  const node = placed ? src.pods[placed]?.spec?.nodeName : undefined;
  if (placed && node) reveal(node, placed);
  // Not on any node (a Pending pod, a workload whose pods all wait): the Pending lane shows it.
  else if (pods[0]) useStore.getState().selectPod(pods[0]);
  else void actions.edit(item.kind.toLowerCase(), item.name, item.namespace || undefined);
}

function Detail({ item }: { item: SearchItem }) {
  if (item.kind === "Pod" || item.kind === "Node") return <>{detailOf(item, source())}</>;
  const count = podsOf(item, source()).length;
  return (
    <>
      {item.namespace} · {count ? `${count} pod${count === 1 ? "" : "s"}` : "no pods: Enter opens its YAML"}
    </>
  );
}

/** The dialog; rendered while the search is open. */
function SearchBox({ close }: { close(): void }) {
  const [query, setQuery] = useState("");
  const listId = useId();
  // The objects as they were when the search opened: 10,000 pods are indexed once, not per delta.
  const items = useMemo(() => searchItems(source()), []);
  const { hits, total } = useMemo(() => rankItems(query, items, MAX_RESULTS), [query, items]);
  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    close();
    openItem(hit.item);
  };
  const { active, setActive, onKeyDown } = useListKeys(hits.length, query, pick, close, listId);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside closes it; Esc is the keyboard's way
    <div
      className="search-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && close()}
    >
      <div className="search-dialog" role="dialog" aria-modal="true" aria-label="Search">
        <div className="search-field">
          <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="m10.4 10.4 3.6 3.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <input
            data-testid="search"
            className="search-input"
            // biome-ignore lint/a11y/noAutofocus: the search opens to be typed in
            autoFocus
            type="text"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
            aria-label="Search pods, nodes and workloads"
            placeholder={`Search ${items.length.toLocaleString("en")} pods, nodes and workloads…  (deploy/web, kube-system/)`}
            spellCheck={false}
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <kbd>Esc</kbd>
        </div>
        <div className="search-results" role="listbox" id={listId} aria-label="Results">
          {hits.map((h: SearchHit, i) => (
            <div
              key={`${h.item.kind}/${h.item.key}`}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`search-result${i === active ? " active" : ""}`}
              data-testid="search-result"
              data-kind={h.item.kind}
              data-key={h.item.key}
              onMouseMove={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
            >
              <span className={`search-badge kind-${h.item.kind}`}>{BADGE[h.item.kind] ?? h.item.kind}</span>
              <span className="search-name">
                <Highlight text={h.item.name} ranges={h.ranges} />
              </span>
              <span className="search-detail">
                <Detail item={h.item} />
              </span>
            </div>
          ))}
        </div>
        <footer className="search-foot">
          {query.trim() === "" ? (
            <span>Type a name, a fragment, or kind/name</span>
          ) : total === 0 ? (
            <span>Nothing matches “{query.trim()}”</span>
          ) : (
            <span data-testid="search-count">
              {total > hits.length
                ? `${hits.length} of ${total} matches`
                : `${total} match${total === 1 ? "" : "es"}`}
            </span>
          )}
          <span className="search-keys">↑↓ choose · Enter shows it · Esc closes</span>
        </footer>
      </div>
    </div>
  );
}

/** The search, while open; the focus returns to where it was when it closes without a choice. */
export function SearchDialog() {
  const open = useKeyboardStore((s) => s.open === "search");
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && returnTo.current?.isConnected) returnTo.current.focus({ preventScroll: true });
    };
  }, [open]);
  if (!open) return null;
  return <SearchBox close={() => useKeyboardStore.getState().setOpen(undefined)} />;
}
