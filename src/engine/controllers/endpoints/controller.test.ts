// After kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller_test.go
// (TestSyncEndpointsItemsPreserveNoSelector, TestSyncEndpointsItemsWithLabels, named ports) and
// pkg/controller/endpointslice/reconciler_test.go.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../api/kinds";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerCluster } from "../testing/fixtures";
import { findPort } from "./predicates";

function pod(cluster: Cluster, name: string, ip: string, ready: boolean, labels = { app: "web" }): void {
  cluster.api.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: {
      nodeName: "n1",
      containers: [{ name: "c", image: "nginx", ports: [{ name: "http", containerPort: 8080 }] }],
    },
  });
  const p = clone(cluster.api.get("Pod", "default", name) as Pod);
  p.status = {
    phase: "Running",
    podIP: ip,
    conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
  };
  cluster.api.updateStatus(p);
}
const service = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "default", labels: { tier: "front" } },
  spec: {
    selector: { app: "web" },
    ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    ...spec,
  },
});

describe("findPort", () => {
  const p = { spec: { containers: [{ name: "c", ports: [{ name: "http", containerPort: 8080 }] }] } } as Pod;
  it("numbers and named ports", () => {
    expect(findPort(p, { port: 80, targetPort: 9090 })).toBe(9090);
    expect(findPort(p, { port: 80 })).toBe(80);
    expect(findPort(p, { port: 80, targetPort: "http" })).toBe(8080);
    expect(findPort(p, { port: 80, targetPort: "nope" })).toBeUndefined();
  });
});

describe("Endpoints and EndpointSlice controllers", () => {
  it("lists ready and not-ready pod addresses", () => {
    const cluster = controllerCluster({ agents: false });
    pod(cluster, "b", "10.0.0.2", true);
    pod(cluster, "a", "10.0.0.1", false);
    pod(cluster, "other", "10.0.0.9", true, { app: "other" } as never);
    cluster.api.create(service({}));
    cluster.settle();
    const ep = cluster.api.get("Endpoints", "default", "web");
    expect(ep?.metadata.labels).toEqual({ tier: "front" });
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: "10.0.0.2",
            nodeName: "n1",
            targetRef: { kind: "Pod", namespace: "default", name: "b", uid: expect.any(String) },
          },
        ],
        notReadyAddresses: [
          {
            ip: "10.0.0.1",
            nodeName: "n1",
            targetRef: { kind: "Pod", namespace: "default", name: "a", uid: expect.any(String) },
          },
        ],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
    const [slice] = cluster.api.list("EndpointSlice");
    expect(slice?.metadata.name).toMatch(/^web-/);
    expect(slice?.metadata.labels).toEqual({
      tier: "front",
      "kubernetes.io/service-name": "web",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    });
    expect(slice?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Service",
      name: "web",
      controller: true,
    });
    expect(slice?.addressType).toBe("IPv4");
    expect(slice?.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(
      slice?.endpoints.map((e: { addresses: string[]; conditions: unknown }) => [
        e.addresses[0],
        e.conditions,
      ]),
    ).toEqual([
      ["10.0.0.1", { ready: false, serving: false, terminating: false }],
      ["10.0.0.2", { ready: true, serving: true, terminating: false }],
    ]);
  });

  it("follows pod readiness and deletion, and removes Endpoints with the Service", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(service({}));
    pod(cluster, "a", "10.0.0.1", true);
    cluster.settle();
    expect(cluster.api.get("Endpoints", "default", "web")?.subsets?.[0]?.addresses).toHaveLength(1);
    cluster.api.delete("Pod", "default", "a", { gracePeriodSeconds: 30 });
    cluster.settle();
    expect(cluster.api.get("Endpoints", "default", "web")?.subsets).toBeUndefined();
    expect(cluster.api.list("EndpointSlice")[0]?.endpoints[0]?.conditions).toEqual({
      ready: false,
      serving: true,
      terminating: true,
    });
    cluster.api.delete("Service", "default", "web");
    cluster.settle();
    expect(cluster.api.get("Endpoints", "default", "web")).toBeUndefined();
  });

  it("leaves Endpoints of selector-less Services alone", () => {
    const cluster = controllerCluster({ agents: false });
    cluster.api.create(service({ selector: undefined }));
    cluster.api.create({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [{ addresses: [{ ip: "1.2.3.4" }] }],
    });
    cluster.settle();
    expect(cluster.api.get("Endpoints", "default", "web")?.subsets).toEqual([
      { addresses: [{ ip: "1.2.3.4" }] },
    ]);
    expect(cluster.api.list("EndpointSlice")).toHaveLength(0);
  });
});
