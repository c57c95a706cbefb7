import { describe, expect, it } from "vitest";
import type { Node, Pod } from "../../engine/api/kinds";
import type { KubeObject } from "../../engine/api/types";
import { detailOf, podsOf, type SearchSource, searchItems } from "./items";

function pod(ns: string, name: string, node: string | undefined, owner?: [string, string], labels = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      namespace: ns,
      name,
      labels,
      ownerReferences: owner
        ? [{ apiVersion: "apps/v1", kind: owner[0], name: owner[1], uid: owner[1], controller: true }]
        : undefined,
    },
    spec: { nodeName: node, containers: [] },
    status: { phase: node ? "Running" : "Pending" },
  } as Pod;
}

function obj(kind: string, ns: string, name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: "apps/v1", kind, metadata: { namespace: ns, name }, ...extra } as KubeObject;
}

const node = (name: string) =>
  ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name },
    status: { conditions: [{ type: "Ready", status: "True" }] },
  }) as Node;

const rs = obj("ReplicaSet", "default", "web-7f9c", {
  metadata: {
    namespace: "default",
    name: "web-7f9c",
    ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d", controller: true }],
  },
});
const src: SearchSource = {
  nodes: { n1: node("n1"), n2: node("n2") },
  pods: {
    "default/web-7f9c-b": pod("default", "web-7f9c-b", "n2", ["ReplicaSet", "web-7f9c"], { app: "web" }),
    "default/web-7f9c-a": pod("default", "web-7f9c-a", undefined, ["ReplicaSet", "web-7f9c"], { app: "web" }),
    "other/web-7f9c-c": pod("other", "web-7f9c-c", "n1", ["ReplicaSet", "web-7f9c"], { app: "web" }),
    "default/db-0": pod("default", "db-0", "n1", ["StatefulSet", "db"], { app: "db" }),
  },
  others: {
    Deployment: { "default/web": obj("Deployment", "default", "web") },
    ReplicaSet: { "default/web-7f9c": rs },
    StatefulSet: { "default/db": obj("StatefulSet", "default", "db") },
    Service: {
      "default/web": obj("Service", "default", "web", { spec: { selector: { app: "web" } } }),
      "default/headless": obj("Service", "default", "headless", { spec: {} }),
    },
    ConfigMap: { "default/x": obj("ConfigMap", "default", "x") },
  },
};

describe("searchItems", () => {
  it("lists nodes, pods and workloads, not other kinds", () => {
    const kinds = searchItems(src).map((i) => `${i.kind}/${i.key}`);
    expect(kinds).toContain("Node/n1");
    expect(kinds).toContain("Pod/default/db-0");
    expect(kinds).toContain("Deployment/default/web");
    expect(kinds).toContain("Service/default/headless");
    expect(kinds.some((k) => k.startsWith("ConfigMap/"))).toBe(false);
  });
});

describe("podsOf", () => {
  const item = (kind: string, name: string, namespace = "default") => ({
    kind,
    name,
    namespace,
    key: namespace ? `${namespace}/${name}` : name,
  });

  it("follows the controller chain, within the namespace, in natural order", () => {
    expect(podsOf(item("Deployment", "web"), src)).toEqual(["default/web-7f9c-a", "default/web-7f9c-b"]);
    expect(podsOf(item("ReplicaSet", "web-7f9c"), src)).toEqual(["default/web-7f9c-a", "default/web-7f9c-b"]);
    expect(podsOf(item("StatefulSet", "db"), src)).toEqual(["default/db-0"]);
  });

  it("takes a Service's selected pods; a Service with no selector selects none", () => {
    expect(podsOf(item("Service", "web"), src)).toEqual(["default/web-7f9c-a", "default/web-7f9c-b"]);
    expect(podsOf(item("Service", "headless"), src)).toEqual([]);
  });

  it("gives a node its pods and a pod itself", () => {
    expect(podsOf(item("Node", "n1", ""), src)).toEqual(["default/db-0", "other/web-7f9c-c"]);
    expect(podsOf(item("Pod", "db-0"), src)).toEqual(["default/db-0"]);
    expect(podsOf(item("Pod", "gone"), src)).toEqual([]);
  });
});

describe("detailOf", () => {
  it("says where a pod runs, or that it is not scheduled", () => {
    expect(detailOf({ kind: "Pod", name: "db-0", namespace: "default", key: "default/db-0" }, src)).toBe(
      "default · n1 · Running",
    );
    expect(
      detailOf({ kind: "Pod", name: "web-7f9c-a", namespace: "default", key: "default/web-7f9c-a" }, src),
    ).toBe("default · not scheduled · Pending");
    expect(detailOf({ kind: "Node", name: "n1", namespace: "", key: "n1" }, src)).toBe("Ready");
  });
});
