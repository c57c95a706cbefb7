/** Which keyboard overlay is open: the Ctrl+K search or the shortcut help (at most one). */
import { create } from "zustand";

/** The overlays. */
export type Overlay = "search" | "help";

export interface KeyboardState {
  open?: Overlay;
  /** Opens an overlay (closing the other), or closes with undefined. */
  setOpen(open: Overlay | undefined): void;
}

/** The overlays' store. */
export const useKeyboardStore = create<KeyboardState>()((set) => ({
  setOpen(open) {
    set({ open });
  },
}));
