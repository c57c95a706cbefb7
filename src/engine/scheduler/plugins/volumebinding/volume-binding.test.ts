/**
 * The volume plugins in a whole cluster (volume_binding_test.go PreFilter cases,
 * volume_restrictions_test.go without cloud disks) and the FailedScheduling text they produce.
 */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import type { Cluster } from "../../../cluster";
import { createCluster } from "../../../index";
import { ErrReasonReadWriteOncePodConflict } from "../volumerestrictions/volume-restrictions";
import { ErrUnboundImmediate } from "./volume-binding";

function node(name: string): KubeObject {
  const alloc = { cpu: "4", memory: "8Gi", pods: "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name } },
    status: { capacity: alloc, allocatable: alloc },
  };
}

function pod(name: string, volumes: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { containers: [{ name: "c", image: "nginx" }], volumes, ...extra },
  };
}

function pvc(
  name: string,
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name, namespace: "default", ...meta },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
  };
}

function failed(c: Cluster, name: string): string | undefined {
  return c.api
    .list("Event")
    .filter((e) => e.involvedObject?.name === name && e.reason === "FailedScheduling")[0]?.message;
}

function cluster3(): Cluster {
  const c = createCluster();
  for (const n of ["n1", "n2", "n3"]) c.api.create(node(n));
  return c;
}

const claim = (claimName: string) => ({ name: "data", persistentVolumeClaim: { claimName } });

describe("volume plugins in the default profile", () => {
  it("pods with only local volumes pass (PreFilter Skip)", () => {
    const c = cluster3();
    c.api.create(
      pod("p", [
        { name: "a", emptyDir: {} },
        { name: "b", hostPath: { path: "/tmp" } },
        { name: "c", configMap: { name: "x", optional: true } },
        { name: "d", downwardAPI: { items: [] } },
        { name: "e", projected: { sources: [] } },
      ]),
    );
    c.advance(1);
    expect(c.api.get("Pod", "default", "p")?.spec?.nodeName).toBeTruthy();
  });

  it('pvc not found: persistentvolumeclaim "data" not found, preemption not helpful', () => {
    const c = cluster3();
    c.api.create(pod("p", [claim("data")]));
    c.advance(1);
    expect(failed(c, "p")).toBe(
      '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it("unbound claim of immediate binding mode (volume_binding_test.go)", () => {
    const c = cluster3();
    c.api.create(pvc("data"));
    c.api.create(pod("p", [claim("data")]));
    c.advance(1);
    expect(failed(c, "p")).toBe(
      `0/3 nodes are available: ${ErrUnboundImmediate}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  it("a claim being deleted", () => {
    const c = cluster3();
    c.api.create(pvc("data", {}, { finalizers: ["kubernetes.io/pvc-protection"] }));
    c.api.delete("PersistentVolumeClaim", "default", "data");
    c.api.create(pod("p", [claim("data")]));
    c.advance(1);
    expect(failed(c, "p")).toContain('persistentvolumeclaim "data" is being deleted');
  });

  it("a generic ephemeral volume whose claim is not created yet", () => {
    const c = cluster3();
    c.api.create(
      pod("p", [
        {
          name: "scratch",
          ephemeral: {
            volumeClaimTemplate: {
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
            },
          },
        },
      ]),
    );
    c.advance(1);
    expect(failed(c, "p")).toContain(
      'waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"',
    );
  });

  it("a bound claim schedules; a ReadWriteOncePod claim in use by another pod conflicts", () => {
    const c = cluster3();
    c.api.create({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "pv1" },
      spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOncePod"], hostPath: { path: "/data" } },
    });
    c.api.create(
      pvc(
        "data",
        { accessModes: ["ReadWriteOncePod"], volumeName: "pv1" },
        { annotations: { "pv.kubernetes.io/bind-completed": "yes" } },
      ),
    );
    c.api.create(pod("p1", [claim("data")]));
    c.advance(1);
    expect(c.api.get("Pod", "default", "p1")?.spec?.nodeName).toBeTruthy();
    c.api.create(pod("p2", [claim("data")]));
    c.advance(1);
    expect(c.api.get("Pod", "default", "p2")?.spec?.nodeName).toBeUndefined();
    expect(failed(c, "p2")).toBe(
      `0/3 nodes are available: 3 ${ErrReasonReadWriteOncePodConflict}. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`,
    );
  });
});
