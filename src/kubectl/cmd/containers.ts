/**
 * `kubectl logs` and `kubectl exec` (staging/src/k8s.io/kubectl/pkg/cmd/{logs,exec},
 * polymorphichelpers/logsforobject.go, util/podcmd): pick the pod (a workload names its first
 * pod), default the container with `Defaulted container "a" out of: a, b`, and read from the
 * node's host (NodeHost.containerLogs / exec).
 */
import { ApiError, notFound } from "../../engine/api/errors";
import type { Pod } from "../../engine/api/kinds";
import { matchesLabelSelector, parseLabelSelector } from "../../engine/api/selectors";
import { isShellCommand } from "../../engine/kubelet/interactive";
import { type LogOptions, readLogs } from "../../engine/kubelet/logread";
import { mustResolve } from "../builder";
import { type Command, F, type Invocation, KubectlError } from "../command";
import type { LogStream } from "../interface";

/** The annotation naming a pod's default container. */
export const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/** exec.go StreamOptions.SetupTTY: -t with input that is not a terminal. */
export const NoTTYMessage = "Unable to use a TTY - input is not a terminal or the right kind of file";

/** podcmd allContainerNames: `a, b, c (init), d (ephem)`. */
function allContainerNames(pod: Pod): string {
  const names = [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ];
  return names.join(", ");
}

/**
 * The container to use, writing the "Defaulted" note to stderr. For exec this is podcmd
 * FindOrDefaultContainerByName (an unknown -c fails client-side, a stale default-container
 * annotation is only logged at V(4)); for logs it is logsforobject.go (the API server rejects an
 * unknown -c with BadRequest, a stale annotation is reported on stderr).
 */
export function containerFor(inv: Invocation, pod: Pod, name: string, forExec = false): string {
  const all = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ];
  if (name) {
    if (!all.some((c) => c.name === name)) {
      if (forExec) throw new KubectlError(`container ${name} not found in pod ${pod.metadata.name}`);
      throw new ApiError("BadRequest", `container ${name} is not valid for pod ${pod.metadata.name}`);
    }
    return name;
  }
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated) {
    if (all.some((c) => c.name === annotated)) return annotated;
    if (!forExec) inv.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
  }
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0)
    throw new KubectlError(`pod ${pod.metadata.name} does not have any containers`);
  if (
    containers.length > 1 ||
    (pod.spec?.initContainers ?? []).length ||
    (pod.spec?.ephemeralContainers ?? []).length
  ) {
    if (!inv.flags.bool("quiet"))
      inv.err(`Defaulted container "${containers[0]?.name}" out of: ${allContainerNames(pod)}\n`);
  }
  return containers[0]?.name as string;
}

/**
 * Resolves `POD`, `pod/x`, `deploy/web`, `ds/x` (first matching pod, sorted by name) to a pod.
 * forLogs: as logsForObject, say which of several pods it took (`Found 3 pods, using pod/x`).
 */
export function podFor(inv: Invocation, arg: string, forLogs = false): Pod {
  const api = inv.cluster.api;
  const ns = inv.namespace;
  if (!arg.includes("/")) {
    const pod = api.get("Pod", ns, arg);
    if (!pod) throw notFound("pods", arg);
    return pod as Pod;
  }
  const [type, name] = arg.split("/") as [string, string];
  const res = mustResolve(type, inv.mapper);
  if (res.kind === "Pod") {
    const pod = api.get("Pod", ns, name);
    if (!pod) throw notFound("pods", name);
    return pod as Pod;
  }
  const owner = api.get(res.kind, res.namespaced ? ns : undefined, name);
  if (!owner) throw notFound(res.group ? `${res.plural}.${res.group}` : res.plural, name);
  const selector = owner.spec?.selector;
  const pods = (api.list("Pod", { namespace: ns }) as Pod[])
    .filter((p) =>
      res.kind === "Service"
        ? selector && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v)
        : matchesLabelSelector(selector, p.metadata.labels),
    )
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  const pod = pods.find((p) => p.status?.phase === "Running") ?? pods[0];
  if (!pod) throw new KubectlError(`timed out waiting for the condition`);
  if (forLogs && pods.length > 1) inv.err(`Found ${pods.length} pods, using pod/${pod.metadata.name}\n`);
  return pod;
}

/** The status of a container, init container or ephemeral container by name. */
export function containerStatusByName(pod: Pod | undefined, container: string) {
  const status = pod?.status;
  return [
    ...(status?.containerStatuses ?? []),
    ...(status?.initContainerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === container);
}

function waitingReason(pod: Pod, container: string): string | undefined {
  const st = containerStatusByName(pod, container);
  if (!st) return "ContainerCreating";
  if (st.state?.waiting && !st.lastState?.terminated) return st.state.waiting.reason ?? "ContainerCreating";
  return undefined;
}

function logsOf(inv: Invocation, pod: Pod, container: string, previous: boolean, opts: LogOptions): string {
  const name = pod.metadata.name;
  const host = pod.spec?.nodeName ? inv.cluster.hosts.get(pod.spec.nodeName) : undefined;
  // LogLocation: a pod no node has taken has no log location, and the stream is empty.
  if (!pod.spec?.nodeName) return "";
  if (!previous) {
    const reason = waitingReason(pod, container);
    if (reason)
      throw new ApiError(
        "BadRequest",
        `container "${container}" in pod "${name}" is waiting to start: ${reason}`,
      );
  }
  const lines = host?.containerLogs(pod.metadata.namespace ?? "default", name ?? "", container, previous);
  if (lines === undefined) {
    if (previous)
      throw new ApiError(
        "BadRequest",
        `previous terminated container "${container}" in pod "${name}" not found`,
      );
    return "";
  }
  return readLogs(lines, opts);
}

/** The kubelet's log options from kubectl's flags (logs.go ToLogOptions, then NewLogOptions). */
function logOptions(inv: Invocation, defaultTail: number): LogOptions {
  const since = inv.flags.str("since");
  const sinceTime = inv.flags.str("since-time");
  if (since && sinceTime)
    throw new KubectlError("at most one of `sinceTime` or `sinceSeconds` may be specified");
  const opts: LogOptions = {
    tail: inv.flags.int("tail", defaultTail),
    timestamps: inv.flags.bool("timestamps"),
  };
  const limit = inv.flags.int("limit-bytes", 0);
  if (limit < 0) throw new KubectlError("--limit-bytes must be greater than 0");
  if (limit > 0) opts.limitBytes = limit;
  if (since) {
    const seconds = parseGoDurationFlag(since);
    if (seconds === undefined)
      throw new KubectlError(
        `invalid argument "${since}" for "--since" flag: time: invalid duration "${since}"`,
      );
    if (seconds <= 0) throw new KubectlError("--since must be greater than 0");
    // The API takes whole seconds, rounded up (logs.go: int64(math.Ceil(since.Seconds()))).
    opts.sinceMs = inv.cluster.clock.now() - Math.ceil(seconds) * 1000;
  }
  if (sinceTime) {
    const ms = Date.parse(sinceTime);
    if (Number.isNaN(ms) || !/^\d{4}-\d\d-\d\dT/.test(sinceTime))
      throw new KubectlError(
        `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`,
      );
    opts.sinceMs = Math.floor(ms / 1000) * 1000;
  }
  return opts;
}

/** Seconds of a Go duration flag (`1h30m`, `10s`, `500ms`); undefined when it does not parse. */
function parseGoDurationFlag(text: string): number | undefined {
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (unit[m[2] as string] as number);
    pos = re.lastIndex;
  }
  return pos === text.length && pos > 0 ? total : undefined;
}

export const logs: Command = {
  name: "logs",
  flags: [
    F.selector,
    { name: "container", short: "c", type: "string" },
    { name: "previous", short: "p", type: "bool" },
    { name: "follow", short: "f", type: "bool" },
    { name: "tail", type: "int" },
    { name: "timestamps", type: "bool" },
    { name: "since", type: "string" },
    { name: "since-time", type: "string" },
    { name: "all-containers", type: "bool" },
    { name: "prefix", type: "bool" },
    { name: "limit-bytes", type: "int" },
    { name: "max-log-requests", type: "int" },
    { name: "pod-running-timeout", type: "string" },
    { name: "ignore-errors", type: "bool" },
    { name: "insecure-skip-tls-verify-backend", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "all-pods", type: "bool" },
  ],
  run(inv) {
    const args = inv.flags.args;
    const selector = inv.flags.str("selector");
    let pods: Pod[];
    let containerArg = inv.flags.str("container");
    if (selector) {
      if (args.length) throw new KubectlError("only a selector (-l) or a POD name is allowed");
      pods = (
        inv.cluster.api.list("Pod", {
          namespace: inv.namespace,
          labelSelector: parseLabelSelector(selector),
        }) as Pod[]
      ).sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
      if (pods.length === 0) {
        inv.err(`No resources found in ${inv.namespace} namespace.\n`);
        return;
      }
    } else {
      if (args.length === 0 || args.length > 2)
        throw new KubectlError(
          `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`,
        );
      if (args.length === 2) {
        if (containerArg) throw new KubectlError("only one of -c or an inline [CONTAINER] arg is allowed");
        containerArg = args[1] as string;
      }
      pods = [podFor(inv, args[0] as string, true)];
    }
    const opts = logOptions(inv, selector ? 10 : -1);
    const prefix = inv.flags.bool("prefix");
    for (const pod of pods) {
      const containers = inv.flags.bool("all-containers")
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
        : [containerFor(inv, pod, containerArg)];
      for (const c of containers) {
        let text = logsOf(inv, pod, c, inv.flags.bool("previous"), opts);
        if (prefix) text = text.replace(/^(?=.)/gm, `[pod/${pod.metadata.name}/${c}] `);
        inv.out(text);
      }
    }
    const only = pods.length === 1 ? pods[0] : undefined;
    if (inv.flags.bool("follow") && inv.ctx.follow && only && !inv.flags.bool("previous")) {
      const stream = followLogs(
        inv,
        only,
        containerFor(inv, only, containerArg, true),
        opts.timestamps === true,
      );
      if (stream) inv.ctx.follow(stream);
    }
  },
};

/** The rest of a running container's log as it is written (`kubectl logs -f`). */
function followLogs(
  inv: Invocation,
  pod: Pod,
  container: string,
  timestamps: boolean,
): LogStream | undefined {
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  const uid = pod.metadata.uid;
  const cluster = inv.cluster;
  const running = () => {
    const live = cluster.api.get("Pod", ns, name) as Pod | undefined;
    if (live?.metadata.uid !== uid) return false;
    return Boolean(containerStatusByName(live, container)?.state?.running);
  };
  const lines = () => {
    const node = (cluster.api.get("Pod", ns, name) as Pod | undefined)?.spec?.nodeName;
    return (node ? cluster.hosts.get(node)?.containerLogs(ns, name, container, false) : undefined) ?? [];
  };
  if (!running()) return undefined;
  let seen = lines().length;
  return {
    next() {
      const now = lines();
      // Fewer lines than read: a new log (rotation) is read from its start.
      if (now.length < seen) seen = 0;
      const text = readLogs(now.slice(seen), { timestamps });
      seen = now.length;
      return text;
    },
    ended: () => !running(),
  };
}

export const exec: Command = {
  name: "exec",
  flags: [
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "pod-running-timeout", type: "string" },
    F.filename,
  ],
  run(inv) {
    const args = inv.flags.args;
    const command = inv.flags.dashArgs ?? args.slice(1);
    if (args.length === 0) throw new KubectlError("pod, type/name or --filename must be specified");
    // exec.go Complete since v1.31: a command without `--` is a usage error.
    if (inv.flags.dashArgs === undefined && args.length > 1)
      throw new KubectlError(
        "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
      );
    if (command.length === 0)
      throw new KubectlError("you must specify at least one command for the container");
    const pod = podFor(inv, args[0] as string);
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed")
      throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = containerFor(inv, pod, inv.flags.str("container"), true);
    const host = pod.spec?.nodeName ? inv.cluster.hosts.get(pod.spec.nodeName) : undefined;
    const st = containerStatusByName(pod, container);
    if (!host || !st?.state?.running)
      throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
    const ns = pod.metadata.namespace ?? "default";
    const withStdin = inv.flags.bool("stdin");
    // Input from a pipe or a here-document is no terminal: exec.go SetupTTY drops the TTY, says
    // so, and streams the input to the command.
    const piped = withStdin && inv.stdin !== "";
    if (piped && inv.flags.bool("tty") && !inv.flags.bool("quiet")) inv.err(`${NoTTYMessage}\n`);
    const interactive = withStdin && !piped && inv.flags.bool("tty") && isShellCommand(command);
    if (interactive && inv.ctx.attachShell && host.openShell) {
      const opened = host.openShell(ns, pod.metadata.name ?? "", container, command);
      if ("run" in opened) {
        inv.ctx.attachShell(opened);
        return;
      }
      inv.err(opened.stderr);
      inv.err(`command terminated with exit code ${opened.exit}\n`);
      inv.exit = opened.exit;
      return;
    }
    // -t without input that is no terminal still gets one unless the input was piped (SetupTTY).
    const tty = inv.flags.bool("tty") && !piped && withStdin;
    const r = host.exec(ns, pod.metadata.name ?? "", container, command, piped ? inv.stdin : undefined, {
      tty,
    });
    inv.out(r.stdout);
    inv.err(r.stderr);
    if (r.exit !== 0) {
      inv.err(`command terminated with exit code ${r.exit}\n`);
      inv.exit = r.exit;
    }
  },
};
