/** The commands on releases: install, upgrade, uninstall, list, status, history, rollback, get. */
import { ERR_RELEASE_NOT_FOUND, HelmActions } from "./actions";
import { bool, flag } from "./flags";
import { historyTable, listTable, statusText } from "./print";
import {
  type Command,
  computedValues,
  dryRun,
  fail,
  HelmError,
  INSTALL_FLAGS,
  locateChart,
  nameAndChart,
  namespaceOf,
  printRelease,
  type Run,
  reachable,
  releaseAt,
  userValues,
  valuesYaml,
} from "./run";
import type { Release } from "./storage";

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

/** The commands on releases, by command path. */
export const RELEASE_COMMANDS: Record<string, Command> = {
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
};
