/** Test fixtures for the controllers: nodes, workloads, and a fake kubelet that marks pods Running and Ready. */
import type { Node, Pod, Taint } from "../../api/kinds";
import { clone, type KubeObject } from "../../api/types";
import { Cluster } from "../../cluster";
import { getTargetNodeName } from "../daemonset/predicates";
import { installControllers } from "../index";

/** A KWOK-style node. */
export function node(
  name: string,
  extra: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean } = {},
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", ...(extra.labels ?? {}) },
    },
    spec: {
      ...(extra.taints ? { taints: extra.taints } : {}),
      ...(extra.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: { cpu: "4", memory: "8Gi", pods: "110" },
      allocatable: { cpu: "4", memory: "8Gi", pods: "110" },
      conditions: [{ type: "Ready", status: "True" }],
    },
  };
}

/** A pod template with one container. */
export function template(labels: Record<string, string>, image = "nginx") {
  return { metadata: { labels }, spec: { containers: [{ name: "c", image }] } };
}

/** A DaemonSet. */
export function daemonSet(name: string, spec: Record<string, unknown> = {}, ns = "default"): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: ns },
    spec: { selector: { matchLabels: { app: name } }, template: template({ app: name }), ...spec },
  };
}

/** A ReplicaSet. */
export function replicaSet(name: string, replicas: number, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template({ app: name }), ...spec },
  };
}

/** A Deployment. */
export function deployment(
  name: string,
  replicas: number,
  spec: Record<string, unknown> = {},
  image = "nginx",
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: template({ app: name }, image),
      ...spec,
    },
  };
}

/**
 * A stand-in for the scheduler and kubelet in controller tests: binds pending pods to the node
 * their daemon affinity names (or the first Ready node), marks bound pods Running and Ready, and
 * removes terminating pods. Installed only by tests that ask for it.
 */
export function installFakeNodeAgents(cluster: Cluster): void {
  let dirty = true;
  cluster.api.watch("Pod", () => {
    dirty = true;
  });
  cluster.api.watch("Node", () => {
    dirty = true;
  });
  cluster.addComponent({
    name: "fake-node-agents",
    process() {
      if (!dirty) return false;
      dirty = false;
      const nodes = cluster.api
        .list("Node")
        .map((n) => n.metadata.name as string)
        .sort();
      let i = 0;
      for (const pod of cluster.api.list("Pod") as Pod[]) {
        const ns = pod.metadata.namespace as string;
        const name = pod.metadata.name as string;
        if (pod.metadata.deletionTimestamp) {
          cluster.api.delete("Pod", ns, name, { gracePeriodSeconds: 0 });
          continue;
        }
        if (!pod.spec?.nodeName) {
          const target = getTargetNodeName(pod) ?? nodes[i++ % Math.max(1, nodes.length)];
          if (target && nodes.includes(target)) cluster.api.bind(ns, name, target);
          continue;
        }
        if (pod.status?.phase !== "Running" && nodes.includes(pod.spec.nodeName)) {
          const p = clone(cluster.api.get("Pod", ns, name) as Pod);
          const now = cluster.clock.timestamp();
          p.status = {
            ...(p.status ?? {}),
            phase: "Running",
            conditions: [
              ...(p.status?.conditions ?? []).filter((c) => c.type !== "Ready"),
              { type: "Ready", status: "True", lastTransitionTime: now },
            ],
          };
          cluster.api.updateStatus(p);
        }
      }
      return true;
    },
  });
}

/** A bare cluster with only the controllers (and, unless told otherwise, the fake node agents). */
export function controllerCluster(options: { seed?: number; agents?: boolean } = {}): Cluster {
  const cluster = new Cluster({ seed: options.seed ?? 1 });
  for (const name of ["default", "kube-system"])
    cluster.api.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  installControllers(cluster);
  if (options.agents !== false) installFakeNodeAgents(cluster);
  cluster.settle();
  return cluster;
}

/** Pods owned (as controller) by obj. */
export function podsOf(cluster: Cluster, obj: KubeObject): Pod[] {
  const owner = cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string) ?? obj;
  return (cluster.api.list("Pod", { namespace: owner.metadata.namespace }) as Pod[]).filter((p) =>
    p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid),
  );
}

/** Stored copy of an object, cloned for editing. */
export function edit<T extends KubeObject>(cluster: Cluster, obj: KubeObject, fn: (o: T) => void): T {
  const o = clone(cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string) as T);
  fn(o);
  return cluster.api.update(o) as T;
}
