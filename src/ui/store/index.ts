/** The one bound store: slices combined, as zustand's slices pattern does it. */
import { create } from "zustand";
import { type ClockSlice, createClockSlice } from "./clock";
import { createLabSlice, type LabSlice } from "./lab";
import { createLogSlice, type LogSlice } from "./log";
import { createObjectsSlice, type ObjectsSlice } from "./objects";
import { createTimeSlice, type TimeSlice } from "./time";
import { createUiSlice, type UiSlice } from "./ui";

export type AppState = ObjectsSlice & ClockSlice & LogSlice & UiSlice & LabSlice & TimeSlice;

/** The UI's store: a replica of the cluster plus UI state. */
export const useStore = create<AppState>()((...a) => ({
  ...createObjectsSlice(...a),
  ...createClockSlice(...a),
  ...createLogSlice(...a),
  ...createUiSlice(...a),
  ...createLabSlice(...a),
  ...createTimeSlice(...a),
}));
