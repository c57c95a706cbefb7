/**
 * Everything the runtime needs to start a container, in the kubelet's order
 * (kubelet_pods.go GenerateRunContainerOptions, after the volume manager's
 * WaitForAttachAndMount): the pod's volumes, the environment, the mounts, then containerd's
 * final environment with HOSTNAME and the image's Env.
 */
import type { Pod } from "../api/kinds";
import { type ImageConfig, imageFiles } from "../images";
import { rootDirectories } from "../images/etc";
import {
  CreateContainerConfigError,
  containerEnvironment,
  type EnvError,
  type EnvPair,
  makeEnvironmentVariables,
} from "./envvars";
import { podHostnameAndDomain } from "./etcfiles";
import {
  buildContainerFs,
  type ContainerFs,
  type ContainerFsError,
  type ContainerFsOptions,
  findContainer,
} from "./rootfs";
import { setUpPodVolumes } from "./volumes";

/** What the image contributes besides its files (its config's Env and the user's home). */
export interface ImageRuntimeConfig {
  /** `NAME=value` strings from the image config. */
  env?: string[];
  /** The home directory of the image's user (runc sets HOME from /etc/passwd); "/root" by default. */
  home?: string;
}

/** A container ready to start: its file system, its environment as its processes see it, its host name. */
export interface RunContainerOptions {
  fs: ContainerFs;
  /** In order; later entries do not repeat earlier names. */
  env: EnvPair[];
  /** The kubelet's variables alone (what `$(VAR)` in command and args expands against). */
  kubeletEnv: EnvPair[];
  hostname: string;
}

/**
 * Prepares a container: a volume that cannot be set up is the pod's FailedMount (a Warning
 * event; the pod stays ContainerCreating), an environment or mount problem is the container's
 * CreateContainerConfigError (its waiting reason and message). For a hostNetwork pod the host
 * name is the node's (nodeHostname).
 */
export function generateRunContainerOptions(
  pod: Pod,
  containerName: string,
  opts: ContainerFsOptions & { image?: ImageRuntimeConfig; nodeHostname?: string },
): RunContainerOptions | { error: ContainerFsError | EnvError } {
  const volumes = setUpPodVolumes(pod, opts);
  if ("message" in volumes) return { error: volumes };
  const spec = pod.spec;
  const container = findContainer(pod, containerName);
  if (!container)
    return {
      error: { reason: CreateContainerConfigError, message: `container "${containerName}" not found in pod` },
    };
  const podForEnv: Pod = opts.podIPs
    ? { ...pod, status: { ...(pod.status ?? {}), podIPs: opts.podIPs.map((ip) => ({ ip })) } }
    : pod;
  const kubeletEnv = makeEnvironmentVariables(podForEnv, container, opts.sources);
  if ("message" in kubeletEnv) return { error: kubeletEnv };
  const built = buildContainerFs(pod, containerName, { ...opts, env: kubeletEnv.env });
  if ("error" in built) return built;
  const hostname =
    spec?.hostNetwork && opts.nodeHostname
      ? opts.nodeHostname
      : podHostnameAndDomain(pod, opts.dns?.clusterDomain).hostname;
  const env = containerEnvironment(kubeletEnv.env, {
    hostname,
    imageEnv: opts.image?.env,
    home: opts.image?.home,
    tty: container.tty === true,
  });
  return { fs: built.fs, env, kubeletEnv: kubeletEnv.env, hostname };
}

/** What an image contributes to generateRunContainerOptions. */
export interface ImageInput {
  imageFiles: Record<string, string>;
  /** The top-level directories of the image's OS (`ls /`). */
  imageDirs: string[];
  imageModes: Record<string, number>;
  image: ImageRuntimeConfig;
}

/**
 * An image config as generateRunContainerOptions takes it: its files (imageFiles), its programs
 * and shell scripts as executables (0755), plus extra executable paths (a userland's
 * /bin/busybox applets); its Env; HOME from its User (root's /root, the user's passwd entry, else /).
 */
export function imageInput(image: ImageConfig, extraExecutables: string[] = []): ImageInput {
  const files: Record<string, string> = { ...imageFiles(image) };
  const modes: Record<string, number> = {};
  for (const path of [...Object.keys(image.programs), ...extraExecutables]) {
    files[path] ??= "";
    modes[path] = 0o755;
  }
  for (const path of Object.keys(files)) if (path.endsWith(".sh")) modes[path] = 0o755;
  return {
    imageFiles: files,
    imageDirs: rootDirectories(image.os),
    imageModes: modes,
    image: { env: image.env, home: homeOf(image.user, files["/etc/passwd"]) },
  };
}

/** The home directory runc gives a user: from /etc/passwd (name or uid), root's /root, else "/". */
function homeOf(user: string, passwd: string | undefined): string {
  const name = user.split(":")[0] ?? "";
  if (name === "" || name === "root" || name === "0") return "/root";
  for (const line of (passwd ?? "").split("\n")) {
    const f = line.split(":");
    if (f.length >= 6 && (f[0] === name || f[2] === name)) return f[5] as string;
  }
  return "/";
}
