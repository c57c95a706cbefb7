/** Taints written as `kubectl taint` takes them: `key=value:Effect`, `key:Effect`. */
import type { Taint } from "../engine/api/kinds";

const EFFECTS = new Set(["NoSchedule", "PreferNoSchedule", "NoExecute"]);

/** The taint a `key[=value]:Effect` text names, or undefined when it is not one. */
export function parseTaint(text: string): Taint | undefined {
  const m = /^([^=:\s]+)(?:=([^:\s]*))?:(\w+)$/.exec(text.trim());
  if (!m || !EFFECTS.has(m[3] as string)) return undefined;
  const taint: Taint = { key: m[1] as string, effect: m[3] as Taint["effect"] };
  if (m[2]) taint.value = m[2];
  return taint;
}

/** `key=value:Effect` (or `key:Effect`) for a taint. */
export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

/** Whether two taints are the same key, value and effect. */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && (a.value ?? "") === (b.value ?? "") && a.effect === b.effect;
}
