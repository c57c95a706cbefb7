/**
 * kubeadm v1.32 as a node program: `version`, `token create|list|delete`, `certs
 * check-expiration|renew`, `upgrade plan|apply|node`. It runs as the installed kubeadm package's
 * release (packages.ts) against the cluster and the node's files.
 */
import type { CommandContext, Proc } from "../sh/interface";
import { runCheckExpiration, runRenew } from "./certs";
import type { KubeadmEnv, KubeadmResult } from "./common";
import { runTokenCreate, runTokenDelete, runTokenList } from "./token";
import { runApply, runPlan, runUpgradeNode } from "./upgrade";
import { runVersion } from "./version";

export type { KubeadmEnv } from "./common";

/** Flags that take a value, so that their value is not an operand. */
const VALUE_FLAGS = new Set([
  "-o",
  "--output",
  "--ttl",
  "--description",
  "--kubeconfig",
  "--config",
  "--cert-dir",
  "--certificate-key",
  "--groups",
  "--usages",
  "--ignore-preflight-errors",
  "-v",
  "--v",
]);

/** Splits argv into operands and flags (`--ttl 2h`, `--ttl=2h`, `-o yaml`, `-oyaml`). */
export function parseArgs(args: string[]): { operands: string[]; flags: Map<string, string> } {
  const operands: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith("-") || a === "-") {
      operands.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
    else if (/^-o\S/.test(a)) flags.set("-o", a.slice(2));
    else if (VALUE_FLAGS.has(a)) flags.set(a, args[++i] ?? "");
    else flags.set(a, "true");
  }
  return { operands, flags };
}

const USAGE = `Usage:
  kubeadm [command]

Available Commands:
  certs       Commands related to handling kubernetes certificates
  completion  Output shell completion code for the specified shell (bash or zsh)
  config      Manage configuration for a kubeadm cluster persisted in a ConfigMap in the cluster
  help        Help about any command
  init        Run this command in order to set up the Kubernetes control plane
  join        Run this on any machine you wish to join an existing cluster
  kubeconfig  Kubeconfig file utilities
  reset       Performs a best effort to revert changes made to this host by 'kubeadm init' or 'kubeadm join'
  token       Manage bootstrap tokens
  upgrade     Upgrade your cluster smoothly to a newer version with this command
  version     Print the version of kubeadm

Flags:
  -h, --help                     help for kubeadm
      --rootfs string            The path to the 'real' host root filesystem. This will cause kubeadm to chroot into the provided path.

Additional help topics:
  kubeadm alpha      Kubeadm experimental sub-commands

Use "kubeadm [command] --help" for more information about a command.
`;

function unknown(command: string, parent: string): KubeadmResult {
  return {
    stdout: "",
    stderr: `unknown command "${command}" for "${parent}"\nTo see the stack trace of this error execute with --v=5 or higher\n`,
    exit: 1,
  };
}

/** Runs kubeadm with args; synchronous commands return a result, `upgrade apply` a process. */
export function kubeadm(
  env: KubeadmEnv,
  args: string[],
  stdin: string,
): KubeadmResult | ((ctx: CommandContext) => Proc) {
  const { operands, flags } = parseArgs(args);
  const output = flags.get("-o") ?? flags.get("--output") ?? "";
  const [command, sub, ...rest] = operands;
  switch (command) {
    case undefined:
      return { stdout: USAGE, stderr: "", exit: 0 };
    case "version":
      return runVersion(env, output);
    case "token":
      if (sub === "create")
        return runTokenCreate(env, {
          token: rest[0],
          ttl: flags.get("--ttl"),
          description: flags.get("--description"),
          printJoinCommand: flags.has("--print-join-command"),
        });
      if (sub === "list") return runTokenList(env);
      if (sub === "delete") return runTokenDelete(env, rest);
      return sub ? unknown(sub, "kubeadm token") : { stdout: "", stderr: "", exit: 0 };
    case "certs":
      if (sub === "check-expiration") return runCheckExpiration(env);
      if (sub === "renew") return runRenew(env, rest[0]);
      return sub ? unknown(sub, "kubeadm certs") : { stdout: "", stderr: "", exit: 0 };
    case "upgrade":
      if (sub === "plan") return runPlan(env, rest[0]);
      if (sub === "node") return runUpgradeNode(env);
      if (sub === "apply")
        return (ctx) =>
          runApply(
            env,
            {
              version: rest[0],
              yes: flags.has("-y") || flags.has("--yes"),
              force: flags.has("-f") || flags.has("--force"),
              dryRun: flags.has("--dry-run"),
              stdin,
            },
            (s) => ctx.stdout.write(s),
            (s) => ctx.stderr.write(s),
          );
      return sub ? unknown(sub, "kubeadm upgrade") : { stdout: "", stderr: "", exit: 0 };
    default:
      return unknown(command, "kubeadm");
  }
}
