/**
 * An in-memory file system with permission bits and modification times: a container's
 * writable layer, an emptyDir, a pod's managed files. Paths are absolute and normalised;
 * failures throw FsError worded as NodeFileSystem words them.
 */
import { FsError, parentOf } from "../node/fs";
import type { FileInfo, FileSystem } from "../sh/interface";

interface Entry {
  mode: number;
  mtimeMs: number;
}

/** Default modes: files 0644, directories 0755 (a umask of 022). */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;

/** A small in-memory file system implementing FileSystem with stat. */
export class MemFs implements FileSystem {
  private readonly files = new Map<string, Entry & { text: string }>();
  private readonly dirs = new Map<string, Entry>();

  /** now: the virtual clock, for modification times. */
  constructor(
    private readonly now: () => number = () => 0,
    rootMode = DIR_MODE,
  ) {
    this.dirs.set("/", { mode: rootMode, mtimeMs: now() });
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  exists(path: string): boolean {
    return this.dirs.has(path) || this.files.has(path);
  }

  read(path: string): string {
    const f = this.files.get(path);
    if (f) return f.text;
    if (this.dirs.has(path)) throw new FsError(`${path}: Is a directory`);
    throw new FsError(`${path}: No such file or directory`);
  }

  write(path: string, text: string): void {
    this.writeFile(path, text);
  }

  /** Writes a file, keeping an existing file's mode unless one is given. */
  writeFile(path: string, text: string, mode?: number): void {
    if (this.dirs.has(path)) throw new FsError(`${path}: Is a directory`);
    if (!this.dirs.has(parentOf(path))) throw new FsError(`${path}: No such file or directory`);
    const old = this.files.get(path);
    this.files.set(path, { text, mode: mode ?? old?.mode ?? FILE_MODE, mtimeMs: this.now() });
  }

  mkdir(path: string, parents = false, mode = DIR_MODE): void {
    if (this.files.has(path)) throw new FsError(`cannot create directory '${path}': File exists`);
    if (this.dirs.has(path)) {
      if (parents) return;
      throw new FsError(`cannot create directory '${path}': File exists`);
    }
    const parent = parentOf(path);
    if (!this.dirs.has(parent)) {
      if (!parents) throw new FsError(`cannot create directory '${path}': No such file or directory`);
      this.mkdir(parent, true, mode);
    }
    this.dirs.set(path, { mode, mtimeMs: this.now() });
  }

  remove(path: string, recursive = false): void {
    if (this.files.delete(path)) return;
    if (!this.dirs.has(path) || path === "/") {
      if (path === "/") throw new FsError(`cannot remove '/': Device or resource busy`);
      throw new FsError(`cannot remove '${path}': No such file or directory`);
    }
    const prefix = `${path}/`;
    const children = [...this.files.keys(), ...this.dirs.keys()].some((p) => p.startsWith(prefix));
    if (!recursive) {
      if (children) throw new FsError(`cannot remove '${path}': Directory not empty`);
      throw new FsError(`cannot remove '${path}': Is a directory`);
    }
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) this.files.delete(f);
    for (const d of [...this.dirs.keys()]) if (d === path || d.startsWith(prefix)) this.dirs.delete(d);
  }

  list(path: string): string[] {
    if (!this.dirs.has(path)) {
      if (this.files.has(path)) return [path.slice(path.lastIndexOf("/") + 1)];
      throw new FsError(`cannot access '${path}': No such file or directory`);
    }
    const prefix = path === "/" ? "/" : `${path}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs.keys()])
      if (p !== path && p.startsWith(prefix)) names.add(p.slice(prefix.length).split("/")[0] as string);
    return [...names].sort();
  }

  stat(path: string): FileInfo | undefined {
    const f = this.files.get(path);
    if (f) return { type: "file", size: f.text.length, mode: f.mode, mtimeMs: f.mtimeMs };
    const d = this.dirs.get(path);
    if (d) return { type: "dir", size: 4096, mode: d.mode, mtimeMs: d.mtimeMs };
    return undefined;
  }

  /** Changes the permission bits of a file or directory (chmod). */
  chmod(path: string, mode: number): void {
    const e = this.files.get(path) ?? this.dirs.get(path);
    if (!e) throw new FsError(`cannot access '${path}': No such file or directory`);
    e.mode = mode;
  }
}
