/**
 * A node's small file system: what `ssh NODE` then `ls`, `cat`, `rm` and editors act on, and
 * where the kubelet reads its config and static pod manifests. Paths are absolute and normalised.
 */

/** Why a file operation failed, worded as coreutils words it. */
export class FsError extends Error {}

/** A change to the file system, for watchers such as the kubelet's static pod source. */
export interface FsChange {
  path: string;
  type: "write" | "remove";
}

/** Normalises a path against a working directory: resolves ".", ".." and duplicate slashes. */
export function resolvePath(cwd: string, path: string): string {
  const parts = (path.startsWith("/") ? path : `${cwd}/${path}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return `/${out.join("/")}`;
}

/** An in-memory file system of directories and text files. */
export class NodeFileSystem {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(["/"]);
  private readonly listeners = new Set<(change: FsChange) => void>();

  /** Calls fn after every write or removal; returns an unsubscribe function. */
  onChange(fn: (change: FsChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  exists(path: string): boolean {
    return this.isDir(path) || this.isFile(path);
  }

  /** The text of a file; FsError when it is missing or a directory. */
  read(path: string): string {
    const text = this.files.get(path);
    if (text === undefined) {
      if (this.dirs.has(path)) throw new FsError(`${path}: Is a directory`);
      throw new FsError(`${path}: No such file or directory`);
    }
    return text;
  }

  /** Writes a file; its directory must exist. */
  write(path: string, text: string): void {
    if (this.dirs.has(path)) throw new FsError(`${path}: Is a directory`);
    const dir = parentOf(path);
    if (!this.dirs.has(dir)) throw new FsError(`${path}: No such file or directory`);
    this.files.set(path, text);
    this.notify({ path, type: "write" });
  }

  /** Creates a directory; with parents, its missing ancestors too (mkdir -p). */
  mkdir(path: string, parents = false): void {
    if (this.files.has(path)) throw new FsError(`cannot create directory '${path}': File exists`);
    if (this.dirs.has(path)) {
      if (parents) return;
      throw new FsError(`cannot create directory '${path}': File exists`);
    }
    const dir = parentOf(path);
    if (!this.dirs.has(dir)) {
      if (!parents) throw new FsError(`cannot create directory '${path}': No such file or directory`);
      this.mkdir(dir, true);
    }
    this.dirs.add(path);
  }

  /** Removes a file, or with recursive a directory and everything under it. */
  remove(path: string, recursive = false): void {
    if (this.files.delete(path)) {
      this.notify({ path, type: "remove" });
      return;
    }
    if (!this.dirs.has(path)) throw new FsError(`cannot remove '${path}': No such file or directory`);
    if (!recursive) throw new FsError(`cannot remove '${path}': Is a directory`);
    for (const f of [...this.files.keys()])
      if (f.startsWith(`${path}/`)) {
        this.files.delete(f);
        this.notify({ path: f, type: "remove" });
      }
    for (const d of [...this.dirs]) if (d === path || d.startsWith(`${path}/`)) this.dirs.delete(d);
  }

  /** The names directly inside a directory, sorted. */
  list(path: string): string[] {
    if (!this.dirs.has(path)) {
      if (this.files.has(path)) return [path.slice(path.lastIndexOf("/") + 1)];
      throw new FsError(`cannot access '${path}': No such file or directory`);
    }
    const prefix = path === "/" ? "/" : `${path}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p !== path && p.startsWith(prefix)) {
        const rest = p.slice(prefix.length);
        if (rest) names.add(rest.split("/")[0] as string);
      }
    }
    return [...names].sort();
  }

  /** Every file path, sorted (for scenario export). */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Every directory path, sorted (for scenario export). */
  allDirs(): string[] {
    return [...this.dirs].sort();
  }

  private notify(change: FsChange): void {
    for (const fn of this.listeners) fn(change);
  }
}

/** The directory part of a path. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
