import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../api/kinds";
import { createCluster } from "../index";
import { NodeFileSystem } from "../node/fs";
import { apiPodSources } from "./podsources";
import { generateRunContainerOptions } from "./runoptions";
import { VolumeStorage } from "./volumes";

describe("apiPodSources with a cluster's store", () => {
  it("gives a stored pod its Service links, ConfigMap env and the kube-api-access volume", () => {
    const cluster = createCluster();
    cluster.api.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "node01" },
      status: {
        allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
        addresses: [{ type: "InternalIP", address: "192.168.1.11" }],
      },
    } as Node);
    cluster.advance(1);
    cluster.api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "app", namespace: "default" },
      data: { MODE: "prod" },
    });
    const stored = cluster.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default" },
      spec: {
        nodeName: "node01",
        containers: [
          {
            name: "app",
            image: "busybox",
            envFrom: [{ configMapRef: { name: "app" } }],
            env: [{ name: "NODE_IP", valueFrom: { fieldRef: { fieldPath: "status.hostIP" } } }],
          },
        ],
      },
    }) as Pod;
    const now = () => cluster.clock.now();
    const r = generateRunContainerOptions(stored, "app", {
      sources: apiPodSources(cluster.api, "node01"),
      storage: new VolumeStorage(now),
      nodeFs: new NodeFileSystem(),
      now,
      imageFiles: {},
      podIPs: ["10.244.1.2"],
    });
    if ("error" in r) throw new Error(r.error.message);
    const env = Object.fromEntries(r.env.map((e) => [e.name, e.value]));
    expect(env.MODE).toBe("prod");
    expect(env.NODE_IP).toBe("192.168.1.11");
    expect(env.KUBERNETES_SERVICE_HOST).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const sa = "/var/run/secrets/kubernetes.io/serviceaccount";
    expect(r.fs.list(sa).filter((n) => !n.startsWith(".."))).toEqual(["ca.crt", "namespace", "token"]);
    expect(r.fs.read(`${sa}/namespace`)).toBe("default");
    expect(r.fs.read(`${sa}/ca.crt`)).toContain("BEGIN CERTIFICATE");
    expect(() => r.fs.write(`${sa}/token`, "x")).toThrow("Read-only file system");
  });
});
