/**
 * Which pods `kubectl drain` deletes, port of staging/src/k8s.io/kubectl/pkg/drain/filters.go:
 * filters run in order (skip deleted, DaemonSet, mirror, local storage, unreplicated); the first
 * that refuses to delete decides; otherwise the last warning is kept.
 */
import type { Pod } from "../../engine/api/kinds";

/** Texts of filters.go. */
export const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
export const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
export const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
export const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
export const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
export const UNMANAGED_WARNING = "deleting Pods that declare no controller";
/** corev1.MirrorPodAnnotationKey. */
export const MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";

/** A filter's verdict (PodDeleteStatus). */
export interface PodDeleteStatus {
  delete: boolean;
  reason: "Okay" | "Skip" | "Warning" | "Error";
  message?: string;
}

/** The drain options the filters read (drain.Helper). */
export interface DrainOptions {
  force: boolean;
  ignoreAllDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** SkipWaitForDeleteTimeoutSeconds: skip pods deleted longer ago than this (0: never). */
  skipWaitForDeleteTimeoutSeconds: number;
  /** Now, in ms (simulated clock). */
  now: number;
  /** Whether a DaemonSet exists (for orphaned DaemonSet pods). */
  daemonSetExists(namespace: string, name: string): boolean;
}

const okay = (): PodDeleteStatus => ({ delete: true, reason: "Okay" });
const skip = (): PodDeleteStatus => ({ delete: false, reason: "Skip" });
const warning = (del: boolean, message: string): PodDeleteStatus => ({
  delete: del,
  reason: "Warning",
  message,
});
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: "Error", message });

function controllerOf(pod: Pod) {
  return (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
}

function finished(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

export function skipDeletedFilter(pod: Pod, o: DrainOptions): PodDeleteStatus {
  const ts = pod.metadata.deletionTimestamp;
  if (
    o.skipWaitForDeleteTimeoutSeconds > 0 &&
    ts &&
    Math.floor((o.now - Date.parse(ts)) / 1000) > o.skipWaitForDeleteTimeoutSeconds
  )
    return skip();
  return okay();
}

export function daemonSetFilter(pod: Pod, o: DrainOptions): PodDeleteStatus {
  const ref = controllerOf(pod);
  if (ref?.kind !== "DaemonSet") return okay();
  if (finished(pod)) return okay();
  if (!o.daemonSetExists(pod.metadata.namespace ?? "", ref.name)) {
    const msg = `daemonsets.apps "${ref.name}" not found`;
    if (o.force) return warning(true, msg);
    return error(msg);
  }
  if (!o.ignoreAllDaemonSets) return error(DAEMONSET_FATAL);
  return warning(false, DAEMONSET_WARNING);
}

export function mirrorPodFilter(pod: Pod): PodDeleteStatus {
  if (pod.metadata.annotations && MIRROR_POD_ANNOTATION in pod.metadata.annotations) return skip();
  return okay();
}

export function localStorageFilter(pod: Pod, o: DrainOptions): PodDeleteStatus {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir)) return okay();
  if (finished(pod)) return okay();
  if (!o.deleteEmptyDirData) return error(LOCAL_STORAGE_FATAL);
  return warning(true, LOCAL_STORAGE_WARNING);
}

export function unreplicatedFilter(pod: Pod, o: DrainOptions): PodDeleteStatus {
  if (finished(pod)) return okay();
  if (controllerOf(pod)) return okay();
  if (o.force) return warning(true, UNMANAGED_WARNING);
  return error(UNMANAGED_FATAL);
}

const FILTERS = [skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];

/** Runs the filters on one pod as GetPodsForDeletion does. */
export function podDeleteStatus(pod: Pod, o: DrainOptions): PodDeleteStatus {
  // The last filter's verdict wins (a warning is dropped by a later Okay, as upstream).
  let status = okay();
  for (const f of FILTERS) {
    status = f(pod, o);
    if (!status.delete) return status;
  }
  return status;
}

/** The pods to delete, the warnings line and the errors, from a node's pods (PodDeleteList). */
export function podsForDeletion(
  pods: Pod[],
  o: DrainOptions,
): { pods: Pod[]; warnings: string; errors: string[] } {
  const items = pods.map((pod) => ({ pod, status: podDeleteStatus(pod, o) }));
  const warnings = new Map<string, string[]>();
  const failed = new Map<string, string[]>();
  for (const { pod, status } of items) {
    const ref = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (status.reason === "Warning")
      warnings.set(status.message ?? "", [...(warnings.get(status.message ?? "") ?? []), ref]);
    if (status.reason === "Error") {
      const msg = status.message || "unexpected error";
      failed.set(msg, [...(failed.get(msg) ?? []), ref]);
    }
  }
  const errors = [...failed].map(([msg, refs]) =>
    msg.toLowerCase().startsWith("cannot delete")
      ? `${msg}: ${refs.join(", ")}`
      : `cannot delete ${msg}: ${refs.join(", ")}`,
  );
  return {
    pods: items.filter((i) => i.status.delete).map((i) => i.pod),
    warnings: [...warnings].map(([msg, refs]) => `${msg}: ${refs.join(", ")}`).join("; "),
    errors,
  };
}
