/** The events about one object, newest first, as `kubectl describe` lists them (type, reason, age, message). */
import { useShallow } from "zustand/react/shallow";
import type { KubeObject } from "../../engine/api/types";
import { translateTimestampSince } from "../../kubectl/printers/duration";
import { useStore } from "../store";
import { Section } from "./Section";

/** Events shown at most (the newest). */
export const EVENTS_SHOWN = 30;

function lastSeen(e: KubeObject): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? "";
}

/** Newest first: by last-seen time, then (same second) by resourceVersion, which only grows. */
function newestFirst(a: KubeObject, b: KubeObject): number {
  const ta = lastSeen(a);
  const tb = lastSeen(b);
  if (ta !== tb) return ta < tb ? 1 : -1;
  return Number(b.metadata.resourceVersion ?? 0) - Number(a.metadata.resourceVersion ?? 0);
}

/**
 * The events whose involvedObject is this object (by kind and name, and namespace when given),
 * newest first, EVENTS_SHOWN at most.
 */
export function eventsFor(
  events: Iterable<KubeObject>,
  kind: string,
  namespace: string | undefined,
  name: string,
): KubeObject[] {
  return [...events]
    .filter(
      (e) =>
        e.involvedObject?.kind === kind &&
        e.involvedObject?.name === name &&
        (namespace === undefined || e.involvedObject?.namespace === namespace),
    )
    .sort(newestFirst)
    .slice(0, EVENTS_SHOWN);
}

/** eventsFor over the replica's events, re-rendering only when that list changes. */
function useEventsFor(kind: string, namespace: string | undefined, name: string): KubeObject[] {
  return useStore(useShallow((s) => eventsFor(Object.values(s.others.Event ?? {}), kind, namespace, name)));
}

/** The events section. */
export function Events({ kind, namespace, name }: { kind: string; namespace?: string; name: string }) {
  const events = useEventsFor(kind, namespace, name);
  const now = useStore((s) => s.clock.now);
  return (
    <Section title="Events" hint={events.length ? String(events.length) : undefined}>
      {events.length === 0 ? (
        <p className="hint">No events.</p>
      ) : (
        <ul className="inspector-events">
          {events.map((e) => {
            const count = e.series?.count ?? e.count ?? 1;
            return (
              <li key={e.metadata.name} className={e.type === "Warning" ? "warning" : ""}>
                <span className="event-reason">{e.reason}</span>
                <span className="event-age">
                  {translateTimestampSince(lastSeen(e), now)}
                  {count > 1 ? ` (x${count})` : ""}
                </span>
                <span className="event-message">{e.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
