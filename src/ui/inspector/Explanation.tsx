/** The scheduler's record of its latest attempt for a pod: each node's first refusing filter, or its score. */
import { useEffect, useState } from "react";
import type { SchedulingRecord } from "../../worker/protocol";
import { explain } from "../bridge/bridge";
import { FixButton } from "../canvas/WhyPending";
import { Section } from "./Section";

/** Each node's verdict in the scheduler's latest attempt. Asked again when the pod changes. */
export function Explanation({
  namespace,
  name,
  version,
}: {
  namespace: string;
  name: string;
  version?: string;
}) {
  const [record, setRecord] = useState<SchedulingRecord | undefined>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask again when the pod changes
  useEffect(() => {
    let live = true;
    explain(namespace, name).then((r) => live && setRecord(r));
    return () => {
      live = false;
    };
  }, [namespace, name, version]);
  if (!record) return null;
  const scores = new Map(record.scores.map((s) => [s.node, s.total]));
  // For a pod still Pending: what decided on each node, and the fixes.
  const why = new Map((record.why?.nodes ?? []).map((n) => [n.node, n]));
  return (
    <Section title="Scheduling" hint={`attempt ${record.attempt}`}>
      <table className="explain">
        <tbody>
          {record.filters.map((f) => {
            const refused = f.verdicts.find(
              (v) => v.code !== "Success" && v.code !== "Skip" && v.code !== "NotRun",
            );
            const chosen = record.node === f.node;
            return (
              <tr key={f.node} className={chosen ? "chosen" : refused ? "refused" : ""}>
                <th>{f.node}</th>
                <td>
                  {refused ? (
                    <>
                      <code>{refused.plugin}</code>{" "}
                      {why
                        .get(f.node)
                        ?.obstacles.map((o) => o.text)
                        .join("; ") || refused.reasons.join(", ")}
                      {(why.get(f.node)?.fixes.length ?? 0) > 0 && (
                        <span className="why-fixes">
                          {why.get(f.node)?.fixes.map((fix) => (
                            <FixButton key={fix.command} fix={fix} />
                          ))}
                        </span>
                      )}
                    </>
                  ) : (
                    <>
                      fits · score {scores.get(f.node) ?? 0}
                      {chosen && " · chosen"}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {record.preemption && <p className="hint">Preemption was attempted.</p>}
    </Section>
  );
}
