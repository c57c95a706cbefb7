/**
 * The layout the kubelet's AtomicWriter (pkg/volume/util/atomic_writer.go) gives configMap,
 * secret, downwardAPI and projected volumes: the files live in a timestamped directory
 * `..2026_01_01_00_00_00.1234567890`, `..data` is a symbolic link to it, and each top-level
 * name a link into `..data` (`key -> ..data/key`), so an update swaps one link. stat reports a
 * link as FileInfo does: its target's type and mode (what reads and permission checks follow),
 * with the link's own size, the length of its target (what `ls -l` shows).
 *
 * Updates: the kubelet re-reads the source on its sync loop (syncFrequency 1 m, with a
 * watch-based cache), so a change reaches the files within about a minute. Here a volume
 * re-reads its source when it is accessed and VOLUME_SYNC_PERIOD_MS of virtual time have passed
 * since it last did (or when sync() is called); a changed payload gets a new timestamped
 * directory. A source that fails to load later (deleted) leaves the last files in place.
 */
import { FsError } from "../node/fs";
import type { FileInfo, FileSystem } from "../sh/interface";
import { DIR_MODE, MemFs } from "./memfs";

/** One file of a volume payload (volumeutil.FileProjection). */
export interface FileProjection {
  text: string;
  mode: number;
}

/** A volume's files by relative path (`key`, `dir/key`). */
export type Payload = Record<string, FileProjection>;

/** A payload, or why the volume cannot be set up. */
export type PayloadResult = { payload: Payload } | { error: string };

/** How often a mounted volume re-reads its source: the kubelet's default syncFrequency. */
export const VOLUME_SYNC_PERIOD_MS = 60_000;

/** The name of the `..data` link. */
export const DATA_DIR_NAME = "..data";

/** The timestamped directory name for a write at ms (`..2006_01_02_15_04_05.` plus MkdirTemp's number). */
export function timestampedDirName(ms: number, seed: string): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  const stamp = `${iso.slice(0, 4)}_${iso.slice(5, 7)}_${iso.slice(8, 10)}_${iso.slice(11, 13)}_${iso.slice(14, 16)}_${iso.slice(17, 19)}`;
  return `..${stamp}.${fnv32(`${seed}@${ms}`)}`;
}

/** FNV-1a, 32 bits: a stable stand-in for MkdirTemp's random suffix. */
function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A read-only view of a payload in the AtomicWriter layout, refreshed from its source. */
export class AtomicVolume implements FileSystem {
  private payload: Payload = {};
  private dirs = new Set<string>([""]);
  private tsDir = "";
  private changedMs = 0;
  private syncedMs: number;

  /**
   * id: a stable name for the timestamped directory's suffix; load: reads the source now;
   * rootMode: the mount point's mode (0777 for a configMap volume, 01777 for tmpfs-backed ones).
   */
  constructor(
    private readonly id: string,
    private readonly load: () => PayloadResult,
    private readonly now: () => number,
    initial: Payload,
    private readonly rootMode = 0o777,
    private readonly periodMs = VOLUME_SYNC_PERIOD_MS,
  ) {
    this.syncedMs = now();
    this.apply(initial);
  }

  /** Re-reads the source now (the kubelet's periodic remount); keeps the files on a load error. */
  sync(): void {
    this.syncedMs = this.now();
    const r = this.load();
    if ("payload" in r && !samePayload(r.payload, this.payload)) this.apply(r.payload);
  }

  /** The current files by relative path (a subPath mount copies them once). */
  files(): Payload {
    this.fresh();
    return { ...this.payload };
  }

  /** A frozen copy as a MemFs (what a subPath bind mount pins). */
  snapshot(): MemFs {
    const fs = new MemFs(() => this.changedMs, this.rootMode);
    for (const [rel, f] of Object.entries(this.files())) {
      const path = `/${rel}`;
      fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", true);
      fs.writeFile(path, f.text, f.mode);
    }
    return fs;
  }

  private apply(payload: Payload): void {
    this.payload = { ...payload };
    this.dirs = new Set([""]);
    for (const rel of Object.keys(payload)) {
      const parts = rel.split("/");
      for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
    }
    this.changedMs = this.now();
    this.tsDir = timestampedDirName(this.changedMs, this.id);
  }

  private fresh(): void {
    if (this.now() - this.syncedMs >= this.periodMs) this.sync();
  }

  /** The payload-relative path of a volume path, "" for the payload root; undefined for the mount root. */
  private rel(path: string): string | undefined {
    this.fresh();
    if (path === "/") return undefined;
    const [first, ...rest] = path.slice(1).split("/");
    if (first === DATA_DIR_NAME || first === this.tsDir) return rest.join("/");
    return path.slice(1);
  }

  /** The target of the link at path (a top-level name of the mount), or undefined for none. */
  private linkAt(path: string): string | undefined {
    const name = path.slice(1);
    if (name.includes("/")) return undefined;
    return linkTarget(name, this.tsDir, (n) => this.isTop(n));
  }

  private isTop(name: string): boolean {
    return this.dirs.has(name) || Object.hasOwn(this.payload, name);
  }

  isDir(path: string): boolean {
    const rel = this.rel(path);
    if (rel === undefined) return true;
    if (rel === "") return true;
    return this.dirs.has(rel) && this.isTop(rel.split("/")[0] as string);
  }

  isFile(path: string): boolean {
    const rel = this.rel(path);
    return rel !== undefined && rel !== "" && Object.hasOwn(this.payload, rel);
  }

  exists(path: string): boolean {
    return this.isDir(path) || this.isFile(path);
  }

  read(path: string): string {
    const rel = this.rel(path);
    if (rel !== undefined && Object.hasOwn(this.payload, rel))
      return (this.payload[rel] as FileProjection).text;
    if (this.isDir(path)) throw new FsError(`${path}: Is a directory`);
    throw new FsError(`${path}: No such file or directory`);
  }

  write(path: string): void {
    throw new FsError(`${path}: Read-only file system`);
  }

  mkdir(path: string): void {
    throw new FsError(`cannot create directory '${path}': Read-only file system`);
  }

  remove(path: string): void {
    throw new FsError(`cannot remove '${path}': Read-only file system`);
  }

  list(path: string): string[] {
    const rel = this.rel(path);
    if (rel === undefined) return [this.tsDir, DATA_DIR_NAME, ...this.children("")].sort();
    if (this.isFile(path)) return [path.slice(path.lastIndexOf("/") + 1)];
    if (!this.isDir(path)) throw new FsError(`cannot access '${path}': No such file or directory`);
    return this.children(rel);
  }

  private children(rel: string): string[] {
    const prefix = rel ? `${rel}/` : "";
    const names = new Set<string>();
    for (const p of [...Object.keys(this.payload), ...this.dirs])
      if (p !== rel && p.startsWith(prefix) && p.length > prefix.length)
        names.add(p.slice(prefix.length).split("/")[0] as string);
    return [...names].sort();
  }

  stat(path: string): FileInfo | undefined {
    const rel = this.rel(path);
    if (rel === undefined) return { type: "dir", size: 4096, mode: this.rootMode, mtimeMs: this.changedMs };
    const link = this.linkAt(path);
    if (link !== undefined) {
      const target = this.stat(rel ? `/${this.tsDir}/${rel}` : `/${this.tsDir}`);
      return target && { ...target, size: link.length, link };
    }
    const f = this.payload[rel];
    if (f && Object.hasOwn(this.payload, rel))
      return { type: "file", size: f.text.length, mode: f.mode, mtimeMs: this.changedMs };
    if (this.isDir(path)) return { type: "dir", size: 4096, mode: DIR_MODE, mtimeMs: this.changedMs };
    return undefined;
  }
}

/** AtomicWriter's links: `..data` to the timestamped directory, a top-level name into `..data`. */
function linkTarget(name: string, tsDir: string, isTop: (name: string) => boolean): string | undefined {
  if (name === DATA_DIR_NAME) return tsDir;
  if (name === tsDir || !isTop(name)) return undefined;
  return `${DATA_DIR_NAME}/${name}`;
}

function samePayload(a: Payload, b: Payload): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] !== undefined && b[k]?.text === a[k]?.text && b[k]?.mode === a[k]?.mode);
}
