/**
 * The kubelet's container work for one pod at a time (kuberuntime's SyncPod): init containers in
 * order, then app containers; image pulls with their back-off; the simulated processes; restarts
 * with the CrashLoopBackOff back-off; probes; and the kill of a terminating pod.
 */

import type { Container, Pod, PodSpec } from "../api/kinds";
import { parseQuantity } from "../apiserver/quantity";
import type { Cluster } from "../cluster";
import type { EventSource } from "../events/recorder";
import { lookupImage, noCommandMessage, processArgs } from "../images";
import { type ProcessOutcome, processKey } from "../processes";
import { BACKOFF_INITIAL, BACKOFF_MAX, Backoff } from "./backoff";
import {
  CrashLoopBackOff,
  CreateContainerError,
  ErrImagePull,
  Events,
  ImagePullBackOff,
  MemoryUsageAnnotation,
  SYNC_ERROR_BACKOFF_SECONDS,
} from "./constants";
import { hexDigest } from "./hash";
import { goDuration, type ImageRef, imageSize, parseImage, pullProblem, pullSeconds } from "./images";
import { LogBuffer } from "./logbuffer";
import { type Probe, probeResult } from "./probes";
import { programOf, replayProgram, runUntilBlocked, type Step, serviceOfHost } from "./process";
import type { ContainerRecord, PodRuntime } from "./runtime";

/** What the container manager needs from its kubelet. */
export interface ContainerHost {
  readonly images: ReadonlyMap<string, unknown>;
  addImage(ref: ImageRef): void;
  enqueue(uid: string): void;
}

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

  /** Init containers in order, then the app containers (SyncPod's computePodActions). */
  runContainers(pod: Pod, rt: PodRuntime): void {
    const spec = pod.spec as PodSpec;
    const restartPolicy = spec.restartPolicy ?? "Always";
    for (const cs of spec.initContainers ?? []) {
      const c = rt.containers.get(cs.name) as ContainerRecord;
      const sidecar = cs.restartPolicy === "Always";
      if (c.state === "running") {
        if (sidecar) {
          this.checkProbes(pod, rt, c);
          continue;
        }
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
      if (c.state === "running") this.checkProbes(pod, rt, c);
      else if (c.state === "none") this.startContainer(pod, rt, c);
      else if (c.state === "terminated") {
        const code = c.terminated?.exitCode ?? 0;
        if (restartPolicy === "Always" || (restartPolicy === "OnFailure" && code !== 0))
          this.restartWithBackoff(pod, rt, c);
      }
    }
    // A pod that will not restart anything is done: its sandbox stops.
    const all = [...rt.containers.values()].filter((c) => !c.init);
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
    return `${c.init ? "spec.initContainers" : "spec.containers"}{${c.name}}`;
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
    const image = lookupImage(c.image);
    if (image && !processArgs(c.spec.command, c.spec.args, image).ok) {
      // containerd cannot build the spec: neither the pod nor the image gives a command.
      const id = hexDigest(`${rt.uid}/${c.name}/create/${now}`, 64);
      const message = noCommandMessage(id);
      c.waiting = { reason: CreateContainerError, message };
      this.event(pod, c, "Warning", Events.Failed, `Error: ${message}`);
      this.cluster.clock.after(
        SYNC_ERROR_BACKOFF_SECONDS,
        () => this.enqueue(rt.uid),
        `${this.name} sync backoff`,
      );
      return;
    }
    c.waiting = undefined;
    c.id = hexDigest(`${rt.uid}/${c.name}/${c.restartCount}/${now}`, 64);
    c.state = "running";
    c.startedMs = now;
    c.startedAt = this.cluster.clock.timestamp();
    c.terminated = undefined;
    c.livenessHandled = false;
    c.unhealthyReported = false;
    if (c.logs.entries().length) c.previousLogs = c.logs;
    c.logs = new LogBuffer();
    this.event(pod, c, "Normal", Events.Created, `Created container: ${c.name}`);
    this.event(pod, c, "Normal", Events.Started, `Started container ${c.name}`);
    this.loadProgram(pod, c, now);
    if (this.processStarted(pod, rt, c)) return;
    this.advanceProgram(pod, rt, c);
    this.scheduleProbes(rt, c, now);
  }

  /**
   * Tells the cluster's process hooks that the container's process started (a control-plane
   * component may start with it). True when a hook made the process exit at once.
   */
  private processStarted(pod: Pod, rt: PodRuntime, c: ContainerRecord): boolean {
    const hooks = this.cluster.processHooks;
    if (hooks.length === 0) return false;
    const argv = [...(c.spec.command ?? []), ...(c.spec.args ?? [])];
    if (!c.spec.command?.length) argv.unshift(`/usr/local/bin/${c.image.shortName}`);
    const id = c.id;
    const process = {
      exit: (code: number, logs: string[]) => {
        if (c.state !== "running" || c.id !== id) return;
        for (const line of logs) c.logs.write("stdout", `${line}\n`, this.cluster.clock.now());
        this.exitContainer(rt, c, code, code === 0 ? "Completed" : "Error");
      },
      key: processKey(rt.uid, c.name),
      nodeName: pod.spec?.nodeName ?? "",
      pod,
      container: c.spec,
      argv,
      image: c.image.shortName,
      startedMs: c.startedMs ?? this.cluster.clock.now(),
    };
    let outcome: ProcessOutcome | undefined;
    for (const hook of hooks) outcome ??= hook.started(process);
    if (!outcome) return false;
    for (const line of outcome.logs) c.logs.write("stdout", `${line}\n`, this.cluster.clock.now());
    if (outcome.exitCode === undefined) return false;
    this.exitContainer(rt, c, outcome.exitCode, outcome.exitCode === 0 ? "Completed" : "Error");
    return true;
  }

  /** Tells the process hooks that the container's process ended. */
  private processStopped(rt: PodRuntime, c: ContainerRecord): void {
    for (const hook of this.cluster.processHooks) hook.stopped(processKey(rt.uid, c.name));
  }

  /** The pod's sandbox is forgotten (removed, or its node gone): its processes end. */
  forget(rt: PodRuntime): void {
    for (const c of rt.containers.values()) {
      this.cancelTimers(c);
      if (c.state === "running") this.processStopped(rt, c);
    }
  }

  /** The container's program from its start, with the banner it printed then. */
  private loadProgram(pod: Pod, c: ContainerRecord, startedMs: number): void {
    const env: Record<string, string> = {};
    for (const e of c.spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    env.HOSTNAME = pod.metadata.name as string;
    c.program = programOf(c.spec.command, c.spec.args, c.image.shortName, env, lookupImage(c.image));
    c.programState = { pc: 0, status: 0, memory: 0 };
    const stamp = this.cluster.clock
      .timestamp(startedMs)
      .replace("T", " ")
      .replace("Z", "")
      .replace(/-/g, "/");
    for (const line of c.program.banner)
      c.logs.write(
        "stdout",
        `${line.replace("{time}", stamp).replace("{rtime}", stamp).replace("{atime}", stamp)}\n`,
        startedMs,
      );
  }

  /** Probes that need a later look, for a container started at startedMs (past ones skipped). */
  private scheduleProbes(rt: PodRuntime, c: ContainerRecord, startedMs: number): void {
    const now = this.cluster.clock.now();
    for (const probe of [c.spec.startupProbe, c.spec.readinessProbe, c.spec.livenessProbe]) {
      if (!probe) continue;
      const at =
        (probe.initialDelaySeconds ?? 0) +
        (probe.periodSeconds ?? 10) * Math.max(0, (probe.failureThreshold ?? 3) - 1);
      for (const seconds of [probe.initialDelaySeconds ?? 0, at]) {
        const due = startedMs + Math.round(seconds * 1000);
        if (due >= now) this.cluster.clock.at(due, () => this.enqueue(rt.uid), `${this.name} probe`);
      }
    }
  }

  /**
   * Takes over a container the runtime already ran when the kubelet (re)started (adoption from
   * the pod's status): its program and logs are rebuilt from its start time, what it still has
   * to do is scheduled for when it would have happened, and the crash back-off is restored.
   */
  adopt(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    const now = this.cluster.clock.now();
    const resolve = (host: string) => this.resolve(host, rt.namespace);
    const finished = c.state === "terminated" ? c.terminated : c.last;
    if (finished && c.previousLogs === undefined && c.state !== "terminated") {
      const startedMs = Date.parse(finished.startedAt);
      const prev: ContainerRecord = { ...c, logs: new LogBuffer() };
      this.loadProgram(pod, prev, startedMs);
      if (prev.program && prev.programState) {
        const end = Date.parse(finished.finishedAt) + 999 - startedMs;
        for (const line of replayProgram(prev.program, prev.programState, end, resolve).output)
          prev.logs.write("stdout", `${line}\n`, startedMs);
      }
      c.previousLogs = prev.logs;
    }
    if (c.state === "terminated" && c.startedMs !== undefined) {
      this.loadProgram(pod, c, c.startedMs);
      if (c.program && c.programState) {
        // The API keeps whole seconds: a program that ran to its end within finishedAt's second
        // gives the exact instant (the back-off counts from it).
        const second = c.finishedMs ?? now;
        const span = second + 999 - c.startedMs;
        const r = replayProgram(c.program, c.programState, span, resolve);
        for (const line of r.output) c.logs.write("stdout", `${line}\n`, c.startedMs);
        const end = c.startedMs + span - r.creditMs;
        if (r.step.type === "exit" && end >= second && end <= second + 999) c.finishedMs = end;
      }
    }
    if (c.state === "running" && c.startedMs !== undefined) {
      this.loadProgram(pod, c, c.startedMs);
      if (this.processStarted(pod, rt, c)) return;
      if (c.program && c.programState) {
        const r = replayProgram(c.program, c.programState, now - c.startedMs, resolve);
        for (const line of r.output) c.logs.write("stdout", `${line}\n`, c.startedMs);
        const limit = parseQuantity(c.spec.resources?.limits?.memory as string | undefined);
        const declared =
          c.programState.memory || parseQuantity(pod.metadata.annotations?.[MemoryUsageAnnotation]);
        if (!Number.isNaN(limit) && declared > limit)
          c.timer = this.cluster.clock.at(
            Math.max(now, c.startedMs + 1000),
            () => this.exitContainer(rt, c, 137, "OOMKilled"),
            `${this.name} oom`,
          );
        else this.schedule(pod, rt, c, r.step, r.creditMs);
      }
      this.scheduleProbes(rt, c, c.startedMs);
    }
    this.adoptBackoff(pod, rt, c);
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

  /** Runs the container's program until it waits, scheduling its next step. */
  private advanceProgram(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    if (!c.program || !c.programState || c.state !== "running") return;
    const { step, output } = runUntilBlocked(c.program, c.programState, (host) =>
      this.resolve(host, rt.namespace),
    );
    for (const line of output) c.logs.write("stdout", `${line}\n`, this.cluster.clock.now());
    // Files the program touched or removed may change what probes see.
    if (c.spec.livenessProbe || c.spec.readinessProbe || c.spec.startupProbe) this.enqueue(rt.uid);
    const limit = parseQuantity(c.spec.resources?.limits?.memory as string | undefined);
    const declared =
      c.programState.memory || parseQuantity(pod.metadata.annotations?.[MemoryUsageAnnotation]);
    if (!Number.isNaN(limit) && declared > limit) {
      c.timer = this.cluster.clock.after(
        1,
        () => this.exitContainer(rt, c, 137, "OOMKilled"),
        `${this.name} oom`,
      );
      return;
    }
    this.schedule(pod, rt, c, step, 0);
  }

  /** What a program's step leads to: its exit, or a timer for the end of a sleep or a poll (elapsedMs of which already passed). */
  private schedule(pod: Pod, rt: PodRuntime, c: ContainerRecord, step: Step, elapsedMs: number): void {
    const now = this.cluster.clock.now();
    switch (step.type) {
      case "exit":
        this.exitContainer(rt, c, step.code, step.code === 0 ? "Completed" : "Error");
        return;
      case "serve":
        return;
      case "sleep":
        c.timer = this.cluster.clock.at(
          now + Math.max(0, Math.round(step.seconds * 1000) - elapsedMs),
          () => {
            c.timer = undefined;
            if (c.programState) c.programState.pc = step.next;
            this.advanceProgram(pod, rt, c);
          },
          `${this.name} ${c.name} sleep`,
        );
        return;
      case "waitService":
        c.timer = this.cluster.clock.at(
          now + Math.max(0, Math.round(step.interval * 1000) - elapsedMs),
          () => {
            c.timer = undefined;
            this.advanceProgram(pod, rt, c);
          },
          `${this.name} ${c.name} poll`,
        );
        return;
    }
  }

  private resolve(host: string, namespace: string): boolean {
    const svc = serviceOfHost(host, namespace);
    if (svc.name === "kubernetes" && svc.namespace === "default") return true;
    return Boolean(this.cluster.api.get("Service", svc.namespace, svc.name));
  }

  /** A container's process ended (runtime event: happens with the kubelet stopped too). */
  exitContainer(rt: PodRuntime, c: ContainerRecord, code: number, reason: string): void {
    if (c.state !== "running") return;
    this.cancelTimers(c);
    this.processStopped(rt, c);
    const now = this.cluster.clock.now();
    c.state = "terminated";
    c.finishedMs = now;
    c.terminated = {
      containerID: `containerd://${c.id}`,
      exitCode: code,
      finishedAt: this.cluster.clock.timestamp(),
      reason,
      startedAt: c.startedAt as string,
    };
    this.enqueue(rt.uid);
  }

  cancelTimers(c: ContainerRecord): void {
    this.cluster.clock.cancel(c.timer);
    this.cluster.clock.cancel(c.killTimer);
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
   * Probes as far as they decide readiness and restarts: a failing readiness probe is reported
   * (Unhealthy); a liveness probe failing failureThreshold times in a row kills the container,
   * which then restarts as its restartPolicy says.
   */
  private checkProbes(pod: Pod, rt: PodRuntime, c: ContainerRecord): void {
    if (c.startedMs === undefined) return;
    const now = this.cluster.clock.now();
    const ready = c.spec.readinessProbe;
    if (ready && now >= c.startedMs + (ready.initialDelaySeconds ?? 0) * 1000) {
      const r = probeResult(ready, rt, c);
      if (!r.ok && !c.unhealthyReported)
        this.event(pod, c, "Warning", Events.Unhealthy, `Readiness probe failed: ${r.message}`);
      c.unhealthyReported = !r.ok;
    }
    const live = c.spec.livenessProbe;
    if (!live || c.livenessHandled || now < c.startedMs + (live.initialDelaySeconds ?? 0) * 1000) return;
    const r = probeResult(live, rt, c);
    if (r.ok) {
      c.liveFailingSince = undefined;
      return;
    }
    const period = (live.periodSeconds ?? 10) * 1000;
    const threshold = Math.max(1, live.failureThreshold ?? 3);
    if (c.liveFailingSince === undefined) {
      c.liveFailingSince = now;
      this.event(pod, c, "Warning", Events.Unhealthy, `Liveness probe failed: ${r.message}`);
      if (threshold > 1) {
        this.cluster.clock.after(
          ((threshold - 1) * period) / 1000,
          () => this.enqueue(rt.uid),
          `${this.name} probe`,
        );
        return;
      }
    }
    if (now < c.liveFailingSince + (threshold - 1) * period) return;
    c.livenessHandled = true;
    c.liveFailingSince = undefined;
    this.event(
      pod,
      c,
      "Normal",
      Events.Killing,
      `Container ${c.name} failed liveness probe, will be restarted`,
    );
    const sigterm = Boolean(c.program?.handlesSigterm);
    this.exitContainer(rt, c, sigterm ? 0 : 137, sigterm ? "Completed" : "Error");
    const policy = pod.spec?.restartPolicy ?? "Always";
    if (policy === "Always" || (policy === "OnFailure" && !sigterm)) this.restartWithBackoff(pod, rt, c);
  }

  /**
   * A container whose image changed (`kubectl set image` on a pod, an edit): the old one is
   * killed and a new one started with the new image, counting as a restart.
   */
  private replaceContainer(pod: Pod, rt: PodRuntime, c: ContainerRecord, spec: Container): void {
    if (c.state === "running") {
      this.event(
        pod,
        c,
        "Normal",
        Events.Killing,
        `Container ${c.name} definition changed, will be restarted`,
      );
      const sigterm = Boolean(c.program?.handlesSigterm);
      this.exitContainer(rt, c, sigterm ? 0 : 137, sigterm ? "Completed" : "Error");
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

  /** Whether a running container counts as started and ready now. */
  readiness(rt: PodRuntime, c: ContainerRecord): { started: boolean; ready: boolean } {
    if (c.state !== "running" || c.startedMs === undefined) return { started: false, ready: false };
    const now = this.cluster.clock.now();
    const startedMs = c.startedMs;
    const passedAt = (probe: Probe | undefined) =>
      !probe || (now >= startedMs + (probe.initialDelaySeconds ?? 0) * 1000 && probeResult(probe, rt, c).ok);
    const started = passedAt(c.spec.startupProbe);
    if (c.init && c.spec.restartPolicy !== "Always") return { started, ready: false };
    return { started, ready: started && passedAt(c.spec.readinessProbe) };
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

  /** Graceful termination: Killing events; servers stop on SIGTERM, others at the grace period's end. */
  beginTermination(pod: Pod, rt: PodRuntime, grace: number): void {
    for (const c of rt.containers.values()) {
      this.cluster.clock.cancel(c.pullTimer);
      c.pullUntil = undefined;
      if (c.state !== "running") continue;
      this.event(pod, c, "Normal", Events.Killing, `Stopping container ${c.name}`);
      this.cluster.clock.cancel(c.timer);
      c.timer = undefined;
      if (c.program?.handlesSigterm || grace <= 0)
        this.exitContainer(
          rt,
          c,
          c.program?.handlesSigterm ? 0 : 137,
          c.program?.handlesSigterm ? "Completed" : "Error",
        );
      else
        c.killTimer = this.cluster.clock.after(
          grace,
          () => this.exitContainer(rt, c, 137, "Error"),
          `${this.name} kill`,
        );
    }
  }
}

/** Seconds of a Go duration string as goDuration writes it ("10s", "1m20s", "328ms"); 0 if unreadable. */
export function parseGoDuration(text: string): number {
  const m = /^(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)(ms|s))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return 0;
  return Number(m[1] ?? 0) * 60 + (m[2] ? Number(m[2]) / (m[3] === "ms" ? 1000 : 1) : 0);
}
