/**
 * PodDisruptionBudget arithmetic (pkg/controller/disruption/disruption.go getExpectedPodCount,
 * countHealthyPods, updatePdbStatus).
 */
import { scaledValue } from "../lib/pods";

export const SufficientPodsReason = "SufficientPods";
export const InsufficientPodsReason = "InsufficientPods";
export const SyncFailedReason = "SyncFailed";

/** What the budget asks for, given the pods found and the scale of their controllers. */
export interface Budget {
  expectedPods: number;
  desiredHealthy: number;
}

/**
 * getExpectedPodCount: minAvailable as a number counts the matching pods; a percentage or
 * maxUnavailable is taken against the controllers' scale (expectedScale).
 */
export function expectedPodCount(
  spec: { minAvailable?: number | string; maxUnavailable?: number | string },
  podCount: number,
  expectedScale: () => number,
): Budget {
  if (
    spec.maxUnavailable === undefined &&
    spec.minAvailable !== undefined &&
    typeof spec.minAvailable === "number"
  )
    return { expectedPods: podCount, desiredHealthy: spec.minAvailable };
  const expected = expectedScale();
  if (spec.maxUnavailable !== undefined) {
    const max = scaledValue(spec.maxUnavailable, expected, true, 0);
    return { expectedPods: expected, desiredHealthy: Math.max(0, expected - max) };
  }
  if (spec.minAvailable !== undefined)
    return { expectedPods: expected, desiredHealthy: scaledValue(spec.minAvailable, expected, true, 0) };
  return { expectedPods: expected, desiredHealthy: 0 };
}

/** disruptionsAllowed: healthy pods beyond the desired count, never negative; none without expected pods. */
export function disruptionsAllowed(
  currentHealthy: number,
  desiredHealthy: number,
  expectedPods: number,
): number {
  const d = currentHealthy - desiredHealthy;
  return expectedPods <= 0 || d <= 0 ? 0 : d;
}
