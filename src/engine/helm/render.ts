/**
 * Rendering a chart as helm's engine does (pkg/engine/engine.go): every template parsed into one
 * set named "gotpl" (missingkey=zero) in sortTemplates' order, each non-partial executed with the
 * top-level values and its own `.Template`, `<no value>` removed; errors cleaned up as
 * cleanupParseError / cleanupExecError do. Then renderResources' part (pkg/action/action.go):
 * NOTES.txt taken out, the rest split into manifests and hooks and sorted by kind
 * (pkg/releaseutil), and the manifest text `---\n# Source: PATH\nDOC\n` per document.
 */
import {
  type GoMethod,
  GoStruct,
  GoTemplateError,
  TemplateSet,
  type Value,
} from "../../kubectl/output/gotemplate";
import type { Chart } from "./chart";
import { readYaml } from "./chart";
import { helmFuncs, type RenderHooks, WARN_END, WARN_START } from "./funcs";
import { coalesceValues, type Values } from "./values";
import { HELM_BUILD } from "./version";

/** What the release looks like to templates (`.Release`). */
export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
}

/** The Kubernetes version templates see (`.Capabilities.KubeVersion`), `v1.32.2`. */
export interface RenderCapabilities {
  kubeVersion: string;
  /** The API versions served (`apps/v1` and `apps/v1/Deployment`), for APIVersions.Has. */
  apiVersions: readonly string[];
}

/** The API versions of the built-in resources, as discovery lists them: group/version and group/version/Kind. */
export function builtinApiVersions(
  resources: readonly { group: string; version: string; kind: string }[],
): string[] {
  const out = new Set<string>();
  for (const r of resources) {
    const gv = r.group ? `${r.group}/${r.version}` : r.version;
    out.add(gv);
    out.add(`${gv}/${r.kind}`);
  }
  return [...out];
}

/** `helm template`'s KubeVersion without --kube-version: client-go v0.31's minor (Makefile LDFLAGS). */
export const DEFAULT_KUBE_VERSION = "v1.31.0";

/** A manifest of the release: its template path, its text and its head. */
export interface Manifest {
  name: string;
  content: string;
  kind: string;
}

/** A hook (a document with a helm.sh/hook annotation), as release.Hook stores it. */
export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  weight: number;
  deletePolicies: string[];
}

/** What rendering gives: the manifest text, the notes and the hooks; or the error helm prints. */
export type Rendered =
  | { ok: true; manifest: string; manifests: Manifest[]; notes: string; hooks: Hook[] }
  | { ok: false; error: string };

/** releaseutil.InstallOrder. */
export const INSTALL_ORDER = [
  "PriorityClass",
  "Namespace",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "PodDisruptionBudget",
  "ServiceAccount",
  "Secret",
  "SecretList",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleList",
  "ClusterRoleBinding",
  "ClusterRoleBindingList",
  "Role",
  "RoleList",
  "RoleBinding",
  "RoleBindingList",
  "Service",
  "DaemonSet",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "HorizontalPodAutoscaler",
  "StatefulSet",
  "Job",
  "CronJob",
  "IngressClass",
  "Ingress",
  "APIService",
];

/** The hook events helm knows (release.HookEvent), test-success as test. */
const HOOK_EVENTS = new Set([
  "pre-install",
  "post-install",
  "pre-delete",
  "post-delete",
  "pre-upgrade",
  "post-upgrade",
  "pre-rollback",
  "post-rollback",
  "test",
]);

/** sortTemplates (byPathLen reversed): deeper paths first, then by name descending. */
export function sortTemplates(names: string[]): string[] {
  const depth = (s: string) => s.split("/").length - 1;
  return [...names].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** The top-level values of a render (chartutil.ToRenderValues). */
export function renderValues(
  chart: Chart,
  user: Values,
  release: ReleaseOptions,
  caps: RenderCapabilities,
): Record<string, Value> {
  const md = chart.metadata;
  const [, major = "", minor = ""] = /^v?(\d+)\.(\d+)/.exec(caps.kubeVersion) ?? [];
  const kube = new GoStruct(
    "chartutil.KubeVersion",
    { Version: caps.kubeVersion, Major: major, Minor: minor, GitVersion: caps.kubeVersion },
    caps.kubeVersion,
  );
  return {
    Chart: new GoStruct("chart.Metadata", {
      Name: md.name ?? "",
      Home: md.home ?? "",
      Sources: md.sources ?? null,
      Version: md.version ?? "",
      Description: md.description ?? "",
      Keywords: md.keywords ?? null,
      Maintainers: md.maintainers ?? null,
      Icon: md.icon ?? "",
      APIVersion: md.apiVersion ?? "",
      Condition: md.condition ?? "",
      Tags: md.tags ?? "",
      AppVersion: md.appVersion ?? "",
      Deprecated: md.deprecated ?? false,
      Annotations: md.annotations ?? null,
      KubeVersion: md.kubeVersion ?? "",
      Dependencies: md.dependencies ?? null,
      Type: md.type ?? "",
      IsRoot: true,
    }),
    Capabilities: new GoStruct("*chartutil.Capabilities", {
      KubeVersion: kube,
      APIVersions: new GoStruct(
        "chartutil.VersionSet",
        {},
        `[${caps.apiVersions.join(" ")}]`,
        new Map([
          ["Has", (args: Value[]) => typeof args[0] === "string" && caps.apiVersions.includes(args[0])],
        ]),
      ),
      HelmVersion: new GoStruct("version.BuildInfo", {
        Version: HELM_BUILD.version,
        GitCommit: HELM_BUILD.gitCommit,
        GitTreeState: HELM_BUILD.gitTreeState,
        GoVersion: HELM_BUILD.goVersion,
      }),
    }),
    Release: {
      Name: release.name,
      Namespace: release.namespace,
      IsUpgrade: release.isUpgrade,
      IsInstall: release.isInstall,
      Revision: release.revision,
      Service: "Helm",
    },
    Values: coalesceValues(chart.values, user) as Value,
    Files: filesOf(chart),
    Subcharts: {},
  };
}

/** engine.files: the chart's other files, with the methods Get, GetBytes and Lines. */
function filesOf(chart: Chart): GoStruct {
  const data = new Map(chart.files.map((f) => [f.name, f.data]));
  const get = (args: Value[]) => (typeof args[0] === "string" ? (data.get(args[0]) ?? "") : "");
  return new GoStruct(
    "engine.files",
    {},
    `map[${[...data.keys()].sort().join(" ")}]`,
    new Map<string, GoMethod>([
      ["Get", get],
      ["GetBytes", get],
      ["Lines", (args) => (get(args) === "" ? [] : get(args).split("\n"))],
    ]),
  );
}

/** cleanupParseError: `parse error at (LOCATION): MESSAGE`. */
function parseError(name: string, message: string): string {
  const tokens = message.split(": ");
  if (tokens.length === 1) return `parse error in (${name}): ${message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/** cleanupExecError: a required/fail message as `execution error at (LOCATION): MESSAGE`. */
function execError(name: string, message: string): string {
  const tokens = message.split(": ");
  if (tokens.length < 3) return `execution error in (${name}): ${message}`;
  const rest = tokens.slice(2).join(": ");
  const warn = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`).exec(rest);
  return warn ? `execution error at (${tokens[1]}): ${warn[1]}` : message;
}

/** Engine.Render: each template's output by its full name (CHART/templates/FILE). */
export function renderTemplates(
  chart: Chart,
  top: Record<string, Value>,
  hooks: RenderHooks = {},
): RenderedFiles {
  const chartName = chart.metadata.name ?? "";
  const library = chart.metadata.type === "library";
  const templates = new Map<string, string>();
  for (const t of chart.templates)
    if (!library || (t.name.split("/").pop() ?? "").startsWith("_"))
      templates.set(`${chartName}/${t.name}`, t.data);
  return renderNamed(templates, top, `${chartName}/templates`, hooks);
}

/** The outputs of a render by template name, or the error helm gives. */
export type RenderedFiles = { ok: true; files: Map<string, string> } | { ok: false; error: string };

/**
 * Engine.render: the named templates parsed into one set, each non-partial run with top and its
 * own `.Template` (Name, BasePath).
 */
export function renderNamed(
  templates: ReadonlyMap<string, string>,
  top: Record<string, Value>,
  basePath: string,
  hooks: RenderHooks = {},
): RenderedFiles {
  const set = new TemplateSet(helmFuncs(hooks), "zero", "gotpl");
  const names = sortTemplates([...templates.keys()]);
  for (const name of names) {
    try {
      set.parse(name, templates.get(name) ?? "");
    } catch (e) {
      if (e instanceof GoTemplateError) return { ok: false, error: parseError(name, e.message) };
      throw e;
    }
  }
  const files = new Map<string, string>();
  for (const name of names) {
    if ((name.split("/").pop() ?? "").startsWith("_")) continue;
    const vals = { ...top, Template: { Name: name, BasePath: basePath } };
    try {
      files.set(name, set.execute(name, vals).split("<no value>").join(""));
    } catch (e) {
      if (e instanceof GoTemplateError) return { ok: false, error: execError(name, e.message) };
      if (e instanceof RangeError) return { ok: false, error: `rendering template failed: ${e.message}` };
      throw e;
    }
  }
  return { ok: true, files };
}

/** SplitManifests: the documents of a file, trimmed, in order. */
export function splitManifests(text: string): string[] {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .filter((d) => d !== "")
    .map((d) => d.trim());
}

function kindRank(kind: string): number {
  const i = INSTALL_ORDER.indexOf(kind);
  return i < 0 ? INSTALL_ORDER.length : i;
}

/** sortManifestsByKind: stable, by InstallOrder, unknown kinds last by name. */
export function byInstallOrder<T extends { kind: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const ra = kindRank(a.kind);
    const rb = kindRank(b.kind);
    if (ra !== rb) return ra - rb;
    if (ra === INSTALL_ORDER.length && a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    return 0;
  });
}

/** renderResources: the rendered chart as manifest text, notes and hooks. */
export function renderResources(chart: Chart, top: Record<string, Value>, hooks: RenderHooks = {}): Rendered {
  const r = renderTemplates(chart, top, hooks);
  if (!r.ok) return r;
  const chartName = chart.metadata.name ?? "";
  let notes = "";
  for (const [name, text] of [...r.files]) {
    if (!name.endsWith("NOTES.txt")) continue;
    if (name === `${chartName}/templates/NOTES.txt`) notes += (notes ? "\n" : "") + text;
    r.files.delete(name);
  }
  const generic: Manifest[] = [];
  const hookList: Hook[] = [];
  for (const name of [...r.files.keys()].sort()) {
    const text = r.files.get(name) ?? "";
    if ((name.split("/").pop() ?? "").startsWith("_") || text.trim() === "") continue;
    for (const doc of splitManifests(text)) {
      let head: { kind?: string; metadata?: { name?: string; annotations?: Record<string, string> } };
      try {
        head = (readYaml(doc) ?? {}) as typeof head;
      } catch (e) {
        return {
          ok: false,
          error: `YAML parse error on ${name}: error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`,
        };
      }
      const kind = typeof head.kind === "string" ? head.kind : "";
      const hookTypes = head.metadata?.annotations?.["helm.sh/hook"];
      if (hookTypes === undefined) {
        generic.push({ name, content: doc, kind });
        continue;
      }
      const events = hookTypes.split(",").map((h) => h.trim().toLowerCase());
      if (!events.every((e) => HOOK_EVENTS.has(e) || e === "test-success")) continue;
      hookList.push({
        name: head.metadata?.name ?? "",
        kind,
        path: name,
        manifest: doc,
        events: events.map((e) => (e === "test-success" ? "test" : e)),
        weight: Number.parseInt(head.metadata?.annotations?.["helm.sh/hook-weight"] ?? "0", 10) || 0,
        deletePolicies: (head.metadata?.annotations?.["helm.sh/hook-delete-policy"] ?? "")
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean),
      });
    }
  }
  const manifests = byInstallOrder(generic);
  const manifest = manifests.map((m) => `---\n# Source: ${m.name}\n${m.content}\n`).join("");
  return { ok: true, manifest, manifests, notes, hooks: byInstallOrder(hookList) };
}
