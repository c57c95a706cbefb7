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
  uid?: number;
  gid?: number;
}

/** Who creates a file: the writing process's user and group (fsuid, fsgid). */
export interface Owner {
  uid: number;
  gid: number;
}

/** The set-group-ID bit: a directory's new entries take its group (and new directories the bit). */
const S_ISGID = 0o2000;

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

  /** Writes a file; a new one is owner's (its group the directory's when that is set-group-ID). */
  write(path: string, text: string, owner?: Owner): void {
    this.writeFile(path, text, undefined, owner);
  }

  /** The owner and group a new entry in this directory gets when owner creates it. */
  private ownership(parent: Entry, owner: Owner | undefined): { uid?: number; gid?: number } {
    const gid = parent.mode & S_ISGID ? parent.gid : owner?.gid;
    return { ...(owner?.uid ? { uid: owner.uid } : {}), ...(gid ? { gid } : {}) };
  }

  /** Writes a file, keeping an existing file's mode and owner unless a mode is given. */
  writeFile(path: string, text: string, mode?: number, owner?: Owner): void {
    if (this.dirs.has(path)) throw new FsError(`${path}: Is a directory`);
    const parent = this.dirs.get(parentOf(path));
    if (!parent) throw new FsError(`${path}: No such file or directory`);
    const old = this.files.get(path);
    const ids = old ? { uid: old.uid, gid: old.gid } : this.ownership(parent, owner);
    this.files.set(path, { text, mode: mode ?? old?.mode ?? FILE_MODE, mtimeMs: this.now(), ...ids });
  }

  /** Sets the owner and group of a file or directory (chown; a volume's fsGroup). */
  chown(path: string, uid: number, gid: number): void {
    const e = this.files.get(path) ?? this.dirs.get(path);
    if (!e) throw new FsError(`cannot access '${path}': No such file or directory`);
    e.uid = uid;
    e.gid = gid;
  }

  mkdir(path: string, parents = false, mode = DIR_MODE, owner?: Owner): void {
    if (this.files.has(path)) throw new FsError(`cannot create directory '${path}': File exists`);
    if (this.dirs.has(path)) {
      if (parents) return;
      throw new FsError(`cannot create directory '${path}': File exists`);
    }
    const parent = parentOf(path);
    if (!this.dirs.has(parent)) {
      if (!parents) throw new FsError(`cannot create directory '${path}': No such file or directory`);
      this.mkdir(parent, true, mode, owner);
    }
    const p = this.dirs.get(parent) as Entry;
    this.dirs.set(path, {
      mode: mode | (p.mode & S_ISGID),
      mtimeMs: this.now(),
      ...this.ownership(p, owner),
    });
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
    if (f) return withIds({ type: "file", size: f.text.length, mode: f.mode, mtimeMs: f.mtimeMs }, f);
    const d = this.dirs.get(path);
    if (d) return withIds({ type: "dir", size: 4096, mode: d.mode, mtimeMs: d.mtimeMs }, d);
    return undefined;
  }

  /** Changes the permission bits of a file or directory (chmod). */
  chmod(path: string, mode: number): void {
    const e = this.files.get(path) ?? this.dirs.get(path);
    if (!e) throw new FsError(`cannot access '${path}': No such file or directory`);
    e.mode = mode;
  }
}

function withIds(info: FileInfo, e: Entry): FileInfo {
  if (e.uid) info.uid = e.uid;
  if (e.gid) info.gid = e.gid;
  return info;
}
