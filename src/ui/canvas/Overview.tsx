/**
 * The far-zoom picture of the whole cluster: one React Flow node holding a <canvas> with a cell
 * per node card, coloured by how full the node is on the legend's scale (heat.ts), so that 1000
 * nodes cost one DOM element. A click on a cell zooms to that node and selects it; elsewhere it
 * zooms in on the point.
 */
import type { Node as FlowNode, NodeProps } from "@xyflow/react";
import { useReactFlow } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import { allocationOf } from "../model/allocation";
import { nodeIsReady } from "../model/node";
import { useStore } from "../store";
import { cssColor, useTheme } from "../theme/theme";
import { useCanvasStore } from "./canvasStore";
import { heatColour, heatRatio } from "./heat";
import { CARD, cardAt } from "./layout";

/** Canvas pixels per canvas (flow) unit: enough for the zoom levels at which the overview shows. */
const SCALE = 0.2;

export type OverviewData = {
  positions: Record<string, { x: number; y: number }>;
  heights: Record<string, number>;
  width: number;
  height: number;
};
export type OverviewNode = FlowNode<OverviewData, "cluster-overview">;

/** The overview node. */
export const Overview = memo(function Overview({ data }: NodeProps<OverviewNode>) {
  const ref = useRef<HTMLCanvasElement>(null);
  const nodes = useStore((s) => s.nodes);
  const podsByNode = useStore((s) => s.podsByNode);
  const metric = useCanvasStore((s) => s.heatMetric);
  const { setCenter } = useReactFlow();
  const { positions, heights, width, height } = data;
  const theme = useTheme();

  useEffect(() => {
    const c = ref.current?.getContext("2d");
    if (!c) return;
    c.setTransform(SCALE, 0, 0, SCALE, 0, 0);
    c.clearRect(0, 0, width, height);
    c.font = "600 44px system-ui, sans-serif";
    c.textBaseline = "top";
    const ink = {
      text: cssColor("--text"),
      cordoned: cssColor("--done"),
      edge: cssColor("--border-strong"),
      notReady: cssColor("--failed"),
      taints: cssColor("--noschedule"),
    };
    const pods = useStore.getState().pods;
    for (const [name, p] of Object.entries(positions)) {
      const node = nodes[name];
      const h = heights[name] ?? 200;
      const keys = podsByNode[name] ?? [];
      c.fillStyle = heatColour(heatRatio(allocationOf(node, keys, pods), metric), theme);
      c.beginPath();
      c.roundRect(p.x, p.y, CARD.width, h, 28);
      c.fill();
      const ready = node ? nodeIsReady(node) : false;
      c.lineWidth = ready ? 4 : 16;
      c.strokeStyle = ready ? (node?.spec?.unschedulable ? ink.cordoned : ink.edge) : ink.notReady;
      c.stroke();
      c.fillStyle = ink.text;
      c.fillText(name, p.x + 24, p.y + 24);
      c.font = "700 96px system-ui, sans-serif";
      c.fillText(String(keys.length), p.x + 24, p.y + 90);
      c.font = "600 44px system-ui, sans-serif";
      if (node?.spec?.taints?.length) {
        c.fillStyle = ink.taints;
        c.fillText(
          `${node.spec.taints.length} taint${node.spec.taints.length > 1 ? "s" : ""}`,
          p.x + 24,
          p.y + 200,
        );
      }
    }
  }, [positions, heights, width, height, nodes, podsByNode, metric, theme]);

  return (
    <canvas
      ref={ref}
      className="cluster-overview"
      data-testid="cluster-overview"
      width={Math.ceil(width * SCALE)}
      height={Math.ceil(height * SCALE)}
      style={{ width, height }}
      title="Click a node to zoom to it"
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        const x = ((e.clientX - r.left) / r.width) * width;
        const y = ((e.clientY - r.top) / r.height) * height;
        const hit = cardAt(positions, heights, x, y);
        if (hit) useCanvasStore.getState().reveal(hit);
        else setCenter(x, y, { zoom: 0.7, duration: 300 });
      }}
    />
  );
});
