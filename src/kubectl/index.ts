/**
 * The kubectl interpreter: argv (without the word "kubectl") → the command → what it printed.
 * Shared by the terminal, the CLI, the UI's actions and the conformance cases.
 *
 * @example
 * const r = kubectl({ cluster }, ["get", "pods", "-A"], "");
 * r.stdout; // "NAMESPACE     NAME ..."
 */
import { ApiError } from "../engine/api/errors";
import { SelectorError } from "../engine/api/selectors";
import { authenticateCertificate, LEGACY_CREDENTIALS, UNAUTHORIZED } from "../engine/pki/cluster";
import { apply } from "./cmd/apply";
import { COMMANDS } from "./cmd/registry";
import { type Command, formatError, Invocation, KubectlError } from "./command";
import { FlagError, Flags, parseFlags } from "./flags";
import type { CommandResult, KubectlContext } from "./interface";
import { resolveClient } from "./kubeconfig/client";
import { type UnreachableServer, unreachableResult } from "./unreachable";

export { type CommandResult, type KubectlContext, terminalText } from "./interface";

const BY_NAME = new Map<string, Command>();
for (const c of [apply, ...COMMANDS]) {
  BY_NAME.set(c.name, c);
  for (const a of c.aliases ?? []) BY_NAME.set(a, c);
}

/** Runs one kubectl command line against the cluster. Never throws for user errors. */
export function kubectl(ctx: KubectlContext, argv: string[], stdin: string): CommandResult {
  // Global flags may come before the verb: `kubectl -n kube-system get pods`.
  const lead: string[] = [];
  let i = 0;
  while (i < argv.length && (argv[i] as string).startsWith("-") && argv[i] !== "--") {
    const a = argv[i] as string;
    lead.push(a);
    i++;
    if (/^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server)$/.test(a) && i < argv.length) {
      lead.push(argv[i] as string);
      i++;
    }
  }
  const verb = argv[i];
  if (verb === undefined) {
    return {
      stdout:
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n",
      stderr: "",
      exit: 0,
    };
  }
  const command = BY_NAME.get(verb);
  if (!command) {
    const hint = suggest(verb);
    return {
      stdout: "",
      stderr: `error: unknown command "${verb}" for "kubectl"${hint ? `\n\nDid you mean this?\n${hint}` : "\n"}`,
      exit: 1,
    };
  }
  const rest = [...lead, ...argv.slice(i + 1)];
  const sub = command.subcommand?.(rest);
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, sub?.flags ?? command.flags));
  } catch (e) {
    if (e instanceof FlagError && command.flagError) return command.flagError(e.message);
    if (e instanceof FlagError)
      return {
        stdout: "",
        stderr: `error: ${e.message}\nSee 'kubectl ${sub?.path ?? verb} --help' for usage.\n`,
        exit: 1,
      };
    throw e;
  }
  // cli-runtime PrintFlags.ToPrinter: --template without -o means -o go-template.
  if (
    flags.str("template") &&
    !flags.has("output") &&
    (sub?.flags ?? command.flags).some((f) => f.name === "output")
  )
    flags.parsed.flags.set("output", "go-template");
  const inv = new Invocation(ctx, verb, flags, stdin);
  if (flags.bool("help")) {
    inv.out(
      `Usage:\n  kubectl ${command.name} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`,
    );
    return { stdout: inv.stdout, stderr: "", exit: 0 };
  }
  // The kubeconfig first (its file, context and server), then whether the server answers.
  let target: UnreachableServer | undefined;
  if (!command.offline?.(inv)) {
    const client = resolveClient(ctx, flags, ctx.cluster);
    if ("error" in client) return { stdout: "", stderr: client.error, exit: 1 };
    inv.contextNamespace = client.namespace;
    target = client.unreachable;
    // The API server's x509 authenticator: the certificate's CN and O's, if the cluster CA signed it.
    if (
      !target &&
      client.clientCertificate !== undefined &&
      !client.clientCertificate.includes(LEGACY_CREDENTIALS)
    ) {
      const user = authenticateCertificate(ctx.cluster, client.clientCertificate);
      if (!user) return { stdout: "", stderr: `error: ${UNAUTHORIZED}\n`, exit: 1 };
      inv.identity = user;
    }
  }
  const down = unreachableResult(ctx.cluster, command.name, flags, inv.namespace, target);
  if (down) return down;
  try {
    command.run(inv);
  } catch (e) {
    if (e instanceof FlagError) {
      inv.err(`error: ${e.message}\nSee 'kubectl ${sub?.path ?? verb} --help' for usage.\n`);
      inv.exit = 1;
    } else if (e instanceof KubectlError || e instanceof ApiError || e instanceof SelectorError) {
      inv.report(e);
    } else throw e;
  }
  return inv.result();
}

function suggest(verb: string): string {
  const names = [...BY_NAME.keys()].filter((n) => levenshtein(n, verb) <= 2 || n.startsWith(verb));
  return names.length ? `${names.map((n) => `\t${n}`).join("\n")}\n` : "";
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      (d[i] as number[])[j] = Math.min(
        ((d[i - 1] as number[])[j] as number) + 1,
        ((d[i] as number[])[j - 1] as number) + 1,
        ((d[i - 1] as number[])[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return (d[a.length] as number[])[b.length] as number;
}

export { formatError };
