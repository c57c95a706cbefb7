/**
 * `kubectl attach POD [-c C] -it` (staging/src/k8s.io/kubectl/pkg/cmd/attach/attach.go), and what
 * `kubectl debug -i` does once the debug container exists (debug.go handleAttachPod,
 * waitForContainer): wait for the container to run, attach a terminal to its shell, or show what
 * it printed (its logs) when it is no shell or already ended.
 */
import type { Pod } from "../../engine/api/kinds";
import { isShellCommand } from "../../engine/kubelet/interactive";
import { readLogs } from "../../engine/kubelet/logread";
import { type Command, type Invocation, KubectlError } from "../command";
import type { CommandResult } from "../interface";
import { argvOf } from "./container-argv";
import { containerFor, containerStatusByName, podFor } from "./containers";
import { ATTACH_WAIT_SECONDS } from "./run";

/** attach.go's hint before a terminal session. */
export const PromptHint = "If you don't see a command prompt, try pressing enter.\n";

/** attach.go reattachMessage: the line after a terminal session in a pod that restarts its containers. */
export function reattachMessage(pod: string, container: string, ephemeral: boolean): string {
  if (ephemeral)
    return `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod} -c ${container} -i -t' if it is still running\n`;
  return `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`;
}

/** `kubectl attach`. */
export const attach: Command = {
  name: "attach",
  flags: [
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "pod-running-timeout", type: "string" },
  ],
  run(inv) {
    const [target] = inv.flags.args;
    if (!target) throw new KubectlError("expected POD, TYPE/NAME, or TYPE NAME, (1) as arguments");
    const pod = podFor(inv, target);
    const phase = pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed")
      throw new KubectlError(`cannot attach a container in a completed pod; current phase is ${phase}`);
    const container = containerFor(inv, pod, inv.flags.str("container"), true);
    const ephemeral = (pod.spec?.ephemeralContainers ?? []).some((c) => c.name === container);
    attachToContainer(
      inv,
      pod.metadata.namespace ?? inv.namespace,
      pod.metadata.name as string,
      container,
      ephemeral,
    );
  },
};

/**
 * Waits for the debug container of pod ns/name to run or end, then attaches (a terminal on its
 * shell with -it) or prints its logs. ephemeral: it is an ephemeral container.
 */
export function attachToContainer(
  inv: Invocation,
  ns: string,
  name: string,
  container: string,
  ephemeral: boolean,
): void {
  const cluster = inv.cluster;
  const current = () => cluster.api.get("Pod", ns, name) as Pod | undefined;
  const start = cluster.clock.now();
  cluster.settle();
  const state = () => containerStatusByName(current(), container)?.state;
  // A container that ended and waits to restart (restartPolicy Always) was seen terminated by
  // kubectl's watch before the back-off began.
  const ranAndWaits = () => {
    const s = containerStatusByName(current(), container);
    return Boolean(s?.state?.waiting && s.lastState?.terminated);
  };
  while (!state()?.running && !state()?.terminated && !ranAndWaits()) {
    const waiting = state()?.waiting;
    // waitForContainer warns with the kubelet's message (a failed pull, a bad image name).
    if (waiting?.message && !inv.flags.bool("quiet"))
      inv.warnOnce(`Warning: container ${container}: ${waiting.message}\n`);
    if (cluster.clock.now() - start >= ATTACH_WAIT_SECONDS * 1000) {
      inv.err("error: timed out waiting for the condition\n");
      inv.exit = 1;
      return;
    }
    cluster.advance(1);
  }
  const pod = current() as Pod;
  const node = pod.spec?.nodeName;
  const host = node ? cluster.hosts.get(node) : undefined;
  const argv = argvOf(pod, container);
  const terminal =
    inv.flags.bool("stdin") && inv.flags.bool("tty") && isShellCommand(argv)
      ? inv.ctx.attachShell
      : undefined;
  if (state()?.running && terminal && host?.openShell) {
    const opened = host.openShell(ns, name, container, argv, { attach: true });
    if ("run" in opened) {
      inv.err(PromptHint);
      const restarts = (pod.spec?.restartPolicy ?? "Always") === "Always";
      terminal(opened, (): CommandResult => {
        cluster.settle();
        const stderr =
          restarts && !inv.flags.bool("quiet") ? reattachMessage(name, container, ephemeral) : "";
        return { stdout: "", stderr, exit: 0 };
      });
      return;
    }
  }
  const lines = () => host?.containerLogs(ns, name, container, false) ?? [];
  // Already ended: handleAttachPod falls back to the container's logs.
  if (!state()?.running) {
    inv.out(readLogs(lines()));
    return;
  }
  // Not a terminal: attach streams what the container prints from now until it ends; what it
  // printed before is not replayed (containerd adds the attach to the output's broadcast).
  const attachedAt = cluster.clock.now();
  const seenAtAttach = lines().filter((l) => l.t === attachedAt).length;
  while (state()?.running && cluster.clock.now() - start < ATTACH_WAIT_SECONDS * 1000) cluster.advance(1);
  const after = lines().filter((l) => l.t >= attachedAt);
  const sameInstant = after.filter((l) => l.t === attachedAt).length;
  inv.out(readLogs(after.slice(Math.min(seenAtAttach, sameInstant))));
}
