/**
 * `kubectl cp` (staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go): copies files and directories
 * between the shell's local file system and a container's, as kubectl's tar stream over exec
 * does: `kubectl cp ns/pod:/path ./local` and `kubectl cp ./local ns/pod:/path`, `-c` to pick the
 * container. The container side goes through the node host's containerFs hook (ContainerFiles);
 * the local side through the context's localFs.
 */
import { notFound } from "../../engine/api/errors";
import type { Pod } from "../../engine/api/kinds";
import { FsError, resolvePath } from "../../engine/node/fs";
import type { FileSystem } from "../../engine/sh/interface";
import { type Command, type Invocation, KubectlError } from "../command";
import type { KubectlContext } from "../interface";
import { containerFor } from "./containers";

/** What a node's host offers kubectl cp: a running container's file system. */
export interface ContainerFiles {
  /** The file system of a running container; undefined when it is not running there. */
  containerFs(namespace: string, pod: string, container: string): FileSystem | undefined;
}

/** The local side kubectl cp reads and writes: the shell's file system and working directory. */
export interface CpContext extends KubectlContext {
  localFs?: FileSystem;
  localCwd?: string;
}

/** cp.go errFileSpecDoesntMatchFormat. */
export const ErrFileSpecDoesntMatchFormat =
  "filespec must match the canonical format: [[namespace/]pod:]file/path";

/** One side of a copy: a local path, or a pod's path. */
export interface FileSpec {
  podNamespace?: string;
  podName?: string;
  file: string;
}

/** Parses `[[namespace/]pod:]file/path` (extractFileSpec). */
export function extractFileSpec(arg: string): FileSpec | { error: string } {
  const i = arg.indexOf(":");
  if (i === 0) return { error: ErrFileSpecDoesntMatchFormat };
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split("/");
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { podName: pieces[0], file };
  if (pieces.length === 2) return { podNamespace: pieces[0], podName: pieces[1], file };
  return { error: ErrFileSpecDoesntMatchFormat };
}

/** Every file under a path (itself when a file), relative to it ("" for the path itself). */
function walk(fs: FileSystem, path: string): { rel: string; dir: boolean }[] {
  if (fs.isFile(path)) return [{ rel: "", dir: false }];
  const out: { rel: string; dir: boolean }[] = [{ rel: "", dir: true }];
  const visit = (dir: string, rel: string) => {
    for (const name of fs.list(dir)) {
      const p = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      if (fs.isDir(p)) {
        out.push({ rel: r, dir: true });
        visit(p, r);
      } else out.push({ rel: r, dir: false });
    }
  };
  visit(path, "");
  return out;
}

/** Writes src's tree at dest, creating directories as tar -x does; the first error stops it. */
function copyTree(from: FileSystem, src: string, to: FileSystem, dest: string): string | undefined {
  try {
    for (const { rel, dir } of walk(from, src)) {
      const s = rel ? `${src === "/" ? "" : src}/${rel}` : src;
      const d = rel ? `${dest === "/" ? "" : dest}/${rel}` : dest;
      if (dir) to.mkdir(d, true);
      else to.write(d, from.read(s));
    }
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.message;
    throw e;
  }
}

/**
 * Copies a local file or directory into a container (copyToPod): into dest when dest is an
 * existing directory (as dest/base(src)), else as dest. Returns the error text, if any.
 */
export function copyToContainer(
  local: FileSystem,
  src: string,
  container: FileSystem,
  dest: string,
): string | undefined {
  if (!local.exists(src)) return `${src} doesn't exist in local filesystem`;
  const base = src.slice(src.lastIndexOf("/") + 1);
  const target = container.isDir(dest) ? resolvePath(dest, base) : dest;
  const err = copyTree(local, src, container, target);
  return err === undefined ? undefined : `tar: ${err}`;
}

/**
 * Copies a container's file or directory to the local side (copyFromPod, untarAll): a file to
 * dest, a directory's contents into dest. Returns the error text (as the container's tar prints it).
 */
export function copyFromContainer(
  container: FileSystem,
  src: string,
  local: FileSystem,
  dest: string,
): string | undefined {
  if (!container.exists(src))
    return `tar: ${src.replace(/^\//, "")}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors`;
  if (container.isFile(src) && local.isDir(dest)) return `open ${dest}: is a directory`;
  return copyTree(container, src, local, dest);
}

function podNamed(inv: Invocation, namespace: string, name: string): Pod {
  const pod = inv.cluster.api.get("Pod", namespace, name);
  if (!pod) throw notFound("pods", name);
  return pod as Pod;
}

/** The file system of the chosen container of a pod, or kubectl's error. */
function containerFsOf(inv: Invocation, spec: FileSpec): FileSystem {
  const pod = podNamed(inv, spec.podNamespace || inv.namespace, spec.podName as string);
  const container = containerFor(inv, pod, inv.flags.str("container"), true);
  const node = pod.spec?.nodeName;
  const host = node
    ? (inv.cluster.hosts.get(node) as unknown as Partial<ContainerFiles> | undefined)
    : undefined;
  const running = (pod.status?.containerStatuses ?? []).some((s) => s.name === container && s.state?.running);
  const fs = running
    ? host?.containerFs?.(pod.metadata.namespace ?? "default", pod.metadata.name ?? "", container)
    : undefined;
  if (!fs) throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  return fs;
}

export const cp: Command = {
  name: "cp",
  flags: [
    { name: "container", short: "c", type: "string" },
    { name: "no-preserve", type: "bool" },
    { name: "retries", type: "string" },
  ],
  run(inv) {
    const args = inv.flags.args;
    if (args.length !== 2) throw new KubectlError("source and destination are required");
    const src = extractFileSpec(args[0] as string);
    const dest = extractFileSpec(args[1] as string);
    if ("error" in src) throw new KubectlError(src.error);
    if ("error" in dest) throw new KubectlError(dest.error);
    if (src.podName && dest.podName)
      throw new KubectlError("one of src or dest must be a local file specification");
    if (!src.file || !dest.file) throw new KubectlError("filepath can not be empty");
    if (!src.podName && !dest.podName)
      throw new KubectlError("one of src or dest must be a remote file specification");
    const ctx = inv.ctx as CpContext;
    if (!ctx.localFs)
      throw new KubectlError("kubectl cp needs a local file system, which this terminal has not got");
    const cwd = ctx.localCwd ?? "/";
    let err: string | undefined;
    if (src.podName) {
      const fs = containerFsOf(inv, src);
      err = copyFromContainer(fs, resolvePath("/", src.file), ctx.localFs, resolvePath(cwd, dest.file));
    } else {
      const fs = containerFsOf(inv, dest);
      err = copyToContainer(ctx.localFs, resolvePath(cwd, src.file), fs, resolvePath("/", dest.file));
    }
    if (err !== undefined) {
      if (err.startsWith("tar: ")) {
        inv.err(`${err}\n`);
        inv.exit = 1;
        return;
      }
      throw new KubectlError(err);
    }
  },
};
