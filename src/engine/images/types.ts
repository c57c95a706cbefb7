/**
 * What the catalog knows of an image: its config as the registry serves it (the OCI image config's
 * Entrypoint, Cmd, Env, WorkingDir, User, ExposedPorts), what its file system holds that matters,
 * and which programs it ships.
 */

/** Which shell and core utilities an image ships. */
export type UserlandFlavour =
  /** busybox applets (busybox, alpine and alpine-based images). */
  | "busybox"
  /** GNU coreutils, bash and the packages listed (debian, ubuntu and images built on them). */
  | "gnu"
  /** No shell at all: distroless, scratch, pause. */
  | "none";

/** Which /etc/os-release an image has. */
export type OsFamily = "busybox" | "alpine" | "debian" | "ubuntu" | "oraclelinux" | "distroless";

/** One image (a repository at one tag) as a container runtime sees it. */
export interface ImageConfig {
  /** docker.io/library/nginx */
  repository: string;
  /** The tag this config is for. */
  tag: string;
  /** The software's version this tag holds (1.27.3 for nginx:1.27 or nginx:latest). */
  version: string;
  /** OCI config Entrypoint ([] when none). */
  entrypoint: string[];
  /** OCI config Cmd ([] when none). */
  cmd: string[];
  /** OCI config Env, `NAME=value` in the image's order. */
  env: string[];
  /** OCI config WorkingDir ("" means /). */
  workingDir: string;
  /** OCI config User ("" means root). */
  user: string;
  /** OCI config ExposedPorts: `80/tcp`. */
  exposedPorts: string[];
  /** The shell and utilities it ships. */
  userland: UserlandFlavour;
  /** Packages beyond the base userland (curl, bind-tools, procps...). */
  packages: string[];
  /** Which /etc/os-release it has. */
  os: OsFamily;
  /** Program ids by the absolute path the image installs them at (see imagePrograms). */
  programs: Record<string, string>;
  /** Files that matter, by absolute path (index pages, config files, entrypoint scripts). */
  files: Record<string, string>;
  /** Compressed size in bytes, as the registry reports it for linux/amd64. */
  size: number;
  /** OCI config StopSignal (`SIGQUIT`): what the runtime stops the container with; absent: SIGTERM. */
  stopSignal?: string;
}

/** A repository in the catalog: its tags and how a tag's config is made. */
export interface CatalogEntry {
  /** docker.io/library/nginx */
  repository: string;
  /** Every tag the registry has (see tags.ts for the compact notation). */
  tags: ReadonlySet<string>;
  /** The config for one of its tags. */
  config(tag: string): ImageConfig;
}
