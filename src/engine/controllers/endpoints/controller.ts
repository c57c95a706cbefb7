/**
 * The Endpoints and EndpointSlice controllers (pkg/controller/endpoint, pkg/controller/endpointslice):
 * for each Service with a selector, the addresses of the matching pods, ready or not.
 */
import { ApiError } from "../../api/errors";
import type { Pod, Service } from "../../api/kinds";
import { matchesSelector, type Selector } from "../../api/selectors";
import { clone, type KubeObject, namespacedName } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerOf, isPodReady, jsonEqual, newControllerRef } from "../lib/pods";
import { Controller } from "../lib/queue";
import { findPort, podReadyForService, shouldPodBeInEndpoints } from "./predicates";

export const EndpointController = "endpoint-controller";
export const EndpointSliceController = "endpointslice-controller";
/** The managed-by label value of controller-made EndpointSlices. */
export const EndpointSliceManagedBy = "endpointslice-controller.k8s.io";
export const ServiceNameLabel = "kubernetes.io/service-name";
export const ManagedByLabel = "endpointslice.kubernetes.io/managed-by";
/** maxEndpointsPerSlice default. */
export const MaxEndpointsPerSlice = 100;

function selectorOf(svc: Service): Selector | undefined {
  const sel = svc.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return undefined;
  return Object.entries(sel).map(([key, v]) => ({ key, op: "=" as const, values: [v as string] }));
}

function matchingPods(cluster: Cluster, svc: Service, sel: Selector): Pod[] {
  return (cluster.api.list("Pod", { namespace: svc.metadata.namespace, labelSelector: sel }) as Pod[]).sort(
    (a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
  );
}

/** Starts both controllers. Keys are "ns/service". */
export function installEndpointControllers(cluster: Cluster): void {
  const ep = new Controller(EndpointController, cluster, (key) => syncEndpoints(cluster, key));
  const slices = new Controller(EndpointSliceController, cluster, (key) => syncEndpointSlices(cluster, key));
  const enqueue = (key: string) => {
    ep.enqueue(key);
    slices.enqueue(key);
  };
  cluster.api.watch("Service", (e) => enqueue(namespacedName(e.object)));
  cluster.api.watch("Pod", (e) => {
    const ns = e.object.metadata.namespace;
    for (const svc of cluster.api.list("Service", { namespace: ns }) as Service[]) {
      const sel = selectorOf(svc);
      if (!sel) continue;
      if (
        matchesSelector(sel, e.object.metadata.labels) ||
        (e.old && matchesSelector(sel, e.old.metadata.labels))
      )
        enqueue(namespacedName(svc));
    }
  });
  cluster.addComponent(ep);
  cluster.addComponent(slices);
}

interface Address {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
}

/** syncService of the Endpoints controller. */
export function syncEndpoints(cluster: Cluster, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const svc = cluster.api.get("Service", ns, name) as Service | undefined;
  const existing = cluster.api.get("Endpoints", ns, name);
  if (!svc) {
    if (existing) tryWrite(() => cluster.api.delete("Endpoints", ns, name));
    return;
  }
  const sel = selectorOf(svc);
  if (!sel) return; // Endpoints of selector-less Services are the user's.
  type Subset = {
    addresses: Address[];
    notReadyAddresses: Address[];
    ports: { name?: string; port: number; protocol: string }[];
  };
  const byPorts = new Map<string, Subset>();
  for (const pod of matchingPods(cluster, svc, sel)) {
    if (!shouldPodBeInEndpoints(pod, false)) continue;
    const addr: Address = {
      ip: pod.status?.podIP as string,
      targetRef: {
        kind: "Pod",
        namespace: ns,
        name: pod.metadata.name as string,
        uid: pod.metadata.uid as string,
      },
    };
    if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
    if (pod.spec?.hostname && pod.spec.subdomain === name) addr.hostname = pod.spec.hostname;
    const ports: Subset["ports"] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp as never);
      if (port === undefined) continue;
      const p: Subset["ports"][number] = { port, protocol: sp.protocol ?? "TCP" };
      if (sp.name) p.name = sp.name;
      ports.push(p);
    }
    if ((svc.spec?.ports ?? []).length > 0 && ports.length === 0) continue;
    const k = JSON.stringify(ports);
    let subset = byPorts.get(k);
    if (!subset) {
      subset = { addresses: [], notReadyAddresses: [], ports };
      byPorts.set(k, subset);
    }
    (podReadyForService(pod, svc) ? subset.addresses : subset.notReadyAddresses).push(addr);
  }
  const subsets = [...byPorts.values()].map((s) => {
    const out: Record<string, unknown> = {};
    const byIp = (a: Address, b: Address) =>
      a.ip.localeCompare(b.ip) || a.targetRef.name.localeCompare(b.targetRef.name);
    if (s.addresses.length) out.addresses = s.addresses.sort(byIp);
    if (s.notReadyAddresses.length) out.notReadyAddresses = s.notReadyAddresses.sort(byIp);
    if (s.ports.length) out.ports = s.ports;
    return out;
  });
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  const desired: KubeObject = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name, namespace: ns, ...(Object.keys(labels).length ? { labels } : {}) },
    ...(subsets.length ? { subsets } : {}),
  };
  if (!existing) {
    tryWrite(() => cluster.api.create(desired, { fieldManager: EndpointController }));
    return;
  }
  if (
    jsonEqual(existing.subsets ?? [], desired.subsets ?? []) &&
    jsonEqual(existing.metadata.labels ?? {}, labels)
  )
    return;
  const next = clone(existing);
  next.subsets = desired.subsets;
  if (!next.subsets) delete next.subsets;
  next.metadata.labels = desired.metadata.labels;
  if (!next.metadata.labels) delete next.metadata.labels;
  tryWrite(() => cluster.api.update(next, { fieldManager: EndpointController }));
}

/** The EndpointSlice reconciler: one slice per 100 endpoints, owned by the Service. */
export function syncEndpointSlices(cluster: Cluster, key: string): void {
  const [ns, name] = key.split("/") as [string, string];
  const svc = cluster.api.get("Service", ns, name) as Service | undefined;
  const mine = cluster.api
    .list("EndpointSlice", { namespace: ns })
    .filter(
      (s) =>
        s.metadata.labels?.[ServiceNameLabel] === name &&
        s.metadata.labels?.[ManagedByLabel] === EndpointSliceManagedBy,
    )
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  const sel = svc ? selectorOf(svc) : undefined;
  if (!svc || !sel) {
    for (const s of mine) tryWrite(() => cluster.api.delete("EndpointSlice", ns, s.metadata.name as string));
    return;
  }
  const ports = (svc.spec?.ports ?? []).map((sp) => ({ name: sp.name ?? "", sp }));
  const endpoints: {
    endpoint: Record<string, unknown>;
    ports: { name: string; port: number; protocol: string }[];
  }[] = [];
  for (const pod of matchingPods(cluster, svc, sel)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const epPorts = ports
      .map(({ name: n, sp }) => ({
        name: n,
        port: findPort(pod, sp as never),
        protocol: sp.protocol ?? "TCP",
      }))
      .filter((p): p is { name: string; port: number; protocol: string } => p.port !== undefined);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const serving = svc.spec?.publishNotReadyAddresses ? true : isPodReady(pod);
    const endpoint: Record<string, unknown> = {
      addresses: [pod.status?.podIP],
      conditions: { ready: serving && !terminating, serving, terminating },
      targetRef: { kind: "Pod", namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    if (pod.spec?.nodeName) {
      endpoint.nodeName = pod.spec.nodeName;
      const zone = cluster.api.get("Node", undefined, pod.spec.nodeName)?.metadata.labels?.[
        "topology.kubernetes.io/zone"
      ];
      if (zone) endpoint.zone = zone;
    }
    if (pod.spec?.hostname && pod.spec.subdomain === name) endpoint.hostname = pod.spec.hostname;
    endpoints.push({ endpoint, ports: epPorts });
  }
  // Group by port set, then chunk.
  const groups = new Map<string, { ports: unknown[]; endpoints: Record<string, unknown>[] }>();
  for (const e of endpoints) {
    const k = JSON.stringify(e.ports);
    const g = groups.get(k) ?? { ports: e.ports, endpoints: [] };
    g.endpoints.push(e.endpoint);
    groups.set(k, g);
  }
  if (groups.size === 0)
    groups.set("[]", {
      ports: ports.map(({ name: n, sp }) => ({
        name: n,
        port: typeof sp.targetPort === "number" ? sp.targetPort : sp.port,
        protocol: sp.protocol ?? "TCP",
      })),
      endpoints: [],
    });
  const wanted: { ports: unknown[]; endpoints: Record<string, unknown>[] }[] = [];
  for (const g of groups.values())
    for (let i = 0; i === 0 || i < g.endpoints.length; i += MaxEndpointsPerSlice)
      wanted.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MaxEndpointsPerSlice) });
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    [ServiceNameLabel]: name,
    [ManagedByLabel]: EndpointSliceManagedBy,
  };
  if (svc.spec?.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
  wanted.forEach((w, i) => {
    const existing = mine[i];
    if (existing) {
      if (
        jsonEqual(existing.endpoints ?? [], w.endpoints) &&
        jsonEqual(existing.ports ?? [], w.ports) &&
        jsonEqual(existing.metadata.labels, labels)
      )
        return;
      const next = clone(existing);
      next.endpoints = w.endpoints;
      next.ports = w.ports;
      next.metadata.labels = labels;
      tryWrite(() => cluster.api.update(next, { fieldManager: EndpointSliceController }));
      return;
    }
    tryWrite(() =>
      cluster.api.create(
        {
          apiVersion: "discovery.k8s.io/v1",
          kind: "EndpointSlice",
          metadata: {
            generateName: `${name}-`,
            namespace: ns,
            labels,
            ownerReferences: [newControllerRef(svc)],
          },
          addressType: "IPv4",
          endpoints: w.endpoints,
          ports: w.ports,
        },
        { fieldManager: EndpointSliceController },
      ),
    );
  });
  for (const extra of mine.slice(wanted.length))
    if (controllerOf(extra)?.uid === svc.metadata.uid || !controllerOf(extra))
      tryWrite(() => cluster.api.delete("EndpointSlice", ns, extra.metadata.name as string));
}

function tryWrite(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
