/** The worker's history as the page shows it (what Undo takes back, how far the timeline reaches) and the instant viewed. */
import type { StateCreator } from "zustand";
import type { HistoryState } from "../../worker/protocol";
import type { AppState } from "./index";

export interface TimeSlice {
  history: HistoryState;
  /**
   * The earlier simulated instant (ms) the replica holds instead of the live cluster: the page is
   * read-only until back to now. Undefined when live.
   */
  viewingAt?: number;
  setHistory(history: HistoryState): void;
  setViewingAt(at: number | undefined): void;
}

export const createTimeSlice: StateCreator<AppState, [], [], TimeSlice> = (set) => ({
  history: { undoCount: 0 },
  setHistory(history) {
    set({ history });
  },
  setViewingAt(viewingAt) {
    set({ viewingAt });
  },
});
