/**
 * Canvas-only view state: which edge kinds the legend shows, for whom, the hovered owner group,
 * the node cards that list all their labels, the overview's colour scale, and requests to reveal
 * a node or pod (centre the canvas on it, then select it).
 */
import { create } from "zustand";
import { EDGE_KINDS, type EdgeKind } from "./edges";
import type { HeatMetric } from "./heat";

/** Whose edges are drawn: the selected pod only (default), or every pod with a constraint. */
export type EdgeScope = "selected" | "all";

export interface CanvasState {
  enabled: ReadonlySet<EdgeKind>;
  scope: EdgeScope;
  /** The owner group (see ownerGroupOf) under the pointer; its pods are outlined. */
  hoveredOwner?: string;
  /** Nodes whose cards list every label (the others list only labels not reserved for Kubernetes). */
  allLabels: ReadonlySet<string>;
  /** The scale the overview and the minimap colour nodes by. */
  heatMetric: HeatMetric;
  /** The latest request to centre on a node card (and a pod chip in it), then select it. */
  revealRequest?: RevealRequest;
  toggle(kind: EdgeKind): void;
  toggleLabels(node: string): void;
  setScope(scope: EdgeScope): void;
  hoverOwner(group: string | undefined): void;
  setHeatMetric(metric: HeatMetric): void;
  /** Asks the canvas to centre on a node's card, or a pod's chip in it, and then select it. */
  reveal(node: string, pod?: string): void;
}

/** A reveal request, numbered so that asking twice for the same thing centres again. */
export interface RevealRequest {
  node: string;
  pod?: string;
  seq: number;
}

let revealSeq = 0;

/** The canvas's view store (apart from the cluster replica). */
export const useCanvasStore = create<CanvasState>()((set, get) => ({
  enabled: new Set(EDGE_KINDS),
  scope: "selected",
  allLabels: new Set(),
  heatMetric: "cpu",
  setHeatMetric(heatMetric) {
    set({ heatMetric });
  },
  reveal(node, pod) {
    set({ revealRequest: { node, pod, seq: ++revealSeq } });
  },
  toggleLabels(node) {
    const next = new Set(get().allLabels);
    if (next.has(node)) next.delete(node);
    else next.add(node);
    set({ allLabels: next });
  },
  toggle(kind) {
    const next = new Set(get().enabled);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    set({ enabled: next });
  },
  setScope(scope) {
    set({ scope });
  },
  hoverOwner(hoveredOwner) {
    if (get().hoveredOwner !== hoveredOwner) set({ hoveredOwner });
  },
}));
