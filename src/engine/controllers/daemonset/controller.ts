/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go): one pod per
 * eligible node, pinned by matchFields node affinity and placed by the default scheduler;
 * rolling updates and OnDelete; status counts.
 */
import type { DaemonSet, Node, Pod } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { claimObjects } from "../lib/claim";
import { ownerIndex } from "../lib/ownerindex";
import { createPod, deletePod, podFromTemplate } from "../lib/podcontrol";
import { controllerOf, isPodAvailable, isPodReady, jsonEqual, scaledValue, writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import { cleanupHistory, constructHistory } from "./history";
import {
  byCreationTimestamp,
  createPodTemplate,
  daemonPodForChecks,
  findUpdatedPodsOnNode,
  getTargetNodeName,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  replaceDaemonSetPodNodeNameNodeAffinity,
  type ShouldRun,
  templateGeneration,
} from "./predicates";

/** The event source of the DaemonSet controller. */
export const DaemonSetController = "daemonset-controller";
/** At most this many pods are created or deleted per sync (BurstReplicas). */
export const DaemonSetBurstReplicas = 250;
export const FailedDaemonPodReason = "FailedDaemonPod";

/** Starts the DaemonSet controller. */
export function installDaemonSetController(cluster: Cluster): Controller {
  ownerIndex(cluster, "Pod");
  const c = new Controller(DaemonSetController, cluster, (key) => syncDaemonSet(cluster, c, key));
  const api = cluster.api;
  const enqueueAll = () => {
    for (const ds of api.list("DaemonSet")) c.enqueue(namespacedName(ds));
  };
  api.watch("DaemonSet", (e) => c.enqueue(namespacedName(e.object)));
  api.watch("Node", (e) => {
    if (e.type === "MODIFIED" && e.old && !nodeChangeMatters(e.old as Node, e.object as Node)) return;
    enqueueAll();
  });
  api.watch("Pod", (e) => {
    const pod = e.object as Pod;
    const ref = controllerOf(pod);
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    if (oldRef && oldRef.kind === "DaemonSet" && oldRef.uid !== ref?.uid)
      c.enqueue(`${pod.metadata.namespace}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === "DaemonSet") c.enqueue(`${pod.metadata.namespace}/${ref.name}`);
      return;
    }
    if (e.type === "DELETED") return;
    for (const ds of api.list("DaemonSet", { namespace: pod.metadata.namespace }))
      if (matchesLabelSelector(ds.spec?.selector, pod.metadata.labels)) c.enqueue(namespacedName(ds));
  });
  cluster.addComponent(c);
  return c;
}

function nodeChangeMatters(a: Node, b: Node): boolean {
  return (
    !jsonEqual(a.metadata.labels, b.metadata.labels) ||
    !jsonEqual(a.spec?.taints, b.spec?.taints) ||
    !jsonEqual(
      a.status?.conditions?.map((c) => [c.type, c.status]),
      b.status?.conditions?.map((c) => [c.type, c.status]),
    )
  );
}

/** Pods of the DaemonSet grouped by the node they are on or pinned to. */
function nodeToDaemonPods(pods: Pod[]): Map<string, Pod[]> {
  const m = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = getTargetNodeName(pod);
    if (!node) continue;
    const list = m.get(node);
    if (list) list.push(pod);
    else m.set(node, [pod]);
  }
  return m;
}

/** syncDaemonSet: claim pods, keep one per eligible node, roll updates, write status. */
export function syncDaemonSet(cluster: Cluster, c: Controller, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const found = cluster.api.get("DaemonSet", ns, name) as DaemonSet | undefined;
  if (!found || found.metadata.deletionTimestamp) return;
  let ds = found;
  const nodes = (cluster.api.list("Node") as Node[])
    .slice()
    .sort((a, b) => cmp(a.metadata.name, b.metadata.name));
  const hash = constructHistory(cluster, ds);
  ds = (cluster.api.get("DaemonSet", ns, name) as DaemonSet | undefined) ?? ds;
  const idx = ownerIndex(cluster, "Pod");
  const candidates = [...idx.owned(ds.metadata.uid), ...idx.orphansIn(ns)] as Pod[];
  let pods = claimObjects(cluster, ds, ds.spec?.selector, candidates, DaemonSetController);

  const plan = planNodes(cluster, ds, nodes);
  const capped = manage(cluster, c, ds, plan, pods, hash);
  if (!capped && (ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
    pods = daemonPods(cluster, ds);
    rollingUpdate(cluster, c, ds, plan, nodeToDaemonPods(pods), hash);
  }
  pods = daemonPods(cluster, ds);
  cleanupHistory(cluster, ds, pods, hash);
  updateStatus(cluster, c, ds, plan, nodeToDaemonPods(pods), hash);
}

/**
 * What one sync decides about the nodes, computed once and shared by manage, rollingUpdate and
 * updateStatus: the nodeShouldRunDaemonPod verdict per node, how many should run the pod, and the
 * rollout inputs that do not change within a sync.
 */
interface NodePlan {
  /** Every node, sorted by name. */
  nodes: Node[];
  verdicts: Map<string, ShouldRun>;
  /** desiredNumberScheduled: the nodes whose verdict is shouldRun. */
  desired: number;
  now: number;
  minReady: number;
  gen: number | undefined;
}

function planNodes(cluster: Cluster, ds: DaemonSet, nodes: Node[]): NodePlan {
  const prepared = daemonPodForChecks(ds);
  const verdicts = new Map<string, ShouldRun>();
  let desired = 0;
  for (const n of nodes) {
    const v = nodeShouldRunDaemonPod(n, ds, prepared);
    verdicts.set(n.metadata.name as string, v);
    if (v.shouldRun) desired++;
  }
  return {
    nodes,
    verdicts,
    desired,
    now: cluster.clock.now(),
    minReady: ds.spec?.minReadySeconds ?? 0,
    gen: templateGeneration(ds),
  };
}

function shouldRunOn(plan: NodePlan, nodeName: string): boolean {
  return plan.verdicts.get(nodeName)?.shouldRun ?? false;
}

function daemonPods(cluster: Cluster, ds: DaemonSet): Pod[] {
  return ownerIndex(cluster, "Pod").owned(ds.metadata.uid) as Pod[];
}

function cmp(a: string | undefined, b: string | undefined): number {
  return (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
}

/** podsShouldBeOnNode over every node; returns true when the burst cap deferred work. */
function manage(
  cluster: Cluster,
  c: Controller,
  ds: DaemonSet,
  plan: NodePlan,
  pods: Pod[],
  hash: string,
): boolean {
  const byNode = nodeToDaemonPods(pods);
  const surge = allowsSurge(ds);
  const toCreate: string[] = [];
  const toDelete: Pod[] = [];
  const nodeNames = new Set<string>();
  for (const node of plan.nodes) {
    const nodeName = node.metadata.name as string;
    nodeNames.add(nodeName);
    const { shouldRun, shouldContinueRunning } = plan.verdicts.get(nodeName) as ShouldRun;
    const onNode = byNode.get(nodeName) ?? [];
    const exists = onNode.length > 0;
    if (shouldRun && !exists) {
      toCreate.push(nodeName);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of onNode) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === "Failed") {
          cluster.events.record(
            ds,
            "Warning",
            FailedDaemonPodReason,
            `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${nodeName}, will try to kill it`,
            { component: DaemonSetController },
          );
          toDelete.push(pod);
        } else if (pod.status?.phase === "Succeeded") toDelete.push(pod);
        else running.push(pod);
      }
      if (running.length <= 1) continue;
      running.sort(byCreationTimestamp);
      if (!surge) toDelete.push(...running.slice(1));
      else {
        let newSeen = false;
        let oldSeen = false;
        for (const pod of running) {
          const isNew = pod.metadata.labels?.["controller-revision-hash"] === hash;
          if (isNew && !newSeen) newSeen = true;
          else if (!isNew && !oldSeen) oldSeen = true;
          else toDelete.push(pod);
        }
      }
    } else if (!shouldContinueRunning && exists) {
      for (const pod of onNode) if (!pod.metadata.deletionTimestamp) toDelete.push(pod);
    }
  }
  // Unscheduled pods pinned to nodes that no longer exist can never run: delete them.
  for (const [nodeName, list] of byNode)
    if (!nodeNames.has(nodeName))
      for (const pod of list) if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod);
  return syncNodes(cluster, c, ds, toDelete, toCreate, hash);
}

/** syncNodes: deletes and creates daemon pods, at most BurstReplicas of each per sync. */
function syncNodes(
  cluster: Cluster,
  c: Controller,
  ds: DaemonSet,
  toDelete: Pod[],
  toCreate: string[],
  hash: string,
): boolean {
  const template = createPodTemplate(ds, hash);
  const create = toCreate.slice(0, DaemonSetBurstReplicas);
  const del = toDelete.slice(0, DaemonSetBurstReplicas);
  let requests = 0;
  for (const nodeName of create) {
    const pod = podFromTemplate(template, ds);
    if (pod.spec) pod.spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(pod.spec.affinity, nodeName);
    requests++;
    if (!createPod(cluster, pod, ds, DaemonSetController)) break;
  }
  for (const pod of del) {
    requests++;
    deletePod(cluster, pod, ds, DaemonSetController);
  }
  const capped = toCreate.length > create.length || toDelete.length > del.length;
  if (capped) c.enqueue(namespacedName(ds));
  c.sentRequests(namespacedName(ds), requests);
  return capped;
}

function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate" || !ru?.maxSurge) return false;
  return ru.maxSurge !== 0 && ru.maxSurge !== "0%" && ru.maxSurge !== "0";
}

/** updatedDesiredNodeCounts: maxSurge and maxUnavailable scaled to the desired count (at least one unavailable). */
export function updatedDesiredNodeCounts(
  ds: DaemonSet,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable as number | string | undefined, desired, true, 1);
  const maxSurge = allowsSurge(ds)
    ? scaledValue(ru?.maxSurge as number | string | undefined, desired, true, 0)
    : 0;
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** rollingUpdate (update.go): replaces old pods within maxUnavailable, or surges within maxSurge. */
function rollingUpdate(
  cluster: Cluster,
  c: Controller,
  ds: DaemonSet,
  plan: NodePlan,
  byNode: Map<string, Pod[]>,
  hash: string,
): void {
  const { now, minReady, gen } = plan;
  const { maxSurge, maxUnavailable } = updatedDesiredNodeCounts(ds, plan.desired);
  const nodeNames = [...byNode.keys()].sort();
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowed: Pod[] = [];
    const candidates: Pod[] = [];
    for (const nodeName of nodeNames) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(byNode.get(nodeName) ?? [], hash, gen);
      if (!ok) {
        numUnavailable++;
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!isPodAvailable(newPod, minReady, now)) numUnavailable++;
      } else if (oldPod) {
        if (!isPodAvailable(oldPod, minReady, now)) allowed.push(oldPod);
        else if (numUnavailable >= maxUnavailable) continue;
        else candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    syncNodes(cluster, c, ds, [...allowed, ...candidates.slice(0, remaining)], [], hash);
    if (minReady > 0) c.enqueueAfter(namespacedName(ds), minReady);
    return;
  }
  let numSurge = 0;
  const toCreate: string[] = [];
  const toDelete: Pod[] = [];
  for (const nodeName of nodeNames) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(byNode.get(nodeName) ?? [], hash, gen);
    if (!ok || !oldPod) continue;
    if (!shouldRunOn(plan, nodeName)) continue;
    if (!newPod) {
      if (!isPodAvailable(oldPod, minReady, now)) toCreate.push(nodeName);
      else if (numSurge >= maxSurge) continue;
      else {
        numSurge++;
        toCreate.push(nodeName);
      }
    } else if (!isPodAvailable(newPod, minReady, now)) numSurge++;
    else toDelete.push(oldPod);
  }
  syncNodes(cluster, c, ds, toDelete, toCreate, hash);
  if (minReady > 0) c.enqueueAfter(namespacedName(ds), minReady);
}

/** updateDaemonSetStatus: the counts `kubectl get ds` shows. */
function updateStatus(
  cluster: Cluster,
  c: Controller,
  ds: DaemonSet,
  plan: NodePlan,
  byNode: Map<string, Pod[]>,
  hash: string,
): void {
  const { now, minReady, gen, desired } = plan;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of plan.nodes) {
    const nodeName = node.metadata.name as string;
    const onNode = byNode.get(nodeName) ?? [];
    const scheduled = onNode.length > 0;
    if (shouldRunOn(plan, nodeName)) {
      if (!scheduled) continue;
      current++;
      const pod = onNode.slice().sort(byCreationTimestamp)[0] as Pod;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isPodUpdated(pod, hash, gen)) updated++;
    } else if (scheduled) misscheduled++;
  }
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
  };
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions?.length) status.conditions = ds.status.conditions;
  writeStatus(cluster, ds, status, DaemonSetController);
  if (minReady > 0 && ready !== available) c.enqueueAfter(namespacedName(ds), minReady);
}
