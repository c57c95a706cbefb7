import { describe, expect, it } from "vitest";
import type { Pod } from "./api/kinds";
import { bootScenario } from "./boot";
import type { Cluster } from "./cluster";
import { kubeletOf } from "./kubelet";
import { exportSnapshot, parseSnapshot, restoreSnapshot, serializeSnapshot } from "./snapshot";

const STATIC = `apiVersion: v1
kind: Pod
metadata: {name: static-web, namespace: default}
spec:
  containers:
  - {name: web, image: nginx:1.27}
`;

// biome-ignore lint/suspicious/noExplicitAny: test manifests
function pod(name: string, container: any, restartPolicy = "Always"): any {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { restartPolicy, containers: [{ name: "c", image: "busybox:1.36", ...container }] },
  };
}

function build(): Cluster {
  const c = bootScenario("cka") as Cluster;
  c.api.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  });
  c.api.create(pod("sleeper", { command: ["sleep", "100"] }, "Never"));
  c.api.create(pod("crasher", { command: ["sh", "-c", "exit 1"] }));
  c.hosts.get("node01")?.fs.write("/etc/kubernetes/manifests/static-web.yaml", STATIC);
  c.advance(45);
  return c;
}

/** What must not change: per pod, its uid, phase, IP and container states. */
function podView(c: Cluster) {
  return Object.fromEntries(
    (c.api.list("Pod") as Pod[]).map((p) => [
      `${p.metadata.namespace}/${p.metadata.name}`,
      {
        uid: p.metadata.uid,
        phase: p.status?.phase,
        podIP: p.status?.podIP,
        startTime: p.status?.startTime,
        containers: [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].map(
          // biome-ignore lint/suspicious/noExplicitAny: status JSON
          (s: any) => ({
            id: s.containerID,
            restartCount: s.restartCount,
            state: s.state,
            lastState: s.lastState,
            ready: s.ready,
          }),
        ),
      },
    ]),
  );
}

const CONTAINER_EVENTS = ["Pulling", "Pulled", "Created", "Started", "Killing", "BackOff"];
function containerEvents(c: Cluster) {
  return c.api
    .list("Event")
    .filter((e) => CONTAINER_EVENTS.includes(e.reason))
    .map((e) => `${e.involvedObject?.name} ${e.reason} x${e.count ?? 1} ${e.lastTimestamp ?? e.eventTime}`)
    .sort();
}

function roundTrip(c: Cluster): Cluster {
  return restoreSnapshot(parseSnapshot(serializeSnapshot(exportSnapshot(c))));
}

describe("snapshot restore", () => {
  it("keeps the clock to the millisecond", () => {
    const original = build();
    original.advance(0.25);
    const restored = roundTrip(original);
    expect(restored.clock.now()).toBe(original.clock.now());
    expect(restored.clock.now() % 1000).not.toBe(0);
  });

  it("continues every pod as if nothing happened", () => {
    const original = build();
    const before = podView(original);
    const beforeEvents = containerEvents(original);
    const crasher = before["default/crasher"];
    expect(crasher?.containers[0]?.restartCount).toBeGreaterThan(1);
    expect(crasher?.containers[0]?.state.waiting?.reason).toBe("CrashLoopBackOff");
    expect(before["default/static-web-node01"]?.phase).toBe("Running");

    const restored = roundTrip(original);
    expect(podView(restored)).toEqual(before);
    restored.advance(5);
    original.advance(5);
    expect(podView(restored)).toEqual(podView(original));
    expect(podView(restored)).toEqual(before);
    // No container was pulled, created, started or killed again.
    expect(containerEvents(restored)).toEqual(beforeEvents);
    // The static pod's mirror was adopted, not recreated.
    const mirror = (c: Cluster) => c.api.get("Pod", "default", "static-web-node01")?.metadata;
    expect(mirror(restored)?.uid).toBe(mirror(original)?.uid);
    expect(mirror(restored)?.annotations?.["kubernetes.io/config.hash"]).toBe(
      mirror(original)?.annotations?.["kubernetes.io/config.hash"],
    );

    // Later on both clusters do the same: the sleep ends 100 s after it started, the crash loop
    // restarts on its back-off schedule.
    for (let i = 0; i < 12; i++) {
      restored.advance(10);
      original.advance(10);
      expect(podView(restored)).toEqual(podView(original));
    }
    const sleeper = restored.api.get("Pod", "default", "sleeper") as Pod;
    const t = sleeper.status?.containerStatuses?.[0]?.state?.terminated;
    expect(sleeper.status?.phase).toBe("Succeeded");
    expect(Date.parse(t?.finishedAt ?? "") - Date.parse(t?.startedAt ?? "")).toBe(100_000);
    expect(restored.api.get("Pod", "default", "crasher")?.status?.containerStatuses?.[0]?.restartCount).toBe(
      original.api.get("Pod", "default", "crasher")?.status?.containerStatuses?.[0]?.restartCount,
    );
  });

  it("adopts static pods from a changed staticPodPath and keeps terminating pods' deadline", () => {
    const c = bootScenario("cka") as Cluster;
    const fs = c.hosts.get("node01")?.fs;
    const config = fs?.read("/var/lib/kubelet/config.yaml") ?? "";
    fs?.mkdir("/etc/custom", true);
    fs?.write("/etc/custom/static-web.yaml", STATIC);
    fs?.write(
      "/var/lib/kubelet/config.yaml",
      config.replace(/staticPodPath: .*/, "staticPodPath: /etc/custom"),
    );
    (c.hosts.get("node01") as { systemctl(verb: string, unit: string): unknown }).systemctl(
      "restart",
      "kubelet",
    );
    c.api.create({
      ...pod("slow", { command: ["sleep", "3600"] }),
      spec: { ...pod("slow", { command: ["sleep", "3600"] }).spec, terminationGracePeriodSeconds: 60 },
    });
    c.advance(30);
    c.api.delete("Pod", "default", "slow");
    c.advance(20);
    const before = podView(c);
    expect(before["default/static-web-node01"]?.phase).toBe("Running");
    const r = roundTrip(c);
    r.advance(5);
    c.advance(5);
    expect(podView(r)).toEqual(podView(c));
    expect(podView(r)["default/static-web-node01"]).toEqual(before["default/static-web-node01"]);
    // The restored kubelet runs it from the restored config's path.
    expect(
      kubeletOf(r, "node01")?.runtimeByName("default", "static-web-node01")?.containers.get("web")?.state,
    ).toBe("running");
    // The grace period ends when it would have: 60 s after the delete, not 60 s after the restore.
    r.advance(30);
    c.advance(30);
    expect(r.api.get("Pod", "default", "slow")).toBeDefined();
    r.advance(10);
    c.advance(10);
    expect(r.api.get("Pod", "default", "slow")).toBeUndefined();
    expect(podView(r)).toEqual(podView(c));
  });
});

describe("a restored cluster's random generator", () => {
  // Found by the campaign (seed 1120): restored at its seed, the generator drew again the uids
  // the saved objects had, and a kubelet took a new pod for an old one.
  const made = (c: Cluster) =>
    c.api.list("ConfigMap", { namespace: "default" }).filter((o) => /^m\d+$/.test(o.metadata.name as string));
  const uids = (c: Cluster) => made(c).map((o) => o.metadata.uid);
  const create = (c: Cluster, n: number) => {
    for (let i = 0; i < n; i++)
      c.api.create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `m${i}`, namespace: "default" },
      });
  };

  it("draws on from where the saved one stopped", () => {
    const c = bootScenario("empty") as Cluster;
    create(c, 20);
    const snapshot = exportSnapshot(c);
    expect(snapshot.random).toBe(c.rng.position());
    const restored = restoreSnapshot(parseSnapshot(serializeSnapshot(snapshot)));
    for (const obj of made(restored))
      restored.api.delete("ConfigMap", "default", obj.metadata.name as string);
    create(restored, 20);
    const before = new Set(uids(c));
    expect(uids(restored).filter((u) => before.has(u))).toEqual([]);
  });

  it("starts away from the seed for a file that does not say where it stopped", () => {
    const c = bootScenario("empty") as Cluster;
    create(c, 20);
    const { random: _, ...old } = exportSnapshot(c);
    const restored = restoreSnapshot(old);
    for (const obj of made(restored))
      restored.api.delete("ConfigMap", "default", obj.metadata.name as string);
    create(restored, 20);
    const before = new Set(uids(c));
    expect(uids(restored).filter((u) => before.has(u))).toEqual([]);
  });
});
