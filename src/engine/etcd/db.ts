/**
 * etcd's backend file (member/snap/db, and a snapshot file: the same bbolt database with a
 * SHA-256 appended) as Kubeglass writes it: bbolt's first meta page header, then the keys at one
 * revision as JSON. Users see a binary file; `snapshot status` reads it back.
 */
import { RESOURCES } from "../api/resources";
import type { KubeObject } from "../api/types";

/** bbolt's meta page: page id 0, flags 0x04 (metaPageFlag), then the magic 0xED0CDAED (little endian). */
const DB_HEADER =
  "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u00ed\u00da\u000c\u00ed";

/** A member of the cluster a database belongs to (etcd's "members" bucket). */
export interface DbMember {
  /** The member ID, lowercase hex without leading zeros (types.ID's String). */
  id: string;
  peerURLs: string[];
}

/** What a database holds: the API objects (the "key" bucket) at a revision, and the members. */
export interface DbContents {
  revision: number;
  objects: KubeObject[];
  members: DbMember[];
}

/** The text of a database file holding contents. */
export function encodeDb(contents: DbContents): string {
  return `${DB_HEADER}${JSON.stringify({ revision: contents.revision, members: contents.members, objects: contents.objects })}`;
}

/** A database file's contents; undefined when the text is not one (etcd: "invalid database"). */
export function decodeDb(text: string): DbContents | undefined {
  if (!text.startsWith(DB_HEADER)) return undefined;
  try {
    const data = JSON.parse(text.slice(DB_HEADER.length)) as Partial<DbContents>;
    if (typeof data.revision !== "number" || !Array.isArray(data.objects)) return undefined;
    return { revision: data.revision, objects: data.objects, members: data.members ?? [] };
  } catch {
    return undefined;
  }
}

/** etcdutl's dbstatus: the hash of the keys, the revision, the key count and the file size in bytes. */
export interface DbStatus {
  hash: number;
  revision: number;
  totalKey: number;
  totalSize: number;
}

/** The status of a database file (etcdutl/snapshot's Status: a CRC-32C over the buckets' keys and values). */
export function dbStatus(text: string, contents: DbContents): DbStatus {
  const bytes = new TextEncoder().encode(text);
  return {
    hash: crc32c(bytes),
    revision: contents.revision,
    totalKey: contents.objects.length,
    totalSize: bytes.length,
  };
}

let CRC_TABLE: Uint32Array | undefined;

/** CRC-32 with the Castagnoli polynomial (Go's crc32.MakeTable(crc32.Castagnoli)). */
export function crc32c(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** go-humanize's Bytes: SI units, `82 B`, `2.1 MB`, `15 MB`. */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const val = Math.floor((n / 1000 ** e) * 10 + 0.5) / 10;
  return `${val < 10 ? val.toFixed(1) : val.toFixed(0)} ${units[e]}`;
}

/** The kube-apiserver's storage prefix of a kind's objects (the registry's resource prefix). */
const KEY_PREFIX: Record<string, string> = {
  Node: "minions",
  Service: "services/specs",
  Endpoints: "services/endpoints",
  Ingress: "ingress",
};

/** The etcd key the kube-apiserver stores an object under: `/registry/pods/default/web`. */
export function registryKey(obj: KubeObject): string {
  const res = RESOURCES.find((r) => r.kind === obj.kind);
  const prefix = KEY_PREFIX[obj.kind] ?? res?.plural ?? `${obj.kind.toLowerCase()}s`;
  const ns = obj.metadata.namespace;
  return `/registry/${prefix}/${ns ? `${ns}/` : ""}${obj.metadata.name}`;
}
