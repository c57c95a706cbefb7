/**
 * The Job controller's pure decisions (pkg/controller/job/job_controller.go, backoff_utils.go):
 * how many pods should be active, pod failure back-off, and terminal conditions.
 */
import type { Job, Pod } from "../../api/kinds";
import { int32Field } from "../lib/fields";

/** Tracks a pod until the Job counted it (batch.kubernetes.io/job-tracking). */
export const JobTrackingFinalizer = "batch.kubernetes.io/job-tracking";
/** The completion index of an Indexed Job's pod. */
export const JobCompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";
export const JobCompletionIndexLabel = "batch.kubernetes.io/job-completion-index";
export const JobNameLabel = "batch.kubernetes.io/job-name";
export const LegacyJobNameLabel = "job-name";
export const ControllerUidLabel = "batch.kubernetes.io/controller-uid";
export const LegacyControllerUidLabel = "controller-uid";

// Reasons and messages (batch/v1 types and job_controller.go).
export const CompletionsReachedReason = "CompletionsReached";
export const CompletionsReachedMessage = "Reached expected number of succeeded pods";
export const BackoffLimitExceededReason = "BackoffLimitExceeded";
export const BackoffLimitExceededMessage = "Job has reached the specified backoff limit";
export const DeadlineExceededReason = "DeadlineExceeded";
export const DeadlineExceededMessage = "Job was active longer than specified deadline";

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff, seconds. */
export const PodFailureBackoffSeconds = 10;
export const MaxPodFailureBackoffSeconds = 360;

/** The pod's phase as the controller counts it. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** Sum of container restarts (counted against backoffLimit for restartPolicy OnFailure). */
export function restarts(pod: Pod): number {
  let n = 0;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])])
    n += s.restartCount ?? 0;
  return n;
}

/**
 * wantActive: the number of pods that should be running now (NonIndexed): parallelism, but
 * never more than the completions still missing; without completions, none once one succeeded.
 */
export function wantActive(job: Job, succeeded: number): number {
  const parallelism = int32Field(job.spec?.parallelism, 1);
  if (job.spec?.suspend) return 0;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 ? 0 : parallelism;
  return Math.max(0, Math.min(parallelism, completions - succeeded));
}

/** Whether the job succeeded: completions reached, or (no completions) any pod succeeded and none active. */
export function jobSucceeded(job: Job, succeeded: number, active: number): boolean {
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 && active === 0;
  return succeeded >= completions;
}

/** getBackoff: 10 s doubled per consecutive failure, at most 6 minutes; 0 without failures. */
export function podFailureBackoffSeconds(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(PodFailureBackoffSeconds * 2 ** (failures - 1), MaxPodFailureBackoffSeconds);
}

/** The lowest indexes in [0, completions) that are neither succeeded nor active. */
export function missingIndexes(
  completions: number,
  succeeded: Set<number>,
  active: Set<number>,
  want: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < want; i++)
    if (!succeeded.has(i) && !active.has(i)) out.push(i);
  return out;
}

/** "1,3-5,7": the compressed form of completedIndexes. */
export function formatIndexes(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}
