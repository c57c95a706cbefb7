/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps spec.replicas active
 * pods, adopting matching orphans, creating in slow-start batches and deleting the lowest-ranked
 * pods first; writes status.
 */
import type { Pod, ReplicaSet } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { claimObjects } from "../lib/claim";
import { int32Field } from "../lib/fields";
import { ownerIndex } from "../lib/ownerindex";
import { createPod, deletePod, podFromTemplate } from "../lib/podcontrol";
import {
  controllerOf,
  getCondition,
  isPodActive,
  isPodAvailable,
  isPodReady,
  secondsUntilAvailable,
  writeStatus,
} from "../lib/pods";
import { Controller } from "../lib/queue";
import { getPodsToDelete, slowStartBatch } from "./predicates";

/** The event source of the ReplicaSet controller. */
export const ReplicaSetController = "replicaset-controller";
/** At most this many pods are created or deleted per sync (BurstReplicas). */
export const BurstReplicas = 500;
/** The first slow-start batch size (SlowStartInitialBatchSize). */
export const SlowStartInitialBatchSize = 1;

/** Starts the ReplicaSet controller. */
export function installReplicaSetController(cluster: Cluster): Controller {
  ownerIndex(cluster, "Pod");
  const c = new Controller(ReplicaSetController, cluster, (key) => {
    // processNextWorkItem: a failed sync is re-added after the queue's rate limiter.
    if (syncReplicaSet(cluster, c, key)) c.forget(key);
    else c.enqueueRateLimited(key);
  });
  const api = cluster.api;
  api.watch("ReplicaSet", (e) => c.enqueue(namespacedName(e.object)));
  api.watch("Pod", (e) => {
    const pod = e.object as Pod;
    const ref = controllerOf(pod);
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    if (oldRef?.kind === "ReplicaSet" && oldRef.uid !== ref?.uid)
      c.enqueue(`${pod.metadata.namespace}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === "ReplicaSet") c.enqueue(`${pod.metadata.namespace}/${ref.name}`);
      return;
    }
    if (e.type === "DELETED") return;
    for (const rs of api.list("ReplicaSet", { namespace: pod.metadata.namespace }))
      if (matchesLabelSelector(rs.spec?.selector, pod.metadata.labels)) c.enqueue(namespacedName(rs));
  });
  cluster.addComponent(c);
  return c;
}

/** syncReplicaSet: claims pods, manages the replica count, writes status. False when a write failed. */
export function syncReplicaSet(cluster: Cluster, c: Controller, key: string): boolean {
  const [ns, name] = key.split("/") as [string, string];
  const rs = cluster.api.get("ReplicaSet", ns, name) as ReplicaSet | undefined;
  if (!rs) return true;
  const idx = ownerIndex(cluster, "Pod");
  const candidates = [...idx.owned(rs.metadata.uid), ...idx.orphansIn(ns)] as Pod[];
  const claimed = claimObjects(cluster, rs, rs.spec?.selector, candidates, ReplicaSetController);
  const filtered = claimed.filter(isPodActive);
  let err: string | undefined;
  if (!rs.metadata.deletionTimestamp) {
    const sent = { requests: 0 };
    err = manageReplicas(cluster, rs, filtered, sent);
    c.sentRequests(key, sent.requests);
  }
  updateStatus(cluster, c, rs, filtered, err);
  return err === undefined;
}

function manageReplicas(
  cluster: Cluster,
  rs: ReplicaSet,
  filtered: Pod[],
  sent: { requests: number },
): string | undefined {
  const replicas = int32Field(rs.spec?.replicas, 1);
  const diff = filtered.length - replicas;
  if (diff < 0) {
    const count = Math.min(-diff, BurstReplicas);
    let lastError: string | undefined;
    const created = slowStartBatch(count, SlowStartInitialBatchSize, () => {
      sent.requests++;
      const pod = createPod(cluster, podFromTemplate(rs.spec?.template, rs), rs, ReplicaSetController);
      if (!pod) lastError = "failed to create pod";
      return Boolean(pod);
    });
    if (created < count) return lastError ?? "failed to create pod";
    return undefined;
  }
  if (diff > 0) {
    const count = Math.min(diff, BurstReplicas);
    const related = relatedPods(cluster, rs, filtered);
    for (const pod of getPodsToDelete(filtered, related, count, cluster.clock.now())) {
      sent.requests++;
      deletePod(cluster, pod, rs, ReplicaSetController);
    }
  }
  return undefined;
}

/** getIndirectlyRelatedPods: the active pods of every ReplicaSet with the same controller. */
function relatedPods(cluster: Cluster, rs: ReplicaSet, own: Pod[]): Pod[] {
  const owner = controllerOf(rs);
  if (!owner) return own;
  const uids = new Set(
    cluster.api
      .list("ReplicaSet", { namespace: rs.metadata.namespace })
      .filter((r) => controllerOf(r)?.uid === owner.uid)
      .map((r) => r.metadata.uid),
  );
  const idx = ownerIndex(cluster, "Pod");
  return [...uids].flatMap((uid) => idx.owned(uid) as Pod[]).filter(isPodActive);
}

/** calculateStatus and updateReplicaSetStatus. */
function updateStatus(
  cluster: Cluster,
  c: Controller,
  rs: ReplicaSet,
  filtered: Pod[],
  err: string | undefined,
): void {
  const now = cluster.clock.now();
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  let fully = 0;
  let ready = 0;
  let available = 0;
  let recheck: number | undefined;
  for (const pod of filtered) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fully++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      else {
        const s = secondsUntilAvailable(pod, minReady, now);
        if (s !== undefined) recheck = Math.min(recheck ?? s, s);
      }
    }
  }
  const status: Record<string, unknown> = { replicas: filtered.length };
  if (fully) status.fullyLabeledReplicas = fully;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = getCondition(conditions, "ReplicaFailure");
  if (err && !failure) {
    const diff = filtered.length - int32Field(rs.spec?.replicas, 1);
    conditions.push({
      type: "ReplicaFailure",
      status: "True",
      lastTransitionTime: cluster.clock.timestamp(),
      reason: diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "",
      message: err,
    });
  } else if (!err && failure) conditions = conditions.filter((x) => x.type !== "ReplicaFailure");
  if (conditions.length) status.conditions = conditions;
  writeStatus(cluster, rs, status, ReplicaSetController);
  if (recheck !== undefined) c.enqueueAfter(namespacedName(rs), recheck);
}
