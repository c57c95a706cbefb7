/**
 * The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): pods on a node
 * with NoExecute taints they do not tolerate are deleted at once; pods tolerating them for
 * tolerationSeconds are deleted when the shortest runs out; the deletion is cancelled when the
 * taints go away. Each deletion adds the DisruptionTarget condition first.
 */
import type { Node, Pod, Taint } from "../api/kinds";
import { clone, type KubeObject } from "../api/types";
import type { TimerId } from "../clock/clock";
import type { Cluster, Component } from "../cluster";
import { clientReserve } from "../controllers/lib/ratelimit";
import {
  DeletionByTaintManager,
  DisruptionTargetMessage,
  TAINT_EVICTION_CONTROLLER,
  TaintManagerEviction,
} from "./constants";
import { matchingTolerations, minTolerationTime } from "./taints";

interface Work {
  createdAt: number;
  fireAt: number;
  timer?: TimerId;
}

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
}

/** The taint eviction controller. */
export class TaintEvictionController implements Component {
  readonly name = "taint-eviction-controller";
  private readonly nodeQueue = new Set<string>();
  private readonly podQueue = new Map<string, string>();
  private readonly cancelQueue = new Set<string>();
  private readonly work = new Map<string, Work>();
  private readonly fired: string[] = [];
  /** Deletions whose client token came after they fired (clientReserve). */
  private readonly throttled: string[] = [];
  private readonly taintedNodes = new Map<string, string>();

  constructor(private readonly cluster: Cluster) {
    cluster.api.watch("Node", (e) => {
      const name = e.object.metadata.name as string;
      if (e.type === "DELETED") {
        this.taintedNodes.delete(name);
        return;
      }
      const taints = JSON.stringify(noExecuteTaints(e.object as Node));
      if ((this.taintedNodes.get(name) ?? "[]") === taints) return;
      this.nodeQueue.add(name);
    });
    cluster.api.watch("Pod", (e) => {
      const pod = e.object as Pod;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (e.type === "DELETED") {
        this.cancelQueue.add(key);
        this.podQueue.delete(key);
        return;
      }
      const old = e.old as Pod | undefined;
      if (
        old &&
        old.spec?.nodeName === pod.spec?.nodeName &&
        JSON.stringify(old.spec?.tolerations ?? []) === JSON.stringify(pod.spec?.tolerations ?? [])
      )
        return;
      if (!pod.spec?.nodeName) return;
      this.podQueue.set(key, pod.spec.nodeName);
    });
  }

  process(): boolean {
    let did = false;
    for (const key of [...this.cancelQueue]) {
      this.cancelQueue.delete(key);
      this.cancelWorkWithEvent(key);
      did = true;
    }
    for (const name of [...this.nodeQueue]) {
      this.nodeQueue.delete(name);
      this.handleNodeUpdate(name);
      did = true;
    }
    for (const [key, nodeName] of [...this.podQueue]) {
      this.podQueue.delete(key);
      const [ns, name] = key.split("/") as [string, string];
      const pod = this.cluster.api.get("Pod", ns, name) as Pod | undefined;
      if (pod) this.processPodOnNode(pod, noExecuteTaints(this.node(nodeName)));
      did = true;
    }
    while (this.fired.length > 0) {
      const key = this.fired.shift() as string;
      this.work.delete(key);
      // The deletion goes through the controller manager's client: past its burst it waits for a
      // token, and the worker carries it out then (pacing a NoExecute feedback loop over time).
      const wait = clientReserve(this.cluster, TAINT_EVICTION_CONTROLLER, 1);
      if (wait > 0)
        this.cluster.clock.after(
          wait,
          () => this.throttled.push(key),
          `taint eviction ${key} (client rate limit)`,
        );
      else this.deletePod(key);
      did = true;
    }
    while (this.throttled.length > 0) {
      this.deletePod(this.throttled.shift() as string);
      did = true;
    }
    return did;
  }

  private node(name: string): Node | undefined {
    return this.cluster.api.get("Node", undefined, name) as Node | undefined;
  }

  private handleNodeUpdate(name: string): void {
    const taints = noExecuteTaints(this.node(name));
    this.taintedNodes.set(name, JSON.stringify(taints));
    for (const pod of this.cluster.api.list("Pod") as Pod[]) {
      if (pod.spec?.nodeName !== name) continue;
      this.processPodOnNode(pod, taints);
    }
  }

  private processPodOnNode(pod: Pod, taints: Taint[]): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (taints.length === 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    const now = this.cluster.clock.now();
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      this.cancelWorkWithEvent(key);
      this.addWork(key, now, now);
      return;
    }
    const min = minTolerationTime(used);
    if (min < 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    let start = now;
    const trigger = now + min * 1000;
    const scheduled = this.work.get(key);
    if (scheduled) {
      start = scheduled.createdAt;
      if (start + min * 1000 <= trigger) return;
      this.cancelWorkWithEvent(key);
    }
    this.addWork(key, start, start + min * 1000);
  }

  private addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return;
    const w: Work = { createdAt, fireAt };
    if (fireAt <= this.cluster.clock.now()) this.fired.push(key);
    else
      w.timer = this.cluster.clock.at(
        fireAt,
        () => {
          w.timer = undefined;
          this.fired.push(key);
        },
        `taint eviction ${key}`,
      );
    this.work.set(key, w);
  }

  private cancelWorkWithEvent(key: string): void {
    const w = this.work.get(key);
    if (!w) return;
    this.work.delete(key);
    this.cluster.clock.cancel(w.timer);
    const i = this.fired.indexOf(key);
    if (i >= 0) this.fired.splice(i, 1);
    this.event(key, `Cancelling deletion of Pod ${key}`);
  }

  private event(key: string, message: string): void {
    const [namespace, name] = key.split("/") as [string, string];
    const ref: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace } };
    this.cluster.events.record(ref, "Normal", TaintManagerEviction, message, {
      component: TAINT_EVICTION_CONTROLLER,
    });
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then the deletion. */
  private deletePod(key: string): void {
    const [namespace, name] = key.split("/") as [string, string];
    this.event(key, `Marking for deletion Pod ${key}`);
    const pod = this.cluster.api.get("Pod", namespace, name) as Pod | undefined;
    if (!pod) return;
    const next = clone(pod);
    next.status = next.status ?? {};
    const conditions = (next.status.conditions ?? []).filter((c) => c.type !== "DisruptionTarget");
    conditions.push({
      type: "DisruptionTarget",
      status: "True",
      reason: DeletionByTaintManager,
      message: DisruptionTargetMessage,
      lastTransitionTime: this.cluster.clock.timestamp(),
    });
    next.status.conditions = conditions;
    delete next.metadata.resourceVersion;
    try {
      this.cluster.api.updateStatus(next, { fieldManager: TAINT_EVICTION_CONTROLLER });
      this.cluster.api.delete("Pod", namespace, name, { uid: pod.metadata.uid });
    } catch {
      /* the pod is gone already */
    }
  }
}
