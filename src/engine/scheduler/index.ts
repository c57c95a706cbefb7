/**
 * kube-scheduler: the default scheduler, and any other the user runs as a pod in kube-system
 * (`kube-scheduler --config=PATH` with the file from a mounted ConfigMap, as in the my-scheduler
 * lab). Pods name their scheduler with spec.schedulerName; a name no scheduler serves stays
 * Pending without events.
 */
import { parse as parseYaml } from "yaml";
import type { Pod } from "../api/kinds";
import type { Cluster, Component } from "../cluster";
import type { KubeSchedulerConfiguration } from "./config";
import { Scheduler } from "./scheduler";

export type { KubeSchedulerConfiguration, Profile } from "./config";
export { explainPod, formatExplanation, type SchedulingRecord } from "./explain";
export { Scheduler } from "./scheduler";

/** A running scheduler. */
export interface SchedulerHandle {
  readonly scheduler: Scheduler;
  /** The scheduler names it serves (one per profile). */
  readonly schedulerNames: string[];
  stop(): void;
}

/**
 * Starts a scheduler for a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1). Each
 * profile serves pods whose spec.schedulerName is its schedulerName.
 *
 * @example startScheduler(cluster, { profiles: [{ schedulerName: "my-scheduler" }] })
 */
export function startScheduler(
  cluster: Cluster,
  config: KubeSchedulerConfiguration = {},
  name?: string,
  hostname?: () => string | undefined,
): SchedulerHandle {
  const scheduler = new Scheduler(cluster, config, name, hostname);
  scheduler.start();
  return { scheduler, schedulerNames: scheduler.schedulerNames(), stop: () => scheduler.stop() };
}

/** Starts the default scheduler (and watches for user-run schedulers). */
export function installSchedulers(cluster: Cluster): void {
  startScheduler(cluster, {}, "kube-scheduler", controlPlaneSchedulerHost(cluster));
  const watcher = new SchedulerPods(cluster);
  watcher.start();
}

/**
 * The host of the cluster's own kube-scheduler: the node of its static pod (host network, so the
 * node's hostname), as events show it in reportingInstance (`default-scheduler-controlplane`).
 * Looked up again only after that pod changes.
 */
function controlPlaneSchedulerHost(cluster: Cluster): () => string | undefined {
  const isScheduler = (pod: Pod) =>
    pod.metadata.namespace === "kube-system" && pod.metadata.labels?.component === "kube-scheduler";
  let host: string | undefined;
  let stale = true;
  cluster.api.watch("Pod", (e) => {
    if (isScheduler(e.object as Pod)) stale = true;
  });
  return () => {
    if (stale) {
      stale = false;
      host = undefined;
      for (const pod of cluster.api.list("Pod", { namespace: "kube-system" }) as Pod[])
        if (isScheduler(pod) && pod.spec?.nodeName) {
          host = pod.spec.nodeName;
          break;
        }
    }
    return host;
  };
}

/** A pod's hostname: its node's for host-network pods, else spec.hostname or the pod's name. */
function podHostname(pod: Pod): string {
  if (pod.spec?.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName;
  return pod.spec?.hostname ?? (pod.metadata.name as string);
}

/** The `--config` path of a container running kube-scheduler, if any. */
export function schedulerConfigPath(command: string[]): string | undefined {
  if (!command.some((c) => /(^|\/)kube-scheduler$/.test(c) || /(^|\s|\/)kube-scheduler(\s|$)/.test(c)))
    return undefined;
  const words = command.flatMap((c) => c.split(/\s+/)).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const m = /^--?config=(.+)$/.exec(w);
    if (m) return m[1];
    if ((w === "--config" || w === "-config") && words[i + 1]) return words[i + 1];
  }
  return undefined;
}

/**
 * Runs a scheduler for each Running kube-system pod that runs kube-scheduler with --config, and
 * stops it when the pod stops. Watch handlers only mark work; process() reconciles.
 */
class SchedulerPods implements Component {
  readonly name = "scheduler-pods";
  private dirty = false;
  private readonly running = new Map<string, { text: string; handle: SchedulerHandle }>();

  constructor(private readonly cluster: Cluster) {}

  start(): void {
    this.cluster.api.watch("Pod", (e) => {
      if (e.object.metadata.namespace === "kube-system") this.dirty = true;
    });
    this.cluster.api.watch("ConfigMap", (e) => {
      if (this.running.size > 0 || e.object.metadata.namespace === "kube-system") this.dirty = true;
    });
    this.cluster.addComponent(this);
    this.dirty = true;
  }

  process(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const want = new Map<string, string>();
    const pods = new Map<string, Pod>();
    for (const pod of this.cluster.api.list("Pod", { namespace: "kube-system" }) as Pod[]) {
      if (pod.status?.phase !== "Running" || pod.metadata.deletionTimestamp) continue;
      const text = this.configText(pod);
      if (text === undefined) continue;
      want.set(pod.metadata.uid as string, text);
      pods.set(pod.metadata.uid as string, pod);
    }
    let changed = false;
    for (const [uid, r] of this.running)
      if (want.get(uid) !== r.text) {
        r.handle.stop();
        this.running.delete(uid);
        changed = true;
      }
    for (const [uid, text] of want) {
      if (this.running.has(uid)) continue;
      let config: KubeSchedulerConfiguration;
      try {
        config = (parseYaml(text) ?? {}) as KubeSchedulerConfiguration;
        const host = podHostname(pods.get(uid) as Pod);
        const handle = startScheduler(this.cluster, config, `kube-scheduler/${uid}`, () => host);
        this.running.set(uid, { text, handle });
        changed = true;
      } catch {
        // A configuration kube-scheduler would refuse: the pod would crash; nothing schedules.
      }
    }
    return changed;
  }

  /** The configuration file's text the pod's kube-scheduler reads, or undefined. */
  private configText(pod: Pod): string | undefined {
    for (const c of pod.spec?.containers ?? []) {
      const path = schedulerConfigPath([...(c.command ?? []), ...(c.args ?? [])]);
      if (!path) continue;
      for (const m of c.volumeMounts ?? []) {
        const mount = m.mountPath.replace(/\/+$/, "");
        if (!path.startsWith(`${mount}/`) && path !== mount) continue;
        const rel = path === mount ? (m.subPath ?? "") : path.slice(mount.length + 1);
        const vol = (pod.spec?.volumes ?? []).find((v) => v.name === m.name);
        if (!vol) continue;
        if (vol.configMap) {
          const cm = this.cluster.api.get("ConfigMap", "kube-system", vol.configMap.name as string);
          if (!cm) continue;
          const file = m.subPath && path === mount ? m.subPath : rel;
          const item = (vol.configMap.items ?? []).find((it) => it.path === file);
          const key = item ? item.key : vol.configMap.items?.length ? undefined : file;
          if (key === undefined) continue;
          const text = cm.data?.[key];
          if (typeof text === "string") return text;
        } else if (vol.hostPath && pod.spec?.nodeName) {
          const fs = this.cluster.hosts.get(pod.spec.nodeName)?.fs;
          const full = `${vol.hostPath.path.replace(/\/+$/, "")}${rel ? `/${rel}` : ""}`;
          try {
            if (fs?.isFile(full)) return fs.read(full);
          } catch {
            /* unreadable: no scheduler */
          }
        }
      }
    }
    return undefined;
  }
}
