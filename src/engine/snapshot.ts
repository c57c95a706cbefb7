/**
 * Scenario files: every object, every node's files and the clock, as one YAML document that the
 * app exports and imports, the share link carries, and the CLI's `--scenario FILE` starts from.
 */
import { parse, stringify } from "yaml";
import { clone, type KubeObject } from "./api/types";
import { applyDefaults, hasDefaults } from "./apiserver/defaults";
import type { Cluster } from "./cluster";
import { installBootstrapControllers } from "./controllers/bootstrap";
import { bindControlPlaneToStaticPods, CONTROL_PLANE_MANIFEST, controlPlaneOf } from "./controlplane";
import { createCluster } from "./index";
import { kubeletOf, resumingKubelets } from "./kubelet";
import { ETCD_MANIFEST_PATH, installEtcdPki } from "./scenarios/pki";
import { decodeScenario, MAX_DEPTH, type SkippedObject, SnapshotError } from "./snapshot-decode";

export { describeSkipped, type SkippedObject, SnapshotError } from "./snapshot-decode";

/** The saved form of a cluster. */
export interface Snapshot {
  apiVersion: "kubeglass.dev/v1alpha1";
  kind: "Scenario";
  /** Simulated time when saved, RFC 3339 (with the fraction when not on a whole second). */
  time: string;
  seed: number;
  /**
   * The random generator's position when saved: the restored cluster draws on from there, so
   * the uids and generated names it makes are not those it already has. Older files lack it.
   */
  random?: number;
  /** Files on each node's host, by node name then path. */
  files: Record<string, Record<string, string>>;
  /** The node services (kubelet, containerd) stopped when saved, by node name; absent when none. */
  stopped?: Record<string, string[]>;
  objects: KubeObject[];
}

/** Kinds restored first, so that what depends on them finds them. */
const ORDER = [
  "CustomResourceDefinition",
  "Namespace",
  "PriorityClass",
  "Node",
  "ConfigMap",
  "Secret",
  "ServiceAccount",
];

/** Captures a cluster. Leases and events are kept so that a restored cluster reads the same. */
export function exportSnapshot(cluster: Cluster, seed = 1): Snapshot {
  const objects: KubeObject[] = [];
  for (const kind of listedKinds(cluster)) for (const obj of cluster.api.list(kind)) objects.push(obj);
  const files: Snapshot["files"] = {};
  for (const [node, host] of cluster.hosts) {
    files[node] = {};
    for (const path of host.fs.allFiles()) (files[node] as Record<string, string>)[path] = host.fs.read(path);
  }
  const stopped = stoppedServices(cluster);
  return {
    apiVersion: "kubeglass.dev/v1alpha1",
    kind: "Scenario",
    // To the millisecond: a restored cluster (a reload) must not take time back.
    time: cluster.clock.now() % 1000 === 0 ? cluster.now() : cluster.clock.microTimestamp(),
    seed,
    random: cluster.rng.position(),
    files,
    ...(stopped ? { stopped } : {}),
    objects,
  };
}

/** The kubelet and containerd services stopped (`systemctl stop`), by node; undefined when none. */
function stoppedServices(cluster: Cluster): Snapshot["stopped"] {
  const out: NonNullable<Snapshot["stopped"]> = {};
  for (const node of cluster.hosts.keys()) {
    const k = kubeletOf(cluster, node);
    if (!k) continue;
    const units = [...(k.active ? [] : ["kubelet"]), ...(k.runtimeActive ? [] : ["containerd"])];
    if (units.length) out[node] = units;
  }
  return Object.keys(out).length ? out : undefined;
}

function listedKinds(cluster: Cluster): string[] {
  const kinds = cluster.api.kinds();
  return kinds.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function rank(kind: string): number {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
}

/** The YAML text of a snapshot. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return stringify(snapshot, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** The largest scenario file read (32 MiB of text, as much as a share link may inflate to). */
export const MAX_SCENARIO_TEXT = 32 * 1024 * 1024;

/** A scenario file read and validated: what will be restored, and what was left out. */
export interface ReadScenario {
  snapshot: Snapshot;
  /** Objects that failed decoding or validation, each with its kind, name and the reason. */
  skipped: SkippedObject[];
}

/**
 * Reads an untrusted scenario file (YAML or JSON) as the API server reads requests: object by
 * object (snapshot-decode.ts). SnapshotError says why the whole file is refused.
 */
export function readScenarioFile(text: string): ReadScenario {
  if (text.length > MAX_SCENARIO_TEXT)
    throw new SnapshotError(`the scenario file is larger than ${MAX_SCENARIO_TEXT / 1024 / 1024} MiB`);
  if (nestingDepth(text) > MAX_DEPTH) throw new SnapshotError("not a scenario file: it nests too deeply");
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    const message = e instanceof RangeError ? "it nests too deeply" : (e as Error).message;
    throw new SnapshotError(`not a scenario file: ${message}`);
  }
  return fromDocument(data);
}

/** The deepest nesting of flow brackets ([ and {) outside quoted strings: a cheap look before parsing. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  return max;
}

/** A snapshot from an already parsed document (an autosave's stored object), validated the same way. */
export function fromDocument(data: unknown): ReadScenario {
  let d: ReturnType<typeof decodeScenario>;
  try {
    d = decodeScenario(data);
  } catch (e) {
    if (e instanceof RangeError) throw new SnapshotError("not a scenario file: it nests too deeply");
    throw e;
  }
  return {
    snapshot: {
      apiVersion: "kubeglass.dev/v1alpha1",
      kind: "Scenario",
      time: d.time,
      seed: d.seed,
      ...(d.random === undefined ? {} : { random: d.random }),
      files: d.files,
      ...(d.stopped ? { stopped: d.stopped } : {}),
      objects: d.objects,
    },
    skipped: d.skipped,
  };
}

/** Parses a scenario file, leaving out the objects that fail validation; SnapshotError says what is wrong. */
export function parseSnapshot(text: string): Snapshot {
  return readScenarioFile(text).snapshot;
}

/**
 * Where a restored cluster's random generator starts: where the saved one stopped. A file without
 * that position starts away from its seed (mixed with the saved time), since starting at the seed
 * would draw again the uids the saved objects already have.
 */
function restoredPosition(snapshot: Snapshot): number {
  if (snapshot.random !== undefined) return snapshot.random;
  return (Math.imul(snapshot.seed ^ 0x9e3779b9, 0x85ebca6b) ^ (Date.parse(snapshot.time) / 1000)) >>> 0;
}

function defaulted(obj: KubeObject): KubeObject {
  const copy = clone(obj);
  applyDefaults(copy, false);
  return copy;
}

/**
 * Puts the random generator back where the saved cluster's stopped, when nothing drawn while
 * restoring is left (every object is one the file holds): the restored cluster then draws the
 * names and uids the saved one would have drawn next, as a replay of its history does.
 */
function resumeRandom(cluster: Cluster, snapshot: Snapshot): void {
  if (snapshot.random === undefined) return;
  const saved = new Set(snapshot.objects.map((o) => o.metadata.uid));
  for (const kind of cluster.api.kinds())
    for (const o of cluster.api.list(kind)) if (!saved.has(o.metadata.uid)) return;
  cluster.rng.seek(snapshot.random);
}

/** A new cluster holding a snapshot's objects and files, its clock at the saved time. */
export function restoreSnapshot(snapshot: Snapshot): Cluster {
  const cluster = createCluster({ start: snapshot.time, seed: restoredPosition(snapshot) });
  const objects = [...snapshot.objects].sort((a, b) => rank(a.kind) - rank(b.kind));
  // Defaulted as the API server decodes them: a slim export (snapshot-slim.ts) leaves defaults out.
  for (const obj of objects) cluster.api.restore(hasDefaults(obj.kind) ? defaulted(obj) : obj);
  // The kubelets adopt the containers the pods' statuses describe (as a restarted kubelet finds
  // them in containerd): nothing restarts, and they post no start-up events.
  resumingKubelets(cluster, () => cluster.settle());
  for (const [node, files] of Object.entries(snapshot.files)) {
    const host = cluster.hosts.get(node);
    if (!host) continue;
    for (const [path, text] of Object.entries(files)) {
      const dir = path.slice(0, path.lastIndexOf("/")) || "/";
      host.fs.mkdir(dir, true);
      if (!host.fs.isFile(path) || host.fs.read(path) !== text) host.fs.write(path, text);
    }
    // kubeadm's etcd PKI, which a slim export leaves out, is there again on its control-plane node.
    if (host.fs.isFile(ETCD_MANIFEST_PATH)) installEtcdPki(host.fs, node);
    kubeletOf(cluster, node)?.reloadConfig();
  }
  // Services stopped when saved stay stopped: their node keeps going silent.
  for (const [node, units] of Object.entries(snapshot.stopped ?? {})) {
    const k = kubeletOf(cluster, node);
    if (units.includes("kubelet")) k?.stop();
    if (units.includes("containerd")) k?.setRuntimeActive(false);
  }
  cluster.settle();
  // A cluster whose control plane is static pods stays one.
  const cp = controlPlaneOf(cluster);
  const hasManifests = Object.values(snapshot.files).some((files) =>
    Object.keys(files).some((path) => CONTROL_PLANE_MANIFEST.test(path)),
  );
  if (cp && (hasManifests || cp.count("kube-apiserver") > 0)) {
    installBootstrapControllers(cluster);
    bindControlPlaneToStaticPods(cluster);
    cluster.settle();
  }
  resumeRandom(cluster, snapshot);
  return cluster;
}
