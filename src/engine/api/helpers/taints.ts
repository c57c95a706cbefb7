/** Taint and toleration matching, as k8s.io/api core/v1 toleration.go and component-helpers/scheduling/corev1 have it; shared by the scheduler, controllers and node lifecycle. */
import type { Taint, Toleration } from "../kinds";

/** Whether a toleration tolerates a taint (Toleration.ToleratesTaint). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? "Equal") {
    case "":
    case "Equal":
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/** Whether any toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true;
  return false;
}

/**
 * The first taint, among those inclusionFilter keeps (all when it is undefined), that no
 * toleration tolerates (FindMatchingUntoleratedTaint).
 */
export function findMatchingUntoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  inclusionFilter?: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (inclusionFilter && !inclusionFilter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Taints with effect NoSchedule or NoExecute (DoNotScheduleTaintsFilterFunc). */
export const doNotScheduleTaints = (t: Taint): boolean =>
  t.effect === "NoSchedule" || t.effect === "NoExecute";
