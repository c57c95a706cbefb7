/**
 * `kubectl events` (staging/src/k8s.io/kubectl/pkg/cmd/events/{events.go,event_printer.go}):
 * events sorted by time, LAST SEEN TYPE REASON OBJECT MESSAGE, --for, --types, -A.
 */
import type { KubeObject } from "../../engine/api/types";
import { mustResolve } from "../builder";
import { type Command, F, KubectlError } from "../command";
import { TABLE_TABWRITER, tabwrite, translateTimestampSince } from "../printers";
import { printObjects } from "../render";

/** event_printer.go getInterval. */
function interval(e: KubeObject, now: number): string {
  const first = e.eventTime
    ? translateTimestampSince(e.eventTime, now)
    : translateTimestampSince(e.firstTimestamp, now);
  if (e.series)
    return `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1)
    return `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export const events: Command = {
  name: "events",
  flags: [
    F.allNamespaces,
    F.output,
    { name: "for", type: "string" },
    { name: "types", type: "stringArray" },
    { name: "no-headers", type: "bool" },
    { name: "watch", short: "w", type: "bool" },
    { name: "chunk-size", type: "int" },
  ],
  run(inv) {
    const allNs = inv.flags.bool("all-namespaces");
    let list = inv.cluster.api.list("Event", allNs ? {} : { namespace: inv.namespace });
    const forObj = inv.flags.str("for");
    if (forObj) {
      const [type, name] = forObj.includes("/") ? (forObj.split("/") as [string, string]) : ["pod", forObj];
      const res = mustResolve(type, inv.mapper);
      list = list.filter((e) => e.involvedObject?.kind === res.kind && e.involvedObject?.name === name);
    }
    const types = inv.flags.list("types").flatMap((t) => t.split(","));
    for (const t of types)
      if (t !== "Normal" && t !== "Warning") throw new KubectlError(`valid --types are Normal or Warning`);
    if (types.length) list = list.filter((e) => types.includes(e.type));
    // events.go SortableEvents: by series last observed time, lastTimestamp, else eventTime.
    const when = (e: KubeObject) =>
      Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? "") || 0;
    const sorted = [...list].sort((a, b) => when(a) - when(b));
    const output = inv.flags.str("output");
    if (output) {
      printObjects(inv, sorted, output, { list: true });
      return;
    }
    if (sorted.length === 0) {
      inv.err(allNs ? "No events found.\n" : `No events found in ${inv.namespace} namespace.\n`);
      return;
    }
    const now = inv.cluster.clock.now();
    const lines: string[] = [];
    if (!inv.flags.bool("no-headers"))
      lines.push(`${allNs ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
    for (const e of sorted)
      lines.push(
        `${allNs ? `${e.metadata.namespace}\t` : ""}${interval(e, now)}\t${e.type}\t${e.reason}\t${e.involvedObject?.kind}/${e.involvedObject?.name}\t${String(e.message ?? "").trim()}`,
      );
    inv.out(tabwrite(`${lines.join("\n")}\n`, TABLE_TABWRITER));
  },
};
