/**
 * The cluster graph: node cards on a pannable, zoomable canvas, laid out in a stable grid, with
 * the edge layer and its legend. Only visible cards render; zoomed far out, the cards give way to
 * one overview picture (see lod.ts).
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  type Node as FlowNode,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useStore as useFlowStore,
  useReactFlow,
  useStoreApi,
} from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { cardLabelCount } from "../model/node";
import { useStore } from "../store";
import "./canvas.css";
import { CanvasKeys } from "./CanvasKeys";
import { CulledNodeCard } from "./CulledNodeCard";
import { useCanvasStore } from "./canvasStore";
import { EdgeLayer } from "./EdgeLayer";
import { KeepSelectionVisible } from "./KeepSelectionVisible";
import { CARD, cardHeight, layoutCards } from "./layout";
import { OVERVIEW_ZOOM } from "./lod";
import { useMiniMapColour } from "./minimap";
import type { NodeCardNode } from "./NodeCard";
import { Overview, type OverviewNode } from "./Overview";
import { OverviewLegend } from "./OverviewLegend";
import { Reveal } from "./Reveal";
import { useCardKeys } from "./useCardKeys";

const nodeTypes = { "cluster-node": CulledNodeCard, "cluster-overview": Overview };
/** Below this many nodes the overview is never used: a few cards are cheap at any zoom. */
const OVERVIEW_MIN_NODES = 40;
/** More new nodes than this at once and the view re-frames without animation. */
const JUMP_NODES = 20;
/** Far enough out for 1000 nodes' overview to fit a 900 × 700 window whole. */
const MIN_ZOOM = 0.01;
/** Nodes from which the canvas shows a minimap (a few cards fit in view without one). */
const MINIMAP_MIN_NODES = 10;
/** The smallest canvas (pixels) that shows the minimap. */
const MINIMAP_MIN_WIDTH = 560;
const MINIMAP_MIN_HEIGHT = 300;
/** What a focused card's keys do, read by screen readers (React Flow's default speaks of selecting and deleting). */
const ARIA_LABELS = {
  "node.a11yDescription.default":
    "Press Enter for the node's actions, i to inspect it, the arrow keys to move between nodes.",
};

/** Height of each card, from its taint, listed label and pod counts (a new array only when one changes). */
function useCardHeights(): Record<string, number> {
  const allLabels = useCanvasStore((s) => s.allLabels);
  return useStore(
    useShallow((s) => {
      const out: Record<string, number> = {};
      for (const name of s.nodeOrder) {
        const node = s.nodes[name];
        out[name] = cardHeight(
          node?.spec?.taints?.length ?? 0,
          s.podsByNode[name]?.length ?? 0,
          node ? cardLabelCount(node, allLabels.has(name)) : 0,
        );
      }
      return out;
    }),
  );
}

function Graph() {
  const order = useStore((s) => s.nodeOrder);
  const heights = useCardHeights();
  const { fitView } = useReactFlow();
  const flow = useStoreApi();
  const positions = useMemo(() => layoutCards(order, heights), [order, heights]);
  const farOut = useFlowStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const overview = farOut && order.length >= OVERVIEW_MIN_NODES;
  const cards = useMemo<NodeCardNode[]>(() => {
    const pos = positions;
    return order.map((name) => ({
      id: name,
      type: "cluster-node",
      position: pos[name] ?? { x: 0, y: 0 },
      data: { name, height: heights[name] ?? 0 },
      draggable: false,
      selectable: false,
      ariaLabel: `Node ${name}`,
      // Known sizes: cards out of view are never measured, and the minimap draws only nodes with a size.
      width: CARD.width,
      height: heights[name] ?? 0,
      // Not selectable nor draggable, but its buttons and chips take the pointer.
      style: { pointerEvents: "all" },
    }));
  }, [order, heights, positions]);
  const overviewNodes = useMemo<OverviewNode[]>(() => {
    let width = 0;
    let height = 0;
    for (const c of cards) {
      width = Math.max(width, c.position.x + CARD.width);
      height = Math.max(height, c.position.y + c.data.height);
    }
    return [
      {
        id: "__overview",
        type: "cluster-overview",
        position: { x: 0, y: 0 },
        data: { positions, heights, width, height },
        draggable: false,
        selectable: false,
        style: { pointerEvents: "all" },
      },
    ];
  }, [cards, positions, heights]);
  const nodes: FlowNode[] = overview ? overviewNodes : cards;
  const onKeyDown = useCardKeys(order, positions, heights);
  const miniMapColour = useMiniMapColour();
  // A narrow canvas has no room for the minimap beside the cards.
  const roomy = useFlowStore((s) => s.width >= MINIMAP_MIN_WIDTH && s.height >= MINIMAP_MIN_HEIGHT);
  const selectedCard = useStore(
    (s) => s.selectedNode ?? (s.selectedPod ? s.pods[s.selectedPod]?.spec?.nodeName : undefined),
  );

  // Re-frame when nodes come or go, or the cards grow taller than the frame, so all stay in view.
  const bottom = cards.reduce((max, n) => Math.max(max, n.position.y + n.data.height), 0);
  const framed = useRef({ bottom: 0, nodes: 0 });
  // The re-framing waits a moment; the next render (a big apply renders every frame) must not cancel it.
  const reframe = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(reframe.current), []);
  useEffect(() => {
    const last = framed.current;
    if (order.length === 0 || (bottom <= last.bottom && order.length === last.nodes)) return;
    framed.current = { bottom, nodes: order.length };
    // A card that grew but still shows in full needs no re-framing (the view would jump under the pointer).
    const { transform, height } = flow.getState();
    if (order.length === last.nodes && transform[1] + bottom * transform[2] <= height) return;
    // Many new nodes: jump, for an animated zoom-out would draw every card at each zoom on the way.
    const duration = order.length - last.nodes > JUMP_NODES ? 0 : 300;
    clearTimeout(reframe.current);
    reframe.current = setTimeout(() => fitView({ padding: 0.12, duration, maxZoom: 1 }), 30);
  }, [order.length, bottom, fitView, flow]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={[]}
      nodeTypes={nodeTypes}
      fitView
      fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
      minZoom={MIN_ZOOM}
      maxZoom={2}
      nodesConnectable={false}
      onlyRenderVisibleElements
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={ARIA_LABELS}
      onKeyDown={onKeyDown}
      onPaneClick={() => {
        const s = useStore.getState();
        s.selectPod(undefined);
        s.selectNode(undefined);
      }}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="var(--canvas-dot)" />
      <Controls showInteractive={false} position="bottom-right">
        <CanvasKeys />
      </Controls>
      {!overview && <EdgeLayer positions={positions} />}
      {overview ? (
        <Panel position="top-right">
          <OverviewLegend />
        </Panel>
      ) : (
        roomy &&
        order.length >= MINIMAP_MIN_NODES && (
          <MiniMap
            className="canvas-minimap"
            position="bottom-right"
            style={{ marginRight: 56 }}
            pannable
            zoomable
            ariaLabel="Minimap: drag to pan, scroll to zoom"
            nodeColor={miniMapColour}
            nodeStrokeColor={(n) => (n.id === selectedCard ? "var(--accent)" : "var(--border-strong)")}
            nodeStrokeWidth={8}
            nodeBorderRadius={16}
            maskColor="var(--minimap-mask, rgb(100 116 139 / 18%))"
          />
        )
      )}
      <KeepSelectionVisible />
      <Reveal positions={positions} heights={heights} />
    </ReactFlow>
  );
}

/** The canvas, with its own React Flow provider. */
export function Canvas() {
  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlowProvider>
        <Graph />
      </ReactFlowProvider>
    </div>
  );
}
