/**
 * Pans the canvas so that the selected pod (its chip, or its node's card) or node stays in view
 * when the inspector opens beside the canvas, the canvas is resized, or the selection changes.
 * Renders nothing; lives inside React Flow.
 */
import { useStore as useFlowStore, useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { useStore } from "../store";
import { type Box, panToFit } from "./panToFit";

/** Real milliseconds to wait for the panes to settle before measuring. */
const SETTLE_MS = 80;

/** The pan keeper. */
export function KeepSelectionVisible() {
  const pod = useStore((s) => s.selectedPod);
  const podNode = useStore((s) => (s.selectedPod ? s.pods[s.selectedPod]?.spec?.nodeName : undefined));
  const node = useStore((s) => s.selectedNode);
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  // biome-ignore lint/correctness/useExhaustiveDependencies: measure again when the canvas is resized
  useEffect(() => {
    const cardName = node ?? podNode;
    if (!cardName) return;
    const timer = setTimeout(() => {
      const { domNode, transform, nodeLookup } = flow.getState();
      if (!domNode) return;
      const frame = domNode.getBoundingClientRect();
      const chip = pod
        ? domNode.querySelector(`[data-testid="pod-chip"][data-pod="${CSS.escape(pod)}"]`)
        : null;
      let box: Box | undefined = chip?.getBoundingClientRect();
      if (!box) {
        const card = nodeLookup.get(cardName);
        if (!card) return;
        const [tx, ty, zoom] = transform;
        const left = frame.left + tx + card.internals.positionAbsolute.x * zoom;
        const top = frame.top + ty + card.internals.positionAbsolute.y * zoom;
        box = {
          left,
          top,
          right: left + (card.measured.width ?? 0) * zoom,
          bottom: top + (card.measured.height ?? 0) * zoom,
        };
      }
      const { dx, dy } = panToFit(box, frame);
      if (dx === 0 && dy === 0) return;
      const [tx, ty, zoom] = transform;
      void setViewport({ x: tx + dx, y: ty + dy, zoom }, { duration: 200 });
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pod, podNode, node, width, height, flow, setViewport]);
  return null;
}
