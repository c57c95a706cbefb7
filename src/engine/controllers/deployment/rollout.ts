/**
 * What `kubectl rollout status|history|undo` need from the workload controllers, with the texts
 * of staging/src/k8s.io/kubectl/pkg/polymorphichelpers (rollout_status.go, history.go,
 * rollback.go).
 */
import type { DaemonSet, Deployment, ReplicaSet } from "../../api/kinds";
import { clone } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerOf, getCondition, jsonEqual } from "../lib/pods";
import {
  ANNOTATIONS_TO_SKIP,
  ChangeCauseAnnotation,
  DefaultDeploymentUniqueLabelKey,
  equalIgnoreHash,
  RevisionAnnotation,
  revisionOf,
  TimedOutReason,
} from "./util";

/** The answer of one `kubectl rollout status` poll. */
export interface RolloutStatus {
  /** The rollout finished (kubectl stops watching and exits 0). */
  done: boolean;
  /** The line kubectl prints (without the trailing newline). */
  message: string;
  /** Set when kubectl would fail: it prints `error: <error>` and exits 1. */
  error?: string;
}

/**
 * The status kubectl's DeploymentStatusViewer / DaemonSetStatusViewer derive from an object.
 * kind is "Deployment" or "DaemonSet".
 */
export function rolloutStatus(
  cluster: Cluster,
  kind: string,
  namespace: string,
  name: string,
): RolloutStatus {
  const obj = cluster.api.get(kind, namespace, name);
  if (!obj) return { done: false, message: "", error: `${kind.toLowerCase()}s.apps "${name}" not found` };
  if (kind === "Deployment") return deploymentStatusText(obj as Deployment);
  if (kind === "DaemonSet") return daemonSetStatusText(obj as DaemonSet);
  return { done: false, message: "", error: `no status viewer has been implemented for ${kind}` };
}

/** DeploymentStatusViewer.Status. */
export function deploymentStatusText(d: Deployment): RolloutStatus {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const cond = getCondition(s.conditions, "Progressing");
    if (cond?.reason === TimedOutReason)
      return { done: false, message: "", error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = d.spec?.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (d.spec?.replicas !== undefined && updated < replicas)
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
      };
    if ((s.replicas ?? 0) > updated)
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`,
      };
    if ((s.availableReplicas ?? 0) < updated)
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
      };
    return { done: true, message: `deployment "${name}" successfully rolled out` };
  }
  return { done: false, message: "Waiting for deployment spec update to be observed..." };
}

/** DaemonSetStatusViewer.Status. */
export function daemonSetStatusText(ds: DaemonSet): RolloutStatus {
  const name = ds.metadata.name;
  if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate")
    return {
      done: true,
      message: "",
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  const s = ds.status ?? ({} as NonNullable<DaemonSet["status"]>);
  if ((ds.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const desired = s.desiredNumberScheduled ?? 0;
    if ((s.updatedNumberScheduled ?? 0) < desired)
      return {
        done: false,
        message: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
      };
    if ((s.numberAvailable ?? 0) < desired)
      return {
        done: false,
        message: `Waiting for daemon set "${name}" rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...`,
      };
    return { done: true, message: `daemon set "${name}" successfully rolled out` };
  }
  return { done: false, message: "Waiting for daemon set spec update to be observed..." };
}

/** One revision of `kubectl rollout history`. */
export interface RolloutRevision {
  revision: number;
  /** The kubernetes.io/change-cause annotation, or undefined (kubectl prints <none>). */
  changeCause?: string;
  /** The pod template of that revision (kubectl prints it for --revision=N). */
  // biome-ignore lint/suspicious/noExplicitAny: templates are open JSON
  template: any;
}

/** The Deployment's ReplicaSets (controlled by it), as deploymentutil.GetAllReplicaSets finds them. */
function replicaSetsOf(cluster: Cluster, d: Deployment): ReplicaSet[] {
  return (cluster.api.list("ReplicaSet", { namespace: d.metadata.namespace }) as ReplicaSet[]).filter(
    (rs) => controllerOf(rs)?.uid === d.metadata.uid,
  );
}

/** DeploymentHistoryViewer: the revisions, oldest first. */
export function rolloutHistory(cluster: Cluster, d: Deployment): RolloutRevision[] {
  const out: RolloutRevision[] = [];
  for (const rs of replicaSetsOf(cluster, d)) {
    const v = rs.metadata.annotations?.[RevisionAnnotation];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    out.push({
      revision: Number(v),
      changeCause: rs.metadata.annotations?.[ChangeCauseAnnotation],
      template: clone(rs.spec?.template),
    });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

/** The outcome of `kubectl rollout undo`. */
export type RolloutUndoResult = { ok: true; message: string } | { ok: false; error: string };

/** Go's %q of an integer: a quoted rune literal ('\x02', 'A'). */
function goQuoteRune(n: number): string {
  if (n >= 0x20 && n < 0x7f && n !== 0x27 && n !== 0x5c) return `'${String.fromCharCode(n)}'`;
  if (n === 0x27) return "'\\''";
  if (n === 0x5c) return "'\\\\'";
  if (n < 0x100) return `'\\x${n.toString(16).padStart(2, "0")}'`;
  return `'\\u${n.toString(16).padStart(4, "0")}'`;
}

/**
 * DeploymentRollbacker.Rollback: restores the template (and annotations) of toRevision, or of
 * the previous revision when toRevision is 0 or absent. Messages: "rolled back",
 * "skipped rollback (current template already matches revision N)", or the upstream errors.
 */
export function rolloutUndo(cluster: Cluster, d: Deployment, toRevision = 0): RolloutUndoResult {
  if (toRevision < 0)
    return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  const latest = cluster.api.get("Deployment", d.metadata.namespace, d.metadata.name as string) as
    | Deployment
    | undefined;
  if (!latest) return { ok: false, error: `deployments.apps "${d.metadata.name}" not found` };
  let target: ReplicaSet | undefined;
  let latestRev = -1;
  let latestRS: ReplicaSet | undefined;
  let prevRev = -1;
  for (const rs of replicaSetsOf(cluster, latest)) {
    const v = rs.metadata.annotations?.[RevisionAnnotation];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    const n = revisionOf(rs);
    if (toRevision === 0) {
      if (latestRev < n) {
        prevRev = latestRev;
        target = latestRS;
        latestRev = n;
        latestRS = rs;
      } else if (prevRev < n) {
        prevRev = n;
        target = rs;
      }
    } else if (n === toRevision) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target)
    return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  if (!target)
    return { ok: false, error: `no rollout history found for deployment "${latest.metadata.name}"` };
  if (latest.spec?.paused)
    return {
      ok: false,
      error:
        "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    };
  if (equalIgnoreHash(target.spec?.template, latest.spec?.template))
    return {
      ok: true,
      message: `skipped rollback (current template already matches revision ${goQuoteRune(toRevision)})`,
    };
  const template = clone(target.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[DefaultDeploymentUniqueLabelKey];
  const annotations: Record<string, string> = {};
  for (const k of ANNOTATIONS_TO_SKIP) {
    const v = latest.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const next = clone(latest);
  if (next.spec) next.spec.template = template;
  // getDeploymentPatch: a JSON patch replacing /spec/template and /metadata/annotations.
  if (Object.keys(annotations).length) next.metadata.annotations = annotations;
  else delete next.metadata.annotations;
  if (jsonEqual(next, latest)) return { ok: true, message: "rolled back" };
  try {
    cluster.api.update(next, { fieldManager: "kubectl-rollout" });
  } catch (e) {
    return { ok: false, error: `failed restoring revision ${toRevision}: ${(e as Error).message}` };
  }
  return { ok: true, message: "rolled back" };
}
