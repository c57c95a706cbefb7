/**
 * The selected pod in the inspector: phase and conditions, containers, where it runs, what owns
 * it, what it asks for, its events, its logs and the scheduler's record; and actions on it.
 */
import type { Pod } from "../../engine/api/kinds";
import { actions } from "../actions";
import { runCommand } from "../bridge/bridge";
import { OwnerIcon } from "../canvas/OwnerIcon";
import { ownerKindOf, podRequests, podStatus, statusTone } from "../model/pod";
import { formatBytes, formatCpu } from "../model/quantity";
import { useStore } from "../store";
import { Conditions } from "./Conditions";
import { Containers } from "./Containers";
import { Drawer } from "./Drawer";
import { Events } from "./Events";
import { Explanation } from "./Explanation";
import { Logs } from "./Logs";
import { OwnerChain } from "./OwnerChain";
import { Row } from "./Section";

/** As `kubectl describe pod` lists a toleration: key[=value]:Effect op=Exists for Ns. */
function tolerationText(t: NonNullable<NonNullable<Pod["spec"]>["tolerations"]>[number]): string {
  return `${t.key ?? ""}${t.value ? `=${t.value}` : ""}${t.effect ? `:${t.effect}` : ""}${t.operator === "Exists" ? " op=Exists" : ""}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ""}`;
}

function Overview({ pod }: { pod: Pod }) {
  const status = podStatus(pod);
  const req = podRequests(pod);
  const node = pod.spec?.nodeName;
  const selector = Object.entries(pod.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`);
  const tolerations = (pod.spec?.tolerations ?? []).map(tolerationText);
  return (
    <dl>
      <Row label="Status">
        <span className={`status-text tone-${statusTone(status)}`}>{status}</span>
        <span className="hint"> phase {pod.status?.phase ?? "Pending"}</span>
      </Row>
      <Row label="Namespace">{pod.metadata.namespace ?? "default"}</Row>
      <Row label="Node">
        {node ? (
          <button type="button" className="link-btn" onClick={() => useStore.getState().selectNode(node)}>
            {node}
          </button>
        ) : (
          <em>not scheduled</em>
        )}
      </Row>
      <Row label="Owner">
        <OwnerChain pod={pod} />
      </Row>
      <Row label="Requests">
        {req.cpu || req.memory ? `${formatCpu(req.cpu)} CPU · ${formatBytes(req.memory)}` : <em>none</em>}
      </Row>
      {pod.status?.podIP && <Row label="IP">{pod.status.podIP}</Row>}
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
  );
}

/** The pod's drawer. */
export function PodInspector({ podKey }: { podKey: string }) {
  const pod = useStore((s) => s.pods[podKey]);
  if (!pod) return null;
  const name = pod.metadata.name ?? "";
  const ns = pod.metadata.namespace ?? "default";
  return (
    <Drawer
      kind="pod"
      name={name}
      label={`Pod ${name}`}
      icon={<OwnerIcon kind={ownerKindOf(pod)} />}
      footer={
        <>
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
          <button type="button" className="btn btn-danger" onClick={() => actions.deletePod(podKey)}>
            Delete
          </button>
        </>
      }
    >
      <Overview pod={pod} />
      <Conditions conditions={pod.status?.conditions ?? []} good={(c) => c.status === "True"} />
      <Containers pod={pod} />
      <Logs pod={pod} />
      <Events kind="Pod" namespace={ns} name={name} />
      <Explanation namespace={ns} name={name} version={pod.metadata.resourceVersion} />
    </Drawer>
  );
}
