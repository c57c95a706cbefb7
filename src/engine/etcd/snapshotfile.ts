/**
 * etcdutl's work on files (etcdutl/snapshot/v3_snapshot.go): a snapshot's status, and restoring
 * it into a new data directory. Texts are etcd v3.5's.
 */
import { resolvePath } from "../node/fs";
import type { FileSystem } from "../sh/interface";
import { type DbContents, type DbStatus, dbStatus, decodeDb, encodeDb, humanizeBytes } from "./db";
import { computeClusterId, computeMemberId, DEFAULT_CLUSTER_TOKEN } from "./member";
import { zapConsole } from "./output";
import { DATA_DIR_FILES } from "./server";

/** bolt.Open's error for a file that is not a bbolt database. */
export const ErrInvalidDatabase = "invalid database";

/** What reading a snapshot file came to: its contents and status, or the error etcdutl prints. */
export type SnapshotRead = { text: string; contents: DbContents; status: DbStatus } | { error: string };

/** Reads a snapshot (or a member/snap/db) file as etcdutl's Status does. */
export function readSnapshot(fs: FileSystem, cwd: string, file: string): SnapshotRead {
  const path = resolvePath(cwd, file);
  if (!fs.exists(path)) return { error: `stat ${file}: no such file or directory` };
  if (fs.isDir(path)) return { error: `read ${file}: is a directory` };
  const text = fs.read(path);
  const contents = decodeDb(text);
  if (!contents) return { error: ErrInvalidDatabase };
  return { text, contents, status: dbStatus(text, contents) };
}

/** The rows of `snapshot status` (printer.go makeDBStatusTable). */
export function dbStatusRow(s: DbStatus): string[] {
  return [s.hash.toString(16), String(s.revision), String(s.totalKey), humanizeBytes(s.totalSize)];
}

/** The header of `snapshot status -w table`. */
export const DB_STATUS_HEADER = ["hash", "revision", "total keys", "total size"];

/** `snapshot status`'s JSON (the dbstatus struct's tags). */
export function dbStatusJson(s: DbStatus): string {
  return JSON.stringify({ hash: s.hash, revision: s.revision, totalKey: s.totalKey, totalSize: s.totalSize });
}

/** The flags of `snapshot restore` that shape the new member. */
export interface RestoreOptions {
  dataDir?: string;
  walDir?: string;
  name?: string;
  initialCluster?: string;
  initialClusterToken?: string;
  initialAdvertisePeerUrls?: string;
}

/** The memory map size etcdutl logs (--initial-memory-map-size's default, 10 GiB). */
const INITIAL_MMAP_SIZE = 10 * 1024 * 1024 * 1024;

/**
 * Restores a snapshot into a new data directory as etcdutl does: refuses a data directory that
 * exists and is not empty, writes member/snap/db and member/wal, and returns the lines it logs
 * (or the error it exits with).
 */
export function restoreSnapshot(
  fs: FileSystem,
  cwd: string,
  file: string,
  opts: RestoreOptions,
  ms: number,
): { logs: string[] } | { error: string } {
  const name = opts.name ?? "default";
  const dataDir = opts.dataDir ?? `${name}.etcd`;
  const walDir = opts.walDir ?? `${dataDir}/member/wal`;
  const snapDir = `${dataDir}/member/snap`;
  const peerURLs = (opts.initialAdvertisePeerUrls ?? "http://localhost:2380").split(",");
  const initialCluster = opts.initialCluster ?? `${name}=${peerURLs.join(",")}`;
  const token = opts.initialClusterToken ?? DEFAULT_CLUSTER_TOKEN;
  // Membership from --initial-cluster: this member's URLs must be among them.
  const urlsOf = new Map<string, string[]>();
  for (const part of initialCluster.split(",")) {
    const [n, url] = part.split("=");
    if (!n || !url)
      return { error: `invalid value "${initialCluster}" for flag -initial-cluster: missing = in ${part}` };
    urlsOf.set(n, [...(urlsOf.get(n) ?? []), url]);
  }
  const own = urlsOf.get(name);
  if (!own || own.sort().join(",") !== [...peerURLs].sort().join(","))
    return {
      error: `--initial-cluster has ${name}=${(own ?? []).join(",")} but missing from --initial-advertise-peer-urls=${peerURLs.join(",")} ("${peerURLs.join(",")}"(resolved from "${peerURLs.join(",")}") != "${(own ?? []).join(",")}"(resolved from "${(own ?? []).join(",")}"))`,
    };
  const full = resolvePath(cwd, dataDir);
  if (fs.isFile(full) || (fs.isDir(full) && fs.list(full).length > 0))
    return { error: `data-dir ${JSON.stringify(dataDir)} not empty or could not be read` };
  const read = readSnapshot(fs, cwd, file);
  if ("error" in read) return read;
  const members = [...urlsOf].map(([, urls]) => ({ id: computeMemberId(urls, token), peerURLs: urls }));
  const selfId = computeMemberId(peerURLs, token);
  const ordered = [...members.filter((m) => m.id === selfId), ...members.filter((m) => m.id !== selfId)];
  const fields = {
    path: file,
    "wal-dir": walDir,
    "data-dir": dataDir,
    "snap-dir": snapDir,
    "initial-memory-map-size": INITIAL_MMAP_SIZE,
  };
  fs.mkdir(resolvePath(cwd, snapDir), true);
  fs.mkdir(resolvePath(cwd, walDir), true);
  fs.write(
    resolvePath(cwd, `${dataDir}/${DATA_DIR_FILES.db}`),
    encodeDb({ ...read.contents, members: ordered }),
  );
  fs.write(resolvePath(cwd, `${walDir}/${DATA_DIR_FILES.wal.split("/").pop()}`), "");
  const clusterId = computeClusterId(ordered.map((m) => m.id));
  return {
    logs: [
      zapConsole(ms, "snapshot/v3_snapshot.go:260", "restoring snapshot", fields),
      zapConsole(ms, "membership/store.go:141", "Trimming membership information from the backend..."),
      ...ordered.map((m) =>
        zapConsole(ms, "membership/cluster.go:421", "added member", {
          "cluster-id": clusterId,
          "local-member-id": "0",
          "added-peer-id": m.id,
          "added-peer-peer-urls": m.peerURLs,
        }),
      ),
      zapConsole(ms, "snapshot/v3_snapshot.go:287", "restored snapshot", fields),
    ],
  };
}
