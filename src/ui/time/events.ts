/**
 * The events panel's rows: the replica's Event objects (core/v1 and events.k8s.io/v1 alike), newest
 * first, and the filters by type, reason and object. Pure.
 */
import type { KubeObject } from "../../engine/api/types";

/** Rows the panel shows at most (the newest; the API server keeps events an hour). */
export const MAX_EVENT_ROWS = 500;

/** One event as a row. */
export interface EventRow {
  /** The Event's own "namespace/name". */
  key: string;
  type: string;
  reason: string;
  /** The object it is about: "Kind/namespace/name", or "Kind/name" for cluster-scoped ones. */
  object: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  count: number;
  /** When last seen (RFC 3339). */
  last: string;
  /** The store's resourceVersion: orders events seen in the same second. */
  rv: number;
}

/** What the panel filters by; empty strings match everything. */
export interface EventFilter {
  type: "" | "Normal" | "Warning";
  reason: string;
  /** A part of the object reference ("node01", "Pod/default/web"), case-insensitive. */
  object: string;
}

/** The object an event is about, as a row names it: "Pod/default/web-1", "Node/node01". */
export function objectRef(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** An Event as a row (core/v1 involvedObject or events.k8s.io/v1 regarding). */
export function toRow(e: KubeObject): EventRow {
  const about = e.involvedObject ?? e.regarding ?? {};
  const kind = String(about.kind ?? "");
  const namespace = about.namespace ? String(about.namespace) : undefined;
  const name = String(about.name ?? "");
  return {
    key: `${e.metadata.namespace ?? ""}/${e.metadata.name ?? ""}`,
    type: String(e.type ?? "Normal"),
    reason: String(e.reason ?? ""),
    object: objectRef(kind, namespace, name),
    kind,
    namespace,
    name,
    message: String(e.message ?? e.note ?? ""),
    count: Number(e.series?.count ?? e.count ?? 1),
    last: String(
      e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? "",
    ),
    rv: Number(e.metadata.resourceVersion ?? 0),
  };
}

/** Newest first: by last-seen time, then by resourceVersion. */
function newestFirst(a: EventRow, b: EventRow): number {
  if (a.last !== b.last) return a.last < b.last ? 1 : -1;
  return b.rv - a.rv;
}

/** The rows of the events matching filter, newest first, MAX_EVENT_ROWS at most. */
export function eventRows(events: Iterable<KubeObject>, filter: EventFilter): EventRow[] {
  const needle = filter.object.trim().toLowerCase();
  const rows: EventRow[] = [];
  for (const e of events) {
    const row = toRow(e);
    if (filter.type && row.type !== filter.type) continue;
    if (filter.reason && row.reason !== filter.reason) continue;
    if (needle && !row.object.toLowerCase().includes(needle)) continue;
    rows.push(row);
  }
  return rows.sort(newestFirst).slice(0, MAX_EVENT_ROWS);
}

/** The distinct reasons among the events, sorted (the reason filter's choices). */
export function reasonsOf(events: Iterable<KubeObject>): string[] {
  const set = new Set<string>();
  for (const e of events) if (e.reason) set.add(String(e.reason));
  return [...set].sort();
}
