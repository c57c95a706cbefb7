/**
 * Shared cell helpers of printers.go: label and selector strings, container cells, booleans.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";

/** A table cell as printers.go produces it; the table printer prints it with Go's %v. */
export type CellValue = string | number | boolean;

/** The options a row function sees. */
export interface RowOptions {
  /** The instant ages are measured at (ms since epoch). */
  now: number;
  wide: boolean;
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(",");
}

/** Byte-wise string order, as Go's sort.Strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key, `k=v`,
 * `k in (a,b)`, `k notin (a)`, `k`, `!k`; "" for an empty selector.
 */
export function labelSelectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return "";
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector.matchExpressions ?? []) {
    const vals = [...new Set(e.values ?? [])].sort(compareStrings).join(",");
    if (e.operator === "In") reqs.push({ key: e.key, text: `${e.key} in (${vals})` });
    else if (e.operator === "NotIn") reqs.push({ key: e.key, text: `${e.key} notin (${vals})` });
    else if (e.operator === "Exists") reqs.push({ key: e.key, text: e.key });
    else if (e.operator === "DoesNotExist") reqs.push({ key: e.key, text: `!${e.key}` });
  }
  reqs.sort((a, b) => compareStrings(a.key, b.key));
  return reqs.map((r) => r.text).join(",");
}

/** metav1.FormatLabelSelector: labelSelectorString, or `<none>` when that is empty. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return labelSelectorString(selector) || "<none>";
}

/** layoutContainerCells: container names and images, comma separated. */
export function layoutContainerCells(
  containers: { name: string; image?: string }[] | undefined,
): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(","), list.map((c) => c.image ?? "").join(",")];
}

/** printBoolPtr: `True`/`False`, `<unset>` when nil. */
export function printBoolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return "<unset>";
  return v ? "True" : "False";
}

/** The cell text Go's fmt %v gives a value. */
export function cellText(v: CellValue | undefined | null): string {
  if (v === undefined || v === null) return "<nil>";
  return String(v);
}
