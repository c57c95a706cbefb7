/**
 * What an etcd server answers its clients over its client port (the gRPC services etcdctl
 * calls): maintenance (Snapshot, Status), cluster (MemberList) and KV (Range). A listener on
 * 2379 carries one.
 */

/** A member as MemberList returns it. */
export interface EtcdMemberInfo {
  id: string;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
  isLearner: boolean;
}

/** Maintenance.Status's answer. */
export interface EtcdStatusInfo {
  memberId: string;
  version: string;
  dbSize: number;
  leader: boolean;
  isLearner: boolean;
  raftTerm: number;
  raftIndex: number;
  raftAppliedIndex: number;
  revision: number;
}

/** The TLS side of a client's connection: the texts of the files it presents. */
export interface EtcdClientTls {
  /** The client speaks TLS (an https:// endpoint, or TLS flags with a bare host:port). */
  tls: boolean;
  /** The CA bundle it verifies the server with; undefined: the system roots. */
  ca?: string;
  /** Its client certificate, if any. */
  cert?: string;
  /** Skips server verification (--insecure-skip-tls-verify). */
  insecure?: boolean;
}

/** An etcd server as its clients reach it. */
export interface EtcdServer {
  /** The server's version (3.5.16). */
  readonly version: string;
  /**
   * Whether a client's connection gets through TLS: undefined when it does, else the transport
   * error gRPC reports (`authentication handshake failed: x509: ...`).
   */
  handshake(client: EtcdClientTls): string | undefined;
  /** The database as Maintenance.Snapshot streams it (a db file's text). */
  snapshot(): string;
  status(): EtcdStatusInfo;
  members(): EtcdMemberInfo[];
  /** Range over keys with a prefix: the keys in order, each with its value. */
  range(prefix: string): { key: string; value: string }[];
}
