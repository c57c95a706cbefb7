/**
 * The control plane as processes. Every kube-scheduler, kube-controller-manager, kube-apiserver
 * and etcd a container runs is started here when the container runtime starts its process (a
 * ProcessHook), from the flags and files its manifest gives it, and stopped when the process
 * ends. What each one's absence does:
 * - no kube-apiserver or no etcd: the API server refuses every request (kubectl prints
 *   `The connection to the server HOST:6443 was refused`), controllers and schedulers stand still,
 *   kubelets keep their containers running and post their status again once it is back;
 * - no kube-controller-manager: no controller reconciles (its components are paused);
 * - no kube-scheduler: pods for default-scheduler stay Pending without events.
 *
 * Two modes. A cluster built without a control-plane node (createCluster(), the "empty"
 * scenario, conformance cases) runs the default scheduler, the controllers and the API server
 * always, and only extra schedulers (a kube-scheduler container with --config, the my-scheduler
 * lab) follow their processes. A scenario whose control-plane node runs the four components as
 * static pods (cka) calls bindControlPlaneToStaticPods(): from then on each component runs only
 * while a process of it does.
 */
import type { Pod } from "../api/kinds";
import { apiServerHttp } from "../apiserver/http";
import type { Cluster } from "../cluster";
import { etcdClientListeners } from "../etcd/listen";
import { KUBERNETES_VERSION } from "../kubelet/constants";
import type { ContainerProcess, ProcessHook, ProcessOutcome } from "../processes";
import { type SchedulerHandle, startScheduler } from "../scheduler";
import type { ServingCertificate } from "../sh/interface";
import {
  type ControlPlaneComponent,
  commandArgv,
  commandFlag,
  componentOf,
  healthPort,
  healthResponse,
  LEADER_ELECT_RENEW_DEADLINE,
  leaderElectionLost,
  type RunningComponent,
  startComponent,
} from "./components";
import { readContainerFile } from "./files";

export { type ControlPlaneComponent, componentOf } from "./components";
export { type ApiServerEndpoint, apiServerEndpoint } from "./endpoint";

/** The control-plane process whose components the controllers are (Cluster.withProcess). */
export const KUBE_CONTROLLER_MANAGER = "kube-controller-manager";
/** The control-plane process whose components the schedulers are. */
export const KUBE_SCHEDULER = "kube-scheduler";

/** A running control-plane process. */
interface ProcessEntry {
  running: RunningComponent;
  process: ContainerProcess;
  /** The host it runs on (its pod's hostname), for the scheduler's events. */
  host: string;
  key: string;
  scheduler?: SchedulerHandle;
}

/** The control plane of one cluster: its running processes, and what they make run. */
export class ControlPlane implements ProcessHook {
  /** Whether the components run only while their processes do (a static-pod control plane). */
  private bound = false;
  private readonly processes = new Map<string, ProcessEntry>();
  private alwaysOnScheduler?: SchedulerHandle;
  private apiWasUp = true;

  constructor(private readonly cluster: Cluster) {}

  /** Starts the always-on default scheduler and listens to the container runtime. */
  install(): void {
    this.cluster.withProcess(KUBE_SCHEDULER, () => {
      this.alwaysOnScheduler = startScheduler(
        this.cluster,
        {},
        "kube-scheduler",
        staticSchedulerHost(this.cluster),
      );
    });
    this.cluster.processHooks.push(this);
  }

  /** Whether components follow their static pods. */
  get staticPodBound(): boolean {
    return this.bound;
  }

  /** From now on, every component runs only while a process of it runs. */
  bindToProcesses(): void {
    if (this.bound) return;
    this.bound = true;
    this.alwaysOnScheduler?.stop();
    this.alwaysOnScheduler = undefined;
    for (const entry of this.processes.values()) this.startScheduler(entry);
    this.apply();
  }

  started(process: ContainerProcess): ProcessOutcome | undefined {
    const component = componentOf(process);
    if (!component) return undefined;
    const result = startComponent(this.cluster, process, component);
    if (!("running" in result)) return result.outcome;
    const pod = process.pod;
    const host =
      pod.spec?.hostNetwork && pod.spec.nodeName
        ? pod.spec.nodeName
        : (pod.spec?.hostname ?? (pod.metadata.name as string));
    const entry: ProcessEntry = { running: result.running, process, host, key: process.key };
    this.processes.set(process.key, entry);
    // It serves its health endpoints, which the kubelet's probes ask; the API server serves the
    // API there too, over HTTPS with its kubeadm serving certificate (clients in pods reach it
    // through the `kubernetes` Service).
    const running = result.running;
    if (component === "kube-apiserver") reconcileKubernetesEndpoints(this.cluster, process);
    if (component === "kube-apiserver")
      process.listen({
        port: healthPort(running),
        protocol: "TCP",
        http: apiServerHttp(this.cluster),
        certificate: apiServerCertificate(this.cluster, process),
      });
    else
      process.listen({
        port: healthPort(running),
        protocol: "TCP",
        http: (req) => {
          const r = healthResponse(running.component, req.path);
          return { status: r.status, headers: { "content-type": "text/plain; charset=utf-8" }, body: r.body };
        },
      });
    // etcd opens its data directory and serves its clients (etcdctl) on its client port.
    if (component === "etcd") for (const l of etcdClientListeners(this.cluster, process)) process.listen(l);
    // A controller manager started again (not the one the scenario booted with) starts afresh.
    if (component === "kube-controller-manager" && this.bound)
      this.cluster.restartProcess(KUBE_CONTROLLER_MANAGER);
    this.startScheduler(entry);
    this.apply();
    return result.outcome;
  }

  stopped(key: string): void {
    const entry = this.processes.get(key);
    if (!entry) return;
    this.processes.delete(key);
    entry.scheduler?.stop();
    this.apply();
  }

  /** The number of running processes of a component. */
  count(component: ControlPlaneComponent): number {
    let n = 0;
    for (const e of this.processes.values()) if (e.running.component === component) n++;
    return n;
  }

  /** Whether the API server answers: always, unless bound and its process or etcd is down. */
  apiServerUp(): boolean {
    return !this.bound || (this.count("kube-apiserver") > 0 && this.count("etcd") > 0);
  }

  /**
   * A kube-scheduler process schedules: an extra one (with --config) always, the default one
   * once bound. With leader election, one process per lease acts (the first to start).
   */
  private startScheduler(entry: ProcessEntry): void {
    const r = entry.running;
    if (r.component !== "kube-scheduler" || entry.scheduler) return;
    if (!r.hasConfigFile && !this.bound) return;
    if (r.leaderElect && this.leaseHeldBy(entry) !== entry) return;
    const name = r.hasConfigFile ? `kube-scheduler/${entry.key}` : "kube-scheduler";
    this.cluster.withProcess(KUBE_SCHEDULER, () => {
      entry.scheduler = startScheduler(this.cluster, r.schedulerConfig ?? {}, name, () => entry.host);
    });
  }

  /**
   * The API server went away: each leader (a kube-scheduler or kube-controller-manager that
   * elects) fails to renew its lease and, at the renew deadline, exits 1 ("leaderelection lost");
   * the kubelet restarts it, and the new process starts from scratch once the API is back.
   */
  private loseLeasesLater(): void {
    const leaders = [...this.processes.values()].filter(
      (e) =>
        e.running.leaderElect &&
        ((e.running.component === "kube-scheduler" && e.scheduler) ||
          e === this.first("kube-controller-manager")),
    );
    for (const e of leaders)
      this.cluster.clock.after(
        LEADER_ELECT_RENEW_DEADLINE,
        () => {
          if (this.apiServerUp() || this.processes.get(e.key) !== e) return;
          e.process.exit(1, [leaderElectionLost(e.running.component, this.cluster.clock.now())]);
        },
        `${e.running.component} leader election`,
      );
  }

  /** The first running process of a component (the leader, when it elects). */
  private first(component: ControlPlaneComponent): ProcessEntry | undefined {
    for (const e of this.processes.values()) if (e.running.component === component) return e;
    return undefined;
  }

  /** The process holding a scheduler's leader lease: the first started with the same lease name. */
  private leaseHeldBy(entry: ProcessEntry): ProcessEntry | undefined {
    const lease = leaseName(entry.running);
    for (const e of this.processes.values())
      if (e.running.component === "kube-scheduler" && e.running.leaderElect && leaseName(e.running) === lease)
        if (e.scheduler || e === entry) return e;
    return undefined;
  }

  /** Applies what runs: the API server's reachability, the controllers, the schedulers. */
  private apply(): void {
    const apiUp = this.apiServerUp();
    this.cluster.api.reachable = apiUp;
    if (this.apiWasUp && !apiUp) this.loseLeasesLater();
    this.apiWasUp = apiUp;
    this.cluster.setProcessRunning(
      KUBE_CONTROLLER_MANAGER,
      apiUp && (!this.bound || this.count("kube-controller-manager") > 0),
    );
    this.cluster.setProcessRunning(KUBE_SCHEDULER, apiUp);
    // A lease whose holder stopped goes to a waiting candidate.
    for (const entry of this.processes.values()) this.startScheduler(entry);
  }
}

/**
 * The host of the cluster's own kube-scheduler: the node of its static pod (host network, so the
 * node's hostname), as events show it in reportingInstance (`default-scheduler-controlplane`).
 * Looked up again only after that pod changes.
 */
function staticSchedulerHost(cluster: Cluster): () => string | undefined {
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

/** The lease a scheduler's leader election takes (--leader-elect-resource-name, else kube-scheduler). */
function leaseName(r: RunningComponent): string {
  const fromConfig = (r.schedulerConfig as { leaderElection?: { resourceName?: string } } | undefined)
    ?.leaderElection?.resourceName;
  return fromConfig ?? r.flags.get("leader-elect-resource-name") ?? "kube-scheduler";
}

/** A kubeadm control-plane manifest's path (a node that has one runs its control plane as static pods). */
export const CONTROL_PLANE_MANIFEST =
  /^\/etc\/kubernetes\/manifests\/(etcd|kube-apiserver|kube-controller-manager|kube-scheduler)\.yaml$/;

const CONTROL_PLANES = new WeakMap<Cluster, ControlPlane>();

/** Installs a cluster's control plane (createCluster does). */
export function installControlPlane(cluster: Cluster): ControlPlane {
  const cp = new ControlPlane(cluster);
  CONTROL_PLANES.set(cluster, cp);
  cp.install();
  return cp;
}

/** The control plane of a cluster. */
export function controlPlaneOf(cluster: Cluster): ControlPlane | undefined {
  return CONTROL_PLANES.get(cluster);
}

/**
 * The version the API server reports (`/version`'s gitVersion): the image tag of the running
 * kube-apiserver static pod (its mirror pod's container status) when it names a release, else
 * the version Kubeglass ships.
 */
export function apiServerVersion(cluster: Cluster): string {
  let tag: string | undefined;
  for (const pod of cluster.api.list("Pod", { namespace: "kube-system" }) as Pod[]) {
    if (pod.metadata.labels?.component !== "kube-apiserver" || pod.status?.phase !== "Running") continue;
    const image = pod.status.containerStatuses?.[0]?.image ?? "";
    const t = image.slice(image.lastIndexOf(":") + 1);
    if (/^v\d+\.\d+\.\d+$/.test(t)) tag = t;
  }
  return tag ?? KUBERNETES_VERSION;
}

/**
 * Makes the cluster's components run only while their static pods' processes run (a scenario
 * with a kubeadm control-plane node calls it once its static pods run).
 */
export function bindControlPlaneToStaticPods(cluster: Cluster): void {
  CONTROL_PLANES.get(cluster)?.bindToProcesses();
}

/**
 * The names kubeadm puts in the API server's serving certificate (certs/apiserver: the node's
 * name, `kubernetes` and its Service FQDNs, the Service's ClusterIP and the advertise address),
 * issued by the cluster CA whose ca.crt the node's PKI holds.
 */
function apiServerCertificate(cluster: Cluster, process: ContainerProcess): ServingCertificate {
  const node = process.nodeName;
  const advertise = commandFlag(commandArgv(process.argv), "advertise-address") ?? "";
  const svc = cluster.api.get("Service", "default", "kubernetes") as
    | { spec?: { clusterIP?: string } }
    | undefined;
  const ca = readContainerFile(cluster, process.pod, process.container, "/etc/kubernetes/pki/ca.crt");
  // What it serves is its --tls-cert-file (kubeadm: apiserver.crt), for clients that verify chains.
  const certFile =
    commandFlag(commandArgv(process.argv), "tls-cert-file") ?? "/etc/kubernetes/pki/apiserver.crt";
  const served = readContainerFile(cluster, process.pod, process.container, certFile);
  return {
    dnsNames: [
      node,
      "kubernetes",
      "kubernetes.default",
      "kubernetes.default.svc",
      "kubernetes.default.svc.cluster.local",
    ],
    ipAddresses: [svc?.spec?.clusterIP ?? "10.96.0.1", advertise].filter(Boolean),
    selfSigned: false,
    ...("text" in ca ? { issuerPem: ca.text } : {}),
    ...("text" in served && served.text.includes("-----BEGIN CERTIFICATE-----")
      ? { chainPem: served.text }
      : {}),
  };
}

/**
 * The API server's endpoint reconciler (pkg/controlplane/reconcilers): the `kubernetes` Service
 * has no selector, so each API server writes its advertise address and secure port into the
 * Endpoints (marked not to be mirrored) and the EndpointSlice of that Service itself.
 */
function reconcileKubernetesEndpoints(cluster: Cluster, process: ContainerProcess): void {
  const argv = commandArgv(process.argv);
  const flag = (name: string) => commandFlag(argv, name);
  const ip = flag("advertise-address");
  if (!ip) return;
  const port = Number(flag("secure-port") ?? 6443) || 6443;
  const api = cluster.api;
  const endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
    },
    subsets: [{ addresses: [{ ip }], ports: [{ name: "https", port, protocol: "TCP" }] }],
  };
  const slice = {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { "kubernetes.io/service-name": "kubernetes" },
    },
    addressType: "IPv4",
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
    ports: [{ name: "https", port, protocol: "TCP" }],
  };
  for (const want of [endpoints, slice]) {
    const have = api.get(want.kind, "default", "kubernetes");
    try {
      if (!have) api.create(want);
      else if (
        JSON.stringify(have.subsets ?? have.endpoints) !==
        JSON.stringify((want as { subsets?: unknown }).subsets ?? (want as { endpoints?: unknown }).endpoints)
      )
        api.update({ ...have, ...want, metadata: { ...have.metadata, labels: want.metadata.labels } });
    } catch {
      // The API is not serving yet (a restore in progress): the next start reconciles.
    }
  }
}
