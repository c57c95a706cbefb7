/** A pod inside its node card or the Pending lane: name, STATUS colour, owner glyph. */
import { memo, useState } from "react";
import { actions } from "../actions";
import { explain } from "../bridge/bridge";
import { beginDrag } from "../dnd";
import { ownerKindOf, podStatus, statusTone } from "../model/pod";
import { useStore } from "../store";
import { PodCountdown } from "../time/Countdown";
import { useCanvasStore } from "./canvasStore";
import { ownerGroupOf } from "./edges";
import { entranceOf } from "./motion";
import { OwnerIcon } from "./OwnerIcon";

/** Simulated ms within which a pod counts as just created (its chip fades in). */
const FRESH_MS = 15_000;

/**
 * What the scheduler's latest attempt said about a pending pod on one node. Dropping a pod on a
 * node asks; it never bypasses the scheduler.
 */
async function whyNot(namespace: string, name: string, node: string): Promise<void> {
  const record = await explain(namespace, name);
  const show = useStore.getState().showToast;
  const f = record?.filters.find((x) => x.node === node);
  if (!record || !f) {
    show({
      title: `${name} → ${node}`,
      body: "The scheduler has not evaluated this node for the pod yet.",
      tone: "info",
    });
    return;
  }
  const refused = f.verdicts.filter((v) => v.code !== "Success" && v.code !== "Skip" && v.code !== "NotRun");
  if (refused.length === 0)
    show({
      title: `${name} fits on ${node}`,
      body: "Every filter passes; the scheduler will place it on its next attempt.",
      tone: "ok",
    });
  else
    show({
      title: `${name} cannot go on ${node}`,
      body: refused.map((v) => `${v.plugin}: ${v.reasons.join(", ")}`).join("\n"),
      tone: "failed",
    });
}

/** One pod chip, subscribed to its own pod only. */
export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const pod = useStore((s) => s.pods[podKey]);
  const selected = useStore((s) => s.selectedPod === podKey);
  const group = pod ? ownerGroupOf(pod) : undefined;
  const outlined = useCanvasStore((s) => group !== undefined && s.hoveredOwner === group);
  const [entrance] = useState(() => {
    if (!pod) return "none";
    const created = Date.parse(pod.metadata.creationTimestamp ?? "");
    const fresh = useStore.getState().clock.now - created < FRESH_MS;
    return entranceOf(podKey, group, pod.spec?.nodeName ?? "", fresh, performance.now());
  });
  if (!pod) return null;
  const status = podStatus(pod);
  const owner = ownerKindOf(pod);
  const ns = pod.metadata.namespace ?? "default";
  return (
    <button
      type="button"
      className={`pod-chip tone-${statusTone(status)}${selected ? " selected" : ""}${outlined ? " owner-outline" : ""}${entrance === "none" ? "" : ` enter-${entrance}`} nodrag nopan`}
      data-testid="pod-chip"
      data-pod={podKey}
      data-phase={pod.status?.phase ?? "Pending"}
      data-status={status}
      title={`${pod.metadata.name}\nnamespace: ${ns}\nstatus: ${status}\nowner: ${owner}\n(double-click to edit)`}
      onClick={() => useStore.getState().selectPod(selected ? undefined : podKey)}
      onMouseEnter={() => useCanvasStore.getState().hoverOwner(group)}
      onMouseLeave={() => useCanvasStore.getState().hoverOwner(undefined)}
      onDoubleClick={() => actions.edit("pod", pod.metadata.name ?? "", ns)}
      onPointerDown={
        pod.spec?.nodeName
          ? undefined
          : (e) =>
              beginDrag(e, {
                label: pod.metadata.name ?? "",
                className: "tone-waiting",
                onDrop: (target) => target.node && whyNot(ns, pod.metadata.name ?? "", target.node),
              })
      }
    >
      <OwnerIcon kind={owner} />
      <span className="pod-name">{pod.metadata.name}</span>
      <PodCountdown podKey={podKey} />
      <span className="pod-dot" aria-hidden />
    </button>
  );
});
