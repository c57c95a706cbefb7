/** Taint and toleration helpers (component-helpers/scheduling/corev1, pkg/util/taints). */
import { toleratesTaint } from "../api/helpers/taints";
import type { Taint, Toleration } from "../api/kinds";

/**
 * getMatchingTolerations: whether every taint is tolerated, and the tolerations used (the first
 * matching one for each taint).
 */
export function matchingTolerations(
  taints: Taint[],
  tolerations: Toleration[],
): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: the smallest tolerationSeconds in seconds, -1 when all tolerate forever. */
export function minTolerationTime(tolerations: Toleration[]): number {
  let min = -1;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const s = Math.max(0, t.tolerationSeconds);
    if (min < 0 || s < min) min = s;
  }
  return min;
}

/** "key[=value]:Effect". */
export function taintString(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}
