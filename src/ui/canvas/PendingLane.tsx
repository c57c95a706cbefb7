/** Pods no node has taken, each with the scheduler's FailedScheduling reason. */
import { memo } from "react";
import { useStore } from "../store";
import { UNSCHEDULED } from "../store/objects";
import { PodChip } from "./PodChip";

const EMPTY: string[] = [];

const PendingRow = memo(function PendingRow({ podKey }: { podKey: string }) {
  const reason = useStore((s) => s.schedulingReasons[podKey]);
  return (
    <li className="pending-row">
      <PodChip podKey={podKey} />
      <span className="pending-reason" title={reason}>
        {reason ?? "Waiting for the scheduler…"}
      </span>
    </li>
  );
});

/** The lane above the canvas. */
export function PendingLane() {
  const keys = useStore((s) => s.podsByNode[UNSCHEDULED] ?? EMPTY);
  return (
    <section
      className={`pending-lane${keys.length ? "" : " empty"}`}
      data-testid="pending-lane"
      aria-label="Pending pods"
    >
      <h2>
        Pending <span className="count">{keys.length}</span>
      </h2>
      {keys.length === 0 ? (
        <span className="hint">Every pod is scheduled.</span>
      ) : (
        <ul>
          {keys.map((k) => (
            <PendingRow key={k} podKey={k} />
          ))}
        </ul>
      )}
    </section>
  );
}
