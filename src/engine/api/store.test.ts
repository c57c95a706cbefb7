import { describe, expect, it } from "vitest";
import { Clock } from "../clock/clock";
import { Rng } from "../clock/random";
import { ApiError } from "./errors";
import type { WatchEvent } from "./interface";
import { parseLabelSelector } from "./selectors";
import { MemoryStore } from "./store";
import type { KubeObject } from "./types";

function newStore() {
  const clock = new Clock(Date.parse("2026-01-01T00:00:00Z"));
  const store = new MemoryStore(clock, new Rng(1));
  for (const name of ["default", "kube-system"])
    store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  return { clock, store };
}

const pod = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels: { app: name } },
  spec: { containers: [{ name: "app", image: "nginx" }] },
  ...extra,
});

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("MemoryStore", () => {
  it("fills uid, resourceVersion, creationTimestamp and the default namespace on create", () => {
    const { store } = newStore();
    const p = store.create(pod("a"));
    expect(p.metadata.namespace).toBe("default");
    expect(p.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.metadata.creationTimestamp).toBe("2026-01-01T00:00:00Z");
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(store.get("Pod", "default", "a")).toBe(p);
  });

  it("refuses duplicates, unknown kinds and missing namespaces with the API server's errors", () => {
    const { store } = newStore();
    store.create(pod("a"));
    expect(thrown(() => store.create(pod("a"))).toKubectl()).toBe(
      'Error from server (AlreadyExists): pods "a" already exists',
    );
    expect(
      thrown(() => store.create({ apiVersion: "v1", kind: "Widget", metadata: { name: "w" } })).message,
    ).toBe('no matches for kind "Widget" in version "v1"');
    expect(thrown(() => store.create(pod("b", { metadata: { name: "b", namespace: "nope" } }))).message).toBe(
      'namespaces "nope" not found',
    );
  });

  it("generates names from generateName with the seeded suffix", () => {
    const { store } = newStore();
    const p = store.create(pod("", { metadata: { generateName: "web-" } }));
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("keeps status on update, bumps generation only on spec change, and detects conflicts", () => {
    const { store } = newStore();
    const d = store.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 1 },
    });
    expect(d.metadata.generation).toBe(1);
    const withStatus = store.updateStatus({ ...d, status: { replicas: 1 } });
    const relabelled = store.update({
      ...withStatus,
      metadata: { ...withStatus.metadata, labels: { a: "b" } },
      status: {},
    });
    expect(relabelled.metadata.generation).toBe(1);
    expect(relabelled.status).toEqual({ replicas: 1 });
    const scaled = store.update({ ...relabelled, spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(thrown(() => store.update({ ...d, spec: { replicas: 5 } })).reason).toBe("Conflict");
  });

  it("deletes unscheduled pods at once and bound pods gracefully", () => {
    const { store, clock } = newStore();
    store.create(pod("loose"));
    expect(store.delete("Pod", "default", "loose")).toBeUndefined();
    expect(store.get("Pod", "default", "loose")).toBeUndefined();
    store.create(pod("bound", { spec: { nodeName: "n1", containers: [{ name: "a", image: "nginx" }] } }));
    const terminating = store.delete("Pod", "default", "bound");
    expect(terminating?.metadata.deletionTimestamp).toBe(clock.timestamp(clock.now() + 30_000));
    expect(terminating?.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(store.delete("Pod", "default", "bound", { gracePeriodSeconds: 0 })).toBeUndefined();
    expect(thrown(() => store.delete("Pod", "default", "bound")).toKubectl()).toBe(
      'Error from server (NotFound): pods "bound" not found',
    );
  });

  it("binds a pod once", () => {
    const { store } = newStore();
    store.create(pod("p"));
    const bound = store.bind("default", "p", "n1");
    expect(bound.spec.nodeName).toBe("n1");
    expect(bound.status.conditions[0]).toMatchObject({ type: "PodScheduled", status: "True" });
    expect(thrown(() => store.bind("default", "p", "n2")).message).toContain(
      'is already assigned to node "n1"',
    );
  });

  it("keeps objects with finalizers until the last one is removed", () => {
    const { store } = newStore();
    store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", finalizers: ["x/y"] } });
    const deleting = store.delete("ConfigMap", "default", "c");
    expect(deleting?.metadata.deletionTimestamp).toBeDefined();
    store.update({
      ...(deleting as KubeObject),
      metadata: { ...(deleting as KubeObject).metadata, finalizers: [] },
    });
    expect(store.get("ConfigMap", "default", "c")).toBeUndefined();
  });

  it("lists by namespace, labels and fields, and notifies watchers", () => {
    const { store } = newStore();
    const seen: WatchEvent["type"][] = [];
    store.watch("Pod", (e) => seen.push(e.type));
    store.create(pod("a"));
    store.create(pod("b", { metadata: { name: "b", namespace: "kube-system", labels: { app: "b" } } }));
    store.bind("default", "a", "n1");
    expect(store.list("Pod").length).toBe(2);
    expect(store.list("Pod", { namespace: "kube-system" }).map((p) => p.metadata.name)).toEqual(["b"]);
    expect(
      store.list("Pod", { labelSelector: parseLabelSelector("app in (a,c)") }).map((p) => p.metadata.name),
    ).toEqual(["a"]);
    expect(
      store.list("Pod", { fieldSelector: [{ field: "spec.nodeName", op: "=", value: "n1" }] }).length,
    ).toBe(1);
    store.delete("Pod", "kube-system", "b");
    expect(seen).toEqual(["ADDED", "ADDED", "MODIFIED", "DELETED"]);
  });

  it("runs admission plugins and stores nothing when one refuses", () => {
    const { store } = newStore();
    store.addAdmissionPlugin({
      name: "deny-b",
      mutate: (r) => {
        if (r.object) r.object.metadata.annotations = { touched: "yes" };
      },
      validate: (r) => {
        if (r.object?.metadata.name === "b") throw new ApiError("Forbidden", 'pods "b" is forbidden: no');
      },
    });
    expect(store.create(pod("a")).metadata.annotations).toEqual({ touched: "yes" });
    expect(thrown(() => store.create(pod("b"))).reason).toBe("Forbidden");
    expect(store.get("Pod", "default", "b")).toBeUndefined();
    expect(store.create(pod("c"), { dryRun: true }).metadata.name).toBe("c");
    expect(store.get("Pod", "default", "c")).toBeUndefined();
  });
});

describe("MemoryStore deletion holds", () => {
  it("keeps a namespace Terminating until spec.finalizers is emptied", () => {
    const { store } = newStore();
    store.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "team" },
      spec: { finalizers: ["kubernetes"] },
    });
    const terminating = store.delete("Namespace", undefined, "team");
    expect(terminating?.status?.phase).toBe("Terminating");
    expect(store.get("Namespace", undefined, "team")).toBeDefined();
    store.updateStatus({ ...(terminating as KubeObject), spec: { finalizers: [] } });
    expect(store.get("Namespace", undefined, "team")).toBeDefined();
    const current = store.get("Namespace", undefined, "team") as KubeObject;
    store.update({ ...current, spec: { finalizers: [] } });
    expect(store.get("Namespace", undefined, "team")).toBeUndefined();
  });

  it("removes a force-deleted pod when its last finalizer goes", () => {
    const { store } = newStore();
    store.create(
      pod("held", {
        metadata: { name: "held", finalizers: ["batch.kubernetes.io/job-tracking"] },
        spec: { nodeName: "n1", containers: [{ name: "a", image: "x" }] },
      }),
    );
    const deleting = store.delete("Pod", "default", "held", { gracePeriodSeconds: 0 }) as KubeObject;
    expect(deleting.metadata.deletionGracePeriodSeconds).toBe(0);
    store.update({ ...deleting, metadata: { ...deleting.metadata, finalizers: [] } });
    expect(store.get("Pod", "default", "held")).toBeUndefined();
  });
});
