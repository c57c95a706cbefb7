/**
 * Pane sizes kept across reloads, per group and per set of panes shown (the inspector comes and
 * goes). A set never seen before starts from the last one saved: panes it shares keep their size,
 * a new pane takes its default share from the flexible pane, a pane gone gives its share back.
 */
import type { Layout, LayoutChangedMeta, LayoutStorage } from "react-resizable-panels";

/** What one group keeps: its layouts by pane set ("a,b,c"), and the set saved last. */
export interface SavedLayouts {
  last?: string;
  layouts: Record<string, Layout>;
}

/** The stored layouts of a group; none when absent or unreadable. */
export function readLayouts(storage: LayoutStorage, id: string): SavedLayouts {
  try {
    const v: unknown = JSON.parse(storage.getItem(id) ?? "null");
    if (v && typeof v === "object" && "layouts" in v && typeof v.layouts === "object" && v.layouts)
      return v as SavedLayouts;
  } catch {
    // Unreadable: start from the defaults.
  }
  return { layouts: {} };
}

function isLayoutOf(layout: Layout | undefined, panelIds: readonly string[]): layout is Layout {
  return !!layout && panelIds.every((p) => typeof layout[p] === "number" && Number.isFinite(layout[p]));
}

/**
 * The layout (percentages by pane id) to start a set of panes with: the one saved for this set,
 * else one derived from the last saved set (see the file comment), else undefined (the panes'
 * default sizes). added gives the share, in percent, of a pane the last set did not have.
 */
export function layoutFor(
  saved: SavedLayouts,
  panelIds: readonly string[],
  flex: string,
  added: Record<string, number>,
): Layout | undefined {
  const exact = saved.layouts[panelIds.join(",")];
  if (isLayoutOf(exact, panelIds)) return exact;
  const base = saved.last ? saved.layouts[saved.last] : undefined;
  if (!base || typeof base[flex] !== "number" || !panelIds.includes(flex)) return undefined;
  const out: Layout = {};
  let toFlex = 0;
  for (const p of panelIds) {
    const size = typeof base[p] === "number" ? base[p] : added[p];
    if (size === undefined) return undefined;
    out[p] = size;
    if (typeof base[p] !== "number") toFlex -= size;
  }
  for (const [p, size] of Object.entries(base)) if (!panelIds.includes(p)) toFlex += size;
  out[flex] = (out[flex] ?? 0) + toFlex;
  return (out[flex] ?? 0) > 0 ? out : undefined;
}

/** The saved layouts with this set's new layout (the one asked for, before constraints). */
export function withLayout(
  saved: SavedLayouts,
  panelIds: readonly string[],
  layout: Layout,
  meta?: LayoutChangedMeta,
): SavedLayouts {
  const key = panelIds.join(",");
  const requested = meta?.requestedLayout;
  return {
    last: key,
    layouts: { ...saved.layouts, [key]: isLayoutOf(requested, panelIds) ? requested : layout },
  };
}
