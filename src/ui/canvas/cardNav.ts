/**
 * Moving between node cards with the arrow keys: the card beside, above or below in the grid the
 * layout draws (layout.ts), Home and End for the first and last. Pure.
 */
import { columnsFor } from "./layout";

/** The keys that move between cards. */
export type CardKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End";

/** Whether a key moves between cards. */
export function isCardKey(key: string): key is CardKey {
  return ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(key);
}

/**
 * The card a key moves to from `from` in `order` (display order, laid out in rows of
 * columnsFor(order.length)); undefined at an edge or for a name not in the order. Down from a
 * column the short last row does not reach lands on the last card.
 */
export function neighbourCard(order: readonly string[], from: string, key: CardKey): string | undefined {
  const i = order.indexOf(from);
  if (i < 0 || order.length === 0) return undefined;
  const cols = columnsFor(order.length);
  const col = i % cols;
  let j: number;
  switch (key) {
    case "ArrowLeft":
      j = col === 0 ? -1 : i - 1;
      break;
    case "ArrowRight":
      j = col === cols - 1 || i === order.length - 1 ? -1 : i + 1;
      break;
    case "ArrowUp":
      j = i - cols;
      break;
    case "ArrowDown":
      j =
        i + cols < order.length
          ? i + cols
          : Math.floor(i / cols) < Math.floor((order.length - 1) / cols)
            ? order.length - 1
            : -1;
      break;
    case "Home":
      j = 0;
      break;
    case "End":
      j = order.length - 1;
      break;
  }
  return j >= 0 && j !== i ? order[j] : undefined;
}
