// Image references, the Go durations of kubelet messages, the back-off and getPhase.
import { describe, expect, it } from "vitest";
import type { PodSpec } from "../api/kinds";
import { Backoff } from "./backoff";
import { goDuration, parseImage, pullProblem } from "./images";
import { getPhase } from "./status";

describe("images", () => {
  it("normalises references", () => {
    expect(parseImage("nginx").full).toBe("docker.io/library/nginx:latest");
    expect(parseImage("flannel/flannel:v0.26.1").full).toBe("docker.io/flannel/flannel:v0.26.1");
    expect(parseImage("registry.k8s.io/pause:3.10").full).toBe("registry.k8s.io/pause:3.10");
  });
  it("knows which images cannot be pulled", () => {
    expect(pullProblem("nginx:1.27")).toBeUndefined();
    expect(pullProblem("nginx:doesnotexist")?.reason).toBe("ErrImagePull");
    expect(pullProblem("NGINX")?.reason).toBe("InvalidImageName");
    expect(pullProblem("ngnix")?.reason).toBe("ErrImagePull");
  });
  it("knows registry.k8s.io's control-plane images: near misses and non-release tags are not found", () => {
    for (const ok of [
      "registry.k8s.io/kube-scheduler:v1.32.0",
      "registry.k8s.io/kube-apiserver:v1.31.4",
      "registry.k8s.io/etcd:3.5.16-0",
      "registry.k8s.io/fluentd-elasticsearch:1.20",
      "registry.k8s.io/e2e-test-images/agnhost:2.39",
    ])
      expect(pullProblem(ok), ok).toBeUndefined();
    for (const missing of [
      "registry.k8s.io/kube-schedulerr:v1.32.0",
      "registry.k8s.io/kube-apiservr:v1.32.0",
      "k8s.gcr.io/etc:3.5.16-0",
      "registry.k8s.io/kube-scheduler:v1.32.99",
      "registry.k8s.io/kube-scheduler:v1.32",
      "registry.k8s.io/kube-scheduler:latest",
    ])
      expect(pullProblem(missing)?.message, missing).toMatch(/: not found$/);
  });
  it("formats Go durations", () => {
    expect(goDuration(1.2014)).toBe("1.201s");
    expect(goDuration(0.328)).toBe("328ms");
    expect(goDuration(10)).toBe("10s");
    expect(goDuration(300)).toBe("5m0s");
  });
});

describe("Backoff (flowcontrol)", () => {
  it("doubles from 10 s to 300 s and resets after 10 min", () => {
    const b = new Backoff();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next("k", i * 1000);
      delays.push(b.get("k"));
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(b.isInBackOffSince("k", 6000, 7000)).toBe(true);
    b.next("k", 6000 + 601_000);
    expect(b.get("k")).toBe(10);
  });
});

describe("getPhase", () => {
  const spec = (restartPolicy: string, init = false) =>
    ({
      restartPolicy,
      containers: [{ name: "a" }],
      initContainers: init ? [{ name: "i" }] : undefined,
    }) as PodSpec;
  const running = { name: "a", state: { running: {} } };
  const done = (code: number) => ({ name: "a", state: { terminated: { exitCode: code } } });
  const crashing = {
    name: "a",
    state: { waiting: { reason: "CrashLoopBackOff" } },
    lastState: { terminated: { exitCode: 1 } },
  };
  const waiting = { name: "a", state: { waiting: { reason: "ContainerCreating" } } };
  it.each([
    ["running", spec("Always"), [], [running], "Running"],
    ["creating", spec("Always"), [], [waiting], "Pending"],
    ["crashloop is Running", spec("Always"), [], [crashing], "Running"],
    ["succeeded Never", spec("Never"), [], [done(0)], "Succeeded"],
    ["failed Never", spec("Never"), [], [done(1)], "Failed"],
    ["failed OnFailure restarts", spec("OnFailure"), [], [done(1)], "Running"],
    ["init running", spec("Always", true), [{ name: "i", state: { running: {} } }], [waiting], "Pending"],
    [
      "init failed Never",
      spec("Never", true),
      [{ name: "i", state: { terminated: { exitCode: 1 } } }],
      [waiting],
      "Failed",
    ],
  ] as const)("%s", (_n, s, init, statuses, want) => {
    expect(getPhase(s, init as never, statuses as never)).toBe(want);
  });
});
