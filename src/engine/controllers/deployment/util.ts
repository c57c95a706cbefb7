/**
 * Pure Deployment helpers from pkg/controller/deployment/util/deployment_util.go: revisions,
 * annotations, fenceposts, new/old ReplicaSets, conditions and completeness.
 */
import type { Deployment, ReplicaSet } from "../../api/kinds";
import { clone } from "../../api/types";
import { int32Field } from "../lib/fields";
import { canonicalJson, getCondition, jsonEqual, scaledValue } from "../lib/pods";

export const RevisionAnnotation = "deployment.kubernetes.io/revision";
export const RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
export const DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
export const MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
export const DeprecatedRollbackTo = "deprecated.deployment.rollback.to";
export const LastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
export const ChangeCauseAnnotation = "kubernetes.io/change-cause";
/** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
export const DefaultDeploymentUniqueLabelKey = "pod-template-hash";

// Condition reasons (deployment_util.go).
export const FailedRSCreateReason = "ReplicaSetCreateError";
export const NewReplicaSetReason = "NewReplicaSetCreated";
export const FoundNewRSReason = "FoundNewReplicaSet";
export const NewRSAvailableReason = "NewReplicaSetAvailable";
export const TimedOutReason = "ProgressDeadlineExceeded";
export const PausedDeployReason = "DeploymentPaused";
export const ResumedDeployReason = "DeploymentResumed";
export const ReplicaSetUpdatedReason = "ReplicaSetUpdated";
export const MinimumReplicasAvailable = "MinimumReplicasAvailable";
export const MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
/** The event reason of every scale the controller makes. */
export const ScalingReplicaSetReason = "ScalingReplicaSet";

/** A Deployment condition, as apps/v1 DeploymentCondition. */
export interface DeploymentCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** spec.replicas with its default of 1. */
export function replicasOf(obj: Deployment | ReplicaSet | undefined): number {
  return int32Field(obj?.spec?.replicas, 1);
}

/** Whether the strategy is RollingUpdate (the default). */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** ResolveFenceposts: maxSurge rounded up and maxUnavailable rounded down; never both zero. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true, "25%");
  let unavailable = scaledValue(maxUnavailable, desired, false, "25%");
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxUnavailable: the resolved maxUnavailable, at most spec.replicas; 0 for Recreate. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(
    ru?.maxSurge as number | string | undefined,
    ru?.maxUnavailable as number | string | undefined,
    replicas,
  );
  return Math.min(unavailable, replicas);
}

/** MaxSurge: the resolved maxSurge; 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(
    ru?.maxSurge as number | string | undefined,
    ru?.maxUnavailable as number | string | undefined,
    replicasOf(d),
  ).surge;
}

/** Revision: the ReplicaSet's revision annotation as a number (0 when absent or malformed). */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number {
  const v = obj.metadata.annotations?.[RevisionAnnotation];
  return v && /^\d+$/.test(v) ? Number(v) : 0;
}

/** MaxRevision: the highest revision among the ReplicaSets. */
export function maxRevision(rss: ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** EqualIgnoreHash: templates equal once pod-template-hash is dropped from both. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  // biome-ignore lint/suspicious/noExplicitAny: templates are open JSON
  const strip = (t: any) => {
    const c = clone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[DefaultDeploymentUniqueLabelKey];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    return c;
  };
  return jsonEqual(strip(a), strip(b));
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  return rss
    .slice()
    .sort(byCreation)
    .find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FilterActiveReplicaSets: the ReplicaSets with a non-zero spec.replicas. */
export function activeReplicaSets(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => Boolean(rs) && replicasOf(rs) > 0);
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function specReplicas(rss: (ReplicaSet | undefined)[]): number {
  return rss.reduce((s, rs) => s + (rs ? replicasOf(rs) : 0), 0);
}

/** Sums a status field over ReplicaSets. */
export function statusSum(
  rss: (ReplicaSet | undefined)[],
  field: "replicas" | "readyReplicas" | "availableReplicas",
): number {
  return rss.reduce((s, rs) => s + (rs?.status?.[field] ?? 0), 0);
}

/** NewRSNewReplicas: how far the new ReplicaSet may scale up now. */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = specReplicas(allRSs);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata.annotations = rs.metadata.annotations ?? {};
  const a = rs.metadata.annotations;
  let changed = false;
  if (a[DesiredReplicasAnnotation] !== String(desired)) {
    a[DesiredReplicasAnnotation] = String(desired);
    changed = true;
  }
  if (a[MaxReplicasAnnotation] !== String(max)) {
    a[MaxReplicasAnnotation] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max);
}

/**
 * annotationsToSkip: the annotations the controller keeps apart from the Deployment's own, neither
 * copied onto a new ReplicaSet nor restored from one by `kubectl rollout undo`.
 */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

/** SetNewReplicaSetAnnotations: copies the Deployment's annotations and raises the revision. */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = false;
  rs.metadata.annotations = rs.metadata.annotations ?? {};
  const a = rs.metadata.annotations;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k)) continue;
    if (a[k] !== v) {
      a[k] = v;
      changed = true;
    }
  }
  const had = Object.hasOwn(a, RevisionAnnotation);
  const oldRevision = a[RevisionAnnotation] ?? "";
  let oldInt = 0;
  if (oldRevision !== "") {
    if (!/^\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  if (oldInt < newRevision) {
    a[RevisionAnnotation] = String(newRevision);
    changed = true;
    if (had) {
      const hist = a[RevisionHistoryAnnotation] ?? "";
      a[RevisionHistoryAnnotation] = hist ? `${hist},${oldRevision}` : oldRevision;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** NewDeploymentCondition at time now. */
export function newCondition(
  type: string,
  status: DeploymentCondition["status"],
  reason: string,
  message: string,
  now: string,
): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * SetDeploymentCondition: replaces the condition of that type and moves it last, keeping
 * lastTransitionTime when the status is unchanged; nothing happens when status and reason are.
 */
export function setCondition(status: { conditions?: DeploymentCondition[] }, c: DeploymentCondition): void {
  const current = getCondition(status.conditions, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = { ...c };
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

/** RemoveDeploymentCondition. */
export function removeCondition(status: { conditions?: DeploymentCondition[] }, type: string): void {
  status.conditions = (status.conditions ?? []).filter((x) => x.type !== type);
}

/** The part of a DeploymentStatus the helpers read. */
export interface DeploymentStatusView {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatusView): boolean {
  const r = replicasOf(d);
  return (
    (s.updatedReplicas ?? 0) === r &&
    (s.replicas ?? 0) === r &&
    (s.availableReplicas ?? 0) === r &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatusView): boolean {
  const old = (d.status ?? {}) as DeploymentStatusView;
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** HasProgressDeadline: progressDeadlineSeconds set (default 600) and not MaxInt32. */
export function progressDeadlineSeconds(d: Deployment): number | undefined {
  const p = d.spec?.progressDeadlineSeconds ?? 600;
  return p === 2147483647 ? undefined : p;
}

/** DeploymentTimedOut: the Progressing condition was last updated longer ago than the deadline. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatusView, nowMs: number): boolean {
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) return false;
  const c = getCondition(s.conditions, "Progressing");
  if (!c) return false;
  if (c.reason === NewRSAvailableReason) return false;
  if (c.reason === TimedOutReason) return true;
  const from = c.lastUpdateTime ? Date.parse(c.lastUpdateTime) : Number.NaN;
  return !Number.isNaN(from) && from + deadline * 1000 < nowMs;
}

/** A short stable text of a template, for debugging and history. */
export function templateText(t: unknown): string {
  return canonicalJson(t);
}
