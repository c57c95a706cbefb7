// The pods/ephemeralcontainers subresource: ValidatePodEphemeralContainersUpdate and
// validateEphemeralContainers (pkg/apis/core/validation/validation.go; cases after
// TestValidatePodEphemeralContainersUpdate and TestValidateEphemeralContainers in
// validation_test.go), dropNonEphemeralContainerUpdates (pkg/registry/core/pod/strategy.go), and
// the kubelet starting an added container once in the running pod.
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { createCluster } from "../index";
import { exportSnapshot, restoreSnapshot } from "../snapshot";

// biome-ignore lint/suspicious/noExplicitAny: test objects are open JSON
type Json = any;

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

function setup(spec: Json = {}): { api: ReturnType<typeof createCluster>["api"]; pod: KubeObject } {
  const cluster = createCluster();
  const pod = cluster.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [{ name: "app", image: "nginx:1.27" }], ...spec },
  });
  return { api: cluster.api, pod };
}

/** The pod with these ephemeral containers, as a client sends it to the subresource. */
function withEphemeral(pod: KubeObject, list: Json[]): KubeObject {
  const next = structuredClone(pod);
  next.spec.ephemeralContainers = list;
  return next;
}

const debuggerC = { name: "debugger", image: "busybox", stdin: true, tty: true, targetContainerName: "app" };

describe("pods/ephemeralcontainers", () => {
  it("appends a container, defaulted as a container is, and changes nothing else", () => {
    const { api, pod } = setup();
    const sent = withEphemeral(pod, [debuggerC]);
    sent.metadata.labels = { sneaky: "yes" };
    sent.spec.containers[0].image = "nginx:1.28";
    const stored = api.updateEphemeralContainers(sent);
    expect(stored.spec.ephemeralContainers).toEqual([
      {
        ...debuggerC,
        imagePullPolicy: "Always",
        resources: {},
        terminationMessagePath: "/dev/termination-log",
        terminationMessagePolicy: "File",
      },
    ]);
    expect(stored.metadata.labels).toBeUndefined();
    expect(stored.spec.containers[0].image).toBe("nginx:1.27");
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(Number(pod.metadata.resourceVersion));
  });

  it("refuses removing or changing an existing one", () => {
    const { api, pod } = setup();
    const stored = api.updateEphemeralContainers(withEphemeral(pod, [debuggerC]));
    const removed = errorOf(() => api.updateEphemeralContainers(withEphemeral(stored, [])));
    expect(removed.reason).toBe("Invalid");
    expect(removed.message).toBe(
      'Pod "p" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n',
    );
    const changed = structuredClone(stored);
    changed.spec.ephemeralContainers[0].image = "alpine";
    expect(errorOf(() => api.updateEphemeralContainers(changed)).message).toBe(
      'Pod "p" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed\n',
    );
    expect(api.get("Pod", "default", "p")?.spec.ephemeralContainers).toHaveLength(1);
  });

  it.each([
    [
      "a name a container has",
      { name: "app", image: "busybox" },
      'spec.ephemeralContainers[0].name: Duplicate value: "app"',
    ],
    [
      "a target that is no container",
      { name: "d", image: "busybox", targetContainerName: "nope" },
      'spec.ephemeralContainers[0].targetContainerName: Not found: "nope"',
    ],
    [
      "ports",
      { name: "d", image: "busybox", ports: [{ containerPort: 80 }] },
      "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
    ],
    [
      "a probe",
      { name: "d", image: "busybox", readinessProbe: { exec: { command: ["true"] } } },
      "spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container",
    ],
    [
      "a subPath mount",
      { name: "d", image: "busybox", volumeMounts: [{ name: "v", mountPath: "/v", subPath: "x" }] },
      "spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container",
    ],
    ["no image", { name: "d" }, "spec.ephemeralContainers[0].image: Required value"],
  ])("refuses %s", (_what, ec, cause) => {
    const { api, pod } = setup({ volumes: [{ name: "v", emptyDir: {} }] });
    const err = errorOf(() => api.updateEphemeralContainers(withEphemeral(pod, [ec])));
    expect(err.reason).toBe("Invalid");
    expect(err.message).toContain(cause);
    expect(api.get("Pod", "default", "p")?.spec.ephemeralContainers).toBeUndefined();
  });

  it("refuses a second ephemeral container with the same name", () => {
    const { api, pod } = setup();
    const err = errorOf(() => api.updateEphemeralContainers(withEphemeral(pod, [debuggerC, debuggerC])));
    expect(err.message).toContain('spec.ephemeralContainers[1].name: Duplicate value: "debugger"');
  });

  it("refuses ephemeral containers on create", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p" },
        spec: {
          containers: [{ name: "app", image: "nginx" }],
          ephemeralContainers: [{ name: "d", image: "busybox" }],
        },
      }),
    );
    expect(err.message).toBe(
      'Pod "p" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create',
    );
  });

  it("refuses a mirror pod", () => {
    const { api, pod } = setup();
    const mirror = structuredClone(pod);
    mirror.metadata.annotations = { "kubernetes.io/config.mirror": "abc" };
    const stored = api.update(mirror);
    expect(
      errorOf(() => api.updateEphemeralContainers(withEphemeral(stored, [debuggerC]))).message,
    ).toContain("Forbidden: static pods do not support ephemeral containers");
  });

  it("is a pod's subresource only", () => {
    const cluster = createCluster();
    const cm = cluster.api.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } });
    expect(errorOf(() => cluster.api.updateEphemeralContainers(cm)).reason).toBe("NotFound");
  });
});

describe("the kubelet and ephemeral containers", () => {
  it("starts an added one in the running pod, once, in its target's PID namespace", () => {
    const cluster = createCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    cluster.settle();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        restartPolicy: "Always",
        containers: [{ name: "app", image: "busybox", command: ["sleep", "3600"] }],
      },
    });
    cluster.advance(30);
    const pod = cluster.api.get("Pod", "default", "p") as KubeObject;
    expect(pod.status.phase).toBe("Running");
    cluster.api.updateEphemeralContainers(
      withEphemeral(pod, [{ name: "d", image: "busybox", command: ["ps"], targetContainerName: "app" }]),
    );
    cluster.advance(30);
    const after = cluster.api.get("Pod", "default", "p") as KubeObject;
    const st = after.status.ephemeralContainerStatuses;
    expect(st).toHaveLength(1);
    expect(st[0]).toMatchObject({ name: "d", ready: false, restartCount: 0 });
    expect(st[0].started).toBeUndefined();
    expect(st[0].state.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    // Not restarted though the pod's restartPolicy is Always; the pod stays Running and ready.
    expect(after.status.phase).toBe("Running");
    expect(after.status.containerStatuses[0].ready).toBe(true);
    const host = cluster.hosts.get(after.spec.nodeName);
    const logs = (host?.containerLogs("default", "p", "d", false) ?? []).map((l) => l.text).join("\n");
    expect(logs).toMatch(/^PID\s+USER\s+TIME\s+COMMAND\n\s+1 root\s+\S+ sleep 3600\n\s+\d+ root\s+\S+ ps$/);
  });

  it("is not started again by a kubelet that takes over the pod (a restored cluster)", () => {
    const cluster = createCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    cluster.settle();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "app", image: "busybox", command: ["sleep", "3600"] }] },
    });
    cluster.advance(30);
    const pod = cluster.api.get("Pod", "default", "p") as KubeObject;
    cluster.api.updateEphemeralContainers(
      withEphemeral(pod, [{ name: "d", image: "busybox", command: ["true"] }]),
    );
    cluster.advance(30);
    const before = (cluster.api.get("Pod", "default", "p") as KubeObject).status
      .ephemeralContainerStatuses[0];
    expect(before.state.terminated.reason).toBe("Completed");
    const restored = restoreSnapshot(exportSnapshot(cluster));
    restored.advance(60);
    const after = (restored.api.get("Pod", "default", "p") as KubeObject).status
      .ephemeralContainerStatuses[0];
    expect(after).toEqual(before);
  });
});
