/**
 * What must hold after every command of a campaign script, as checks that return what they found
 * (undefined when all is well): the output shows no JavaScript internals, every stored object
 * decodes against the v1.32 types as stored, and the cluster is consistent.
 */
import { RESOURCES } from "../../engine/api/resources";
import type { KubeObject } from "../../engine/api/types";
import { decodeTyped } from "../../engine/apiserver/schema/decode";
import { kindDefinition, kubernetesSchema } from "../../engine/apiserver/schema/strict";
import type { Cluster } from "../../engine/cluster";
import { KUBE_CONTROLLER_MANAGER } from "../../engine/controlplane";
import type { CommandResult } from "../../kubectl/interface";

/** Texts that only a leaking JavaScript value or exception prints. */
const LEAKS: [RegExp, string][] = [
  [/\bTypeError\b|\bRangeError\b|\bReferenceError\b|\bSyntaxError: (?!syntax error)/, "a JavaScript error"],
  [/\n\s+at .+:\d+:\d+\)?\n/, "a JavaScript stack trace"],
  [/\bundefined\b/, "undefined"],
  [/\[object Object\]/, "[object Object]"],
  [/\bNaN\b/, "NaN"],
  [/internal error/, "an internal error"],
];

/** What in a command's output shows a crash or a leaking JavaScript value, if anything. */
export function outputProblem(result: CommandResult): string | undefined {
  if (result.exit === 70) return "exit 70 (an internal error)";
  if (!Number.isInteger(result.exit)) return `exit status ${String(result.exit)}`;
  for (const [stream, text] of [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
  ] as const) {
    if (typeof text !== "string") return `${stream} is not text`;
    for (const [re, what] of LEAKS) {
      const m = re.exec(text);
      if (m) return `${what} in ${stream}: ${JSON.stringify(excerpt(text, m.index))}`;
    }
  }
  return undefined;
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 80), at + 120);
}

/** Every object in the store, kind by kind. */
export function storedObjects(cluster: Cluster): KubeObject[] {
  const out: KubeObject[] = [];
  for (const kind of new Set(RESOURCES.map((r) => r.kind)))
    for (const obj of cluster.api.list(kind)) out.push(obj);
  return out;
}

/** Where in value a NaN or an infinity is, if anywhere. */
export function nonFinitePath(value: unknown, path = ""): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path || "(root)";
  if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      const found = nonFinitePath(v, `${path}.${k}`);
      if (found) return found;
    }
  return undefined;
}

/**
 * Checks stored objects decode as the API server would decode them; `seen` remembers objects by
 * uid and resourceVersion so an unchanged object is not checked twice.
 */
export function storeProblem(cluster: Cluster, seen: Map<string, string>): string | undefined {
  const names = new Set<string>();
  for (const obj of storedObjects(cluster)) {
    const id = `${obj.kind} ${obj.metadata?.namespace ?? ""}/${obj.metadata?.name}`;
    if (names.has(id)) return `two objects named ${id}`;
    names.add(id);
    if (typeof obj.metadata?.name !== "string" || obj.metadata.name === "") return `${id} has no name`;
    const key = `${id} ${obj.metadata.uid}`;
    if (seen.get(key) === obj.metadata.resourceVersion) continue;
    seen.set(key, obj.metadata.resourceVersion as string);
    const nonFinite = nonFinitePath(obj);
    if (nonFinite) return `${id} holds a non-finite number at ${nonFinite}`;
    const def = kindDefinition(obj.apiVersion, obj.kind);
    if (!def) continue;
    const copy = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
    const typed = decodeTyped(copy, def, kubernetesSchema.definitions);
    if (!typed.ok) return `${id} does not decode as stored: ${typed.message}`;
    if (JSON.stringify(copy) !== JSON.stringify(obj))
      return `${id} holds a quantity not in canonical form: ${firstDifference(obj, copy)}`;
  }
  return undefined;
}

function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of Object.keys(a))
      if (JSON.stringify((a as never)[k]) !== JSON.stringify((b as never)[k]))
        return firstDifference((a as never)[k], (b as never)[k], `${path}.${k}`);
  }
  return `${path}: ${JSON.stringify(a)} (decodes as ${JSON.stringify(b)})`;
}

/** Whether a pod counts toward its ReplicaSet's status.replicas (controller.FilterActivePods). */
function isActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/**
 * The cluster's consistency once it has settled with its control plane running: no pod outlives
 * the node it was on (pod GC deletes them after a quarantine; a pod created naming a node that
 * was never there is the user's choice and stays, as in a real cluster); a ReplicaSet's
 * status.replicas counts its active pods when it has observed its latest spec. nodeDeletedAt
 * holds when each deleted node went (simulated milliseconds).
 */
export function consistencyProblem(cluster: Cluster, nodeDeletedAt: Map<string, number>): string | undefined {
  if (!cluster.api.reachable || !cluster.isProcessRunning(KUBE_CONTROLLER_MANAGER)) return undefined;
  const nodes = new Set(cluster.api.list("Node").map((n) => n.metadata.name));
  const pods = cluster.api.list("Pod");
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (nodeName === undefined || nodeName === "" || nodes.has(nodeName)) continue;
    const gone = nodeDeletedAt.get(nodeName);
    if (gone !== undefined && Date.parse(pod.metadata.creationTimestamp as string) <= gone)
      return `pod ${pod.metadata.namespace}/${pod.metadata.name} is still on node ${JSON.stringify(nodeName)}, deleted at ${new Date(gone).toISOString()}`;
  }
  for (const rs of cluster.api.list("ReplicaSet")) {
    if (rs.status?.observedGeneration !== rs.metadata.generation) continue;
    const owned = pods.filter(
      (p) =>
        p.metadata.namespace === rs.metadata.namespace &&
        isActive(p) &&
        p.metadata.ownerReferences?.some((o) => o.controller && o.uid === rs.metadata.uid),
    ).length;
    const status = rs.status?.replicas ?? 0;
    if (status !== owned)
      return `ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name} has status.replicas ${status} but ${owned} active pods`;
  }
  return undefined;
}
