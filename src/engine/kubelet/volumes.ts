/**
 * A pod's volumes as the kubelet's volume manager sets them up before its containers start
 * (pkg/volume/{configmap,secret,downwardapi,projected,emptydir,hostpath}): each volume becomes a
 * FileSystem rooted at "/", or the FailedMount the pod waits on in ContainerCreating.
 */
import type {
  ConfigMapProjection,
  DownwardAPIVolumeFile,
  KeyToPath,
  SecretProjection,
  Volume,
} from "kubernetes-types/core/v1";
import type { Pod } from "../api/kinds";
import { FsError, type NodeFileSystem } from "../node/fs";
import type { FileSystem } from "../sh/interface";
import { AtomicVolume, type Payload, type PayloadResult } from "./atomicvolume";
import { containerResourceRuntimeValue, extractFieldPathAsString } from "./fieldpath";
import { MemFs } from "./memfs";
import {
  configMapEntries,
  configMapNotFound,
  type PodSources,
  secretEntries,
  secretNotFound,
} from "./podsources";
import { serviceAccountToken } from "./satoken";

/** The event reason of a volume that cannot be set up (the pod stays ContainerCreating). */
export const FailedMount = "FailedMount";

/** A volume that could not be set up: a Warning FailedMount event on the pod. */
export interface MountError {
  reason: typeof FailedMount;
  /** `MountVolume.SetUp failed for volume "x" : configmap "y" not found` */
  message: string;
  volume: string;
}

/** The FailedMount event message for a volume's SetUp error (operation_generator.go). */
export function mountSetUpFailed(volume: string, err: string): string {
  return `MountVolume.SetUp failed for volume "${volume}" : ${err}`;
}

/** The default mode of configMap, secret, downwardAPI and projected files (0644, 420). */
export const DEFAULT_VOLUME_FILE_MODE = 0o644;

/** A volume set up for a pod. */
export interface PodVolume {
  name: string;
  /** The volume's files, rooted at "/". */
  fs: FileSystem;
  /** The plugin mounts it read-only whatever the volumeMount says (configMap, secret, downwardAPI, projected). */
  readOnly: boolean;
  /** An AtomicWriter volume: subPath mounts pin a copy of its files. */
  atomic?: AtomicVolume;
}

/**
 * The storage volumes keep across containers and restarts: emptyDirs by pod UID (for as long as
 * the pod lives: call releasePod when it is gone), the pod's set-up volumes, and volumes' data by
 * namespace/name (a stand-in for a PersistentVolume's disk).
 */
export class VolumeStorage {
  private readonly emptyDirs = new Map<string, MemFs>();
  private readonly podVolumes = new Map<string, Map<string, PodVolume>>();
  private readonly podFileSystems = new Map<string, MemFs>();
  private readonly claims = new Map<string, MemFs>();
  private readonly tokens = new Map<string, { iatMs: number; text: string }>();

  constructor(private readonly now: () => number = () => 0) {}

  /** An emptyDir of a pod, shared by its containers; medium Memory is a tmpfs (mode 01777), same storage here. */
  emptyDir(podUid: string, volume: string, memory = false): MemFs {
    const key = `${podUid}/${volume}`;
    const fs = this.emptyDirs.get(key) ?? new MemFs(this.now, memory ? 0o1777 : 0o777);
    this.emptyDirs.set(key, fs);
    return fs;
  }

  /** The pod's own files (etc-hosts, resolv.conf, hostname), shared by its containers. */
  podFiles(podUid: string): MemFs {
    const fs = this.podFileSystems.get(podUid) ?? new MemFs(this.now);
    this.podFileSystems.set(podUid, fs);
    return fs;
  }

  /** The data of a PersistentVolume with no node-local source (nfs, csi...), kept while it exists. */
  persistentVolume(name: string): MemFs {
    const key = name;
    const fs = this.claims.get(key) ?? new MemFs(this.now, 0o777);
    this.claims.set(key, fs);
    return fs;
  }

  /** The volumes already set up for a pod (undefined before the first mount). */
  mounted(podUid: string): Map<string, PodVolume> | undefined {
    return this.podVolumes.get(podUid);
  }

  /** Records a pod's set-up volumes. */
  setMounted(podUid: string, volumes: Map<string, PodVolume>): void {
    this.podVolumes.set(podUid, volumes);
  }

  /** Re-reads every AtomicWriter volume of a pod now (the kubelet's sync of the pod). */
  syncPod(podUid: string): void {
    for (const v of this.podVolumes.get(podUid)?.values() ?? []) v.atomic?.sync();
  }

  /**
   * A service account token, issued again only when the kubelet's token manager would refresh it:
   * past 80% of its lifetime, or older than 24 h (requiresRefresh, without the jitter).
   */
  token(key: string, nowMs: number, ttlSeconds: number, issue: (iatMs: number) => string): string {
    const held = this.tokens.get(key);
    const age = held ? nowMs - held.iatMs : Number.POSITIVE_INFINITY;
    if (held && age < Math.min(ttlSeconds * 800, TOKEN_MAX_TTL_MS)) return held.text;
    const text = issue(nowMs);
    this.tokens.set(key, { iatMs: nowMs, text });
    return text;
  }

  /** Forgets a pod's emptyDirs, files and volumes (the pod is deleted). */
  releasePod(podUid: string): void {
    for (const k of [...this.emptyDirs.keys()]) if (k.startsWith(`${podUid}/`)) this.emptyDirs.delete(k);
    for (const k of [...this.tokens.keys()]) if (k.startsWith(`${podUid}/`)) this.tokens.delete(k);
    this.podVolumes.delete(podUid);
    this.podFileSystems.delete(podUid);
  }

  /** Forgets a PersistentVolume's data (the volume is deleted). */
  releasePersistentVolume(name: string): void {
    this.claims.delete(name);
  }
}

/** The token manager's longest lifetime before a refresh (maxTTL). */
const TOKEN_MAX_TTL_MS = 24 * 60 * 60 * 1000;

/** What setting up volumes needs besides the pod. */
export interface VolumeContext {
  sources: PodSources;
  storage: VolumeStorage;
  /** The node's file system, for hostPath volumes. */
  nodeFs: NodeFileSystem;
  /** Virtual ms. */
  now: () => number;
}

/** A ConfigMap's payload (configmap.MakePayload): keys as files, or `items` with their paths and modes. */
export function configMapPayload(
  data: Record<string, string>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
): PayloadResult {
  return makePayload(
    data,
    items,
    defaultMode,
    optional,
    (k) => `configmap references non-existent config key: ${k}`,
  );
}

/** A Secret's payload (secret.MakePayload). */
export function secretPayload(
  data: Record<string, string>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
): PayloadResult {
  return makePayload(data, items, defaultMode, optional, (k) => `references non-existent secret key: ${k}`);
}

function makePayload(
  data: Record<string, string>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  optional: boolean,
  missing: (key: string) => string,
): PayloadResult {
  const payload: Payload = {};
  if (!items?.length) {
    for (const [k, text] of Object.entries(data)) payload[k] = { text, mode: defaultMode };
    return { payload };
  }
  for (const ktp of items) {
    if (!Object.hasOwn(data, ktp.key)) {
      if (optional) continue;
      return { error: missing(ktp.key) };
    }
    payload[ktp.path] = { text: data[ktp.key] as string, mode: ktp.mode ?? defaultMode };
  }
  return { payload };
}

/** A downwardAPI payload (downwardapi.CollectData): field values, labels/annotations as FormatMap lines. */
export function downwardAPIPayload(
  items: DownwardAPIVolumeFile[],
  defaultMode: number,
  pod: Pod,
  sources: PodSources,
): PayloadResult {
  const payload: Payload = {};
  const errors: string[] = [];
  for (const item of items) {
    let r: { value: string } | { error: string } = { value: "" };
    if (item.fieldRef) r = extractFieldPathAsString(pod, item.fieldRef.fieldPath);
    else if (item.resourceFieldRef) {
      const any = pod.spec?.containers[0];
      if (!item.resourceFieldRef.containerName || !any) r = { error: "container  not found" };
      else r = containerResourceRuntimeValue(item.resourceFieldRef, pod, any, sources.node());
    }
    if ("error" in r) errors.push(r.error);
    else payload[item.path] = { text: r.value, mode: item.mode ?? defaultMode };
  }
  return errors.length ? { error: aggregate(errors) } : { payload };
}

/** utilerrors.NewAggregate's text: one error as itself, several in brackets. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(", ")}]`;
}

function mode(m: number | undefined): number {
  return m ?? DEFAULT_VOLUME_FILE_MODE;
}

/** A volume's payload from its source now, for AtomicWriter volumes; undefined for other kinds. */
export function volumePayload(vol: Volume, pod: Pod, ctx: VolumeContext): PayloadResult | undefined {
  const ns = pod.metadata.namespace ?? "default";
  const { sources } = ctx;
  const livePod = () => sources.pod?.(ns, pod.metadata.name ?? "") ?? pod;
  if (vol.configMap) {
    const src = vol.configMap;
    const cm = sources.configMap(ns, src.name ?? "");
    if (!cm && !src.optional) return { error: configMapNotFound(src.name ?? "") };
    return configMapPayload(cm ? configMapEntries(cm) : {}, src.items, mode(src.defaultMode), !!src.optional);
  }
  if (vol.secret) {
    const src = vol.secret;
    const s = sources.secret(ns, src.secretName ?? "");
    if (!s && !src.optional) return { error: secretNotFound(src.secretName ?? "") };
    return secretPayload(s ? secretEntries(s) : {}, src.items, mode(src.defaultMode), !!src.optional);
  }
  if (vol.downwardAPI)
    return downwardAPIPayload(
      vol.downwardAPI.items ?? [],
      mode(vol.downwardAPI.defaultMode),
      livePod(),
      sources,
    );
  if (vol.projected) {
    const defaultMode = mode(vol.projected.defaultMode);
    const payload: Payload = {};
    const errors: string[] = [];
    for (const source of vol.projected.sources ?? []) {
      let r: PayloadResult = { payload: {} };
      if (source.configMap) r = projectedConfigMap(source.configMap, ns, defaultMode, ctx);
      else if (source.secret) r = projectedSecret(source.secret, ns, defaultMode, ctx);
      else if (source.downwardAPI)
        r = downwardAPIPayload(source.downwardAPI.items ?? [], defaultMode, livePod(), sources);
      else if (source.serviceAccountToken) {
        const t = source.serviceAccountToken;
        const ttl = t.expirationSeconds ?? 3607;
        const key = `${pod.metadata.uid}/${vol.name}/${t.path}/${t.audience ?? ""}`;
        const text = ctx.storage.token(key, ctx.now(), ttl, (iatMs) =>
          serviceAccountToken(livePod(), iatMs, {
            expirationSeconds: ttl,
            audience: t.audience,
            nodeUid: sources.node()?.metadata.uid,
          }),
        );
        r = { payload: { [t.path]: { text, mode: defaultMode } } };
      }
      if ("error" in r) errors.push(r.error);
      else Object.assign(payload, r.payload);
    }
    return errors.length ? { error: aggregate(errors) } : { payload };
  }
  return undefined;
}

function projectedConfigMap(src: ConfigMapProjection, ns: string, defaultMode: number, ctx: VolumeContext) {
  const cm = ctx.sources.configMap(ns, src.name ?? "");
  if (!cm && !src.optional) return { error: configMapNotFound(src.name ?? "") };
  return configMapPayload(cm ? configMapEntries(cm) : {}, src.items, defaultMode, !!src.optional);
}

function projectedSecret(src: SecretProjection, ns: string, defaultMode: number, ctx: VolumeContext) {
  const s = ctx.sources.secret(ns, src.name ?? "");
  if (!s && !src.optional) return { error: secretNotFound(src.name ?? "") };
  return secretPayload(s ? secretEntries(s) : {}, src.items, defaultMode, !!src.optional);
}

/**
 * Checks a hostPath against its type as the kubelet does at mount (checkTypeInternal), creating
 * it for DirectoryOrCreate (0755, with parents) and FileOrCreate (0644, parent must exist).
 * Returns the error text, or undefined when the path is fine.
 */
export function checkHostPathType(
  nodeFs: NodeFileSystem,
  path: string,
  type: string | undefined,
): string | undefined {
  switch (type ?? "") {
    case "":
      // Unset: no check; the runtime creates a missing source as a directory.
      if (!nodeFs.exists(path)) nodeFs.mkdir(path, true);
      return undefined;
    case "DirectoryOrCreate":
      if (!nodeFs.exists(path)) {
        nodeFs.mkdir(path, true);
        return undefined;
      }
      return nodeFs.isDir(path) ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case "Directory":
      return nodeFs.isDir(path) ? undefined : `hostPath type check failed: ${path} is not a directory`;
    case "FileOrCreate":
      if (!nodeFs.exists(path)) {
        try {
          nodeFs.write(path, "");
        } catch {
          return `open ${path}: no such file or directory`;
        }
        return undefined;
      }
      return nodeFs.isFile(path) ? undefined : `hostPath type check failed: ${path} is not a file`;
    case "File":
      return nodeFs.isFile(path) ? undefined : `hostPath type check failed: ${path} is not a file`;
    // The node's small file system has no sockets or devices.
    case "Socket":
      return `hostPath type check failed: ${path} is not a socket file`;
    case "CharDevice":
      return `hostPath type check failed: ${path} is not a character device`;
    case "BlockDevice":
      return `hostPath type check failed: ${path} is not a block device`;
    default:
      return `${type} is an invalid volume type`;
  }
}

/** Rethrows a file system error with the path as the caller named it (`/data/x` for the node's `/srv/x`). */
export function rewriteFsError(e: unknown, from: string, to: string): never {
  if (!(e instanceof FsError) || from === to) throw e;
  const m = e.message;
  if (m.startsWith(`${from}: `)) throw new FsError(to + m.slice(from.length));
  throw new FsError(m.replace(`'${from}'`, `'${to}'`));
}

/** A FileSystem that is a directory of another one (a hostPath's view of the node). */
export class SubtreeFs implements FileSystem {
  private readonly root: string;

  constructor(
    private readonly base: FileSystem,
    root: string,
  ) {
    // A hostPath may end in a slash (local-path's helper pods mount `/opt/local-path-provisioner/`).
    this.root = root.replace(/\/+$/, "") || "/";
  }

  private at(path: string): string {
    return path === "/" ? this.root : `${this.root === "/" ? "" : this.root}${path}`;
  }

  private call<T>(path: string, fn: (p: string) => T): T {
    const inner = this.at(path);
    try {
      return fn(inner);
    } catch (e) {
      rewriteFsError(e, inner, path);
    }
  }

  isDir(path: string): boolean {
    return this.base.isDir(this.at(path));
  }
  isFile(path: string): boolean {
    return this.base.isFile(this.at(path));
  }
  exists(path: string): boolean {
    return this.base.exists(this.at(path));
  }
  read(path: string): string {
    return this.call(path, (p) => this.base.read(p));
  }
  write(path: string, text: string): void {
    this.call(path, (p) => this.base.write(p, text));
  }
  mkdir(path: string, parents?: boolean): void {
    this.call(path, (p) => this.base.mkdir(p, parents));
  }
  remove(path: string, recursive?: boolean): void {
    this.call(path, (p) => this.base.remove(p, recursive));
  }
  list(path: string): string[] {
    return this.call(path, (p) => this.base.list(p));
  }
  stat(path: string) {
    return this.base.stat?.(this.at(path));
  }
  /** Root may change modes on the node's files; the node's file system keeps none, so this checks the path only. */
  chmod(path: string, mode: number): void {
    this.call(path, (p) => {
      if (!this.base.exists(p)) throw new FsError(`${p}: No such file or directory`);
      this.base.chmod?.(p, mode);
    });
  }
  /** Root may change owners on the node's files where the node's file system keeps them. */
  chown(path: string, uid: number, gid: number): void {
    this.call(path, (p) => {
      if (!this.base.exists(p)) throw new FsError(`${p}: No such file or directory`);
      this.base.chown?.(p, uid, gid);
    });
  }
}

/**
 * Sets up every volume of a pod (the volume manager's WaitForAttachAndMount), once per pod:
 * later calls return the volumes already set up. The first volume that fails is the FailedMount
 * the pod waits on; nothing is recorded then, so a later call retries.
 */
export function setUpPodVolumes(
  pod: Pod,
  ctx: VolumeContext,
): { volumes: Map<string, PodVolume> } | MountError {
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const existing = ctx.storage.mounted(uid);
  if (existing) return { volumes: existing };
  const volumes = new Map<string, PodVolume>();
  for (const vol of pod.spec?.volumes ?? []) {
    const r = setUpVolume(vol, pod, uid, ctx);
    if ("message" in r) return r;
    volumes.set(vol.name, r);
  }
  ctx.storage.setMounted(uid, volumes);
  return { volumes };
}

function setUpVolume(vol: Volume, pod: Pod, uid: string, ctx: VolumeContext): PodVolume | MountError {
  const fail = (err: string): MountError => ({
    reason: FailedMount,
    message: mountSetUpFailed(vol.name, err),
    volume: vol.name,
  });
  const payload = volumePayload(vol, pod, ctx);
  if (payload) {
    if ("error" in payload) return fail(payload.error);
    // configMap volumes are plain directories (0777); secret, downwardAPI and projected are tmpfs (01777).
    const rootMode = vol.configMap ? 0o777 : 0o1777;
    const atomic = new AtomicVolume(
      `${uid}/${vol.name}`,
      () => volumePayload(vol, pod, ctx) ?? { payload: {} },
      ctx.now,
      payload.payload,
      rootMode,
    );
    return { name: vol.name, fs: atomic, readOnly: true, atomic };
  }
  if (vol.hostPath) {
    const err = checkHostPathType(ctx.nodeFs, vol.hostPath.path, vol.hostPath.type);
    if (err) return fail(err);
    return { name: vol.name, fs: new SubtreeFs(ctx.nodeFs, vol.hostPath.path), readOnly: false };
  }
  if (vol.persistentVolumeClaim) return setUpClaim(vol, pod, ctx, fail);
  // emptyDir, and kinds with no simulated backend (nfs, csi, ...): a directory the pod owns.
  const dir = ctx.storage.emptyDir(uid, vol.name, vol.emptyDir?.medium === "Memory");
  // SetVolumeOwnership: an fsGroup makes the volume the group's, set-group-ID, group-writable.
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  if (fsGroup !== undefined) {
    const root = dir.stat("/");
    if (root && root.gid !== fsGroup) {
      dir.chown("/", root.uid ?? 0, fsGroup);
      dir.chmod("/", root.mode | 0o2070);
    }
  }
  return { name: vol.name, fs: dir, readOnly: false };
}

/**
 * A persistentVolumeClaim volume: the claim must be bound (the volume manager's populator); a
 * hostPath or local PersistentVolume is the node's directory, any other source keeps its data
 * in the volume's own storage.
 */
function setUpClaim(
  vol: Volume,
  pod: Pod,
  ctx: VolumeContext,
  fail: (err: string) => MountError,
): PodVolume | MountError {
  const ns = pod.metadata.namespace ?? "default";
  const claimName = vol.persistentVolumeClaim?.claimName ?? "";
  const readOnly = !!vol.persistentVolumeClaim?.readOnly;
  const claim = ctx.sources.claim?.(ns, claimName);
  if (!claim) return fail(`persistentvolumeclaim "${claimName}" not found`);
  const volumeName = claim.spec?.volumeName ?? "";
  if (claim.status?.phase !== "Bound" || !volumeName)
    return fail(
      `PVC ${ns}/${claimName} has non-bound phase ("${claim.status?.phase ?? ""}") or empty pvc.Spec.VolumeName ("${volumeName}")`,
    );
  const pv = ctx.sources.volume?.(volumeName);
  if (!pv) return fail(`persistentvolume "${volumeName}" not found`);
  if (pv.spec?.hostPath) {
    const err = checkHostPathType(ctx.nodeFs, pv.spec.hostPath.path, pv.spec.hostPath.type);
    if (err) return fail(err);
    return { name: vol.name, fs: new SubtreeFs(ctx.nodeFs, pv.spec.hostPath.path), readOnly };
  }
  if (pv.spec?.local) {
    const path = pv.spec.local.path as string;
    if (!ctx.nodeFs.exists(path))
      return {
        reason: FailedMount,
        message: `MountVolume.NewMounter initialization failed for volume "${volumeName}" : path "${path}" does not exist`,
        volume: vol.name,
      };
    return { name: vol.name, fs: new SubtreeFs(ctx.nodeFs, path), readOnly };
  }
  return { name: vol.name, fs: ctx.storage.persistentVolume(volumeName), readOnly };
}
