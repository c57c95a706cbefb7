/**
 * The kubelet's container work for one pod at a time (kuberuntime's SyncPod): init containers in
 * order, then app containers; image pulls with their back-off; the simulated processes; restarts
 * with the CrashLoopBackOff back-off; probes; and the kill of a terminating pod.
 */

import type { Container, Node, Pod, PodSpec } from "../api/kinds";
import { parseQuantity } from "../apiserver/quantity";
import type { Cluster } from "../cluster";
import type { EventSource } from "../events/recorder";
import type { NodeFileSystem } from "../node/fs";
import { type ProcessOutcome, processKey } from "../processes";
import type { Listener } from "../sh/interface";
import { BACKOFF_INITIAL, BACKOFF_MAX, Backoff, parseGoDuration } from "./backoff";
import {
  CrashLoopBackOff,
  ErrImagePull,
  Events,
  ImagePullBackOff,
  MemoryUsageAnnotation,
  SYNC_ERROR_BACKOFF_SECONDS,
} from "./constants";
import { hexDigest } from "./hash";
import { goDuration, type ImageRef, imageSize, parseImage, pullProblem, pullSeconds } from "./images";
import { type Launch, type LaunchContext, prepareLaunch, stopSignalOf } from "./launch";
import {
  FailedPostStartHook,
  FailedPreStopHook,
  KillingFailedPostStartHook,
  MINIMUM_GRACE_PERIOD_SECONDS,
  PostStartHookFailedMessage,
  PreStopHookFailedMessage,
  runLifecycleHandler,
} from "./lifecycle";
import { LogBuffer } from "./logbuffer";
import { clusterNetwork } from "./network";
import { apiPodSources } from "./podsources";
import { type Probe, probeResult } from "./probes";
import type { ProcRunner } from "./procrun";
import { terminationMessage } from "./rootfs";
import type { ContainerRecord, PodRuntime, ProbeKind } from "./runtime";
import { ContainerSandbox, PidNamespace, startErrorMessage } from "./sandbox";
import { FailedMount, type VolumeStorage } from "./volumes";

/** The startedAt of a container that failed to start (kuberuntime: time.Unix(0, status.StartedAt) with 0). */
export const NEVER_STARTED = "1970-01-01T00:00:00Z";
/** What the container manager needs from its kubelet. */
export interface ContainerHost {
  readonly nodeName: string;
  /** The node's file system (hostPath volumes). */
  readonly fs: NodeFileSystem;
  /** The node's volume storage (emptyDirs, volume payloads). */
  readonly volumes: VolumeStorage;
  readonly images: ReadonlyMap<string, unknown>;
  addImage(ref: ImageRef): void;
  enqueue(uid: string): void;
}

/** An output that keeps nothing. */
const DISCARD = { write: () => {} };

/** How the kubelet names each probe in its events. */
const PROBE_LABELS: Record<ProbeKind, string> = {
  startup: "Startup",
  readiness: "Readiness",
  liveness: "Liveness",
};

/** Runs the containers of the kubelet's pods. */
export class ContainerManager {
  private readonly crashBackoff = new Backoff();
  private readonly pullBackoff = new Backoff();

  constructor(
    private readonly cluster: Cluster,
    private readonly name: string,
    private readonly source: EventSource,
    private readonly host: ContainerHost,
  ) {}

  private get images(): ReadonlyMap<string, unknown> {
    return this.host.images;
  }

  private addImage(ref: ImageRef): void {
    this.host.addImage(ref);
  }

  private enqueue(uid: string): void {
    this.host.enqueue(uid);
  }

  /**
   * Ephemeral containers not yet started, then init containers in order, then the app containers
   * (SyncPod's computePodActions: ephemeral containers start before init containers so that one
   * can debug a pod whose initialization fails).
   */
  runContainers(pod: Pod, rt: PodRuntime): void {
    const spec = pod.spec as PodSpec;
    const restartPolicy = spec.restartPolicy ?? "Always";
    // An ephemeral container runs once: an ended one is never restarted.
    for (const c of rt.containers.values())
      if (c.ephemeral && c.state === "none") this.startContainer(pod, rt, c);
    for (const cs of spec.initContainers ?? []) {
      const c = rt.containers.get(cs.name) as ContainerRecord;
      const sidecar = cs.restartPolicy === "Always";
      if (c.state === "running") {
        if (sidecar) continue;
        return;
      }
      if (c.state === "terminated") {
        if (!sidecar && c.terminated?.exitCode === 0) continue;
        if (!sidecar && restartPolicy === "Never") {
          this.stopPod(rt);
          return;
        }
        this.restartWithBackoff(pod, rt, c);
        if (!sidecar) return;
        continue;
      }
      this.startContainer(pod, rt, c);
      if (!sidecar || (rt.containers.get(cs.name)?.state ?? "none") !== "running") return;
    }
    for (const cs of spec.containers) {
      const c = rt.containers.get(cs.name) as ContainerRecord;
      if (cs.image !== c.spec.image) {
        this.replaceContainer(pod, rt, c, cs);
        continue;
      }
      if (c.state === "none") this.startContainer(pod, rt, c);
      else if (c.state === "terminated") {
        const code = c.terminated?.exitCode ?? 0;
        if (restartPolicy === "Always" || (restartPolicy === "OnFailure" && code !== 0))
          this.restartWithBackoff(pod, rt, c);
      }
    }
    // A pod that will not restart anything is done: its sandbox stops.
    const all = [...rt.containers.values()].filter((c) => !c.init && !c.ephemeral);
    if (
      restartPolicy !== "Always" &&
      all.every(
        (c) => c.state === "terminated" && (restartPolicy === "Never" || (c.terminated?.exitCode ?? 0) === 0),
      )
    )
      this.stopPod(rt);
  }

  private stopPod(rt: PodRuntime): void {
    rt.sandboxStopped = true;
    for (const c of rt.containers.values()) {
      this.cancelTimers(c);
      if (c.state === "running") this.exitContainer(rt, c, 137, "Error");
    }
  }

  private fieldPath(c: ContainerRecord): string {
    const list = c.ephemeral
      ? "spec.ephemeralContainers"
      : c.init
        ? "spec.initContainers"
        : "spec.containers";
    return `${list}{${c.name}}`;
  }

  private event(
    pod: Pod,
    c: ContainerRecord | undefined,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void {
    this.cluster.events.record(
      pod,
      type,
      reason,
      message,
      this.source,
      c ? { fieldPath: this.fieldPath(c) } : {},
    );
  }

  private podKey(pod: Pod): string {
    return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  }

  /** Pulls the image if needed, then creates and starts the container. */
  private startContainer(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const now = this.cluster.clock.now();
    const raw = c.spec.image ?? "";
    if (c.pullUntil !== undefined) return; // a pull is under way
    if (c.pullResult) {
      const result = c.pullResult;
      c.pullResult = undefined;
      if (!result.ok) {
        const key = `${rt.uid}/${raw}`;
        this.pullBackoff.next(key, now);
        this.pullFailures.set(key, now);
        c.waiting = { reason: ErrImagePull, message: result.message };
        this.event(pod, c, "Warning", Events.Failed, `Failed to pull image "${raw}": ${result.message}`);
        this.event(pod, c, "Warning", Events.Failed, `Error: ${ErrImagePull}`);
        // The next pod sync (a second later) shows the back-off; its end brings the next pull.
        this.cluster.clock.after(1, () => this.enqueue(rt.uid), `${this.name} pull backoff`);
        this.cluster.clock.after(
          this.pullBackoff.get(key),
          () => this.enqueue(rt.uid),
          `${this.name} pull backoff`,
        );
        return;
      }
      this.addImage(c.image);
      const size = imageSize(c.image);
      this.event(
        pod,
        c,
        "Normal",
        Events.Pulled,
        `Successfully pulled image "${raw}" in ${goDuration(result.seconds)} (${goDuration(result.seconds)} including waiting). Image size: ${size} bytes.`,
      );
      this.createAndStart(pod, rt, c);
      return;
    }
    const problem = pullProblem(raw);
    if (problem?.reason === "InvalidImageName") {
      if (c.waiting?.reason !== "InvalidImageName") {
        c.waiting = { reason: "InvalidImageName", message: problem.message };
        this.event(pod, c, "Warning", "InspectFailed", problem.message);
        this.event(pod, c, "Warning", Events.Failed, "Error: InvalidImageName");
      }
      return;
    }
    const policy =
      c.spec.imagePullPolicy ?? (c.image.tag === "latest" && !raw.includes("@") ? "Always" : "IfNotPresent");
    const present = this.images.has(c.image.full);
    if (policy === "Never" && !present) {
      if (c.waiting?.reason !== "ErrImageNeverPull") {
        const msg = `Container image "${raw}" is not present with pull policy of Never`;
        c.waiting = { reason: "ErrImageNeverPull", message: msg };
        this.event(pod, c, "Warning", Events.ErrImageNeverPull, msg);
        this.event(pod, c, "Warning", Events.Failed, "Error: ErrImageNeverPull");
      }
      return;
    }
    if (policy === "Always" || !present) {
      const key = `${rt.uid}/${raw}`;
      const lastFailure = c.waiting?.reason === ErrImagePull || c.waiting?.reason === ImagePullBackOff;
      if (lastFailure && this.pullBackoff.isInBackOffSince(key, this.pullBackoffStart(key), now)) {
        if (c.waiting?.reason === ImagePullBackOff) return;
        const cause = c.waiting?.message ?? "";
        c.waiting = {
          reason: ImagePullBackOff,
          message: `Back-off pulling image "${raw}": ErrImagePull: ${cause}`,
        };
        this.event(pod, c, "Normal", Events.BackOff, `Back-off pulling image "${raw}"`);
        this.event(pod, c, "Warning", Events.Failed, `Error: ${ImagePullBackOff}`);
        return;
      }
      const seconds = pullSeconds(c.image);
      this.event(pod, c, "Normal", Events.Pulling, `Pulling image "${raw}"`);
      c.pullUntil = now + seconds * 1000;
      c.pullTimer = this.cluster.clock.after(
        seconds,
        () => {
          c.pullUntil = undefined;
          c.pullTimer = undefined;
          const p = pullProblem(raw);
          c.pullResult = p ? { ok: false, seconds, message: p.message } : { ok: true, seconds };
          this.enqueue(rt.uid);
        },
        `${this.name} pull ${raw}`,
      );
      return;
    }
    this.event(pod, c, "Normal", Events.Pulled, `Container image "${raw}" already present on machine`);
    this.createAndStart(pod, rt, c);
  }

  private readonly pullFailures = new Map<string, number>();

  private pullBackoffStart(key: string): number {
    return this.pullFailures.get(key) ?? 0;
  }

  private createAndStart(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const now = this.cluster.clock.now();
    const id = hexDigest(`${rt.uid}/${c.name}/${c.restartCount}/${now}`, 64);
    const launch = prepareLaunch(pod, c.spec, rt.ip, id, this.launchContext(), (bytes) =>
      this.memoryUsed(rt, c, id, bytes),
    );
    if ("kind" in launch) {
      if (launch.kind === "mount") {
        // The volume manager retries; the pod waits in ContainerCreating (or PodInitializing).
        this.cluster.events.record(pod, "Warning", FailedMount, launch.message, this.source, {});
      } else {
        c.waiting = { reason: launch.reason, message: launch.message };
        this.event(pod, c, "Warning", Events.Failed, `Error: ${launch.message}`);
      }
      this.cluster.clock.after(
        SYNC_ERROR_BACKOFF_SECONDS,
        () => this.enqueue(rt.uid),
        `${this.name} sync backoff`,
      );
      return;
    }
    launch.spec.pidNamespace = this.pidNamespaceFor(pod, rt, c);
    c.waiting = undefined;
    c.id = id;
    c.state = "running";
    c.startedMs = now;
    c.startedAt = this.cluster.clock.timestamp();
    c.terminated = undefined;
    c.oomKilled = false;
    c.probes = undefined;
    if (c.logs.size) c.previousLogs = c.logs;
    c.logs = new LogBuffer();
    this.event(pod, c, "Normal", Events.Created, `Created container: ${c.name}`);
    c.argv = launch.argv;
    const hooked = this.processStarted(pod, rt, c, launch.argv);
    if (hooked === "exited") return;
    // A hook-run component still has its image's process: its health ports answer the probes.
    if (!this.spawnMain(pod, rt, c, launch, undefined, hooked === "claimed")) return;
    if (hooked === "none") this.event(pod, c, "Normal", Events.Started, `Started container ${c.name}`);
    if (c.spec.lifecycle?.postStart) this.runPostStart(pod, rt, c);
    if (c.state === "running") this.startProbes(pod, rt, c);
  }

  /**
   * The postStart hook, right after the container started (startContainer, step 4): when it
   * fails, the kubelet records FailedPostStartHook and kills the container, which then restarts
   * as its restart policy says.
   */
  private runPostStart(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const id = c.id;
    runLifecycleHandler(
      c.spec.lifecycle?.postStart,
      rt,
      c,
      clusterNetwork(this.cluster.api),
      this.cluster.clock,
      (r) => {
        if (r.ok || c.id !== id || c.state !== "running") return;
        this.event(pod, c, "Warning", FailedPostStartHook, PostStartHookFailedMessage);
        this.event(pod, c, "Normal", Events.Killing, KillingFailedPostStartHook);
        this.stopContainer(pod, rt, c, pod.spec?.terminationGracePeriodSeconds ?? 30);
      },
    );
  }

  /**
   * The PID namespace a container joins (kuberuntime's namespacesForPod / targetContainerName):
   * the pod's shared one with shareProcessNamespace, an ephemeral container's target's when it
   * names one that runs; undefined for a namespace of its own.
   */
  private pidNamespaceFor(pod: Pod, rt: PodRuntime, c: ContainerRecord): PidNamespace | undefined {
    if (pod.spec?.shareProcessNamespace) {
      rt.sharedPids ??= new PidNamespace(this.cluster.clock.now());
      return rt.sharedPids;
    }
    const target = c.ephemeral ? (c.spec as { targetContainerName?: string }).targetContainerName : undefined;
    if (!target) return undefined;
    return rt.containers.get(target)?.sandbox?.pidNamespace;
  }

  /** What prepareLaunch needs from this kubelet. */
  private launchContext(): LaunchContext {
    return {
      nodeName: this.host.nodeName,
      nodeFs: this.host.fs,
      storage: this.host.volumes,
      sources: apiPodSources(this.cluster.api, this.host.nodeName),
      network: clusterNetwork(this.cluster.api),
      clock: this.cluster.clock,
      node: () => this.cluster.api.get("Node", undefined, this.host.nodeName) as Node | undefined,
    };
  }

  /**
   * Starts PID 1 in a new sandbox (fromMs: it started then, a restored cluster's container, and
   * catches up). False when runc could not start it: the container ends with StartError.
   */
  private spawnMain(
    pod: Pod,
    rt: PodRuntime,
    c: ContainerRecord,
    launch: Launch,
    fromMs: number | undefined,
    quiet = false,
  ): boolean {
    const sandbox = new ContainerSandbox(launch.spec);
    c.sandbox = sandbox;
    const id = c.id;
    let runner: ProcRunner | undefined;
    const now = () => runner?.now() ?? this.cluster.clock.now();
    const logs = c.logs;
    const r = sandbox.spawn(
      launch.argv,
      {
        ...(quiet
          ? { stdout: DISCARD, stderr: DISCARD }
          : { stdout: logs.output("stdout", now), stderr: logs.output("stderr", now) }),
        // A container with stdin open (kubectl run -i) waits for its input to be attached; what
        // an attach sent is its input, which then ends if the container's stdin is stdinOnce.
        stdin: c.attachInput,
        stdinOpen: c.spec.stdin === true && !(c.spec.stdinOnce === true && c.attachInput !== undefined),
        created: (made) => {
          runner = made;
        },
      },
      (code: number) => this.mainExited(rt, c, id, code),
      fromMs,
    );
    if ("message" in r) {
      c.sandbox = undefined;
      const message = startErrorMessage(r.message);
      this.event(pod, c, "Warning", Events.Failed, `Error: ${message}`);
      this.exitContainer(rt, c, 128, "StartError", message);
      return false;
    }
    runner = r;
    const declared = parseQuantity(pod.metadata.annotations?.[MemoryUsageAnnotation]);
    if (!Number.isNaN(declared) && declared > 0 && c.state === "running")
      this.memoryUsed(rt, c, id ?? "", declared);
    return c.state === "running" || c.terminated?.reason !== "StartError";
  }

  /** PID 1 of a container instance ended: the container ends with its status. */
  private mainExited(rt: PodRuntime, c: ContainerRecord, id: string | undefined, code: number): void {
    if (c.id !== id || c.state !== "running") return;
    const reason = c.oomKilled ? "OOMKilled" : code === 0 ? "Completed" : "Error";
    this.exitContainer(rt, c, c.oomKilled ? 137 : code, reason);
  }

  /** The container's processes use this much memory: over its limit the kernel's OOM killer ends it. */
  private memoryUsed(rt: PodRuntime, c: ContainerRecord, id: string, bytes: number): void {
    const limit = parseQuantity(c.spec.resources?.limits?.memory as string | undefined);
    if (Number.isNaN(limit) || bytes <= limit || c.oomKilled) return;
    c.oomKilled = true;
    this.cluster.clock.after(
      1,
      () => {
        if (c.id === id && c.state === "running") this.exitContainer(rt, c, 137, "OOMKilled");
      },
      `${this.name} oom`,
    );
  }

  /**
   * Tells the cluster's process hooks that the container's process started (a control-plane
   * component may start with it): "claimed" when a hook runs it (its logs and exit come from the
   * hook; the image's process still runs, quietly), "exited" when the hook made it exit at once,
   * "none" when no hook knows it.
   */
  private processStarted(
    pod: Pod,
    rt: PodRuntime,
    c: ContainerRecord,
    argv: string[],
    adopting = false,
  ): "claimed" | "exited" | "none" {
    const hooks = this.cluster.processHooks;
    if (hooks.length === 0) return "none";
    const id = c.id;
    const key = processKey(rt.uid, c.name);
    const process = {
      listen: (listener: Listener) => {
        if (c.state !== "running" || c.id !== id) return;
        const close = clusterNetwork(this.cluster.api).listen(rt.ip, listener);
        this.hookListeners.set(key, [...(this.hookListeners.get(key) ?? []), close]);
      },
      log: (line: string) => {
        if (c.state === "running" && c.id === id)
          c.logs.write("stderr", `${line}\n`, this.cluster.clock.now());
      },
      podIP: rt.ip,
      exit: (code: number, logs: string[]) => {
        if (c.state !== "running" || c.id !== id) return;
        for (const line of logs) c.logs.write("stderr", `${line}\n`, this.cluster.clock.now());
        this.exitContainer(rt, c, code, code === 0 ? "Completed" : "Error");
      },
      key,
      nodeName: pod.spec?.nodeName ?? "",
      pod,
      container: c.spec,
      argv,
      image: c.image.shortName,
      startedMs: c.startedMs ?? this.cluster.clock.now(),
    };
    let outcome: ProcessOutcome | undefined;
    for (const hook of hooks) outcome ??= hook.started(process);
    if (!outcome) return "none";
    if (!adopting) this.event(pod, c, "Normal", Events.Started, `Started container ${c.name}`);
    for (const line of outcome.logs) c.logs.write("stderr", `${line}\n`, this.cluster.clock.now());
    if (outcome.exitCode === undefined) return "claimed";
    this.exitContainer(rt, c, outcome.exitCode, outcome.exitCode === 0 ? "Completed" : "Error");
    return "exited";
  }

  /** Tells the process hooks that the container's process ended. */
  private processStopped(rt: PodRuntime, c: ContainerRecord): void {
    const key = processKey(rt.uid, c.name);
    for (const close of this.hookListeners.get(key) ?? []) close();
    this.hookListeners.delete(key);
    for (const hook of this.cluster.processHooks) hook.stopped(key);
  }

  /** Listeners hook-run processes opened, by process key (closed when the process ends). */
  private readonly hookListeners = new Map<string, (() => void)[]>();

  /** The pod's sandbox is forgotten (removed, or its node gone): its processes end. */
  forget(rt: PodRuntime): void {
    for (const c of rt.containers.values()) {
      this.cancelTimers(c);
      if (c.state === "running") this.processStopped(rt, c);
      const sandbox = c.sandbox;
      c.sandbox = undefined;
      sandbox?.killAll();
    }
    this.host.volumes.releasePod(rt.uid);
  }

  // ---- probes (pkg/kubelet/prober/worker.go) ---------------------------------------------------

  /** Starts the container's probe workers: each probes every periodSeconds from initialDelaySeconds. */
  private startProbes(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const startedMs = c.startedMs ?? this.cluster.clock.now();
    const kinds: [ProbeKind, Probe][] = [];
    if (c.spec.startupProbe) kinds.push(["startup", c.spec.startupProbe]);
    if (c.spec.readinessProbe) kinds.push(["readiness", c.spec.readinessProbe]);
    if (c.spec.livenessProbe) kinds.push(["liveness", c.spec.livenessProbe]);
    if (!kinds.length) return;
    c.probes = {};
    c.probeTimers = [];
    const id = c.id;
    for (const [kind, probe] of kinds) {
      const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
      let due = startedMs + Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;
      const now = this.cluster.clock.now();
      if (due < now) due += Math.ceil((now - due) / period) * period;
      const tick = () => {
        if (c.id !== id || c.state !== "running") return;
        this.probeOnce(pod, rt, c, kind, probe);
        if (c.id !== id || c.state !== "running") return;
        due += period;
        c.probeTimers?.push(this.cluster.clock.at(due, tick, `${this.name} probe`));
      };
      c.probeTimers.push(this.cluster.clock.at(due, tick, `${this.name} probe`));
    }
  }

  /** One probe run and what its result leads to (doProbe). */
  private probeOnce(pod: Pod, rt: PodRuntime, c: ContainerRecord, kind: ProbeKind, probe: Probe): void {
    const tracks = c.probes ?? {};
    c.probes = tracks;
    const track = tracks[kind] ?? { run: 0 };
    tracks[kind] = track;
    if (track.onHold) return;
    // Liveness and readiness wait for the startup probe to succeed.
    if (kind !== "startup" && c.spec.startupProbe && tracks.startup?.reported !== true) return;
    if (kind === "startup" && track.reported === true) return;
    const r = probeResult(probe, rt, c, clusterNetwork(this.cluster.api));
    const label = PROBE_LABELS[kind];
    if (!r.ok) this.event(pod, c, "Warning", Events.Unhealthy, `${label} probe failed: ${r.message}`);
    track.run = track.last === r.ok ? track.run + 1 : 1;
    track.last = r.ok;
    const threshold = r.ok
      ? Math.max(1, probe.successThreshold ?? 1)
      : Math.max(1, probe.failureThreshold ?? 3);
    // Below its threshold a result leaves the reported state unchanged.
    if (track.run < threshold) return;
    const changed = track.reported !== r.ok;
    track.reported = r.ok;
    if (changed) this.enqueue(rt.uid);
    if (!r.ok && (kind === "liveness" || kind === "startup")) {
      track.onHold = true;
      this.event(
        pod,
        c,
        "Normal",
        Events.Killing,
        `Container ${c.name} failed ${kind} probe, will be restarted`,
      );
      const grace = probe.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      this.stopContainer(pod, rt, c, grace);
    }
  }

  /**
   * killContainer: the preStop hook first (it may take up to the grace period; what it used is
   * taken from the grace, leaving at least 2 s), then SIGTERM to PID 1 and SIGKILL after the rest.
   */
  private stopContainer(pod: Pod, rt: PodRuntime, c: ContainerRecord, grace: number): void {
    if (c.state !== "running") return;
    const preStop = c.spec.lifecycle?.preStop;
    if (!preStop || !c.sandbox || grace <= 0) {
      this.terminate(rt, c, grace);
      return;
    }
    const id = c.id;
    if (c.preStopFor === id) return; // a hook under way already leads to the kill
    c.preStopFor = id;
    const start = this.cluster.clock.now();
    let proceeded = false;
    const proceed = () => {
      if (proceeded) return;
      proceeded = true;
      this.cluster.clock.cancel(c.killTimer);
      c.killTimer = undefined;
      if (c.id !== id) return;
      const spent = Math.floor((this.cluster.clock.now() - start) / 1000);
      this.terminate(rt, c, Math.max(MINIMUM_GRACE_PERIOD_SECONDS, grace - spent));
    };
    const hook = runLifecycleHandler(
      preStop,
      rt,
      c,
      clusterNetwork(this.cluster.api),
      this.cluster.clock,
      (r) => {
        if (!r.ok && c.id === id && c.state === "running")
          this.event(pod, c, "Warning", FailedPreStopHook, PreStopHookFailedMessage);
        proceed();
      },
    );
    if (proceeded) return;
    c.killTimer = this.cluster.clock.after(
      grace,
      () => {
        hook.cancel();
        proceed();
      },
      `${this.name} preStop`,
    );
  }

  /** Sends the image's stop signal (SIGTERM by default) to PID 1, SIGKILL after the grace period (StopContainer). */
  private terminate(rt: PodRuntime, c: ContainerRecord, grace: number): void {
    if (c.state !== "running") return;
    const sandbox = c.sandbox;
    if (!sandbox || grace <= 0) {
      this.exitContainer(rt, c, 137, "Error");
      return;
    }
    sandbox.signalPid1(stopSignalOf(c.spec.image ?? ""));
    if (c.state !== "running") return;
    this.cluster.clock.cancel(c.killTimer);
    const id = c.id;
    c.killTimer = this.cluster.clock.after(
      grace,
      () => {
        if (c.id === id) this.exitContainer(rt, c, 137, "Error");
      },
      `${this.name} kill`,
    );
  }

  /**
   * Takes over a container the runtime already ran when the kubelet (re)started (adoption from
   * the pod's status): a running one's processes start again from its start time and catch up to
   * now (rebuilding its logs and files), and the crash back-off is restored.
   */
  // biome-ignore lint/suspicious/noExplicitAny: the observed pod status is open JSON
  adopt(pod: Pod, rt: PodRuntime, c: ContainerRecord, observed?: any): void {
    if (c.state === "running" && c.startedMs !== undefined) {
      const launch = prepareLaunch(pod, c.spec, rt.ip, c.id ?? "", this.launchContext(), (bytes) =>
        this.memoryUsed(rt, c, c.id ?? "", bytes),
      );
      if (!("kind" in launch)) {
        launch.spec.pidNamespace = this.pidNamespaceFor(pod, rt, c);
        c.argv = launch.argv;
        const hooked = this.processStarted(pod, rt, c, launch.argv, true);
        if (hooked !== "exited") {
          this.spawnMain(pod, rt, c, launch, c.startedMs, hooked === "claimed");
          if (c.state === "running") {
            this.startProbes(pod, rt, c);
            this.adoptProbeResults(observed ?? pod.status, c);
          }
        }
      }
    }
    this.adoptBackoff(pod, rt, c);
  }

  /** The probe results an adopted container had, from its status (ready, started), so it carries on as it was. */
  // biome-ignore lint/suspicious/noExplicitAny: the observed pod status is open JSON
  private adoptProbeResults(status: any, c: ContainerRecord): void {
    const statuses: { name: string; ready?: boolean; started?: boolean }[] = [
      ...(status?.containerStatuses ?? []),
      ...(status?.initContainerStatuses ?? []),
    ];
    const st = statuses.find((x) => x.name === c.name);
    if (!st || !c.probes) return;
    if (c.spec.startupProbe && st.started) c.probes.startup = { reported: true, last: true, run: 1 };
    if (c.spec.readinessProbe && st.ready) c.probes.readiness = { reported: true, last: true, run: 1 };
  }

  /** The CrashLoopBackOff state of an adopted container, from its restart count and last exit. */
  private adoptBackoff(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const key = `${pod.metadata.name}_${pod.metadata.namespace}_${rt.uid}_${c.name}`;
    const inBackoff = c.waiting?.reason === CrashLoopBackOff && c.state === "terminated";
    if (c.restartCount === 0 && !inBackoff) return;
    const fromMessage = /back-off (\S+) restarting/.exec(c.waiting?.message ?? "")?.[1];
    const delay =
      (fromMessage && parseGoDuration(fromMessage)) ||
      Math.min(BACKOFF_INITIAL * 2 ** Math.max(0, c.restartCount - 1), BACKOFF_MAX);
    // The last restart: when the current (or just crashed) instance started.
    const lastRestart = c.startedMs ?? (c.last ? Date.parse(c.last.startedAt) : this.cluster.clock.now());
    this.crashBackoff.set(key, delay, lastRestart);
    if (inBackoff) {
      const finished = c.finishedMs ?? this.cluster.clock.now();
      this.cluster.clock.at(
        Math.max(this.cluster.clock.now(), this.crashBackoff.until(key, finished)),
        () => this.enqueue(rt.uid),
        `${this.name} backoff`,
      );
    }
  }

  /** A container's process ended (runtime event: happens with the kubelet stopped too). */
  exitContainer(rt: PodRuntime, c: ContainerRecord, code: number, reason: string, message?: string): void {
    if (c.state !== "running") return;
    this.cancelTimers(c);
    this.processStopped(rt, c);
    const now = this.cluster.clock.now();
    c.state = "terminated";
    c.finishedMs = now;
    // The rest of the container's processes die with PID 1; its last partial lines are logged.
    const sandbox = c.sandbox;
    c.sandbox = undefined;
    sandbox?.killAll();
    c.logs.flush(now);
    const termination = message ?? (sandbox ? this.terminationMessage(rt, c, code) : undefined);
    c.terminated = {
      containerID: `containerd://${c.id}`,
      exitCode: code,
      finishedAt: this.cluster.clock.timestamp(),
      reason,
      ...(termination ? { message: termination } : {}),
      // A process runc never started has no start time: CRI's 0 becomes time.Unix(0, 0).
      startedAt: reason === "StartError" ? NEVER_STARTED : (c.startedAt as string),
    };
    this.enqueue(rt.uid);
  }

  /**
   * The termination message: what the container wrote to its terminationMessagePath (the
   * kubelet's copy of that file), or the log's tail with FallbackToLogsOnError.
   */
  private terminationMessage(rt: PodRuntime, c: ContainerRecord, code: number): string | undefined {
    let text = terminationMessage(this.host.volumes, { metadata: { uid: rt.uid } }, c.name);
    if (!text && code !== 0 && c.spec.terminationMessagePolicy === "FallbackToLogsOnError")
      text = c.logs
        .entries()
        .slice(-80)
        .map((l) => l.text)
        .join("\n");
    return text ? text.slice(-4096) : undefined;
  }

  cancelTimers(c: ContainerRecord): void {
    this.cluster.clock.cancel(c.timer);
    this.cluster.clock.cancel(c.killTimer);
    for (const t of c.probeTimers ?? []) this.cluster.clock.cancel(t);
    c.probeTimers = undefined;
    c.timer = undefined;
    c.killTimer = undefined;
  }

  /** doBackOff: restart at once, or wait in CrashLoopBackOff. */
  private restartWithBackoff(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const now = this.cluster.clock.now();
    const key = `${pod.metadata.name}_${pod.metadata.namespace}_${rt.uid}_${c.name}`;
    const finished = c.finishedMs ?? now;
    if (this.crashBackoff.isInBackOffSince(key, finished, now)) {
      if (c.waiting?.reason !== CrashLoopBackOff) {
        const delay = goDuration(this.crashBackoff.get(key));
        c.waiting = {
          reason: CrashLoopBackOff,
          message: `back-off ${delay} restarting failed container=${c.name} pod=${this.podKey(pod)}`,
        };
        this.event(
          pod,
          c,
          "Warning",
          Events.BackOff,
          `Back-off restarting failed container ${c.name} in pod ${this.podKey(pod)}`,
        );
        this.cluster.clock.at(
          this.crashBackoff.until(key, finished),
          () => this.enqueue(rt.uid),
          `${this.name} backoff`,
        );
      }
      return;
    }
    this.crashBackoff.next(key, now);
    if (c.terminated) c.last = c.terminated;
    c.terminated = undefined;
    c.restartCount += 1;
    c.state = "none";
    c.waiting = undefined;
    this.startContainer(pod, rt, c);
  }

  /**
   * A container whose image changed (`kubectl set image` on a pod, an edit): the old one is
   * killed and a new one started with the new image, counting as a restart.
   */
  private replaceContainer(pod: Pod, rt: PodRuntime, c: ContainerRecord, spec: Container): void {
    if (c.state === "running") {
      // Killed with its grace period; the next sync after it exits starts the new one.
      if (c.killTimer === undefined)
        this.event(
          pod,
          c,
          "Normal",
          Events.Killing,
          `Container ${c.name} definition changed, will be restarted`,
        );
      this.stopContainer(pod, rt, c, pod.spec?.terminationGracePeriodSeconds ?? 30);
      if (c.state === "running") return;
    }
    this.cluster.clock.cancel(c.pullTimer);
    c.pullUntil = undefined;
    c.pullResult = undefined;
    c.spec = spec;
    c.image = parseImage(spec.image ?? "");
    if (c.terminated) {
      c.last = c.terminated;
      c.terminated = undefined;
      c.restartCount += 1;
    }
    c.state = "none";
    c.waiting = undefined;
    this.startContainer(pod, rt, c);
  }

  /** Whether a running container counts as started and ready now (the probe workers' results). */
  readiness(_rt: PodRuntime, c: ContainerRecord): { started: boolean; ready: boolean } {
    if (c.state !== "running" || c.startedMs === undefined) return { started: false, ready: false };
    const started = !c.spec.startupProbe || c.probes?.startup?.reported === true;
    if (c.init && c.spec.restartPolicy !== "Always") return { started, ready: false };
    const ready = started && (!c.spec.readinessProbe || c.probes?.readiness?.reported === true);
    return { started, ready };
  }

  /** An adopted pod already being killed: containers still running are killed at deadlineMs. */
  resumeTermination(rt: PodRuntime, deadlineMs: number): void {
    const now = this.cluster.clock.now();
    for (const c of rt.containers.values()) {
      if (c.state !== "running") continue;
      this.cluster.clock.cancel(c.timer);
      c.timer = undefined;
      c.killTimer = this.cluster.clock.at(
        Number.isNaN(deadlineMs) ? now : Math.max(now, deadlineMs),
        () => this.exitContainer(rt, c, 137, "Error"),
        `${this.name} kill`,
      );
    }
  }

  /** Graceful termination: Killing events, SIGTERM to each container's PID 1, SIGKILL at the grace period's end. */
  beginTermination(pod: Pod, rt: PodRuntime, grace: number): void {
    for (const c of rt.containers.values()) {
      this.cluster.clock.cancel(c.pullTimer);
      c.pullUntil = undefined;
      if (c.state !== "running") continue;
      this.event(pod, c, "Normal", Events.Killing, `Stopping container ${c.name}`);
      this.cluster.clock.cancel(c.timer);
      c.timer = undefined;
      this.stopContainer(pod, rt, c, grace);
    }
  }
}

/** Seconds of a Go duration string (now in backoff.ts, beside the back-off that writes it). */
export { parseGoDuration } from "./backoff";
