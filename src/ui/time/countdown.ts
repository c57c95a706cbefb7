/**
 * Countdown badges: what timer is running on a node or a pod, and how long is left, from the
 * engine's own deadline derivations (nodelifecycle/deadlines.ts, kubelet/backoff.ts). Pure.
 */
import type { Node, Pod } from "../../engine/api/kinds";
import type { KubeObject } from "../../engine/api/types";
import { crashLoopRestartAt } from "../../engine/kubelet/backoff";
import { notReadyDeadline, podEvictions } from "../../engine/nodelifecycle/deadlines";

/** Which timer a badge counts down to. */
export type CountdownKind = "notready" | "eviction" | "backoff";

/** A running timer: what happens, and when (simulated ms). */
export interface Countdown {
  kind: CountdownKind;
  at: number;
  /** What happens then, for the badge's tooltip. */
  what: string;
}

/** "4 m 10 s", "12 s", "1 h 2 m": the time left, rounded up to the second; "any moment" at 0. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return "any moment";
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${m} m`;
  if (m > 0) return sec ? `${m} m ${sec} s` : `${m} m`;
  return `${sec} s`;
}

/** "4m57s", "40s", "1h2m": the time left as a pod chip has room for it; "0s" when due. */
export function shortRemaining(ms: number): string {
  return formatRemaining(Math.max(ms, 0) || 0)
    .replace("any moment", "0s")
    .replace(/ (h|m|s)/g, "$1")
    .replace(/ /g, "");
}

/** The badge's text: "NotReady in 12 s", "eviction in 4 m 10 s", "back-off 40 s". */
export function countdownText(c: Countdown, now: number): string {
  const left = formatRemaining(c.at - now);
  if (c.kind === "notready") return c.at > now ? `NotReady in ${left}` : "NotReady any moment";
  if (c.kind === "eviction") return c.at > now ? `eviction in ${left}` : "evicting";
  return c.at > now ? `back-off ${left}` : "restarting";
}

/**
 * A node's running timer: going NotReady while its heartbeats are late, else the first eviction
 * its NoExecute taints hold back (how many pods then, in what). pods lists the node's pods (only
 * called when it has a NoExecute taint).
 */
export function nodeCountdown(
  node: Node,
  lease: KubeObject | undefined,
  pods: () => Pod[],
  now: number,
): Countdown | undefined {
  const notReady = notReadyDeadline(node, lease, now);
  if (notReady !== undefined)
    return {
      kind: "notready",
      at: notReady,
      what: `The kubelet has not renewed its lease since ${new Date(lastRenewal(node, lease)).toISOString().slice(11, 19)}: the node lifecycle controller marks the node NotReady once the grace period has passed.`,
    };
  if (!node.spec?.taints?.some((t) => t.effect === "NoExecute")) return undefined;
  const evictions = podEvictions(node, pods());
  const first = evictions[0];
  if (!first) return undefined;
  const together = evictions.filter((e) => e.at === first.at).length;
  const t = first.taint;
  return {
    kind: "eviction",
    at: first.at,
    what: `${together} pod${together === 1 ? "" : "s"} evicted (${first.pod}${together > 1 ? " …" : ""}): they tolerate ${t.key}:${t.effect} for ${first.tolerationSeconds} s; ${evictions.length} pod${evictions.length === 1 ? "" : "s"} counting down on this node.`,
  };
}

function lastRenewal(node: Node, lease: KubeObject | undefined): number {
  const renew = Date.parse(lease?.spec?.renewTime ?? "");
  const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.lastHeartbeatTime;
  const hb = Date.parse(ready ?? "");
  return Math.max(Number.isNaN(renew) ? 0 : renew, Number.isNaN(hb) ? 0 : hb);
}

/** A pod's running timer: a container's CrashLoopBackOff, else its eviction by a NoExecute taint. */
export function podCountdown(pod: Pod, node: Node | undefined): Countdown | undefined {
  let backoff: Countdown | undefined;
  for (const st of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const at = crashLoopRestartAt(st);
    if (at !== undefined && (!backoff || at < backoff.at))
      backoff = {
        kind: "backoff",
        at,
        what: `The kubelet restarts container ${st.name} after its back-off.`,
      };
  }
  if (backoff) return backoff;
  if (!node) return undefined;
  const eviction = podEvictions(node, [pod])[0];
  if (!eviction) return undefined;
  return {
    kind: "eviction",
    at: eviction.at,
    what: `The taint eviction controller deletes the pod: it tolerates ${eviction.taint.key} for ${eviction.tolerationSeconds} s.`,
  };
}
