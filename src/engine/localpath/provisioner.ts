/**
 * local-path-provisioner as the container runtime runs it: a process hook claims containers of
 * the rancher/local-path-provisioner image started with `start`, and while one runs, claims whose
 * storage-provisioner annotation names it are provisioned as sig-storage-lib-external-provisioner
 * v10 (controller.go shouldProvision, provisionClaimOperation) drives v0.0.30's provisioner.go
 * (provisionFor, createHelperPod): the `Provisioning` event, a helper pod on the selected node
 * that creates `<base>/pvc-<uid>_<ns>_<name>`, polled each second until it Succeeded, then the
 * PersistentVolume `pvc-<uid>` (hostPath, node affinity, claimRef) and `ProvisioningSucceeded`.
 * Released volumes of policy Delete it provisioned are torn down by a helper pod, then deleted.
 *
 * The configuration (config.json, helperPod.yaml) is read from the provisioner's ConfigMap when
 * an operation starts: the mounted file the real process watches every 30 s is that ConfigMap.
 * Names are in names.ts, the process's flags and config in process.ts, the volume in volume.ts.
 */
import { ApiError } from "../api/errors";
import type { Pod } from "../api/kinds";
import { clone, type KubeObject } from "../api/types";
import { parseQuantity } from "../apiserver/quantity";
import type { Cluster } from "../cluster";
import { Controller } from "../controllers/lib/queue";
import type { ContainerProcess, ProcessHook, ProcessOutcome } from "../processes";
import {
  getPathOnNode,
  isSharedFilesystem,
  type LocalPathConfig,
  pathFromPattern,
  pickConfig,
} from "./config";
import { buildHelperPod, type HelperAction, type HelperContext } from "./helperpod";
import {
  AnnBetaStorageProvisioner,
  AnnDynamicallyProvisioned,
  AnnSelectedNode,
  AnnStorageProvisioner,
  LocalPathProvisionerImage,
  Provisioning,
  ProvisioningFailed,
  ProvisioningSucceeded,
  VolumeFailedDelete,
} from "./names";
import { loadConfig, logrus, type ProvisionerProcess, parseFlags, provisionerProcess } from "./process";
import { getPathAndNodeForPV, KeyNode } from "./pvpath";
import { createPersistentVolumeSource, provisionedVolume, volumeTypeFor } from "./volume";

/** The poll interval of createHelperPod's wait loop, in seconds. */
const PollSeconds = 1;
/** The library's retry back-off and threshold (controller.go defaults). */
const RetryBaseSeconds = 15;
const RetryMaxSeconds = 1000;
const FailedThreshold = 15;

/** An operation in flight: a helper pod the provisioner waits for. */
interface Operation {
  readonly action: HelperAction;
  readonly owner: string;
  readonly podName: string;
  readonly namespace: string;
  readonly deadlineMs: number;
  readonly timeoutSeconds: number;
  readonly volumeName: string;
  readonly node: string;
  readonly path: string;
  /** What to do once the helper pod Succeeded. */
  readonly finish: () => void;
  /** The error to report when it does not succeed in time. */
  readonly timedOut: (err: string) => void;
}

/** The process hook and the provisioning controller; one per cluster. */
export class LocalPathProvisioners implements ProcessHook {
  private readonly running = new Map<string, ProvisionerProcess>();
  private readonly operations = new Map<string, Operation>();
  /** Failures per key since its last success (the claim queue's NumRequeues). */
  private readonly failures = new Map<string, number>();
  readonly controller: Controller;

  constructor(private readonly cluster: Cluster) {
    this.controller = new Controller("local-path-provisioner", cluster, (key) => this.sync(key));
    cluster.api.watch("PersistentVolumeClaim", (e) => {
      if (e.type !== "DELETED")
        this.controller.enqueue(`claim:${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    cluster.api.watch("PersistentVolume", (e) => {
      if (e.type !== "DELETED") this.controller.enqueue(`volume:${e.object.metadata.name}`);
    });
    cluster.addComponent(this.controller);
  }

  started(process: ContainerProcess): ProcessOutcome | undefined {
    if (process.image !== LocalPathProvisionerImage) return undefined;
    const flags = parseFlags(process.argv);
    if (flags.get("command:0") !== "start") return undefined;
    const p = provisionerProcess(process, flags, this.cluster.rng.uuid());
    const loaded = loadConfig(this.cluster.api, p);
    if (!loaded.ok)
      return { logs: [logrus(this.cluster, "fatal", `Error starting daemon: ${loaded.error}`)], exitCode: 1 };
    this.running.set(process.key, p);
    for (const pvc of this.cluster.api.list("PersistentVolumeClaim"))
      this.controller.enqueue(`claim:${pvc.metadata.namespace}/${pvc.metadata.name}`);
    for (const pv of this.cluster.api.list("PersistentVolume"))
      this.controller.enqueue(`volume:${pv.metadata.name}`);
    const logs = flags.has("debug") ? [logrus(this.cluster, "debug", "Provisioner started")] : [];
    return { logs };
  }

  stopped(key: string): void {
    this.running.delete(key);
    for (const [k, op] of this.operations) if (op.owner === key) this.operations.delete(k);
  }

  /** The running process serving a provisioner name (the first started). */
  private serving(name: string): ProvisionerProcess | undefined {
    for (const p of this.running.values()) if (p.provisionerName === name) return p;
    return undefined;
  }

  private log(p: ProvisionerProcess, level: string, msg: string): void {
    p.process.log(logrus(this.cluster, level, msg));
  }

  private event(
    p: ProvisionerProcess,
    obj: KubeObject,
    type: "Normal" | "Warning",
    reason: string,
    msg: string,
  ) {
    this.cluster.events.record(obj, type, reason, msg, { component: p.component });
  }

  private sync(key: string): void {
    if (this.running.size === 0) return;
    if (key.startsWith("claim:")) {
      const [ns, name] = key.slice(6).split("/") as [string, string];
      const claim = this.cluster.api.get("PersistentVolumeClaim", ns, name);
      if (claim) this.syncClaim(key, claim);
    } else {
      const pv = this.cluster.api.get("PersistentVolume", undefined, key.slice(7));
      if (pv) this.syncVolume(pv);
    }
  }

  /** shouldProvision, then provisionClaimOperation. */
  private syncClaim(key: string, claim: KubeObject): void {
    if (claim.spec?.volumeName) return;
    if (claim.metadata.deletionTimestamp) return;
    const anns = claim.metadata.annotations ?? {};
    const provisioner = anns[AnnStorageProvisioner] ?? anns[AnnBetaStorageProvisioner];
    const p = provisioner ? this.serving(provisioner) : undefined;
    if (!p) return;
    const className = claim.spec?.storageClassName ?? anns["volume.beta.kubernetes.io/storage-class"] ?? "";
    const sc = this.cluster.api.get("StorageClass", undefined, className);
    if (!sc) return;
    if (sc.volumeBindingMode === "WaitForFirstConsumer" && !anns[AnnSelectedNode]) return;
    const pvName = `pvc-${claim.metadata.uid}`;
    if (this.cluster.api.get("PersistentVolume", undefined, pvName)) return;
    if (this.operations.has(pvName)) return;
    if (sc.provisioner !== p.provisionerName) return;
    this.provision(p, key, claim, sc, pvName);
  }

  private provisionFailed(
    p: ProvisionerProcess,
    key: string,
    claim: KubeObject,
    className: string,
    err: string,
  ) {
    this.event(
      p,
      claim,
      "Warning",
      ProvisioningFailed,
      `failed to provision volume with StorageClass "${className}": ${err}`,
    );
    this.retry(key);
  }

  private provision(p: ProvisionerProcess, key: string, claim: KubeObject, sc: KubeObject, pvName: string) {
    const api = this.cluster.api;
    const ns = claim.metadata.namespace as string;
    const claimName = claim.metadata.name as string;
    const className = sc.metadata.name as string;
    const nodeName = claim.metadata.annotations?.[AnnSelectedNode] ?? "";
    let node: KubeObject | undefined;
    if (nodeName) {
      node = api.get("Node", undefined, nodeName);
      if (!node) {
        // The node is gone: ProvisioningReschedule drops the annotation so the scheduler picks again.
        this.event(p, claim, "Warning", ProvisioningFailed, `node "${nodeName}" not found`);
        const next = clone(claim);
        delete next.metadata.annotations?.[AnnSelectedNode];
        this.write(() => api.update(next, { fieldManager: LocalPathProvisionerImage }));
        return;
      }
    }
    this.event(
      p,
      claim,
      "Normal",
      Provisioning,
      `External provisioner is provisioning volume for claim "${ns}/${claimName}"`,
    );
    const loaded = loadConfig(this.cluster.api, p);
    if (!loaded.ok) return this.provisionFailed(p, key, claim, className, loaded.error);
    const picked = pickConfig(loaded.config, className);
    if (!picked.ok) return this.provisionFailed(p, key, claim, className, picked.error);
    const cfg = picked.value;
    const shared = cfg.sharedFileSystemPath !== "" && cfg.nodePathMap.size === 0;
    if (!shared) {
      if (claim.spec?.selector)
        return this.provisionFailed(p, key, claim, className, "claim.Spec.Selector is not supported");
      for (const mode of claim.spec?.accessModes ?? [])
        if (mode !== "ReadWriteOnce" && mode !== "ReadWriteOncePod")
          return this.provisionFailed(
            p,
            key,
            claim,
            className,
            "NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes",
          );
      if (!node)
        return this.provisionFailed(p, key, claim, className, "configuration error, no node was specified");
    }
    const params = (sc.parameters ?? {}) as Record<string, string>;
    const base = getPathOnNode(cfg, nodeName, params.nodePath ?? "", (paths) =>
      paths.length === 1 ? (paths[0] as string) : (paths[this.cluster.rng.int(paths.length)] as string),
    );
    if (!base.ok) return this.provisionFailed(p, key, claim, className, base.error);
    if (base.value.usedDefault)
      this.log(
        p,
        "debug",
        `config doesn't contain node ${nodeName}, use DEFAULT_PATH_FOR_NON_LISTED_NODES instead`,
      );
    let folder = `${pvName}_${ns}_${claimName}`;
    if (params.pathPattern !== undefined) {
      const f = pathFromPattern(params.pathPattern, {
        pvName,
        namespace: ns,
        name: claimName,
        labels: claim.metadata.labels ?? {},
        annotations: claim.metadata.annotations ?? {},
      });
      if (!f.ok) return this.provisionFailed(p, key, claim, className, f.error);
      folder = f.value;
    }
    const path = `${base.value.path.replace(/\/$/, "")}/${folder}`;
    this.log(
      p,
      "info",
      nodeName ? `Creating volume ${pvName} at ${nodeName}:${path}` : `Creating volume ${pvName} at ${path}`,
    );
    const size = parseQuantity(claim.spec?.resources?.requests?.storage);
    const volumeType = volumeTypeFor(claim, sc);
    const source = createPersistentVolumeSource(volumeType, path);
    const pv = provisionedVolume({
      name: pvName,
      claim,
      className,
      provisioner: sc.provisioner,
      reclaimPolicy: sc.reclaimPolicy ?? "Delete",
      nodeName,
      hostname: (node?.metadata.labels?.[KeyNode] as string | undefined) ?? nodeName,
      shared,
      source: source ?? {},
    });
    this.runHelper(p, loaded, "create", {
      name: pvName,
      path,
      mode: claim.spec?.volumeMode ?? "Filesystem",
      sizeInBytes: Math.trunc(size),
      node: nodeName,
      shared,
      finish: () => {
        this.failures.delete(key);
        if (!source)
          return this.provisionFailed(
            p,
            key,
            claim,
            className,
            `failed to create persistent volume source: "${volumeType}" is not a recognised volume type`,
          );
        const created = this.write(() => api.create(pv, { fieldManager: LocalPathProvisionerImage }));
        if (!created) return;
        const current = api.get("PersistentVolumeClaim", ns, claimName);
        if (current && current.metadata.uid === claim.metadata.uid)
          this.event(
            p,
            current,
            "Normal",
            ProvisioningSucceeded,
            `Successfully provisioned volume ${pvName}`,
          );
      },
      timedOut: (err) => this.provisionFailed(p, key, claim, className, err),
    });
  }

  /** shouldDelete, then deleteVolumeOperation: a released Delete volume this provisioner made. */
  private syncVolume(pv: KubeObject): void {
    if (pv.status?.phase !== "Released") return;
    if (pv.spec?.persistentVolumeReclaimPolicy !== "Delete") return;
    if (pv.metadata.deletionTimestamp) return;
    const p = this.serving(pv.metadata.annotations?.[AnnDynamicallyProvisioned] ?? "");
    if (!p) return;
    const name = pv.metadata.name as string;
    if (this.operations.has(name)) return;
    const fail = (err: string) => {
      this.event(p, pv, "Warning", VolumeFailedDelete, err);
      this.retry(`volume:${name}`);
    };
    const loaded = loadConfig(this.cluster.api, p);
    if (!loaded.ok) {
      fail(loaded.error);
      return;
    }
    const picked = pickConfig(loaded.config, pv.spec?.storageClassName ?? "");
    if (!picked.ok) {
      fail(picked.error);
      return;
    }
    const sharedFS = isSharedFilesystem(picked.value);
    const target = getPathAndNodeForPV(pv, sharedFS);
    if (!target.ok) {
      fail(target.error);
      return;
    }
    const { path, node } = target.value;
    const shared = sharedFS.ok && sharedFS.value;
    this.log(
      p,
      "info",
      node ? `Deleting volume ${name} at ${node}:${path}` : `Deleting volume ${name} at ${path}`,
    );
    this.runHelper(p, loaded, "delete", {
      name,
      path,
      mode: pv.spec?.volumeMode ?? "Filesystem",
      sizeInBytes: Math.trunc(parseQuantity(pv.spec?.capacity?.storage)),
      node,
      shared,
      finish: () => {
        this.failures.delete(`volume:${name}`);
        this.write(() =>
          this.cluster.api.delete("PersistentVolume", undefined, name, {
            fieldManager: LocalPathProvisionerImage,
          }),
        );
      },
      timedOut: (err) => fail(err),
    });
  }

  /** createHelperPod: creates the pod (an existing one is reused), then polls it each second. */
  private runHelper(
    p: ProvisionerProcess,
    loaded: { config: LocalPathConfig; template: Pod },
    action: HelperAction,
    o: {
      name: string;
      path: string;
      mode: string;
      sizeInBytes: number;
      node: string;
      shared: boolean;
      finish: () => void;
      timedOut: (err: string) => void;
    },
  ): void {
    const ctx: HelperContext = {
      namespace: p.namespace,
      serviceAccountName: p.serviceAccountName,
      configMapName: p.configMapName,
      setupCommand: loaded.config.setupCommand,
      teardownCommand: loaded.config.teardownCommand,
      sharedFS: o.shared,
    };
    const built = buildHelperPod(loaded.template, action, o, ctx);
    if (!built.ok) {
      o.timedOut(built.error);
      return;
    }
    const pod = built.value;
    const podName = pod.metadata?.name as string;
    this.log(p, "info", `create the helper pod ${podName} into ${p.namespace}`);
    try {
      this.cluster.api.create(pod as KubeObject, { fieldManager: LocalPathProvisionerImage });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason !== "AlreadyExists") {
        o.timedOut(`failed to ${action} volume ${o.name}: ${e.message}`);
        return;
      }
    }
    const timeout = loaded.config.cmdTimeoutSeconds;
    const op: Operation = {
      action,
      owner: p.process.key,
      podName,
      namespace: p.namespace,
      deadlineMs: this.cluster.clock.now() + timeout * 1000,
      timeoutSeconds: timeout,
      volumeName: o.name,
      node: o.node,
      path: o.path,
      finish: o.finish,
      timedOut: o.timedOut,
    };
    this.operations.set(o.name, op);
    this.poll(p, op);
  }

  private poll(p: ProvisionerProcess, op: Operation): void {
    if (this.operations.get(op.volumeName) !== op) return;
    const helper = this.cluster.api.get("Pod", op.namespace, op.podName);
    const done = helper?.status?.phase === "Succeeded";
    if (!done && this.cluster.clock.now() < op.deadlineMs) {
      this.cluster.clock.after(PollSeconds, () => this.poll(p, op), `local-path helper ${op.podName}`);
      return;
    }
    this.operations.delete(op.volumeName);
    // The deferred delete of the helper pod, whatever the outcome.
    this.write(() =>
      this.cluster.api.delete("Pod", op.namespace, op.podName, { fieldManager: LocalPathProvisionerImage }),
    );
    if (!done) {
      op.timedOut(
        `failed to ${op.action} volume ${op.volumeName}: create process timeout after ${op.timeoutSeconds} seconds`,
      );
      return;
    }
    const verb = op.action === "create" ? "created" : "deleted";
    this.log(
      p,
      "info",
      op.node
        ? `Volume ${op.volumeName} has been ${verb} on ${op.node}:${op.path}`
        : `Volume ${op.volumeName} has been ${verb} on ${op.path}`,
    );
    op.finish();
  }

  /**
   * A failed claim or volume is synced again after the library's back-off (15 s doubling to
   * 1000 s, NewItemExponentialFailureRateLimiter), up to 15 failures (failedProvisionThreshold,
   * failedDeleteThreshold), then given up until it changes.
   */
  private retry(key: string): void {
    const n = this.failures.get(key) ?? 0;
    if (n >= FailedThreshold) {
      this.failures.delete(key);
      return;
    }
    this.failures.set(key, n + 1);
    this.controller.enqueueAfter(key, Math.min(RetryBaseSeconds * 2 ** n, RetryMaxSeconds));
  }

  private write<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ApiError) return undefined;
      throw e;
    }
  }
}

const HOOKS = new WeakMap<Cluster, LocalPathProvisioners>();

/** Installs the local-path-provisioner hook in a cluster's container runtime (createCluster does). */
export function installLocalPathProvisioners(cluster: Cluster): LocalPathProvisioners {
  const hook = new LocalPathProvisioners(cluster);
  HOOKS.set(cluster, hook);
  cluster.processHooks.push(hook);
  return hook;
}

/** The cluster's local-path-provisioner hook, if installed. */
export function localPathProvisioners(cluster: Cluster): LocalPathProvisioners | undefined {
  return HOOKS.get(cluster);
}
