/**
 * Images as they are: the catalog of images (configs, tags, files, programs), how a reference
 * resolves (or fails to pull, with containerd's messages), and how a container's command is
 * resolved against its image. See catalog.ts for the sources and resolve.ts for the rule for
 * images the catalog does not hold.
 */

import { packageManagerFiles } from "../pkgs/imagefiles";
import type { Program } from "../sh/interface";
import { accountFiles } from "./etc";
import { osRelease } from "./osrelease";
import { IMAGE_PROGRAMS } from "./programs";
import { releaseFiles } from "./release";
import type { ImageConfig } from "./types";

export { CATALOG, DEFAULT_PATH } from "./catalog";
export {
  type ContainerCommand,
  ErrNoCommandSpecified,
  type Expand,
  expandContainerCommandAndArgs,
  noCommandMessage,
  processArgs,
  type ResolvedCommand,
  resolveCommand,
} from "./command";
export { DOCKER_HUB, type ImageRef, parseImage, referenceError } from "./reference";
export {
  accessDeniedMessage,
  genericImage,
  type ImageFailureReason,
  invalidNameMessage,
  lookupImage,
  notFoundMessage,
  type ResolvedImage,
  resolveImage,
} from "./resolve";
export type { CatalogEntry, ImageConfig, OsFamily, UserlandFlavour } from "./types";

/** Every image program by id (ImageConfig.programs names them), for the userland to include. */
export function imagePrograms(): Readonly<Record<string, Program>> {
  return IMAGE_PROGRAMS;
}

/**
 * The programs an image ships by absolute path and by base name (`/usr/sbin/nginx` and `nginx`),
 * for a userland's lookup: the image's own programs on top of its shell utilities. Ids that are
 * not image programs (`curl` in curlimages/curl) name the userland's own programs and are left
 * to it.
 */
export function imageProgramsFor(image: ImageConfig): Record<string, Program> {
  const out: Record<string, Program> = {};
  for (const [path, id] of Object.entries(image.programs)) {
    const program = IMAGE_PROGRAMS[id];
    if (!program) continue;
    out[path] = program;
    out[path.slice(path.lastIndexOf("/") + 1)] ??= program;
  }
  return out;
}

/** The files an image holds that matter, by absolute path: its own files and /etc/os-release. */
export function imageFiles(image: ImageConfig): Record<string, string> {
  // The base image's account files, under what the image itself adds (nginx's user, say).
  const files: Record<string, string> = { ...accountFiles(image.os), ...image.files };
  const release = osRelease(image.os, osVersion(image));
  if (release !== undefined && image.userland !== "none") files["/etc/os-release"] = release;
  if (image.userland !== "none") Object.assign(files, releaseFiles(image.os, osVersion(image)));
  // The package manager's own files (apk's repositories and database, apt's sources).
  if (image.userland !== "none")
    for (const [path, text] of Object.entries(packageManagerFiles(image.os, osVersion(image))))
      files[path] ??= text;
  return files;
}

/** The distribution version an image is built on, for its os-release. */
function osVersion(image: ImageConfig): string {
  if (image.repository === "docker.io/library/alpine" || image.repository === "docker.io/library/debian")
    return image.version;
  if (image.repository === "docker.io/library/ubuntu") return image.version;
  if (image.os === "alpine") return "3.21.0";
  if (image.os === "ubuntu") return "24.04";
  if (image.os === "oraclelinux") return "9.5";
  return "12";
}
