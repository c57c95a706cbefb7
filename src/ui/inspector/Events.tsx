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

const NO_EVENTS: Record<string, KubeObject> = {};
/** The events by involved object (`kind/name` and `kind/namespace/name`), per version of the Event map. */
const indexes = new WeakMap<Record<string, KubeObject>, Map<string, KubeObject[]>>();

function byObject(events: Record<string, KubeObject>): Map<string, KubeObject[]> {
  let index = indexes.get(events);
  if (index) return index;
  index = new Map();
  for (const e of Object.values(events)) {
    const io = e.involvedObject ?? {};
    for (const key of new Set([`${io.kind}//${io.name}`, `${io.kind}/${io.namespace ?? ""}/${io.name}`])) {
      const list = index.get(key) ?? [];
      list.push(e);
      index.set(key, list);
    }
  }
  indexes.set(events, index);
  return index;
}

/**
 * eventsFor over the replica's events, re-rendering only when that list changes. The store copies
 * the Event map only when an event changes, so the index is built once per change, not per render
 * (a 1000-node cluster holds tens of thousands of events).
 */
function useEventsFor(kind: string, namespace: string | undefined, name: string): KubeObject[] {
  return useStore(
    useShallow((s) => {
      const index = byObject(s.others.Event ?? NO_EVENTS);
      const candidates = index.get(`${kind}/${namespace === undefined ? "" : namespace}/${name}`) ?? [];
      return eventsFor(
        namespace === undefined ? (index.get(`${kind}//${name}`) ?? []) : candidates,
        kind,
        namespace,
        name,
      );
    }),
  );
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
