/**
 * A container's file system as its processes see it: the image's files under a writable layer,
 * with the pod's volumes mounted at their mountPaths (the longest mount path wins), read-only
 * mounts refusing writes, subPath mounts, and the files the kubelet and runtime manage
 * (/etc/hosts, /etc/resolv.conf, /etc/hostname, /dev/termination-log). kubelet_pods.go makeMounts.
 */
import type { Container, Pod } from "../api/kinds";
import { FsError, parentOf, resolvePath } from "../node/fs";
import type { FileInfo, FileSystem } from "../sh/interface";
import { CreateContainerConfigError, type EnvPair, expandContainerVolumeMounts } from "./envvars";
import {
  DEFAULT_KUBELET_DNS,
  hostnameFileContent,
  type KubeletDns,
  managedHostsFileContent,
  nodeHostsFileContent,
  podDNS,
  podHostnameAndDomain,
  resolvConfContent,
} from "./etcfiles";
import { podAddresses } from "./fieldpath";
import { DIR_MODE, FILE_MODE, MemFs, type Owner } from "./memfs";
import { type MountError, rewriteFsError, setUpPodVolumes, type VolumeContext } from "./volumes";

/** One mount of a container: a volume (or the image, at "/") at a path. */
export interface ContainerMount {
  /** The volume's name; `rootfs` for the image layer, `k8s-managed-etc-hosts` and the like for files. */
  name: string;
  /** Where the container sees it. */
  path: string;
  fs: FileSystem;
  /** The directory or file of fs that is mounted ("/" for a whole volume). */
  root: string;
  readOnly: boolean;
}

/** The char code of "/". */
const SLASH = 47;

/** A container's root with its mounts; implements FileSystem for the shell. */
export class ContainerFs implements FileSystem {
  private readonly byDepth: ContainerMount[];
  /** Who the container's processes are: new files and directories are theirs (root's when unset). */
  owner?: Owner;

  constructor(readonly mounts: readonly ContainerMount[]) {
    this.byDepth = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  /** The mount a path is under and the path inside that mount's file system. */
  locate(path: string): { mount: ContainerMount; inner: string } {
    for (const m of this.byDepth) {
      const mp = m.path;
      // mp === "/", path === mp, or path under mp (`${mp}/...`), without making strings.
      if (
        mp === "/" ||
        path === mp ||
        (path.length > mp.length && path.charCodeAt(mp.length) === SLASH && path.startsWith(mp))
      ) {
        const rest = m.path === "/" ? path : path.slice(m.path.length);
        const inner = m.root === "/" ? rest || "/" : rest ? `${m.root}${rest}` : m.root;
        if (rest && m.fs.isFile(m.root)) continue; // nothing lies under a file mount
        return { mount: m, inner };
      }
    }
    throw new FsError(`${path}: No such file or directory`);
  }

  private call<T>(
    path: string,
    write: "write" | "mkdir" | "remove" | null,
    fn: (fs: FileSystem, p: string) => T,
  ): T {
    const { mount, inner } = this.locate(path);
    if (write && mount.readOnly) throw new FsError(READ_ONLY[write](path));
    try {
      return fn(mount.fs, inner);
    } catch (e) {
      rewriteFsError(e, inner, path);
    }
  }

  isDir(path: string): boolean {
    if (this.isMountPoint(path) && !this.isFileMount(path)) return true;
    const { mount, inner } = this.locate(path);
    return mount.fs.isDir(inner);
  }

  isFile(path: string): boolean {
    const { mount, inner } = this.locate(path);
    return mount.fs.isFile(inner);
  }

  exists(path: string): boolean {
    return this.isDir(path) || this.isFile(path);
  }

  read(path: string): string {
    return this.call(path, null, (fs, p) => fs.read(p));
  }

  write(path: string, text: string): void {
    // A file system that keeps owners (a layer, an emptyDir) records the writer.
    this.call(path, "write", (fs, p) =>
      fs instanceof MemFs ? fs.write(p, text, this.owner) : fs.write(p, text),
    );
  }

  mkdir(path: string, parents = false): void {
    if (parents && this.isDir(path)) return;
    if (!parents && this.isMountPoint(path))
      throw new FsError(`cannot create directory '${path}': File exists`);
    if (parents && path !== "/" && !this.isDir(parentOf(path))) this.mkdir(parentOf(path), true);
    this.call(path, "mkdir", (fs, p) =>
      fs instanceof MemFs ? fs.mkdir(p, parents, undefined, this.owner) : fs.mkdir(p, parents),
    );
  }

  remove(path: string, recursive = false): void {
    if (this.isMountPoint(path)) throw new FsError(`cannot remove '${path}': Device or resource busy`);
    this.call(path, "remove", (fs, p) => fs.remove(p, recursive));
  }

  list(path: string): string[] {
    const names = new Set(this.call(path, null, (fs, p) => fs.list(p)));
    const prefix = path === "/" ? "/" : `${path}/`;
    for (const m of this.mounts)
      if (m.path !== path && m.path.startsWith(prefix) && !m.path.slice(prefix.length).includes("/"))
        names.add(m.path.slice(prefix.length));
    return [...names].sort();
  }

  readAt(path: string, offset: number, length: number): string {
    return this.call(path, null, (fs, p) =>
      fs.readAt ? fs.readAt(p, offset, length) : fs.read(p).slice(offset, offset + length),
    );
  }

  stat(path: string): FileInfo | undefined {
    const { mount, inner } = this.locate(path);
    const own = mount.fs.stat?.(inner);
    if (own) return own;
    if (mount.fs.isFile(inner))
      return { type: "file", size: mount.fs.read(inner).length, mode: FILE_MODE, mtimeMs: 0 };
    if (mount.fs.isDir(inner) || this.isMountPoint(path))
      return { type: "dir", size: 4096, mode: DIR_MODE, mtimeMs: 0 };
    return undefined;
  }

  /** Changes a file's permission bits where its mount's file system can (a writable one). */
  chmod(path: string, mode: number): void {
    this.call(path, "write", (fs, p) => {
      if (!fs.chmod) throw new FsError(`changing permissions of '${path}': Operation not permitted`);
      fs.chmod(p, mode);
    });
  }

  /** Changes a file's owner and group where its mount's file system can (a writable one). */
  chown(path: string, uid: number, gid: number): void {
    this.call(path, "write", (fs, p) => {
      if (!fs.chown) throw new FsError(`changing ownership of '${path}': Operation not permitted`);
      fs.chown(p, uid, gid);
    });
  }

  /** The mount at exactly this path, if any (not the root). */
  mountAt(path: string): ContainerMount | undefined {
    return this.mounts.find((m) => m.path === path && m.path !== "/");
  }

  private isMountPoint(path: string): boolean {
    return this.mountAt(path) !== undefined;
  }

  private isFileMount(path: string): boolean {
    const m = this.mountAt(path);
    return !!m && m.fs.isFile(m.root);
  }
}

const READ_ONLY = {
  write: (p: string) => `${p}: Read-only file system`,
  mkdir: (p: string) => `cannot create directory '${p}': Read-only file system`,
  remove: (p: string) => `cannot remove '${p}': Read-only file system`,
};

/** Why a container's file system cannot be built: a pod-level FailedMount or a container-level config error. */
export type ContainerFsError =
  | MountError
  | { reason: typeof CreateContainerConfigError; message: string; volume?: string };

/** What building a container's file system needs besides the pod. */
export interface ContainerFsOptions extends VolumeContext {
  /** The image's files by absolute path (its layers flattened). */
  imageFiles: Record<string, string>;
  /** Modes of image files that are not 0644 (0755 for scripts and binaries). */
  imageModes?: Record<string, number>;
  /** The image OS's top-level directories beyond the ones every image has. */
  imageDirs?: string[];
  /** The sandbox's IPs (the pod's status may not have them yet); default pod.status.podIPs. */
  podIPs?: string[];
  /** The kubelet's DNS settings; kubeadm's by default. */
  dns?: KubeletDns;
  /** The container's environment, for subPathExpr. */
  env?: EnvPair[];
}

/** Where the kubelet and runtime put their managed files. */
export const ETC_HOSTS = "/etc/hosts";
export const ETC_RESOLV_CONF = "/etc/resolv.conf";
export const ETC_HOSTNAME = "/etc/hostname";
export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

/**
 * Builds a container's file system: sets up the pod's volumes (once per pod; a failure is the
 * FailedMount the pod waits on), then a fresh writable layer over the image's files with the
 * container's volumeMounts and the managed files mounted. Call it for every container start:
 * a restarted container gets a fresh layer, while emptyDirs and volumes persist in storage.
 */
export function buildContainerFs(
  pod: Pod,
  containerName: string,
  opts: ContainerFsOptions,
): { fs: ContainerFs } | { error: ContainerFsError } {
  const set = setUpPodVolumes(pod, opts);
  if ("message" in set) return { error: set };
  const container = findContainer(pod, containerName);
  if (!container) return { error: configError(`container "${containerName}" not found in pod`) };

  const rootfs = imageLayer(opts);
  const mounts: ContainerMount[] = [
    {
      name: "rootfs",
      path: "/",
      fs: rootfs,
      root: "/",
      readOnly: !!container.securityContext?.readOnlyRootFilesystem,
    },
  ];
  for (const vm of container.volumeMounts ?? []) {
    const vol = set.volumes.get(vm.name);
    if (!vol)
      return {
        error: configError(`cannot find volume "${vm.name}" to mount into container "${containerName}"`),
      };
    let subPath = vm.subPath ?? "";
    if (vm.subPathExpr) {
      const expanded = expandContainerVolumeMounts(vm.subPathExpr, opts.env ?? []);
      if ("error" in expanded) return { error: configError(expanded.error, vm.name) };
      subPath = expanded.subPath;
    }
    if (subPath.startsWith("/"))
      return { error: configError(`error SubPath \`${subPath}\` must not be an absolute path`, vm.name) };
    if (subPath.split("/").includes(".."))
      return {
        error: configError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`, vm.name),
      };
    let fs = vol.fs;
    let root = "/";
    if (subPath) {
      // A subPath is bound once: for AtomicWriter volumes it pins the files of that moment.
      if (vol.atomic) fs = vol.atomic.snapshot();
      root = resolvePath("/", subPath);
      if (!fs.exists(root)) {
        if (fs instanceof MemFs || !vol.readOnly) fs.mkdir(root, true);
        else
          return {
            error: configError(
              `failed to create subPath directory for volumeMount "${vm.name}" of container "${containerName}"`,
              vm.name,
            ),
          };
      }
    }
    const path = resolvePath("/", vm.mountPath);
    makeMountPoint(rootfs, path, fs.isFile(root));
    mounts.push({ name: vm.name, path, fs, root, readOnly: !!vm.readOnly || vol.readOnly });
  }
  mounts.push(...managedFileMounts(pod, container, mounts, opts));
  for (const m of mounts.slice(1)) makeMountPoint(rootfs, m.path, m.fs.isFile(m.root));
  return { fs: new ContainerFs(mounts) };
}

/** A container, init container or ephemeral container of a pod by name. */
export function findContainer(pod: Pod, name: string): Container | undefined {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []),
    ...(spec?.initContainers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === name) as Container | undefined;
}

function configError(message: string, volume?: string): ContainerFsError {
  return { reason: CreateContainerConfigError, message, ...(volume ? { volume } : {}) };
}

/** A fresh writable layer holding the image's files and the directories the runtime creates. */
/** Directories of a base image's root file system. */
const IMAGE_DIRS = [
  "/bin",
  "/dev",
  "/etc",
  "/home",
  "/proc",
  "/root",
  "/run",
  "/sys",
  "/usr/bin",
  "/usr/local/bin",
  "/var/log",
];

function imageLayer(opts: ContainerFsOptions): MemFs {
  const fs = new MemFs(opts.now);
  // The directories every image's root has (the FHS as base images lay it out); /tmp is 01777.
  for (const dir of IMAGE_DIRS) fs.mkdir(dir, true);
  for (const dir of opts.imageDirs ?? []) if (dir !== "/tmp") fs.mkdir(dir, true);
  fs.mkdir("/tmp", true, 0o1777);
  fs.mkdir("/var/tmp", true, 0o1777);
  for (const [path, text] of Object.entries(opts.imageFiles)) {
    const p = resolvePath("/", path);
    fs.mkdir(parentOf(p), true);
    fs.writeFile(p, text, opts.imageModes?.[path] ?? FILE_MODE);
  }
  return fs;
}

/** Creates the directory (or empty file) a mount covers, as runc does before mounting. */
function makeMountPoint(rootfs: MemFs, path: string, isFile: boolean): void {
  if (path === "/" || rootfs.exists(path)) return;
  rootfs.mkdir(parentOf(path), true);
  if (isFile) rootfs.writeFile(path, "", FILE_MODE);
  else rootfs.mkdir(path);
}

/**
 * The kubelet's /etc/hosts (rewritten at every container start; only when the pod has an IP or
 * is on the host network, and no volumeMount covers it), the sandbox's resolv.conf and hostname
 * (written once per pod), and the container's termination log.
 */
function managedFileMounts(
  pod: Pod,
  container: Container,
  mounts: ContainerMount[],
  opts: ContainerFsOptions,
): ContainerMount[] {
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const files = opts.storage.podFiles(uid);
  const taken = (p: string) => mounts.some((m) => m.path === p);
  const out: ContainerMount[] = [];
  const { hostname, domain } = podHostnameAndDomain(pod, (opts.dns ?? DEFAULT_KUBELET_DNS).clusterDomain);
  const podIPs = opts.podIPs ?? podAddresses(pod, undefined).podIPs;
  const hostNetwork = !!pod.spec?.hostNetwork;
  if ((podIPs.length || hostNetwork) && !taken(ETC_HOSTS)) {
    const nodeHosts = opts.nodeFs.isFile(ETC_HOSTS) ? opts.nodeFs.read(ETC_HOSTS) : "";
    const text = hostNetwork
      ? nodeHostsFileContent(nodeHosts, pod.spec?.hostAliases)
      : managedHostsFileContent(podIPs, hostname, domain, pod.spec?.hostAliases);
    files.writeFile("/etc-hosts", text, FILE_MODE);
    out.push({
      name: "k8s-managed-etc-hosts",
      path: ETC_HOSTS,
      fs: files,
      root: "/etc-hosts",
      readOnly: false,
    });
  }
  if (!files.isFile("/resolv.conf"))
    files.writeFile("/resolv.conf", resolvConfContent(podDNS(pod, opts.dns)));
  if (!files.isFile("/hostname")) {
    const name = hostNetwork
      ? opts.nodeFs.isFile(ETC_HOSTNAME)
        ? opts.nodeFs.read(ETC_HOSTNAME).trim()
        : hostname
      : hostname;
    files.writeFile("/hostname", hostnameFileContent(name));
  }
  if (!taken(ETC_RESOLV_CONF))
    out.push({
      name: "resolv-conf",
      path: ETC_RESOLV_CONF,
      fs: files,
      root: "/resolv.conf",
      readOnly: false,
    });
  if (!taken(ETC_HOSTNAME))
    out.push({ name: "hostname", path: ETC_HOSTNAME, fs: files, root: "/hostname", readOnly: false });
  const termPath = container.terminationMessagePath || DEFAULT_TERMINATION_MESSAGE_PATH;
  const termFile = `/termination-log/${container.name}`;
  if (!files.isDir("/termination-log")) files.mkdir("/termination-log");
  files.writeFile(termFile, "", 0o666);
  if (!taken(termPath))
    out.push({ name: "termination-log", path: termPath, fs: files, root: termFile, readOnly: false });
  return out;
}

/** What a container wrote to its terminationMessagePath (the kubelet reads it when the container ends). */
export function terminationMessage(
  storage: VolumeContext["storage"],
  pod: Pick<Pod, "metadata">,
  containerName: string,
): string {
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const files = storage.podFiles(uid);
  const path = `/termination-log/${containerName}`;
  return files.isFile(path) ? files.read(path) : "";
}
