/**
 * Per-cycle scratch space (framework.CycleState): what a plugin computes in PreFilter or PreScore
 * and reads in Filter or Score, stored under the plugin's own key. Never kept on the plugin.
 */

import type { FilterPlugin } from "./interface";

/** Data a plugin stores; clone() lets preemption try pods on a copy. */
export interface StateData {
  clone(): StateData;
}

/** The state of one scheduling cycle. */
export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins that returned Skip at PreFilter: their Filter is not called. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins that returned Skip at PreScore: their Score is not called. */
  readonly skipScorePlugins = new Set<string>();
  /** The framework's Filter plugins minus the skipped ones, cached by the framework. */
  filtersToRun: { owner: object; skipped: number; plugins: FilterPlugin[] } | undefined;

  /** Reads a value, or undefined when the key was never written. */
  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** Writes a value under key. */
  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  /** A deep copy (each value's clone()). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}
