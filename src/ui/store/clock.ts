/** Simulated time as the worker reports it, and the scenarios it can load. */
import type { StateCreator } from "zustand";
import type { ClockState, ScenarioInfo } from "../../worker/protocol";
import type { AppState } from "./index";

export interface ClockSlice {
  clock: ClockState;
  scenarios: ScenarioInfo[];
  scenario: string;
  /** The live scenario's title (a built-in one's, or an imported file's name). */
  scenarioTitle: string;
  /** True once the first snapshot arrived. */
  connected: boolean;
  /** The last engine failure, shown as a banner. */
  engineError?: string;
  /** Whether the banner offers to discard the saved cluster that failed to restore. */
  engineErrorDiscard?: boolean;
  setEngineError(message: string | undefined, offerDiscard?: boolean): void;
  setClock(clock: ClockState): void;
  setScenarios(scenarios: ScenarioInfo[], scenario: string, scenarioTitle: string): void;
}

export const createClockSlice: StateCreator<AppState, [], [], ClockSlice> = (set) => ({
  clock: { now: 0, start: 0, playing: false, speed: 1 },
  scenarios: [],
  scenario: "",
  scenarioTitle: "",
  connected: false,
  setClock(clock) {
    set({ clock });
  },
  setEngineError(engineError, offerDiscard) {
    set({ engineError, engineErrorDiscard: Boolean(engineError && offerDiscard) });
  },
  setScenarios(scenarios, scenario, scenarioTitle) {
    set({ scenarios, scenario, scenarioTitle, connected: true });
  },
});
