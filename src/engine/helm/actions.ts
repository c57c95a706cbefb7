/**
 * helm's actions on releases (pkg/action install.go, upgrade.go, rollback.go, uninstall.go):
 * render, store the revision, create/update/delete the objects through the API store, and move
 * the revisions through their statuses (pending-* → deployed, the previous one superseded).
 * Each returns the release or the error text helm wraps (`INSTALLATION FAILED: ...`).
 */

import { serverVersionInfo } from "../apiserver/version";
import type { Cluster } from "../cluster";
import type { Chart } from "./chart";
import { chartFromJson, chartJson } from "./chart";
import {
  buildResources,
  createResources,
  deleteResources,
  existingConflict,
  type Resource,
  setOwnership,
  updateResources,
} from "./kube";
import { formatRfc3339 } from "./print";
import { builtinApiVersions, type Rendered, renderResources, renderValues } from "./render";
import { type Release, type ReleaseHook, type ReleaseStatus, SecretStorage } from "./storage";
import type { Values } from "./values";

/** The release-name rule (pkg/chartutil ValidateReleaseName). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The longest release name. */
const MAX_RELEASE_NAME = 53;

/** storage/driver's ErrReleaseNotFound text. */
export const ERR_RELEASE_NOT_FOUND = "release: not found";
/** install's availableName refusal. */
export const ERR_NAME_IN_USE = "cannot re-use a name that is still in use";

/** A result: the release, or helm's error text. */
export type ActionResult = { ok: true; release: Release } | { ok: false; error: string; release?: Release };

/** What an install or upgrade is asked to do. */
export interface ChartRequest {
  name: string;
  chart: Chart;
  values: Values;
  namespace: string;
  dryRun: boolean;
  description?: string;
}

/** The storage and the cluster an action works on. */
export class HelmActions {
  readonly storage: SecretStorage;

  constructor(private readonly cluster: Cluster) {
    this.storage = new SecretStorage(cluster.api, () => cluster.clock.now());
  }

  private now(): string {
    return formatRfc3339(this.cluster.clock.now());
  }

  private kubeVersion(): string {
    return serverVersionInfo(this.cluster).gitVersion;
  }

  /** ValidateReleaseName's message, if the name breaks the rule. */
  static nameError(name: string): string | undefined {
    if (name && name.length <= MAX_RELEASE_NAME && RELEASE_NAME.test(name)) return undefined;
    return `release name ${JSON.stringify(name)}: invalid release name, must match regex ${RELEASE_NAME.source} and the length must not be longer than ${MAX_RELEASE_NAME}`;
  }

  private render(req: ChartRequest, revision: number, isUpgrade: boolean): Rendered {
    const top = renderValues(
      req.chart,
      req.values,
      { name: req.name, namespace: req.namespace, revision, isInstall: !isUpgrade, isUpgrade },
      { kubeVersion: this.kubeVersion(), apiVersions: builtinApiVersions(this.cluster.api.discovery.all()) },
    );
    return renderResources(req.chart, top, {
      lookup: (apiVersion, kind, namespace, name) => this.lookup(apiVersion, kind, namespace, name),
    });
  }

  /** The lookup function: one object, or a list when name is "", or an empty map. */
  private lookup(apiVersion: string, kind: string, namespace: string, name: string): Record<string, unknown> {
    const res = this.cluster.api.discovery.forGVK(apiVersion, kind);
    if (!res) return {};
    const ns = res.namespaced ? namespace || undefined : undefined;
    if (name) return (this.cluster.api.get(res.kind, ns, name) as Record<string, unknown> | undefined) ?? {};
    const items = this.cluster.api.list(res.kind, ns === undefined ? {} : { namespace: ns });
    return { apiVersion, kind: `${kind}List`, items, metadata: {} };
  }

  private releaseOf(
    req: ChartRequest,
    r: Extract<Rendered, { ok: true }>,
    version: number,
    status: ReleaseStatus,
    description: string,
    firstDeployed?: string,
  ): Release {
    const now = this.now();
    return {
      name: req.name,
      info: {
        first_deployed: firstDeployed ?? now,
        last_deployed: now,
        deleted: "",
        description,
        status,
        notes: r.notes,
      },
      chart: chartJson(req.chart) as Release["chart"],
      config: req.values,
      manifest: r.manifest,
      hooks: r.hooks.map(
        (h): ReleaseHook => ({
          name: h.name,
          kind: h.kind,
          path: h.path,
          manifest: h.manifest,
          events: h.events,
          last_run: { started_at: "", completed_at: "", phase: "" },
          ...(h.weight ? { weight: h.weight } : {}),
          ...(h.deletePolicies.length ? { delete_policies: h.deletePolicies } : {}),
        }),
      ),
      version,
      namespace: req.namespace,
    };
  }

  private resources(rel: Release): Resource[] | string {
    const manifests = splitStoredManifest(rel.manifest ?? "");
    const built = buildResources(this.cluster.api, manifests, rel.namespace);
    if (typeof built === "string") return built;
    setOwnership(built, rel.name, rel.namespace);
    return built;
  }

  /** Install.Run. */
  install(req: ChartRequest, createNamespace: boolean): ActionResult {
    const bad = HelmActions.nameError(req.name);
    if (bad) return { ok: false, error: bad };
    const last = this.storage.last(req.name, req.namespace);
    if (last && !req.dryRun) return { ok: false, error: ERR_NAME_IN_USE };
    if (req.chart.metadata.type && req.chart.metadata.type !== "application")
      return { ok: false, error: `${req.chart.metadata.type} charts are not installable` };
    const r = this.render(req, 1, false);
    if (!r.ok) return { ok: false, error: r.error };
    if (req.dryRun)
      return { ok: true, release: this.releaseOf(req, r, 1, "pending-install", "Dry run complete") };
    const rel = this.releaseOf(req, r, 1, "pending-install", "Initial install underway");
    const resources = this.resources(rel);
    if (typeof resources === "string") return { ok: false, error: resources };
    const conflict = existingConflict(this.cluster.api, resources, req.name, req.namespace);
    if (conflict) return { ok: false, error: conflict };
    if (createNamespace && !this.cluster.api.get("Namespace", undefined, req.namespace))
      this.cluster.api.create(
        {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: req.namespace, labels: { name: req.namespace } },
        },
        { fieldManager: "helm" },
      );
    try {
      this.storage.create(rel);
    } catch (e) {
      return { ok: false, error: `create: failed to create: ${(e as Error).message}` };
    }
    const failed =
      this.hooks(rel, "pre-install") ??
      createResources(this.cluster.api, resources) ??
      this.hooks(rel, "post-install");
    return this.finish(rel, failed, req.description ?? "Install complete");
  }

  /** Marks the release deployed (or failed with the error) and stores it. */
  private finish(rel: Release, failed: string | undefined, description: string): ActionResult {
    if (failed) {
      rel.info.status = "failed";
      rel.info.description = `Release "${rel.name}" failed: ${failed}`;
      this.storage.update(rel);
      return { ok: false, error: failed, release: rel };
    }
    rel.info.status = "deployed";
    rel.info.description = description;
    this.storage.update(rel);
    return { ok: true, release: rel };
  }

  /** Upgrade.Run; values are the merged user values (reuse decided by the caller's flags). */
  upgrade(req: ChartRequest, reuse: "default" | "reuse" | "reset"): ActionResult {
    const bad = HelmActions.nameError(req.name);
    if (bad) return { ok: false, error: bad };
    const last = this.storage.last(req.name, req.namespace);
    if (!last) return { ok: false, error: `${JSON.stringify(req.name)} has no deployed releases` };
    const current = this.storage.deployed(req.name, req.namespace) ?? last;
    let values = req.values;
    if (reuse === "reuse") values = { ...(current.config ?? {}), ...req.values };
    else if (reuse === "default" && Object.keys(req.values).length === 0) values = current.config ?? {};
    const next = { ...req, values };
    const r = this.render(next, last.version + 1, true);
    if (!r.ok) return { ok: false, error: r.error };
    const description = req.dryRun ? "Dry run complete" : "Preparing upgrade";
    const rel = this.releaseOf(
      next,
      r,
      last.version + 1,
      "pending-upgrade",
      description,
      current.info.first_deployed,
    );
    if (req.dryRun) return { ok: true, release: rel };
    return this.replace(current, rel, req.description ?? "Upgrade complete", "upgrade");
  }

  /** Stores target, moves the objects from current's manifest to target's, supersedes current. */
  private replace(
    current: Release,
    target: Release,
    description: string,
    event: "upgrade" | "rollback",
  ): ActionResult {
    const original = this.resources(current);
    const wanted = this.resources(target);
    if (typeof wanted === "string") return { ok: false, error: wanted };
    this.storage.create(target);
    const failed =
      this.hooks(target, `pre-${event}`) ??
      updateResources(this.cluster.api, typeof original === "string" ? [] : original, wanted) ??
      this.hooks(target, `post-${event}`);
    if (!failed && current.info.status === "deployed") {
      current.info.status = "superseded";
      this.storage.update(current);
    }
    return this.finish(target, failed, description);
  }

  /** Rollback.Run: revision 0 is the one before the newest. */
  rollback(name: string, namespace: string, revision: number): ActionResult {
    const bad = HelmActions.nameError(name);
    if (bad) return { ok: false, error: bad };
    const history = this.storage.history(name, namespace);
    const last = history[history.length - 1];
    if (!last) return { ok: false, error: ERR_RELEASE_NOT_FOUND };
    const wanted = revision === 0 ? last.version - 1 : revision;
    if (wanted < 1) return { ok: false, error: "release has no 0 version" };
    const source = history.find((r) => r.version === wanted);
    if (!source) return { ok: false, error: ERR_RELEASE_NOT_FOUND };
    const current = this.storage.deployed(name, namespace) ?? last;
    const now = this.now();
    const target: Release = {
      ...structuredClone(source),
      info: {
        first_deployed: current.info.first_deployed,
        last_deployed: now,
        deleted: "",
        description: `Rollback to ${wanted}`,
        status: "pending-rollback",
        notes: source.info.notes,
      },
      version: last.version + 1,
    };
    return this.replace(current, target, `Rollback to ${wanted}`, "rollback");
  }

  /** Uninstall.Run: the objects of the newest revision deleted, the history removed (or kept). */
  uninstall(name: string, namespace: string, keepHistory: boolean): ActionResult {
    const history = this.storage.history(name, namespace);
    const last = history[history.length - 1];
    if (!last)
      return { ok: false, error: `uninstall: Release not loaded: ${name}: ${ERR_RELEASE_NOT_FOUND}` };
    if (last.info.status === "uninstalled")
      return keepHistory
        ? { ok: false, error: `release ${JSON.stringify(name)} is already deleted` }
        : this.purge(history, last);
    const resources = this.resources(last);
    this.hooks(last, "pre-delete");
    if (typeof resources !== "string") deleteResources(this.cluster.api, resources);
    this.hooks(last, "post-delete");
    last.info.status = "uninstalled";
    last.info.deleted = this.now();
    last.info.description = "Uninstallation complete";
    if (keepHistory) {
      this.storage.update(last);
      return { ok: true, release: last };
    }
    return this.purge(history, last);
  }

  /**
   * execHook: the release's hooks for an event, by weight then name, each created after its
   * before-hook-creation predecessor is deleted (the default policy), marked Succeeded, and
   * deleted again under hook-succeeded. Nothing waits for a hook Job to finish here.
   */
  private hooks(rel: Release, event: string): string | undefined {
    const run = (rel.hooks ?? [])
      .filter((h) => h.events.includes(event))
      .sort((a, b) => (a.weight ?? 0) - (b.weight ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const h of run) {
      const built = buildResources(
        this.cluster.api,
        [{ name: h.path, content: h.manifest, kind: h.kind }],
        rel.namespace,
      );
      if (typeof built === "string") return built;
      const policies = h.delete_policies?.length ? h.delete_policies : ["before-hook-creation"];
      if (policies.includes("before-hook-creation")) deleteResources(this.cluster.api, built);
      h.last_run = { started_at: this.now(), completed_at: "", phase: "Running" };
      const failed = createResources(this.cluster.api, built);
      h.last_run.completed_at = this.now();
      h.last_run.phase = failed ? "Failed" : "Succeeded";
      if (failed) return `failed ${event}: ${failed}`;
      if (policies.includes("hook-succeeded")) deleteResources(this.cluster.api, built);
    }
    return undefined;
  }

  private purge(history: Release[], last: Release): ActionResult {
    for (const r of history) this.storage.delete(r);
    return { ok: true, release: last };
  }

  /** The chart of a stored release. */
  static chartOf(rel: Release): Chart {
    return chartFromJson(rel.chart as Parameters<typeof chartFromJson>[0]);
  }
}

/** The documents of a stored manifest (`---\n# Source: PATH\nDOC`), with their kinds. */
export function splitStoredManifest(manifest: string): { name: string; content: string; kind: string }[] {
  const out: { name: string; content: string; kind: string }[] = [];
  for (const part of manifest.split(/^---\n/m)) {
    const m = /^# Source: (.*)\n([\s\S]*)$/.exec(part);
    if (!m) continue;
    const content = (m[2] as string).replace(/\n$/, "");
    const kind = /^kind:\s*(\S+)/m.exec(content)?.[1] ?? "";
    out.push({ name: m[1] as string, content, kind });
  }
  return out;
}
