/**
 * kubectl's discovery cache (client-go discovery/cached/disk, ~/.kube/cache/discovery, kept six
 * hours): kubectl maps resource names and kinds with the server's discovery as it last read it,
 * and reads it again only when the cache is old or a name is not in it (the deferred RESTMapper's
 * reset on a miss). So a CRD created since is found at once, while one deleted since still maps
 * and the request then fails on the server: `Unable to list "stable.example.com/v1,
 * Resource=crontabs": the server could not find the requested resource`.
 */
import { type Discovery, findGVK, type ResourceMapper, resolveIn } from "../engine/api/discovery";
import type { ResourceInfo } from "../engine/api/resources";

/** How long kubectl trusts its discovery cache (diskcached's ttl in kubectl's config flags). */
export const DISCOVERY_CACHE_TTL_MS = 6 * 60 * 60 * 1000;

interface Snapshot {
  at: number;
  resources: readonly ResourceInfo[];
}

/** The cache of each API server's discovery (one kubectl client, as one ~/.kube/cache). */
const caches = new WeakMap<Discovery, Snapshot>();

/** A client's view of the server's discovery through the cache. */
export class CachedDiscovery implements ResourceMapper {
  constructor(
    private readonly server: Discovery,
    private readonly now: () => number,
  ) {}

  /** Reads the server's discovery again and keeps it. */
  invalidate(): readonly ResourceInfo[] {
    const snap = { at: this.now(), resources: this.server.all() };
    caches.set(this.server, snap);
    return snap.resources;
  }

  private cached(): readonly ResourceInfo[] {
    const snap = caches.get(this.server);
    if (!snap || this.now() - snap.at > DISCOVERY_CACHE_TTL_MS) return this.invalidate();
    return snap.resources;
  }

  /** Looks up in the cache, then once more in fresh discovery on a miss. */
  private lookup(
    find: (resources: readonly ResourceInfo[]) => ResourceInfo | undefined,
  ): ResourceInfo | undefined {
    return find(this.cached()) ?? find(this.invalidate());
  }

  /** Every resource in the cache (categories such as `all` expand from it). */
  all(): readonly ResourceInfo[] {
    return this.cached();
  }

  forKind(kind: string): ResourceInfo | undefined {
    return this.lookup((rs) => rs.find((r) => r.kind === kind));
  }

  forGVK(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.lookup((rs) => findGVK(rs, apiVersion, kind));
  }

  resolve(typed: string): ResourceInfo | undefined {
    return this.lookup((rs) => resolveIn(rs, typed));
  }
}
