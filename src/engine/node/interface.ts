/**
 * A node's host: what `ssh NODE` reaches. The kubelet module creates one per Node and registers
 * it with the cluster; the script shell runs file commands on its file system and hands
 * `systemctl`, `crictl` and container commands to it.
 */
import type { LogLine } from "../kubelet/logbuffer";
import type { NodeFileSystem } from "./fs";

/** The outcome of a command run on a host. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exit: number;
}

/** A process of a running container as the node sees it. */
export interface ContainerProcess {
  pid: number;
  command: string;
  startedMs: number;
  /** The pod it belongs to; absent for a sandbox's pause process. */
  pod?: { namespace: string; name: string; hostNetwork: boolean; ip: string };
  /** The container's declared ports (spec.containers[].ports). */
  ports?: { port: number; protocol: "TCP" | "UDP" }[];
}

/** How `kubectl exec` runs a command (exec.go's StreamOptions as the runtime receives them). */
export interface ExecOptions {
  /** -t: a terminal; containerd adds TERM=xterm to the process's environment. */
  tty?: boolean;
}

/** A unit as `systemctl list-units` shows it. */
export interface UnitState {
  name: string;
  load: "loaded" | "not-found";
  active: "active" | "activating" | "inactive" | "failed";
  sub: string;
  description: string;
}

/** One node's host machine. */
export interface NodeHost {
  readonly nodeName: string;
  readonly fs: NodeFileSystem;
  /** `systemctl VERB UNIT` (start, stop, restart, status, is-active, enable, daemon-reload). */
  systemctl(verb: string, unit: string): ExecResult;
  /** The systemd units the node models, in name order (systemctl list-units). */
  units?(): UnitState[];
  /** `journalctl ARGS...`: the kubelet unit's journal. */
  journalctl?(args: string[]): ExecResult;
  /** `crictl ARGS...` (ps, pods, images, logs, inspect as far as simulated). */
  crictl(args: string[]): ExecResult;
  /** `iptables-save`: the node's netfilter rules (kube-proxy's). */
  iptablesSave?(): ExecResult;
  /** `docker ps` and friends, answered as crictl would on a containerd node. */
  docker(args: string[]): ExecResult;
  /**
   * The processes of the node's running containers as the node's ps sees them: each pod's pause
   * process and each container's PID 1, with host pids.
   */
  containerProcesses?(): ContainerProcess[];
  /** The log of a container of a pod on this node (`kubectl logs`); undefined when none exists. */
  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
  ): readonly LogLine[] | undefined;
  /** Runs a command in a running container (`kubectl exec`), with stdin when given (`kubectl cp`'s tar stream). */
  exec(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    stdin?: string,
    options?: ExecOptions,
  ): ExecResult;
  /**
   * What `kubectl run -i` sends a container with `stdin: true` (its piped input): the container's
   * main process reads it when it starts, and with `stdinOnce` its input then ends. False when
   * the container is unknown or has already started (the input is then lost, as an attach that
   * came too late).
   */
  attachInput?(namespace: string, pod: string, container: string, text: string): boolean;
  /**
   * Starts an interactive shell in a running container (`kubectl exec -it POD -- sh`): a process
   * beside PID 1 that runs the lines a terminal sends; or why it could not start, as exec words it.
   */
  openShell?(
    namespace: string,
    pod: string,
    container: string,
    argv: string[],
    options?: ShellOptions,
  ): ContainerShell | ExecResult;
}

/** How an interactive shell is opened in a container. */
export interface ShellOptions {
  /**
   * The shell stands for the container's main process, attached (`kubectl run -it`): when it
   * ends, the container ends with its status.
   */
  attach?: boolean;
}

/** An interactive shell process in a container, fed one terminal line at a time. */
export interface ContainerShell {
  /** What the shell shows before a line: `/ # ` (busybox ash as root), `root@web:/# ` (bash). */
  prompt(): string;
  /**
   * Runs one line; the cluster's clock advances while it sleeps. `combined` holds both streams in
   * the order written when that differs from stdout then stderr; `closed` once the shell ended
   * (`exit`, or the container stopped).
   */
  run(line: string): ExecResult & { combined?: string; closed: boolean };
  /** Whether the shell process still runs. */
  readonly alive: boolean;
  /** Ends the shell process (the terminal went away). */
  close(): void;
  /** What it printed on opening, shown before its first prompt (the mysql monitor's welcome). */
  readonly greeting?: string;
}
