/** The labs the worker offers and the active lab's view, as the worker last sent them. */
import type { StateCreator } from "zustand";
import type { LabSummary, LabView } from "../../worker/protocol";
import type { AppState } from "./index";

export interface LabSlice {
  labs: LabSummary[];
  /** Lab files that did not load (file:line: message). */
  labErrors: string[];
  labView?: LabView;
  /** The message of the last Check or answer, by task id. */
  labMessages: Record<string, string>;
  setLabs(labs: LabSummary[], errors: string[]): void;
  setLabView(view: LabView | undefined): void;
  setLabMessage(task: string, message: string | undefined): void;
}

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set) => ({
  labs: [],
  labErrors: [],
  labMessages: {},
  setLabs(labs, labErrors) {
    set({ labs, labErrors });
  },
  setLabView(labView) {
    set((s) => ({ labView, labMessages: labView?.id === s.labView?.id ? s.labMessages : {} }));
  },
  setLabMessage(task, message) {
    set((s) => {
      const labMessages = { ...s.labMessages };
      if (message === undefined) delete labMessages[task];
      else labMessages[task] = message;
      return { labMessages };
    });
  },
});
