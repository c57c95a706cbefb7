import { describe, expect, it } from "vitest";
import type { Endpoints, Node, Pod, Service } from "../api/kinds";
import { createCluster } from "../index";
import type { Listener } from "../sh/interface";
import { ClusterNetwork } from "./network";

function setup() {
  const cluster = createCluster();
  const api = cluster.api;
  api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } });
  api.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: {
      clusterIP: "10.96.5.5",
      ports: [{ name: "http", port: 80, targetPort: 8080, nodePort: 30080 }],
      type: "NodePort",
    },
  } as Service);
  api.create({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default" },
    subsets: [
      { addresses: [{ ip: "10.244.1.5" }, { ip: "10.244.2.6" }], ports: [{ name: "http", port: 8080 }] },
    ],
  } as Endpoints);
  api.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "db", namespace: "other" },
    spec: { clusterIP: "None", ports: [{ port: 5432 }] },
  } as Service);
  api.create({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "db", namespace: "other" },
    subsets: [{ addresses: [{ ip: "10.244.1.9", hostname: "db-0" }], ports: [{ port: 5432 }] }],
  } as Endpoints);
  api.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "empty", namespace: "default" },
    spec: { clusterIP: "10.96.7.7", ports: [{ port: 80 }] },
  } as Service);
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "client", namespace: "default" },
    spec: { containers: [{ name: "c", image: "busybox" }] },
  } as Pod;
  api.create(pod);
  const net = new ClusterNetwork(api);
  const here = net.at({ namespace: "default", ip: "10.244.3.3", hostname: "client" });
  return { net, here, api };
}

const answer = (body: string): Listener => ({
  port: 8080,
  protocol: "TCP",
  http: () => ({ status: 200, headers: {}, body }),
});

describe("ClusterNetwork: cluster DNS", () => {
  it("resolves Services through the search list as a ClusterFirst pod does", () => {
    const { here } = setup();
    expect(here.resolve("web")).toEqual({ name: "web.default.svc.cluster.local", addresses: ["10.96.5.5"] });
    expect(here.resolve("db.other")?.addresses).toEqual(["10.244.1.9"]);
    expect(here.resolve("db-0.db.other.svc.cluster.local")?.addresses).toEqual(["10.244.1.9"]);
    expect(here.resolve("kubernetes.default")?.name).toBe("kubernetes.default.svc.cluster.local");
    expect(here.resolve("10-244-1-5.default.pod.cluster.local")?.addresses).toEqual(["10.244.1.5"]);
    expect(here.resolve("client")?.addresses).toEqual(["10.244.3.3"]);
    expect(here.resolve("nosuch")).toBeUndefined();
    expect(here.resolve("web.nosuchns")).toBeUndefined();
    expect(here.reverse("10.96.5.5")).toBe("web.default.svc.cluster.local");
  });
});

describe("ClusterNetwork: connections", () => {
  it("reaches a ready endpoint's listener through the Service port mapping, one at random each time", () => {
    const { net, here } = setup();
    net.listen("10.244.1.5", answer("one"));
    net.listen("10.244.2.6", answer("two"));
    const bodies = Array.from({ length: 400 }, () => {
      const l = here.connect("web", 80);
      return typeof l === "string" ? l : l.http?.({ method: "GET", path: "/", headers: {}, body: "" }).body;
    });
    // kube-proxy's `-m statistic --mode random --probability 0.5`: about half each, in no
    // fixed turn (a round robin would never answer the same endpoint twice in a row).
    const ones = bodies.filter((b) => b === "one").length;
    expect(bodies.filter((b) => b !== "one" && b !== "two")).toEqual([]);
    expect(ones).toBeGreaterThan(160);
    expect(ones).toBeLessThan(240);
    expect(bodies.some((b, i) => i > 0 && b === bodies[i - 1])).toBe(true);
  });

  it("refuses without endpoints or listener, times out on an unknown port or address", () => {
    const { net, here } = setup();
    expect(here.connect("empty", 80)).toBe("refused");
    expect(here.connect("web", 80)).toBe("refused"); // endpoints, but nothing listens
    expect(here.connect("web", 81)).toBe("timeout");
    expect(here.connect("10.1.2.3", 80)).toBe("timeout");
    expect(here.connect("nosuch", 80)).toBe("unresolved");
    const close = net.listen("10.244.3.3", { ...answer("me"), port: 9000 });
    expect(typeof here.connect("localhost", 9000)).toBe("object");
    close();
    expect(here.connect("localhost", 9000)).toBe("refused");
  });
});

describe("ClusterNetwork: NodePorts", () => {
  it("serves a NodePort on every node's address, and from a node on its own address and localhost", () => {
    const { net, api } = setup();
    api.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "cp" },
      status: { addresses: [{ type: "InternalIP", address: "192.168.1.2" }] },
    } as Node);
    net.listen("10.244.1.5", answer("one"));
    net.listen("10.244.2.6", answer("two"));
    const body = (l: Listener | string) =>
      typeof l === "string" ? l : l.http?.({ method: "GET", path: "/", headers: {}, body: "" }).body;
    const pod = net.at({ namespace: "default", ip: "10.244.3.3", hostname: "client" });
    const served = ["one", "two"];
    expect(served).toContain(body(pod.connect("192.168.1.2", 30080)));
    // From the node itself: its InternalIP and localhost (kube-proxy's localhost NodePorts).
    const node = net.at({ namespace: "default", ip: "192.168.1.2", hostname: "cp", search: [] });
    expect(served).toContain(body(node.connect("192.168.1.2", 30080)));
    expect(served).toContain(body(node.connect("localhost", 30080)));
    // A pod's own localhost is its network namespace: no NodePort there.
    expect(pod.connect("localhost", 30080)).toBe("refused");
  });
});
