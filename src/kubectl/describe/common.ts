/**
 * Pieces describe.go shares between kinds: labels, annotations, taints, tolerations, the Events
 * table, RFC 1123 times, and the events of an object.
 */
import type { ApiReader } from "../../engine/api/interface";
import type { KubeObject } from "../../engine/api/types";
import { compareStrings } from "../printers/common";
import { parseTime, translateTimestampSince } from "../printers/duration";
import { sortEventsByLastTimestamp } from "../printers/events";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./writer";

// biome-ignore lint/suspicious/noExplicitAny: describe reads open JSON
export type Any = any;

/** What describe needs besides the object: the store (events, pods) and the current time. */
export interface DescribeContext {
  api: ApiReader;
  /** Now, in ms since the epoch. */
  now: number;
  /** --show-events (default true). */
  showEvents?: boolean;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`; Go's zero time when unset. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = parseTime(ts);
  if (t === undefined) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Byte length of a string in UTF-8, as Go's len(). */
function byteLen(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** printLabelsMultilineWithIndent. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = "",
  innerIndent = "\t",
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${key}=${(labels as Record<string, string>)[key]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

/** printAnnotationsMultiline: long or multi-line values go on their own lines, cut at 138. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined | null,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(compareStrings);
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const indent = "\t";
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = ((annotations as Record<string, string>)[key] ?? "").replace(/\n$/, "");
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n"))
        w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length > max) return `${new TextDecoder().decode(bytes.slice(0, max))}...`;
  return s;
}

/** Taint.ToString: `key=value:Effect`, `key:Effect`. */
export function taintString(t: Any): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : `${t.key}`;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent: sorted by effect then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Any[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const key = (t: Any) => `${t.effect ?? ""},${t.key ?? ""}`;
  list.sort((a, b) => compareStrings(key(a), key(b)));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: Any[] | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  list.sort((a, b) => compareStrings(a.key ?? "", b.key ?? ""));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** The annotation a mirror pod carries: the static pod's UID, which the kubelet's events name. */
const MirrorPodAnnotationKey = "kubernetes.io/config.mirror";

/**
 * searchEvents: the events whose involvedObject is obj (name, namespace, kind, uid). For a node,
 * also those with the node's name as uid (kubelet events); for a mirror pod, those of its static
 * pod, whose UID the config.mirror annotation holds (describe.go PodDescriber).
 */
export function eventsFor(obj: KubeObject, api: ApiReader, options: { matchKind?: boolean } = {}): Any[] {
  const ns = obj.metadata.namespace;
  const mirrorOf = obj.kind === "Pod" ? obj.metadata.annotations?.[MirrorPodAnnotationKey] : undefined;
  const uids = new Set(
    [mirrorOf ?? obj.metadata.uid, obj.kind === "Node" ? obj.metadata.name : undefined].filter(Boolean),
  );
  return api.list("Event", ns ? { namespace: ns } : {}).filter((e: Any) => {
    const io = e.involvedObject ?? {};
    if (io.name !== obj.metadata.name) return false;
    if ((io.namespace ?? "") !== (ns ?? "") && !(obj.kind === "Node" && !io.namespace)) return false;
    if (options.matchKind !== false && io.kind && io.kind !== obj.kind) return false;
    if (io.uid && uids.size > 0 && !uids.has(io.uid)) return false;
    return true;
  });
}

/** DescribeEvents: the Events table (flushing the block before it), or `Events:  <none>`. */
export function describeEvents(events: Any[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sortEventsByLastTimestamp(events)) {
    let firstTimestampSince = translateTimestampSince(e.eventTime, now);
    if (!parseTime(e.eventTime)) firstTimestampSince = translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series)
      interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstTimestampSince})`;
    else if ((e.count ?? 0) > 1)
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstTimestampSince})`;
    else interval = firstTimestampSince;
    const source = e.source?.component || e.reportingComponent || e.reportingController || "";
    w.write(
      LEVEL_1,
      `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${String(e.message ?? "").trim()}\n`,
    );
  }
}

/** printController: `Kind/name` of the controller owner, "" without one. */
export function printController(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

/** printBool: True / False. */
export function printBool(v: boolean | undefined): string {
  return v ? "True" : "False";
}
