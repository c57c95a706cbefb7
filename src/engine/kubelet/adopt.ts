/**
 * A restarted kubelet's view of what already runs: the container runtime survives a kubelet
 * restart (and a restored scenario file), so the kubelet takes over the sandbox and containers
 * its pod's status describes instead of creating them again. Container IDs are deterministic
 * hashes of their start instant, which gives back the millisecond the API's timestamps drop.
 */
import type { Container, Pod } from "../api/kinds";
import { hexDigest } from "./hash";
import { type ContainerRecord, newContainerRecord, type PodRuntime, type Terminated } from "./runtime";

// biome-ignore lint/suspicious/noExplicitAny: container statuses are open JSON
type ContainerStatus = any;

/** Waiting reasons the kubelet sets itself and keeps across syncs. */
const KEPT_WAITING = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]);

/** Whether a pod's status says the runtime has (or had) a sandbox and containers for it. */
// biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
export function hasRuntimeState(status: any): boolean {
  if (!status) return false;
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  return Boolean(status.podIP) && all.some((s: ContainerStatus) => typeof s?.containerID === "string");
}

/** The millisecond a container with this id started, within the second of iso (the second if no hash matches). */
export function exactStartMs(
  uid: string,
  name: string,
  restartCount: number,
  id: string,
  iso: string,
): number {
  const base = Date.parse(iso);
  if (Number.isNaN(base)) return Number.NaN;
  const head = id.slice(0, 8);
  for (let ms = base; ms < base + 1000; ms++) {
    const key = `${uid}/${name}/${restartCount}/${ms}`;
    if (hexDigest(key, 8) === head && hexDigest(key, 64) === id) return ms;
  }
  return base;
}

function stripId(containerID: string | undefined): string | undefined {
  return containerID?.replace(/^[a-z]+:\/\//, "") || undefined;
}

function terminatedOf(t: ContainerStatus): Terminated | undefined {
  if (!t || typeof t !== "object") return undefined;
  const out: Terminated = {
    containerID: t.containerID ?? "",
    exitCode: Number(t.exitCode ?? 0),
    finishedAt: t.finishedAt ?? "",
    reason: t.reason ?? "",
    startedAt: t.startedAt ?? "",
  };
  if (t.message) out.message = t.message;
  return out;
}

/** A container record rebuilt from its API status. */
function recordOf(
  uid: string,
  spec: Container,
  init: boolean,
  s: ContainerStatus | undefined,
  ephemeral = false,
): ContainerRecord {
  const c = newContainerRecord(spec, init, ephemeral);
  if (!s) return c;
  c.restartCount = Number(s.restartCount ?? 0);
  const id = stripId(s.containerID);
  const last = terminatedOf(s.lastState?.terminated);
  const state = s.state ?? {};
  if (state.running && id) {
    c.id = id;
    c.state = "running";
    c.startedAt = state.running.startedAt;
    c.startedMs = exactStartMs(uid, spec.name, c.restartCount, id, state.running.startedAt);
    c.last = last;
  } else if (state.terminated && id) {
    c.id = id;
    c.state = "terminated";
    c.terminated = terminatedOf(state.terminated);
    c.startedAt = state.terminated.startedAt;
    c.startedMs = exactStartMs(uid, spec.name, c.restartCount, id, state.terminated.startedAt);
    c.finishedMs = Date.parse(state.terminated.finishedAt);
    c.last = last;
  } else if (state.waiting?.reason === "CrashLoopBackOff" && last && id) {
    // In back-off: the crashed instance is the current one, waiting for its restart.
    c.id = id;
    c.state = "terminated";
    c.terminated = last;
    c.startedAt = last.startedAt;
    c.startedMs = exactStartMs(uid, spec.name, c.restartCount, id, last.startedAt);
    c.finishedMs = Date.parse(last.finishedAt);
    c.waiting = { reason: state.waiting.reason, message: state.waiting.message };
  } else {
    // Not created yet (or being recreated): the kubelet starts it as usual.
    c.last = last;
    if (KEPT_WAITING.has(state.waiting?.reason))
      c.waiting = { reason: state.waiting.reason, message: state.waiting.message };
  }
  if (Number.isNaN(c.startedMs)) c.startedMs = undefined;
  if (Number.isNaN(c.finishedMs)) c.finishedMs = undefined;
  // A process that ends at once (a crash loop) ended at its start instant, not at the second's start.
  if (c.finishedMs !== undefined && c.startedMs !== undefined && c.finishedMs < c.startedMs)
    c.finishedMs = c.startedMs;
  return c;
}

/**
 * The runtime entry the kubelet adopts for pod from observed (the pod's, or for a static pod its
 * mirror's, status), or undefined when the status describes no sandbox.
 */
// biome-ignore lint/suspicious/noExplicitAny: pod status is open JSON
export function adoptedRuntime(pod: Pod, observed: any): PodRuntime | undefined {
  if (!hasRuntimeState(observed)) return undefined;
  const uid = pod.metadata.uid as string;
  const startTime: string = observed.startTime ?? "";
  const createdMs = Number.isNaN(Date.parse(startTime)) ? 0 : Date.parse(startTime);
  const rt: PodRuntime = {
    uid,
    namespace: pod.metadata.namespace as string,
    name: pod.metadata.name as string,
    sandboxId: hexDigest(`sandbox:${uid}:${createdMs}`, 64),
    ip: observed.podIP,
    createdMs,
    startTime,
    containers: new Map(),
  };
  const find = (list: ContainerStatus[] | undefined, name: string) =>
    (list ?? []).find((s: ContainerStatus) => s?.name === name);
  for (const c of pod.spec?.initContainers ?? [])
    rt.containers.set(c.name, recordOf(uid, c, true, find(observed.initContainerStatuses, c.name)));
  for (const c of pod.spec?.containers ?? [])
    rt.containers.set(c.name, recordOf(uid, c, false, find(observed.containerStatuses, c.name)));
  // An ephemeral container the runtime ran is taken over too: it must not start a second time.
  for (const c of pod.spec?.ephemeralContainers ?? [])
    rt.containers.set(
      c.name,
      recordOf(uid, c as Container, false, find(observed.ephemeralContainerStatuses, c.name), true),
    );
  if (observed.phase === "Succeeded" || observed.phase === "Failed") rt.sandboxStopped = true;
  return rt;
}
