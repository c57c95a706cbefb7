/**
 * The etcd a control-plane container runs. The API store is etcd's keyspace; what this adds is
 * where that keyspace lives: the data directory etcd opens (--data-dir, through the container's
 * hostPath mount to the node's disk). Starting on the directory it last ran on changes nothing;
 * starting on another one that holds a database (one `etcdutl snapshot restore` wrote), or on
 * its own one whose database was replaced while it was down, makes the API objects that
 * database's; leaving a directory first writes the current keyspace there, as the running etcd
 * kept it. Kept apart from the store so the store stays one.
 *
 * Not modelled: a real etcd started on an empty directory (or one only inside its container)
 * begins a new, empty cluster; here the keyspace stays as it is and that directory becomes its
 * home.
 */
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster";
import { hostPathOf } from "../controlplane/files";
import type { ContainerProcess } from "../processes";
import { type DbContents, type DbMember, decodeDb, encodeDb, registryKey } from "./db";
import { computeMemberId } from "./member";
import type { EtcdClientTls, EtcdServer } from "./types";

/** The etcd version of kubeadm v1.32's image (registry.k8s.io/etcd:3.5.16-0). */
export const ETCD_VERSION = "3.5.16";

/** Kinds put back first when a keyspace is loaded, so that what depends on them finds them. */
const LOAD_ORDER = ["Namespace", "PriorityClass", "Node", "ConfigMap", "Secret", "ServiceAccount"];

/** Where a cluster's keyspace lives, and the members its database records. */
interface EtcdState {
  /** `node:path` of the data directory the keyspace was last opened from. */
  dir?: string;
  members?: DbMember[];
  /** Raft term: one more each time a member starts. */
  term: number;
  /** Each directory's database file as etcd last read or wrote it (undefined: it had none). */
  marks: Map<string, string | undefined>;
}

const STATES = new WeakMap<Cluster, EtcdState>();

function stateOf(cluster: Cluster): EtcdState {
  let s = STATES.get(cluster);
  if (!s) {
    s = { term: 1, marks: new Map() };
    STATES.set(cluster, s);
  }
  return s;
}

/** Every object of the API store, as etcd's key bucket holds them. */
export function keyspace(cluster: Cluster): KubeObject[] {
  const out: KubeObject[] = [];
  for (const kind of cluster.api.kinds()) out.push(...cluster.api.list(kind));
  return out;
}

/** The database a cluster's keyspace makes now. */
export function currentDb(cluster: Cluster, members: DbMember[]): DbContents {
  return { revision: Number(cluster.api.resourceVersion()), objects: keyspace(cluster), members };
}

/** The files of a data directory: its backend database and its WAL. */
export const DATA_DIR_FILES = {
  db: "member/snap/db",
  wal: "member/wal/0000000000000000-0000000000000000.wal",
};

/**
 * An etcd process starts on its data directory (flags: the parsed etcd flags). Returns the
 * server its client port answers with.
 */
export function startEtcd(
  cluster: Cluster,
  process: ContainerProcess,
  flags: ReadonlyMap<string, string>,
): EtcdServer {
  const state = stateOf(cluster);
  const name = flags.get("name") ?? "default";
  const dataDir = flags.get("data-dir") ?? `${name}.etcd`;
  const onHost = hostPathOf(process.pod, process.container, dataDir);
  const dir = onHost ? `${onHost.node}:${onHost.path}` : `${process.key}:${dataDir}`;
  const fs = onHost ? cluster.hosts.get(onHost.node)?.fs : undefined;
  const peerURLs = (flags.get("initial-advertise-peer-urls") ?? "http://localhost:2380").split(",");
  const ownMembers = (): DbMember[] => [
    { id: computeMemberId(peerURLs, flags.get("initial-cluster-token")), peerURLs },
  ];
  state.term++;
  const dbPath = `${onHost?.path}/${DATA_DIR_FILES.db}`;
  const dbText = fs?.isFile(dbPath) ? fs.read(dbPath) : undefined;
  // Its own directory whose database was replaced while it was down (removed, then restored
  // into the same path) counts as another directory.
  const replaced = state.dir === dir && dbText !== undefined && dbText !== state.marks.get(dir);
  if (state.dir !== dir || replaced) {
    const stored = dbText === undefined ? undefined : decodeDb(dbText);
    if (state.dir !== undefined && !replaced) leave(cluster, state);
    if (state.dir !== undefined && stored) {
      cluster.api.replaceContents(stored.objects, (kind) => rank(kind));
      state.members = stored.members.length ? stored.members : ownMembers();
    } else state.members = stored?.members.length ? stored.members : (state.members ?? ownMembers());
    state.dir = dir;
    state.marks.set(dir, dbText);
  }
  if (fs && onHost) {
    fs.mkdir(`${onHost.path}/member/snap`, true);
    fs.mkdir(`${onHost.path}/member/wal`, true);
  }
  const members = state.members ?? ownMembers();
  return etcdServer(cluster, process, flags, name, members, state.term);
}

/** The keyspace is written to the directory etcd leaves, where it kept it while it ran. */
function leave(cluster: Cluster, state: EtcdState): void {
  const [node, ...rest] = (state.dir as string).split(":");
  const path = rest.join(":");
  const fs = cluster.hosts.get(node as string)?.fs;
  if (!fs || !path.startsWith("/")) return;
  const text = encodeDb(currentDb(cluster, state.members ?? []));
  fs.mkdir(`${path}/member/snap`, true);
  fs.write(`${path}/${DATA_DIR_FILES.db}`, text);
  state.marks.set(state.dir as string, text);
}

function rank(kind: string): number {
  const i = LOAD_ORDER.indexOf(kind);
  return i < 0 ? LOAD_ORDER.length : i;
}

/** The server a running etcd answers its clients with. */
function etcdServer(
  cluster: Cluster,
  process: ContainerProcess,
  flags: ReadonlyMap<string, string>,
  name: string,
  members: DbMember[],
  term: number,
): EtcdServer {
  const fileText = (path: string | undefined): string | undefined => {
    if (!path) return undefined;
    const on = hostPathOf(process.pod, process.container, path);
    const fs = on ? cluster.hosts.get(on.node)?.fs : undefined;
    return on && fs?.isFile(on.path) ? fs.read(on.path) : undefined;
  };
  const serverTls = Boolean(flags.get("cert-file"));
  const clientCertAuth = flags.get("client-cert-auth") === "true";
  const clientURLs = (flags.get("advertise-client-urls") ?? "http://localhost:2379").split(",");
  const self = members[0] as DbMember;
  return {
    version: ETCD_VERSION,
    handshake(client: EtcdClientTls): string | undefined {
      if (!client.tls && serverTls) return "error reading server preface: EOF";
      if (client.tls && !serverTls)
        return "authentication handshake failed: tls: first record does not look like a TLS handshake";
      if (!client.tls) return undefined;
      // x509 Verify: a chain ends in a root of the pool, and a leaf that is itself in the pool
      // is a chain of one (so --cacert naming server.crt verifies the server too).
      const trustedCa = fileText(flags.get("trusted-ca-file"));
      const verifiesServer =
        client.ca !== undefined &&
        (client.ca === trustedCa || client.ca === fileText(flags.get("cert-file")));
      if (!client.insecure && !verifiesServer)
        return "authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority";
      if (clientCertAuth && client.cert === undefined)
        return "authentication handshake failed: remote error: tls: certificate required";
      // The CA's own certificate is in the ClientCAs pool: presented as a client cert, it verifies.
      if (clientCertAuth && client.cert !== trustedCa && !signedByCa(cluster, process, client.cert as string))
        return "authentication handshake failed: remote error: tls: bad certificate";
      return undefined;
    },
    snapshot: () => encodeDb(currentDb(cluster, members)),
    status: () => {
      const revision = Number(cluster.api.resourceVersion());
      return {
        memberId: self.id,
        version: ETCD_VERSION,
        dbSize: new TextEncoder().encode(encodeDb(currentDb(cluster, members))).length,
        leader: true,
        isLearner: false,
        raftTerm: term,
        raftIndex: revision + term,
        raftAppliedIndex: revision + term,
        revision,
      };
    },
    members: () =>
      members.map((m, i) => ({
        id: m.id,
        name: i === 0 ? name : "",
        peerURLs: m.peerURLs,
        clientURLs: i === 0 ? clientURLs : [],
        isLearner: false,
      })),
    range: (prefix) =>
      keyspace(cluster)
        .map((o) => ({ key: registryKey(o), value: JSON.stringify(o) }))
        .filter((kv) => kv.key.startsWith(prefix))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The client certificates kubeadm's etcd CA signs (pki/etcd/*.crt but the CA, and apiserver-etcd-client.crt). */
function signedByCa(cluster: Cluster, process: ContainerProcess, cert: string): boolean {
  const fs = process.pod.spec?.nodeName ? cluster.hosts.get(process.pod.spec.nodeName)?.fs : undefined;
  if (!fs) return false;
  const paths = ["server", "peer", "healthcheck-client"].map((n) => `/etc/kubernetes/pki/etcd/${n}.crt`);
  paths.push("/etc/kubernetes/pki/apiserver-etcd-client.crt");
  return paths.some((p) => fs.isFile(p) && fs.read(p) === cert);
}
