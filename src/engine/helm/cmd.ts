/**
 * The `helm` command (helm v3.16.3, cmd/helm): create, template, install, upgrade, rollback,
 * uninstall, list, status, history, get, show, lint, dependency list, repo and search, version.
 * Texts are cmd/helm's: `Error: ...` on stderr with exit 1 (cobra, SilenceUsage), argument counts
 * as cmd/helm/require words them, failures of install and upgrade prefixed `INSTALLATION FAILED:`
 * and `UPGRADE FAILED:`. There is no network: a repository cannot be added and a chart is a
 * directory on the shell's file system.
 */
import type { CommandResult } from "../../kubectl/interface";
import { configAccess, loadConfig } from "../../kubectl/kubeconfig/load";
import { toYaml } from "../../kubectl/output/yaml";
import { RESOURCES } from "../api/resources";
import type { Cluster } from "../cluster";
import { resolvePath } from "../node/fs";
import { makeArchive } from "../sh/applets/tar";
import type { FileSystem } from "../sh/interface";
import { ERR_RELEASE_NOT_FOUND, HelmActions } from "./actions";
import { type Chart, loadChartArchive, loadChartDir, packageFiles, readYaml } from "./chart";
import { all, bool, type FlagSpec, flag, type ParsedFlags, parseFlags } from "./flags";
import { historyTable, listTable, statusText } from "./print";
import { builtinApiVersions, DEFAULT_KUBE_VERSION, renderResources, renderValues } from "./render";

/** DefaultVersionSet: what the client's scheme knows (the built-in resources), without a cluster. */
const DEFAULT_API_VERSIONS = builtinApiVersions(RESOURCES);

import { CHART_NAME, MAX_CHART_NAME_LENGTH, scaffoldFiles } from "./scaffold";
import type { Release } from "./storage";
import { coalesceValues, mergeMaps, parseSet, type Values } from "./values";
import { shortVersion, versionLine } from "./version";

/** Where helm runs: the cluster, the shell's files and environment. */
export interface HelmContext {
  cluster: Cluster;
  fs: FileSystem;
  cwd: string;
  env: Record<string, string>;
  /** Why the cluster cannot be reached from here (no kubeconfig), if it cannot. */
  unreachable?: string;
}

/** The message client-go gives with no kubeconfig (the default http://localhost:8080). */
export const NO_KUBECONFIG =
  'Kubernetes cluster unreachable: Get "http://localhost:8080/version": dial tcp 127.0.0.1:8080: connect: connection refused';

class HelmError extends Error {}

const fail = (msg: string): never => {
  throw new HelmError(msg);
};

/** Output collected by a command. */
class Out {
  stdout = "";
  stderr = "";
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}

interface Run {
  ctx: HelmContext;
  p: ParsedFlags;
  o: Out;
  path: string;
}

type Handler = (run: Run) => void;

interface Command {
  use: string;
  flags: FlagSpec[];
  /** [min, max] arguments as require.* checks them. */
  args?: [number, number];
  run: Handler;
}

const VALUE_FLAGS: FlagSpec[] = [
  { name: "set", kind: "value" },
  { name: "set-string", kind: "value" },
  { name: "set-json", kind: "value" },
  { name: "set-file", kind: "value" },
  { name: "values", short: "f", kind: "value" },
];

const INSTALL_FLAGS: FlagSpec[] = [
  ...VALUE_FLAGS,
  { name: "create-namespace", kind: "bool" },
  { name: "dry-run", kind: "optional" },
  { name: "generate-name", short: "g", kind: "bool" },
  { name: "name-template", kind: "value" },
  { name: "description", kind: "value" },
  { name: "version", kind: "value" },
  { name: "wait", kind: "bool" },
  { name: "wait-for-jobs", kind: "bool" },
  { name: "timeout", kind: "value" },
  { name: "atomic", kind: "bool" },
  { name: "no-hooks", kind: "bool" },
  { name: "hide-notes", kind: "bool" },
  { name: "output", short: "o", kind: "value" },
  { name: "repo", kind: "value" },
  { name: "devel", kind: "bool" },
  { name: "skip-crds", kind: "bool" },
  { name: "replace", kind: "bool" },
  { name: "force", kind: "bool" },
];

/** `"helm install" requires at least 1 argument` and the others of cmd/helm/require. */
function checkArgs(path: string, use: string, args: string[], [min, max]: [number, number]): void {
  const usage = `\n\nUsage:  ${use}`;
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  if (min === max && args.length !== min) {
    if (min === 0) fail(`${JSON.stringify(path)} accepts no arguments${usage}`);
    fail(`${JSON.stringify(path)} requires ${min} ${plural(min)}${usage}`);
  }
  if (args.length < min) fail(`${JSON.stringify(path)} requires at least ${min} ${plural(min)}${usage}`);
  if (args.length > max) fail(`${JSON.stringify(path)} accepts at most ${max} ${plural(max)}${usage}`);
}

/** EnvSettings.Namespace: -n, else the kubeconfig's current context's namespace, else default. */
function namespaceOf(run: Run): string {
  const explicit = flag(run.p, "namespace");
  if (explicit) return explicit;
  const { fs, cwd, env } = run.ctx;
  const access = configAccess(flag(run.p, "kubeconfig"), env);
  try {
    const config = loadConfig(
      access,
      {
        read: (path) => {
          const full = resolvePath(cwd, path);
          return fs.isFile(full) ? fs.read(full) : undefined;
        },
        write: () => undefined,
      },
      true,
    );
    const ns = config.contexts.get(config.currentContext)?.body?.namespace;
    if (typeof ns === "string" && ns) return ns;
  } catch {
    // An unreadable kubeconfig leaves the default namespace.
  }
  return "default";
}

function reachable(run: Run): void {
  if (run.ctx.unreachable) fail(run.ctx.unreachable);
}

/** MergeValues: -f files in order, then --set, --set-string. */
function userValues(run: Run): Values {
  let base: Values = {};
  for (const f of all(run.p, "values")) {
    const path = resolvePath(run.ctx.cwd, f);
    if (!run.ctx.fs.isFile(path)) fail(`open ${f}: no such file or directory`);
    let v: unknown;
    try {
      v = readYaml(run.ctx.fs.read(path));
    } catch (e) {
      fail(
        `failed to parse ${f}: error converting YAML to JSON: yaml: ${(e as Error).message.split("\n")[0]}`,
      );
    }
    if (v !== null && (typeof v !== "object" || Array.isArray(v)))
      fail(
        `failed to parse ${f}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go value of type map[string]interface {}`,
      );
    base = mergeMaps(base, (v ?? {}) as Values);
  }
  for (const s of all(run.p, "set")) {
    const err = parseSet(s, base);
    if (err) fail(`failed parsing --set data: ${err}`);
  }
  for (const s of all(run.p, "set-string")) {
    const err = parseSet(s, base, true);
    if (err) fail(`failed parsing --set-string data: ${err}`);
  }
  return base;
}

/** LocateChart and loader.Load: a chart directory on this file system. */
function locateChart(run: Run, name: string): Chart {
  const path = resolvePath(run.ctx.cwd, name.trim());
  const fs = run.ctx.fs;
  if (fs.isDir(path)) {
    const chart = loadChartDir(fs, path);
    if (typeof chart === "string") fail(chart);
    return chart as Chart;
  }
  if (fs.isFile(path)) {
    const chart = loadChartArchive(fs.read(path));
    if (typeof chart === "string") fail(chart);
    return chart as Chart;
  }
  if (name.startsWith("/") || name.startsWith(".")) fail(`path ${JSON.stringify(name)} not found`);
  const slash = name.indexOf("/");
  if (/^(https?|oci):\/\//.test(name)) fail(unreachableUrl(name));
  if (slash < 0) fail(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`);
  return fail(`repo ${name.slice(0, slash)} not found`);
}

/** What Go's HTTP client says for a URL when nothing resolves (systemd-resolved's stub answers NXDOMAIN). */
function unreachableUrl(url: string): string {
  const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host))
    return `Get "${url}": dial tcp ${host}:${url.startsWith("http:") ? 80 : 443}: connect: connection refused`;
  return `Get "${url}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
}

function dryRun(run: Run): boolean {
  const v = run.p.values.get("dry-run");
  if (!v) return false;
  const last = v[v.length - 1];
  if (
    last !== "" &&
    last !== "client" &&
    last !== "server" &&
    last !== "true" &&
    last !== "false" &&
    last !== "none"
  )
    fail(`Invalid dry-run flag. Flag must one of the following: false, true, none, client, server`);
  return last !== "false" && last !== "none";
}

function printRelease(run: Run, rel: Release): void {
  const output = flag(run.p, "output") ?? "table";
  if (output === "json") run.o.out(`${JSON.stringify(rel)}\n`);
  else if (output === "yaml") run.o.out(toYaml(rel));
  else if (output === "table")
    run.o.out(
      statusText(rel, {
        debug: bool(run.p, "debug"),
        computed: bool(run.p, "debug") ? computedValues(rel) : undefined,
        hideNotes: bool(run.p, "hide-notes"),
      }),
    );
  else fail(`invalid format type`);
}

/** NameAndChart: the release name and chart from the arguments and --generate-name. */
function nameAndChart(run: Run): [string, string] {
  const args = run.p.args;
  const generate = bool(run.p, "generate-name");
  if (args.length > 2)
    fail(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(", ")}`);
  if (args.length === 2) {
    if (generate) fail("cannot set --generate-name and also specify a name");
    return [args[0] as string, args[1] as string];
  }
  if (!generate) fail("must either provide a name or specify --generate-name");
  let base = (args[0] as string).replace(/\/+$/, "").split("/").pop() ?? "";
  if (base === "." || base === "") base = "chart";
  const dot = base.indexOf(".");
  if (dot >= 0) base = base.slice(0, dot);
  return [`${base}-${Math.floor(run.ctx.cluster.clock.now() / 1000)}`, args[0] as string];
}

/** runInstall: everything it does fails as `INSTALLATION FAILED: ...` (install.go RunE). */
function runInstall(run: Run, name: string, chartName: string): Release {
  try {
    const chart = locateChart(run, chartName);
    const values = userValues(run);
    reachable(run);
    const r = new HelmActions(run.ctx.cluster).install(
      {
        name,
        chart,
        values,
        namespace: namespaceOf(run),
        dryRun: dryRun(run),
        description: flag(run.p, "description"),
      },
      bool(run.p, "create-namespace"),
    );
    if (!r.ok) return fail(r.error);
    return r.release;
  } catch (e) {
    if (e instanceof HelmError) throw new HelmError(`INSTALLATION FAILED: ${e.message}`);
    throw e;
  }
}

function install(run: Run): void {
  let names: [string, string];
  try {
    names = nameAndChart(run);
  } catch (e) {
    if (e instanceof HelmError) throw new HelmError(`INSTALLATION FAILED: ${e.message}`);
    throw e;
  }
  printRelease(run, runInstall(run, ...names));
}

function upgrade(run: Run): void {
  const [name, chartName] = run.p.args as [string, string];
  const namespace = namespaceOf(run);
  const actions = new HelmActions(run.ctx.cluster);
  reachable(run);
  if (bool(run.p, "install") && !actions.storage.last(name, namespace)) {
    run.o.out(`Release ${JSON.stringify(name)} does not exist. Installing it now.\n`);
    // upgrade.go returns runInstall's error as it is (already INSTALLATION FAILED).
    printRelease(run, runInstall(run, name, chartName));
    return;
  }
  const bad = HelmActions.nameError(name);
  if (bad) fail(`UPGRADE FAILED: ${bad}`);
  const chart = locateChart(run, chartName);
  const values = userValues(run);
  const reuse = bool(run.p, "reuse-values") ? "reuse" : bool(run.p, "reset-values") ? "reset" : "default";
  const r = actions.upgrade(
    { name, chart, values, namespace, dryRun: dryRun(run), description: flag(run.p, "description") },
    reuse,
  );
  if (!r.ok) fail(`UPGRADE FAILED: ${r.error}`);
  else {
    run.o.out(`Release ${JSON.stringify(name)} has been upgraded. Happy Helming!\n`);
    printRelease(run, r.release);
  }
}

function template(run: Run): void {
  const args = run.p.args;
  let name = "release-name";
  let chartName = args[0] as string;
  if (args.length === 2 || bool(run.p, "generate-name")) [name, chartName] = nameAndChart(run);
  else if (args.length > 2)
    fail(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(", ")}`);
  const bad = HelmActions.nameError(name);
  if (bad) fail(bad);
  const chart = locateChart(run, chartName);
  if (chart.metadata.type && chart.metadata.type !== "application")
    fail(`${chart.metadata.type} charts are not installable`);
  const top = renderValues(
    chart,
    userValues(run),
    { name, namespace: namespaceOf(run), revision: 1, isInstall: true, isUpgrade: false },
    {
      kubeVersion: flag(run.p, "kube-version") ?? DEFAULT_KUBE_VERSION,
      apiVersions: [...DEFAULT_API_VERSIONS, ...all(run.p, "api-versions")],
    },
  );
  const r = renderResources(chart, top);
  if (!r.ok) {
    fail(r.error);
    return;
  }
  const showOnly = all(run.p, "show-only");
  let text = `${r.manifest.trim()}\n`;
  if (!bool(run.p, "no-hooks"))
    for (const h of r.hooks) {
      if (bool(run.p, "skip-tests") && h.events.includes("test")) continue;
      text += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    }
  if (showOnly.length) {
    const docs = text.split(/^---\n/m).filter((d) => d.trim());
    const wanted = showOnly.map((s) => `${chart.metadata.name}/${s.replace(/^\.?\//, "")}`);
    const picked = docs.filter((d) => wanted.some((w) => d.startsWith(`# Source: ${w}\n`)));
    for (const w of wanted)
      if (!picked.some((d) => d.startsWith(`# Source: ${w}\n`)))
        fail(`could not find template ${w.slice((chart.metadata.name ?? "").length + 1)} in chart`);
    text = picked.map((d) => `---\n${d.replace(/\n*$/, "")}\n`).join("");
  }
  run.o.out(text);
}

function release(run: Run, name: string): Release {
  const rel = new HelmActions(run.ctx.cluster).storage.last(name, namespaceOf(run));
  if (!rel) fail(ERR_RELEASE_NOT_FOUND);
  return rel as Release;
}

/** A revision (--revision N) or the newest. */
function releaseAt(run: Run, name: string): Release {
  const rev = flag(run.p, "revision");
  if (rev === undefined || rev === "0") return release(run, name);
  const r = new HelmActions(run.ctx.cluster).storage
    .history(name, namespaceOf(run))
    .find((x) => String(x.version) === rev);
  if (!r) fail(ERR_RELEASE_NOT_FOUND);
  return r as Release;
}

/** CoalesceValues of a stored release: its chart's defaults under its user values. */
function computedValues(rel: Release): Values {
  return coalesceValues(HelmActions.chartOf(rel).values, rel.config ?? {});
}

function valuesYaml(v: unknown): string {
  if (v === undefined || v === null) return "null\n";
  return toYaml(v);
}

const COMMANDS: Record<string, Command> = {
  version: {
    use: "helm version [flags]",
    flags: [
      { name: "short", kind: "bool" },
      { name: "template", kind: "value" },
      { name: "client", short: "c", kind: "bool" },
    ],
    args: [0, 0],
    run: ({ p, o }) => o.out(`${bool(p, "short") ? shortVersion() : versionLine()}\n`),
  },
  create: {
    use: "helm create NAME [flags]",
    flags: [{ name: "starter", short: "p", kind: "value" }],
    args: [1, 1],
    run: ({ ctx, p, o }) => {
      const arg = p.args[0] as string;
      const full = resolvePath(ctx.cwd, arg);
      const name = full.split("/").pop() ?? "";
      const dir = full.slice(0, full.length - name.length - 1) || "/";
      o.out(`Creating ${arg}\n`);
      if (!name || name.length > MAX_CHART_NAME_LENGTH)
        fail(`chart name must be between 1 and ${MAX_CHART_NAME_LENGTH} characters`);
      if (!CHART_NAME.test(name)) fail(`chart name must match the regular expression "${CHART_NAME.source}"`);
      if (!ctx.fs.isDir(dir)) fail(`stat ${dir}: no such file or directory`);
      if (ctx.fs.isFile(full)) fail(`file ${full} already exists and is not a directory`);
      for (const [rel, text] of scaffoldFiles(name)) {
        const path = `${full}/${rel}`;
        if (ctx.fs.isFile(path))
          o.out(`WARNING: File ${JSON.stringify(path)} already exists. Overwriting.\n`);
        ctx.fs.mkdir(path.slice(0, path.lastIndexOf("/")), true);
        ctx.fs.write(path, text);
      }
      ctx.fs.mkdir(`${full}/charts`, true);
    },
  },
  install: {
    use: "helm install [NAME] [CHART] [flags]",
    flags: INSTALL_FLAGS,
    args: [1, Infinity],
    run: install,
  },
  upgrade: {
    use: "helm upgrade [RELEASE] [CHART] [flags]",
    flags: [
      ...INSTALL_FLAGS,
      { name: "install", short: "i", kind: "bool" },
      { name: "reuse-values", kind: "bool" },
      { name: "reset-values", kind: "bool" },
      { name: "reset-then-reuse-values", kind: "bool" },
      { name: "cleanup-on-fail", kind: "bool" },
      { name: "history-max", kind: "value" },
    ],
    args: [2, 2],
    run: upgrade,
  },
  template: {
    use: "helm template [NAME] [CHART] [flags]",
    flags: [
      ...INSTALL_FLAGS,
      { name: "show-only", short: "s", kind: "value" },
      { name: "kube-version", kind: "value" },
      { name: "skip-tests", kind: "bool" },
      { name: "include-crds", kind: "bool" },
      { name: "api-versions", short: "a", kind: "value" },
      { name: "validate", kind: "bool" },
      { name: "is-upgrade", kind: "bool" },
      { name: "release-name", kind: "bool" },
      { name: "output-dir", kind: "value" },
    ],
    args: [1, Infinity],
    run: template,
  },
  uninstall: {
    use: "helm uninstall RELEASE_NAME [...] [flags]",
    flags: [
      { name: "keep-history", kind: "bool" },
      { name: "dry-run", kind: "bool" },
      { name: "no-hooks", kind: "bool" },
      { name: "wait", kind: "bool" },
      { name: "timeout", kind: "value" },
      { name: "cascade", kind: "value" },
      { name: "description", kind: "value" },
      { name: "ignore-not-found", kind: "bool" },
    ],
    args: [1, Infinity],
    run: (run) => {
      reachable(run);
      const actions = new HelmActions(run.ctx.cluster);
      for (const name of run.p.args) {
        const r = actions.uninstall(name, namespaceOf(run), bool(run.p, "keep-history"));
        if (!r.ok) {
          if (bool(run.p, "ignore-not-found") && r.error.endsWith(ERR_RELEASE_NOT_FOUND)) continue;
          fail(r.error);
        }
        run.o.out(`release "${name}" uninstalled\n`);
      }
    },
  },
  list: {
    use: "helm list [flags]",
    flags: [
      { name: "all-namespaces", short: "A", kind: "bool" },
      { name: "all", short: "a", kind: "bool" },
      { name: "output", short: "o", kind: "value" },
      { name: "short", short: "q", kind: "bool" },
      { name: "no-headers", kind: "bool" },
      { name: "deployed", kind: "bool" },
      { name: "failed", kind: "bool" },
      { name: "pending", kind: "bool" },
      { name: "superseded", kind: "bool" },
      { name: "uninstalled", kind: "bool" },
      { name: "filter", kind: "value" },
      { name: "reverse", short: "r", kind: "bool" },
      { name: "date", short: "d", kind: "bool" },
      { name: "max", short: "m", kind: "value" },
      { name: "time-format", kind: "value" },
    ],
    args: [0, 0],
    run: (run) => {
      reachable(run);
      const storage = new HelmActions(run.ctx.cluster).storage;
      const ns = bool(run.p, "all-namespaces") ? undefined : namespaceOf(run);
      const latest = new Map<string, Release>();
      for (const r of storage.list(ns)) latest.set(`${r.namespace}/${r.name}`, r);
      const wanted = new Set<string>();
      for (const s of ["deployed", "failed", "superseded", "uninstalled"]) if (bool(run.p, s)) wanted.add(s);
      if (bool(run.p, "pending"))
        for (const s of ["pending-install", "pending-upgrade", "pending-rollback"]) wanted.add(s);
      if (wanted.size === 0) wanted.add("deployed").add("failed");
      const filter = flag(run.p, "filter");
      let rels = [...latest.values()]
        .filter((r) => bool(run.p, "all") || wanted.has(r.info.status))
        .filter((r) => !filter || new RegExp(filter).test(r.name))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (bool(run.p, "reverse")) rels = rels.reverse();
      if (bool(run.p, "short")) run.o.out(rels.map((r) => `${r.name}\n`).join(""));
      else run.o.out(listTable(rels, bool(run.p, "no-headers")));
    },
  },
  status: {
    use: "helm status RELEASE_NAME [flags]",
    flags: [
      { name: "revision", kind: "value" },
      { name: "output", short: "o", kind: "value" },
      { name: "show-desc", kind: "bool" },
      { name: "show-resources", kind: "bool" },
    ],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      const rel = releaseAt(run, run.p.args[0] as string);
      if ((flag(run.p, "output") ?? "table") === "table")
        run.o.out(
          statusText(rel, { showDescription: bool(run.p, "show-desc"), debug: bool(run.p, "debug") }),
        );
      else printRelease(run, rel);
    },
  },
  history: {
    use: "helm history RELEASE_NAME [flags]",
    flags: [
      { name: "max", kind: "value" },
      { name: "output", short: "o", kind: "value" },
    ],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      const hist = new HelmActions(run.ctx.cluster).storage.history(
        run.p.args[0] as string,
        namespaceOf(run),
      );
      if (hist.length === 0) fail(ERR_RELEASE_NOT_FOUND);
      const max = Number(flag(run.p, "max") ?? 256);
      run.o.out(historyTable(hist.slice(-max)));
    },
  },
  rollback: {
    use: "helm rollback <RELEASE> [REVISION] [flags]",
    flags: [
      { name: "dry-run", kind: "bool" },
      { name: "wait", kind: "bool" },
      { name: "timeout", kind: "value" },
      { name: "force", kind: "bool" },
      { name: "no-hooks", kind: "bool" },
      { name: "cleanup-on-fail", kind: "bool" },
      { name: "recreate-pods", kind: "bool" },
      { name: "history-max", kind: "value" },
    ],
    args: [1, 2],
    run: (run) => {
      reachable(run);
      const revText = run.p.args[1];
      let revision = 0;
      if (revText !== undefined) {
        if (!/^-?\d+$/.test(revText))
          fail(
            `could not convert revision to a number: strconv.Atoi: parsing ${JSON.stringify(revText)}: invalid syntax`,
          );
        revision = Number(revText);
      }
      const r = new HelmActions(run.ctx.cluster).rollback(
        run.p.args[0] as string,
        namespaceOf(run),
        revision,
      );
      if (!r.ok) fail(r.error);
      run.o.out("Rollback was a success! Happy Helming!\n");
    },
  },
  "get values": {
    use: "helm get values RELEASE_NAME [flags]",
    flags: [
      { name: "all", short: "a", kind: "bool" },
      { name: "revision", kind: "value" },
      { name: "output", short: "o", kind: "value" },
    ],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      const rel = releaseAt(run, run.p.args[0] as string);
      const output = flag(run.p, "output") ?? "table";
      const vals = bool(run.p, "all") ? computedValues(rel) : rel.config;
      if (output === "json") run.o.out(`${JSON.stringify(vals ?? null)}\n`);
      else if (output === "yaml") run.o.out(valuesYaml(vals));
      else
        run.o.out(
          `${bool(run.p, "all") ? "COMPUTED VALUES:" : "USER-SUPPLIED VALUES:"}\n${valuesYaml(vals)}`,
        );
    },
  },
  "get manifest": {
    use: "helm get manifest RELEASE_NAME [flags]",
    flags: [{ name: "revision", kind: "value" }],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      run.o.out(`${releaseAt(run, run.p.args[0] as string).manifest ?? ""}\n`);
    },
  },
  "get notes": {
    use: "helm get notes RELEASE_NAME [flags]",
    flags: [{ name: "revision", kind: "value" }],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      const notes = releaseAt(run, run.p.args[0] as string).info.notes;
      if (notes) run.o.out(`NOTES:\n${notes}\n`);
    },
  },
  "get hooks": {
    use: "helm get hooks RELEASE_NAME [flags]",
    flags: [{ name: "revision", kind: "value" }],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      for (const h of releaseAt(run, run.p.args[0] as string).hooks ?? [])
        run.o.out(`---\n# Source: ${h.path}\n${h.manifest}\n`);
    },
  },
  "get all": {
    use: "helm get all RELEASE_NAME [flags]",
    flags: [
      { name: "revision", kind: "value" },
      { name: "template", kind: "value" },
    ],
    args: [1, 1],
    run: (run) => {
      reachable(run);
      const rel = releaseAt(run, run.p.args[0] as string);
      run.o.out(statusText(rel, { debug: true, showMetadata: true, computed: computedValues(rel) }));
    },
  },
  "show values": {
    use: "helm show values [CHART] [flags]",
    flags: [
      { name: "version", kind: "value" },
      { name: "jsonpath", kind: "value" },
    ],
    args: [1, 1],
    run: (run) => {
      const chart = locateChart(run, run.p.args[0] as string);
      run.o.out(`${chart.valuesText}\n`);
    },
  },
  "show chart": {
    use: "helm show chart [CHART] [flags]",
    flags: [{ name: "version", kind: "value" }],
    args: [1, 1],
    run: (run) => run.o.out(`${toYaml(locateChart(run, run.p.args[0] as string).metadata)}\n`),
  },
  "show all": {
    use: "helm show all [CHART] [flags]",
    flags: [{ name: "version", kind: "value" }],
    args: [1, 1],
    run: (run) => {
      const chart = locateChart(run, run.p.args[0] as string);
      run.o.out(`${toYaml(chart.metadata)}\n---\n${chart.valuesText}\n`);
    },
  },
  "show readme": {
    use: "helm show readme [CHART] [flags]",
    flags: [{ name: "version", kind: "value" }],
    args: [1, 1],
    run: (run) => {
      // findReadme: readme.md, readme.txt or readme, in any case.
      const files = locateChart(run, run.p.args[0] as string).files;
      for (const n of ["readme.md", "readme.txt", "readme"]) {
        const readme = files.find((f) => f.name.toLowerCase() === n);
        if (readme) {
          run.o.out(`${readme.data}\n`);
          return;
        }
      }
    },
  },
  lint: {
    use: "helm lint PATH [flags]",
    flags: [
      ...VALUE_FLAGS,
      { name: "strict", kind: "bool" },
      { name: "quiet", kind: "bool" },
      { name: "with-subcharts", kind: "bool" },
    ],
    args: [0, Infinity],
    run: lint,
  },
  package: {
    use: "helm package [CHART_PATH] [...] [flags]",
    flags: [
      { name: "destination", short: "d", kind: "value" },
      { name: "version", kind: "value" },
      { name: "app-version", kind: "value" },
      { name: "dependency-update", short: "u", kind: "bool" },
      { name: "sign", kind: "bool" },
    ],
    args: [1, Infinity],
    run: (run) => {
      const { ctx, p, o } = run;
      for (const arg of p.args) {
        const dir = resolvePath(ctx.cwd, arg);
        if (!ctx.fs.isDir(dir)) fail(`stat ${dir}: no such file or directory`);
        const chart = loadChartDir(ctx.fs, dir);
        if (typeof chart === "string") fail(chart);
        const md = (chart as Chart).metadata;
        const files = packageFiles(ctx.fs, dir);
        const version = flag(p, "version") ?? md.version;
        const appVersion = flag(p, "app-version");
        // --version and --app-version rewrite Chart.yaml in the archive (chartutil.Save marshals it again).
        if (version !== md.version || appVersion !== undefined) {
          const meta = { ...md, version, ...(appVersion !== undefined ? { appVersion } : {}) };
          const i = files.findIndex((f) => f.name === "Chart.yaml");
          if (i >= 0) files[i] = { name: "Chart.yaml", data: toYaml(meta) };
        }
        const dest = resolvePath(ctx.cwd, flag(p, "destination") ?? ".");
        if (!ctx.fs.isDir(dest)) fail(`stat ${dest}: no such file or directory`);
        const out = `${dest === "/" ? "" : dest}/${md.name}-${version}.tgz`;
        const mtimeMs = ctx.cluster.clock.now();
        ctx.fs.write(
          out,
          makeArchive(
            files.map((f) => ({
              name: `${md.name}/${f.name}`,
              dir: false,
              mode: 0o644,
              mtimeMs,
              data: f.data,
            })),
          ),
        );
        o.out(`Successfully packaged chart and saved it to: ${out}\n`);
      }
    },
  },
  "dependency list": {
    use: "helm dependency list CHART [flags]",
    flags: [{ name: "max-col-width", kind: "value" }],
    args: [0, 1],
    run: (run) => {
      const arg = run.p.args[0] ?? ".";
      const chart = locateChart(run, arg);
      if (!chart.metadata.dependencies)
        run.o.out(`WARNING: no dependencies at ${arg.replace(/\/+$/, "")}/charts\n`);
    },
  },
  "repo add": {
    use: "helm repo add [NAME] [URL] [flags]",
    flags: [
      { name: "username", kind: "value" },
      { name: "password", kind: "value" },
      { name: "force-update", kind: "bool" },
      { name: "pass-credentials", kind: "bool" },
      { name: "insecure-skip-tls-verify", kind: "bool" },
    ],
    args: [2, 2],
    run: ({ p }) => {
      const [name, url] = p.args as [string, string];
      if (name.includes("/"))
        fail(`repository name (${name}) contains '/', please specify a different name without '/'`);
      fail(
        `looks like ${JSON.stringify(url)} is not a valid chart repository or cannot be reached: ${unreachableUrl(`${url.replace(/\/+$/, "")}/index.yaml`)}`,
      );
    },
  },
  "repo list": {
    use: "helm repo list [flags]",
    flags: [{ name: "output", short: "o", kind: "value" }],
    args: [0, 0],
    run: () => fail("no repositories to show"),
  },
  "repo update": {
    use: "helm repo update [REPO1 [REPO2 ...]] [flags]",
    flags: [{ name: "fail-on-repo-update-fail", kind: "bool" }],
    args: [0, Infinity],
    run: () => fail("no repositories found. You must add one before updating"),
  },
  "repo remove": {
    use: "helm repo remove [REPO1 [REPO2 ...]] [flags]",
    flags: [],
    args: [1, Infinity],
    run: () => fail("no repositories configured"),
  },
  "search repo": {
    use: "helm search repo [keyword] [flags]",
    flags: [
      { name: "versions", short: "l", kind: "bool" },
      { name: "version", kind: "value" },
      { name: "regexp", short: "r", kind: "bool" },
      { name: "devel", kind: "bool" },
      { name: "output", short: "o", kind: "value" },
      { name: "max-col-width", kind: "value" },
    ],
    args: [0, Infinity],
    run: () => fail("no repositories configured"),
  },
};

/** Short names cobra also answers to (Aliases). */
const ALIASES: Record<string, string> = {
  ls: "list",
  un: "uninstall",
  del: "uninstall",
  delete: "uninstall",
  uninstall: "uninstall",
  hist: "history",
  dep: "dependency",
  dependencies: "dependency",
  inspect: "show",
  "dependency ls": "dependency list",
  "repo ls": "repo list",
  "repo rm": "repo remove",
  "search repository": "search repo",
  "search repositories": "search repo",
};

function lint(run: Run): void {
  const paths = run.p.args.length ? run.p.args : ["."];
  let failed = 0;
  let text = "";
  for (const path of paths) {
    text += `==> Linting ${path}\n`;
    const full = resolvePath(run.ctx.cwd, path);
    const messages: string[] = [];
    let broken = false;
    if (!run.ctx.fs.isDir(full)) {
      messages.push(
        `Error unable to check Chart.yaml file in chart: stat ${full}/Chart.yaml: no such file or directory`,
      );
      broken = true;
    } else {
      const chart = loadChartDir(run.ctx.fs, full);
      if (typeof chart === "string") {
        messages.push(`[ERROR] Chart.yaml: ${chart.replace(/^validation: /, "")}`);
        broken = true;
      } else {
        if (!chart.metadata.icon) messages.push("[INFO] Chart.yaml: icon is recommended");
        const top = renderValues(
          chart,
          userValues(run),
          {
            name: "test-release",
            namespace: "test-namespace",
            revision: 1,
            isInstall: true,
            isUpgrade: false,
          },
          { kubeVersion: DEFAULT_KUBE_VERSION, apiVersions: DEFAULT_API_VERSIONS },
        );
        const r = renderResources(chart, top, { lintMode: true });
        if (!r.ok) {
          messages.push(`[ERROR] templates/: ${r.error}`);
          broken = true;
        }
      }
    }
    if (broken) failed++;
    text += messages.map((m) => `${m}\n`).join("");
    text += "\n";
  }
  run.o.out(text);
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (failed) fail(summary);
  run.o.out(`${summary}\n`);
}

/** The subcommand words and the command they name. */
function findCommand(argv: string[]): { path: string; command?: Command; rest: string[]; group?: string } {
  const words = argv.filter((a) => !a.startsWith("-"));
  const first = ALIASES[words[0] ?? ""] ?? words[0] ?? "";
  const group = ["get", "show", "repo", "search", "dependency"].includes(first) ? first : undefined;
  let key = first;
  let used = 1;
  if (group) {
    const second = words[1] ?? "";
    key = ALIASES[`${group} ${second}`] ?? `${group} ${second}`;
    used = 2;
  }
  // Remove the command words (the first `used` non-flag words) and keep everything else in order.
  const rest: string[] = [];
  let skipped = 0;
  for (const a of argv) {
    if (!a.startsWith("-") && skipped < used) {
      skipped++;
      continue;
    }
    rest.push(a);
  }
  return { path: `helm ${key}`, command: COMMANDS[key], rest, group };
}

/** `helm ARGS`: what helm prints and its exit status. */
export function helm(ctx: HelmContext, argv: string[]): CommandResult {
  const o = new Out();
  try {
    if (argv.length === 0 || (argv.length === 1 && (argv[0] === "-h" || argv[0] === "--help"))) {
      o.out(HELP);
      return { stdout: o.stdout, stderr: "", exit: 0 };
    }
    const found = findCommand(argv);
    if (!found.command) {
      // A command group without its subcommand prints its help (cobra's non-runnable command).
      if (found.group && !argv.some((a) => !a.startsWith("-") && a !== found.group)) {
        o.out(
          `Usage:\n  helm ${found.group} [command]\n\nUse "helm ${found.group} [command] --help" for more information about a command.\n`,
        );
        return { stdout: o.stdout, stderr: "", exit: 0 };
      }
      const word = found.group ? found.path.split(" ").pop() : argv.find((a) => !a.startsWith("-"));
      fail(
        `unknown command ${JSON.stringify(word)} for ${JSON.stringify(found.group ? `helm ${found.group}` : "helm")}\nRun '${found.group ? `helm ${found.group}` : "helm"} --help' for usage.`,
      );
    }
    const command = found.command as Command;
    const p = parseFlags(found.rest, command.flags);
    if (typeof p === "string") fail(p);
    const parsed = p as ParsedFlags;
    if (bool(parsed, "help")) {
      o.out(`Usage:\n  ${command.use}\n`);
      return { stdout: o.stdout, stderr: "", exit: 0 };
    }
    if (command.args) checkArgs(found.path, command.use, parsed.args, command.args);
    command.run({ ctx, p: parsed, o, path: found.path });
    return { stdout: o.stdout, stderr: o.stderr, exit: 0 };
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
    return { stdout: o.stdout, stderr: `${o.stderr}Error: ${e.message}\n`, exit: 1 };
  }
}

/** The start of `helm --help`: the commands this helm has. */
const HELP = `The Kubernetes package manager

Common actions for Helm:

- helm search:    search for charts
- helm pull:      download a chart to your local directory to view
- helm install:   upload the chart to Kubernetes
- helm list:      list releases of charts

Usage:
  helm [command]

Available Commands:
  create      create a new chart with the given name
  dependency  manage a chart's dependencies
  get         download extended information of a named release
  history     fetch release history
  install     install a chart
  lint        examine a chart for possible issues
  list        list releases
  repo        add, list, remove, update, and index chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  uninstall   uninstall a release
  upgrade     upgrade a release
  version     print the client version information

Use "helm [command] --help" for more information about a command.
`;
