/**
 * Scenario files: every object, every node's files and the clock, as one YAML document that the
 * app exports and imports, the share link carries, and the CLI's `--scenario FILE` starts from.
 */
import { parse, stringify } from "yaml";
import { RESOURCES } from "./api/resources";
import type { KubeObject } from "./api/types";
import type { Cluster } from "./cluster";
import { bindControlPlaneToStaticPods, CONTROL_PLANE_MANIFEST, controlPlaneOf } from "./controlplane";
import { createCluster } from "./index";
import { kubeletOf, resumingKubelets } from "./kubelet";

/** The saved form of a cluster. */
export interface Snapshot {
  apiVersion: "kubeglass.dev/v1alpha1";
  kind: "Scenario";
  /** Simulated time when saved, RFC 3339 (with the fraction when not on a whole second). */
  time: string;
  seed: number;
  /** Files on each node's host, by node name then path. */
  files: Record<string, Record<string, string>>;
  objects: KubeObject[];
}

/** Kinds restored first, so that what depends on them finds them. */
const ORDER = ["Namespace", "PriorityClass", "Node", "ConfigMap", "Secret", "ServiceAccount"];

/** Captures a cluster. Leases and events are kept so that a restored cluster reads the same. */
export function exportSnapshot(cluster: Cluster, seed = 1): Snapshot {
  const objects: KubeObject[] = [];
  for (const kind of listedKinds(cluster)) for (const obj of cluster.api.list(kind)) objects.push(obj);
  const files: Snapshot["files"] = {};
  for (const [node, host] of cluster.hosts) {
    files[node] = {};
    for (const path of host.fs.allFiles()) (files[node] as Record<string, string>)[path] = host.fs.read(path);
  }
  return {
    apiVersion: "kubeglass.dev/v1alpha1",
    kind: "Scenario",
    // To the millisecond: a restored cluster (a reload) must not take time back.
    time: cluster.clock.now() % 1000 === 0 ? cluster.now() : cluster.clock.microTimestamp(),
    seed,
    files,
    objects,
  };
}

function listedKinds(cluster: Cluster): string[] {
  const kinds = RESOURCE_KINDS.filter((kind) => cluster.api.list(kind).length > 0);
  return kinds.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function rank(kind: string): number {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
}

const RESOURCE_KINDS = [...new Set(RESOURCES.map((r) => r.kind))];

/** The YAML text of a snapshot. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return stringify(snapshot, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** Thrown for a scenario file that is not one. */
export class SnapshotError extends Error {}

/** Parses a scenario file; SnapshotError says what is wrong. */
export function parseSnapshot(text: string): Snapshot {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new SnapshotError(`not a scenario file: ${(e as Error).message}`);
  }
  const s = data as Partial<Snapshot> | null;
  if (s?.kind !== "Scenario" || !Array.isArray(s.objects) || typeof s.time !== "string")
    throw new SnapshotError("not a scenario file: expected kind: Scenario with time and objects");
  return {
    apiVersion: "kubeglass.dev/v1alpha1",
    kind: "Scenario",
    time: s.time,
    seed: s.seed ?? 1,
    files: s.files ?? {},
    objects: s.objects,
  };
}

/** A new cluster holding a snapshot's objects and files, its clock at the saved time. */
export function restoreSnapshot(snapshot: Snapshot): Cluster {
  const cluster = createCluster({ start: snapshot.time, seed: snapshot.seed });
  const objects = [...snapshot.objects].sort((a, b) => rank(a.kind) - rank(b.kind));
  for (const obj of objects) cluster.api.restore(obj);
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
    kubeletOf(cluster, node)?.reloadConfig();
  }
  cluster.settle();
  // A cluster whose control plane is static pods stays one.
  const cp = controlPlaneOf(cluster);
  const hasManifests = Object.values(snapshot.files).some((files) =>
    Object.keys(files).some((path) => CONTROL_PLANE_MANIFEST.test(path)),
  );
  if (cp && (hasManifests || cp.count("kube-apiserver") > 0)) {
    bindControlPlaneToStaticPods(cluster);
    cluster.settle();
  }
  return cluster;
}
