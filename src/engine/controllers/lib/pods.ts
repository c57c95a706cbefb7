/**
 * Pod and owner helpers shared by the controllers: podutil (IsPodReady, IsPodAvailable),
 * controller_utils (IsPodActive, FilterActivePods), metav1 controller references.
 */
import type { Pod } from "../../api/kinds";
import { clone, type KubeObject, type OwnerReference } from "../../api/types";

/** The condition of a type from status.conditions. */
export function getCondition<T extends { type: string }>(
  conditions: T[] | undefined,
  type: string,
): T | undefined {
  return conditions?.find((c) => c.type === type);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getCondition(pod.status?.conditions, "Ready")?.status === "True";
}

/**
 * podutil.IsPodAvailable: ready for at least minReadySeconds (measured from the Ready
 * condition's lastTransitionTime) at nowMs.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = getCondition(pod.status?.conditions, "Ready");
  if (c?.status !== "True") return false;
  if (!minReadySeconds) return true;
  const t = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Number.NaN;
  return !Number.isNaN(t) && t + minReadySeconds * 1000 <= nowMs;
}

/** Seconds until a ready pod becomes available, or undefined when it is not ready or already is. */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, nowMs: number): number | undefined {
  const c = getCondition(pod.status?.conditions, "Ready");
  if (c?.status !== "True" || !minReadySeconds || !c.lastTransitionTime) return undefined;
  const left = Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 - nowMs;
  return left > 0 ? left / 1000 : undefined;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/** controller.IsPodTerminating-ish: has a deletionTimestamp. */
export function isTerminating(obj: KubeObject): boolean {
  return Boolean(obj.metadata.deletionTimestamp);
}

/** metav1.GetControllerOf: the owner reference with controller: true. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** metav1.NewControllerRef: an owner reference with controller and blockOwnerDeletion set. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name as string,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Whether two JSON values are equal regardless of key order (to skip no-op writes). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return (a ?? undefined) === (b ?? undefined);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** 32-bit FNV-1a over a string's UTF-16 code units, as hash/fnv New32a over ASCII bytes. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** apimachinery rand.SafeEncodeString: each byte mapped into the no-vowel alphabet. */
export function safeEncodeString(s: string): string {
  const alphanums = "bcdfghjklmnpqrstvwxz2456789";
  let out = "";
  for (let i = 0; i < s.length; i++) out += alphanums[s.charCodeAt(i) % alphanums.length];
  return out;
}

/** A JSON rendering with object keys sorted: stable input for hashes. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(",")}}`;
}

/**
 * controller.ComputeHash: fnv32a of the pod template (and the collision count), safe-encoded.
 * Upstream hashes the Go struct dump; we hash canonical JSON, which is as deterministic.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount !== null) text += String(collisionCount);
  return safeEncodeString(String(fnv32a(text)));
}

/** intstr.GetScaledValueFromIntOrPercent: an int, or a percentage of total rounded up or down. */
export function scaledValue(
  v: number | string | undefined,
  total: number,
  roundUp: boolean,
  dflt: number | string,
): number {
  const x = v ?? dflt;
  if (typeof x === "number") return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number.parseInt(x, 10) || 0;
  const pct = Number(m[1]);
  return roundUp ? Math.ceil((pct * total) / 100) : Math.floor((pct * total) / 100);
}

/**
 * Writes status through the /status subresource when it differs from the stored one; reads the
 * latest copy first so a stale object never causes a Conflict. Returns the stored object.
 */
export function writeStatus<T extends KubeObject>(
  cluster: {
    api: {
      get(k: string, ns: string | undefined, n: string): KubeObject | undefined;
      updateStatus(o: KubeObject, opts?: { fieldManager?: string }): KubeObject;
    };
  },
  obj: T,
  status: unknown,
  fieldManager: string,
): T {
  const latest =
    (cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name as string) as T | undefined) ?? obj;
  if (jsonEqual(latest.status ?? {}, status)) return latest;
  const next = clone(latest);
  (next as KubeObject).status = status;
  return cluster.api.updateStatus(next, { fieldManager }) as T;
}
