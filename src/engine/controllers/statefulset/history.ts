/**
 * StatefulSet history (stateful_set_control.go getStatefulSetRevisions, truncateHistory): one
 * apps/v1 ControllerRevision per distinct template, named `<set>-<hash>`; the newest holds the
 * highest revision number. Pods carry the revision's name in controller-revision-hash.
 */
import { matchesLabelSelector } from "../../api/selectors";
import { clone, type KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { canonicalJson, computeHash, controllerOf, jsonEqual, newControllerRef } from "../lib/pods";
import { ControllerRevisionHashLabel, revisionOf } from "./identity";

/** The event source and field manager. */
export const StatefulSetController = "statefulset-controller";

/** getPatch: what a revision stores (the template, replaced wholesale on rollback). */
export function statefulSetPatch(set: KubeObject): unknown {
  const template = clone(set.spec?.template ?? {}) as Record<string, unknown>;
  template.$patch = "replace";
  return { spec: { template } };
}

/**
 * adoptOrphanRevisions: revisions without a controller whose labels match the set's selector (a
 * set deleted with --cascade=orphan left them) become the set's, so a recreated set finds its
 * history and the revision its pods carry.
 */
export function adoptOrphanRevisions(cluster: Cluster, set: KubeObject): void {
  const orphans = cluster.api
    .list("ControllerRevision", { namespace: set.metadata.namespace })
    .filter((r) => !controllerOf(r) && matchesLabelSelector(set.spec?.selector, r.metadata.labels));
  for (const r of orphans) {
    const next = clone(r);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), newControllerRef(set)];
    cluster.api.update(next, { fieldManager: StatefulSetController });
  }
}

/** The set's ControllerRevisions, oldest revision first. */
export function ownedRevisions(cluster: Cluster, set: KubeObject): KubeObject[] {
  return cluster.api
    .list("ControllerRevision", { namespace: set.metadata.namespace })
    .filter((r) => controllerOf(r)?.uid === set.metadata.uid)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/** The current and update revisions' names (getStatefulSetRevisions), creating the update one. */
export function statefulSetRevisions(
  cluster: Cluster,
  set: KubeObject,
): { current: KubeObject; update: KubeObject; revisions: KubeObject[] } {
  const ns = set.metadata.namespace as string;
  const data = statefulSetPatch(set);
  adoptOrphanRevisions(cluster, set);
  let revisions = ownedRevisions(cluster, set);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
  const equal = revisions.filter((r) => jsonEqual(r.data, data));
  let update: KubeObject;
  const newest = equal[equal.length - 1];
  if (newest) {
    update = newest;
    if ((newest.revision ?? 0) < max) {
      const next = clone(newest);
      next.revision = max + 1;
      update = cluster.api.update(next, { fieldManager: StatefulSetController });
    }
  } else {
    // The set's collision count always enters the hash, 0 when unset (getStatefulSetRevisions).
    const hash = computeHash(data, set.status?.collisionCount ?? 0);
    const rev: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: {
        name: `${set.metadata.name}-${hash}`,
        namespace: ns,
        labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [ControllerRevisionHashLabel]: hash },
        ownerReferences: [newControllerRef(set)],
      },
      data: JSON.parse(canonicalJson(data)),
      revision: max + 1,
    };
    update =
      cluster.api.get("ControllerRevision", ns, rev.metadata.name as string) ??
      cluster.api.create(rev, {
        fieldManager: StatefulSetController,
      });
  }
  revisions = ownedRevisions(cluster, set);
  const currentName = set.status?.currentRevision;
  const current = revisions.find((r) => r.metadata.name === currentName) ?? update;
  return { current, update, revisions };
}

/** truncateHistory: the oldest revisions no pod uses, beyond revisionHistoryLimit, are deleted. */
export function truncateHistory(cluster: Cluster, set: KubeObject, pods: KubeObject[], keep: string[]): void {
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  const live = new Set<string>(keep);
  for (const p of pods) live.add(revisionOf(p));
  const old = ownedRevisions(cluster, set).filter((r) => !live.has(r.metadata.name as string));
  for (const r of old.slice(0, Math.max(0, old.length - limit)))
    cluster.api.delete("ControllerRevision", r.metadata.namespace, r.metadata.name as string);
}
