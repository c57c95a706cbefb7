/**
 * Carries out reveal requests (the search, the overview): centres the canvas on a node's card at a
 * readable zoom, then for a pod on its chip as drawn, then selects the node or pod and focuses it
 * so the keyboard carries on from there. Works from any zoom, the overview included (its cards are
 * laid out even when not drawn). Renders nothing; lives inside React Flow.
 */
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { useStore } from "../store";
import { useCanvasStore } from "./canvasStore";
import { CARD } from "./layout";

/** The zoom range a revealed card is shown at: chips readable, the card whole when it fits. */
export const REVEAL_ZOOM = { min: 0.8, max: 1.25 } as const;
/** Real milliseconds of the pan to the card. */
const REVEAL_MS = 250;
/** Animation frames to wait for a chip to be drawn once its card comes into view. */
const CHIP_FRAMES = 20;
/** Animation frames to wait for the inspector to open and narrow the canvas. */
const RESIZE_FRAMES = 15;
/** Real milliseconds KeepSelectionVisible takes to settle and pan after a resize (80 + 200, and a margin). */
const KEEP_VISIBLE_MS = 340;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function chipElement(root: Element, pod: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-testid="pod-chip"][data-pod="${CSS.escape(pod)}"]`);
}

function cardElement(root: Element, node: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(node)}"]`);
}

/** The reveal worker. */
export function Reveal({
  positions,
  heights,
}: {
  positions: Record<string, { x: number; y: number }>;
  heights: Record<string, number>;
}) {
  const request = useCanvasStore((s) => s.revealRequest);
  const { setCenter, setViewport } = useReactFlow();
  const flow = useStoreApi();
  // biome-ignore lint/correctness/useExhaustiveDependencies: acts once per request, on the layout of that moment
  useEffect(() => {
    if (!request) return;
    const at = positions[request.node];
    if (!at) return;
    let live = true;
    /** Pans (zoom kept) so that the element's centre is the canvas's. */
    const centreOn = async (el: HTMLElement) => {
      const root = flow.getState().domNode;
      if (!root) return;
      const frame = root.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const dx = frame.left + frame.width / 2 - (box.left + box.width / 2);
      const dy = frame.top + frame.height / 2 - (box.top + box.height / 2);
      const [tx, ty, zoom] = flow.getState().transform;
      await setViewport({ x: tx + dx, y: ty + dy, zoom }, { duration: REVEAL_MS / 2 });
    };
    const run = async () => {
      const { transform, height } = flow.getState();
      const zoom = Math.min(REVEAL_ZOOM.max, Math.max(REVEAL_ZOOM.min, transform[2]));
      // A card taller than the frame is centred on its top part: its name and first chips.
      const cardHeight = heights[request.node] ?? 0;
      const y = at.y + Math.min(cardHeight, height / zoom) / 2;
      await setCenter(at.x + CARD.width / 2, y, { zoom, duration: REVEAL_MS });
      const root = flow.getState().domNode;
      if (!live || !root) return;
      let target: HTMLElement | null = null;
      for (let i = 0; i < CHIP_FRAMES && live && !target; i++) {
        await nextFrame();
        target = request.pod ? chipElement(root, request.pod) : cardElement(root, request.node);
      }
      if (!live) return;
      if (request.pod && target) await centreOn(target);
      if (!live) return;
      const s = useStore.getState();
      if (request.pod) s.selectPod(request.pod);
      else s.selectNode(request.node);
      (target ?? cardElement(root, request.node))?.focus({ preventScroll: true });
      // The inspector opens beside the canvas and narrows it; once it has, and KeepSelectionVisible
      // has made its own pan, centre the chip again in the narrower canvas.
      if (!request.pod || !target) return;
      const width = flow.getState().width;
      for (let i = 0; i < RESIZE_FRAMES && live && flow.getState().width === width; i++) await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, KEEP_VISIBLE_MS));
      if (live && target.isConnected) await centreOn(target);
    };
    void run();
    return () => {
      live = false;
    };
  }, [request]);
  return null;
}
