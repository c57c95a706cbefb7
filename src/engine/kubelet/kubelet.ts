/**
 * One node's kubelet: registers and heartbeats the Node (status and Lease), admits and runs the
 * pods bound to it and the static pods from its manifests directory, and writes pod statuses.
 * Watch handlers only record what changed; process() does the work (a Component).
 */
import type { Container, Node, Pod } from "../api/kinds";
import { clone, type KubeObject } from "../api/types";
import type { TimerId } from "../clock/clock";
import type { Cluster, Component } from "../cluster";
import { DPKG_STATUS, installedKubeVersion } from "../node/packages";
import type { Listener } from "../sh/interface";
import { admitPod, type Rejection } from "./admit";
import { adoptedRuntime } from "./adopt";
import {
  ConfigMirrorAnnotation,
  Events,
  FILE_CHECK_FREQUENCY,
  FIRST_STATUS_DELAY,
  KUBELET_CONFIG_PATH,
  NODE_CONDITIONS,
  NODE_LEASE_DURATION,
  NODE_LEASE_RENEW_INTERVAL,
  NODE_STATUS_REPORT_FREQUENCY,
  PAUSE_IMAGE,
  RuntimeDownMessage,
} from "./constants";
import { ContainerManager } from "./containers";
import { hexDigest } from "./hash";
import { type ImageRef, imageDigest, imageSize, parseImage } from "./images";
import { clusterNetwork } from "./network";
import { buildNodeStatus, defaultNodeLabels, type NodeImage, statusChanged } from "./nodestatus";
import { generatePodStatus } from "./podstatus";
import { collectNodeStats, NodeCpuCounter, type NodeStats, resourceMetricsText } from "./resourcemetrics";
import { newContainerRecord, type PodRuntime } from "./runtime";
import { isManifestFile, mirrorPodOf, readManifest, staticPodPathOf } from "./staticpods";
import { VolumeStorage } from "./volumes";

/** The kubelet's HTTPS port (KubeletConfiguration port). */
export const KUBELET_PORT = 10250;

export type { Node as NodeObject } from "../api/kinds";

/** An image present on the node. */
export interface ImageRecord {
  ref: ImageRef;
  size: number;
}

/** Addresses a kubelet gets from the cluster's allocator. */
export interface NodeAddresses {
  internalIP: string;
  /** The pod CIDR index N of 10.244.N.0/24 when the node has no spec.podCIDR. */
  podSubnet: number;
}

/** The simulated kubelet of one node. */
export class Kubelet implements Component {
  readonly name: string;
  /** Whether the kubelet service runs (systemctl). */
  active = false;
  /** Whether containerd runs: while it is stopped the node is NotReady and no container starts. */
  runtimeActive = true;
  /** When the service last started or stopped (ms). */
  activeSince = 0;
  /** Incremented on every start: the service's main PID. */
  mainPid = 0;
  /** The version of the running kubelet binary (read from dpkg's database when it starts). */
  version?: string;
  readonly runtime = new Map<string, PodRuntime>();
  readonly images = new Map<string, ImageRecord>();
  /** The node's volume storage: emptyDirs, volume payloads, tokens (survives kubelet restarts). */
  readonly volumes: VolumeStorage;
  staticPodPath = "";

  private readonly apiPods = new Map<string, Pod>();
  private readonly staticPods = new Map<string, Pod>();
  private readonly staticRemoved = new Set<string>();
  /** The last text read from each manifest file and the static pod uid it gave (none: invalid). */
  private readonly manifestCache = new Map<string, { text: string; uid?: string }>();
  private readonly rejected = new Map<string, Rejection>();
  /**
   * Pods whose termination this kubelet finished (the pod worker's terminated state): while the
   * API object lingers (a finalizer holds it), nothing is adopted or started for them again.
   */
  private readonly terminated = new Set<string>();
  private readonly dirty = new Set<string>();
  private writing?: string;
  private heartbeatTimer?: TimerId;
  private fileTimer?: TimerId;
  private nodeDue = false;
  /** The API server was unreachable at some process() since the last resync. */
  private apiWasDown = false;
  private leaseDue = false;
  private scanDue = false;
  private firstPostDone = false;
  private quietStart = false;
  private lastReport = Number.NEGATIVE_INFINITY;
  /** What the last node status check was built from (node resourceVersion, images, runtime). */
  private checkedInputs = "";
  /** Bumped whenever images changes; nodeImages() lists them again only then. */
  private imagesVersion = 0;
  private imagesListed?: { version: number; list: NodeImage[] };
  private nextPodIp = 2;
  private unsubscribeFs?: () => void;
  /** Closes the kubelet's HTTPS port (10250) on the node's address. */
  private closeServer?: () => void;
  private readonly nodeCpu: NodeCpuCounter;
  private readonly source;
  private readonly containers: ContainerManager;

  constructor(
    private readonly cluster: Cluster,
    readonly nodeName: string,
    readonly addresses: NodeAddresses,
    readonly fs: import("../node/fs").NodeFileSystem,
  ) {
    this.name = `kubelet/${nodeName}`;
    this.source = { component: "kubelet", host: nodeName };
    this.volumes = new VolumeStorage(() => cluster.clock.now());
    this.containers = new ContainerManager(cluster, this.name, this.source, this);
    this.addImage(parseImage(PAUSE_IMAGE));
    this.nodeCpu = new NodeCpuCounter(cluster.clock.now());
  }

  // ---- service lifecycle -------------------------------------------------------------------

  /**
   * Starts the service: reads its config, lists pods, posts status soon. resumed: the kubelet of
   * a restored scenario, which carries on without the start-up events of a restart.
   */
  start(resumed = false): void {
    if (this.active) return;
    this.quietStart = resumed;
    this.active = true;
    this.activeSince = this.cluster.clock.now();
    this.mainPid = this.mainPid ? this.mainPid + 1013 : 1000 + ((this.addresses.podSubnet * 37) % 800);
    this.firstPostDone = false;
    this.staticPodPath = this.readStaticPodPath();
    // The binary systemd starts is the one the kubelet package last installed (a node whose
    // packages were never changed reports what its Node says, as an imported node does).
    this.version = this.fs.isFile(DPKG_STATUS) ? installedKubeVersion(this.fs, "kubelet") : undefined;
    this.unsubscribeFs = this.fs.onChange((change) => {
      if (this.staticPodPath && change.path.startsWith(`${this.staticPodPath}/`)) this.scanDue = true;
    });
    this.scanDue = true;
    this.closeServer = clusterNetwork(this.cluster.api).listen(this.addresses.internalIP, this.server());
    this.heartbeatTimer = this.cluster.clock.after(
      FIRST_STATUS_DELAY,
      () => this.heartbeat(),
      `${this.name} heartbeat`,
    );
    this.fileTimer = this.cluster.clock.after(
      FILE_CHECK_FREQUENCY,
      () => this.fileCheck(),
      `${this.name} file check`,
    );
    for (const uid of [...this.apiPods.keys(), ...this.staticPods.keys(), ...this.runtime.keys()])
      this.dirty.add(uid);
    const node = this.node();
    // The runtime's images survive a restart; a kubelet that never ran here (a restored
    // scenario) finds them as the Node last reported them.
    if (this.images.size <= 1)
      for (const img of (node?.status?.images ?? []) as NodeImage[]) {
        const name = img.names[img.names.length - 1];
        if (name && !name.includes("@sha256:"))
          this.images.set(parseImage(name).full, { ref: parseImage(name), size: img.sizeBytes });
        this.imagesVersion++;
      }
    if (node && !resumed) {
      this.cluster.events.record(this.nodeRef(), "Normal", Events.Starting, "Starting kubelet.", this.source);
      this.cluster.events.record(
        this.nodeRef(),
        "Normal",
        Events.NodeAllocatableEnforced,
        "Updated Node Allocatable limit across pods",
        this.source,
      );
    }
  }

  /**
   * Reads the config file again (a restored scenario's files arrive after the kubelet started):
   * a different staticPodPath is the one the kubelet ran with.
   */
  reloadConfig(): void {
    if (!this.active) return;
    const path = this.readStaticPodPath();
    if (path === this.staticPodPath) return;
    this.staticPodPath = path;
    this.scanDue = true;
  }

  /** Starts or stops containerd (systemctl on the containerd unit). */
  setRuntimeActive(on: boolean): void {
    if (this.runtimeActive === on) return;
    this.runtimeActive = on;
    this.nodeDue = true;
    if (on) for (const uid of [...this.apiPods.keys(), ...this.staticPods.keys()]) this.dirty.add(uid);
  }

  /** Stops the service: no heartbeats, no pod work; containers keep running. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.activeSince = this.cluster.clock.now();
    this.cluster.clock.cancel(this.heartbeatTimer);
    this.cluster.clock.cancel(this.fileTimer);
    this.unsubscribeFs?.();
    this.closeServer?.();
    this.closeServer = undefined;
  }

  /** The usage of the node, its pods and containers now (what /metrics/resource reports). */
  resourceStats(): NodeStats {
    return collectNodeStats(this.runtime.values(), this.cluster.clock.now(), this.nodeCpu);
  }

  /**
   * The kubelet's HTTPS server on port 10250 (only /metrics/resource here). kubeadm leaves the
   * kubelet a self-signed serving certificate for its host name, with no IP SANs.
   */
  private server(): Listener {
    return {
      port: KUBELET_PORT,
      protocol: "TCP",
      certificate: { dnsNames: [this.nodeName], ipAddresses: [], selfSigned: true },
      http: (req) => {
        if (req.path.split("?")[0] !== "/metrics/resource")
          return {
            status: 404,
            headers: { "content-type": "text/plain; charset=utf-8" },
            body: "404 page not found\n",
          };
        return {
          status: 200,
          headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" },
          body: resourceMetricsText(this.resourceStats()),
        };
      },
    };
  }

  /** Tears everything down (the Node was deleted). */
  shutdown(): void {
    this.stop();
    for (const rt of this.runtime.values()) this.containers.forget(rt);
    this.runtime.clear();
  }

  private heartbeat(): void {
    this.leaseDue = true;
    this.nodeDue = true;
    this.heartbeatTimer = this.cluster.clock.after(
      NODE_LEASE_RENEW_INTERVAL,
      () => this.heartbeat(),
      `${this.name} heartbeat`,
    );
  }

  private fileCheck(): void {
    this.scanDue = true;
    this.fileTimer = this.cluster.clock.after(
      FILE_CHECK_FREQUENCY,
      () => this.fileCheck(),
      `${this.name} file check`,
    );
  }

  // ---- watch input -------------------------------------------------------------------------

  /** A pod bound to this node changed (called from the cluster-wide pod watch). */
  podChanged(pod: Pod, deleted: boolean): void {
    const uid = pod.metadata.uid as string;
    if (pod.metadata.annotations?.[ConfigMirrorAnnotation] !== undefined) {
      const staticUid = pod.metadata.annotations[ConfigMirrorAnnotation] as string;
      if (this.writing === staticUid && !deleted) return;
      if (this.staticPods.has(staticUid)) this.dirty.add(staticUid);
      else
        for (const s of this.staticPods.values())
          if (s.metadata.name === pod.metadata.name) this.dirty.add(s.metadata.uid as string);
      return;
    }
    if (deleted) this.apiPods.delete(uid);
    else {
      this.apiPods.set(uid, pod);
      // The kubelet's own status write does not need another sync.
      if (this.writing === uid) return;
    }
    this.dirty.add(uid);
  }

  /** Marks a pod for a sync at the next process(). */
  enqueue(uid: string): void {
    this.dirty.add(uid);
  }

  // ---- Component -----------------------------------------------------------------------------

  process(): boolean {
    if (!this.active) return false;
    let did = false;
    if (!this.cluster.api.reachable) this.apiWasDown = true;
    else if (this.apiWasDown) {
      // Reconnected to the API server: post the node's and every pod's status again.
      this.apiWasDown = false;
      this.nodeDue = true;
      this.leaseDue = true;
      for (const uid of [...this.apiPods.keys(), ...this.staticPods.keys()]) this.dirty.add(uid);
      this.deleteOrphanedMirrorPods();
      did = true;
    }
    if (this.scanDue) {
      this.scanDue = false;
      this.scanStaticPods();
      did = true;
    }
    if (this.nodeDue || this.leaseDue) {
      this.syncNode();
      did = true;
    }
    while (this.dirty.size > 0) {
      const uid = this.dirty.values().next().value as string;
      this.dirty.delete(uid);
      this.syncPod(uid);
      did = true;
    }
    return did;
  }

  // ---- node status and lease -----------------------------------------------------------------

  private node(): Node | undefined {
    return this.cluster.api.get("Node", undefined, this.nodeName) as Node | undefined;
  }

  private nodeRef(): KubeObject {
    return { apiVersion: "", kind: "Node", metadata: { name: this.nodeName, uid: this.nodeName } };
  }

  private syncNode(): void {
    const now = this.cluster.clock.now();
    const node = this.node();
    if (!node) return;
    if (this.leaseDue) {
      this.leaseDue = false;
      this.renewLease(node);
    }
    if (!this.nodeDue) return;
    this.nodeDue = false;
    // Registration: the kubelet makes sure its default labels are there.
    const labels = node.metadata.labels ?? {};
    const defaults = defaultNodeLabels(this.nodeName);
    if (Object.entries(defaults).some(([k]) => labels[k] === undefined)) {
      const next = clone(node);
      next.metadata.labels = { ...defaults, ...labels };
      delete next.metadata.resourceVersion;
      try {
        this.cluster.api.update(next, { fieldManager: "kubelet" });
      } catch {
        /* retried at the next heartbeat */
      }
    }
    const current = this.node() ?? node;
    const due = now - this.lastReport >= NODE_STATUS_REPORT_FREQUENCY * 1000;
    // Nothing the status is built from changed since the last check: it would differ only in
    // heartbeat times, which are posted when the report is due.
    const inputs = `${current.metadata.resourceVersion}/${this.imagesVersion}/${this.runtimeActive}`;
    if (this.firstPostDone && !due && inputs === this.checkedInputs) return;
    const status = buildNodeStatus(current, {
      now: this.cluster.clock.timestamp(),
      internalIP: this.addresses.internalIP,
      images: this.nodeImages(),
      heartbeat: true,
      notReadyMessage: this.runtimeActive ? undefined : RuntimeDownMessage,
      kubeletVersion: this.version,
    });
    if (!this.firstPostDone || due || statusChanged(current.status, status)) {
      const wasReady =
        current.status?.conditions?.find((c: { type: string }) => c.type === "Ready")?.status === "True";
      const next = clone(current);
      next.status = status;
      try {
        const posted = this.cluster.api.updateStatus(next, { fieldManager: "kubelet" });
        this.checkedInputs = `${posted.metadata.resourceVersion}/${this.imagesVersion}/${this.runtimeActive}`;
        this.lastReport = now;
      } catch {
        return;
      }
      if (!this.firstPostDone && !this.quietStart) {
        for (const c of NODE_CONDITIONS) {
          const reason = c.reason.replace(/^Kubelet/, "Node");
          this.cluster.events.record(
            this.nodeRef(),
            "Normal",
            reason,
            `Node ${this.nodeName} status is now: ${reason}`,
            this.source,
          );
        }
      }
      const isReady = status.conditions.find((c: { type: string }) => c.type === "Ready")?.status === "True";
      if (wasReady && !isReady)
        this.cluster.events.record(
          this.nodeRef(),
          "Normal",
          Events.NodeNotReady,
          `Node ${this.nodeName} status is now: NodeNotReady`,
          this.source,
        );
      if (!wasReady && isReady)
        this.cluster.events.record(
          this.nodeRef(),
          "Normal",
          Events.NodeReady,
          `Node ${this.nodeName} status is now: NodeReady`,
          this.source,
        );
      if (!this.firstPostDone) for (const uid of this.apiPods.keys()) this.dirty.add(uid);
      this.firstPostDone = true;
    } else this.checkedInputs = inputs;
  }

  private renewLease(node: Node): void {
    const api = this.cluster.api;
    const renewTime = this.cluster.clock.microTimestamp();
    const lease = api.get("Lease", "kube-node-lease", this.nodeName);
    try {
      if (!lease) {
        api.create({
          apiVersion: "coordination.k8s.io/v1",
          kind: "Lease",
          metadata: {
            name: this.nodeName,
            namespace: "kube-node-lease",
            ownerReferences: [
              { apiVersion: "v1", kind: "Node", name: this.nodeName, uid: node.metadata.uid as string },
            ],
          },
          spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION, renewTime },
        });
      } else {
        // Shallow copies do: the store copies what it keeps, and this runs every 10 s per node.
        const next: KubeObject = { ...lease, metadata: { ...lease.metadata } };
        next.spec = {
          ...(lease.spec ?? {}),
          holderIdentity: this.nodeName,
          leaseDurationSeconds: NODE_LEASE_DURATION,
          renewTime,
        };
        delete next.metadata.resourceVersion;
        api.update(next);
      }
    } catch {
      /* the next renewal tries again */
    }
  }

  /** status.images: images on the node, biggest first, at most 50 (nodestatus.Images). */
  nodeImages(): NodeImage[] {
    if (this.imagesListed?.version !== this.imagesVersion)
      this.imagesListed = { version: this.imagesVersion, list: this.listImages() };
    return this.imagesListed.list.map((img) => ({ names: [...img.names], sizeBytes: img.sizeBytes }));
  }

  private listImages(): NodeImage[] {
    const list = [...this.images.values()].map((img) => ({
      names: [imageDigest(img.ref), img.ref.full],
      sizeBytes: img.size,
    }));
    list.sort(
      (a, b) => b.sizeBytes - a.sizeBytes || (a.names[1] as string).localeCompare(b.names[1] as string),
    );
    return list.slice(0, 50);
  }

  /** Puts an image on the node (pulled, or preloaded by a scenario). */
  addImage(ref: ImageRef): void {
    const had = this.images.has(ref.full);
    this.images.set(ref.full, { ref, size: imageSize(ref) });
    this.imagesVersion++;
    if (!had && this.firstPostDone) this.nodeDue = true;
  }

  // ---- static pods ---------------------------------------------------------------------------

  private readStaticPodPath(): string {
    const text = this.fs.isFile(KUBELET_CONFIG_PATH) ? this.fs.read(KUBELET_CONFIG_PATH) : undefined;
    return staticPodPathOf(text);
  }

  /** Reads the manifests directory and reconciles the static pods with it. */
  private scanStaticPods(): void {
    const seen = new Map<string, Pod>();
    const dir = this.staticPodPath;
    if (dir && this.fs.isDir(dir)) {
      for (const name of this.fs.list(dir)) {
        const path = `${dir}/${name}`;
        if (!isManifestFile(name) || !this.fs.isFile(path)) continue;
        const text = this.fs.read(path);
        // An unchanged file gives the same pod (its uid hashes the content): skip the YAML parse.
        const cached = this.manifestCache.get(path);
        if (cached?.text === text) {
          const existing = cached.uid === undefined ? undefined : this.staticPods.get(cached.uid);
          if (cached.uid === undefined) continue;
          if (existing && !this.staticRemoved.has(cached.uid)) {
            seen.set(cached.uid, existing);
            continue;
          }
        }
        const result = readManifest(text, path, this.nodeName, this.seenTimestamp());
        this.manifestCache.set(path, {
          text,
          uid: "pod" in result ? (result.pod.metadata.uid as string) : undefined,
        });
        if ("pod" in result) {
          const uid = result.pod.metadata.uid as string;
          const existing = this.staticPods.get(uid);
          seen.set(uid, existing && !this.staticRemoved.has(uid) ? existing : result.pod);
        }
      }
    }
    // Two files with the same pod name: the first one wins, as the kubelet's pod manager keeps one.
    const byName = new Map<string, string>();
    for (const [uid, pod] of seen) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (byName.has(key)) seen.delete(uid);
      else byName.set(key, uid);
    }
    for (const uid of this.staticPods.keys())
      if (!seen.has(uid) && !this.staticRemoved.has(uid)) {
        this.staticRemoved.add(uid);
        this.dirty.add(uid);
      }
    for (const [uid, pod] of seen)
      if (!this.staticPods.has(uid) || this.staticRemoved.has(uid)) {
        this.staticRemoved.delete(uid);
        this.staticPods.set(uid, pod);
        this.dirty.add(uid);
      }
  }

  private seenTimestamp(): string {
    const ms = this.cluster.clock.now();
    return `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, "0")}${hexDigest(`${this.nodeName}${ms}`, 8).replace(/[a-f]/g, "7").slice(0, 6)}Z`;
  }

  /**
   * HandlePodCleanups' orphaned mirror pods: mirrors on this node whose static pod is gone (its
   * manifest was removed while the API server could not be told) are deleted.
   */
  private deleteOrphanedMirrorPods(): void {
    const api = this.cluster.api;
    for (const pod of api.list("Pod") as Pod[]) {
      const staticUid = pod.metadata.annotations?.[ConfigMirrorAnnotation];
      if (staticUid === undefined || pod.spec?.nodeName !== this.nodeName) continue;
      // A static pod still known (running or terminating) keeps its mirror.
      if (this.staticPods.has(staticUid)) continue;
      try {
        api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
          gracePeriodSeconds: 0,
          uid: pod.metadata.uid,
        });
      } catch {
        /* gone already, or the API went away again */
      }
    }
  }

  /** Creates, replaces or removes the mirror pod of a static pod. */
  private syncMirror(pod: Pod, remove: boolean): void {
    const api = this.cluster.api;
    const uid = pod.metadata.uid as string;
    const ns = pod.metadata.namespace as string;
    const name = pod.metadata.name as string;
    const mirror = api.get("Pod", ns, name) as Pod | undefined;
    const ours = mirror?.metadata.annotations?.[ConfigMirrorAnnotation] === uid;
    if (mirror && (ours || !remove)) {
      // A regular pod with the mirror's name keeps it: the kubelet cannot create the mirror.
      if (mirror.metadata.annotations?.[ConfigMirrorAnnotation] === undefined) return;
      if (remove || !ours || mirror.metadata.deletionTimestamp) {
        try {
          api.delete("Pod", ns, name, { gracePeriodSeconds: 0, uid: mirror.metadata.uid });
        } catch {
          /* gone already */
        }
      }
    }
    if (remove) return;
    if (!api.get("Pod", ns, name)) {
      try {
        api.create(mirrorPodOf(pod, this.node()), { fieldManager: "kubelet" });
      } catch {
        /* namespace missing or name taken: retried at the next sync */
      }
    }
  }

  // ---- pod sync ------------------------------------------------------------------------------

  private syncPod(uid: string): void {
    const apiPod = this.apiPods.get(uid);
    const staticPod = this.staticPods.get(uid);
    const pod = apiPod ?? staticPod;
    let rt = this.runtime.get(uid);
    if (!pod) {
      // Removed from the API at once (force delete): kill what runs, nothing to report.
      this.removeRuntime(uid);
      this.rejected.delete(uid);
      this.terminated.delete(uid);
      return;
    }
    // Without containerd nothing starts, stops or reports; the work waits for it.
    if (!this.runtimeActive) return;
    if (this.terminated.has(uid)) return;
    const isStatic = Boolean(staticPod);
    if (!rt && !this.rejected.has(uid)) rt = this.adopt(pod, isStatic);
    const terminating = isStatic ? this.staticRemoved.has(uid) : Boolean(pod.metadata.deletionTimestamp);
    if (terminating) {
      this.syncTerminating(pod, rt, isStatic);
      return;
    }
    if (isStatic) this.syncMirror(pod, false);
    if (this.rejected.has(uid)) {
      this.writeStatus(pod, rt, isStatic);
      return;
    }
    if (!rt) {
      if (!isStatic && ["Succeeded", "Failed"].includes(pod.status?.phase ?? "")) return;
      const node = this.node();
      if (!node) return;
      const running = [...this.runtime.values()]
        .filter((r) => !r.sandboxStopped)
        .map((r) => this.apiPods.get(r.uid) ?? this.staticPods.get(r.uid))
        .filter((p): p is Pod => Boolean(p));
      const rejection = admitPod(pod, node, running, isStatic);
      if (rejection) {
        this.rejected.set(uid, rejection);
        this.cluster.events.record(pod, "Warning", rejection.reason, rejection.message, this.source);
        this.writeStatus(pod, rt, isStatic);
        return;
      }
      rt = this.createSandbox(pod);
    }
    this.addEphemeralContainers(pod, rt);
    if (!rt.sandboxStopped) this.containers.runContainers(pod, rt);
    this.writeStatus(pod, rt, isStatic);
  }

  /** Ephemeral containers added to the pod since the last sync (pods/ephemeralcontainers) get a record. */
  private addEphemeralContainers(pod: Pod, rt: PodRuntime): void {
    for (const c of pod.spec?.ephemeralContainers ?? []) {
      if (rt.containers.has(c.name)) continue;
      rt.containers.set(c.name, newContainerRecord(c as Container, false, true));
      this.fs.mkdir(`${this.podLogDir(rt)}/${c.name}`, true);
    }
  }

  /**
   * Takes over the sandbox and containers the runtime already has for pod, as the pod's status
   * (a static pod's mirror's) describes them: what a restarted kubelet finds in containerd, and
   * what a restored scenario file carries. Undefined when there is nothing to adopt.
   */
  private adopt(pod: Pod, isStatic: boolean): PodRuntime | undefined {
    const uid = pod.metadata.uid as string;
    const observed = isStatic ? this.mirrorOf(pod)?.status : pod.status;
    const rt = adoptedRuntime(pod, observed);
    if (!rt) return undefined;
    this.runtime.set(uid, rt);
    const octet = Number(rt.ip?.split(".")[3]);
    if (!pod.spec?.hostNetwork && octet >= this.nextPodIp) this.nextPodIp = octet + 1;
    for (const c of rt.containers.values()) {
      this.fs.mkdir(`${this.podLogDir(rt)}/${c.name}`, true);
      if (c.id) this.addImage(c.image);
      this.containers.adopt(pod, rt, c, observed);
    }
    if (!isStatic && pod.metadata.deletionTimestamp) {
      // Already being killed: the kill deadline stays the one the deletion set.
      rt.terminatingSince = this.cluster.clock.now();
      this.containers.resumeTermination(rt, Date.parse(pod.metadata.deletionTimestamp));
    }
    return rt;
  }

  private mirrorOf(pod: Pod): Pod | undefined {
    const mirror = this.cluster.api.get("Pod", pod.metadata.namespace, pod.metadata.name as string) as
      | Pod
      | undefined;
    return mirror?.metadata.annotations?.[ConfigMirrorAnnotation] === pod.metadata.uid ? mirror : undefined;
  }

  private createSandbox(pod: Pod): PodRuntime {
    const uid = pod.metadata.uid as string;
    const node = this.node();
    const ip = pod.spec?.hostNetwork ? this.addresses.internalIP : this.allocatePodIp(node);
    const rt: PodRuntime = {
      uid,
      namespace: pod.metadata.namespace as string,
      name: pod.metadata.name as string,
      sandboxId: hexDigest(`sandbox:${uid}:${this.cluster.clock.now()}`, 64),
      ip,
      createdMs: this.cluster.clock.now(),
      startTime: this.cluster.clock.timestamp(),
      containers: new Map(),
    };
    for (const c of pod.spec?.initContainers ?? []) rt.containers.set(c.name, newContainerRecord(c, true));
    for (const c of pod.spec?.containers ?? []) rt.containers.set(c.name, newContainerRecord(c, false));
    this.runtime.set(uid, rt);
    this.addEphemeralContainers(pod, rt);
    for (const c of rt.containers.keys()) this.fs.mkdir(`${this.podLogDir(rt)}/${c}`, true);
    return rt;
  }

  /** /var/log/pods/NAMESPACE_NAME_UID, where the runtime keeps the pod's container logs. */
  private podLogDir(rt: PodRuntime): string {
    return `/var/log/pods/${rt.namespace}_${rt.name}_${rt.uid}`;
  }

  /** Forgets a pod's sandbox and its log directory. */
  private removeRuntime(uid: string): void {
    const rt = this.runtime.get(uid);
    if (!rt) return;
    this.containers.forget(rt);
    this.runtime.delete(uid);
    if (this.fs.isDir(this.podLogDir(rt))) this.fs.remove(this.podLogDir(rt), true);
  }

  private allocatePodIp(node: Node | undefined): string {
    const cidr = node?.spec?.podCIDR as string | undefined;
    const base = cidr
      ? cidr.split("/")[0]?.split(".").slice(0, 3).join(".")
      : `10.244.${this.addresses.podSubnet}`;
    const used = new Set([...this.runtime.values()].map((r) => r.ip));
    for (let i = 0; i < 253; i++) {
      const n = ((this.nextPodIp - 2 + i) % 253) + 2;
      const ip = `${base}.${n}`;
      if (!used.has(ip)) {
        this.nextPodIp = n + 1;
        return ip;
      }
    }
    return `${base}.254`;
  }

  /** Graceful termination: Killing, then the grace period or the process's own exit, then delete. */
  private syncTerminating(pod: Pod, rt: PodRuntime | undefined, isStatic: boolean): void {
    const uid = pod.metadata.uid as string;
    if (rt && !rt.terminatingSince) {
      rt.terminatingSince = this.cluster.clock.now();
      const grace = isStatic
        ? (pod.spec?.terminationGracePeriodSeconds ?? 30)
        : (pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      this.containers.beginTermination(pod, rt, grace);
    }
    if (rt && [...rt.containers.values()].some((c) => c.state === "running")) return;
    if (rt) {
      rt.sandboxStopped = true;
      this.writeStatus(pod, rt, isStatic, true);
    }
    this.removeRuntime(uid);
    this.rejected.delete(uid);
    if (!isStatic) this.terminated.add(uid);
    if (isStatic) {
      this.syncMirror(pod, true);
      this.staticPods.delete(uid);
      this.staticRemoved.delete(uid);
      return;
    }
    try {
      this.cluster.api.delete("Pod", pod.metadata.namespace, pod.metadata.name as string, {
        gracePeriodSeconds: 0,
        uid,
      });
    } catch {
      /* already gone */
    }
  }

  // ---- status --------------------------------------------------------------------------------

  /** generateAPIPodStatus + the status manager: writes the pod's status when it changed. */
  private writeStatus(pod: Pod, rt: PodRuntime | undefined, isStatic: boolean, terminal = false): void {
    const api = this.cluster.api;
    const target = isStatic
      ? (api.get("Pod", pod.metadata.namespace, pod.metadata.name as string) as Pod | undefined)
      : (api.get("Pod", pod.metadata.namespace, pod.metadata.name as string) as Pod | undefined);
    if (!target) return;
    if (
      isStatic
        ? target.metadata.annotations?.[ConfigMirrorAnnotation] !== pod.metadata.uid
        : target.metadata.uid !== pod.metadata.uid
    )
      return;
    const status = this.generateStatus(pod, rt, target.status, terminal);
    if (JSON.stringify(status) === JSON.stringify(target.status ?? {})) return;
    // The store copies what it is given: a shallow copy with the new status is enough.
    const { resourceVersion: _rv, ...metadata } = target.metadata;
    const next = { ...target, metadata, status };
    this.writing = pod.metadata.uid as string;
    try {
      api.updateStatus(next, { fieldManager: "kubelet" });
    } catch {
      /* retried at the next sync */
    } finally {
      this.writing = undefined;
    }
  }

  /** The status the kubelet would write for pod now (generateAPIPodStatus). */
  // biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
  generateStatus(pod: Pod, rt: PodRuntime | undefined, old: any, terminal: boolean): any {
    return generatePodStatus({
      pod,
      rt,
      old,
      terminal,
      now: this.cluster.clock.timestamp(),
      hostIP: this.addresses.internalIP,
      rejection: this.rejected.get(pod.metadata.uid as string),
      readiness: (r, c) => this.containers.readiness(r, c),
    });
  }

  // ---- host queries ------------------------------------------------------------------------

  /** The pod object the kubelet runs for a runtime entry (API pod or static pod). */
  podFor(uid: string): Pod | undefined {
    return this.apiPods.get(uid) ?? this.staticPods.get(uid);
  }

  /** The runtime entry of the pod named namespace/name (a static pod by its mirror's name). */
  runtimeByName(namespace: string, name: string): PodRuntime | undefined {
    for (const rt of this.runtime.values()) if (rt.namespace === namespace && rt.name === name) return rt;
    return undefined;
  }
}
