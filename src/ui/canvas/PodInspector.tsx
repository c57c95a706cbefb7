/** The selected pod: where it runs, what owns it, what it asks for, and actions on it. */

import { useEffect, useState } from "react";
import type { SchedulingRecord } from "../../worker/protocol";
import { actions } from "../actions";
import { explain, runCommand } from "../bridge/bridge";
import { ownerKindOf, podRequests, podStatus, statusTone } from "../model/pod";
import { formatBytes, formatCpu } from "../model/quantity";
import { useStore } from "../store";
import { OwnerIcon } from "./OwnerIcon";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="inspector-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Each node's verdict in the scheduler's latest attempt: the first filter that refused it, or its score. */
function Explanation({ namespace, name, version }: { namespace: string; name: string; version?: string }) {
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
  return (
    <section className="explain" aria-label="Scheduling">
      <h4>
        Scheduling <span className="hint">attempt {record.attempt}</span>
      </h4>
      <table>
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
                      <code>{refused.plugin}</code> {refused.reasons.join(", ")}
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
    </section>
  );
}

/** A panel over the canvas while a pod is selected. */
export function PodInspector() {
  const key = useStore((s) => s.selectedPod);
  const pod = useStore((s) => (key ? s.pods[key] : undefined));
  if (!key || !pod) return null;
  const name = pod.metadata.name ?? "";
  const ns = pod.metadata.namespace ?? "default";
  const status = podStatus(pod);
  const owner = pod.metadata.ownerReferences?.[0];
  const req = podRequests(pod);
  const selector = Object.entries(pod.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`);
  // As `kubectl describe pod` lists them: key[=value]:Effect op=Exists for Ns.
  const tolerations = (pod.spec?.tolerations ?? []).map(
    (t) =>
      `${t.key ?? ""}${t.value ? `=${t.value}` : ""}${t.effect ? `:${t.effect}` : ""}${t.operator === "Exists" ? " op=Exists" : ""}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ""}`,
  );
  return (
    <aside className="inspector" aria-label={`Pod ${name}`}>
      <header>
        <OwnerIcon kind={ownerKindOf(pod)} />
        <h3 title={`${ns}/${name}`}>{name}</h3>
        <button
          type="button"
          className="icon-btn"
          aria-label="Close"
          onClick={() => useStore.getState().selectPod(undefined)}
        >
          ×
        </button>
      </header>
      <dl>
        <Row label="Status">
          <span className={`status-text tone-${statusTone(status)}`}>{status}</span>
        </Row>
        <Row label="Namespace">{ns}</Row>
        <Row label="Node">{pod.spec?.nodeName ?? <em>not scheduled</em>}</Row>
        <Row label="Owner">{owner ? `${owner.kind}/${owner.name}` : <em>none</em>}</Row>
        <Row label="Requests">
          {req.cpu || req.memory ? `${formatCpu(req.cpu)} CPU · ${formatBytes(req.memory)}` : <em>none</em>}
        </Row>
        {selector.length > 0 && <Row label="nodeSelector">{selector.join(", ")}</Row>}
        {tolerations.length > 0 && (
          <Row label="Tolerations">
            <ul className="tolerations">
              {tolerations.map((t) => (
                <li key={t} title={t}>
                  {t}
                </li>
              ))}
            </ul>
          </Row>
        )}
      </dl>
      <Explanation namespace={ns} name={name} version={pod.metadata.resourceVersion} />
      <footer>
        <button
          type="button"
          className="btn"
          onClick={() => runCommand(`kubectl describe pod ${name} -n ${ns}`)}
        >
          Describe
        </button>
        <button type="button" className="btn" onClick={() => actions.edit("pod", name, ns)}>
          Edit YAML
        </button>
        <button type="button" className="btn btn-danger" onClick={() => actions.deletePod(key)}>
          Delete
        </button>
      </footer>
    </aside>
  );
}
