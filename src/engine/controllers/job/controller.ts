/**
 * The Job controller (pkg/controller/job/job_controller.go): runs pods until completions succeed,
 * at most parallelism at a time; counts failures against backoffLimit with an exponential pod
 * back-off; honours activeDeadlineSeconds and suspend; Indexed completion mode.
 */
import { ApiError } from "../../api/errors";
import type { Job, Pod } from "../../api/kinds";
import { clone, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { int32Field } from "../lib/fields";
import { createPod, deletePod, podFromTemplate } from "../lib/podcontrol";
import { controllerOf, getCondition, isPodReady, writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import {
  BackoffLimitExceededMessage,
  BackoffLimitExceededReason,
  CompletionsReachedMessage,
  CompletionsReachedReason,
  ControllerUidLabel,
  DeadlineExceededMessage,
  DeadlineExceededReason,
  formatIndexes,
  isTerminal,
  JobCompletionIndexAnnotation,
  JobCompletionIndexLabel,
  JobNameLabel,
  JobTrackingFinalizer,
  jobSucceeded,
  LegacyControllerUidLabel,
  LegacyJobNameLabel,
  missingIndexes,
  podFailureBackoffSeconds,
  restarts,
  wantActive,
} from "./predicates";

/** The event source of the Job controller. */
export const JobController = "job-controller";

/** Starts the Job controller. Keys: "ns/name" for jobs. */
export function installJobController(cluster: Cluster): Controller {
  const c = new Controller(JobController, cluster, (key) => syncJob(cluster, c, key));
  cluster.api.watch("Job", (e) => c.enqueue(namespacedName(e.object)));
  cluster.api.watch("Pod", (e) => {
    const ref = controllerOf(e.object);
    if (ref?.kind !== "Job") return;
    const ns = e.object.metadata.namespace as string;
    c.enqueue(`${ns}/${ref.name}`);
    // A tracked pod whose Job is gone: release it so it can be deleted.
    if (e.type !== "DELETED" && (e.object.metadata.finalizers ?? []).includes(JobTrackingFinalizer)) {
      const job = cluster.api.get("Job", ns, ref.name);
      if (!job || job.metadata.uid !== ref.uid) c.enqueue(`pod:${ns}/${e.object.metadata.name}`);
    }
  });
  cluster.addComponent(c);
  return c;
}

function removeTrackingFinalizer(cluster: Cluster, pod: Pod): void {
  const latest = cluster.api.get("Pod", pod.metadata.namespace, pod.metadata.name as string);
  if (!latest || !(latest.metadata.finalizers ?? []).includes(JobTrackingFinalizer)) return;
  const next = clone(latest);
  next.metadata.finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer);
  if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
  try {
    const stored = cluster.api.update(next, { fieldManager: JobController });
    // The API server removes a pod whose last finalizer goes once its grace period is over; the
    // store leaves pods to their kubelet, so finish the deletion of unbound or grace-0 pods here.
    const m = stored.metadata;
    if (
      m.deletionTimestamp &&
      !m.finalizers?.length &&
      (!stored.spec?.nodeName || m.deletionGracePeriodSeconds === 0)
    )
      cluster.api.delete("Pod", m.namespace, m.name as string, {
        gracePeriodSeconds: 0,
        fieldManager: JobController,
      });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

function condition(type: string, reason: string, message: string, now: string): JobCondition {
  return { type, status: "True", lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** syncJob. */
export function syncJob(cluster: Cluster, c: Controller, key: string): void {
  if (key.startsWith("pod:")) {
    const [ns, name] = key.slice(4).split("/") as [string, string];
    const pod = cluster.api.get("Pod", ns, name) as Pod | undefined;
    if (pod) removeTrackingFinalizer(cluster, pod);
    return;
  }
  const [ns, name] = key.split("/") as [string, string];
  const job = cluster.api.get("Job", ns, name) as Job | undefined;
  if (!job) return;
  const now = cluster.clock.now();
  const nowTs = cluster.clock.timestamp();
  const pods = (cluster.api.list("Pod", { namespace: ns }) as Pod[]).filter(
    (p) => controllerOf(p)?.uid === job.metadata.uid,
  );
  const conditions = [...((job.status?.conditions ?? []) as JobCondition[])];
  const finished = conditions.some(
    (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
  );
  const status: Record<string, unknown> = { ...(job.status ?? {}) };
  const indexed = job.spec?.completionMode === "Indexed";

  // Count terminal pods (once: the finalizer is removed after counting).
  let succeeded = job.status?.succeeded ?? 0;
  let failed = job.status?.failed ?? 0;
  const completed = new Set<number>(parseIndexes(job.status?.completedIndexes));
  for (const pod of pods) {
    const tracked = (pod.metadata.finalizers ?? []).includes(JobTrackingFinalizer);
    if (!tracked) continue;
    if (pod.status?.phase === "Succeeded") {
      const idx = podIndex(pod);
      if (indexed && idx !== undefined) {
        if (!completed.has(idx)) {
          completed.add(idx);
          succeeded++;
        }
      } else succeeded++;
      removeTrackingFinalizer(cluster, pod);
    } else if (pod.status?.phase === "Failed" || (pod.metadata.deletionTimestamp && !isTerminal(pod))) {
      failed++;
      removeTrackingFinalizer(cluster, pod);
    }
  }
  const active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;

  if (!finished) {
    if (!job.status?.startTime && !job.spec?.suspend) status.startTime = nowTs;
    let failure: [string, string] | undefined;
    const backoffLimit = int32Field(job.spec?.backoffLimit, 6);
    const restartCount =
      job.spec?.template?.spec?.restartPolicy === "OnFailure"
        ? active.reduce((s, p) => s + restarts(p), 0)
        : 0;
    if (failed + restartCount > backoffLimit)
      failure = [BackoffLimitExceededReason, BackoffLimitExceededMessage];
    const deadline = job.spec?.activeDeadlineSeconds;
    const start = Date.parse((status.startTime as string) ?? nowTs);
    if (!failure && deadline !== undefined && deadline !== null && !job.spec?.suspend) {
      if (now >= start + deadline * 1000) failure = [DeadlineExceededReason, DeadlineExceededMessage];
      else c.enqueueAfter(key, (start + deadline * 1000 - now) / 1000);
    }
    const done =
      !failure &&
      (indexed
        ? completed.size >= int32Field(job.spec?.completions, 1)
        : jobSucceeded(job, succeeded, active.length));
    if (failure) {
      for (const pod of active) deletePod(cluster, pod, job, JobController);
      if (!getCondition(conditions, "FailureTarget"))
        conditions.push(condition("FailureTarget", failure[0], failure[1], nowTs));
      if (active.length === 0 && terminating === 0) {
        conditions.push(condition("Failed", failure[0], failure[1], nowTs));
        cluster.events.record(job, "Warning", failure[0], failure[1], { component: JobController });
      }
    } else if (done) {
      for (const pod of active) deletePod(cluster, pod, job, JobController);
      if (!getCondition(conditions, "SuccessCriteriaMet"))
        conditions.push(
          condition("SuccessCriteriaMet", CompletionsReachedReason, CompletionsReachedMessage, nowTs),
        );
      if (active.length === 0 && terminating === 0) {
        conditions.push(condition("Complete", CompletionsReachedReason, CompletionsReachedMessage, nowTs));
        status.completionTime = nowTs;
        cluster.events.record(job, "Normal", "Completed", "Job completed", { component: JobController });
      }
    } else {
      managePods(cluster, c, job, key, active, pods, succeeded, completed, failed);
    }
  }
  const live = (cluster.api.list("Pod", { namespace: ns }) as Pod[]).filter(
    (p) => controllerOf(p)?.uid === job.metadata.uid && !isTerminal(p) && !p.metadata.deletionTimestamp,
  );
  status.active = live.length;
  status.ready = live.filter(isPodReady).length;
  status.terminating = (cluster.api.list("Pod", { namespace: ns }) as Pod[]).filter(
    (p) => controllerOf(p)?.uid === job.metadata.uid && p.metadata.deletionTimestamp && !isTerminal(p),
  ).length;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  if (!status.active) delete status.active;
  if (indexed) {
    const text = formatIndexes([...completed]);
    if (text) status.completedIndexes = text;
  }
  status.uncountedTerminatedPods = {};
  if (conditions.length) status.conditions = conditions;
  writeStatus(cluster, job, status, JobController);
}

function podIndex(pod: Pod): number | undefined {
  const v =
    pod.metadata.annotations?.[JobCompletionIndexAnnotation] ??
    pod.metadata.labels?.[JobCompletionIndexLabel];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function parseIndexes(text: string | undefined): number[] {
  if (!text) return [];
  const out: number[] = [];
  for (const part of text.split(",")) {
    const [a, b] = part.split("-").map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    for (let i = a; i <= (b ?? a); i++) out.push(i);
  }
  return out;
}

/** At most this many pods are created per sync (MaxPodCreateDeletePerSync in job_controller.go). */
export const MaxPodCreateDeletePerSync = 500;

/** manageJob: creates or deletes pods toward the wanted active count, after the failure back-off. */
function managePods(
  cluster: Cluster,
  c: Controller,
  job: Job,
  key: string,
  active: Pod[],
  all: Pod[],
  succeeded: number,
  completed: Set<number>,
  failed: number,
): void {
  const indexed = job.spec?.completionMode === "Indexed";
  const want = indexed
    ? job.spec?.suspend
      ? 0
      : Math.min(int32Field(job.spec?.parallelism, 1), int32Field(job.spec?.completions, 1) - completed.size)
    : wantActive(job, succeeded);
  if (active.length > want) {
    const extra = active
      .slice()
      .sort(
        (a, b) =>
          (a.spec?.nodeName ? 1 : 0) - (b.spec?.nodeName ? 1 : 0) ||
          (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? ""),
      )
      .slice(0, active.length - want);
    for (const pod of extra) deletePod(cluster, pod, job, JobController);
    return;
  }
  if (active.length === want) return;
  // Back-off after failures: 10 s doubling per failure, from the last pod's finish (getBackoff).
  const backoff = podFailureBackoffSeconds(failed);
  const last = lastFinishTime(all.filter((p) => p.status?.phase === "Failed"));
  if (backoff > 0 && last) {
    const wait = Date.parse(last) + backoff * 1000 - cluster.clock.now();
    if (wait > 0) {
      c.enqueueAfter(key, wait / 1000);
      return;
    }
  }
  const activeIdx = new Set(active.map(podIndex).filter((x): x is number => x !== undefined));
  // At most MaxPodCreateDeletePerSync per sync; the pods' watch events bring the job back for more.
  const toCreate = Math.min(want - active.length, MaxPodCreateDeletePerSync);
  c.sentRequests(key, toCreate);
  const indexes = indexed
    ? missingIndexes(int32Field(job.spec?.completions, 1), completed, activeIdx, toCreate)
    : [];
  for (let i = 0; i < toCreate; i++) {
    const pod = podFromTemplate(job.spec?.template, job);
    pod.metadata.labels = {
      ...(pod.metadata.labels ?? {}),
      [ControllerUidLabel]: job.metadata.uid as string,
      [JobNameLabel]: job.metadata.name as string,
      [LegacyControllerUidLabel]: job.metadata.uid as string,
      [LegacyJobNameLabel]: job.metadata.name as string,
    };
    pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JobTrackingFinalizer];
    if (indexed) {
      const idx = indexes[i];
      if (idx === undefined) break;
      pod.metadata.generateName = `${job.metadata.name}-${idx}-`;
      pod.metadata.annotations = {
        ...(pod.metadata.annotations ?? {}),
        [JobCompletionIndexAnnotation]: String(idx),
      };
      pod.metadata.labels[JobCompletionIndexLabel] = String(idx);
      if (pod.spec && !pod.spec.hostname) pod.spec.hostname = `${job.metadata.name}-${idx}`;
    }
    if (!createPod(cluster, pod, job, JobController)) break;
  }
}

function lastFinishTime(pods: Pod[]): string | undefined {
  let last: string | undefined;
  for (const p of pods)
    for (const s of p.status?.containerStatuses ?? []) {
      const t = s.state?.terminated?.finishedAt;
      if (t && (!last || t > last)) last = t;
    }
  return last;
}
