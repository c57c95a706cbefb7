/**
 * Pointer-driven drag and drop between the palette, node cards and the canvas: a ghost follows
 * the pointer and node cards under it light up. Pointer events (not HTML5 drag) so it behaves the
 * same with a mouse, a pen, and Playwright's mouse.
 */

/** Pixels the pointer must move before a press becomes a drag. */
const DRAG_THRESHOLD = 4;

/** Where a drag ended: the node card under the pointer, if any. */
export interface DropTarget {
  node?: string;
}

/** Options of one drag. */
export interface DragOptions {
  /** Text of the ghost. */
  label: string;
  /** CSS class added to the ghost (its colour). */
  className?: string;
  onDrop(target: DropTarget): void;
}

function nodeCardAt(x: number, y: number): HTMLElement | null {
  const el = document.elementFromPoint(x, y);
  return (el?.closest('[data-testid="node-card"]') as HTMLElement | null) ?? null;
}

/** Starts tracking a drag from a pointerdown; a click that never moves is not a drag. */
export function beginDrag(down: React.PointerEvent, options: DragOptions): void {
  if (down.button !== 0) return;
  down.preventDefault();
  down.stopPropagation();
  const startX = down.clientX;
  const startY = down.clientY;
  let ghost: HTMLDivElement | undefined;
  let hovered: HTMLElement | null = null;

  const move = (e: PointerEvent) => {
    if (!ghost) {
      if (Math.hypot(e.clientX - startX, e.clientY - startY) < DRAG_THRESHOLD) return;
      ghost = document.createElement("div");
      ghost.className = `drag-ghost ${options.className ?? ""}`;
      ghost.textContent = options.label;
      document.body.appendChild(ghost);
      document.body.classList.add("dragging");
    }
    ghost.style.transform = `translate(${e.clientX + 10}px, ${e.clientY + 8}px)`;
    const card = nodeCardAt(e.clientX, e.clientY);
    if (card !== hovered) {
      hovered?.classList.remove("drop-target");
      card?.classList.add("drop-target");
      hovered = card;
    }
  };
  const up = (e: PointerEvent) => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    hovered?.classList.remove("drop-target");
    document.body.classList.remove("dragging");
    if (!ghost) return;
    ghost.remove();
    const card = nodeCardAt(e.clientX, e.clientY);
    options.onDrop({ node: card?.dataset.node });
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}
