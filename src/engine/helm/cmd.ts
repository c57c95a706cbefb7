/**
 * The `helm` command (helm v3.16.3, cmd/helm): create, template, install, upgrade, rollback,
 * uninstall, list, status, history, get, show, lint, dependency list, repo and search, version.
 * Texts are cmd/helm's: `Error: ...` on stderr with exit 1 (cobra, SilenceUsage), argument counts
 * as cmd/helm/require words them, failures of install and upgrade prefixed `INSTALLATION FAILED:`
 * and `UPGRADE FAILED:`. There is no network: a repository cannot be added and a chart is a
 * directory on the shell's file system.
 */
import type { CommandResult } from "../../kubectl/interface";
import { CHART_COMMANDS } from "./chart-cmds";
import { bool, type ParsedFlags, parseFlags } from "./flags";
import { RELEASE_COMMANDS } from "./release-cmds";
import { type Command, checkArgs, fail, type HelmContext, HelmError, Out } from "./run";

export { type HelmContext, NO_KUBECONFIG } from "./run";

/** Every command by its path (`install`, `get values`). */
const COMMANDS: Record<string, Command> = { ...CHART_COMMANDS, ...RELEASE_COMMANDS };

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
  package     package a chart directory into a chart archive
  pull        download a chart from a repository and (optionally) unpack it in local directory
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
