import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/kinds";
import { createCluster } from "../index";
import { readLogs } from "./logread";
import { testNode as node } from "./testing";

// biome-ignore lint/suspicious/noExplicitAny: test manifests
function pod(name: string, spec: any, nodeName = "node01"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { nodeName, ...spec },
  } as Pod;
}

function setup() {
  const cluster = createCluster();
  cluster.api.create(node("node01"));
  cluster.api.create(node("node02"));
  cluster.advance(2);
  return cluster;
}

const getPod = (c: ReturnType<typeof createCluster>, name: string) =>
  c.api.get("Pod", "default", name) as Pod;
const events = (c: ReturnType<typeof createCluster>, name: string) =>
  c.api
    .list("Event")
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.reason}: ${e.message}`);

describe("kubelet", () => {
  it("makes a bare node Ready with kubelet defaults", () => {
    const cluster = createCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "bare" } });
    cluster.advance(2);
    const n = cluster.api.get("Node", undefined, "bare") as Node;
    const ready = n.status?.conditions?.find((c) => c.type === "Ready");
    expect(ready?.status).toBe("True");
    expect(ready?.reason).toBe("KubeletReady");
    expect(ready?.message).toBe("kubelet is posting ready status");
    expect(n.status?.nodeInfo?.kubeletVersion).toMatch(/^v1\.32\./);
    expect(n.status?.capacity?.pods).toBe("110");
    expect(n.metadata.labels?.["kubernetes.io/os"]).toBe("linux");
    expect(n.status?.addresses?.[0]?.type).toBe("InternalIP");
    expect(cluster.api.get("Lease", "kube-node-lease", "bare")).toBeDefined();
    expect(cluster.hosts.get("bare")).toBeDefined();
  });

  it("runs a pod: Pulling, Pulled, Created, Started, Running and Ready", () => {
    const cluster = setup();
    cluster.api.create(pod("web", { containers: [{ name: "web", image: "nginx:1.27" }] }));
    cluster.advance(5);
    const p = getPod(cluster, "web");
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    const cs = p.status?.containerStatuses?.[0];
    expect(cs?.state?.running?.startedAt).toBeDefined();
    expect(cs?.ready).toBe(true);
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.image).toBe("docker.io/library/nginx:1.27");
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      "PodReadyToStartContainers=True",
      "Initialized=True",
      "Ready=True",
      "ContainersReady=True",
      "PodScheduled=True",
    ]);
    const ev = events(cluster, "web");
    expect(ev[0]).toBe('Pulling: Pulling image "nginx:1.27"');
    expect(ev[1]).toMatch(
      /^Pulled: Successfully pulled image "nginx:1.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(ev.slice(2)).toEqual(["Created: Created container: web", "Started: Started container web"]);
    expect(
      readLogs(cluster.hosts.get("node01")?.containerLogs("default", "web", "web", false) ?? []),
    ).toContain("Configuration complete");
  });

  it("goes into CrashLoopBackOff with a doubling back-off", () => {
    const cluster = setup();
    cluster.api.create(
      pod("crasher", {
        restartPolicy: "Always",
        containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "exit 1"] }],
      }),
    );
    cluster.advance(60);
    const p = getPod(cluster, "crasher");
    expect(p.status?.phase).toBe("Running");
    const cs = p.status?.containerStatuses?.[0];
    expect(cs?.state?.waiting?.reason).toBe("CrashLoopBackOff");
    expect(cs?.lastState?.terminated?.exitCode).toBe(1);
    expect(cs?.lastState?.terminated?.reason).toBe("Error");
    expect(cs?.restartCount).toBe(3);
    const ps = cluster.hosts.get("node01")?.crictl(["ps", "-a"]).stdout ?? "";
    expect(ps.split("\n").filter((l) => l.includes("Exited")).length).toBe(2);
    expect(events(cluster, "crasher")).toContain(
      `BackOff: Back-off restarting failed container app in pod crasher_default(${p.metadata.uid})`,
    );
  });

  it("runs init containers first", () => {
    const cluster = setup();
    cluster.api.create(
      pod("init-demo", {
        initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sh", "-c", "sleep 20"] }],
        containers: [{ name: "app", image: "nginx:1.27" }],
      }),
    );
    cluster.advance(5);
    let p = getPod(cluster, "init-demo");
    expect(p.status?.phase).toBe("Pending");
    expect(p.status?.initContainerStatuses?.[0]?.state?.running).toBeDefined();
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe("PodInitializing");
    expect(p.status?.conditions?.find((c) => c.type === "Initialized")?.message).toBe(
      "containers with incomplete status: [wait]",
    );
    cluster.advance(30);
    p = getPod(cluster, "init-demo");
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe("Completed");
  });

  it("waits for a Service with until nslookup", () => {
    const cluster = setup();
    cluster.api.create(
      pod("myapp", {
        initContainers: [
          {
            name: "init-myservice",
            image: "busybox:1.28",
            command: [
              "sh",
              "-c",
              "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done",
            ],
          },
        ],
        containers: [
          {
            name: "app",
            image: "busybox:1.28",
            command: ["sh", "-c", "echo The app is running! && sleep 3600"],
          },
        ],
      }),
    );
    cluster.advance(30);
    expect(getPod(cluster, "myapp").status?.phase).toBe("Pending");
    cluster.api.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "myservice", namespace: "default" },
      spec: { ports: [{ port: 80 }] },
    });
    cluster.advance(5);
    expect(getPod(cluster, "myapp").status?.phase).toBe("Running");
    expect(readLogs(cluster.hosts.get("node01")?.containerLogs("default", "myapp", "app", false) ?? [])).toBe(
      "The app is running!\n",
    );
  });

  it("completes sleep N and succeeds with restartPolicy Never", () => {
    const cluster = setup();
    cluster.api.create(
      pod("job", {
        restartPolicy: "Never",
        containers: [{ name: "c", image: "busybox", command: ["sleep", "10"] }],
      }),
    );
    cluster.advance(15);
    const p = getPod(cluster, "job");
    expect(p.status?.phase).toBe("Succeeded");
    expect(p.status?.containerStatuses?.[0]?.state?.terminated?.reason).toBe("Completed");
  });

  it("reports ErrImagePull then ImagePullBackOff", () => {
    const cluster = setup();
    cluster.api.create(pod("bad", { containers: [{ name: "c", image: "nginx:doesnotexist" }] }));
    cluster.advance(1.5);
    const reasons: (string | undefined)[] = [];
    reasons.push(getPod(cluster, "bad").status?.containerStatuses?.[0]?.state?.waiting?.reason);
    cluster.advance(2);
    reasons.push(getPod(cluster, "bad").status?.containerStatuses?.[0]?.state?.waiting?.reason);
    expect(reasons).toEqual(["ErrImagePull", "ImagePullBackOff"]);
    expect(
      events(cluster, "bad").some((e) => e.startsWith('Failed: Failed to pull image "nginx:doesnotexist"')),
    ).toBe(true);
  });

  it("OOMKills a container over its memory limit", () => {
    const cluster = setup();
    cluster.api.create(
      pod("mem", {
        restartPolicy: "Never",
        containers: [
          {
            name: "s",
            image: "polinux/stress",
            command: ["stress"],
            args: ["--vm", "1", "--vm-bytes", "250M"],
            resources: { limits: { memory: "100Mi" } },
          },
        ],
      }),
    );
    cluster.advance(10);
    const t = getPod(cluster, "mem").status?.containerStatuses?.[0]?.state?.terminated;
    expect(t?.reason).toBe("OOMKilled");
    expect(t?.exitCode).toBe(137);
  });

  it("rejects a pod that does not fit (OutOfcpu)", () => {
    const cluster = setup();
    cluster.api.create(
      pod("big", { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "5" } } }] }),
    );
    cluster.advance(2);
    const p = getPod(cluster, "big");
    expect(p.status?.phase).toBe("Failed");
    expect(p.status?.reason).toBe("OutOfcpu");
    expect(p.status?.message).toBe(
      "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000",
    );
  });

  it("deletes a pod gracefully", () => {
    const cluster = setup();
    cluster.api.create(pod("web", { containers: [{ name: "web", image: "nginx:1.27" }] }));
    cluster.api.create(
      pod("sleeper", {
        terminationGracePeriodSeconds: 30,
        containers: [{ name: "s", image: "busybox", command: ["sleep", "3600"] }],
      }),
    );
    cluster.advance(5);
    cluster.api.delete("Pod", "default", "web");
    cluster.api.delete("Pod", "default", "sleeper");
    cluster.advance(1);
    expect(getPod(cluster, "web")).toBeUndefined();
    expect(getPod(cluster, "sleeper")?.metadata.deletionTimestamp).toBeDefined();
    cluster.advance(30);
    expect(getPod(cluster, "sleeper")).toBeUndefined();
    expect(events(cluster, "web")).toContain("Killing: Stopping container web");
  });

  it("restarts a container whose exec liveness probe fails (docs exec-liveness)", () => {
    const cluster = setup();
    cluster.api.create(
      pod("liveness-exec", {
        containers: [
          {
            name: "liveness",
            image: "registry.k8s.io/busybox",
            args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
            livenessProbe: {
              exec: { command: ["cat", "/tmp/healthy"] },
              initialDelaySeconds: 5,
              periodSeconds: 5,
            },
          },
        ],
      }),
    );
    cluster.advance(30);
    expect(getPod(cluster, "liveness-exec").status?.containerStatuses?.[0]?.restartCount).toBe(0);
    // Probes fail from 35 s; the third failure (45 s) kills it: SIGTERM, which sh as PID 1
    // ignores, then SIGKILL at the end of the 30 s grace period, then the restart.
    cluster.advance(30);
    expect(events(cluster, "liveness-exec")).toContain(
      "Killing: Container liveness failed liveness probe, will be restarted",
    );
    expect(getPod(cluster, "liveness-exec").status?.containerStatuses?.[0]?.restartCount).toBe(0);
    cluster.advance(30);
    const cs = getPod(cluster, "liveness-exec").status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.lastState?.terminated?.exitCode).toBe(137);
    expect(events(cluster, "liveness-exec")).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    expect(events(cluster, "liveness-exec")).toContain(
      "Killing: Container liveness failed liveness probe, will be restarted",
    );
  });

  it("keeps a pod unready while its readiness probe fails", () => {
    const cluster = setup();
    cluster.api.create(
      pod("notready", {
        containers: [
          {
            name: "c",
            image: "busybox",
            command: ["sleep", "3600"],
            readinessProbe: { httpGet: { path: "/", port: 80 } },
          },
        ],
      }),
    );
    cluster.advance(20);
    const p = getPod(cluster, "notready");
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    expect(
      events(cluster, "notready").some((e) =>
        e.startsWith('Unhealthy: Readiness probe failed: Get "http://10.244.'),
      ),
    ).toBe(true);
  });

  it("restarts a container whose image was changed", () => {
    const cluster = setup();
    cluster.api.create(pod("web", { containers: [{ name: "web", image: "nginx:doesnotexist" }] }));
    cluster.advance(10);
    expect(getPod(cluster, "web").status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe(
      "ImagePullBackOff",
    );
    const p = structuredClone(getPod(cluster, "web"));
    (p.spec?.containers[0] as { image: string }).image = "nginx:1.27";
    delete p.metadata.resourceVersion;
    cluster.api.update(p);
    cluster.advance(3);
    let cs = getPod(cluster, "web").status?.containerStatuses?.[0];
    expect(cs?.state?.running).toBeDefined();
    expect(cs?.image).toBe("docker.io/library/nginx:1.27");
    const q = structuredClone(getPod(cluster, "web"));
    (q.spec?.containers[0] as { image: string }).image = "nginx:1.26";
    delete q.metadata.resourceVersion;
    cluster.api.update(q);
    cluster.advance(3);
    cs = getPod(cluster, "web").status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.image).toBe("docker.io/library/nginx:1.26");
    expect(events(cluster, "web")).toContain("Killing: Container web definition changed, will be restarted");
  });
  it("reports what a container wrote to its termination log, or its log's tail on error", () => {
    const cluster = setup();
    cluster.api.create(
      pod("term", {
        restartPolicy: "Never",
        containers: [
          {
            name: "a",
            image: "busybox:1.36",
            command: ["sh", "-c", "echo bye > /dev/termination-log; exit 3"],
          },
          {
            name: "b",
            image: "busybox:1.36",
            command: ["sh", "-c", "echo last words; exit 1"],
            terminationMessagePolicy: "FallbackToLogsOnError",
          },
        ],
      }),
    );
    cluster.advance(10);
    const statuses = getPod(cluster, "term").status?.containerStatuses ?? [];
    const terminated = (name: string) => statuses.find((s) => s.name === name)?.state?.terminated;
    expect(terminated("a")).toMatchObject({ exitCode: 3, message: "bye\n" });
    expect(terminated("b")).toMatchObject({ exitCode: 1, message: "last words" });
  });
});
