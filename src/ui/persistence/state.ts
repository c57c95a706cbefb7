/** What the page knows about saving: when the worker last autosaved, and what can be restored. */
import { create } from "zustand";
import type { ClusterOrigin } from "../../worker/protocol";

export interface PersistenceState {
  /** Wall-clock ms of the last autosave. */
  savedAt?: number;
  /** Simulated ms of the cluster the last autosave holds. */
  savedClock?: number;
  /** Whether time was playing in the last autosave. */
  savedPlaying?: boolean;
  /** Where the live cluster came from. */
  origin?: ClusterOrigin;
  /** Whether the cluster a Reset, import or shared link replaced can be restored. */
  hasPrevious: boolean;
}

/** The persistence store (apart from the cluster replica: it changes on its own schedule). */
export const usePersistence = create<PersistenceState>()(() => ({ hasPrevious: false }));
