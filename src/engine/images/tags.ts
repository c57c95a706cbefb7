/**
 * A compact notation for the tags a registry holds: version series with their patch releases,
 * the shorter tags pointing at the newest of each, and suffix variants (`-alpine`, `-slim`).
 */

/** A release series: `1.27` with patches 0..last, or an explicit list of patch numbers. */
export interface Series {
  /** `1.27` */
  minor: string;
  /** The last patch number (0..last all exist), or the patch numbers that exist. */
  patches: number | number[];
}

/** `{ "1.27": 5 }`-style series, newest first or in any order. */
export type SeriesSpec = Record<string, number | number[]>;

function patchList(p: number | number[]): number[] {
  return Array.isArray(p) ? p : Array.from({ length: p + 1 }, (_, i) => i);
}

/** Every full version of a spec: `1.27.0` ... `1.27.5`. */
export function fullVersions(spec: SeriesSpec, prefix = ""): string[] {
  return Object.entries(spec).flatMap(([minor, p]) => patchList(p).map((n) => `${prefix}${minor}.${n}`));
}

/**
 * The version tags of a spec: each full version, each minor (`1.27`) and each major (`1`).
 * @example versionTags({ "1.27": 1 }) // ["1.27.0", "1.27.1", "1.27", "1"]
 */
export function versionTags(
  spec: SeriesSpec,
  options: { majors?: boolean; minors?: boolean } = {},
): string[] {
  const out = fullVersions(spec);
  if (options.minors !== false) out.push(...Object.keys(spec));
  if (options.majors !== false) out.push(...new Set(Object.keys(spec).map((m) => m.split(".")[0] as string)));
  return out;
}

/** Each tag with each suffix (`""` keeps the bare tag). */
export function withSuffixes(tags: readonly string[], suffixes: readonly string[]): string[] {
  return tags.flatMap((t) => suffixes.map((s) => `${t}${s}`));
}

/** The newest full version a tag names within a spec: `1.27` → `1.27.5`, `1` → the newest 1.x.y. */
export function newestFor(spec: SeriesSpec, versionTag: string): string | undefined {
  const all = fullVersions(spec).filter((v) => v === versionTag || v.startsWith(`${versionTag}.`));
  return all.sort(compareVersions).pop();
}

/** Orders dotted versions numerically: 1.9.0 < 1.10.0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
