/**
 * The selected node in the inspector: conditions, labels, taints, allocatable against what its
 * pods request, its pods (each selectable), which DaemonSets should run there and why not, and
 * its events.
 */
import { useShallow } from "zustand/react/shallow";
import { allocationOf } from "../model/allocation";
import { nodeStatusText, taintText } from "../model/node";
import { podStatus, statusTone } from "../model/pod";
import { formatBytes, formatCpu } from "../model/quantity";
import { useStore } from "../store";
import { Conditions } from "./Conditions";
import { DaemonSets } from "./DaemonSets";
import { Drawer } from "./Drawer";
import { Events } from "./Events";
import { Row, Section } from "./Section";

const EMPTY: string[] = [];

function Allocated({ name }: { name: string }) {
  const a = useStore(useShallow((s) => allocationOf(s.nodes[name], s.podsByNode[name] ?? EMPTY, s.pods)));
  const pct = (used: number, total: number) => (total > 0 ? ` (${Math.round((used / total) * 100)}%)` : "");
  return (
    <Section title="Allocatable vs requested">
      <dl>
        <Row label="CPU">
          {formatCpu(a.cpu)} of {formatCpu(a.cpuAllocatable)}
          {pct(a.cpu, a.cpuAllocatable)}
        </Row>
        <Row label="Memory">
          {formatBytes(a.memory)} of {formatBytes(a.memoryAllocatable)}
          {pct(a.memory, a.memoryAllocatable)}
        </Row>
        <Row label="Pods">
          {a.pods} of {a.podsAllocatable}
        </Row>
      </dl>
    </Section>
  );
}

function Pods({ name }: { name: string }) {
  const keys = useStore((s) => s.podsByNode[name] ?? EMPTY);
  const statuses = useStore(useShallow((s) => keys.map((k) => (s.pods[k] ? podStatus(s.pods[k]) : ""))));
  return (
    <Section title="Pods" hint={String(keys.length)}>
      <ul className="inspector-pods">
        {keys.map((k, i) => (
          <li key={k}>
            <button type="button" className="link-btn" onClick={() => useStore.getState().selectPod(k)}>
              {k}
            </button>
            <span className={`status-text tone-${statusTone(statuses[i] ?? "")}`}>{statuses[i]}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The node's drawer. */
export function NodeInspector({ name }: { name: string }) {
  const node = useStore((s) => s.nodes[name]);
  if (!node) return null;
  const labels = Object.entries(node.metadata.labels ?? {});
  const taints = (node.spec?.taints ?? []).map(taintText);
  return (
    <Drawer kind="node" name={name} label={`Node ${name}`}>
      <dl>
        <Row label="Status">{nodeStatusText(node)}</Row>
        <Row label="Version">{node.status?.nodeInfo?.kubeletVersion ?? <em>unknown</em>}</Row>
      </dl>
      <Conditions
        conditions={node.status?.conditions ?? []}
        good={(c) => (c.type === "Ready") === (c.status === "True")}
      />
      <Section title="Labels" hint={String(labels.length)}>
        <ul className="kv-list" data-testid="node-labels">
          {labels.map(([k, v]) => (
            <li key={k}>{v ? `${k}=${v}` : k}</li>
          ))}
        </ul>
      </Section>
      <Section title="Taints" hint={String(taints.length)}>
        {taints.length ? (
          <ul className="kv-list">
            {taints.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        ) : (
          <p className="hint">No taints.</p>
        )}
      </Section>
      <Allocated name={name} />
      <Pods name={name} />
      <DaemonSets name={name} />
      <Events kind="Node" name={name} />
    </Drawer>
  );
}
