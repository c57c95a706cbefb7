/**
 * Member and cluster IDs as etcd computes them (server/etcdserver/api/membership/member.go
 * computeMemberID, cluster.go genID): the first 8 bytes of a SHA-1, big endian, in hex.
 */
import { sha1 } from "../sh/applets/digest";

/** etcd's default --initial-cluster-token. */
export const DEFAULT_CLUSTER_TOKEN = "etcd-cluster";

/** A member's ID from its peer URLs and the cluster token (`8e9e05c52164694d` for http://localhost:2380). */
export function computeMemberId(peerURLs: readonly string[], token = DEFAULT_CLUSTER_TOKEN): string {
  const joined = [...peerURLs].sort().join("");
  return idFromSha1(sha1(new TextEncoder().encode(joined + token)));
}

/** A cluster's ID from its members' IDs (the member IDs as 8-byte big-endian words). */
export function computeClusterId(memberIds: readonly string[]): string {
  const bytes = new Uint8Array(8 * memberIds.length);
  memberIds.forEach((id, i) => {
    const hex = id.padStart(16, "0");
    for (let j = 0; j < 8; j++) bytes[i * 8 + j] = Number.parseInt(hex.slice(j * 2, j * 2 + 2), 16);
  });
  return idFromSha1(sha1(bytes));
}

/** types.ID's String(): the first 64 bits in hex, without leading zeros. */
function idFromSha1(hex: string): string {
  return hex.slice(0, 16).replace(/^0+(?=.)/, "");
}
