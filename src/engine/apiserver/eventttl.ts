/**
 * kube-apiserver's --event-ttl (default 1h): Events are stored with a TTL that every write renews
 * (pkg/registry/core/event/storage/storage.go, TTLFunc), so an event goes away an hour after it
 * was last written. This keeps a busy cluster's events bounded, as etcd's leases do.
 */
import type { TimerId } from "../clock/clock";
import type { Cluster } from "../cluster";

/** --event-ttl's default, in seconds. */
export const DefaultEventTTLSeconds = 3600;

/** Deletes each Event ttlSeconds after its last write. */
export function installEventTTL(cluster: Cluster, ttlSeconds = DefaultEventTTLSeconds): void {
  const api = cluster.api;
  // Every write expires ttlSeconds after it, and time only moves forward: write order is expiry
  // order, so an insertion-ordered map (a rewrite moves to the end) is the expiry queue.
  const expiries = new Map<string, { namespace: string; name: string; at: number }>();
  let timer: TimerId | undefined;
  const arm = () => {
    if (timer !== undefined) return;
    const first = expiries.values().next().value;
    if (first) timer = cluster.clock.at(first.at, sweep, "event-ttl");
  };
  const sweep = () => {
    timer = undefined;
    const now = cluster.clock.now();
    for (const [id, e] of expiries) {
      if (e.at > now) break;
      expiries.delete(id);
      try {
        api.delete("Event", e.namespace, e.name);
      } catch {
        /* deleted already */
      }
    }
    arm();
  };
  api.watch("Event", (e) => {
    const namespace = e.object.metadata.namespace as string;
    const name = e.object.metadata.name as string;
    const id = `${namespace}/${name}`;
    expiries.delete(id);
    if (e.type === "DELETED") return;
    expiries.set(id, { namespace, name, at: cluster.clock.now() + ttlSeconds * 1000 });
    arm();
  });
}
