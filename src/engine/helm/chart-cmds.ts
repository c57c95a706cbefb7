/**
 * The commands on charts and repositories: version, create, template, show, lint, package,
 * dependency list, repo and search.
 */
import { toYaml } from "../../kubectl/output/yaml";
import { RESOURCES } from "../api/resources";
import { resolvePath } from "../node/fs";
import { makeArchive } from "../sh/applets/tar";
import { HelmActions } from "./actions";
import { type Chart, loadChartDir, packageFiles } from "./chart";
import { all, bool, flag } from "./flags";
import { builtinApiVersions, DEFAULT_KUBE_VERSION, renderResources, renderValues } from "./render";

import {
  type Command,
  fail,
  INSTALL_FLAGS,
  locateChart,
  nameAndChart,
  namespaceOf,
  type Run,
  unreachableUrl,
  userValues,
  VALUE_FLAGS,
} from "./run";
import { CHART_NAME, MAX_CHART_NAME_LENGTH, scaffoldFiles } from "./scaffold";
import { shortVersion, versionLine } from "./version";

/** DefaultVersionSet: what the client's scheme knows (the built-in resources), without a cluster. */
const DEFAULT_API_VERSIONS = builtinApiVersions(RESOURCES);

/** `helm template`: render locally with helm's default capabilities, hooks after the manifest. */
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

/** The commands on charts and repositories, by command path. */
export const CHART_COMMANDS: Record<string, Command> = {
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
  pull: {
    use: "helm pull [chart URL | repo/chartname] [...] [flags]",
    flags: [
      { name: "version", kind: "value" },
      { name: "untar", kind: "bool" },
      { name: "untardir", kind: "value" },
      { name: "destination", short: "d", kind: "value" },
      { name: "repo", kind: "value" },
      { name: "devel", kind: "bool" },
    ],
    args: [1, Infinity],
    run: ({ p }) => {
      // ResolveChartVersion: a URL is fetched; anything else is repo/chart, a local path included.
      const name = p.args[0] as string;
      if (/^(https?|oci):\/\//.test(name)) fail(unreachableUrl(name));
      const slash = name.indexOf("/");
      if (slash < 0) fail(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`);
      fail(`repo ${name.slice(0, slash)} not found`);
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
