/**
 * Command lines of the control-plane binaries as pflag reads them (cobra commands run through
 * component-base/cli.Run): `--name=value`, `--name value`, bare booleans, underscores read as
 * hyphens (WordSepNormalizeFunc), and pflag's errors for unknown flags and missing values.
 */

/** The flags one binary accepts: names to whether they are booleans. */
export interface FlagSet {
  /** The command's name, as cobra prints it in its argument error. */
  readonly command: string;
  readonly flags: ReadonlyMap<string, boolean>;
  /** Shorthands: `-v` is `--v`, `-h` is `--help`. */
  readonly shorthands: ReadonlyMap<string, string>;
  /** Whether the command refuses positional arguments (kube-scheduler's Args check). */
  readonly noArgs: boolean;
}

/** A parsed command line, or the error pflag or cobra stops at. */
export type ParsedFlags = { flags: Map<string, string> } | { error: string };

/** The names of booleans and of flags that take a value. */
function flagSet(command: string, bools: string[], values: string[], noArgs = true): FlagSet {
  const flags = new Map<string, boolean>();
  for (const b of [...bools, ...COMMON_BOOLS]) flags.set(b, true);
  for (const v of [...values, ...COMMON_VALUES]) flags.set(v, false);
  return {
    command,
    flags,
    shorthands: new Map([
      ["v", "v"],
      ["h", "help"],
    ]),
    noArgs,
  };
}

/** Flags every component-base command has: logging, feature gates, metrics, help, version. */
const COMMON_BOOLS = ["help", "log-json-split-stream", "log-text-split-stream"];
const COMMON_VALUES = [
  "v",
  "vmodule",
  "log-flush-frequency",
  "log-json-info-buffer-size",
  "log-text-info-buffer-size",
  "logging-format",
  "feature-gates",
  "allow-metric-labels",
  "allow-metric-labels-manifest",
  "disabled-metrics",
  "show-hidden-metrics-for-version",
  "version",
];

/** Secure serving, delegated authentication and authorization (genericapiserver options). */
const SERVING_BOOLS = [
  "permit-address-sharing",
  "permit-port-sharing",
  "authentication-skip-lookup",
  "authentication-tolerate-lookup-failure",
];
const SERVING_VALUES = [
  "bind-address",
  "cert-dir",
  "http2-max-streams-per-connection",
  "secure-port",
  "tls-cert-file",
  "tls-cipher-suites",
  "tls-min-version",
  "tls-private-key-file",
  "tls-sni-cert-key",
  "authentication-kubeconfig",
  "authentication-token-webhook-cache-ttl",
  "client-ca-file",
  "requestheader-allowed-names",
  "requestheader-client-ca-file",
  "requestheader-extra-headers-prefix",
  "requestheader-group-headers",
  "requestheader-uid-headers",
  "requestheader-username-headers",
  "authorization-always-allow-paths",
  "authorization-kubeconfig",
  "authorization-webhook-cache-authorized-ttl",
  "authorization-webhook-cache-unauthorized-ttl",
];

const LEADER_ELECTION_VALUES = [
  "leader-elect-lease-duration",
  "leader-elect-renew-deadline",
  "leader-elect-resource-lock",
  "leader-elect-resource-name",
  "leader-elect-resource-namespace",
  "leader-elect-retry-period",
];

/** kube-scheduler v1.32 (cmd/kube-scheduler/app/options). */
export const KUBE_SCHEDULER_FLAGS = flagSet(
  "kube-scheduler",
  [...SERVING_BOOLS, "leader-elect", "contention-profiling", "profiling"],
  [
    ...SERVING_VALUES,
    ...LEADER_ELECTION_VALUES,
    "config",
    "master",
    "write-config-to",
    "kubeconfig",
    "kube-api-burst",
    "kube-api-content-type",
    "kube-api-qps",
    "lock-object-name",
    "lock-object-namespace",
    "pod-max-in-unschedulable-pods-duration",
    "emulated-version",
  ],
);

/** kube-controller-manager v1.32 (cmd/kube-controller-manager/app/options), the flags in use. */
export const KUBE_CONTROLLER_MANAGER_FLAGS = flagSet(
  "kube-controller-manager",
  [
    ...SERVING_BOOLS,
    "leader-elect",
    "contention-profiling",
    "profiling",
    "allocate-node-cidrs",
    "use-service-account-credentials",
    "enable-dynamic-provisioning",
    "enable-garbage-collector",
    "enable-hostpath-provisioner",
    "enable-taint-manager",
    "enable-leader-migration",
    "disable-attach-detach-reconcile-sync",
  ],
  [
    ...SERVING_VALUES,
    ...LEADER_ELECTION_VALUES,
    "master",
    "kubeconfig",
    "kube-api-burst",
    "kube-api-content-type",
    "kube-api-qps",
    "controllers",
    "cluster-cidr",
    "cluster-name",
    "cluster-signing-cert-file",
    "cluster-signing-key-file",
    "cluster-signing-duration",
    "cluster-signing-kube-apiserver-client-cert-file",
    "cluster-signing-kube-apiserver-client-key-file",
    "cluster-signing-kubelet-client-cert-file",
    "cluster-signing-kubelet-client-key-file",
    "cluster-signing-kubelet-serving-cert-file",
    "cluster-signing-kubelet-serving-key-file",
    "cluster-signing-legacy-unknown-cert-file",
    "cluster-signing-legacy-unknown-key-file",
    "root-ca-file",
    "service-account-private-key-file",
    "service-cluster-ip-range",
    "secondary-service-cluster-ip-range",
    "node-cidr-mask-size",
    "node-cidr-mask-size-ipv4",
    "node-cidr-mask-size-ipv6",
    "node-monitor-grace-period",
    "node-monitor-period",
    "node-startup-grace-period",
    "node-eviction-rate",
    "secondary-node-eviction-rate",
    "large-cluster-size-threshold",
    "unhealthy-zone-threshold",
    "pod-eviction-timeout",
    "terminated-pod-gc-threshold",
    "concurrent-deployment-syncs",
    "concurrent-replicaset-syncs",
    "concurrent-daemonset-syncs",
    "concurrent-endpoint-syncs",
    "concurrent-gc-syncs",
    "concurrent-job-syncs",
    "concurrent-cron-job-syncs",
    "concurrent-namespace-syncs",
    "concurrent-service-syncs",
    "concurrent-serviceaccount-token-syncs",
    "concurrent-statefulset-syncs",
    "concurrent-rc-syncs",
    "concurrent-resource-quota-syncs",
    "concurrent-horizontal-pod-autoscaler-syncs",
    "horizontal-pod-autoscaler-sync-period",
    "namespace-sync-period",
    "resource-quota-sync-period",
    "min-resync-period",
    "attach-detach-reconcile-sync-period",
    "configure-cloud-routes",
    "cloud-provider",
    "cloud-config",
    "external-cloud-volume-plugin",
    "flex-volume-plugin-dir",
    "pv-recycler-pod-template-filepath-hostpath",
    "pv-recycler-pod-template-filepath-nfs",
    "leader-migration-config",
    "emulated-version",
  ],
);

/** kube-apiserver v1.32 (cmd/kube-apiserver/app/options), the flags in use. */
export const KUBE_APISERVER_FLAGS = flagSet(
  "kube-apiserver",
  [
    ...SERVING_BOOLS,
    "allow-privileged",
    "enable-bootstrap-token-auth",
    "anonymous-auth",
    "enable-aggregator-routing",
    "enable-priority-and-fairness",
    "enable-garbage-collector",
    "profiling",
    "contention-profiling",
    "watch-cache",
    "enable-logs-handler",
    "service-account-lookup",
    "service-account-extend-token-expiration",
    "kubelet-https",
  ],
  [
    ...SERVING_VALUES.filter((f) => !f.startsWith("authentication-") && !f.startsWith("authorization-")),
    "advertise-address",
    "authorization-mode",
    "authorization-config",
    "authentication-config",
    "authorization-webhook-config-file",
    "authentication-token-webhook-config-file",
    "enable-admission-plugins",
    "disable-admission-plugins",
    "admission-control-config-file",
    "etcd-cafile",
    "etcd-certfile",
    "etcd-keyfile",
    "etcd-servers",
    "etcd-prefix",
    "etcd-servers-overrides",
    "encryption-provider-config",
    "kubelet-client-certificate",
    "kubelet-client-key",
    "kubelet-certificate-authority",
    "kubelet-preferred-address-types",
    "kubelet-timeout",
    "proxy-client-cert-file",
    "proxy-client-key-file",
    "service-account-issuer",
    "service-account-key-file",
    "service-account-signing-key-file",
    "service-account-max-token-expiration",
    "api-audiences",
    "service-cluster-ip-range",
    "service-node-port-range",
    "runtime-config",
    "audit-log-path",
    "audit-log-maxage",
    "audit-log-maxbackup",
    "audit-log-maxsize",
    "audit-log-format",
    "audit-policy-file",
    "audit-webhook-config-file",
    "token-auth-file",
    "oidc-issuer-url",
    "oidc-client-id",
    "oidc-username-claim",
    "oidc-groups-claim",
    "oidc-ca-file",
    "max-requests-inflight",
    "max-mutating-requests-inflight",
    "request-timeout",
    "min-request-timeout",
    "default-not-ready-toleration-seconds",
    "default-unreachable-toleration-seconds",
    "event-ttl",
    "external-hostname",
    "cors-allowed-origins",
    "storage-backend",
    "egress-selector-config-file",
    "endpoint-reconciler-type",
    "storage-media-type",
    "emulated-version",
  ],
);

/** The flags of the binaries the control plane runs, by name. */
export const COMPONENT_FLAGS: Record<string, FlagSet> = {
  "kube-scheduler": KUBE_SCHEDULER_FLAGS,
  "kube-controller-manager": KUBE_CONTROLLER_MANAGER_FLAGS,
  "kube-apiserver": KUBE_APISERVER_FLAGS,
};

/**
 * Parses args (without the program name) as pflag does: the first error stops it, with pflag's
 * text (`unknown flag: --foo`, `flag needs an argument: --config`), or cobra's for positional
 * arguments of a command that takes none.
 *
 * @example parseFlags(KUBE_SCHEDULER_FLAGS, ["--leader-elect=false"]) // { flags: leader-elect → "false" }
 */
export function parseFlags(set: FlagSet, args: readonly string[]): ParsedFlags {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const body = arg.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    let name = rawName.replace(/_/g, "-");
    if (!long) {
      const full = set.shorthands.get(name.slice(0, 1));
      if (!full) return { error: `unknown shorthand flag: '${name.slice(0, 1)}' in ${arg}` };
      if (name.length > 1 && eq < 0) {
        // `-v2`: the rest of the word is the value.
        flags.set(full, name.slice(1));
        continue;
      }
      name = full;
    } else if (!set.flags.has(name)) return { error: `unknown flag: --${rawName}` };
    const isBool = set.flags.get(name) as boolean;
    if (eq >= 0 && isBool && parseBool(body.slice(eq + 1)) === undefined) {
      const v = body.slice(eq + 1);
      return {
        error: `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
      };
    }
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (isBool) flags.set(name, "true");
    else if (i + 1 < args.length) flags.set(name, args[++i] as string);
    else return { error: `flag needs an argument: ${long ? "--" : "-"}${rawName}` };
  }
  if (set.noArgs && positional.some((a) => a.length > 0))
    return {
      error: `"${set.command}" does not take any arguments, got [${positional.map((a) => JSON.stringify(a)).join(" ")}]`,
    };
  return { flags };
}

/** A boolean flag's value (pflag's strconv.ParseBool), or fallback when unset or unreadable. */
export function boolFlag(flags: ReadonlyMap<string, string>, name: string, fallback: boolean): boolean {
  const v = flags.get(name);
  return (v === undefined ? undefined : parseBool(v)) ?? fallback;
}

/** strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  return undefined;
}
