/** How far to pan so that a box on screen shows inside a frame (the canvas): pure geometry. */

/** A rectangle in screen pixels. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Screen pixels kept between the selection and the canvas's edge. */
export const MARGIN = 24;

/** The shift along one axis: none when inside; to the near edge when out; a too-big box's start. */
function shift(lo: number, hi: number, frameLo: number, frameHi: number, margin: number): number {
  const min = frameLo + margin;
  const max = frameHi - margin;
  if (hi - lo > max - min) return lo < min || lo > max ? min - lo : 0;
  if (lo < min) return min - lo;
  if (hi > max) return max - hi;
  return 0;
}

/** The pan (dx, dy) that brings box into frame, keeping margin pixels from its edges. */
export function panToFit(box: Box, frame: Box, margin = MARGIN): { dx: number; dy: number } {
  return {
    dx: shift(box.left, box.right, frame.left, frame.right, margin),
    dy: shift(box.top, box.bottom, frame.top, frame.bottom, margin),
  };
}
