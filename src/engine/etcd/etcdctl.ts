/**
 * etcdctl v3.5 and etcdutl v3.5 as programs (etcdctl/ctlv3, etcdutl/etcdutl): etcdctl reaches an
 * etcd's client port through the network as a gRPC client does (TLS from --cacert, --cert,
 * --key; a failed handshake retries until the command timeout, then `Error: context deadline
 * exceeded`); etcdutl works on files only.
 */
import { resolvePath } from "../node/fs";
import type { CommandContext, Proc } from "../sh/interface";
import { humanizeBytes } from "./db";
import { computeClusterId } from "./member";
import { renderTable, zapJson } from "./output";
import { ETCD_VERSION } from "./server";
import {
  DB_STATUS_HEADER,
  dbStatusJson,
  dbStatusRow,
  type RestoreOptions,
  readSnapshot,
  restoreSnapshot,
} from "./snapshotfile";
import type { EtcdClientTls, EtcdServer } from "./types";

/** The API version both tools print (`API version: 3.5`). */
export const API_VERSION = "3.5";

/** What etcdctl prints when a request outlives its context. */
export const ErrDeadlineExceeded = "context deadline exceeded";

/** The deprecation notes etcdctl 3.5 prints before running etcdutl's code (snapshot_command.go). */
export const DEPRECATED_STATUS = "Deprecated: Use `etcdutl snapshot status` instead.\n\n";
export const DEPRECATED_RESTORE = "Deprecated: Use `etcdutl snapshot restore` instead.\n\n";

/** Flags that take a value (global ones and the commands'), with their shorthands. */
const VALUE_FLAGS = new Set([
  "endpoints",
  "cacert",
  "cert",
  "key",
  "write-out",
  "dial-timeout",
  "command-timeout",
  "keepalive-time",
  "keepalive-timeout",
  "user",
  "password",
  "discovery-srv",
  "discovery-srv-name",
  "data-dir",
  "wal-dir",
  "name",
  "initial-cluster",
  "initial-cluster-token",
  "initial-advertise-peer-urls",
  "limit",
  "sort-by",
  "order",
  "rev",
  "consistency",
]);
const BOOL_FLAGS = new Set([
  "insecure-transport",
  "insecure-skip-tls-verify",
  "insecure-discovery",
  "hex",
  "debug",
  "prefix",
  "keys-only",
  "count-only",
  "print-value-only",
  "from-key",
  "cluster",
  "skip-hash-check",
  "mark-compacted",
  "bump-revision",
  "help",
]);
const SHORTHANDS: Record<string, string> = { w: "write-out", h: "help" };

interface Parsed {
  args: string[];
  flags: Map<string, string>;
}

/** Parses a command line as cobra/pflag does (flags anywhere; `--x=v`, `--x v`, `-w table`). */
function parse(argv: readonly string[], env: Record<string, string>): Parsed | { error: string } {
  const flags = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    const m = /^(--?)([^=]+)(?:=(.*))?$/.exec(a);
    if (!m || a === "-") {
      args.push(a);
      continue;
    }
    const name = m[1] === "-" ? SHORTHANDS[m[2] as string] : (m[2] as string);
    if (!name || (!VALUE_FLAGS.has(name) && !BOOL_FLAGS.has(name)))
      return {
        error:
          m[1] === "-"
            ? `unknown shorthand flag: '${(m[2] as string)[0]}' in ${a}`
            : `unknown flag: ${a.split("=")[0]}`,
      };
    if (BOOL_FLAGS.has(name)) flags.set(name, m[3] ?? "true");
    else if (m[3] !== undefined) flags.set(name, m[3]);
    else if (i + 1 < argv.length) flags.set(name, argv[++i] as string);
    else return { error: `flag needs an argument: ${a}` };
  }
  // Every global flag can come from ETCDCTL_<FLAG> (flags.SetPflagsFromEnv).
  for (const name of ["endpoints", "cacert", "cert", "key", "write-out", "dial-timeout", "command-timeout"]) {
    const v = env[`ETCDCTL_${name.toUpperCase().replace(/-/g, "_")}`];
    if (v !== undefined && !flags.has(name)) flags.set(name, v);
  }
  return { args, flags };
}

/** A fake pointer in the client's target name, as the resolver prints it. */
const TARGET_POINTER = "0xc000318000";

/** The connection etcdctl makes: the server, or the gRPC error every attempt got. */
type Dialed = { server: EtcdServer } | { error: string };

/** Dials an endpoint with the TLS the flags give; file errors come back as `open X: ...`. */
function dial(ctx: CommandContext, endpoint: string, tls: EtcdClientTls): Dialed {
  const hostPort = endpoint.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
  const m = /^(.*):(\d+)$/.exec(hostPort);
  const host = (m?.[1] ?? hostPort).replace(/^\[(.*)\]$/, "$1");
  const port = Number(m?.[2] ?? 2379);
  const conn = ctx.sys.network.connect(host, port);
  if (conn === "refused")
    return { error: `transport: Error while dialing: dial tcp ${hostPort}: connect: connection refused` };
  if (conn === "timeout")
    return { error: `transport: Error while dialing: dial tcp ${hostPort}: i/o timeout` };
  if (conn === "unresolved")
    return { error: `transport: Error while dialing: dial tcp: lookup ${host}: no such host` };
  if (!conn.etcd) return { error: "error reading server preface: EOF" };
  const failed = conn.etcd.handshake(tls);
  if (failed) return { error: failed.startsWith("authentication") ? `transport: ${failed}` : failed };
  return { server: conn.etcd };
}

/** The retry interceptor's warning after the last attempt failed (client/v3/retry_interceptor.go). */
function retryWarning(ms: number, endpoint: string, error: string): string {
  const target = `etcd-endpoints://${TARGET_POINTER}/${endpoint.replace(/^[a-z]+:\/\//, "")}`;
  return zapJson(
    ms,
    "warn",
    `v3@v${ETCD_VERSION}/retry_interceptor.go:63`,
    "retrying of unary invoker failed",
    {
      target,
      attempt: 0,
      error: `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = ${JSON.stringify(error)}`,
    },
    "etcd-client",
  );
}

/** The client side of a command line: endpoints and TLS, or the error reading a file gives. */
function clientConfig(
  ctx: CommandContext,
  flags: Map<string, string>,
): { endpoints: string[]; tls: EtcdClientTls } | { error: string } {
  const read = (flag: string): string | undefined | { error: string } => {
    const p = flags.get(flag);
    if (p === undefined || p === "") return undefined;
    const full = resolvePath(ctx.cwd, p);
    if (!ctx.fs.isFile(full))
      return {
        error: ctx.fs.isDir(full) ? `read ${p}: is a directory` : `open ${p}: no such file or directory`,
      };
    return ctx.fs.read(full);
  };
  // transport.TLSInfo.ClientConfig loads the key pair, then the CA.
  const cert = read("cert");
  if (typeof cert === "object") return cert;
  const key = read("key");
  if (typeof key === "object") return key;
  const ca = read("cacert");
  if (typeof ca === "object") return ca;
  const endpoints = (flags.get("endpoints") ?? "127.0.0.1:2379").split(",").filter(Boolean);
  const withTls = ca !== undefined || cert !== undefined || flags.get("insecure-skip-tls-verify") === "true";
  return {
    endpoints,
    tls: {
      tls: withTls,
      ca,
      cert: cert !== undefined && key !== undefined ? cert : undefined,
      insecure: flags.get("insecure-skip-tls-verify") === "true",
    },
  };
}

/** Whether the client speaks TLS to one endpoint: https://, or a bare host:port with TLS flags. */
function tlsFor(endpoint: string, tls: EtcdClientTls): EtcdClientTls {
  if (endpoint.startsWith("https://")) return { ...tls, tls: true };
  if (endpoint.startsWith("http://")) return { ...tls, tls: false };
  return tls;
}

/** etcdctl: talks to etcd over its client port. */
export function* etcdctl(ctx: CommandContext): Proc {
  const parsed = parse(ctx.argv.slice(1), ctx.env);
  if ("error" in parsed) return fail(ctx, parsed.error);
  const { args, flags } = parsed;
  const out = flags.get("write-out") ?? "simple";
  const [cmd, sub] = args;
  if (!cmd || flags.get("help") === "true") {
    ctx.stdout.write(ETCDCTL_USAGE);
    return 0;
  }
  if (cmd === "version") {
    ctx.stdout.write(`etcdctl version: ${ETCD_VERSION}\nAPI version: ${API_VERSION}\n`);
    return 0;
  }
  if (cmd === "snapshot" && sub === "status") {
    ctx.stderr.write(DEPRECATED_STATUS);
    return snapshotStatus(ctx, args.slice(2), out);
  }
  if (cmd === "snapshot" && sub === "restore") {
    ctx.stderr.write(DEPRECATED_RESTORE);
    return snapshotRestore(ctx, args.slice(2), flags);
  }
  const known =
    (cmd === "snapshot" && sub === "save") ||
    (cmd === "member" && sub === "list") ||
    (cmd === "endpoint" && (sub === "health" || sub === "status")) ||
    cmd === "get";
  if (!known) return fail(ctx, `unknown command "${[cmd, sub].filter(Boolean).join(" ")}" for "etcdctl"`);
  if (cmd === "snapshot" && args.length !== 3)
    return fail(ctx, "snapshot save expects one argument", ExitBadArgs);
  if (cmd === "get" && args.length < 2)
    return fail(
      ctx,
      "get command needs one argument as key and an optional argument as range_end",
      ExitBadArgs,
    );
  const timeoutFlag = flags.get("command-timeout");
  const timeout = goDuration(timeoutFlag ?? "5s");
  if (timeout === undefined)
    return fail(
      ctx,
      `invalid argument "${timeoutFlag}" for "--command-timeout" flag: time: invalid duration "${timeoutFlag}"`,
    );
  const cfg = clientConfig(ctx, flags);
  if ("error" in cfg) return fail(ctx, cfg.error, ExitBadArgs);
  if (cmd === "snapshot")
    return yield* snapshotSave(
      ctx,
      args[2] as string,
      cfg.endpoints,
      cfg.tls,
      timeoutFlag ? timeout : undefined,
    );
  if (cmd === "endpoint" && sub === "health")
    return yield* endpointHealth(ctx, cfg.endpoints, cfg.tls, out, timeout);
  // The other requests go to the first endpoint that answers.
  const endpoint = cfg.endpoints[0] as string;
  const dialed = dial(ctx, endpoint, tlsFor(endpoint, cfg.tls));
  if ("error" in dialed) {
    yield { kind: "sleep", ms: timeout };
    ctx.stderr.write(`${retryWarning(ctx.sys.now(), endpoint, dialed.error)}\n`);
    return fail(ctx, ErrDeadlineExceeded);
  }
  const server = dialed.server;
  if (cmd === "member") {
    if (out === "json") return printJson(ctx, memberListJson(server));
    return print(ctx, out, MEMBER_HEADER, server.members().map(memberRow));
  }
  if (cmd === "endpoint") {
    if (out === "json")
      return printJson(ctx, `[${cfg.endpoints.map((ep) => endpointStatusJson(ep, server)).join(",")}]`);
    const rows = cfg.endpoints.map((ep) => statusRow(ep, server));
    return print(ctx, out, STATUS_HEADER, rows);
  }
  return get(ctx, server, args[1] as string, flags);
}

/** etcdutl: works on snapshot files and data directories. */
export function etcdutl(ctx: CommandContext): number {
  const parsed = parse(ctx.argv.slice(1), ctx.env);
  if ("error" in parsed) return fail(ctx, parsed.error);
  const { args, flags } = parsed;
  const [cmd, sub] = args;
  if (!cmd || flags.get("help") === "true") {
    ctx.stdout.write(ETCDUTL_USAGE);
    return 0;
  }
  if (cmd === "version") {
    ctx.stdout.write(`etcdutl version: ${ETCD_VERSION}\nAPI version: ${API_VERSION}\n`);
    return 0;
  }
  if (cmd === "snapshot" && sub === "status")
    return snapshotStatus(ctx, args.slice(2), flags.get("write-out") ?? "simple");
  if (cmd === "snapshot" && sub === "restore") return snapshotRestore(ctx, args.slice(2), flags);
  return fail(ctx, `unknown command "${[cmd, sub].filter(Boolean).join(" ")}" for "etcdutl"`);
}

/** pkg/cobrautl's exit codes. */
export const ExitError = 1;
export const ExitInterrupted = 5;
export const ExitBadArgs = 128;

/** cobrautl.ExitWithError: `Error: MESSAGE` on stderr, then the exit code. */
function fail(ctx: CommandContext, message: string, code = ExitError): number {
  ctx.stderr.write(`Error: ${message}\n`);
  return code;
}

/** A Go duration flag (`5s`, `1m30s`, `500ms`) in ms; undefined when it does not parse. */
export function goDuration(text: string): number | undefined {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  if (text === "0") return 0;
  let ms = 0;
  let rest = text;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    ms += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return text ? ms : undefined;
}

/**
 * snapshot save: the JSON lines of client/v3/snapshot, then `Snapshot saved at FILE`. The
 * request waits for a ready connection (clientv3's WaitForReady) with no deadline unless
 * --command-timeout is given: against a server it cannot handshake with, it hangs until
 * interrupted.
 */
function* snapshotSave(
  ctx: CommandContext,
  file: string,
  endpoints: string[],
  tls: EtcdClientTls,
  timeout: number | undefined,
): Proc {
  if (endpoints.length !== 1)
    return fail(
      ctx,
      `snapshot must be requested to one selected node, not multiple [${endpoints.join(" ")}]`,
      ExitInterrupted,
    );
  const endpoint = endpoints[0] as string;
  const log = (line: string) => ctx.stderr.write(`${line}\n`);
  const part = `${file}.part`;
  const partPath = resolvePath(ctx.cwd, part);
  const dir = partPath.slice(0, partPath.lastIndexOf("/")) || "/";
  if (!ctx.fs.isDir(dir))
    return fail(ctx, `could not open ${part} (open ${part}: no such file or directory)`, ExitInterrupted);
  log(
    zapJson(ctx.sys.now(), "info", "snapshot/v3_snapshot.go:65", "created temporary db file", { path: part }),
  );
  // os.OpenFile(partPath, O_CREATE|O_TRUNC), removed again whatever happens (defer os.RemoveAll).
  ctx.fs.write(partPath, "");
  const dialed = dial(ctx, endpoint, tlsFor(endpoint, tls));
  if ("error" in dialed) {
    if (timeout === undefined)
      try {
        for (;;) yield { kind: "forever" };
      } finally {
        if (ctx.fs.isFile(partPath)) ctx.fs.remove(partPath);
      }
    yield { kind: "sleep", ms: timeout };
    ctx.fs.remove(partPath);
    return fail(ctx, ErrDeadlineExceeded, ExitInterrupted);
  }
  const maintenance = `v3@v${ETCD_VERSION}/maintenance.go`;
  log(
    zapJson(ctx.sys.now(), "info", `${maintenance}:212`, "opened snapshot stream; downloading", {}, "client"),
  );
  log(zapJson(ctx.sys.now(), "info", "snapshot/v3_snapshot.go:73", "fetching snapshot", { endpoint }));
  const db = dialed.server.snapshot();
  ctx.fs.write(partPath, db);
  log(zapJson(ctx.sys.now(), "info", `${maintenance}:220`, "completed snapshot read; closing", {}, "client"));
  const size = humanizeBytes(new TextEncoder().encode(db).length);
  log(
    zapJson(ctx.sys.now(), "info", "snapshot/v3_snapshot.go:88", "fetched snapshot", {
      endpoint,
      size,
      took: "now",
    }),
  );
  ctx.fs.write(resolvePath(ctx.cwd, file), db);
  ctx.fs.remove(partPath);
  log(zapJson(ctx.sys.now(), "info", "snapshot/v3_snapshot.go:97", "saved", { path: file }));
  ctx.stdout.write(`Snapshot saved at ${file}\n`);
  return 0;
}

/** snapshot status FILE: hash, revision, total keys, total size. */
function snapshotStatus(ctx: CommandContext, args: string[], out: string): number {
  if (args.length !== 1) return fail(ctx, "snapshot status requires exactly one argument", ExitBadArgs);
  const read = readSnapshot(ctx.fs, ctx.cwd, args[0] as string);
  if ("error" in read) return fail(ctx, read.error);
  if (out === "json") {
    ctx.stdout.write(`${dbStatusJson(read.status)}\n`);
    return 0;
  }
  return print(ctx, out, DB_STATUS_HEADER, [dbStatusRow(read.status)]);
}

/** snapshot restore FILE: a new data directory. */
function snapshotRestore(ctx: CommandContext, args: string[], flags: Map<string, string>): number {
  if (args.length !== 1) return fail(ctx, "snapshot restore requires exactly one argument", ExitBadArgs);
  const opts: RestoreOptions = {
    dataDir: flags.get("data-dir"),
    walDir: flags.get("wal-dir"),
    name: flags.get("name"),
    initialCluster: flags.get("initial-cluster"),
    initialClusterToken: flags.get("initial-cluster-token"),
    initialAdvertisePeerUrls: flags.get("initial-advertise-peer-urls"),
  };
  const r = restoreSnapshot(ctx.fs, ctx.cwd, args[0] as string, opts, ctx.sys.now());
  if ("error" in r) return fail(ctx, r.error);
  ctx.stderr.write(r.logs.map((l) => `${l}\n`).join(""));
  return 0;
}

/** simple (rows joined by `, `) or table output; other formats print as simple. */
function print(ctx: CommandContext, out: string, header: string[], rows: string[][]): number {
  if (out === "table") ctx.stdout.write(renderTable(header, rows));
  else ctx.stdout.write(rows.map((r) => `${r.join(", ")}\n`).join(""));
  return 0;
}

/** printJSON: one line of Go's json.Marshal. */
function printJson(ctx: CommandContext, json: string): number {
  ctx.stdout.write(`${json}\n`);
  return 0;
}

/** A member or cluster ID as Go's json.Marshal writes a uint64: decimal, unquoted. */
function uint64(hexId: string): string {
  return BigInt(`0x${hexId}`).toString();
}

/** etcdserverpb.ResponseHeader's JSON (cluster_id, member_id, revision when set, raft_term). */
function headerJson(server: EtcdServer, revision?: number): string {
  const s = server.status();
  const cid = computeClusterId(server.members().map((m) => m.id));
  const rev = revision ? `"revision":${revision},` : "";
  return `{"cluster_id":${uint64(cid)},"member_id":${uint64(s.memberId)},${rev}"raft_term":${s.raftTerm}}`;
}

/** MemberListResponse as `-w json` prints it. */
function memberListJson(server: EtcdServer): string {
  const members = server.members().map((m) => {
    const fields = [`"ID":${uint64(m.id)}`];
    if (m.name) fields.push(`"name":${JSON.stringify(m.name)}`);
    fields.push(`"peerURLs":${JSON.stringify(m.peerURLs)}`);
    if (m.clientURLs.length) fields.push(`"clientURLs":${JSON.stringify(m.clientURLs)}`);
    return `{${fields.join(",")}}`;
  });
  return `{"header":${headerJson(server)},"members":[${members.join(",")}]}`;
}

/** One endpoint's epStatus as `endpoint status -w json` prints it. */
function endpointStatusJson(endpoint: string, server: EtcdServer): string {
  const s = server.status();
  const status = [
    `"header":${headerJson(server, s.revision)}`,
    `"version":${JSON.stringify(s.version)}`,
    `"dbSize":${s.dbSize}`,
    `"leader":${uint64(s.memberId)}`,
    `"raftIndex":${s.raftIndex}`,
    `"raftTerm":${s.raftTerm}`,
    `"raftAppliedIndex":${s.raftAppliedIndex}`,
    `"dbSizeInUse":${s.dbSize}`,
  ];
  return `{"Endpoint":${JSON.stringify(endpoint)},"Status":{${status.join(",")}}}`;
}

const MEMBER_HEADER = ["ID", "Status", "Name", "Peer Addrs", "Client Addrs", "Is Learner"];

function memberRow(m: ReturnType<EtcdServer["members"]>[number]): string[] {
  return [
    m.id,
    m.name ? "started" : "unstarted",
    m.name,
    m.peerURLs.join(","),
    m.clientURLs.join(","),
    String(m.isLearner),
  ];
}

const STATUS_HEADER = [
  "endpoint",
  "ID",
  "version",
  "db size",
  "is leader",
  "is learner",
  "raft term",
  "raft index",
  "raft applied index",
  "errors",
];

function statusRow(endpoint: string, server: EtcdServer): string[] {
  const s = server.status();
  return [
    endpoint,
    s.memberId,
    s.version,
    humanizeBytes(s.dbSize),
    String(s.leader),
    String(s.isLearner),
    String(s.raftTerm),
    String(s.raftIndex),
    String(s.raftAppliedIndex),
    "",
  ];
}

/** endpoint health: each endpoint commits a proposal (a linearizable Get), or is unhealthy. */
function* endpointHealth(
  ctx: CommandContext,
  endpoints: string[],
  tls: EtcdClientTls,
  out: string,
  timeout: number,
): Proc {
  const results: { ep: string; health: boolean; took: string; error: string }[] = [];
  let waited = false;
  for (const ep of endpoints) {
    const dialed = dial(ctx, ep, tlsFor(ep, tls));
    if ("error" in dialed) {
      if (!waited) yield { kind: "sleep", ms: timeout };
      waited = true;
      ctx.stderr.write(`${retryWarning(ctx.sys.now(), ep, dialed.error)}\n`);
      results.push({ ep, health: false, took: "", error: ErrDeadlineExceeded });
      continue;
    }
    results.push({ ep, health: true, took: proposalTook(dialed.server), error: "" });
  }
  if (out === "json")
    ctx.stdout.write(
      `${JSON.stringify(results.map((r) => ({ endpoint: r.ep, health: r.health, took: r.took, ...(r.error ? { error: r.error } : {}) })))}\n`,
    );
  else if (out === "table")
    ctx.stdout.write(
      renderTable(
        ["endpoint", "health", "took", "error"],
        results.map((r) => [r.ep, String(r.health), r.took, r.error]),
      ),
    );
  else
    for (const r of results)
      if (r.health)
        ctx.stdout.write(`${r.ep} is healthy: successfully committed proposal: took = ${r.took}\n`);
      else ctx.stderr.write(`${r.ep} is unhealthy: failed to commit proposal: ${r.error}\n`);
  if (results.some((r) => !r.health)) return fail(ctx, "unhealthy cluster");
  return 0;
}

/** How long the health check's proposal took, as Go prints a Duration (`7.482563ms`): from the revision. */
function proposalTook(server: EtcdServer): string {
  const rev = server.status().revision;
  const micros = 6000 + ((rev * 7919) % 4000);
  return `${(micros / 1000).toFixed(6).replace(/0+$/, "")}ms`;
}

/** get KEY [--prefix] [--keys-only]: each key, then its value (an empty line with --keys-only). */
function get(ctx: CommandContext, server: EtcdServer, key: string, flags: Map<string, string>): number {
  const prefix = flags.get("prefix") === "true";
  const kvs = server.range(key).filter((kv) => prefix || kv.key === key);
  const limit = Number(flags.get("limit") ?? 0);
  const shown = limit > 0 ? kvs.slice(0, limit) : kvs;
  if (flags.get("count-only") === "true") return 0;
  for (const kv of shown) {
    if (flags.get("keys-only") === "true") ctx.stdout.write(`${kv.key}\n\n`);
    else if (flags.get("print-value-only") === "true") ctx.stdout.write(`${kv.value}\n`);
    else ctx.stdout.write(`${kv.key}\n${kv.value}\n`);
  }
  return 0;
}

const ETCDCTL_USAGE = `NAME:
	etcdctl - A simple command line client for etcd3.

USAGE:
	etcdctl [flags]

VERSION:
	${ETCD_VERSION}

API VERSION:
	${API_VERSION}

COMMANDS:
	endpoint health		Checks the healthiness of endpoints specified in \`--endpoints\` flag
	endpoint status		Prints out the status of endpoints specified in \`--endpoints\` flag
	get			Gets the key or a range of keys
	member list		Lists all members in the cluster
	snapshot restore	Restores an etcd member snapshot to an etcd directory
	snapshot save		Stores an etcd node backend snapshot to a given file
	snapshot status		[deprecated] Gets backend snapshot status of a given file
	version			Prints the version of etcdctl

OPTIONS:
      --cacert=""				verify certificates of TLS-enabled secure servers using this CA bundle
      --cert=""					identify secure client using this TLS certificate file
      --command-timeout=5s			timeout for short running command (excluding dial timeout)
      --dial-timeout=2s				dial timeout for client connections
      --endpoints=[127.0.0.1:2379]		gRPC endpoints
      --insecure-skip-tls-verify[=false]	skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)
      --key=""					identify secure client using this TLS key file
  -w, --write-out="simple"			set the output format (fields, json, protobuf, simple, table)
`;

const ETCDUTL_USAGE = `Usage:
  etcdutl [command]

Available Commands:
  snapshot    Manages etcd node snapshots
  version     Prints the version of etcdutl

Flags:
  -h, --help                help for etcdutl
  -w, --write-out string    set the output format (fields, json, protobuf, simple, table) (default "simple")

Use "etcdutl [command] --help" for more information about a command.
`;
