/**
 * The namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go):
 * a namespace being deleted is marked Terminating, everything in it is deleted, and once it is
 * empty the "kubernetes" finalizer is removed so the namespace goes.
 */
import { ApiError } from "../../api/errors";
import { RESOURCES } from "../../api/resources";
import { clone } from "../../api/types";
import type { Cluster } from "../../cluster";
import { writeStatus } from "../lib/pods";
import { Controller } from "../lib/queue";

export const NamespaceController = "namespace-controller";
/** The finalizer the namespace controller owns (spec.finalizers). */
export const KubernetesFinalizer = "kubernetes";

const NAMESPACED_KINDS = [
  ...new Set(RESOURCES.filter((r) => r.namespaced && r.kind !== "Binding").map((r) => r.kind)),
];

/** Starts the namespace controller. Queue keys are namespace names. */
export function installNamespaceController(cluster: Cluster): Controller {
  const c = new Controller(NamespaceController, cluster, (name) => syncNamespace(cluster, name));
  cluster.api.watch("Namespace", (e) => {
    if (e.type === "DELETED" || e.object.metadata.deletionTimestamp)
      c.enqueue(e.object.metadata.name as string);
  });
  cluster.api.watch("*", (e) => {
    // Content of a terminating (or removed) namespace went away: look again.
    if (e.type !== "DELETED" || !e.object.metadata.namespace) return;
    const ns = cluster.api.get("Namespace", undefined, e.object.metadata.namespace);
    if (!ns || ns.metadata.deletionTimestamp) c.enqueue(e.object.metadata.namespace);
  });
  cluster.addComponent(c);
  return c;
}

/** Deletes the namespace's content; finalizes it once nothing is left. */
export function syncNamespace(cluster: Cluster, name: string): void {
  const ns = cluster.api.get("Namespace", undefined, name);
  if (ns && !ns.metadata.deletionTimestamp) return;
  if (ns && ns.status?.phase !== "Terminating")
    writeStatus(cluster, ns, { ...(ns.status ?? {}), phase: "Terminating" }, NamespaceController);
  let remaining = 0;
  // Custom resources of namespaced CRDs go with their namespace too.
  const custom = cluster.api.discovery
    .customResources()
    .filter((r) => r.namespaced)
    .map((r) => r.kind);
  const kinds = [...new Set([...NAMESPACED_KINDS, ...custom])];
  for (const kind of kinds) {
    for (const obj of cluster.api.list(kind, { namespace: name })) {
      remaining++;
      if (obj.metadata.deletionTimestamp) continue;
      try {
        cluster.api.delete(kind, name, obj.metadata.name as string, { fieldManager: NamespaceController });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
  if (!ns) return;
  remaining = kinds.reduce((n, kind) => n + cluster.api.list(kind, { namespace: name }).length, 0);
  if (remaining > 0) return;
  const latest = cluster.api.get("Namespace", undefined, name);
  if (!latest) return;
  const next = clone(latest);
  if (next.spec?.finalizers)
    next.spec.finalizers = next.spec.finalizers.filter((f: string) => f !== KubernetesFinalizer);
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== KubernetesFinalizer);
  try {
    cluster.api.update(next, { fieldManager: NamespaceController });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
