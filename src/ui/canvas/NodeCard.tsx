/** A node as a card: status, roles, taints, allocation bars, and its pods. */
import type { Node as FlowNode, NodeProps } from "@xyflow/react";
import { useStore as useFlowStore } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import { actions } from "../actions";
import { beginDrag } from "../dnd";
import { allocationOf } from "../model/allocation";
import { cardLabels, nodeIsReady, nodeRoles, taintText } from "../model/node";
import { podStatus, statusTone } from "../model/pod";
import { formatBytes, formatCpu } from "../model/quantity";
import { useStore } from "../store";
import { NodeCountdown } from "../time/Countdown";
import { useCanvasStore } from "./canvasStore";
import { CARD } from "./layout";
import { DETAIL_ZOOM } from "./lod";
import { PodChip } from "./PodChip";
import { useLeaving } from "./useLeaving";

/** React Flow data of a node card. */
export type NodeCardData = { name: string; height: number };
export type NodeCardNode = FlowNode<NodeCardData, "cluster-node">;

const EMPTY: string[] = [];

function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  const level = pct >= 90 ? "high" : pct >= 70 ? "mid" : "low";
  return (
    <div className="bar" title={`${label}: ${text} (${Math.round(pct)}% requested)`}>
      <span className="bar-label">{label}</span>
      <span className="bar-track">
        <span className={`bar-fill ${level}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="bar-text">{text}</span>
    </div>
  );
}

function TaintChip({ node, taint }: { node: string; taint: string }) {
  const effect = taint.slice(taint.lastIndexOf(":") + 1);
  return (
    <span
      className={`taint-chip effect-${effect} nodrag nopan`}
      data-testid="taint-chip"
      data-taint={taint}
      title={`${taint}\nDrag off the node or press × to remove`}
      onPointerDown={(e) =>
        beginDrag(e, {
          label: taint,
          className: `effect-${effect}`,
          onDrop: (target) => {
            if (target.node !== node) actions.removeTaint(node, taint);
          },
        })
      }
    >
      <span className="taint-text">{taint}</span>
      <button
        type="button"
        className="taint-remove"
        aria-label={`Remove taint ${taint}`}
        onPointerDown={(e) => e.stopPropagation()}
        onClick={() => actions.removeTaint(node, taint)}
      >
        ×
      </button>
    </span>
  );
}

/** The button that lists all of a card's labels, or only those not reserved for Kubernetes. */
function LabelToggle({ name, count, all }: { name: string; count: number; all: boolean }) {
  if (count === 0) return null;
  return (
    <button
      type="button"
      className="label-toggle nodrag nopan"
      data-testid="label-toggle"
      aria-expanded={all}
      title={all ? "Show only the labels not reserved for Kubernetes" : "Show all labels"}
      onClick={() => useCanvasStore.getState().toggleLabels(name)}
    >
      {count} label{count === 1 ? "" : "s"} {all ? "▾" : "▸"}
    </button>
  );
}

/** The card's listed labels, one a line. */
function NodeLabels({ labels }: { labels: string[] }) {
  if (labels.length === 0) return null;
  return (
    <ul className="node-labels" data-testid="node-card-labels">
      {labels.map((l) => (
        <li key={l} title={l}>
          {l}
        </li>
      ))}
    </ul>
  );
}

/** The zoomed-out view of a card's pods: a count per status colour. */
function Summary({ podKeys }: { podKeys: readonly string[] }) {
  const tones = useStore(
    useShallow((s) => {
      const count: Record<string, number> = {};
      for (const k of podKeys) {
        const p = s.pods[k];
        if (p) {
          const t = statusTone(podStatus(p));
          count[t] = (count[t] ?? 0) + 1;
        }
      }
      return count;
    }),
  );
  return (
    <div className="pod-summary">
      {Object.entries(tones).map(([tone, n]) => (
        <span key={tone} className={`summary-cell tone-${tone}`}>
          {n}
        </span>
      ))}
    </div>
  );
}

/** The card. Subscribes to its node, its pod keys and its allocation only. */
export const NodeCard = memo(function NodeCard({ data }: NodeProps<NodeCardNode>) {
  const { name, height } = data;
  const node = useStore((s) => s.nodes[name]);
  const podKeys = useStore((s) => s.podsByNode[name] ?? EMPTY);
  const alloc = useStore(useShallow((s) => allocationOf(s.nodes[name], s.podsByNode[name] ?? EMPTY, s.pods)));
  const detailed = useFlowStore((s) => s.transform[2] >= DETAIL_ZOOM);
  const leaving = useLeaving(name, podKeys);
  const allLabels = useCanvasStore((s) => s.allLabels.has(name));
  if (!node) return null;
  const ready = nodeIsReady(node);
  const unschedulable = node.spec?.unschedulable === true;
  const roles = nodeRoles(node);
  const taints = (node.spec?.taints ?? []).map(taintText);
  const labels = Object.entries(node.metadata.labels ?? {})
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join("\n");
  const labelCount = Object.keys(node.metadata.labels ?? {}).length;
  const shown = podKeys.slice(0, CARD.maxChips);
  if (!detailed)
    return (
      <article
        className={`node-card compact${ready ? "" : " not-ready"}${unschedulable ? " cordoned" : ""}`}
        data-testid="node-card"
        data-node={name}
        data-ready={String(ready)}
        data-unschedulable={String(unschedulable)}
        style={
          {
            width: CARD.width,
            height,
            "--heat": Math.min(1, alloc.pods / (alloc.podsAllocatable || 110)),
          } as React.CSSProperties
        }
        title={`${name}\n${podKeys.length} pods${taints.length ? `\n${taints.join("\n")}` : ""}`}
      >
        <h3 className="compact-name">{name}</h3>
        <div className="compact-status">
          {ready ? "Ready" : "NotReady"}
          {unschedulable && " · SchedulingDisabled"} <NodeCountdown name={name} />
          {taints.length > 0 && (
            <span className="compact-taints">
              {" "}
              · {taints.length} taint{taints.length > 1 ? "s" : ""}
            </span>
          )}
        </div>
        <div className="compact-count">
          {podKeys.length}
          <span> pods</span>
        </div>
        <Summary podKeys={podKeys} />
      </article>
    );
  const openMenu = (x: number, y: number) => useStore.getState().openNodeMenu({ node: name, x, y });

  return (
    <article
      className={`node-card${ready ? "" : " not-ready"}${unschedulable ? " cordoned" : ""}`}
      data-testid="node-card"
      data-node={name}
      data-ready={String(ready)}
      data-unschedulable={String(unschedulable)}
      style={{ width: CARD.width, height }}
      onContextMenu={(e) => {
        e.preventDefault();
        openMenu(e.clientX, e.clientY);
      }}
    >
      <header className="node-head">
        <div className="node-title">
          <span className="node-icon" aria-hidden>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <rect x="1.5" y="2.5" width="13" height="4.5" rx="1.2" />
              <rect x="1.5" y="9" width="13" height="4.5" rx="1.2" />
              <circle cx="4.3" cy="4.75" r="0.9" className="led" />
              <circle cx="4.3" cy="11.25" r="0.9" className="led" />
            </svg>
          </span>
          <h3 title={labels}>
            <button
              type="button"
              className="node-name nodrag nopan"
              title={`Inspect ${name}`}
              onClick={() => useStore.getState().selectNode(name)}
            >
              {name}
            </button>
          </h3>
          <button
            type="button"
            className="icon-btn node-menu-btn nodrag nopan"
            aria-label={`Actions for ${name}`}
            aria-haspopup="menu"
            onClick={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              openMenu(r.left, r.bottom + 4);
            }}
          >
            ⋯
          </button>
        </div>
        <div className="node-meta">
          <span className={`status-pill ${ready ? "ready" : "not-ready"}`}>
            {ready ? "Ready" : "NotReady"}
          </span>
          {unschedulable && <span className="status-pill cordoned">SchedulingDisabled</span>}
          <NodeCountdown name={name} />
          {roles.length > 0 && <span className="roles">{roles.join(", ")}</span>}
          <LabelToggle name={name} count={labelCount} all={allLabels} />
        </div>
      </header>
      <NodeLabels labels={cardLabels(node, allLabels)} />
      {taints.length > 0 && (
        <div className="taints">
          {taints.map((t) => (
            <TaintChip key={t} node={name} taint={t} />
          ))}
        </div>
      )}
      <div className="bars">
        <Bar
          label="CPU"
          used={alloc.cpu}
          total={alloc.cpuAllocatable}
          text={`${formatCpu(alloc.cpu)} / ${formatCpu(alloc.cpuAllocatable)}`}
        />
        <Bar
          label="Mem"
          used={alloc.memory}
          total={alloc.memoryAllocatable}
          text={`${formatBytes(alloc.memory)} / ${formatBytes(alloc.memoryAllocatable)}`}
        />
        <Bar
          label="Pods"
          used={alloc.pods}
          total={alloc.podsAllocatable}
          text={`${alloc.pods} / ${alloc.podsAllocatable}`}
        />
      </div>
      <div className="pods-title">
        Pods <span className="count">{podKeys.length}</span>
      </div>
      {detailed ? (
        <div className="pods">
          {shown.map((k) => (
            <PodChip key={k} podKey={k} />
          ))}
          {leaving.slice(0, Math.max(0, CARD.maxChips - shown.length)).map((k) => (
            <span key={`leaving:${k}`} className="pod-chip tone-gone leaving" aria-hidden="true">
              <span className="pod-name">{k.slice(k.indexOf("/") + 1)}</span>
            </span>
          ))}
          {podKeys.length > shown.length && (
            <span className="more">+{podKeys.length - shown.length} more</span>
          )}
        </div>
      ) : (
        <Summary podKeys={podKeys} />
      )}
    </article>
  );
});
