/**
 * DaemonSet history (pkg/controller/daemon/update.go constructHistory, snapshot, cleanupHistory):
 * one apps/v1 ControllerRevision per distinct template, named `<ds>-<hash>`, the current one
 * holding the highest revision.
 */
import type { DaemonSet, Pod } from "../../api/kinds";
import { matchesLabelSelector } from "../../api/selectors";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { canonicalJson, computeHash, controllerOf, jsonEqual, newControllerRef } from "../lib/pods";
import { ControllerRevisionHashLabel } from "./predicates";

const FIELD_MANAGER = "daemonset-controller";

/** getPatch: the data a DaemonSet's ControllerRevision stores (the template, replaced wholesale). */
export function daemonSetPatch(ds: DaemonSet): unknown {
  const template = clone(ds.spec?.template ?? {}) as Record<string, unknown>;
  template.$patch = "replace";
  return { spec: { template } };
}

/** The hash of the DaemonSet's current template (controller.ComputeHash with the collision count). */
export function daemonSetHash(ds: DaemonSet): string {
  return computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
}

/** The ControllerRevisions owned by the DaemonSet, oldest revision first. */
export function ownedRevisions(cluster: Cluster, ds: DaemonSet): KubeObject[] {
  return cluster.api
    .list("ControllerRevision", { namespace: ds.metadata.namespace })
    .filter((r) => controllerOf(r)?.uid === ds.metadata.uid)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/**
 * constructHistory: finds or creates the revision of the current template and makes it the
 * newest; returns its hash.
 */
export function constructHistory(cluster: Cluster, ds: DaemonSet): string {
  const ns = ds.metadata.namespace as string;
  const data = daemonSetPatch(ds);
  const candidates = cluster.api
    .list("ControllerRevision", { namespace: ns })
    .filter(
      (r) =>
        matchesLabelSelector(ds.spec?.selector, r.metadata.labels) ||
        controllerOf(r)?.uid === ds.metadata.uid,
    )
    .filter((r) => controllerOf(r)?.uid === ds.metadata.uid);
  const max = candidates.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const current = candidates.filter((r) => jsonEqual(r.data, data));
  if (current.length > 0) {
    const cur = current.sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[0] as KubeObject;
    if ((cur.revision ?? 0) < max) {
      const next = clone(cur);
      next.revision = max + 1;
      cluster.api.update(next, { fieldManager: FIELD_MANAGER });
    }
    return cur.metadata.labels?.[ControllerRevisionHashLabel] ?? daemonSetHash(ds);
  }
  const hash = daemonSetHash(ds);
  const name = `${ds.metadata.name}-${hash}`;
  const existing = cluster.api.get("ControllerRevision", ns, name);
  if (existing) {
    // A hash collision with different data: upstream bumps status.collisionCount and retries.
    if (!jsonEqual(existing.data, data)) return hash;
    return hash;
  }
  const rev: KubeObject = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: ns,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [ControllerRevisionHashLabel]: hash },
      ownerReferences: [newControllerRef(ds)],
    },
    data: JSON.parse(canonicalJson(data)),
    revision: max + 1,
  };
  if (ds.metadata.annotations) rev.metadata.annotations = { ...ds.metadata.annotations };
  cluster.api.create(rev, { fieldManager: FIELD_MANAGER });
  return hash;
}

/** cleanupHistory: deletes the oldest revisions beyond revisionHistoryLimit that no live pod uses. */
export function cleanupHistory(cluster: Cluster, ds: DaemonSet, pods: Pod[], currentHash: string): void {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  const revisions = ownedRevisions(cluster, ds);
  const live = new Set<string>([currentHash]);
  for (const p of pods) {
    const h = p.metadata.labels?.[ControllerRevisionHashLabel];
    if (h && !p.metadata.deletionTimestamp) live.add(h);
  }
  const old = revisions.filter((r) => !live.has(r.metadata.labels?.[ControllerRevisionHashLabel] ?? ""));
  let toKill = old.length - limit;
  for (const r of old) {
    if (toKill <= 0) break;
    cluster.api.delete("ControllerRevision", r.metadata.namespace, r.metadata.name as string);
    toKill--;
  }
}
