/** Score normalizing shared by plugins (plugins/helper/normalize_score.go). */
import type { NodeScore } from "../../framework/interface";

/**
 * Scales scores onto [0, maxPriority] by the highest score; reverse flips them
 * (DefaultNormalizeScore). All zeros stay zero, or become maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((maxPriority * s.score) / max);
    if (reverse) v = maxPriority - v;
    s.score = v;
  }
}
