// Ported from robfig/cron parser_test.go / spec_test.go (TestActivation, TestNext) and
// kubernetes/kubernetes pkg/controller/cronjob/cronjob_controllerv2_test.go, utils_test.go.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { controllerCluster } from "../testing/fixtures";
import { jobNameFor } from "./controller";
import { mostRecentScheduleTime, nextAfter, parseSchedule } from "./schedule";

const t = (s: string) => Date.parse(s);
const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString().replace(".000Z", "Z");

describe("cron schedule (robfig/cron spec_test.go TestNext)", () => {
  const cases: [string, string, string][] = [
    ["2012-07-09T14:45:00Z", "0/15 * * * *", "2012-07-09T15:00:00Z"],
    ["2012-07-09T14:59:00Z", "0/15 * * * *", "2012-07-09T15:00:00Z"],
    ["2012-07-09T14:59:59Z", "0/15 * * * *", "2012-07-09T15:00:00Z"],
    ["2012-07-09T15:45:00Z", "*/20 * * * *", "2012-07-09T16:00:00Z"],
    ["2012-07-09T23:46:00Z", "*/15 * * * *", "2012-07-10T00:00:00Z"],
    ["2012-07-09T23:45:00Z", "20-35/15 * * * *", "2012-07-10T00:20:00Z"],
    ["2012-07-01T09:53:50Z", "0 0 * * Mon", "2012-07-02T00:00:00Z"],
    ["2012-07-01T09:53:50Z", "0 0 * * mon-fri", "2012-07-02T00:00:00Z"],
    ["2012-07-01T09:53:00Z", "0 0 1 * *", "2012-08-01T00:00:00Z"],
    ["2012-07-31T09:53:00Z", "0 0 31 * *", "2012-08-31T00:00:00Z"],
    ["2012-02-28T00:00:00Z", "0 0 29 2 *", "2012-02-29T00:00:00Z"],
    ["2013-02-28T00:00:00Z", "0 0 29 2 *", "2016-02-29T00:00:00Z"],
    ["2012-07-15T00:00:00Z", "0 0 1 * Mon", "2012-07-16T00:00:00Z"],
    ["2026-01-01T00:00:00Z", "@hourly", "2026-01-01T01:00:00Z"],
    ["2026-01-01T00:00:00Z", "@daily", "2026-01-02T00:00:00Z"],
    ["2026-01-01T00:00:00Z", "@every 90s", "2026-01-01T00:01:30Z"],
  ];
  for (const [from, spec, want] of cases)
    it(`${spec} after ${from}`, () => expect(iso(nextAfter(parseSchedule(spec), t(from)))).toBe(want));
  it("rejects bad specs with robfig's messages", () => {
    expect(() => parseSchedule("* * *")).toThrow("expected exactly 5 fields, found 3: [* * *]");
    expect(() => parseSchedule("60 * * * *")).toThrow("end of range (60) above maximum (59): 60");
    expect(() => parseSchedule("@fortnightly")).toThrow("unrecognized descriptor: @fortnightly");
  });
  it("mostRecentScheduleTime counts missed runs", () => {
    const r = mostRecentScheduleTime(
      parseSchedule("*/5 * * * *"),
      t("2026-01-01T00:00:00Z"),
      t("2026-01-01T00:17:00Z"),
    );
    expect(iso(r.time)).toBe("2026-01-01T00:15:00Z");
    expect(r.missed).toBe(3);
  });
  it("job names are the scheduled time in minutes", () =>
    expect(jobNameFor("hello", t("2026-01-01T00:05:00Z"))).toBe("hello-29453765"));
});

describe("CronJob controller", () => {
  const cronJob = (spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello", namespace: "default" },
    spec: {
      schedule: "*/1 * * * *",
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } },
        },
      },
      ...spec,
    },
  });

  it("creates a Job at each schedule time and keeps status.active", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(cronJob());
    cluster.advance(30);
    expect(cluster.api.list("Job")).toHaveLength(0);
    cluster.advance(31);
    const jobs = cluster.api.list("Job");
    expect(jobs.map((j) => j.metadata.name)).toEqual([jobNameFor("hello", t("2026-01-01T00:01:00Z"))]);
    expect(jobs[0]?.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(
      "2026-01-01T00:01:00Z",
    );
    expect(jobs[0]?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "CronJob",
      name: "hello",
      controller: true,
    });
    const cj = cluster.api.get("CronJob", "default", "hello");
    expect(cj?.status?.lastScheduleTime).toBe("2026-01-01T00:01:00Z");
    expect(cj?.status?.active?.map((a: { name: string }) => a.name)).toEqual([jobs[0]?.metadata.name]);
    expect(cluster.api.list("Event").find((e) => e.reason === "SuccessfulCreate")?.message).toBe(
      `Created job ${jobs[0]?.metadata.name}`,
    );
    cluster.advance(120);
    expect(cluster.api.list("Job")).toHaveLength(3);
  });

  it("Forbid skips a run while one is active; suspend stops runs", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(cronJob({ concurrencyPolicy: "Forbid" }));
    cluster.advance(60 * 3 + 1);
    expect(cluster.api.list("Job")).toHaveLength(1);
    expect(cluster.api.list("Event").some((e) => e.reason === "JobAlreadyActive")).toBe(true);
  });

  it("Replace deletes the running job", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(cronJob({ concurrencyPolicy: "Replace" }));
    cluster.advance(60 * 2 + 1);
    const jobs = cluster.api.list("Job");
    expect(jobs.map((j) => j.metadata.name)).toEqual([jobNameFor("hello", t("2026-01-01T00:02:00Z"))]);
  });

  it("an unparseable schedule is reported", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(cronJob({ schedule: "not a schedule" }));
    cluster.settle();
    expect(cluster.api.list("Event").find((e) => e.reason === "UnparseableSchedule")?.message).toBe(
      'unparseable schedule: "not a schedule" : expected exactly 5 fields, found 3: [not a schedule]',
    );
  });
});
