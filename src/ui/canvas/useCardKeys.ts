/**
 * The keyboard on a focused node card (React Flow's focusable node wrapper): Enter, the
 * ContextMenu key or Shift+F10 open the node's menu; `i` inspects the node; the arrow keys, Home
 * and End move to another card, panning to it first when it is out of view (cards out of view are
 * not drawn). Returns React Flow's onKeyDown.
 */
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { type KeyboardEvent, useCallback } from "react";
import { useStore } from "../store";
import { isCardKey, neighbourCard } from "./cardNav";
import { CARD } from "./layout";

/** Real milliseconds of the pan to a card out of view. */
const PAN_MS = 150;
/** Animation frames to wait for a card to be drawn once panned into view. */
const DRAW_FRAMES = 20;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The focusable wrapper React Flow draws around a card. */
export function cardWrapper(root: ParentNode, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(name)}"]`);
}

/** The onKeyDown for the canvas, given the cards' layout. */
export function useCardKeys(
  order: readonly string[],
  positions: Record<string, { x: number; y: number }>,
  heights: Record<string, number>,
): (e: KeyboardEvent<HTMLDivElement>) => void {
  const flow = useStoreApi();
  const { setCenter } = useReactFlow();

  const focusCard = useCallback(
    async (name: string) => {
      const at = positions[name];
      const { domNode, transform, width, height } = flow.getState();
      if (!at || !domNode) return;
      const [tx, ty, zoom] = transform;
      const left = tx + at.x * zoom;
      const top = ty + at.y * zoom;
      const inView = left >= 0 && top >= 0 && left + CARD.width * zoom <= width && top + 40 * zoom <= height;
      if (!inView) {
        const h = Math.min(heights[name] ?? 0, height / zoom);
        await setCenter(at.x + CARD.width / 2, at.y + h / 2, { zoom, duration: PAN_MS });
      }
      for (let i = 0; i < DRAW_FRAMES; i++) {
        const el = cardWrapper(domNode, name);
        if (el) return el.focus({ preventScroll: true });
        await nextFrame();
      }
    },
    [positions, heights, flow, setCenter],
  );

  return useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const el = e.target as HTMLElement;
      if (!el.classList?.contains("react-flow__node") || e.altKey || e.ctrlKey || e.metaKey) return;
      const name = el.dataset.id;
      if (!name || !positions[name]) return;
      if (e.key === "Enter" || e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
        e.preventDefault();
        const r = el.getBoundingClientRect();
        useStore.getState().openNodeMenu({ node: name, x: r.left + 12, y: r.top + 44 });
      } else if (e.key === "i" && !e.shiftKey) {
        e.preventDefault();
        useStore.getState().selectNode(name);
      } else if (isCardKey(e.key)) {
        e.preventDefault();
        const next = neighbourCard(order, name, e.key);
        if (next) void focusCard(next);
      }
    },
    [order, positions, focusCard],
  );
}
