/**
 * A node card that draws itself only inside the viewport. React Flow renders every new node once,
 * visible or not, to measure it (`onlyRenderVisibleElements` culls it afterwards): 300 nodes
 * applied at once mounted 300 full cards in one frame. Outside the viewport this draws an empty
 * box of the card's size instead, which measures the same.
 */
import { type NodeProps, useStore as useFlowStore } from "@xyflow/react";
import { memo } from "react";
import { CARD } from "./layout";
import { NodeCard, type NodeCardNode } from "./NodeCard";

/** Screen pixels around the viewport within which a card counts as visible (panning shows them at once). */
const MARGIN_PX = 200;

/** The card in view, an empty box of its size out of view. */
export const CulledNodeCard = memo(function CulledNodeCard(props: NodeProps<NodeCardNode>) {
  const { positionAbsoluteX: x, positionAbsoluteY: y, data } = props;
  const visible = useFlowStore((s) => {
    const [tx, ty, k] = s.transform;
    const left = x * k + tx;
    const top = y * k + ty;
    return (
      left < s.width + MARGIN_PX &&
      left + CARD.width * k > -MARGIN_PX &&
      top < s.height + MARGIN_PX &&
      top + data.height * k > -MARGIN_PX
    );
  });
  if (visible) return <NodeCard {...props} />;
  return (
    <div className="node-card-culled" style={{ width: CARD.width, height: data.height }} aria-hidden="true" />
  );
});
