/**
 * `kubectl cp` (staging/src/k8s.io/kubectl/pkg/cmd/cp/cp.go): copies files and directories
 * between the shell's local file system and a container's, as kubectl's tar stream over exec
 * does: `kubectl cp ns/pod:/path ./local` runs `tar cf - /path` in the container (its notices,
 * such as GNU tar's "Removing leading `/' from member names", reach kubectl's stdout) and
 * `kubectl cp ./local ns/pod:/path` runs `test -d` and `tar -xmf - -C DIR` there, so an image
 * without tar fails as the runtime words it. The local side is the context's localFs.
 */
import { notFound } from "../../engine/api/errors";
import type { Pod } from "../../engine/api/kinds";
import { FsError, resolvePath } from "../../engine/node/fs";
import type { ExecResult, NodeHost } from "../../engine/node/interface";
import { makeArchive, readArchive, type TarEntry } from "../../engine/sh/applets/tar";
import type { FileSystem } from "../../engine/sh/interface";
import { type Command, type Invocation, KubectlError } from "../command";
import type { KubectlContext } from "../interface";
import { containerFor } from "./containers";

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

/** path.Clean for slash paths: no empty, `.` or `..` parts (`..` above the root is dropped). */
export function cleanPath(p: string): string {
  const abs = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length && out.at(-1) !== "..") out.pop();
      else if (!abs) out.push("..");
    } else out.push(part);
  }
  const joined = out.join("/");
  return abs ? `/${joined}` : joined || ".";
}

/** stripPathShortcuts: a relative path without leading `../` or `./`. */
function stripPathShortcuts(p: string): string {
  let rest = cleanPath(p);
  while (rest.startsWith("../")) rest = rest.slice(3);
  if (rest === ".." || rest === ".") return "";
  return rest;
}

/**
 * The archive kubectl makes of a local file or directory (makeTar, recursiveTar): members named
 * from the destination's base name; a directory adds only its files, an empty one its own entry.
 */
export function tarLocal(local: FileSystem, src: string, destBase: string): TarEntry[] {
  const out: TarEntry[] = [];
  const visit = (path: string, name: string) => {
    const info = local.stat?.(path);
    if (local.isDir(path)) {
      const children = local.list(path);
      if (!children.length) out.push({ name, dir: true, mode: info?.mode ?? 0o755, mtimeMs: 0, data: "" });
      for (const c of children) visit(path === "/" ? `/${c}` : `${path}/${c}`, `${name}/${c}`);
    } else out.push({ name, dir: false, mode: info?.mode ?? 0o644, mtimeMs: 0, data: local.read(path) });
  };
  visit(src, destBase);
  return out;
}

/**
 * Writes what the container's tar sent into dest (untarAll): each member's name after the
 * prefix (the source path without its leading `/`) is joined to dest. Returns the error, if any.
 */
export function untarAll(
  entries: TarEntry[],
  prefix: string,
  local: FileSystem,
  dest: string,
): string | undefined {
  try {
    for (const e of entries) {
      if (!e.name.startsWith(prefix)) return "tar contents corrupted";
      const rest = e.name.slice(prefix.length);
      const target = cleanPath(rest ? `${dest}/${rest}` : dest);
      const parent = target.slice(0, target.lastIndexOf("/")) || "/";
      local.mkdir(parent, true);
      if (e.dir) local.mkdir(target, true);
      else if (local.isDir(target)) return `open ${target}: is a directory`;
      else local.write(target, e.data);
    }
    return undefined;
  } catch (err) {
    if (err instanceof FsError) return err.message;
    throw err;
  }
}

function podNamed(inv: Invocation, namespace: string, name: string): Pod {
  const pod = inv.cluster.api.get("Pod", namespace, name);
  if (!pod) throw notFound("pods", name);
  return pod as Pod;
}

/** The pod, its node's host and the container kubectl cp works on, or kubectl's error. */
function target(
  inv: Invocation,
  spec: FileSpec,
): { host: NodeHost; ns: string; pod: string; container: string } {
  const pod = podNamed(inv, spec.podNamespace || inv.namespace, spec.podName as string);
  const container = containerFor(inv, pod, inv.flags.str("container"), true);
  const node = pod.spec?.nodeName;
  const host = node ? inv.cluster.hosts.get(node) : undefined;
  const running = (pod.status?.containerStatuses ?? []).some((s) => s.name === container && s.state?.running);
  if (!host || !running)
    throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`);
  return { host, ns: pod.metadata.namespace ?? "default", pod: pod.metadata.name ?? "", container };
}

/** A command that failed in the container: its status as kubectl's exit (CodeExitError). */
function terminated(inv: Invocation, exit: number): void {
  inv.err(`command terminated with exit code ${exit}\n`);
  inv.exit = exit;
}

/** An exec the runtime could not start (no tar in the image): the API server's error. */
function startFailed(inv: Invocation, r: ExecResult): boolean {
  if (!(r.exit === 126 && r.stderr.startsWith("error: "))) return false;
  inv.err(r.stderr);
  inv.exit = 1;
  return true;
}

/** copyFromPod: `tar cf - SRC` in the container, its stderr on kubectl's stdout, untarred into dest. */
function copyFromPod(inv: Invocation, src: FileSpec, local: FileSystem, dest: string): void {
  const t = target(inv, src);
  const r = t.host.exec(t.ns, t.pod, t.container, ["tar", "cf", "-", src.file]);
  if (startFailed(inv, r)) return;
  // TarPipe's exec writes the remote tar's stderr to kubectl's Out.
  inv.out(r.stderr);
  const entries = readArchive(r.stdout) ?? [];
  const err = untarAll(entries, stripPathShortcuts(src.file.replace(/^\/+/, "")), local, dest);
  if (r.exit !== 0) terminated(inv, r.exit);
  else if (err !== undefined) throw new KubectlError(err);
}

/** copyToPod: kubectl's archive of src into `tar -xmf - -C DIR` (into dest/base(src) when dest is a directory). */
function copyToPod(inv: Invocation, local: FileSystem, src: string, dest: FileSpec): void {
  if (!local.exists(src)) throw new KubectlError(`${src} doesn't exist in local filesystem`);
  const t = target(inv, dest);
  let destFile = cleanPath(dest.file);
  // checkDestinationIsDir: `test -d` with its output discarded; any failure means "not a directory".
  const isDir = t.host.exec(t.ns, t.pod, t.container, ["test", "-d", dest.file]);
  const base = src.slice(src.lastIndexOf("/") + 1);
  if (isDir.exit === 0) destFile = cleanPath(`${destFile}/${base}`);
  const slash = destFile.lastIndexOf("/");
  const dir = slash < 0 ? "." : destFile.slice(0, slash) || "/";
  const archive = makeArchive(tarLocal(local, src, destFile.slice(slash + 1)));
  const argv = [
    "tar",
    ...(inv.flags.bool("no-preserve") ? ["--no-same-permissions", "--no-same-owner"] : []),
    "-xmf",
    "-",
    "-C",
    dir,
  ];
  const r = t.host.exec(t.ns, t.pod, t.container, argv, archive);
  if (startFailed(inv, r)) return;
  inv.out(r.stdout);
  inv.err(r.stderr);
  if (r.exit !== 0) terminated(inv, r.exit);
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
    if (src.podName) copyFromPod(inv, src, ctx.localFs, resolvePath(cwd, dest.file));
    else copyToPod(inv, ctx.localFs, resolvePath(cwd, src.file), dest);
  },
};
