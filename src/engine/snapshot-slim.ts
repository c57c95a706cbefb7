/**
 * The default export: a scenario without what the cluster makes again by itself when it is
 * restored. Left out: Events and Leases (records of what happened, and heartbeats), Endpoints and
 * EndpointSlices (the endpoints controllers), each namespace's default ServiceAccount, root CA
 * ConfigMap and the `kubernetes` Service, kube-system's extension-apiserver-authentication, the system PriorityClasses and the RBAC bootstrap policy
 * as the API server makes it at start (the API server's bootstrap),
 * static pods' mirror pods (their kubelet posts them again from the manifest files),
 * managedFields, every field defaulting puts back as it was, the status of the workloads whose
 * controllers recompute it, and the node files a node's host is made with (kubelet config,
 * kubeconfig, CA certificate; a kubeadm control-plane node's etcd PKI). restoreSnapshot()
 * defaults each object, so they all come back.
 */
import { clone, type KubeObject } from "./api/types";
import { SYSTEM_PRIORITY_CLASSES } from "./apiserver/admission/priority";
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from "./apiserver/admission/serviceaccount";
import { applyDefaults, hasDefaults } from "./apiserver/defaults";
import { EXTENSION_APISERVER_AUTHENTICATION } from "./apiserver/extensionauth";
import { createCluster } from "./index";
import { installNodeFiles } from "./kubelet/files";
import { NodeFileSystem } from "./node/fs";
import { derivedPki, nodePkiFiles } from "./pki/cluster";
import { ETCD_MANIFEST_PATH, isInstalledEtcdPki } from "./scenarios/pki";
import type { Snapshot } from "./snapshot";

/** Kinds the cluster records or recomputes on its own. */
const REGENERATED_KINDS = new Set(["Event", "Lease", "Endpoints", "EndpointSlice"]);
/** Kinds whose status their controller recomputes from their pods. */
const RECOMPUTED_STATUS = new Set(["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"]);
/** The annotation that marks a mirror pod (kubetypes.ConfigMirrorAnnotationKey). */
export const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
const SYSTEM_PRIORITY_CLASS_NAMES = new Set(SYSTEM_PRIORITY_CLASSES.map((pc) => pc.name));

/** Whether the control plane's bootstrap makes this object again (in a namespace that exists). */
export function bootstrapped(o: KubeObject): boolean {
  const name = o.metadata.name;
  switch (o.kind) {
    case "ServiceAccount":
      return name === DEFAULT_SERVICE_ACCOUNT;
    case "ConfigMap":
      return (
        name === ROOT_CA_CONFIGMAP ||
        (name === EXTENSION_APISERVER_AUTHENTICATION && o.metadata.namespace === "kube-system")
      );
    case "Service":
      return name === "kubernetes" && o.metadata.namespace === "default";
    case "PriorityClass":
      return SYSTEM_PRIORITY_CLASS_NAMES.has(name as string);
    case "Pod":
      // A static pod's mirror: its node's kubelet posts it again from the manifest file.
      return o.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
    default:
      return false;
  }
}

/** Kinds of cluster-scoped objects the API server creates at start when they are missing (bootstrap policy). */
const STARTUP_KINDS = new Set(["ClusterRole", "ClusterRoleBinding"]);
/** Metadata that differs between two clusters' copies of the same object. */
const INSTANCE_METADATA = ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"];

/** A fresh cluster's objects of STARTUP_KINDS, by kind and name, without their instance metadata. */
let startupObjects: Map<string, KubeObject> | undefined;

function withoutInstanceMetadata(o: KubeObject): KubeObject {
  const c = clone(o);
  for (const f of INSTANCE_METADATA) delete (c.metadata as Record<string, unknown>)[f];
  return c;
}

/** Whether a fresh cluster's API server makes this very object at start (RBAC's bootstrap policy, as it was). */
function madeAtStart(o: KubeObject): boolean {
  if (!STARTUP_KINDS.has(o.kind)) return false;
  if (!startupObjects) {
    startupObjects = new Map();
    const fresh = createCluster();
    for (const kind of STARTUP_KINDS)
      for (const x of fresh.api.list(kind))
        startupObjects.set(`${kind}/${x.metadata.name}`, withoutInstanceMetadata(x));
  }
  const made = startupObjects.get(`${o.kind}/${o.metadata.name}`);
  return made !== undefined && sameJson(made, withoutInstanceMetadata(o));
}

/** A snapshot without what the cluster regenerates (see the file's comment). */
export function slimSnapshot(snapshot: Snapshot): Snapshot {
  const objects: KubeObject[] = [];
  const memo = new Map<string, KubeObject>();
  for (const o of snapshot.objects) {
    if (REGENERATED_KINDS.has(o.kind) || bootstrapped(o) || madeAtStart(o)) continue;
    objects.push(slimObject(o, memo));
  }
  return { ...snapshot, files: slimFiles(snapshot), objects };
}

/** An object without managedFields, recomputed status, and the fields defaulting puts back. */
export function slimObject(o: KubeObject, memo = new Map<string, KubeObject>()): KubeObject {
  const out = clone(o);
  delete out.metadata.managedFields;
  if (RECOMPUTED_STATUS.has(o.kind)) delete out.status;
  if (!hasDefaults(o.kind)) return out;
  // Objects made from one template (a ReplicaSet's pods) share their body: work it out once.
  const { metadata, status, ...body } = out;
  const key = `${o.kind}\u0000${JSON.stringify(body)}`;
  let slim = memo.get(key);
  if (!slim) {
    slim = withoutDefaults({ ...body, metadata: {} } as KubeObject);
    memo.set(key, slim);
  }
  const result: KubeObject = { ...clone(slim), metadata };
  if (status !== undefined) result.status = status;
  return result;
}

/**
 * Leaves out, one at a time, each field (but metadata and status) whose removal defaulting undoes:
 * defaulted again, the object is exactly as it was.
 */
function withoutDefaults(o: KubeObject): KubeObject {
  const slim = clone(o);
  const defaulted = (x: KubeObject) => {
    const c = clone(x);
    applyDefaults(c, false);
    return c;
  };
  const target = defaulted(o);
  for (const path of leafPaths(slim)) {
    if (path[0] === "metadata" || path[0] === "status" || path.length < 1) continue;
    const trial = clone(slim);
    if (!removeAt(trial, path)) continue;
    if (sameJson(defaulted(trial), target)) removeAt(slim, path);
  }
  return slim;
}

type Path = (string | number)[];

/** Whether two JSON values are equal, whatever the order of their objects' keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => sameJson(v, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x).filter((k) => x[k] !== undefined);
  const ky = Object.keys(y).filter((k) => y[k] !== undefined);
  return kx.length === ky.length && kx.every((k) => sameJson(x[k], y[k]));
}

/** The paths of an object's fields, deepest first (so that an emptied parent is tried after its children). */
function leafPaths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) leafPaths(v, [...at, i], out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...at, k], out);
  if (at.length > 0) out.push(at);
  return out;
}

/** Deletes the field at path (an array item is not deleted: positions matter); whether it was there. */
function removeAt(o: unknown, path: Path): boolean {
  let parent = o as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    parent = parent?.[key] as Record<string | number, unknown>;
    if (parent === undefined || parent === null || typeof parent !== "object") return false;
  }
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent) || !(last in parent)) return false;
  delete parent[last];
  return true;
}

/** Each node's files without those its host is made with (same path, same text). */
function slimFiles(snapshot: Snapshot): Snapshot["files"] {
  const ips = new Map<string, string>();
  for (const o of snapshot.objects) {
    if (o.kind !== "Node") continue;
    const ip = o.status?.addresses?.find((a: { type: string }) => a.type === "InternalIP")?.address;
    if (ip) ips.set(o.metadata.name as string, ip);
  }
  const controlPlanes = new Set(
    snapshot.objects
      .filter(
        (o) =>
          o.kind === "Node" && o.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined,
      )
      .map((o) => o.metadata.name as string),
  );
  // kubeadm's PKI as the restored cluster derives it (pki/cluster.ts clusterCreated).
  const namespaceCreated = (name: string) =>
    snapshot.objects.find((o) => o.kind === "Namespace" && o.metadata.name === name)?.metadata
      .creationTimestamp;
  const created = Date.parse(String(namespaceCreated("kube-system") ?? namespaceCreated("default") ?? ""));
  const files: Snapshot["files"] = {};
  for (const [node, nodeFiles] of Object.entries(snapshot.files)) {
    const made = new NodeFileSystem();
    installNodeFiles(made, node, ips.get(node) ?? "");
    if (!Number.isNaN(created))
      for (const [path, text] of Object.entries(
        nodePkiFiles(derivedPki(created), node, ips.get(node) ?? "", controlPlanes.has(node)),
      )) {
        made.mkdir(path.slice(0, path.lastIndexOf("/")), true);
        made.write(path, text);
      }
    const kept: Record<string, string> = {};
    const controlPlane = ETCD_MANIFEST_PATH in nodeFiles;
    for (const [path, text] of Object.entries(nodeFiles))
      if (
        !(made.isFile(path) && made.read(path) === text) &&
        !(controlPlane && isInstalledEtcdPki(node, path, text))
      )
        kept[path] = text;
    if (Object.keys(kept).length > 0) files[node] = kept;
  }
  return files;
}
