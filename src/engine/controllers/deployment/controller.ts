/**
 * The Deployment controller (pkg/controller/deployment: deployment_controller.go, sync.go,
 * rolling.go, recreate.go, progress.go): ReplicaSets named `<deploy>-<pod-template-hash>`,
 * rolling and recreate rollouts, proportional scaling, revisions, conditions and status.
 */
import { ApiError } from "../../api/errors";
import type { Deployment, Pod, ReplicaSet } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { clone, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { claimObjects } from "../lib/claim";
import { ownerIndex } from "../lib/ownerindex";
import {
  computeHash,
  controllerOf,
  getCondition,
  jsonEqual,
  newControllerRef,
  writeStatus,
} from "../lib/pods";
import { Controller } from "../lib/queue";
import {
  activeReplicaSets,
  byCreation,
  DefaultDeploymentUniqueLabelKey,
  type DeploymentCondition,
  type DeploymentStatusView,
  DesiredReplicasAnnotation,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  FoundNewRSReason,
  findNewReplicaSet,
  isRollingUpdate,
  MaxReplicasAnnotation,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  maxRevision,
  maxSurge,
  maxUnavailable,
  NewReplicaSetReason,
  NewRSAvailableReason,
  newCondition,
  newRSNewReplicas,
  PausedDeployReason,
  progressDeadlineSeconds,
  ReplicaSetUpdatedReason,
  ResumedDeployReason,
  RevisionAnnotation,
  removeCondition,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionOf,
  ScalingReplicaSetReason,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  statusSum,
  TimedOutReason,
} from "./util";

/** The event source of the Deployment controller. */
export const DeploymentController = "deployment-controller";

/** Starts the Deployment controller. */
export function installDeploymentController(cluster: Cluster): Controller {
  ownerIndex(cluster, "ReplicaSet");
  ownerIndex(cluster, "Pod");
  const c = new Controller(DeploymentController, cluster, (key) => syncDeployment(cluster, c, key));
  const api = cluster.api;
  api.watch("Deployment", (e) => c.enqueue(namespacedName(e.object)));
  api.watch("ReplicaSet", (e) => {
    const rs = e.object as ReplicaSet;
    const ref = controllerOf(rs);
    const oldRef = e.old ? controllerOf(e.old) : undefined;
    if (oldRef?.kind === "Deployment" && oldRef.uid !== ref?.uid)
      c.enqueue(`${rs.metadata.namespace}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === "Deployment") c.enqueue(`${rs.metadata.namespace}/${ref.name}`);
      return;
    }
    if (e.type === "DELETED") return;
    for (const d of api.list("Deployment", { namespace: rs.metadata.namespace }))
      if (matchesLabelSelector(d.spec?.selector, rs.metadata.labels)) c.enqueue(namespacedName(d));
  });
  api.watch("Pod", (e) => {
    // A Recreate rollout waits for old pods to be gone (deletePod in deployment_controller.go).
    if (e.type !== "DELETED") return;
    const ref = controllerOf(e.object);
    if (ref?.kind !== "ReplicaSet") return;
    const rs = api.get("ReplicaSet", e.object.metadata.namespace, ref.name);
    const dref = rs ? controllerOf(rs) : undefined;
    if (dref?.kind === "Deployment") c.enqueue(`${e.object.metadata.namespace}/${dref.name}`);
  });
  cluster.addComponent(c);
  return c;
}

interface Ctx {
  cluster: Cluster;
  c: Controller;
  /** The working copy; its status is written with writeStatus. */
  d: Deployment;
}

/** The working copy's status, created when missing. */
function statusOf(ctx: Ctx): DeploymentStatusView {
  if (!ctx.d.status) ctx.d.status = {};
  return ctx.d.status as DeploymentStatusView;
}

/** Sets Progressing=True with the reason and message, and writes the Deployment's status. */
function writeProgressing(ctx: Ctx, reason: string, message: string): void {
  const status = statusOf(ctx);
  setCondition(status, newCondition("Progressing", "True", reason, message, nowTs(ctx)));
  ctx.d = writeStatus(ctx.cluster, ctx.d, status, DeploymentController);
}

function nowTs(ctx: Ctx): string {
  return ctx.cluster.clock.timestamp();
}

/** syncDeployment. */
export function syncDeployment(cluster: Cluster, c: Controller, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const stored = cluster.api.get("Deployment", ns, name) as Deployment | undefined;
  if (!stored) return;
  const ctx: Ctx = { cluster, c, d: clone(stored) };
  const d = ctx.d;
  const sel = d.spec?.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
    cluster.events.record(
      d,
      "Warning",
      "SelectingAll",
      "This deployment is selecting all pods. A non-empty selector is required.",
      {
        component: DeploymentController,
      },
    );
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      writeStatus(
        cluster,
        d,
        { ...(d.status ?? {}), observedGeneration: d.metadata.generation },
        DeploymentController,
      );
    }
    return;
  }
  const rsIdx = ownerIndex(cluster, "ReplicaSet");
  const rsList = claimObjects(
    cluster,
    d,
    d.spec?.selector,
    [...rsIdx.owned(d.metadata.uid), ...rsIdx.orphansIn(ns)] as ReplicaSet[],
    DeploymentController,
  );
  if (d.metadata.deletionTimestamp) {
    syncStatusOnly(ctx, rsList);
    return;
  }
  checkPausedConditions(ctx);
  if (d.spec?.paused) {
    syncScale(ctx, rsList);
    return;
  }
  if (isScalingEvent(ctx, rsList)) {
    syncScale(ctx, rsList);
    return;
  }
  if (isRollingUpdate(d)) rolloutRolling(ctx, rsList);
  else rolloutRecreate(ctx, rsList);
}

function syncStatusOnly(ctx: Ctx, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS);
}

function checkPausedConditions(ctx: Ctx): void {
  const d = ctx.d;
  if (progressDeadlineSeconds(d) === undefined) return;
  const status = statusOf(ctx);
  const cond = getCondition(status.conditions, "Progressing");
  if (cond?.reason === TimedOutReason) return;
  const pausedExists = cond?.reason === PausedDeployReason;
  if (d.spec?.paused && !pausedExists) {
    setCondition(
      status,
      newCondition("Progressing", "Unknown", PausedDeployReason, "Deployment is paused", nowTs(ctx)),
    );
  } else if (!d.spec?.paused && pausedExists) {
    setCondition(
      status,
      newCondition("Progressing", "Unknown", ResumedDeployReason, "Deployment is resumed", nowTs(ctx)),
    );
  } else return;
  ctx.d = writeStatus(ctx.cluster, d, status, DeploymentController);
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
function isScalingEvent(ctx: Ctx, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const v = rs.metadata.annotations?.[DesiredReplicasAnnotation];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    if (Number(v) !== replicasOf(ctx.d)) return true;
  }
  return false;
}

/**
 * getAllReplicaSetsAndSyncRevision / getNewReplicaSet: the new ReplicaSet (created when asked),
 * the old ones, and the Deployment's revision annotation kept in step.
 */
function getAllReplicaSetsAndSyncRevision(
  ctx: Ctx,
  rsList: ReplicaSet[],
  create: boolean,
): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const d = ctx.d;
  const { cluster } = ctx;
  const existing = findNewReplicaSet(d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== existing);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    let rs = existing;
    const copy = clone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReadyNeedsUpdate = (copy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyNeedsUpdate) {
      if (copy.spec) {
        if (d.spec?.minReadySeconds) copy.spec.minReadySeconds = d.spec.minReadySeconds;
        else delete copy.spec.minReadySeconds;
      }
      rs = cluster.api.update(copy, { fieldManager: DeploymentController }) as ReplicaSet;
      replaceIn(rsList, existing, rs);
      return { newRS: rs, oldRSs };
    }
    syncDeploymentRevision(ctx, copy.metadata.annotations?.[RevisionAnnotation]);
    if (
      progressDeadlineSeconds(ctx.d) !== undefined &&
      !getCondition(statusOf(ctx).conditions, "Progressing")
    )
      writeProgressing(ctx, FoundNewRSReason, `Found new replica set "${rs.metadata.name}"`);
    return { newRS: rs, oldRSs };
  }
  if (!create) return { newRS: undefined, oldRSs };

  const template = clone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = template.metadata ?? {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash };
  const selector = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash };
  const newRS: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d)],
    },
    spec: { replicas: 0, selector, template },
  };
  if (d.spec?.minReadySeconds && newRS.spec) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  if (newRS.spec) newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  let created: ReplicaSet;
  try {
    created = cluster.api.create(newRS, { fieldManager: DeploymentController }) as ReplicaSet;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === "AlreadyExists") {
      const taken = cluster.api.get(
        "ReplicaSet",
        d.metadata.namespace,
        newRS.metadata.name as string,
      ) as ReplicaSet;
      if (controllerOf(taken)?.uid === d.metadata.uid && jsonEqual(taken.spec?.template, template))
        return { newRS: taken, oldRSs };
      // A hash collision: bump collisionCount so the next sync picks another name.
      const status = statusOf(ctx);
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      ctx.d = writeStatus(cluster, ctx.d, status, DeploymentController);
      ctx.c.enqueue(namespacedName(d));
      return { newRS: undefined, oldRSs };
    }
    const status = statusOf(ctx);
    const msg = `Failed to create new replica set "${newRS.metadata.name}": ${e.message}`;
    if (progressDeadlineSeconds(d) !== undefined)
      setCondition(status, newCondition("Progressing", "False", "ReplicaSetCreateError", msg, nowTs(ctx)));
    cluster.events.record(d, "Warning", "ReplicaSetCreateError", msg, { component: DeploymentController });
    ctx.d = writeStatus(cluster, ctx.d, status, DeploymentController);
    return { newRS: undefined, oldRSs };
  }
  rsList.push(created);
  if (count > 0)
    cluster.events.record(
      d,
      "Normal",
      ScalingReplicaSetReason,
      `Scaled up replica set ${created.metadata.name} from 0 to ${count}`,
      { component: DeploymentController },
    );
  syncDeploymentRevision(ctx, String(newRevision));
  if (progressDeadlineSeconds(ctx.d) !== undefined)
    writeProgressing(ctx, NewReplicaSetReason, `Created new replica set "${created.metadata.name}"`);
  return { newRS: created, oldRSs };
}

function replaceIn(list: ReplicaSet[], from: ReplicaSet, to: ReplicaSet): void {
  const i = list.indexOf(from);
  if (i >= 0) list[i] = to;
}

/** SetDeploymentRevision: keeps the Deployment's revision annotation equal to the new ReplicaSet's. */
function syncDeploymentRevision(ctx: Ctx, revision: string | undefined): void {
  if (revision === undefined) return;
  if (ctx.d.metadata.annotations?.[RevisionAnnotation] === revision) return;
  const latest = ctx.cluster.api.get("Deployment", ctx.d.metadata.namespace, ctx.d.metadata.name as string);
  if (!latest) return;
  const next = clone(latest);
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [RevisionAnnotation]: revision };
  const stored = ctx.cluster.api.update(next, { fieldManager: DeploymentController }) as Deployment;
  const status = ctx.d.status;
  ctx.d = clone(stored);
  ctx.d.status = status;
}

/** scaleReplicaSetAndRecordEvent / scaleReplicaSet. Returns the (possibly updated) ReplicaSet and whether it scaled. */
function scaleReplicaSet(
  ctx: Ctx,
  rs: ReplicaSet,
  newScale: number,
  operation?: "up" | "down",
): { rs: ReplicaSet; scaled: boolean } {
  const d = ctx.d;
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicasOf(d), max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { rs, scaled: false };
  const copy = clone(rs);
  if (copy.spec) copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, replicasOf(d), max);
  const stored = ctx.cluster.api.update(copy, { fieldManager: DeploymentController }) as ReplicaSet;
  if (sizeNeedsUpdate) {
    const op = operation ?? (oldScale < newScale ? "up" : "down");
    ctx.cluster.events.record(
      d,
      "Normal",
      ScalingReplicaSetReason,
      `Scaled ${op} replica set ${stored.metadata.name} from ${oldScale} to ${newScale}`,
      { component: DeploymentController },
    );
  }
  return { rs: stored, scaled: sizeNeedsUpdate };
}

/** scaleReplicaSetAndRecordEvent: only when the size changes. */
function scaleAndRecord(ctx: Ctx, rs: ReplicaSet, newScale: number): { rs: ReplicaSet; scaled: boolean } {
  if (replicasOf(rs) === newScale) return { rs, scaled: false };
  return scaleReplicaSet(ctx, rs, newScale, replicasOf(rs) < newScale ? "up" : "down");
}

/** sync: a scaling event or a paused Deployment. */
function syncScale(ctx: Ctx, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
  scale(ctx, newRS, oldRSs);
  const refreshed = refresh(ctx, [...oldRSs, newRS]);
  if (ctx.d.spec?.paused) cleanupDeployment(ctx, refreshed.slice(0, oldRSs.length) as ReplicaSet[]);
  syncDeploymentStatus(ctx, refreshed, refreshed[refreshed.length - 1]);
}

function refresh(ctx: Ctx, rss: (ReplicaSet | undefined)[]): (ReplicaSet | undefined)[] {
  return rss.map((rs) =>
    rs
      ? ((ctx.cluster.api.get("ReplicaSet", rs.metadata.namespace, rs.metadata.name as string) as
          | ReplicaSet
          | undefined) ?? rs)
      : undefined,
  );
}

/** FindActiveOrLatest. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = oldRSs.slice().sort(byCreation).reverse();
  const active = activeReplicaSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** IsSaturated: the new ReplicaSet has every replica, annotated and available. */
function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DesiredReplicasAnnotation] ?? Number.NaN);
  return (
    replicasOf(rs) === replicasOf(d) &&
    desired === replicasOf(d) &&
    (rs.status?.availableReplicas ?? 0) === replicasOf(d)
  );
}

/** scale: proportional scaling of every active ReplicaSet (sync.go). */
function scale(ctx: Ctx, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = ctx.d;
  const target = findActiveOrLatest(newRS, oldRSs);
  if (target) {
    if (replicasOf(target) === replicasOf(d)) return;
    scaleAndRecord(ctx, target, replicasOf(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(ctx, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allReplicas = specReplicas(all);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  let operation: "up" | "down" | undefined;
  const ts = (rs: ReplicaSet) => rs.metadata.creationTimestamp ?? "";
  if (toAdd > 0) {
    operation = "up";
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || (ts(a) === ts(b) ? 0 : ts(a) > ts(b) ? -1 : 1));
  } else if (toAdd < 0) {
    operation = "down";
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || (ts(a) === ts(b) ? 0 : ts(a) < ts(b) ? -1 : 1));
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name as string, replicasOf(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name as string, replicasOf(rs));
  }
  all.forEach((rs, i) => {
    const name = rs.metadata.name as string;
    if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, (sizes.get(name) ?? 0) + toAdd - added));
    scaleReplicaSet(ctx, rs, sizes.get(name) ?? 0, operation);
  });
}

/** GetProportion / getReplicaSetFraction. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    const maxReplicas = replicasOf(d) + maxSurge(d);
    let before = Number(rs.metadata.annotations?.[MaxReplicasAnnotation] ?? Number.NaN);
    if (!Number.isFinite(before) || before === 0) before = d.status?.replicas ?? 0;
    fraction = Math.round((replicasOf(rs) * maxReplicas) / before) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** rolloutRolling (rolling.go). */
function rolloutRolling(ctx: Ctx, rsList: ReplicaSet[]): void {
  const got = getAllReplicaSetsAndSyncRevision(ctx, rsList, true);
  let newRS = got.newRS;
  let oldRSs = got.oldRSs;
  if (!newRS) {
    syncRolloutStatus(ctx, oldRSs, undefined);
    return;
  }
  // reconcileNewReplicaSet
  let scaledUp = false;
  const d = ctx.d;
  if (replicasOf(newRS) !== replicasOf(d)) {
    const target =
      replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    const r = scaleAndRecord(ctx, newRS, target);
    newRS = r.rs;
    scaledUp = r.scaled;
  }
  if (scaledUp) {
    syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
    return;
  }
  const r = reconcileOldReplicaSets(ctx, oldRSs, newRS);
  oldRSs = r.oldRSs;
  if (r.scaledDown) {
    syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
    return;
  }
  if (deploymentComplete(ctx.d, (ctx.d.status ?? {}) as DeploymentStatusView)) cleanupDeployment(ctx, oldRSs);
  syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
}

/** reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate. */
function reconcileOldReplicaSets(
  ctx: Ctx,
  oldRSsIn: ReplicaSet[],
  newRS: ReplicaSet,
): { oldRSs: ReplicaSet[]; scaledDown: boolean } {
  const d = ctx.d;
  let oldRSs = oldRSsIn.slice();
  const oldPods = specReplicas(oldRSs);
  if (oldPods === 0) return { oldRSs, scaledDown: false };
  const allPods = specReplicas([...oldRSs, newRS]);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return { oldRSs, scaledDown: false };
  // Clean up unhealthy replicas first.
  oldRSs.sort(byCreation);
  let cleanup = 0;
  oldRSs = oldRSs.map((rs) => {
    if (cleanup >= maxScaledDown) return rs;
    const replicas = replicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) return rs;
    const n = Math.min(maxScaledDown - cleanup, replicas - available);
    cleanup += n;
    return scaleAndRecord(ctx, rs, replicas - n).rs;
  });
  // Scale down old replica sets while staying above minAvailable.
  let scaled = 0;
  const availableCount = statusSum([...oldRSs, newRS], "availableReplicas");
  if (availableCount > minAvailable) {
    const total = availableCount - minAvailable;
    oldRSs.sort(byCreation);
    oldRSs = oldRSs.map((rs) => {
      if (scaled >= total || replicasOf(rs) === 0) return rs;
      const n = Math.min(replicasOf(rs), total - scaled);
      scaled += n;
      return scaleAndRecord(ctx, rs, replicasOf(rs) - n).rs;
    });
  }
  return { oldRSs, scaledDown: cleanup + scaled > 0 };
}

/** rolloutRecreate (recreate.go): old ReplicaSets to zero, wait for their pods, then the new one up. */
function rolloutRecreate(ctx: Ctx, rsList: ReplicaSet[]): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, rsList, false);
  let scaledDown = false;
  oldRSs = oldRSs.map((rs) => {
    if (replicasOf(rs) === 0) return rs;
    const r = scaleAndRecord(ctx, rs, 0);
    if (r.scaled) scaledDown = true;
    return r.rs;
  });
  if (scaledDown) {
    syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
    return;
  }
  if (oldPodsRunning(ctx, newRS, oldRSs)) {
    syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
    return;
  }
  if (!newRS) {
    const got = getAllReplicaSetsAndSyncRevision(ctx, rsList, true);
    newRS = got.newRS;
    oldRSs = got.oldRSs;
  }
  if (newRS) newRS = scaleAndRecord(ctx, newRS, replicasOf(ctx.d)).rs;
  if (deploymentComplete(ctx.d, (ctx.d.status ?? {}) as DeploymentStatusView)) cleanupDeployment(ctx, oldRSs);
  syncRolloutStatus(ctx, [...oldRSs, newRS], newRS);
}

function oldPodsRunning(ctx: Ctx, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (statusSum(oldRSs, "replicas") > 0) return true;
  const idx = ownerIndex(ctx.cluster, "Pod");
  for (const pod of oldRSs.flatMap((rs) =>
    rs.metadata.uid === newRS?.metadata.uid ? [] : (idx.owned(rs.metadata.uid) as Pod[]),
  )) {
    const phase = pod.status?.phase;
    if (phase === "Failed" || phase === "Succeeded") continue;
    return true;
  }
  return false;
}

/** cleanupDeployment: deletes the oldest idle old ReplicaSets beyond revisionHistoryLimit. */
function cleanupDeployment(ctx: Ctx, oldRSs: ReplicaSet[]): void {
  const limit = ctx.d.spec?.revisionHistoryLimit ?? 10;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      ctx.cluster.api.delete("ReplicaSet", rs.metadata.namespace, rs.metadata.name as string);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}

/** calculateStatus (sync.go). */
export function calculateStatus(
  d: Deployment,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  now: string,
): DeploymentStatusView {
  const available = statusSum(allRSs, "availableReplicas");
  const total = specReplicas(allRSs);
  const status: DeploymentStatusView = {
    observedGeneration: d.metadata.generation,
    replicas: statusSum(allRSs, "replicas"),
    updatedReplicas: statusSum([newRS], "replicas"),
    readyReplicas: statusSum(allRSs, "readyReplicas"),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = [...((d.status?.conditions ?? []) as DeploymentCondition[])];
  if (available >= replicasOf(d) - maxUnavailable(d))
    setCondition(
      status,
      newCondition(
        "Available",
        "True",
        MinimumReplicasAvailable,
        "Deployment has minimum availability.",
        now,
      ),
    );
  else
    setCondition(
      status,
      newCondition(
        "Available",
        "False",
        MinimumReplicasUnavailable,
        "Deployment does not have minimum availability.",
        now,
      ),
    );
  return status;
}

/** Drops zero fields that apps/v1 DeploymentStatus marks omitempty. */
function compact(s: DeploymentStatusView): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

function syncDeploymentStatus(
  ctx: Ctx,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): void {
  const status = calculateStatus(
    ctx.d,
    refresh(ctx, allRSs),
    newRS ? refresh(ctx, [newRS])[0] : undefined,
    nowTs(ctx),
  );
  ctx.d = writeStatus(ctx.cluster, ctx.d, compact(status), DeploymentController);
}

/** syncRolloutStatus (progress.go): status plus the Progressing condition, and a requeue at the deadline. */
function syncRolloutStatus(
  ctx: Ctx,
  allRSsIn: (ReplicaSet | undefined)[],
  newRSIn: ReplicaSet | undefined,
): void {
  const allRSs = refresh(ctx, allRSsIn);
  const newRS = newRSIn ? refresh(ctx, [newRSIn])[0] : undefined;
  const d = ctx.d;
  const now = nowTs(ctx);
  const s = calculateStatus(d, allRSs, newRS, now);
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) removeCondition(s, "Progressing");
  const current = getCondition(s.conditions, "Progressing");
  const isComplete = s.replicas === s.updatedReplicas && current?.reason === NewRSAvailableReason;
  if (deadline !== undefined && !isComplete) {
    if (deploymentComplete(d, s)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`
        : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(s, newCondition("Progressing", "True", NewRSAvailableReason, msg, now));
    } else if (deploymentProgressing(d, s)) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" is progressing.`
        : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition("Progressing", "True", ReplicaSetUpdatedReason, msg, now);
      if (current) {
        if (current.status === "True") cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(s, "Progressing");
      }
      setCondition(s, cond);
    } else if (deploymentTimedOut(d, s, ctx.cluster.clock.now())) {
      const msg = newRS
        ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`
        : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(s, newCondition("Progressing", "False", TimedOutReason, msg, now));
    }
  }
  // Move ReplicaSet failure conditions onto the Deployment (getReplicaFailures).
  const failure = allRSs.flatMap((rs) =>
    (rs?.status?.conditions ?? []).filter((c) => c.type === "ReplicaFailure"),
  )[0];
  if (failure) {
    setCondition(s, {
      type: "ReplicaFailure",
      status: failure.status as DeploymentCondition["status"],
      lastUpdateTime: now,
      lastTransitionTime: failure.lastTransitionTime ?? now,
      reason: failure.reason,
      message: failure.message,
    });
  } else removeCondition(s, "ReplicaFailure");
  ctx.d = writeStatus(ctx.cluster, ctx.d, compact(s), DeploymentController);
  requeueStuckDeployment(ctx, s);
}

/** requeueStuckDeployment: look again when the progress deadline would pass. */
function requeueStuckDeployment(ctx: Ctx, s: DeploymentStatusView): void {
  const deadline = progressDeadlineSeconds(ctx.d);
  const cond = getCondition(s.conditions, "Progressing");
  if (
    deadline === undefined ||
    !cond ||
    cond.reason === NewRSAvailableReason ||
    cond.reason === TimedOutReason
  )
    return;
  if (deploymentComplete(ctx.d, s)) return;
  const from = cond.lastUpdateTime ? Date.parse(cond.lastUpdateTime) : ctx.cluster.clock.now();
  const after = (from + deadline * 1000 - ctx.cluster.clock.now()) / 1000;
  ctx.c.enqueueAfter(namespacedName(ctx.d), Math.max(after, 0) + 1);
}
