/**
 * What a control-plane binary does when its container starts, up to the point where it serves:
 * read its flags, open the files they name, and either exit 1 with the line it logs, or run.
 * Texts are the binaries' own (component-base/cli/run.go: `Error: %v` before logging is set
 * up, `"command failed" err=...` from klog after).
 */
import { parse as parseYaml } from "yaml";
import type { Cluster } from "../cluster";
import type { ContainerProcess, ProcessOutcome } from "../processes";
import type { KubeSchedulerConfiguration } from "../scheduler";
import { readContainerFile } from "./files";
import { boolFlag, COMPONENT_FLAGS, parseFlags } from "./flags";

/** The control-plane binaries, as their processes are named. */
export const CONTROL_PLANE_COMPONENTS = [
  "etcd",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
] as const;

/** One of the control-plane binaries. */
export type ControlPlaneComponent = (typeof CONTROL_PLANE_COMPONENTS)[number];

/** client-go's clientcmd.ErrEmptyConfig text, for an empty kubeconfig file. */
export const ErrEmptyConfig =
  "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable";

/** Where component-base/cli logs a command's runtime error (run.go's klog.ErrorS line). */
export const RunGoCaller = "run.go:74";

/** Where a component serves its health endpoints, by default (--secure-port; etcd's metrics URL). */
const HEALTH_PORTS: Record<ControlPlaneComponent, number> = {
  etcd: 2381,
  "kube-apiserver": 6443,
  "kube-controller-manager": 10257,
  "kube-scheduler": 10259,
};

/** The port a running component serves /livez, /readyz and /healthz (etcd: /health) on. */
export function healthPort(r: RunningComponent): number {
  if (r.component === "etcd") {
    const url = r.flags.get("listen-metrics-urls")?.split(",")[0];
    const port = Number(/:(\d+)\/?$/.exec(url ?? "")?.[1]);
    return Number.isInteger(port) && port > 0 ? port : HEALTH_PORTS.etcd;
  }
  const port = Number(r.flags.get("secure-port"));
  return Number.isInteger(port) && port > 0 ? port : HEALTH_PORTS[r.component];
}

/** The answer a serving component gives its health paths: 200 `ok` (etcd: its /health JSON), else 404. */
export function healthResponse(
  component: ControlPlaneComponent,
  path: string,
): { status: number; body: string } {
  const bare = path.split("?")[0] ?? "";
  if (component === "etcd" && bare === "/health")
    return { status: 200, body: '{"health":"true","reason":""}' };
  if (/^\/(livez|readyz|healthz)(\/|$)/.test(bare)) return { status: 200, body: "ok" };
  return { status: 404, body: "404 page not found\n" };
}

/** Seconds a leader keeps trying to renew its lease (LeaderElectionConfiguration's renewDeadline default). */
export const LEADER_ELECT_RENEW_DEADLINE = 10;

/**
 * Where each component logs the loss of its lease before exiting 1: kube-scheduler's
 * OnStoppedLeading (`logger.Error(nil, "Leaderelection lost")`, cmd/kube-scheduler/app/server.go)
 * and kube-controller-manager's (`"leaderelection lost"`, cmd/kube-controller-manager/app/
 * controllermanager.go). The line numbers are approximate (not checked against v1.32's files).
 */
const LEADER_ELECTION_LOST: Record<string, { caller: string; message: string }> = {
  "kube-scheduler": { caller: "server.go:294", message: "Leaderelection lost" },
  "kube-controller-manager": { caller: "controllermanager.go:368", message: "leaderelection lost" },
};

/** The line a component logs when it loses its leader lease, at ms. */
export function leaderElectionLost(component: ControlPlaneComponent, ms: number): string {
  const l = LEADER_ELECTION_LOST[component] ?? { caller: "server.go:1", message: "leaderelection lost" };
  return `${klogHeader("E", ms, l.caller)}${JSON.stringify(l.message)}`;
}

/** A component that started and serves: its flags, and the scheduler configuration it read. */
export interface RunningComponent {
  component: ControlPlaneComponent;
  flags: ReadonlyMap<string, string>;
  /** kube-scheduler only: the KubeSchedulerConfiguration of --config, or the defaults. */
  schedulerConfig?: KubeSchedulerConfiguration;
  /** kube-scheduler only: whether it was given --config (an extra scheduler, the my-scheduler lab). */
  hasConfigFile?: boolean;
  leaderElect: boolean;
}

/** What starting a process came to: it runs as a component, or it exited. */
export type StartResult =
  | { running: RunningComponent; outcome: ProcessOutcome }
  | { outcome: ProcessOutcome };

/** The control-plane binary a process runs, if any: its argv[0] names it and its image ships it. */
export function componentOf(process: ContainerProcess): ControlPlaneComponent | undefined {
  const binary = (commandArgv(process.argv)[0] ?? "").split("/").pop() as string;
  const known = CONTROL_PLANE_COMPONENTS.find((c) => c === binary);
  if (!known) return undefined;
  return process.image === known ? known : undefined;
}

/**
 * The command a process runs: the control-plane images' entrypoint, /go-runner, runs the argv
 * after its own flags (`--log-file=...`, `--also-stdout`), so it is looked through.
 */
export function commandArgv(argv: readonly string[]): readonly string[] {
  if ((argv[0] ?? "").split("/").pop() !== "go-runner") return argv;
  let i = 1;
  while (i < argv.length && (argv[i] as string).startsWith("-")) i++;
  return argv.slice(i);
}

/** The value of `--name=VALUE` on a command line; undefined when the flag is not there. */
export function commandFlag(argv: readonly string[], name: string): string | undefined {
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** A klog header: `E1206 14:11:19.888068       1 run.go:74] ` at ms (PID 1 in its container). */
export function klogHeader(severity: "I" | "W" | "E", ms: number, caller: string): string {
  const iso = new Date(ms).toISOString();
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
  return `${severity}${stamp}       1 ${caller}] `;
}

/** Go's %q of an ASCII string (what klog's err="..." shows). */
function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** Starts the binary a process runs: its flags, then the files they name. */
export function startComponent(
  cluster: Cluster,
  process: ContainerProcess,
  component: ControlPlaneComponent,
): StartResult {
  const failed = (err: string): StartResult => ({
    outcome: {
      exitCode: 1,
      logs: [`${klogHeader("E", process.startedMs, RunGoCaller)}"command failed" err=${goQuote(err)}`],
    },
  });
  const set = COMPONENT_FLAGS[component];
  let flags = new Map<string, string>();
  if (set) {
    const parsed = parseFlags(set, commandArgv(process.argv).slice(1));
    // Flag errors come before logging is set up: plain text on stderr.
    if ("error" in parsed) return { outcome: { exitCode: 1, logs: [`Error: ${parsed.error}`] } };
    flags = parsed.flags;
  }
  const read = (path: string) => readContainerFile(cluster, process.pod, process.container, path);
  let schedulerConfig: KubeSchedulerConfiguration | undefined;
  let kubeconfig = flags.get("kubeconfig");
  const configPath = component === "kube-scheduler" ? flags.get("config") : undefined;
  if (configPath) {
    const file = read(configPath);
    if ("missing" in file) return failed(`open ${configPath}: no such file or directory`);
    try {
      schedulerConfig = (parseYaml(file.text) ?? {}) as KubeSchedulerConfiguration;
    } catch (e) {
      return failed(`couldn't decode as KubeSchedulerConfiguration: ${(e as Error).message}`);
    }
    if (typeof schedulerConfig !== "object" || Array.isArray(schedulerConfig))
      return failed("couldn't decode as KubeSchedulerConfiguration");
    // --kubeconfig "is ignored if a config file is specified in --config".
    kubeconfig = (schedulerConfig as { clientConnection?: { kubeconfig?: string } }).clientConnection
      ?.kubeconfig;
  }
  const delegated = component === "kube-scheduler" || component === "kube-controller-manager";
  // clientcmd's ExplicitPath loading: a missing file fails its stat, an empty one has no config.
  const loadError = (path: string): string | undefined => {
    const file = read(path);
    if ("missing" in file) return `stat ${path}: no such file or directory`;
    return file.text.trim() === "" ? ErrEmptyConfig : undefined;
  };
  // The controller manager builds its client before applying the serving options; the scheduler
  // applies them first (options.Config in cmd/kube-controller-manager and cmd/kube-scheduler).
  const kubeconfigError = delegated && kubeconfig ? loadError(kubeconfig) : undefined;
  if (component === "kube-controller-manager" && kubeconfigError) return failed(kubeconfigError);
  if (delegated) {
    const authError = delegatedAuthError(flags, loadError);
    if (authError) return failed(authError);
  }
  if (kubeconfigError) return failed(kubeconfigError);
  const configLeaderElect = (schedulerConfig as { leaderElection?: { leaderElect?: boolean } } | undefined)
    ?.leaderElection?.leaderElect;
  const running: RunningComponent = {
    component,
    flags,
    schedulerConfig: component === "kube-scheduler" ? (schedulerConfig ?? {}) : undefined,
    hasConfigFile: Boolean(configPath),
    leaderElect: configPath ? configLeaderElect !== false : boolFlag(flags, "leader-elect", true),
  };
  return { running, outcome: { logs: startupLogs(running, process) } };
}

/**
 * DelegatingAuthenticationOptions.ApplyTo then DelegatingAuthorizationOptions.ApplyTo
 * (apiserver/pkg/server/options/authentication.go, authorization.go): the kubeconfig files named
 * by --authentication-kubeconfig and --authorization-kubeconfig must load. The authentication
 * error is wrapped twice, by getClient and by ApplyTo.
 */
function delegatedAuthError(
  flags: Map<string, string>,
  loadError: (path: string) => string | undefined,
): string | undefined {
  const authn = flags.get("authentication-kubeconfig");
  const authnError = authn ? loadError(authn) : undefined;
  if (authnError)
    return `failed to get delegated authentication kubeconfig: failed to get delegated authentication kubeconfig: ${authnError}`;
  const authz = flags.get("authorization-kubeconfig");
  const authzError = authz ? loadError(authz) : undefined;
  if (authzError) return `failed to get delegated authorization kubeconfig: ${authzError}`;
  return undefined;
}

/** The version a component's image tag names (`registry.k8s.io/kube-scheduler:v1.32.2`). */
function imageVersion(process: ContainerProcess): string {
  const image = process.container.image ?? "";
  const tag = image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : "";
  return /^v\d/.test(tag) ? tag : "v1.32.2";
}

/**
 * The first lines a component that starts and serves logs (what `kubectl logs` shows of a
 * healthy control plane), from its sources: component-base's dynamic serving certificate
 * (serving.go), the version and Go settings each cmd/*​/app logs first, the secure serving
 * line, and client-go's leader election (leaderelection.go) when it elects. Callers' line numbers
 * are approximate. etcd logs JSON (zap).
 */
function startupLogs(r: RunningComponent, process: ContainerProcess): string[] {
  const t = process.startedMs;
  const at = (ms: number, caller: string, text: string) => `${klogHeader("I", t + ms, caller)}${text}`;
  const version = imageVersion(process);
  const go = '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""';
  const bind = r.flags.get("bind-address") ?? "127.0.0.1";
  const port = healthPort(r);
  const lease = (name: string) =>
    r.leaderElect
      ? [
          at(400, "leaderelection.go:257", `attempting to acquire leader lease kube-system/${name}...`),
          at(450, "leaderelection.go:271", `successfully acquired lease kube-system/${name}`),
        ]
      : [];
  switch (r.component) {
    case "kube-scheduler":
      return [
        at(0, "serving.go:386", "Generated self-signed cert in-memory"),
        at(250, "server.go:167", `"Starting Kubernetes Scheduler" version="${version}"`),
        at(250, "server.go:169", go),
        at(260, "secure_serving.go:213", `Serving securely on ${bind}:${port}`),
        at(260, "tlsconfig.go:243", '"Starting DynamicServingCertificateController"'),
        ...lease(
          (r.schedulerConfig as { leaderElection?: { resourceName?: string } } | undefined)?.leaderElection
            ?.resourceName ?? "kube-scheduler",
        ),
      ];
    case "kube-controller-manager":
      return [
        at(0, "serving.go:386", "Generated self-signed cert in-memory"),
        at(250, "controllermanager.go:185", `"Starting" version="${version}"`),
        at(250, "controllermanager.go:187", go),
        at(260, "secure_serving.go:213", `Serving securely on ${bind}:${port}`),
        at(260, "tlsconfig.go:243", '"Starting DynamicServingCertificateController"'),
        ...lease("kube-controller-manager"),
      ];
    case "kube-apiserver":
      return [
        at(
          0,
          "options.go:228",
          `external host was not specified, using ${r.flags.get("advertise-address") ?? "192.168.1.10"}`,
        ),
        at(10, "server.go:142", `Version: ${version}`),
        at(10, "server.go:144", go),
        at(900, "secure_serving.go:213", `Serving securely on [::]:${port}`),
        at(900, "tlsconfig.go:243", '"Starting DynamicServingCertificateController"'),
      ];
    case "etcd": {
      const ts = new Date(t).toISOString();
      // etcd's flags are not parsed into r.flags: read them from its command line.
      const argv = commandArgv(process.argv);
      const flag = (f: string) => commandFlag(argv, f);
      const name = flag("name") ?? "default";
      return [
        `{"level":"info","ts":"${ts}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(argv)}}`,
        `{"level":"info","ts":"${ts}","caller":"embed/etcd.go:140","msg":"configuring peer listeners","listen-peer-urls":["${flag("listen-peer-urls") ?? "http://localhost:2380"}"]}`,
        `{"level":"info","ts":"${ts}","caller":"embed/etcd.go:311","msg":"starting an etcd server","etcd-version":"3.5.16","name":"${name}","data-dir":"${flag("data-dir") ?? "default.etcd"}"}`,
        `{"level":"info","ts":"${ts}","caller":"etcdserver/server.go:2067","msg":"published local member to cluster through raft","local-member-attributes":"{Name:${name} ClientURLs:[${flag("advertise-client-urls") ?? "http://localhost:2379"}]}"}`,
        `{"level":"info","ts":"${ts}","caller":"embed/serve.go:210","msg":"serving client traffic securely","traffic":"grpc+http","address":"${(
          r.flags.get("listen-client-urls") ?? "127.0.0.1:2379"
        )
          .split(",")
          .pop()
          ?.replace(/^https?:\/\//, "")}"}`,
      ];
    }
  }
}
