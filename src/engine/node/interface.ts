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

/** One node's host machine. */
export interface NodeHost {
  readonly nodeName: string;
  readonly fs: NodeFileSystem;
  /** `systemctl VERB UNIT` (start, stop, restart, status, is-active, enable, daemon-reload). */
  systemctl(verb: string, unit: string): ExecResult;
  /** `crictl ARGS...` (ps, pods, images, logs, inspect as far as simulated). */
  crictl(args: string[]): ExecResult;
  /** `docker ps` and friends, answered as crictl would on a containerd node. */
  docker(args: string[]): ExecResult;
  /** The log of a container of a pod on this node (`kubectl logs`); undefined when none exists. */
  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
  ): readonly LogLine[] | undefined;
  /** Runs a command in a running container (`kubectl exec`). */
  exec(namespace: string, pod: string, container: string, argv: string[]): ExecResult;
}
