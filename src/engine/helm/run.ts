/**
 * What the helm commands share: where helm runs, the command shape, the flags install and upgrade
 * take, and the helpers that read values, find charts and releases, and print a release.
 */
import { configAccess, loadConfig } from "../../kubectl/kubeconfig/load";
import { toYaml } from "../../kubectl/output/yaml";
import type { Cluster } from "../cluster";
import { resolvePath } from "../node/fs";
import type { FileSystem } from "../sh/interface";
import { ERR_RELEASE_NOT_FOUND, HelmActions } from "./actions";
import { type Chart, loadChartArchive, loadChartDir, readYaml } from "./chart";
import { all, bool, type FlagSpec, flag, type ParsedFlags } from "./flags";
import { statusText } from "./print";
import type { Release } from "./storage";
import { coalesceValues, mergeMaps, parseSet, type Values } from "./values";

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

/** A failure helm prints as `Error: MESSAGE` and exits 1 with. */
export class HelmError extends Error {}

/** Ends the command with helm's error. */
export const fail = (msg: string): never => {
  throw new HelmError(msg);
};

/** Output collected by a command. */
export class Out {
  stdout = "";
  stderr = "";
  out(text: string): void {
    this.stdout += text;
  }
  err(text: string): void {
    this.stderr += text;
  }
}

/** One invocation: the context, the parsed flags, the output and the command path. */
export interface Run {
  ctx: HelmContext;
  p: ParsedFlags;
  o: Out;
  path: string;
}

/** What a command does. */
export type Handler = (run: Run) => void;

/** A command: its usage line, flags, argument counts and handler. */
export interface Command {
  use: string;
  flags: FlagSpec[];
  /** [min, max] arguments as require.* checks them. */
  args?: [number, number];
  run: Handler;
}

/** The values flags (pkg/cli/values): --set, --set-string, -f. */
export const VALUE_FLAGS: FlagSpec[] = [
  { name: "set", kind: "value" },
  { name: "set-string", kind: "value" },
  { name: "set-json", kind: "value" },
  { name: "set-file", kind: "value" },
  { name: "values", short: "f", kind: "value" },
];

/** The flags install, upgrade and template share (addInstallFlags). */
export const INSTALL_FLAGS: FlagSpec[] = [
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
export function checkArgs(path: string, use: string, args: string[], [min, max]: [number, number]): void {
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
export function namespaceOf(run: Run): string {
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

/** Fails with client-go's message when the cluster cannot be reached from here. */
export function reachable(run: Run): void {
  if (run.ctx.unreachable) fail(run.ctx.unreachable);
}

/** MergeValues: -f files in order, then --set, --set-string. */
export function userValues(run: Run): Values {
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
export function locateChart(run: Run, name: string): Chart {
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
export function unreachableUrl(url: string): string {
  const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host))
    return `Get "${url}": dial tcp ${host}:${url.startsWith("http:") ? 80 : 443}: connect: connection refused`;
  return `Get "${url}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`;
}

/** Whether --dry-run asks for one (client, server or true); a bad value fails as helm does. */
export function dryRun(run: Run): boolean {
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

/** The release in -o's format: the status block (table), json or yaml. */
export function printRelease(run: Run, rel: Release): void {
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
export function nameAndChart(run: Run): [string, string] {
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

/** The newest revision of a release, or `release: not found`. */
export function release(run: Run, name: string): Release {
  const rel = new HelmActions(run.ctx.cluster).storage.last(name, namespaceOf(run));
  if (!rel) fail(ERR_RELEASE_NOT_FOUND);
  return rel as Release;
}

/** A revision (--revision N) or the newest. */
export function releaseAt(run: Run, name: string): Release {
  const rev = flag(run.p, "revision");
  if (rev === undefined || rev === "0") return release(run, name);
  const r = new HelmActions(run.ctx.cluster).storage
    .history(name, namespaceOf(run))
    .find((x) => String(x.version) === rev);
  if (!r) fail(ERR_RELEASE_NOT_FOUND);
  return r as Release;
}

/** CoalesceValues of a stored release: its chart's defaults under its user values. */
export function computedValues(rel: Release): Values {
  return coalesceValues(HelmActions.chartOf(rel).values, rel.config ?? {});
}

/** output.EncodeYAML of values: `null` for none. */
export function valuesYaml(v: unknown): string {
  if (v === undefined || v === null) return "null\n";
  return toYaml(v);
}
