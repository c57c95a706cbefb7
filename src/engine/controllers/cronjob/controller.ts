/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): creates a Job named
 * `<cronjob>-<scheduled time in minutes>` at each schedule time on the virtual clock, with the
 * concurrency policy, starting deadline, suspend and history limits.
 */
import { ApiError } from "../../api/errors";
import type { Job } from "../../api/kinds";
import { clone, type KubeObject, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerOf, jsonEqual, newControllerRef, writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";
import { mostRecentScheduleTime, nextAfter, parseSchedule, type Schedule } from "./schedule";

/** The event source of the CronJob controller. */
export const CronJobController = "cronjob-controller";
/** Annotation with the time a Job was scheduled for. */
export const CronJobScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/** getJobName: `<cronjob>-<unix minutes of the scheduled time>`. */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledMs / 60000)}`;
}

function finishedType(job: KubeObject): string | undefined {
  for (const c of job.status?.conditions ?? [])
    if ((c.type === "Complete" || c.type === "Failed") && c.status === "True") return c.type;
  return undefined;
}

/** Starts the CronJob controller. */
export function installCronJobController(cluster: Cluster): Controller {
  const c = new Controller(CronJobController, cluster, (key) => syncCronJob(cluster, c, key));
  cluster.api.watch("CronJob", (e) => c.enqueue(namespacedName(e.object)));
  cluster.api.watch("Job", (e) => {
    const ref = controllerOf(e.object);
    if (ref?.kind === "CronJob") c.enqueue(`${e.object.metadata.namespace}/${ref.name}`);
  });
  cluster.addComponent(c);
  return c;
}

/** syncCronJob. */
export function syncCronJob(cluster: Cluster, c: Controller, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const cj = cluster.api.get("CronJob", ns, name);
  if (!cj || cj.metadata.deletionTimestamp) return;
  const now = cluster.clock.now();
  const src = { component: CronJobController };
  const jobs = (cluster.api.list("Job", { namespace: ns }) as Job[]).filter(
    (j) => controllerOf(j)?.uid === cj.metadata.uid,
  );
  const status: Record<string, unknown> = clone(cj.status ?? {});
  let active = [...((status.active as { name: string; uid: string }[] | undefined) ?? [])];
  // Forget jobs that finished or vanished; adopt running ones the list misses.
  for (const job of jobs) {
    const inActive = active.some((a) => a.uid === job.metadata.uid);
    const done = finishedType(job);
    if (inActive && done) {
      active = active.filter((a) => a.uid !== job.metadata.uid);
      cluster.events.record(
        cj,
        "Normal",
        "SawCompletedJob",
        `Saw completed job: ${job.metadata.name}, condition: ${done}`,
        src,
      );
      if (done === "Complete") {
        const t = job.status?.completionTime;
        if (t && (!status.lastSuccessfulTime || t > (status.lastSuccessfulTime as string)))
          status.lastSuccessfulTime = t;
      }
    } else if (!inActive && !done) active.push(jobRef(job));
  }
  active = active.filter((a) => jobs.some((j) => j.metadata.uid === a.uid));
  cleanupFinishedJobs(cluster, cj, jobs);

  const commit = () => {
    if (active.length) status.active = active;
    else delete status.active;
    if (!jsonEqual(status, cj.status ?? {})) writeStatus(cluster, cj, status, CronJobController);
  };
  if (cj.spec?.suspend) {
    commit();
    return;
  }
  let sched: Schedule;
  try {
    sched = parseSchedule(cj.spec?.schedule ?? "");
  } catch (e) {
    cluster.events.record(
      cj,
      "Warning",
      "UnparseableSchedule",
      `unparseable schedule: "${cj.spec?.schedule}" : ${(e as Error).message}`,
      src,
    );
    commit();
    return;
  }
  const created = Date.parse(cj.metadata.creationTimestamp ?? "");
  let earliest = status.lastScheduleTime ? Date.parse(status.lastScheduleTime as string) : created;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
  const { time: scheduled, missed } = mostRecentScheduleTime(sched, earliest, now);
  const requeue = () => {
    const next = nextAfter(sched, now);
    if (next !== undefined) c.enqueueAfter(key, (next - now) / 1000 + 0.1);
  };
  if (scheduled === undefined) {
    commit();
    requeue();
    return;
  }
  if (missed > 100)
    cluster.events.record(
      cj,
      "Warning",
      "TooManyMissedTimes",
      "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      src,
    );
  if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
    cluster.events.record(
      cj,
      "Warning",
      "MissSchedule",
      `Missed scheduled time to start a job: ${new Date(scheduled).toISOString().replace(/\.\d+Z$/, "Z")}`,
      src,
    );
    commit();
    requeue();
    return;
  }
  const jobName = jobNameFor(cj.metadata.name as string, scheduled);
  if (jobs.some((j) => j.metadata.name === jobName) || cluster.api.get("Job", ns, jobName)) {
    commit();
    requeue();
    return;
  }
  const policy = cj.spec?.concurrencyPolicy ?? "Allow";
  if (policy === "Forbid" && active.length > 0) {
    cluster.events.record(
      cj,
      "Normal",
      "JobAlreadyActive",
      "Not starting job because prior execution is running and concurrency policy is Forbid",
      src,
    );
    commit();
    requeue();
    return;
  }
  if (policy === "Replace") {
    for (const a of active) {
      try {
        cluster.api.delete("Job", ns, a.name, {
          propagationPolicy: "Background",
          fieldManager: CronJobController,
        });
        cluster.events.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${a.name}`, src);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
    active = [];
  }
  const template = cj.spec?.jobTemplate ?? {};
  const scheduledText = new Date(scheduled).toISOString().replace(/\.\d+Z$/, "Z");
  const job: KubeObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName,
      namespace: ns,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [CronJobScheduledTimestampAnnotation]: scheduledText,
      },
      ownerReferences: [newControllerRef(cj)],
    },
    spec: clone(template.spec ?? {}),
  };
  try {
    const stored = cluster.api.create(job, { fieldManager: CronJobController });
    cluster.events.record(cj, "Normal", "SuccessfulCreate", `Created job ${jobName}`, src);
    active.push(jobRef(stored));
    status.lastScheduleTime = scheduledText;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    cluster.events.record(cj, "Warning", "FailedCreate", `Error creating job: ${e.message}`, src);
  }
  commit();
  requeue();
}

function jobRef(job: KubeObject): {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion: string;
} {
  return {
    kind: "Job",
    namespace: job.metadata.namespace as string,
    name: job.metadata.name as string,
    uid: job.metadata.uid as string,
    apiVersion: "batch/v1",
    resourceVersion: job.metadata.resourceVersion as string,
  };
}

/** cleanupFinishedJobs: keeps successfulJobsHistoryLimit and failedJobsHistoryLimit, oldest deleted first. */
function cleanupFinishedJobs(cluster: Cluster, cj: KubeObject, jobs: Job[]): void {
  const byStart = (a: Job, b: Job) =>
    (a.status?.startTime ?? a.metadata.creationTimestamp ?? "").localeCompare(
      b.status?.startTime ?? b.metadata.creationTimestamp ?? "",
    ) || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
  const prune = (list: Job[], limit: number | undefined) => {
    if (limit === undefined || limit === null) return;
    const sorted = list.slice().sort(byStart);
    for (const job of sorted.slice(0, Math.max(0, sorted.length - limit))) {
      try {
        cluster.api.delete("Job", job.metadata.namespace, job.metadata.name as string, {
          propagationPolicy: "Background",
          fieldManager: CronJobController,
        });
        cluster.events.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`, {
          component: CronJobController,
        });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  };
  prune(
    jobs.filter((j) => finishedType(j) === "Complete"),
    cj.spec?.successfulJobsHistoryLimit ?? 3,
  );
  prune(
    jobs.filter((j) => finishedType(j) === "Failed"),
    cj.spec?.failedJobsHistoryLimit ?? 1,
  );
}
