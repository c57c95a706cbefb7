/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go):
 * every node-monitor-period it checks each node's heartbeats (Lease renewals and Ready
 * heartbeats); a node silent for the grace period gets its conditions set Unknown, its pods
 * marked not ready, and the unreachable NoExecute taint. The NoSchedule taints follow the node's
 * conditions and spec.unschedulable at every node change (TaintNodesByCondition).
 */
import type { Node, Pod, Taint } from "../api/kinds";
import { clone, type KubeObject } from "../api/types";
import type { Cluster, Component } from "../cluster";
import {
  CONDITION_TAINTS,
  NO_SCHEDULE_KEYS,
  NODE_CONTROLLER,
  NODE_EVICTION_RATE,
  NODE_MONITOR_GRACE_PERIOD,
  NODE_MONITOR_PERIOD,
  NODE_STARTUP_GRACE_PERIOD,
  NodeStatusNeverUpdated,
  NodeStatusNeverUpdatedMessage,
  NodeStatusUnknown,
  NodeStatusUnknownMessage,
  TaintNodeNotReady,
  TaintNodeUnreachable,
  TaintNodeUnschedulable,
  UNHEALTHY_ZONE_THRESHOLD,
} from "./constants";

// biome-ignore lint/suspicious/noExplicitAny: conditions are open JSON
type Condition = any;

interface NodeHealth {
  probeTimestamp: number;
  readyHeartbeat?: string;
  leaseRenewTime?: string;
}

/** Zone states (ComputeZoneState). */
export type ZoneState = "Initial" | "Normal" | "PartialDisruption" | "FullDisruption";

/** The NoSchedule taints a node should carry for its conditions and spec (doNoScheduleTaintingPass). */
export function noScheduleTaintsFor(node: Node): Taint[] {
  const taints: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) taints.push({ key, effect: "NoSchedule" });
  }
  if (node.spec?.unschedulable) taints.push({ key: TaintNodeUnschedulable, effect: "NoSchedule" });
  return taints;
}

/** The zone state of a set of Ready condition statuses (undefined for a node with none). */
export function computeZoneState(readyStatuses: (string | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const s of readyStatuses) {
    if (s === "True") ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return "FullDisruption";
  if (notReady > 2 && notReady / (ready + notReady) >= UNHEALTHY_ZONE_THRESHOLD) return "PartialDisruption";
  return "Normal";
}

/** The zone key of a node (region and zone labels). */
export function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {};
  const region = l["topology.kubernetes.io/region"] ?? l["failure-domain.beta.kubernetes.io/region"] ?? "";
  const zone = l["topology.kubernetes.io/zone"] ?? l["failure-domain.beta.kubernetes.io/zone"] ?? "";
  return `${region}:\u0000:${zone}`;
}

function readyOf(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c: Condition) => c.type === "Ready");
}

/** The node lifecycle controller. */
export class NodeLifecycleController implements Component {
  readonly name = "node-lifecycle-controller";
  private readonly health = new Map<string, NodeHealth>();
  private readonly taintQueue = new Set<string>();
  private readonly registered = new Set<string>();
  private readonly removedNodes: KubeObject[] = [];
  private readonly zoneNextTaint = new Map<string, number>();
  private monitorDue = false;
  private fullDisruption = false;

  constructor(private readonly cluster: Cluster) {
    cluster.api.watch("Node", (e) => {
      const name = e.object.metadata.name as string;
      if (e.type === "DELETED") {
        this.health.delete(name);
        this.taintQueue.delete(name);
        if (this.registered.delete(name)) this.removedNodes.push(e.object);
      } else this.taintQueue.add(name);
    });
    for (const n of cluster.api.list("Node")) this.taintQueue.add(n.metadata.name as string);
    const tick = () => {
      this.monitorDue = true;
      cluster.clock.after(NODE_MONITOR_PERIOD, tick, "node-lifecycle monitor");
    };
    cluster.clock.after(NODE_MONITOR_PERIOD, tick, "node-lifecycle monitor");
  }

  /**
   * A restarted kube-controller-manager: health is observed afresh (probe timestamps start now,
   * so a long API server outage does not make every node look silent) and nodes register again.
   */
  reset(): void {
    this.health.clear();
    this.registered.clear();
    for (const n of this.cluster.api.list("Node")) this.taintQueue.add(n.metadata.name as string);
  }

  process(): boolean {
    let did = false;
    for (const node of this.removedNodes.splice(0)) {
      const name = node.metadata.name as string;
      this.event(node, "RemovingNode", `Node ${name} event: Removing Node ${name} from Controller`);
      did = true;
    }
    while (this.taintQueue.size > 0) {
      const name = this.taintQueue.values().next().value as string;
      this.taintQueue.delete(name);
      const node = this.cluster.api.get("Node", undefined, name) as Node | undefined;
      if (!node) continue;
      if (!this.registered.has(name)) {
        this.registered.add(name);
        this.event(node, "RegisteredNode", `Node ${name} event: Registered Node ${name} in Controller`);
        if (!this.health.has(name)) this.health.set(name, { probeTimestamp: this.cluster.clock.now() });
      }
      this.doNoScheduleTaintingPass(node);
      did = true;
    }
    if (this.monitorDue) {
      this.monitorDue = false;
      this.monitorNodeHealth();
      did = true;
    }
    return did;
  }

  private event(node: KubeObject, reason: string, message: string): void {
    this.cluster.events.record(
      { apiVersion: "", kind: "Node", metadata: { name: node.metadata.name, uid: node.metadata.uid } },
      "Normal",
      reason,
      message,
      { component: NODE_CONTROLLER },
    );
  }

  /** Brings the node's controller-owned NoSchedule taints in line with its conditions and spec. */
  private doNoScheduleTaintingPass(node: Node): void {
    const want = noScheduleTaintsFor(node);
    const current = node.spec?.taints ?? [];
    const owned = (t: Taint) => t.effect === "NoSchedule" && NO_SCHEDULE_KEYS.includes(t.key);
    const keep = current.filter((t) => !owned(t) || want.some((w) => w.key === t.key));
    const add = want.filter((w) => !current.some((t) => owned(t) && t.key === w.key));
    if (add.length === 0 && keep.length === current.length) return;
    this.writeTaints(node, [...keep, ...add]);
  }

  private writeTaints(node: Node, taints: Taint[]): void {
    const latest = this.cluster.api.get("Node", undefined, node.metadata.name as string) as Node | undefined;
    if (!latest) return;
    const next = clone(latest);
    next.spec = { ...(next.spec ?? {}) };
    if (taints.length) next.spec.taints = taints;
    else delete next.spec.taints;
    delete next.metadata.resourceVersion;
    try {
      this.cluster.api.update(next, { fieldManager: NODE_CONTROLLER });
    } catch {
      /* retried on the next change */
    }
  }

  /** monitorNodeHealth: one pass over every node. */
  private monitorNodeHealth(): void {
    const now = this.cluster.clock.now();
    const nodes = this.cluster.api.list("Node") as Node[];
    const zones = new Map<string, (string | undefined)[]>();
    const current = new Map<string, string | undefined>();
    for (const node of nodes) {
      const name = node.metadata.name as string;
      const observed = readyOf(node)?.status as string | undefined;
      const updated = this.tryUpdateNodeHealth(node, now);
      const ready = readyOf(updated)?.status as string | undefined;
      current.set(name, ready);
      const z = zoneOf(updated);
      zones.set(z, [...(zones.get(z) ?? []), ready]);
      if (ready !== "True" && observed === "True") {
        this.event(updated, "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
        this.markPodsNotReady(name);
      }
    }
    const states = [...zones.values()].map(computeZoneState);
    const allFullyDisrupted = states.length > 0 && states.every((s) => s === "FullDisruption");
    if (allFullyDisrupted !== this.fullDisruption) {
      this.fullDisruption = allFullyDisrupted;
      if (allFullyDisrupted)
        for (const node of nodes) this.setNoExecuteTaint(node.metadata.name as string, undefined);
    }
    if (allFullyDisrupted) return;
    for (const node of nodes) {
      const name = node.metadata.name as string;
      const ready = current.get(name);
      if (ready === undefined) continue;
      const want =
        ready === "False" ? TaintNodeNotReady : ready === "Unknown" ? TaintNodeUnreachable : undefined;
      const latest = this.cluster.api.get("Node", undefined, name) as Node | undefined;
      const has = (latest?.spec?.taints ?? []).find(
        (t) => t.effect === "NoExecute" && (t.key === TaintNodeNotReady || t.key === TaintNodeUnreachable),
      );
      if (want === undefined) {
        if (has) this.setNoExecuteTaint(name, undefined);
        continue;
      }
      if (has?.key === want) continue;
      // The zone's NoExecute tainter is rate limited (--node-eviction-rate, burst 1).
      const zone = zoneOf(node);
      if ((this.zoneNextTaint.get(zone) ?? 0) > now) continue;
      this.zoneNextTaint.set(zone, now + 1000 / NODE_EVICTION_RATE);
      this.setNoExecuteTaint(name, want);
    }
  }

  /** Swaps the node's not-ready/unreachable NoExecute taint for want (none when undefined). */
  private setNoExecuteTaint(name: string, want: string | undefined): void {
    const node = this.cluster.api.get("Node", undefined, name) as Node | undefined;
    if (!node) return;
    const current = node.spec?.taints ?? [];
    const isOurs = (t: Taint) =>
      t.effect === "NoExecute" && (t.key === TaintNodeNotReady || t.key === TaintNodeUnreachable);
    const keep = current.filter((t) => !isOurs(t));
    if (want) keep.push({ key: want, effect: "NoExecute", timeAdded: this.cluster.clock.timestamp() });
    if (keep.length === current.length && !want) return;
    this.writeTaints(node, keep);
  }

  /** tryUpdateNodeHealth: notes heartbeats; past the grace period sets the conditions Unknown. */
  private tryUpdateNodeHealth(node: Node, now: number): Node {
    const name = node.metadata.name as string;
    let h = this.health.get(name);
    if (!h) {
      h = { probeTimestamp: now };
      this.health.set(name, h);
    }
    const ready = readyOf(node);
    if (ready && ready.lastHeartbeatTime !== h.readyHeartbeat) {
      h.readyHeartbeat = ready.lastHeartbeatTime;
      h.probeTimestamp = now;
    }
    const lease = this.cluster.api.get("Lease", "kube-node-lease", name);
    const renew = lease?.spec?.renewTime as string | undefined;
    if (renew && renew !== h.leaseRenewTime) {
      h.leaseRenewTime = renew;
      h.probeTimestamp = now;
    }
    const grace = (ready ? NODE_MONITOR_GRACE_PERIOD : NODE_STARTUP_GRACE_PERIOD) * 1000;
    if (now <= h.probeTimestamp + grace) return node;
    const stamp = this.cluster.clock.timestamp();
    const next = clone(node);
    next.status = next.status ?? {};
    const conditions: Condition[] = next.status.conditions ?? [];
    let changed = false;
    for (const type of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({
          type,
          status: "Unknown",
          reason: NodeStatusNeverUpdated,
          message: NodeStatusNeverUpdatedMessage,
          lastHeartbeatTime: node.metadata.creationTimestamp,
          lastTransitionTime: stamp,
        });
        changed = true;
      } else if (c.status !== "Unknown") {
        c.status = "Unknown";
        c.reason = NodeStatusUnknown;
        c.message = NodeStatusUnknownMessage;
        c.lastTransitionTime = stamp;
        changed = true;
      }
    }
    if (!changed) return node;
    next.status.conditions = conditions;
    delete next.metadata.resourceVersion;
    try {
      const stored = this.cluster.api.updateStatus(next, { fieldManager: NODE_CONTROLLER }) as Node;
      h.readyHeartbeat = readyOf(stored)?.lastHeartbeatTime;
      return stored;
    } catch {
      return node;
    }
  }

  /** MarkPodsNotReady: the node's pods get Ready=False and a NodeNotReady event. */
  private markPodsNotReady(nodeName: string): void {
    const stamp = this.cluster.clock.timestamp();
    for (const pod of this.cluster.api.list("Pod") as Pod[]) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const cond = pod.status?.conditions?.find((c) => c.type === "Ready");
      if (!cond || cond.status === "False") continue;
      const next = clone(pod);
      for (const c of next.status?.conditions ?? [])
        if (c.type === "Ready") {
          c.status = "False";
          c.lastTransitionTime = stamp;
        }
      delete next.metadata.resourceVersion;
      try {
        this.cluster.api.updateStatus(next, { fieldManager: NODE_CONTROLLER });
        this.cluster.events.record(pod, "Warning", "NodeNotReady", "Node is not ready", {
          component: NODE_CONTROLLER,
        });
      } catch {
        /* the pod is gone */
      }
    }
  }
}
