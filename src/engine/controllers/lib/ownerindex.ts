/**
 * An informer-style index of objects of one kind by their controller's uid, with the orphans
 * (no controller) by namespace, kept current from watch events. Controllers read their pods
 * from it instead of listing every pod on every sync. One index per cluster and kind, shared.
 */
import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster";
import { controllerOf } from "./pods";

/** The index of one kind. */
export class OwnerIndex {
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private readonly orphans = new Map<string, Map<string, KubeObject>>();
  private readonly where = new Map<string, { owner?: string; ns: string }>();

  constructor(cluster: Cluster, kind: string) {
    for (const obj of cluster.api.list(kind)) this.put(obj);
    cluster.api.watch(kind, (e) => {
      if (e.type === "DELETED") this.drop(e.object);
      else this.put(e.object);
    });
  }

  private slot(obj: KubeObject): string {
    return `${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
  }

  private drop(obj: KubeObject): void {
    const k = this.slot(obj);
    const w = this.where.get(k);
    if (!w) return;
    if (w.owner) this.byOwner.get(w.owner)?.delete(k);
    else this.orphans.get(w.ns)?.delete(k);
    this.where.delete(k);
  }

  private put(obj: KubeObject): void {
    this.drop(obj);
    const k = this.slot(obj);
    const ns = obj.metadata.namespace ?? "";
    const owner = controllerOf(obj)?.uid;
    const bucketMap = owner ? this.byOwner : this.orphans;
    const bucketKey = owner ?? ns;
    let bucket = bucketMap.get(bucketKey);
    if (!bucket) {
      bucket = new Map();
      bucketMap.set(bucketKey, bucket);
    }
    bucket.set(k, obj);
    this.where.set(k, { owner, ns });
  }

  /** Objects whose controller reference has this uid. */
  owned(uid: string | undefined): KubeObject[] {
    return uid ? [...(this.byOwner.get(uid)?.values() ?? [])] : [];
  }

  /** Objects in the namespace without a controller reference. */
  orphansIn(namespace: string | undefined): KubeObject[] {
    return [...(this.orphans.get(namespace ?? "")?.values() ?? [])];
  }
}

const indexes = new WeakMap<Cluster, Map<string, OwnerIndex>>();

/** The shared owner index of kind for this cluster (created on first use). */
export function ownerIndex(cluster: Cluster, kind: string): OwnerIndex {
  let m = indexes.get(cluster);
  if (!m) {
    m = new Map();
    indexes.set(cluster, m);
  }
  let idx = m.get(kind);
  if (!idx) {
    idx = new OwnerIndex(cluster, kind);
    m.set(kind, idx);
  }
  return idx;
}
