/** The editor's progress bar while an apply runs: objects applied of all, then the cluster at work. */
import { useEffect, useState } from "react";

/** Real milliseconds an apply runs before the bar shows (a small apply never flashes it). */
const SHOW_AFTER_MS = 200;

export interface ApplyProgressProps {
  /** Objects applied so far and in all, once the worker has said. */
  progress?: { done: number; total: number };
}

/** Shown while busy; mounts when an apply starts and unmounts when its result comes. */
export function ApplyProgress({ progress }: ApplyProgressProps) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  if (!shown) return null;
  const applying = progress !== undefined && progress.done < progress.total;
  const text = !progress
    ? "Sending the manifest to the cluster…"
    : applying
      ? `Applying ${progress.done} of ${progress.total} objects…`
      : `Applied ${progress.total} objects; controllers, scheduler and kubelets at work…`;
  return (
    <div className="apply-progress" data-testid="apply-progress" role="status">
      <progress
        aria-label="Apply progress"
        max={applying ? progress.total : undefined}
        value={applying ? progress.done : undefined}
      />
      <span>{text}</span>
    </div>
  );
}
