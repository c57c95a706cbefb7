/** Admission plugins through the store: texts as the upstream plugins return them. */
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { createCluster } from "../index";

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are open JSON
type Json = any;

function pod(name: string, spec: Json = {}, meta: Json = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...meta },
    spec: { containers: [{ name: "app", image: "nginx:1.27" }], ...spec },
  };
}

function withResources(name: string, resources: Json): KubeObject {
  return pod(name, { containers: [{ name: "app", image: "nginx:1.27", resources }] });
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("DefaultTolerationSeconds", () => {
  it("adds not-ready and unreachable for 300s", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod("p"));
    expect(p.spec.tolerations).toEqual([
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
  });

  it("keeps a pod's own toleration and adds the other", () => {
    const cluster = createCluster();
    const own = {
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 6,
    };
    const p = cluster.api.create(pod("p", { tolerations: [own] }));
    expect(p.spec.tolerations).toEqual([
      own,
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
  });

  it("adds nothing to a pod tolerating everything", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod("p", { tolerations: [{ operator: "Exists" }] }));
    expect(p.spec.tolerations).toEqual([{ operator: "Exists" }]);
  });
});

describe("Priority", () => {
  it("defaults to 0 without a global default", () => {
    const cluster = createCluster();
    const p = cluster.api.create(pod("p"));
    expect(p.spec.priority).toBe(0);
    expect(p.spec.preemptionPolicy).toBe("PreemptLowerPriority");
    expect(p.spec.priorityClassName).toBeUndefined();
  });

  it("resolves a class and the global default", () => {
    const cluster = createCluster();
    cluster.api.create({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "high" },
      value: 1000,
    });
    cluster.api.create({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name: "low" },
      value: 10,
      globalDefault: true,
      preemptionPolicy: "Never",
    });
    expect(cluster.api.create(pod("a", { priorityClassName: "high" })).spec.priority).toBe(1000);
    const b = cluster.api.create(pod("b"));
    expect([b.spec.priority, b.spec.priorityClassName, b.spec.preemptionPolicy]).toEqual([
      10,
      "low",
      "Never",
    ]);
    expect(cluster.api.create(pod("c", { priorityClassName: "system-node-critical" })).spec.priority).toBe(
      2000001000,
    );
  });

  it("refuses an unknown class", () => {
    const cluster = createCluster();
    const err = errorOf(() => cluster.api.create(pod("x", { priorityClassName: "y" })));
    expect(err.reason).toBe("Forbidden");
    expect(err.message).toBe('pods "x" is forbidden: no PriorityClass with name y was found');
  });

  it("refuses a second global default", () => {
    const cluster = createCluster();
    const pc = (name: string) => ({
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { name },
      value: 1,
      globalDefault: true,
    });
    cluster.api.create(pc("a"));
    expect(errorOf(() => cluster.api.create(pc("b"))).message).toBe(
      'priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    );
  });
});

describe("ServiceAccount", () => {
  it("creates default accounts and mounts the token volume", () => {
    const cluster = createCluster();
    expect(cluster.api.get("ServiceAccount", "kube-system", "default")).toBeDefined();
    expect(cluster.api.get("ConfigMap", "default", "kube-root-ca.crt")).toBeDefined();
    const p = cluster.api.create(pod("p"));
    expect(p.spec.serviceAccountName).toBe("default");
    const volume = p.spec.volumes[0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec.containers[0].volumeMounts).toEqual([
      { name: volume.name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
    ]);
  });

  it("creates the default account of a new namespace", () => {
    const cluster = createCluster();
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    cluster.settle();
    expect(cluster.api.get("ServiceAccount", "team", "default")).toBeDefined();
  });

  it("refuses a missing account and honours automount false", () => {
    const cluster = createCluster();
    expect(errorOf(() => cluster.api.create(pod("p", { serviceAccountName: "robot" }))).message).toBe(
      'pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
    const p = cluster.api.create(pod("q", { automountServiceAccountToken: false }));
    expect(p.spec.volumes).toBeUndefined();
  });
});

describe("LimitRanger", () => {
  const limitRange = (limits: Json) => ({
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "lr" },
    spec: { limits },
  });

  it("fills defaults and notes them", () => {
    const cluster = createCluster();
    cluster.api.create(
      limitRange([
        { type: "Container", default: { cpu: "500m" }, defaultRequest: { cpu: "100m", memory: "64Mi" } },
      ]),
    );
    const p = cluster.api.create(pod("p"));
    expect(p.spec.containers[0].resources).toEqual({
      limits: { cpu: "500m" },
      requests: { cpu: "100m", memory: "64Mi" },
    });
    expect(p.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app",
    );
    expect(p.status.qosClass).toBe("Burstable");
  });

  it("enforces max and min", () => {
    const cluster = createCluster();
    cluster.api.create(limitRange([{ type: "Container", max: { cpu: "1" }, min: { cpu: "100m" } }]));
    expect(errorOf(() => cluster.api.create(withResources("big", { limits: { cpu: "2" } }))).message).toBe(
      'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
    );
    expect(
      errorOf(() =>
        cluster.api.create(withResources("small", { requests: { cpu: "50m" }, limits: { cpu: "500m" } })),
      ).message,
    ).toBe('pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
  });
});

describe("ResourceQuota", () => {
  const quota = (hard: Json, name = "q1") => ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name },
    spec: { hard },
  });

  it("refuses a pod over requests.cpu with the upstream text", () => {
    const cluster = createCluster();
    cluster.api.create(quota({ "requests.cpu": "1" }));
    cluster.api.create(withResources("p1", { requests: { cpu: "600m" } }));
    expect(cluster.api.get("ResourceQuota", "default", "q1")?.status).toEqual({
      hard: { "requests.cpu": "1" },
      used: { "requests.cpu": "600m" },
    });
    const err = errorOf(() => cluster.api.create(withResources("p2", { requests: { cpu: "600m" } })));
    expect(err.reason).toBe("Forbidden");
    expect(err.message).toBe(
      'pods "p2" is forbidden: exceeded quota: q1, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
    expect(cluster.api.get("Pod", "default", "p2")).toBeUndefined();
  });

  it("requires limits when a quota limits them", () => {
    const cluster = createCluster();
    cluster.api.create(quota({ "limits.cpu": "2", "requests.memory": "1Gi" }));
    expect(errorOf(() => cluster.api.create(pod("p"))).message).toBe(
      'pods "p" is forbidden: failed quota: q1: must specify limits.cpu for: app; requests.memory for: app',
    );
  });

  it("tracks pods and stops counting terminal and deleted pods", () => {
    const cluster = createCluster();
    cluster.api.create(quota({ pods: "2", "requests.memory": "1Gi" }));
    cluster.api.create(withResources("a", { requests: { memory: "256Mi" } }));
    const b = cluster.api.create(withResources("b", { requests: { memory: "256Mi" } }));
    const used = () => cluster.api.get("ResourceQuota", "default", "q1")?.status.used;
    expect(used()).toEqual({ pods: "2", "requests.memory": "512Mi" });
    expect(
      errorOf(() => cluster.api.create(withResources("c", { requests: { memory: "1Mi" } }))).message,
    ).toBe('pods "c" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=2, limited: pods=2');
    const done = structuredClone(b);
    done.status.phase = "Succeeded";
    cluster.api.updateStatus(done);
    expect(used()).toEqual({ pods: "1", "requests.memory": "256Mi" });
    cluster.api.delete("Pod", "default", "a");
    expect(used()).toEqual({ pods: "0", "requests.memory": "0" });
  });

  it("counts object kinds", () => {
    const cluster = createCluster();
    cluster.api.create(quota({ configmaps: "2", "count/deployments.apps": "0" }));
    expect(cluster.api.get("ResourceQuota", "default", "q1")?.status.used).toEqual({
      configmaps: "1",
      "count/deployments.apps": "0",
    });
    const err = errorOf(() =>
      cluster.api.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: {
          selector: { matchLabels: { a: "b" } },
          template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "x" }] } },
        },
      }),
    );
    expect(err.message).toBe(
      'deployments.apps "d" is forbidden: exceeded quota: q1, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    );
  });
});

describe("strict field validation", () => {
  it("refuses unknown fields with the decoder's text", () => {
    const cluster = createCluster();
    const err = errorOf(() =>
      cluster.api.create(pod("p", { containers: [{ name: "app", image: "nginx", colour: "red" }], foo: 1 })),
    );
    expect(err.reason).toBe("BadRequest");
    expect(err.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].colour", unknown field "spec.foo"',
    );
    const dep = errorOf(() =>
      cluster.api.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: { replica: 2 },
      }),
    );
    expect(dep.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });
});

describe("NamespaceLifecycle", () => {
  it("keeps the immortal namespaces", () => {
    const cluster = createCluster();
    expect(errorOf(() => cluster.api.delete("Namespace", undefined, "kube-system")).message).toBe(
      'namespaces "kube-system" is forbidden: this namespace may not be deleted',
    );
  });
});

describe("DaemonSet strategy (pkg/registry/apps/daemonset/strategy.go)", () => {
  it("keeps the template generation in deprecated.daemonset.template.generation", () => {
    const cluster = createCluster();
    const ds = {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          metadata: { labels: { app: "agent" } },
          spec: { containers: [{ name: "a", image: "pause:3.10" }] },
        },
      },
    };
    const created = cluster.api.create(ds);
    expect(created.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("1");
    const relabelled = cluster.api.update({
      ...created,
      metadata: { ...created.metadata, labels: { x: "y" } },
    });
    expect(relabelled.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("1");
    const changed = structuredClone(relabelled);
    changed.spec.template.spec.containers[0].image = "pause:3.9";
    expect(
      cluster.api.update(changed).metadata.annotations?.["deprecated.daemonset.template.generation"],
    ).toBe("2");
  });
});
