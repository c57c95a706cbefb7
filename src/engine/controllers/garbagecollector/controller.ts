/**
 * The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are all
 * gone, and carries out the Orphan and Foreground deletion policies through the "orphan" and
 * "foregroundDeletion" finalizers the API server adds.
 */

import type { Discovery } from "../../api/discovery";
import { ApiError } from "../../api/errors";
import { resourceForKind } from "../../api/resources";
import { clone, type KubeObject, keyOf, type OwnerReference } from "../../api/types";
import type { Cluster } from "../../cluster";
import { jsonEqual } from "../lib/pods";
import { Controller } from "../lib/queue";

export const GarbageCollector = "garbage-collector-controller";
export const OrphanFinalizer = "orphan";
export const ForegroundFinalizer = "foregroundDeletion";

/** Kinds the collector never deletes as dependents (events carry no owners anyway). */
const SKIP_KINDS = new Set(["Event"]);

/** Whether an owner reference still resolves: same uid stored under that kind, name and namespace. */
export function ownerExists(
  get: (kind: string, ns: string | undefined, name: string) => KubeObject | undefined,
  ref: OwnerReference,
  namespace: string | undefined,
  discovery?: Discovery,
): boolean {
  const res = discovery ? discovery.forKind(ref.kind) : resourceForKind(ref.kind);
  if (!res) return true; // an unknown kind: leave the dependent alone, as the GC does with unresolvable refs
  const owner = get(ref.kind, res.namespaced ? namespace : undefined, ref.name);
  return Boolean(owner && owner.metadata.uid === ref.uid);
}

/**
 * The dependents index: owner uid → dependent keys, kept from watch events so that finding an
 * owner's dependents is cheap (the GC's graph builder).
 */
class DependentsIndex {
  readonly byOwner = new Map<string, Set<string>>();
  readonly owners = new Map<string, string[]>();
  /** uid → store key of every object that is someone's owner or has owners. */
  readonly keyByUid = new Map<string, string>();

  set(obj: KubeObject): void {
    const key = keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name as string);
    if (obj.metadata.uid) this.keyByUid.set(obj.metadata.uid, key);
    this.remove(key);
    const uids = (obj.metadata.ownerReferences ?? []).map((r) => r.uid);
    if (uids.length === 0) return;
    this.owners.set(key, uids);
    for (const uid of uids) {
      const s = this.byOwner.get(uid);
      if (s) s.add(key);
      else this.byOwner.set(uid, new Set([key]));
    }
  }

  remove(key: string): void {
    for (const uid of this.owners.get(key) ?? []) this.byOwner.get(uid)?.delete(key);
    this.owners.delete(key);
  }
}

function parseKey(key: string): { kind: string; namespace: string | undefined; name: string } {
  const [kind, ns, ...rest] = key.split("/");
  return { kind: kind as string, namespace: ns || undefined, name: rest.join("/") };
}

/** Starts the garbage collector. Queue keys are store keys ("Kind/ns/name"). */
export function installGarbageCollector(cluster: Cluster): Controller {
  const index = new DependentsIndex();
  const c = new Controller(GarbageCollector, cluster, (key) => syncObject(cluster, index, key));
  cluster.api.watch("*", (e) => {
    const obj = e.object;
    if (SKIP_KINDS.has(obj.kind)) return;
    const key = keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name as string);
    if (e.type === "DELETED") {
      index.remove(key);
      index.keyByUid.delete(obj.metadata.uid as string);
      // A dependent went away: an owner deleting in foreground may now finish.
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const ownerKey = index.keyByUid.get(ref.uid);
        if (ownerKey) c.enqueue(ownerKey);
      }
    } else index.set(obj);
    // A dependent needs a look when it appears or its owner references change (the graph builder's
    // processGraphChanges), not on every status write.
    const refsChanged =
      e.type === "ADDED" || !jsonEqual(e.old?.metadata.ownerReferences, obj.metadata.ownerReferences);
    if (obj.metadata.ownerReferences?.length && e.type !== "DELETED" && refsChanged) c.enqueue(key);
    const fin = obj.metadata.finalizers ?? [];
    if (
      e.type !== "DELETED" &&
      obj.metadata.deletionTimestamp &&
      (fin.includes(OrphanFinalizer) || fin.includes(ForegroundFinalizer))
    )
      c.enqueue(key);
    // An owner went away or is being deleted: look at its dependents.
    if (e.type === "DELETED" || obj.metadata.deletionTimestamp)
      for (const dep of index.byOwner.get(obj.metadata.uid as string) ?? []) c.enqueue(dep);
  });
  cluster.addComponent(c);
  return c;
}

function syncObject(cluster: Cluster, index: DependentsIndex, key: string): void {
  const { kind, namespace, name } = parseKey(key);
  const obj = cluster.api.get(kind, namespace, name);
  if (!obj) return;
  const fin = obj.metadata.finalizers ?? [];
  if (obj.metadata.deletionTimestamp && fin.includes(OrphanFinalizer)) {
    orphanDependents(cluster, index, obj);
    return;
  }
  if (obj.metadata.deletionTimestamp && fin.includes(ForegroundFinalizer)) {
    foreground(cluster, index, obj);
    return;
  }
  attemptToDelete(cluster, obj);
}

/** attemptToDeleteItem: an object whose owners are all gone is deleted (background). */
function attemptToDelete(cluster: Cluster, obj: KubeObject): void {
  const refs = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0 || obj.metadata.deletionTimestamp) return;
  const ns = obj.metadata.namespace;
  const get = (k: string, n: string | undefined, nm: string) => cluster.api.get(k, n, nm);
  const solid: OwnerReference[] = [];
  const waiting: OwnerReference[] = [];
  for (const ref of refs) {
    if (!ownerExists(get, ref, ns, cluster.api.discovery)) continue;
    const res = cluster.api.discovery.forKind(ref.kind);
    const owner = get(ref.kind, res?.namespaced ? ns : undefined, ref.name);
    if (owner?.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(ForegroundFinalizer))
      waiting.push(ref);
    else solid.push(ref);
  }
  if (solid.length > 0) {
    // Some owners remain: drop the dangling references only.
    if (solid.length + waiting.length < refs.length) {
      const next = clone(obj);
      const keep = new Set([...solid, ...waiting].map((r) => r.uid));
      next.metadata.ownerReferences = refs.filter((r) => keep.has(r.uid));
      tryWrite(() => cluster.api.update(next, { fieldManager: GarbageCollector }));
    }
    return;
  }
  if (waiting.length > 0) {
    // Every remaining owner waits for us in foreground: delete this one in foreground too.
    const blocking = waiting.some((r) => r.blockOwnerDeletion);
    tryWrite(() =>
      cluster.api.delete(obj.kind, ns, obj.metadata.name as string, {
        propagationPolicy: blocking ? "Foreground" : "Background",
        fieldManager: GarbageCollector,
      }),
    );
    return;
  }
  tryWrite(() =>
    cluster.api.delete(obj.kind, ns, obj.metadata.name as string, {
      propagationPolicy: "Background",
      fieldManager: GarbageCollector,
    }),
  );
}

function dependents(cluster: Cluster, index: DependentsIndex, owner: KubeObject): KubeObject[] {
  const out: KubeObject[] = [];
  for (const key of index.byOwner.get(owner.metadata.uid as string) ?? []) {
    const { kind, namespace, name } = parseKey(key);
    const dep = cluster.api.get(kind, namespace, name);
    if (dep) out.push(dep);
  }
  return out;
}

/** orphanDependents: removes the owner's reference from every dependent, then the finalizer. */
function orphanDependents(cluster: Cluster, index: DependentsIndex, owner: KubeObject): void {
  for (const dep of dependents(cluster, index, owner)) {
    const next = clone(dep);
    next.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter(
      (r) => r.uid !== owner.metadata.uid,
    );
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    tryWrite(() => cluster.api.update(next, { fieldManager: GarbageCollector }));
  }
  removeFinalizer(cluster, owner, OrphanFinalizer);
}

/**
 * Foreground: deletes every dependent; once none with blockOwnerDeletion remains, removes the
 * foregroundDeletion finalizer so the owner goes.
 */
function foreground(cluster: Cluster, index: DependentsIndex, owner: KubeObject): void {
  let blocking = 0;
  for (const dep of dependents(cluster, index, owner)) {
    const ref = dep.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
    if (!ref) continue;
    if (ref.blockOwnerDeletion) blocking++;
    if (!dep.metadata.deletionTimestamp) {
      const others = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      const get = (k: string, n: string | undefined, nm: string) => cluster.api.get(k, n, nm);
      if (others.some((r) => ownerExists(get, r, dep.metadata.namespace, cluster.api.discovery))) {
        // Another owner keeps it: just drop our reference.
        const next = clone(dep);
        next.metadata.ownerReferences = others;
        tryWrite(() => cluster.api.update(next, { fieldManager: GarbageCollector }));
        if (ref.blockOwnerDeletion) blocking--;
        continue;
      }
      tryWrite(() =>
        cluster.api.delete(dep.kind, dep.metadata.namespace, dep.metadata.name as string, {
          propagationPolicy: ref.blockOwnerDeletion ? "Foreground" : "Background",
          fieldManager: GarbageCollector,
        }),
      );
    }
  }
  if (blocking === 0) removeFinalizer(cluster, owner, ForegroundFinalizer);
}

function removeFinalizer(cluster: Cluster, obj: KubeObject, finalizer: string): void {
  const latest = cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string);
  if (!latest) return;
  const next = clone(latest);
  next.metadata.finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  tryWrite(() => cluster.api.update(next, { fieldManager: GarbageCollector }));
}

function tryWrite(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}
