/**
 * `kubectl run NAME --image=IMAGE` (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and
 * generate/versioned/run.go BasicPod): a Pod labelled run=NAME, dnsPolicy ClusterFirst,
 * `--restart`, `--labels`, `--env`, `--port`, `--command -- CMD...` or `-- ARGS...`.
 */

import type { Pod } from "../../engine/api/kinds";
import type { KubeObject } from "../../engine/api/types";
import { isShellCommand } from "../../engine/kubelet/interactive";
import { readLogs } from "../../engine/kubelet/logread";
import { type Command, dryRunMode, F, type Invocation, KubectlError, PRINT_FLAGS } from "../command";
import type { CommandResult } from "../interface";
import { argvOf } from "./container-argv";
import { emitGenerated } from "./create";

type Obj = Record<string, unknown>;

/** Parses `a=b,c=d` (--labels / --annotations style). */
function parseKeyValues(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new KubectlError(`invalid ${what}: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** The Pod `kubectl run` would create, keys in the Go structs' order. */
export function buildRunPod(inv: Invocation): KubeObject {
  const [name, ...extraArgs] = inv.flags.args;
  if (!name) throw new KubectlError("NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = inv.flags.str("image");
  if (!inv.flags.has("image")) throw new KubectlError(`required flag(s) "image" not set`);
  if (!image) throw new KubectlError("--image is required");
  const restart = inv.flags.str("restart", "Always");
  if (!["Always", "OnFailure", "Never"].includes(restart))
    throw new KubectlError(`invalid restart policy: ${restart}`);
  const labels = inv.flags.has("labels")
    ? parseKeyValues(inv.flags.str("labels"), "label spec")
    : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of inv.flags.list("annotations")) Object.assign(annotations, parseKeyValues(a, "annotation"));

  const container: Obj = { name, image };
  const rest = [...extraArgs, ...(inv.flags.dashArgs ?? [])];
  if (inv.flags.bool("command")) {
    if (rest.length === 0)
      throw new KubectlError(
        "--command requires a command (kubectl run NAME --image=IMAGE --command -- CMD ARGS...)",
      );
    container.command = rest;
  } else if (rest.length) container.args = rest;
  if (inv.flags.has("port")) {
    const port = inv.flags.str("port");
    if (!/^\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  const env = inv.flags.list("env");
  if (env.length)
    container.env = env.map((e) => {
      const eq = e.indexOf("=");
      if (eq <= 0) throw new KubectlError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  container.resources = {};
  if (inv.flags.str("image-pull-policy")) {
    const p = inv.flags.str("image-pull-policy");
    if (!["Always", "IfNotPresent", "Never"].includes(p))
      throw new KubectlError(`invalid image pull policy: ${p}`);
    container.imagePullPolicy = p;
  }
  if (inv.flags.bool("privileged")) container.securityContext = { privileged: true };
  if (inv.flags.bool("stdin")) {
    container.stdin = true;
    if (inv.flags.bool("attach", true) && inv.flags.bool("stdin")) container.stdinOnce = true;
  }
  if (inv.flags.bool("tty")) container.tty = true;

  const metadata: Obj = { name };
  if (inv.explicitNamespace) metadata.namespace = inv.namespace;
  metadata.creationTimestamp = null;
  metadata.labels = labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  let pod: Obj = {
    kind: "Pod",
    apiVersion: "v1",
    metadata,
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: "ClusterFirst" },
    status: {},
  };
  const overrides = inv.flags.str("overrides");
  if (overrides) {
    let patch: unknown;
    try {
      patch = JSON.parse(overrides);
    } catch (e) {
      throw new KubectlError(`unable to parse overrides: ${(e as Error).message}`);
    }
    pod = mergeOverrides(pod, patch) as Obj;
  }
  return pod as KubeObject;
}

function mergeOverrides(base: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  if (typeof base !== "object" || base === null || Array.isArray(base)) return patch;
  const out: Obj = { ...(base as Obj) };
  for (const [k, v] of Object.entries(patch as Obj)) {
    if (v === null) delete out[k];
    else if (k === "containers" && Array.isArray(v) && Array.isArray(out[k]))
      out[k] = (v as Obj[]).map((c, i) => mergeOverrides((out[k] as Obj[])[i], c));
    else out[k] = mergeOverrides(out[k], v);
  }
  return out;
}

export const run: Command = {
  name: "run",
  flags: [
    ...PRINT_FLAGS,
    F.dryRun,
    F.fieldManager,
    { name: "image", type: "string" },
    { name: "restart", type: "string" },
    { name: "labels", short: "l", type: "string" },
    { name: "annotations", type: "stringArray" },
    { name: "env", type: "stringArray" },
    { name: "port", type: "string" },
    { name: "command", type: "bool" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "rm", type: "bool" },
    { name: "attach", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "image-pull-policy", type: "string" },
    { name: "privileged", type: "bool" },
    { name: "overrides", type: "string" },
    { name: "expose", type: "bool" },
    { name: "pod-running-timeout", type: "string" },
    { name: "save-config", type: "bool" },
    { name: "leave-stdin-open", type: "bool" },
    { name: "cascade", type: "string" },
    { name: "force", type: "bool" },
    { name: "grace-period", type: "int" },
    { name: "timeout", type: "string" },
    { name: "wait", type: "bool" },
    { name: "filename", short: "f", type: "stringArray" },
  ],
  run(inv) {
    const pod = buildRunPod(inv);
    if (inv.flags.bool("rm") && !inv.flags.bool("stdin") && !inv.flags.bool("attach"))
      throw new KubectlError("--rm should only be used for attached containers");
    if (inv.flags.bool("expose") && !inv.flags.has("port"))
      throw new KubectlError("--port must be set when exposing a service");
    const attach = inv.flags.bool("attach", inv.flags.bool("stdin") || inv.flags.bool("tty"));
    if (inv.flags.bool("expose")) exposeRunPod(inv, pod);
    if (!attach || dryRunMode(inv) !== "none" || inv.flags.str("output")) {
      emitGenerated(inv, pod);
      return;
    }
    runAttached(inv, pod);
  },
};

/** `kubectl run --expose --port=P`: a ClusterIP Service selecting the pod's labels, created first. */
function exposeRunPod(inv: Invocation, pod: KubeObject): void {
  const name = pod.metadata.name as string;
  const port = Number(inv.flags.str("port"));
  const metadata: Record<string, unknown> = { name };
  if (inv.explicitNamespace) metadata.namespace = inv.namespace;
  metadata.creationTimestamp = null;
  const svc = {
    kind: "Service",
    apiVersion: "v1",
    metadata,
    spec: { ports: [{ port, protocol: "TCP", targetPort: port }], selector: { ...pod.metadata.labels } },
    status: { loadBalancer: {} },
  } as KubeObject;
  emitGenerated(inv, svc);
  if (inv.flags.str("output")) inv.out(inv.flags.str("output") === "yaml" ? "---\n" : "");
}

/**
 * When an attached shell of `kubectl run -it` ends: the container has ended with it; with --rm
 * the pod is deleted; a failure is reported as kubectl's attach does.
 */
function afterSession(
  cluster: Invocation["cluster"],
  ns: string,
  name: string,
  uid: string | undefined,
  rm: boolean,
): CommandResult {
  const current = () => cluster.api.get("Pod", ns, name);
  cluster.settle();
  const terminated = current()?.status?.containerStatuses?.[0]?.state?.terminated;
  let stdout = "";
  let stderr = "";
  if (rm && current()?.metadata.uid === uid) {
    cluster.api.delete("Pod", ns, name);
    const t0 = cluster.clock.now();
    cluster.settle();
    while (current()?.metadata.uid === uid && cluster.clock.now() - t0 < 3600_000) cluster.advance(1);
    stdout += `pod "${name}" deleted\n`;
  }
  if (terminated && terminated.exitCode !== 0)
    stderr += `pod ${ns}/${name} terminated (${terminated.reason ?? "Error"})\n`;
  else if (!terminated && !rm)
    stderr += `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`;
  return { stdout, stderr, exit: terminated?.exitCode ? 1 : 0 };
}

/** How long an attached `kubectl run` waits for its pod to run (--pod-running-timeout's default, 1m). */
export const ATTACH_WAIT_SECONDS = 60;

/**
 * How long an attached `kubectl run` streams a running container before it gives up waiting for
 * its end (simulated seconds). kubectl itself waits for as long as it runs; this bounds a line at
 * a terminal without a person, beyond a client's connect timeout (busybox wget: 127 s).
 */
export const ATTACH_STREAM_SECONDS = 300;

/**
 * `kubectl run -it [--rm]`: create the pod, wait for it to run, show what the container printed
 * (a terminal attach), and with --rm delete it afterwards.
 */
export function runAttached(inv: Invocation, pod: KubeObject, onCreated?: (pod: KubeObject) => void): void {
  const cluster = inv.cluster;
  const ns = inv.namespace;
  pod.metadata.namespace = ns;
  const created = cluster.api.create(pod, { fieldManager: onCreated ? "kubectl-debug" : "kubectl-run" });
  onCreated?.(created);
  const name = created.metadata.name as string;
  const container = created.spec.containers[0].name as string;
  const start = cluster.clock.now();
  const current = () => cluster.api.get("Pod", ns, name);
  const finished = () => ["Succeeded", "Failed"].includes(current()?.status?.phase);
  cluster.settle();
  // What the container runs: `kubectl run -it --rm x --image=busybox` (no command) runs the
  // image's CMD, busybox's sh, and gets a terminal as `-- sh` does.
  const argv = argvOf(created as Pod, container);
  const terminal =
    inv.flags.bool("stdin") && inv.flags.bool("tty") && isShellCommand(argv)
      ? inv.ctx.attachShell
      : undefined;
  const running = () => current()?.status?.phase === "Running";
  // `echo x | kubectl run -i ... -- cat`: the piped input is attached to the container's stdin.
  // The simulated attach hands it over before the container starts, as the runtime buffers it.
  let input = !terminal && inv.flags.bool("stdin") && inv.stdin !== "" ? inv.stdin : undefined;
  const attachInput = () => {
    const node = current()?.spec?.nodeName;
    if (input === undefined || !node) return;
    cluster.hosts.get(node)?.attachInput?.(ns, name, container, input);
    input = undefined;
  };
  attachInput();
  while (!finished() && !running() && cluster.clock.now() - start < ATTACH_WAIT_SECONDS * 1000) {
    cluster.advance(1);
    attachInput();
  }
  // Attached to a running container that is no shell, kubectl streams its output until it ends.
  const attached = cluster.clock.now();
  const runningAtAttach = running();
  while (!terminal && running() && cluster.clock.now() - attached < ATTACH_STREAM_SECONDS * 1000)
    cluster.advance(1);
  if (terminal && running()) {
    const node = current()?.spec?.nodeName;
    const opened = node
      ? cluster.hosts.get(node)?.openShell?.(ns, name, container, argv, { attach: true })
      : undefined;
    if (opened && "run" in opened) {
      inv.err("If you don't see a command prompt, try pressing enter.\n");
      terminal(opened, () => afterSession(cluster, ns, name, created.metadata.uid, inv.flags.bool("rm")));
      return;
    }
  }
  const live = current();
  if (live?.spec?.nodeName && live.status?.phase !== "Pending") {
    if (runningAtAttach) inv.err("If you don't see a command prompt, try pressing enter.\n");
    const host = cluster.hosts.get(live.spec.nodeName);
    inv.out(readLogs(host?.containerLogs(ns, name, container, false) ?? []));
  } else {
    inv.err(`error: timed out waiting for the condition\n`);
    inv.exit = 1;
  }
  const phase = live?.status?.phase;
  const terminated = live?.status?.containerStatuses?.[0]?.state?.terminated;
  if (inv.flags.bool("rm")) {
    cluster.api.delete("Pod", ns, name);
    const t0 = cluster.clock.now();
    cluster.settle();
    while (current()?.metadata.uid === created.metadata.uid && cluster.clock.now() - t0 < 3600_000)
      cluster.advance(1);
    inv.out(`pod "${name}" deleted\n`);
  }
  if (phase === "Failed" || (terminated && terminated.exitCode !== 0)) {
    inv.err(`pod ${ns}/${name} terminated (${terminated?.reason ?? "Error"})\n`);
    inv.exit = 1;
  }
}
