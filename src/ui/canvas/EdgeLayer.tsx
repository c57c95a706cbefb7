/**
 * The edges over the canvas, drawn as one SVG in canvas coordinates (inside React Flow's
 * viewport, so they pan and zoom with the cards). By default only the selected pod's edges; in
 * "all" mode every constrained pod's, faded and capped so that the graph stays readable.
 */
import { useStore as useFlowStore, ViewportPortal } from "@xyflow/react";
import { memo, useMemo } from "react";
import type { Pod } from "../../engine/api/kinds";
import { useStore } from "../store";
import { UNSCHEDULED } from "../store/objects";
import { useCanvasStore } from "./canvasStore";
import { edgesFor, hasEdgeSources, type PodEdge } from "./edges";
import { cardAnchor, chipCentre, curveMid, curvePath, type Point } from "./geometry";
import { DETAIL_ZOOM } from "./lod";

/** At most this many pods' edges in "all" mode, and this many edges drawn. */
const MAX_SOURCE_PODS = 80;
const MAX_EDGES = 600;
/** Where edges of pods in the Pending lane start: above the grid. */
const PENDING_ANCHOR: Point = { x: 0, y: -90 };

function sourcesOf(pods: Record<string, Pod>, scope: "selected" | "all", selected?: string): string[] {
  if (scope === "selected") return selected && pods[selected] ? [selected] : [];
  const out: string[] = [];
  for (const [k, p] of Object.entries(pods)) {
    if (hasEdgeSources(p)) out.push(k);
    if (out.length >= MAX_SOURCE_PODS) break;
  }
  if (selected && pods[selected] && !out.includes(selected)) out.push(selected);
  return out;
}

/** The edges, in canvas coordinates; `positions` are the cards' top-left corners. */
export const EdgeLayer = memo(function EdgeLayer({ positions }: { positions: Record<string, Point> }) {
  const pods = useStore((s) => s.pods);
  const nodes = useStore((s) => s.nodes);
  const podsByNode = useStore((s) => s.podsByNode);
  const selected = useStore((s) => s.selectedPod);
  const enabled = useCanvasStore((s) => s.enabled);
  const scope = useCanvasStore((s) => s.scope);
  const detailed = useFlowStore((s) => s.transform[2] >= DETAIL_ZOOM);

  const edges = useMemo(
    () => edgesFor(sourcesOf(pods, scope, selected), { pods, nodes }, enabled).slice(0, MAX_EDGES),
    [pods, nodes, scope, selected, enabled],
  );

  if (edges.length === 0) return null;
  const podPoint = (key: string): Point | undefined => {
    const node = pods[key]?.spec?.nodeName ?? UNSCHEDULED;
    if (node === UNSCHEDULED) return PENDING_ANCHOR;
    const card = positions[node];
    if (!card) return undefined;
    const i = podsByNode[node]?.indexOf(key) ?? 0;
    return chipCentre(card, nodes[node]?.spec?.taints?.length ?? 0, Math.max(0, i), detailed);
  };
  const faded = scope === "all";

  return (
    <ViewportPortal>
      <svg className={`edge-layer${faded ? " faded" : ""}`} data-testid="edge-layer" aria-hidden="true">
        <defs>
          {["node-affinity", "pod-affinity", "pod-anti-affinity", "toleration"].map((k) => (
            <marker
              key={k}
              id={`arrow-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`edge-arrow edge-${k}`} />
            </marker>
          ))}
        </defs>
        {edges.map((e) => (
          <EdgePath key={e.id} edge={e} from={podPoint(e.pod)} to={targetPoint(e, positions, podPoint)} />
        ))}
      </svg>
    </ViewportPortal>
  );
});

function targetPoint(
  e: PodEdge,
  positions: Record<string, Point>,
  podPoint: (key: string) => Point | undefined,
): Point | undefined {
  if ("node" in e.target) {
    const card = positions[e.target.node];
    return card ? cardAnchor(card) : undefined;
  }
  return podPoint(e.target.pod);
}

function EdgePath({ edge, from, to }: { edge: PodEdge; from?: Point; to?: Point }) {
  if (!from || !to) return null;
  const target = "node" in edge.target ? edge.target.node : edge.target.pod;
  const mid = curveMid(from, to);
  return (
    <g
      className={`pod-edge edge-${edge.kind}${edge.required ? " required" : " preferred"}`}
      data-testid="pod-edge"
      data-kind={edge.kind}
      data-pod={edge.pod}
      data-target={target}
      data-required={String(edge.required)}
    >
      <path d={curvePath(from, to)} markerEnd={`url(#arrow-${edge.kind})`} />
      <circle cx={from.x} cy={from.y} r={3.5} />
      {edge.label && (
        <text x={mid.x} y={mid.y} textAnchor="middle" dominantBaseline="middle">
          {edge.label}
        </text>
      )}
    </g>
  );
}
