/**
 * Where things sit in canvas coordinates, from the layout alone (no DOM reads, so it holds for
 * culled cards too): a pod chip's centre inside its card, a card's anchor for edges.
 */
import { CARD } from "./layout";

/** A point in canvas (flow) coordinates. */
export interface Point {
  x: number;
  y: number;
}

const CHIP_W = (CARD.width - CARD.padding * 2 - 6) / CARD.chipsPerRow;
const CHIP_H = 22;

/** Top of the chip grid in a card with this many taints. */
function chipsTop(taints: number): number {
  return CARD.padding + CARD.header + (taints ? taints * CARD.taintRow + 6 : 0) + CARD.bars + CARD.podsTitle;
}

/**
 * The centre of the chip at `index` in a card at `card` with `taints` taints, or the card's
 * "+N more" row when the chip is not shown; when `detailed` is false (no chips drawn), the
 * card's pod summary.
 */
export function chipCentre(card: Point, taints: number, index: number, detailed: boolean): Point {
  const top = card.y + chipsTop(taints);
  if (!detailed) return { x: card.x + CARD.width / 2, y: top + 20 };
  const i = Math.min(index, CARD.maxChips);
  const col = i % CARD.chipsPerRow;
  const row = Math.floor(i / CARD.chipsPerRow);
  return {
    x: card.x + CARD.padding + col * (CHIP_W + 6) + CHIP_W / 2,
    y: top + row * CARD.chipRow + CHIP_H / 2,
  };
}

/** Where an edge meets a node card: the middle of its header. */
export function cardAnchor(card: Point): Point {
  return { x: card.x + CARD.width / 2, y: card.y + CARD.padding + 16 };
}

/** An SVG path from a to b, bowed sideways so that edges between close points stay apart. */
export function curvePath(a: Point, b: Point): string {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bow = Math.min(120, len * 0.2);
  const cx = mx - (dy / len) * bow;
  const cy = my + (dx / len) * bow;
  return `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
}

/** The point halfway along curvePath(a, b), for its label. */
export function curveMid(a: Point, b: Point): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bow = Math.min(120, len * 0.2) / 2;
  return { x: (a.x + b.x) / 2 - (dy / len) * bow, y: (a.y + b.y) / 2 + (dx / len) * bow };
}
