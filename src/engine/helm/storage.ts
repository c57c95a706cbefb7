/**
 * Releases as helm v3 keeps them (pkg/release, pkg/storage/driver/secrets.go): one Secret per
 * revision, `sh.helm.release.v1.NAME.vN` of type helm.sh/release.v1 in the release's namespace,
 * labelled name/owner=helm/status/version (and createdAt on create, modifiedAt on update), its
 * `release` key the base64 of the gzipped JSON of the release (so the API's data is base64 twice).
 */
import { gunzipSync, gzipSync } from "fflate";
import { decodeBase64, encodeBase64 } from "../api/base64";
import type { ApiStore } from "../api/interface";
import type { KubeObject } from "../api/types";

/** The release statuses (release.Status). */
export type ReleaseStatus =
  | "unknown"
  | "deployed"
  | "uninstalled"
  | "superseded"
  | "failed"
  | "uninstalling"
  | "pending-install"
  | "pending-upgrade"
  | "pending-rollback";

/** release.Info: times as RFC 3339 text ("" for none, helm's time.Time). */
export interface ReleaseInfo {
  first_deployed: string;
  last_deployed: string;
  deleted: string;
  description: string;
  status: ReleaseStatus;
  notes?: string;
}

/** A hook as the release stores it (release.Hook). */
export interface ReleaseHook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  last_run: { started_at: string; completed_at: string; phase: string };
  weight?: number;
  delete_policies?: string[];
}

/** release.Release in its JSON shape (field order as Go marshals it). */
export interface Release {
  name: string;
  info: ReleaseInfo;
  chart: {
    metadata: { name?: string; version?: string; appVersion?: string; [k: string]: unknown };
    [k: string]: unknown;
  };
  config?: Record<string, unknown>;
  manifest?: string;
  hooks?: ReleaseHook[];
  version: number;
  namespace: string;
}

/** The Secret type of helm 3 releases. */
export const RELEASE_SECRET_TYPE = "helm.sh/release.v1";

/** The storage key of a revision (makeKey). */
export function releaseKey(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

/** encodeRelease: JSON, gzip at best compression (Go's header: no mtime, unknown OS), base64. */
export function encodeRelease(rel: Release): string {
  const json = new TextEncoder().encode(JSON.stringify(omitEmpty(rel)));
  const gz = gzipSync(json, { level: 9, mtime: 0 });
  gz[9] = 0xff;
  return encodeBase64(gz);
}

/** decodeRelease: base64, gunzip when gzipped, JSON. */
export function decodeRelease(text: string): Release | undefined {
  try {
    const bin = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const raw = bin[0] === 0x1f && bin[1] === 0x8b ? gunzipSync(bin) : bin;
    return JSON.parse(new TextDecoder().decode(raw)) as Release;
  } catch {
    return undefined;
  }
}

/** encoding/json's omitempty on the release's optional fields. */
function omitEmpty(rel: Release): Release {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rel)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    if (k === "config" && v && typeof v === "object" && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  const info: Record<string, unknown> = {};
  // The times are structs (never omitted, "" when zero); description, status and notes omitempty.
  for (const [k, v] of Object.entries(rel.info))
    if (v !== "" || k === "deleted" || k.endsWith("_deployed")) info[k] = v;
  out.info = info;
  return out as unknown as Release;
}

/** Unix seconds of a virtual-clock time, as the createdAt/modifiedAt labels hold them. */
function unixSeconds(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

/** The Secret holding a revision. */
function secretOf(rel: Release, stamp: "createdAt" | "modifiedAt", nowMs: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: releaseKey(rel.name, rel.version),
      namespace: rel.namespace,
      labels: {
        [stamp]: unixSeconds(nowMs),
        name: rel.name,
        owner: "helm",
        status: rel.info.status,
        version: String(rel.version),
      },
    },
    type: RELEASE_SECRET_TYPE,
    // A Secret's data is base64 in the API; the stored value is itself base64 text.
    data: { release: encodeBase64(encodeRelease(rel)) },
  } as KubeObject;
}

/** The releases of the Secrets driver, against the API store. */
export class SecretStorage {
  constructor(
    private readonly api: ApiStore,
    private readonly now: () => number,
  ) {}

  /** Stores a new revision (Secrets.Create). */
  create(rel: Release): void {
    this.api.create(secretOf(rel, "createdAt", this.now()), { fieldManager: "helm" });
  }

  /** Rewrites a revision (Secrets.Update). */
  update(rel: Release): void {
    const key = releaseKey(rel.name, rel.version);
    const live = this.api.get("Secret", rel.namespace, key);
    const next = secretOf(rel, "modifiedAt", this.now());
    if (!live) {
      this.api.create(next, { fieldManager: "helm" });
      return;
    }
    next.metadata = { ...live.metadata, labels: next.metadata.labels };
    this.api.update(next, { fieldManager: "helm" });
  }

  /** Removes a revision. */
  delete(rel: Release): void {
    const key = releaseKey(rel.name, rel.version);
    if (this.api.get("Secret", rel.namespace, key)) this.api.delete("Secret", rel.namespace, key);
  }

  /** Every revision of every release in a namespace (all namespaces when undefined), by name then version. */
  list(namespace: string | undefined): Release[] {
    const out: Release[] = [];
    for (const s of this.api.list("Secret", namespace === undefined ? {} : { namespace })) {
      if ((s as { type?: string }).type !== RELEASE_SECRET_TYPE || s.metadata.labels?.owner !== "helm")
        continue;
      const data = (s as { data?: Record<string, string> }).data?.release;
      const text = data === undefined ? undefined : decodeBase64(data);
      const rel = text === undefined ? undefined : decodeRelease(text);
      if (!rel) continue;
      // The status label is the truth where it and the body disagree (the driver reads labels).
      const status = s.metadata.labels?.status as ReleaseStatus | undefined;
      if (status) rel.info.status = status;
      rel.namespace = s.metadata.namespace ?? rel.namespace;
      out.push(rel);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version));
  }

  /** The revisions of one release, oldest first. */
  history(name: string, namespace: string): Release[] {
    return this.list(namespace).filter((r) => r.name === name);
  }

  /** The newest revision of a release, if any. */
  last(name: string, namespace: string): Release | undefined {
    const h = this.history(name, namespace);
    return h[h.length - 1];
  }

  /** The newest deployed revision (Storage.Deployed). */
  deployed(name: string, namespace: string): Release | undefined {
    return [...this.history(name, namespace)].reverse().find((r) => r.info.status === "deployed");
  }
}
