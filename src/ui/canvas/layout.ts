/**
 * Where node cards sit: a stable grid in display order (a node keeps its slot as pods come and
 * go), and each card's height from what it holds, so rows never overlap. Pure.
 */

/** Card geometry in canvas pixels; NodeCard's CSS follows these numbers. */
export const CARD = {
  width: 392,
  padding: 14,
  header: 48,
  taintRow: 26,
  labelRow: 18,
  bars: 66,
  podsTitle: 24,
  chipRow: 27,
  chipsPerRow: 2,
  gapX: 48,
  gapY: 48,
  /** Chips shown before "+N more". */
  maxChips: 40,
} as const;

/** The height of a node card holding taints, listed labels and pods. */
export function cardHeight(taints: number, pods: number, labels = 0): number {
  const shown = Math.min(pods, CARD.maxChips) + (pods > CARD.maxChips ? 1 : 0);
  const rows = Math.max(1, Math.ceil(shown / CARD.chipsPerRow));
  return (
    CARD.padding * 2 +
    CARD.header +
    (labels ? labels * CARD.labelRow + 6 : 0) +
    (taints ? taints * CARD.taintRow + 6 : 0) +
    CARD.bars +
    CARD.podsTitle +
    rows * CARD.chipRow
  );
}

/** Columns of the grid for n nodes: roughly square, so cards stay readable when fitted. */
export function columnsFor(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/** Top-left positions of cards laid out in rows; each row as tall as its tallest card. */
export function layoutCards(
  order: readonly string[],
  heights: Record<string, number>,
): Record<string, { x: number; y: number }> {
  const cols = columnsFor(order.length);
  const out: Record<string, { x: number; y: number }> = {};
  let y = 0;
  for (let row = 0; row * cols < order.length; row++) {
    const names = order.slice(row * cols, row * cols + cols);
    let tallest = 0;
    names.forEach((name, col) => {
      out[name] = { x: col * (CARD.width + CARD.gapX), y };
      tallest = Math.max(tallest, heights[name] ?? 0);
    });
    y += tallest + CARD.gapY;
  }
  return out;
}

/** The node whose card covers the canvas point (x, y), if any. */
export function cardAt(
  positions: Record<string, { x: number; y: number }>,
  heights: Record<string, number>,
  x: number,
  y: number,
): string | undefined {
  for (const [name, p] of Object.entries(positions))
    if (x >= p.x && x <= p.x + CARD.width && y >= p.y && y <= p.y + (heights[name] ?? 0)) return name;
  return undefined;
}
