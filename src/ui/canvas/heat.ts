/**
 * How full a node is, for the large-cluster overview and the minimap: one ratio per node by a
 * chosen scale (CPU or memory requested against allocatable, or pods against the pod limit), and
 * the colour of that ratio. Pure.
 */
import type { Allocation } from "../model/allocation";
import type { Theme } from "../theme/preference";

/** The scales the overview can colour by. */
export type HeatMetric = "cpu" | "memory" | "pods";

/** Each scale's name, as the legend prints it under its ramp. */
export const HEAT_METRICS: Record<HeatMetric, string> = {
  cpu: "CPU requested / allocatable",
  memory: "Memory requested / allocatable",
  pods: "Pods / allocatable pods",
};

/** The ratio (0 when nothing is allocatable) of one node's allocation on a scale. */
export function heatRatio(alloc: Allocation, metric: HeatMetric): number {
  const [used, total] =
    metric === "cpu"
      ? [alloc.cpu, alloc.cpuAllocatable]
      : metric === "memory"
        ? [alloc.memory, alloc.memoryAllocatable]
        : [alloc.pods, alloc.podsAllocatable];
  return total > 0 ? used / total : 0;
}

/** Each scale's short name, for the legend's chooser. */
export const HEAT_METRIC_SHORT: Record<HeatMetric, string> = { cpu: "CPU", memory: "Memory", pods: "Pods" };

/**
 * The colour of a ratio (clamped to 0..1): a pale blue when empty to a deep amber when full; in
 * the dark theme, from a dim blue to amber.
 */
export function heatColour(ratio: number, theme: Theme = "light"): string {
  const r = Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
  const h = 210 - r * 180;
  const light = theme === "dark" ? 18 + r * 20 : 92 - r * 42;
  return `hsl(${h} ${55 + r * 30}% ${light}%)`;
}

/** The legend's stops: ratio and colour, for a CSS gradient. */
export function heatStops(count = 5, theme: Theme = "light"): { ratio: number; colour: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const ratio = i / (count - 1);
    return { ratio, colour: heatColour(ratio, theme) };
  });
}
