/**
 * Time controls: the timeline of simulated time (drag back to see the cluster then, read-only,
 * with a banner over the canvas), back to now, and Undo (also Ctrl+Z outside the editor and
 * terminal). The controls sit in the events panel's header; the banner over the canvas.
 */
import { useEffect, useRef, useState } from "react";
import { useStore } from "../store";
import { backToNow, undoLast, viewAt } from "./actions";
import "./time.css";

/** Real ms a dragged timeline waits before it asks for the instant (a drag asks once it rests). */
const SCRUB_DELAY_MS = 120;
/** Where Ctrl+Z belongs to someone else: the editor, the terminal, text fields. */
const OWNS_UNDO =
  '.xterm, .monaco-editor, input:not([type="range"]), textarea, select, [contenteditable="true"]';

function hms(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** Ctrl/⌘+Z outside the editor and terminal undoes the last action. */
function useUndoShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key.toLowerCase() !== "z") return;
      if (e.target instanceof Element && e.target.closest(OWNS_UNDO)) return;
      e.preventDefault();
      void undoLast();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** The timeline: a range over simulated time, from the earliest checkpoint to now. */
function Timeline() {
  const now = useStore((s) => s.clock.now);
  const earliest = useStore((s) => s.history.earliest);
  const viewingAt = useStore((s) => s.viewingAt);
  const [dragged, setDragged] = useState<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const min = Math.min(earliest ?? now, now);
  const value = dragged ?? viewingAt ?? now;
  useEffect(() => () => clearTimeout(timer.current), []);
  // Once the worker answered (or we are live again), the range follows the store.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when what is shown changes
  useEffect(() => setDragged(undefined), [viewingAt]);
  const onInput = (v: number) => {
    setDragged(v);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void viewAt(v), SCRUB_DELAY_MS);
  };
  return (
    <label className="timeline" title="Drag back to see the cluster as it was then">
      <span className="timeline-edge">{hms(min)}</span>
      <input
        type="range"
        data-testid="timeline"
        aria-label="Simulated time"
        aria-valuetext={viewingAt === undefined ? `now, ${hms(now)}` : hms(value)}
        min={min}
        max={now}
        step={1000}
        value={Math.min(Math.max(value, min), now)}
        disabled={now <= min}
        onChange={(e) => onInput(Number(e.target.value))}
      />
      <span className="timeline-edge">{viewingAt === undefined ? "now" : hms(now)}</span>
    </label>
  );
}

/** The banner while an earlier instant is shown. */
function PastBanner({ at }: { at: number }) {
  const now = useStore((s) => s.clock.now);
  const behind = Math.round((now - at) / 1000);
  return (
    <div className="past-banner" role="status" data-testid="past-banner">
      <strong>Viewing {hms(at)}</strong>
      <span>{behind} s ago · read-only; the live cluster runs on</span>
    </div>
  );
}

/** The timeline, back to now and undo, as the events panel's header shows them. */
export function TimeControls() {
  const viewingAt = useStore((s) => s.viewingAt);
  const undoLabel = useStore((s) => s.history.undo);
  const undoCount = useStore((s) => s.history.undoCount);
  const past = viewingAt !== undefined;
  return (
    <div className={`time-controls${past ? " past" : ""}`} data-testid="time-controls">
      <Timeline />
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="back-to-now"
        disabled={!past}
        onClick={backToNow}
        aria-label="Back to now"
        title="Show the live cluster"
      >
        <span className="wide-only">Back to </span>now
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="undo"
        disabled={past || !undoLabel}
        onClick={() => void undoLast()}
        title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : "Nothing to undo"}
        aria-keyshortcuts="Control+Z"
      >
        Undo{undoCount > 1 ? ` (${undoCount})` : ""}
      </button>
    </div>
  );
}

/**
 * Over the canvas: nothing while live (Ctrl+Z is listened for); while an earlier instant is
 * shown, the read-only banner with its way back.
 */
export function TimeStrip() {
  useUndoShortcut();
  const viewingAt = useStore((s) => s.viewingAt);
  const past = viewingAt !== undefined;
  useEffect(() => {
    document.documentElement.toggleAttribute("data-viewing-past", past);
  }, [past]);
  if (!past) return null;
  return (
    <div className="time-strip past" data-testid="time-strip">
      <PastBanner at={viewingAt} />
      <button type="button" className="btn btn-primary" onClick={backToNow}>
        Back to now
      </button>
    </div>
  );
}
