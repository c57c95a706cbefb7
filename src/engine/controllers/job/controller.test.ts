// After kubernetes/kubernetes pkg/controller/job/job_controller_test.go (TestControllerSyncJob:
// parallelism, completions, backoffLimit, activeDeadlineSeconds, Indexed) and backoff_utils_test.go.
import { describe, expect, it } from "vitest";
import type { Job, Pod } from "../../api/kinds";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { createCluster } from "../../index";
import { controllerCluster, node } from "../testing/fixtures";
import { formatIndexes, podFailureBackoffSeconds, wantActive } from "./predicates";

function job(name: string, spec: Record<string, unknown> = {}, command = ["sh", "-c", "exit 0"]): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox", command }] },
      },
      ...spec,
    },
  };
}
const podsOfJob = (cluster: Cluster, name: string) =>
  (cluster.api.list("Pod", { namespace: "default" }) as Pod[]).filter(
    (p) => p.metadata.ownerReferences?.[0]?.name === name,
  );
const finish = (cluster: Cluster, pod: Pod, phase: "Succeeded" | "Failed") => {
  const p = clone(cluster.api.get("Pod", "default", pod.metadata.name as string) as Pod);
  p.status = {
    phase,
    containerStatuses: [
      {
        name: "c",
        ready: false,
        restartCount: 0,
        image: "busybox",
        imageID: "",
        state: { terminated: { exitCode: phase === "Failed" ? 1 : 0, finishedAt: cluster.now() } },
      },
    ],
  };
  cluster.api.updateStatus(p);
};
const getJob = (cluster: Cluster, name: string) => cluster.api.get("Job", "default", name) as Job;

describe("job predicates", () => {
  it("wantActive (parallelism bounded by remaining completions)", () => {
    const j = (completions: number | undefined, parallelism: number) =>
      ({ spec: { completions, parallelism } }) as unknown as Job;
    expect(wantActive(j(5, 2), 0)).toBe(2);
    expect(wantActive(j(5, 2), 4)).toBe(1);
    expect(wantActive(j(5, 2), 5)).toBe(0);
    expect(wantActive(j(undefined, 3), 0)).toBe(3);
    expect(wantActive(j(undefined, 3), 1)).toBe(0);
  });
  it("pod failure back-off (TestNewBackoffRecord)", () => {
    expect([0, 1, 2, 3, 6, 7, 10].map(podFailureBackoffSeconds)).toEqual([0, 10, 20, 40, 320, 360, 360]);
  });
  it("formatIndexes", () => expect(formatIndexes([0, 1, 2, 4, 6, 7])).toBe("0-2,4,6-7"));
});

describe("Job controller", () => {
  it("runs completions with at most parallelism pods, then Complete", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(job("pi", { completions: 3, parallelism: 2 }));
    cluster.settle();
    let pods = podsOfJob(cluster, "pi");
    expect(pods).toHaveLength(2);
    expect(pods[0]?.metadata.labels).toMatchObject({
      "batch.kubernetes.io/job-name": "pi",
      "job-name": "pi",
    });
    expect(pods[0]?.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect(pods[0]?.metadata.generateName).toBe("pi-");
    for (const p of pods) finish(cluster, p, "Succeeded");
    cluster.settle();
    pods = podsOfJob(cluster, "pi");
    expect(pods.filter((p) => p.status?.phase !== "Succeeded")).toHaveLength(1);
    expect(pods.filter((p) => p.status?.phase === "Succeeded").every((p) => !p.metadata.finalizers)).toBe(
      true,
    );
    for (const p of pods) if (p.status?.phase !== "Succeeded") finish(cluster, p, "Succeeded");
    cluster.settle();
    const j = getJob(cluster, "pi");
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status?.completionTime).toBeDefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ["SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"],
      ["Complete", "CompletionsReached", "Reached expected number of succeeded pods"],
    ]);
    expect(
      cluster.api.list("Event").some((e) => e.reason === "Completed" && e.message === "Job completed"),
    ).toBe(true);
  });

  it("fails with BackoffLimitExceeded, backing off between retries", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(job("bad", { backoffLimit: 1 }));
    cluster.settle();
    finish(cluster, podsOfJob(cluster, "bad")[0] as Pod, "Failed");
    cluster.settle();
    expect(podsOfJob(cluster, "bad")).toHaveLength(1); // waiting 10 s before the retry
    cluster.advance(11);
    const retry = podsOfJob(cluster, "bad").find((p) => p.status?.phase !== "Failed");
    expect(retry).toBeDefined();
    finish(cluster, retry as Pod, "Failed");
    cluster.settle();
    const j = getJob(cluster, "bad");
    expect(j.status?.failed).toBe(2);
    expect(j.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ["FailureTarget", "BackoffLimitExceeded"],
      ["Failed", "BackoffLimitExceeded"],
    ]);
  });

  it("activeDeadlineSeconds stops the job with DeadlineExceeded", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(job("slow", { activeDeadlineSeconds: 30 }));
    cluster.settle();
    cluster.advance(31);
    expect(podsOfJob(cluster, "slow")).toHaveLength(0);
    expect(getJob(cluster, "slow").status?.conditions?.at(-1)).toMatchObject({
      type: "Failed",
      reason: "DeadlineExceeded",
      message: "Job was active longer than specified deadline",
    });
  });

  it("Indexed jobs name pods by index and report completedIndexes", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(job("idx", { completions: 3, parallelism: 3, completionMode: "Indexed" }));
    cluster.settle();
    const pods = podsOfJob(cluster, "idx");
    expect(
      pods.map((p) => p.metadata.annotations?.["batch.kubernetes.io/job-completion-index"]).sort(),
    ).toEqual(["0", "1", "2"]);
    expect(pods.map((p) => p.metadata.generateName).sort()).toEqual(["idx-0-", "idx-1-", "idx-2-"]);
    finish(cluster, pods.find((p) => p.metadata.generateName === "idx-1-") as Pod, "Succeeded");
    cluster.settle();
    expect(getJob(cluster, "idx").status?.completedIndexes).toBe("1");
  });

  it("end to end: a Job whose container exits 0 completes", () => {
    const cluster = createCluster();
    cluster.api.create(node("n1"));
    cluster.api.create(job("hello", {}, ["sh", "-c", "sleep 5"]));
    cluster.advance(60);
    const j = getJob(cluster, "hello");
    expect(j.status?.succeeded).toBe(1);
    expect(j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True")).toBe(true);
  });
});
