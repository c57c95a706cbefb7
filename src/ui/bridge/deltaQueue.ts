/**
 * The worker's deltas, applied to the store once a frame: a big apply sends its changes in many
 * messages, and one store update (one React render) per frame keeps the page answering while they
 * arrive. A hidden tab gets no frames, so a timer applies them too.
 */
import type { ClockState, Delta } from "../../worker/protocol";
import { useStore } from "../store";

/** Deltas applied in one frame at most; more wait for the next frame. */
const DRAW_BATCH = 5000;
/** Real milliseconds before queued deltas apply without a frame (a hidden tab). */
const FALLBACK_MS = 100;

let queue: Delta[] = [];
let clock: ClockState | undefined;
let frame: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  if (frame === undefined) frame = requestAnimationFrame(drain);
  if (timer === undefined) timer = setTimeout(drain, FALLBACK_MS);
}

function cancel(): void {
  if (frame !== undefined) cancelAnimationFrame(frame);
  if (timer !== undefined) clearTimeout(timer);
  frame = undefined;
  timer = undefined;
}

function drain(): void {
  cancel();
  const batch = queue.length > DRAW_BATCH ? queue.splice(0, DRAW_BATCH) : queue;
  if (batch === queue) queue = [];
  const s = useStore.getState();
  // While an earlier instant is shown (the timeline), the live changes wait for back-to-now.
  if (batch.length && s.viewingAt === undefined) s.applyDeltas(batch);
  if (clock && queue.length === 0) s.setClock(clock);
  if (queue.length) schedule();
}

/** Queues a delta message's changes for the next frame. */
export function queueDeltas(deltas: Delta[], at: ClockState): void {
  for (const d of deltas) queue.push(d);
  clock = at;
  schedule();
}

/** Deltas not yet in the store (0 when the canvas shows everything the worker sent). */
export function queuedDeltas(): number {
  return queue.length;
}

/** Forgets queued deltas: a snapshot replaces the replica they were meant for. */
export function dropQueuedDeltas(): void {
  cancel();
  queue = [];
  clock = undefined;
}
