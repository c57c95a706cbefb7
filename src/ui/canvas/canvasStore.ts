/**
 * Canvas-only view state: which edge kinds the legend shows, for whom, the hovered owner group,
 * and the node cards that list all their labels.
 */
import { create } from "zustand";
import { EDGE_KINDS, type EdgeKind } from "./edges";

/** Whose edges are drawn: the selected pod only (default), or every pod with a constraint. */
export type EdgeScope = "selected" | "all";

export interface CanvasState {
  enabled: ReadonlySet<EdgeKind>;
  scope: EdgeScope;
  /** The owner group (see ownerGroupOf) under the pointer; its pods are outlined. */
  hoveredOwner?: string;
  /** Nodes whose cards list every label (the others list only labels not reserved for Kubernetes). */
  allLabels: ReadonlySet<string>;
  toggle(kind: EdgeKind): void;
  toggleLabels(node: string): void;
  setScope(scope: EdgeScope): void;
  hoverOwner(group: string | undefined): void;
}

/** The canvas's view store (apart from the cluster replica). */
export const useCanvasStore = create<CanvasState>()((set, get) => ({
  enabled: new Set(EDGE_KINDS),
  scope: "selected",
  allLabels: new Set(),
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
