/**
 * The container runtime's process hooks: the one seam through which a container's process can be
 * a cluster component (kube-scheduler, kube-controller-manager, kube-apiserver, etcd run as
 * static pods). The runtime calls started() when it starts a container's process and stopped()
 * when that process ends for any reason (exit, kill, its sandbox removed, its node gone).
 */
import type { Container, Pod } from "./api/kinds";
import type { Listener } from "./sh/interface";

/** A container process as the runtime starts it. */
export interface ContainerProcess {
  /** Unique per container instance of a pod: processKey(pod uid, container name). */
  readonly key: string;
  readonly nodeName: string;
  readonly pod: Pod;
  readonly container: Container;
  /** The process's argv: command and args resolved against the image's entrypoint. */
  readonly argv: readonly string[];
  /** The image's short name (kube-scheduler, etcd, nginx). */
  readonly image: string;
  /** Started at this simulated instant (ms), for the log lines it prints. */
  readonly startedMs: number;
  /** Ends the process later on its own (a component that lost its leader lease): logs, then exits. */
  exit(code: number, logs: string[]): void;
  /** Opens a listener on the pod's IP (a component's health port); closed when the process ends. */
  listen(listener: Listener): void;
  /** Writes a line to the container's log (stderr, where klog writes), while the process runs. */
  log(line: string): void;
  /** The pod's IP (where its listeners are and where its connections come from). */
  readonly podIP: string;
}

/** What a hook made of a starting process: lines it logged, and its exit code if it exited at once. */
export interface ProcessOutcome {
  logs: string[];
  /** Set when the process exits right after starting (a bad flag, a missing file). */
  exitCode?: number;
}

/** A handler of container process starts and stops. */
export interface ProcessHook {
  /** The process started; undefined when this hook has nothing to do with it. */
  started(process: ContainerProcess): ProcessOutcome | undefined;
  /** The process with this key ended (called for every key, whether started() claimed it or not). */
  stopped(key: string): void;
}

/** The key of a container process: pod uid and container name. */
export function processKey(podUid: string, containerName: string): string {
  return `${podUid}/${containerName}`;
}
