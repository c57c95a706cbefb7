/**
 * The keys of a filter box over a list of options (the search, the node picker): ArrowDown and
 * ArrowUp move the active option (wrapping), Home/End (with Ctrl) and PageUp/PageDown jump, Enter
 * picks it, Esc closes. The active option is kept in view.
 */
import { type KeyboardEvent, useCallback, useEffect, useState } from "react";

/** Options moved over by PageUp and PageDown. */
const PAGE = 8;

/** The active index and the input's onKeyDown; the index resets to 0 whenever `resetOn` changes. */
export function useListKeys(
  count: number,
  resetOn: unknown,
  pick: (index: number) => void,
  close: () => void,
  listId: string,
): { active: number; setActive(i: number): void; onKeyDown(e: KeyboardEvent): void } {
  const [active, setActive] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query starts at the top
  useEffect(() => setActive(0), [resetOn]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const move = (i: number) => {
        e.preventDefault();
        if (count > 0) setActive(i);
      };
      switch (e.key) {
        case "ArrowDown":
          return move((active + 1) % Math.max(1, count));
        case "ArrowUp":
          return move((active - 1 + count) % Math.max(1, count));
        case "PageDown":
          return move(Math.min(count - 1, active + PAGE));
        case "PageUp":
          return move(Math.max(0, active - PAGE));
        case "Home":
        case "End":
          if (!e.ctrlKey && !e.metaKey) return; // plain Home/End move the caret in the box
          return move(e.key === "Home" ? 0 : count - 1);
        case "Enter":
          e.preventDefault();
          if (count > 0) pick(Math.min(active, count - 1));
          return;
        case "Escape":
          e.preventDefault();
          e.stopPropagation();
          close();
          return;
      }
    },
    [active, count, pick, close],
  );
  return { active, setActive, onKeyDown };
}
