/** The minimap's node colour: the overview's heat scale, so the two pictures agree. */
import type { Node as FlowNode } from "@xyflow/react";
import { useMemo } from "react";
import { allocationOf } from "../model/allocation";
import { useStore } from "../store";
import { useTheme } from "../theme/theme";
import { useCanvasStore } from "./canvasStore";
import { heatColour, heatRatio } from "./heat";

const EMPTY: string[] = [];

/**
 * A colour function for MiniMap's nodeColor, new when the scale, the nodes or the pods' placement
 * change (a pod's status alone does not move the requests it counts in).
 */
export function useMiniMapColour(): (node: FlowNode) => string {
  const metric = useCanvasStore((s) => s.heatMetric);
  const nodes = useStore((s) => s.nodes);
  const podsByNode = useStore((s) => s.podsByNode);
  const theme = useTheme();
  return useMemo(() => {
    const pods = useStore.getState().pods;
    const cache = new Map<string, string>();
    return (n: FlowNode) => {
      let colour = cache.get(n.id);
      if (colour === undefined) {
        colour = heatColour(
          heatRatio(allocationOf(nodes[n.id], podsByNode[n.id] ?? EMPTY, pods), metric),
          theme,
        );
        cache.set(n.id, colour);
      }
      return colour;
    };
  }, [metric, nodes, podsByNode, theme]);
}
