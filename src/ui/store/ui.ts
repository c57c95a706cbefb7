/** UI-only state: the open node menu, the selected pod or node, dialogs, what the editor shows. */
import type { StateCreator } from "zustand";
import type { AppState } from "./index";

/** An open node menu, anchored at a screen point. */
export interface NodeMenuState {
  node: string;
  x: number;
  y: number;
}

/** A short message over the canvas (what a drop of a pending pod on a node means). */
export interface Toast {
  title: string;
  body: string;
  tone: "ok" | "failed" | "info";
  /** A button in the toast (Undo after a reset). */
  action?: { label: string; run: () => void };
}

export interface UiSlice {
  toast?: Toast;
  showToast(toast: Toast | undefined): void;
  nodeMenu?: NodeMenuState;
  /** The pod ("ns/name") the inspector shows; at most one of selectedPod and selectedNode is set. */
  selectedPod?: string;
  /** The node the inspector shows. */
  selectedNode?: string;
  /** Whether the terminal fills the workspace below the header. */
  terminalMaximized: boolean;
  addNodeOpen: boolean;
  /**
   * Set to ask the editor to load this text (a template or an object's YAML); with edit, the
   * text is a `kubectl edit` buffer and saving sends it back to that edit.
   */
  editorRequest?: { text: string; seq: number; edit?: unknown };
  openNodeMenu(menu: NodeMenuState | undefined): void;
  selectPod(key: string | undefined): void;
  selectNode(name: string | undefined): void;
  setTerminalMaximized(maximized: boolean): void;
  setAddNodeOpen(open: boolean): void;
  loadIntoEditor(text: string, edit?: unknown): void;
}

let seq = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  addNodeOpen: false,
  terminalMaximized: false,
  showToast(toast) {
    set({ toast });
  },
  openNodeMenu(nodeMenu) {
    set({ nodeMenu });
  },
  selectPod(selectedPod) {
    set({ selectedPod, selectedNode: undefined });
  },
  selectNode(selectedNode) {
    set({ selectedNode, selectedPod: undefined });
  },
  setTerminalMaximized(terminalMaximized) {
    set({ terminalMaximized });
  },
  setAddNodeOpen(addNodeOpen) {
    set({ addNodeOpen });
  },
  loadIntoEditor(text, edit) {
    set({ editorRequest: { text, seq: ++seq, edit } });
  },
});
