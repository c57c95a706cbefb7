/**
 * What a kubectl subcommand is: its flags and a run function writing to an Invocation. Errors
 * kubectl prints as `error: ...` are thrown as KubectlError; API errors (ApiError) print as
 * `Error from server (Reason): ...` (cmdutil.CheckErr in pkg/cmd/util/helpers.go).
 */

import { ApiError } from "../engine/api/errors";
import type { UserInfo } from "../engine/apiserver/auth/rbac";
import type { Cluster } from "../engine/cluster";
import { invalidMessage } from "./checkerr";
import { isClusterAdmin, requestUser } from "./cmd/auth";
import { CachedDiscovery } from "./discovery-cache";
import type { FlagSpec, Flags } from "./flags";
import { impersonatedCluster } from "./impersonate";
import type { CommandResult, EditRequest, KubectlContext } from "./interface";
import { klogLine } from "./klog";

/** A failure printed as `error: MESSAGE` with exit 1. */
export class KubectlError extends Error {
  /** When set, printed instead of `error: MESSAGE` (already formatted text). */
  constructor(
    message: string,
    readonly raw = false,
  ) {
    super(message);
  }
}

/** One running kubectl command: parsed flags, its context and the output it builds. */
export class Invocation {
  stdout = "";
  stderr = "";
  /** Both streams in the order written (what a terminal shows). */
  combined = "";
  exit = 0;
  readonly flags: Flags;

  constructor(
    readonly ctx: KubectlContext,
    readonly command: string,
    flags: Flags,
    readonly stdin: string,
  ) {
    this.flags = flags;
  }

  get cluster(): Cluster {
    if (this.command === "auth") return this.ctx.cluster;
    const as = this.flags.str("as");
    if (as) this.asCluster ??= impersonatedCluster(this.ctx.cluster, requestUser(this));
    else if (this.identity)
      this.asCluster ??= impersonatedCluster(this.ctx.cluster, this.identity, !isClusterAdmin(this.identity));
    return this.asCluster ?? this.ctx.cluster;
  }

  /** How this kubectl maps resource names and kinds: the server's discovery through its cache. */
  get mapper(): CachedDiscovery {
    this.cachedMapper ??= new CachedDiscovery(this.ctx.cluster.api.discovery, () =>
      this.ctx.cluster.clock.now(),
    );
    return this.cachedMapper;
  }

  private cachedMapper?: CachedDiscovery;

  /** Who the kubeconfig's client certificate says the user is (set before the command runs). */
  identity?: UserInfo;

  private asCluster?: Cluster;

  /** Set by `kubectl edit` in the app: what the app's editor is to open. */
  editRequest?: EditRequest;

  /** The namespace the kubeconfig context gives, when it names one (set before the command runs). */
  contextNamespace?: string;

  /** The namespace from -n, else the kubeconfig context's, else the caller's, else "default". */
  get namespace(): string {
    return this.flags.str("namespace") || this.contextNamespace || this.ctx.namespace || "default";
  }

  /** Whether -n was given explicitly. */
  get explicitNamespace(): boolean {
    return this.flags.has("namespace");
  }

  out(text: string): void {
    this.stdout += text;
    this.combined += text;
  }

  err(text: string): void {
    this.stderr += text;
    this.combined += text;
  }

  private warned = new Set<string>();

  /** Prints a warning on stderr the first time it comes up in this invocation. */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.err(text);
  }

  /** The result: the two streams, the exit code, and the interleaving when it matters. */
  result(): CommandResult {
    const r: CommandResult = { stdout: this.stdout, stderr: this.stderr, exit: this.exit };
    if (this.combined !== this.stdout + this.stderr) r.combined = this.combined;
    if (this.editRequest) r.edit = this.editRequest;
    return r;
  }

  /** Prints an error (as CheckErr would) without stopping, and marks the command failed. */
  report(e: unknown): void {
    this.err(`${formatError(e)}\n`);
    this.exit = 1;
  }

  /**
   * Prints the errors a command collected: one as CheckErr prints it; several as an aggregate,
   * where a status error keeps the `Error from server (Reason): ...` form even when Invalid.
   */
  reportAll(errors: unknown[]): void {
    if (errors.length === 1) this.report(errors[0]);
    else
      for (const e of errors) {
        this.stderr += `${e instanceof ApiError ? e.toKubectl() : formatError(e)}\n`;
        this.exit = 1;
      }
  }
}

/** A subcommand. */
export interface Command {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  run(inv: Invocation): void;
  /**
   * Whether this invocation works without reaching the API server (kubectl config, client-side
   * generators): then the kubeconfig's context and server are not checked first.
   */
  offline?(inv: Invocation): boolean;
  /**
   * For commands with cobra subcommands (`config set-context`): the flags of the subcommand the
   * arguments name, and its path for usage errors.
   */
  subcommand?(args: string[]): { flags: FlagSpec[]; path: string };
  /** cobra's SetFlagErrorFunc: what a flag that does not parse prints, when not the usual. */
  flagError?(message: string): CommandResult;
}

/** How kubectl prints an error on stderr (without the trailing newline). */
export function formatError(e: unknown): string {
  if (e instanceof ApiError && e.reason === "Invalid" && e.details) return invalidMessage(e);
  if (e instanceof ApiError) return e.toKubectl();
  if (e instanceof KubectlError) return e.raw ? e.message : `error: ${e.message}`;
  if (e instanceof Error) return `error: ${e.message}`;
  return `error: ${String(e)}`;
}

/** Flag specs shared by many commands. */
export const F = {
  output: { name: "output", short: "o", type: "string" } as FlagSpec,
  filename: { name: "filename", short: "f", type: "stringArray" } as FlagSpec,
  kustomize: { name: "kustomize", short: "k", type: "string" } as FlagSpec,
  recursive: { name: "recursive", short: "R", type: "bool" } as FlagSpec,
  selector: { name: "selector", short: "l", type: "string" } as FlagSpec,
  allNamespaces: { name: "all-namespaces", short: "A", type: "bool" } as FlagSpec,
  dryRun: { name: "dry-run", type: "string", noOptDefault: "unchanged" } as FlagSpec,
  overwrite: { name: "overwrite", type: "bool" } as FlagSpec,
  all: { name: "all", type: "bool" } as FlagSpec,
  fieldSelector: { name: "field-selector", type: "string" } as FlagSpec,
  fieldManager: { name: "field-manager", type: "string" } as FlagSpec,
  validate: { name: "validate", type: "string" } as FlagSpec,
  showManagedFields: { name: "show-managed-fields", type: "bool" } as FlagSpec,
  template: { name: "template", type: "string" } as FlagSpec,
  allowMissing: { name: "allow-missing-template-keys", type: "bool" } as FlagSpec,
  record: { name: "record", type: "bool" } as FlagSpec,
  timeout: { name: "timeout", type: "string" } as FlagSpec,
};

/**
 * genericclioptions.PrintFlags, which every command that prints objects adds: -o, --template,
 * --allow-missing-template-keys and --show-managed-fields.
 */
export const PRINT_FLAGS: FlagSpec[] = [F.output, F.template, F.allowMissing, F.showManagedFields];

/**
 * The deprecated spellings of --dry-run, what they mean and the klog warning GetDryRunStrategy
 * prints for each (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go, v1.32 line numbers).
 */
const DEPRECATED_DRY_RUN: Record<string, { mode: "client" | "none"; line: number; warning: string }> = {
  unchanged: {
    mode: "client",
    line: 702,
    warning: "--dry-run is deprecated and can be replaced with --dry-run=client.",
  },
  true: {
    mode: "client",
    line: 716,
    warning: "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.",
  },
  false: {
    mode: "none",
    line: 719,
    warning: "--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.",
  },
};

/** The `--dry-run` mode: "none", "client" or "server" (cmdutil.GetDryRunStrategy). */
export function dryRunMode(inv: Invocation): "none" | "client" | "server" {
  if (!inv.flags.has("dry-run")) return "none";
  const v = inv.flags.str("dry-run", "unchanged");
  if (v === "client" || v === "server" || v === "none") return v;
  const deprecated = DEPRECATED_DRY_RUN[v];
  if (!deprecated)
    throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  inv.warnOnce(klogLine("W", inv.cluster.clock.now(), "helpers.go", deprecated.line, deprecated.warning));
  return deprecated.mode;
}

/** Parses a Go duration ("30s", "5m", "1h30m", "0") to seconds; plain numbers are seconds. */
export function parseDuration(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = Number(m[1]);
    const unit = m[2];
    consumed += m[0].length;
    total +=
      unit === "h" ? n * 3600 : unit === "m" ? n * 60 : unit === "s" ? n : unit === "ms" ? n / 1000 : n / 1e9;
  }
  if (consumed !== text.length || !text) throw new KubectlError(`time: invalid duration "${text}"`);
  return total;
}
