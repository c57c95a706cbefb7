/**
 * The Event table of `kubectl get events` (printers.go printEvent) and the event order describe
 * uses (SortableEvents).
 */
import type { KubeObject } from "../../engine/api/types";
import type { CellValue, RowOptions } from "./common";
import { compareStrings } from "./common";
import { parseTime, translateTimestampSince } from "./duration";
import type { TableHandler } from "./kinds";

// biome-ignore lint/suspicious/noExplicitAny: events are open JSON here
type Any = any;

/** formatEventSource: `component, host` (reportingController/Instance when source is empty). */
export function formatEventSource(e: Any): string {
  const component = e.source?.component || e.reportingComponent || e.reportingController || "";
  const instance = e.source?.host || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent's cells. */
export function eventRow(e: Any, o: RowOptions): CellValue[] {
  let firstTimestamp = translateTimestampSince(e.firstTimestamp, o.now);
  if (!parseTime(e.firstTimestamp)) firstTimestamp = translateTimestampSince(e.eventTime, o.now);
  let lastTimestamp = translateTimestampSince(e.lastTimestamp, o.now);
  if (!parseTime(e.lastTimestamp)) lastTimestamp = firstTimestamp;
  let count: number = e.count ?? 0;
  if (e.series) {
    lastTimestamp = translateTimestampSince(e.series.lastObservedTime, o.now);
    count = e.series.count ?? 0;
  } else if (count === 0) count = 1;
  const io = e.involvedObject ?? {};
  const kind = String(io.kind ?? "").toLowerCase();
  const target = io.name ? `${kind}/${io.name}` : kind;
  const message = String(e.message ?? "").trim();
  if (o.wide)
    return [
      lastTimestamp,
      e.type ?? "",
      e.reason ?? "",
      target,
      io.fieldPath ?? "",
      formatEventSource(e),
      message,
      firstTimestamp,
      count,
      e.metadata?.name ?? "",
    ];
  return [lastTimestamp, e.type ?? "", e.reason ?? "", target, message];
}

/** The Event table handler. */
export const EVENT_HANDLER: TableHandler = {
  columns: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
  wideColumns: ["SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "NAME"],
  nameColumn: -1,
  wideNameColumn: 9,
  row: eventRow,
  headers: eventHeaders,
};

/** The header order differs between plain and wide tables: MESSAGE moves before the wide columns. */
function eventHeaders(wide: boolean): string[] {
  return wide
    ? [
        "LAST SEEN",
        "TYPE",
        "REASON",
        "OBJECT",
        "SUBOBJECT",
        "SOURCE",
        "MESSAGE",
        "FIRST SEEN",
        "COUNT",
        "NAME",
      ]
    : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
}

/**
 * The order `kubectl get events` shows: the API server's list order, by namespace then name
 * (kubectl get does not sort events unless --sort-by is given).
 */
export function sortByNamespaceName(objs: KubeObject[]): KubeObject[] {
  return [...objs].sort(
    (a, b) =>
      compareStrings(a.metadata.namespace ?? "", b.metadata.namespace ?? "") ||
      compareStrings(a.metadata.name ?? "", b.metadata.name ?? ""),
  );
}

/** event.SortableEvents as describe uses it: stable by lastTimestamp (unset first). */
export function sortEventsByLastTimestamp<T extends Any>(events: T[]): T[] {
  const t = (e: Any) => parseTime(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  return [...events].sort((a, b) => t(a) - t(b));
}
